// The calculator in a page of its own, for site builders whose HTML blocks
// are (sandboxed) iframes: frame.html?rate=95&hours=120&lang=de.
//
// - Every query parameter that names one of the element's attributes (the
//   list the element itself reports) becomes that attribute; others are
//   ignored.
// - In a frame, it tells its parent its height by postMessage
//   ({ changecost: 'height', height }), nothing else; embed-frame.js on the
//   host page sizes the iframe. Without that script the frame keeps the
//   height the page gave it and scrolls.
// - `host`: the address of the host page (http or https). Share links made
//   in the frame then point there (the element's `data-share-base`; the
//   host script hands a `#cc=` link on to the frame); without it they point
//   to this page.
// No inline script or style, so a strict Content-Security-Policy holds.
const params = new URLSearchParams(location.search);
const MAX_VALUE = 2000;

/** The host page's address without its fragment, or null. */
function hostAddress() {
  const value = params.get('host');
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url;
  } catch {
    return null;
  }
}

/** Tells the parent the page's height whenever it changes. */
function reportHeight(main) {
  if (window.parent === window) return;
  let last = 0;
  const send = () => {
    const height = Math.ceil(main.getBoundingClientRect().height);
    if (height === last || height <= 0) return;
    last = height;
    // Only a number leaves the frame; the parent checks where it came from.
    window.parent.postMessage({ changecost: 'height', height }, '*');
  };
  new ResizeObserver(send).observe(main);
  send();
}

const main = document.querySelector('main');
document.body.style.margin = '0';
main.style.display = 'flow-root';
main.style.padding = '1px';

const host = hostAddress();

await customElements.whenDefined('change-cost');
const known = new Set(customElements.get('change-cost').observedAttributes);
const calc = document.createElement('change-cost');
for (const [name, value] of params) {
  if (known.has(name) && value.length <= MAX_VALUE && !calc.hasAttribute(name)) calc.setAttribute(name, value);
}
// One saved state per host page (else every host of this folder shares one).
if (host && known.has('storage-key') && !calc.hasAttribute('storage-key')) {
  calc.setAttribute('storage-key', `frame:${host.host}${host.pathname}`);
}
// Share links, summaries and what is sent point to the host page.
if (host) calc.dataset.shareBase = host.href;
main.append(calc);
reportHeight(main);
