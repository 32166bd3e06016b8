// The client's first minute on a phone (issue 12): the totals stay in sight
// while a change is typed, never cover the field, and give way to the full
// results once those are on screen.
import { test, expect } from '@playwright/test';
import { T, plain, ready } from './helpers.js';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** The rectangle of a locator, in viewport pixels. */
const box = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
});

const TWO = { v: 2, changes: [[1, 'logo', 'tweak', 120, 'build'], [2, 'samples', 'rework', 960, 'build']] };

for (const lang of ['de', 'en']) {
  const t = T[lang];
  test(`typing a change's effort keeps the totals in sight and the field clear (${lang})`, async ({ page }) => {
    await page.goto('/');
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await ready(calc);
    await calc.evaluate((el, s) => { el.scenario = s; }, TWO);
    const summary = calc.locator('.summary');
    const effort = calc.locator('li.change').nth(1).getByLabel(t.effort, { exact: true });
    await effort.tap();
    await expect(effort).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('20');
    // 20 h rework in build: 30 h effective; hourly 11,400 + 332.50 + 30.5 x 95.
    const hourly = lang === 'de' ? '14.630,00 €' : '€14,630.00';
    await expect(summary.locator('.sum[data-contract="hourly"] .amount')).toHaveText(
      new RegExp(hourly.replace(/[.$€]/g, (c) => `\\${c}`).replace(' ', '\\s')));
    await expect(summary).toBeVisible();
    await expect(summary).toBeInViewport();
    const [bar, field] = [await box(summary), await box(effort)];
    expect(field.top >= bar.bottom || field.bottom <= bar.top, 'the bar never covers the field').toBe(true);
    expect(field.bottom).toBeLessThanOrEqual(844);
    // The difference between the two contracts' totals is in the bar too.
    expect(plain(await summary.locator('.diff').textContent())).toContain(lang === 'de' ? '1.520,00' : '1,520.00');

    // A field that the bar would cover is scrolled clear when it gets the focus.
    const title = calc.locator('li.change').nth(1).getByLabel(t.title, { exact: true });
    const barHeight = bar.bottom - bar.top;
    await title.evaluate((el, h) => window.scrollBy(0, el.getBoundingClientRect().top - h / 2), barHeight);
    await title.focus();
    const [bar2, field2] = [await box(summary), await box(title)];
    expect(field2.top >= bar2.bottom || field2.bottom <= bar2.top, 'the bar never covers the field').toBe(true);

    // Once the results are on screen, the bar gives way to them.
    await calc.locator('.card[data-contract="fixed"] output').scrollIntoViewIfNeeded();
    await calc.locator('.cards').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expect(summary).toBeHidden();
    // And comes back while editing further up.
    await effort.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expect(summary).toBeVisible();
  });
}

test('on a wide screen the bar never covers the verdict: with the verdict on screen, no bar', async ({ page }) => {
  // 700 px tall: with the widget's top at the top of the screen, less than
  // half the screen of cards is in view, but the verdict above them is.
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto('/');
  const calc = page.locator('change-cost[lang="en"]');
  await ready(calc);
  await calc.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expect(calc.locator('#insight')).toBeInViewport();
  await expect(calc.locator('.summary')).toBeHidden();
  // (Where the verdict and the cards have scrolled away, the bar comes
  // back: the next test, at the end of a long list.)
});

test('at 1440 px the results sit beside a long list, and the totals stay in sight at its end', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const calc = page.locator('change-cost[lang="en"]');
  await ready(calc);
  const many = Array.from({ length: 30 }, (_, i) => [i + 1, `change ${i + 1}`, 'tweak', 60, 'build']);
  await calc.evaluate((el, changes) => { el.scenario = { v: 2, changes }; }, many);
  const summary = calc.locator('.summary');
  // With the results on screen beside the inputs, no bar.
  await calc.locator('.cards').scrollIntoViewIfNeeded();
  await expect(summary).toBeHidden();
  // Halfway down the list the results stick beside it.
  await calc.locator('li.change').nth(15).scrollIntoViewIfNeeded();
  await expect(calc.locator('output[data-total="hourly"]')).toBeInViewport();
  // At its end the results have scrolled away with the list: the bar holds the totals.
  await calc.locator('li.change').last().evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const totals = [calc.locator('output[data-total="hourly"]'), summary.locator('.sum[data-contract="hourly"]')];
  await expect.poll(async () => {
    const [card, bar] = await Promise.all(totals.map((l) => l.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && getComputedStyle(el).visibility === 'visible';
    })));
    return card || bar;
  }).toBe(true);
  await expect(summary.locator('.sum[data-contract="hourly"] .amount')).toHaveText('€17,100.00'); // 11,400 + 30 x (1.5 h + 0.5 h) x 95
});
