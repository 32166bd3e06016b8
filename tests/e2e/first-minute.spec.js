// The client's first minute (issue 12): an empty calculator offers the
// story as an example, in the client's language, marked, removable in one
// step and undoable; the consultant can turn it off or give their own.
import { test, expect } from '@playwright/test';
import { routePage, ready, total, plain } from './helpers.js';

const WORDS = {
  de: { try: 'Beispiel ausprobieren', remove: 'Beispiel entfernen', undo: 'Rückgängig', mark: '(Beispiel)',
    first: 'Logo etwas größer (Beispiel)' },
  en: { try: 'Try the example', remove: 'Remove the example', undo: 'Undo', mark: '(example)',
    first: 'Make the logo a bit bigger (example)' },
};

for (const [lang, w] of Object.entries(WORDS)) {
  test(`the example fills the story with MODEL.md's figures; undo and remove take it back (${lang})`, async ({ page }) => {
    await page.goto(await routePage(page, `example-${lang}`, `<change-cost lang="${lang}" persist="off"></change-cost>`));
    const calc = page.locator('change-cost');
    await ready(calc);
    const button = calc.getByRole('button', { name: w.try });
    await expect(button).toBeVisible();
    // Nothing to say about changes before there are any.
    await expect(calc.locator('.card[data-contract="hourly"] .churn')).toHaveText('');
    await button.click();
    await expect(calc.locator('li.change')).toHaveCount(3);
    // MODEL.md's worked example on the default settings, to the cent.
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
    await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', '1721400');
    // 4,246.50 of 11,400.00 is 37.25 %: whole percent, no false precision.
    await expect(calc.locator('.card[data-contract="hourly"] .churn')).toHaveText(
      lang === 'de' ? 'Änderungen: 37\u00a0% auf den vereinbarten Umfang' : 'Changes add 37% to the agreed scope');
    const titles = await calc.locator('li.change input[data-part="t"]').evaluateAll((els) => els.map((e) => e.value));
    expect(titles[0]).toBe(w.first);
    for (const title of titles) expect(title).toContain(w.mark);
    await expect(calc.getByRole('note')).toBeVisible();
    await expect(button).toBeHidden();

    // Undo takes the whole example back in one step.
    await calc.getByRole('button', { name: w.undo, exact: true }).click();
    await expect(calc.locator('li.change')).toHaveCount(0);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000');
    await expect(button).toBeVisible();
    await expect(calc.getByRole('note')).toBeHidden();

    // Again, edit one, add one of our own, then remove the example: ours stays.
    await button.click();
    await expect(calc.locator('li.change')).toHaveCount(3);
    await calc.getByRole('button', { name: lang === 'de' ? '+ Änderung hinzufügen' : '+ Add a change' }).click();
    await expect(calc.locator('li.change')).toHaveCount(4);
    await calc.getByRole('button', { name: w.remove }).click();
    await expect(calc.locator('li.change')).toHaveCount(1);
    await expect(calc.getByRole('note')).toBeHidden();
    // 11,400 + one 1 h tweak in build: (1.5 + 0.5) x 95 = 190.
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1159000');
  });
}

test('example="off" offers no example; the consultant\'s own example replaces the story', async ({ page }) => {
  await page.goto(await routePage(page, 'example-attrs', `
    <change-cost id="off" lang="en" example="off" persist="off"></change-cost>
    <change-cost id="own" lang="en" persist="off"
      example="New landing page | feature | 12 | concept; Legal texts again | rework | 3"></change-cost>`));
  const off = page.locator('#off');
  const own = page.locator('#own');
  await ready(off);
  await ready(own);
  await expect(off.getByRole('button', { name: 'Try the example' })).toHaveCount(0);
  await own.getByRole('button', { name: 'Try the example' }).click();
  await expect(own.locator('li.change')).toHaveCount(2);
  expect(await own.locator('li.change input[data-part="t"]').first().inputValue()).toBe('New landing page');
  // 12 h feature in concept (1x) + 0.5 h, 3 h rework in build (1.5x) + 0.5 h: 12.5 + 5 = 17.5 h x 95.
  await expect(total(own, 'hourly')).toHaveAttribute('data-cents', String(1140000 + 175 * 950));
  expect(plain(await own.getByRole('note').textContent())).toContain('example changes');
});
