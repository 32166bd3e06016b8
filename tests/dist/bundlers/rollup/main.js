// The app's entry: the calculator, and the host application's own code,
// which must run once, on the page (never again in the calculator's worker).
import 'changecost/define';

globalThis.hostRuns = (globalThis.hostRuns ?? 0) + 1;
new BroadcastChannel('host-entry').postMessage(globalThis.document ? 'page' : 'worker');
