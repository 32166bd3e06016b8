#!/usr/bin/env node
// The release bundle: a self-contained folder a consultant uploads to any
// static host or CDN. From the built www/changecost/ it writes www/release/
// with content-hashed names:
//   changecost.<hash>.js    the loader with the wasm-bindgen glue merged in
//                           (one script, so one Subresource Integrity hash
//                           covers every line of JavaScript), minified
//   changecost.<hash>.wasm  checked by the loader against its SHA-384
//                           (the css, minified, is inside the script)
//   manifest.json           names and integrity, read by configure.html
//   embed.html              the two lines to paste, for a base path of /changecost/
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { shortenImports } from './imports.mjs';
import { cargoVersion, writeFrame } from './release-frame.mjs';

const src = new URL('../www/changecost/', import.meta.url);
const out = new URL('../www/release/', import.meta.url);
const read = (name) => readFileSync(new URL(name, src));
const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);
const sri = (bytes) => createHash('sha384').update(bytes).digest('base64');

// Short import names in the wasm and the glue alike (tools/imports.mjs).
const built = shortenImports(read('changecost_wasm_bg.wasm'), read('changecost_wasm.js').toString());
const wasm = built.wasm;
// esbuild minifies JavaScript and CSS without changing what they do.
const css = Buffer.from(transformSync(read('changecost.css').toString(), { loader: 'css', minify: true }).code);
// The glue's own exports (init, mount, attributes, Widget) stay inside the
// merged script: what it exports is the loader's API (ChangeCost, define, load).
const glue = built.glue
  .replace(/^export \{[^}]*\};?$/m, '')
  .replace(/^export (class|function|async function|const|let) /gm, '$1 ');
const loader = read('changecost.js').toString();

const names = { wasm: `changecost.${short(wasm)}.wasm` };

function replaceOnce(text, pattern, replacement, what) {
  if (!pattern.test(text)) throw new Error(`release: cannot find ${what} in changecost.js`);
  // A function, so that `$&` and the like in the replacement (the css) stay as they are.
  return text.replace(pattern, () => replacement);
}

// The glue defines __wbg_init (its default export) and the exported
// functions as module-level bindings, so the loader can use them directly.
if (!/async function __wbg_init\(/.test(glue)) throw new Error('release: the glue has no __wbg_init');
let body = replaceOnce(loader, /^import init, \{[^}]*\} from '\.\/changecost_wasm\.js';$/m,
  'const init = __wbg_init;', 'the glue import');
body = replaceOnce(body, /^const WASM = '[^']*';$/m, `const WASM = '${names.wasm}';`, 'WASM');
body = replaceOnce(body, /^const WASM_SHA384 = '[^']*';$/m, `const WASM_SHA384 = '${sri(wasm)}';`, 'WASM_SHA384');
body = replaceOnce(body, /^const CSS_TEXT = null;$/m, `const CSS_TEXT = ${JSON.stringify(css.toString())};`, 'CSS_TEXT');
const merged = `${glue}\n// ---- loader ----\n${body}`;
const script = Buffer.from(transformSync(merged, { format: 'esm', minify: true, target: 'es2022' }).code);
names.script = `changecost.${short(script)}.js`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(new URL(names.wasm, out), wasm);
writeFileSync(new URL(names.script, out), script);
const manifest = {
  version: cargoVersion(),
  script: names.script,
  integrity: `sha384-${sri(script)}`,
  wasm: names.wasm,
  // For preload hints: the loader fetches the wasm with this integrity, and
  // a preload is reused only by a request with the same integrity.
  wasmIntegrity: `sha384-${sri(wasm)}`,
  files: readdirSync(out).sort(),
};
// The frame for site builders (frame.html, its script, the host script);
// `files` stays the two files of the two-line embed.
manifest.frame = writeFrame({
  src, out, script: names.script, integrity: manifest.integrity, wasm: names.wasm, wasmIntegrity: manifest.wasmIntegrity, short, sri,
});
writeFileSync(new URL('manifest.json', out), `${JSON.stringify(manifest, null, 2)}\n`);
const embed = `<script type="module" src="/changecost/${names.script}" integrity="${manifest.integrity}" crossorigin="anonymous"></script>
<change-cost lang="de" currency="EUR" rate="95" hours="120"></change-cost>
`;
writeFileSync(new URL('embed.html', out), embed);
console.log(`release: www/release/ ${names.script} ${names.wasm}`);
