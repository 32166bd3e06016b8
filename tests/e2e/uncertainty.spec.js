// The chart with its band, the range bars, the verdict and where the fixed
// price catches up, for MODEL.md's worked
// example: identical after a reload, and identical to the figures the core
// computes natively on the host (tests/simulation.rs pins the same seed),
// so "another machine" shows them too.
import { test, expect } from '@playwright/test';
import { settled } from './helpers.js';

const WORKED = {
  v: 1,
  changes: [
    { id: 1, t: 'logo bigger', k: 'tweak', e: 120, p: 'build' },
    { id: 2, t: 'sample documents outdated', k: 'rework', e: 960, p: 'build' },
    { id: 3, t: 'sales joins planning', k: 'stakeholder', e: 360, p: 'build' },
  ],
};

const TEXT = {
  de: {
    // The demo's German calculator shows all three contracts.
    insight: 'In 56 von 100 simulierten Verläufen ist die Abrechnung nach Aufwand günstiger, in 44 von 100 der '
      + 'Festpreis. Im mittleren Verlauf kostet die Abrechnung nach Aufwand 504 € weniger als der Festpreis. Im '
      + 'Durchschnitt kostet Sie der Festpreis 71 € mehr als die Abrechnung nach Aufwand. Dafür kostet die '
      + 'Abrechnung nach Aufwand im ungünstigsten Zehntel der Verläufe mindestens 4.028 € mehr.',
    estimate: 'Wenn alles so kommt wie geschätzt, ist die Abrechnung nach Aufwand insgesamt 1.567,50 € günstiger. '
      + 'Ihre drei Änderungen kosten nach Aufwand 4.246,50 €, zum Festpreis 3.534,00 € und nach Aufwand mit '
      + 'Obergrenze 4.246,50 €. Kommt alles wie geschätzt, holt der Festpreis mit weiteren Änderungen wie Ihren '
      + 'nicht auf: Als Änderungsauftrag kostet jede 47,50 € mehr als nach Aufwand.',
    spread: 'Günstiger Fall 13.691 € · Mitte 16.710 € · ungünstiger Fall 21.243 € · Durchschnitt 17.143 €',
    bar: 'Simulierte Verläufe: günstiger Fall 13.691 € (jeder zehnte kostet so viel oder weniger), mittlerer '
      + 'Verlauf 16.710 €, ungünstiger Fall 21.243 € (jeder zehnte kostet so viel oder mehr); wie geschätzt 15.646,50 €.',
    table: 'Zahlen zur Grafik',
  },
  en: {
    insight: 'In 56 of 100 simulated outcomes, billing by the hour is cheaper; in 44 of 100, the fixed price is. In '
      + 'the middle outcome, billing by the hour costs €504 less than the fixed price. On average, the fixed price '
      + 'costs you €71 more than billing by the hour. In exchange, in the worst 1 in 10 outcomes billing by the hour '
      + 'costs at least €4,028 more.',
    estimate: 'If everything goes as estimated, billing by the hour is €1,567.50 cheaper in total. Your three changes '
      + 'cost €4,246.50 billed by the hour and €3,534.00 at the fixed price. If everything goes as estimated, further '
      + 'changes like yours do not make the fixed price catch up: as a change request, each costs €47.50 more than '
      + 'billed by the hour.',
    spread: 'Good case €13,691 · middle €16,710 · bad case €21,243 · average €17,143',
    bar: 'Simulated outcomes: good case €13,691 (1 in 10 costs this or less), middle outcome €16,710, bad case '
      + '€21,243 (1 in 10 costs this or more); as estimated €15,646.50.',
    table: 'The chart as a table',
  },
};


for (const [lang, t] of Object.entries(TEXT)) {
  test(`chart, band and insight of the worked example (${lang}), the same after a reload`, async ({ page }) => {
    await page.goto('/');
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1140000');
    await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
    await settled(calc);

    await expect(calc.locator('.insight')).toHaveText(t.insight);
    await expect(calc.locator('p.estimate')).toHaveText(t.estimate);
    await expect(calc.locator('.card[data-contract="hourly"] .spread')).toHaveText(t.spread);
    // The range bar: a picture named for screen readers by the same figures.
    const bar = calc.locator('.card[data-contract="hourly"] .bar svg');
    await expect(bar).toHaveAttribute('role', 'img');
    await expect(calc.getByRole('img', { name: t.bar })).toHaveCount(1);
    await expect(bar.locator('rect.span')).toHaveCount(1);
    await expect(bar.locator('line.middle')).toHaveCount(1);
    await expect(bar.locator('circle.estimate')).toHaveCount(1);
    // The changes are single numbers: the fixed price does not vary, so it
    // has no spread in words, and its bar is a tick where it lies.
    await expect(calc.locator('.card[data-contract="fixed"] .spread')).toHaveText('');
    await expect(calc.locator('.card[data-contract="fixed"] .bar svg rect.span')).toHaveAttribute('width', '0.8%');
    const svg = calc.locator('figure.chart svg');
    await expect(svg.locator('polygon.band')).toHaveCount(1);
    await expect(svg.locator('polyline.line.hourly')).toHaveCount(1);
    await expect(svg.locator('polyline.line.fixed')).toHaveCount(1);
    await expect(svg.locator('line.reference')).toHaveCount(1);
    // Four points: no changes, then after each of the three.
    const points = await svg.locator('polyline.line.hourly').getAttribute('points');
    expect(points.trim().split(/\s+/)).toHaveLength(4);
    await calc.getByText(t.table).click();
    await expect(calc.locator('details.table tbody tr')).toHaveCount(4);
    const before = await calc.locator('details.table tbody').textContent();

    await page.reload();
    await settled(calc);
    await expect(calc.locator('.insight')).toHaveText(t.insight);
    await expect(calc.locator('.card[data-contract="hourly"] .spread')).toHaveText(t.spread);
    expect(await calc.locator('details.table tbody').textContent()).toBe(before);
  });
}

test('break-even is marked on the chart when the fixed price catches up', async ({ page }) => {
  await page.goto('/');
  const calc = page.locator('change-cost[lang="en"]');
  await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1140000');
  // Change requests at half the rate: fixed is no more expensive from change 3 on (see src/core/decide.rs).
  await calc.evaluate((el, s) => { el.scenario = { ...s, crRateBp: 5000 }; }, WORKED);
  await settled(calc);
  await expect(calc.locator('p.estimate')).toContainText(
    'If everything goes as estimated, billing by the hour costs at least as much as the fixed price from change 3 onwards.');
  await expect(calc.locator('figure.chart svg line.break-even')).toHaveCount(1);
});

test('the chart reads at 320 px without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/');
  const calc = page.locator('change-cost[lang="de"]');
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await settled(calc);
  const width = await calc.locator('figure.chart svg').evaluate((svg) => svg.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(200);
  expect(width).toBeLessThanOrEqual(320);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

// Issue 14: a range is read as 80 % bounds. Rate 100, likely 100 h, best case
// 80 h, worst case 150 h and no changes: 1 in 10 outcomes below 8,000.00 and
// 9 in 10 below 15,000.00, within the sampling error of 2,000 trials (five
// standard errors: 390.75 and 538.00, see tests/simulation.rs). The seed is
// the scenario's, so the browser shows the figures the core pins natively.
const BOUNDS = {
  de: 'Günstiger Fall 8.056 € · Mitte 11.196 € · ungünstiger Fall 14.844 € · Durchschnitt 11.366 €',
  en: 'Good case €8,056 · middle €11,196 · bad case €14,844 · average €11,366',
};
for (const [lang, expected] of Object.entries(BOUNDS)) {
  test(`a best and worst case are the 1-in-10 bounds of the simulated totals (${lang})`, async ({ page }) => {
    // The pinned figures are within the sampling error of the bounds.
    expect(Math.abs(8056 - 8000)).toBeLessThanOrEqual(390.75);
    expect(Math.abs(14844 - 15000)).toBeLessThanOrEqual(538);
    await page.goto('/');
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1140000');
    await calc.evaluate((el) => {
      el.scenario = { v: 2, rateCents: 10000, baselineMinutes: [4800, 6000, 9000], changes: [] };
    });
    await settled(calc);
    await expect(calc.locator('.card[data-contract="hourly"] .spread')).toHaveText(expected);
    // No clamp here: the best case is kept, so no note under it.
    await expect(calc.locator('.clamp')).toBeHidden();
  });
}

test('where effort cannot go below zero, the best case moves and the widget says so', async ({ page }) => {
  await page.goto('/');
  const calc = page.locator('change-cost[lang="en"]');
  await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1140000');
  // A change of 0 / 0 / 10 h: the fitted minimum would be below zero, so it
  // is zero, the maximum 14.62 h keeps the worst case, and the 1-in-10
  // figure is 14.62 x (1 - sqrt(0.9)) = 0.75 h (tests/simulation.rs).
  await calc.evaluate((el) => {
    el.scenario = { ...el.scenario, changes: [[1, 'maybe nothing', 'tweak', [0, 0, 600], 'build']] };
  });
  await expect(calc.locator('li.change .cost')).toContainText(
    'Effort cannot go below zero, so the best case is read as 0.75\u00a0h: 1 in 10 outcomes stays below that.');
  await expect(calc.locator('.clamp')).toBeHidden();
  // The baseline 1 / 60 / 600 h: fitted to 0 / 60 / 863.36 h, whose 1-in-10
  // figure is 73.28 h (the right-skewed case of tests/simulation.rs, in hours).
  await calc.evaluate((el) => {
    el.scenario = { ...el.scenario, baselineMinutes: [600, 3600, 36000], changes: [] };
  });
  await expect(calc.locator('.clamp')).toBeVisible();
  await expect(calc.locator('.clamp')).toHaveText(
    'Effort cannot go below zero, so the best case is read as 73.28\u00a0h: 1 in 10 outcomes stays below that.');
});
