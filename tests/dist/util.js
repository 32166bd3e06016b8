// Shared by the tests of tests/dist/: the version, the artifacts, a static
// server for the second origin (CORS like a public CDN), and installing the
// npm tarball into a folder of its own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

// Playwright loads this file as CommonJS: __dirname, not import.meta.
export const ROOT = path.resolve(__dirname, '../..');
/** The one version: [package] version in Cargo.toml. */
export const VERSION = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').split(/^\[/m)
  .find((s) => s.startsWith('package]')).match(/^version\s*=\s*"([^"]+)"/m)[1];
export const DIST = path.join(ROOT, 'dist');
export const TARBALL = path.join(DIST, `changecost-${VERSION}.tgz`);
export const PLUGIN_ZIP = path.join(DIST, `changecost-wordpress-${VERSION}.zip`);
export const RELEASE = path.join(ROOT, 'www/release');
export const release = () => JSON.parse(readFileSync(path.join(RELEASE, 'manifest.json'), 'utf8'));

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.d.ts': 'text/plain',
};
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * A static server on 127.0.0.1 (a free port): `mounts` maps a path prefix
 * to a folder. Every response allows any origin (as public CDNs do); HTML
 * gets the strict CSP of tools/serve.py. `page(path, html, csp)` adds a
 * page of the test's own (a real response from a loopback address, so
 * Chromium's local-network checks treat it as the loopback page it is).
 * `requests` records each path. With `fallback` (an HTML file), a path
 * that is not there gets that page, as the single-page-app rewrites of
 * many static hosts answer (the way a missing file turns into HTML).
 */
export async function serve(mounts = {}, { fallback } = {}) {
  const requests = [];
  const pages = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    if (pages.has(url.pathname)) {
      const { html, csp } = pages.get(url.pathname);
      res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Content-Security-Policy': csp, 'Cache-Control': 'no-cache' });
      res.end(html);
      return;
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.resolve(dir, decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html');
      if (!file.startsWith(path.resolve(dir) + path.sep)) break;
      let body;
      try {
        if (!statSync(file).isFile()) break;
        body = readFileSync(file);
      } catch {
        break;
      }
      const ext = file.endsWith('.d.ts') ? '.d.ts' : path.extname(file);
      const headers = {
        'Content-Type': TYPES[ext] || 'application/octet-stream',
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      };
      if (ext === '.html') headers['Content-Security-Policy'] = STRICT_CSP;
      res.writeHead(200, headers);
      res.end(body);
      return;
    }
    if (fallback) {
      res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Content-Security-Policy': STRICT_CSP, 'Cache-Control': 'no-cache' });
      res.end(readFileSync(fallback));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' });
    res.end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    /** Serves `html` at `pathname` with the CSP given; returns its address. */
    page(pathname, html, csp) {
      pages.set(pathname, { html, csp });
      return origin + pathname;
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** Installs dist/'s tarball with npm into target/dist-test/<name>/ and returns the folder. */
export function installTarball(name) {
  const dir = path.join(ROOT, 'target/dist-test', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', TARBALL], {
    cwd: dir, stdio: 'pipe', env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return dir;
}

/** A whole HTML page around `body`. */
export function html(name, body, { lang = 'en', head = '' } = {}) {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>changecost dist: ${name}</title>${head}</head>
<body>
${body}
</body>
</html>`;
}
