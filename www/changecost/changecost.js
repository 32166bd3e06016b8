// changecost: the one script a host page includes. It defines the
// <change-cost> element and runs the calculator, compiled from Rust to
// WebAssembly, in each element's own shadow root. It loads its .wasm and
// .css from beside itself, so the folder can live under any path or CDN.
// No network request beyond these files, no cookies, no eval.
import init, { mount } from './changecost_wasm.js';

const here = import.meta.url;
let loading = null;

/** Loads the module and the stylesheet once for every element on the page. */
function load() {
  loading ??= Promise.all([
    init({ module_or_path: new URL('changecost_wasm_bg.wasm', here) }),
    fetch(new URL('changecost.css', here))
      .then((r) => {
        if (!r.ok) throw new Error(`changecost.css: HTTP ${r.status}`);
        return r.text();
      })
      .then((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        return sheet;
      }),
  ]).then(([, sheet]) => sheet);
  return loading;
}

class ChangeCost extends HTMLElement {
  #widget = null;

  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    load().then(
      (sheet) => {
        if (!this.isConnected || this.#widget) return;
        root.adoptedStyleSheets = [sheet];
        root.replaceChildren();
        this.#widget = mount(this, root);
      },
      (error) => {
        console.error('changecost: could not load', error);
        const p = document.createElement('p');
        p.textContent = this.lang === 'de' || document.documentElement.lang.startsWith('de')
          ? 'Der Rechner konnte nicht geladen werden.'
          : 'The calculator could not be loaded.';
        root.replaceChildren(p);
        this.dispatchEvent(new CustomEvent('changecost:error', {
          bubbles: true, composed: true, detail: { message: String(error) },
        }));
      },
    );
  }

  disconnectedCallback() {
    this.#widget?.destroy();
    this.#widget = null;
    this.shadowRoot?.replaceChildren();
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

if (!customElements.get('change-cost')) customElements.define('change-cost', ChangeCost);
