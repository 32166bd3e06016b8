// The release script, for tools/release.mjs (the release bundle) and
// tools/dist.mjs (the npm package, without its registering line): the
// wasm-bindgen glue, with the short import names of tools/imports.mjs, and
// the loader merged into one minified module (one script, so one
// Subresource Integrity hash covers every line of JavaScript), with the
// wasm's hashed name, its SHA-384 and the minified stylesheet written into
// the loader.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { shortenImports } from './imports.mjs';

/** The hash in a file name: the first 12 hex digits of the SHA-256. */
export const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);
/** A SHA-384 in base64, as Subresource Integrity writes it. */
export const sri = (bytes) => createHash('sha384').update(bytes).digest('base64');

function replaceOnce(text, pattern, replacement, what) {
  if (!pattern.test(text)) throw new Error(`release: cannot find ${what} in changecost.js`);
  // A function, so that `$&` and the like in the replacement (the css) stay as they are.
  return text.replace(pattern, () => replacement);
}

/**
 * From the built development folder `src` (a URL ending in `/`): the
 * release wasm (short import names), its hashed file name, and the merged
 * script; `register: false` leaves out the line that defines the element.
 */
export function mergeLoader(src, { register = true } = {}) {
  const read = (name) => readFileSync(new URL(name, src));
  const built = shortenImports(read('changecost_wasm_bg.wasm'), read('changecost_wasm.js').toString());
  const wasmName = `changecost.${short(built.wasm)}.wasm`;
  // esbuild minifies JavaScript and CSS without changing what they do.
  const css = transformSync(read('changecost.css').toString(), { loader: 'css', minify: true }).code;
  // The glue's own exports (init, mount, attributes, Widget) stay inside the
  // merged script: what it exports is the loader's API (ChangeCost, define, load).
  const glue = built.glue
    .replace(/^export \{[^}]*\};?$/m, '')
    .replace(/^export (class|function|async function|const|let) /gm, '$1 ');
  // The glue defines __wbg_init (its default export) and the exported
  // functions as module-level bindings, so the loader can use them directly.
  if (!/async function __wbg_init\(/.test(glue)) throw new Error('release: the glue has no __wbg_init');
  let body = replaceOnce(read('changecost.js').toString(), /^import init, \{[^}]*\} from '\.\/changecost_wasm\.js';$/m,
    'const init = __wbg_init;', 'the glue import');
  body = replaceOnce(body, /^const WASM = '[^']*';$/m, `const WASM = '${wasmName}';`, 'WASM');
  body = replaceOnce(body, /^const WASM_SHA384 = '[^']*';$/m, `const WASM_SHA384 = '${sri(built.wasm)}';`, 'WASM_SHA384');
  body = replaceOnce(body, /^const CSS_TEXT = null;$/m, `const CSS_TEXT = ${JSON.stringify(css)};`, 'CSS_TEXT');
  if (!register) body = replaceOnce(body, /^define\(\);$/m, '', 'the registering define();');
  const script = Buffer.from(transformSync(`${glue}\n// ---- loader ----\n${body}`, { format: 'esm', minify: true, target: 'es2022' }).code);
  return { wasm: built.wasm, wasmName, script };
}
