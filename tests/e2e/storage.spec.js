// Storage that is missing, forbidden or full leaves a working calculator
// with a visible notice; the scenario property names bad fields.
import { test, expect } from '@playwright/test';
import { forbidStorage } from './helpers.js';

test('localStorage that throws on access: the calculator works and says it cannot save', async ({ page }) => {
  await forbidStorage(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const calc = page.locator('change-cost[lang="de"]');
  await expect(calc.getByRole('alert')).toContainText('Dieser Browser erlaubt kein Speichern');
  await calc.getByLabel('Stundensatz, netto').fill('100');
  await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1200000');
  const en = page.locator('change-cost[lang="en"]');
  await expect(en.getByRole('alert')).toContainText('This browser does not allow saving');
  expect(errors).toEqual([]);
});

test('full storage: a notice, an error event, and the edits stay on the page', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    window.ccErrors = [];
    document.addEventListener('changecost:error', (e) => window.ccErrors.push(e.detail.detail));
  });
  await page.goto('/');
  const calc = page.locator('change-cost[lang="en"]');
  await calc.getByLabel('Hourly rate, net').fill('110');
  await expect(calc.getByRole('alert')).toContainText('storage is full');
  await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1320000');
  expect(await page.evaluate(() => window.ccErrors)).toContain('QuotaExceededError');
});

test('persist="off" keeps nothing', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend',
      '<change-cost id="p" lang="en" persist="off" storage-key="off-test"></change-cost>');
  });
  const calc = page.locator('#p');
  await calc.getByLabel('Hourly rate, net').fill('120');
  await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1440000');
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  expect(await page.evaluate(() => localStorage.getItem('changecost:v1:off-test'))).toBeNull();
});

test('the scenario property: read, set, and a bad field named without changing anything', async ({ page }) => {
  await page.goto('/');
  const calc = page.locator('change-cost[lang="en"]');
  await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1140000');
  const result = await calc.evaluate((el) => {
    const before = el.scenario;
    let message = '';
    try { el.scenario = { ...before, rateCents: 0 }; } catch (e) { message = e.message; }
    const unchanged = el.result.hourly.total;
    el.scenario = { v: 1, changes: [{ t: 'logo bigger', k: 'tweak', e: 120, p: 'build' }] };
    return { v: before.v, rate: before.rateCents, message, unchanged, after: el.result.hourly.total,
      series: el.result.series.length };
  });
  expect(result).toEqual({ v: 2, rate: 9500, message: 'changecost: invalid scenario: rateCents: must be at least 1',
    unchanged: 1140000, after: 1173250, series: 2 });
  await expect(calc.locator('[data-change-id]')).toHaveCount(1);
  await expect(calc.locator('[data-change-id]').getByLabel('Description')).toHaveValue('logo bigger');
});
