// The frame for site builders: frame.html of the release bundle served from
// a second origin (the consultant's bundle), the host script on a page of
// the first origin (the builder's page), each under a strict CSP. The frame
// takes the attributes as query parameters, grows when a change is added,
// accepts nothing but a height from its own frame, hands share links to the
// host page, and works sandboxed without storage.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { ready, total, WORKED, T } from '../e2e/helpers.js';
import { ROOT, html, release, serve } from './util.js';

let bundle; // the second origin: the consultant's upload
let site; // the first origin: the host page

test.beforeAll(async () => {
  bundle = await serve({ '/changecost/': path.join(ROOT, 'www/release') });
  site = await serve();
});
test.afterAll(async () => Promise.all([bundle?.close(), site?.close()]));

const hostCsp = () => `default-src 'self'; script-src 'self' ${bundle.origin}; frame-src ${bundle.origin}; style-src 'self'`;
/** A host page with the one line a consultant pastes. */
function hostPage(name, data) {
  const m = release();
  return site.page(`/${name}.html`, html(name, `<h1>A site builder's page</h1>
<script src="${bundle.origin}/changecost/${m.frame.host}" ${data}></script>
<p id="after">After the calculator.</p>`), hostCsp());
}
const heightOf = (page) => page.locator('iframe').evaluate((f) => parseFloat(f.style.height));
const contentHeight = (frame) => frame.locator('main').evaluate((m) => Math.ceil(m.getBoundingClientRect().height));

test('the host script makes the frame from data-* attributes and sizes it to its content; it grows when a change is added', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The frame preloads the wasm, and the loader takes that download: one request.
  const wasm = [];
  page.on('request', (r) => { if (/\.wasm(\.gz)?$/.test(r.url())) wasm.push(r.url()); });
  await page.goto(hostPage('frame-host', 'data-lang="en" data-rate="95" data-hours="120" data-hours-low="100" data-bogus="1" data-height="300"'));
  const iframe = page.locator('iframe');
  await expect(iframe).toHaveAttribute('src', new RegExp(`^${bundle.origin}/changecost/frame\\.html\\?`));
  // Right after the script, before the rest of the page.
  expect(await page.evaluate(() => document.querySelector('script[src*="embed-frame"]').nextElementSibling.tagName)).toBe('IFRAME');
  await expect(iframe).toHaveAttribute('title', 'Calculator: what will your changes cost?');
  const frame = page.frameLocator('iframe');
  const calc = frame.locator('change-cost');
  await ready(calc);
  // The attributes the element knows, and nothing else; share links point to the host page.
  expect(await calc.evaluate((el) => el.getAttributeNames().sort()))
    .toEqual(['data-share-base', 'hours', 'hours-low', 'lang', 'rate', 'storage-key']);
  await expect(calc).toHaveAttribute('data-share-base', `${site.origin}/frame-host.html`);
  await expect(calc).toHaveAttribute('storage-key', `frame:${new URL(site.origin).host}/frame-host.html`);
  await expect(total(calc, 'hourly')).toHaveText('€11,400.00');
  // Sized to its content (not the 300 px it started with), so the frame does not scroll.
  await expect.poll(async () => Math.abs(await heightOf(page) - await contentHeight(frame))).toBeLessThanOrEqual(1);
  const before = await heightOf(page);
  expect(before).toBeGreaterThan(300);
  expect(await frame.locator('html').evaluate((h) => h.scrollHeight - h.clientHeight)).toBeLessThanOrEqual(1);

  await calc.getByRole('button', { name: T.en.add }).click();
  await expect(calc.locator('[data-change-id]')).toHaveCount(1);
  // The row of the change, less the line that said there were none.
  await expect.poll(() => heightOf(page)).toBeGreaterThan(before + 20);
  await expect.poll(async () => Math.abs(await heightOf(page) - await contentHeight(frame))).toBeLessThanOrEqual(1);
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
  await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', '1721400');
  expect(wasm).toEqual([`${bundle.origin}/changecost/${release().wasm}`]);
  expect(errors).toEqual([]);
});

test('only a height, only from its own frame: other messages change nothing', async ({ page }) => {
  await page.goto(hostPage('frame-messages', 'data-lang="de"'));
  const frame = page.frameLocator('iframe');
  await ready(frame.locator('change-cost'));
  await expect.poll(async () => Math.abs(await heightOf(page) - await contentHeight(frame))).toBeLessThanOrEqual(1);
  // Every height the host script gives the frame from here on.
  await page.locator('iframe').evaluate((f) => {
    window.heights = [];
    new MutationObserver(() => window.heights.push(f.style.height)).observe(f, { attributes: true, attributeFilter: ['style'] });
  });
  // From the host page itself (not the frame's window), and an invalid height from the frame.
  await page.evaluate(() => window.postMessage({ changecost: 'height', height: 77 }, '*'));
  const inFrame = page.frames().find((f) => f.url().includes('/changecost/frame.html'));
  for (const message of [{ changecost: 'height', height: '999' }, { changecost: 'height', height: 1e9 },
    { changecost: 'width', height: 500 }, { height: 500 }, 'height:500']) {
    await inFrame.evaluate((m) => window.parent.postMessage(m, '*'), message);
  }
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.heights)).toEqual([]);
  // The same path with a valid height is taken (so the checks above are what refused it); the
  // frame then reports its own height again.
  await inFrame.evaluate(() => window.parent.postMessage({ changecost: 'height', height: 512 }, '*'));
  await expect.poll(() => page.evaluate(() => window.heights[0])).toBe('512px');
});

test.describe('share links', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('made in the frame they point to the host page, and open there in the frame', async ({ page, context }) => {
    await page.goto(hostPage('frame-share', 'data-lang="en"'));
    const calc = page.frameLocator('iframe').locator('change-cost');
    await ready(calc);
    await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
    await calc.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/#cc=/);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link.startsWith(`${site.origin}/frame-share.html#cc=`)).toBe(true);
    // The summary carries the same link.
    await calc.getByRole('button', { name: 'Copy summary' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(link);

    const other = await context.newPage();
    await other.goto(link);
    const shared = other.frameLocator('iframe').locator('change-cost');
    await ready(shared);
    await expect(other.locator('iframe')).toHaveAttribute('src', /#cc=/);
    await shared.getByRole('button', { name: 'Open this calculation' }).click();
    await expect(total(shared, 'hourly')).toHaveAttribute('data-cents', '1564650');
    await expect(total(shared, 'fixed')).toHaveAttribute('data-cents', '1721400');
  });

  test('without a host address they point to the frame itself', async ({ page }) => {
    await page.goto(`${bundle.origin}/changecost/frame.html?lang=en&rate=110`);
    const calc = page.locator('change-cost');
    await ready(calc);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1320000');
    await calc.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/#cc=/);
    expect(await page.evaluate(() => navigator.clipboard.readText()))
      .toMatch(new RegExp(`^${bundle.origin}/changecost/frame\\.html\\?lang=en&rate=110#cc=`));
  });
});

test('sandboxed without allow-same-origin: no storage, the calculator computes and says nothing is kept; it still resizes', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(hostPage('frame-sandbox', 'data-lang="en" data-sandbox="allow-scripts"'));
  await expect(page.locator('iframe')).toHaveAttribute('sandbox', 'allow-scripts');
  const frame = page.frameLocator('iframe');
  const calc = frame.locator('change-cost');
  await ready(calc);
  expect(await frame.locator('body').evaluate(() => {
    try {
      return typeof window.localStorage;
    } catch (e) {
      return e.name;
    }
  })).toBe('SecurityError');
  await expect(calc.locator('[part=notices]')).toContainText('This browser does not allow saving.');
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
  await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', '1721400');
  const before = await heightOf(page);
  await calc.getByRole('button', { name: T.en.add }).click();
  // The row of the change, less the line that said there were none.
  await expect.poll(() => heightOf(page)).toBeGreaterThan(before + 20);
  expect(errors).toEqual([]);
});

test('without the host script the frame works at the height it is given, and scrolls', async ({ page }) => {
  await page.goto(site.page('/frame-plain.html', html('frame-plain',
    `<iframe src="${bundle.origin}/changecost/frame.html?lang=de&amp;rate=95&amp;hours=120" title="Rechner" height="400" width="800"></iframe>`),
  hostCsp()));
  const frame = page.frameLocator('iframe');
  const calc = frame.locator('change-cost');
  await ready(calc);
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(calc, 'hourly')).toHaveText('15.646,50 €');
  await page.waitForTimeout(300);
  expect(await page.locator('iframe').evaluate((f) => f.clientHeight)).toBe(400);
  const scroll = await frame.locator('html').evaluate((h) => ({ overflow: h.scrollHeight - h.clientHeight }));
  expect(scroll.overflow).toBeGreaterThan(400);
  await frame.locator('html').evaluate((h) => { h.scrollTop = h.scrollHeight; });
  expect(await frame.locator('html').evaluate((h) => h.scrollTop)).toBeGreaterThan(0);
});
