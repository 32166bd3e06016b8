// Shared helpers for the end-to-end tests that need their own host pages:
// routed pages served with the same strict CSP as tools/serve.py, the
// widget's texts in both languages, MODEL.md's worked example, and the
// release bundle's files.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A file of the release bundle, www/release/ (written by `make build`). */
export const release = (name) => path.resolve(__dirname, '../../www/release', name);
/** The release bundle's manifest.json. */
export const manifest = () => JSON.parse(readFileSync(release('manifest.json'), 'utf8'));

/** Serves what `glob` matches with one bit of its middle byte flipped: a changed file. */
export function flipMiddleByte(page, glob) {
  return page.route(glob, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[Math.floor(body.length / 2)] ^= 0x01; // one bit of one byte
    await route.fulfill({ response, body });
  });
}

/**
 * The calculator's console warnings on `page` from now on (they begin with
 * "changecost"; the browser's own, such as Chromium's about a preload's
 * integrity, are not its): a list that fills as they come.
 */
export function calculatorWarnings(page) {
  const warnings = [];
  page.on('console', (msg) => { if (msg.type() === 'warning' && msg.text().startsWith('changecost')) warnings.push(msg.text()); });
  return warnings;
}

/**
 * Records the message of every `changecost:error` in `window.ccErrors`,
 * from the next page on (`target`: a page or a browser context).
 */
export function recordErrorMessages(target) {
  return target.addInitScript(() => {
    window.ccErrors = [];
    document.addEventListener('changecost:error', (e) => window.ccErrors.push(e.detail.message));
  });
}

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
export const LOADER = '<script type="module" src="/changecost/changecost.js"></script>';

/** A whole HTML page: `lang` on <html> (none when undefined), the loader, a routed stylesheet. */
export function html({ lang, body, css = false, name = 'page', head = '', loader = true }) {
  return `<!doctype html>
<html${lang === undefined ? '' : ` lang="${lang}"`}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>changecost e2e: ${name}</title>
  ${css ? `<link rel="stylesheet" href="/e2e/${name}.css">` : ''}
  ${head}
  ${loader ? LOADER : ''}
</head>
<body>
${body}
</body>
</html>`;
}

/**
 * Serves `/e2e/<name>.html` (and `/e2e/<name>.css` when `css` is given) from
 * the test, with the strict CSP header, and returns the page's path.
 * `files` maps further `/e2e/...` paths to `[contentType, body]`.
 */
export async function routePage(page, name, body, { lang, css, head, loader, files = {} } = {}) {
  const headers = { 'Content-Security-Policy': CSP };
  await page.route(`**/e2e/${name}.html`, (route) => route.fulfill({
    status: 200, contentType: 'text/html', headers,
    body: html({ lang, body, css: css !== undefined, name, head, loader }),
  }));
  if (css !== undefined) {
    await page.route(`**/e2e/${name}.css`, (route) => route.fulfill({
      status: 200, contentType: 'text/css', headers, body: css,
    }));
  }
  for (const [path, [contentType, text]] of Object.entries(files)) {
    await page.route(`**${path}`, (route) => route.fulfill({ status: 200, contentType, headers, body: text }));
  }
  return `/e2e/${name}.html`;
}

/** Clears localStorage of the test origin (on a blank routed page, before any widget reads it). */
export async function clearStorage(page) {
  await routePage(page, 'blank', '<p>blank</p>', { loader: false });
  await page.goto('/e2e/blank.html');
  await page.evaluate(() => localStorage.clear());
}

/** Waits until the calculator shows its first figures. */
export async function ready(calc) {
  await expect(calc.locator('output[data-total]').first()).toHaveAttribute('data-cents', /^\d+$/);
}

/** Waits until the simulation has run for the figures shown: the root loses data-stale (the insight is final then). */
export async function settled(calc) {
  await expect(calc.locator('.cc')).not.toHaveAttribute('data-stale', '');
}

/**
 * Runs axe-core (from the project's node_modules) on the whole document; it
 * descends into open shadow roots. `skip` turns rules off. Inline scripts:
 * the calling test needs `bypassCSP`.
 */
export async function axeViolations(page, skip = []) {
  const axe = path.join(path.dirname(test.info().config.configFile), 'node_modules/axe-core/axe.min.js');
  await page.addScriptTag({ path: axe });
  return page.evaluate(async (off) => {
    // The settled page: a fading element (the summary bar coming back as
    // the results scroll away, which an IntersectionObserver says a frame
    // or two after the layout changed) has the contrast of its end, not of
    // a frame of its fade. Document.getAnimations() includes the shadow
    // roots' (and flushes styles, so a transition just started is in it).
    for (let round = 0; round < 5; round += 1) {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r))));
      const running = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
      if (!running.length) break;
      await Promise.all(running.map((a) => a.finished.catch(() => {})));
    }
    const rules = Object.fromEntries(off.map((id) => [id, { enabled: false }]));
    const result = await window.axe.run(document, { resultTypes: ['violations'], rules });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 8).map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
      count: v.nodes.length,
    }));
  }, skip);
}

/** A page whose localStorage throws on access, as a sandboxed frame's or a browser that forbids it. */
export async function forbidStorage(page) {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
}

/** The cents of one contract's total. */
export const total = (calc, contract) => calc.locator(`output[data-total="${contract}"]`);

/** MODEL.md's worked example in the saved form; the other fields take the element's defaults. */
export const WORKED = {
  v: 1,
  changes: [
    { id: 1, t: 'logo bigger', k: 'tweak', e: 120, p: 'build' },
    { id: 2, t: 'sample documents outdated', k: 'rework', e: 960, p: 'build' },
    { id: 3, t: 'sales joins planning', k: 'stakeholder', e: 360, p: 'build' },
  ],
};

/** The widget's words (src/core/i18n), as a client sees them. */
export const T = {
  de: {
    rate: 'Stundensatz, netto', hours: 'Vereinbarter Umfang, wahrscheinlicher Aufwand',
    hoursLow: 'Vereinbarter Umfang, günstiger Fall (jedes zehnte Projekt endet darunter)',
    hoursHigh: 'Vereinbarter Umfang, ungünstiger Fall (jedes zehnte Projekt endet darüber)',
    premium: 'Risikoaufschlag im Festpreis', allowance: 'Im Festpreis enthaltene Änderungsstunden',
    fixedPrice: 'Festpreis (statt berechnet)', crRate: 'Preisfaktor für Änderungsaufträge',
    crAdmin: 'Aufwand je Änderungsauftrag (Angebot, Freigabe)', switch: 'Abstimmung je Änderung, nach Aufwand',
    cap: 'Obergrenze über dem wahrscheinlichen Aufwand', vat: 'Umsatzsteuer', trials: 'Simulierte Verläufe',
    currency: 'Währung', language: 'Sprache', more: 'Weitere Annahmen',
    add: 'Änderung hinzufügen', title: 'Beschreibung', kind: 'Art', effort: 'Aufwand', phase: 'Phase',
    unit: 'Aufwand angeben als',
    kinds: ['Kleine Änderung', 'Überarbeitung', 'Neue Beteiligte', 'Zusätzliche Funktion'], build: 'Umsetzung',
    contracts: ['Nach Aufwand', 'Festpreis', 'Nach Aufwand mit Obergrenze'],
    remove: (n) => `Änderung ${n} entfernen`,
    up: (n) => `Änderung ${n} nach oben verschieben`, down: (n) => `Änderung ${n} nach unten verschieben`,
    gross: (m) => `${m} brutto`, announce: 'Gesamtkosten: ',
    money: (s) => `${s} €`, failed: 'Der Rechner konnte nicht geladen werden.',
    storageFull: 'Der Speicher dieses Browsers ist voll.',
  },
  en: {
    rate: 'Hourly rate, net', hours: 'Agreed scope, likely effort',
    hoursLow: 'Agreed scope, best case (1 in 10 ends lower)', hoursHigh: 'Agreed scope, worst case (1 in 10 ends higher)',
    premium: 'Risk premium in the fixed price', allowance: 'Change hours included in the fixed price',
    fixedPrice: 'Fixed price (instead of computed)', crRate: 'Price factor for change requests',
    crAdmin: 'Effort per change request (quote, approval)', switch: 'Coordination per change, billed by the hour',
    cap: 'Cap above the likely effort', vat: 'VAT', trials: 'Simulated outcomes',
    currency: 'Currency', language: 'Language', more: 'More assumptions',
    add: 'Add a change', title: 'Description', kind: 'Kind', effort: 'Effort', phase: 'Phase',
    unit: 'Effort given as',
    kinds: ['Small tweak', 'Rework', 'New stakeholders', 'Extra feature'], build: 'Build',
    contracts: ['By the hour', 'Fixed price', 'By the hour, capped'],
    remove: (n) => `Remove change ${n}`,
    up: (n) => `Move change ${n} up`, down: (n) => `Move change ${n} down`,
    gross: (m) => `${m} gross`, announce: 'Totals: ',
    money: (s) => `€${s}`, failed: 'The calculator could not be loaded.',
    storageFull: "This browser's storage is full.",
  },
};

/** A label's control, matched exactly (several labels start alike). */
export const field = (calc, label) => calc.getByLabel(label, { exact: true });

/** Text with every kind of space made a plain one (Intl puts no-break spaces in money). */
export const plain = (text) => text.replace(/\s+/g, ' ').trim();
