//! The pages readers see: the papers, a paper's latest issue and calendar,
//! an issue, a page (版), an article, search, a person, about; and the
//! error pages. Every page is a
//! typed askama template from `templates/`, compiled into the binary, which
//! escapes whatever it prints.

mod alto;
mod article;
mod correct;
mod downloads;
mod files;
mod iiif;
mod page_view;
mod scan;
mod search_page;

pub use search_page::SearchParams;

use crate::error::{Failure, PageError};
use crate::extract::{PagePath, PageQuery, SiteUrl};
use crate::views::{self, CalendarYear, DateView, PaperView, UndatedView};
use crate::AppState;
use article::article;
use askama::Template;
use axum::extract::State;
use axum::http::{header, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;
use page_view::{paper_issue, paper_page};
use search_page::search;
use serde::Deserialize;

/// The stylesheet, compiled in.
const STYLE: &str = include_str!("../../static/style.css");

/// The page view's one script (where CSS cannot start the row of page
/// images at the page shown), compiled in.
const LEAVES_JS: &str = include_str!("../../static/leaves.js");

/// The routes of the pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/papers/{paper}", get(paper))
        .route("/papers/{paper}/{date}", get(paper_issue))
        .route("/papers/{paper}/{date}/{page}", get(paper_page))
        .route("/papers/{paper}/{date}/pdf.zip", get(downloads::issue_zip))
        .route("/papers/{paper}/{date}/manifest.json", get(iiif::manifest))
        .route("/papers/{paper}/{date}/{page}/alto.xml", get(alto::alto))
        .route("/issues/{date}", get(issue))
        .route("/articles/{id}", get(article))
        .route("/articles/{id}/corrections", axum::routing::post(correct::correct))
        .route("/corrections/{id}/undo", axum::routing::post(correct::undo))
        .route("/editor", get(correct::sign_in_form).post(correct::sign_in))
        .route("/search", get(search))
        .route("/people", get(people))
        .route("/people/{name}", get(person))
        .route("/posts/{post}", get(post))
        .route("/about", get(about))
        .route("/static/style.css", get(style))
        .route("/static/leaves.js", get(leaves_js))
        .route("/files/{name}", get(files::file))
}

pub(crate) fn render<T: Template>(t: &T) -> Result<Response, PageError> {
    Ok(Html(t.render().map_err(Failure::from)?).into_response())
}

async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], STYLE)
}

async fn leaves_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        LEAVES_JS,
    )
}

/// The page for a path that matches nothing.
pub async fn not_found() -> PageError {
    PageError(Failure::NotFound("没有这个页面 (no such page)".into()))
}

/// Longest description of a page (`<meta name="description">`, `og:description`), in characters.
pub(crate) const DESCRIPTION_CHARS: usize = 120;

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
pub(crate) fn path_of(uri: &Uri) -> &str {
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
    thumbs: Vec<Option<scan::Thumb>>,
}

fn shelf(store: &shuzibao_store::Store, paper: PaperView) -> Result<Shelf, Failure> {
    let dates = views::dates(store, &paper.name)?;
    let latest = match dates.last() {
        Some(d) => Some(views::date_view(store, &paper.name, *d)?),
        None => None,
    };
    let thumbs = latest.as_ref().map(|day| scan::thumbs(store, day)).transpose()?.unwrap_or_default();
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

/// The titles of a day's articles, in order, for a description.
pub(crate) fn titles_of(day: &DateView) -> String {
    let titles: Vec<&str> = day.pages.iter().flat_map(|p| &p.articles).map(|a| a.title.as_str()).collect();
    titles.join("；")
}

/// A date in a path, or not found.
pub(crate) fn date_in_path(date: &str) -> Result<NaiveDate, Failure> {
    date.parse().map_err(|_| Failure::NotFound(format!("{date:?} 不是日期 (not a date like 2024-01-01)")))
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
