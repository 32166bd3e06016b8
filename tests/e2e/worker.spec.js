// The simulation off the main thread: one worker per page (worker.js beside
// the loader, started as a module worker, with the module the page checked),
// the same figures as on the page, and the slices on the page wherever a
// worker cannot run: no Worker at all, a Content-Security-Policy that
// forbids workers, a worker that fails.
import { test, expect } from '@playwright/test';
import { CSP, html, settled } from './helpers.js';

// 80 / 100 / 150 h at 100 an hour and no changes: the figures the core pins
// natively (tests/simulation.rs) and uncertainty.spec.js on the demo page.
const SCENARIO = { v: 2, rateCents: 10000, baselineMinutes: [4800, 6000, 9000], changes: [] };
const SPREAD = 'Good case €8,056 · middle €11,196 · bad case €14,844 · average €11,366';
const BODY = '<change-cost lang="en" storage-key="w1"></change-cost>\n<change-cost lang="en" storage-key="w2"></change-cost>';

/** Opens two calculators on a page served with `csp`, sets the scenario in each, and returns their spreads. */
async function spreads(page, name, csp = CSP) {
  await page.route(`**/e2e/${name}.html`, (route) => route.fulfill({
    status: 200, contentType: 'text/html', headers: { 'Content-Security-Policy': csp },
    body: html({ lang: 'en', body: BODY, name }),
  }));
  await page.goto(`/e2e/${name}.html`);
  const calcs = page.locator('change-cost');
  const out = [];
  for (const calc of await calcs.all()) {
    await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', /^\d+$/);
    await calc.evaluate((el, s) => { el.scenario = s; }, SCENARIO);
    await settled(calc);
    out.push(await calc.locator('.card[data-contract="hourly"] .spread').textContent());
  }
  return out;
}

/** Collects the page's errors and the workers it starts. */
function watch(page) {
  const seen = { errors: [], workers: [] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('worker', (w) => seen.workers.push(w.url()));
  return seen;
}

test('one worker for the page runs every calculator\'s simulation, with the figures pinned natively', async ({ page }) => {
  const seen = watch(page);
  expect(await spreads(page, 'worker-on')).toEqual([SPREAD, SPREAD]);
  expect(seen.workers).toHaveLength(1);
  expect(seen.workers[0]).toMatch(/\/changecost\/worker\.js$/);
  expect(seen.errors).toEqual([]);
  // Typing goes on through the worker: a new rate, new figures.
  const calc = page.locator('change-cost').first();
  const rate = calc.getByLabel('Hourly rate, net', { exact: true });
  await rate.fill('200');
  await settled(calc);
  // Twice the rate, about twice the figures (another seed: another scenario).
  const spread = await calc.locator('.card[data-contract="hourly"] .spread').textContent();
  const p10 = Number(spread.match(/Good case €([\d,]+)/)[1].replace(/,/g, ''));
  expect(p10).toBeGreaterThan(15_000);
  expect(p10).toBeLessThan(17_500);
  expect(seen.workers).toHaveLength(1);
});

test('without Worker the simulation runs on the page, with the same figures', async ({ page }) => {
  await page.addInitScript(() => { delete window.Worker; });
  const seen = watch(page);
  expect(await spreads(page, 'worker-none')).toEqual([SPREAD, SPREAD]);
  expect(seen.workers).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a Content-Security-Policy that forbids workers leaves the simulation on the page', async ({ page }) => {
  const seen = watch(page);
  expect(await spreads(page, 'worker-csp', `${CSP}; worker-src 'none'`)).toEqual([SPREAD, SPREAD]);
  expect(seen.workers).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a worker that fails hands its simulation back to the page', async ({ page }) => {
  // A worker that starts, takes the messages and then fails (as one whose
  // script cannot load does): the pending simulations and every later one
  // run on the page.
  await page.addInitScript(() => {
    window.Worker = class extends EventTarget {
      constructor() {
        super();
        window.__workers = (window.__workers ?? 0) + 1;
        setTimeout(() => this.onerror?.(new Event('error')), 200);
      }

      postMessage() {}

      terminate() {}
    };
  });
  const seen = watch(page);
  expect(await spreads(page, 'worker-broken')).toEqual([SPREAD, SPREAD]);
  expect(await page.evaluate(() => window.__workers)).toBe(1);
  expect(seen.errors).toEqual([]);
});

test('a worker that never says it is ready is given up after the handshake\'s time, and the page simulates', async ({ page }) => {
  // A worker that starts and takes the messages but never answers (as a
  // bundle's own chunk started in its place did): no error event, silence.
  await page.addInitScript(() => {
    window.Worker = class extends EventTarget {
      constructor() {
        super();
        window.__silent = (window.__silent ?? 0) + 1;
      }

      postMessage() {}

      terminate() {
        window.__terminated = true;
      }
    };
  });
  const warnings = [];
  page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
  const seen = watch(page);
  await page.route('**/e2e/worker-silent.html', (route) => route.fulfill({
    status: 200, contentType: 'text/html', headers: { 'Content-Security-Policy': CSP },
    body: html({ lang: 'en', body: '<change-cost lang="en" storage-key="w3"></change-cost>', name: 'worker-silent' }),
  }));
  await page.goto('/e2e/worker-silent.html');
  const calc = page.locator('change-cost');
  await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', /^\d+$/);
  await calc.evaluate((el, s) => { el.scenario = s; }, SCENARIO);
  // Past the handshake's time (5 s), the page's own slices.
  await expect(calc.locator('.cc')).not.toHaveAttribute('data-stale', '', { timeout: 20_000 });
  await expect(calc.locator('.card[data-contract="hourly"] .spread')).toHaveText(SPREAD);
  expect(await page.evaluate(() => [window.__silent, window.__terminated])).toEqual([1, true]);
  expect(warnings).toEqual([expect.stringMatching(/^changecost: the simulation runs on the page: no answer from \d+ s$/)]);
  expect(seen.errors).toEqual([]);
});
