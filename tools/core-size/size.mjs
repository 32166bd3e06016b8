#!/usr/bin/env node
// The core alone (issue 24), in bytes: the wasm and its glue of
// tools/core-size as `make core-size` built them, raw and gzip -9, and the
// core's share of the wasm by section. With --json, one line of JSON too.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const out = new URL('../../target/core-size/out/', import.meta.url);
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const wasm = readFileSync(new URL('core_size_bg.wasm', out));
const glue = readFileSync(new URL('core_size.js', out));

// The wasm's sections: code (functions) and data (texts, tables).
const sections = {};
let at = 8;
const leb = () => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = wasm[at++];
    value += (byte & 127) * 2 ** shift;
    shift += 7;
  } while (byte & 128);
  return value;
};
while (at < wasm.length) {
  const id = wasm[at++];
  const size = leb();
  const name = { 10: 'code', 11: 'data' }[id] ?? 'other';
  const body = wasm.subarray(at, at + size);
  sections[name] = (sections[name] ?? 0) + gzip(body);
  at += size;
}

const rows = [
  ['wasm', wasm.length, gzip(wasm)],
  ['glue', glue.length, gzip(glue)],
];
const total = rows.reduce((t, r) => t + r[2], 0);
console.log(`${'core alone (tools/core-size)'.padEnd(32)}${'raw'.padStart(9)}${'gzip -9'.padStart(10)}`);
for (const [name, raw, gz] of rows) console.log(`  ${name.padEnd(30)}${String(raw).padStart(9)}${String(gz).padStart(10)}`);
console.log(`  ${'total'.padEnd(30)}${''.padStart(9)}${String(total).padStart(10)}`);
console.log(`  sections alone, gzip -9: code ${sections.code}, data ${sections.data}, other ${sections.other}`);
if (process.argv.includes('--json')) console.log(JSON.stringify({ wasm: rows[0][2], glue: rows[1][2], total, sections }));
