//! The web edition through `app(state)`, without a socket: pages, API,
//! feeds, errors, hostile text, and the admin write path.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{ingest, samples, Given};
use http_body_util::BodyExt;
use shuzibao_web::{app, AppState, Archive, Config};
use std::path::Path;
use tower::ServiceExt;

/// An archive with the samples and an issue full of hostile text.
fn state(dir: &Path, token: Option<&str>) -> AppState {
    let mut archive = Archive::open(dir).unwrap();
    for (name, text) in samples() {
        ingest(&mut archive, &name, &text, Given::default());
    }
    let hostile = "## <script>alert(1)</script>标题\n\n□ 记者 王明\n\n本报讯 正文里有 \"><img src=x onerror=alert(1)> 和 {{ 7*7 }} 以及 {% raw %} 与 </textarea>。\n";
    let hints = common::given("测试报", "2021-06-01", 3);
    ingest(&mut archive, "hostile.txt", hostile, hints);
    archive.sync().unwrap();
    let config = Config {
        data: dir.to_path_buf(),
        admin_token: token.map(str::to_string),
        site_name: "测试数字报".into(),
        ..Config::default()
    };
    AppState::from_archive(archive, &config)
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, String, String) {
    let res = app(state.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let ctype = res.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let body = String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    (status, ctype, body)
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap()
}

/// 徐汇报, the samples' paper, as it is in a URL's path.
const XHB: &str = "/papers/%E5%BE%90%E6%B1%87%E6%8A%A5";

#[tokio::test]
async fn home_lists_the_papers_and_a_paper_shows_its_latest_issue_and_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (status, ctype, body) = get(&s, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/html"));
    assert!(body.contains("<html lang=\"zh-CN\">"));
    assert!(body.contains(&format!("href=\"{XHB}\"")), "the samples' paper is listed");
    assert!(
        body.contains(&format!("href=\"{XHB}/2024-01-01\"")) && body.contains("2024年1月1日"),
        "with its latest issue"
    );
    assert!(body.contains("<main id=\"main\""), "landmarks");
    let (status, _, paper) = get(&s, XHB).await;
    assert_eq!(status, StatusCode::OK);
    assert!(paper.contains("最新一期") && paper.contains("2024年1月1日"), "latest issue first");
    assert!(paper.contains(&format!("href=\"{XHB}/2022-01-17\"")), "the calendar links every date");
    assert!(!paper.contains("2021-06-01"), "and no date of another paper");
    assert_eq!(get(&s, "/papers/%E6%B2%A1%E6%9C%89").await.0, StatusCode::NOT_FOUND, "no such paper");
}

#[tokio::test]
async fn an_issue_page_groups_articles_by_page() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (status, _, body) = get(&s, &format!("{XHB}/2023-09-18")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("第38期") && body.contains("总第1744期"));
    assert!(body.contains("id=\"page-1\""));
    assert!(body.contains(&format!("href=\"{XHB}/2023-09-18/1\"")), "the page's own page");
    assert!(body.contains("区领导走访调研区内科技企业"));
    assert_eq!(get(&s, &format!("{XHB}/1999-01-01")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&s, &format!("{XHB}/not-a-date")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&s, &format!("{XHB}/2023-09-18/9")).await.0, StatusCode::NOT_FOUND, "no such page");
    assert_eq!(get(&s, &format!("{XHB}/2023-09-18/x")).await.0, StatusCode::NOT_FOUND, "not a page");
    assert_eq!(get(&s, "/issues/1999-01-01").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&s, "/issues/not-a-date").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_article_page_has_byline_links_json_ld_and_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (status, _, body) = get(&s, "/articles/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<h1>徐汇区召开党史学习教育总结会议</h1>"));
    assert!(body.contains("class=\"kicker\""));
    assert!(body.contains("href=\"/people/%E5%88%98%E5%9D%A4\""), "reporter links to the person page");
    assert!(body.contains("application/ld+json") && body.contains("\"@type\":\"NewsArticle\""));
    assert!(body.contains("rel=\"next\""));
    let (_, _, marked) = get(&s, "/articles/1?hl=%E6%9B%B9%E7%AB%8B%E5%BC%BA").await;
    assert!(marked.contains("<mark>曹立强</mark>"), "search terms stay highlighted");
    assert_eq!(get(&s, "/articles/999999").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&s, "/articles/abc").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_page_with_filters_facets_and_paging() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (status, _, body) = get(&s, "/search?q=%E5%BE%90%E6%B1%87&from=2022&to=2024").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<mark>徐汇</mark>"));
    assert!(body.contains("class=\"facets\""));
    // filters alone browse the archive: eleven articles from 2021 on, two pages
    let (_, _, body) = get(&s, "/search?from=2021&to=2024&sort=oldest").await;
    assert!(body.contains("rel=\"next\""), "more than one page of results");
    // the next page keeps the filters
    let next = body
        .split("rel=\"next\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    assert!(next.contains("from=2021") && next.contains("sort=oldest") && next.contains("p=2"), "{next}");
    let (status, _, page2) = get(&s, &next).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page2.contains("rel=\"prev\""), "{}", &page2[page2.len().saturating_sub(1500)..]);
    let (status, _, bad) = get(&s, "/search?q=%22unclosed").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(bad.contains("closing quote"), "a malformed query says what is wrong");
}

#[tokio::test]
async fn hostile_text_renders_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (_, _, found) = get(&s, "/api/v1/search?q=onerror").await;
    let id = json(&found)["hits"][0]["article"]["id"].as_i64().unwrap();
    let (status, _, body) = get(&s, &format!("/articles/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("<script>alert"), "script tag escaped");
    assert!(!body.contains("<img src=x"), "attribute injection escaped");
    assert!(body.contains("&lt;script&gt;") || body.contains("&#60;script&#62;"));
    assert!(body.contains("{{ 7*7 }}"), "template syntax in text is printed, not evaluated");
    assert!(!body.contains("</script><"), "JSON-LD cannot close its script element early");
    let (_, _, feed) = get(&s, "/feeds/latest.atom").await;
    assert!(!feed.contains("<script>") && feed.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn api_routes_answer_json_and_errors_are_json() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (status, ctype, body) = get(&s, "/api/v1/issues").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("application/json"));
    assert_eq!(json(&body).as_array().unwrap().len(), 4);
    let (_, _, day) = get(&s, "/api/v1/issues/2024-01-01").await;
    assert_eq!(json(&day)["page_count"], 16);
    let (_, _, a) = get(&s, "/api/v1/articles/1").await;
    assert_eq!(json(&a)["title"], "徐汇区召开党史学习教育总结会议");
    let (status, _, missing) = get(&s, "/api/v1/articles/424242").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json(&missing)["error"]["status"], 404);
    let (status, _, bad) = get(&s, "/api/v1/search?q=date:2023-02-31").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json(&bad)["error"]["message"].as_str().unwrap().contains("date"));
    let (_, _, ninjs) = get(&s, "/api/v1/articles/1/ninjs").await;
    let n = json(&ninjs);
    assert_eq!(n["standard"]["version"], "3.0");
    assert_eq!(n["headlines"][0]["value"], "徐汇区召开党史学习教育总结会议");
    let (status, _, _) = get(&s, "/api/v1/nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn openapi_documents_exactly_the_routes() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (_, _, body) = get(&s, "/api/v1/openapi.json").await;
    let doc = json(&body);
    let documented: Vec<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(p, ops)| ops.as_object().unwrap().keys().map(move |m| (m.clone(), p.clone())))
        .collect();
    let routes: Vec<(String, String)> =
        shuzibao_web::api::ROUTES.iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    for r in &routes {
        assert!(documented.contains(r), "{r:?} not documented");
    }
    assert_eq!(documented.len(), routes.len());
    // every documented GET answers (with example values) rather than 404/405
    for (method, path) in &routes {
        if method != "get" {
            continue;
        }
        let uri = format!(
            "/api/v1{}",
            path.replace("{date}", "2024-01-01")
                .replace("{id}", "1")
                .replace("{name}", "%E6%9B%B9%E7%AB%8B%E5%BC%BA")
                .replace("{post}", "%E5%8C%BA%E9%95%BF")
                .replace("{paper}", "%E5%BE%90%E6%B1%87%E6%8A%A5")
        );
        let uri = if path == "/search" { format!("{uri}?q=%E5%BE%90%E6%B1%87") } else { uri };
        let (status, ctype, _) = get(&s, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(ctype.starts_with("application/json"), "{uri}");
    }
}

#[tokio::test]
async fn feeds_and_opensearch() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (status, ctype, feed) = get(&s, "/feeds/latest.atom").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("application/atom+xml"));
    assert!(feed.starts_with("<?xml") && feed.matches("<entry>").count() == 11);
    let (_, _, search) = get(&s, "/feeds/search.atom?q=%E5%88%98%E5%9D%A4").await;
    assert!(search.contains("<entry>"));
    let (_, ctype, os) = get(&s, "/opensearch.xml").await;
    assert!(ctype.starts_with("application/opensearchdescription+xml"));
    assert!(os.contains("<OpenSearchDescription"));
}

/// `uri` asked with these headers: status and body.
async fn get_with(state: &AppState, uri: &str, headers: &[(&str, &str)]) -> (StatusCode, String) {
    let mut req = Request::get(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = app(state.clone()).oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    (status, String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap())
}

#[tokio::test]
async fn opensearch_templates_are_absolute_urls() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (_, os) = get_with(&s, "/opensearch.xml", &[("host", "News.Example.org:8080")]).await;
    assert!(os.contains("template=\"http://news.example.org:8080/search?q={searchTerms}\""), "{os}");
    assert!(os.contains("template=\"http://news.example.org:8080/feeds/search.atom?q={searchTerms}\""), "{os}");
    let (_, os) =
        get_with(&s, "/opensearch.xml", &[("host", "news.example.org"), ("x-forwarded-proto", "https")]).await;
    assert!(os.contains("template=\"https://news.example.org/search?q={searchTerms}\""), "behind a proxy: {os}");
    // a host that is not a plain host name is never written into the document
    let (_, os) = get_with(&s, "/opensearch.xml", &[("host", "evil.example\"><x y=\"")]).await;
    assert!(!os.contains("evil") && os.contains("template=\"/search?q={searchTerms}\""), "{os}");
    // a configured base URL wins over the Host header
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path()).unwrap();
    let config = Config {
        data: dir.path().to_path_buf(),
        base_url: Some("https://paper.example.com/".into()),
        ..Config::default()
    };
    let configured = AppState::from_archive(archive, &config);
    let (_, os) = get_with(&configured, "/opensearch.xml", &[("host", "127.0.0.1:8080")]).await;
    assert!(os.contains("template=\"https://paper.example.com/search?q={searchTerms}\""), "{os}");
    assert!(!os.contains("127.0.0.1"), "{os}");
}

#[tokio::test]
async fn traversal_long_urls_and_unknown_pages_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    assert_eq!(get(&s, "/static/../Cargo.toml").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(&s, "/static/%2e%2e/%2e%2e/etc/passwd").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(&s, &format!("/search?q={}", "a".repeat(5000))).await.0, StatusCode::URI_TOO_LONG);
    let (status, _, body) = get(&s, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("找不到这一页") && body.contains("lang=\"zh-CN\""));
    let (_, _, css) = get(&s, "/static/style.css").await;
    assert!(css.contains("font-family"));
}

async fn post(state: &AppState, token: Option<&str>, body: &str) -> (StatusCode, String) {
    let mut req = Request::post("/api/v1/issues");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let res = app(state.clone()).oneshot(req.body(Body::from(body.to_string())).unwrap()).await.unwrap();
    let status = res.status();
    (status, String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap())
}

#[tokio::test]
async fn writing_needs_the_admin_token() {
    let issue = "测试报\n第9期(总第1999期) / 2025年5月5日 星期一\n\n## 新的一期头版新闻\n\n本报讯 五月的一天，某区举行了一次特别的活动。\n";
    let dir = tempfile::tempdir().unwrap();
    let closed = state(dir.path(), None);
    assert_eq!(post(&closed, Some("anything-at-all-here"), issue).await.0, StatusCode::FORBIDDEN);
    let dir = tempfile::tempdir().unwrap();
    let open = state(dir.path(), Some("a-long-enough-admin-token"));
    assert_eq!(post(&open, None, issue).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(post(&open, Some("a-long-enough-admin-tokem"), issue).await.0, StatusCode::FORBIDDEN);
    let (status, body) = post(&open, Some("a-long-enough-admin-token"), issue).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(json(&body)["ingest"]["outcome"], "added");
    assert_eq!(json(&body)["issue"]["articles"][0]["title"], "新的一期头版新闻");
    let (_, _, found) = get(&open, "/api/v1/search?q=%E7%89%B9%E5%88%AB%E7%9A%84%E6%B4%BB%E5%8A%A8").await;
    assert_eq!(json(&found)["total"], 1, "the new issue is searchable at once");
    let (status, _) = post(&open, Some("a-long-enough-admin-token"), "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an empty body is a clear 400");
    // a page that names no paper is refused, never guessed; `?paper=` names it
    let inner = "## 区里的一条新闻\n\n本报讯 某街道举行活动。\n";
    let (status, body) = post(&open, Some("a-long-enough-admin-token"), inner).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(json(&body)["error"]["message"].as_str().unwrap().contains("paper"), "{body}");
    let req = Request::post("/api/v1/issues?paper=%E6%B5%8B%E8%AF%95%E6%8A%A5&date=2025-05-05&page=2")
        .header(header::AUTHORIZATION, "Bearer a-long-enough-admin-token")
        .body(Body::from(inner))
        .unwrap();
    let res = app(open.clone()).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let body = json(std::str::from_utf8(&bytes).unwrap());
    assert_eq!(body["ingest"]["key"], "测试报|2025-05-05|2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ingest_on_the_same_folder_writes_after_the_server_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), Some("a-long-enough-admin-token"));
    let issue = "测试报\n第9期(总第1999期) / 2025年5月5日 星期一\n\n## 新的一期头版新闻\n\n本报讯 五月的一天，某区举行了一次特别的活动。\n";
    let (status, body) = post(&s, Some("a-long-enough-admin-token"), issue).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // the server keeps its index writer a moment after a write; an ingest
    // (another process, here another archive on the folder) waits for it
    let path = dir.path().to_path_buf();
    let found = tokio::task::spawn_blocking(move || {
        let mut other = Archive::open(&path).unwrap();
        let page = "## 另一条新闻\n\n本报讯 街道里开了一家修鞋铺。\n";
        ingest(&mut other, "another.txt", page, common::given("测试报", "2025-05-12", 1));
        other.sync().unwrap();
        let found = |q: &str| {
            let req =
                shuzibao_search::SearchRequest { query: other.index().parse_query(q).unwrap(), ..Default::default() };
            other.index().search(&req).unwrap().total
        };
        let both = (found("修鞋铺"), found("特别的活动"));
        other.close().unwrap();
        both
    })
    .await
    .unwrap();
    assert_eq!(found, (1, 1), "the ingest wrote beside what the server wrote");
}

#[tokio::test]
async fn people_pages_show_posts_over_time_and_who_held_a_post() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (status, _, body) = get(&s, "/people").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("href=\"/people/%E6%9B%B9%E7%AB%8B%E5%BC%BA\""), "the most named person is listed");
    let (status, _, body) = get(&s, "/people/%E6%9B%B9%E7%AB%8B%E5%BC%BA").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("区委书记") && body.contains("2022-01-17") && body.contains("2024-01-01"), "post and span");
    let (_, _, body) = get(&s, "/api/v1/people/%E6%9B%B9%E7%AB%8B%E5%BC%BA").await;
    let ids = json(&body);
    assert_eq!(ids.as_array().unwrap().len(), 1, "one person across the three issues: {body}");
    assert!(ids[0]["posts"].as_array().unwrap().iter().any(|p| p["post"] == "区委书记"));
    // a reporter is a person of the paper, with the role
    let (_, _, body) = get(&s, "/people/%E5%88%98%E5%9D%A4").await;
    assert!(body.contains("<span class=\"post\">记者</span>"), "the role in Chinese on the timeline");
    let (_, _, body) = get(&s, "/api/v1/people/%E5%88%98%E5%9D%A4").await;
    assert!(json(&body).as_array().unwrap().iter().any(|i| i["roles"].as_array().unwrap().iter().any(|r| r == "记者")));
    // who was 区长 on a day
    let (status, _, body) = get(&s, "/posts/%E5%8C%BA%E9%95%BF?on=2023-09-18").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("钟晓咏"), "{body}");
    let (_, _, body) = get(&s, "/api/v1/posts/%E5%8C%BA%E9%95%BF?on=2023-09-18").await;
    assert_eq!(json(&body)["holder"]["name"], "钟晓咏", "{body}");
    let (status, _, _) = get(&s, "/posts/%E5%8C%BA%E9%95%BF?on=yesterday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = get(&s, "/people/%E6%B2%A1%E6%9C%89%E8%BF%99%E4%BA%BA").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[test]
fn names_the_archive_knows_teach_the_segmenter_of_the_index_when_it_opens() {
    // a made-up name the dictionary cuts apart
    let name = "郜翎骁";
    let text = format!("副区长{name}调研");
    let dir = tempfile::tempdir().unwrap();
    {
        let mut archive = Archive::open(dir.path()).unwrap();
        assert!(!archive.index().words(&text).iter().any(|w| w == name), "{:?}", archive.index().words(&text));
        for (k, date) in ["2024-03-04", "2024-03-11"].into_iter().enumerate() {
            let text = format!("## 滨江调研第{k}次\n\n本报讯 副区长{name}昨天到滨江调研。\n");
            let hints = common::given("测试报", date, 1);
            ingest(&mut archive, &format!("{date}.txt"), &text, hints);
        }
        archive.sync().unwrap();
    }
    // opened again, the archive knows the name from two articles: its index
    // and its queries cut it whole; nothing else in the process does
    let archive = Archive::open(dir.path()).unwrap();
    assert!(archive.index().words(&text).iter().any(|w| w == name), "{:?}", archive.index().words(&text));
    let query = archive.index().parse_query(&text).unwrap();
    assert!(query.clauses.iter().any(|c| matches!(c, shuzibao_search::Clause::Text { text, .. } if text == name)));
    let other = tempfile::tempdir().unwrap();
    let fresh = Archive::open(other.path()).unwrap();
    assert!(!fresh.index().words(&text).iter().any(|w| w == name), "another archive learned it too");
    assert!(!shuzibao_search::tokenize::words(&shuzibao_search::Segmenter::base(), &text).iter().any(|w| w == name));
}

/// The response to `uri` asked with `Accept-Encoding: encoding`: its
/// `Content-Encoding`, `Vary` and body bytes.
async fn get_encoded(state: &AppState, uri: &str, encoding: &str) -> (Option<String>, String, Vec<u8>) {
    let req = Request::get(uri).header(header::ACCEPT_ENCODING, encoding).body(Body::empty()).unwrap();
    let res = app(state.clone()).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{uri}");
    let h = |name| res.headers().get(name).map(|v: &header::HeaderValue| v.to_str().unwrap().to_string());
    let (content_encoding, vary) = (h(header::CONTENT_ENCODING), h(header::VARY).unwrap_or_default());
    (content_encoding, vary, res.into_body().collect().await.unwrap().to_bytes().to_vec())
}

#[tokio::test]
async fn responses_are_compressed_when_the_client_asks() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    for uri in ["/", "/api/v1/issues", "/api/v1/articles/1"] {
        let (encoding, vary, body) = get_encoded(&s, uri, "gzip").await;
        assert_eq!(encoding.as_deref(), Some("gzip"), "{uri}");
        assert!(vary.to_ascii_lowercase().contains("accept-encoding"), "{uri}: Vary {vary:?}");
        assert_eq!(body[..2], [0x1f, 0x8b], "{uri}: a gzip stream");
        let (encoding, _, _) = get_encoded(&s, uri, "br;q=1.0, gzip;q=0.5").await;
        assert_eq!(encoding.as_deref(), Some("br"), "{uri}: brotli preferred when asked");
        let (encoding, _, body) = get_encoded(&s, uri, "identity").await;
        assert_eq!(encoding, None, "{uri}: not compressed unless asked");
        assert!(String::from_utf8(body).is_ok());
    }
}

#[tokio::test]
async fn the_page_facet_lists_every_page_with_hits_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(dir.path()).unwrap();
    // one issue of one page each, pages 1 to 12 and 100, each with the word
    for page in (1..=12).chain([100]) {
        let text = format!("## 第{page}版的新闻\n\n本报讯 湖畔音乐节在第{page}版上。\n");
        ingest(&mut archive, &format!("p{page}.txt"), &text, common::given("测试报", "2024-05-06", page));
    }
    archive.sync().unwrap();
    let config = Config { data: dir.path().to_path_buf(), site_name: "测试数字报".into(), ..Config::default() };
    let s = AppState::from_archive(archive, &config);
    let (status, _, body) = get(&s, "/search?q=%E9%9F%B3%E4%B9%90%E8%8A%82").await;
    assert_eq!(status, StatusCode::OK);
    let facet = body.split("<h3>版面</h3>").nth(1).unwrap().split("</ul>").next().unwrap();
    let labels: Vec<&str> = facet
        .split("</a>")
        .filter(|s| s.contains("<a href"))
        .filter_map(|s| s.rsplit_once("\">"))
        .map(|x| x.1)
        .collect();
    let expected: Vec<String> = (1..=12).chain([100]).map(|p| format!("第{p}版")).collect();
    assert_eq!(labels, expected, "every page, in the order of their numbers");
    assert!(facet.contains("page=100\""), "the link filters on the page: {facet}");
}

#[tokio::test]
async fn a_run_of_several_words_is_marked_whole_not_character_by_character() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    // 区委副书记 is cut into 区委 / 副 / 书记; the texts also hold 副区长, 副主任
    let (_, _, body) = get(&s, "/search?q=%E5%8C%BA%E5%A7%94%E5%89%AF%E4%B9%A6%E8%AE%B0").await;
    assert!(body.contains("<mark>区委副书记</mark>"), "the run marked whole");
    assert!(!body.contains("<mark>副</mark>"), "no lone 副 marked in the snippets");
    let href = body.split("<h3><a href=\"").nth(1).unwrap().split('"').next().unwrap().replace("&#38;", "&");
    assert!(href.contains("?hl="), "{href}");
    let (_, _, article) = get(&s, &href).await;
    assert!(article.contains("<mark>区委副书记</mark>"), "{href}: the run marked whole");
    assert!(!article.contains("<mark>副</mark>"), "{href}: no lone 副 marked in the article");
}

/// The `placeholder` attributes of a page.
fn placeholders(html: &str) -> Vec<String> {
    html.split("placeholder=\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
}

#[tokio::test]
async fn placeholders_read_as_hints_not_as_values() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    for uri in ["/search", "/posts/%E5%8C%BA%E9%95%BF"] {
        let (_, _, body) = get(&s, uri).await;
        let hints = placeholders(&body);
        assert!(hints.len() > 1, "{uri}: {hints:?}");
        for h in &hints {
            // a date, a number or a query in a field looks filled in unless
            // it says it is an example
            let value_like = h.chars().any(|c| c.is_ascii_alphanumeric());
            assert!(!value_like || h.starts_with("例如："), "{uri}: placeholder {h:?} looks like a value");
        }
    }
    let (_, _, body) = get(&s, "/search").await;
    assert!(placeholders(&body).iter().any(|h| h == "例如：2023-01"), "the date fields give an example");
}

/// The `content` of `<meta name|property="key" content="…">`, unescaped.
fn meta(html: &str, key: &str) -> Option<String> {
    let at = html.find(&format!("=\"{key}\" content=\""))?;
    let rest = &html[at + key.len() + 13..];
    let raw = &rest[..rest.find('"')?];
    let mut s = raw.to_string();
    for (e, c) in [
        ("&#34;", "\""),
        ("&#39;", "'"),
        ("&#60;", "<"),
        ("&#62;", ">"),
        ("&quot;", "\""),
        ("&lt;", "<"),
        ("&gt;", ">"),
    ] {
        s = s.replace(e, c);
    }
    Some(s.replace("&#38;", "&").replace("&amp;", "&"))
}

#[tokio::test]
async fn every_page_has_a_description_and_open_graph_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let host = [("host", "news.example.org")];
    for (uri, kind) in [
        ("/", "website"),
        ("/papers/%E5%BE%90%E6%B1%87%E6%8A%A5", "website"),
        ("/papers/%E5%BE%90%E6%B1%87%E6%8A%A5/2023-09-18", "website"),
        ("/papers/%E5%BE%90%E6%B1%87%E6%8A%A5/2023-09-18/1", "website"),
        ("/articles/1", "article"),
        ("/search", "website"),
        ("/search?q=%E5%BE%90%E6%B1%87", "website"),
        ("/people", "website"),
        ("/people/%E6%9B%B9%E7%AB%8B%E5%BC%BA", "website"),
        ("/posts/%E5%8C%BA%E9%95%BF?on=2023-09-18", "website"),
        ("/about", "website"),
        ("/no/such/page", "website"),
    ] {
        let (_, body) = get_with(&s, uri, &host).await;
        let description = meta(&body, "description").unwrap_or_else(|| panic!("{uri}: no description"));
        assert!(!description.trim().is_empty() && description.chars().count() <= 120, "{uri}: {description:?}");
        assert_eq!(meta(&body, "og:description").as_deref(), Some(description.as_str()), "{uri}");
        assert_eq!(meta(&body, "og:type").as_deref(), Some(kind), "{uri}");
        assert!(meta(&body, "og:title").is_some_and(|t| !t.is_empty()), "{uri}: og:title");
        assert!(meta(&body, "og:site_name").is_some(), "{uri}: og:site_name");
        if uri != "/no/such/page" {
            let url = meta(&body, "og:url").unwrap_or_else(|| panic!("{uri}: no og:url"));
            assert_eq!(url, format!("http://news.example.org{uri}"), "{uri}");
        }
    }
    // an article: its title, and its first paragraph trimmed to 120 characters
    let (_, body) = get_with(&s, "/articles/1?hl=%E5%BE%90%E6%B1%87", &host).await;
    assert_eq!(meta(&body, "og:title").unwrap(), "徐汇区召开党史学习教育总结会议");
    assert_eq!(meta(&body, "og:url").unwrap(), "http://news.example.org/articles/1", "the article's own URL");
    let (_, _, a) = get(&s, "/api/v1/articles/1").await;
    let first: String = json(&a)["paragraphs"][0]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect();
    assert!(first.chars().count() > 120, "a long first paragraph: {first}");
    let description = meta(&body, "description").unwrap();
    assert_eq!(description.chars().count(), 120);
    assert!(description.ends_with('…'));
    let kept: String = description.chars().take(119).collect();
    assert!(first.starts_with(kept.trim_end()), "{description} is the start of {first}");
    assert_eq!(meta(&body, "article:published_time").as_deref(), Some("2022-01-17"));
    // without a known host there is no og:url, and nothing else is missing
    let (_, _, body) = get(&s, "/articles/1").await;
    assert!(meta(&body, "og:url").is_none() && meta(&body, "description").is_some());
}

/// `s` with every byte outside printable ASCII percent-encoded.
fn encode_non_ascii(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_graphic() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn every_route_the_readme_gives_for_the_web_edition_answers() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    let section = readme.split("## The web edition").nth(1).unwrap().split("\n## ").next().unwrap();
    // every `…` that starts with a slash, with example values for its parameters
    let routes: Vec<&str> = section.split('`').skip(1).step_by(2).filter(|r| r.starts_with('/')).collect();
    assert!(routes.contains(&"/api/v1/articles/{id}/ninjs"), "{routes:?}");
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    for route in routes {
        if route == "/api/v1" {
            continue; // where the API is mounted, not a route
        }
        let uri = encode_non_ascii(
            &route.replace("{id}", "1").replace("{name}", "曹立强").replace("{paper}", "徐汇报").replace('…', "徐汇"),
        );
        let (status, _, _) = get(&s, &uri).await;
        assert_eq!(status, StatusCode::OK, "the README's {route} ({uri})");
    }
}

#[tokio::test]
async fn an_article_as_ninjs_under_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let (status, body) = get_with(&s, "/api/v1/articles/1/ninjs", &[("host", "news.example.org")]).await;
    assert_eq!(status, StatusCode::OK);
    let n = json(&body);
    assert_eq!(n["standard"]["name"], "ninjs");
    assert_eq!(n["uri"], "http://news.example.org/articles/1", "an absolute URI");
    assert_eq!(n["headlines"][0]["value"], "徐汇区召开党史学习教育总结会议");
    let documented = shuzibao_web::api::ROUTES.iter().any(|(m, p, _)| *m == "get" && *p == "/articles/{id}/ninjs");
    assert!(documented, "in the OpenAPI document");
    assert_eq!(get(&s, "/api/v1/articles/424242/ninjs").await.0, StatusCode::NOT_FOUND);
}

/// 人民日报 as it is in a URL's path.
const RMRB: &str = "/papers/%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5";
/// 光明日报 as it is in a URL's path.
const GMRB: &str = "/papers/%E5%85%89%E6%98%8E%E6%97%A5%E6%8A%A5";
/// The admin token of the two papers' archive.
const TOKEN: &str = "a-long-enough-admin-token";

/// Two papers with issues on the same date (2019-10-08), each with an issue
/// the other lacks (人民日报 on 10-07, 光明日报 on 10-09), and one page of
/// 人民日报 printed without a date.
fn two_papers(dir: &Path) -> AppState {
    let mut archive = Archive::open(dir).unwrap();
    let page = |title: &str| format!("## {title}\n\n本报讯 国庆假期，{title}的消息。\n");
    for (paper, date, no, title) in [
        ("人民日报", "2019-10-07", 1, "人民七日头版"),
        ("人民日报", "2019-10-08", 1, "人民八日头版"),
        ("人民日报", "2019-10-08", 2, "人民八日二版"),
        ("光明日报", "2019-10-08", 1, "光明八日头版"),
        ("光明日报", "2019-10-09", 1, "光明九日头版"),
    ] {
        ingest(&mut archive, &format!("{title}.txt"), &page(title), common::given(paper, date, no));
    }
    let undated = Given { paper: Some("人民日报".into()), date: None, page: Some(shuzibao_core::PageNo::plain(3)) };
    ingest(&mut archive, "undated-page.txt", &page("人民无日期三版"), undated);
    archive.sync().unwrap();
    let config = Config {
        data: dir.to_path_buf(),
        admin_token: Some(TOKEN.into()),
        site_name: "测试数字报".into(),
        ..Config::default()
    };
    AppState::from_archive(archive, &config)
}

/// The `href` of the first link with `rel`.
fn rel_href(html: &str, rel: &str) -> Option<String> {
    let at = html.find(&format!("rel=\"{rel}\" href=\""))?;
    let rest = &html[at + rel.len() + 13..];
    Some(rest[..rest.find('"')?].to_string())
}

#[tokio::test]
async fn two_papers_of_one_date_stay_apart_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let s = two_papers(dir.path());
    // the home page lists the papers, each with its latest issue
    let (status, _, home) = get(&s, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains(&format!("href=\"{RMRB}\"")) && home.contains(&format!("href=\"{GMRB}\"")), "{home}");
    assert!(home.contains(&format!("href=\"{RMRB}/2019-10-08\"")), "人民日报's latest issue");
    assert!(home.contains(&format!("href=\"{GMRB}/2019-10-09\"")), "光明日报's latest issue");
    // an issue holds its own paper's pages, in page order, and nothing else
    let (status, _, rm) = get(&s, &format!("{RMRB}/2019-10-08")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(rm.contains("人民八日头版") && rm.contains("人民八日二版"));
    assert!(!rm.contains("光明八日头版"), "another paper's article in the issue");
    assert!(rm.find("人民八日头版") < rm.find("人民八日二版"), "pages in order");
    assert!(rm.contains(&format!("href=\"{RMRB}/2019-10-08/2\"")), "a page links its own page");
    // 前一期/后一期 within the paper
    assert_eq!(rel_href(&rm, "prev").as_deref(), Some(format!("{RMRB}/2019-10-07").as_str()));
    assert_eq!(rel_href(&rm, "next"), None, "人民日报 has nothing after 10-08, whatever 光明日报 has");
    let (_, _, gm) = get(&s, &format!("{GMRB}/2019-10-08")).await;
    assert!(gm.contains("光明八日头版") && !gm.contains("人民八日"), "{gm}");
    assert_eq!(rel_href(&gm, "prev"), None, "光明日报 has nothing before 10-08");
    assert_eq!(rel_href(&gm, "next").as_deref(), Some(format!("{GMRB}/2019-10-09").as_str()));
    // one page, with 上一版/下一版 within its issue
    let (status, _, p1) = get(&s, &format!("{RMRB}/2019-10-08/1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(p1.contains("人民八日头版") && !p1.contains("人民八日二版") && !p1.contains("光明"), "{p1}");
    assert_eq!(rel_href(&p1, "next").as_deref(), Some(format!("{RMRB}/2019-10-08/2").as_str()));
    assert_eq!(rel_href(&p1, "prev"), None);
    let (_, _, p2) = get(&s, &format!("{RMRB}/2019-10-08/2")).await;
    assert_eq!(rel_href(&p2, "prev").as_deref(), Some(format!("{RMRB}/2019-10-08/1").as_str()));
    assert_eq!(get(&s, &format!("{GMRB}/2019-10-08/2")).await.0, StatusCode::NOT_FOUND, "光明日报 has no page 2");
    assert_eq!(get(&s, &format!("{GMRB}/2019-10-07")).await.0, StatusCode::NOT_FOUND, "nor an issue on 10-07");
    // the old URL of a date: the papers of that date, or the one paper's issue
    let (status, _, day) = get(&s, "/issues/2019-10-08").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        day.contains(&format!("href=\"{RMRB}/2019-10-08\"")) && day.contains(&format!("href=\"{GMRB}/2019-10-08\""))
    );
    assert!(!day.contains("人民八日头版"), "a list of papers, not their articles mixed");
    let res = app(s.clone()).oneshot(Request::get("/issues/2019-10-09").body(Body::empty()).unwrap()).await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()[header::LOCATION], format!("{GMRB}/2019-10-09"));
    assert_eq!(get(&s, "/issues/2019-10-10").await.0, StatusCode::NOT_FOUND);
    // an article links its paper, issue and page
    let id = rm.split("href=\"/articles/").nth(1).unwrap().split('"').next().unwrap();
    let (_, _, article) = get(&s, &format!("/articles/{id}")).await;
    let meta = article.split("<p class=\"meta\">").nth(1).unwrap().split("</p>").next().unwrap();
    assert!(meta.starts_with(&format!("<a href=\"{RMRB}\">人民日报</a> · <a href=\"{RMRB}/2019-10-08\">")), "{meta}");
    assert!(meta.contains(&format!("<a href=\"{RMRB}/2019-10-08/1\">第1版</a>")), "{meta}");
}

#[tokio::test]
async fn two_papers_stay_apart_in_feeds_search_and_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let s = two_papers(dir.path());
    // feeds: one paper's, and every paper's with each entry naming its paper
    let (status, ctype, feed) = get(&s, &format!("{RMRB}/feed.atom")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("application/atom+xml"));
    assert_eq!(feed.matches("<entry>").count(), 3, "人民日报's three dated articles: {feed}");
    assert!(!feed.contains("光明"), "{feed}");
    assert!(feed.find("人民八日头版") < feed.find("人民七日头版"), "newest first");
    let (_, _, all) = get(&s, "/feeds/latest.atom").await;
    assert!(all.contains("<category term=\"光明日报\"") && all.contains("<category term=\"人民日报\""), "{all}");
    assert_eq!(get(&s, "/papers/%E6%B2%A1%E6%9C%89/feed.atom").await.0, StatusCode::NOT_FOUND);
    // search: the paper facet, its links adding the filter
    let (_, _, found) = get(&s, "/search?q=%E5%9B%BD%E5%BA%86").await;
    let facet = found.split("<h3>报纸</h3>").nth(1).expect("a paper facet").split("</ul>").next().unwrap();
    assert!(facet.contains(">人民日报</a> <span class=\"count\">4</span>"), "{facet}");
    assert!(facet.contains(">光明日报</a> <span class=\"count\">2</span>"), "{facet}");
    let href =
        facet.split("href=\"").nth(2).unwrap().split('"').next().unwrap().replace("&#38;", "&").replace("&amp;", "&");
    assert!(href.contains("paper=%E5%85%89%E6%98%8E%E6%97%A5%E6%8A%A5"), "{href}");
    let (_, _, one) = get(&s, &href).await;
    assert!(one.contains("共 2 篇") && !one.contains("人民八日"), "{href}");
    let (_, _, api) = get(&s, "/api/v1/search?q=%E5%9B%BD%E5%BA%86%20paper:%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5").await;
    let api = json(&api);
    assert_eq!(api["total"], 4);
    assert_eq!(api["facets"]["paper"], serde_json::json!([["人民日报", 4]]));
    // the API: papers, a paper's issues, an issue
    let (status, _, papers) = get(&s, "/api/v1/papers").await;
    assert_eq!(status, StatusCode::OK);
    let papers = json(&papers);
    let rm = papers.as_array().unwrap().iter().find(|p| p["name"] == "人民日报").unwrap();
    assert_eq!((rm["first"].as_str(), rm["last"].as_str()), (Some("2019-10-07"), Some("2019-10-08")));
    assert_eq!((rm["issues"].as_i64(), rm["pages"].as_i64(), rm["undated"].as_i64()), (Some(2), Some(4), Some(1)));
    let (_, _, issues) = get(&s, &format!("/api/v1{RMRB}/issues")).await;
    let dates: Vec<String> =
        json(&issues)["issues"].as_array().unwrap().iter().map(|i| i["date"].as_str().unwrap().to_string()).collect();
    assert_eq!(dates, ["2019-10-07", "2019-10-08"]);
    let (status, _, issue) = get(&s, &format!("/api/v1{GMRB}/issues/2019-10-08")).await;
    assert_eq!(status, StatusCode::OK);
    let issue = json(&issue);
    assert_eq!(issue["paper"], "光明日报");
    assert_eq!(issue["pages"].as_array().unwrap().len(), 1);
    assert_eq!(issue["pages"][0]["articles"][0]["title"], "光明八日头版");
    // the old route: the one paper of a date, or a choice of papers
    let (status, _, old) = get(&s, "/api/v1/issues/2019-10-08").await;
    assert_eq!(status, StatusCode::MULTIPLE_CHOICES);
    assert_eq!(json(&old)["papers"].as_array().unwrap().len(), 2, "{old}");
    let (status, _, chosen) = get(&s, "/api/v1/issues/2019-10-08?paper=%E5%85%89%E6%98%8E%E6%97%A5%E6%8A%A5").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&chosen)["pages"][0]["articles"][0]["title"], "光明八日头版");
    let (status, _, one) = get(&s, "/api/v1/issues/2019-10-07").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&one)["paper"], "人民日报");
    // errors stay JSON
    for (uri, code) in [
        ("/api/v1/papers/%E6%B2%A1%E6%9C%89/issues".to_string(), StatusCode::NOT_FOUND),
        (format!("/api/v1{RMRB}/issues/2019-10-09"), StatusCode::NOT_FOUND),
        (format!("/api/v1{RMRB}/issues/not-a-date"), StatusCode::BAD_REQUEST),
        ("/api/v1/issues/2019-10-10".to_string(), StatusCode::NOT_FOUND),
    ] {
        let (status, ctype, body) = get(&s, &uri).await;
        assert_eq!(status, code, "{uri}");
        assert!(ctype.starts_with("application/json") && json(&body)["error"]["status"] == code.as_u16(), "{uri}");
    }
}

/// `POST uri` with a JSON body and the admin token (or none).
async fn post_json(state: &AppState, uri: &str, token: Option<&str>, body: &str) -> (StatusCode, serde_json::Value) {
    let mut req = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let res = app(state.clone()).oneshot(req.body(Body::from(body.to_string())).unwrap()).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or_default())
}

#[tokio::test]
async fn an_undated_page_is_listed_apart_then_dated_by_the_admin() {
    let dir = tempfile::tempdir().unwrap();
    let s = two_papers(dir.path());
    // listed on the home page and on its paper's page, with its file and articles
    for uri in ["/".to_string(), RMRB.to_string()] {
        let (_, _, body) = get(&s, &uri).await;
        let undated = body.split("id=\"undated\"").nth(1).unwrap_or_else(|| panic!("{uri}: no undated pages"));
        assert!(undated.contains("未注明日期") && undated.contains("undated-page.txt"), "{uri}");
        assert!(undated.contains("1 篇文章") && undated.contains("人民无日期三版</a>"), "{uri}: {undated}");
    }
    let (_, _, other) = get(&s, GMRB).await;
    assert!(!other.contains("人民无日期三版"), "not on another paper's page");
    // never in a dated issue
    let (_, _, issue) = get(&s, &format!("{RMRB}/2019-10-08")).await;
    assert!(!issue.contains("人民无日期三版"));
    // its article is reachable, and its meta line has no stray separator
    let (_, _, papers) = get(&s, &format!("/api/v1{RMRB}/issues")).await;
    let page = json(&papers)["undated"][0].clone();
    let (id, article) = (page["id"].as_i64().unwrap(), page["articles"][0][0].as_i64().unwrap());
    let (status, _, body) = get(&s, &format!("/articles/{article}")).await;
    assert_eq!(status, StatusCode::OK);
    let meta = body.split("<p class=\"meta\">").nth(1).unwrap().split("</p>").next().unwrap();
    assert!(!meta.starts_with(" ·") && !meta.contains("·  ·") && !meta.contains("· ·"), "{meta}");
    assert_eq!(
        meta,
        format!("<a href=\"{RMRB}\">人民日报</a> · <a href=\"{RMRB}#undated\">未注明日期</a> · 第3版 · 消息")
    );
    // dating it: the admin only, a real date, a real page
    let uri = format!("/api/v1/pages/{id}/date");
    let date = r#"{"date":"2019-10-08"}"#;
    assert_eq!(post_json(&s, &uri, None, date).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(post_json(&s, &uri, Some("a-long-enough-admin-tokem"), date).await.0, StatusCode::FORBIDDEN);
    let (status, err) = post_json(&s, &uri, Some(TOKEN), r#"{"date":"2019-02-30"}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(err["error"]["status"], 400);
    assert_eq!(post_json(&s, &uri, Some(TOKEN), "not json").await.0, StatusCode::BAD_REQUEST);
    let (status, err) = post_json(&s, "/api/v1/pages/424242/date", Some(TOKEN), date).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(err["error"]["status"], 404);
    let (status, done) = post_json(&s, &uri, Some(TOKEN), date).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["dated"]["outcome"], "redated");
    assert_eq!(done["page"]["url"], format!("{RMRB}/2019-10-08"));
    // now a page of that day's issue, and no longer listed apart
    let (_, _, issue) = get(&s, &format!("{RMRB}/2019-10-08")).await;
    assert!(issue.contains("人民无日期三版") && issue.contains(&format!("href=\"{RMRB}/2019-10-08/3\"")));
    let (_, _, home) = get(&s, "/").await;
    assert!(!home.contains("id=\"undated\""), "nothing undated left");
    let (_, _, found) =
        get(&s, "/api/v1/search?q=%E6%97%A0%E6%97%A5%E6%9C%9F&paper=%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5").await;
    assert_eq!(json(&found)["hits"][0]["article"]["date"], "2019-10-08", "the index follows");
    // a page its paper already has that day is a conflict
    let req = Request::post("/api/v1/issues?paper=%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5&page=1")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header("x-source-name", "another-undated.txt")
        .body(Body::from("## 另一版无日期\n\n本报讯 又一则消息。\n"))
        .unwrap();
    assert_eq!(app(s.clone()).oneshot(req).await.unwrap().status(), StatusCode::OK);
    let (_, _, papers) = get(&s, &format!("/api/v1{RMRB}/issues")).await;
    let id = json(&papers)["undated"][0]["id"].as_i64().unwrap();
    let (status, err) = post_json(&s, &format!("/api/v1/pages/{id}/date"), Some(TOKEN), date).await;
    assert_eq!(status, StatusCode::CONFLICT, "{err}");
    assert_eq!(err["error"]["status"], 409);
}
