// The release scripts, for tools/release.mjs (the release bundle) and
// tools/dist.mjs (the npm package, without its registering line): the
// wasm-bindgen glue, with the short import names of tools/imports.mjs, and
// the loader merged into one minified module (one script, so one
// Subresource Integrity hash covers every line of JavaScript the page
// runs), with the hashed names of the wasm, of the wasm gzipped and of the
// worker, the two wasm files' SHA-384 and the minified stylesheet written
// into the loader; and the simulation's
// worker, the same glue with worker.js merged in: a module of its own that
// imports nothing, so that a bundler copies or bundles it alone. The
// languages' files (changecost.<code>.txt, written by examples/texts.rs)
// get hashed names too, and gzipped copies as the wasm; the SHA-384s of
// both go into the loader. The gzipped copies are written by Zopfli
// (@gfx/zopfli): the gzip format every browser unpacks, 5 % fewer bytes
// than zlib's level 9 for the wasm (95,926 against 101,027 when it came
// in), since those files go on the wire as they are, from every host.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import { transformSync } from 'esbuild';
import { shortenImports } from './imports.mjs';

/** The hash in a file name: the first 12 hex digits of the SHA-256. */
export const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);
/** A SHA-384 in base64, as Subresource Integrity writes it. */
export const sri = (bytes) => createHash('sha384').update(bytes).digest('base64');

const zopfled = new Map();
/**
 * `bytes` gzipped by Zopfli (its default 15 iterations; 50 save 3 bytes
 * more for another second's work), deterministic (no name, no time in the
 * header), unpacked again and compared before it is used; once per
 * content in a run (tools/dist.mjs merges the loader twice).
 */
async function gzip(bytes) {
  const key = sri(bytes);
  if (!zopfled.has(key)) {
    const packed = Buffer.from(await gzipAsync(bytes, { numiterations: 15 }));
    if (!gunzipSync(packed).equals(bytes)) throw new Error('release: Zopfli wrote a gzip file that does not unpack to its input');
    zopfled.set(key, packed);
  }
  return zopfled.get(key);
}

function replaceOnce(text, pattern, replacement, what) {
  if (!pattern.test(text)) throw new Error(`release: cannot find ${what} in changecost.js`);
  // A function, so that `$&` and the like in the replacement (the css) stay as they are.
  return text.replace(pattern, () => replacement);
}

/** `text` with each of the `count` occurrences of `from` replaced by `to`. */
function replaceEach(text, from, to, count, what) {
  const found = text.split(from).length - 1;
  if (found !== count) throw new Error(`release: ${what}: ${found} times in changecost.js, expected ${count}`);
  return text.replaceAll(from, to);
}

/** A module that uses the glue: its import of the glue becomes the glue's own bindings. */
function withGlue(glue, module, names, file) {
  const body = replaceOnce(module, new RegExp(`^import init, \\{ ${names} \\} from '\\./changecost_wasm\\.js';$`, 'm'),
    'const init = __wbg_init;', `the glue import in ${file}`);
  return `${glue}\n// ---- ${file} ----\n${body}`;
}

/**
 * The languages' files in the development folder `src`, each with its
 * hashed name; fails unless they are the languages the loader lists, or
 * when a language's words are in the wasm (the wasm build must not name
 * `i18n::ALL`: its languages are these files).
 */
async function languages(src, loader, wasm) {
  const files = readdirSync(src).filter((f) => /^changecost\.[a-z]{2,8}\.txt$/.test(f)).sort();
  const texts = await Promise.all(files.map(async (file) => {
    const bytes = readFileSync(new URL(file, src));
    const code = file.split('.')[1];
    // Gzipped as the wasm is (its own hash in its name): the copy the
    // loader fetches where the browser can decompress it.
    const packed = await gzip(bytes);
    return {
      code, file, bytes, name: `changecost.${code}.${short(bytes)}.txt`, sha384: sri(bytes),
      gzip: packed, gzipName: `changecost.${code}.${short(packed)}.txt.gz`, gzipSha384: sri(packed),
    };
  }));
  const listed = [...loader.matchAll(/^ {2}([a-z]{2,8}): \['\.\/changecost\.\1\.txt', /gm)].map((m) => m[1]).sort();
  const built = texts.map((t) => t.code).sort();
  if (listed.join() !== built.join()) {
    throw new Error(`release: changecost.js lists the languages ${listed.join(', ')} in TEXTS, the build wrote ${built.join(', ') || 'none'}`);
  }
  for (const t of texts) {
    // The heading and the first sentence: a language the wasm still carries would have them.
    for (const words of t.bytes.toString('utf8').split('\u001f').slice(4, 6)) {
      if (words.length > 8 && wasm.includes(Buffer.from(words))) {
        throw new Error(`release: the wasm carries the ${t.code} texts ("${words}"): it must load them from ${t.file}`);
      }
    }
  }
  return texts;
}

/**
 * From the built development folder `src` (a URL ending in `/`): the
 * release wasm (short import names), the same gzipped (what the loader
 * fetches where the browser can decompress it), the worker, the
 * languages' files and their hashed file names, and the merged script;
 * `register: false` leaves out the line that defines the element.
 */
export async function mergeLoader(src, { register = true } = {}) {
  const read = (name) => readFileSync(new URL(name, src));
  const built = shortenImports(read('changecost_wasm_bg.wasm'), read('changecost_wasm.js').toString());
  const wasmName = `changecost.${short(built.wasm)}.wasm`;
  // Its own hash in its name, so that another compressor's bytes never
  // share a cached name.
  const gzipped = await gzip(built.wasm);
  const gzipName = `changecost.${short(gzipped)}.wasm.gz`;
  const loader = read('changecost.js').toString();
  const texts = await languages(src, loader, built.wasm);
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
  if (glue.includes('import.meta')) throw new Error('release: the glue names a file (wasm-bindgen without --omit-default-module-path?)');
  // The worker: what it does not use of the glue (the element's classes) left out.
  const worker = Buffer.from(transformSync(withGlue(glue, read('worker.js').toString(), 'simulateSaved', 'worker.js'),
    { format: 'esm', minify: true, treeShaking: true, target: 'es2022' }).code);
  if (/\bimport\s*[{*("'.]|\bexport\s*[{*]/.test(worker.toString())) throw new Error('release: the worker imports or exports');
  const workerName = `changecost-worker.${short(worker)}.js`;
  let body = withGlue(glue, loader, 'mount, attributes, addTexts', 'changecost.js');
  // Each name twice: in `new URL('./name', import.meta.url)` for bundlers, and beside a classic script.
  body = replaceEach(body, "'./changecost_wasm_bg.wasm'", `'./${wasmName}'`, 2, "the wasm's name");
  body = replaceEach(body, "'./changecost_wasm_bg.wasm.gz'", `'./${gzipName}'`, 2, "the gzipped wasm's name");
  body = replaceEach(body, "'./worker.js'", `'./${workerName}'`, 2, "the worker's name");
  for (const t of texts) {
    body = replaceEach(body, `'./${t.file}'`, `'./${t.name}'`, 2, `the name of ${t.file}`);
    body = replaceEach(body, `'./${t.file}.gz'`, `'./${t.gzipName}'`, 2, `the name of ${t.file}.gz`);
  }
  body = replaceOnce(body, /^const WASM_SHA384 = '[^']*';$/m, `const WASM_SHA384 = '${sri(built.wasm)}';`, 'WASM_SHA384');
  body = replaceOnce(body, /^const GZIP_SHA384 = '[^']*';$/m, `const GZIP_SHA384 = '${sri(gzipped)}';`, 'GZIP_SHA384');
  const shas = Object.fromEntries(texts.map((t) => [t.code, t.sha384]));
  body = replaceOnce(body, /^const TEXTS_SHA384 = \{\};$/m, `const TEXTS_SHA384 = ${JSON.stringify(shas)};`, 'TEXTS_SHA384');
  const gzipShas = Object.fromEntries(texts.map((t) => [t.code, t.gzipSha384]));
  body = replaceOnce(body, /^const TEXTS_GZIP_SHA384 = \{\};$/m, `const TEXTS_GZIP_SHA384 = ${JSON.stringify(gzipShas)};`, 'TEXTS_GZIP_SHA384');
  body = replaceOnce(body, /^const CSS_TEXT = null;$/m, `const CSS_TEXT = ${JSON.stringify(css)};`, 'CSS_TEXT');
  if (!register) body = replaceOnce(body, /^define\(\);$/m, '', 'the registering define();');
  const script = Buffer.from(transformSync(body, { format: 'esm', minify: true, treeShaking: true, target: 'es2022' }).code);
  // Bundlers find the files by these literals: minifying must keep them whole.
  for (const name of [wasmName, gzipName, workerName, ...texts.flatMap((t) => [t.name, t.gzipName])]) {
    if (!script.includes(`new URL("./${name}",import.meta.url)`)) throw new Error(`release: the script lost new URL('./${name}', import.meta.url)`);
  }
  return { wasm: built.wasm, wasmName, gzip: gzipped, gzipName, worker, workerName, script, texts };
}
