//! An issue's PDF to download: the file as it came for an issue read from
//! one PDF of all its pages, a zip of the pages' PDFs for an issue read one
//! PDF a page; and the phone's row of the issue's page images.

#![allow(clippy::unwrap_used)]

#[path = "../../archive/tests/support/pdf_page.rs"]
mod pdf_page;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use pdf_page::{pdf, two_articles};
use shuzibao_archive::files::Files;
use shuzibao_archive::ingest::Input;
use shuzibao_archive::place::Given;
use shuzibao_web::{app, AppState, Archive, Config};
use std::io::Read;
use std::path::Path;
use tower::ServiceExt;

/// `/papers/示例日报/2024-03-05`, encoded.
const ISSUE: &str = "/papers/%E7%A4%BA%E4%BE%8B%E6%97%A5%E6%8A%A5/2024-03-05";

/// An archive of the PDF files `files` (name, bytes), all of 示例日报 of 2024-03-05.
fn state(dir: &Path, files: &[(&str, Vec<u8>)]) -> AppState {
    let data = dir.join("data");
    let mut archive = Archive::open(&data).unwrap();
    let inputs: Vec<Input> = files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            Input::file(&path, Given::default())
        })
        .collect();
    let summary = archive.ingest_all(&inputs, |_| {}).unwrap();
    assert_eq!(summary.failed.len(), 0, "{summary:?}");
    archive.sync().unwrap();
    AppState::from_archive(archive, &Config { data, ..Config::default() })
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let res = app(state.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = res.into_parts();
    (parts.status, parts.headers, body.collect().await.unwrap().to_bytes().to_vec())
}

async fn html(state: &AppState, uri: &str) -> String {
    let (status, _, body) = get(state, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}");
    String::from_utf8(body).unwrap()
}

/// The `href`s of the links of class `class`.
fn links(html: &str, class: &str) -> Vec<String> {
    html.split(&format!("<a class=\"{class}\" href=\""))
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

#[tokio::test]
async fn an_issue_of_one_pdf_a_page_offers_a_zip_of_its_pages_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let (p2, p3) = (pdf(&[two_articles(2, true)], None), pdf(&[two_articles(3, true)], None));
    let state = state(dir.path(), &[("p2.pdf", p2.clone()), ("p3.pdf", p3.clone())]);
    let zip_url = format!("{ISSUE}/pdf.zip");
    let issue = html(&state, ISSUE).await;
    assert_eq!(links(&issue, "issue-pdf"), vec![zip_url.clone()]);
    assert!(issue.contains("zip，2 个文件"), "{issue}");

    let (status, h, body) = get(&state, &zip_url).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h[header::CONTENT_TYPE], "application/zip");
    assert!(h[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment; filename=\"2024-03-05.zip\""));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(body)).unwrap();
    assert_eq!(zip.file_names().collect::<Vec<_>>().len(), 2);
    for (i, (name, bytes)) in [("2024-03-05-2.pdf", &p2), ("2024-03-05-3.pdf", &p3)].into_iter().enumerate() {
        let mut f = zip.by_index(i).unwrap();
        assert_eq!(f.name(), name);
        assert_eq!(f.compression(), zip::CompressionMethod::Stored);
        let mut got = Vec::new();
        f.read_to_end(&mut got).unwrap();
        assert!(got == *bytes, "{name}: the page's PDF as it came");
    }

    // each page view offers its own PDF, and the issue's zip
    let page = html(&state, &format!("{ISSUE}/3")).await;
    let own = Files::of(&state.data_dir());
    let p3_hash = links(&page, "page-pdf")[0].trim_start_matches("/files/").trim_end_matches(".pdf").to_string();
    assert!(std::fs::read(own.path(&p3_hash, "pdf")).unwrap() == p3);
    assert_eq!(links(&page, "issue-pdf"), vec![zip_url]);
    // an issue with no page from a PDF has no zip
    let (status, _, _) = get(&state, "/papers/%E7%A4%BA%E4%BE%8B%E6%97%A5%E6%8A%A5/2024-03-06/pdf.zip").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_issue_read_from_one_pdf_offers_that_pdf_as_it_came() {
    let dir = tempfile::tempdir().unwrap();
    let whole = pdf(&[two_articles(2, true), two_articles(3, true)], None);
    let state = state(dir.path(), &[("issue.pdf", whole.clone())]);
    let issue = html(&state, ISSUE).await;
    let href = links(&issue, "issue-pdf");
    assert_eq!(href.len(), 1);
    assert!(issue.contains("下载本期 PDF（2 版）"), "{issue}");
    let (status, h, body) = get(&state, &href[0]).await;
    assert_eq!((status, &h[header::CONTENT_TYPE]), (StatusCode::OK, &"application/pdf".parse().unwrap()));
    assert!(body == whole, "the issue's PDF as it came");
    // its second page's PDF is that file at that page
    let page = html(&state, &format!("{ISSUE}/3")).await;
    assert_eq!(links(&page, "page-pdf"), vec![format!("{}#page=2", href[0])]);
}

#[tokio::test]
async fn on_a_phone_the_issues_page_images_lie_side_by_side_from_the_page_shown() {
    let dir = tempfile::tempdir().unwrap();
    let whole = pdf(&[two_articles(2, true), two_articles(3, true)], None);
    let state = state(dir.path(), &[("issue.pdf", whole)]);
    let page = html(&state, &format!("{ISSUE}/2")).await;
    let row = &page[page.find("<div class=\"leaves swipe\"").unwrap()..];
    let row = &row[..row.find("</figure>").unwrap()];
    // every page of the issue, in order, the one shown marked so (where the row starts)
    let leaves: Vec<&str> = row.split("<section class=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    assert_eq!(leaves, ["leaf current", "leaf"]);
    assert!(row.contains("id=\"leaf-2\"") && row.contains("id=\"leaf-3\""));
    // the next page's image waits until it is near, and its zones link to its articles
    let next = &row[row.find("id=\"leaf-3\"").unwrap()..];
    assert!(next.contains("loading=\"lazy\"") && next.contains("<a id=\"zone-"), "{next}");
    assert!(next.contains(&format!("<a href=\"{ISSUE}/3\">第3版")), "{next}");
    // where CSS cannot start the row at the page shown, the site's one script does
    assert!(page.contains("<script src=\"/static/leaves.js\" defer></script>"));
    let (status, h, js) = get(&state, "/static/leaves.js").await;
    assert_eq!((status, h[header::CONTENT_TYPE].to_str().unwrap()), (StatusCode::OK, "text/javascript; charset=utf-8"));
    assert!(String::from_utf8(js).unwrap().contains(".leaf.current"));
    assert!(h[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("script-src 'self'"));
    // the stylesheet snaps the row to a page and starts it at the page shown
    let (_, _, css) = get(&state, "/static/style.css").await;
    let css = String::from_utf8(css).unwrap();
    for rule in ["scroll-snap-type: x mandatory", "scroll-snap-align: start", "scroll-initial-target: nearest"] {
        assert!(css.contains(rule), "{rule}");
    }
}

#[tokio::test]
async fn an_issue_is_a_iiif_manifest_of_its_page_images_with_a_range_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let whole = pdf(&[two_articles(2, true), two_articles(3, true)], None);
    let state = state(dir.path(), &[("issue.pdf", whole)]);
    // (ids are absolute: the request's host when no base URL is configured)
    let req = Request::get(format!("{ISSUE}/manifest.json")).header(header::HOST, "paper.example").body(Body::empty());
    let res = app(state.clone()).oneshot(req.unwrap()).await.unwrap();
    let (status, h) = (res.status(), res.headers().clone());
    let body = res.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(status, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/ld+json"));
    assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let m: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(m["@context"], "http://iiif.io/api/presentation/3/context.json");
    assert_eq!(m["type"], "Manifest");
    assert_eq!(m["id"], format!("http://paper.example{ISSUE}/manifest.json"));
    // a canvas per page, its size the painted image's, the image a kept file
    let canvases = m["items"].as_array().unwrap();
    assert_eq!(canvases.len(), 2);
    let store = shuzibao_store::Store::open_read_only(state.data_dir()).unwrap();
    let pages = store.pages_of_issue("示例日报", "2024-03-05".parse().unwrap()).unwrap();
    for (c, p) in canvases.iter().zip(&pages) {
        let assets = store.page_assets(p.id).unwrap().unwrap();
        let widest = assets.images.iter().max_by_key(|i| i.width).unwrap();
        assert_eq!(
            (c["width"].as_u64(), c["height"].as_u64()),
            (Some(widest.width.into()), Some(widest.height.into()))
        );
        let anno = &c["items"][0]["items"][0];
        assert_eq!(anno["motivation"], "painting");
        assert_eq!(anno["target"], c["id"]);
        assert!(anno["body"]["id"].as_str().unwrap().ends_with(&format!("/files/{}.png", widest.hash)));
    }
    // a range per article with regions, each region a fragment of its canvas within it
    let ranges = m["structures"].as_array().unwrap();
    let with_regions: usize = pages
        .iter()
        .map(|p| store.articles_of_issue(p.id).unwrap().iter().filter(|a| !a.regions.is_empty()).count())
        .sum();
    assert_eq!(ranges.len(), with_regions);
    for r in ranges {
        assert!(r["homepage"][0]["id"].as_str().unwrap().contains("/articles/"));
        for item in r["items"].as_array().unwrap() {
            let (canvas, frag) = item["id"].as_str().unwrap().split_once("#xywh=").unwrap();
            let c = canvases.iter().find(|c| c["id"] == canvas).unwrap();
            let v: Vec<f64> = frag.split(',').map(|v| v.parse().unwrap()).collect();
            assert!(v[2] > 0.0 && v[3] > 0.0, "{frag}");
            assert!(
                v[0] + v[2] <= c["width"].as_f64().unwrap() + 1.0 && v[1] + v[3] <= c["height"].as_f64().unwrap() + 1.0
            );
        }
    }
    // the issue's PDF, as it came; the issue's page links the manifest
    assert_eq!(m["rendering"][0]["format"], "application/pdf");
    assert_eq!(links(&html(&state, ISSUE).await, "iiif"), vec![format!("{ISSUE}/manifest.json")]);
    // an issue without a page from a PDF has none
    let (status, _, _) = get(&state, "/papers/%E7%A4%BA%E4%BE%8B%E6%97%A5%E6%8A%A5/2024-03-06/manifest.json").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
