// Short import names for the release bundle. wasm-bindgen names each import
// after its function and a 16-digit hash (`__wbg_setAttribute_f75317b2b5cabfb4`)
// under the module "./changecost_wasm_bg.js"; both names are stored in the
// wasm for each of about 200 imports, and again as keys of the glue's import
// object. Hashes do not compress, so the long names cost about 4 KB gzip.
// shortenImports() renames every import to a short identifier, in the wasm's
// import section and in the glue alike, and fails loudly when the glue does
// not have each name exactly once where it is expected (a wasm-bindgen whose
// glue looks different), rather than writing a bundle that cannot link.
// tools/release.mjs and tools/dist.mjs call it; the development folder keeps
// the long names.

const MODULE = './changecost_wasm_bg.js';
const SHORT_MODULE = 'a';

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function uleb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Buffer.from(out);
}

const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([uleb(bytes.length), bytes]);
};

/** The length in bytes of an import's descriptor (its kind byte first) at `at`. */
function descriptorLength(bytes, at) {
  const start = at;
  const kind = bytes[at++];
  const limits = () => {
    const flags = bytes[at++];
    [, at] = leb(bytes, at);
    if (flags & 1) [, at] = leb(bytes, at);
  };
  if (kind === 0) [, at] = leb(bytes, at); // a function: its type index
  else if (kind === 1) { at += 1; limits(); } // a table: element type, limits
  else if (kind === 2) limits(); // a memory
  else if (kind === 3) at += 2; // a global: value type, mutability
  else if (kind === 4) { at += 1; [, at] = leb(bytes, at); } // a tag
  else throw new Error(`imports: unknown import kind ${kind}`);
  return at - start;
}

/** a, b, ... z, A, ... Z, aa, ab, ...: identifiers, never `__proto__`. */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  do {
    s = letters[i % 52] + s;
    i = Math.floor(i / 52) - 1;
  } while (i >= 0);
  return s;
}

/**
 * The wasm with short import names, and the glue with the same names.
 * `wasm`: a Buffer; `glue`: the text of changecost_wasm.js.
 */
export function shortenImports(wasm, glue) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('imports: not a wasm module');
  const parts = [wasm.subarray(0, 8)];
  const renamed = new Map();
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    const end = body + size;
    if (id !== 2) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = leb(wasm, body);
    const entries = [uleb(count)];
    for (let k = 0; k < count; k++) {
      let length;
      [length, p] = leb(wasm, p);
      const module = wasm.subarray(p, p + length).toString('utf8');
      p += length;
      [length, p] = leb(wasm, p);
      const field = wasm.subarray(p, p + length).toString('utf8');
      p += length;
      const descriptor = wasm.subarray(p, p + descriptorLength(wasm, p));
      p += descriptor.length;
      if (module !== MODULE) throw new Error(`imports: an import from "${module}", not from "${MODULE}"`);
      if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
      entries.push(name(SHORT_MODULE), name(renamed.get(field)), descriptor);
    }
    if (p !== end) throw new Error('imports: the import section did not end where its size says');
    const section = Buffer.concat(entries);
    parts.push(Buffer.from([2]), uleb(section.length), section);
    at = end;
  }
  if (!renamed.size) throw new Error('imports: the module imports nothing');

  let text = glue;
  const moduleKey = `"${MODULE}": import0,`;
  if (text.split(moduleKey).length !== 2) throw new Error(`imports: the glue does not name ${MODULE} once`);
  text = text.replace(moduleKey, `${SHORT_MODULE}: import0,`);
  for (const [long, short] of renamed) {
    // Each name is a key of the import object, once: `        <name>: function(`.
    const key = new RegExp(`^(\\s+)${long}:`, 'm');
    const uses = text.match(new RegExp(`\\b${long}\\b`, 'g')) ?? [];
    if (uses.length !== 1 || !key.test(text)) {
      throw new Error(`imports: the glue has ${uses.length} uses of ${long}, expected its one key`);
    }
    text = text.replace(key, `$1${short}:`);
  }
  return { wasm: Buffer.concat(parts), glue: text, count: renamed.size };
}
