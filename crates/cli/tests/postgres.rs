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

/// The ids `search` finds for a query, in id order (articles of the same
/// score, as the made-up issues' copies of one article are, come in the
/// order of the index's segments, which a rebuilt index lays out anew).
fn search_ids(query: &str, data: &str, database: Option<&str>) -> Vec<i64> {
    let mut args = vec!["search", query, "--data", data, "--json", "--limit", "100"];
    if let Some(url) = database {
        args.extend(["--database", url]);
    }
    let out = run_str(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids: Vec<i64> = v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    ids
}

/// The table lines `migrate` prints: (table, rows from, rows to, hash).
fn migrated(out: &std::process::Output) -> Vec<(String, u64, u64, String)> {
    assert!(out.status.success(), "{}\n{}", stdout(out), stderr(out));
    let text = stdout(out);
    eprintln!("{text}");
    assert!(!text.contains("DIFFERS"), "{text}");
    text.lines()
        .skip(1)
        .filter(|l| !l.starts_with("migrated "))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[0].to_string(), f[1].parse().unwrap(), f[2].parse().unwrap(), f[3].to_string())
        })
        .collect()
}

#[test]
fn migrate_moves_an_archive_to_postgresql_and_back_with_the_same_rows_and_search() {
    let url = server().database().unwrap_or_else(|e| panic!("{e}"));
    let tmp = tempfile::tempdir().unwrap();
    let issues = tmp.path().join("issues");
    std::fs::create_dir(&issues).unwrap();
    crate::common::make_issues(&issues, 12);
    let (src, pg, back) = (tmp.path().join("src"), tmp.path().join("pg"), tmp.path().join("back"));
    let (src, pg, back) = (src.display().to_string(), pg.display().to_string(), back.display().to_string());
    for from in [samples_dir(), issues] {
        let out = run_str(&["ingest", &from.display().to_string(), "--data", &src]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let queries = ["主题教育", "徐汇", "date:2010-01", "reporter:刘坤"];
    let want: Vec<Vec<i64>> = queries.iter().map(|q| search_ids(q, &src, None)).collect();
    assert!(want.iter().all(|ids| !ids.is_empty()), "{want:?}");

    let start = std::time::Instant::now();
    let there = migrated(&run_str(&["migrate", "--from", &src, "--to", &url, "--data", &pg]));
    eprintln!("SQLite to PostgreSQL: {:?}", start.elapsed());
    let issues_row = there.iter().find(|t| t.0 == "issues").unwrap();
    assert_eq!((issues_row.1, issues_row.2), (15, 15), "{there:?}");
    assert!(there.iter().all(|t| t.1 == t.2), "{there:?}");
    for (q, ids) in queries.iter().zip(&want) {
        assert_eq!(&search_ids(q, &pg, Some(&url)), ids, "{q} on PostgreSQL");
    }

    let start = std::time::Instant::now();
    let again = migrated(&run_str(&["migrate", "--from", &url, "--to", &back, "--data", &pg]));
    eprintln!("PostgreSQL to SQLite: {:?}", start.elapsed());
    assert_eq!(again, there, "the same rows and hashes both ways");
    for (q, ids) in queries.iter().zip(&want) {
        assert_eq!(&search_ids(q, &back, None), ids, "{q} back on SQLite");
    }
    // the moved archive takes new issues, ids after the copied ones
    let more = tmp.path().join("more");
    std::fs::create_dir(&more).unwrap();
    let file = crate::common::make_issues(&more, 13).pop().unwrap();
    let out = run_str(&["ingest", &file.display().to_string(), "--data", &pg, "--database", &url]);
    assert!(out.status.success(), "{}", stderr(&out));

    // a target holding an archive is refused, naming why
    let out = run_str(&["migrate", "--from", &src, "--to", &url, "--data", &pg]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not empty"), "{}", stderr(&out));
    let out = run_str(&["migrate", "--from", &url, "--to", &src, "--data", &pg]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("holds an archive already"), "{}", stderr(&out));
}

#[test]
fn the_same_input_gives_the_same_articles_search_ids_and_people_on_both_backends() {
    let url = server().database().unwrap_or_else(|e| panic!("{e}"));
    let tmp = tempfile::tempdir().unwrap();
    let issues = tmp.path().join("issues");
    std::fs::create_dir(&issues).unwrap();
    crate::common::make_issues(&issues, 12);
    let (lite, pg) = (tmp.path().join("lite").display().to_string(), tmp.path().join("pg").display().to_string());
    let with = |data: &str, database: Option<&str>, args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--data", data]);
        if let Some(url) = database {
            all.extend(["--database", url]);
        }
        let out = run_str(&all);
        assert!(out.status.success(), "{all:?}: {}", stderr(&out));
        stdout(&out)
    };
    for (data, database) in [(&lite, None), (&pg, Some(url.as_str()))] {
        for from in [samples_dir(), issues.clone()] {
            with(data, database, &["ingest", &from.display().to_string()]);
        }
    }
    for q in ["主题教育", "徐汇", "date:2010-01", "reporter:刘坤", "食堂 OR 餐厅", "kind:briefs"] {
        assert_eq!(search_ids(q, &lite, None), search_ids(q, &pg, Some(&url)), "{q}");
    }
    let export = |data: &str, database: Option<&str>| with(data, database, &["export"]);
    let (a, b) = (export(&lite, None), export(&pg, Some(&url)));
    assert_eq!(a.lines().count(), 50);
    assert_eq!(a, b, "the same articles, ids and all");
    let people = |data: &str, database: Option<&str>| with(data, database, &["people", "--json", "--limit", "500"]);
    let (a, b) = (people(&lite, None), people(&pg, Some(&url)));
    assert!(a.len() > 100, "{a}");
    assert_eq!(a, b, "the same people");
}

/// Runs one of the server's own client programs (`pg_dump`, `pg_restore`),
/// panicking with its output unless it succeeds.
fn pg_tool(name: &str, args: &[&str]) {
    let program = server().bin_dir().join(name);
    let out = std::process::Command::new(&program).args(args).output().unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}{}", stdout(&out), stderr(&out));
}

#[test]
fn a_pg_dump_restored_into_a_fresh_database_answers_the_same() {
    let a = server().database().unwrap_or_else(|e| panic!("{e}"));
    let tmp = tempfile::tempdir().unwrap();
    let issues = tmp.path().join("issues");
    std::fs::create_dir(&issues).unwrap();
    let files = crate::common::make_issues(&issues, 13);
    // the last made-up issue is kept back, to be taken by the restored archive
    let last = files.last().unwrap().clone();
    let later = tmp.path().join("later");
    std::fs::create_dir(&later).unwrap();
    std::fs::rename(&last, later.join("issue-later.txt")).unwrap();
    let (data_a, data_b) = (tmp.path().join("a").display().to_string(), tmp.path().join("b").display().to_string());
    let with = |data: &str, url: &str, args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--data", data, "--database", url]);
        let out = run_str(&all);
        assert!(out.status.success(), "{all:?}: {}", stderr(&out));
        stdout(&out)
    };
    with(&data_a, &a, &["ingest", &issues.display().to_string()]);

    // a backup in PostgreSQL's custom format, restored into an empty database
    let dump = tmp.path().join("a.dump").display().to_string();
    pg_tool("pg_dump", &["-Fc", "--no-owner", "-f", &dump, "-d", &a]);
    let b = server().database().unwrap_or_else(|e| panic!("{e}"));
    pg_tool("pg_restore", &["--no-owner", "--exit-on-error", "-d", &b, &dump]);

    // B opened with a new data folder: not searched before its index is
    // built from B (as a `serve` node does at start)
    let out = run_str(&["search", "徐汇", "--data", &data_b, "--database", &b]);
    assert!(!out.status.success() && stderr(&out).contains("reindex"), "{}", stderr(&out));
    with(&data_b, &b, &["reindex"]);
    let queries = ["主题教育", "徐汇", "date:2010-01", "reporter:刘坤", "食堂 OR 餐厅"];
    for q in queries {
        let ids = search_ids(q, &data_a, Some(&a));
        assert!(!ids.is_empty(), "{q} finds something");
        assert_eq!(search_ids(q, &data_b, Some(&b)), ids, "{q} on the restored archive");
    }
    let export_a = with(&data_a, &a, &["export"]);
    assert!(export_a.lines().count() > 20, "{export_a}");
    assert_eq!(with(&data_b, &b, &["export"]), export_a, "the same articles, ids and all");
    let people = ["people", "--json", "--limit", "500"];
    let people_a = with(&data_a, &a, &people);
    assert!(people_a.len() > 100, "{people_a}");
    assert_eq!(with(&data_b, &b, &people), people_a, "the same people");

    // the restored archive goes on: a new issue's articles take ids after
    // the restored ones (the sequences came with the dump)
    let max_a = export_a
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_i64().unwrap())
        .max()
        .unwrap();
    let before = search_ids("date:2010-01", &data_b, Some(&b));
    let later_file = later.join("issue-later.txt").display().to_string();
    with(&data_b, &b, &["ingest", &later_file]);
    let after = search_ids("date:2010-01", &data_b, Some(&b));
    let new: Vec<i64> = after.iter().copied().filter(|id| !before.contains(id)).collect();
    assert!(!new.is_empty() && new.iter().all(|&id| id > max_a), "new ids {new:?} after {max_a}");
}
