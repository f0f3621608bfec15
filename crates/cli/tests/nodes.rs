//! Several `shuzibao serve` nodes on one PostgreSQL archive, as processes:
//! each keeps its own index in its own data folder and follows the change
//! log, so an issue ingested through any node's API or by `shuzibao ingest
//! --database` is searchable on every node within 2 s; a node started on an
//! empty data folder builds its index from the database; a node killed
//! (SIGKILL) catches up when it starts again.

use crate::common::{bin, files_under, make_issues, run_str, stderr, stdout};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// The longest an issue may take to be searchable on every node.
const DEADLINE: Duration = Duration::from_secs(2);

/// A request to a node; the status line and the body.
fn http(port: u16, method: &str, path: &str, token: Option<&str>, body: &[u8]) -> Option<(String, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{auth}X-Source-Name: issue.txt\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    )
    .ok()?;
    s.write_all(body).ok()?;
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).ok()?;
    let out = String::from_utf8_lossy(&bytes);
    let (head, body) = out.split_once("\r\n\r\n")?;
    Some((head.lines().next()?.to_string(), body.to_string()))
}

/// How many articles a node finds on a date (`YYYY-MM-DD`); `None` while
/// it does not answer.
fn found_on(port: u16, date: &str) -> Option<u64> {
    let (status, body) = http(port, "GET", &format!("/api/v1/search?q=date%3A{date}"), None, b"")?;
    if !status.contains(" 200") {
        return None;
    }
    serde_json::from_str::<serde_json::Value>(&body).ok()?["total"].as_u64()
}

/// A free port on 127.0.0.1.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A node's process, killed (SIGKILL) when dropped: a failing test leaves
/// no server behind.
struct Node(Child);

impl Node {
    /// Kills it (SIGKILL) and waits for it.
    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A `serve` node on the archive at `url`, its index in `data`; returns
/// once it answers. Its log goes to `data`'s sibling `PORT.log`.
fn node(url: &str, data: &Path, port: u16, token_file: &Path) -> Node {
    let shared = data.with_file_name("shared-files");
    let log = data.with_file_name(format!("{port}.log"));
    let mut child = bin()
        .args(["serve", "--data", &data.display().to_string(), "--database", url])
        .args(["--files", &shared.display().to_string()])
        .args(["--addr", &format!("127.0.0.1:{port}"), "--admin-token-file", &token_file.display().to_string()])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while http(port, "GET", "/api/v1/papers", None, b"").is_none() {
        if start.elapsed() > Duration::from_secs(60) || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            panic!("the node on port {port} does not answer:\n{}", std::fs::read_to_string(&log).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Node(child)
}

/// Waits until every node finds `want` articles on `date`; returns how
/// long each took from `since`, failing the test past the deadline.
fn searchable_everywhere(ports: &[u16], date: &str, want: u64, since: Instant, what: &str) -> Vec<Duration> {
    let mut took = Vec::new();
    for &port in ports {
        loop {
            let found = found_on(port, date);
            if found == Some(want) {
                break;
            }
            assert!(
                since.elapsed() < DEADLINE,
                "{what}: the node on port {port} finds {found:?} articles of {date}, not {want}, after {:?}",
                since.elapsed()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        took.push(since.elapsed());
    }
    eprintln!("{what}: searchable on every node after {took:?}");
    took
}

/// The date `make_issues` gives its issue `i` (the first 28).
fn date_of(i: usize) -> String {
    format!("2010-01-{:02}", 1 + i)
}

#[test]
fn issues_written_anywhere_are_searchable_on_every_node_and_a_killed_node_catches_up() {
    let url = crate::postgres::server().database().unwrap_or_else(|e| panic!("{e}"));
    let tmp = tempfile::tempdir().unwrap();
    let token = "a-token-of-the-admin-0123456789";
    let token_file = tmp.path().join("token");
    std::fs::write(&token_file, token).unwrap();
    let issues_dir = tmp.path().join("issues");
    std::fs::create_dir(&issues_dir).unwrap();
    let files = make_issues(&issues_dir, 6);
    let articles = |i: usize| shuzibao_core::parse(&std::fs::read_to_string(&files[i]).unwrap()).articles.len() as u64;
    let (a_data, b_data, cli_data) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("cli"));
    let (a, b) = (free_port(), free_port());

    // node A ingests the samples into the empty archive; B, started later on
    // an empty data folder, builds its index from the database
    let mut node_a = node(&url, &a_data, a, &token_file);
    let mut node_b = node(&url, &b_data, b, &token_file);
    assert_eq!(found_on(b, "2024-01-01"), found_on(a, "2024-01-01"));
    assert!(found_on(b, "2024-01-01").is_some_and(|n| n > 0), "the samples are found on B");

    // an issue through A's API
    let text = std::fs::read(&files[0]).unwrap();
    let (status, body) = http(a, "POST", "/api/v1/issues", Some(token), &text).unwrap();
    let committed = Instant::now();
    assert!(status.contains(" 200"), "{status}: {body}");
    searchable_everywhere(&[a, b], &date_of(0), articles(0), committed, "through node A's API");

    // an issue through B's API, seen on A
    let text = std::fs::read(&files[1]).unwrap();
    let (status, body) = http(b, "POST", "/api/v1/issues", Some(token), &text).unwrap();
    let committed = Instant::now();
    assert!(status.contains(" 200"), "{status}: {body}");
    searchable_everywhere(&[b, a], &date_of(1), articles(1), committed, "through node B's API");

    // an issue through the command line
    let out = run_str(&[
        "ingest",
        &files[2].display().to_string(),
        "--data",
        &cli_data.display().to_string(),
        "--database",
        &url,
    ]);
    let committed = Instant::now();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("1 pages: 1 added"), "{}", stdout(&out));
    searchable_everywhere(&[a, b], &date_of(2), articles(2), committed, "through the command line");

    // a PDF page through the command line, its files in the shared folder:
    // both nodes serve them
    let pdfs = tmp.path().join("pdfs");
    std::fs::create_dir(&pdfs).unwrap();
    let pdf = pdfs.join("xhb-20240305-02.pdf");
    std::fs::write(&pdf, crate::pdf::pdf_page::pdf(&[crate::pdf::pdf_page::two_articles(2, true)], None)).unwrap();
    let shared = tmp.path().join("shared-files");
    let out = run_str(&[
        "ingest",
        &pdf.display().to_string(),
        "--data",
        &cli_data.display().to_string(),
        "--database",
        &url,
        "--files",
        &shared.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let kept: Vec<String> =
        files_under(&shared).iter().filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())).collect();
    assert_eq!(kept.len(), 4, "the PDF and its three images are kept in the shared folder: {kept:?}");
    assert!(!cli_data.join(shuzibao_archive::files::FILES_DIR).exists(), "none in the data folder");
    for name in &kept {
        for port in [a, b] {
            let (status, _) = http(port, "GET", &format!("/files/{name}"), None, b"").unwrap();
            assert!(status.contains(" 200"), "node {port} serves {name}: {status}");
        }
    }

    // B killed; two issues while it is down; B started again catches up
    node_b.kill();
    let out = run_str(&[
        "ingest",
        &files[3].display().to_string(),
        "--data",
        &cli_data.display().to_string(),
        "--database",
        &url,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (status, body) = http(a, "POST", "/api/v1/issues", Some(token), &std::fs::read(&files[4]).unwrap()).unwrap();
    assert!(status.contains(" 200"), "{status}: {body}");
    let mut node_b = node(&url, &b_data, b, &token_file);
    let started = Instant::now();
    searchable_everywhere(&[b, a], &date_of(3), articles(3), started, "written while B was down (CLI)");
    searchable_everywhere(&[b], &date_of(4), articles(4), started, "written while B was down (A's API)");
    for i in 0..5 {
        assert_eq!(found_on(a, &date_of(i)), found_on(b, &date_of(i)), "both nodes find the same of {}", date_of(i));
    }
    node_a.kill();
    node_b.kill();
}

/// Articles of 2010 (the made-up issues') the store holds, each issue
/// present checked whole (its articles those its text parses to); a
/// continuation is searched with its head, so heads are counted.
fn whole_articles_of_2010(url: &str, dir: &Path) -> (usize, u64) {
    let store = shuzibao_store::Store::open_read_only_at(&shuzibao_store::Location::Postgres(url.into()), dir).unwrap();
    let (mut issues, mut heads) = (0, 0);
    for issue in store.issues().unwrap() {
        let version = store.versions(issue.id).unwrap().last().unwrap().id;
        let want = shuzibao_core::parse(&store.raw_text(version).unwrap()).articles.len();
        let articles = store.articles_of_issue(issue.id).unwrap();
        assert_eq!(articles.len(), want, "issue {} is half present", issue.key);
        if articles.iter().any(|a| a.date.is_some_and(|d| d.to_string().starts_with("2010"))) {
            issues += 1;
            heads += articles.iter().filter(|a| a.continues.is_none()).count() as u64;
        }
    }
    (issues, heads)
}

/// Issues of the ingest killed half-way.
const ISSUES: usize = 200;

#[test]
fn an_ingest_killed_half_way_leaves_whole_issues_and_every_node_follows() {
    let url = crate::postgres::server().database().unwrap_or_else(|e| panic!("{e}"));
    let tmp = tempfile::tempdir().unwrap();
    let token_file = tmp.path().join("token");
    std::fs::write(&token_file, "a-token-of-the-admin-0123456789").unwrap();
    let issues = tmp.path().join("issues");
    std::fs::create_dir(&issues).unwrap();
    make_issues(&issues, ISSUES);
    let (cli_data, a_data) = (tmp.path().join("cli"), tmp.path().join("a"));
    let a = free_port();
    let _node_a = node(&url, &a_data, a, &token_file);
    let ingest = || {
        bin()
            .args(["ingest", &issues.display().to_string(), "--data", &cli_data.display().to_string()])
            .args(["--database", &url])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // killed (SIGKILL) once its first pages are committed (a bulk ingest
    // commits every 64 pages)
    let mut first = ingest();
    let start = Instant::now();
    let stored = loop {
        let (n, _) = whole_articles_of_2010(&url, &a_data);
        if n > 0 {
            break n;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "the ingest stores nothing");
        std::thread::sleep(Duration::from_millis(20));
    };
    first.kill().unwrap();
    first.wait().unwrap();
    let (kept, heads) = whole_articles_of_2010(&url, &a_data);
    assert!(kept >= stored && kept < ISSUES, "killed half-way: {kept} of {ISSUES} issues stored");
    let killed = Instant::now();
    let searchable = |want: u64, since: Instant, deadline: Duration| loop {
        let found = found_on(a, "2010");
        if found == Some(want) {
            eprintln!("{want} articles of 2010 searchable on the node after {:?}", since.elapsed());
            break;
        }
        assert!(since.elapsed() < deadline, "the node finds {found:?} articles of 2010, not {want}");
        std::thread::sleep(Duration::from_millis(10));
    };
    searchable(heads, killed, DEADLINE);
    // run again: the rest is stored, nothing twice, and the node follows
    let status = ingest().wait().unwrap();
    let done = Instant::now();
    assert!(status.success());
    let (all, heads) = whole_articles_of_2010(&url, &a_data);
    assert_eq!(all, ISSUES);
    // (the last batch is up to 64 pages at once, indexed after its commit:
    // 1.3 s in a debug build; the deadline is for one issue, not a batch)
    searchable(heads, done, DEADLINE * 5);
}
