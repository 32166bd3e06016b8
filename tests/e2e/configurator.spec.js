// The configurator (www/configure.html): the form drives a live preview and
// the two-line snippet; the snippet points at the hashed release bundle with
// the right Subresource Integrity; copying works or falls back to selecting;
// the release bundle works on a page made from the snippet, and refuses a
// tampered file.
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { routePage, clearStorage, total, field, T, release, manifest, flipMiddleByte, recordErrorMessages } from './helpers.js';

const sha384 = (file) => createHash('sha384').update(readFileSync(release(file))).digest('base64');

/** The consultant's form (its labels repeat inside the preview widget). */
const form = (page) => page.getByRole('form', { name: 'Your defaults' });
const preview = (page) => page.locator('#preview change-cost');

/** The attributes of the snippet's <change-cost> line, in order. */
function elementAttributes(line) {
  const match = line.match(/^<change-cost((?: [a-z-]+="[^"]*")*)><\/change-cost>$/);
  expect(match, line).not.toBeNull();
  return [...match[1].matchAll(/ ([a-z-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]);
}

/** Fills the form as a consultant would, returning the snippet's two lines. */
async function configure(page, { lang, rate, base }) {
  await page.goto('/configure.html');
  await expect(preview(page).locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1140000');
  await form(page).getByLabel('Language').selectOption(lang);
  await form(page).getByLabel('Hourly rate, net').fill(rate);
  if (base) await form(page).getByLabel('Where the files will live').fill(base);
  return (await page.locator('#snippet').inputValue()).split('\n');
}

test('the form drives the live preview and the two-line snippet, with the release file and its SRI hash', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await configure(page, { lang: 'de', rate: '120' });
  await form(page).getByLabel('By the hour, capped').check();
  await form(page).getByLabel('rate', { exact: true }).check();
  await form(page).getByLabel('Theme').selectOption('dark');

  const calc = preview(page);
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1440000');
  await expect(total(calc, 'hourly')).toHaveText('14.400,00 €');
  await expect(calc.locator('.cc')).toHaveAttribute('data-theme', 'dark');
  await expect(calc.locator('.card[data-contract="capped"]')).toHaveCount(1);
  await expect(total(calc, 'capped')).toHaveAttribute('data-cents', '1440000');
  const rate = field(calc, T.de.rate);
  await expect(rate).toHaveAttribute('readonly', '');
  await expect(rate).toHaveAttribute('aria-readonly', 'true');
  await expect(rate).toHaveValue('120');

  const m = manifest();
  expect(m.script).toMatch(/^changecost\.[0-9a-f]{8,}\.js$/);
  expect(m.integrity).toBe(`sha384-${sha384(m.script)}`);
  const lines = (await page.locator('#snippet').inputValue()).split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toBe(`<script type="module" src="/changecost/${m.script}" integrity="${m.integrity}" crossorigin="anonymous"></script>`);
  expect(elementAttributes(lines[1])).toEqual([
    ['lang', 'de'], ['rate', '120'], ['theme', 'dark'], ['models', 'hourly fixed capped'], ['lock', 'rate'],
  ]);
  // The files to upload are the release bundle's.
  await expect(page.locator('#files a')).toHaveText(m.files);

  // Unchecking puts the defaults back: the attribute leaves the snippet and the preview.
  await form(page).getByLabel('By the hour, capped').uncheck();
  await form(page).getByLabel('rate', { exact: true }).uncheck();
  await expect(calc.locator('.card')).toHaveCount(2);
  await expect(field(calc, T.de.rate)).not.toHaveAttribute('readonly');
  const after = (await page.locator('#snippet').inputValue()).split('\n');
  expect(elementAttributes(after[1])).toEqual([['lang', 'de'], ['rate', '120'], ['theme', 'dark']]);
  expect(errors).toEqual([]);
});

test('the release bundle\'s loader checks the wasm it ships with and carries the stylesheet', async () => {
  const m = manifest();
  // The release script is minified: its names change, its strings do not.
  const loader = readFileSync(release(m.script), 'utf8');
  expect(loader).toContain(`new URL("./${m.wasm}",import.meta.url)`);
  expect(loader).toContain(`new URL("./${m.worker}",import.meta.url)`);
  expect(loader).toContain(`"${sha384(m.wasm)}"`);
  // The stylesheet is inside the script (whose integrity hash covers it), minified.
  expect(loader).toContain(':host{all:initial!important;');
  expect(m.css).toBeUndefined();
  // Issue 24: each language's words are a file of their own, named and
  // checked like the wasm, gzipped (what the loader fetches) and whole.
  const texts = Object.values(m.texts).flatMap((t) => [t.file, t.uncompressed]);
  expect(texts).toHaveLength(4);
  for (const [code, t] of Object.entries(m.texts)) {
    for (const file of [t.file, t.uncompressed]) expect(loader).toContain(`new URL("./${file}",import.meta.url)`);
    expect(loader).toContain(`${code}:"${sha384(t.file)}"`);
    expect(loader).toContain(`${code}:"${sha384(t.uncompressed)}"`);
    expect(t.integrity).toBe(`sha384-${sha384(t.file)} sha384-${sha384(t.uncompressed)}`);
    expect(t.uncompressedIntegrity).toBe(`sha384-${sha384(t.uncompressed)}`);
  }
  expect([...m.files].sort()).toEqual([m.script, m.wasm, m.wasmUncompressed, m.worker, ...texts].sort());
});

test.describe('copying the snippet', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
  test('"Copy the snippet" puts it on the clipboard', async ({ page }) => {
    await configure(page, { lang: 'en', rate: '110' });
    await page.getByRole('button', { name: 'Copy the snippet' }).click();
    await expect(page.locator('#copied')).toHaveText('Copied.');
    const snippet = await page.locator('#snippet').inputValue();
    expect(snippet).toContain('<change-cost lang="en" rate="110"></change-cost>');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  });

  test('"Copy the preload line" copies it and says so beside it', async ({ page }) => {
    await configure(page, { lang: 'en', rate: '110' });
    await page.getByRole('button', { name: 'Copy the preload line' }).click();
    await expect(page.locator('#copied-preload')).toHaveText('Copied.');
    await expect(page.locator('#copied')).toHaveText('');
    const line = await page.locator('#snippet-preload').inputValue();
    expect(line).toBe(`<link rel="preload" href="/changecost/${manifest().wasm}" as="fetch" integrity="${manifest().wasmIntegrity}" crossorigin="anonymous">`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(line);
  });
});

test('with the preload line in its head, a page made from the snippet fetches the wasm once', async ({ page }) => {
  await clearStorage(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const lines = await configure(page, { lang: 'de', rate: '110', base: '/release/' });
  const preload = await page.locator('#snippet-preload').inputValue();
  const m = manifest();
  expect(m.wasmIntegrity).toBe(`sha384-${sha384(m.wasm)} sha384-${sha384(m.wasmUncompressed)}`);
  expect(preload).toBe(`<link rel="preload" href="/release/${m.wasm}" as="fetch" integrity="${m.wasmIntegrity}" crossorigin="anonymous">`);
  // The folder changes the line as it changes the snippet.
  await form(page).getByLabel('Where the files will live').fill('https://cdn.example/cc');
  await expect(page.locator('#snippet-preload')).toHaveValue(`<link rel="preload" href="https://cdn.example/cc/${m.wasm}" as="fetch" integrity="${m.wasmIntegrity}" crossorigin="anonymous">`);

  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(await routePage(page, 'snippet-preload', lines.join('\n'), { head: preload, loader: false }));
  const calc = page.locator('change-cost');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1320000');
  await field(calc, T.de.rate).fill('100');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1200000');
  // The loader's fetch() takes the preloaded response: one request for the wasm.
  expect(requests.filter((p) => p === `/release/${m.wasm}`)).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('when the clipboard is denied, the snippet is selected and the page says so', async ({ page }) => {
  // Chromium grants clipboard writes after a click whatever the permission
  // settings, so the denial is simulated: writeText rejects as a browser does.
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  await configure(page, { lang: 'de', rate: '100' });
  await page.getByRole('button', { name: 'Copy the snippet' }).click();
  await expect(page.locator('#copied')).toHaveText('Selected: press Ctrl+C (or ⌘C) to copy.');
  await expect(page.locator('#copied')).toHaveAttribute('role', 'status');
  const selection = await page.locator('#snippet').evaluate((el) => ({
    focused: document.activeElement === el, start: el.selectionStart, end: el.selectionEnd, length: el.value.length,
  }));
  expect(selection).toEqual({ focused: true, start: 0, end: selection.length, length: selection.length });
  expect(selection.length).toBeGreaterThan(100);
});

/** A host page whose body is exactly the configurator's snippet. */
async function snippetPage(page, name, snippet) {
  return routePage(page, name, snippet, { loader: false });
}

for (const [lang, other] of [['de', 'en'], ['en', 'de']]) {
  test(`the release bundle works on a page made from the snippet (${lang})`, async ({ page }) => {
    await clearStorage(page);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const lines = await configure(page, { lang, rate: '110', base: '/release/' });
    expect(lines[0]).toContain(`src="/release/${manifest().script}"`);
    // The configurator's preview, switched to German, may still be fetching
    // its words: leave it before counting the snippet page's requests.
    await page.goto('about:blank');
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(await snippetPage(page, `snippet-${lang}`, lines.join('\n')));
    const calc = page.locator('change-cost');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1320000');
    await field(calc, T[lang].rate).fill('100');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1200000');
    await expect(field(calc, T[other].rate)).toHaveCount(0);
    const m = manifest();
    // Only its own files, each once, all from the release folder (no dev
    // build); the simulation's worker is a script of its own; of the
    // languages, the calculator's only (issue 24).
    // Polled as a list, so that a failure names the requests.
    const own = () => requests.filter((p) => !p.startsWith('/e2e/')).sort();
    await expect.poll(own).toEqual([m.script, m.wasm, m.worker, m.texts[lang].file].map((f) => `/release/${f}`).sort());
    expect(errors).toEqual([]);
  });
}

test('a tampered wasm is refused: the failure text in each language, an error event, no widget', async ({ page }) => {
  const m = manifest();
  await page.addInitScript(() => {
    window.ccErrors = [];
    document.addEventListener('changecost:error', (e) => window.ccErrors.push({ id: e.target.id, message: e.detail.message }));
  });
  const consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  await flipMiddleByte(page, `**/release/${m.wasm}`);
  const snippet = `<script type="module" src="/release/${m.script}" integrity="${m.integrity}" crossorigin="anonymous"></script>
<change-cost id="de" lang="de"></change-cost>
<change-cost id="en" lang="en"></change-cost>`;
  await page.goto(await snippetPage(page, 'tampered', snippet));
  await expect(page.locator('#de')).toHaveText(T.de.failed);
  await expect(page.locator('#en')).toHaveText(T.en.failed);
  for (const id of ['de', 'en']) {
    await expect(page.locator(`#${id} .cc`)).toHaveCount(0);
    await expect(page.locator(`#${id} output`)).toHaveCount(0);
    await expect(page.locator(`#${id} input`)).toHaveCount(0);
  }
  const events = await page.evaluate(() => window.ccErrors);
  const refusal = `changecost: ${m.wasm} does not match its SHA-384 (integrity check failed)`;
  expect(events).toEqual([{ id: 'de', message: refusal }, { id: 'en', message: refusal }]);
  expect(consoleErrors.join('\n')).toContain('does not match its SHA-384');
});

test('a wasm served as application/octet-stream is compiled from its checked bytes', async ({ page }) => {
  const m = manifest();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(`**/release/${m.wasm}`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  const snippet = `<script type="module" src="/release/${m.script}" integrity="${m.integrity}" crossorigin="anonymous"></script>
<change-cost lang="en" persist="off"></change-cost>`;
  await page.goto(await snippetPage(page, 'octet-stream', snippet));
  await expect(total(page.locator('change-cost'), 'hourly')).toHaveAttribute('data-cents', '1140000');
  expect(errors).toEqual([]);
});

test('a wasm that cannot be fetched: the failure text, and no word of a changed file', async ({ page }) => {
  const m = manifest();
  await recordErrorMessages(page);
  await page.route(`**/release/${m.wasm}`, (route) => route.abort('connectionreset'));
  const snippet = `<script type="module" src="/release/${m.script}" integrity="${m.integrity}" crossorigin="anonymous"></script>
<change-cost lang="de"></change-cost>`;
  await page.goto(await snippetPage(page, 'no-wasm', snippet));
  await expect(page.locator('change-cost')).toHaveText(T.de.failed);
  const events = await page.evaluate(() => window.ccErrors);
  expect(events).toHaveLength(1);
  expect(events[0]).not.toContain('SHA-384');
});

test('a tampered script of the bundle (the stylesheet is inside it) is refused', async ({ page }) => {
  const m = manifest();
  await page.route(`**/release/${m.script}`, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length - 2] ^= 0x01;
    await route.fulfill({ response, body });
  });
  const snippet = `<script type="module" src="/release/${m.script}" integrity="${m.integrity}" crossorigin="anonymous"></script>
<change-cost lang="en"></change-cost>`;
  // The browser's SRI check refuses it, so the element is never defined.
  const consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  await page.goto(await snippetPage(page, 'tampered-js', snippet));
  await expect.poll(() => consoleErrors.join('\n')).toMatch(/integrity/i);
  expect(await page.evaluate(() => customElements.get('change-cost') === undefined)).toBe(true);
});

test('the example and the endpoint go into the snippet and the preview', async ({ page }) => {
  await configure(page, { lang: 'en', rate: '95' });
  await form(page).getByLabel('Example for an empty calculator').fill('off');
  await form(page).getByLabel(/form service's address/).fill('/submit');
  await form(page).getByLabel('It takes').selectOption('form');
  const calc = preview(page);
  await expect(calc.getByRole('button', { name: 'Try the example' })).toHaveCount(0);
  await expect(calc.getByRole('button', { name: 'Send to the consultant' })).toHaveCount(1);
  const lines = (await page.locator('#snippet').inputValue()).split('\n');
  const attrs = Object.fromEntries(elementAttributes(lines[1]));
  expect(attrs).toMatchObject({ endpoint: '/submit', 'endpoint-format': 'form', example: 'off' });
});

test('what the visitor\'s browser keeps: "ask" and "off" go into the snippet; the preview asks too', async ({ page }) => {
  await clearStorage(page);
  await configure(page, { lang: 'en', rate: '95' });
  const keeps = form(page).getByLabel('What the visitor\'s browser keeps');
  const calc = preview(page);
  const snippetAttrs = async () => Object.fromEntries(elementAttributes((await page.locator('#snippet').inputValue()).split('\n')[1]));
  await expect(calc.getByRole('checkbox', { name: 'Keep my entries on this device' })).toHaveCount(0);
  expect(await snippetAttrs()).not.toHaveProperty('persist');

  await keeps.selectOption('ask');
  expect(await snippetAttrs()).toMatchObject({ persist: 'ask' });
  await expect(calc.getByRole('checkbox', { name: 'Keep my entries on this device' })).not.toBeChecked();
  await keeps.selectOption('off');
  expect(await snippetAttrs()).toMatchObject({ persist: 'off' });
  await expect(calc.getByRole('checkbox', { name: 'Keep my entries on this device' })).toHaveCount(0);
  await keeps.selectOption('');
  expect(await snippetAttrs()).not.toHaveProperty('persist');
  // The preview kept nothing in the consultant's browser meanwhile.
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('changecost:')))).toEqual([]);
});
