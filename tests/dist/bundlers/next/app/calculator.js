'use client';
// The calculator in a client component: the side-effect-free entry, imported
// on the server too (prerendering), and define() once mounted in the browser.
import { useEffect } from 'react';
import { define } from 'changecost';

// The host application's own code, in the browser (not on the server): once,
// on the page (never again in the calculator's worker).
if (typeof self !== 'undefined') {
  globalThis.hostRuns = (globalThis.hostRuns ?? 0) + 1;
  new BroadcastChannel('host-entry').postMessage(globalThis.document ? 'page' : 'worker');
}

export default function Calculator() {
  useEffect(() => {
    define();
  }, []);
  return <change-cost lang="en" rate="95" hours="120" persist="off" />;
}
