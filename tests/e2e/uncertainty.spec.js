// The chart with its band, the insight and break-even for MODEL.md's worked
// example: identical after a reload, and identical to the figures the core
// computes natively on the host (tests/simulation.rs pins the same seed),
// so "another machine" shows them too.
import { test, expect } from '@playwright/test';

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
    insight: 'Ihre 3 Änderungen kosten nach Stundensatz 4.246,50 € zusätzlich (+37,25 %); der Festpreis wäre in '
      + '43,6 % der Fälle günstiger. Gebündelt in einem Änderungsfenster kosten sie 95,00 € weniger.',
    spread: '10 % der Fälle unter 13.691,17 €, die Hälfte unter 16.710,26 €, 90 % unter 21.242,79 €',
    table: 'Zahlen zur Grafik',
  },
  en: {
    insight: 'Your 3 changes add €4,246.50 (+37.25%) on an hourly contract; the fixed price would be cheaper in '
      + '43.6% of outcomes. Bundled into one change window they would cost €95.00 less.',
    spread: '10 % of outcomes below €13,691.17, half below €16,710.26, 90 % below €21,242.79',
    table: 'The chart as a table',
  },
};

async function settled(calc) {
  // The root loses data-stale once the simulation has run for these figures.
  await expect(calc.locator('.cc')).not.toHaveAttribute('data-stale', '');
}

for (const [lang, t] of Object.entries(TEXT)) {
  test(`chart, band and insight of the worked example (${lang}), the same after a reload`, async ({ page }) => {
    await page.goto('/');
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1140000');
    await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
    await settled(calc);

    await expect(calc.locator('.insight')).toHaveText(t.insight);
    await expect(calc.locator('.card[data-contract="hourly"] .spread')).toHaveText(t.spread);
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
  await expect(calc.locator('p.break-even')).toContainText('From change 3 on, the fixed price is no more expensive');
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
