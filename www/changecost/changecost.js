// changecost: the one script a host page includes. It defines the
// <change-cost> element and runs the calculator, compiled from Rust to
// WebAssembly, in each element's own shadow root. It loads its .wasm from
// beside itself, so the folder can live under any path or CDN.
// No network request beyond these files, no cookies, no eval.
import init, { mount, attributes, addTexts } from './changecost_wasm.js';

// The release build (tools/release.mjs) rewrites WASM_SHA384, GZIP_SHA384
// and CSS_TEXT, and the file names in the `new URL('./...', import.meta.url)`
// below: the hashed names of the wasm, of the wasm gzipped and of the
// worker, the SHA-384 each of the two wasm files must have before it is
// used, and the stylesheet itself, inside this script, whose integrity hash
// then covers it (one request less, and nothing left to wait for once the
// module is ready: 20 ms sooner to the first totals, measured). The
// development folder has no gzipped wasm and fetches its changecost.css.
const WASM_SHA384 = '';
const GZIP_SHA384 = '';
const CSS_TEXT = null;

// The words of each language are a file of their own beside the wasm, not
// part of it: a calculator fetches the one it starts in, in parallel with
// the wasm, and another only when the client switches to it (issue 24).
// Each name twice, as the wasm's: in `new URL('./file', import.meta.url)`
// for bundlers, and for a classic script or a host's own folder; the file
// and, as for the wasm, the file gzipped, which the release fetches where
// the browser can decompress it (the same bytes from a server that
// compresses nothing). The release build writes their hashed names and,
// in TEXTS_SHA384 and TEXTS_GZIP_SHA384, the SHA-384 each must have; the
// first language is the fallback. The development folder has no gzipped
// files.
const TEXTS = {
  en: ['./changecost.en.txt', () => new URL('./changecost.en.txt', import.meta.url),
    './changecost.en.txt.gz', () => new URL('./changecost.en.txt.gz', import.meta.url)],
  de: ['./changecost.de.txt', () => new URL('./changecost.de.txt', import.meta.url),
    './changecost.de.txt.gz', () => new URL('./changecost.de.txt.gz', import.meta.url)],
};
const TEXTS_SHA384 = {};
const TEXTS_GZIP_SHA384 = {};

// A bundle that is a classic script (esbuild's iife) has no import.meta.url:
// there the files are beside the script element that runs it, read now,
// while it runs (in a module, and in a worker, there is none).
const script = globalThis.document?.currentScript?.src;

let options = {};

/**
 * The wasm's address (`gzip`: the gzipped wasm's): the one a host gave
 * (`wasmUrl`, always the .wasm), else beside this script. Written as
 * `new URL('./file', import.meta.url)` with the file's name, which bundlers
 * (Vite, webpack, Next.js, Parcel) read to emit the file and rewrite the
 * address; where import.meta has no url, the same name beside the script
 * element.
 */
function wasmAddress(gzip) {
  if (options.wasmUrl) return new URL(options.wasmUrl, document.baseURI);
  try {
    return gzip ? new URL('./changecost_wasm_bg.wasm.gz', import.meta.url) : new URL('./changecost_wasm_bg.wasm', import.meta.url);
  } catch (error) {
    if (!script) throw error;
    return new URL(gzip ? './changecost_wasm_bg.wasm.gz' : './changecost_wasm_bg.wasm', script);
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

/** A language's file (`gzip`: gzipped): beside the wasm a host gave (`wasmUrl`), else beside this script, as the wasm. */
function textsAddress(code, gzip) {
  const [name, literal] = gzip ? TEXTS[code].slice(2) : TEXTS[code];
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
 * (src/core/ui/app/mod.rs, `language`): the first of the element's `lang`, the
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

/** A language's file as text, checked by its SHA-384 in the release. */
async function plainText(code) {
  const url = textsAddress(code); // throws for a wasmUrl that is no address
  const sha = TEXTS_SHA384[code];
  const response = await fetch(url, sha ? { integrity: `sha384-${sha}` } : {});
  if (!response.ok) throw new Error(`changecost: ${url}: HTTP ${response.status}`);
  return response.text();
}

/**
 * A language's file from its gzipped copy, unpacked by the browser, as the
 * wasm: the integrity names both hashes (a server that sends .gz files
 * with a Content-Encoding has the browser unpack it on the way). null
 * where that copy cannot be had or used (not there, a page in its place,
 * changed): then the file itself, checked by its own hash.
 */
async function gunzippedText(code) {
  let url;
  try {
    url = textsAddress(code, true);
    const response = await fetch(url, {
      integrity: `sha384-${TEXTS_GZIP_SHA384[code]} sha384-${TEXTS_SHA384[code]}`,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!isGzip(bytes)) return new TextDecoder().decode(bytes);
    return await new Response(unpack(bytes)).text();
  } catch (error) {
    // Not there, a page in its place (both fail the integrity check), or
    // changed: said once, and the .txt tried, which is checked by its own hash.
    console.warn(`changecost: ${url ?? code}: ${error?.message ?? error}; loading the .txt instead`);
    return null;
  }
}

/**
 * A language's file as text, fetched once per page (the browser checks
 * its SHA-384 in the release, as the wasm's); a failed fetch is tried
 * again when the language is asked for again. The module asks for another
 * language through the shell (`texts`) when the client switches.
 */
function fetchTexts(code) {
  if (!Object.hasOwn(TEXTS, code)) return Promise.reject(new Error(`changecost: no language ${code}`));
  let text = textFiles.get(code);
  if (!text) {
    text = (TEXTS_GZIP_SHA384[code] && gunzips() ? gunzippedText(code) : Promise.resolve(null)).then((words) => words ?? plainText(code));
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
const isGzip = (bytes) => bytes[0] === 0x1f && bytes[1] === 0x8b;
/** Gzipped bytes as the stream of what they hold, unpacked by the browser. */
const unpack = (bytes) => new Response(bytes).body.pipeThrough(new DecompressionStream('gzip'));
/**
 * Whether the gzipped copies (the release's .wasm.gz and .txt.gz) are
 * fetched: where the browser can unpack them and the files are beside this
 * script (a host's `wasmUrl` names the .wasm, and the words beside it).
 */
const gunzips = () => !options.wasmUrl && Boolean(globalThis.DecompressionStream);
const typeOf = (response) => (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
const nameOf = (url) => url.pathname.slice(url.pathname.lastIndexOf('/') + 1);

/** An Error that says the file was changed, unless `bytes` have the SHA-384 `hash`. */
async function changed(url, bytes, hash) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  if (btoa(String.fromCharCode(...digest)) === hash) return null;
  return new Error(`changecost: ${nameOf(url)} does not match its SHA-384 (integrity check failed)`);
}

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
  return WASM_SHA384 ? changed(url, bytes, WASM_SHA384) : null;
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
 * The module from the gzipped wasm (the release's .wasm.gz), decompressed
 * by the browser: the same bytes on the wire from every host, where a
 * server that compresses nothing (many static hosts; Debian's nginx
 * compresses only HTML) would send the .wasm whole, 2.3 times as many, and
 * one that compresses leaves a gzip file as it is. The fetch's integrity
 * names both hashes, the gzipped file's and the wasm's: a server that sends
 * .gz files with Content-Encoding: gzip (sirv, under Vite's servers; Apache
 * with AddEncoding) has the browser unpack it on the way, and the wasm
 * arrives itself, checked all the same. A changed file is refused as the
 * .wasm would be. null where that file is not there or a page is in its
 * place: then the .wasm, as before.
 */
async function gunzippedModule() {
  const url = wasmAddress(true);
  let response;
  try {
    response = await fetch(url, { integrity: `sha384-${GZIP_SHA384} sha384-${WASM_SHA384}` });
  } catch (error) {
    // As for the .wasm: fetched again to see why; a second failure is the network's.
    if (!(error instanceof TypeError)) throw error;
    response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const wasm = isWasm(bytes);
    if (response.ok && (wasm || isGzip(bytes))) throw (await changed(url, bytes, wasm ? WASM_SHA384 : GZIP_SHA384)) ?? error;
    const why = response.ok ? `got ${typeOf(response) || 'no content type'}` : `HTTP ${response.status}`;
    console.warn(`changecost: ${url}: ${why}; loading the .wasm instead`);
    return null;
  }
  // The integrity check held the body until it was whole: it is here.
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (isWasm(bytes)) return WebAssembly.compile(bytes);
  return WebAssembly.compileStreaming(new Response(unpack(bytes), { headers: { 'content-type': 'application/wasm' } }));
}

/**
 * The module, compiled while it downloads (without a hash) or once its
 * bytes are checked; used (instantiated, so that any of its code runs)
 * only then. The gzipped wasm where the browser can decompress it
 * (DecompressionStream: every browser docs/browsers.md lists but Firefox
 * 101 to 112) and the files are beside this script, else the .wasm. One
 * request: a server that does not say application/wasm gets the .wasm's
 * bytes compiled instead of streamed.
 */
async function loadModule() {
  let module = GZIP_SHA384 && gunzips() ? await gunzippedModule() : null;
  if (!module) {
    const url = wasmAddress();
    const response = await fetchWasm(url);
    if (typeOf(response) === 'application/wasm') {
      module = await WebAssembly.compileStreaming(response);
    } else {
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (!isWasm(bytes)) throw await refusal(url, response, bytes);
      module = await WebAssembly.compile(bytes);
    }
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
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  return loading;
}

// ---- One calculator ------------------------------------------------------
//
// The Rust side decides everything (src/core/ui); this side reads DOM events
// off their targets, hands them over as a few strings (Widget.event), and
// applies the DOM updates that come back as one string per event
// (src/core/ui/paint.rs describes the format). The shell below is all the
// page the calculator touches: storage, timers, the clipboard, downloads,
// printing, the network for sending, the worker, its events.

/** The largest file an import reads (src/core/ui/app/export.rs: MAX_IMPORT). */
const MAX_IMPORT = 1_048_576;
const SEP = '\x1f';

/** Applies the DOM updates of one event (src/core/ui/paint.rs). */
function apply(root, host, ops) {
  let i = 0;
  const next = () => {
    const colon = ops.indexOf(':', i);
    const end = colon + 1 + Number(ops.slice(i, colon));
    const text = ops.slice(colon + 1, end);
    i = end;
    return text;
  };
  while (i < ops.length) {
    const op = ops[i++];
    const id = next();
    const el = id === '' ? host : root.getElementById(id);
    switch (op) {
      case 't': { const v = next(); if (el) el.textContent = v; break; }
      case 'h': { const v = next(); if (el) el.innerHTML = v; break; }
      case 'v': { const v = next(); if (el) el.value = v; break; }
      case 'a': { const name = next(); const v = next(); el?.setAttribute(name, v); break; }
      case 'r': { const name = next(); el?.removeAttribute(name); break; }
      case 'c': { const v = next(); if (el) el.checked = v === '1'; break; }
      case 'p': { const at = Number(next()); el?.setSelectionRange?.(at, at); break; }
      case 'i': { const where = next(); const v = next(); el?.insertAdjacentHTML(where, v); break; }
      case 'b': { const other = root.getElementById(next()); if (el && other) other.before(el); break; }
      case 'f': el?.focus(); break;
      case 's': el?.select?.(); break;
      case 'x': el?.remove(); break;
      case 'k': el?.click(); break;
      default: throw new Error(`changecost: unknown update ${op}`);
    }
  }
}

/** What the Rust side reads off an event's target: data-setting, data-part, data-send, its row's id. */
function read(el) {
  const row = el.closest('[data-change-id]');
  return [el.getAttribute('data-setting'), el.getAttribute('data-part'), el.getAttribute('data-send'),
    row?.getAttribute('data-change-id')].map((v) => v ?? '').join(SEP);
}

/** Storage's answer to the Rust side (src/web/shell.rs): v + text, n, q, e + message, or '' for done. */
function storage(f) {
  try {
    const local = globalThis.localStorage;
    if (!local) return 'elocalStorage is not available';
    const v = f(local);
    return v === undefined ? '' : v === null ? 'n' : `v${v}`;
  } catch (error) {
    if (error?.name === 'QuotaExceededError' || error?.code === 22 || error?.code === 1014) return 'q';
    return `e${error?.message ?? error}`;
  }
}

/** Offers `text` as a file `name` (a Blob URL: no network, allowed under a strict CSP). */
function download(name, mime, text) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * Mounts a calculator for `host` into its shadow `root`: the shell, the
 * listeners (one per kind of event, on the root), the observers, the
 * timers. Returns what the element holds: the widget and `stop()`.
 */
function start(host, root) {
  const cc = document.createElement('div');
  cc.className = 'cc';
  cc.id = 'cc';
  cc.setAttribute('part', 'root');
  root.append(cc);
  const timers = [0, 0];
  const cleanup = [];
  let widget = null;
  const later = (f) => queueMicrotask(() => widget && f(widget));
  const shell = {
    apply: (ops) => apply(root, host, ops),
    call(name, ...args) {
      switch (name) {
        case 'attr': return host.getAttribute(args[0]);
        case 'href': return location.href;
        case 'pageHost': return location.host;
        case 'forgetFragment': history.replaceState(null, '', location.pathname + location.search); return undefined;
        case 'focused': {
          const a = root.activeElement;
          if (!a) return '';
          const [setting, part, send, row] = read(a).split(SEP);
          return [a.id, setting || '', part || send || '', row, a.selectionStart ?? '', a.value ?? ''].join(SEP);
        }
        case 'load': return storage((s) => s.getItem(args[0]));
        case 'store': return storage((s) => { s.setItem(args[0], args[1]); });
        case 'forget': return storage((s) => { s.removeItem(args[0]); });
        case 'timer': {
          const which = Number(args[0]);
          clearTimeout(timers[which]);
          const delay = Number(args[1]);
          if (delay >= 0) timers[which] = setTimeout(() => widget?.timer(which), delay);
          return undefined;
        }
        case 'warn': console.warn(args[0]); return undefined;
        case 'copy': {
          // navigator.clipboard is undefined outside a secure context (a
          // page on plain http) in every engine.
          const text = args[0];
          const refused = () => later((w) => w.event('copy-refused', '', text, 0));
          if (!navigator.clipboard) refused();
          else navigator.clipboard.writeText(text).then(() => widget?.event('copied', '', '', 0), refused);
          return undefined;
        }
        case 'download': download(args[0], args[1], args[2]); return undefined;
        case 'print': window.print(); return undefined;
        case 'open': { const a = document.createElement('a'); a.href = args[0]; a.click(); return undefined; }
        case 'post': {
          const [url, body, type, timeout] = args;
          const controller = new AbortController();
          setTimeout(() => controller.abort(), Number(timeout));
          fetch(url, {
            method: 'POST', body, mode: 'cors', credentials: 'omit', cache: 'no-store',
            headers: { 'Content-Type': type }, signal: controller.signal,
          }).then(
            (response) => widget?.event('sent', '', String(response.status), 0),
            (error) => widget?.event('not-sent', '', '', error?.name === 'AbortError' ? 1 : 0),
          );
          return undefined;
        }
        case 'texts': {
          // A language the client switched to (src/core/ui/app/language.rs):
          // its file, fetched once per page, goes to the module as text
          // (read there, and kept for the page even if this calculator is
          // gone by then), or why it could not be fetched.
          const code = args[0];
          fetchTexts(code).then(
            (text) => {
              if (widget) {
                widget.event('texts', code, text, 0);
              } else {
                try {
                  addTexts(text);
                } catch {
                  // Not a language file: the next calculator that asks says so.
                }
              }
            },
            (error) => widget?.event('texts', code, String(error?.message ?? error), 1),
          );
          return undefined;
        }
        case 'simulate': {
          const simulate = simulator();
          if (!simulate) return false;
          const asked = args[0];
          simulate(args[1]).then((numbers) => widget?.simulated(asked, numbers), () => widget?.simulated(asked, undefined));
          return true;
        }
        case 'emit': {
          const [type, detail, cancelable] = args;
          return host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, cancelable, detail }));
        }
        default: throw new Error(`changecost: unknown call ${name}`);
      }
    },
    crash(message, detail) {
      console.error(`changecost: internal error: ${detail}`);
      const p = document.createElement('p');
      p.className = 'notice crash';
      p.setAttribute('role', 'alert');
      p.textContent = message;
      root.prepend(p);
      host.dispatchEvent(new CustomEvent('changecost:error', { bubbles: true, composed: true, detail: { message, detail } }));
    },
  };
  const listen = (target, type, f) => {
    target.addEventListener(type, f);
    cleanup.push(() => target.removeEventListener(type, f));
  };
  const importFile = (file) => {
    if (file.size > MAX_IMPORT) widget?.event('import', '', '', 1);
    else file.text().then((text) => widget?.event('import', '', text, 0), () => widget?.event('import', '', '', 2));
  };
  listen(root, 'input', ({ target }) => {
    if (target instanceof Element && 'value' in target) widget?.event('input', read(target), target.value, 0);
  });
  listen(root, 'change', ({ target }) => {
    if (!(target instanceof Element)) return;
    if (target.getAttribute('data-part') === 'file') {
      const file = target.files?.[0];
      target.value = '';
      if (file) importFile(file);
      return;
    }
    widget?.event('change', read(target), target.value ?? '', target.checked ? 1 : 0);
  });
  listen(root, 'click', ({ target }) => {
    const button = target instanceof Element && target.closest('button[data-action]');
    if (!button) return;
    const notice = button.closest('.notice')?.id.replace(/^n-/, '') ?? '';
    const row = button.closest('[data-change-id]')?.getAttribute('data-change-id') ?? '';
    widget?.event('click', [button.getAttribute('data-action'), row, notice].join(SEP), '', 0);
  });
  listen(root, 'keydown', (e) => {
    const flags = (e.ctrlKey || e.metaKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0);
    if (flags & 1 && widget?.event('key', '', e.key, flags)) e.preventDefault();
  });
  listen(root, 'dragover', (e) => e.preventDefault());
  listen(root, 'drop', (e) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    importFile(file);
  });
  // A field the summary bar would cover is scrolled clear of it (the
  // browser's own scrolling into view only knows the bar through
  // scroll-margin, and only when it scrolls).
  listen(root, 'focusin', ({ target }) => {
    if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(target?.tagName)) return;
    const bar = root.querySelector('.summary')?.getBoundingClientRect();
    if (!bar || bar.height <= 0 || cc.hasAttribute('data-results-in-view')) return;
    const field = target.getBoundingClientRect();
    if (field.top < bar.bottom && field.bottom > bar.top) window.scrollBy(0, field.top - bar.bottom - 8);
  });
  // Leaving the page saves at once, so that a quick reload loses nothing.
  listen(window, 'pagehide', () => widget?.event('pagehide', '', '', 0));
  // Another tab saved this calculator's scenario.
  listen(window, 'storage', (e) => widget?.event('storage', e.key ?? '', e.newValue ?? '',
    (e.key === null ? 1 : 0) | (e.newValue === null ? 2 : 0)));
  // The receipt is written just before printing; a calculator another one
  // was chosen over leaves itself out.
  listen(window, 'beforeprint', () => {
    const chosen = document.querySelector('change-cost[data-printing]');
    widget?.event('beforeprint', '', '', chosen && chosen !== host ? 1 : 0);
  });

  widget = mount(shell, document.documentElement.getAttribute('lang'), navigator.language, location.pathname,
    [...document.querySelectorAll('change-cost')].indexOf(host));
  // The first totals are in the DOM: the load benchmark measures to here.
  performance.mark('changecost:totals');

  // The chart is drawn in the widget's own pixels: again when its width changes.
  const plot = root.getElementById('plot');
  if (plot && globalThis.ResizeObserver) {
    const resize = new ResizeObserver(() => widget?.event('resize', '', String(plot.clientWidth), 0));
    resize.observe(plot);
    cleanup.push(() => resize.disconnect());
  }
  // The summary bar keeps the totals in sight until the results
  // themselves are on screen: the whole of the cards, at least half the
  // screen of them (on a phone three cards are taller), or, where the bar
  // overlays the widget (a wide one), the verdict above them, which it
  // would otherwise cover.
  const cards = root.querySelector('.cards');
  const verdict = root.getElementById('insight');
  const bar = root.querySelector('.summary');
  if (cards && globalThis.IntersectionObserver) {
    const inView = new Map();
    const seen = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        inView.set(entry.target, entry.target === cards
          ? entry.intersectionRatio >= 0.99 || entry.intersectionRect.height >= innerHeight / 2
          : entry.isIntersecting && Boolean(bar) && parseFloat(getComputedStyle(bar).marginBottom) < 0);
      }
      cc.toggleAttribute('data-results-in-view', [...inView.values()].some(Boolean));
    }, { threshold: [0, 0.25, 0.5, 0.75, 1] });
    seen.observe(cards);
    if (verdict) seen.observe(verdict);
    cleanup.push(() => seen.disconnect());
  }
  // `changecost:ready` goes out in a microtask, once the element holds the
  // widget, so that a ready listener can already read its properties; not
  // from a widget stopped before then (mounted again at once: its
  // successor says it).
  queueMicrotask(() => widget && host.dispatchEvent(new CustomEvent('changecost:ready', {
    bubbles: true, composed: true, detail: widget.summary,
  })));
  return {
    widget,
    stop() {
      for (const f of cleanup) f();
      for (const t of timers) clearTimeout(t);
      const w = widget;
      widget = null;
      w.destroy();
    },
  };
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
  #remounts = 0;
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
    const mount = (sheet, again = true) => {
      if (!this.isConnected || this.#widget) return;
      // A `lang` changed while the first load was on its way: its file first
      // (if it cannot be had, the calculator starts in a language it has).
      const now = languageOf(this);
      if (again && !added.has(now)) {
        ready(now).then((next) => mount(next, false), (error) => { this.#report(error); mount(sheet, false); });
        return;
      }
      root.adoptedStyleSheets = [sheet];
      root.replaceChildren();
      this.#widget = start(this, root);
      if (this.#early !== undefined) {
        const early = this.#early;
        this.#early = undefined;
        try {
          this.#widget.widget.scenario = early;
        } catch (error) {
          console.error(error);
        }
      }
    };
    ready(languageOf(this)).then(mount, (error) => this.#failed(root, error));
  }

  disconnectedCallback() {
    this.#widget?.stop();
    this.#widget = null;
    this.shadowRoot?.replaceChildren();
  }

  /** A consultant's attribute changed: mount again with the new defaults, once per task. */
  attributeChangedCallback(name, before, after) {
    if (!this.#widget || before === after || this.#remount) return;
    this.#remount = true;
    const remount = ++this.#remounts;
    queueMicrotask(() => {
      this.#remount = false;
      if (!this.#widget) return;
      // Only the latest remount, when an earlier one waits for its language:
      // each reads the attributes as they are then.
      const again = () => {
        if (!this.#widget || remount !== this.#remounts) return;
        this.#widget.stop();
        this.shadowRoot.replaceChildren();
        this.#widget = start(this, this.shadowRoot);
      };
      // A `lang` not loaded yet is fetched first; if it cannot be, the
      // calculator stays in a language it has.
      const code = languageOf(this);
      if (added.has(code)) again();
      else ready(code).then(again, (error) => { this.#report(error); again(); });
    });
  }

  #failed(root, error) {
    if (this.#widget) return;
    const p = document.createElement('p');
    const lang = (this.lang || document.documentElement.lang || navigator.language || '').slice(0, 2);
    p.textContent = lang === 'de' ? 'Der Rechner konnte nicht geladen werden.' : 'The calculator could not be loaded.';
    root.replaceChildren(p);
    this.#report(error);
  }

  /** The console and the page's `changecost:error` learn what went wrong. */
  #report(error) {
    console.error(error);
    this.dispatchEvent(new CustomEvent('changecost:error', {
      bubbles: true, composed: true, detail: { message: String(error && error.message || error) },
    }));
  }

  /** The whole scenario in its saved form (see README), or undefined before `changecost:ready`. */
  get scenario() {
    return this.#widget?.widget.scenario;
  }

  /** Replaces the scenario; throws an Error naming the bad field and changes nothing. */
  set scenario(value) {
    if (!this.#widget) throw new Error('changecost: not ready yet; wait for the changecost:ready event');
    this.#widget.widget.scenario = value;
  }

  /** Totals per contract in cents, and the series; null before `changecost:ready`. */
  get result() {
    return this.#widget?.widget.result ?? null;
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
  const loaded = load(options);
  // The elements upgrade only once the module is in, and only then ask for
  // their language: fetched now, beside the module, each calculator's
  // language costs no round trip of its own (a failure is reported when
  // the calculator asks again).
  for (const element of globalThis.document?.getElementsByTagName(name) ?? []) fetchTexts(languageOf(element)).catch(() => {});
  return loaded.then(register, (error) => {
    console.error(error);
    register();
  });
}

// The one line that registers <change-cost> on import; the npm package's
// side-effect-free entry (tools/dist.mjs) is this script without it.
define();
