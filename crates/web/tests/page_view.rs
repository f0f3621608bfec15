//! The page view of a page read from a PDF: its image from the kept files,
//! one link per article over the article's stored regions, its titles and
//! its PDF; a page read from text shows none of it.

#![allow(clippy::unwrap_used)]

#[allow(dead_code)]
mod common;
#[path = "../../archive/tests/support/pdf_page.rs"]
mod pdf_page;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use pdf_page::{pdf, two_articles, A_TITLE, B_TITLE};
use shuzibao_archive::ingest::Input;
use shuzibao_archive::place::Given;
use shuzibao_store::Store;
use shuzibao_web::{app, AppState, Archive, Config};
use std::path::Path;
use tower::ServiceExt;

/// `/papers/示例日报/2024-03-05/`, encoded.
const ISSUE: &str = "/papers/%E7%A4%BA%E4%BE%8B%E6%97%A5%E6%8A%A5/2024-03-05";

/// An archive with page 2 of 示例日报 read from a PDF and page 3 of a text.
fn state(dir: &Path) -> AppState {
    let data = dir.join("data");
    let mut archive = Archive::open(&data).unwrap();
    let file = dir.join("page.pdf");
    std::fs::write(&file, pdf(&[two_articles(2, true)], None)).unwrap();
    let summary = archive.ingest_all(&[Input::file(&file, Given::default())], |_| {}).unwrap();
    assert_eq!((summary.added, summary.failed.len()), (1, 0), "{summary:?}");
    let text = "## 文字版的标题\n\n本报讯 这一版是从文字读进来的，没有版面图。\n";
    common::ingest(&mut archive, "text.txt", text, common::given("示例日报", "2024-03-05", 3));
    archive.sync().unwrap();
    AppState::from_archive(archive, &Config { data, ..Config::default() })
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, String) {
    let res = app(state.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    (status, String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned())
}

/// The attribute `name` of every element `<tag …>` in `html`, in order.
fn attrs(html: &str, tag: &str, name: &str) -> Vec<String> {
    html.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|el| {
            let el = &el[..el.find('>').unwrap()];
            let at = el.find(&format!(" {name}=\"")).or_else(|| el.starts_with(&format!("{name}=\"")).then_some(0))?;
            let rest = &el[at..];
            let rest = &rest[rest.find('"').unwrap() + 1..];
            Some(rest[..rest.find('"').unwrap()].to_string())
        })
        .collect()
}

#[tokio::test]
async fn a_pdf_page_shows_its_image_with_a_link_per_article_over_its_regions() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path());
    let store = Store::open_read_only(state.data_dir()).unwrap();
    let page = store.pages_of_issue("示例日报", "2024-03-05".parse().unwrap()).unwrap();
    let page = page.iter().find(|p| p.page_no().map(|n| n.to_string()).as_deref() == Some("2")).unwrap();
    let assets = store.page_assets(page.id).unwrap().unwrap();
    let articles = store.articles_of_issue(page.id).unwrap();
    assert!(articles.iter().any(|a| a.title == A_TITLE) && articles.iter().any(|a| a.title == B_TITLE));

    let (status, html) = get(&state, &format!("{ISSUE}/2")).await;
    assert_eq!(status, StatusCode::OK);
    // the 1200 px image, the 2400 px one for dense screens
    let img = format!("/files/{}.png", assets.image(1200).unwrap().hash);
    let dense = format!("/files/{}.png", assets.image(2400).unwrap().hash);
    assert!(attrs(&html, "img", "src").contains(&img), "{html}");
    let shown = assets.image(1200).unwrap();
    assert_eq!(attrs(&html, "img", "width"), vec![shown.width.to_string()]);
    assert_eq!(attrs(&html, "img", "height"), vec![shown.height.to_string()]);
    assert_eq!(attrs(&html, "img", "srcset"), vec![format!("{img} 1x, {dense} 2x")]);
    // the overlay is the page in points
    assert_eq!(attrs(&html, "svg", "viewBox"), vec![format!("0 0 {:.2} {:.2}", assets.width, assets.height)]);
    // one link per article with regions, its title as its label, its regions as rects
    let svg = &html[html.find("<svg ").unwrap()..html.find("</svg>").unwrap()];
    let with_regions: Vec<_> = articles.iter().filter(|a| !a.regions.is_empty()).collect();
    assert!(with_regions.len() >= 2);
    assert_eq!(attrs(svg, "a", "href"), with_regions.iter().map(|a| format!("/articles/{}", a.id)).collect::<Vec<_>>());
    assert_eq!(attrs(svg, "a", "aria-label"), with_regions.iter().map(|a| a.title.clone()).collect::<Vec<_>>());
    for a in &with_regions {
        let start = svg.find(&format!("<a href=\"/articles/{}\"", a.id)).unwrap();
        let link = &svg[start..start + svg[start..].find("</a>").unwrap()];
        let (x, y, w, h) = (
            attrs(link, "rect", "x"),
            attrs(link, "rect", "y"),
            attrs(link, "rect", "width"),
            attrs(link, "rect", "height"),
        );
        let rects: Vec<[String; 4]> =
            (0..x.len()).map(|i| [x[i].clone(), y[i].clone(), w[i].clone(), h[i].clone()]).collect();
        let want: Vec<[String; 4]> = a
            .regions
            .iter()
            .map(|r| {
                [
                    format!("{:.2}", r.x0),
                    format!("{:.2}", r.y0),
                    format!("{:.2}", r.x1 - r.x0),
                    format!("{:.2}", r.y1 - r.y0),
                ]
            })
            .collect();
        assert_eq!(rects, want, "{}", a.title);
    }
    // the titles, the PDF, the next page
    let nav = &html[html.find("aria-label=\"标题导航\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(nav.contains(A_TITLE) && nav.contains(B_TITLE), "{nav}");
    assert!(attrs(&html, "a", "href").contains(&format!("/files/{}.pdf", assets.pdf_hash)));
    assert!(html.contains("rel=\"next\""), "page 3 follows");

    // and the files it names are served
    assert_eq!(get(&state, &img).await.0, StatusCode::OK);
    assert_eq!(get(&state, &format!("/files/{}.pdf", assets.pdf_hash)).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_text_page_shows_no_image_overlay_or_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path());
    let (status, html) = get(&state, &format!("{ISSUE}/3")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("文字版的标题"));
    for absent in ["<img ", "<svg ", "/files/", "标题导航", ".pdf"] {
        assert!(!html.contains(absent), "{absent} in {html}");
    }
    assert!(html.contains("rel=\"prev\""), "page 2 comes before");
}

#[tokio::test]
async fn an_issue_lists_the_thumbnail_of_each_pdf_page() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path());
    let store = Store::open_read_only(state.data_dir()).unwrap();
    let pages = store.pages_of_issue("示例日报", "2024-03-05".parse().unwrap()).unwrap();
    let page = pages.iter().find(|p| p.page_no().map(|n| n.to_string()).as_deref() == Some("2")).unwrap();
    let thumb = store.page_assets(page.id).unwrap().unwrap().image(200).unwrap().clone();
    let src = format!("/files/{}.png", thumb.hash);
    // the issue, and the home page of an archive of one paper (its latest issue)
    for uri in [ISSUE, "/"] {
        let (status, html) = get(&state, uri).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(attrs(&html, "img", "src"), vec![src.clone()], "{uri}: only the PDF page has one");
        assert_eq!(attrs(&html, "img", "width"), vec![thumb.width.to_string()]);
        let link = &html[..html.find(&src).unwrap()];
        assert!(
            link.ends_with(&format!("<a class=\"thumb\" href=\"{ISSUE}/2\"><img src=\"")),
            "{uri}: links to its page"
        );
    }
}
