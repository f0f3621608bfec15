//! What the web tests share: the sample issues and storing an issue's text.

use shuzibao_archive::ingest::Input;
pub use shuzibao_archive::place::Given;
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

/// Stores `text` as the page file `name`, through the ingest pipeline.
pub fn ingest(archive: &mut Archive, name: &str, text: &str, given: Given) {
    let input = Input::bytes(name, text.as_bytes().to_vec(), given, Some(Path::new(name)));
    archive.ingest_one(&input).unwrap();
}

/// What a user says of a page: its paper, date and page.
pub fn given(paper: &str, date: &str, page: u32) -> Given {
    Given { paper: Some(paper.into()), date: date.parse().ok(), page: Some(shuzibao_core::PageNo::plain(page)) }
}
