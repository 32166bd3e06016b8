// changecost's simulation worker: a small module of its own, which the
// loader (changecost.js) starts as
// `new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })`.
// It imports the glue, never the loader: a bundler that makes the loader part
// of an application's bundle would otherwise run the application again in
// the worker (or, importing the module that starts it, wait on itself).
// The page sends the wasm module it checked and compiled; the worker says
// when it is ready (or why not), then simulates each saved scenario it is
// sent. The release build (tools/loader.mjs) merges the glue into it.
import init, { simulateSaved } from './changecost_wasm.js';

let ready = null;

self.onmessage = async ({ data }) => {
  if (data.changecost === 'module') {
    ready = init({ module_or_path: data.module });
    ready.then(
      () => self.postMessage({ changecost: 'ready' }),
      (error) => self.postMessage({ changecost: 'failed', error: String(error?.message ?? error) }),
    );
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
