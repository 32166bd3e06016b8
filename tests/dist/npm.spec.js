// The npm package as a developer meets it: the tarball of `make dist`
// installed with npm into a folder of its own, then served from a second
// origin under a versioned path, the way public npm CDNs serve packages
// (/npm/changecost@<version>/...), and embedded from the first origin under
// a strict CSP that names that origin.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ready, settled, total, WORKED } from '../e2e/helpers.js';
import { STRICT_CSP, VERSION, html, installTarball, serve } from './util.js';

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
  const gzipped = files.find((f) => f.endsWith('.wasm.gz'));
  const worker = files.find((f) => /^changecost-worker\.[0-9a-f]{12}\.js$/.test(f));
  // Issue 24: each language's words, a file of its own, gzipped and whole (as the wasm).
  const languages = files.filter((f) => /^changecost\.[a-z]{2}\.[0-9a-f]{12}\.txt(\.gz)?$/.test(f));
  expect(languages.map((f) => f.split('.')[1]).sort()).toEqual(['de', 'de', 'en', 'en']);
  expect(languages.filter((f) => f.endsWith('.gz'))).toHaveLength(2);
  expect(files).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'changecost.js', 'custom-elements.json',
    'define.d.ts', 'element.d.ts', 'element.js', 'jsx.d.ts', 'package.json', wasm, gzipped, worker, ...languages].sort());
  // The files element.js loads are named in literals bundlers read, each a file of the package.
  const element = readFileSync(path.join(pkgDir, 'element.js'), 'utf8');
  const literals = [...element.matchAll(/new URL\("\.\/([^"]+)",import\.meta\.url\)/g)].map((x) => x[1]).sort();
  expect(literals).toEqual([worker, wasm, gzipped, ...languages].sort());
  // The worker is a module of its own: it imports nothing (not element.js), names no file.
  const workerText = readFileSync(path.join(pkgDir, worker), 'utf8');
  expect(workerText).not.toMatch(/\bimport\s*[{*("'.]|\bexport\s*[{*]/);
  expect(workerText).not.toContain('import.meta');
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
  const wasm = readdirSync(pkgDir).find((f) => f.endsWith('.wasm.gz'));
  const english = readdirSync(pkgDir).find((f) => f.startsWith('changecost.en.') && f.endsWith('.txt.gz'));
  // The stylesheet is inside element.js; the wasm and the words come gzipped; of the languages, the calculator's only.
  expect(loaded).toEqual(['changecost.js', 'element.js', wasm, english].sort());
  expect(errors).toEqual([]);
});

test('"changecost" (the side-effect-free entry) registers nothing and fetches nothing until define()', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // A module of the host page imports the entry (a data: module keeps the CSP as strict as it is).
  await page.goto(site.page('/npm-element.html', html('npm-element', `
<change-cost id="a" lang="de" persist="off"></change-cost>
<cost-calc.2 id="b" lang="en" persist="off"></cost-calc.2>`), csp()));
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
  expect(requests.filter((u) => /\.(wasm|wasm\.gz|css|txt|txt\.gz)$/.test(u))).toEqual([]);
  expect(await page.evaluate(() => customElements.get('change-cost'))).toBeUndefined();

  // A name that is a valid element name but no CSS selector (the '.2').
  await page.evaluate(() => Promise.all([window.cc.define(), window.cc.define('cost-calc.2')]));
  const a = page.locator('#a');
  const b = page.locator('#b');
  await ready(a);
  await ready(b);
  expect(await a.evaluate((el) => el instanceof window.cc.ChangeCost)).toBe(true);
  expect(await b.evaluate((el) => el instanceof window.cc.ChangeCost)).toBe(true);
  await b.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(b, 'fixed')).toHaveAttribute('data-cents', '1721400');
  await expect(total(a, 'hourly')).toHaveText('11.400,00 €');
  expect(requests.filter((u) => /\.wasm(\.gz)?$/.test(u))).toHaveLength(1);
});

test('on a server (Node, as Next.js prerenders): both entries import without a browser and define() does nothing', () => {
  // Nothing but definitions runs on import: no `self`, `document` or `Worker` is touched.
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
    const element = await import('changecost');
    const registering = await import('changecost/define');
    const done = await element.define();
    console.log(JSON.stringify({ element: Object.keys(element).sort(), registering: Object.keys(registering).sort(), done: done === undefined }));
  `], { cwd: path.dirname(path.dirname(pkgDir)), encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ element: ['ChangeCost', 'define', 'load'], registering: ['ChangeCost', 'define', 'load'], done: true });
});

test('a host that serves the files itself says where: define({ wasmUrl, workerUrl }), the worker answering', async ({ page }) => {
  const wasm = readdirSync(pkgDir).find((f) => f.endsWith('.wasm'));
  const worker = readdirSync(pkgDir).find((f) => f.startsWith('changecost-worker.'));
  // Given an address, the script fetches the words whole, as the wasm (no .gz).
  const english = readdirSync(pkgDir).find((f) => f.startsWith('changecost.en.') && f.endsWith('.txt'));
  // The script under /lib/, the other files under /static/ (where the script would not look):
  // the languages' files are looked for beside the wasm.
  const own = await serve({ '/lib/': pkgDir, '/static/': pkgDir });
  try {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') errors.push(m.text()); });
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.route('**/own-files.js', (route) => route.fulfill({ contentType: 'text/javascript', body: `
import { define } from '/lib/element.js';
define({ wasmUrl: '/static/${wasm}', workerUrl: new URL('/static/${worker}', location.href) });` }));
    await page.goto(own.page('/own-files.html', html('own-files', `
<script type="module" src="/own-files.js"></script>
<change-cost lang="en" rate="95" hours="120" persist="off"></change-cost>`), STRICT_CSP));
    const calc = page.locator('change-cost');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000');
    await settled(calc);
    expect(await page.evaluate(() => performance.getEntriesByName('changecost:worker').length)).toBeGreaterThan(0);
    expect(requests.filter((p) => p.startsWith('/lib/') || p.startsWith('/static/')).sort())
      .toEqual(['/lib/element.js', `/static/${wasm}`, `/static/${worker}`, `/static/${english}`].sort());
    expect(errors).toEqual([]);
  } finally {
    await own.close();
  }
});

test('a wasm that is not there, answered by a site\'s index.html: the error says what arrived, not that the file was changed', async ({ page }) => {
  // A static host with single-page-app rewrites: every missing file is the index page.
  const site404 = await serve({ '/app/': path.join(pkgDir, 'nothing-here') }, { fallback: path.join(pkgDir, 'README.md') });
  try {
    await page.addInitScript(() => {
      window.ccErrors = [];
      document.addEventListener('changecost:error', (e) => window.ccErrors.push(e.detail.message));
    });
    await page.route('**/app/element.js', (route) => route.fulfill({ path: path.join(pkgDir, 'element.js'), contentType: 'text/javascript' }));
    await page.route('**/app/start.js', (route) => route.fulfill({ contentType: 'text/javascript', body: "import { define } from './element.js'; define();" }));
    await page.goto(site404.page('/app/index.html', html('index-for-everything', `
<script type="module" src="/app/start.js"></script>
<change-cost lang="en" persist="off"></change-cost>`), STRICT_CSP));
    await expect(page.locator('change-cost')).toHaveText('The calculator could not be loaded.');
    const events = await page.evaluate(() => window.ccErrors);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatch(/^changecost: http:\/\/127\.0\.0\.1:\d+\/app\/changecost\.[0-9a-f]{12}\.wasm: got text\/html, not WebAssembly: the file is not served here/);
    expect(events[0]).not.toContain('SHA-384');
  } finally {
    await site404.close();
  }
});
