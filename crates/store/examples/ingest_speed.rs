//! How fast the store takes pages: the three sample pages ingested again
//! and again under new dates (parsed and their entities found beforehand:
//! only the store is timed), in batches of 100 pages as a bulk ingest does.
//!
//! `cargo run --release -p shuzibao-store --example ingest_speed [PAGES] [DATABASE_URL]`
//! (SQLite in a temporary folder without a URL).

#![allow(clippy::unwrap_used)]

use shuzibao_store::{IngestRequest, Location, Placement, Store};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let pages: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3000);
    let dir = tempfile::tempdir().unwrap();
    let location = Location::parse(args.next().as_deref(), dir.path()).unwrap();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
    let mut texts: Vec<String> =
        std::fs::read_dir(samples).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    texts.sort();
    let start: chrono::NaiveDate = "2000-01-01".parse().unwrap();
    let work: Vec<_> = (0..pages)
        .map(|n| {
            // each page a little different, so that each is a new page
            let text = format!("{}\n\n第{n}号\n", texts[n % texts.len()]);
            let issue = shuzibao_core::parse(&text);
            let date = start + chrono::Days::new((n / texts.len()) as u64);
            let entities = shuzibao_store::entities_for(&issue, Some(date));
            (text, issue, date, (n % texts.len()) as u32 + 1, entities)
        })
        .collect();
    let mut store = Store::open_at(&location, dir.path()).unwrap();
    let began = Instant::now();
    let cpu_began = cpu_ns();
    for chunk in work.chunks(100) {
        store.begin_batch().unwrap();
        for (text, issue, date, page, entities) in chunk {
            store
                .ingest(&IngestRequest {
                    source: "sample.txt",
                    encoding: "UTF-8",
                    raw_text: text,
                    issue,
                    placement: Placement {
                        paper: "示例区报".into(),
                        date: Some(*date),
                        page: Some(shuzibao_core::PageNo::plain(*page)),
                        ..Placement::default()
                    },
                    parser_version: "speed",
                    entities: Some(entities),
                })
                .unwrap();
        }
        store.commit_batch().unwrap();
    }
    let took = began.elapsed().as_secs_f64();
    let cpu = (cpu_ns() - cpu_began) as f64 / 1e9;
    let articles = store.stats().unwrap().articles;
    println!(
        "{pages} pages ({articles} articles) in {took:.2} s ({cpu:.2} s on the CPU): {:.0} pages/s, {:.0} pages per CPU second",
        pages as f64 / took,
        pages as f64 / cpu
    );
}

/// The time this thread has run on a CPU, in ns (Linux), 0 where unknown:
/// a figure the other processes of a busy machine disturb less than the
/// wall clock's.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}
