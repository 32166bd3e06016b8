// Taking the result away, in German and English: the share link (copy, open
// in a fresh browser, restore, ignore, damaged links), the changecost:share
// event and the e-mail to the consultant, the printed receipt as PDF text,
// CSV and JSON export, JSON import (file picker, bad files, drop), undo /
// redo / reset, and the clipboard fallback.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { WORKED, T, field, plain, ready, recordErrorMessages, routePage, settled, total } from './helpers.js';

/** The widget's words for taking the result away (src/core/i18n). */
const L = {
  de: {
    copy: 'Link kopieren', send: 'An den Dienstleister senden', print: 'Drucken / PDF', csv: 'CSV exportieren',
    json: 'Als Datei sichern', summary: 'Zusammenfassung kopieren', copied: 'Kopiert.',
    open: 'Diese Berechnung öffnen', ignore: 'Ignorieren', restore: 'Meine vorherige Berechnung wiederherstellen',
    offer: 'Dieser Link enthält eine Berechnung mit 3 Änderungen.',
    opened: 'Sie sehen jetzt die geteilte Berechnung. Ihre eigene ist aufbewahrt.',
    badLink: /^Der Link lässt sich nicht öffnen: er ist (beschädigt|abgeschnitten)\. Es wurde nichts geändert\./,
    damaged: 'er ist beschädigt',
    undo: 'Rückgängig', redo: 'Wiederholen', reset: 'Auf die Standardwerte zurücksetzen',
    resetQuestion: 'Alle Ihre Eingaben durch die Standardwerte ersetzen?', resetYes: 'Zurücksetzen',
    resetNo: 'Abbrechen', resetDone: 'Zurückgesetzt. „Rückgängig“ holt Ihre Eingaben zurück.',
    importError: 'Die Datei lässt sich nicht importieren:', nothing: 'Es wurde nichts geändert.',
    notJson: 'Sie ist keine Berechnung, die mit diesem Rechner gesichert wurde.', tooBig: 'Sie ist größer als 1 MB.',
    rateProblem: 'Stundensatz, netto: Mindestens', imported: 'Importiert. „Rückgängig“ holt die vorherige Berechnung zurück.',
    denied: 'Die Zwischenablage ist gesperrt. Markieren Sie den Text und kopieren Sie ihn selbst, oder laden Sie ihn herunter:',
    download: 'Als Datei herunterladen', subject: 'Meine Berechnung: Was kosten die Änderungen?',
    summaryTotal: 'Nach Aufwand, wie geschätzt: 15.646,50 € (davon Änderungen: 4.246,50 €)',
  },
  en: {
    copy: 'Copy link', send: 'Send to the consultant', print: 'Print / PDF', csv: 'Export CSV',
    json: 'Save as a file', summary: 'Copy summary', copied: 'Copied.',
    open: 'Open this calculation', ignore: 'Ignore', restore: 'Restore my previous calculation',
    offer: 'This link holds a calculation with 3 changes.',
    opened: 'You are looking at the shared calculation. Your own is kept.',
    badLink: /^This link cannot be opened: it is (damaged|cut off)\. Nothing was changed\./,
    damaged: 'it is damaged',
    undo: 'Undo', redo: 'Redo', reset: 'Reset to the defaults',
    resetQuestion: 'Replace all your entries with the defaults?', resetYes: 'Reset', resetNo: 'Cancel',
    resetDone: 'Reset done. Undo brings your entries back.',
    importError: 'The file cannot be imported:', nothing: 'Nothing was changed.',
    notJson: 'It is not a calculation saved by this calculator.', tooBig: 'It is larger than 1 MB.',
    rateProblem: 'Hourly rate, net: At least', imported: 'Imported. Undo brings the previous calculation back.',
    denied: 'The clipboard is blocked. Select the text and copy it yourself, or download it:',
    download: 'Download as a file', subject: 'My calculation: what will the changes cost?',
    summaryTotal: 'By the hour, as estimated: €15,646.50 (changes: €4,246.50)',
  },
};

/** The worked example's totals in cents, and the defaults'. */
const WORKED_CENTS = { hourly: '1564650', fixed: '1721400' };
const DEFAULT_CENTS = { hourly: '1140000', fixed: '1368000' };
/** The worked example's share payload for slot 0 (pinned on the host too, in tests/share_export.rs). */
const WORKED_LINK = 'AQAAA0R4C2xvZ28gYmlnZ2VyRcAHGXNhbXBsZSBkb2N1bWVudHMgb3V0ZGF0ZWRG6AIUc2FsZXMgam9pbnMgcGxhbm5pbmeICfUT';

const button = (calc, name) => calc.getByRole('button', { name, exact: true });

async function setScenario(calc, scenario) {
  await calc.evaluate((el, s) => { el.scenario = s; }, scenario);
}

async function expectTotals(calc, cents) {
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', cents.hourly);
  await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', cents.fixed);
}

/** The bytes of a download started by clicking `name`. */
async function download(page, calc, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), button(calc, name).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Every page's text of a PDF, read with pdf.js. */
async function pdfPages(bytes) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

/** Saves what is due at once, as leaving the page does (the widget listens to pagehide). */
async function flush(page) {
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
}

/** The saved state of a demo calculator, as text. */
const saved = (page, lang) => page.evaluate((k) => localStorage.getItem(k), `changecost:v1:demo-${lang}`);

// ---------------------------------------------------------------------------
// 1. Share link.

for (const lang of ['de', 'en']) {
  const t = L[lang];
  const other = lang === 'de' ? 'en' : 'de';

  test(`share link (${lang}): copied, opened in a fresh browser with the same figures, restore and ignore`, async ({ browser }) => {
    // The sender copies the link.
    const sender = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const from = await sender.newPage();
    await from.goto('/');
    const calc = from.locator(`change-cost[lang="${lang}"]`);
    await ready(calc);
    await setScenario(calc, WORKED);
    await settled(calc);
    const insight = await calc.locator('.insight').textContent();
    expect(insight).toContain(lang === 'de' ? 'von 100 simulierten Verläufen' : 'of 100 simulated outcomes');
    await expect(calc.locator('p.estimate')).toContainText(
      lang === 'de' ? 'Ihre drei Änderungen kosten' : 'Your three changes cost');
    await button(calc, t.copy).click();
    await expect(calc.locator('.status')).toHaveText(t.copied);
    const link = await from.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#cc=[A-Za-z0-9_-]{20,}$/);
    // The German calculator is the page's first (slot 0): the very payload the host encodes.
    if (lang === 'de') expect(link.endsWith(`#cc=${WORKED_LINK}`)).toBe(true);
    await sender.close();

    // The consultant has a calculation of their own (rate 110).
    const client = await browser.newContext();
    const own = await client.newPage();
    await own.goto('/');
    const mine = own.locator(`change-cost[lang="${lang}"]`);
    await ready(mine);
    await field(mine, T[lang].rate).fill('110');
    await expect(total(mine, 'hourly')).toHaveAttribute('data-cents', '1320000');
    await flush(own);
    expect(await saved(own, lang)).toContain('"rateCents":11000');
    await own.close();

    // Opening the link offers the scenario; nothing changes until asked.
    const page = await client.newPage();
    await page.goto(link);
    const shared = page.locator(`change-cost[lang="${lang}"]`);
    await ready(shared);
    const offer = shared.getByRole('alert').filter({ hasText: t.offer });
    await expect(offer).toBeVisible();
    await expect(button(offer, t.open)).toBeVisible();
    await expect(button(offer, t.ignore)).toBeVisible();
    await expect(total(shared, 'hourly')).toHaveAttribute('data-cents', '1320000');
    // The link names its calculator: the other one on the page is not asked.
    await expect(button(page.locator(`change-cost[lang="${other}"]`), L[other].open)).toHaveCount(0);

    await button(offer, t.open).click();
    await expectTotals(shared, WORKED_CENTS);
    await expect(shared.locator('[data-change-id]')).toHaveCount(3);
    await expect(shared.locator('[data-change-id]').nth(1).getByLabel(T[lang].title)).toHaveValue('sample documents outdated');
    await settled(shared);
    await expect(shared.locator('.insight')).toHaveText(insight);
    expect(new URL(page.url()).hash).toBe('');
    expect(page.url()).not.toContain('cc=');
    await expect(offer).toHaveCount(0);
    // The client's own calculation is kept aside in storage.
    const aside = (p) => p.evaluate((k) => localStorage.getItem(k), `changecost:v1:demo-${lang}:before-share`);
    expect(JSON.parse(await aside(page))).toMatchObject({ rateCents: 11000, changes: [] });

    // "Restore my previous calculation" brings back rate 110 without changes.
    const restore = shared.getByRole('alert').filter({ hasText: t.opened });
    await button(restore, t.restore).click();
    await expect(total(shared, 'hourly')).toHaveAttribute('data-cents', '1320000');
    await expect(shared.locator('[data-change-id]')).toHaveCount(0);
    await expect(restore).toHaveCount(0);
    await flush(page);
    expect(JSON.parse(await saved(page, lang))).toMatchObject({ rateCents: 11000, changes: [] });
    expect(await aside(page)).toBeNull();

    // "Ignore" changes nothing: not the figures, not the storage.
    const second = await client.newPage();
    await second.goto(link);
    const ignored = second.locator(`change-cost[lang="${lang}"]`);
    await ready(ignored);
    const before = await second.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    await button(ignored, t.ignore).click();
    await expect(button(ignored, t.open)).toHaveCount(0);
    await expect(ignored.getByRole('alert')).toHaveCount(0);
    await expect(total(ignored, 'hourly')).toHaveAttribute('data-cents', '1320000');
    await expect(ignored.locator('[data-change-id]')).toHaveCount(0);
    expect(new URL(second.url()).hash).toBe('');
    await flush(second);
    expect(await second.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()))).toBe(before);
    await client.close();
  });

  test(`damaged, truncated and hostile links (${lang}) say so and change nothing`, async ({ browser }) => {
    // A single calculator (slot 0): an unreadable link is reported by the
    // first one. The valid link it is made from opens (tests/share_export.rs).
    const context = await browser.newContext();
    const path = await routePage(context, `bad-${lang}`,
      `<change-cost lang="${lang}" storage-key="e2e-bad-${lang}"></change-cost>`);
    await recordErrorMessages(context);
    const payload = WORKED_LINK;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const mid = Math.floor(payload.length / 2);
    const flipped = payload.slice(0, mid) + (payload[mid] === 'x' ? 'y' : 'x') + payload.slice(mid + 1);
    // Random base64url from a fixed seed: 120 characters, whole bytes.
    let seed = 12345;
    const hostile = Array.from({ length: 120 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return alphabet[seed % 64];
    }).join('');
    const cases = [
      ['flipped', flipped, t.damaged],
      ['truncated', payload.slice(0, -10), null],
      ['hostile', hostile, t.damaged],
    ];
    for (const [what, bad, reason] of cases) {
      const page = await context.newPage();
      await page.goto(`${path}#cc=${bad}`);
      const calc = page.locator('change-cost');
      await ready(calc);
      const notice = calc.getByRole('alert');
      await expect(notice, what).toHaveCount(1);
      await expect(notice, what).toHaveText(t.badLink);
      if (reason) await expect(notice, what).toContainText(reason);
      await expect(button(calc, t.open), what).toHaveCount(0);
      await expectTotals(calc, DEFAULT_CENTS);
      await expect(calc.locator('[data-change-id]'), what).toHaveCount(0);
      const errors = await page.evaluate(() => window.ccErrors);
      expect(errors, what).toHaveLength(1);
      expect(errors[0], what).toMatch(lang === 'de' ? /^er ist / : /^it is /);
      await flush(page);
      expect(await page.evaluate(() => localStorage.length), what).toBe(0);
      await page.close();
    }
    await context.close();
  });
}

test('after opening a shared link and reloading, the previous calculation can still be restored', async ({ page }) => {
  // BUG: open_shared keeps the client's own scenario in localStorage
  // ("changecost:v1:<key>:before-share") but only the notice shown right
  // then offers "Restore my previous calculation". After a reload (or after
  // "Hinweis schließen") nothing reads that key again: the client's own
  // calculation stays in storage for ever and cannot be brought back.
  await page.goto('/');
  const calc = page.locator('change-cost[lang="de"]');
  await ready(calc);
  await field(calc, T.de.rate).fill('110');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1320000');
  await flush(page);
  await page.goto(`/#cc=${WORKED_LINK}`);
  await page.reload(); // the fragment makes goto a same-document navigation
  await button(calc, L.de.open).click();
  await expectTotals(calc, WORKED_CENTS);
  await flush(page);
  await page.reload();
  await ready(calc);
  await expectTotals(calc, WORKED_CENTS);
  await expect(button(calc, L.de.restore)).toBeVisible();
  await button(calc, L.de.restore).click();
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1320000');
});

test('a shared title with markup stays text (de)', async ({ browser }) => {
  const context = await browser.newContext();
  const dialogs = [];
  context.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const from = await context.newPage();
  await from.goto('/');
  const calc = from.locator('change-cost[lang="de"]');
  await ready(calc);
  const hostile = '<img src=x onerror=alert(1)>\u202e"\'; ,=1+1';
  await setScenario(calc, { v: 1, changes: [{ id: 1, t: hostile, k: 'tweak', e: 120, p: 'build' }] });
  await from.evaluate(() => document.addEventListener('changecost:share', (e) => {
    window.ccLink = e.detail.url;
    e.preventDefault();
  }));
  await button(calc, L.de.copy).click();
  await expect.poll(() => from.evaluate(() => window.ccLink)).toContain('#cc=');
  const link = await from.evaluate(() => window.ccLink);
  await from.evaluate(() => localStorage.clear());
  await from.close();

  const page = await context.newPage();
  await page.goto(link);
  const shared = page.locator('change-cost[lang="de"]');
  await button(shared, L.de.open).click();
  await expect(shared.locator('[data-change-id]').first().getByLabel(T.de.title)).toHaveValue(hostile);
  await expect(total(shared, 'hourly')).toHaveAttribute('data-cents', '1173250');
  expect(await shared.evaluate((el) => el.shadowRoot.querySelectorAll('img').length)).toBe(0);
  // The receipt writes it as text too.
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(shared.locator('.receipt table.changes td').nth(1)).toHaveText(hostile);
  expect(await shared.evaluate((el) => el.shadowRoot.querySelectorAll('img').length)).toBe(0);
  expect(dialogs).toEqual([]);
  await context.close();
});

// ---------------------------------------------------------------------------
// 2. changecost:share and the e-mail to the consultant.

test.describe('changecost:share', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a host page can take over; otherwise the link is copied and the e-mail opened', async ({ page }) => {
    await page.addInitScript(() => {
      window.ccShares = [];
      window.ccCancel = true;
      window.ccMail = [];
      document.addEventListener('changecost:share', (e) => {
        window.ccShares.push({ ...e.detail, lang: e.target.lang });
        if (window.ccCancel) e.preventDefault();
      });
      // The widget opens mailto: through a link's click(); record it instead
      // of handing it to a mail program.
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function clickOrRecord() {
        if (this.href.startsWith('mailto:')) window.ccMail.push(this.href);
        else click.call(this);
      };
    });
    const path = await routePage(page, 'send', `
      <change-cost lang="de" contact="a@b.example" storage-key="e2e-send-de"></change-cost>
      <change-cost lang="en" contact="a@b.example" storage-key="e2e-send-en"></change-cost>
      <change-cost lang="en" storage-key="e2e-send-none" id="none"></change-cost>`);
    await page.goto(path);
    await page.evaluate(() => navigator.clipboard.writeText('previous'));
    const none = page.locator('#none');
    await ready(none);
    await expect(button(none, L.en.copy)).toBeVisible();
    await expect(button(none, L.en.send)).toHaveCount(0);

    for (const lang of ['de', 'en']) {
      const t = L[lang];
      const calc = page.locator(`change-cost[lang="${lang}"][contact]`);
      await ready(calc);
      await setScenario(calc, WORKED);
      await settled(calc);
      const shares = () => page.evaluate(() => window.ccShares);

      // Cancelled: the host gets the URL, the clipboard keeps what it had.
      await page.evaluate(() => { window.ccShares = []; window.ccCancel = true; window.ccMail = []; });
      await button(calc, t.copy).click();
      await expect.poll(shares).toHaveLength(1);
      const [copied] = await shares();
      expect(copied).toMatchObject({ action: 'link', lang });
      expect(copied.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/e2e/send\\.html#cc=[A-Za-z0-9_-]+$`));
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('previous');
      await expect(calc.locator('.status')).toHaveText('');

      // Cancelled e-mail: nothing opens.
      await button(calc, t.send).click();
      await expect.poll(shares).toHaveLength(2);
      expect((await shares())[1]).toMatchObject({ action: 'send', url: copied.url, lang });
      expect(await page.evaluate(() => window.ccMail)).toEqual([]);

      // Not cancelled: the e-mail opens with the totals and the link.
      await page.evaluate(() => { window.ccCancel = false; window.ccMail = []; });
      await button(calc, t.send).click();
      await expect.poll(() => page.evaluate(() => window.ccMail.length)).toBe(1);
      const mail = (await page.evaluate(() => window.ccMail))[0];
      const match = mail.match(/^mailto:a@b\.example\?subject=([^&]*)&body=([^&]*)$/);
      expect(match, mail).not.toBeNull();
      expect(decodeURIComponent(match[1])).toBe(t.subject);
      const body = plain(decodeURIComponent(match[2]));
      expect(body).toContain(t.summaryTotal);
      expect(body).toContain(lang === 'de' ? '17.214,00 €' : '€17,214.00');
      for (const c of WORKED.changes) expect(body).toContain(c.t);
      expect(body).toContain(copied.url);
      expect(body.endsWith(copied.url)).toBe(true);

      // Not cancelled: the link is copied.
      await button(calc, t.copy).click();
      await expect(calc.locator('.status')).toHaveText(t.copied);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copied.url);
      await page.evaluate(() => navigator.clipboard.writeText('previous'));
    }
  });
});

// ---------------------------------------------------------------------------
// 3. Print / PDF.

test('print / PDF: the German receipt stands on its own on at most two A4 pages, verdict and sources included', async ({ page }) => {
  await page.addInitScript(() => {
    // A print dialog would block headless Chromium: record which
    // calculator was marked for printing while print() ran.
    window.ccPrinted = [];
    window.print = () => {
      window.ccPrinted.push([...document.querySelectorAll('change-cost[data-printing]')].map((e) => e.lang));
    };
  });
  await page.goto('/');
  const de = page.locator('change-cost[lang="de"]');
  const en = page.locator('change-cost[lang="en"]');
  await ready(de);
  await ready(en);
  await setScenario(de, WORKED);
  await setScenario(en, { ...WORKED, rateCents: 12300 });
  await settled(de);
  const insight = plain(await de.locator('.insight').textContent());
  expect(insight).toContain('In 56 von 100 simulierten Verläufen ist die Abrechnung nach Aufwand günstiger');
  const estimate = plain(await de.locator('p.estimate').textContent());
  expect(estimate).toContain('Ihre drei Änderungen kosten nach Aufwand 4.246,50 €, zum Festpreis 3.534,00 € und nach Aufwand mit Obergrenze 4.246,50 €.');

  await button(de, L.de.print).click();
  expect(await page.evaluate(() => window.ccPrinted)).toEqual([['de']]);
  await expect(de).not.toHaveAttribute('data-printing', /.*/);

  // Chromium fires beforeprint inside window.print(), where the widget
  // cannot build its receipt (see the fixme test below); so the mark the
  // button sets is set again around page.pdf(), which fires beforeprint.
  await de.evaluate((el) => el.setAttribute('data-printing', ''));
  const pdf = await page.pdf({ format: 'A4' });
  await de.evaluate((el) => el.removeAttribute('data-printing'));
  await expect(en).toHaveAttribute('data-print-skip', '');
  const pages = await pdfPages(pdf);
  // The receipt, from its heading to its last source line, takes at most
  // two pages (the demo page's own text prints around it).
  const first = pages.findIndex((p) => plain(p).includes('Berechnung vom'));
  const last = pages.findIndex((p) => plain(p).includes('Simulierte Verläufe: Quelle: Statistik'));
  expect(first).toBeGreaterThanOrEqual(0);
  expect(last - first).toBeLessThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(3);
  const text = plain(pages.join('\n'));
  // The date written out (6. Dezember 2026), as a letter would.
  const date = await page.evaluate(() => new Date().toLocaleDateString('de', { day: 'numeric', month: 'long', year: 'numeric' }));
  expect(text).toContain(`Berechnung vom ${date}`);
  // What it is, before any figure: not an offer; net amounts.
  expect(text).toContain('Eine unverbindliche Modellrechnung, kein Angebot: was die Verträge unter den unten aufgeführten Annahmen kosten würden.');
  expect(text).toContain('Alle Beträge netto.');
  expect(text).toContain('Wie geschätzt Nach Aufwand Festpreis Nach Aufwand mit Obergrenze');
  // Each contract's spread, as on its card (the bars are drawn too).
  expect(text).toContain('Nach Aufwand Günstiger Fall 13.691 € · Mitte 16.710 € · ungünstiger Fall 21.243 € · Durchschnitt 17.143 €');
  expect(await de.evaluate((el) => {
    el.setAttribute('data-printing', '');
    window.dispatchEvent(new Event('beforeprint'));
    const bars = el.shadowRoot.querySelectorAll('.receipt .spread-row svg[role=img]').length;
    el.removeAttribute('data-printing');
    return bars;
  })).toBe(3);
  for (const c of WORKED.changes) expect(text).toContain(c.t);
  expect(text).toContain('1 logo bigger Kleine Änderung Umsetzung 2 332,50 € durch enthaltene Stunden gedeckt');
  expect(text).toContain('2 sample documents outdated Überarbeitung Umsetzung 16 2.327,50 € 1.900,00 €');
  expect(text).toContain('3 sales joins planning Neue Beteiligte Umsetzung 6 1.586,50 € 1.634,00 €');
  expect(text).toContain('Gesamt 15.646,50 € 17.214,00 € 15.646,50 €');
  expect(text).toContain('Vereinbarter Umfang 11.400,00 € 13.680,00 € 11.400,00 €');
  // The verdict with its odds, and the figures as estimated.
  expect(text).toContain(insight);
  expect(text).toContain(estimate);
  expect(text).toContain('Gesamtkosten nach jeder Änderung');
  expect(text).toContain('Annahmen');
  // Every assumption with its source line.
  expect(text).toContain('Risikoaufschlag im Festpreis: Quelle: Annahme dieses Rechners; keine veröffentlichte Erhebung gefunden');
  expect(text).toContain('Menzies u. a. (2016)');
  expect(text).toContain('Stundensatz, netto 95,00 €');
  expect(text).toContain('Vereinbarter Umfang, wahrscheinlicher Aufwand 120 Std.');
  expect(text).toContain('Kostenfaktor je Phase Konzept 1× · Umsetzung 1,5× · Abnahme 3× · Betrieb 5×');
  expect(text).toContain('Währung EUR');
  for (const control of ['Änderung hinzufügen', 'Rückgängig', 'Link kopieren', 'Drucken / PDF', 'Wiederholen',
    'Auf die Standardwerte zurücksetzen', 'Weitere Annahmen', 'Warum?']) {
    expect(text, control).not.toContain(control);
  }
  // The English calculator stays out of the printout.
  expect(text).not.toContain('Calculation dated');
  expect(text).not.toContain('Assumptions');
  expect(text).not.toContain('123.00');
});

test('print button: the receipt is built in the beforeprint that window.print() fires', async ({ page }) => {
  // BUG: Chromium dispatches beforeprint synchronously inside window.print().
  // The widget calls print() from its click handler while it holds its own
  // state (RefCell borrowed in with_app), so its beforeprint listener's
  // with_app finds the state busy and skips build_receipt: the printout of
  // "Drucken / PDF" holds an empty receipt (every other part of the widget is
  // hidden in print), and data-print-skip is never set on the other one.
  await page.addInitScript(() => {
    window.print = () => {
      // What Chromium's window.print() does before its dialog.
      window.dispatchEvent(new Event('beforeprint'));
      const receipt = document.querySelector('change-cost[lang="de"]').shadowRoot.querySelector('.receipt');
      window.ccReceipt = receipt.textContent;
      window.ccSkip = document.querySelector('change-cost[lang="en"]').hasAttribute('data-print-skip');
      window.dispatchEvent(new Event('afterprint'));
    };
  });
  await page.goto('/');
  const de = page.locator('change-cost[lang="de"]');
  await ready(de);
  await setScenario(de, WORKED);
  await settled(de);
  await button(de, L.de.print).click();
  expect(await page.evaluate(() => window.ccReceipt)).toContain('Berechnung vom');
  expect(await page.evaluate(() => window.ccReceipt)).toContain('15.646,50');
  expect(await page.evaluate(() => window.ccSkip)).toBe(true);
});

// ---------------------------------------------------------------------------
// 4. CSV and JSON export.

test('CSV export in German and English, JSON export of the saved form', async ({ page }) => {
  await page.goto('/');
  const de = page.locator('change-cost[lang="de"]');
  const en = page.locator('change-cost[lang="en"]');
  await ready(de);
  await ready(en);
  await setScenario(de, WORKED);
  await setScenario(en, WORKED);
  await expectTotals(de, WORKED_CENTS);
  await expectTotals(en, WORKED_CENTS);

  const german = await download(page, de, L.de.csv);
  expect(german.name).toBe('changecost.csv');
  expect([...german.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const deText = german.bytes.toString('utf8').slice(1);
  expect(deText.endsWith('\r\n')).toBe(true);
  expect(deText.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  // The demo's German calculator shows all three contracts.
  expect(deText.split('\r\n')).toEqual([
    'Nr.;Beschreibung;Art;Phase;Aufwand (Std.);Mit Phasenfaktor (Std.);Nach Aufwand;Festpreis;Nach Aufwand mit Obergrenze;Änderungsauftrag',
    '1;logo bigger;Kleine Änderung;Umsetzung;2,00;3,00;332,50;0,00;332,50;nein',
    '2;sample documents outdated;Überarbeitung;Umsetzung;16,00;24,00;2327,50;1900,00;2327,50;ja',
    '3;sales joins planning;Neue Beteiligte;Umsetzung;6,00;16,20;1586,50;1634,00;1586,50;ja',
    ';Änderungen;;;;;4246,50;3534,00;4246,50;',
    ';Vereinbarter Umfang;;;;;11400,00;13680,00;11400,00;',
    ';Gesamt;;;;;15646,50;17214,00;15646,50;',
    '',
  ]);

  const english = await download(page, en, L.en.csv);
  expect(english.name).toBe('changecost.csv');
  expect([...english.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(english.bytes.toString('utf8').slice(1).split('\r\n')).toEqual([
    'No.,Description,Kind,Phase,Effort (h),With phase factor (h),By the hour,Fixed price,Change request',
    '1,logo bigger,Small tweak,Build,2.00,3.00,332.50,0.00,no',
    '2,sample documents outdated,Rework,Build,16.00,24.00,2327.50,1900.00,yes',
    '3,sales joins planning,New stakeholders,Build,6.00,16.20,1586.50,1634.00,yes',
    ',Changes,,,,,4246.50,3534.00,',
    ',Agreed scope,,,,,11400.00,13680.00,',
    ',Total,,,,,15646.50,17214.00,',
    '',
  ]);

  const json = await download(page, de, L.de.json);
  expect(json.name).toBe('changecost-scenario.json');
  const form = JSON.parse(json.bytes.toString('utf8'));
  expect(form).toMatchObject({ v: 2, currency: 'EUR', rateCents: 9500, baselineMinutes: [6000, 7200, 10800] });
  // Version 2: each change a list [id, title, kind, effort, phase].
  expect(form.changes).toEqual(WORKED.changes.map((c) => [c.id, c.t, c.k, c.e, c.p]));
  // Inputs only: no computed figure.
  expect(json.bytes.toString('utf8')).not.toContain('1564650');
});

// ---------------------------------------------------------------------------
// 5. Import.

for (const lang of ['de', 'en']) {
  const t = L[lang];
  test(`JSON import (${lang}): restores after a reset, refuses bad files with the core's message, takes a drop`, async ({ page }, info) => {
    await page.goto('/');
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await ready(calc);
    await setScenario(calc, WORKED);
    const exported = await download(page, calc, t.json);
    const file = info.outputPath('changecost-scenario.json');
    (await import('node:fs')).writeFileSync(file, exported.bytes);

    await button(calc, t.reset).click();
    await button(calc, t.resetYes).click();
    await expectTotals(calc, DEFAULT_CENTS);
    const input = calc.locator('input[type=file]');
    await input.setInputFiles(file);
    await expectTotals(calc, WORKED_CENTS);
    await expect(calc.locator('[data-change-id]')).toHaveCount(3);
    await expect(calc.locator('.status')).toHaveText(t.imported);

    const notice = calc.locator('.notice.import');
    const bad = [
      ['not JSON', '{"v":1,"rateCents":', t.notJson],
      ['rate -5', '{"v":1,"rateCents":-5}', t.rateProblem],
      ['over 1 MB', `{"v":1,"changes":[]${' '.repeat(1_100_000)}}`, t.tooBig],
    ];
    for (const [what, text, reason] of bad) {
      await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect(notice, what).toHaveCount(1);
      await expect(notice, what).toHaveAttribute('role', 'alert');
      await expect(notice, what).toContainText(`${t.importError} ${reason}`);
      await expect(notice, what).toContainText(t.nothing);
      await expectTotals(calc, WORKED_CENTS);
      await expect(calc.locator('[data-change-id]'), what).toHaveCount(3);
    }

    // A dropped file is imported too.
    await button(calc, t.reset).click();
    await button(calc, t.resetYes).click();
    await expectTotals(calc, DEFAULT_CENTS);
    const dropped = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'changecost-scenario.json', { type: 'application/json' }));
      return data;
    }, exported.bytes.toString('utf8'));
    await calc.locator('.cc').dispatchEvent('drop', { dataTransfer: dropped });
    await expectTotals(calc, WORKED_CENTS);
    await expect(calc.locator('[data-change-id]').nth(2).getByLabel(T[lang].title)).toHaveValue('sales joins planning');
  });
}

// ---------------------------------------------------------------------------
// 6. Undo, redo and reset.

for (const lang of ['de', 'en']) {
  const t = L[lang];
  test(`undo and redo (${lang}): delete, typing a number, the buttons, reset with confirmation`, async ({ page }) => {
    await page.goto('/');
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await ready(calc);
    const [undo, redo] = [button(calc, t.undo), button(calc, t.redo)];
    await expect(undo).toBeDisabled();
    await expect(redo).toBeDisabled();
    await setScenario(calc, WORKED);
    await expectTotals(calc, WORKED_CENTS);
    await expect(undo).toBeEnabled();
    await expect(redo).toBeDisabled();
    const rows = calc.locator('[data-change-id]');
    const title = (i) => rows.nth(i).getByLabel(T[lang].title);

    // Delete change 2; Ctrl+Z brings it back, Ctrl+Shift+Z removes it again.
    await button(calc, T[lang].remove(2)).click();
    await expect(rows).toHaveCount(2);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1331900');
    await page.keyboard.press('Control+z');
    await expect(rows).toHaveCount(3);
    await expect(title(1)).toHaveValue('sample documents outdated');
    await expect(rows.nth(1).getByLabel(T[lang].kind)).toHaveValue('rework');
    await expectTotals(calc, WORKED_CENTS);
    await expect(redo).toBeEnabled();
    // Undo re-renders the rows and the focused one is gone (see the fixme
    // test below): put the keyboard back into the widget.
    await field(calc, T[lang].rate).focus();
    await page.keyboard.press('Control+Shift+Z');
    await expect(rows).toHaveCount(2);
    await expect(title(1)).toHaveValue('sales joins planning');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1331900');
    await expect(redo).toBeDisabled();
    await page.keyboard.press('Control+z');
    await expect(rows).toHaveCount(3);

    // Typing "120" into the rate is one step: undo returns to 95 at once.
    const rate = field(calc, T[lang].rate);
    const ninetyFive = await rate.inputValue();
    expect(ninetyFive).toMatch(/^95([.,]00)?$/);
    await rate.click();
    await rate.selectText();
    await rate.pressSequentially('120', { delay: 40 });
    await expect(rate).toHaveValue('120');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1976400');
    await page.keyboard.press('Control+z');
    await expect(rate).toHaveValue(ninetyFive);
    await expectTotals(calc, WORKED_CENTS);

    // The buttons do the same, and are disabled with nothing to do.
    await redo.click();
    await expect(rate).toHaveValue(/^120([.,]00)?$/);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1976400');
    await expect(redo).toBeDisabled();
    await undo.click();
    await expect(rate).toHaveValue(ninetyFive);
    await expectTotals(calc, WORKED_CENTS);
    await undo.click();
    await expect(rows).toHaveCount(0);
    await expectTotals(calc, DEFAULT_CENTS);
    await expect(undo).toBeDisabled();
    await expect(redo).toBeEnabled();
    await redo.click();
    await redo.click();
    await expect(redo).toBeDisabled();
    await expect(rows).toHaveCount(3);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1976400');

    // Reset asks first; "cancel" changes nothing.
    await button(calc, t.reset).click();
    const confirm = calc.locator('.confirm');
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText(t.resetQuestion);
    await button(calc, t.resetNo).click();
    await expect(confirm).toBeHidden();
    await expect(rows).toHaveCount(3);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1976400');
    // Confirmed: the consultant's defaults; undo brings the entries back.
    await button(calc, t.reset).click();
    await button(calc, t.resetYes).click();
    await expect(confirm).toBeHidden();
    await expectTotals(calc, DEFAULT_CENTS);
    await expect(rows).toHaveCount(0);
    await expect(rate).toHaveValue(ninetyFive);
    await expect(calc.locator('.status')).toHaveText(t.resetDone);
    await undo.click();
    await expect(rows).toHaveCount(3);
    await expect(title(0)).toHaveValue('logo bigger');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1976400');
  });
}

test('undo from the keyboard keeps the focus in the widget, so that redo follows', async ({ page }) => {
  // BUG: undo / redo re-render every change row (View::fill_rows). After
  // "remove change 2" the focus sits on a row's remove button; Ctrl+Z
  // replaces that button and the focus falls back to <body>, outside the
  // widget's keydown listener (on its shadow root): Ctrl+Shift+Z right
  // after does nothing (and a further Ctrl+Z reaches the page, not the
  // widget). Keyboard users lose their place after every undo of a row edit.
  await page.goto('/');
  const calc = page.locator('change-cost[lang="de"]');
  await ready(calc);
  await setScenario(calc, WORKED);
  await button(calc, T.de.remove(2)).click();
  const rows = calc.locator('[data-change-id]');
  await expect(rows).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(3);
  // Here document.activeElement is <body>.
  await page.keyboard.press('Control+Shift+Z');
  await expect(rows).toHaveCount(2);
});

// ---------------------------------------------------------------------------
// 7. Clipboard denied.

test('clipboard denied: the text is shown selected and can be downloaded (de, en)', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    window.ccUrls = [];
    document.addEventListener('changecost:share', (e) => window.ccUrls.push(e.detail.url));
  });
  await page.goto('/');
  for (const lang of ['de', 'en']) {
    const t = L[lang];
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await ready(calc);
    await setScenario(calc, WORKED);
    const fallback = calc.locator('.fallback');
    await expect(fallback).toBeHidden();
    await button(calc, t.copy).click();
    await expect(fallback).toBeVisible();
    await expect(fallback.locator('p')).toHaveText(t.denied);
    const area = fallback.getByRole('textbox', { name: t.denied });
    await expect(area).toBeVisible();
    const url = (await page.evaluate(() => window.ccUrls)).at(-1);
    expect(url).toMatch(/#cc=[A-Za-z0-9_-]+$/);
    await expect(area).toHaveValue(url);
    const selection = await area.evaluate((el) => ({
      start: el.selectionStart, end: el.selectionEnd, length: el.value.length,
      focused: el.getRootNode().activeElement === el,
    }));
    expect(selection).toEqual({ start: 0, end: url.length, length: url.length, focused: true });
    await expect(calc.locator('.status')).not.toHaveText(t.copied);
    const file = await download(page, calc, t.download);
    expect(file.name).toBe('changecost.txt');
    expect(file.bytes.toString('utf8')).toBe(url);

    // The summary falls back the same way.
    await button(calc, t.summary).click();
    await expect(area).toHaveValue(/15[.,]646[.,]50/);
    const summary = await area.inputValue();
    expect(plain(summary)).toContain(t.summaryTotal);
    expect(summary.trimEnd().endsWith(url)).toBe(true);
    const again = await area.evaluate((el) => [el.selectionStart, el.selectionEnd, el.value.length]);
    expect(again).toEqual([0, summary.length, summary.length]);
    expect((await download(page, calc, t.download)).bytes.toString('utf8')).toBe(summary);
  }
});
