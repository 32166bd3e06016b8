#!/usr/bin/env node
// Prints the medians of the last `cargo bench` run of bench/ as a table
// (criterion's point estimate of the median time per iteration, the 95 %
// confidence interval of that median, the fastest sample's time per
// iteration, which a busy machine disturbs least, and the median
// throughput), from target/bench/criterion/**/new/{benchmark,estimates,sample}.json.
// `--json` also prints them as one JSON line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../target/bench/criterion/', import.meta.url).pathname;
if (!existsSync(root)) {
  console.error(`no criterion results in ${root}: run \`cd bench && cargo bench\` first`);
  process.exit(1);
}

/** Every directory under `dir` that holds new/estimates.json. */
function* results(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory() || name === 'report') continue;
    if (name === 'new' && existsSync(join(path, 'estimates.json'))) yield path;
    else yield* results(path);
  }
}

const order = ['price', 'simulate_2000', 'saved', 'parse'];
const rows = [];
for (const dir of results(root)) {
  const bench = JSON.parse(readFileSync(join(dir, 'benchmark.json'), 'utf8'));
  const est = JSON.parse(readFileSync(join(dir, 'estimates.json'), 'utf8'));
  const median = est.median.point_estimate; // ns per iteration
  const sample = JSON.parse(readFileSync(join(dir, 'sample.json'), 'utf8'));
  const fastest = Math.min(...sample.times.map((t, i) => t / sample.iters[i]));
  const elements = bench.throughput?.Elements ?? null;
  rows.push({
    id: bench.full_id,
    group: bench.group_id,
    medianNs: median,
    ciNs: [est.median.confidence_interval.lower_bound, est.median.confidence_interval.upper_bound],
    fastestNs: fastest,
    elements,
    elementsPerSecond: elements ? elements / (median / 1e9) : null,
  });
}
const rank = (r) => (order.indexOf(r.group) + order.length + 1) % (order.length + 1);
const num = (r) => Number(r.id.split('/').pop()) || 0;
rows.sort((a, b) => rank(a) - rank(b) || num(a) - num(b) || a.id.localeCompare(b.id));

/** ns as a short human figure. */
function time(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(ns >= 1e8 ? 0 : 2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(ns >= 1e5 ? 0 : 2)} µs`;
  return `${ns.toFixed(0)} ns`;
}
const rate = (x) => (x === null ? '' : x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(1)} k/s`);

console.log(`${'criterion benchmark'.padEnd(26)}${'median'.padStart(11)}  ${'95 % CI of the median'.padEnd(24)}${'fastest'.padStart(10)}${'throughput'.padStart(12)}`);
for (const r of rows) {
  const ci = `${time(r.ciNs[0])} – ${time(r.ciNs[1])}`;
  console.log(`${r.id.padEnd(26)}${time(r.medianNs).padStart(11)}  ${ci.padEnd(24)}${time(r.fastestNs).padStart(10)}${rate(r.elementsPerSecond).padStart(12)}`);
}
if (process.argv.includes('--json')) console.log(JSON.stringify({ criterion: rows }));
