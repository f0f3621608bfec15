//! An issue (一期) and one of its pages (版): the handlers of
//! `/papers/{paper}/{date}` and `/papers/{paper}/{date}/{page}`. A page
//! read from a PDF shows its image with its zones ([`super::scan`]); on a
//! phone the images of the issue's pages lie side by side, one screen
//! each, and a swipe goes to the next (CSS scroll snap, no script). The
//! page list with thumbnails (版面导航), 上一版/下一版 and the issue's PDF
//! ([`super::downloads`]) go with it. `?q=` marks the lines holding the
//! words searched for and carries them to the articles.

use super::downloads::{self, Download};
use super::{date_in_path, render, scan, titles_of, Meta};
use crate::error::{Failure, PageError};
use crate::extract::{PagePath, PageQuery, SiteUrl};
use crate::views::{self, DateView, PageView};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use shuzibao_archive::doubtful::{doubtful_of, Doubtful};

#[derive(Template)]
#[template(path = "issue.html")]
struct IssuePage<'a> {
    site_name: &'a str,
    meta: Meta,
    day: DateView,
    /// Each page's thumbnail, in the order of `day.pages`.
    thumbs: Vec<Option<scan::Thumb>>,
    /// The issue's PDF, or its pages' PDFs in a zip.
    download: Option<Download>,
    /// For an editor signed in: the articles the parser was least sure of.
    doubtful: Option<Vec<Doubtful>>,
}

/// The least certain articles an editor sees on an issue's page.
const DOUBTFUL_SHOWN: usize = 10;

/// `/papers/{paper}/{date}`: one issue; an editor signed in also sees its
/// least certain articles, to check first.
pub(crate) async fn paper_issue(
    State(state): State<AppState>,
    site: SiteUrl,
    PagePath((paper, date)): PagePath<(String, String)>,
    parts: axum::http::request::Parts,
) -> Result<Response, PageError> {
    let date = date_in_path(&date)?;
    let store = state.reader()?;
    let day = views::date_view(&store, &paper, date)?;
    let title = format!("{paper} · {}", day.date_cn);
    let articles: usize = day.pages.iter().map(|p| p.articles.len()).sum();
    let description = format!("{title}，{} 版，{articles} 篇文章：{}", day.pages.len(), titles_of(&day));
    let meta = Meta::page(title, &description, &site, &day.url);
    let thumbs = scan::thumbs(&store, &day)?;
    let download = downloads::issue_download(&store, &day)?;
    let doubtful = match super::correct::editor_of(&state, &parts) {
        Some(_) => Some(doubtful_of(&store, &store.pages_of_issue(&paper, date)?, DOUBTFUL_SHOWN)?),
        None => None,
    };
    render(&IssuePage { site_name: state.site_name(), meta, day, thumbs, download, doubtful })
}

#[derive(Template)]
#[template(path = "page.html")]
struct PagePage<'a> {
    site_name: &'a str,
    meta: Meta,
    day: DateView,
    page: PageView,
    prev: Option<PageView>,
    next: Option<PageView>,
    scan: Option<scan::Scan>,
    /// The issue's pages (版面导航), and the images of those read from a
    /// PDF side by side when this one is (the phone's swipe).
    leaves: Vec<Leaf>,
    /// Whether the pages' images are laid side by side.
    swipe: bool,
    download: Option<Download>,
    /// The query the reader came with, to carry on.
    q: String,
}

/// A page of the issue in the page view.
struct Leaf {
    /// `2`, `A3`.
    label: String,
    /// Its name (要闻), if it has one.
    name: Option<String>,
    /// Its page view (with `?q=` when there is a query).
    url: String,
    /// Whether it is the page shown.
    current: bool,
    /// Its thumbnail.
    thumb: Option<scan::Thumb>,
    /// Its image and zones, when it was read from a PDF (only when the
    /// page shown was too).
    scan: Option<scan::Scan>,
}

#[derive(Deserialize)]
pub(crate) struct PageParams {
    #[serde(default)]
    q: String,
}

/// `/papers/{paper}/{date}/{page}`: one page (版) of an issue, with the pages
/// before and after it in that issue.
pub(crate) async fn paper_page(
    State(state): State<AppState>,
    site: SiteUrl,
    PagePath((paper, date, page)): PagePath<(String, String, String)>,
    PageQuery(params): PageQuery<PageParams>,
) -> Result<Response, PageError> {
    let date = date_in_path(&date)?;
    let no: shuzibao_core::PageNo =
        page.parse().map_err(|_| Failure::NotFound(format!("{page:?} 不是版次 (not a page like 2 or A3)")))?;
    let label = no.to_string();
    let store = state.reader()?;
    let mut day = views::page_of_date_view(&store, &paper, date, &label)?;
    let at = day
        .pages
        .iter()
        .position(|p| p.label.as_deref() == Some(label.as_str()))
        .ok_or_else(|| Failure::NotFound(format!("{paper} {date} 没有第{label}版 (no such page)")))?;
    let q = params.q.trim().chars().take(200).collect::<String>();
    let needles = scan::highlights(state.index(), Some(&q));
    let hl = views::url_encode(&q);
    let thumbs = scan::thumbs(&store, &day)?;
    let download = downloads::issue_download(&store, &day)?;
    let scan = day.pages[at].id.map(|id| scan::scan(&store, id, &needles, &hl)).transpose()?.flatten();
    let swipe = scan.is_some();
    let mut leaves = Vec::new();
    for (i, (p, thumb)) in day.pages.iter().zip(thumbs).enumerate() {
        let (Some(label), Some(url)) = (p.label.clone(), p.url.clone()) else { continue };
        let leaf_scan = match (swipe, i == at, p.id) {
            (true, true, _) => scan.clone(),
            (true, false, Some(id)) => scan::scan(&store, id, &needles, &hl)?,
            _ => None,
        };
        let url = if q.is_empty() { url } else { format!("{url}?q={hl}") };
        leaves.push(Leaf { label, name: p.name.clone(), url, current: i == at, thumb, scan: leaf_scan });
    }
    let strip = |p: &PageView| PageView { articles: Vec::new(), ..p.clone() };
    let prev = at.checked_sub(1).and_then(|i| day.pages.get(i)).map(strip);
    let next = day.pages.get(at + 1).map(strip);
    let page = day.pages.remove(at);
    day.pages.clear();
    let title = match &page.name {
        Some(n) => format!("{paper} · {} · 第{label}版 {n}", day.date_cn),
        None => format!("{paper} · {} · 第{label}版", day.date_cn),
    };
    let titles: Vec<&str> = page.articles.iter().map(|a| a.title.as_str()).collect();
    let description = format!("{title}，{} 篇文章：{}", page.articles.len(), titles.join("；"));
    let meta = Meta::page(title, &description, &site, page.url.as_deref().unwrap_or(&day.url));
    render(&PagePage { site_name: state.site_name(), meta, day, page, prev, next, scan, leaves, swipe, download, q })
}
