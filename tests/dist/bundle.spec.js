// The release bundle download (dist/changecost-<version>.zip) as a
// consultant meets it: unzipped and uploaded under any path of any server,
// its example page and its configurator work from there; INSTALL.md gives
// the four ways in at most five steps each; the version is Cargo.toml's.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ready, total, WORKED, T } from '../e2e/helpers.js';
import { DIST, ROOT, VERSION, serve } from './util.js';

const ZIP = path.join(DIST, `changecost-${VERSION}.zip`);
let dir;
let host;
const BASE = '/kunden/lindqvist/rechner/'; // wherever the consultant uploads it

test.beforeAll(async () => {
  dir = path.join(ROOT, 'target/dist-test/bundle');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('unzip', ['-q', ZIP, '-d', dir]);
  host = await serve({ [BASE]: path.join(dir, `changecost-${VERSION}`) });
});
test.afterAll(async () => host?.close());

const file = (...p) => path.join(dir, `changecost-${VERSION}`, ...p);

test('the zip holds the bundle, INSTALL.md, LICENSE, CHANGELOG.md, an example page and the configurator', () => {
  for (const f of ['INSTALL.md', 'LICENSE', 'CHANGELOG.md', 'example.html', 'configure.html', 'configure.js',
    'changecost/manifest.json', 'changecost/frame.html', 'changecost/.htaccess']) {
    expect(existsSync(file(f)), f).toBe(true);
  }
  const manifest = JSON.parse(readFileSync(file('changecost/manifest.json'), 'utf8'));
  expect(manifest.version).toBe(VERSION);
  for (const f of [...manifest.files, ...manifest.frame.files]) expect(existsSync(file('changecost', f)), f).toBe(true);
  expect(readFileSync(file('LICENSE'), 'utf8')).toMatch(/MIT License[\s\S]*Apache License\s+Version 2\.0/);
  const install = readFileSync(file('INSTALL.md'), 'utf8');
  expect(install).toContain(manifest.script);
  expect(install).toContain(manifest.integrity);
  // The optional preload line names this bundle's wasm.
  expect(install).toContain(`<link rel="preload" href="/changecost/${manifest.wasm}" as="fetch" integrity="${manifest.wasmIntegrity}" crossorigin="anonymous">`);
  expect(install).toContain(`changecost-wordpress-${VERSION}.zip`);
  // Four ways, each in at most five steps.
  const ways = install.split(/^## /m).filter((s) => /^\d\. /.test(s));
  expect(ways.map((w) => w.split('\n')[0])).toEqual([
    '1. Your own website (any static host)', '2. npm, or a public npm CDN', '3. WordPress (6.1 or later)',
    '4. Site builders (Squarespace, Wix, Webflow, ...)']);
  for (const way of ways) {
    const steps = way.split('\n').slice(1).filter((l) => /^\d\. /.test(l));
    expect(steps.length, way.split('\n')[0]).toBeGreaterThan(0);
    expect(steps.length, way.split('\n')[0]).toBeLessThanOrEqual(5);
  }
});

test('the bundle\'s wasm imports everything under short names that its script provides', async () => {
  // tools/imports.mjs shortened wasm-bindgen's names in both; a wasm that
  // asked for a name the script does not define could not be instantiated.
  const manifest = JSON.parse(readFileSync(file('changecost/manifest.json'), 'utf8'));
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(file('changecost', manifest.wasmUncompressed))));
  // A few dozen since issue 24 (the page through two functions, no web-sys).
  expect(imports.length).toBeGreaterThan(10);
  expect(new Set(imports.map((i) => i.module))).toEqual(new Set(['a']));
  for (const { name } of imports) expect(name).toMatch(/^[a-zA-Z]{1,2}$/);
  const script = readFileSync(file('changecost', manifest.script), 'utf8');
  expect(script).not.toMatch(/__wbg_[A-Za-z]+_[0-9a-f]{16}/);
  expect(script).not.toContain('changecost_wasm_bg.js');
});

test('uploaded under any path: the example page works, with the calculator and the frame', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${host.origin}${BASE}example.html`);
  const calc = page.locator('change-cost');
  await ready(calc);
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(calc, 'hourly')).toHaveText('€15,646.50');
  const framed = page.frameLocator('iframe').locator('change-cost');
  await ready(framed);
  await framed.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(framed, 'fixed')).toHaveText('17.214,00 €');
  await expect(framed.getByRole('button', { name: T.de.add })).toBeVisible();
  expect(errors).toEqual([]);
});

test('uploaded under any path: the configurator previews, shows the version and writes the four snippets', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${host.origin}${BASE}configure.html`);
  const preview = page.locator('#preview change-cost');
  await ready(preview);
  const manifest = JSON.parse(readFileSync(file('changecost/manifest.json'), 'utf8'));
  await expect(page.locator('#version')).toHaveText(VERSION);
  const form = page.getByRole('form', { name: 'Your defaults' });
  await form.getByLabel('Language').selectOption('de');
  await form.getByLabel('Hourly rate, net').fill('110');
  await form.getByLabel('Your e-mail, for "send to the consultant"').fill('a@example.test');
  await page.getByLabel("Your site's address").fill('https://berater.example');
  await expect(total(preview, 'hourly')).toHaveAttribute('data-cents', '1320000');
  const lines = (await page.locator('#snippet').inputValue()).split('\n');
  expect(lines[0]).toContain(`/changecost/${manifest.script}`);
  expect(lines[1]).toBe('<change-cost lang="de" rate="110" contact="a@example.test"></change-cost>');
  const npm = await page.locator('#snippet-npm').inputValue();
  expect(npm).toContain(`npm install changecost@${VERSION}`);
  expect(npm).toContain(`/changecost@${VERSION}/changecost.js"></script>`);
  expect(npm).toContain(lines[1]);
  expect(await page.locator('#snippet-wordpress').inputValue()).toBe('[changecost lang="de" rate="110" contact="a@example.test"]');
  expect(await page.locator('#snippet-frame').inputValue()).toBe(
    `<script src="https://berater.example/changecost/${manifest.frame.host}" data-lang="de" data-rate="110" data-contact="a@example.test"></script>`);
  expect(await page.locator('#frame-url').inputValue()).toBe(
    'https://berater.example/changecost/frame.html?lang=de&rate=110&contact=a%40example.test');
  await expect(page.locator('#files a').first()).toHaveAttribute('href', /^changecost\//);
  await expect(page.getByRole('link', { name: 'Demo' })).toHaveAttribute('href', 'example.html');
  expect(errors).toEqual([]);
});
