#!/usr/bin/env node
// Browser figures of issue 6, measured in Debian's Chromium through
// playwright-core (never a downloaded browser):
//
//   (a) load: navigation start to the widget's `changecost:totals` mark on a
//       page with one <change-cost>, and an empty page's navigation start to
//       its load event as the baseline, both in every run;
//   (b) keystrokes typed into "Hourly rate, net" with 0, 10, 100, 1,000 and
//       10,000 saved changes: the widget's input handler, and keystroke to
//       the next frame;
//   (c) the simulation (2,000 trials) at 100 changes after a keystroke;
//   (d) a keystroke that arrives while that simulation runs.
//
// Typing waits for quiet between keys (no timer of the page pending, the
// simulation done), so (b) is each keystroke's own cost; (d) is the cost of
// the simulation to a keystroke.
//
// Every run is a fresh browser context (empty cache and storage); each
// figure is reported as the median over runs and the min–max of the runs.
// The site is the built `www/` (run `make build` first), served by
// tools/serve.py (strict CSP) from a temporary folder that holds a copy of
// the release bundle www/release/ (a snapshot: a build running meanwhile cannot change what
// is measured) beside two generated pages; nothing is written to www/.
// docs/performance.md explains each method.
//
//   node tools/bench-browser.mjs [--runs 7] [--json] [--chromium /usr/bin/chromium]
//                                [--only load|sim] [--latency ms] [--release DIR]
//                                [--profile phone] [--gzip] [--against DIR]
//
// --profile phone: the load pages on a phone (issue 24): 150 ms round
// trips, 1.6 Mbit/s down and 750 kbit/s up, the CPU 4 times slower
// (Chromium's network and CPU throttling through the DevTools protocol:
// Network.emulateNetworkConditions, Emulation.setCPUThrottlingRate).
// --gzip: tools/serve.py --gzip, a server that compresses (as Debian's
// Apache; without it nothing is compressed, as many static hosts and
// Debian's nginx). --against DIR: another build's release bundle measured
// in the same rounds, the two alternating (which goes first swaps every
// round), for an A/B of two builds in one run.
//
// With --json the table goes to stderr and one JSON object to stdout.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { arg, median } from './bench-args.mjs';
import { serve } from './serve.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(arg('--runs', '9'));
const JSON_OUT = process.argv.includes('--json');
// --only sim: the simulation's figures alone (c, d); --only load: the load alone (a).
const ONLY_SIM = arg('--only', '') === 'sim';
const ONLY_LOAD = arg('--only', '') === 'load';
// --latency ms: every request of the load pages waits this long (Chromium's
// network emulation), as on a real connection; 0 (the default) is loopback.
const LATENCY = Number(arg('--latency', '0'));
const PROFILES = {
  // Lighthouse's mobile profile, as issue 24 measured the peer with.
  phone: { latency: 150, download: 1_600_000 / 8, upload: 750_000 / 8, cpu: 4 },
};
const PROFILE = arg('--profile', '');
if (PROFILE && !PROFILES[PROFILE]) throw new Error(`--profile ${PROFILE}: not one of ${Object.keys(PROFILES).join(', ')}`);
// What the load pages run under: the profile, or --latency alone.
const THROTTLE = PROFILES[PROFILE] ?? { latency: LATENCY, download: -1, upload: -1, cpu: 1 };
const GZIP = process.argv.includes('--gzip');
const AGAINST = arg('--against', '');
const CHROMIUM = arg('--chromium', process.env.CHROMIUM || '/usr/bin/chromium');
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking'];
const COUNTS = [0, 10, 100, 1_000, 10_000];
const STORAGE_KEY = 'bench';
const SAVED_KEY = `changecost:v1:${STORAGE_KEY}`;
const LABEL = 'Hourly rate, net';
// The digits typed per run: select all, "1", "0", "5", twice (1, 10, 105 EUR).
const KEYS = ['1', '0', '5', '1', '0', '5'];
const SIMULATION_DEBOUNCE_MS = 120; // SIMULATION_MS in src/web/app.rs
const SIM_CHANGES = 100;
const SIM_KEYS = ['9', '7', '5'];

const log = (...a) => console.error(...a);
const out = JSON_OUT ? (...a) => console.error(...a) : (...a) => console.log(...a);

// ---- Scenarios: the same mix as bench/src/lib.rs -------------------------

/** Change `i` of the mix in the saved form (see bench/src/lib.rs). */
function change(i) {
  const j = (3 * i) % 20;
  const k = j <= 7 ? 'tweak' : j <= 11 ? 'rework' : j <= 14 ? 'stakeholder' : 'feature';
  const q = (7 * i + 3) % 20;
  const p = q <= 2 ? 'concept' : q <= 12 ? 'build' : q <= 17 ? 'acceptance' : 'live';
  const [base, title] = { tweak: [60, 'logo bigger'], rework: [480, 'old samples'],
    stakeholder: [240, 'sales joins'], feature: [960, 'CSV export'] }[k];
  const likely = Math.floor((base * [1, 2, 2, 3, 4][(13 * i) % 5]) / 2);
  const id = i + 1;
  const c = { id, t: `${title} #${id}`, k, p };
  if (k === 'rework' && i % 2 === 1) Object.assign(c, { e: 0, s: 1000 + 500 * ((37 * i) % 4) });
  else c.e = i % 5 === 4 ? likely : [Math.floor(likely / 2), likely, 3 * likely];
  return c;
}
const scenarioJson = (n) => JSON.stringify({ v: 1, changes: Array.from({ length: n }, (_, i) => change(i)) });

// ---- Statistics -----------------------------------------------------------

/** The median over runs and the min–max of the runs' values. */
function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  if (!v.length) return null;
  return { median: median(v), min: Math.min(...v), max: Math.max(...v), runs: v.length };
}
const ms = (x, d = 1) => (x === null || x === undefined ? '–' : `${x.toFixed(d)}`);
const fig = (s, d = 1) => (s ? `${ms(s.median, d)} (${ms(s.min, d)}–${ms(s.max, d)})` : '–');

// ---- Site and server ------------------------------------------------------

const PAGE = (body, head = '') => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>changecost benchmark</title>
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
${head}</head>
<body>
${body}</body>
</html>
`;

// What is measured is the release bundle (www/release/), what a consultant
// uploads and a visitor loads: one script (the css inside it) and the wasm.
// --release DIR measures another build's release bundle (a copy of an
// earlier www/release/), for A/B runs of two commits.
function site() {
  const www = join(ROOT, 'www');
  const dir = mkdtempSync(join(os.tmpdir(), 'changecost-bench-'));
  cpSync(join(www, 'favicon.svg'), join(dir, 'favicon.svg'));
  writeFileSync(join(dir, 'empty.html'), PAGE(''));
  const manifest = bundlePages(dir, arg('--release', join(www, 'release')), 'changecost', '');
  site.wasm = manifest.wasmUncompressed ?? manifest.wasm;
  // --against: the other build, in changecost-b/, its pages widget-b.html and widget-b-preload.html.
  if (AGAINST) site.against = bundlePages(dir, AGAINST, 'changecost-b', '-b');
  return dir;
}

/**
 * Copies the release bundle `release` into `dir`/`folder` and writes the
 * widget's two pages for it (`widget<suffix>.html`, and the same with the
 * preload hint); returns its manifest.
 */
function bundlePages(dir, release, folder, suffix) {
  if (!existsSync(join(release, 'manifest.json'))) {
    throw new Error(`${release}/manifest.json is missing: run \`make build\` first`);
  }
  const manifest = JSON.parse(readFileSync(join(release, 'manifest.json'), 'utf8'));
  cpSync(release, join(dir, folder), { recursive: true });
  const script = `  <script type="module" src="${folder}/${manifest.script}" integrity="${manifest.integrity}" crossorigin="anonymous"></script>\n`;
  const widget = `  <change-cost lang="en" storage-key="${STORAGE_KEY}"></change-cost>\n`;
  writeFileSync(join(dir, `widget${suffix}.html`), PAGE(widget, script));
  // The same with the preload hint: the wasm is requested with the page,
  // not once the script has run (the loader fetches it with fetch(), so
  // `as="fetch"`, same-origin credentials). A bundle from before the css
  // moved into the script (--release) gets a hint for its css too.
  const hint = (file, integrity) => (file
    ? `  <link rel="preload" href="${folder}/${file}" as="fetch"${integrity ? ` integrity="${integrity}"` : ''} crossorigin="anonymous">\n`
    : '');
  const hints = hint(manifest.wasm, manifest.wasmIntegrity) + hint(manifest.css);
  writeFileSync(join(dir, `widget${suffix}-preload.html`), PAGE(widget, hints + script));
  return manifest;
}

/** The site folder `dir` served (with --gzip as asked); its origin and process. */
async function serveSite(dir) {
  const { origin, child } = await serve(ROOT, dir, GZIP ? ['--gzip'] : []);
  return { base: origin, child };
}

// ---- In-page instrumentation ----------------------------------------------

/**
 * Runs before the page's own scripts (an init script; CSP does not apply).
 * Seeds the saved state, wraps window.setTimeout to time the widget's timer
 * callbacks and to know when none is pending, and timestamps keystrokes.
 */
function instrument({ key, saved }) {
  if (location.protocol !== 'http:') return;
  if (saved !== null) localStorage.setItem(key, saved);
  const B = { keys: [], runs: [], pending: new Set(), events: [], errors: [], ready: null };
  window.__bench = B;
  const set = window.setTimeout.bind(window);
  const clear = window.clearTimeout.bind(window);
  B.set = set;
  const ids = new WeakMap();
  let nextFn = 1;
  window.setTimeout = function (fn, delay, ...args) {
    if (typeof fn !== 'function') return set(fn, delay, ...args);
    if (!ids.has(fn)) ids.set(fn, nextFn++);
    const rec = { fn: ids.get(fn), delay: Number(delay) || 0, set: performance.now(), start: 0, end: 0 };
    const id = set(function (...a) {
      B.pending.delete(id);
      rec.start = performance.now();
      try {
        return fn.apply(this, a);
      } finally {
        rec.end = performance.now();
        B.runs.push(rec);
      }
    }, delay, ...args);
    B.pending.add(id);
    return id;
  };
  window.clearTimeout = function (id) {
    B.pending.delete(id);
    return clear(id);
  };
  // The simulation's worker: its replies are main-thread work too. A run
  // lasts from the message handler's start to the end of the microtasks
  // it queued (the widget's promise callback runs among them).
  const RealWorker = window.Worker;
  if (RealWorker) {
    B.workers = 0;
    window.Worker = class extends RealWorker {
      constructor(...a) {
        super(...a);
        B.workers += 1;
      }

      set onmessage(fn) {
        super.onmessage = function (e) {
          const rec = { fn: 'worker', delay: -1, set: 0, start: performance.now(), end: 0 };
          try {
            return fn.call(this, e);
          } finally {
            queueMicrotask(() => {
              rec.end = performance.now();
              B.runs.push(rec);
            });
          }
        };
      }

      get onmessage() {
        return super.onmessage;
      }
    };
  }
  // Keystroke: keydown (capture, first listener of all) .. input capture
  // (before the widget's listener on its shadow root) .. input bubble (after
  // it) .. the next animation frame .. a message posted from that frame's
  // rAF callback, which runs once the frame's style, layout and paint are
  // done.
  let cur = null;
  addEventListener('keydown', (e) => {
    cur = { keyTs: e.timeStamp, keyStart: performance.now() };
  }, true);
  addEventListener('input', () => {
    if (cur) cur.inStart = performance.now();
  }, true);
  addEventListener('input', () => {
    if (!cur) return;
    const k = cur;
    cur = null;
    k.inEnd = performance.now();
    requestAnimationFrame(() => {
      k.raf = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        k.paint = performance.now();
        B.keys.push(k);
      };
      ch.port2.postMessage(null);
    });
  }, false);
  // Event Timing, as a cross-check: the API reports only events of 16 ms
  // or more (its smallest durationThreshold), rounded to 8 ms.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        B.events.push({ name: e.name, start: e.startTime, duration: e.duration,
          processing: e.processingEnd - e.processingStart });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch { /* no Event Timing */ }
  addEventListener('changecost:ready', () => { B.ready = performance.now(); }, true);
  addEventListener('changecost:error', (e) => { B.errors.push(String(e.detail?.message ?? e.detail ?? '')); }, true);
}

/** Resolves when the widget is ready, its simulation done and no timer of the page pending. */
function idle(timeoutMs) {
  const B = window.__bench;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const root = document.querySelector('change-cost')?.shadowRoot?.querySelector('.cc');
      if (B.ready !== null && root && !root.hasAttribute('data-stale') && B.pending.size === 0) resolve();
      else if (performance.now() - t0 > timeoutMs) reject(new Error('the widget did not become idle'));
      else B.set(tick, 10);
    };
    tick();
  });
}

// ---- Measurements ----------------------------------------------------------

/** A fresh context and page; `throttle` (THROTTLE's shape) for the load pages. */
async function fresh(browser, init, throttle = null) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (init) await context.addInitScript(instrument, init);
  const page = await context.newPage();
  if (throttle && (throttle.latency > 0 || throttle.download > 0)) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: throttle.latency, downloadThroughput: throttle.download, uploadThroughput: throttle.upload,
    });
    if (throttle.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpu });
  }
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/**
 * (a) one run: the empty page's load event, then the widget page's mark,
 * then the same with preload hints; with --against the other build's two
 * pages too, before this build's in every other round (`round`).
 */
async function loadRun(browser, base, round = 0) {
  const empty = await fresh(browser, null, THROTTLE);
  await empty.page.goto(`${base}/empty.html`, { waitUntil: 'load' });
  const emptyLoad = await empty.page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventStart);
  await empty.context.close();
  const both = async (suffix, folder) => {
    const widget = await widgetLoad(browser, base, `widget${suffix}.html`, folder);
    const preload = await widgetLoad(browser, base, `widget${suffix}-preload.html`, folder);
    return { ...widget, preloadTotals: preload.totals };
  };
  let b = null;
  if (AGAINST && round % 2 === 1) b = await both('-b', 'changecost-b');
  const a = await both('', 'changecost');
  if (AGAINST && round % 2 === 0) b = await both('-b', 'changecost-b');
  return { empty: emptyLoad, ...a, ...(b ? { against: b } : {}) };
}

/** The widget page `name`: its first totals, load event, HTML, last file and the bytes of its files (`folder`). */
async function widgetLoad(browser, base, name, folder = 'changecost') {
  const w = await fresh(browser, null, THROTTLE);
  await w.page.goto(`${base}/${name}`, { waitUntil: 'load' });
  await w.page.waitForFunction(() => performance.getEntriesByName('changecost:totals').length > 0);
  // The bytes once the worker's script is in too (it starts after the first totals).
  await w.page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/changecost-worker.')),
    null, { timeout: 30_000 }).catch(() => {});
  const t = await w.page.evaluate((dir) => ({
    totals: performance.getEntriesByName('changecost:totals')[0].startTime,
    load: performance.getEntriesByType('navigation')[0].loadEventStart,
    html: performance.getEntriesByType('navigation')[0].responseEnd,
    files: Math.max(...performance.getEntriesByType('resource')
      .filter((r) => r.name.includes(`/${dir}/`) && !r.name.includes('/changecost-worker.')).map((r) => r.responseEnd)),
    // What came over the wire for the widget's files (bodies, not headers).
    bytes: performance.getEntriesByType('resource').filter((r) => r.name.includes(`/${dir}/`))
      .reduce((sum, r) => sum + r.encodedBodySize, 0),
  }), folder);
  await w.context.close();
  if (w.errors.length) throw new Error(`page errors: ${w.errors.join('; ')}`);
  return { totals: t.totals, widgetLoad: t.load, html: t.html, files: t.files, bytes: t.bytes };
}

/** Opens the widget page with `n` saved changes; null when the widget refuses them. */
async function openWith(browser, base, n) {
  const s = await fresh(browser, { key: SAVED_KEY, saved: scenarioJson(n) });
  await s.page.goto(`${base}/widget.html`, { waitUntil: 'load' });
  await s.page.waitForFunction(() => window.__bench?.ready !== null, null, { timeout: 60_000 });
  const state = await s.page.evaluate(() => ({
    changes: document.querySelector('change-cost').scenario?.changes?.length ?? 0,
    errors: window.__bench.errors,
    totals: performance.getEntriesByName('changecost:totals')[0]?.startTime ?? null,
  }));
  if (state.changes !== n) {
    await s.context.close();
    return { refused: `the widget shows ${state.changes} changes; ${state.errors.join('; ') || 'no error event'}` };
  }
  await s.page.evaluate(idle, 120_000);
  return { ...s, load: state.totals };
}

const hourlyCents = (page) => page.evaluate(() => document.querySelector('change-cost').shadowRoot
  .querySelector('output[data-total="hourly"]').getAttribute('data-cents'));

/**
 * Focuses the input labelled LABEL and selects its text, as a click and
 * select-all would. (Playwright's getByLabel computes accessible names of
 * every input, which takes seconds with 1,000 rows.)
 */
const selectRate = (page) => page.evaluate((text) => {
  const root = document.querySelector('change-cost').shadowRoot;
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent.trim() === text);
  const input = label?.control;
  if (!input) throw new Error(`no input labelled "${text}"`);
  input.focus();
  input.select();
}, LABEL);

/** Types `keys` into the hourly rate, one at a time, waiting for quiet between them. */
async function typeKeys(page, keys) {
  const before = await page.evaluate(() => window.__bench.keys.length);
  for (const [i, key] of keys.entries()) {
    if (i % 3 === 0) await selectRate(page);
    await page.keyboard.press(key);
    await page.waitForFunction((n) => window.__bench.keys.length >= n, before + i + 1, { polling: 10 });
    await page.evaluate(idle, 120_000);
  }
  return page.evaluate((from) => window.__bench.keys.slice(from), before);
}

/** Bytes of the widget's own saved state per change, titles left out. */
const savedBytes = (page, key) => page.evaluate((k) => {
  const text = localStorage.getItem(k);
  if (!text) return null;
  const s = JSON.parse(text);
  const bytes = (x) => new TextEncoder().encode(x).length;
  const titles = s.changes.reduce((t, c) => t + bytes(c.t ?? ''), 0);
  const rest = bytes(JSON.stringify({ ...s, changes: [] }));
  return s.changes.length ? (bytes(text) - rest - titles) / s.changes.length : null;
}, key);

/** (b) one run at `n` changes. */
async function keystrokeRun(browser, base, n) {
  const s = await openWith(browser, base, n);
  if (s.refused) return s;
  const before = await hourlyCents(s.page);
  const keys = await typeKeys(s.page, KEYS);
  const after = await hourlyCents(s.page);
  if (before === after) throw new Error(`typing into "${LABEL}" did not change the hourly total at ${n} changes`);
  const events = await s.page.evaluate(() => window.__bench.events.filter((e) => e.name === 'keydown'));
  const perChange = await savedBytes(s.page, SAVED_KEY);
  await s.context.close();
  if (s.errors.length) throw new Error(`page errors: ${s.errors.join('; ')}`);
  // keydown's timeStamp is when the browser took the key in; it is the start
  // of "keystroke to next paint" when it is a usable page time.
  const start = (k) => (k.keyTs > 0 && k.keyTs <= k.keyStart ? k.keyTs : k.keyStart);
  return {
    load: s.load,
    handler: median(keys.map((k) => k.inEnd - k.inStart)),
    render: median(keys.map((k) => k.paint - k.raf)),
    toPaint: median(keys.map((k) => k.paint - start(k))),
    // Where a keystroke's time goes, in order.
    parts: {
      queued: median(keys.map((k) => k.keyStart - start(k))),
      toInput: median(keys.map((k) => k.inStart - k.keyStart)),
      handler: median(keys.map((k) => k.inEnd - k.inStart)),
      toFrame: median(keys.map((k) => k.raf - k.inEnd)),
      frame: median(keys.map((k) => k.paint - k.raf)),
    },
    toPaintMax: Math.max(...keys.map((k) => k.paint - start(k))),
    keys: keys.length,
    eventTiming: events.length,
    eventTimingMax: events.length ? Math.max(...events.map((e) => e.duration)) : null,
    savedBytesPerChange: perChange,
  };
}

/** (c) and (d): one run at SIM_CHANGES changes. */
async function simulationRun(browser, base) {
  const s = await openWith(browser, base, SIM_CHANGES);
  if (s.refused) throw new Error(`the simulation scenario was refused: ${s.refused}`);
  const { page } = s;
  const sims = [];
  for (const key of SIM_KEYS) {
    await selectRate(page);
    await page.evaluate(() => {
      const B = window.__bench;
      const root = document.querySelector('change-cost').shadowRoot.querySelector('.cc');
      B.fresh = new Promise((resolve) => {
        const mo = new MutationObserver(() => {
          if (!root.hasAttribute('data-stale')) {
            mo.disconnect();
            resolve(performance.now());
          }
        });
        mo.observe(root, { attributes: true, attributeFilter: ['data-stale'] });
      });
      B.mark = { runs: B.runs.length, keys: B.keys.length };
    });
    await page.keyboard.press(key);
    sims.push(await page.evaluate(async (debounce) => {
      const B = window.__bench;
      const freshAt = await B.fresh;
      const input = B.keys[B.mark.keys].inStart;
      const runs = B.runs.slice(B.mark.runs).filter((r) => r.start >= input && r.end <= freshAt + 0.001);
      // The simulation's timer: the one set with the debounce delay; its
      // slices are the same function, rescheduled with 0 ms.
      // With the worker: that timer posts the scenario (and draws what
      // it can), and the reply is drawn in the worker's message handler.
      const first = runs.find((r) => r.delay === debounce);
      const slices = first ? runs.filter((r) => r.fn === first.fn || r.fn === 'worker') : [];
      return {
        inputToFresh: freshAt - input - debounce,
        wall: first ? freshAt - first.start : null,
        busy: slices.reduce((t, r) => t + (r.end - r.start), 0),
        slices: slices.length,
        longest: slices.length ? Math.max(...slices.map((r) => r.end - r.start)) : null,
        worker: runs.some((r) => r.fn === 'worker'),
      };
    }, SIMULATION_DEBOUNCE_MS));
    await page.evaluate(idle, 60_000);
  }
  // (d) a keystroke sent 3 ms after the simulation's first slice is due
  // (120 ms after the previous keystroke's handler), so that it arrives
  // while that slice runs, as when someone types slowly.
  await selectRate(page);
  const from = await page.evaluate(() => window.__bench.keys.length);
  await page.keyboard.press('1');
  await page.waitForFunction((n) => window.__bench.keys.length >= n, from + 1, { polling: 10 });
  const due = await page.evaluate(([i, d]) => performance.timeOrigin + window.__bench.keys[i].inEnd + d + 3,
    [from, SIMULATION_DEBOUNCE_MS]);
  await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
  await page.keyboard.press('0');
  await page.waitForFunction((n) => window.__bench.keys.length >= n, from + 2, { polling: 10 });
  const blocked = await page.evaluate((i) => {
    const k = window.__bench.keys[i];
    const start = k.keyTs > 0 && k.keyTs <= k.keyStart ? k.keyTs : k.keyStart;
    return { toPaint: k.paint - start, delay: k.keyStart - start, handler: k.inEnd - k.inStart };
  }, from + 1);
  await s.context.close();
  if (s.errors.length) throw new Error(`page errors: ${s.errors.join('; ')}`);
  const m = (f) => median(sims.map(f));
  return {
    inputToFresh: m((x) => x.inputToFresh), wall: m((x) => x.wall), busy: m((x) => x.busy),
    slices: m((x) => x.slices), longest: m((x) => x.longest), worker: sims.every((x) => x.worker), blocked,
  };
}

// ---- Main -------------------------------------------------------------------

function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Bytes and the start of the SHA-256 of a file: which build was measured. */
function fileId(path) {
  const bytes = readFileSync(path);
  return `${bytes.length} B sha256:${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
}

async function main() {
  const started = Date.now();
  const dir = site();
  const { base, child } = await serveSite(dir);
  let browser;
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => { stop(); process.exit(130); });
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const env = {
      chromium: browser.version(),
      cpu: (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? os.cpus()[0]?.model,
      cores: os.availableParallelism?.() ?? os.cpus().length,
      loadavgStart: os.loadavg().map((x) => Number(x.toFixed(2))),
      runs: RUNS,
      date: new Date().toISOString(),
      commit: git(['describe', '--always', '--dirty']),
      wasm: fileId(join(dir, 'changecost', site.wasm)),
    };
    log(`chromium ${env.chromium}, ${env.cores} cores, load average ${env.loadavgStart.join(' ')}, ${RUNS} runs,`
      + ` ${env.commit}, wasm ${env.wasm}`);

    // One unrecorded warm-up of each kind: the browser's first pages pay for
    // its own start-up.
    await loadRun(browser, base);
    await keystrokeRun(browser, base, 10);

    log('(a) load');
    const loads = [];
    for (let r = 0; r < RUNS && !ONLY_SIM; r++) loads.push(await loadRun(browser, base, r));

    const keystrokes = {};
    for (const n of ONLY_SIM || ONLY_LOAD ? [] : COUNTS) {
      log(`(b) keystrokes at ${n} changes`);
      const runs = [];
      for (let r = 0; r < RUNS; r++) {
        const run = await keystrokeRun(browser, base, n);
        runs.push(run);
        if (run.refused) break;
      }
      keystrokes[n] = runs;
    }

    log(`(c, d) simulation at ${SIM_CHANGES} changes`);
    const sims = [];
    for (let r = 0; r < RUNS && !ONLY_LOAD; r++) sims.push(await simulationRun(browser, base));

    const load = {
      emptyLoad: summary(loads.map((l) => l.empty)),
      widgetTotals: summary(loads.map((l) => l.totals)),
      widgetLoad: summary(loads.map((l) => l.widgetLoad)),
      widgetHtml: summary(loads.map((l) => l.html)),
      widgetFiles: summary(loads.map((l) => l.files)),
      overEmpty: summary(loads.map((l) => l.totals - l.empty)),
      preloadTotals: summary(loads.map((l) => l.preloadTotals)),
      preloadOverEmpty: summary(loads.map((l) => l.preloadTotals - l.empty)),
      bytes: median(loads.map((l) => l.bytes)),
      latency: LATENCY,
      profile: PROFILE ? { name: PROFILE, ...THROTTLE } : null,
      gzip: GZIP,
      ...(AGAINST ? {
        against: {
          release: AGAINST,
          widgetTotals: summary(loads.map((l) => l.against.totals)),
          overEmpty: summary(loads.map((l) => l.against.totals - l.empty)),
          preloadOverEmpty: summary(loads.map((l) => l.against.preloadTotals - l.empty)),
          bytes: median(loads.map((l) => l.against.bytes)),
          // This build minus the other, per round: below zero, this one is sooner.
          difference: summary(loads.map((l) => l.totals - l.against.totals)),
          preloadDifference: summary(loads.map((l) => l.preloadTotals - l.against.preloadTotals)),
        },
      } : {}),
      samples: loads,
    };
    const keys = Object.fromEntries(Object.entries(keystrokes).map(([n, runs]) => {
      if (runs[0]?.refused) return [n, { refused: runs[0].refused }];
      return [n, {
        handler: summary(runs.map((r) => r.handler)),
        render: summary(runs.map((r) => r.render)),
        parts: Object.fromEntries(Object.keys(runs[0].parts).map((p) => [p, median(runs.map((r) => r.parts[p]))])),
        toPaint: summary(runs.map((r) => r.toPaint)),
        toPaintWorst: Math.max(...runs.map((r) => r.toPaintMax)),
        load: summary(runs.map((r) => r.load)),
        eventTimingOver16: runs.reduce((t, r) => t + r.eventTiming, 0),
        eventTimingMax: Math.max(0, ...runs.map((r) => r.eventTimingMax ?? 0)) || null,
        keysPerRun: runs[0].keys,
        savedBytesPerChange: median(runs.map((r) => r.savedBytesPerChange)),
        samples: runs,
      }];
    }));
    const simulation = {
      changes: SIM_CHANGES,
      trials: 2000,
      inputToFreshMinusDebounce: summary(sims.map((s) => s.inputToFresh)),
      wall: summary(sims.map((s) => s.wall)),
      busy: summary(sims.map((s) => s.busy)),
      slices: median(sims.map((s) => s.slices)),
      worker: sims.every((s) => s.worker),
      longestSlice: summary(sims.map((s) => s.longest)),
      keystrokeDuringSimulation: {
        toPaint: summary(sims.map((s) => s.blocked.toPaint)),
        inputDelay: summary(sims.map((s) => s.blocked.delay)),
        handler: summary(sims.map((s) => s.blocked.handler)),
      },
      samples: sims,
    };
    env.loadavgEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
    env.seconds = Math.round((Date.now() - started) / 1000);

    out(`\nchangecost in the browser: chromium ${env.chromium}, ${env.cores} cores, ${RUNS} runs, fresh context each;`);
    out(`build ${env.commit}, wasm ${env.wasm}`);
    out('median over runs (min–max of the runs), milliseconds\n');
    if (!ONLY_SIM) {
      out('(a) load, navigation start to ...');
      out(`  empty page, load event                    ${fig(load.emptyLoad)}`);
      out(`  one <change-cost>, its HTML received      ${fig(load.widgetHtml)}`);
      out(`  one <change-cost>, last of its files in   ${fig(load.widgetFiles)}   (script and wasm of the release bundle)`);
      out(`  one <change-cost>, first totals (mark)    ${fig(load.widgetTotals)}`);
      out(`  one <change-cost>, load event             ${fig(load.widgetLoad)}`);
      out(`  first totals minus the empty page         ${fig(load.overEmpty)}   budget <= 100; the peer of issue 13: 73.6`);
      out(`  the same with preload hints               ${fig(load.preloadOverEmpty)}`);
      out(`  bytes of its files on the wire             ${load.bytes}   (${GZIP ? 'a server that compresses: tools/serve.py --gzip' : 'a server that compresses nothing'})`);
      if (AGAINST) {
        const o = load.against;
        out(`  --against ${AGAINST}:`);
        out(`    first totals minus the empty page        ${fig(o.overEmpty)}`);
        out(`    the same with preload hints              ${fig(o.preloadOverEmpty)}`);
        out(`    bytes of its files on the wire           ${o.bytes}`);
        out(`    this build minus that one, per round     ${fig(o.difference)}; preloaded ${fig(o.preloadDifference)}`);
      }
      if (PROFILE) {
        out(`  (profile ${PROFILE}: ${THROTTLE.latency} ms per request, ${THROTTLE.download * 8 / 1e6} Mbit/s down,`
          + ` ${THROTTLE.upload * 8 / 1e6} up, CPU ${THROTTLE.cpu}x slower: Chromium's throttling)`);
      } else if (LATENCY) out(`  (every request delayed by ${LATENCY} ms: Chromium's network emulation)`);
      if (!ONLY_LOAD) {
        out(`\n(b) keystroke in "${LABEL}", ${KEYS.length} keys per run (per-run median)`);
        out(`  ${'changes'.padStart(7)}  ${'input handler'.padEnd(21)}${'frame after it'.padEnd(21)}${'key to next paint'.padEnd(21)}${'worst'.padStart(6)}  ${'ET>=16'.padStart(6)}  ${'first totals'.padEnd(22)}${'saved B/change'.padStart(14)}`);
        for (const n of COUNTS) {
          const k = keys[n];
          if (k.refused) {
            out(`  ${String(n).padStart(7)}  refused: ${k.refused}`);
            continue;
          }
          const saved = k.savedBytesPerChange === null ? '–' : k.savedBytesPerChange.toFixed(1);
          const et = `${k.eventTimingOver16}/${k.keysPerRun * k.samples.length}`;
          out(`  ${String(n).padStart(7)}  ${fig(k.handler, 2).padEnd(21)}${fig(k.render).padEnd(21)}${fig(k.toPaint).padEnd(21)}${ms(k.toPaintWorst).padStart(6)}  ${et.padStart(6)}  ${fig(k.load).padEnd(22)}${saved.padStart(14)}`);
        }
        out('\n    where the time goes (median of the runs\' medians): keydown queued | keydown to input |'
          + ' input handler | to the next frame | that frame (rAF to message)');
        for (const n of COUNTS) {
          const k = keys[n];
          if (k.refused) continue;
          const p = k.parts;
          out(`  ${String(n).padStart(7)}  ${[p.queued, p.toInput, p.handler, p.toFrame, p.frame].map((x) => ms(x).padStart(7)).join(' |')}`);
        }
      }
    }
    if (!ONLY_LOAD) {
      out(`\n(c) simulation, ${SIM_CHANGES} changes, 2,000 trials, after a keystroke (per-run median of ${SIM_KEYS.length})`);
      out(`  input to data-stale gone, minus ${SIMULATION_DEBOUNCE_MS} ms     ${fig(simulation.inputToFreshMinusDebounce)}`);
      out(`  debounce timer firing to data-stale gone   ${fig(simulation.wall)}`);
      out(`  main thread busy in its timer callbacks     ${fig(simulation.busy)}   budget < 16`);
      out(`  slices ${simulation.slices}, longest slice                ${fig(simulation.longestSlice)}`);
      out(`  in the worker: ${simulation.worker ? 'yes (the two runs: posting it, drawing its reply)' : 'no, in slices on the page'}`);
      out("\n(d) a keystroke sent 3 ms into the simulation's first slice");
      out(`  key to next paint                          ${fig(simulation.keystrokeDuringSimulation.toPaint)}`);
      out(`  of which waiting for the main thread       ${fig(simulation.keystrokeDuringSimulation.inputDelay)}`);
    }
    out(`\nload average ${env.loadavgStart.join(' ')} at the start, ${env.loadavgEnd.join(' ')} at the end; ${env.seconds} s`);
    if (JSON_OUT) console.log(JSON.stringify({ env, load, keystrokes: keys, simulation }));
  } finally {
    await browser?.close();
    stop();
  }
}

main().catch((e) => {
  console.error(`bench-browser: ${e.stack || e}`);
  process.exit(1);
});
