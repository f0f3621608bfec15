//! The web edition under abuse: hostile queries, oversize bodies, path
//! traversal, admin token guessing, hostile markup in an article, too many
//! requests at once; and, over a real socket on loopback, slow clients and
//! too many connections.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::{Body, Bytes};
use axum::http::{header, Request, StatusCode};
use common::{ingest, samples, Given};
use http_body_util::{BodyExt, Channel};
use shuzibao_web::{app, app_with, serve_on, AppState, Archive, Config, Limits};
use std::path::Path;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tower::ServiceExt;

const TOKEN: &str = "an-admin-token-long-enough";

/// Every request in these tests must be answered within this (a hang fails
/// the test instead of stalling CI); it is far above what they take.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// An article whose every part tries to become markup or code.
const HOSTILE: &str = "## <script>alert('title')</script>标题\"><img src=x onerror=alert(2)>\n\n\
□ 记者 王明\n\n\
本报讯 正文里有 \"><img src=x onerror=alert(1)> 和 {{ 7*7 }} 与 {% if true %}x{% endif %} 以及 \
<a href=\"javascript:alert(3)\">点我</a> 和 javascript:alert(4) 还有 </script><script>alert(5)</script> \
与 <!-- 注释 --> 及 ]]> 以及 &amp; 和 \u{2028} 结尾。\n\n\
[查看原文](https://example.com/\"onmouseover=\"alert)\n";

/// An archive with the samples and the hostile article.
fn state(dir: &Path, token: Option<&str>) -> AppState {
    let mut archive = Archive::open(dir).unwrap();
    for (name, text) in samples() {
        ingest(&mut archive, &name, &text, Given::default());
    }
    let hints = common::given("测试报", "2021-06-01", 3);
    ingest(&mut archive, "hostile.txt", HOSTILE, hints);
    archive.sync().unwrap();
    let config = Config { data: dir.to_path_buf(), admin_token: token.map(str::to_string), ..Config::default() };
    AppState::from_archive(archive, &config)
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(router: axum::Router, req: Request<Body>) -> Answer {
    let res = tokio::time::timeout(ANSWER_WITHIN, router.oneshot(req)).await.expect("answered in time").unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

async fn get(state: &AppState, uri: &str) -> Answer {
    send(app(state.clone()), Request::get(uri).body(Body::empty()).unwrap()).await
}

fn ctype(a: &Answer) -> &str {
    a.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// Percent-encodes everything but ASCII letters and digits.
fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Query strings (already encoded, after `?`) that try to break the parser
/// or the index: nesting, many terms, wildcards, regex-looking text,
/// control characters, broken encodings, fields out of range.
fn hostile_query_strings() -> Vec<String> {
    let mut raw: Vec<String> = vec![
        "\"".repeat(999),
        "(".repeat(999),
        ")".repeat(999),
        "((((((((((徐汇))))))))))".into(),
        "\"((\"".into(),
        "\"\"\"\"\"\"".into(),
        "\"徐汇\"~99999999999999999999".into(),
        "\"徐汇 党史\"~4294967296".into(),
        "a ".repeat(400),
        "徐汇 ".repeat(300),
        std::iter::repeat_n("徐汇", 200).collect::<Vec<_>>().join(" OR "),
        "OR OR OR".into(),
        "| | |".into(),
        "-".into(),
        "--".into(),
        "- - -徐汇".into(),
        "-徐汇 -党史".into(),
        "*".into(),
        "**".into(),
        "?".into(),
        "%".into(),
        "%%".into(),
        "_".into(),
        "徐*".into(),
        "*汇*".into(),
        "title:*".into(),
        ".*".into(),
        "^(a+)+$".into(),
        "(a|aa)*b".into(),
        "[a-z]{1000}".into(),
        "\\d+\\".into(),
        "徐汇\0党史".into(),
        "\0".into(),
        "\u{1}\u{2}\u{1f}\u{7f}".into(),
        "\r\n徐汇\r\n".into(),
        "\u{202e}徐汇\u{200b}\u{feff}".into(),
        "e\u{301}".repeat(300),
        "😀".repeat(300),
        "\u{ffff}\u{fffe}".into(),
        "date:9999-99-99".into(),
        "date:*-02-30".into(),
        "date:..".into(),
        "page:99999999999999999999".into(),
        "page:1..4294967295".into(),
        "page:5..1".into(),
        "title:".into(),
        "title:\"".into(),
        "reporter:".into(),
        format!("reporter:{}", "王".repeat(900)),
        "kind:<script>".into(),
        "paper:\0".into(),
        "person:'; DROP TABLE articles; --".into(),
        "' OR 1=1 --".into(),
        "<script>alert(1)</script>".into(),
        "{{ 7*7 }}".into(),
        "${jndi:ldap://x}".into(),
        "徐".repeat(1000),
        "徐".repeat(1001),
    ];
    raw.push("a".repeat(4000));
    let mut qs: Vec<String> = raw.iter().map(|q| format!("q={}", enc(q))).collect();
    qs.extend(
        [
            "q=%FF%FE%FD",
            "q=%",
            "q=%%%",
            "q=%zz",
            "q=a&q=b",
            "q[]=a",
            "q",
            "=",
            "&&&&",
            "q=%E5%BE%90&p=99999999999999999999999",
            "q=%E5%BE%90&p=-1",
            "q=%E5%BE%90&p=%00",
            "q=%E5%BE%90&page=-1",
            "q=%E5%BE%90&page=99999999999999",
            "q=%E5%BE%90&from=abc",
            "q=%E5%BE%90&from=2024&to=2000",
            "q=%E5%BE%90&from=99999",
            "q=%E5%BE%90&sort=%3Cscript%3E",
            "q=%E5%BE%90&kind=%3Cscript%3E",
            "reporter=%00",
            "person=%E7%8E%8B%00",
        ]
        .map(String::from),
    );
    qs.push(format!("reporter={}", "%E7%8E%8B".repeat(300)));
    qs
}

#[tokio::test]
async fn hostile_queries_get_400_or_results_never_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    for qs in hostile_query_strings() {
        let page = get(&s, &format!("/search?{qs}")).await;
        assert!(
            [StatusCode::OK, StatusCode::BAD_REQUEST, StatusCode::URI_TOO_LONG].contains(&page.status),
            "/search?{qs}: {}",
            page.status
        );
        if page.status != StatusCode::URI_TOO_LONG {
            assert!(ctype(&page).starts_with("text/html"), "/search?{qs}: {}", ctype(&page));
            assert!(page.body.contains("</html>"), "/search?{qs}: a whole page");
            assert!(!page.body.contains("<script>alert"), "/search?{qs} reflected markup");
        }
        if page.status == StatusCode::BAD_REQUEST {
            assert!(page.body.contains("class=\"error\""), "/search?{qs}: the page says what is wrong");
        }
        let api = get(&s, &format!("/api/v1/search?{qs}")).await;
        assert!(
            [StatusCode::OK, StatusCode::BAD_REQUEST, StatusCode::URI_TOO_LONG].contains(&api.status),
            "/api/v1/search?{qs}: {}",
            api.status
        );
        if api.status != StatusCode::URI_TOO_LONG {
            assert!(ctype(&api).starts_with("application/json"), "/api/v1/search?{qs}: {}", ctype(&api));
            let v: serde_json::Value = serde_json::from_str(&api.body).unwrap();
            if api.status == StatusCode::OK {
                assert!(v["total"].is_u64(), "/api/v1/search?{qs}: {v}");
            } else {
                assert_eq!(v["error"]["status"], 400, "/api/v1/search?{qs}");
                assert!(!v["error"]["message"].as_str().unwrap().is_empty());
            }
        }
        let feed = get(&s, &format!("/feeds/search.atom?{qs}")).await;
        assert!(
            [StatusCode::OK, StatusCode::BAD_REQUEST, StatusCode::URI_TOO_LONG].contains(&feed.status),
            "/feeds/search.atom?{qs}: {}",
            feed.status
        );
        if feed.status == StatusCode::OK {
            assert!(!feed.body.contains("<script"), "/feeds/search.atom?{qs} reflected markup");
        }
    }
}

#[tokio::test]
async fn specific_hostile_queries_get_the_answer_they_deserve() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let api = |qs: &'static str| {
        let s = s.clone();
        async move { get(&s, &format!("/api/v1/search?{qs}")).await }
    };
    // too long, too many terms, control characters: 400 saying why
    let long = get(&s, &format!("/api/v1/search?q={}", "a".repeat(1001))).await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    assert!(long.body.contains("too long"), "{}", long.body);
    let many = get(&s, &format!("/api/v1/search?q={}", "a+".repeat(400))).await;
    assert_eq!(many.status, StatusCode::BAD_REQUEST);
    assert!(many.body.contains("too many terms"), "{}", many.body);
    for qs in ["q=%E5%BE%90%00", "q=%01", "reporter=%E7%8E%8B%00", "q=%E5%BE%90&kind=%00"] {
        let a = api(qs).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{qs}");
        assert!(a.body.contains("control"), "{qs}: {}", a.body);
    }
    // a broken query string is a 400 in JSON, not axum's plain text
    for qs in ["q=a&q=b", "q=%E5%BE%90&p=1&p=2"] {
        let a = api(qs).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{qs}");
        assert!(ctype(&a).starts_with("application/json"), "{qs}");
    }
    // wildcards and regex syntax are text, not patterns: `*` finds nothing
    // rather than everything
    let star = api("q=*").await;
    assert!(star.status == StatusCode::BAD_REQUEST || star.body.contains("\"total\":0"), "{}", star.body);
    // an unknown kind in the form is refused like kind: in the query
    assert_eq!(api("q=%E5%BE%90&kind=sports").await.status, StatusCode::BAD_REQUEST);
    // and a good query still works
    let ok = api("q=%E5%BE%90%E6%B1%87").await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(serde_json::from_str::<serde_json::Value>(&ok.body).unwrap()["total"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn traversal_and_hidden_characters_in_paths_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    for path in [
        "/static/../Cargo.toml",
        "/static/./style.css",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/%2E%2e/Cargo.toml",
        "/static/.%2e/Cargo.toml",
        "/static/%2e./Cargo.toml",
        "/static/%252e%252e/Cargo.toml",
        "/static/%25%32%65%25%32%65/Cargo.toml",
        "/static/..%2fCargo.toml",
        "/static/..%2FCargo.toml",
        "/static/..%5cCargo.toml",
        "/static/..%5C..%5Cetc%5Cpasswd",
        "/static/%255c",
        "/static/..\\Cargo.toml",
        "/static\\..\\..\\etc\\passwd",
        "/articles/1%00",
        "/people/%E7%8E%8B%00.html",
        "/static/style.css%00.txt",
        "/issues/%0d%0aSet-Cookie:x=1",
        "/api/v1/articles/..%2f..%2fissues",
        "/api/v1/people/%2e%2e",
    ] {
        let a = get(&s, path).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(a.headers.contains_key(header::CONTENT_SECURITY_POLICY), "{path}: security headers on refusals too");
    }
    // names with dots that are not traversal still work
    assert_eq!(get(&s, "/static/style.css").await.status, StatusCode::OK);
    // a path that is not UTF-8 is a clear 400 (page or JSON), not a crash
    let page = get(&s, "/people/%FF%FE").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(ctype(&page).starts_with("text/html"));
    let api = get(&s, "/api/v1/people/%FF%FE").await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    assert!(ctype(&api).starts_with("application/json"));
}

fn post(token: Option<&str>, body: Body) -> Request<Body> {
    let mut req = Request::post("/api/v1/issues");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    req.body(body).unwrap()
}

const ISSUE: &str =
    "测试报\n第9期(总第1999期) / 2025年5月5日 星期一\n\n## 新的一期头版新闻\n\n本报讯 五月的一天，某区举行了一次特别的活动。\n";

#[tokio::test]
async fn bodies_over_the_limit_get_413() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), Some(TOKEN));
    let big = vec![b'a'; shuzibao_web::MAX_BODY_BYTES + 1];
    let announced = |token: Option<&str>| {
        let mut req = post(token, Body::from(big.clone()));
        req.headers_mut().insert(header::CONTENT_LENGTH, big.len().into());
        req
    };
    // announced
    let a = send(app(s.clone()), announced(Some(TOKEN))).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    // announced, without a token: refused before anything is read
    let a = send(app(s.clone()), announced(None)).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    // not announced, with the token: the extractor's limit
    let a = send(app(s.clone()), post(Some(TOKEN), Body::from(big.clone()))).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    // not announced (streamed in pieces): cut off when it goes over
    let (mut tx, rx) = Channel::<Bytes, std::io::Error>::new(4);
    tokio::spawn(async move {
        for c in big.chunks(1 << 20) {
            if tx.send_data(Bytes::copy_from_slice(c)).await.is_err() {
                break;
            }
        }
    });
    let a = send(app(s.clone()), post(Some(TOKEN), Body::new(rx))).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    // a GET that announces a huge body is refused as well
    let req = Request::get("/").header(header::CONTENT_LENGTH, "99999999999").body(Body::empty()).unwrap();
    assert_eq!(send(app(s.clone()), req).await.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_admin_token_missing_wrong_guessed_and_right() {
    // writing disabled: refused whatever the token
    let dir = tempfile::tempdir().unwrap();
    let closed = state(dir.path(), None);
    assert_eq!(send(app(closed), post(Some(TOKEN), Body::from(ISSUE))).await.status, StatusCode::FORBIDDEN);

    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), Some(TOKEN));
    // missing, or not a bearer token: 401 with the scheme to use
    for auth in [None, Some("Basic YWRtaW46YWRtaW4="), Some("Bearer "), Some(TOKEN)] {
        let mut req = Request::post("/api/v1/issues");
        if let Some(a) = auth {
            req = req.header(header::AUTHORIZATION, a);
        }
        let a = send(app(s.clone()), req.body(Body::from(ISSUE)).unwrap()).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{auth:?}");
        assert_eq!(a.headers.get(header::WWW_AUTHENTICATE).unwrap(), "Bearer");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&a.body).unwrap()["error"]["status"], 401);
    }
    // without a token the body is never read: a body that never ends does
    // not hold the answer up
    let (_tx, never) = Channel::<Bytes, std::io::Error>::new(1);
    assert_eq!(send(app(s.clone()), post(None, Body::new(never))).await.status, StatusCode::UNAUTHORIZED);
    // the right one, in any case of "Bearer"
    let req = Request::post("/api/v1/issues")
        .header(header::AUTHORIZATION, format!("bearer {TOKEN}"))
        .body(Body::from(ISSUE))
        .unwrap();
    let a = send(app(s.clone()), req).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    // wrong ones, including a prefix, a longer one and one differing in
    // its last character: 403, and after GUESS_BURST of them, 429 for
    // everyone from that client, even with the right token
    let wrong = [&TOKEN[..TOKEN.len() - 1], &format!("{TOKEN}x"), "an-admin-token-long-enougH", "x", "%00"];
    let mut refused = 0;
    for t in wrong.iter().cycle().take(8) {
        let a = send(app(s.clone()), post(Some(t), Body::from(ISSUE))).await;
        match a.status {
            StatusCode::FORBIDDEN => refused += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                assert!(a.headers.get(header::RETRY_AFTER).unwrap().to_str().unwrap().parse::<u64>().unwrap() >= 1);
            }
            s => panic!("{t:?}: {s}"),
        }
    }
    assert_eq!(refused, shuzibao_web::limits::GUESS_BURST as usize, "wrong tokens refused, then rate-limited");
    let a = send(app(s.clone()), post(Some(TOKEN), Body::from(ISSUE))).await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS, "a guesser cannot tell a right guess while locked out");
    // reading is not affected
    assert_eq!(get(&s, "/about").await.status, StatusCode::OK);
}

/// The text between `<script type="application/ld+json">` and the next
/// `</script>`.
fn json_ld(page: &str) -> &str {
    let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let len = page[start..].find("</script>").unwrap();
    &page[start..start + len]
}

#[tokio::test]
async fn hostile_markup_in_an_article_stays_text_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let found = get(&s, "/api/v1/search?q=onerror").await;
    let v: serde_json::Value = serde_json::from_str(&found.body).unwrap();
    let id = v["hits"][0]["article"]["id"].as_i64().unwrap();
    let must_not = |what: &str, body: &str| {
        let lower = body.to_lowercase();
        for bad in ["<script>alert", "<img", "href=\"javascript:", "<a href=\"javascript", "49"] {
            if bad == "49" {
                assert!(!body.contains("和 49 与"), "{what}: template syntax evaluated");
                continue;
            }
            assert!(!lower.contains(bad), "{what} contains {bad}");
        }
    };
    for uri in [
        format!("/articles/{id}"),
        "/papers/%E6%B5%8B%E8%AF%95%E6%8A%A5/2021-06-01".into(),
        "/papers/%E6%B5%8B%E8%AF%95%E6%8A%A5/2021-06-01/3".into(),
        "/papers/%E6%B5%8B%E8%AF%95%E6%8A%A5".into(),
        "/".into(),
        "/search?q=onerror".into(),
    ] {
        let a = get(&s, &uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        must_not(&uri, &a.body);
        // only the JSON-LD block is a script element, and nothing closes it early
        let scripts = a.body.matches("<script").count();
        assert!(scripts <= 1, "{uri}: {scripts} script elements");
    }
    let page = get(&s, &format!("/articles/{id}")).await.body;
    assert!(page.contains("{{ 7*7 }}") && page.contains("{% if true %}"), "template syntax printed as text");
    // the source's address is a link, its quotes escaped inside the attribute
    assert!(
        page.contains("<a href=\"https://example.com/&#34;onmouseover=&#34;alert\"")
            || page.contains("<a href=\"https://example.com/&quot;onmouseover=&quot;alert\""),
        "{page}"
    );
    assert!(!page.contains("\"onmouseover=\""), "an attribute injected");
    assert!(page.contains("&lt;script&gt;") || page.contains("&#60;script&#62;"), "markup shown escaped");
    // JSON-LD: no `</script`, no `<!--`, and the text survives the escaping
    let ld = json_ld(&page);
    assert!(!ld.to_lowercase().contains("</script") && !ld.contains("<!--") && !ld.contains('<'), "{ld}");
    let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
    let body = ld["articleBody"].as_str().unwrap();
    assert!(body.contains("</script><script>alert(5)</script>"), "JSON-LD keeps the text: {body}");
    assert!(ld["headline"].as_str().unwrap().contains("<script>"));
    // Atom: well-formed, the markup escaped (twice inside type="html" content)
    for uri in ["/feeds/latest.atom", "/feeds/search.atom?q=onerror"] {
        let feed = get(&s, uri).await.body;
        assert!(feed.contains("onerror"), "{uri}: the hostile article is in the feed");
        let lower = feed.to_lowercase();
        for bad in ["<script", "<img", "<a href", "<!--", "]]>"] {
            assert!(!lower.contains(bad), "{uri} contains {bad}");
        }
        assert!(feed.contains("&amp;lt;script&amp;gt;"), "{uri}: markup escaped inside the HTML content");
        assert!(!feed.chars().any(|c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')), "{uri}: XML 1.0 text");
    }
    // the JSON API and ninjs give the text as text
    let a = get(&s, &format!("/api/v1/articles/{id}/ninjs")).await;
    let n: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    assert!(n["bodies"][0]["value"].as_str().unwrap().contains("&lt;script&gt;"), "ninjs HTML body escaped");
    // reflected: a hostile query echoed on the search page and in the feed title
    let a = get(&s, &format!("/search?q={}", enc("\"><script>alert(1)</script>"))).await;
    must_not("reflected query", &a.body);
    let a = get(&s, &format!("/feeds/search.atom?q={}", enc("onerror <script>x</script>"))).await;
    assert!(!a.body.contains("<script"), "reflected in the feed");
}

#[tokio::test]
async fn requests_over_the_in_flight_limit_get_503_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), Some(TOKEN));
    let limits = Limits { max_in_flight: 1, queue_wait: Duration::from_millis(100), ..Limits::default() };
    let router = app_with(s, &limits);
    // one request holds the only place: an admin upload whose body never ends
    let (tx, never) = Channel::<Bytes, std::io::Error>::new(1);
    let held = tokio::spawn(router.clone().oneshot(post(Some(TOKEN), Body::new(never))));
    tokio::time::sleep(Duration::from_millis(50)).await;
    let busy = send(router.clone(), Request::get("/about").body(Body::empty()).unwrap()).await;
    assert_eq!(busy.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(busy.headers.get(header::RETRY_AFTER).unwrap(), "1");
    assert!(ctype(&busy).starts_with("text/html"));
    let api = send(router.clone(), Request::get("/api/v1/issues").body(Body::empty()).unwrap()).await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(ctype(&api).starts_with("application/json"));
    // the place is given back when the request ends
    drop(tx);
    let _ = tokio::time::timeout(ANSWER_WITHIN, held).await.unwrap();
    let ok = send(router, Request::get("/about").body(Body::empty()).unwrap()).await;
    assert_eq!(ok.status, StatusCode::OK);
}

/// The whole answer of a raw HTTP/1.1 exchange (the server closes).
async fn raw(addr: std::net::SocketAddr, request: &[u8]) -> String {
    let mut c = TcpStream::connect(addr).await.unwrap();
    c.write_all(request).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(ANSWER_WITHIN, c.read_to_end(&mut out)).await.unwrap().unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_a_socket_slow_clients_are_dropped_while_others_are_served() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path(), None);
    let limits = Limits { header_read_timeout: Duration::from_secs(1), max_connections: 8, ..Limits::default() };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve_on(listener, app_with(s, &limits), limits, async {
        let _ = stopped.await;
    }));

    // a slowloris: a request line, then a header byte every 200 ms; it would
    // take 6 s to finish its headers, the server gives it 1 s
    let slow = tokio::spawn(async move {
        let mut c = TcpStream::connect(addr).await.unwrap();
        c.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
        let started = std::time::Instant::now();
        for b in b"X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n" {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if c.write_all(&[*b]).await.is_err() {
                break;
            }
            let mut buf = [0u8; 1024];
            match tokio::time::timeout(Duration::from_millis(1), c.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => break,
                Ok(Ok(_)) => panic!("the slow client got an answer"),
                Err(_) => {}
            }
        }
        started.elapsed()
    });
    // meanwhile, a normal client is served
    tokio::time::sleep(Duration::from_millis(300)).await;
    let answer = raw(addr, b"GET /about HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let dropped_after = slow.await.unwrap();
    assert!(dropped_after < Duration::from_secs(4), "the slow client was dropped after {dropped_after:?}");

    // an idle connection (nothing sent) is closed after the same timeout
    let mut idle = TcpStream::connect(addr).await.unwrap();
    let mut buf = [0u8; 16];
    let n = tokio::time::timeout(Duration::from_secs(4), idle.read(&mut buf)).await.expect("idle connection closed");
    assert!(matches!(n, Ok(0) | Err(_)), "{n:?}");

    // what hyper refuses before routing: a raw backslash, a NUL, a space
    for target in [&b"/static/..\\Cargo.toml"[..], b"/a\0b", b"/a b"] {
        let mut req = b"GET ".to_vec();
        req.extend_from_slice(target);
        req.extend_from_slice(b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let answer = raw(addr, &req).await;
        assert!(answer.starts_with("HTTP/1.1 400"), "{:?}: {answer}", String::from_utf8_lossy(target));
    }

    // a body over the limit, still being sent when the server answers 413
    // and closes: a client that writes its whole body before reading (as
    // simple clients do) must not have its writes fail, which is what
    // closing a socket with unread data gives (a reset); it reads the 413
    for _ in 0..3 {
        let mut c = TcpStream::connect(addr).await.unwrap();
        let big = shuzibao_web::MAX_BODY_BYTES + (1 << 20);
        let head = format!("POST /api/v1/issues HTTP/1.1\r\nHost: x\r\nContent-Length: {big}\r\n\r\n");
        c.write_all(head.as_bytes()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await; // the 413 is sent, the server closes
        let piece = vec![b'a'; 64 << 10];
        for i in 0..32 {
            let wrote = tokio::time::timeout(Duration::from_secs(2), c.write_all(&piece)).await;
            assert!(matches!(wrote, Ok(Ok(()))), "piece {i} of the body: {wrote:?}");
        }
        let mut answer = Vec::new();
        let read = tokio::time::timeout(ANSWER_WITHIN, c.read_to_end(&mut answer)).await.unwrap();
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 413"), "{read:?}: {answer}");
    }
    // (the server lingers until the client closes: let it see that)
    tokio::time::sleep(Duration::from_millis(200)).await;

    // connections over the limit get a 503 at once and are closed
    let mut held = Vec::new();
    for _ in 0..8 {
        held.push(TcpStream::connect(addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let answer = raw(addr, b"GET /about HTTP/1.1\r\nHost: x\r\n\r\n").await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.to_lowercase().contains("retry-after: 1"));
    drop(held);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let answer = raw(addr, b"GET /about HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "served again once connections closed: {answer}");

    // graceful shutdown: a connection in the middle of its headers does not
    // keep the server up longer than the header timeout
    let mut half = TcpStream::connect(addr).await.unwrap();
    half.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), server).await.expect("the server stopped").unwrap().unwrap();
    assert!(TcpStream::connect(addr).await.is_err(), "no longer listening");
}
