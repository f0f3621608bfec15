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
    let figure = &html[html.find("<figure class=\"page-scan\"").unwrap()..];
    let figure = &figure[..figure.find("</figure>").unwrap()];
    // the 1200 px image, the 2400 px one for dense screens
    let img = format!("/files/{}.png", assets.image(1200).unwrap().hash);
    let dense = format!("/files/{}.png", assets.image(2400).unwrap().hash);
    assert_eq!(attrs(figure, "img", "src"), vec![img.clone()], "{html}");
    let shown = assets.image(1200).unwrap();
    assert_eq!(attrs(figure, "img", "width"), vec![shown.width.to_string()]);
    assert_eq!(attrs(figure, "img", "height"), vec![shown.height.to_string()]);
    assert_eq!(attrs(figure, "img", "srcset"), vec![format!("{img} 1x, {dense} 2x")]);
    assert!(attrs(figure, "img", "loading").is_empty(), "the page shown is not loaded lazily");
    // the overlay is the page in points
    assert_eq!(attrs(&html, "svg", "viewBox"), vec![format!("0 0 {:.2} {:.2}", assets.width, assets.height)]);
    // one link per article with regions, its title as its label, its regions as rects
    let svg = &html[html.find("<svg ").unwrap()..html.find("</svg>").unwrap()];
    let with_regions: Vec<_> = articles.iter().filter(|a| !a.regions.is_empty()).collect();
    assert!(with_regions.len() >= 2);
    assert_eq!(attrs(svg, "a", "href"), with_regions.iter().map(|a| format!("/articles/{}", a.id)).collect::<Vec<_>>());
    assert_eq!(attrs(svg, "a", "aria-label"), with_regions.iter().map(|a| a.title.clone()).collect::<Vec<_>>());
    // each zone is the target of its article's way back (#zone-ID)
    assert_eq!(attrs(svg, "a", "id"), with_regions.iter().map(|a| format!("zone-{}", a.id)).collect::<Vec<_>>());
    assert!(!svg.contains("class=\"marks\""), "nothing searched, nothing marked");
    for a in &with_regions {
        let start = svg.find(&format!("<a id=\"zone-{}\" href=\"/articles/{}\"", a.id, a.id)).unwrap();
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
    for absent in ["<svg ", "标题导航", "page-scan", "下载本版"] {
        assert!(!html.contains(absent), "{absent} in {html}");
    }
    // its page list (版面导航) shows page 2's thumbnail, and marks this page as the current one
    let list = &html[html.find("aria-label=\"版面导航\"").unwrap()..];
    let list = &list[..list.find("</nav>").unwrap()];
    assert_eq!(attrs(&html, "img", "src").len(), 1, "only page 2's thumbnail: {html}");
    assert_eq!(attrs(list, "a", "href")[..2], [format!("{ISSUE}/2"), format!("{ISSUE}/3")]);
    assert_eq!(attrs(list, "a", "aria-current"), vec!["page".to_string()]);
    assert!(list.contains("aria-current=\"page\"><span>第3版"), "{list}");
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

/// The rectangles (x, y, width, height) of `<rect>`s in `html`.
fn rects(html: &str) -> Vec<[f32; 4]> {
    let v = |n: &str| attrs(html, "rect", n).iter().map(|s| s.parse::<f32>().unwrap()).collect::<Vec<_>>();
    let (x, y, w, h) = (v("x"), v("y"), v("width"), v("height"));
    (0..x.len()).map(|i| [x[i], y[i], w[i], h[i]]).collect()
}

/// The part of `html` from `from` to the next `to`.
fn part<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let rest = &html[html.find(from).unwrap_or_else(|| panic!("{from} not in {html}"))..];
    &rest[..rest.find(to).unwrap()]
}

/// Whether a rectangle lies within one of `regions` (a point of slack: line boxes are rounded outwards).
fn within(r: &[f32; 4], regions: &[shuzibao_store::Region]) -> bool {
    regions
        .iter()
        .any(|g| r[0] >= g.x0 - 1.5 && r[1] >= g.y0 - 1.5 && r[0] + r[2] <= g.x1 + 1.5 && r[1] + r[3] <= g.y1 + 1.5)
}

#[tokio::test]
async fn a_search_marks_the_lines_holding_its_words_on_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path());
    let store = Store::open_read_only(state.data_dir()).unwrap();
    let pages = store.pages_of_issue("示例日报", "2024-03-05".parse().unwrap()).unwrap();
    let page = pages.iter().find(|p| p.page_no().map(|n| n.to_string()).as_deref() == Some("2")).unwrap();
    let articles = store.articles_of_issue(page.id).unwrap();
    let a = articles.iter().find(|a| a.title == A_TITLE).unwrap();
    let b = articles.iter().find(|a| a.title == B_TITLE).unwrap();
    // the lines kept lie in their article's regions, in the order of their text
    let lines = store.article_lines(a.id).unwrap();
    assert!(lines.len() >= 4, "{lines:?}");
    for l in &lines {
        let r = [f32::from(l.x0), f32::from(l.y0), f32::from(l.x1 - l.x0), f32::from(l.y1 - l.y0)];
        assert!(within(&r, &a.regions), "{l:?} outside {:?}", a.regions);
    }
    assert!(lines.windows(2).all(|w| w[0].start < w[1].start));

    // the title as a phrase: one line, the title's (set at 60 pt from the top, 24 pt)
    let (status, html) = get(&state, &format!("{ISSUE}/2?q=%22{}%22", pct(A_TITLE))).await;
    assert_eq!(status, StatusCode::OK);
    let marks = rects(part(&html, "<g class=\"marks\"", "</g>"));
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert!((55.0..=66.0).contains(&marks[0][1]) && marks[0][3] >= 20.0, "{marks:?}");
    // its words too (公园, 改造 and 完工 are in the text): the title's line first, all in the article
    let (_, html) = get(&state, &format!("{ISSUE}/2?q={}", pct(A_TITLE))).await;
    let marks = rects(part(&html, "<g class=\"marks\"", "</g>"));
    assert!(marks.len() > 1 && marks[0][3] >= 20.0 && marks.iter().all(|m| within(m, &a.regions)), "{marks:?}");
    // a word of the body: lines of body text, in its article, whose zone says it holds a hit
    let (_, html) = get(&state, &format!("{ISSUE}/2?q={}", pct("观景平台"))).await;
    let marks = rects(part(&html, "<g class=\"marks\"", "</g>"));
    assert!((1..=2).contains(&marks.len()), "{marks:?}");
    assert!(marks.iter().all(|m| within(m, &a.regions) && m[3] < 16.0), "{marks:?} in {:?}", a.regions);
    let zone_a = part(&html, &format!("<a id=\"zone-{}\"", a.id), ">");
    assert!(zone_a.contains("class=\"hit\"") && zone_a.contains(&format!("?hl={}", pct("观景平台"))), "{zone_a}");
    assert!(!part(&html, &format!("<a id=\"zone-{}\"", b.id), ">").contains("class=\"hit\""));
    // the other article's word is marked in the other article
    let (_, html) = get(&state, &format!("{ISSUE}/2?q={}", pct("老年助餐"))).await;
    let marks = rects(part(&html, "<g class=\"marks\"", "</g>"));
    assert!(!marks.is_empty() && marks.iter().all(|m| within(m, &b.regions)), "{marks:?}");
    // the words go on with the reader to the next page
    assert!(html.contains(&format!("rel=\"next\" href=\"{ISSUE}/3?q={}\"", pct("老年助餐"))), "{html}");
    // a search's results lead to the article's zone on its page, with the words
    let (_, html) = get(&state, &format!("/search?q={}", pct("观景平台"))).await;
    let on_page = attrs(&html, "a", "href").into_iter().filter(|h| h.contains("#zone-")).collect::<Vec<_>>();
    assert_eq!(on_page, vec![format!("{ISSUE}/2?q={}#zone-{}", pct("观景平台"), a.id)], "{html}");
    // a word the page does not hold marks nothing
    let (status, html) = get(&state, &format!("{ISSUE}/2?q={}", pct("火星探测"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("class=\"marks\""));
}

#[tokio::test]
async fn an_article_read_from_a_pdf_shows_its_place_on_the_page_and_the_way_back() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path());
    let store = Store::open_read_only(state.data_dir()).unwrap();
    let pages = store.pages_of_issue("示例日报", "2024-03-05".parse().unwrap()).unwrap();
    let page = pages.iter().find(|p| p.page_no().map(|n| n.to_string()).as_deref() == Some("2")).unwrap();
    let assets = store.page_assets(page.id).unwrap().unwrap();
    let a = store.articles_of_issue(page.id).unwrap().into_iter().find(|a| a.title == B_TITLE).unwrap();

    let (status, html) = get(&state, &format!("/articles/{}", a.id)).await;
    assert_eq!(status, StatusCode::OK);
    let crop = part(&html, "<figure class=\"crop\"", "</figure>");
    // the page image, in points, cropped to the box of the article's regions and clipped to them
    let image = attrs(crop, "image", "href");
    assert!(assets.images.iter().any(|i| image == vec![format!("/files/{}.png", i.hash)]), "{image:?}");
    assert_eq!(attrs(crop, "image", "width"), vec![format!("{:.2}", assets.width)]);
    let view: Vec<f32> = attrs(crop, "svg", "viewBox")[0].split(' ').map(|v| v.parse().unwrap()).collect();
    let x0 = a.regions.iter().map(|r| r.x0).fold(f32::MAX, f32::min);
    let y1 = a.regions.iter().map(|r| r.y1).fold(f32::MIN, f32::max);
    assert!(view[0] <= x0 && view[0] >= x0 - 5.0, "{view:?}");
    assert!(view[1] + view[3] >= y1 && view[1] + view[3] <= y1 + 5.0 && view[1] + view[3] <= assets.height + 0.01);
    let clip = rects(part(crop, "<clipPath", "</clipPath>"));
    assert_eq!(clip.len(), a.regions.len());
    assert!(!crop.contains("class=\"marks\""));
    // the way back: its zone on its page
    assert_eq!(attrs(crop, "a", "href"), vec![format!("{ISSUE}/2#zone-{}", a.id)]);
    let (_, page_html) = get(&state, &format!("{ISSUE}/2")).await;
    assert!(page_html.contains(&format!("<a id=\"zone-{}\"", a.id)));

    // come from a search: the words are marked in the crop and carried back to the page
    let (_, html) = get(&state, &format!("/articles/{}?hl={}", a.id, pct("老年助餐"))).await;
    let crop = part(&html, "<figure class=\"crop\"", "</figure>");
    let marks = rects(part(crop, "<g class=\"marks\"", "</g>"));
    assert!(!marks.is_empty() && marks.iter().all(|m| within(m, &a.regions)), "{marks:?}");
    assert_eq!(attrs(crop, "a", "href"), vec![format!("{ISSUE}/2?q={}#zone-{}", pct("老年助餐"), a.id)]);

    // an article read from text has no crop
    let text_page = pages.iter().find(|p| p.page_no().map(|n| n.to_string()).as_deref() == Some("3")).unwrap();
    let t = &store.articles_of_issue(text_page.id).unwrap()[0];
    let (_, html) = get(&state, &format!("/articles/{}", t.id)).await;
    assert!(!html.contains("class=\"crop\""));
}

/// `s` percent-encoded as the pages encode it.
fn pct(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn a_pdf_page_is_alto_xml_with_a_block_per_article_and_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path());
    let store = Store::open_read_only(state.data_dir()).unwrap();
    let pages = store.pages_of_issue("示例日报", "2024-03-05".parse().unwrap()).unwrap();
    let page = pages.iter().find(|p| p.page_no().map(|n| n.to_string()).as_deref() == Some("2")).unwrap();
    let assets = store.page_assets(page.id).unwrap().unwrap();
    let widest = assets.images.iter().max_by_key(|i| i.width).unwrap();
    let (status, xml) = get(&state, &format!("{ISSUE}/2/alto.xml")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(xml.contains("<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\">"));
    assert_eq!(attrs(&xml, "Page", "WIDTH"), vec![widest.width.to_string()]);
    let (_, html) = get(&state, &format!("{ISSUE}/2")).await;
    assert!(attrs(&html, "a", "href").contains(&format!("{ISSUE}/2/alto.xml")));
    // a block per article with regions; its lines' texts run together are its text from the first line on
    let articles: Vec<_> =
        store.articles_of_issue(page.id).unwrap().into_iter().filter(|a| !a.regions.is_empty()).collect();
    assert_eq!(attrs(&xml, "TextBlock", "ID"), articles.iter().map(|a| format!("a{}", a.id)).collect::<Vec<_>>());
    for a in &articles {
        let block = part(&xml, &format!("<TextBlock ID=\"a{}\"", a.id), "</TextBlock>");
        let lines = store.article_lines(a.id).unwrap();
        assert_eq!(attrs(block, "TextLine", "ID").len(), lines.len());
        let text: String = attrs(block, "String", "CONTENT").concat();
        let parts = a.kicker.iter().map(String::as_str).chain([a.title.as_str()]).chain(a.subtitle.as_deref());
        let plain = shuzibao_store::plain_text(parts.chain(a.paragraphs.iter().map(|p| p.text.as_str())));
        let from: String = plain.chars().skip(lines[0].start as usize).collect();
        assert_eq!(text, from, "{}", a.title);
        for v in attrs(block, "String", "HPOS").iter().chain(&attrs(block, "String", "WIDTH")) {
            assert!(v.parse::<u32>().unwrap() <= widest.width);
        }
    }
    // a page read from text has none
    assert_eq!(get(&state, &format!("{ISSUE}/3/alto.xml")).await.0, StatusCode::NOT_FOUND);
}
