//! Readers while a writer writes: a running `shuzibao serve` answers page
//! views, API calls and searches while a separate `shuzibao ingest` process
//! writes to the same archive; no request fails, no issue is ever seen half
//! stored, and the new issues become searchable without a restart.

use crate::common::{bin, make_issues, stderr};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// `GET path`: status and body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let out = String::from_utf8_lossy(&out).into_owned();
    let status = out.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = out.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

fn json(body: &str) -> serde_json::Value {
    // the test client does not speak chunked encoding: the JSON is one chunk
    let start = body.find(['{', '[']).unwrap_or(0);
    let end = body.rfind(['}', ']']).map_or(body.len(), |i| i + 1);
    serde_json::from_str(&body[start..end]).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// Starts a server on a free port of the loopback; waits until it answers.
fn start_server(data: &std::path::Path) -> (Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = bin()
        .args(["serve", "--data", &data.display().to_string(), "--addr", &format!("127.0.0.1:{port}")])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(30), "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    (child, port)
}

/// Articles of each issue date, as the API shows them now.
fn articles_by_date(port: u16) -> HashMap<String, usize> {
    let (status, body) = get(port, "/api/v1/issues");
    assert_eq!(status, 200, "{body}");
    let mut out = HashMap::new();
    for issue in json(&body).as_array().unwrap() {
        let Some(date) = issue["date"].as_str() else { continue };
        let (status, body) = get(port, &format!("/api/v1/issues/{date}"));
        assert_eq!(status, 200, "/api/v1/issues/{date}: {body}");
        let view = json(&body);
        let n = view["pages"].as_array().unwrap().iter().map(|p| p["articles"].as_array().unwrap().len()).sum();
        out.insert(date.to_string(), n);
    }
    out
}

#[test]
fn readers_never_fail_nor_see_half_an_issue_while_an_ingest_writes() {
    const ISSUES: usize = 30;
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    make_issues(&input, ISSUES);
    let data = tmp.path().join("data");
    let (mut server, port) = start_server(&data);
    let before = articles_by_date(port);
    let done = AtomicBool::new(false);
    let seen: Vec<HashMap<String, usize>> = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..2)
            .map(|r| {
                let done = &done;
                scope.spawn(move || {
                    let mut seen: HashMap<String, usize> = HashMap::new();
                    let mut rounds = 0;
                    while !done.load(Ordering::Relaxed) || rounds == 0 {
                        for (date, n) in articles_by_date(port) {
                            let first = *seen.entry(date.clone()).or_insert(n);
                            assert_eq!(first, n, "reader {r}: the issue of {date} changed size while read");
                        }
                        for path in ["/", "/search?q=%E5%BE%90%E6%B1%87", "/api/v1/search?q=%E8%AE%B0%E8%80%85"] {
                            let (status, body) = get(port, path);
                            assert_eq!(status, 200, "reader {r}: {path}: {body}");
                        }
                        rounds += 1;
                    }
                    seen
                })
            })
            .collect();
        let out = bin()
            .args(["ingest", &input.display().to_string(), "--data", &data.display().to_string()])
            .output()
            .unwrap();
        done.store(true, Ordering::Relaxed);
        assert!(out.status.success(), "the ingest ran beside the server: {}", stderr(&out));
        readers.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let after = articles_by_date(port);
    assert_eq!(after.len(), before.len() + ISSUES, "every new issue is served");
    for by_reader in &seen {
        for (date, n) in by_reader {
            assert_eq!(after[date], *n, "the issue of {date} was seen with {n} articles, not whole");
        }
    }
    // the server's search follows the other process's commits
    let total: usize = after.values().sum();
    let start = Instant::now();
    loop {
        let (status, body) = get(port, "/api/v1/search?q=date:2000..2030");
        assert_eq!(status, 200, "{body}");
        if json(&body)["total"].as_u64() == Some(total as u64) {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "search never saw the new issues: {body}");
        std::thread::sleep(Duration::from_millis(200));
    }
    server.kill().unwrap();
    server.wait().unwrap();
}
