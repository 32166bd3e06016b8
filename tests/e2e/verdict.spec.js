// The verdict as a client meets it (issue 21), in both languages, on a
// phone and on a laptop: the first screen of the widget carries the odds;
// each card's spread is a bar that a screen reader reads out; nothing
// simulated carries cents; the page stays clean for axe.
import { test, expect } from '@playwright/test';
import { WORKED, axeViolations, plain, ready, settled } from './helpers.js';

const ODDS = {
  de: { bar: 'Simuliert: in 56 von 100 Verläufen nach Aufwand günstiger', answer: 'In 56 von 100 simulierten Verläufen' },
  en: { bar: 'Simulated: by the hour cheaper in 56 of 100', answer: 'In 56 of 100 simulated outcomes' },
};
const BARS = {
  de: [
    'Simulierte Verläufe: günstiger Fall 13.691 € (jeder zehnte kostet so viel oder weniger), mittlerer Verlauf '
      + '16.710 €, ungünstiger Fall 21.243 € (jeder zehnte kostet so viel oder mehr); wie geschätzt 15.646,50 €.',
    // The fixed price does not vary: no good or bad case to name.
    'Simulierte Verläufe: 17.214 € in jedem; wie geschätzt 17.214,00 €.',
  ],
  en: [
    'Simulated outcomes: good case €13,691 (1 in 10 costs this or less), middle outcome €16,710, bad case €21,243 '
      + '(1 in 10 costs this or more); as estimated €15,646.50.',
    'Simulated outcomes: €17,214 in every one; as estimated €17,214.00.',
  ],
};

/** The calculator of `lang` on the demo page, with MODEL.md's worked example, simulated. */
async function worked(page, lang) {
  await page.goto('/');
  const calc = page.locator(`change-cost[lang="${lang}"]`);
  await ready(calc);
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await settled(calc);
  return calc;
}

for (const lang of ['de', 'en']) {
  test.describe(`${lang}, phone`, () => {
    test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

    test(`the first screen carries the odds (${lang})`, async ({ page }) => {
      const calc = await worked(page, lang);
      // The client arrives at the widget's top: its first screen.
      await calc.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const odds = calc.locator('.summary .odds');
      await expect(odds).toBeVisible();
      await expect(odds).toBeInViewport({ ratio: 1 });
      await expect(odds).toHaveText(ODDS[lang].bar);
      // And as estimated, naming the cheaper contract.
      await expect(calc.locator('.summary .diff')).toHaveText(
        lang === 'de' ? 'Wie geschätzt: nach Aufwand 1.567,50 € günstiger' : 'As estimated: by the hour €1,567.50 cheaper');
      // Nothing scrolls sideways with the bars in the cards.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  });

  test.describe(`${lang}, laptop`, () => {
    test.use({ viewport: { width: 1280, height: 800 } });

    test(`the first screen carries the odds, and the bars are read out (${lang})`, async ({ page }) => {
      const calc = await worked(page, lang);
      await calc.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      // The results sit beside the inputs: the answer comes first in them.
      const answer = calc.locator('.insight');
      await expect(answer).toBeInViewport({ ratio: 1 });
      expect(plain(await answer.textContent())).toMatch(new RegExp(`^${ODDS[lang].answer}`));

      // Each card's bar is a picture with a name: what a screen reader says.
      const [hourly, fixed] = BARS[lang];
      await expect(calc.locator('.card[data-contract="hourly"]').getByRole('img')).toHaveAccessibleName(hourly);
      await expect(calc.locator('.card[data-contract="fixed"]').getByRole('img')).toHaveAccessibleName(fixed);
      // The bars share one scale: the fixed price's tick lies inside the
      // hourly bar's span (17,214 is between 13,691 and 21,243), and the
      // circle for the estimate sits left of the middle outcome's line.
      const x = (card, selector, attribute) => calc.locator(`.card[data-contract="${card}"] .bar svg ${selector}`)
        .getAttribute(attribute).then((v) => Number.parseFloat(v));
      const [from, width] = [await x('hourly', 'rect.span', 'x'), await x('hourly', 'rect.span', 'width')];
      const tick = await x('fixed', 'circle.estimate', 'cx');
      expect(tick).toBeGreaterThan(from);
      expect(tick).toBeLessThan(from + width);
      expect(await x('hourly', 'circle.estimate', 'cx')).toBeLessThan(await x('hourly', 'line.middle', 'x1'));
      // A key says what the marks mean.
      await expect(calc.locator('.bars-key')).toBeVisible();
      // The bars are drawn: a box of real size.
      const box = await calc.locator('.card[data-contract="hourly"] .bar svg').boundingBox();
      expect(box.width).toBeGreaterThan(200);
      expect(box.height).toBeGreaterThan(20);
    });
  });
}

test.describe('accessibility', () => {
  test.use({ bypassCSP: true });

  test('the verdict, the bars and their key pass axe in both languages', async ({ page }) => {
    for (const lang of ['de', 'en']) await worked(page, lang);
    for (const lang of ['de', 'en']) {
      await page.locator(`change-cost[lang="${lang}"]`).evaluate((el, s) => { el.scenario = s; }, WORKED);
      await settled(page.locator(`change-cost[lang="${lang}"]`));
    }
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('where nothing varies, the verdict says so and draws no bars', async ({ page }) => {
  await page.goto('/');
  const calc = page.locator('change-cost[lang="en"]');
  await ready(calc);
  await calc.evaluate((el, s) => { el.scenario = { ...s, baselineMinutes: [7200, 7200, 7200] }; }, WORKED);
  await settled(calc);
  await expect(calc.locator('.insight')).toHaveText(
    'Every estimate is a single figure, so nothing varies: each contract costs exactly its total as estimated.');
  await expect(calc.locator('.card .bar svg')).toHaveCount(0);
  await expect(calc.locator('.bars-key')).toBeHidden();
  await expect(calc.locator('.summary .odds')).toHaveText('');
});

test('the "why?" texts take their figures from the settings', async ({ page }) => {
  await page.goto('/');
  const calc = page.locator('change-cost[lang="en"]');
  await ready(calc);
  const why = (label) => calc.locator('.field').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.why-text');
  // The defaults: 100 / 120 / 180 h, 1 / 1.5 / 3 / 5.
  await calc.locator('details.more').evaluate((d) => { d.open = true; });
  await expect(why('Agreed scope, best case (1 in 10 ends lower)')).toContainText('here 83\u00a0% of the likely effort');
  await expect(why('Agreed scope, worst case (1 in 10 ends higher)')).toContainText('here 150\u00a0% of the likely effort');
  await expect(why('Cost factor in phase: Build')).toContainText('here concept 1×, build 1.5×, acceptance 3×, live 5×');
  // The cautious preset's figures, as a consultant's attributes would set them.
  await calc.evaluate((el) => {
    el.scenario = { ...el.scenario, baselineMinutes: [5760, 7200, 14400], multipliersBp: [10000, 20000, 50000, 100000] };
  });
  await expect(why('Agreed scope, best case (1 in 10 ends lower)')).toContainText('here 80\u00a0% of the likely effort');
  await expect(why('Agreed scope, worst case (1 in 10 ends higher)')).toContainText('here 200\u00a0% of the likely effort');
  await expect(why('Cost factor in phase: Build')).toContainText('here concept 1×, build 2×, acceptance 5×, live 10×');
  expect(plain(await why('Cap above the likely effort').textContent())).toContain('(€13,110.00 in all)');
});
