//! PDF pages through the one ingest pipeline, on made-up pages: articles
//! with their regions stored and returned, the PDF kept byte for byte under
//! its hash, three page images of the right widths, the same PDF again
//! unchanged, pages of one PDF numbered from their labels, a PDF winning
//! over the text of the same page, bad PDFs refused with nothing stored, a
//! page without text kept with its images.

#![allow(clippy::unwrap_used)]

#[path = "support/pdf_page.rs"]
mod pdf_page;

use pdf_page::{pdf, two_articles, PageDraw, A_TITLE, B_TITLE};
use shuzibao_archive::files::{sha256_hex, Files};
use shuzibao_archive::ingest::Input;
use shuzibao_archive::place::Given;
use shuzibao_archive::Archive;
use shuzibao_store::Outcome;
use std::path::Path;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn ingest(archive: &mut Archive, paths: &[std::path::PathBuf]) -> shuzibao_archive::ingest::Summary {
    let inputs: Vec<Input> = paths.iter().map(|p| Input::file(p, Given::default())).collect();
    archive.ingest_all(&inputs, |_| {}).unwrap()
}

/// The files kept in the data folder, by extension.
fn kept(data: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    let dir = data.join(shuzibao_archive::files::FILES_DIR);
    let mut out = Vec::new();
    for fan in std::fs::read_dir(&dir).into_iter().flatten() {
        for f in std::fs::read_dir(fan.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == ext) {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn a_pdf_page_is_stored_with_its_regions_its_pdf_and_three_images() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let bytes = pdf(&[two_articles(2, true)], None);
    let file = write(tmp.path(), "page.pdf", &bytes);
    let mut archive = Archive::open(&data).unwrap();
    let summary = ingest(&mut archive, std::slice::from_ref(&file));
    assert_eq!((summary.added, summary.failed.len()), (1, 0), "{summary:?}");
    let stored = &summary.pages[0];
    assert_eq!(stored.paper, "示例日报");
    assert_eq!(stored.date.as_deref(), Some("2024-03-05"));
    assert_eq!(stored.page.as_deref(), Some("2"));

    // the articles, each with regions around its headline
    let store = archive.store();
    let page = stored.report.issue_id;
    let articles = store.articles_of_issue(page).unwrap();
    let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, [A_TITLE, B_TITLE]);
    for (a, top) in articles.iter().zip([60.0f32, 0.0]) {
        assert!(!a.regions.is_empty(), "{} has no regions", a.title);
        let r = a.regions[0];
        assert!(r.x0 >= 25.0 && r.x1 <= 570.0 && r.y0 >= top && r.y1 > r.y0, "{}: {r:?}", a.title);
    }
    assert!(articles[0].regions[0].y1 <= articles[1].regions[0].y0, "the articles overlap");
    assert_eq!(articles[1].reporters, ["钱小明"]);

    // the PDF byte for byte under its hash, and the three images
    let assets = store.page_assets(page).unwrap().expect("a PDF page has assets");
    assert_eq!(assets.pdf_hash, sha256_hex(&bytes));
    assert_eq!((assets.pdf_page, assets.width, assets.height), (1, 595.0, 842.0));
    let files = Files::of(&data);
    assert_eq!(std::fs::read(files.path(&assets.pdf_hash, "pdf")).unwrap(), bytes);
    let widths: Vec<u32> = assets.images.iter().map(|i| i.width).collect();
    assert_eq!(widths, [1200, 2400, 200]);
    for image in &assets.images {
        let png = std::fs::read(files.path(&image.hash, "png")).unwrap();
        assert_eq!(sha256_hex(&png), image.hash);
        let info = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
        assert_eq!((info.info().width, info.info().height), (image.width, image.height));
        assert_eq!(image.height, (image.width as f32 * 842.0 / 595.0).round() as u32);
    }

    // the same PDF again (another name): nothing changes
    let copy = write(tmp.path(), "copy.pdf", &bytes);
    let again = ingest(&mut archive, &[copy]);
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 1), "{again:?}");
    assert_eq!(again.pages[0].report.outcome, Outcome::Unchanged);
    let s = archive.store().stats().unwrap();
    assert_eq!((s.issues, s.versions), (1, 1));
    assert_eq!(kept(&data, "pdf").len(), 1);
    assert_eq!(kept(&data, "png").len(), 3);
    // an image lost from the data folder is rendered again
    let thumbnail = files.path(&assets.images[2].hash, "png");
    std::fs::remove_file(&thumbnail).unwrap();
    let again = ingest(&mut archive, std::slice::from_ref(&file));
    assert_eq!(again.unchanged, 1);
    assert_eq!(sha256_hex(&std::fs::read(&thumbnail).unwrap()), assets.images[2].hash);
    // searchable like any page
    archive.close().unwrap();
    let reader = shuzibao_archive::Reader::open(&data).unwrap();
    let req = shuzibao_search::SearchRequest {
        query: reader.index.parse_query("老年助餐").unwrap(),
        limit: 10,
        ..Default::default()
    };
    let found = shuzibao_archive::find::search(&reader.index, &reader.store, &req, 40).unwrap();
    assert_eq!(found.hits.len(), 1);
    assert_eq!(found.hits[0].article.title, B_TITLE);
    assert!(!found.hits[0].article.regions.is_empty());
}

#[test]
fn the_pages_of_one_pdf_are_numbered_from_their_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let bytes = pdf(&[two_articles(0, false), two_articles(0, false)], Some(&["A", "B"]));
    let file = write(tmp.path(), "rmrb-20240305.pdf", &bytes);
    let mut archive = Archive::open(&tmp.path().join("data")).unwrap();
    let summary = ingest(&mut archive, &[file]);
    assert_eq!((summary.added, summary.failed.len()), (2, 0), "{summary:?}");
    let pages: Vec<(&str, Option<&str>, Option<&str>)> =
        summary.pages.iter().map(|p| (p.paper.as_str(), p.date.as_deref(), p.page.as_deref())).collect();
    assert_eq!(pages, [("人民日报", Some("2024-03-05"), Some("A1")), ("人民日报", Some("2024-03-05"), Some("B1"))]);
    assert!(summary.pages[1].file.ends_with("rmrb-20240305.pdf#page=2"), "{}", summary.pages[1].file);
    let store = archive.store();
    let second = store.page_assets(summary.pages[1].report.issue_id).unwrap().unwrap();
    assert_eq!((second.pdf_page, second.label.as_deref()), (2, Some("B1")));
}

#[test]
fn a_pdf_wins_over_the_text_of_the_same_page() {
    let tmp = tempfile::tempdir().unwrap();
    let bytes = pdf(&[two_articles(2, true)], None);
    let text = "第2版 要闻 示例日报 2024年3月5日\n\n# 另一个标题\n\n\u{3000}\u{3000}本报讯 这是同一版的文字稿。\n";
    // the text first in the order given: the PDF is prepared first all the same
    let paths = [write(tmp.path(), "a-page.txt", text.as_bytes()), write(tmp.path(), "b-page.pdf", &bytes)];
    let mut archive = Archive::open(&tmp.path().join("data")).unwrap();
    let summary = ingest(&mut archive, &paths);
    assert_eq!((summary.added, summary.skipped.len(), summary.failed.len()), (1, 1, 0), "{summary:?}");
    assert!(summary.skipped[0].file.ends_with("a-page.txt"));
    assert!(summary.pages[0].file.ends_with("b-page.pdf"));
    let articles = archive.store().articles_of_issue(summary.pages[0].report.issue_id).unwrap();
    assert_eq!(articles[0].title, A_TITLE);
}

#[test]
fn bad_pdfs_are_refused_naming_the_file_and_nothing_is_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let good = pdf(&[two_articles(2, true)], None);
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend_from_slice(&[0u8; 64]);
    let many: Vec<PageDraw> =
        (0..shuzibao_archive::pdf_pages::MAX_PDF_PAGES + 1).map(|_| PageDraw::default()).collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("zip.pdf", zip, "not a PDF file: it is a ZIP archive"),
        ("cut.pdf", good[..good.len() / 2].to_vec(), "truncated PDF"),
        ("empty.pdf", Vec::new(), "not a PDF file: the file is empty"),
        ("header-only.txt", b"%PDF-1.7\n%%EOF\n".to_vec(), "PDF"),
        ("long.pdf", pdf(&many, None), "more than the 400 an issue may have"),
    ];
    let data = tmp.path().join("data");
    let mut archive = Archive::open(&data).unwrap();
    let mut paths = Vec::new();
    for (name, bytes, _) in &cases {
        paths.push(write(tmp.path(), &format!("xhb-20240305-02-{name}"), bytes));
    }
    let summary = ingest(&mut archive, &paths);
    assert_eq!(summary.failed.len(), cases.len(), "{summary:?}");
    for (name, _, why) in &cases {
        let f = summary.failed.iter().find(|f| f.file.ends_with(name)).unwrap();
        assert!(f.reason.contains(why), "{name}: {}", f.reason);
    }
    assert_eq!(archive.store().stats().unwrap().issues, 0);
    assert!(kept(&data, "pdf").is_empty() && kept(&data, "png").is_empty(), "files kept for refused PDFs");
}

#[test]
fn a_page_without_text_is_kept_with_its_images_and_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let mut blank = PageDraw::default();
    blank.rule(400.0);
    let file = write(tmp.path(), "xhb-20240305-03.pdf", &pdf(&[blank], None));
    let mut archive = Archive::open(&tmp.path().join("data")).unwrap();
    let summary = ingest(&mut archive, &[file]);
    assert_eq!((summary.added, summary.failed.len()), (1, 0), "{summary:?}");
    assert!(summary.warnings.iter().any(|w| w.warning.contains("no text")), "{:?}", summary.warnings);
    let page = summary.pages[0].report.issue_id;
    assert_eq!(summary.pages[0].page.as_deref(), Some("3"));
    assert_eq!(archive.store().page_assets(page).unwrap().unwrap().images.len(), 3);
}
