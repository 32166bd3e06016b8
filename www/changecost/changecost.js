// changecost: the one script a host page includes. It defines the
// <change-cost> element and runs the calculator, compiled from Rust to
// WebAssembly, in each element's own shadow root. It loads its .wasm from
// beside itself, so the folder can live under any path or CDN.
// No network request beyond these files, no cookies, no eval.
import init, { mount, attributes, addTexts, setTextsLoader } from './changecost_wasm.js';

// The release build (tools/release.mjs) rewrites WASM_SHA384 and CSS_TEXT,
// and the two file names in the `new URL('./...', import.meta.url)` below:
// the wasm's and the worker's hashed names, the SHA-384 the wasm must have
// before it is used, and the stylesheet itself, inside this script, whose
// integrity hash then covers it (one request less, and nothing left to wait
// for once the module is ready: 20 ms sooner to the first totals,
// measured). The development folder fetches its changecost.css instead.
const WASM_SHA384 = '';
const CSS_TEXT = null;

// The words of each language are a file of their own beside the wasm, not
// part of it: a calculator fetches the one it starts in, in parallel with
// the wasm, and another only when the client switches to it (issue 24).
// Each name twice, as the wasm's: in `new URL('./file', import.meta.url)`
// for bundlers, and for a classic script or a host's own folder. The
// release build writes their hashed names and, in TEXTS_SHA384, the
// SHA-384 each must have; the first language is the fallback.
const TEXTS = {
  en: ['./changecost.en.txt', () => new URL('./changecost.en.txt', import.meta.url)],
  de: ['./changecost.de.txt', () => new URL('./changecost.de.txt', import.meta.url)],
};
const TEXTS_SHA384 = {};

// A bundle that is a classic script (esbuild's iife) has no import.meta.url:
// there the files are beside the script element that runs it, read now,
// while it runs (in a module, and in a worker, there is none).
const script = globalThis.document?.currentScript?.src;

let options = {};

/**
 * The wasm's address: the one a host gave (`wasmUrl`), else beside this
 * script. Written as `new URL('./file', import.meta.url)` with the file's
 * name, which bundlers (Vite, webpack, Next.js, Parcel) read to emit the
 * file and rewrite the address; where import.meta has no url, the same
 * name beside the script element.
 */
function wasmAddress() {
  if (options.wasmUrl) return new URL(options.wasmUrl, document.baseURI);
  try {
    return new URL('./changecost_wasm_bg.wasm', import.meta.url);
  } catch (error) {
    if (!script) throw error;
    return new URL('./changecost_wasm_bg.wasm', script);
  }
}

/** The simulation's worker, started from its own small module (not this one): `workerUrl`, else beside this script, as the wasm. */
function startWorker() {
  if (options.workerUrl) return new Worker(new URL(options.workerUrl, document.baseURI), { type: 'module', name: 'changecost-simulation' });
  try {
    return new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'changecost-simulation' });
  } catch (error) {
    if (!script || !(error instanceof TypeError)) throw error;
    return new Worker(new URL('./worker.js', script), { type: 'module', name: 'changecost-simulation' });
  }
}

/** A language's file: beside the wasm a host gave (`wasmUrl`), else beside this script, as the wasm. */
function textsAddress(code) {
  const [name, literal] = TEXTS[code];
  if (options.wasmUrl) return new URL(name, wasmAddress());
  try {
    return literal();
  } catch (error) {
    if (!script) throw error;
    return new URL(name, script);
  }
}

/**
 * The language a calculator starts in, chosen as the wasm chooses it
 * (src/web/app/mod.rs, `language`): the first of the element's `lang`, the
 * page's and the browser's that names a language of this build, by its
 * primary subtag; else the first language.
 */
function languageOf(element) {
  for (const tag of [element.getAttribute('lang'), document.documentElement.getAttribute('lang'), navigator.language]) {
    const code = String(tag ?? '').trim().split(/[-_]/)[0].toLowerCase();
    if (Object.hasOwn(TEXTS, code)) return code;
  }
  return Object.keys(TEXTS)[0];
}

const textFiles = new Map();
const added = new Set();

/**
 * A language's file as text, fetched once per page (the browser checks
 * its SHA-384 in the release, as the wasm's); a failed fetch is tried
 * again when the language is asked for again. The module asks for another
 * language through this (`setTextsLoader`) when the client switches.
 */
function fetchTexts(code) {
  if (!Object.hasOwn(TEXTS, code)) return Promise.reject(new Error(`changecost: no language ${code}`));
  let text = textFiles.get(code);
  if (!text) {
    const url = textsAddress(code);
    const sha = TEXTS_SHA384[code];
    text = fetch(url, sha ? { integrity: `sha384-${sha}` } : {}).then((response) => {
      if (!response.ok) throw new Error(`changecost: ${url}: HTTP ${response.status}`);
      return response.text();
    });
    textFiles.set(code, text);
    text.catch(() => textFiles.get(code) === text && textFiles.delete(code));
  }
  return text;
}

/** The module and the language `code` both in, the language given to the module (once per page). */
function ready(code) {
  return Promise.all([load(), fetchTexts(code)]).then(([sheet, text]) => {
    if (!added.has(code)) {
      addTexts(text);
      added.add(code);
    }
    return sheet;
  });
}

const isWasm = (bytes) => bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
const typeOf = (response) => (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
const nameOf = (url) => url.pathname.slice(url.pathname.lastIndexOf('/') + 1);

/**
 * Why a response is not the wasm, as an Error that says what arrived: an
 * HTTP error, something that is not WebAssembly at all (a server's or a
 * framework's index.html for a file it does not have), or other bytes
 * than the ones this script was built with.
 */
async function refusal(url, response, bytes) {
  if (!response.ok) return new Error(`changecost: ${url}: HTTP ${response.status}`);
  bytes ??= new Uint8Array(await response.arrayBuffer());
  if (!isWasm(bytes)) {
    return new Error(`changecost: ${url}: got ${typeOf(response) || 'no content type'}, not WebAssembly: the file is not served `
      + 'here (serve the package\'s .wasm beside the script, or give its address: define({ wasmUrl }))');
  }
  if (WASM_SHA384) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
    if (btoa(String.fromCharCode(...digest)) !== WASM_SHA384) {
      return new Error(`changecost: ${nameOf(url)} does not match its SHA-384 (integrity check failed)`);
    }
  }
  return null;
}

/**
 * The wasm's response. With a hash (the release), the browser checks it
 * (Subresource Integrity on the fetch, off the main thread) and the module
 * never sees a byte that does not match; reading a clone of the response
 * and hashing it here instead kept the module waiting 20 ms after its
 * compilation (Chromium 156, measured). Bundlers copy the wasm byte for
 * byte (under another name, perhaps): the hash covers its content. When
 * the fetch fails, the file is fetched again to say why: a page of HTML
 * in its place is not reported as a changed file.
 */
async function fetchWasm(url) {
  let response;
  try {
    response = await fetch(url, WASM_SHA384 ? { integrity: `sha384-${WASM_SHA384}` } : {});
  } catch (error) {
    // fetch() itself failed (a TypeError, as a body that does not match
    // makes it); a second failure is the network's, reported as it is.
    if (!(error instanceof TypeError) || !WASM_SHA384) throw error;
    throw (await refusal(url, await fetch(url))) ?? error;
  }
  if (!response.ok) throw await refusal(url, response);
  return response;
}

/**
 * The module, compiled while it downloads (without a hash) or once its
 * bytes are checked; used (instantiated, so that any of its code runs)
 * only then. One request: a server that does not say application/wasm
 * gets its bytes compiled instead of streamed.
 */
async function loadModule() {
  const url = wasmAddress();
  const response = await fetchWasm(url);
  let module;
  if (typeOf(response) === 'application/wasm') {
    module = await WebAssembly.compileStreaming(response);
  } else {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!isWasm(bytes)) throw await refusal(url, response, bytes);
    module = await WebAssembly.compile(bytes);
  }
  checkedModule = module;
  return init({ module_or_path: module });
}

// ---- The simulation's worker -------------------------------------------
//
// The Monte Carlo simulation runs in one worker per page: a small module of
// its own (worker.js: the glue and a message handler, never this script, so
// that a bundle's own code does not run again in it), sent the module the
// page already checked and compiled. It answers that it is ready; where it
// does not within HANDSHAKE_MS, cannot start (a script from another origin,
// a Content-Security-Policy without workers, no module workers) or fails
// later, the calculators simulate on the page in short slices, as before.

const HANDSHAKE_MS = 5000;
let checkedModule = null;
let worker = null;
let asked = 0;
const waiting = new Map();

/** Gives up on the worker: every simulation waiting for it fails (and runs on the page). */
function dropWorker(why) {
  if (worker) console.warn(`changecost: the simulation runs on the page: ${why}`);
  worker?.terminate?.();
  worker = false;
  for (const { reject } of waiting.values()) reject(new Error(`changecost: the simulation worker failed: ${why}`));
  waiting.clear();
}

/** A function that simulates a saved scenario in the worker, or undefined where there is none. */
function simulator() {
  if (worker === false || !checkedModule) return undefined;
  if (!worker) {
    try {
      worker = startWorker();
    } catch {
      worker = false;
      return undefined;
    }
    const timer = setTimeout(() => dropWorker(`no answer from ${HANDSHAKE_MS / 1000} s`), HANDSHAKE_MS);
    worker.onmessage = ({ data }) => {
      if (data?.changecost === 'ready') {
        clearTimeout(timer);
        return;
      }
      if (data?.changecost === 'failed') {
        clearTimeout(timer);
        dropWorker(data.error);
        return;
      }
      const pending = waiting.get(data?.id);
      waiting.delete(data?.id);
      if (data?.numbers) {
        // A mark per simulation the worker ran (tests and benchmarks read it).
        performance.mark('changecost:worker');
        pending?.resolve(data.numbers);
      } else {
        pending?.reject(new Error(data?.error));
      }
    };
    worker.onerror = (event) => {
      clearTimeout(timer);
      event.preventDefault?.();
      dropWorker(event.message || 'its script did not load');
    };
    worker.onmessageerror = () => {
      clearTimeout(timer);
      dropWorker('a message it could not read');
    };
    worker.postMessage({ changecost: 'module', module: checkedModule });
  }
  return (saved) => new Promise((resolve, reject) => {
    if (!worker) return reject(new Error('changecost: no simulation worker'));
    asked += 1;
    waiting.set(asked, { resolve, reject });
    worker.postMessage({ id: asked, saved });
  });
}

let loading = null;

/** The development folder's stylesheet, beside the wasm (the release carries it inside). */
async function stylesheet() {
  const response = await fetch(new URL('changecost.css', wasmAddress()));
  if (!response.ok) throw new Error(`changecost: changecost.css: HTTP ${response.status}`);
  return response.text();
}

/**
 * Loads the module and the stylesheet once for every element on the page,
 * on first use: importing this script fetches nothing until `define()` or
 * the first connected element asks for it. `wasmUrl` and `workerUrl` say
 * where a host serves the files, if not beside this script; the first
 * call's options hold for the page.
 */
export function load({ wasmUrl, workerUrl } = {}) {
  if (!loading) options = { wasmUrl, workerUrl };
  loading ??= Promise.all([loadModule(), CSS_TEXT ?? stylesheet()]).then(([, text]) => {
    setTextsLoader(fetchTexts);
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

// On a server (no HTMLElement) the class is defined, never used.
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
    ready(languageOf(this)).then(
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
      const again = () => {
        if (!this.#widget) return;
        this.#widget.destroy();
        this.shadowRoot.replaceChildren();
        this.#widget = start(this, this.shadowRoot);
      };
      // A `lang` not loaded yet is fetched first; if it cannot be, the
      // calculator stays in a language it has.
      const code = languageOf(this);
      if (added.has(code)) again();
      else ready(code).then(again, (error) => { console.error(error); again(); });
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
/**
 * Registers the element (under `name`, `change-cost` by default) once the
 * module is in; `options` as for `load()` (also as the only argument:
 * `define({ wasmUrl })`). Where there are no custom elements (a server
 * rendering the page) it does nothing.
 */
export function define(name = 'change-cost', options = {}) {
  if (name && typeof name === 'object') return define(undefined, name);
  if (!globalThis.customElements) return Promise.resolve();
  const register = () => {
    if (!customElements.get(name)) {
      customElements.define(name, name === 'change-cost' ? ChangeCost : class extends ChangeCost {});
    }
  };
  return load(options).then(register, (error) => {
    console.error(error);
    register();
  });
}

// The one line that registers <change-cost> on import; the npm package's
// side-effect-free entry (tools/dist.mjs) is this script without it.
define();
