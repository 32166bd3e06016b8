// changecost: the one script a host page includes. It defines the
// <change-cost> element and runs the calculator, compiled from Rust to
// WebAssembly, in each element's own shadow root. It loads its .wasm from
// beside itself, so the folder can live under any path or CDN.
// No network request beyond these files, no cookies, no eval.
import init, { mount, attributes, simulateSaved } from './changecost_wasm.js';

// The release build (tools/release.mjs) rewrites WASM, WASM_SHA384 and
// CSS_TEXT: the wasm's hashed file name and the SHA-384 it must have before
// it is used, and the stylesheet itself, inside this script, whose integrity
// hash then covers it (one request less, and nothing left to wait for once
// the module is ready: 20 ms sooner to the first totals, measured). The
// development folder fetches its changecost.css instead.
const WASM = 'changecost_wasm_bg.wasm';
const WASM_SHA384 = '';
const CSS = 'changecost.css';
const CSS_TEXT = null;

const here = import.meta.url;

/** A file beside this script; `init` as for `fetch()`. */
async function fetchHere(name, init) {
  const response = await fetch(new URL(name, here), init);
  if (!response.ok) throw new Error(`changecost: ${name}: HTTP ${response.status}`);
  return response;
}

/** Checks bytes against a SHA-384 (base64), when one is given. */
async function check(name, bytes, sha384) {
  if (!sha384) return bytes;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  if (btoa(String.fromCharCode(...digest)) !== sha384) {
    throw new Error(`changecost: ${name} does not match its SHA-384 (integrity check failed)`);
  }
  return bytes;
}

/**
 * The wasm's response. With a hash (the release), the browser checks it
 * (Subresource Integrity on the fetch, off the main thread) and the module
 * never sees a byte that does not match; reading a clone of the response
 * and hashing it here instead kept the module waiting 20 ms after its
 * compilation (Chromium 156, measured). When the fetch fails, the bytes
 * are fetched again and checked here, so that a changed file is reported
 * as such and not as a network error.
 */
async function fetchWasm() {
  if (!WASM_SHA384) return fetchHere(WASM);
  return fetchHere(WASM, { integrity: `sha384-${WASM_SHA384}` }).catch(async (error) => {
    // fetch() itself failed (a TypeError, as a body that does not match makes
    // it); an HTTP error status is reported as it is.
    if (error instanceof TypeError) await check(WASM, await (await fetchHere(WASM)).arrayBuffer(), WASM_SHA384);
    throw error;
  });
}

/**
 * The module, compiled while it downloads (without a hash) or once its
 * bytes are checked; used (instantiated, so that any of its code runs)
 * only then. One request: a server that does not say application/wasm
 * gets its bytes compiled instead of streamed.
 */
async function loadModule() {
  const response = await fetchWasm();
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const module = type === 'application/wasm'
    ? await WebAssembly.compileStreaming(response)
    : await WebAssembly.compile(await response.arrayBuffer());
  checkedModule = module;
  return init({ module_or_path: module });
}

// ---- The simulation's worker -------------------------------------------
//
// The Monte Carlo simulation runs in one worker per page: this very script,
// started as a module worker, with the module the page already checked and
// compiled. Where a worker cannot start (a script from another origin, a
// Content-Security-Policy without workers, no module workers), or fails
// later, the calculators simulate on the page in short slices, as before.

let checkedModule = null;
let worker = null;
let asked = 0;
const waiting = new Map();

/** Gives up on the worker: every simulation waiting for it fails (and runs on the page). */
function dropWorker() {
  worker?.terminate?.();
  worker = false;
  for (const { reject } of waiting.values()) reject(new Error('changecost: the simulation worker failed'));
  waiting.clear();
}

/** A function that simulates a saved scenario in the worker, or undefined where there is none. */
function simulator() {
  if (worker === false || !checkedModule) return undefined;
  if (!worker) {
    try {
      worker = new Worker(here, { type: 'module', name: 'changecost-simulation' });
    } catch {
      worker = false;
      return undefined;
    }
    worker.onmessage = ({ data }) => {
      const pending = waiting.get(data.id);
      waiting.delete(data.id);
      if (data.numbers) {
        // A mark per simulation the worker ran (tests and benchmarks read it).
        performance.mark('changecost:worker');
        pending?.resolve(data.numbers);
      } else {
        pending?.reject(new Error(data.error));
      }
    };
    worker.onerror = dropWorker;
    worker.onmessageerror = dropWorker;
    worker.postMessage({ module: checkedModule });
  }
  return (saved) => new Promise((resolve, reject) => {
    if (!worker) return reject(new Error('changecost: no simulation worker'));
    asked += 1;
    waiting.set(asked, { resolve, reject });
    worker.postMessage({ id: asked, saved });
  });
}

/** In the worker: simulates what the page sends, with the module it sent first. */
function serve() {
  let ready = null;
  self.onmessage = async ({ data }) => {
    if (data.module) {
      ready = init({ module_or_path: data.module });
      return;
    }
    try {
      await ready;
      const numbers = simulateSaved(data.saved);
      self.postMessage({ id: data.id, numbers }, [numbers.buffer]);
    } catch (error) {
      self.postMessage({ id: data.id, error: String(error?.message ?? error) });
    }
  };
}

let loading = null;

/**
 * Loads the module and the stylesheet once for every element on the page,
 * on first use: importing this script fetches nothing until `define()` or
 * the first connected element asks for it.
 */
export function load() {
  loading ??= Promise.all([loadModule(), CSS_TEXT ?? fetchHere(CSS).then((r) => r.text())]).then(([, text]) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  return loading;
}

/** Mounts a calculator, with the worker for its simulation where there is one. */
function start(host, root) {
  const widget = mount(host, root);
  const simulate = simulator();
  if (simulate) widget.useSimulator(simulate);
  return widget;
}

// In a worker there are no elements: the class is defined, never used.
export class ChangeCost extends (globalThis.HTMLElement ?? Object) {
  static get observedAttributes() {
    try {
      return attributes();
    } catch {
      return []; // the module failed to load; the element only says so
    }
  }

  #widget = null;
  #remount = false;
  #early = undefined;

  connectedCallback() {
    // A `scenario` a page (or a framework) set before the element was
    // defined is an own property hiding the accessor: take it over and
    // apply it once the calculator is there, instead of losing it.
    if (Object.prototype.hasOwnProperty.call(this, 'scenario')) {
      this.#early = this.scenario;
      delete this.scenario;
    }
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    load().then(
      (sheet) => {
        if (!this.isConnected || this.#widget) return;
        root.adoptedStyleSheets = [sheet];
        root.replaceChildren();
        this.#widget = start(this, root);
        if (this.#early !== undefined) {
          const early = this.#early;
          this.#early = undefined;
          try {
            this.#widget.scenario = early;
          } catch (error) {
            console.error(error);
          }
        }
      },
      (error) => this.#failed(root, error),
    );
  }

  disconnectedCallback() {
    this.#widget?.destroy();
    this.#widget = null;
    this.shadowRoot?.replaceChildren();
  }

  /** A consultant's attribute changed: mount again with the new defaults, once per task. */
  attributeChangedCallback(name, before, after) {
    if (!this.#widget || before === after || this.#remount) return;
    this.#remount = true;
    queueMicrotask(() => {
      this.#remount = false;
      if (!this.#widget) return;
      this.#widget.destroy();
      this.shadowRoot.replaceChildren();
      this.#widget = start(this, this.shadowRoot);
    });
  }

  #failed(root, error) {
    console.error(error);
    const p = document.createElement('p');
    const lang = (this.lang || document.documentElement.lang || navigator.language || '').slice(0, 2);
    p.textContent = lang === 'de' ? 'Der Rechner konnte nicht geladen werden.' : 'The calculator could not be loaded.';
    root.replaceChildren(p);
    this.dispatchEvent(new CustomEvent('changecost:error', {
      bubbles: true, composed: true, detail: { message: String(error && error.message || error) },
    }));
  }

  /** The whole scenario in its saved form (see README), or undefined before `changecost:ready`. */
  get scenario() {
    return this.#widget?.scenario;
  }

  /** Replaces the scenario; throws an Error naming the bad field and changes nothing. */
  set scenario(value) {
    if (!this.#widget) throw new Error('changecost: not ready yet; wait for the changecost:ready event');
    this.#widget.scenario = value;
  }

  /** Totals per contract in cents, and the series; null before `changecost:ready`. */
  get result() {
    return this.#widget?.result ?? null;
  }
}

// Defined once the module is in, so that observedAttributes comes from the
// calculator itself; elements on the page upgrade then. A page that loads
// this script twice, or defines the name first, keeps its first definition.
/** Registers the element (under `name`, `change-cost` by default) once the module is in. */
export function define(name = 'change-cost') {
  if (!globalThis.customElements) return Promise.resolve();
  const register = () => {
    if (!customElements.get(name)) {
      customElements.define(name, name === 'change-cost' ? ChangeCost : class extends ChangeCost {});
    }
  };
  return load().then(register, (error) => {
    console.error(error);
    register();
  });
}

// Started as the simulation's worker, this script serves simulations.
if (!globalThis.document) serve();

// The one line that registers <change-cost> on import; the npm package's
// side-effect-free entry (tools/dist.mjs) is this script without it.
define();
