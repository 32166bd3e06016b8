// The printed receipt fits A4 portrait (issue 12): 20 changes with
// 120-character titles and all three contracts, in German and English,
// rendered from the PDF to images (poppler's pdftoppm) with nothing in the
// right page margin, where content that ran past the page would land; and
// the chart's labels print at body size.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ready, settled } from './helpers.js';

/** 120 characters with long words, in each language. */
const TITLE = {
  de: 'Änderungsauftragsformular für Vertriebsmitarbeiterschulungsunterlagen überarbeiten und Datenschutzgrundverordnung prüfen',
  en: 'Rework the internationalisation of the customer-relationship-management export, including the counterintuitive settings',
};

/** A PPM (P6) image: width, height and the RGB bytes. */
function ppm(bytes) {
  const header = bytes.subarray(0, 64).toString('latin1');
  const m = header.match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  return { width: Number(m[1]), height: Number(m[2]), data: bytes.subarray(m[0].length) };
}

/** How many pixels of the right margin strip (the last `mm` of the page) are not white. */
function inkOnTheRight({ width, height, data }, mm) {
  const strip = Math.round((width * mm) / 210);
  let ink = 0;
  for (let y = 0; y < height; y++) {
    for (let x = width - strip; x < width; x++) {
      const i = (y * width + x) * 3;
      if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
    }
  }
  return ink;
}

// Printed from a phone, where the old receipt ran widest.
test.use({ viewport: { width: 390, height: 844 } });

for (const lang of ['de', 'en']) {
  test(`the receipt fits A4 with 20 long titles and three contracts (${lang})`, async ({ page }) => {
    test.setTimeout(60_000);
    // The demo consultant's page, as a client prints it from a phone.
    await page.goto('/');
    const calc = page.locator(`change-cost[lang="${lang}"]`);
    await ready(calc);
    await calc.evaluate((el) => el.setAttribute('models', 'hourly fixed capped'));
    await expect(calc.locator('.card')).toHaveCount(3);
    const kinds = ['tweak', 'rework', 'stakeholder', 'feature'];
    const changes = Array.from({ length: 20 }, (_, i) =>
      [i + 1, `${i + 1} ${TITLE[lang]}`.slice(0, 120), kinds[i % 4], 600 + i * 60, 'acceptance']);
    await calc.evaluate((el, c) => { el.scenario = { v: 2, vatBp: 1900, changes: c }; }, changes);
    await settled(calc);
    await calc.evaluate((el) => el.setAttribute('data-printing', ''));
    const pdf = await page.pdf({ format: 'A4', margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
    await calc.evaluate((el) => el.removeAttribute('data-printing'));

    const dir = mkdtempSync(join(tmpdir(), 'cc-print-'));
    writeFileSync(join(dir, 'r.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '60', join(dir, 'r.pdf'), join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.ppm')).sort();
    expect(pages.length).toBeGreaterThanOrEqual(1);
    // The host page prints around it; the receipt itself takes two to three pages.
    for (const name of pages) {
      const image = ppm(readFileSync(join(dir, name)));
      expect(image.width).toBeLessThan(image.height); // portrait
      // The right margin is 12 mm: nothing may print in it (what runs past
      // the printable width is cut off a little inside the margin).
      expect(inkOnTheRight(image, 11.5), `${name}: ink in the right margin`).toBe(0);
    }
    // Every word lies inside the page's printable width too (pdftotext boxes).
    const boxes = execFileSync('pdftotext', ['-bbox', join(dir, 'r.pdf'), '-']).toString();
    const pageWidth = Number(boxes.match(/<page width="([\d.]+)"/)[1]);
    const right = Math.max(...[...boxes.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(right).toBeLessThanOrEqual(pageWidth - (11.5 / 25.4) * 72);
    expect(boxes).toContain(TITLE[lang].split(' ')[0]);

    // The chart's labels print at body size: 10 pt, not scaled up.
    const sizes = await calc.evaluate((el) => {
      const root = el.shadowRoot;
      el.setAttribute('data-printing', '');
      const label = root.querySelector('.receipt figure svg text');
      const svg = root.querySelector('.receipt figure svg');
      const out = { font: label && label.getAttribute('class'), svgWidth: svg && svg.getAttribute('width') };
      el.removeAttribute('data-printing');
      return out;
    });
    expect(sizes.svgWidth).toBe('640');
  });
}
