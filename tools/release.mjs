#!/usr/bin/env node
// The release bundle: a self-contained folder a consultant uploads to any
// static host or CDN. From the built www/changecost/ it writes www/release/
// with content-hashed names:
//   changecost.<hash>.js    the loader with the wasm-bindgen glue and the
//                           css merged in, minified (tools/loader.mjs)
//   changecost.<hash>.wasm.gz  the wasm gzipped: what the loader fetches,
//                           checked against its SHA-384 and decompressed by
//                           the browser (the same bytes from every server)
//   changecost.<hash>.wasm  the wasm itself, checked likewise: for browsers
//                           without DecompressionStream, a .gz that does not
//                           arrive, and define({ wasmUrl })
//   changecost-worker.<hash>.js  the simulation's worker (the glue and
//                           worker.js), which the loader starts beside itself
//   changecost.<lang>.<hash>.txt.gz  each language's words gzipped, fetched
//                           by the loader when a calculator shows that
//                           language and unpacked as the wasm is
//   changecost.<lang>.<hash>.txt  the words themselves, where the .gz cannot
//                           be used
//   manifest.json           names and integrity, read by configure.html
//   embed.html              the two lines to paste, for a base path of /changecost/
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mergeLoader, short, sri } from './loader.mjs';
import { cargoVersion, writeFrame } from './release-frame.mjs';

const src = new URL('../www/changecost/', import.meta.url);
const out = new URL('../www/release/', import.meta.url);

// The loader with the glue merged in, and the wasm it loads (tools/loader.mjs).
const { wasm, wasmName, gzip, gzipName, worker, workerName, script, texts } = await mergeLoader(src);
const names = { wasm: wasmName, gzip: gzipName, worker: workerName, script: `changecost.${short(script)}.js` };

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(new URL(names.wasm, out), wasm);
writeFileSync(new URL(names.gzip, out), gzip);
writeFileSync(new URL(names.worker, out), worker);
writeFileSync(new URL(names.script, out), script);
for (const t of texts) {
  writeFileSync(new URL(t.name, out), t.bytes);
  writeFileSync(new URL(t.gzipName, out), t.gzip);
}
const manifest = {
  version: cargoVersion(),
  script: names.script,
  integrity: `sha384-${sri(script)}`,
  // The wasm file the loader fetches, the gzipped one, and for preload
  // hints the integrity the loader fetches it with (a preload is reused
  // only by a request with the same integrity): the gzipped file's hash and
  // the wasm's, for a server that sends .gz files with a Content-Encoding,
  // which the browser undoes before it checks.
  wasm: names.gzip,
  wasmIntegrity: `sha384-${sri(gzip)} sha384-${sri(wasm)}`,
  // The wasm itself, fetched only where the gzipped one cannot be used.
  wasmUncompressed: names.wasm,
  // Started by the loader beside itself; no integrity (workers take none):
  // it runs only from the page's own origin, with the module the page checked.
  worker: names.worker,
  // Each language's words: the loader fetches the one a calculator starts
  // in with the wasm, another when the client switches, gzipped (`file`,
  // with `integrity` naming both hashes, as for the wasm) where the browser
  // can decompress it, else the file itself (`uncompressed`).
  texts: Object.fromEntries(texts.map((t) => [t.code, {
    file: t.gzipName,
    integrity: `sha384-${t.gzipSha384} sha384-${t.sha384}`,
    uncompressed: t.name,
    uncompressedIntegrity: `sha384-${t.sha384}`,
  }])),
  files: readdirSync(out).sort(),
};
// The frame for site builders (frame.html, its script, the host script);
// `files` stays the files of the two-line embed.
manifest.frame = writeFrame({
  src, out, script: names.script, integrity: manifest.integrity, wasm: manifest.wasm, wasmIntegrity: manifest.wasmIntegrity, short, sri,
});
writeFileSync(new URL('manifest.json', out), `${JSON.stringify(manifest, null, 2)}\n`);
const embed = `<script type="module" src="/changecost/${names.script}" integrity="${manifest.integrity}" crossorigin="anonymous"></script>
<change-cost lang="de" currency="EUR" rate="95" hours="120"></change-cost>
`;
writeFileSync(new URL('embed.html', out), embed);
console.log(`release: www/release/ ${names.script} ${names.gzip} ${names.wasm} ${names.worker} ${texts.map((t) => t.name).join(' ')}`);
