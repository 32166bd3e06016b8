#!/usr/bin/env node
// Today's WordPress for tests/dist/wordpress-playground.spec.js, offline:
// WordPress Playground's CLI (@wp-playground/cli: WordPress on PHP compiled
// to WebAssembly, SQLite instead of MySQL) with a WordPress build of
// @wp-playground/wordpress-builds, served to the CLI from loopback.
//
//   node tools/wp-playground.mjs versions      the builds package's WordPress versions (JSON)
//   node tools/wp-playground.mjs zip [WP]      writes target/wp-playground/wp-<WP>-full.zip (cached)
//   node tools/wp-playground.mjs start DIR [--until-stdin-closes]
//                                              a site until SIGTERM (or, with the flag, until
//                                              its standard input closes: its parent ended);
//                                              prints `ready <url> <version> php <version>`
//
// WP is a key of the package's wp-versions.json ("6.5", "beta", "nightly");
// the default (and $PLAYGROUND_WP's absence) is the newest release. The PHP
// version is $PLAYGROUND_PHP, default 7.4: the oldest PHP the plugin
// supports, which Debian's PHP 8.2 of the other suite does not cover.
//
// The package's zips lack the static files a browser needs (scripts, styles,
// images: the block editor does not load without them); the package keeps
// them under public/wp-<WP>/. `zip` merges the two into one zip, once per
// package version. `--wp=latest` would ask the internet; a loopback address
// does not.
//
// `start` puts under DIR: log/ (mounted as /changecost-test: debug.log, and
// mail.log, one JSON line per wp_mail call, as tools/wp-test-setup.sh
// writes it), mu-plugins/ (mounted as wp-content/mu-plugins: no mail
// server, and a runner for the tests' PHP: a POST to /wp-load.php with the
// header X-Changecost-Test: <DIR/key> runs its body as PHP with WordPress
// loaded, as no user or as X-Changecost-Test-User; loopback only, the key
// is random per site), home/
// (the CLI's cache of downloads, removed with DIR).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync,
} from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { freePort } from './free-port.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builds = path.join(root, 'node_modules/@wp-playground/wordpress-builds');
const cli = path.join(root, 'node_modules/@wp-playground/cli/wp-playground.js');

/** The builds package's WordPress versions: key ("6.5", "beta") => version ("6.5.5"). */
export function versions() {
  return JSON.parse(readFileSync(path.join(builds, 'src/wordpress/wp-versions.json'), 'utf8'));
}

/** The newest release the package ships (its keys are newest first after beta and nightly). */
export function newest() {
  return Object.keys(versions()).filter((k) => /^\d/.test(k)).sort((a, b) => {
    const [x, y] = [a, b].map((v) => v.split('.').map(Number));
    return y[0] - x[0] || y[1] - x[1];
  })[0];
}

// ------------------------------------------------------------------ zip files
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(bytes) {
  if (zlib.crc32) return zlib.crc32(bytes);
  let c = -1;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** The files of a zip (stored or deflated; no zip64): name => bytes. Folders are left out. */
function unzip(file) {
  const buf = readFileSync(file);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error(`wp-playground: ${file} is not a zip`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i += 1) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`wp-playground: ${file}: bad central directory`);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = buf.readUInt32LE(at + 42);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (name.endsWith('/')) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    if (method === 0) files.set(name, data);
    else if (method === 8) files.set(name, zlib.inflateRawSync(data));
    else throw new Error(`wp-playground: ${file}: ${name} uses method ${method}`);
  }
  return files;
}

/** Writes `files` (name => bytes) as a zip, stored (it is only read from loopback). */
function writeZip(files, target) {
  const tmp = `${target}.part`;
  const fd = openSync(tmp, 'w');
  const central = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(0, 8); // stored
    head.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    writeSync(fd, head);
    writeSync(fd, nameBytes);
    writeSync(fd, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt32LE(0x00210000, 12);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(files.size, 8);
  eocd.writeUInt16LE(files.size, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  writeSync(fd, dir);
  writeSync(fd, eocd);
  closeSync(fd);
  renameSync(tmp, target);
}

/** Every file under `dir`, relative to it. */
function walk(dir, prefix = '') {
  return readdirSync(path.join(dir, prefix)).sort().flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(path.join(dir, rel)).isDirectory() ? walk(dir, rel) : [rel];
  });
}

/**
 * The package's zip of WordPress `key` with its static files merged in:
 * target/wp-playground/wp-<key>-full.zip, written once per package version.
 */
export function fullZip(key = newest()) {
  if (!(key in versions())) throw new Error(`wp-playground: the builds package has no WordPress ${key}: ${Object.keys(versions())}`);
  const pkg = JSON.parse(readFileSync(path.join(builds, 'package.json'), 'utf8')).version;
  const dir = path.join(root, 'target/wp-playground');
  const target = path.join(dir, `wp-${key}-full.zip`);
  const stamp = `${target}.version`;
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === pkg) return target;
  mkdirSync(dir, { recursive: true });
  const files = unzip(path.join(builds, `src/wordpress/wp-${key}.zip`));
  const statics = path.join(builds, `public/wp-${key}`);
  let added = 0;
  for (const rel of walk(statics)) {
    // The list of those files, and the package's own database and log, are not WordPress's.
    if (rel === 'wordpress-remote-asset-paths' || rel.startsWith('wp-content/database/') || rel.endsWith('debug.log')) continue;
    if (!files.has(rel)) added += 1;
    files.set(rel, readFileSync(path.join(statics, rel)));
  }
  if (!files.has('wp-includes/version.php') || added < 100) {
    throw new Error(`wp-playground: wp-${key}.zip and public/wp-${key} did not make a WordPress (${added} static files added)`);
  }
  writeZip(files, target);
  writeFileSync(stamp, pkg);
  return target;
}

// ------------------------------------------------------------------- a site
const MU_NO_MAIL = `<?php
// Test site only: no mail server. Each wp_mail call is a JSON line in
// /changecost-test/mail.log; it fails (returns false) while the option
// test_mail_fails is set.
if ( ! function_exists( 'wp_mail' ) ) {
	function wp_mail( $to, $subject, $message, $headers = '', $attachments = array() ) {
		$fails = (bool) get_option( 'test_mail_fails' );
		file_put_contents( '/changecost-test/mail.log', json_encode( compact( 'to', 'subject', 'message', 'headers', 'fails' ) ) . "\\n", FILE_APPEND );
		return ! $fails;
	}
}
`;

const muRunner = (key) => `<?php
// Test site only: the tests' PHP. A POST to /wp-load.php (or to
// /wp-admin/admin-ajax.php, for what WordPress does in the admin) carrying
// this site's random key runs its body with WordPress loaded, as no user,
// or as the user X-Changecost-Test-User names (from the start of the
// request: the admin's language then applies, for one).
if ( isset( $_SERVER['HTTP_X_CHANGECOST_TEST'] ) && hash_equals( '${key}', (string) $_SERVER['HTTP_X_CHANGECOST_TEST'] ) ) {
	$changecost_test_user = isset( $_SERVER['HTTP_X_CHANGECOST_TEST_USER'] ) ? (int) $_SERVER['HTTP_X_CHANGECOST_TEST_USER'] : 0;
	add_filter(
		'determine_current_user',
		function () use ( $changecost_test_user ) {
			return $changecost_test_user;
		},
		99
	);
	add_action(
		'wp_loaded',
		function () {
			header( 'Content-Type: text/plain; charset=UTF-8' );
			ob_start();
			try {
				eval( file_get_contents( 'php://input' ) ); // phpcs:ignore Squiz.PHP.Eval
				$out = ob_get_clean();
			} catch ( Throwable $e ) {
				ob_end_clean();
				http_response_code( 500 );
				$out = (string) $e;
			}
			echo $out;
			exit;
		},
		1
	);
}
`;

async function start(dir, untilStdinCloses) {
  const key = process.env.PLAYGROUND_WP || newest();
  const php = process.env.PLAYGROUND_PHP || '7.4';
  const zip = fullZip(key);
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['log', 'mu-plugins', 'home']) mkdirSync(path.join(dir, sub), { recursive: true });
  const secret = randomBytes(24).toString('hex');
  writeFileSync(path.join(dir, 'key'), secret);
  writeFileSync(path.join(dir, 'mu-plugins/test-no-mail.php'), MU_NO_MAIL);
  writeFileSync(path.join(dir, 'mu-plugins/test-runner.php'), muRunner(secret));

  // The zip, for the CLI's one download.
  const zipServer = http.createServer((req, res) => {
    if (req.url !== `/wp-${key}-full.zip`) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/zip' });
    res.end(readFileSync(zip));
  });
  await new Promise((resolve) => zipServer.listen(0, '127.0.0.1', resolve));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [cli, 'server', `--wp=http://127.0.0.1:${zipServer.address().port}/wp-${key}-full.zip`,
    `--php=${php}`, `--port=${port}`, `--site-url=${url}`,
    `--mount=${path.join(dir, 'log')}:/changecost-test`,
    `--mount=${path.join(dir, 'mu-plugins')}:/wordpress/wp-content/mu-plugins`,
    '--define-bool', 'WP_DEBUG', 'true', '--define', 'WP_DEBUG_LOG', '/changecost-test/debug.log',
    '--define-bool', 'WP_DEBUG_DISPLAY', 'false', '--define-bool', 'DISABLE_WP_CRON', 'true',
    '--define-bool', 'AUTOMATIC_UPDATER_DISABLED', 'true', '--define-bool', 'WP_HTTP_BLOCK_EXTERNAL', 'true',
    '--define', 'FS_METHOD', 'direct'];
  // Two workers: a page's script and wasm while the page is served, and the
  // tests' PHP while a request is under way.
  args.push('--workers=2');
  const child = spawn(process.execPath, args, {
    cwd: dir,
    env: { ...process.env, HOME: path.join(dir, 'home') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = openSync(path.join(dir, 'log/cli.log'), 'a');
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      writeSync(log, chunk);
      output += chunk;
      if (/Ready! WordPress is running/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`wp-playground: the CLI ended (${code}) before it was ready:\n${output}`)));
  });
  const stop = () => {
    child.kill('SIGTERM');
    zipServer.close();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (untilStdinCloses) {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }
  child.on('exit', () => {
    zipServer.close();
    process.exit(0);
  });
  await ready;
  // The CLI answers its very first request with a redirect to the same
  // address (it clears a cookie of its auto-login): one request here, so
  // that the tests' first one gets WordPress.
  await fetch(`${url}/wp-login.php`, { redirect: 'manual' });
  const version = unzip(zip).get('wp-includes/version.php').toString('utf8').match(/\$wp_version = '([^']+)'/)[1];
  console.log(`ready ${url} ${version} php ${php}`);
}

const [command, arg, flag] = process.argv.slice(2);
if (command === 'versions') console.log(JSON.stringify(versions()));
else if (command === 'zip') console.log(fullZip(arg || newest()));
else if (command === 'start' && arg) await start(path.resolve(arg), flag === '--until-stdin-closes');
else if (import.meta.url === `file://${process.argv[1]}`) {
  console.error('usage: node tools/wp-playground.mjs versions | zip [WP] | start DIR [--until-stdin-closes]');
  process.exit(2);
}
