//! A measurement, not a check (run with `--ignored --nocapture`): a page
//! image served from the database (a BYTEA row) against the same bytes from
//! a file, for ARCHITECTURE.md's choice of where the nodes of a PostgreSQL
//! archive keep PDFs and page images.

use std::time::Instant;

#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn page_images_from_the_database_or_from_files() {
    const FILES: usize = 40;
    const SIZE: usize = 400 << 10; // a page image of a broadsheet at 1,600 px: 300–600 KB of PNG
    const READS: usize = 400;
    let url = crate::server().database().unwrap();
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client.batch_execute("CREATE TABLE files (hash TEXT PRIMARY KEY, bytes BYTEA NOT NULL)").unwrap();
    let dir = tempfile::tempdir().unwrap();
    // incompressible bytes, as PNG's are
    let mut x = 0x9e37_79b9_7f4a_7c15_u64;
    let blobs: Vec<Vec<u8>> = (0..FILES)
        .map(|_| {
            (0..SIZE)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect()
        })
        .collect();
    let t = Instant::now();
    for (i, b) in blobs.iter().enumerate() {
        client.execute("INSERT INTO files VALUES ($1, $2)", &[&format!("h{i}"), b]).unwrap();
    }
    let db_write = t.elapsed() / FILES as u32;
    let t = Instant::now();
    for (i, b) in blobs.iter().enumerate() {
        std::fs::write(dir.path().join(format!("h{i}.png")), b).unwrap();
    }
    let file_write = t.elapsed() / FILES as u32;
    let bytes: i64 = client.query_one("SELECT pg_total_relation_size('files')", &[]).unwrap().get(0);
    let st = client.prepare("SELECT bytes FROM files WHERE hash = $1").unwrap();
    let t = Instant::now();
    for i in 0..READS {
        let b: Vec<u8> = client.query_one(&st, &[&format!("h{}", i % FILES)]).unwrap().get(0);
        assert_eq!(b.len(), SIZE);
    }
    let db_read = t.elapsed() / READS as u32;
    let t = Instant::now();
    for i in 0..READS {
        let b = std::fs::read(dir.path().join(format!("h{}.png", i % FILES))).unwrap();
        assert_eq!(b.len(), SIZE);
    }
    let file_read = t.elapsed() / READS as u32;
    eprintln!(
        "{FILES} images of {} KB: database {:.0} KB each on disk, written in {db_write:?}, read in {db_read:?}; \
         files written in {file_write:?}, read in {file_read:?}",
        SIZE >> 10,
        bytes as f64 / FILES as f64 / 1024.0
    );
}
