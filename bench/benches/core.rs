//! Criterion benchmarks of the changecost core, native (issue 6, issue 3):
//! the deterministic recompute, the simulation, the saved form's round trip
//! and number parsing. Medians land in
//! `../target/bench/criterion/<group>/<bench>/new/estimates.json`;
//! `bench/medians.mjs` prints them as a table.
//!
//! Measurement time is kept short (1 s warm-up, 3 s measurement) because
//! the machine has two cores that a build may share; criterion's own
//! command-line options override it.

use std::hint::black_box;
use std::time::Duration;

use changecost::core::{decode, encode, parse, price, simulate, Quantity, Scenario, MAX_CHANGES};
use changecost_bench::scenario;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};

/// The deterministic recompute the widget runs on every keystroke.
/// Throughput: changes priced per second.
fn bench_price(c: &mut Criterion) {
    let mut g = c.benchmark_group("price");
    for n in [10, 100, 1_000, 10_000] {
        let s = scenario(n);
        // Beyond MAX_CHANGES the scenario does not validate, but `price`
        // does not validate either: it runs the same code.
        assert_eq!(s.validate().is_ok(), n <= MAX_CHANGES, "{n} changes");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &s, |b, s| b.iter(|| price(black_box(s)).unwrap()));
    }
    g.finish();
}

/// The whole simulation at once (the widget runs it in slices off the
/// input path). Throughput: changes priced per second, trials x changes.
/// Tens to hundreds of milliseconds an iteration: flat sampling, 10
/// samples, so that the 3 s budget holds.
fn bench_simulate(c: &mut Criterion) {
    let mut g = c.benchmark_group("simulate_2000");
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    for n in [10, 100, 1_000] {
        let s = scenario(n);
        assert_eq!(s.trials, 2_000);
        g.throughput(Throughput::Elements(n as u64 * u64::from(s.trials)));
        g.bench_with_input(BenchmarkId::from_parameter(n), &s, |b, s| b.iter(|| simulate(black_box(s)).unwrap()));
    }
    g.finish();
}

/// The saved form there and back: the JSON tree the widget writes to and
/// reads from localStorage (the text itself is the browser's JSON).
fn bench_saved(c: &mut Criterion) {
    let mut g = c.benchmark_group("saved");
    let s = scenario(100);
    let defaults = Scenario::default();
    assert_eq!(decode(&encode(&s), &defaults).as_ref(), Ok(&s));
    g.throughput(Throughput::Elements(100));
    g.bench_function("decode_encode/100", |b| b.iter(|| decode(&encode(black_box(&s)), &defaults).unwrap()));
    g.finish();
}

/// Numbers as people type them, in both languages.
fn bench_parse(c: &mut Criterion) {
    let typed: [(&str, char, Quantity); 6] = [
        ("95", ',', Quantity::Money),
        ("1.234,56 €", ',', Quantity::Money),
        ("1,234.56", '.', Quantity::Money),
        ("120,5", ',', Quantity::Hours),
        ("15 %", ',', Quantity::Percent),
        ("1.5", '.', Quantity::Multiplier),
    ];
    for (text, decimal, quantity) in typed {
        assert!(parse(text, decimal, quantity).is_ok(), "{text}");
    }
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Elements(typed.len() as u64));
    g.bench_function("six_typed_numbers", |b| {
        b.iter(|| {
            for (text, decimal, quantity) in &typed {
                black_box(parse(black_box(text), *decimal, *quantity).unwrap());
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = bench_price, bench_simulate, bench_saved, bench_parse
}
criterion_main!(benches);
