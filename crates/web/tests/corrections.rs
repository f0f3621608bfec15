//! Corrections through the web edition: the API with editors' named tokens
//! (and the admin's, recorded as `admin`), a correction made on an older
//! revision refused with 409, search following at once, undo; the
//! editor's sign-in, forms on the article page (plain HTML, no script) and
//! the article's history. The page is made up.

#![allow(clippy::unwrap_used)]

#[allow(dead_code)] // (shared with the other test binaries)
mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::given;
use http_body_util::BodyExt;
use shuzibao_archive::ingest::Input;
use shuzibao_web::{app, AppState, Archive, Config};
use tower::ServiceExt;

const ADMIN: &str = "an-admin-token-long-enough";
const WANG: &str = "wang-editor-token-0001";

const PAGE: &str = "## 滨江步道全线贯通

本报讯 昨天，滨江步道最后一段完工，全线十二公里向市民开放。

沿途新设六座驿站，提供饮水和休息座椅。

桥下新建的篮球场周末起免费开放，附近居民可通过小程序预约使用。

## 旧书市集周末开市

本报讯 本周六起，公园东门每周举办旧书市集，摊位向居民免费开放。
";

/// The made-up page stored, and its articles' ids.
fn state(dir: &std::path::Path) -> (AppState, Vec<i64>) {
    let mut archive = Archive::open(dir).unwrap();
    let input = Input::bytes("page.txt", PAGE.as_bytes().to_vec(), given("测试报", "2025-05-05", 2), None);
    let (report, _) = archive.ingest_one(&input).unwrap();
    let ids = archive.store().articles_of_issue(report.issue_id).unwrap().iter().map(|a| a.id).collect();
    let config = Config {
        data: dir.to_path_buf(),
        admin_token: Some(ADMIN.into()),
        editors: vec![("王编辑".into(), WANG.into())],
        ..Config::default()
    };
    (AppState::from_archive(archive, &config), ids)
}

async fn send(state: &AppState, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = app(state.clone()).oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    (status, headers, String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap())
}

async fn post_json(state: &AppState, uri: &str, token: Option<&str>, body: &str) -> (StatusCode, serde_json::Value) {
    let mut req = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let (status, _, body) = send(state, req.body(Body::from(body.to_string())).unwrap()).await;
    (status, serde_json::from_str(&body).unwrap_or_else(|_| panic!("not JSON: {body}")))
}

async fn get(state: &AppState, uri: &str, cookie: Option<&str>) -> (StatusCode, String) {
    let mut req = Request::get(uri);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let (status, _, body) = send(state, req.body(Body::empty()).unwrap()).await;
    (status, body)
}

#[tokio::test]
async fn the_api_corrects_with_named_tokens_refuses_stale_revisions_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let (s, ids) = state(dir.path());
    let uri = format!("/api/v1/articles/{}/corrections", ids[0]);
    let split = r#"{"op": "split", "paragraph": 3, "title": "篮球场免费开放", "revision": 1}"#;
    assert_eq!(post_json(&s, &uri, None, split).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(post_json(&s, &uri, Some("wang-editor-token-0002"), split).await.0, StatusCode::FORBIDDEN);
    let (status, done) = post_json(&s, &uri, Some(WANG), split).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["correction"]["editor"], "王编辑");
    assert_eq!(done["correction"]["kind"], "split");
    assert_eq!(done["revision"], 2, "the ingest, the correction");
    assert_eq!(done["articles"].as_array().unwrap().len(), 3);
    // search follows at once
    let (_, found) = get(&s, "/api/v1/search?q=title:%E7%AF%AE%E7%90%83%E5%9C%BA", None).await;
    assert!(found.contains("篮球场免费开放"), "{found}");
    // the admin token corrects as `admin`; the same revision again is stale
    let market = done["articles"][2].as_i64().unwrap();
    let kind = r#"{"op": "kind", "kind": "notice", "revision": 1}"#;
    let uri = format!("/api/v1/articles/{market}/corrections");
    let (status, err) = post_json(&s, &uri, Some(ADMIN), kind).await;
    assert_eq!(status, StatusCode::CONFLICT, "{err}");
    let message = err["error"]["message"].as_str().unwrap();
    assert!(message.contains("旧书市集周末开市") && message.contains("王编辑"), "{message}");
    let (status, done) = post_json(&s, &uri, Some(ADMIN), &kind.replace("\"revision\": 1", "\"revision\": 2")).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["correction"]["editor"], "admin");
    // a bad paragraph is a 400 naming the article
    let bad = r#"{"op": "split", "paragraph": 9}"#;
    let (status, err) = post_json(&s, &uri, Some(WANG), bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    assert!(err["error"]["message"].as_str().unwrap().contains("no paragraph 9"), "{err}");
    // the history, then an undo
    let page = done["correction"]["page_id"].as_i64().unwrap();
    let (_, list) = get(&s, &format!("/api/v1/pages/{page}/corrections"), None).await;
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list["corrections"].as_array().unwrap().len(), 2);
    let (status, undone) = post_json(&s, "/api/v1/corrections/1/undo", Some(WANG), "").await;
    assert_eq!(status, StatusCode::OK, "{undone}");
    assert_eq!(undone["correction"]["status"], "undone");
    assert_eq!(undone["articles"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_editor_signs_in_and_corrects_through_the_article_page() {
    let dir = tempfile::tempdir().unwrap();
    let (s, ids) = state(dir.path());
    let article = format!("/articles/{}", ids[0]);
    let (status, page) = get(&s, &article, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("更正本文"), "readers see no editor's forms");
    // a wrong token signs nobody in
    let form = |token: &str| format!("token={token}&back=%2Farticles%2F{}", ids[0]);
    let req = |body: String| {
        Request::post("/editor")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    };
    assert_eq!(send(&s, req(form("not-the-token-at-all"))).await.0, StatusCode::FORBIDDEN);
    let (status, headers, _) = send(&s, req(form(WANG))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], article.as_str());
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http here: {cookie}");
    let cookie = cookie.split(';').next().unwrap().to_string();
    let (_, page) = get(&s, &article, Some(&cookie)).await;
    assert!(page.contains("更正本文") && page.contains("王编辑"), "the editor sees the forms");
    assert!(page.contains(&format!("action=\"{article}/corrections\"")));
    assert!(!page.contains("<script>"), "no inline script");
    // the headline form, posted as a browser does
    let body = "op=headline&revision=1&kicker=%E6%BB%A8%E6%B1%9F%E6%96%B0%E8%B2%8C&title=%E6%BB%A8%E6%B1%9F%E6%AD%A5%E9%81%93%E8%B4%AF%E9%80%9A&subtitle=";
    let post = Request::post(format!("{article}/corrections"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &cookie)
        .body(Body::from(body))
        .unwrap();
    let (status, headers, body) = send(&s, post).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let to = headers[header::LOCATION].to_str().unwrap().to_string();
    assert!(to.ends_with("#corrections"), "{to}");
    let (_, page) = get(&s, to.trim_end_matches("#corrections"), None).await;
    assert!(page.contains("滨江新貌") && page.contains("滨江步道贯通"), "the new headline is shown");
    assert!(page.contains("更正记录") && page.contains("改标题") && page.contains("王编辑"), "its history");
    // the same form again (revision 1) is stale: a 409 page naming the article
    let post = Request::post(format!("{article}/corrections"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &cookie)
        .body(Body::from("op=kind&revision=1&kind=notice"))
        .unwrap();
    let (status, _, body) = send(&s, post).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("滨江步道贯通"), "{body}");
    // without the cookie, the form is refused
    let post = Request::post(format!("{article}/corrections"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("op=kind&revision=2&kind=notice"))
        .unwrap();
    assert_eq!(send(&s, post).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn editors_find_an_issues_least_certain_articles_first() {
    let dir = tempfile::tempdir().unwrap();
    let (s, ids) = state(dir.path());
    let uri = "/api/v1/papers/%E6%B5%8B%E8%AF%95%E6%8A%A5/issues/2025-05-05/doubtful";
    let (status, body) = get(&s, uri, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    let articles = list["articles"].as_array().unwrap();
    assert_eq!(articles.len(), ids.len(), "{list}");
    let least = |a: &serde_json::Value| a["boundary"].as_f64().unwrap().min(a["title_confidence"].as_f64().unwrap());
    assert!(articles.windows(2).all(|w| least(&w[0]) <= least(&w[1])), "least certain first: {list}");
    assert!(articles.iter().all(|a| a["page"] == "2"), "{list}");
    let (_, one) = get(&s, &format!("{uri}?limit=1"), None).await;
    assert_eq!(serde_json::from_str::<serde_json::Value>(&one).unwrap()["articles"].as_array().unwrap().len(), 1);
    let (status, _) = get(&s, "/api/v1/papers/%E6%B5%8B%E8%AF%95%E6%8A%A5/issues/2025-05-06/doubtful", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // the issue's page lists them for an editor only
    let issue = "/papers/%E6%B5%8B%E8%AF%95%E6%8A%A5/2025-05-05";
    let (_, page) = get(&s, issue, None).await;
    assert!(!page.contains("待核文章"), "readers see no list");
    let cookie = format!("shuzibao_editor={WANG}");
    let (status, page) = get(&s, issue, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let first = articles[0]["id"].as_i64().unwrap();
    let at = |p: &str, id: i64| p.find(&format!("<li><a href=\"/articles/{id}\">")).unwrap();
    assert!(page.contains("待核文章"), "{page}");
    assert!(at(&page, first) < at(&page, articles[1]["id"].as_i64().unwrap()), "in the API's order");
    // an article an editor corrected is certain: it goes last
    let kind = r#"{"op": "kind", "kind": "notice", "revision": 1}"#;
    let (status, done) = post_json(&s, &format!("/api/v1/articles/{first}/corrections"), Some(WANG), kind).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (_, body) = get(&s, uri, None).await;
    let after: serde_json::Value = serde_json::from_str(&body).unwrap();
    let last = after["articles"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["id"].as_i64(), Some(first), "{after}");
    assert_eq!(least(&last), 1.0);
}
