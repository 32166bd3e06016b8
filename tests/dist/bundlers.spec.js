// The npm package in the bundlers web developers use (issue 23): the
// tarball of `make dist` installed beside pinned bundlers (tests/dist/bundlers/:
// its own package.json and package-lock.json, one node_modules for every
// app), each app built and served as its bundler's documentation says, with
// the one step a bundler needs for the wasm where it needs one (the README's
// "Bundlers", run here as written there), and opened in Chromium: the element
// defines, the first total is there, the simulation's worker answers, the
// application's own code runs once and on the page only, no error, and no
// file of the calculator answered by a page of HTML.
import { test, expect } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { settled, total } from '../e2e/helpers.js';
import { TARBALL, serve } from './util.js';
import { freePort } from '../../tools/free-port.mjs';

const APPS = path.join(__dirname, 'bundlers');
const bin = (name) => path.join(APPS, 'node_modules/.bin', name);
const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', npm_config_update_notifier: 'false', NO_COLOR: '1' };
// The one step Rollup and esbuild need (README, "Bundlers"): they leave
// new URL('./file', import.meta.url) as it is, so the files go beside the bundle
// (the wasm, the wasm gzipped, the worker, the languages' words).
const COPY = 'cp node_modules/changecost/*.wasm* node_modules/changecost/*.txt* node_modules/changecost/changecost-worker.*.js';

/** Runs a command in tests/dist/bundlers/ (or `cwd` there); its output in the error when it fails. */
function run(command, args, cwd = '.') {
  try {
    return execFileSync(command, args, { cwd: path.join(APPS, cwd), env: ENV, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${error.stdout}\n${error.stderr}`);
  }
}

/**
 * Starts a bundler's own server (its own process group, so that it stops
 * with whatever it started) and waits until `url` answers.
 */
async function start(command, args, cwd, url) {
  const child = spawn(command, args, { cwd: path.join(APPS, cwd), env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited:\n${output}`);
    try {
      if ((await fetch(url)).ok) return { stop, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(`${command} ${args.join(' ')} did not answer at ${url}:\n${output}`);
}

/** The page and the files an app's build wrote (and that the copy step adds) into one folder. */
function withPage(app, page, dist = 'dist') {
  copyFileSync(path.join(APPS, app, page), path.join(APPS, app, dist, page));
}

test.beforeAll(() => {
  test.setTimeout(300_000);
  // The bundlers as locked, installed again only when the lock file changed
  // (npm ci starts from an empty node_modules); then the tarball, as a
  // developer installs it.
  const marker = path.join(APPS, 'node_modules/.package-lock.json');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(path.join(APPS, 'package-lock.json')).mtimeMs) {
    run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
  }
  run('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', TARBALL]);
});

/**
 * Opens `url` and checks what every setup must do: the element defined and
 * its first total (1,140,000 cents with the defaults), the simulation
 * answered by the worker (its mark, and the spread drawn from it), the
 * application's own top-level code run once and on the page only, no error,
 * no failed request, and no .wasm or .js answered with HTML.
 */
async function works(page, url) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (!['error', 'warning'].includes(m.type()) || m.location().url?.endsWith('/favicon.ico')) return;
    problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('response', (r) => {
    const file = new URL(r.url()).pathname;
    const type = r.headers()['content-type'] ?? '';
    if (/\.(wasm|m?js)$/.test(file) && type.includes('text/html')) problems.push(`${file} answered with ${type}`);
    if (r.status() >= 400 && !file.endsWith('/favicon.ico')) problems.push(`${r.status()} ${file}`);
  });
  // Where the application's entry ran: it says so on a channel every context of the origin hears.
  await page.addInitScript(() => {
    window.entryRan = [];
    new BroadcastChannel('host-entry').onmessage = ({ data }) => window.entryRan.push(data);
  });
  await page.goto(url);
  const calc = page.locator('change-cost');
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000', { timeout: 20_000 });
  expect(await page.evaluate(() => customElements.get('change-cost')?.name)).toBeTruthy();
  await settled(calc);
  await expect(calc.locator('.card[data-contract="hourly"] .spread')).toHaveText(/^Good case €[\d,.]+ · middle €[\d,.]+ · bad case €[\d,.]+/);
  expect(await page.evaluate(() => performance.getEntriesByName('changecost:worker').length)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.hostRuns)).toBe(1);
  expect(await page.evaluate(() => window.entryRan)).toEqual(['page']);
  expect(problems).toEqual([]);
}

test('Vite: the dev server, as it comes', async ({ page }) => {
  // Vite keeps its pre-bundled dependencies by the lock file's hash: the
  // tarball of this build is another package under the same version.
  rmSync(path.join(APPS, 'node_modules/.vite'), { recursive: true, force: true });
  const port = await freePort();
  const server = await start(process.execPath, [path.join(APPS, 'node_modules/vite/bin/vite.js'), '--port', String(port),
    '--strictPort', '--host', '127.0.0.1'], 'vite', `http://127.0.0.1:${port}/`);
  try {
    await works(page, `http://127.0.0.1:${port}/`);
  } finally {
    server.stop();
  }
});

test('Vite: build and preview, as they come', async ({ page }) => {
  run(bin('vite'), ['build'], 'vite');
  const files = readdirSync(path.join(APPS, 'vite/dist/assets'));
  expect(files.filter((f) => f.endsWith('.wasm'))).toHaveLength(1);
  // Issue 24: both languages' files emitted (the page fetches one).
  expect(files.filter((f) => f.endsWith('.txt'))).toHaveLength(2);
  // And gzipped, as the wasm: the two languages' and the wasm's .gz.
  expect(files.filter((f) => f.endsWith('.gz'))).toHaveLength(3);
  const port = await freePort();
  const server = await start(process.execPath, [path.join(APPS, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(port),
    '--strictPort', '--host', '127.0.0.1'], 'vite', `http://127.0.0.1:${port}/`);
  try {
    await works(page, `http://127.0.0.1:${port}/`);
  } finally {
    server.stop();
  }
});

test('webpack 5: the calculator in a chunk of its own, as it comes', async ({ page }) => {
  run(process.execPath, ['build.mjs'], 'webpack');
  const site = await serve({ '/': path.join(APPS, 'webpack/dist') }, { fallback: path.join(APPS, 'webpack/dist/index.html') });
  try {
    await works(page, `${site.origin}/`);
  } finally {
    await site.close();
  }
});

for (const bundler of ['turbopack', 'webpack']) {
  test(`Next.js (${bundler}): build and start, the element in a client component, prerendered`, async ({ page }) => {
    // 10 to 20 s alone on the 2-core machine; minutes while it compiles too.
    test.setTimeout(360_000);
    // Built from scratch: Next.js's cache would not see that the package changed under the same version.
    rmSync(path.join(APPS, 'next/.next'), { recursive: true, force: true });
    run(bin('next'), ['build', `--${bundler}`], 'next');
    const port = await freePort();
    const server = await start(bin('next'), ['start', '--port', String(port), '--hostname', '127.0.0.1'], 'next',
      `http://127.0.0.1:${port}/`);
    try {
      await works(page, `http://127.0.0.1:${port}/`);
    } finally {
      server.stop();
    }
  });
}

test('Rollup: node-resolve, and the wasm and the worker copied beside the bundle', async ({ page }) => {
  rmSync(path.join(APPS, 'rollup/dist'), { recursive: true, force: true });
  run(bin('rollup'), ['-c', 'rollup/rollup.config.mjs']);
  run('bash', ['-c', `${COPY} rollup/dist/`]);
  withPage('rollup', 'index.html');
  const site = await serve({ '/': path.join(APPS, 'rollup/dist') }, { fallback: path.join(APPS, 'rollup/dist/index.html') });
  try {
    await works(page, `${site.origin}/`);
  } finally {
    await site.close();
  }
});

for (const format of ['esm', 'iife']) {
  test(`esbuild (${format}): the wasm and the worker copied beside the bundle`, async ({ page }) => {
    const dist = path.join(APPS, `esbuild/dist-${format}`);
    rmSync(dist, { recursive: true, force: true });
    mkdirSync(dist);
    const out = format === 'esm' ? 'main.js' : 'main.iife.js';
    run(bin('esbuild'), ['esbuild/main.js', '--bundle', `--format=${format}`, `--outfile=esbuild/dist-${format}/${out}`, '--log-level=error']);
    run('bash', ['-c', `${COPY} esbuild/dist-${format}/`]);
    const html = format === 'esm' ? 'index.html' : 'iife.html';
    withPage('esbuild', html, `dist-${format}`);
    const site = await serve({ '/': dist }, { fallback: path.join(dist, html) });
    try {
      await works(page, `${site.origin}/${html}`);
    } finally {
      await site.close();
    }
  });
}
