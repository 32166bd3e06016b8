// The same bytes on the wire whatever the host (issue 24): the release's
// loader fetches its wasm gzipped (manifest.wasm, a .wasm.gz), checked by
// the fetch's integrity and decompressed by the browser, from a server that
// compresses nothing (tools/serve.py, as many static hosts and Debian's
// nginx) and from one that compresses (tools/serve.py --gzip, as Debian's
// Apache: it leaves the .gz as it is). The .wasm where the browser has no
// DecompressionStream, or where the .gz is not there; a .gz the server
// decompressed on the way is checked against the .wasm's hash; the worker
// gets the module the page compiled and fetches nothing.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { routePage, settled, total, release, manifest, flipMiddleByte, recordErrorMessages, calculatorWarnings } from './helpers.js';
import { serve as serveDir } from '../../tools/serve.mjs';

const ROOT = path.resolve(__dirname, '../..');

/** The headers `url` answers with to a browser that accepts gzip. */
const headersOf = (url) => new Promise((resolve, reject) => {
  http.get(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (res) => {
    res.resume();
    resolve(res.headers);
  }).on('error', reject);
});

/** tools/serve.py with `flags` serving www/; its origin and process. */
const serve = (flags) => serveDir(ROOT, path.join(ROOT, 'www'), flags);

// The compressing server (tools/serve.py --gzip), and one that sends .gz
// files with Content-Encoding: gzip (--gz-encoding, as sirv does), one of
// each per worker.
let gzipServer = null;
let encodingServer = null;
test.beforeAll(async () => {
  gzipServer = await serve(['--gzip']);
  encodingServer = await serve(['--gz-encoding']);
});
test.afterAll(() => {
  gzipServer?.child.kill();
  encodingServer?.child.kill();
});

const SNIPPET = (m) => `<script type="module" src="/release/${m.script}" integrity="${m.integrity}" crossorigin="anonymous"></script>
<change-cost lang="en" persist="off"></change-cost>`;
const PRELOAD = (m) => `<link rel="preload" href="/release/${m.wasm}" as="fetch" integrity="${m.wasmIntegrity}" crossorigin="anonymous">`;

/**
 * Opens a page with the release snippet (`origin`: the server; the page
 * itself is routed) and waits for its first total and its simulation.
 * Returns what the release folder answered, per file: the bytes that came
 * over the wire (Resource Timing's encodedBodySize), their Content-Encoding,
 * and how often it was asked for, by the page or by the worker; and the
 * calculator's warnings and the page's errors.
 */
async function load(page, name, { origin = '', head = '', init } = {}) {
  const m = manifest();
  const seen = { errors: [], warnings: calculatorWarnings(page), requests: [], encodings: {} };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.context().on('request', (r) => { if (r.url().includes('/release/')) seen.requests.push(path.basename(new URL(r.url()).pathname)); });
  page.context().on('response', async (r) => {
    if (r.url().includes('/release/')) seen.encodings[path.basename(new URL(r.url()).pathname)] = (await r.allHeaders())['content-encoding'] ?? null;
  });
  if (init) await page.addInitScript(init);
  const at = await routePage(page, name, SNIPPET(m), { head, loader: false });
  await page.goto(`${origin}${at}`);
  const calc = page.locator('change-cost');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000');
  await settled(calc);
  seen.worker = await page.evaluate(() => performance.getEntriesByName('changecost:worker').length);
  seen.wire = Object.fromEntries(await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((r) => r.name.includes('/release/')).map((r) => [r.name.slice(r.name.lastIndexOf('/') + 1), r.encodedBodySize])));
  return { m, seen };
}

const size = (name) => readFileSync(release(name)).length;

for (const compresses of [false, true]) {
  test(`from a server that ${compresses ? 'compresses (gzip)' : 'compresses nothing'}: the gzipped wasm, once, as built; the worker gets the module`, async ({ page }) => {
    const origin = compresses ? gzipServer.origin : '';
    const m = manifest();
    const { seen } = await load(page, `wire-${compresses ? 'gzip' : 'plain'}`, { origin, head: PRELOAD(m) });
    // Four files, each once: the script, the .wasm.gz (the preload's download
    // taken by the loader), the worker and the calculator's language (issue
    // 24: the English words, a file of their own); never the .wasm, and
    // nothing from the worker.
    expect(seen.requests.sort()).toEqual([m.script, m.wasm, m.worker, m.texts.en.file].sort());
    expect(seen.worker).toBeGreaterThan(0);
    // The .gz as it was built, whatever the server: never compressed again.
    expect(seen.encodings[m.wasm]).toBeNull();
    expect(seen.wire[m.wasm]).toBe(size(m.wasm));
    // No more than 5 % over the wasm's gzip -9 (tools/size.mjs's figure).
    const wasmGzip = gzipSync(readFileSync(release(m.wasmUncompressed)), { level: 9 }).length;
    expect(seen.wire[m.wasm]).toBeLessThanOrEqual(wasmGzip * 1.05);
    expect(gunzipSync(readFileSync(release(m.wasm)))).toEqual(readFileSync(release(m.wasmUncompressed)));
    // The words likewise: their .txt.gz as built, never compressed again,
    // no more than 5 % over the gzip of the file itself.
    const words = m.texts.en;
    expect(seen.encodings[words.file]).toBeNull();
    expect(seen.wire[words.file]).toBe(size(words.file));
    expect(seen.wire[words.file]).toBeLessThanOrEqual(gzipSync(readFileSync(release(words.uncompressed)), { level: 9 }).length * 1.05);
    // The scripts as the server sends them: compressed by the one that compresses.
    expect(seen.encodings[m.script]).toBe(compresses ? 'gzip' : null);
    if (compresses) {
      expect(seen.wire[m.script]).toBeLessThan(size(m.script) / 2);
      // That server compresses a .wasm too (Debian's Apache does): before
      // issue 24 the wasm came compressed from it, and only from it.
      expect((await headersOf(`${origin}/release/${m.wasmUncompressed}`))['content-encoding']).toBe('gzip');
    } else {
      expect(seen.wire[m.script]).toBe(size(m.script));
    }
    expect(seen.warnings).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}

test('where the browser has no DecompressionStream: the .wasm, streamed and checked; the .gz never asked for', async ({ page }) => {
  const { m, seen } = await load(page, 'wire-no-decompression', { init: () => { delete globalThis.DecompressionStream; } });
  expect(seen.requests.sort()).toEqual([m.script, m.wasmUncompressed, m.worker, m.texts.en.uncompressed].sort());
  expect(seen.wire[m.wasmUncompressed]).toBe(size(m.wasmUncompressed));
  expect(seen.worker).toBeGreaterThan(0);
  expect(seen.warnings).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('where the browser has no DecompressionStream, a changed .wasm is refused as before', async ({ page }) => {
  const m = manifest();
  await page.addInitScript(() => { delete globalThis.DecompressionStream; });
  await recordErrorMessages(page);
  await flipMiddleByte(page, `**/release/${m.wasmUncompressed}`);
  await page.goto(await routePage(page, 'wire-changed-wasm', SNIPPET(m), { loader: false }));
  await expect(page.locator('change-cost')).toHaveText('The calculator could not be loaded.');
  expect(await page.evaluate(() => window.ccErrors))
    .toEqual([`changecost: ${m.wasmUncompressed} does not match its SHA-384 (integrity check failed)`]);
});

// The .gz not there, or a page in its place: the console says so, and the
// .wasm loads instead.
for (const [slug, what, answer, why] of [
  ['404', 'not there (HTTP 404)', { status: 404, contentType: 'text/plain', body: 'Not Found' }, 'HTTP 404'],
  ['html', 'answered by a page', { status: 200, contentType: 'text/html', body: '<!doctype html><title>Home</title>' }, 'got text/html'],
]) {
  test(`a .gz ${what}: a warning, and the .wasm instead`, async ({ page }) => {
    const m = manifest();
    await page.route(`**/release/${m.wasm}`, (route) => route.fulfill(answer));
    const { seen } = await load(page, `wire-fallback-${slug}`);
    expect(seen.requests.filter((f) => f === m.wasmUncompressed)).toHaveLength(1);
    expect(seen.warnings).toHaveLength(1);
    expect(seen.warnings[0]).toMatch(new RegExp(`^changecost: http://127\\.0\\.0\\.1:\\d+/release/${m.wasm.replaceAll('.', '\\.')}: ${why}`));
    expect(seen.warnings[0]).toMatch(/loading the \.wasm instead$/);
    expect(seen.errors).toEqual([]);
  });
}

// A server that sends .gz files with Content-Encoding: gzip (sirv, under
// Vite's dev server and preview; Apache with AddEncoding x-gzip .gz): the
// browser unpacks it on the way and hands the loader the wasm itself, which
// the fetch's integrity accepts by the .wasm's hash (the second it names).
// One request for it (beside the script, the worker and the language), the
// gzipped bytes on the wire, no warning.
test('a .gz the server sends with Content-Encoding: gzip arrives unpacked and is used, in one request', async ({ page }) => {
  const m = manifest();
  const { seen } = await load(page, 'wire-decoded', { origin: encodingServer.origin, head: PRELOAD(m) });
  expect(seen.requests.sort()).toEqual([m.script, m.wasm, m.worker, m.texts.en.file].sort());
  expect(seen.encodings[m.wasm]).toBe('gzip');
  expect(seen.wire[m.wasm]).toBe(size(m.wasm));
  expect(seen.worker).toBeGreaterThan(0);
  expect(seen.warnings).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a .gz that arrives unpacked but changed is refused', async ({ page }) => {
  const m = manifest();
  await recordErrorMessages(page);
  const body = readFileSync(release(m.wasmUncompressed));
  body[Math.floor(body.length / 2)] ^= 0x01;
  await page.route(`**/release/${m.wasm}`, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body }));
  const requests = [];
  page.on('request', (r) => requests.push(path.basename(new URL(r.url()).pathname)));
  await page.goto(await routePage(page, 'wire-decoded-changed', SNIPPET(m), { loader: false }));
  await expect(page.locator('change-cost')).toHaveText('The calculator could not be loaded.');
  expect(await page.evaluate(() => window.ccErrors))
    .toEqual([`changecost: ${m.wasm} does not match its SHA-384 (integrity check failed)`]);
  expect(requests).not.toContain(m.wasmUncompressed);
});

test('a .gz labelled application/wasm (Python\'s own types do that) is decompressed all the same', async ({ page }) => {
  const m = manifest();
  await page.route(`**/release/${m.wasm}`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/wasm' } });
  });
  const { seen } = await load(page, 'wire-labelled-wasm');
  expect(seen.requests.sort()).toEqual([m.script, m.wasm, m.worker, m.texts.en.file].sort());
  expect(seen.warnings).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a changed .gz from the compressing server is refused as a changed .wasm is, in every calculator', async ({ page }) => {
  const m = manifest();
  await recordErrorMessages(page);
  await flipMiddleByte(page, `**/release/${m.wasm}`);
  const requests = [];
  page.on('request', (r) => requests.push(path.basename(new URL(r.url()).pathname)));
  await page.goto(`${gzipServer.origin}${await routePage(page, 'wire-changed-gz', `${SNIPPET(m)}
<change-cost lang="de" persist="off"></change-cost>`, { loader: false })}`);
  await expect(page.locator('change-cost[lang="en"]')).toHaveText('The calculator could not be loaded.');
  await expect(page.locator('change-cost[lang="de"]')).toHaveText('Der Rechner konnte nicht geladen werden.');
  const refusal = `changecost: ${m.wasm} does not match its SHA-384 (integrity check failed)`;
  expect(await page.evaluate(() => window.ccErrors)).toEqual([refusal, refusal]);
  // Refused, not replaced by the .wasm.
  expect(requests).not.toContain(m.wasmUncompressed);
});
