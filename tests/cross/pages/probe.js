// Loaded first by every page of the cross-engine suite (a classic script
// from 'self', so the strict CSP allows it): records what a test asserts
// on and cannot read through WebDriver in every engine (console errors,
// uncaught errors, the widget's events, blobs offered for download).
(() => {
  const cc = { errors: [], warnings: [], events: [], shares: [], downloads: [], resources: [] };
  window.ccProbe = cc;
  // Uncaught errors; a script or style sheet that failed to load (a
  // refused integrity check) is recorded apart, seen in the capture phase.
  window.addEventListener('error', (e) => {
    if (e.target && e.target !== window && (e.target.src || e.target.href)) cc.resources.push(e.target.src || e.target.href);
    else cc.errors.push(`error: ${e.message}`);
  }, true);
  window.addEventListener('unhandledrejection', (e) => cc.errors.push(`unhandled rejection: ${e.reason && e.reason.message || e.reason}`));
  for (const [level, list] of [['error', cc.errors], ['warn', cc.warnings]]) {
    const original = console[level];
    console[level] = function record(...args) {
      list.push(args.map((a) => (a && a.message) || String(a)).join(' '));
      return original.apply(this, args);
    };
  }
  for (const name of ['ready', 'change', 'error', 'share']) {
    document.addEventListener(`changecost:${name}`, (e) => {
      const id = e.target.id || e.target.getAttribute('lang') || '';
      cc.events.push({ name, id, detail: JSON.parse(JSON.stringify(e.detail ?? null)) });
      if (name === 'share') cc.shares.push(e.detail.url);
    });
  }
  // What the widget offers for download: the blob's text, read at once.
  const create = URL.createObjectURL;
  URL.createObjectURL = function createObjectURL(blob) {
    const entry = { type: blob.type, text: null };
    cc.downloads.push(entry);
    if (blob && blob.text) blob.text().then((t) => { entry.text = t; });
    return create.call(this, blob);
  };
})();
