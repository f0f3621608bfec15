//! PDFs through the command line, on made-up pages: `parse --format json`
//! prints regions and the page size, one object per page of a longer PDF;
//! `parse` writes nothing; `ingest` takes a folder of PDFs and texts, keeps
//! the PDF and its images, and a bad PDF is one clear line naming it.

#[path = "../../archive/tests/support/pdf_page.rs"]
pub(crate) mod pdf_page;

use crate::common::{files_under, run_str, stderr, stdout};
use pdf_page::{pdf, two_articles, A_TITLE, B_TITLE};

#[test]
fn parse_json_of_a_pdf_gives_regions_and_the_page_size() {
    let dir = tempfile::tempdir().unwrap();
    // a PDF is told by its bytes, whatever its name
    let file = dir.path().join("page-two.bin");
    std::fs::write(&file, pdf(&[two_articles(2, true)], None)).unwrap();
    let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    let out = run_str(&["parse", "--format", "json", &file.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["encoding"], "PDF");
    assert_eq!(v["pages"], serde_json::json!([{"page": 1, "width": 595.0, "height": 842.0, "label": null}]));
    assert_eq!(v["page_header"]["page"], "2");
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["title"], A_TITLE);
    assert_eq!(articles[1]["title"], B_TITLE);
    for a in articles {
        let regions = a["regions"].as_array().unwrap();
        assert!(!regions.is_empty(), "{a}");
        for r in regions {
            assert_eq!(r["page"], 1);
            let (x0, y0, x1, y1) = (
                r["x0"].as_f64().unwrap(),
                r["y0"].as_f64().unwrap(),
                r["x1"].as_f64().unwrap(),
                r["y1"].as_f64().unwrap(),
            );
            assert!(0.0 <= x0 && x0 < x1 && x1 <= 595.0 && 40.0 < y0 && y0 < y1 && y1 < 760.0, "{r}");
        }
        // every field of the contract is still there
        for key in ["kind", "kicker", "title", "subtitle", "reporters", "paragraphs", "span"] {
            assert!(a.get(key).is_some(), "{key} missing");
        }
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), before.len(), "parse wrote a file");
    // the text format shows the regions too
    let out = run_str(&["parse", &file.display().to_string()]);
    assert!(stdout(&out).contains("pdf page   1 of 1, 595.0 × 842.0 points"), "{}", stdout(&out));
    assert!(stdout(&out).contains("region"), "{}", stdout(&out));
}

#[test]
fn parse_prints_a_pdf_of_two_pages_as_two_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("issue.pdf");
    std::fs::write(&file, pdf(&[two_articles(1, true), two_articles(2, true)], Some(&["A", "B"]))).unwrap();
    let out = run_str(&["parse", "--format", "json", &file.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[1]["file"].as_str().unwrap().ends_with("issue.pdf#page=2"));
    assert_eq!(lines[1]["pages"][0]["label"], "B1");
    assert_eq!(lines[1]["articles"][0]["regions"][0]["page"], 2);
}

#[test]
fn ingest_takes_pdfs_from_a_folder_and_refuses_a_bad_one_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("xhb-20240305-02.pdf"), pdf(&[two_articles(2, true)], None)).unwrap();
    std::fs::write(pages.join("xhb-20240305-03.pdf"), b"PK\x03\x04 a zip renamed").unwrap();
    let data = dir.path().join("data");
    let (p, d) = (pages.display().to_string(), data.display().to_string());
    let out = run_str(&["ingest", &p, "--data", &d]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("2 pages: 1 added, 0 updated, 0 unchanged, 1 failed"), "{}", stdout(&out));
    assert!(stderr(&out).contains("xhb-20240305-03.pdf: not a PDF file: it is a ZIP archive"), "{}", stderr(&out));
    let out = run_str(&["search", "老年助餐", "--data", &d]);
    assert!(stdout(&out).contains(B_TITLE), "{}", stdout(&out));
    let kept = files_under(&data.join("files"));
    let with = |ext: &str| kept.iter().filter(|p| p.extension().is_some_and(|e| e == ext)).count();
    assert_eq!(with("pdf"), 1, "{kept:?}");
    assert_eq!(with("png"), 3, "{kept:?}");
    // again: unchanged
    let out = run_str(&["ingest", &p, "--data", &d]);
    assert!(stdout(&out).starts_with("2 pages: 0 added, 0 updated, 1 unchanged, 1 failed"), "{}", stdout(&out));
}
