// The npm package's custom-elements.json and types against the element
// itself: the attribute list it reports (observedAttributes), the parts it
// renders, the custom properties its css reads, the events it dispatches;
// and a small TypeScript project that uses the types, compiled with
// tsc --strict (and one that must not compile).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ready, total } from '../e2e/helpers.js';
import { ROOT, STRICT_CSP, html, installTarball, release, serve } from './util.js';

let dir;
let pkgDir;
let site;
let element; // what the element reports on a page

test.beforeAll(async ({ browser }) => {
  dir = installTarball('types');
  pkgDir = path.join(dir, 'node_modules/changecost');
  site = await serve({ '/changecost/': path.join(ROOT, 'www/release') });
  const page = await browser.newPage();
  const m = release();
  await page.goto(site.page('/element.html', html('element', `
<script type="module" src="/changecost/${m.script}"></script>
<change-cost lang="en" models="hourly fixed capped" persist="off"></change-cost>`), STRICT_CSP));
  const calc = page.locator('change-cost');
  await ready(calc);
  // One change, so that its row (part "change") is there too.
  await calc.evaluate((el) => { el.scenario = { v: 2, changes: [[1, 'logo bigger', 'tweak', 120, 'build']] }; });
  await expect(calc.locator('[data-change-id]')).toHaveCount(1);
  element = await calc.evaluate((el) => ({
    attributes: customElements.get('change-cost').observedAttributes,
    parts: [...new Set([...el.shadowRoot.querySelectorAll('[part]')].flatMap((n) => n.getAttribute('part').split(/\s+/)))].sort(),
  }));
  await page.close();
});
test.afterAll(async () => site?.close());

const cem = () => JSON.parse(readFileSync(path.join(pkgDir, 'custom-elements.json'), 'utf8'));
const declaration = () => cem().modules.flatMap((m) => m.declarations).find((d) => d.customElement);

test('custom-elements.json: the tag, and exactly the attributes the element reports, in its order, each with a default', () => {
  const manifest = cem();
  expect(manifest.schemaVersion).toBe('1.0.0');
  const d = declaration();
  expect(d.tagName).toBe('change-cost');
  expect(element.attributes.length).toBeGreaterThan(20);
  expect(d.attributes.map((a) => a.name)).toEqual(element.attributes);
  for (const a of d.attributes) {
    expect(a, a.name).toHaveProperty('default');
    expect(a.type.text, a.name).toBeTruthy();
    expect(a.description, a.name).toBeTruthy();
  }
  // The registering module declares the definition.
  const define = manifest.modules.find((m) => m.path === 'changecost.js');
  expect(define.exports).toContainEqual({ kind: 'custom-element-definition', name: 'change-cost', declaration: { name: 'ChangeCost', module: 'element.js' } });
});

test('custom-elements.json: the parts the element renders, the custom properties its css reads, its properties', () => {
  const d = declaration();
  expect(d.cssParts.map((p) => p.name).sort()).toEqual(element.parts);
  const css = readFileSync(path.join(ROOT, 'www/changecost/changecost.css'), 'utf8');
  const used = [...new Set(css.match(/--cc-[a-z-]+/g))].sort();
  expect(d.cssProperties.map((p) => p.name).sort()).toEqual(used);
  expect(d.members.map((m) => [m.name, Boolean(m.readonly)])).toEqual([['scenario', false], ['result', true]]);
});

test('the events the manifest and the types name are the ones the element dispatches, with the detail the types describe', async ({ page }) => {
  const m = release();
  await page.addInitScript(() => {
    window.seen = {};
    for (const name of ['changecost:ready', 'changecost:change', 'changecost:error', 'changecost:share']) {
      document.addEventListener(name, (e) => {
        if (name === 'changecost:share') e.preventDefault();
        window.seen[name] ??= { detail: JSON.parse(JSON.stringify(e.detail)), bubbles: e.bubbles, composed: e.composed, cancelable: e.cancelable };
      });
    }
    localStorage.setItem('changecost:v1:events', '{"v": 2, "rateCents": "not a number"');
  });
  await page.goto(site.page('/events.html', html('events', `
<script type="module" src="/changecost/${m.script}"></script>
<change-cost lang="en" storage-key="events"></change-cost>`), STRICT_CSP));
  const calc = page.locator('change-cost');
  await ready(calc);
  await calc.getByLabel('Hourly rate, net', { exact: true }).fill('100');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1200000');
  await calc.getByRole('button', { name: 'Copy link' }).click();
  await expect.poll(() => page.evaluate(() => Object.keys(window.seen).sort())).toEqual(
    ['changecost:change', 'changecost:error', 'changecost:ready', 'changecost:share']);
  const seen = await page.evaluate(() => window.seen);
  const shape = (value) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value);
  const totals = { hourly: 'number', fixed: 'number', capped: 'number' };
  expect(shape(seen['changecost:ready'].detail)).toEqual({ totals, changes: 'number' });
  expect(shape(seen['changecost:change'].detail)).toEqual({ totals, changes: 'number' });
  expect(shape(seen['changecost:error'].detail)).toEqual({ message: 'string', detail: 'string' });
  expect(seen['changecost:share'].detail.action).toBe('link');
  expect(shape(seen['changecost:share'].detail)).toEqual({ url: 'string', action: 'string' });
  expect(seen['changecost:share'].cancelable).toBe(true);
  for (const e of Object.values(seen)) expect([e.bubbles, e.composed]).toEqual([true, true]);

  // The manifest and the types name the same four.
  expect(declaration().events.map((e) => e.name).sort()).toEqual(Object.keys(seen).sort());
  const dts = readFileSync(path.join(pkgDir, 'element.d.ts'), 'utf8');
  const map = dts.slice(dts.indexOf('export interface ChangeCostEventMap'));
  const inMap = [...map.slice(0, map.indexOf('}')).matchAll(/'(changecost:[a-z]+)'/g)].map((x) => x[1]);
  expect(inMap.sort()).toEqual(Object.keys(seen).sort());
  // And the element's scenario and result have the fields the types give them.
  const scenario = await calc.evaluate((el) => Object.keys(el.scenario));
  const declared = [...dts.slice(dts.indexOf('export interface Scenario {')).split('\n}')[0].matchAll(/^ {2}(\w+):/gm)].map((x) => x[1]);
  expect(scenario.sort()).toEqual(declared.sort());
  const result = await calc.evaluate((el) => Object.keys(el.result));
  expect(result.sort()).toEqual(['capped', 'fixed', 'hourly', 'series']);
});

/** Runs tsc on `files` (copied into the install folder) and `generated` ones there; returns [exit code, output]. */
function tsc(name, files, generated = []) {
  const project = path.join(dir, `tsconfig.${name}.json`);
  for (const f of files) copyFileSync(path.join(__dirname, 'types', f), path.join(dir, f));
  writeFileSync(project, JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      lib: ['es2022', 'dom', 'dom.iterable'], jsx: 'react-jsx', types: [], skipLibCheck: false,
      typeRoots: [path.join(ROOT, 'node_modules/@types')],
    },
    files: [...files, ...generated],
  }));
  try {
    return [0, execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', project], { cwd: dir, encoding: 'utf8' })];
  } catch (e) {
    return [e.status, `${e.stdout}${e.stderr}`];
  }
}

test('the types compile under tsc --strict, and their attributes are exactly the element\'s', () => {
  // The attribute names the element reports, as a type that must equal the types' own.
  writeFileSync(path.join(dir, 'attributes.ts'), `import type { ChangeCostAttributeName } from 'changecost';
type Reported = ${element.attributes.map((a) => `'${a}'`).join(' | ')};
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const same: Same<ChangeCostAttributeName, Reported> = true;
`);
  const [code, output] = tsc('ok', ['usage.ts', 'react.tsx'], ['attributes.ts']);
  expect(output).toBe('');
  expect(code).toBe(0);
});

test('tsc --strict rejects what the element does not take', () => {
  const [code, output] = tsc('wrong', ['wrong.tsx']);
  expect(code).not.toBe(0);
  const source = readFileSync(path.join(__dirname, 'types/wrong.tsx'), 'utf8').split('\n');
  const wrongLines = source.map((line, i) => (line.includes('// WRONG') ? i + 1 : 0)).filter(Boolean);
  const errorLines = [...new Set([...output.matchAll(/wrong\.tsx\((\d+),\d+\): error/g)].map((x) => Number(x[1])))];
  expect(errorLines.sort((a, b) => a - b)).toEqual(wrongLines);
});
