//! Pages read from a PDF: each article's regions and the page's assets
//! (the PDF's hash, the page's place and size, its images) kept with the
//! version, returned, unchanged when the same PDF page comes again, a new
//! version when the text comes from elsewhere; reparse leaves them alone.

use crate::Archive;
use shuzibao_core::parse;
use shuzibao_store::Backend;
use shuzibao_store::{IngestRequest, LineBox, Outcome, PageAssets, PageImageRecord, Region, Store};

const PAGE: &str = "# 老街焕发新活力\n\n\u{3000}\u{3000}本报讯 老街改造工程日前全面完工，沿街商铺陆续开门迎客。\n\n# 夜市烟火气\n\n\u{3000}\u{3000}入夜，示例区的夜市灯火通明，小吃摊前排起长队。\n";

fn assets(pdf_hash: &str) -> PageAssets {
    PageAssets {
        pdf_hash: pdf_hash.into(),
        pdf_page: 2,
        width: 595.0,
        height: 842.0,
        label: Some("A2".into()),
        images: vec![PageImageRecord { width: 1200, height: 1698, hash: "ab".repeat(32) }],
    }
}

fn regions() -> Vec<Vec<Region>> {
    vec![
        vec![Region { x0: 30.0, y0: 60.0, x1: 360.5, y1: 200.25 }],
        vec![
            Region { x0: 30.0, y0: 410.0, x1: 200.0, y1: 520.0 },
            Region { x0: 200.0, y0: 410.0, x1: 360.0, y1: 700.0 },
        ],
    ]
}

/// The first article's two lines (the second article keeps none).
fn lines() -> Vec<Vec<LineBox>> {
    vec![vec![LineBox::new(30.2, 60.0, 360.5, 80.4, 0), LineBox::new(30.0, 100.0, 360.0, 112.0, 7)], Vec::new()]
}

fn ingest_pdf(store: &mut Store, a: &PageAssets, text: &str) -> shuzibao_store::IngestReport {
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 2);
    let mut placement = super::placement(&issue);
    placement.date = Some("2024-03-05".parse().unwrap());
    placement.page = Some(shuzibao_core::PageNo::plain(2));
    let req = IngestRequest {
        source: "page.pdf",
        encoding: "PDF",
        raw_text: text,
        issue: &issue,
        placement,
        parser_version: "test",
        entities: None,
    };
    store.ingest_pdf_page(&req, a, &regions(), &lines()).unwrap()
}

fn regions_and_assets_are_kept_and_the_same_pdf_page_again_changes_nothing(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    let first = ingest_pdf(&mut store, &assets(&"cd".repeat(32)), PAGE);
    assert_eq!(first.outcome, Outcome::Added);
    let articles = store.articles_of_issue(first.issue_id).unwrap();
    assert_eq!(articles[0].regions, vec![Region { x0: 30.0, y0: 60.0, x1: 360.5, y1: 200.25 }]);
    assert_eq!(articles[1].regions.len(), 2);
    // the zones alone: the same ids, titles and regions in the same order
    let zones = store.zones_of_page(first.issue_id).unwrap();
    assert_eq!(
        zones.iter().map(|z| (z.id, z.title.as_str(), z.regions.clone())).collect::<Vec<_>>(),
        articles.iter().map(|a| (a.id, a.title.as_str(), a.regions.clone())).collect::<Vec<_>>()
    );
    assert_eq!(store.article_lines(articles[0].id).unwrap(), lines()[0]);
    assert_eq!(store.article_lines(articles[0].id).unwrap()[0], LineBox { x0: 30, y0: 60, x1: 361, y1: 81, start: 0 });
    assert!(store.article_lines(articles[1].id).unwrap().is_empty());
    assert!(store.article_lines(99_999).is_err());
    assert_eq!(store.page_assets(first.issue_id).unwrap(), Some(assets(&"cd".repeat(32))));
    assert_eq!(store.page_assets(first.issue_id).unwrap().unwrap().image(1200).unwrap().height, 1698);
    // the same PDF page again
    let again = ingest_pdf(&mut store, &assets(&"cd".repeat(32)), PAGE);
    assert_eq!(again.outcome, Outcome::Unchanged);
    // the same text from another PDF is a new version, with that PDF
    let other = ingest_pdf(&mut store, &assets(&"ef".repeat(32)), PAGE);
    assert_eq!(other.outcome, Outcome::Updated { version: 2 });
    assert_eq!(store.page_assets(first.issue_id).unwrap().unwrap().pdf_hash, "ef".repeat(32));
    // reparse reads text pages again, never a PDF page's layout
    assert_eq!(store.reparse(|_| parse(""), "other").unwrap(), 0);
    assert_eq!(store.articles_of_issue(first.issue_id).unwrap().len(), 2);
    // an unknown page is an error, a text page has no assets
    assert!(store.page_assets(9999).is_err());
}

fn a_text_page_has_no_regions_and_no_assets(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    let issue = parse(PAGE);
    let req = IngestRequest {
        source: "page.txt",
        encoding: "UTF-8",
        raw_text: PAGE,
        issue: &issue,
        placement: super::placement(&issue),
        parser_version: "test",
        entities: None,
    };
    let r = store.ingest(&req).unwrap();
    assert!(store.articles_of_issue(r.issue_id).unwrap().iter().all(|a| a.regions.is_empty()));
    assert_eq!(store.page_assets(r.issue_id).unwrap(), None);
}

#[test]
fn a_schema_9_archive_keeps_its_regions_and_gains_empty_lines_by_its_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut store = Store::open(dir.path()).unwrap();
        ingest_pdf(&mut store, &assets(&"cd".repeat(32)), PAGE).issue_id
    };
    // the database as schema 9 held it: no lines
    let db = rusqlite::Connection::open(dir.path().join(shuzibao_store::DB_FILE)).unwrap();
    db.execute_batch(&format!(
        "{} ALTER TABLE articles DROP COLUMN lines; PRAGMA user_version = 9;",
        super::store::DROP_CONFIDENCE
    ))
    .unwrap();
    drop(db);
    assert!(Store::open(dir.path()).err().unwrap().to_string().contains("shuzibao upgrade"));
    let mut told = Vec::new();
    let mut store = Store::open_upgrading(dir.path(), |s| told.push(s.to_string())).unwrap();
    assert_eq!(told, [format!("schema 9 -> {}", shuzibao_store::SCHEMA_VERSION)]);
    let articles = store.articles_of_issue(id).unwrap();
    assert_eq!(articles[1].regions.len(), 2, "regions kept");
    assert!(store.article_lines(articles[0].id).unwrap().is_empty(), "no lines were kept before 10");
    // the next ingest of a PDF page keeps them
    let next = ingest_pdf(&mut store, &assets(&"ef".repeat(32)), PAGE);
    let first = store.articles_of_issue(next.issue_id).unwrap()[0].id;
    assert_eq!(store.article_lines(first).unwrap(), lines()[0]);
}

crate::on_both_backends!(
    regions_and_assets_are_kept_and_the_same_pdf_page_again_changes_nothing,
    a_text_page_has_no_regions_and_no_assets,
);
