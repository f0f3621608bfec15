//! The archive on PostgreSQL (`--database`, `SHUZIBAO_DATABASE_URL`): a
//! throw-away server of this test binary, its database given to `ingest`,
//! `search`, `issues` and `people`; the data folder keeps the index only.

use crate::common::{bin, run_str, samples_dir, stderr, stdout};
use std::sync::OnceLock;

/// The PostgreSQL server of this test binary.
pub fn server() -> &'static shuzibao_testpg::Server {
    static SERVER: OnceLock<Result<shuzibao_testpg::Server, String>> = OnceLock::new();
    match SERVER.get_or_init(shuzibao_testpg::Server::start) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn ingest_search_and_read_an_archive_kept_on_postgresql() {
    let url = server().database().unwrap_or_else(|e| panic!("{e}"));
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data").display().to_string();
    let samples = samples_dir().display().to_string();
    let out = run_str(&["ingest", &samples, "--data", &data, "--database", &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("3 pages: 3 added, 0 updated, 0 unchanged, 0 failed"), "{}", stdout(&out));
    assert!(
        !tmp.path().join("data").join(shuzibao_store::DB_FILE).exists(),
        "no SQLite file: the store is on the server"
    );
    // the same database named by the environment: nothing new
    let again = bin().args(["ingest", &samples, "--data", &data]).env("SHUZIBAO_DATABASE_URL", &url).output().unwrap();
    assert!(stdout(&again).starts_with("3 pages: 0 added, 0 updated, 3 unchanged"), "{}", stdout(&again));
    // what the SQLite archive of the same samples finds (see `archive.rs`)
    let found = run_str(&["search", "主题教育", "--data", &data, "--database", &url, "--json"]);
    assert!(found.status.success(), "{}", stderr(&found));
    let v: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(v["total"], 4);
    assert!(v["hits"][0]["title"].as_str().unwrap().contains("主题教育"), "title match first");
    let issues = run_str(&["issues", "--data", &data, "--database", &url]);
    assert!(issues.status.success(), "{}", stderr(&issues));
    assert!(stdout(&issues).contains("2023-09-18"), "{}", stdout(&issues));
    let people = run_str(&["people", "--data", &data, "--database", &url]);
    assert!(people.status.success(), "{}", stderr(&people));
    assert!(!stdout(&people).trim().is_empty(), "people are listed");
    // the SQLite archive of the same folder is another, empty one
    let local = run_str(&["issues", "--data", &data]);
    assert!(!local.status.success(), "{}", stdout(&local));
}

#[test]
fn a_bad_database_url_or_an_absent_server_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data").display().to_string();
    let samples = samples_dir().display().to_string();
    let out = run_str(&["ingest", &samples, "--data", &data, "--database", "mysql://db/x"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("postgres://"), "{}", stderr(&out));
    let gone = format!("postgresql://ann:secret@/x?host={}", tmp.path().join("no-server").display());
    let out = run_str(&["search", "主题", "--data", &data, "--database", &gone]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot use the PostgreSQL database") && !err.contains("secret"), "{err}");
    // a server too: told at once, not serving an archive of its own
    let out = run_str(&["serve", "--data", &data, "--database", &gone, "--addr", "127.0.0.1:0"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot use the PostgreSQL database") && !err.contains("secret"), "{err}");
}
