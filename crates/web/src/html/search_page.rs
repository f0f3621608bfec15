//! The search page: its form's fields as a query with filters
//! ([`SearchParams`], shared with the API and the feeds), the results with
//! snippets, facets as links and pagination.

use super::{clip, path_of, Meta, DESCRIPTION_CHARS};
use crate::error::{Failure, PageError};
use crate::extract::{PageQuery, SiteUrl};
use crate::views::{self, ResultsView};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use shuzibao_search::{Clause, Sort};

/// Results per page of search.
const PER_PAGE: usize = 10;

/// Longest value of a search filter (a name, a date, a page); the query
/// itself is bounded by the query parser (1000 characters, 64 terms).
const MAX_FILTER_CHARS: usize = 64;

/// The kinds of article a search can be narrowed to.
const KINDS: [&str; 6] = ["news", "briefs", "photo", "notice", "letter", "commentary"];

/// The search form's fields, as they come in the URL.
#[derive(Deserialize, Default, Clone)]
pub struct SearchParams {
    /// The query.
    #[serde(default)]
    pub q: String,
    /// From date.
    #[serde(default)]
    pub from: String,
    /// To date.
    #[serde(default)]
    pub to: String,
    /// Page (版) filter.
    #[serde(default)]
    pub page: String,
    /// Kind filter.
    #[serde(default)]
    pub kind: String,
    /// Reporter filter (byline).
    #[serde(default)]
    pub reporter: String,
    /// Person filter (byline or text).
    #[serde(default)]
    pub person: String,
    /// Paper filter (its name).
    #[serde(default)]
    pub paper: String,
    /// relevance, newest, oldest.
    #[serde(default)]
    pub sort: String,
    /// Result page, from 1.
    #[serde(default)]
    pub p: String,
}

impl SearchParams {
    /// The query with the form's filters as clauses, the sort and the offset.
    pub fn to_query(
        &self,
        index: &shuzibao_search::SearchIndex,
    ) -> Result<(shuzibao_search::Query, Sort, usize), Failure> {
        let bad = |e: shuzibao_search::QueryError| Failure::BadRequest(format!("查询有误 (bad query): {e}"));
        self.check()?;
        let mut query = if self.q.trim().is_empty() {
            shuzibao_search::Query::default()
        } else {
            index.parse_query(&self.q).map_err(bad)?
        };
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        if let Some(c) =
            shuzibao_search::query::date_range(opt(&self.from).as_deref(), opt(&self.to).as_deref()).map_err(bad)?
        {
            query.clauses.push(c);
        }
        if let Some(p) = opt(&self.page) {
            let n: u32 = p.parse().map_err(|_| Failure::BadRequest(format!("版 (page) {p:?} 不是数字")))?;
            query.clauses.push(Clause::Page(n, n));
        }
        if let Some(k) = opt(&self.kind) {
            if !KINDS.contains(&k.as_str()) {
                return Err(Failure::BadRequest(format!("体裁 (kind) 是 {} 之一", KINDS.join(", "))));
            }
            query.clauses.push(Clause::Kind(k));
        }
        if let Some(r) = opt(&self.reporter) {
            query.clauses.push(Clause::Reporter(r));
        }
        if let Some(r) = opt(&self.person) {
            query.clauses.push(Clause::Person(r));
        }
        if let Some(p) = opt(&self.paper) {
            query.clauses.push(Clause::Paper(shuzibao_search::tokenize::normalize(&p)));
        }
        let sort = match self.sort.as_str() {
            "newest" => Sort::Newest,
            "oldest" => Sort::Oldest,
            _ if query.has_text() => Sort::Relevance,
            _ => Sort::Newest,
        };
        let page: usize = self.p.parse().unwrap_or(1).clamp(1, 1000);
        Ok((query, sort, (page - 1) * PER_PAGE))
    }

    /// Refuses control characters (NUL and the like: never typed, only
    /// forged) in any field, and filters longer than any name or date.
    fn check(&self) -> Result<(), Failure> {
        let fields = [
            ("q", &self.q),
            ("from", &self.from),
            ("to", &self.to),
            ("page", &self.page),
            ("kind", &self.kind),
            ("reporter", &self.reporter),
            ("person", &self.person),
            ("paper", &self.paper),
            ("sort", &self.sort),
            ("p", &self.p),
        ];
        for (name, value) in fields {
            if value.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
                return Err(Failure::BadRequest(format!(
                    "{name}: 不能含控制字符 (control characters are not allowed)"
                )));
            }
            if name != "q" && value.chars().count() > MAX_FILTER_CHARS {
                return Err(Failure::BadRequest(format!(
                    "{name}: 太长 (too long: more than {MAX_FILTER_CHARS} characters)"
                )));
            }
        }
        Ok(())
    }

    /// The URL of these parameters with some changed (`key=value` pairs), for
    /// pagination and facet links that keep the other filters.
    pub fn url_with(&self, changes: &[(&str, &str)]) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("q", self.q.clone()),
            ("from", self.from.clone()),
            ("to", self.to.clone()),
            ("page", self.page.clone()),
            ("kind", self.kind.clone()),
            ("reporter", self.reporter.clone()),
            ("person", self.person.clone()),
            ("paper", self.paper.clone()),
            ("sort", self.sort.clone()),
            ("p", self.p.clone()),
        ];
        for (k, v) in changes {
            if let Some(pair) = pairs.iter_mut().find(|(name, _)| name == k) {
                pair.1 = v.to_string();
            }
        }
        let query: Vec<String> =
            pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", views::url_encode(v))).collect();
        format!("/search?{}", query.join("&"))
    }
}

/// A facet value with its link.
pub struct FacetLink {
    /// What it is.
    pub label: String,
    /// How many results have it.
    pub count: u64,
    /// The search with this filter added.
    pub href: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    site_name: &'a str,
    meta: Meta,
    params: SearchParams,
    results: Option<ResultsView>,
    error: Option<String>,
    facets: Vec<(&'static str, Vec<FacetLink>)>,
    prev_href: Option<String>,
    next_href: Option<String>,
    page_no: usize,
    page_total: usize,
}

fn facet_links(params: &SearchParams, r: &ResultsView) -> Vec<(&'static str, Vec<FacetLink>)> {
    let link = |items: &[(String, u64)], f: &dyn Fn(&str) -> String| -> Vec<FacetLink> {
        items.iter().map(|(k, n)| FacetLink { label: k.clone(), count: *n, href: f(k) }).collect()
    };
    let labelled = |mut v: Vec<FacetLink>, label: &dyn Fn(&str) -> String| {
        for f in &mut v {
            f.label = label(&f.label);
        }
        v
    };
    let year = |y: &str| params.url_with(&[("from", y), ("to", y), ("p", "")]);
    let month = |m: &str| params.url_with(&[("from", m), ("to", m), ("p", "")]);
    let person = |n: &str| params.url_with(&[("person", n), ("p", "")]);
    let kind = |k: &str| params.url_with(&[("kind", k), ("p", "")]);
    let page = |p: &str| params.url_with(&[("page", p.trim_start_matches('0')), ("p", "")]);
    let paper = |p: &str| params.url_with(&[("paper", p), ("p", "")]);
    let months: Vec<(String, u64)> = r.facets.month.iter().rev().take(12).cloned().collect();
    vec![
        ("报纸", link(&r.facets.paper, &paper)),
        ("年份", labelled(link(&r.facets.year, &year), &|y| format!("{y}年"))),
        ("月份", link(&months, &month)),
        ("人物", link(&r.facets.person, &person)),
        ("体裁", labelled(link(&r.facets.kind, &kind), &|k| views::kind_label(k).to_string())),
        ("版面", labelled(link(&r.facets.page, &page), &|p| format!("第{}版", p.trim_start_matches('0')))),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect()
}

pub(crate) async fn search(
    State(state): State<AppState>,
    site: SiteUrl,
    uri: Uri,
    PageQuery(params): PageQuery<SearchParams>,
) -> Result<Response, PageError> {
    let blank = params.q.trim().is_empty()
        && params.from.is_empty()
        && params.to.is_empty()
        && params.reporter.is_empty()
        && params.person.is_empty()
        && params.kind.is_empty()
        && params.page.is_empty()
        && params.paper.is_empty();
    let name = state.site_name();
    let title =
        if params.q.trim().is_empty() { "检索".to_string() } else { format!("{} · 检索", params.q.trim()) };
    let mut page = SearchPage {
        site_name: name,
        meta: Meta::page(
            title,
            &format!("全文检索{name}的文章：按词语、日期、版面、记者、人物查找，繁体简体互通。"),
            &site,
            path_of(&uri),
        ),
        params: params.clone(),
        results: None,
        error: None,
        facets: Vec::new(),
        prev_href: None,
        next_href: None,
        page_no: 1,
        page_total: 0,
    };
    if !blank {
        match params
            .to_query(state.index())
            .and_then(|(q, sort, offset)| views::search(&state, q, sort, offset, PER_PAGE))
        {
            Ok(r) => {
                page.page_no = r.offset / PER_PAGE + 1;
                page.page_total = r.total.div_ceil(PER_PAGE);
                if page.page_no > 1 {
                    page.prev_href = Some(params.url_with(&[("p", &(page.page_no - 1).to_string())]));
                }
                if page.page_no < page.page_total {
                    page.next_href = Some(params.url_with(&[("p", &(page.page_no + 1).to_string())]));
                }
                page.facets = facet_links(&params, &r);
                let what =
                    if params.q.trim().is_empty() { String::new() } else { format!("“{}”", params.q.trim()) };
                let titles: Vec<&str> = r.hits.iter().map(|h| h.article.title.as_str()).collect();
                page.meta.description =
                    clip(&format!("在{name}中检索{what}：共 {} 篇。{}", r.total, titles.join("；")), DESCRIPTION_CHARS);
                page.results = Some(r);
            }
            Err(Failure::BadRequest(m)) => page.error = Some(m),
            Err(e) => return Err(PageError(e)),
        }
    }
    let status = if page.error.is_some() { axum::http::StatusCode::BAD_REQUEST } else { axum::http::StatusCode::OK };
    let html = page.render().map_err(Failure::from)?;
    Ok((status, Html(html)).into_response())
}
