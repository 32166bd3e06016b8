// The embed contract of EMBED.md, attribute by attribute, on host pages made
// by the tests (served with the same strict CSP as the demo), in German and
// English: defaults, bad values, live attribute changes, several instances,
// and the events a host page listens to.
import { test, expect } from '@playwright/test';
import { routePage, clearStorage, ready, total, field, plain, settled, WORKED, T } from './helpers.js';

const LANGS = ['de', 'en'];
const OTHER = { de: 'en', en: 'de' };
/** Money as the widget writes it: "11.400,00 €" / "€11,400.00". */
const MONEY = { de: (n) => T.de.money(n.de), en: (n) => T.en.money(n.en) };
const m = (de, en) => ({ de, en });

test.describe('lang', () => {
  for (const lang of LANGS) {
    test(`lang: the attribute, else the page's lang (also for a bad one); the client can switch (${lang})`, async ({ page }) => {
      const warnings = [];
      page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
      const other = OTHER[lang];
      await page.goto(await routePage(page, `lang-${lang}`,
        `<change-cost id="page" persist="off"></change-cost>
         <change-cost id="bad" lang="fr" persist="off"></change-cost>
         <change-cost id="attr" lang="${other}" persist="off"></change-cost>`, { lang }));
      for (const id of ['#page', '#bad']) {
        const calc = page.locator(id);
        await expect(field(calc, T[lang].rate), id).toHaveValue('95');
        await expect(calc.locator('.cc')).toHaveAttribute('lang', lang);
        await expect(total(calc, 'hourly')).toHaveText(MONEY[lang](m('11.400,00', '11,400.00')));
        await expect(calc.getByRole('button', { name: T[lang].add })).toBeVisible();
      }
      expect(warnings).toContainEqual(expect.stringMatching(/^changecost: ignored lang="fr"/));
      // The attribute wins over the page's lang.
      const calc = page.locator('#attr');
      await expect(field(calc, T[other].rate)).toHaveValue('95');
      await expect(field(calc, T[lang].rate)).toHaveCount(0);
      await expect(calc.locator('.cc')).toHaveAttribute('lang', other);
      await expect(total(calc, 'hourly')).toHaveText(MONEY[other](m('11.400,00', '11,400.00')));
      // The client switches to the page's language in the widget; their figures stay.
      await field(calc, T[other].rate).fill('100');
      await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1200000');
      await calc.getByLabel(T[other].language).selectOption(lang);
      await expect(field(calc, T[lang].rate)).toHaveValue('100');
      await expect(calc.locator('.cc')).toHaveAttribute('lang', lang);
      await expect(total(calc, 'hourly')).toHaveText(MONEY[lang](m('12.000,00', '12,000.00')));
      await expect(calc.getByRole('button', { name: T[lang].add })).toBeVisible();
    });
  }

  for (const [locale, lang] of [['de-DE', 'de'], ['en-US', 'en']]) {
    test.describe(`browser locale ${locale}`, () => {
      test.use({ locale });
      test(`a page without lang follows the browser's language (${lang})`, async ({ page }) => {
        const path = await routePage(page, `lang-browser-${lang}`,
          '<change-cost id="c" persist="off"></change-cost>', { lang: undefined });
        await page.goto(path);
        const calc = page.locator('#c');
        await expect(field(calc, T[lang].rate)).toHaveValue('95');
        await expect(calc.locator('.cc')).toHaveAttribute('lang', lang);
        await expect(total(calc, 'fixed')).toHaveText(MONEY[lang](m('13.680,00', '13,680.00')));
      });
    });
  }
});

// Each case is one element on one page; `worked` loads MODEL.md's worked
// example through the scenario property (missing fields keep the element's
// defaults). Expected cents are worked out by hand from MODEL.md.
const CASES = [
  { id: 'rate', attrs: 'rate="120"', fields: { rate: '120' }, cents: { hourly: 1440000, fixed: 1728000 } },
  { id: 'hours', attrs: 'hours="100"', fields: { hours: '100' }, cents: { hourly: 950000, fixed: 1140000 } },
  { id: 'range', attrs: 'hours="100" hours-low="90" hours-high="200"',
    fields: { hours: '100', hoursLow: '90', hoursHigh: '200' }, baseline: [5400, 6000, 12000] },
  { id: 'premium', attrs: 'premium="25"', fields: { premium: '25' }, cents: { hourly: 1140000, fixed: 1425000 } },
  { id: 'fixed-price', attrs: 'fixed-price="15000"', cents: { fixed: 1500000 }, scenario: { fixedPriceCents: 1500000 } },
  // Allowance 0: every change is a request: 3 h + 95 admin, 24 h + 95, 16.2 h + 95 = 4,389.00.
  { id: 'allowance-0', attrs: 'allowance="0"', worked: true, fields: { allowance: '0' },
    cents: { hourly: 1564650, fixed: 1806900 } },
  // Allowance 30 h covers 3 + 24 h and 3 of 16.2 h: 13.2 h x 95 + 95 = 1,349.00.
  { id: 'allowance-30', attrs: 'allowance="30"', worked: true, cents: { fixed: 1502900 } },
  // cr-rate 1.5: (19 x 95 x 1.5 + 95) + (16.2 x 95 x 1.5 + 95) = 5,206.00.
  { id: 'cr-rate', attrs: 'cr-rate="1.5"', worked: true, scenario: { crRateBp: 15000 },
    cents: { hourly: 1564650, fixed: 1888600 } },
  // cr-admin 2 h: two requests, 95.00 more each.
  { id: 'cr-admin', attrs: 'cr-admin="2"', worked: true, scenario: { crAdminMinutes: 120 }, cents: { fixed: 1740400 } },
  // switch 1 h: three changes, half an hour more each at 95.
  { id: 'switch', attrs: 'switch="1"', worked: true, scenario: { switchMinutes: 60 },
    cents: { hourly: 1578900, fixed: 1721400 } },
  { id: 'chf', attrs: 'currency="CHF"', fields: { currency: 'CHF' }, cents: { hourly: 1140000 },
    text: { 'output[data-total="hourly"]': m('11.400,00 CHF', 'CHF 11,400.00'),
      'output[data-total="fixed"]': m('13.680,00 CHF', 'CHF 13,680.00') } },
  // VAT on the net totals: 11,400.00 x 1.19 = 13,566.00; 13,680.00 x 1.19 = 16,279.20.
  { id: 'vat', attrs: 'vat="19"', fields: { vat: '19' }, cents: { hourly: 1140000, fixed: 1368000 },
    text: { '[data-contract="hourly"] .gross': m('13.566,00 € brutto', '€13,566.00 gross'),
      '[data-contract="fixed"] .gross': m('16.279,20 € brutto', '€16,279.20 gross') } },
  // README's further attributes. overhead 20 %: the stakeholder change gets 14.4 h instead of 7.2 h, +684.00 each.
  { id: 'overhead', attrs: 'overhead="20"', worked: true, scenario: { overheadBp: 2000 },
    cents: { hourly: 1633050, fixed: 1789800 } },
  // Build at 2x: 4.5 h + 32.5 h + 19.7 h hourly; fixed 28 h and 19.2 h uncovered, plus two admin hours.
  { id: 'multipliers', attrs: 'multipliers="1 2 4 8"', worked: true, scenario: { multipliersBp: [10000, 20000, 40000, 80000] },
    cents: { hourly: 1678650, fixed: 1835400 } },
  // 50 % still ahead in build: the stakeholder overhead is 6 h instead of 7.2 h, 114.00 less under both.
  { id: 'remaining', attrs: 'remaining="100 50 20 0"', worked: true, scenario: { remainingBp: [10000, 5000, 2000, 0] },
    cents: { hourly: 1553250, fixed: 1710000 } },
  { id: 'trials', attrs: 'trials="500"', fields: { trials: '500' }, scenario: { trials: 500 } },
  { id: 'cautious', attrs: 'preset="cautious" hours="120"',
    fields: { hoursLow: '96', hoursHigh: '240', premium: '30' }, cents: { fixed: 1482000 } },
  { id: 'cautious-explicit', attrs: 'preset="cautious" hours="120" hours-high="300" premium="10"',
    fields: { hoursHigh: '300', premium: '10' }, scenario: { multipliersBp: [10000, 20000, 50000, 100000] } },
];

for (const lang of LANGS) {
  test(`every numeric attribute sets the client's starting point (${lang})`, async ({ page }) => {
    const body = CASES.map((c) => `<change-cost id="${c.id}" lang="${lang}" persist="off" ${c.attrs}></change-cost>`)
      .join('\n');
    await page.goto(await routePage(page, `numbers-${lang}`, body));
    for (const c of CASES) {
      const calc = page.locator(`#${c.id}`);
      await ready(calc);
      if (c.worked) await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
      for (const [name, value] of Object.entries(c.fields ?? {})) {
        await expect(field(calc, T[lang][name]), `${c.id}: ${name}`).toHaveValue(value);
      }
      for (const [contract, cents] of Object.entries(c.cents ?? {})) {
        await expect(total(calc, contract), `${c.id}: ${contract}`).toHaveAttribute('data-cents', String(cents));
      }
      const scenario = await calc.evaluate((el) => el.scenario);
      for (const [key, value] of Object.entries(c.scenario ?? {})) expect(scenario[key], `${c.id}: ${key}`).toEqual(value);
      if (c.baseline) expect(scenario.baselineMinutes).toEqual(c.baseline);
      for (const [selector, text] of Object.entries(c.text ?? {})) {
        expect(plain(await calc.locator(selector).textContent()), `${c.id}: ${selector}`).toBe(text[lang]);
      }
    }
  });

  test(`cap and models="hourly fixed capped": three cards, the cap limits the capped P90 (${lang})`, async ({ page }) => {
    await page.goto(await routePage(page, `capped-${lang}`,
      `<change-cost id="c" lang="${lang}" cap="10" models="hourly fixed capped" persist="off"></change-cost>
       <change-cost id="f" lang="${lang}" models="fixed" persist="off"></change-cost>`));
    const calc = page.locator('#c');
    await expect(calc.locator('.card')).toHaveCount(3);
    await expect(calc.locator('.card h4')).toHaveText(T[lang].contracts);
    await expect(total(calc, 'capped')).toHaveAttribute('data-cents', '1140000');
    await expect(field(calc, T[lang].cap)).toHaveValue('10');
    await settled(calc);
    // The baseline's worst case (180 h) is far above 120 h x 1.10: the capped P90 is the cap, 12,540.00.
    const p90 = lang === 'de' ? 'ungünstiger Fall 12.540 €' : 'bad case €12,540';
    expect(plain(await calc.locator('.card[data-contract="capped"] .spread').textContent())).toContain(p90);
    expect(plain(await calc.locator('.card[data-contract="hourly"] .spread').textContent())).not.toContain(p90);
    // Likely figures: the worked example costs the same capped as hourly (MODEL.md).
    await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
    await expect(total(calc, 'capped')).toHaveAttribute('data-cents', '1564650');

    const fixedOnly = page.locator('#f');
    await expect(fixedOnly.locator('.card')).toHaveCount(1);
    await expect(fixedOnly.locator('.card')).toHaveAttribute('data-contract', 'fixed');
    await expect(total(fixedOnly, 'fixed')).toHaveAttribute('data-cents', '1368000');
    await expect(total(fixedOnly, 'hourly')).toHaveCount(0);
  });

  test(`lock: locked settings are read-only, typing changes nothing, and they win over a saved state (${lang})`, async ({ page }) => {
    await clearStorage(page);
    await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ v: 1, rateCents: 20000, premiumBp: 2500 })),
      `changecost:v1:locked-${lang}`);
    await page.goto(await routePage(page, `lock-${lang}`,
      `<change-cost id="c" lang="${lang}" lock="rate currency" storage-key="locked-${lang}"></change-cost>`));
    const calc = page.locator('#c');
    const rate = field(calc, T[lang].rate);
    // The saved rate (200) is overridden by the consultant's locked 95; the unlocked premium is kept.
    await expect(rate).toHaveValue('95');
    await expect(field(calc, T[lang].premium)).toHaveValue('25');
    for (const input of [rate, field(calc, T[lang].currency)]) {
      await expect(input).toHaveAttribute('readonly', '');
      await expect(input).toHaveAttribute('aria-readonly', 'true');
    }
    await expect(field(calc, T[lang].premium)).not.toHaveAttribute('readonly');
    await rate.focus();
    await page.keyboard.press('End');
    await page.keyboard.type('0');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect(rate).toHaveValue('95');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000');
    const message = await calc.evaluate((el) => {
      try { el.scenario = { ...el.scenario, rateCents: 12000 }; return 'no error'; } catch (e) { return e.message; }
    });
    expect(message).toBe('changecost: invalid scenario: rateCents: is locked by the consultant (lock="rate")');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000');
  });

  test(`storage-key saves under changecost:v1:<key>; persist="off" keeps nothing (${lang})`, async ({ page }) => {
    await clearStorage(page);
    await page.goto(await routePage(page, `keys-${lang}`,
      `<change-cost id="keyed" lang="${lang}" storage-key="kunde-${lang}"></change-cost>
       <change-cost id="off" lang="${lang}" persist="off"></change-cost>`));
    const keyed = page.locator('#keyed');
    const off = page.locator('#off');
    await field(keyed, T[lang].rate).fill('110');
    await field(off, T[lang].rate).fill('120');
    await off.getByRole('button', { name: T[lang].add }).click();
    await expect(total(keyed, 'hourly')).toHaveAttribute('data-cents', '1320000');
    await expect(total(off, 'hourly')).toHaveAttribute('data-cents', '1464000');
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage)))
      .toEqual([`changecost:v1:kunde-${lang}`]);
    const saved = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `changecost:v1:kunde-${lang}`);
    expect(saved).toMatchObject({ v: 2, rateCents: 11000, changes: [] });
    // Leaving the page flushes what is due; persist="off" still writes nothing.
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([`changecost:v1:kunde-${lang}`]);
    await page.reload();
    await expect(field(keyed, T[lang].rate)).toHaveValue('110');
    await expect(total(keyed, 'hourly')).toHaveAttribute('data-cents', '1320000');
    await expect(field(off, T[lang].rate)).toHaveValue('95');
    await expect(off.locator('[data-change-id]')).toHaveCount(0);
  });
}

test('theme: light and dark set data-theme; auto follows prefers-color-scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(await routePage(page, 'themes',
    `<change-cost id="light" lang="en" theme="light" persist="off"></change-cost>
     <change-cost id="dark" lang="de" theme="dark" persist="off"></change-cost>
     <change-cost id="auto" lang="en" persist="off"></change-cost>`));
  const bg = (id) => page.locator(`#${id} .cc`).evaluate((el) => getComputedStyle(el).backgroundColor);
  const fg = (id) => page.locator(`#${id} .cc`).evaluate((el) => getComputedStyle(el).color);
  await expect(page.locator('#light .cc')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('#dark .cc')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('#auto .cc')).toHaveAttribute('data-theme', 'auto');
  const WHITE = 'rgb(255, 255, 255)';
  const DARK = 'rgb(22, 24, 29)'; // #16181d
  expect([await bg('light'), await bg('dark'), await bg('auto')]).toEqual([WHITE, DARK, WHITE]);
  expect(await fg('dark')).toBe('rgb(232, 234, 237)'); // #e8eaed
  await page.emulateMedia({ colorScheme: 'dark' });
  expect([await bg('light'), await bg('dark'), await bg('auto')]).toEqual([WHITE, DARK, DARK]);
  expect(await fg('auto')).toBe('rgb(232, 234, 237)');
});

test('theme="dark": muted text, buttons and change cards follow the dark palette', async ({ page }) => {
  await page.goto(await routePage(page, 'dark-palette', '<change-cost lang="en" theme="dark" persist="off"></change-cost>'));
  const calc = page.locator('change-cost');
  await calc.getByRole('button', { name: T.en.add }).click();
  const colours = await calc.evaluate((el) => {
    const r = el.shadowRoot;
    const rgb = (text) => {
      const m = text.match(/^rgba?\((\d+), (\d+), (\d+)/);
      if (m) return m.slice(1, 4).map(Number);
      return text.match(/^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)/).slice(1, 4).map((v) => Number(v) * 255);
    };
    const luminance = (c) => {
      const [R, G, B] = rgb(c).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const cs = (sel) => getComputedStyle(r.querySelector(sel));
    const bg = cs('.cc').backgroundColor;
    return {
      intro: contrast(cs('.intro').color, bg),
      button: contrast(cs('button[data-action="remove"]').color, cs('button[data-action="remove"]').backgroundColor),
      cardLabel: contrast(cs('.change label').color, cs('.change').backgroundColor),
      cardIsDark: luminance(cs('.change').backgroundColor) < 0.1,
    };
  });
  expect(colours.intro).toBeGreaterThanOrEqual(4.5);
  expect(colours.button).toBeGreaterThanOrEqual(4.5);
  expect(colours.cardLabel).toBeGreaterThanOrEqual(4.5);
  expect(colours.cardIsDark).toBe(true);
});

test('bad attribute values fall back to the default, warn "changecost: ignored", and the widget renders', async ({ page }) => {
  await clearStorage(page);
  const warnings = [];
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(await routePage(page, 'bad-values',
    `<change-cost id="en" lang="en" rate="abc" theme="neon" models="barter" preset="wild" vat="x" hours="-5"
       multipliers="1 2" persist="sometimes" contact="not an address" storage-key="bad-en"></change-cost>
     <change-cost id="de" lang="de" rate="0" premium="zwanzig" trials="many" currency="EURO" lock="colour"
       storage-key="bad-de"></change-cost>`));
  for (const [id, lang] of [['en', 'en'], ['de', 'de']]) {
    const calc = page.locator(`#${id}`);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000');
    await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', '1368000');
    await expect(calc.locator('.card')).toHaveCount(2);
    await expect(calc.locator('.cc')).toHaveAttribute('data-theme', 'auto');
    await expect(field(calc, T[lang].rate)).toHaveValue('95');
    await field(calc, T[lang].rate).fill('100');
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1200000');
  }
  await expect(field(page.locator('#de'), T.de.currency)).toHaveValue('EUR');
  const ignored = warnings.filter((w) => w.startsWith('changecost: ignored '));
  for (const attr of ['rate="abc"', 'theme="neon"', 'models="barter"', 'preset="wild"', 'vat="x"', 'hours="-5"',
    'multipliers="1 2"', 'persist="sometimes"', 'contact="not an address"', 'rate="0"', 'premium="zwanzig"',
    'trials="many"', 'currency="EURO"', 'lock="colour"']) {
    expect(ignored, attr).toContainEqual(expect.stringContaining(`changecost: ignored ${attr}`));
  }
  expect(errors).toEqual([]);
});

test('changing an attribute after load re-renders with the new defaults', async ({ page }) => {
  await page.goto(await routePage(page, 'attribute-change', '<change-cost id="c" lang="de" persist="off"></change-cost>'));
  const calc = page.locator('#c');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000');
  const readies = await calc.evaluate(async (el) => {
    let count = 0;
    el.addEventListener('changecost:ready', () => { count += 1; });
    el.setAttribute('rate', '120');
    el.setAttribute('models', 'hourly fixed capped');
    await new Promise((resolve) => { setTimeout(resolve, 300); });
    return count;
  });
  expect(readies).toBe(1); // two attributes in one task: one re-mount
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1440000');
  await expect(field(calc, T.de.rate)).toHaveValue('120');
  await expect(calc.locator('.card')).toHaveCount(3);
  await calc.evaluate((el) => { el.setAttribute('lang', 'en'); el.setAttribute('theme', 'dark'); });
  await expect(field(calc, T.en.rate)).toHaveValue('120');
  await expect(calc.locator('.cc')).toHaveAttribute('data-theme', 'dark');
  await expect(total(calc, 'capped')).toHaveText('€14,400.00');
});

test('several instances on one page are independent: state, storage keys, ids and events', async ({ page }) => {
  await clearStorage(page);
  await page.addInitScript(() => {
    window.ccEvents = [];
    document.addEventListener('changecost:change',
      (e) => window.ccEvents.push({ id: e.target.id, hourly: e.detail.totals.hourly, fixed: e.detail.totals.fixed }));
  });
  const path = await routePage(page, 'instances',
    '<change-cost id="one" lang="de"></change-cost><change-cost id="two" lang="en"></change-cost>');
  await page.goto(path);
  const one = page.locator('#one');
  const two = page.locator('#two');
  await field(one, T.de.rate).fill('110');
  await two.getByRole('button', { name: T.en.add }).click();
  await one.getByRole('button', { name: T.de.add }).click();
  await one.getByRole('button', { name: T.de.add }).click();
  await expect(total(one, 'hourly')).toHaveAttribute('data-cents', String(1320000 + 2 * 2 * 11000));
  await expect(total(two, 'hourly')).toHaveAttribute('data-cents', String(1140000 + 2 * 9500));
  await expect(field(two, T.en.rate)).toHaveValue('95');
  await expect(one.locator('[data-change-id]')).toHaveCount(2);
  await expect(two.locator('[data-change-id]')).toHaveCount(1);

  const events = await page.evaluate(() => window.ccEvents);
  expect(events.filter((e) => e.id === 'one').at(-1)).toEqual({ id: 'one', hourly: 1364000, fixed: 1584000 });
  expect(events.filter((e) => e.id === 'two')).toEqual([{ id: 'two', hourly: 1159000, fixed: 1368000 }]);

  // No duplicate ids inside either shadow root, and every label points at a control in its own root.
  for (const calc of [one, two]) {
    const report = await calc.evaluate((el) => {
      const ids = [...el.shadowRoot.querySelectorAll('[id]')].map((n) => n.id);
      const dangling = [...el.shadowRoot.querySelectorAll('label[for]')]
        .filter((l) => !el.shadowRoot.getElementById(l.htmlFor)).map((l) => l.htmlFor);
      return { duplicates: ids.filter((id, i) => ids.indexOf(id) !== i), dangling, count: ids.length };
    });
    expect(report.duplicates).toEqual([]);
    expect(report.dangling).toEqual([]);
    expect(report.count).toBeGreaterThan(20);
  }

  // Default storage keys: the page path and each element's position (saved after a pause in typing).
  const savedStates = () => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => {
    const s = JSON.parse(localStorage.getItem(k));
    return [k, [s.rateCents, s.changes.length]];
  })));
  await expect.poll(savedStates).toEqual({
    [`changecost:v1:${path}#0`]: [11000, 2],
    [`changecost:v1:${path}#1`]: [9500, 1],
  });
  await page.reload();
  await expect(field(one, T.de.rate)).toHaveValue('110');
  await expect(two.locator('[data-change-id]')).toHaveCount(1);
  await expect(one.locator('[data-change-id]')).toHaveCount(2);
});

test('events: ready, change (totals in cents, number of changes) bubble and are composed, reaching document', async ({ page }) => {
  await page.addInitScript(() => {
    window.ccEvents = [];
    for (const type of ['changecost:ready', 'changecost:change', 'changecost:error']) {
      document.addEventListener(type, (e) => window.ccEvents.push({
        type, id: e.target.id, bubbles: e.bubbles, composed: e.composed, custom: e instanceof CustomEvent,
        detail: JSON.parse(JSON.stringify(e.detail)),
      }));
    }
  });
  await page.goto(await routePage(page, 'events',
    '<change-cost id="c" lang="en" persist="off" models="hourly fixed capped"></change-cost>'));
  const calc = page.locator('#c');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000');
  await calc.getByRole('button', { name: T.en.add }).click();
  const row = calc.locator('[data-change-id]');
  await field(row, T.en.effort).fill('2');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1173250');
  const events = await page.evaluate(() => window.ccEvents);
  expect(events[0]).toEqual({ type: 'changecost:ready', id: 'c', bubbles: true, composed: true, custom: true,
    detail: { totals: { hourly: 1140000, fixed: 1368000, capped: 1140000 }, changes: 0 } });
  const changes = events.filter((e) => e.type === 'changecost:change');
  // Adding the change (1 h in build: 2 h at 95), then the effort 2 h (3.5 h at 95 = 332.50).
  expect(changes[0].detail).toEqual({ totals: { hourly: 1159000, fixed: 1368000, capped: 1159000 }, changes: 1 });
  expect(changes.at(-1)).toEqual({ type: 'changecost:change', id: 'c', bubbles: true, composed: true, custom: true,
    detail: { totals: { hourly: 1173250, fixed: 1368000, capped: 1173250 }, changes: 1 } });
  expect(events.filter((e) => e.type === 'changecost:error')).toEqual([]);
});

test('events: changecost:error reaches document when storage is full, in the widget\'s language', async ({ page }) => {
  await clearStorage(page);
  await page.addInitScript(() => {
    Storage.prototype.setItem = function setItem() { throw new DOMException('Quota exceeded', 'QuotaExceededError'); };
    window.ccErrors = [];
    document.addEventListener('changecost:error',
      (e) => window.ccErrors.push({ id: e.target.id, bubbles: e.bubbles, composed: e.composed, ...e.detail }));
  });
  await page.goto(await routePage(page, 'error',
    '<change-cost id="de" lang="de" storage-key="full-de"></change-cost><change-cost id="en" lang="en" storage-key="full-en"></change-cost>'));
  for (const lang of LANGS) {
    const calc = page.locator(`#${lang}`);
    await field(calc, T[lang].rate).fill('105');
    await expect(calc.getByRole('alert')).toContainText(T[lang].storageFull);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1260000');
  }
  const errors = await page.evaluate(() => window.ccErrors);
  expect(errors.map((e) => e.id)).toEqual(['de', 'en']);
  for (const e of errors) {
    expect(e).toMatchObject({ bubbles: true, composed: true, detail: 'QuotaExceededError' });
    expect(e.message).toContain(T[e.id].storageFull);
  }
});
