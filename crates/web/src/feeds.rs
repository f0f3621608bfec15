//! Feeds and standard news formats: Atom feeds of the latest articles (of
//! every paper, each entry naming its paper, or of one paper) and of any
//! search, an OpenSearch description, schema.org `NewsArticle` JSON-LD
//! for article pages, and IPTC ninjs 3.0 for each article (the API and
//! `shuzibao export` use the same function).

use crate::error::{Failure, PageError};
use crate::extract::{PagePath, PageQuery, SiteUrl};
use crate::html::SearchParams;
use crate::views::{self, ArticleView};
use crate::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
pub use shuzibao_archive::export::xml_escape;
use shuzibao_search::Sort;

/// Entries in a feed.
const FEED_ENTRIES: usize = 50;

/// The routes of the feeds.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feeds/latest.atom", get(latest))
        .route("/papers/{paper}/feed.atom", get(paper_feed))
        .route("/feeds/search.atom", get(search))
        .route("/opensearch.xml", get(opensearch))
}

fn body_text(a: &ArticleView) -> Vec<String> {
    a.paragraphs.iter().map(|p| p.segments.iter().map(|s| s.text.as_str()).collect()).collect()
}

fn atom(title: &str, self_href: &str, articles: &[ArticleView]) -> String {
    let updated = articles
        .iter()
        .filter_map(|a| a.date.clone())
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| format!("{d}T00:00:00Z"));
    let mut x = String::new();
    x.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n",
    );
    x.push_str(&format!(
        "<title>{}</title>\n<id>urn:shuzibao:feed:{}</id>\n",
        xml_escape(title),
        xml_escape(self_href)
    ));
    x.push_str(&format!("<link rel=\"self\" href=\"{}\"/>\n<updated>{updated}</updated>\n", xml_escape(self_href)));
    x.push_str("<generator>shuzibao</generator>\n");
    for a in articles {
        let date = a.date.clone().unwrap_or_else(|| "1970-01-01".to_string());
        x.push_str("<entry>\n");
        x.push_str(&format!("<title>{}</title>\n", xml_escape(&a.title)));
        x.push_str(&format!("<id>urn:shuzibao:article:{}</id>\n<link href=\"{}\"/>\n", a.id, xml_escape(&a.url)));
        x.push_str(&format!("<updated>{date}T00:00:00Z</updated>\n<published>{date}T00:00:00Z</published>\n"));
        for p in &a.people {
            x.push_str(&format!("<author><name>{}</name></author>\n", xml_escape(&p.name)));
        }
        if let Some(paper) = &a.paper {
            // the paper it is in, as a category, and in the summary
            let paper = xml_escape(paper);
            x.push_str(&format!("<category term=\"{paper}\" label=\"{paper}\"/>\n"));
        }
        let placed: Vec<String> = a.meta_parts().into_iter().take(3).map(|p| p.text).collect();
        x.push_str(&format!("<summary>【{}】{}</summary>\n", xml_escape(&placed.join(" · ")), xml_escape(&a.lead)));
        let html: String = body_text(a).iter().map(|p| format!("<p>{}</p>", xml_escape(p))).collect();
        x.push_str(&format!("<content type=\"html\">{}</content>\n", xml_escape(&html)));
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn atom_response(xml: String) -> Response {
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response()
}

async fn latest(State(state): State<AppState>) -> Result<Response, PageError> {
    let store = state.reader()?;
    let mut list = Vec::new();
    for a in store.latest_articles(FEED_ENTRIES, 0)? {
        list.push(views::article_view(&store, &a, &[], false)?);
    }
    Ok(atom_response(atom(&format!("{} · 最新文章", state.site_name()), "/feeds/latest.atom", &list)))
}

/// The latest articles of one paper: its newest issues' pages in page order.
fn latest_of_paper(
    store: &shuzibao_store::Store,
    paper: &str,
    limit: usize,
) -> Result<Vec<shuzibao_store::ArticleRecord>, Failure> {
    let mut out = Vec::new();
    for date in store.dates_of(Some(paper))?.into_iter().rev() {
        for page in store.pages_of_issue(paper, date)? {
            out.extend(store.articles_of_issue(page.id)?);
        }
        if out.len() >= limit {
            break;
        }
    }
    out.truncate(limit);
    Ok(out)
}

async fn paper_feed(State(state): State<AppState>, PagePath(paper): PagePath<String>) -> Result<Response, PageError> {
    let store = state.reader()?;
    let paper = views::paper(&store, &paper)?;
    let mut list = Vec::new();
    for a in latest_of_paper(&store, &paper.name, FEED_ENTRIES)? {
        list.push(views::article_view(&store, &a, &[], false)?);
    }
    Ok(atom_response(atom(&format!("{} · {} · 最新文章", state.site_name(), paper.name), &paper.feed_url, &list)))
}

async fn search(
    State(state): State<AppState>,
    PageQuery(params): PageQuery<SearchParams>,
) -> Result<Response, PageError> {
    let (query, _, _) = params.to_query(state.index())?;
    if query.clauses.is_empty() {
        return Err(PageError(Failure::BadRequest("订阅检索需要查询词 (q is required)".into())));
    }
    let results = views::search(&state, query, Sort::Newest, 0, FEED_ENTRIES)?;
    let list: Vec<ArticleView> = results.hits.into_iter().map(|h| h.article).collect();
    let self_href = params.url_with(&[("p", "")]).replacen("/search", "/feeds/search.atom", 1);
    Ok(atom_response(atom(&format!("{} · 检索：{}", state.site_name(), params.q), &self_href, &list)))
}

/// The OpenSearch description. Its templates must be absolute URLs: they
/// are built from the configured base URL or the request's host (see
/// [`SiteUrl`]); relative only when neither is known.
async fn opensearch(State(state): State<AppState>, site: SiteUrl) -> Response {
    let name = xml_escape(state.site_name());
    let url = |path: &str| xml_escape(&site.absolute(path));
    let (html, atom, this) =
        (url("/search?q={searchTerms}"), url("/feeds/search.atom?q={searchTerms}"), url("/opensearch.xml"));
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n\
         <ShortName>{name}</ShortName>\n<Description>{name} 全文检索</Description>\n<InputEncoding>UTF-8</InputEncoding>\n\
         <Language>zh-CN</Language>\n<Url type=\"text/html\" template=\"{html}\"/>\n\
         <Url type=\"application/atom+xml\" template=\"{atom}\"/>\n\
         <Url type=\"application/opensearchdescription+xml\" rel=\"self\" template=\"{this}\"/>\n</OpenSearchDescription>\n"
    );
    ([(header::CONTENT_TYPE, "application/opensearchdescription+xml; charset=utf-8")], xml).into_response()
}

/// schema.org `NewsArticle` as JSON-LD, safe to put inside `<script>`.
pub fn json_ld(a: &ArticleView) -> String {
    let authors: Vec<Value> =
        a.people.iter().map(|p| json!({"@type": "Person", "name": p.name, "jobTitle": p.role})).collect();
    let v = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "alternativeHeadline": a.subtitle,
        "datePublished": a.date,
        "inLanguage": "zh-CN",
        "author": authors,
        "publisher": {"@type": "Organization", "name": a.paper},
        "printPage": a.page.map(|p| p.to_string()),
        "articleBody": body_text(a).join("\n"),
        "url": a.url,
    });
    // `<` escaped, so the text can never close the script element
    v.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}
