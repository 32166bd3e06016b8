// The widget on other people's pages: hostile host CSS cannot break it and
// its CSS does not leak out; a page that defines change-cost first or loads
// the script twice keeps working; mounting and removing leaves nothing
// behind; the demo works under its strict CSP; the theming hooks work.
import { test, expect } from '@playwright/test';
import { routePage, clearStorage, ready, total, field, plain, CSP, T } from './helpers.js';

const LANGS = ['de', 'en'];

/** Page errors and console errors, collected for the whole test. */
function problems(page) {
  const found = [];
  page.on('pageerror', (e) => found.push(`pageerror: ${e.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') found.push(`console: ${msg.text()}`); });
  return found;
}

const HOSTILE = `* { all: unset !important; }
change-cost { display: inline !important; color: red !important; font: 40px serif !important; }
input, button { display: none !important; }
`;

test('hostile host CSS (all: unset !important, display: none on inputs) cannot break the widget', async ({ page }) => {
  const errors = problems(page);
  await page.goto(await routePage(page, 'hostile',
    `<p>Host text</p>
     <change-cost lang="de" persist="off"></change-cost>
     <change-cost lang="en" persist="off"></change-cost>`, { css: HOSTILE }));
  for (const lang of LANGS) {
    const t = T[lang];
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await ready(calc);
    const rate = field(calc, t.rate);
    await expect(calc.locator('label', { hasText: t.rate })).toBeVisible();
    await expect(rate).toBeVisible();
    await expect(calc.getByRole('button', { name: t.add })).toBeVisible();
    await calc.getByRole('button', { name: t.add }).click();
    const effort = field(calc.locator('[data-change-id]'), t.effort);
    await expect(effort).toBeVisible();
    await effort.fill('2');
    await rate.fill('100');
    // 120 h + (2 h x 1.5 + 0.5 h) at 100 = 12,350.00.
    const hourly = total(calc, 'hourly');
    await expect(hourly).toHaveAttribute('data-cents', '1235000');
    await expect(hourly).toBeVisible();
    expect(plain(await hourly.textContent())).toBe(lang === 'de' ? '12.350,00 €' : '€12,350.00');
    const look = await calc.evaluate((el) => {
      const root = el.shadowRoot.querySelector('.cc');
      const input = el.shadowRoot.querySelector('input');
      return {
        host: getComputedStyle(el).display,
        font: getComputedStyle(root).fontSize,
        color: getComputedStyle(root).color,
        inputHeight: input.getBoundingClientRect().height,
      };
    });
    expect(look.host).toBe('block');
    expect(look.font).toBe('16px');
    expect(look.color).not.toBe('rgb(255, 0, 0)');
    expect(look.inputHeight).toBeGreaterThan(30);
  }
  expect(errors).toEqual([]);
});

test('the widget\'s CSS does not leak out: host elements keep their computed styles', async ({ page }) => {
  const body = `<h2 id="hh">Host heading</h2><p id="hp">Host paragraph</p><button id="hb" type="button">Host button</button>
    <input id="hi" aria-label="Host input"><details id="hd"><summary>Host summary</summary></details>
    <change-cost lang="en" persist="off"></change-cost><p id="after">After the widget</p>`;
  const css = 'body { font: 18px Georgia, serif; color: #333; } button { padding: 3px 5px; } .cc, .card, .add { color: lime; }';
  const snapshot = () => page.evaluate(() => {
    const ignore = /^(width|height|inline-size|block-size|perspective-origin|transform-origin)$/;
    return Object.fromEntries(['html', 'body', '#hh', '#hp', '#hb', '#hi', '#hd', '#hd summary', '#after'].map((sel) => {
      const cs = getComputedStyle(document.querySelector(sel));
      return [sel, Object.fromEntries([...cs].filter((p) => !ignore.test(p)).map((p) => [p, cs.getPropertyValue(p)]))];
    }));
  });
  await page.goto(await routePage(page, 'no-leak-without', body, { css, loader: false }));
  const without = await snapshot();
  await page.goto(await routePage(page, 'no-leak-with', body, { css }));
  await ready(page.locator('change-cost'));
  const withWidget = await snapshot();
  expect(Object.keys(without['#hb']).length).toBeGreaterThan(200);
  for (const sel of Object.keys(without)) {
    const changed = Object.keys(without[sel]).filter((p) => without[sel][p] !== withWidget[sel][p])
      .map((p) => `${p}: ${without[sel][p]} -> ${withWidget[sel][p]}`);
    expect(changed, sel).toEqual([]);
  }
  // Nothing was added to the document's own style sheets either.
  expect(await page.evaluate(() => [document.styleSheets.length, document.adoptedStyleSheets.length])).toEqual([1, 0]);
  // And the host's rules for .cc / .card / .add do not reach inside.
  const inside = await page.locator('change-cost').evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.card')).color);
  expect(inside).not.toBe('rgb(0, 255, 0)');
});

test('a host page that defines its own change-cost first keeps it, without errors', async ({ page }) => {
  const errors = problems(page);
  const own = `class HostOwn extends HTMLElement {
  connectedCallback() { this.textContent = 'The host page\\'s own element'; }
}
HostOwn.mine = true;
customElements.define('change-cost', HostOwn);
`;
  const wasm = page.waitForResponse(/changecost_wasm_bg\.wasm$/);
  await page.goto(await routePage(page, 'defined-first', '<change-cost lang="en" rate="120"></change-cost>', {
    head: '<script src="/e2e/own-element.js"></script>',
    files: { '/e2e/own-element.js': ['text/javascript', own] },
  }));
  expect((await wasm).ok()).toBe(true);
  await page.waitForTimeout(500); // the loader has had time to try to define the element
  await expect(page.locator('change-cost')).toHaveText("The host page's own element");
  const state = await page.evaluate(() => ({
    mine: customElements.get('change-cost').mine === true,
    shadow: document.querySelector('change-cost').shadowRoot === null,
  }));
  expect(state).toEqual({ mine: true, shadow: true });
  expect(errors).toEqual([]);
});

test('the script included twice: one definition, working widgets, no errors', async ({ page }) => {
  const errors = problems(page);
  await page.goto(await routePage(page, 'twice',
    `<script type="module" src="/changecost/changecost.js"></script>
     <change-cost lang="de" persist="off"></change-cost>
     <script type="module" src="/changecost/changecost.js?again"></script>
     <change-cost lang="en" persist="off"></change-cost>`));
  for (const lang of LANGS) {
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await field(calc, T[lang].rate).fill('110');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1320000');
    await expect(calc.locator('.cc')).toHaveCount(1);
  }
  const defined = await page.evaluate(() => {
    const els = [...document.querySelectorAll('change-cost')];
    return { same: els[0].constructor === els[1].constructor && els[0].constructor === customElements.get('change-cost'),
      scenarios: els.map((el) => el.scenario.rateCents) };
  });
  expect(defined).toEqual({ same: true, scenarios: [11000, 11000] });
  expect(errors).toEqual([]);
});

test('created and removed 100 times: no errors, no listeners left on window, no events after removal', async ({ page }) => {
  await clearStorage(page);
  const errors = problems(page);
  // Count window listeners by type as the widget adds and removes them.
  await page.addInitScript(() => {
    const live = new Map();
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    EventTarget.prototype.addEventListener = function addEventListener(type, fn, options) {
      if (this === window && fn) live.set(fn, type);
      return add.call(this, type, fn, options);
    };
    EventTarget.prototype.removeEventListener = function removeEventListener(type, fn, options) {
      if (this === window) live.delete(fn);
      return remove.call(this, type, fn, options);
    };
    window.ccWindowListeners = () => [...live.values()].sort();
  });
  await page.goto(await routePage(page, 'loop', '<main id="slot"></main>'));
  const result = await page.evaluate(async () => {
    await customElements.whenDefined('change-cost');
    const before = window.ccWindowListeners();
    let mounted = 0;
    let duringLife = [];
    for (let i = 0; i < 100; i += 1) {
      const el = document.createElement('change-cost');
      el.setAttribute('lang', i % 2 ? 'de' : 'en');
      const ready = new Promise((resolve) => { el.addEventListener('changecost:ready', resolve, { once: true }); });
      document.getElementById('slot').append(el);
      await ready;
      if (el.result.hourly.total === 1140000) mounted += 1;
      if (i === 0) duringLife = window.ccWindowListeners();
      el.remove();
    }
    const after = window.ccWindowListeners();

    // One more, edited, then removed while its timers are pending.
    const el = document.createElement('change-cost');
    el.setAttribute('lang', 'en');
    el.setAttribute('persist', 'off');
    let changes = 0;
    el.addEventListener('changecost:change', () => { changes += 1; });
    const ready = new Promise((resolve) => { el.addEventListener('changecost:ready', resolve, { once: true }); });
    document.body.append(el);
    await ready;
    el.scenario = { v: 1, rateCents: 12000 };
    const whileMounted = changes;
    el.remove();
    const shadowEmpty = el.shadowRoot.childNodes.length === 0;
    await new Promise((resolve) => { setTimeout(resolve, 800); });
    let pagehide = 'ok';
    try { window.dispatchEvent(new PageTransitionEvent('pagehide')); } catch (e) { pagehide = e.message; }
    await new Promise((resolve) => { setTimeout(resolve, 100); });
    return { before, duringLife, after, mounted, whileMounted, afterRemoval: changes - whileMounted, shadowEmpty, pagehide,
      left: document.querySelectorAll('change-cost').length, stored: Object.keys(localStorage) };
  });
  expect(result.mounted).toBe(100);
  expect(result.duringLife.length).toBeGreaterThan(result.before.length); // the measure sees the widget's pagehide listener
  expect(result.duringLife).toContain('pagehide');
  expect(result.after).toEqual(result.before);
  expect(result.whileMounted).toBe(1);
  expect(result.afterRemoval).toBe(0);
  expect(result.shadowEmpty).toBe(true);
  expect(result.pagehide).toBe('ok');
  expect(result.left).toBe(0);
  expect(result.stored).toEqual([]); // mounting alone saves nothing
  expect(errors).toEqual([]);
});

test('a removed element works again when it is put back', async ({ page }) => {
  const errors = problems(page);
  await page.goto(await routePage(page, 'reattach', '<div id="a"><change-cost lang="en" persist="off"></change-cost></div><div id="b"></div>'));
  const calc = page.locator('change-cost');
  await field(calc, T.en.rate).fill('100');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1200000');
  await page.evaluate(() => document.getElementById('b').append(document.querySelector('change-cost')));
  await ready(calc);
  await expect(calc.locator('.cc')).toHaveCount(1);
  await field(calc, T.en.rate).fill('110');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1320000');
  expect(errors).toEqual([]);
});

test('strict CSP on the demo page: no violations while typing the worked example, and the widget\'s styles apply', async ({ page }) => {
  await clearStorage(page);
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`), true);
  });
  const refused = [];
  page.on('console', (msg) => { if (/Content Security Policy|Refused to/i.test(msg.text())) refused.push(msg.text()); });
  await page.emulateMedia({ colorScheme: 'light' });
  const response = await page.goto('/');
  expect(response.headers()['content-security-policy']).toBe(CSP);
  for (const lang of LANGS) {
    const t = T[lang];
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    const changes = [['logo bigger', 0, '2'], ['sample documents outdated', 1, '16'], ['sales joins planning', 2, '6']];
    for (const [i, [title, kind, hours]] of changes.entries()) {
      await calc.getByRole('button', { name: t.add }).click();
      const row = calc.locator('[data-change-id]').nth(i);
      await row.getByLabel(t.title).fill(title);
      await row.getByLabel(t.kind).selectOption({ label: t.kinds[kind] });
      await field(row, t.effort).fill(hours);
    }
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
    await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', '1721400');
    const styles = await calc.evaluate((el) => {
      const add = el.shadowRoot.querySelector('button.add');
      const cs = getComputedStyle(add);
      return { bg: cs.backgroundColor, color: cs.color, minHeight: cs.minHeight,
        sheets: el.shadowRoot.adoptedStyleSheets.length, font: getComputedStyle(el.shadowRoot.querySelector('.cc')).fontSize };
    });
    expect(styles).toEqual({ bg: 'rgb(11, 92, 173)', color: 'rgb(255, 255, 255)', minHeight: '44px', sheets: 1, font: '16px' });
  }
  await page.waitForTimeout(600); // past the save and announce timers
  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(refused).toEqual([]);
});

test('theming: --cc-* custom properties and ::part() from the host page', async ({ page }) => {
  const css = `change-cost { --cc-accent: #8a2be2; --cc-radius: 3px; --cc-font: monospace; --cc-bg: #fffbe6; --cc-fg: #202020; }
change-cost::part(contract) { border-left: 7px solid rgb(255, 0, 128); }
change-cost::part(results) { padding-top: 13px; }
change-cost::part(root) { outline: 2px dotted rgb(0, 128, 0); }`;
  await page.goto(await routePage(page, 'theming', '<change-cost lang="de" theme="light" persist="off"></change-cost>', { css }));
  const calc = page.locator('change-cost');
  await ready(calc);
  const look = await calc.evaluate((el) => {
    const r = el.shadowRoot;
    const cs = (sel) => getComputedStyle(r.querySelector(sel));
    return {
      accent: cs('button.add').backgroundColor, radius: cs('.cc').borderTopLeftRadius, font: cs('.cc').fontFamily,
      bg: cs('.cc').backgroundColor, fg: cs('.cc').color, card: cs('.card').borderLeft,
      results: cs('.results').paddingTop, root: `${cs('.cc').outlineStyle} ${cs('.cc').outlineColor}`,
    };
  });
  expect(look).toEqual({ accent: 'rgb(138, 43, 226)', radius: '3px', font: 'monospace', bg: 'rgb(255, 251, 230)',
    fg: 'rgb(32, 32, 32)', card: '7px solid rgb(255, 0, 128)', results: '13px', root: 'dotted rgb(0, 128, 0)' });
});

test('a scenario set before the element is defined is applied, not lost', async ({ page }) => {
  // A page script (or a framework) that runs before the calculator's module is in.
  const early = `const el = document.querySelector('change-cost');
el.scenario = { v: 2, rateCents: 10000, changes: [[1, 'logo', 'tweak', 120, 'build']] };
window.ccEarly = customElements.get('change-cost') === undefined;`;
  await page.goto(await routePage(page, 'early',
    '<change-cost lang="en" persist="off"></change-cost><script type="module" src="/e2e/early.js"></script>',
    { files: { '/e2e/early.js': ['text/javascript', early] } }));
  const calc = page.locator('change-cost');
  await ready(calc);
  expect(await page.evaluate(() => window.ccEarly)).toBe(true);
  // 120 h x 100.00 + (2 h x 1.5 + 0.5 h) x 100.00 = 12,350.00.
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1235000');
  expect(await calc.evaluate((el) => Object.prototype.hasOwnProperty.call(el, 'scenario'))).toBe(false);
  expect(await calc.evaluate((el) => el.scenario.rateCents)).toBe(10000);
});
