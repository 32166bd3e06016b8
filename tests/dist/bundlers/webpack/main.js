// The app's entry: the host application's own code, which must run once, on
// the page (never again in the calculator's worker), and the calculator in a
// chunk of its own, loaded on demand (webpack's code splitting).
globalThis.hostRuns = (globalThis.hostRuns ?? 0) + 1;
new BroadcastChannel('host-entry').postMessage(globalThis.document ? 'page' : 'worker');

import('changecost').then(({ define }) => define());
