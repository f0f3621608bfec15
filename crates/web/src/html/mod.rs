//! The pages readers see: the papers, a paper's latest issue and calendar,
//! an issue, a page (版), an article, search, a person, about; and the
//! error pages. Every page is a
//! typed askama template from `templates/`, compiled into the binary, which
//! escapes whatever it prints.

mod files;
mod page_view;

use crate::error::{Failure, PageError};
use crate::extract::{PagePath, PageQuery, SiteUrl};
use crate::views::{self, ArticleView, CalendarYear, DateView, PageView, PaperView, ResultsView, UndatedView};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{header, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;
use serde::Deserialize;
use shuzibao_search::{Clause, Sort};

/// Results per page of search.
const PER_PAGE: usize = 10;

/// Longest value of a search filter (a name, a date, a page); the query
/// itself is bounded by the query parser (1000 characters, 64 terms).
const MAX_FILTER_CHARS: usize = 64;

/// The kinds of article a search can be narrowed to.
const KINDS: [&str; 6] = ["news", "briefs", "photo", "notice", "letter", "commentary"];

/// The stylesheet, compiled in.
const STYLE: &str = include_str!("../../static/style.css");

/// The routes of the pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/papers/{paper}", get(paper))
        .route("/papers/{paper}/{date}", get(paper_issue))
        .route("/papers/{paper}/{date}/{page}", get(paper_page))
        .route("/issues/{date}", get(issue))
        .route("/articles/{id}", get(article))
        .route("/search", get(search))
        .route("/people", get(people))
        .route("/people/{name}", get(person))
        .route("/posts/{post}", get(post))
        .route("/about", get(about))
        .route("/static/style.css", get(style))
        .route("/files/{name}", get(files::file))
}

fn render<T: Template>(t: &T) -> Result<Response, PageError> {
    Ok(Html(t.render().map_err(Failure::from)?).into_response())
}

async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], STYLE)
}

/// The page for a path that matches nothing.
pub async fn not_found() -> PageError {
    PageError(Failure::NotFound("没有这个页面 (no such page)".into()))
}

/// Longest description of a page (`<meta name="description">`, `og:description`), in characters.
const DESCRIPTION_CHARS: usize = 120;

/// What a page says about itself to search engines and to whatever shows
/// a shared link: `<meta name="description">` and Open Graph (`og:title`,
/// `og:description`, `og:type`, `og:url`; `og:site_name` is the site's).
pub(crate) struct Meta {
    /// `og:title`: the page's own title, without the site's name.
    pub title: String,
    /// The description, at most [`DESCRIPTION_CHARS`] characters.
    pub description: String,
    /// `og:type`: `website`, or `article` for an article.
    pub kind: &'static str,
    /// `og:url`: the page's absolute URL, when the site's address is known.
    pub url: Option<String>,
    /// `article:published_time`, for an article with a date.
    pub published: Option<String>,
}

impl Meta {
    /// A page of the site (`og:type` website) at `path`.
    pub(crate) fn page(title: impl Into<String>, description: &str, site: &SiteUrl, path: &str) -> Meta {
        Meta {
            title: title.into(),
            description: clip(description, DESCRIPTION_CHARS),
            kind: "website",
            url: site.join(path),
            published: None,
        }
    }
}

/// `text` with its runs of white space made one space, cut to `max`
/// characters with `…` when longer.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The path and query of a request, as its page's URL.
fn path_of(uri: &Uri) -> &str {
    uri.path_and_query().map_or("/", |p| p.as_str())
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    site_name: &'a str,
    meta: Meta,
    /// Every paper, listed when there are several.
    papers: Vec<PaperView>,
    /// The one paper's latest issue and calendar, when there is one paper.
    shelf: Option<Shelf>,
    /// The pages without a date, of every paper.
    undated: Vec<UndatedView>,
}

/// A paper's latest issue, the calendar of its dates and its undated pages:
/// its own page, and the home page of an archive of one paper.
struct Shelf {
    paper: PaperView,
    latest: Option<DateView>,
    calendar: Vec<CalendarYear>,
    issue_count: usize,
    /// The thumbnail of each page of the latest issue.
    thumbs: Vec<Option<page_view::Thumb>>,
}

fn shelf(store: &shuzibao_store::Store, paper: PaperView) -> Result<Shelf, Failure> {
    let dates = views::dates(store, &paper.name)?;
    let latest = match dates.last() {
        Some(d) => Some(views::date_view(store, &paper.name, *d)?),
        None => None,
    };
    let thumbs = latest.as_ref().map(|day| page_view::thumbs(store, day)).transpose()?.unwrap_or_default();
    Ok(Shelf { paper, latest, calendar: views::calendar(&dates), issue_count: dates.len(), thumbs })
}

async fn home(State(state): State<AppState>, site: SiteUrl) -> Result<Response, PageError> {
    let store = state.reader()?;
    let papers = views::papers(&store)?;
    let undated = views::undated(&store, None)?;
    let name = state.site_name();
    let (shelf, description) = match papers.as_slice() {
        [] => (None, format!("{name}的数字档案：按日期浏览报纸，全文检索。")),
        [one] => {
            let shelf = shelf(&store, one.clone())?;
            let description = match &shelf.latest {
                Some(day) => format!(
                    "{name}的数字档案，{}共 {} 期，可按日期浏览、全文检索。最新一期 {}：{}",
                    one.name,
                    shelf.issue_count,
                    day.date_cn,
                    titles_of(day)
                ),
                None => format!("{name}的数字档案：{}，全文检索。", one.name),
            };
            (Some(shelf), description)
        }
        several => {
            let listed: Vec<String> = several
                .iter()
                .map(|p| {
                    if p.last_cn.is_empty() {
                        p.name.clone()
                    } else {
                        format!("{}（最新 {}）", p.name, p.last_cn)
                    }
                })
                .collect();
            (None, format!("{name}的数字档案，共 {} 种报纸：{}。", several.len(), listed.join("、")))
        }
    };
    render(&HomePage {
        site_name: name,
        meta: Meta::page(name, &description, &site, "/"),
        papers: if shelf.is_some() { Vec::new() } else { papers },
        shelf,
        undated,
    })
}

#[derive(Template)]
#[template(path = "paper.html")]
struct PaperPage<'a> {
    site_name: &'a str,
    meta: Meta,
    shelf: Shelf,
    undated: Vec<UndatedView>,
}

/// `/papers/{paper}`: the paper's latest issue, the calendar of its dates
/// and its pages without a date.
async fn paper(
    State(state): State<AppState>,
    site: SiteUrl,
    PagePath(name): PagePath<String>,
) -> Result<Response, PageError> {
    let store = state.reader()?;
    let paper = views::paper(&store, &name)?;
    let undated = views::undated(&store, Some(&paper.name))?;
    let shelf = shelf(&store, paper)?;
    let description = match &shelf.latest {
        Some(day) => format!(
            "{name}，共 {} 期，可按日期浏览、全文检索。最新一期 {}：{}",
            shelf.issue_count,
            day.date_cn,
            titles_of(day)
        ),
        None => format!("{name}：{} 版未注明日期。", undated.len()),
    };
    let meta = Meta::page(name.clone(), &description, &site, &shelf.paper.url);
    render(&PaperPage { site_name: state.site_name(), meta, shelf, undated })
}

#[derive(Template)]
#[template(path = "issue.html")]
struct IssuePage<'a> {
    site_name: &'a str,
    meta: Meta,
    day: DateView,
    /// Each page's thumbnail, in the order of `day.pages`.
    thumbs: Vec<Option<page_view::Thumb>>,
}

/// The titles of a day's articles, in order, for a description.
fn titles_of(day: &DateView) -> String {
    let titles: Vec<&str> = day.pages.iter().flat_map(|p| &p.articles).map(|a| a.title.as_str()).collect();
    titles.join("；")
}

/// A date in a path, or not found.
fn date_in_path(date: &str) -> Result<NaiveDate, Failure> {
    date.parse().map_err(|_| Failure::NotFound(format!("{date:?} 不是日期 (not a date like 2024-01-01)")))
}

/// `/papers/{paper}/{date}`: one issue.
async fn paper_issue(
    State(state): State<AppState>,
    site: SiteUrl,
    PagePath((paper, date)): PagePath<(String, String)>,
) -> Result<Response, PageError> {
    let date = date_in_path(&date)?;
    let store = state.reader()?;
    let day = views::date_view(&store, &paper, date)?;
    let title = format!("{paper} · {}", day.date_cn);
    let articles: usize = day.pages.iter().map(|p| p.articles.len()).sum();
    let description = format!("{title}，{} 版，{articles} 篇文章：{}", day.pages.len(), titles_of(&day));
    let meta = Meta::page(title, &description, &site, &day.url);
    let thumbs = page_view::thumbs(&store, &day)?;
    render(&IssuePage { site_name: state.site_name(), meta, day, thumbs })
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
    scan: Option<page_view::Scan>,
}

/// `/papers/{paper}/{date}/{page}`: one page (版) of an issue, with the pages
/// before and after it in that issue.
async fn paper_page(
    State(state): State<AppState>,
    site: SiteUrl,
    PagePath((paper, date, page)): PagePath<(String, String, String)>,
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
    let scan = page.id.map(|id| page_view::scan(&store, id)).transpose()?.flatten();
    render(&PagePage { site_name: state.site_name(), meta, day, page, prev, next, scan })
}

#[derive(Template)]
#[template(path = "date.html")]
struct DatePage<'a> {
    site_name: &'a str,
    meta: Meta,
    date_cn: String,
    issues: Vec<(String, String)>,
}

/// `/issues/{date}`, the URL of a day before papers were apart: to the one
/// paper's issue of that date, or the list of the papers of that date.
async fn issue(
    State(state): State<AppState>,
    site: SiteUrl,
    PagePath(date): PagePath<String>,
) -> Result<Response, PageError> {
    let date = date_in_path(&date)?;
    let papers = state.reader()?.papers_on(date)?;
    match papers.as_slice() {
        [] => Err(PageError(Failure::NotFound(format!("{date} 没有报纸 (no issue on this date)")))),
        [one] => Ok(Redirect::temporary(&views::issue_url(one, date)).into_response()),
        several => {
            let date_cn = views::date_cn(Some(date));
            let description = format!("{date_cn}的报纸：{}", several.join("、"));
            let meta = Meta::page(date_cn.clone(), &description, &site, &format!("/issues/{date}"));
            let issues = several.iter().map(|p| (p.clone(), views::issue_url(p, date))).collect();
            render(&DatePage { site_name: state.site_name(), meta, date_cn, issues })
        }
    }
}

#[derive(Deserialize)]
struct ArticleParams {
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
}

async fn article(
    State(state): State<AppState>,
    site: SiteUrl,
    PagePath(id): PagePath<String>,
    PageQuery(p): PageQuery<ArticleParams>,
) -> Result<Response, PageError> {
    let id: i64 = id.parse().map_err(|_| Failure::NotFound(format!("没有这篇文章: {id}")))?;
    let store = state.reader()?;
    let record = store.article(id)?;
    let highlight: Vec<String> = match p.hl.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(q) => state.index().parse_query(q).map(|q| q.highlights()).unwrap_or_default(),
        None => Vec::new(),
    };
    let mut a = views::article_view(&store, &record, &highlight, true)?;
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
    let meta = article_meta(&a, &site);
    render(&ArticlePage { site_name: state.site_name(), meta, a, prev, next, json_ld, highlighting, named, things })
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

async fn search(
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

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage<'a> {
    site_name: &'a str,
    meta: Meta,
    prefix: String,
    people: Vec<shuzibao_store::people::PersonSummary>,
}

#[derive(Deserialize)]
struct PeopleParams {
    #[serde(default)]
    q: String,
}

async fn people(
    State(state): State<AppState>,
    site: SiteUrl,
    uri: Uri,
    PageQuery(p): PageQuery<PeopleParams>,
) -> Result<Response, PageError> {
    let prefix = p.q.trim().chars().take(16).collect::<String>();
    let people = state.reader()?.people((!prefix.is_empty()).then_some(prefix.as_str()), 300)?;
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    let description = format!(
        "{}的档案中提到的人物，按文章数排列，附最近的职务和出现的时间：{}",
        state.site_name(),
        names.join("、")
    );
    let meta = Meta::page("人物", &description, &site, path_of(&uri));
    render(&PeoplePage { site_name: state.site_name(), meta, prefix, people })
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage<'a> {
    site_name: &'a str,
    meta: Meta,
    name: String,
    identities: Vec<shuzibao_store::people::Identity>,
}

async fn person(
    State(state): State<AppState>,
    site: SiteUrl,
    uri: Uri,
    PagePath(name): PagePath<String>,
) -> Result<Response, PageError> {
    let name = name.trim().to_string();
    if name.is_empty() || name.chars().count() > 32 {
        return Err(PageError(Failure::NotFound("没有这个人 (no such person)".into())));
    }
    let mut identities = state.reader()?.person(&name)?;
    // mentions in pages without a date after the dated ones, not before
    for i in &mut identities {
        i.mentions.sort_by_key(|m| m.date.is_none());
    }
    if identities.is_empty() {
        return Err(PageError(Failure::NotFound(format!("档案中没有 {name}"))));
    }
    let mentions: usize = identities.iter().map(|i| i.mentions.len()).sum();
    let mut posts: Vec<&str> = Vec::new();
    for p in identities.iter().flat_map(|i| &i.posts) {
        if !posts.contains(&p.post.as_str()) {
            posts.push(&p.post);
        }
    }
    let roles: Vec<&str> = identities.iter().flat_map(|i| &i.roles).map(String::as_str).collect();
    let held = if posts.is_empty() { roles.join("、") } else { posts.join("；") };
    let description = if held.is_empty() {
        format!("{name}：档案中提到 {mentions} 次，时间线和文章。")
    } else {
        format!("{name}：{held}。档案中提到 {mentions} 次，职务的时间和文章。")
    };
    let meta = Meta::page(name.clone(), &description, &site, path_of(&uri));
    render(&PersonPage { site_name: state.site_name(), meta, name, identities })
}

#[derive(Template)]
#[template(path = "post.html")]
struct PostPage<'a> {
    site_name: &'a str,
    meta: Meta,
    post: String,
    on: String,
    holder: Option<shuzibao_store::people::Tenure>,
    tenures: Vec<shuzibao_store::people::Tenure>,
}

#[derive(Deserialize)]
struct PostParams {
    #[serde(default)]
    on: String,
}

async fn post(
    State(state): State<AppState>,
    site: SiteUrl,
    uri: Uri,
    PagePath(post): PagePath<String>,
    PageQuery(p): PageQuery<PostParams>,
) -> Result<Response, PageError> {
    let post = post.trim().to_string();
    if post.is_empty() || post.chars().count() > 16 {
        return Err(PageError(Failure::NotFound("没有这个职务 (no such post)".into())));
    }
    let store = state.reader()?;
    let tenures = store.post_holders(&post)?;
    let holder = match p.on.trim() {
        "" => None,
        d => {
            let day: NaiveDate =
                d.parse().map_err(|_| Failure::BadRequest(format!("{d:?} 不是日期 (use 2023-03-15)")))?;
            store.holder_on(&post, day)?
        }
    };
    let holders: Vec<&str> = tenures.iter().map(|t| t.name.as_str()).collect();
    let description = match &holder {
        Some(h) => format!("{}，{post}是{}。历任（按档案中的出现）：{}", p.on.trim(), h.name, holders.join("、")),
        None => format!("{post}的历任（按档案中的出现）：{}；查某一天由谁担任。", holders.join("、")),
    };
    let meta = Meta::page(post.clone(), &description, &site, path_of(&uri));
    render(&PostPage { site_name: state.site_name(), meta, post, on: p.on.trim().to_string(), holder, tenures })
}

#[derive(Template)]
#[template(path = "about.html")]
struct AboutPage<'a> {
    site_name: &'a str,
    meta: Meta,
    issues: i64,
    articles: i64,
    version: &'static str,
}

async fn about(State(state): State<AppState>, site: SiteUrl) -> Result<Response, PageError> {
    let stats = state.reader()?.stats()?;
    let name = state.site_name();
    let description = format!(
        "关于{name}：一份报纸的数字档案，现有 {} 期（版）、{} 篇文章；按日期浏览，全文检索，JSON 接口和 Atom 订阅。",
        stats.issues, stats.articles
    );
    render(&AboutPage {
        site_name: name,
        meta: Meta::page(format!("关于{name}"), &description, &site, "/about"),
        issues: stats.issues,
        articles: stats.articles,
        version: env!("CARGO_PKG_VERSION"),
    })
}
