// Words a client understands (docs/glossary.md): no jargon anywhere the
// client can read, in both languages; one change is singular; the region of
// `lang` sets the number formats.
import { test, expect } from '@playwright/test';
import { routePage, ready, total, plain, settled, WORKED } from './helpers.js';

/** Terms the glossary rules out of everything a client reads. */
const NEVER = [
  'P10', 'P50', 'P90', 'churn', 'Churn', 'Nachtrag', 'Nachträg', 'Nacharbeit', 'Änderungsfenster',
  'change window', 'Änderungsbudget', 'Gleichstand', 'Break-even', 'Cone of Uncertainty', 'n(n',
  '1 changes', '1 Änderungen', '1 more changes', '1 weiteren Änderungen', 'hourly contract',
  // Issue 21: no total called likely, no promise beyond the trials, no
  // translated English, no "rule of thumb" for an assumption.
  'with the likely', 'With the likely', 'wahrscheinlichen Zahlen', 'however many', 'egal wie viele',
  'stays cheaper', 'bleibt günstiger', 'Marge', 'rule of thumb', 'Faustregel', 'Please no', 'im übrigen einen',
  'Jede Zahl hier wächst', 'Mehr ergeben ruhigere', 'JSON exportieren', 'JSON importieren', 'Export JSON',
  'Import JSON', 'already paid for', 'schon bezahlt',
];

/** Every text in the widget's shadow root, every "why?" opened and the chart's table included. */
async function everything(calc) {
  return calc.evaluate((el) => {
    const root = el.shadowRoot;
    for (const d of root.querySelectorAll('details')) d.open = true;
    const attrs = [...root.querySelectorAll('[aria-label],[title],[placeholder]')]
      .map((n) => [n.getAttribute('aria-label'), n.getAttribute('title'), n.getAttribute('placeholder')].join(' '));
    return [root.textContent, ...attrs].join('\n');
  });
}

const ONE = { ...WORKED, changes: [WORKED.changes[0]] };

for (const lang of ['de', 'en']) {
  for (const [name, scenario] of [['no change', { ...WORKED, changes: [] }], ['one change', ONE],
    ['the worked example', WORKED]]) {
    test(`no ruled-out term and no "1 changes" on screen: ${name} (${lang})`, async ({ page }) => {
      await page.goto('/');
      const calc = page.locator(`change-cost[lang="${lang}"]`);
      await ready(calc);
      await calc.evaluate((el, s) => { el.scenario = s; }, scenario);
      await settled(calc);
      const text = await everything(calc);
      // The figures are there, so the check reads real content.
      expect(text).toContain(lang === 'de' ? 'Nach Aufwand' : 'By the hour');
      for (const term of NEVER) expect(text, term).not.toContain(term);
      // The figures as estimated name the change costs of every contract shown.
      if (scenario.changes.length) {
        const estimate = plain(await calc.locator('p.estimate').textContent());
        for (const phrase of lang === 'de'
          ? ['nach Aufwand', 'zum Festpreis', 'nach Aufwand mit Obergrenze']
          : ['billed by the hour', 'at the fixed price']) {
          expect(estimate).toContain(phrase);
        }
      }
      // Simulated amounts carry no cents: the answer and every spread.
      const simulated = [await calc.locator('.insight').textContent(),
        ...await calc.locator('.card .spread').allTextContents()].join(' ');
      expect(simulated).toMatch(lang === 'de' ? /\d\s€/ : /€\d/);
      expect(simulated).not.toMatch(lang === 'de' ? /,\d\d\s?€/ : /€[\d,]+\.\d\d/);
    });
  }
}

for (const tag of ['de-CH', 'de-AT', 'en-CH']) {
  test(`lang="${tag}" keeps its region's number formats`, async ({ page }) => {
    await page.goto(await routePage(page, `region-${tag}`,
      `<change-cost lang="${tag}" currency="CHF" persist="off"></change-cost>`));
    const calc = page.locator('change-cost');
    await ready(calc);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000');
    const expected = await page.evaluate((t) =>
      new Intl.NumberFormat(t, { style: 'currency', currency: 'CHF' }).format('11400.00'), tag);
    const language = await page.evaluate((t) =>
      new Intl.NumberFormat(t.slice(0, 2), { style: 'currency', currency: 'CHF' }).format('11400.00'), tag);
    // The region makes a difference here, so the test can tell them apart.
    expect(expected).not.toBe(language);
    await expect(total(calc, 'hourly')).toHaveText(expected);
  });
}
