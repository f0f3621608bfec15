//! Reading and rendering page PDFs: a made-up page (always), and the
//! project's example page when it is there (read from the shared folder at
//! bench time, never copied; `SHUZIBAO_SAMPLE_PDF` names another file).
//! Rendering is timed for the three sizes the product needs, PNG encoding
//! included. Run with `cargo bench -p shuzibao-pdf --bench pdf`.

#![allow(missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use shuzibao_pdf::render::{SCREEN_WIDTH, THUMBNAIL_WIDTH, ZOOM_WIDTH};
use shuzibao_pdf::{read_pdf, PdfDocument, Renderer};
use std::hint::black_box;

const SAMPLE: &str = "/work/shared/eval/pdfpages/example/rmrb-20191024-01-s1.pdf";

fn bench_file(c: &mut Criterion, name: &str, bytes: &[u8]) {
    let mut g = c.benchmark_group(name);
    g.sample_size(20);
    g.bench_function("read_pdf", |b| b.iter(|| read_pdf(black_box(bytes)).map(|p| p.len())));
    let renderer = Renderer::new();
    let Ok(doc) = PdfDocument::open(bytes) else { return };
    g.sample_size(10);
    for w in [ZOOM_WIDTH, SCREEN_WIDTH, THUMBNAIL_WIDTH] {
        g.bench_function(format!("render_png_{w}"), |b| {
            b.iter(|| renderer.render_pngs(&doc, 1, &[w]).map(|v| v.len()))
        });
    }
    g.bench_function("render_png_3_sizes", |b| {
        b.iter(|| renderer.render_pngs(&doc, 1, &[ZOOM_WIDTH, SCREEN_WIDTH, THUMBNAIL_WIDTH]).map(|v| v.len()))
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench_file(c, "made_up_page", &common::test_pdf(1, None, false));
    let path = std::env::var("SHUZIBAO_SAMPLE_PDF").unwrap_or_else(|_| SAMPLE.to_string());
    match std::fs::read(&path) {
        Ok(bytes) => bench_file(c, "example_page", &bytes),
        Err(_) => eprintln!("{path} is not here: only the made-up page is timed"),
    }
}

criterion_group!(pdf, benches);
criterion_main!(pdf);
