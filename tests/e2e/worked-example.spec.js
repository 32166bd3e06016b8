// MODEL.md's worked example typed into the demo page like a client would,
// in German and in English: exact cents, a reload, and a corrupted saved
// state that is kept.
import { test, expect } from '@playwright/test';

const LANGS = {
  de: {
    add: 'Änderung hinzufügen', title: 'Beschreibung', kind: 'Art', effort: 'Aufwand', phase: 'Phase',
    kinds: ['Kleine Änderung', 'Überarbeitung', 'Neue Beteiligte'], build: 'Umsetzung',
    hourly: '15.646,50 €', fixed: '17.214,00 €', rate: 'Stundensatz, netto',
    unreadable: /gespeicherte Berechnung lässt sich nicht lesen/, download: 'Gespeicherte Berechnung herunterladen',
    invalid: 'Das ist keine Zahl. Beispiel: 1.234,50',
  },
  en: {
    add: 'Add a change', title: 'Description', kind: 'Kind', effort: 'Effort', phase: 'Phase',
    kinds: ['Small tweak', 'Rework', 'New stakeholders'], build: 'Build',
    hourly: '€15,646.50', fixed: '€17,214.00', rate: 'Hourly rate, net',
    unreadable: /saved calculation cannot be read/, download: 'Download the saved calculation',
    invalid: 'That is not a number. Example: 1,234.50',
  },
};

const CHANGES = [
  ['logo bigger', 0, '2'],
  ['sample documents outdated', 1, '16'],
  ['sales joins planning', 2, '6'],
];

for (const [lang, t] of Object.entries(LANGS)) {
  test.describe(`worked example (${lang})`, () => {
    test('typed changes give the exact figures of MODEL.md, also after a reload', async ({ page }) => {
      await page.goto('/');
      const calc = page.locator(`change-cost[lang="${lang}"]`);
      const hourly = calc.locator('output[data-total="hourly"]');
      const fixed = calc.locator('output[data-total="fixed"]');
      await expect(hourly).toHaveAttribute('data-cents', '1140000');

      for (const [i, [title, kind, hours]] of CHANGES.entries()) {
        await calc.getByRole('button', { name: t.add }).click();
        const row = calc.locator('[data-change-id]').nth(i);
        await row.getByLabel(t.title).fill(title);
        await row.getByLabel(t.kind).selectOption({ label: t.kinds[kind] });
        await row.getByLabel(t.effort, { exact: true }).fill(hours);
        await row.getByLabel(t.phase).selectOption({ label: t.build });
      }

      await expect(hourly).toHaveAttribute('data-cents', '1564650');
      await expect(hourly).toHaveText(t.hourly);
      await expect(fixed).toHaveAttribute('data-cents', '1721400');
      await expect(fixed).toHaveText(t.fixed);

      await page.reload();
      await expect(hourly).toHaveAttribute('data-cents', '1564650');
      await expect(hourly).toHaveText(t.hourly);
      await expect(fixed).toHaveText(t.fixed);
      await expect(calc.locator('[data-change-id]')).toHaveCount(3);
      await expect(calc.locator('[data-change-id]').nth(1).getByLabel(t.title)).toHaveValue('sample documents outdated');
    });

    test('invalid text shows a message and keeps the last valid figures', async ({ page }) => {
      await page.goto('/');
      const calc = page.locator(`change-cost[lang="${lang}"]`);
      const rate = calc.getByLabel(t.rate);
      await rate.fill('1,2,3');
      await expect(rate).toHaveAttribute('aria-invalid', 'true');
      await expect(calc.getByText(t.invalid)).toBeVisible();
      await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1140000');
      await rate.fill('100');
      await expect(rate).not.toHaveAttribute('aria-invalid', 'true');
      await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1200000');
    });

    test('an unreadable saved state is kept, reported and downloadable', async ({ page }) => {
      const key = `changecost:v1:demo-${lang}`;
      await page.goto('/');
      await page.evaluate((k) => localStorage.setItem(k, '{"v":1,"rateCents":'), key);
      await page.reload();
      const calc = page.locator(`change-cost[lang="${lang}"]`);
      await expect(calc.getByRole('alert')).toContainText(t.unreadable);
      // The calculator still works, and editing does not overwrite what was kept.
      await calc.getByLabel(t.rate).fill('120');
      await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1440000');
      await page.waitForTimeout(800);
      expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe('{"v":1,"rateCents":');
      const download = page.waitForEvent('download');
      await calc.getByRole('button', { name: t.download }).click();
      const file = await download;
      const chunks = [];
      for await (const c of await file.createReadStream()) chunks.push(c);
      expect(Buffer.concat(chunks).toString()).toBe('{"v":1,"rateCents":');
    });
  });
}
