//! What the web tests share: the sample issues and storing an issue's text.

use shuzibao_store::{Hints, IngestRequest};
use shuzibao_web::Archive;
use std::path::Path;

/// The sample issues shipped with the project: (file name, text), by name.
pub fn samples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    v
}

/// Parses `text` and stores it as the issue file `name`.
pub fn ingest(archive: &mut Archive, name: &str, text: &str, hints: Hints) {
    let issue = shuzibao_core::parse(text);
    let req = IngestRequest {
        source: name,
        encoding: "UTF-8",
        raw_text: text,
        issue: &issue,
        hints,
        parser_version: "test",
        entities: None,
    };
    archive.store.ingest(&req).unwrap();
}
