#!/usr/bin/env node
// The wasm's own stage, unpacked by the page or by the network (issue 24),
// in Debian's Chromium with the CPU 4 times slower (the phone profile's
// CPU; no network throttling, so that what differs is the work): from
// tools/serve.py --gzip (a server that compresses, as Debian's Apache),
//   page:    the release's .wasm.gz, fetched with its integrity, through
//            DecompressionStream into WebAssembly.compileStreaming (what the
//            loader does);
//   network: the .wasm, fetched with its integrity, compressed on the way
//            (Content-Encoding: gzip, decoded by the network service) and
//            streamed into WebAssembly.compileStreaming (what precompressed
//            files with server rules would give).
// Each round both, in a fresh browser context each, which goes first
// swapping every round; the figure is fetch start to the compiled module.
//
//   node tools/bench-unpack.mjs [--runs 21] [--cpu 4]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { arg, median } from './bench-args.mjs';
import { serve } from './serve.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(arg('--runs', '21'));
const CPU = Number(arg('--cpu', '4'));
const manifest = JSON.parse(readFileSync(join(ROOT, 'www/release/manifest.json'), 'utf8'));
if (!manifest.wasmUncompressed) throw new Error('www/release has no .wasm.gz: make build');
// The .wasm's integrity, hashed once (not in every run).
const wasmIntegrity = `sha384-${createHash('sha384').update(readFileSync(join(ROOT, 'www/release', manifest.wasmUncompressed))).digest('base64')}`;

/** One fresh context: the wasm's stage the `way` given, in ms. */
async function stage(browser, base, way) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(`${base}/blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await page.goto(`${base}/blank.html`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  const ms = await page.evaluate(async ({ way, gz, gzIntegrity, wasm, wasmIntegrity }) => {
    const t0 = performance.now();
    if (way === 'page') {
      const response = await fetch(`/release/${gz}`, { integrity: gzIntegrity });
      const body = response.body.pipeThrough(new DecompressionStream('gzip'));
      await WebAssembly.compileStreaming(new Response(body, { headers: { 'content-type': 'application/wasm' } }));
    } else {
      const response = await fetch(`/release/${wasm}`, { integrity: wasmIntegrity });
      await WebAssembly.compileStreaming(response);
    }
    return performance.now() - t0;
  }, { way, gz: manifest.wasm, gzIntegrity: manifest.wasmIntegrity, wasm: manifest.wasmUncompressed, wasmIntegrity });
  await context.close();
  return ms;
}

const { origin: base, child: server } = await serve(ROOT, join(ROOT, 'www'), ['--gzip']);
let browser;
try {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  await stage(browser, base, 'page');
  await stage(browser, base, 'network');
  const runs = { page: [], network: [], difference: [] };
  for (let r = 0; r < RUNS; r += 1) {
    const order = r % 2 ? ['network', 'page'] : ['page', 'network'];
    const got = {};
    for (const way of order) got[way] = await stage(browser, base, way);
    runs.page.push(got.page);
    runs.network.push(got.network);
    runs.difference.push(got.page - got.network);
  }
  const fig = (xs) => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
  console.log(`the wasm's stage, fetch to compiled module, CPU ${CPU}x slower, ${RUNS} rounds; chromium ${browser.version()},`
    + ` load average ${load} at the start, ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at the end`);
  console.log(`  unpacked by the page (the .wasm.gz, DecompressionStream)   ${fig(runs.page)} ms`);
  console.log(`  unpacked by the network (the .wasm, Content-Encoding)      ${fig(runs.network)} ms`);
  console.log(`  page minus network, per round                            ${fig(runs.difference)} ms`);
} finally {
  await browser?.close();
  server.kill('SIGTERM');
}
