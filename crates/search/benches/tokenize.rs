//! Throughput of the text analysis that indexing does on every article:
//! normalisation (traditional → simplified), bigrams, single characters and
//! jieba words, on the sample issues. Each iteration checks the token count.

#![allow(missing_docs, clippy::unwrap_used)] // criterion_group! makes an undocumented pub fn; fixtures must load

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use shuzibao_search::tokenize::{bigrams, normalize, unigrams, word_tokenizer};
use std::path::Path;
use tantivy::tokenizer::{TokenStream, Tokenizer};

fn text() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect::<Vec<_>>().join("\n")
}

fn analysis(c: &mut Criterion) {
    let text = text();
    let norm = normalize(&text);
    let mut g = c.benchmark_group("analysis");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("normalize", |b| b.iter(|| assert_eq!(normalize(black_box(&text)).len(), norm.len())));
    let n_bi = bigrams(&norm).len();
    g.bench_function("bigrams", |b| b.iter(|| assert_eq!(bigrams(black_box(&norm)).len(), n_bi)));
    let n_uni = unigrams(&norm).len();
    g.bench_function("unigrams", |b| b.iter(|| assert_eq!(unigrams(black_box(&norm)).len(), n_uni)));
    let mut jieba = word_tokenizer(shuzibao_core::segment::Segmenter::base());
    let count = |t: &mut shuzibao_search::tokenize::WordTokenizer| {
        let mut s = t.token_stream(&norm);
        let mut n = 0;
        while s.advance() {
            n += 1;
        }
        n
    };
    let n_words = count(&mut jieba);
    g.bench_function("jieba", |b| b.iter(|| assert_eq!(count(&mut jieba), n_words)));
    g.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
