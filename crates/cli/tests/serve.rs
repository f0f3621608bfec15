//! `shuzibao serve` as a process: an empty archive gets the samples, pages
//! answer, every request is logged, Ctrl-C stops it cleanly; `export`.

use crate::common::{bin, run_str, stdout};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

#[test]
fn serve_starts_on_samples_logs_requests_and_stops_on_ctrl_c() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let port = 20000 + (std::process::id() % 20000) as u16;
    let mut child = bin()
        .args(["serve", "--data", &data.display().to_string(), "--addr", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut home = None;
    while start.elapsed() < Duration::from_secs(20) {
        if let Some(r) = http_get(port, "/") {
            home = Some(r);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let home = home.expect("the server answers");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.contains("2024年1月1日"), "the samples were ingested into the empty archive");
    let missing = http_get(port, "/articles/999999").unwrap();
    assert!(missing.starts_with("HTTP/1.1 404"));
    // Ctrl-C
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let t = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(t.elapsed() < Duration::from_secs(10), "the server did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "a clean exit: {status:?}");
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    let requests: Vec<&str> = log.lines().filter(|l| l.contains("finished processing request")).collect();
    assert_eq!(requests.len(), 2, "one line per request:\n{log}");
    assert!(requests[1].contains("status=404"));
    assert!(log.contains("shutting down"));
}

#[test]
fn export_writes_every_article_as_jsonl_and_ninjs() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data").display().to_string();
    run_str(&["ingest", &crate::common::samples_dir().display().to_string(), "--data", &data]);
    let out = run_str(&["export", "--data", &data]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 10);
    assert!(lines.iter().any(|a| a["title"] == "2024年新年贺词" && a["kind"] == "letter"));
    let file = tmp.path().join("ninjs.jsonl");
    let out = run_str(&[
        "export",
        "--data",
        &data,
        "--format",
        "ninjs",
        "--out",
        &file.display().to_string(),
        "--base-url",
        "https://news.example",
    ]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&file).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["standard"]["name"], "ninjs");
    assert!(first["uri"].as_str().unwrap().starts_with("https://news.example/articles/"));
    assert_eq!(text.lines().count(), 10);
}
