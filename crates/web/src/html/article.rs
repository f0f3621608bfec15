//! An article's page: `/articles/{id}`, with the words searched for marked
//! (`?hl=`), its neighbours in the issue, the people and things it names;
//! for an article read from a PDF page, its place cropped from the page
//! image ([`super::scan::crop`]) with the way back to its zone on the page;
//! the corrections that made it what it is, and for an editor signed in
//! the forms to correct it ([`super::correct`]).

use super::{clip, render, Meta, DESCRIPTION_CHARS};
use crate::error::{Failure, PageError};
use crate::extract::{PagePath, PageQuery, SiteUrl};
use crate::views::{self, ArticleView};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct ArticleParams {
    hl: Option<String>,
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage<'a> {
    site_name: &'a str,
    meta: Meta,
    a: ArticleView,
    prev: Option<(i64, String)>,
    next: Option<(i64, String)>,
    json_ld: String,
    highlighting: bool,
    named: Vec<(String, Option<String>)>,
    things: Vec<(String, String)>,
    crop: Option<super::scan::Crop>,
    /// The corrections that made it what it is: id, kind in words, editor, when.
    history: Vec<(i64, &'static str, String, String)>,
    /// The editor's forms, for an editor signed in.
    panel: Option<super::correct::Panel>,
    kinds: &'static [(&'static str, &'static str)],
}

pub(crate) async fn article(
    State(state): State<AppState>,
    site: SiteUrl,
    PagePath(id): PagePath<String>,
    PageQuery(p): PageQuery<ArticleParams>,
    parts: axum::http::request::Parts,
) -> Result<Response, PageError> {
    let id: i64 = id.parse().map_err(|_| Failure::NotFound(format!("没有这篇文章: {id}")))?;
    let store = state.reader()?;
    let record = store.article(id)?;
    let highlight = super::scan::highlights(state.index(), p.hl.as_deref());
    let mut a = views::article_view(&store, &record, &highlight, true)?;
    let hl = if highlight.is_empty() { String::new() } else { views::url_encode(p.hl.as_deref().unwrap_or("").trim()) };
    let crop = super::scan::crop(&store, &record, a.page_url.as_deref(), &highlight, &hl)?;
    a.page_name = store.issue(record.issue_id)?.page_name;
    let siblings = store.titles_of_issue(record.issue_id)?;
    let pos = siblings.iter().position(|s| s.0 == id);
    let pick = |i: Option<usize>| i.and_then(|i| siblings.get(i)).cloned();
    let prev = pick(pos.and_then(|p| p.checked_sub(1)));
    let next = pick(pos.map(|p| p + 1));
    let json_ld = crate::feeds::json_ld(&a);
    let highlighting = !highlight.is_empty();
    let named = store
        .people_of_article(id)?
        .into_iter()
        .filter(|(_, _, role)| role == "mentioned")
        .map(|(n, post, _)| (n, post))
        .collect();
    let things = store
        .things_of_article(id)?
        .into_iter()
        .map(|(kind, name)| {
            let label = match kind.as_str() {
                "organization" => "机构",
                "place" => "地点",
                _ => "活动",
            };
            (label.to_string(), name)
        })
        .collect();
    let history = store
        .corrections_of_article(id)?
        .into_iter()
        .map(|c| (c.id, super::correct::kind_label(&c.kind), c.editor, c.created_at.chars().take(16).collect()))
        .collect();
    let panel = match super::correct::editor_of(&state, &parts) {
        Some(name) => Some(super::correct::Panel::of(&store, &record, name)?),
        None => None,
    };
    let meta = article_meta(&a, &site);
    render(&ArticlePage {
        site_name: state.site_name(),
        meta,
        a,
        prev,
        next,
        json_ld,
        highlighting,
        named,
        things,
        crop,
        history,
        panel,
        kinds: super::correct::KINDS,
    })
}

/// An article's description is its first paragraph (not a sub-heading),
/// trimmed; its title without one.
fn article_meta(a: &ArticleView, site: &SiteUrl) -> Meta {
    let first = a
        .paragraphs
        .iter()
        .find(|p| !p.subheading)
        .map(|p| p.segments.iter().map(|s| s.text.as_str()).collect::<String>())
        .filter(|t| !t.trim().is_empty());
    let description = first.unwrap_or_else(|| a.title.clone());
    Meta {
        title: a.title.clone(),
        description: clip(&description, DESCRIPTION_CHARS),
        kind: "article",
        url: site.join(&a.url),
        published: a.date.clone(),
    }
}
