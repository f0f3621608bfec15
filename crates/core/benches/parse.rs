//! Parse throughput on the sample issues shipped in `samples/`.
//!
//! `cargo bench -p shuzibao-core --bench parse` reports bytes/s over all
//! sample issues parsed one after the other; each iteration checks the number
//! of articles found, so a parser that stopped working could not look fast.

#![allow(missing_docs)] // criterion_group! makes an undocumented pub fn

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn samples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples/ folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read_to_string(p).expect("sample is UTF-8")).collect()
}

fn parse_samples(c: &mut Criterion) {
    let texts = samples();
    let bytes: usize = texts.iter().map(String::len).sum();
    let expected: usize = texts.iter().map(|t| shuzibao_core::parse(t).articles.len()).sum();
    assert!(expected > 0, "the samples hold articles");
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("samples", |b| {
        b.iter(|| {
            let found: usize = texts.iter().map(|t| shuzibao_core::parse(black_box(t)).articles.len()).sum();
            assert_eq!(found, expected);
        })
    });
    group.finish();
}

criterion_group!(benches, parse_samples);
criterion_main!(benches);
