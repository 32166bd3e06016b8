// persist="ask": nothing goes into localStorage until the visitor ticks
// "keep my entries on this device"; once ticked, a reload restores the
// entries with the box ticked; unticking deletes everything kept for the
// calculator. In both languages, and with storage that throws.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { routePage, clearStorage, forbidStorage, ready, total, field, T } from './helpers.js';

const KEEP = {
  de: 'Meine Eingaben auf diesem Gerät speichern',
  en: 'Keep my entries on this device',
};
const HINT = {
  de: 'Ohne Haken werden sie gelöscht.',
  en: 'Unticking deletes them.',
};
const NO_STORAGE = {
  de: 'Dieser Browser erlaubt kein Speichern',
  en: 'This browser does not allow saving',
};

/** Every key the widget keeps in this origin's localStorage, with its value. */
const kept = (page) => page.evaluate(() => Object.fromEntries(
  Object.keys(localStorage).filter((k) => k.startsWith('changecost:')).map((k) => [k, localStorage.getItem(k)])));

/** The page is being left: the widget writes what is due at once (no waiting for its timer). */
const leave = (page) => page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));

for (const lang of ['de', 'en']) {
  const t = T[lang];
  const key = `changecost:v1:ask-${lang}`;
  const body = `<change-cost lang="${lang}" persist="ask" storage-key="ask-${lang}"></change-cost>`;

  test(`nothing is stored before the tick, the entries come back after a reload once ticked, unticking deletes them (${lang})`, async ({ page }) => {
    await clearStorage(page);
    const url = await routePage(page, `ask-${lang}`, body);
    await page.goto(url);
    const calc = page.locator('change-cost');
    await ready(calc);
    const keep = calc.getByRole('checkbox', { name: KEEP[lang] });
    await expect(keep).not.toBeChecked();
    await expect(calc.getByText(HINT[lang])).toBeVisible();
    await expect(calc.getByRole('alert')).toHaveCount(0);

    // Typing, adding a change and leaving the page store nothing.
    await field(calc, t.rate).fill('110');
    await calc.getByRole('button', { name: t.add }).click();
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', /^\d+$/);
    await leave(page);
    expect(await kept(page)).toEqual({});
    await page.reload();
    await ready(calc);
    await expect(field(calc, t.rate)).toHaveValue('95');
    await expect(keep).not.toBeChecked();
    expect(await kept(page)).toEqual({});

    // Ticked: kept at once, and after every edit.
    await field(calc, t.rate).fill('110');
    await keep.check();
    await expect.poll(() => kept(page).then((k) => k[key] && JSON.parse(k[key]).rateCents)).toBe(11000);
    await field(calc, t.rate).fill('120');
    await page.reload();
    await ready(calc);
    await expect(keep).toBeChecked();
    await expect(field(calc, t.rate)).toHaveValue('120');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1440000');

    // Unticked: everything kept for this calculator is gone, and stays gone.
    await keep.uncheck();
    await expect.poll(() => kept(page)).toEqual({});
    await field(calc, t.rate).fill('130');
    await leave(page);
    expect(await kept(page)).toEqual({});
    await page.reload();
    await ready(calc);
    await expect(keep).not.toBeChecked();
    await expect(field(calc, t.rate)).toHaveValue('95');
    expect(await kept(page)).toEqual({});
  });

  test(`storage that throws: a working calculator, and the notice only once the box is ticked (${lang})`, async ({ page }) => {
    await forbidStorage(page);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(await routePage(page, `ask-throws-${lang}`, body));
    const calc = page.locator('change-cost');
    await ready(calc);
    await expect(calc.getByRole('alert')).toHaveCount(0);
    await field(calc, t.rate).fill('100');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1200000');

    const keep = calc.getByRole('checkbox', { name: KEEP[lang] });
    await keep.click();
    await expect(calc.getByRole('alert')).toContainText(NO_STORAGE[lang]);
    await expect(keep).not.toBeChecked();
    await field(calc, t.rate).fill('110');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1320000');
    expect(errors).toEqual([]);
  });
}

test('a second tab follows the choice: ticked there, ticked here; unticked there, unticked here', async ({ context, page }) => {
  await clearStorage(page);
  const url = await routePage(page, 'ask-tabs', '<change-cost lang="en" persist="ask" storage-key="ask-tabs"></change-cost>');
  await page.goto(url);
  const other = await context.newPage();
  await routePage(other, 'ask-tabs', '<change-cost lang="en" persist="ask" storage-key="ask-tabs"></change-cost>');
  await other.goto(url);
  const [here, there] = [page.locator('change-cost'), other.locator('change-cost')];
  await ready(here);
  await ready(there);
  await field(there, T.en.rate).fill('105');
  await there.getByRole('checkbox', { name: KEEP.en }).check();
  await expect(here.getByRole('checkbox', { name: KEEP.en })).toBeChecked();
  await expect(field(here, T.en.rate)).toHaveValue('105');
  await there.getByRole('checkbox', { name: KEEP.en }).uncheck();
  await expect(here.getByRole('checkbox', { name: KEEP.en })).not.toBeChecked();
  await field(here, T.en.rate).fill('115');
  await leave(page);
  expect(await kept(page)).toEqual({});
});

test.describe('axe-core', () => {
  // axe is injected as an inline script, which the strict CSP blocks (see a11y.spec.js).
  test.use({ bypassCSP: true });

  /** axe-core's violations inside each calculator's header, where the checkbox is (a11y.spec.js covers the rest). */
  async function headerViolations(page) {
    const axe = path.join(path.dirname(test.info().config.configFile), 'node_modules/axe-core/axe.min.js');
    await page.addScriptTag({ path: axe });
    return page.evaluate(async () => {
      const include = ['#de', '#en'].map((id) => ({ fromShadowDom: [id, 'header'] }));
      const result = await window.axe.run({ include }, { resultTypes: ['violations'] });
      return { checked: result.passes.length > 0,
        violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`) };
    });
  }

  test('the checkbox in both languages, ticked and not: no violations', async ({ page }) => {
    await clearStorage(page);
    await page.goto(await routePage(page, 'ask-axe',
      '<main><h1>A consultant\'s page</h1><change-cost id="de" lang="de" persist="ask" storage-key="ask-axe-de"></change-cost><change-cost id="en" lang="en" persist="ask" storage-key="ask-axe-en"></change-cost></main>',
      { lang: 'en' }));
    await ready(page.locator('#de'));
    await ready(page.locator('#en'));
    expect(await headerViolations(page)).toEqual({ checked: true, violations: [] });
    await page.locator('#en').getByRole('checkbox', { name: KEEP.en }).check();
    await page.locator('#de').getByRole('checkbox', { name: KEEP.de }).focus();
    expect(await headerViolations(page)).toEqual({ checked: true, violations: [] });
  });
});
