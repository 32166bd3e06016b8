// changecost: the host script for the frame, for site builders whose HTML
// blocks are iframes (Squarespace, Wix, Webflow, ...). Paste one line where
// the calculator should appear:
//
//   <script src="https://your.site/changecost/embed-frame.js" data-lang="de" data-rate="95"></script>
//
// It puts an iframe of frame.html (from beside this script) right after
// itself, with every data-* attribute as a query parameter (data-hours-low
// becomes hours-low: the element's attribute names), and sizes the iframe to
// its content: it accepts only a height, only from that iframe. Its own
// options: data-height (the height before the first message, default 900),
// data-title (the frame's accessible name), data-share-url (the page that
// share links point to; default: this page, unless it is itself inside a
// frame), data-sandbox (the iframe's sandbox tokens).
(() => {
  const script = document.currentScript;
  if (!script || !script.src) return;
  const OWN = new Set(['height', 'title', 'shareUrl', 'sandbox']);
  const kebab = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const web = (url) => url.protocol === 'http:' || url.protocol === 'https:';

  const frame = new URL('frame.html', script.src);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(script.dataset)) {
    if (!OWN.has(key)) params.set(kebab(key), value);
  }
  let top = false;
  try {
    top = window.top === window;
  } catch {
    top = false;
  }
  let share = null;
  try {
    if (script.dataset.shareUrl) share = new URL(script.dataset.shareUrl, location.href);
    else if (top) share = new URL(location.href);
  } catch {
    share = null;
  }
  if (share && web(share)) {
    share.hash = '';
    params.set('host', share.href);
  }
  frame.search = params.toString();
  // A share link opened on this page (#cc=...) goes on to the calculator.
  if (top && /(^|&)cc=/.test(location.hash.slice(1))) frame.hash = location.hash;

  const iframe = document.createElement('iframe');
  iframe.src = frame.href;
  iframe.title = script.dataset.title || (/^de/i.test(params.get('lang') || document.documentElement.lang || '')
    ? 'Rechner: Was kosten Ihre Änderungen?' : 'Calculator: what will your changes cost?');
  iframe.setAttribute('allow', 'clipboard-write');
  if (script.dataset.sandbox !== undefined) iframe.setAttribute('sandbox', script.dataset.sandbox);
  const initial = Number(script.dataset.height);
  iframe.style.display = 'block';
  iframe.style.width = '100%';
  iframe.style.border = '0';
  iframe.style.height = `${Number.isFinite(initial) && initial > 0 ? initial : 900}px`;

  window.addEventListener('message', (event) => {
    if (event.source !== iframe.contentWindow) return;
    // The frame's origin, or "null" when it is sandboxed without allow-same-origin.
    if (event.origin !== frame.origin && event.origin !== 'null') return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.changecost !== 'height') return;
    const height = data.height;
    if (typeof height !== 'number' || !Number.isFinite(height) || height < 1 || height > 50000) return;
    iframe.style.height = `${Math.ceil(height)}px`;
  });
  script.after(iframe);
})();
