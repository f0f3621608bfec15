//! Prints the space an index takes, by field and by kind of file:
//! `cargo run --release -p shuzibao-search --example space -- DATA/index`.

#![allow(clippy::unwrap_used)]

fn main() {
    let dir = std::env::args().nth(1).expect("index folder");
    let index = tantivy::Index::open_in_dir(&dir).unwrap();
    let reader = index.reader().unwrap();
    let usage = reader.searcher().space_usage().unwrap();
    let mut fields: std::collections::BTreeMap<String, [u64; 3]> = Default::default();
    for seg in usage.segments() {
        for (kind, per_field) in [(0, seg.postings()), (1, seg.positions()), (2, seg.termdict())] {
            for u in per_field.fields() {
                fields.entry(u.field_name().to_string()).or_default()[kind] += u.total().get_bytes();
            }
        }
    }
    println!("{:<10} {:>12} {:>12} {:>12}", "field", "postings", "positions", "terms");
    for (name, [p, q, t]) in fields {
        println!("{name:<10} {p:>12} {q:>12} {t:>12}");
    }
    println!("total {}", usage.total().get_bytes());
}
