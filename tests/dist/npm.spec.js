// The npm package as a developer meets it: the tarball of `make dist`
// installed with npm into a folder of its own, then served from a second
// origin under a versioned path, the way public npm CDNs serve packages
// (/npm/changecost@<version>/...), and embedded from the first origin under
// a strict CSP that names that origin.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ready, total, WORKED } from '../e2e/helpers.js';
import { VERSION, html, installTarball, serve } from './util.js';

let pkgDir;
let cdn;
let site;
const base = () => `${cdn.origin}/npm/changecost@${VERSION}/`;
const csp = () => `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${cdn.origin}; connect-src 'self' ${cdn.origin}; style-src 'self'`;

test.beforeAll(async () => {
  pkgDir = path.join(installTarball('npm'), 'node_modules/changecost');
  cdn = await serve({ [`/npm/changecost@${VERSION}/`]: pkgDir });
  site = await serve();
});
test.afterAll(async () => Promise.all([cdn?.close(), site?.close()]));

test('the installed package is what package.json says: ESM, exports, files, customElements, types, one version', () => {
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  expect(pkg.name).toBe('changecost');
  expect(pkg.version).toBe(VERSION);
  expect(pkg.type).toBe('module');
  expect(pkg.customElements).toBe('custom-elements.json');
  expect(pkg.sideEffects).toEqual(['./changecost.js']);
  expect(pkg.exports['.']).toEqual({ types: './element.d.ts', default: './element.js' });
  expect(pkg.exports['./define']).toEqual({ types: './define.d.ts', default: './changecost.js' });
  // Every file an export, `types` or `customElements` names is in the tarball.
  const named = [pkg.types, pkg.customElements, ...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))];
  for (const file of named) expect(existsSync(path.join(pkgDir, file)), file).toBe(true);
  // Nothing but the files the package declares (and npm's own).
  const files = readdirSync(pkgDir).sort();
  const wasm = files.find((f) => f.endsWith('.wasm'));
  expect(files).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'changecost.js', 'custom-elements.json',
    'define.d.ts', 'element.d.ts', 'element.js', 'jsx.d.ts', 'package.json', wasm].sort());
  // The version shows in the manifest too.
  const cem = JSON.parse(readFileSync(path.join(pkgDir, 'custom-elements.json'), 'utf8'));
  expect(cem.modules[0].description).toContain(VERSION);
});

test('"changecost/define" from a second origin: the worked example, every file from the versioned path', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(site.page('/npm-define.html', html('npm-define', `
<script type="module" src="${base()}changecost.js"></script>
<change-cost lang="en" rate="95" hours="120" persist="off"></change-cost>`), csp()));
  const calc = page.locator('change-cost');
  await ready(calc);
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
  await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', '1721400');
  await expect(total(calc, 'hourly')).toHaveText('€15,646.50');
  const loaded = requests.filter((u) => u.startsWith(cdn.origin)).map((u) => u.replace(base(), '')).sort();
  const wasm = readdirSync(pkgDir).find((f) => f.endsWith('.wasm'));
  // The stylesheet is inside element.js.
  expect(loaded).toEqual(['changecost.js', 'element.js', wasm].sort());
  expect(errors).toEqual([]);
});

test('"changecost" (the side-effect-free entry) registers nothing and fetches nothing until define()', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // A module of the host page imports the entry (a data: module keeps the CSP as strict as it is).
  await page.goto(site.page('/npm-element.html', html('npm-element', `
<change-cost id="a" lang="de" persist="off"></change-cost>
<cost-calculator id="b" lang="en" persist="off"></cost-calculator>`), csp()));
  await page.evaluate(async (url) => {
    const cc = await import(url);
    window.cc = cc;
    window.before = { defined: Boolean(customElements.get('change-cost')) };
  }, `${base()}element.js`);
  await page.waitForFunction(() => window.before);
  expect(await page.evaluate(() => window.before)).toEqual({ defined: false });
  expect(await page.evaluate(() => Object.keys(window.cc).sort())).toEqual(['ChangeCost', 'define', 'load']);
  // The element class stays unregistered: nothing has been fetched beyond the script.
  await page.waitForTimeout(300);
  expect(requests.filter((u) => /\.(wasm|css)$/.test(u))).toEqual([]);
  expect(await page.evaluate(() => customElements.get('change-cost'))).toBeUndefined();

  await page.evaluate(() => Promise.all([window.cc.define(), window.cc.define('cost-calculator')]));
  const a = page.locator('#a');
  const b = page.locator('#b');
  await ready(a);
  await ready(b);
  expect(await a.evaluate((el) => el instanceof window.cc.ChangeCost)).toBe(true);
  expect(await b.evaluate((el) => el instanceof window.cc.ChangeCost)).toBe(true);
  await b.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(b, 'fixed')).toHaveAttribute('data-cents', '1721400');
  await expect(total(a, 'hourly')).toHaveText('11.400,00 €');
  expect(requests.filter((u) => u.endsWith('.wasm'))).toHaveLength(1);
});
