// One language per download (issue 24): the wasm carries no words; each
// language is a file of its own beside it. A page loads the file of the
// language its calculator starts in, with the wasm; the other only when the
// client switches to it, once, and from then on without the network. A
// language that cannot be fetched (offline, an error, a page of HTML in its
// place, a changed file in the release) leaves the calculator working in
// its language, saying so in it.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { routePage, ready, total, field, T, release, manifest, flipMiddleByte, calculatorWarnings } from './helpers.js';

/** The language files a page asked for, by path, in order. */
function languageRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (/\/changecost\.[a-z]+(\.[0-9a-f]{12})?\.txt(\.gz)?$/.test(pathname)) seen.push(pathname);
  });
  return seen;
}

/** The words of the notice for a language that did not load. */
const FAILED = {
  de: 'English konnte nicht geladen werden. Bitte prüfen Sie Ihre Verbindung und wählen Sie die Sprache noch einmal.',
  en: 'Deutsch could not be loaded. Check your connection and choose it again.',
};

for (const [lang, other] of [['de', 'en'], ['en', 'de']]) {
  test(`the first load fetches the page's language only (${lang}); switching fetches the other once, then works offline`, async ({ page, context }) => {
    const requests = languageRequests(page);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(await routePage(page, `languages-${lang}`, '<change-cost id="c" persist="off"></change-cost>', { lang }));
    const calc = page.locator('#c');
    await ready(calc);
    await expect(field(calc, T[lang].rate)).toHaveValue('95');
    expect(requests).toEqual([`/changecost/changecost.${lang}.txt`]);

    // The select offers both languages before the other is loaded.
    const select = calc.getByLabel(T[lang].language);
    await expect(select.locator('option')).toHaveText(['English', 'Deutsch']);
    await field(calc, T[lang].rate).fill('100');
    await select.selectOption(other);
    await expect(field(calc, T[other].rate)).toHaveValue('100');
    await expect(calc.locator('.cc')).toHaveAttribute('lang', other);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1200000');
    expect(requests).toEqual([`/changecost/changecost.${lang}.txt`, `/changecost/changecost.${other}.txt`]);

    // Both are kept for the page: back and forth again, offline, without a request.
    await context.setOffline(true);
    await calc.getByLabel(T[other].language).selectOption(lang);
    await expect(field(calc, T[lang].rate)).toHaveValue('100');
    await calc.getByLabel(T[lang].language).selectOption(other);
    await expect(field(calc, T[other].rate)).toHaveValue('100');
    expect(requests).toHaveLength(2);
    await context.setOffline(false);
    expect(errors).toEqual([]);
  });
}

test('the language is asked for while the wasm is still on its way, not after it', async ({ page }) => {
  // The wasm's answer waits until the language file has been requested: a
  // loader that asked for the language only once the module was in (the
  // elements upgrade then) would never see the calculator ready.
  const requests = languageRequests(page);
  let asked;
  const languageAsked = new Promise((resolve) => { asked = resolve; });
  page.on('request', (r) => { if (/\.txt$/.test(new URL(r.url()).pathname)) asked(); });
  await page.route(/\.wasm(\.gz)?$/, async (route) => {
    await languageAsked;
    await route.continue();
  });
  await page.goto(await routePage(page, 'languages-early', '<change-cost id="c" lang="de" persist="off"></change-cost>'));
  const calc = page.locator('#c');
  await ready(calc);
  await expect(field(calc, T.de.rate)).toHaveValue('95');
  expect(requests).toEqual(['/changecost/changecost.de.txt']);
});

test('a lang changed before the calculator is there: it starts in that language, fetched then', async ({ page }) => {
  const requests = languageRequests(page);
  await page.goto(await routePage(page, 'languages-late-lang', '<change-cost id="c" lang="en" persist="off"></change-cost>'));
  await ready(page.locator('#c'));
  // Inserted in English and changed to German in the same task, before its first mount.
  await page.evaluate(() => {
    const el = document.createElement('change-cost');
    el.id = 'd';
    el.setAttribute('lang', 'en');
    el.setAttribute('persist', 'off');
    document.body.append(el);
    el.setAttribute('lang', 'de');
  });
  const calc = page.locator('#d');
  await ready(calc);
  await expect(calc.locator('.cc')).toHaveAttribute('lang', 'de');
  await expect(field(calc, T.de.rate)).toHaveValue('95');
  expect(requests).toEqual(['/changecost/changecost.en.txt', '/changecost/changecost.de.txt']);
});

test('the element\'s lang decides over the page\'s: only its file is fetched; two calculators in one language share it', async ({ page }) => {
  const requests = languageRequests(page);
  await page.goto(await routePage(page, 'languages-attr',
    `<change-cost id="a" lang="en-GB" persist="off"></change-cost>
     <change-cost id="b" lang="fr" persist="off"></change-cost>`, { lang: 'en' }));
  await ready(page.locator('#a'));
  await ready(page.locator('#b'));
  // fr is not a language of the widget: the page's English, as the wasm decides.
  await expect(page.locator('#b .cc')).toHaveAttribute('lang', 'en');
  expect(requests).toEqual(['/changecost/changecost.en.txt']);
});

test('a lang attribute changed to a language not loaded yet: fetched, then the calculator renders in it', async ({ page }) => {
  const requests = languageRequests(page);
  await page.goto(await routePage(page, 'languages-attr-change', '<change-cost id="c" lang="en" persist="off"></change-cost>'));
  const calc = page.locator('#c');
  await ready(calc);
  await calc.evaluate((el) => el.setAttribute('lang', 'de'));
  await expect(field(calc, T.de.rate)).toHaveValue('95');
  await expect(calc.locator('.cc')).toHaveAttribute('lang', 'de');
  expect(requests).toEqual(['/changecost/changecost.en.txt', '/changecost/changecost.de.txt']);
});

for (const [lang, other] of [['de', 'en'], ['en', 'de']]) {
  test(`the other language cannot be fetched: the calculator stays in ${lang}, says so, works on, and a later try loads it`, async ({ page }) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(`**/changecost/changecost.${other}.txt`, (route) => route.abort('internetdisconnected'));
    await page.goto(await routePage(page, `languages-fail-${lang}`, '<change-cost id="c" persist="off"></change-cost>', { lang }));
    const calc = page.locator('#c');
    await ready(calc);
    const events = [];
    await page.exposeFunction('ccError', (detail) => events.push(detail));
    await calc.evaluate((el) => el.addEventListener('changecost:error', (e) => window.ccError(e.detail)));

    const select = calc.getByLabel(T[lang].language);
    await select.selectOption(other);
    const notice = calc.locator('.notice.language');
    await expect(notice).toHaveRole('alert');
    await expect(notice.locator('p')).toHaveText(FAILED[lang]);
    await expect(select).toHaveValue(lang);
    await expect(calc.locator('.cc')).toHaveAttribute('lang', lang);
    await expect.poll(() => events.length).toBe(1);
    expect(events[0].message).toBe(FAILED[lang]);
    expect(events[0].detail).toContain(`language ${other}`);
    // The calculator works on in its language.
    await field(calc, T[lang].rate).fill('100');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1200000');

    // The connection is back: choosing it again fetches it, and the notice goes.
    await page.unroute(`**/changecost/changecost.${other}.txt`);
    await select.selectOption(other);
    await expect(field(calc, T[other].rate)).toHaveValue('100');
    await expect(calc.locator('.notice.language')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

test('a page of HTML where the other language should be (a site\'s rewrite): refused, the calculator stays as it was', async ({ page }) => {
  await page.route('**/changecost/changecost.en.txt', (route) => route.fulfill({
    status: 200, contentType: 'text/html', body: '<!doctype html><title>Not here</title><p>Our home page',
  }));
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(await routePage(page, 'languages-html', '<change-cost id="c" persist="off"></change-cost>', { lang: 'de' }));
  const calc = page.locator('#c');
  await ready(calc);
  await calc.getByLabel(T.de.language).selectOption('en');
  await expect(calc.locator('.notice.language p')).toHaveText(FAILED.de);
  await expect(calc.getByLabel(T.de.language)).toHaveValue('de');
  await field(calc, T.de.rate).fill('110');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1320000');
  expect(warnings.join('\n')).toContain('changecost: language en: not a changecost language file');
});

test('the start language cannot be fetched: the calculator says it could not be loaded, in the page\'s language', async ({ page }) => {
  await page.route('**/changecost/changecost.de.txt', (route) => route.abort('connectionreset'));
  await page.goto(await routePage(page, 'languages-no-start', '<change-cost id="c" persist="off"></change-cost>', { lang: 'de' }));
  await expect(page.locator('#c')).toHaveText(T.de.failed);
});

// The release bundle checks every file it fetches: a changed language file
// is refused by the browser (Subresource Integrity on the fetch), as a
// changed wasm is.
test.describe('the release bundle', () => {
  const releasePage = (m, lang) => `<script type="module" src="/release/${m.script}" integrity="${m.integrity}" crossorigin="anonymous"></script>
<change-cost id="c" lang="${lang}" persist="off"></change-cost>`;

  test('lists each language with its hashed name and integrity; a page fetches one, checked', async ({ page }) => {
    const m = manifest();
    expect(Object.keys(m.texts).sort()).toEqual(['de', 'en']);
    for (const [code, t] of Object.entries(m.texts)) {
      // Gzipped, as the wasm (what the loader fetches), and whole.
      expect(t.file).toMatch(new RegExp(`^changecost\\.${code}\\.[0-9a-f]{12}\\.txt\\.gz$`));
      expect(t.uncompressed).toMatch(new RegExp(`^changecost\\.${code}\\.[0-9a-f]{12}\\.txt$`));
      expect(m.files).toContain(t.file);
      expect(m.files).toContain(t.uncompressed);
      const bytes = readFileSync(release(t.uncompressed));
      expect(bytes.toString('utf8').startsWith('changecost-texts-1\u001f')).toBe(true);
      expect(gunzipSync(readFileSync(release(t.file)))).toEqual(bytes);
      expect(t.integrity.split(' ')).toHaveLength(2);
      expect(t.integrity).toContain(t.uncompressedIntegrity);
    }
    const requests = languageRequests(page);
    await page.goto(await routePage(page, 'languages-release', releasePage(m, 'de'), { loader: false }));
    const calc = page.locator('#c');
    await ready(calc);
    expect(requests).toEqual([`/release/${m.texts.de.file}`]);
    await calc.getByLabel(T.de.language).selectOption('en');
    await expect(field(calc, T.en.rate)).toHaveValue('95');
    expect(requests).toEqual([`/release/${m.texts.de.file}`, `/release/${m.texts.en.file}`]);
  });

  test('a .txt.gz that cannot be used (a page in its place, or changed) gives way to the .txt, checked', async ({ page }) => {
    const m = manifest();
    await page.route(`**/release/${m.texts.de.file}`, (route) => route.fulfill({
      status: 404, contentType: 'text/html', body: '<!doctype html><p>Not found',
    }));
    await flipMiddleByte(page, `**/release/${m.texts.en.file}`);
    const requests = languageRequests(page);
    const warnings = calculatorWarnings(page);
    await page.goto(await routePage(page, 'languages-gz-fallback', releasePage(m, 'de'), { loader: false }));
    const calc = page.locator('#c');
    await ready(calc);
    await expect(field(calc, T.de.rate)).toHaveValue('95');
    await calc.getByLabel(T.de.language).selectOption('en');
    await expect(field(calc, T.en.rate)).toHaveValue('95');
    expect(requests).toEqual([m.texts.de.file, m.texts.de.uncompressed, m.texts.en.file, m.texts.en.uncompressed]
      .map((f) => `/release/${f}`));
    // Each time the console says why the second request was made.
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(m.texts.de.file);
    expect(warnings[1]).toContain(m.texts.en.file);
    for (const w of warnings) expect(w).toContain('loading the .txt instead');
  });

  test('a changed language file is refused: the start language stops the calculator, the other one only the switch', async ({ page }) => {
    const m = manifest();
    // The language changed in both its files, the .gz (still a valid gzip)
    // and the whole one the loader falls back to: neither may be used.
    const tampered = async (t) => {
      const text = readFileSync(release(t.uncompressed), 'utf8')
        .replace('Stundensatz', 'Stundenlohn').replace('Hourly rate', 'Hourly wage');
      for (const [file, body] of [[t.file, gzipSync(text)], [t.uncompressed, Buffer.from(text)]]) {
        await page.route(`**/release/${file}`, async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, body });
        });
      }
    };
    await tampered(m.texts.en);
    const consoleErrors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    await page.goto(await routePage(page, 'languages-tampered-other', releasePage(m, 'de'), { loader: false }));
    const calc = page.locator('#c');
    await ready(calc);
    await calc.getByLabel(T.de.language).selectOption('en');
    await expect(calc.locator('.notice.language p')).toHaveText(FAILED.de);
    await expect(field(calc, T.de.rate)).toHaveValue('95');
    await expect(calc.getByLabel('Hourly wage')).toHaveCount(0);
    await expect.poll(() => consoleErrors.join('\n')).toMatch(/integrity/i);

    await page.goto(await routePage(page, 'languages-tampered-start', releasePage(m, 'en'), { loader: false }));
    await expect(page.locator('#c')).toHaveText(T.en.failed);
  });
});
