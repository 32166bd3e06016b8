// Accessibility: axe-core in both themes and languages, the whole change
// workflow by keyboard with a visible focus at every step, the polite live
// region, reduced motion, 320 px and 1440 px layouts, and touch targets.
import { test, expect } from '@playwright/test';
import { routePage, clearStorage, ready, total, field, plain, settled, axeViolations, WORKED, T } from './helpers.js';

const LANGS = ['de', 'en'];

// Several tests use the demo page, whose calculators read their saved state.
test.beforeEach(async ({ page }) => { await clearStorage(page); });

/** The demo page with MODEL.md's worked example (and VAT, so gross figures show) in both calculators. */
async function demoWithWorkedExample(page, extra = {}) {
  await page.goto('/');
  for (const lang of LANGS) {
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await ready(calc);
    await calc.evaluate((el, s) => { el.scenario = s; }, { ...WORKED, ...extra });
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
  }
}


/** The demo page in a colour scheme, empty or with the worked example and every disclosure open. */
async function demoFor(page, scheme, state) {
  await page.emulateMedia({ colorScheme: scheme });
  if (state === 'empty') {
    await page.goto('/');
    for (const lang of LANGS) await ready(page.locator(`change-cost[lang="${lang}"]`));
  } else {
    await demoWithWorkedExample(page);
    await page.locator('change-cost details').evaluateAll((all) => all.forEach((d) => { d.open = true; }));
  }
  for (const lang of LANGS) {
    await settled(page.locator(`change-cost[lang="${lang}"]`));
  }
  const bg = await page.locator('change-cost[lang="en"] .cc').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).toBe(scheme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(255, 255, 255)');
}

test.describe('axe-core', () => {
  // addScriptTag injects axe as an inline <script>, which the demo's strict CSP
  // blocks: these tests (only these) run with bypassCSP, i.e. in a browser
  // context that ignores the page's Content-Security-Policy.
  test.use({ bypassCSP: true });

  for (const scheme of ['light', 'dark']) {
    for (const state of ['empty', 'worked example']) {
      test(`no violations on the demo page, German and English calculators, ${scheme}, ${state}`, async ({ page }) => {
        await demoFor(page, scheme, state);
        const violations = await axeViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      });
    }
  }

  // While the two bugs above stand, every other rule still runs on the fullest state.
  for (const scheme of ['light', 'dark']) {
    test(`worked example, ${scheme}: no violations besides the reported ones`, async ({ page }) => {
      await demoFor(page, scheme, 'worked example');
      const known = scheme === 'dark' ? ['color-contrast', 'scrollable-region-focusable'] : ['scrollable-region-focusable'];
      const violations = await axeViolations(page, known);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    });
  }
});

/** What has the keyboard focus, through shadow roots, and whether a focus ring shows. */
function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    // A text input shows its ring on the box around it (the .input wrapper with its unit).
    const ringed = el.closest('.input') ?? el;
    const cs = getComputedStyle(ringed);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    return {
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent.trim(),
      part: el.dataset?.part ?? null,
      row: el.closest('[data-change-id]')?.querySelector('.number')?.textContent ?? null,
      value: el.value ?? null,
      visible: el.matches(':focus-visible') || el.matches(':focus-within'),
      ring: outline || cs.boxShadow !== 'none',
    };
  });
}

/** Asserts that the focus is where `expected` says, with a visible ring. */
async function expectFocus(page, expected, step) {
  const f = await focused(page);
  expect(f, step).toMatchObject(expected);
  expect(f.visible && f.ring, `${step}: focus ring on ${f.tag} ${f.name}`).toBe(true);
  return f;
}

/** Presses `key` until the focused element's accessible name is `name`. */
async function pressUntil(page, key, name, max = 40) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    if ((await focused(page)).name === name) return;
  }
  throw new Error(`${key} never reached "${name}"`);
}

for (const lang of LANGS) {
  const t = T[lang];
  test(`keyboard only: add, fill, change the kind, move, remove a change with visible focus (${lang})`, async ({ page }) => {
    await page.goto(await routePage(page, `keyboard-${lang}`,
      `<p><a href="#top">Top of the host page</a></p><change-cost lang="${lang}" persist="off"></change-cost>`));
    const calc = page.locator('change-cost');
    await ready(calc);
    const rows = calc.locator('[data-change-id]');
    const hourly = total(calc, 'hourly');

    await pressUntil(page, 'Tab', `+ ${t.add}`);
    await expectFocus(page, { tag: 'button' }, 'tabbed to the add button');
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(1);
    await expectFocus(page, { tag: 'input', part: 't', row: `${lang === 'de' ? 'Änderung' : 'Change'} 1` }, 'new title');
    await page.keyboard.type('sample documents outdated');

    await page.keyboard.press('Tab');
    await expectFocus(page, { tag: 'select', part: 'k', value: 'tweak' }, 'kind');
    await page.keyboard.press('ArrowDown');
    await expectFocus(page, { tag: 'select', part: 'k', value: 'rework' }, 'kind changed by arrow key');
    await expect(rows.first().getByLabel(t.kind)).toHaveValue('rework');
    await page.keyboard.press('Tab');
    await expectFocus(page, { tag: 'select', part: 'u', value: 'h' }, 'rework unit');
    await page.keyboard.press('Tab');
    await expectFocus(page, { tag: 'input', part: 'e' }, 'effort');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('16');
    // 16 h in build: 24 h + 0.5 h at 95 = 2,327.50.
    await expect(hourly).toHaveAttribute('data-cents', '1372750');
    await page.keyboard.press('Tab');
    await expectFocus(page, { tag: 'select', part: 'p', value: 'build' }, 'phase');

    await pressUntil(page, 'Tab', `+ ${t.add}`, 6);
    await expectFocus(page, { tag: 'button' }, 'back on the add button');
    await page.keyboard.press('Space');
    await expect(rows).toHaveCount(2);
    await expectFocus(page, { tag: 'input', part: 't' }, 'second title');
    await page.keyboard.type('logo bigger');
    await page.keyboard.press('Tab');
    await expectFocus(page, { tag: 'select', part: 'k', value: 'tweak' }, 'second kind');
    await page.keyboard.press('Tab');
    await expectFocus(page, { tag: 'input', part: 'e' }, 'second effort');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await expect(hourly).toHaveAttribute('data-cents', String(1372750 + 33250));

    // Back to the second change's "move up" button; the disabled "move down" is skipped.
    await pressUntil(page, 'Shift+Tab', t.up(2), 5);
    await expectFocus(page, { tag: 'button' }, 'move up');
    await page.keyboard.press('Enter');
    await expect(rows.first().getByLabel(t.title)).toHaveValue('logo bigger');
    // It is first now: the focus stays on its twin, "move down".
    await expectFocus(page, { tag: 'button', name: t.down(1) }, 'after moving up');
    await page.keyboard.press('Space');
    await expect(rows.first().getByLabel(t.title)).toHaveValue('sample documents outdated');
    await expect(rows.nth(1).getByLabel(t.title)).toHaveValue('logo bigger');
    await expectFocus(page, { tag: 'button', name: t.up(2) }, 'after moving down');

    await page.keyboard.press('Tab');
    await expectFocus(page, { tag: 'button', name: t.remove(2) }, 'remove');
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByLabel(t.title)).toHaveValue('sample documents outdated');
    await expect(hourly).toHaveAttribute('data-cents', '1372750');
    await expectFocus(page, { tag: 'button', name: t.remove(1) }, 'after removing');
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(0);
    await expect(hourly).toHaveAttribute('data-cents', '1140000');
    await expectFocus(page, { tag: 'button', name: `+ ${t.add}` }, 'after removing the last one');
  });

  test(`the polite live region announces the totals after typing (${lang})`, async ({ page }) => {
    await page.goto(await routePage(page, `live-${lang}`, `<change-cost lang="${lang}" persist="off"></change-cost>`));
    const calc = page.locator('change-cost');
    const live = calc.locator('[aria-live="polite"]');
    await expect(live).toHaveCount(1);
    await expect(live).toHaveAttribute('role', 'status');
    await expect(live).toHaveText('');
    await field(calc, t.rate).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('100');
    const expected = lang === 'de'
      ? 'Gesamtkosten: Nach Aufwand 12.000,00 €, Festpreis 14.400,00 €'
      : 'Totals: By the hour €12,000.00, Fixed price €14,400.00';
    await expect.poll(async () => plain(await live.textContent())).toBe(expected);
  });
}

test('reduced motion: nothing animates or transitions after an edit', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  const calc = page.locator('change-cost[lang="en"]');
  await calc.getByRole('button', { name: T.en.add }).click();
  await field(calc.locator('[data-change-id]'), T.en.effort).fill('3');
  await field(calc, T.en.rate).fill('100');
  await calc.getByText(T.en.more).click();
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1250000');
  const motion = await calc.evaluate((el) => {
    const all = [...el.shadowRoot.querySelectorAll('*')];
    return {
      animations: el.shadowRoot.getAnimations().length + document.getAnimations().length,
      moving: all.filter((n) => {
        const cs = getComputedStyle(n);
        return cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0)
          || (cs.animationName !== 'none' && cs.animationDuration.split(',').some((d) => parseFloat(d) > 0));
      }).map((n) => n.className),
      matches: matchMedia('(prefers-reduced-motion: reduce)').matches,
    };
  });
  expect(motion).toEqual({ animations: 0, moving: [], matches: true });
});

test('at 320 px wide, three changes and every figure fit without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 900 });
  await demoWithWorkedExample(page, { vatBp: 1900 });
  await page.locator('change-cost details').evaluateAll((all) => all.forEach((d) => { d.open = true; }));
  for (const lang of LANGS) {
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await expect(calc.locator('.gross').first()).toBeVisible();
    await expect(calc.locator('[data-change-id]')).toHaveCount(3);
    // Nothing inside sticks out of the widget (its paint containment would hide it, not scroll it);
    // the chart's table is the one deliberate horizontal scroller.
    const outside = await calc.evaluate((el) => {
      const host = el.getBoundingClientRect();
      return [...el.shadowRoot.querySelectorAll('*')].filter((n) => {
        if (n.closest('.scroll') || n.closest('.sr-only')) return false;
        const r = n.getBoundingClientRect();
        return r.width > 0 && (r.right > host.right + 0.5 || r.left < host.left - 0.5);
      }).map((n) => `${n.tagName} ${n.className?.baseVal ?? n.className}`);
    });
    expect(outside, lang).toEqual([]);
    expect(await calc.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(320);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('at 1440 px the results sit beside the inputs', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await demoWithWorkedExample(page);
  for (const lang of LANGS) {
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    const inputs = await calc.locator('.inputs').boundingBox();
    const results = await calc.locator('.results').boundingBox();
    expect(results.x, lang).toBeGreaterThanOrEqual(inputs.x + inputs.width);
    expect(results.y, lang).toBeLessThan(inputs.y + inputs.height);
    expect(inputs.y, lang).toBeLessThan(results.y + results.height);
    expect(results.width, lang).toBeGreaterThanOrEqual(280);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
});

/** Every rendered control of one kind inside the calculators, with its size. */
async function controls(page, selector) {
  const sizes = await page.locator('change-cost').evaluateAll((hosts, sel) => hosts.flatMap((host) => (
    [...host.shadowRoot.querySelectorAll(sel)].map((n) => {
      const r = n.getBoundingClientRect();
      const name = n.getAttribute('aria-label') ?? n.labels?.[0]?.textContent ?? n.textContent.trim().slice(0, 30);
      return { what: `${host.lang} ${n.tagName.toLowerCase()} "${name}"`, width: r.width, height: r.height };
    }).filter((c) => c.width > 0 && c.height > 0)
  )), selector);
  return sizes;
}

async function everythingOpen(page) {
  await demoWithWorkedExample(page, { vatBp: 1900 });
  await page.locator('change-cost details').evaluateAll((all) => all.forEach((d) => { d.open = true; }));
  // One change with its best / worst case open, so those inputs show too.
  await page.locator('change-cost[lang="en"]').getByRole('button', { name: 'Give a range' }).first().click();
}

test('touch targets: buttons, selects and summaries are at least 44 px (buttons also wide)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  await everythingOpen(page);
  const buttons = await controls(page, 'button');
  const others = await controls(page, 'select, summary');
  expect(buttons.length).toBeGreaterThan(20);
  expect(others.length).toBeGreaterThan(40);
  expect(buttons.filter((c) => c.height < 44 || c.width < 44)).toEqual([]);
  expect(others.filter((c) => c.height < 44)).toEqual([]);
});

test('touch targets: text inputs are at least 44 px tall', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  await everythingOpen(page);
  const inputs = await controls(page, 'input');
  expect(inputs.length).toBeGreaterThan(40);
  expect(inputs.filter((c) => c.height < 44)).toEqual([]);
});
