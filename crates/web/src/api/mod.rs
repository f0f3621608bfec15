//! The JSON API under `/api/v1`: papers, a paper's issues, an issue, the
//! stored pages, an issue by date, articles, an article (also as ninjs),
//! search with facets and paging, and its OpenAPI document. Errors are JSON
//! with the right status. With an admin token configured and given, `POST
//! /api/v1/issues` ingests a page's raw text and `POST
//! /api/v1/pages/{id}/date` dates a page; with an editor's token (or the
//! admin's) `POST /api/v1/articles/{id}/corrections` corrects an article
//! (`corrections.rs`).

mod corrections;
mod openapi;

pub(crate) use corrections::write as write_correction;

use crate::error::{ApiError, Failure};
use crate::extract::{ApiPath, ApiQuery, SiteUrl};
use crate::html::SearchParams;
use crate::views::{self, ArticleView, IssueSummary};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use subtle::ConstantTimeEq;

pub use openapi::{openapi, ROUTES};

/// The routes of the API (mounted under `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/issues", get(issues).post(post_issue))
        .route("/issues/{date}", get(issue_by_date))
        .route("/papers", get(papers))
        .route("/papers/{paper}/issues", get(paper_issues))
        .route("/papers/{paper}/issues/{date}", get(paper_issue))
        .route("/papers/{paper}/issues/{date}/doubtful", get(doubtful))
        .route("/pages/{id}/date", axum::routing::post(date_page))
        .route("/articles", get(articles))
        .route("/articles/{id}", get(article))
        .route("/articles/{id}/ninjs", get(article_ninjs))
        .route("/articles/{id}/corrections", get(corrections::of_article).post(corrections::correct))
        .route("/pages/{id}/corrections", get(corrections::of_page))
        .route("/corrections/{id}/undo", axum::routing::post(corrections::undo))
        .route("/search", get(search))
        .route("/people", get(people))
        .route("/people/{name}", get(person))
        .route("/posts/{post}", get(post))
        .route("/openapi.json", get(|| async { Json(openapi()) }))
        .fallback(|| async { ApiError(Failure::NotFound("no such API route".into())) })
}

pub(crate) type ApiResult<T> = Result<Json<T>, ApiError>;

async fn issues(State(state): State<AppState>) -> ApiResult<Vec<IssueSummary>> {
    let store = state.reader()?;
    Ok(Json(store.issues()?.iter().map(views::issue_summary).collect()))
}

fn date_param(date: &str) -> Result<chrono::NaiveDate, Failure> {
    date.parse().map_err(|_| Failure::BadRequest(format!("{date:?} is not a date like 2024-01-01")))
}

#[derive(Deserialize)]
struct PaperParam {
    paper: Option<String>,
}

/// `/issues/{date}`, from before papers were apart: the issue of the one
/// paper of that date (or of `?paper=`); with several papers that day and
/// none chosen, 300 with the papers' issues to choose from.
async fn issue_by_date(
    State(state): State<AppState>,
    ApiPath(date): ApiPath<String>,
    ApiQuery(p): ApiQuery<PaperParam>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let date = date_param(&date)?;
    let store = state.reader()?;
    let papers = store.papers_on(date)?;
    let chosen = match p.paper.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(name) => Some(name.to_string()),
        None if papers.len() == 1 => papers.first().cloned(),
        None => None,
    };
    match chosen {
        Some(name) => Ok(Json(views::date_view(&store, &name, date)?).into_response()),
        None if papers.is_empty() => Err(Failure::NotFound(format!("no issue on {date}")).into()),
        None => {
            let choices: Vec<Value> = papers
                .iter()
                .map(|name| {
                    let url = views::issue_url(name, date);
                    let api_url = format!("/api/v1{}/issues/{date}", views::paper_url(name));
                    json!({"paper": name, "url": url, "api_url": api_url})
                })
                .collect();
            let body = json!({
                "error": {"status": 300, "message": format!("{} papers have an issue on {date}: choose one with ?paper= or /api/v1/papers/{{paper}}/issues/{date}", papers.len())},
                "papers": choices,
            });
            Ok((axum::http::StatusCode::MULTIPLE_CHOICES, Json(body)).into_response())
        }
    }
}

async fn papers(State(state): State<AppState>) -> ApiResult<Vec<views::PaperView>> {
    Ok(Json(views::papers(&*state.reader()?)?))
}

#[derive(Serialize)]
struct DatedIssue {
    date: String,
    url: String,
    api_url: String,
}

#[derive(Serialize)]
struct PaperIssues {
    paper: views::PaperView,
    /// Its issues, oldest first.
    issues: Vec<DatedIssue>,
    /// Its pages without a date.
    undated: Vec<views::UndatedView>,
}

async fn paper_issues(State(state): State<AppState>, ApiPath(paper): ApiPath<String>) -> ApiResult<PaperIssues> {
    let store = state.reader()?;
    let paper = views::paper(&store, &paper)?;
    let issues = views::dates(&store, &paper.name)?
        .into_iter()
        .map(|d| DatedIssue {
            date: d.to_string(),
            url: views::issue_url(&paper.name, d),
            api_url: format!("{}/{d}", paper.api_url),
        })
        .collect();
    let undated = views::undated(&store, Some(&paper.name))?;
    Ok(Json(PaperIssues { paper, issues, undated }))
}

async fn paper_issue(
    State(state): State<AppState>,
    ApiPath((paper, date)): ApiPath<(String, String)>,
) -> ApiResult<views::DateView> {
    let date = date_param(&date)?;
    let store = state.reader()?;
    Ok(Json(views::date_view(&store, &paper, date)?))
}

#[derive(Serialize)]
struct DoubtfulList {
    paper: String,
    date: String,
    /// The least certain articles, least certain first.
    articles: Vec<shuzibao_archive::doubtful::Doubtful>,
}

/// The least certain articles of an issue (`?limit=`, 10 by default), for
/// editors to check first.
async fn doubtful(
    State(state): State<AppState>,
    ApiPath((paper, date)): ApiPath<(String, String)>,
    ApiQuery(p): ApiQuery<Paging>,
) -> ApiResult<DoubtfulList> {
    let date = date_param(&date)?;
    let limit = p.limit.unwrap_or(10).clamp(1, 200);
    let store = state.reader()?;
    let pages = store.pages_of_issue(&paper, date)?;
    if pages.is_empty() {
        return Err(Failure::NotFound(format!("no issue of {paper} on {date}")).into());
    }
    let articles = shuzibao_archive::doubtful::doubtful_of(&store, &pages, limit)?;
    Ok(Json(DoubtfulList { paper, date: date.to_string(), articles }))
}

#[derive(Deserialize)]
struct Paging {
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Serialize)]
struct ArticleList {
    offset: usize,
    articles: Vec<ArticleView>,
}

async fn articles(State(state): State<AppState>, ApiQuery(p): ApiQuery<Paging>) -> ApiResult<ArticleList> {
    let (limit, offset) = (p.limit.unwrap_or(20).clamp(1, 200), p.offset.unwrap_or(0).min(1_000_000));
    let store = state.reader()?;
    let mut list = Vec::new();
    for a in store.latest_articles(limit, offset)? {
        list.push(views::article_view(&store, &a, &[], false)?);
    }
    Ok(Json(ArticleList { offset, articles: list }))
}

fn article_id(id: &str) -> Result<i64, Failure> {
    id.parse().map_err(|_| Failure::NotFound(format!("no article {id:?}")))
}

async fn article(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> ApiResult<ArticleView> {
    let store = state.reader()?;
    let a = store.article(article_id(&id)?)?;
    Ok(Json(views::article_view(&store, &a, &[], true)?))
}

/// The article as IPTC ninjs; its `uri` is absolute when the site's address
/// is known (see [`SiteUrl`]).
async fn article_ninjs(State(state): State<AppState>, site: SiteUrl, ApiPath(id): ApiPath<String>) -> ApiResult<Value> {
    let store = state.reader()?;
    let a = store.article(article_id(&id)?)?;
    Ok(Json(shuzibao_archive::export::ninjs(&a, site.0.as_deref().unwrap_or(""))))
}

#[derive(Serialize)]
struct SearchJson {
    total: usize,
    offset: usize,
    limit: usize,
    hits: Vec<views::HitView>,
    facets: shuzibao_search::Facets,
    next: Option<String>,
}

async fn search(State(state): State<AppState>, ApiQuery(params): ApiQuery<SearchParams>) -> ApiResult<SearchJson> {
    let (query, sort, offset) = params.to_query(state.index())?;
    if query.clauses.is_empty() {
        return Err(Failure::BadRequest("q (or a filter) is required".into()).into());
    }
    const LIMIT: usize = 10;
    let r = views::search(&state, query, sort, offset, LIMIT)?;
    let next = (offset + LIMIT < r.total)
        .then(|| params.url_with(&[("p", &(offset / LIMIT + 2).to_string())]).replacen("/search", "/api/v1/search", 1));
    Ok(Json(SearchJson { total: r.total, offset, limit: LIMIT, hits: r.hits, facets: r.facets, next }))
}

#[derive(Deserialize)]
struct PeopleParams {
    q: Option<String>,
    limit: Option<usize>,
}

async fn people(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<PeopleParams>,
) -> ApiResult<Vec<shuzibao_store::people::PersonSummary>> {
    let prefix = p.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    Ok(Json(state.reader()?.people(prefix, p.limit.unwrap_or(100).clamp(1, 1000))?))
}

async fn person(
    State(state): State<AppState>,
    ApiPath(name): ApiPath<String>,
) -> ApiResult<Vec<shuzibao_store::people::Identity>> {
    let ids = state.reader()?.person(name.trim())?;
    if ids.is_empty() {
        return Err(Failure::NotFound(format!("no person named {name:?}")).into());
    }
    Ok(Json(ids))
}

#[derive(Deserialize)]
struct PostParams {
    on: Option<String>,
}

async fn post(
    State(state): State<AppState>,
    ApiPath(post): ApiPath<String>,
    ApiQuery(p): ApiQuery<PostParams>,
) -> ApiResult<Value> {
    let store = state.reader()?;
    let tenures = store.post_holders(post.trim())?;
    let holder = match p.on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => {
            let day: chrono::NaiveDate =
                d.parse().map_err(|_| Failure::BadRequest(format!("{d:?} is not a date like 2023-03-15")))?;
            Some(store.holder_on(post.trim(), day)?)
        }
        None => None,
    };
    Ok(Json(json!({ "post": post.trim(), "holder": holder.flatten(), "tenures": tenures })))
}

/// The admin or an editor, proven by a token (`Authorization: Bearer …`);
/// checked before the body is read, so that nobody else can make the
/// server read eight megabytes. Holds the editor's name (`admin` for the
/// admin token).
pub(crate) struct Admin(pub(crate) String);

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let given = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.get(..7).filter(|scheme| scheme.eq_ignore_ascii_case("bearer ")).map(|_| &v[7..]))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        authorised(state, parts, given).map(Admin).map_err(ApiError)
    }
}

/// The editor whose token `given` is, compared in constant time with every
/// token. No token: 401; a wrong one: 403, logged with the client's
/// address; after a few wrong ones from a client, 429 for a while (see
/// `limits::Guesses`).
pub(crate) fn authorised(state: &AppState, parts: &Parts, given: Option<&str>) -> Result<String, Failure> {
    if state.tokens().is_empty() {
        return Err(Failure::Forbidden("writing is disabled on this server".into()));
    }
    let Some(given) = given else {
        return Err(Failure::Unauthorized("an admin or editor token is needed (Authorization: Bearer …)".into()));
    };
    let client = crate::limits::client_ip(parts);
    if let Err(wait) = state.guesses().check(client) {
        return Err(Failure::TooManyRequests(format!("too many wrong admin tokens: retry in {wait} s"), wait));
    }
    // compare fixed-length digests, so that the length does not leak either;
    // every token is compared, so that the time does not tell which matched
    let a = shuzibao_store::content_hash(given);
    let mut found = None;
    for (name, token) in state.tokens() {
        let b = shuzibao_store::content_hash(token);
        if bool::from(a.as_bytes().ct_eq(b.as_bytes())) && found.is_none() {
            found = Some(name.clone());
        }
    }
    match found {
        Some(name) => Ok(name),
        None => {
            state.guesses().wrong(client);
            let client = client.map_or_else(|| "unknown".to_string(), |c| c.to_string());
            tracing::warn!(%client, path = %parts.uri.path(), "wrong admin token");
            Err(Failure::Forbidden("wrong admin token".into()))
        }
    }
}

/// Where a posted page goes, when its text and name do not say: `?paper=`,
/// `&date=YYYY-MM-DD`, `&page=A3` (as `--paper`, `--date`, `--page`).
#[derive(Debug, Default, serde::Deserialize)]
struct PostPlace {
    paper: Option<String>,
    date: Option<String>,
    page: Option<String>,
}

impl PostPlace {
    fn given(&self) -> Result<shuzibao_archive::place::Given, Failure> {
        let date = match self.date.as_deref().filter(|d| !d.is_empty()) {
            Some(d) => Some(date_param(d)?),
            None => None,
        };
        let page = match self.page.as_deref().filter(|p| !p.is_empty()) {
            Some(p) => Some(p.parse().map_err(|e: shuzibao_core::BadPageNo| Failure::BadRequest(e.to_string()))?),
            None => None,
        };
        Ok(shuzibao_archive::place::Given { paper: self.paper.clone().filter(|p| !p.trim().is_empty()), date, page })
    }
}

/// `POST /api/v1/issues`: a page's raw text in (any supported encoding; its
/// file name in `X-Source-Name`, read as `shuzibao ingest` reads names), the
/// parse and what the archive did with it out.
async fn post_issue(
    State(state): State<AppState>,
    _: Admin,
    headers: HeaderMap,
    ApiQuery(place): ApiQuery<PostPlace>,
    body: Bytes,
) -> ApiResult<Value> {
    let name = headers.get("x-source-name").and_then(|v| v.to_str().ok()).unwrap_or("api").to_string();
    // only the file's own name is read for hints, never a path the client chose
    let hints_from = std::path::Path::new(&name).file_name().map(std::path::PathBuf::from);
    let input = shuzibao_archive::ingest::Input::bytes(&name, body.to_vec(), place.given()?, hints_from.as_deref());
    let state2 = state.clone();
    let (report, issue, stale) = tokio::task::spawn_blocking(move || -> Result<_, Failure> {
        let mut archive = state2.writer();
        let (report, page) = archive.ingest_one(&input).map_err(|e| match e {
            e if e.is_page_error() => Failure::BadRequest(e.to_string()),
            e => e.into(),
        })?;
        let stale = archive.stale_corrections(&report)?;
        archive.sync_and_keep()?;
        Ok((report, page.issue, stale))
    })
    .await
    .map_err(|e| Failure::Internal(format!("ingest task: {e}")))??;
    let issue = shuzibao_core::json::to_value(&issue, None);
    Ok(Json(json!({ "ingest": report, "issue": issue, "corrections_no_longer_applying": stale })))
}

/// What `POST /api/v1/pages/{id}/date` takes.
#[derive(Deserialize)]
struct GivenDate {
    date: String,
}

/// `POST /api/v1/pages/{id}/date` with `{"date": "YYYY-MM-DD"}`: gives a
/// page (an undated one, or one dated wrongly) its date, as `shuzibao date`
/// does; the page then belongs to its paper's issue of that date.
async fn date_page(
    State(state): State<AppState>,
    _: Admin,
    ApiPath(id): ApiPath<String>,
    body: Bytes,
) -> ApiResult<Value> {
    let id: i64 = id.parse().map_err(|_| Failure::NotFound(format!("no page {id:?}")))?;
    let given: GivenDate = serde_json::from_slice(&body)
        .map_err(|e| Failure::BadRequest(format!("the body is JSON like {{\"date\": \"2024-01-01\"}}: {e}")))?;
    let date = date_param(given.date.trim())?;
    let state2 = state.clone();
    let (report, page) = tokio::task::spawn_blocking(move || -> Result<_, Failure> {
        let mut archive = state2.writer();
        let report = archive.set_date(id, date, "editor")?;
        archive.sync_and_keep()?;
        let page = archive.store().issue(id)?;
        Ok((report, page))
    })
    .await
    .map_err(|e| Failure::Internal(format!("dating task: {e}")))??;
    Ok(Json(json!({ "dated": report, "page": views::issue_summary(&page) })))
}
