// WebKit and Firefox through WebDriver, as Debian ships them: WebKitGTK's
// MiniBrowser driven by WebKitWebDriver in its own Xvfb display, and
// Firefox ESR driven by geckodriver, headless. The drivers are started
// here and selenium-webdriver only talks to them (usingServer), so that
// selenium never looks for, or downloads, a driver or a browser itself.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Builder, Key } from 'selenium-webdriver';
import { ROOT } from './server.mjs';
import { freePort } from '../../../tools/free-port.mjs';
import { which } from '../../../tools/which.mjs';

export { Key };

function minibrowser() {
  for (const lib of ['/usr/lib', '/usr/libexec']) {
    if (!existsSync(lib)) continue;
    for (const arch of readdirSync(lib)) {
      for (const api of ['webkit2gtk-4.1', 'webkit2gtk-4.0']) {
        const p = path.join(lib, arch, api, 'MiniBrowser');
        if (existsSync(p)) return p;
      }
    }
  }
  return null;
}

/** Waits until `port` accepts a WebDriver /status request. */
async function waitForDriver(port, child, name) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/status`);
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await sleep(50);
  }
  throw new Error(`${name} did not start on port ${port}`);
}

/** Starts Xvfb on a free display (it picks the number itself) and returns [display, process]. */
async function startXvfb() {
  const xvfb = which('Xvfb');
  if (!xvfb) throw new Error('Xvfb is missing: run `make setup-cross`');
  const child = spawn(xvfb, ['-displayfd', '1', '-screen', '0', '1600x6000x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'pipe', 'ignore'] });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display')), 15_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) { clearTimeout(timer); resolve(`:${out.trim()}`); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited with ${code}`)); });
  });
  return [display, child];
}

export const ENGINES = {
  webkit: {
    name: 'WebKit',
    /** Xvfb, once per engine: MiniBrowser needs a display even when nobody looks. */
    async setup() {
      if (!which('WebKitWebDriver') || !minibrowser()) {
        throw new Error('WebKitWebDriver or MiniBrowser is missing: run `make setup-cross`');
      }
      const [display, xvfb] = await startXvfb();
      return { display, processes: [xvfb] };
    },
    /** One WebKitWebDriver process: it serves one session at a time. */
    async driver(shared) {
      const port = await freePort();
      const child = spawn(which('WebKitWebDriver'), [`--port=${port}`], {
        stdio: ['ignore', 'ignore', 'ignore'],
        env: { ...process.env, DISPLAY: shared.display, WAYLAND_DISPLAY: '', GDK_BACKEND: 'x11', LIBGL_ALWAYS_SOFTWARE: '1' },
      });
      await waitForDriver(port, child, 'WebKitWebDriver');
      return { url: `http://127.0.0.1:${port}`, process: child };
    },
    capabilities: () => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: minibrowser(), args: ['--automation'] },
    }),
  },
  firefox: {
    name: 'Firefox',
    async setup() {
      if (!which('geckodriver') || !(which('firefox-esr') ?? which('firefox'))) {
        throw new Error('geckodriver or firefox-esr is missing: run `make setup-cross`');
      }
      return { processes: [] };
    },
    async driver() {
      const port = await freePort();
      const child = spawn(which('geckodriver'), ['--port', String(port), '--log', 'fatal'], { stdio: ['ignore', 'ignore', 'ignore'] });
      await waitForDriver(port, child, 'geckodriver');
      return { url: `http://127.0.0.1:${port}`, process: child };
    },
    capabilities: () => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: which('firefox-esr') ?? which('firefox'),
        args: ['-headless'],
        prefs: {
          // A quiet profile: no first-run pages, no update or telemetry pings.
          'browser.shell.checkDefaultBrowser': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'app.update.enabled': false,
          'browser.startup.homepage_override.mstone': 'ignore',
        },
      },
    }),
  },
};

/**
 * One engine. `session()` opens a browser with a fresh profile, each
 * through a driver process of its own (WebKitWebDriver serves one session
 * at a time; geckodriver likewise, by default).
 */
export class Engine {
  constructor(key) {
    this.key = key;
    this.spec = ENGINES[key];
    this.name = this.spec.name;
    this.sessions = [];
  }

  async start() {
    this.shared = await this.spec.setup();
    return this;
  }

  async session({ width = 1280, height = 900 } = {}) {
    const { url, process: child } = await this.spec.driver(this.shared);
    let driver;
    try {
      driver = await new Builder().usingServer(url).withCapabilities(this.spec.capabilities()).build();
    } catch (e) {
      child.kill();
      throw e;
    }
    const s = new Session(driver, this, child);
    this.sessions.push(s);
    await driver.manage().setTimeouts({ script: 30_000, pageLoad: 30_000 });
    await s.viewport(width, height);
    this.version ??= (await driver.getCapabilities()).get('browserVersion');
    return s;
  }

  async stop() {
    for (const s of this.sessions.splice(0)) await s.quit();
    for (const p of this.shared?.processes ?? []) p.kill();
  }
}

/** Text with every kind of space made a plain one (Intl puts no-break spaces in money). */
export const plain = (text) => String(text ?? '').replace(/\s+/g, ' ').trim();

/** A browser window and what the suite does in it. */
export class Session {
  constructor(driver, engine, child) {
    this.driver = driver;
    this.engine = engine;
    this.child = child;
  }

  async quit() {
    if (this.closed) return;
    this.closed = true;
    try { await this.driver.quit(); } catch { /* already gone */ }
    this.child.kill();
  }

  /** Sets the viewport (not the window) to width x height CSS pixels. */
  async viewport(width, height) {
    const d = this.driver;
    for (let i = 0; i < 3; i += 1) {
      const inner = await d.executeScript('return [window.innerWidth, window.innerHeight, window.outerWidth, window.outerHeight]');
      const [iw, ih, ow, oh] = inner;
      if (iw === width && ih === height) return;
      const rect = await d.manage().window().getRect();
      const chromeW = (ow || rect.width) - iw;
      const chromeH = (oh || rect.height) - ih;
      await d.manage().window().setRect({ width: width + Math.max(0, chromeW), height: height + Math.max(0, chromeH) });
    }
    const [iw] = await d.executeScript('return [window.innerWidth, window.innerHeight]');
    if (Math.abs(iw - width) > 1) throw new Error(`cannot set the viewport to ${width} px (got ${iw})`);
  }

  async goto(url) {
    await this.driver.get(url);
  }

  js(script, ...args) {
    return this.driver.executeScript(script, ...args);
  }

  /**
   * Polls `script` (run in the page with `args`) until `check(value)` is
   * true; fails after `timeout` ms with the last value in the message.
   */
  async until(script, args, check, what, timeout = 20_000) {
    const deadline = Date.now() + timeout;
    let last;
    let error;
    for (;;) {
      try {
        last = await this.driver.executeScript(script, ...args);
        error = undefined;
        if (check(last)) return last;
      } catch (e) {
        error = e;
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.engine.name}: timed out waiting for ${what}; last: ${JSON.stringify(last)}${error ? ` (${error.message})` : ''}`);
      }
      await sleep(40);
    }
  }

  /** An element inside a calculator's shadow root (`host` is a CSS selector of the element). */
  async el(host, selector) {
    const found = await this.until(
      'const h = document.querySelector(arguments[0]); return h && h.shadowRoot && h.shadowRoot.querySelector(arguments[1]);',
      [host, selector], Boolean, `${host} ${selector}`);
    return found;
  }

  /** Waits for a calculator's first figures; returns its hourly cents. */
  ready(host) {
    return this.until(
      'const h = document.querySelector(arguments[0]); const o = h && h.shadowRoot && h.shadowRoot.querySelector("output[data-total]"); return o && o.getAttribute("data-cents");',
      [host], (v) => /^\d+$/.test(v ?? ''), `${host} to show its figures`);
  }

  /** What a calculator shows: totals (cents and text), alerts, rows, the rate's value. */
  look(host) {
    return this.js(`
      const h = document.querySelector(arguments[0]);
      const r = h && h.shadowRoot;
      if (!r || !r.querySelector('output[data-total]')) return null;
      const out = {};
      for (const o of r.querySelectorAll('output[data-total]')) {
        out[o.getAttribute('data-total')] = { cents: o.getAttribute('data-cents'), text: o.textContent.replace(/\\s+/g, ' ').trim() };
      }
      return {
        totals: out,
        alerts: [...r.querySelectorAll('.notices [role=alert]')].map((n) => n.className),
        rows: r.querySelectorAll('[data-change-id]').length,
        rate: r.querySelector('[data-setting="0"]').value,
        stale: r.querySelector('.cc').hasAttribute('data-stale'),
      };`, host);
  }

  /** Waits until a calculator's total of `contract` is `cents`; returns its text. */
  async total(host, contract, cents) {
    const v = await this.until(
      `const h = document.querySelector(arguments[0]); const o = h && h.shadowRoot && h.shadowRoot.querySelector('output[data-total="' + arguments[1] + '"]');
       return o ? [o.getAttribute('data-cents'), o.textContent] : null;`,
      [host, contract], (x) => x && x[0] === cents, `${host} ${contract} total of ${cents} cents`);
    return plain(v[1]);
  }

  /** Replaces a text field's content by typing: select all with the keyboard, then the keys. */
  async type(host, selector, text) {
    const input = await this.el(host, selector);
    await this.pointer(input);
    await input.sendKeys(Key.chord(Key.CONTROL, 'a'));
    await input.sendKeys(Key.BACK_SPACE);
    if (text) await input.sendKeys(text);
  }

  /** Picks an option of a select by its value, with a click on the option. */
  async pick(host, selectSelector, value) {
    const option = await this.el(host, `${selectSelector} option[value="${value}"]`);
    await option.click();
    await this.until(
      'return document.querySelector(arguments[0]).shadowRoot.querySelector(arguments[1]).value', [host, selectSelector],
      (v) => v === value, `${selectSelector} to be ${value}`);
  }

  /**
   * Clicks like a pointer does (WebDriver's Element Click). The element is
   * first scrolled to the middle of the viewport: the results column is
   * sticky, and an engine's own scrolling may leave its lower buttons
   * under the fold.
   */
  async click(host, selector) {
    await this.pointer(await this.el(host, selector));
  }

  async pointer(el) {
    await this.driver.executeScript("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' })", el);
    try {
      await el.click();
    } catch (e) {
      // WebKitWebDriver hit-tests a text field in a shadow root against the
      // document, finds the host and calls the click intercepted; a pointer
      // action at the same spot is the same click for the page.
      if (e.name !== 'ElementClickInterceptedError') throw e;
      await this.driver.actions().move({ origin: el }).click().perform();
    }
  }

  /** Page errors and console errors the probe recorded. */
  errors() {
    return this.js('return window.ccProbe ? window.ccProbe.errors : ["no probe on this page"]');
  }

  probe() {
    return this.js('return window.ccProbe');
  }

  /** Saves what is due at once, as leaving the page does. */
  pagehide() {
    return this.js("window.dispatchEvent(new PageTransitionEvent('pagehide'))");
  }

  async screenshot(file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await this.driver.takeScreenshot(), 'base64');
  }
}

/** Where failure screenshots go. */
export const FAILURES = path.join(ROOT, 'target/cross');
