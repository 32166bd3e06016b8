#!/usr/bin/env node
// What ships, in bytes: raw, gzip -9 and brotli (max quality) of every file
// a host page loads. The release bundle (www/release/, what a consultant
// uploads: one minified script with the minified css inside, the wasm, the
// simulation's worker, one file of words per language) is what counts;
// the development folder (www/changecost/) is shown for comparison. A page
// loads one language's file (issue 24), so the first load is the script,
// the wasm, the worker and the largest language; the total with every
// language is shown too. Then what a first load puts on the wire from a
// server that compresses (gzip -9 assumed) and from one that compresses
// nothing: the loader fetches the wasm and the language gzipped
// (manifest.wasm, a .wasm.gz; manifest.texts[code].file, a .txt.gz) and
// decompresses them itself, the scripts come as the server sends them.
// With --check, fails when the first load's gzip bytes are over the
// ceiling, when its bytes on the wire from a server that compresses are
// over theirs, or when the wasm or the words on the wire from a server that
// compresses nothing are more than 5 % over their gzip figure (issue 24;
// bytes are deterministic, so this is a test).
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// A ceiling against regressions, a little above today's first load
// (120,987 bytes: the script, the wasm, the worker and the German words,
// the larger language). It was 123,000 over 121,531 bytes on 29 November
// 2026; each issue since moved it by what it measured: issue 25's
// persist="ask" fitted under it (+762), issue 21's verdict raised it by
// 10,000 (+9,693, and +447 for its review's mends), issue 23 by 4,900
// (+4,888: the simulation's worker as a file of its own, which carries the
// glue again), to 137,900 over 137,365. Issue 24 lowered it to 125,500:
// the view in pure Rust behind two functions (-4,278), the leaner core
// (-4,830), the wasm gzipped on the wire (+337 of loader) and one language
// per download (-3,502: 9,377 less wasm, 5,274 for the German file, the
// rest loader); then to 121,000: wasm-opt --low-memory-unused (-719), the
// crash message in the language on screen (+171), no hash map in the
// browser layer (-1,744), no core::fmt for its integers (-883), no js-sys
// (-1,394): 125,325 -> 120,756; then 121,300 for the languages' words
// gzipped on the wire as the wasm is (+256 of loader: 10,010 bytes fewer
// from a server that compresses nothing), and +25 for the console's word
// when a .txt.gz gives way to the .txt. Issue 6's budget is 45 KB, issue 13's 56 KB and issue 24's
// 80 KB; docs/performance.md says by how much and why they are missed.
const BUDGET_GZIP = 121_300;
// What a first load puts on the wire from a server that compresses (the
// scripts at gzip -9, the .wasm.gz and .txt.gz as written): 115,743
// bytes since the release writes its .gz files with Zopfli (about 5,260
// more with zlib's level 9); a ceiling a little above, so that a return to
// zlib fails.
const BUDGET_WIRE = 116_100;
const release = new URL('../www/release/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', release)));
const dev = new URL('../www/changecost/', import.meta.url);
const devFiles = ['changecost.js', 'worker.js', 'changecost_wasm.js', 'changecost_wasm_bg.wasm', 'changecost.css',
  ...Object.keys(manifest.texts).map((code) => `changecost.${code}.txt`)];

function measure(dir, files) {
  return files.map((name) => {
  const bytes = readFileSync(new URL(name, dir));
  return {
    name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  });
}
const sum = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });
const code = measure(release, [manifest.script, manifest.wasmUncompressed, manifest.worker]);
// Each language's words (the file itself; its .gz is what goes on the
// wire, below).
const texts = Object.values(manifest.texts);
const languages = measure(release, texts.map((t) => t.uncompressed));
const rows = [...code, ...languages];
const largest = languages.reduce((a, b) => (b.gzip > a.gzip ? b : a), { raw: 0, gzip: 0, brotli: 0 });
// What a page with one calculator loads.
const total = sum([...code, largest]);
const every = sum(rows);
const devRows = measure(dev, devFiles);

const pad = (s, n) => String(s).padStart(n);
function table(title, list, totals) {
  console.log(`${title.padEnd(36)}${pad('raw', 9)}${pad('gzip -9', 10)}${pad('brotli', 9)}`);
  for (const r of [...list, ...totals]) {
    console.log(`  ${r.name.padEnd(34)}${pad(r.raw, 9)}${pad(r.gzip, 10)}${pad(r.brotli, 9)}`);
  }
}
table('release bundle (what ships)', rows, [
  { name: `first load (with ${largest.name ?? 'no language'})`, ...total },
  { name: 'total, every language', ...every },
]);
table('development folder', devRows, [{ name: 'total', ...sum(devRows) }]);

// On the wire: the script, the worker and the language as the server
// sends them; the wasm as the loader fetches it (gzipped: no server
// compresses a .gz again), and before issue 24 the .wasm, which only a
// compressing server compressed.
const [script, wasm, worker] = code;
const bytes = (name) => readFileSync(new URL(name, release)).length;
const gzipped = bytes(manifest.wasm);
// The largest language's .gz, as the loader fetches it (gzipped, like the wasm).
const wordsGzipped = bytes(texts.find((t) => t.uncompressed === largest.name).file);
const wire = {
  compressing: script.gzip + gzipped + worker.gzip + wordsGzipped,
  none: script.raw + gzipped + worker.raw + wordsGzipped,
  wasmNone: gzipped,
  before: { compressing: total.gzip, none: total.raw },
};
const times = (x, of) => `${(x / of).toFixed(2)}x`;
console.log(`${'on the wire, first load'.padEnd(32)}${pad('gzip', 9)}${pad('none', 10)}   (server compression)`);
console.log(`  ${'the wasm, as the .wasm.gz'.padEnd(30)}${pad(gzipped, 9)}${pad(wire.wasmNone, 10)}`);
console.log(`  ${'the two scripts'.padEnd(30)}${pad(script.gzip + worker.gzip, 9)}${pad(script.raw + worker.raw, 10)}`);
console.log(`  ${'the language, as the .txt.gz'.padEnd(30)}${pad(wordsGzipped, 9)}${pad(wordsGzipped, 10)}`);
console.log(`  ${'total'.padEnd(30)}${pad(wire.compressing, 9)}${pad(wire.none, 10)}   none: ${times(wire.none, total.gzip)} the gzip total, the wasm ${times(wire.wasmNone, wasm.gzip)} its gzip`);
console.log(`  ${'the .wasm fetched whole'.padEnd(30)}${pad(total.gzip, 9)}${pad(total.raw, 10)}   (before issue 24)`);
if (process.argv.includes('--json')) console.log(JSON.stringify({ files: rows, total, every, development: devRows, wire }));
if (process.argv.includes('--check')) {
  // Each ceiling in turn: whether it holds, what it says when it does not, and when it does.
  const checks = [
    [total.gzip <= BUDGET_GZIP, `size ceiling exceeded: ${total.gzip} bytes gzip > ${BUDGET_GZIP}`,
      `size ceiling ok: ${total.gzip} <= ${BUDGET_GZIP} bytes gzip (budget of issue 6: 45,000)`],
    [wire.compressing <= BUDGET_WIRE, `on the wire from a server that compresses: ${wire.compressing} bytes > ${BUDGET_WIRE}`,
      `wire ceiling ok: ${wire.compressing} <= ${BUDGET_WIRE} bytes from a server that compresses`],
    [wire.wasmNone <= wasm.gzip * 1.05,
      `the wasm from a server that compresses nothing: ${wire.wasmNone} bytes, more than 5 % over its gzip ${wasm.gzip}`,
      `wasm on the wire ok: ${wire.wasmNone} bytes from a server that compresses nothing, gzip ${wasm.gzip}`],
    [wordsGzipped <= largest.gzip * 1.05,
      `the words from a server that compresses nothing: ${wordsGzipped} bytes, more than 5 % over their gzip ${largest.gzip}`,
      `words on the wire ok: ${wordsGzipped} bytes from a server that compresses nothing, gzip ${largest.gzip}`],
  ];
  for (const [holds, failed, ok] of checks) {
    if (!holds) {
      console.error(failed);
      process.exit(1);
    }
    console.log(ok);
  }
}
