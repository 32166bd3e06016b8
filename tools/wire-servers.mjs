#!/usr/bin/env node
// What a first load puts on the wire from real servers (issue 24), for
// docs/performance.md and the server rules of packaging/bundle/INSTALL.md:
// the release bundle (www/release/, with the bundle's .htaccess) served on
// 127.0.0.1 by Debian's Apache, nginx and Caddy, each with its Debian
// defaults and with the rule INSTALL.md gives, and every file of a first
// load asked for as a browser asks (Accept-Encoding: gzip, deflate, br).
// Prints per server the Content-Type and Content-Encoding each file comes
// with and the bytes of its body; the wasm as the release's loader fetches
// it (the .wasm.gz) and as it was fetched before (the .wasm).
//
//   node tools/wire-servers.mjs [--json]
//
// Binaries: APACHE2 (default /usr/sbin/apache2), NGINX, CADDY (default:
// from PATH); a server that is not installed is skipped. Not part of
// `make test`: the e2e suite (tests/e2e/wire.spec.js) runs tools/serve.py
// with and without --gzip instead. Each server is started on a free port
// in a folder of its own under the system's temporary folder and stopped
// (by its process id) before the next one starts.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';
import { which } from './which.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RELEASE = join(ROOT, 'www/release');
const manifest = JSON.parse(readFileSync(join(RELEASE, 'manifest.json'), 'utf8'));
const BIN = {
  apache: process.env.APACHE2 || (existsSync('/usr/sbin/apache2') ? '/usr/sbin/apache2' : null),
  nginx: process.env.NGINX || which('nginx'),
  caddy: process.env.CADDY || which('caddy'),
};

/** GET `url` as a browser would: status, type, encoding and the bytes of the body as sent. */
const get = (url) => new Promise((resolve, reject) => {
  http.get(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (res) => {
    let bytes = 0;
    res.on('data', (d) => { bytes += d.length; });
    res.on('end', () => resolve({
      status: res.statusCode, type: res.headers['content-type'] ?? '', encoding: res.headers['content-encoding'] ?? '', bytes,
    }));
  }).on('error', reject);
});

async function until(url, child, log) {
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${log()}`);
    try {
      return await get(url);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`no answer within 10 s: ${log()}`);
}

/** A folder readable by the servers' worker users, with the bundle under changecost/. */
function site() {
  const dir = mkdtempSync(join(os.tmpdir(), 'changecost-wire-'));
  cpSync(RELEASE, join(dir, 'changecost'), { recursive: true });
  cpSync(join(ROOT, 'packaging/bundle/htaccess'), join(dir, 'changecost/.htaccess'));
  for (const d of [dir, join(dir, 'changecost')]) chmodSync(d, 0o755);
  return dir;
}

const user = process.getuid?.() === 0;

/**
 * Debian's Apache: its mime and deflate settings (`deflate: false`: the
 * module without them, as some hosts have it), the bundle's .htaccess;
 * `extra` lines in the server config.
 */
function apache(dir, port, { extra = '', deflate = true } = {}) {
  const mods = '/usr/lib/apache2/modules';
  const conf = join(dir, 'apache.conf');
  writeFileSync(conf, `ServerRoot ${dir}
Listen 127.0.0.1:${port}
PidFile ${dir}/apache.pid
ErrorLog ${dir}/apache-error.log
Mutex file:${dir} default
${user ? 'User www-data\nGroup www-data' : ''}
ServerName 127.0.0.1
LoadModule mpm_event_module ${mods}/mod_mpm_event.so
LoadModule authz_core_module ${mods}/mod_authz_core.so
LoadModule mime_module ${mods}/mod_mime.so
LoadModule filter_module ${mods}/mod_filter.so
LoadModule deflate_module ${mods}/mod_deflate.so
LoadModule headers_module ${mods}/mod_headers.so
TypesConfig /etc/mime.types
Include /etc/apache2/mods-available/mime.conf
${deflate ? 'Include /etc/apache2/mods-available/deflate.conf' : ''}
${extra}
DocumentRoot ${dir}
<Directory ${dir}>
  AllowOverride All
  Require all granted
</Directory>
`);
  return spawn(BIN.apache, ['-f', conf, '-DFOREGROUND'], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Debian's nginx.conf (gzip on, gzip_types commented out); `extra` lines in its http block. */
function nginx(dir, port, extra = '') {
  const prefix = BIN.nginx.replace(/\/usr\/sbin\/nginx$/, '');
  const mime = existsSync('/etc/nginx/mime.types') ? '/etc/nginx/mime.types' : join(prefix, 'etc/nginx/mime.types');
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
${user ? 'user www-data;' : ''}
events { worker_connections 64; }
http {
  include ${mime};
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  gzip on;
  ${extra}
  server { listen 127.0.0.1:${port}; root ${dir}; }
}
`);
  return spawn(BIN.nginx, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Caddy's file server; `encode`: the `encode gzip` line of INSTALL.md. */
function caddy(dir, port, encode) {
  const conf = join(dir, 'Caddyfile');
  writeFileSync(conf, `{
  admin off
  auto_https off
}
http://127.0.0.1:${port} {
  root * ${dir}
  ${encode ? 'encode gzip' : ''}
  file_server
}
`);
  mkdirSync(join(dir, 'xdg'), { recursive: true });
  return spawn(BIN.caddy, ['run', '--config', conf, '--adapter', 'caddyfile'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, XDG_DATA_HOME: join(dir, 'xdg'), XDG_CONFIG_HOME: join(dir, 'xdg'), HOME: join(dir, 'xdg') } });
}

const SERVERS = [
  ['Apache, Debian defaults and the bundle\'s .htaccess', 'apache', (d, p) => apache(d, p)],
  ['Apache, as above with AddEncoding x-gzip .gz', 'apache', (d, p) => apache(d, p, { extra: 'AddEncoding x-gzip .gz .tgz' })],
  ['Apache, mod_deflate without Debian\'s types', 'apache', (d, p) => apache(d, p, { deflate: false })],
  ['nginx, Debian defaults', 'nginx', (d, p) => nginx(d, p)],
  ['nginx, with INSTALL.md\'s gzip_types', 'nginx', (d, p) => nginx(d, p, 'gzip_types text/javascript application/javascript application/wasm;')],
  ['Caddy, file_server', 'caddy', (d, p) => caddy(d, p, false)],
  ['Caddy, with encode gzip', 'caddy', (d, p) => caddy(d, p, true)],
];

const files = { script: manifest.script, gzip: manifest.wasm, wasm: manifest.wasmUncompressed, worker: manifest.worker };
const results = [];
for (const [title, kind, start] of SERVERS) {
  if (!BIN[kind]) {
    console.error(`${title}: skipped (no ${kind})`);
    continue;
  }
  const dir = site();
  const port = await freePort();
  const child = start(dir, port);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
  try {
    await until(`http://127.0.0.1:${port}/changecost/manifest.json`, child, () => stderr);
    const got = {};
    for (const [key, name] of Object.entries(files)) got[key] = await get(`http://127.0.0.1:${port}/changecost/${name}`);
    const bad = Object.entries(got).filter(([, r]) => r.status !== 200);
    if (bad.length) throw new Error(`${bad.map(([k, r]) => `${k}: HTTP ${r.status}`).join(', ')}`);
    results.push({ title, got });
  } catch (error) {
    console.error(`${title}: ${error.message}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}

const pad = (s, n) => String(s).padStart(n);
for (const { title, got } of results) {
  console.log(title);
  for (const [key, r] of Object.entries(got)) {
    console.log(`  ${files[key].padEnd(36)}${pad(r.bytes, 8)}  ${r.type.split(';')[0].padEnd(24)}${r.encoding || '-'}`);
  }
  const scripts = got.script.bytes + got.worker.bytes;
  console.log(`  first load: ${scripts + got.gzip.bytes} bytes with the .wasm.gz, ${scripts + got.wasm.bytes} with the .wasm`
    + `${got.gzip.encoding ? ' (the .gz comes with a Content-Encoding: the loader checks it as the .wasm, after a second request)' : ''}`);
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
