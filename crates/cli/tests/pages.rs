//! Real archives: a day's pages named as papers name them, several papers on
//! one date, undated pages given a date, a mistyped data folder.

use crate::common::{run_str, samples_dir, stderr, stdout};
use std::path::Path;

/// Writes an inner page (no masthead) whose text opens with a date of the
/// past, as features and speeches do.
fn page(path: &Path, n: usize) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = format!(
        "\n## 第{n}版的头条新闻\n\n1959年9月13日至10月3日，这里举办过一次展览，第{n}次回顾。\n\n## 第{n}版的第二条\n\n本报讯 某地举行第{n}次座谈会。\n"
    );
    std::fs::write(path, text).unwrap();
}

#[test]
fn the_pages_of_a_day_are_each_their_own_in_every_naming_pattern() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let names = [
        "rmrb-20191001-01.txt",
        "rmrb-20191001-02.txt",
        "rmrb-20191001-03.txt",
        "rmrb_20191002_A3.txt",
        "20191003/rmrb-02.txt",
        "rmrb/2019/10/04/05.txt",
        "人民日报-2019年10月5日-第6版.txt",
    ];
    for (i, n) in names.iter().enumerate() {
        page(&input.join(n), i + 1);
    }
    let data = tmp.path().join("data").display().to_string();
    let input = input.display().to_string();
    let out = run_str(&["ingest", &input, "--data", &data, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["added"].as_u64(), v["updated"].as_u64()), (Some(7), Some(0)), "{v:#}");
    let placed: Vec<(String, String, String)> = v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["paper"].as_str().unwrap().into(),
                p["date"].as_str().unwrap().into(),
                p["page"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want = [
        ("人民日报", "2019-10-01", "1"),
        ("人民日报", "2019-10-01", "2"),
        ("人民日报", "2019-10-01", "3"),
        ("人民日报", "2019-10-02", "A3"),
        ("人民日报", "2019-10-03", "2"),
        ("人民日报", "2019-10-04", "5"),
        ("人民日报", "2019-10-05", "6"),
    ];
    let mut placed_sorted = placed.clone();
    placed_sorted.sort();
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(placed_sorted, want, "every page its own, on the date of its name");
    // the date in the text never dates a page; its headline stays
    let found = run_str(&["search", "title:头条新闻", "--data", &data, "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(hits["total"], 7, "{hits:#}");
    assert!(hits["hits"].as_array().unwrap().iter().all(|h| h["date"].as_str().unwrap().starts_with("2019-10")));
    let again = run_str(&["ingest", &input, "--data", &data]);
    assert!(stdout(&again).starts_with("7 pages: 0 added, 0 updated, 7 unchanged, 0 failed"), "{}", stdout(&again));
}

#[test]
fn a_page_whose_paper_is_found_nowhere_is_refused_and_the_others_go_on() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    page(&input.join("scan-20191001-01.txt"), 1);
    page(&input.join("rmrb-20191001-02.txt"), 2);
    let data = tmp.path().join("data").display().to_string();
    let out = run_str(&["ingest", &input.display().to_string(), "--data", &data]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("2 pages: 1 added, 0 updated, 0 unchanged, 1 failed"), "{}", stdout(&out));
    assert!(stderr(&out).contains("scan-20191001-01.txt: cannot tell which paper"), "{}", stderr(&out));
    // a folder's shuzibao.toml names it
    std::fs::write(input.join("shuzibao.toml"), "paper = \"示例日报\"\n").unwrap();
    let out =
        run_str(&["ingest", &input.join("scan-20191001-01.txt").display().to_string(), "--data", &data, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pages"][0]["paper"], "示例日报", "{v:#}");
}

#[test]
fn an_ingest_that_stores_nothing_leaves_no_archive_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    page(&input.join("scan-20191001-01.txt"), 1);
    let file = input.join("scan-20191001-01.txt").display().to_string();
    // a new folder: taken away whole
    let data = tmp.path().join("typo");
    let out = run_str(&["ingest", &file, "--data", &data.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no archive was made"), "{}", stderr(&out));
    assert!(!data.exists(), "a folder made for nothing is taken away");
    // a folder of the user's: only what the ingest made goes
    let own = tmp.path().join("own");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join("notes.txt"), "mine").unwrap();
    let out = run_str(&["ingest", &file, "--data", &own.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let left: Vec<String> =
        std::fs::read_dir(&own).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, vec!["notes.txt".to_string()]);
    // once a page is stored, the archive stays
    let out = run_str(&["ingest", &file, "--paper", "示例日报", "--data", &own.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(own.join("archive.sqlite3").is_file());
}

#[test]
fn two_papers_on_one_date_stay_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    page(&input.join("rmrb-20240101-01.txt"), 1);
    let data = tmp.path().join("data").display().to_string();
    for path in [input.display().to_string(), samples_dir().display().to_string()] {
        assert!(run_str(&["ingest", &path, "--data", &data]).status.success());
    }
    let out = run_str(&["issues", "--data", &data, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let on_day: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["date"] == "2024-01-01")
        .map(|i| i["paper"].as_str().unwrap())
        .collect();
    assert_eq!(on_day, ["人民日报", "徐汇报"], "{v:#}");
    let count = |args: &[&str]| {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--data", &data, "--json"]);
        serde_json::from_slice::<serde_json::Value>(&run_str(&all).stdout).unwrap()["total"].as_u64().unwrap()
    };
    assert_eq!(count(&["title:头条新闻", "--paper", "徐汇报"]), 0);
    assert_eq!(count(&["title:头条新闻", "--paper", "人民日报"]), 1);
}

#[test]
fn an_undated_page_is_listed_and_dated_later() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("page.txt");
    page(&file, 3);
    let data = tmp.path().join("data").display().to_string();
    let out = run_str(&["ingest", &file.display().to_string(), "--paper", "示例日报", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run_str(&["issues", "--undated", "--data", &data, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v[0]["id"].as_i64().unwrap().to_string();
    let out = run_str(&["date", &id, "2019-10-08", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("示例日报|2019-10-08"), "{}", stdout(&out));
    let out = run_str(&["issues", "--undated", "--data", &data]);
    assert!(stdout(&out).contains("no pages without a date"), "{}", stdout(&out));
    let found = run_str(&["search", "头条新闻", "--from", "2019-10-08", "--data", &data, "--json"]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&found.stdout).unwrap()["total"], 1);
}

#[test]
fn a_mistyped_data_folder_is_an_error_and_nothing_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let typo = tmp.path().join("shuzibao-dta");
    for args in [
        vec!["search", "主题教育"],
        vec!["people"],
        vec!["export"],
        vec!["issues"],
        vec!["issues", "--undated"],
        vec!["date", "1", "2024-01-01"],
        vec!["upgrade"],
    ] {
        let mut all = args.clone();
        let d = typo.display().to_string();
        all.extend_from_slice(&["--data", &d]);
        let out = run_str(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("no archive in"), "{args:?}: {}", stderr(&out));
        assert!(!typo.exists(), "{args:?} created the folder");
    }
}

#[test]
fn date_and_page_flags_are_for_one_file() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.txt");
    let b = tmp.path().join("b.txt");
    page(&a, 1);
    page(&b, 2);
    let data = tmp.path().join("data").display().to_string();
    let (a, b) = (a.display().to_string(), b.display().to_string());
    for flag in [["--page", "2"], ["--date", "2024-01-01"]] {
        let out = run_str(&["ingest", &a, &b, flag[0], flag[1], "--paper", "示例日报", "--data", &data]);
        assert_eq!(out.status.code(), Some(2), "{flag:?}");
        assert!(stderr(&out).contains("for one file"), "{}", stderr(&out));
    }
    let out = run_str(&[
        "ingest",
        &a,
        "--page",
        "A2",
        "--date",
        "2024-01-01",
        "--paper",
        "示例日报",
        "--data",
        &data,
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["pages"][0]["page"].as_str(), v["pages"][0]["date"].as_str()), (Some("A2"), Some("2024-01-01")));
}

#[test]
fn an_archive_of_an_older_shuzibao_waits_for_upgrade_and_opening_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let d = data.display().to_string();
    let out = run_str(&["ingest", &samples_dir().display().to_string(), "--data", &d]);
    assert!(out.status.success(), "{}", stderr(&out));
    // made older: schema 7 had no table of dictionaries, nor regions and page assets (9), nor lines (10),
    // nor the articles' confidence (11)
    let db = data.join(shuzibao_store::DB_FILE);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP TABLE dictionaries; DROP TABLE page_assets; ALTER TABLE articles DROP COLUMN regions;
             ALTER TABLE articles DROP COLUMN lines; ALTER TABLE articles DROP COLUMN confidence_boundary;
             ALTER TABLE articles DROP COLUMN confidence_title; PRAGMA user_version = 7;",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    for args in [vec!["search", "主题教育"], vec!["ingest", "--paper", "徐汇报"], vec!["issues"]] {
        let mut all = args.clone();
        if args[0] == "ingest" {
            all.insert(1, "/nonexistent-but-named.txt");
        }
        all.extend_from_slice(&["--data", &d]);
        let out = run_str(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("shuzibao upgrade"), "{args:?}: {}", stderr(&out));
    }
    assert!(std::fs::read(&db).unwrap() == before, "refusing changed the archive");
    let out = run_str(&["upgrade", "--data", &d]);
    assert!(out.status.success(), "{}", stderr(&out));
    let step = format!("schema 7 -> {}", shuzibao_store::SCHEMA_VERSION);
    assert!(stderr(&out).contains(&step), "each step is logged: {}", stderr(&out));
    let found = run_str(&["search", "主题教育", "--data", &d, "--json"]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&found.stdout).unwrap()["total"], 4, "{}", stderr(&found));
    let again = run_str(&["upgrade", "--data", &d]);
    assert!(stdout(&again).contains("up to date"), "{}", stdout(&again));
}

#[test]
fn a_page_is_dated_by_its_signals_only_when_they_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("data").display().to_string();
    // three Monday issues of 徐汇报 (the samples), then two of its pages that print no date
    assert!(run_str(&["ingest", &samples_dir().display().to_string(), "--data", &d]).status.success());
    let agrees = tmp.path().join("inner.txt");
    // filed on Sunday 12-31, printed that day or the next: the paper's Monday is 2024-01-01
    std::fs::write(&agrees, "## 区里的新闻\n\n本报北京12月31日电 某区举行迎新座谈会。\n").unwrap();
    let disagrees = tmp.path().join("other.txt");
    // filed on a Wednesday: neither that day nor the next is a Monday
    std::fs::write(&disagrees, "## 另一条新闻\n\n本报北京12月27日电 某区举行座谈会。\n").unwrap();
    for f in [&agrees, &disagrees] {
        let out = run_str(&["ingest", &f.display().to_string(), "--paper", "徐汇报", "--data", &d]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = run_str(&["issues", "--data", &d, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let day =
        v.as_array().unwrap().iter().find(|i| i["date"] == "2024-01-01" && i["inferred"] == true).expect("inferred");
    assert!(day["date_evidence"].as_str().unwrap().contains("12月31日"), "{day:#}");
    let out = run_str(&["issues", "--undated", "--data", &d, "--json"]);
    let undated: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(undated.as_array().unwrap().len(), 1, "{undated:#}");
    assert!(undated[0]["source"].as_str().unwrap().ends_with("other.txt"));
    // the same texts again change nothing: an inferred date is no identity
    let again = run_str(&["ingest", &agrees.display().to_string(), "--paper", "徐汇报", "--data", &d]);
    assert!(stdout(&again).starts_with("1 pages: 0 added, 0 updated, 1 unchanged"), "{}", stdout(&again));
}

#[test]
fn the_least_certain_articles_of_an_issue_are_listed_least_sure_first() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("data").display().to_string();
    let out = run_str(&["ingest", &samples_dir().display().to_string(), "--data", &d]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run_str(&["issues", "--doubtful", "2023-09-18", "--limit", "2", "--json", "--data", &d]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{v}");
    let least = |r: &serde_json::Value| r["boundary"].as_f64().unwrap().min(r["title_confidence"].as_f64().unwrap());
    assert!(least(&rows[0]) <= least(&rows[1]), "least sure first: {v}");
    assert!(rows.iter().all(|r| r["title"].is_string() && r["id"].is_i64()), "{v}");
    // a day with no issue is said so, and nothing is listed
    let none = run_str(&["issues", "--doubtful", "1999-01-01", "--data", &d]);
    assert!(!none.status.success());
    assert!(stderr(&none).contains("no issue on 1999-01-01"), "{}", stderr(&none));
    assert!(stdout(&none).is_empty());
}

#[test]
fn a_page_exported_as_one_file_an_article_is_listed_once() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    for (part, n) in [(1, 1), (2, 2), (3, 3)] {
        page(&input.join(format!("rmrb-20191001-02-0{part}.txt")), n);
    }
    page(&input.join("rmrb-20191001-03-01.txt"), 4);
    let data = tmp.path().join("data").display().to_string();
    let out = run_str(&["ingest", &input.display().to_string(), "--data", &data]);
    assert!(stdout(&out).starts_with("4 pages: 4 added"), "{}", stdout(&out));
    let out = run_str(&["issues", "--data", &data]);
    assert!(stdout(&out).contains("2019-10-01  2 pages (2 3) in 4 files"), "{}", stdout(&out));
}
