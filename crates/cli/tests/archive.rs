//! `ingest`, `search`, `reindex`, `reparse` on a data folder.

use crate::common::{make_issues, run_str, samples_dir, stderr, stdout};

fn data_arg(dir: &std::path::Path) -> String {
    dir.display().to_string()
}

#[test]
fn ingest_then_again_then_search() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_arg(&tmp.path().join("data"));
    let samples = samples_dir().display().to_string();
    let out = run_str(&["ingest", &samples, "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("3 pages: 3 added, 0 updated, 0 unchanged, 0 failed"), "{}", stdout(&out));
    let again = run_str(&["ingest", &samples, "--data", &data]);
    assert!(stdout(&again).starts_with("3 pages: 0 added, 0 updated, 3 unchanged, 0 failed"), "{}", stdout(&again));
    let found = run_str(&["search", "主题教育", "--data", &data, "--json"]);
    assert!(found.status.success(), "{}", stderr(&found));
    let v: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(v["total"], 4);
    assert!(v["hits"][0]["title"].as_str().unwrap().contains("主题教育"), "title match first");
    assert_eq!(v["facets"]["year"][0][0], "2023");
    let frag = &v["hits"][0]["snippet"]["fragments"];
    assert!(frag.as_array().unwrap().iter().any(|f| f["hit"] == true && f["text"] == "主题教育"));
}

#[test]
fn search_filters_and_traditional_forms() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_arg(&tmp.path().join("data"));
    run_str(&["ingest", &samples_dir().display().to_string(), "--data", &data]);
    let total = |args: &[&str]| -> u64 {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--data", &data, "--json"]);
        let out = run_str(&all);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["total"].as_u64().unwrap()
    };
    assert_eq!(total(&["\"徐匯區委\""]), total(&["\"徐汇区委\""]), "traditional folds");
    assert!(total(&["\"徐汇区委\""]) > 0);
    assert_eq!(total(&["曹立强", "--from", "2024"]), 1);
    assert_eq!(total(&["曹立强", "--reporter", "刘坤"]), 4);
    assert_eq!(total(&["曹立强", "--reporter", "刘坤", "--to", "2022-12"]), 1);
    assert_eq!(total(&["kind:letter"]), 1);
}

#[test]
fn a_malformed_query_is_a_clear_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_arg(&tmp.path().join("data"));
    for q in ["\"没有结尾", "page:x", "食堂 OR", "date:2023-13"] {
        let out = run_str(&["search", q, "--data", &data]);
        assert_eq!(out.status.code(), Some(2), "{q}");
        let err = stderr(&out);
        assert!(err.starts_with("shuzibao: bad query:") && err.lines().count() == 1, "{q}: {err}");
    }
}

#[test]
fn failures_are_listed_and_do_not_stop_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_arg(&tmp.path().join("data"));
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    make_issues(&input, 4);
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(input.join("binary.txt"), b"\x00\x01\x02\x03PK\x03\x04").unwrap();
    let out = run_str(&["ingest", &input.display().to_string(), "--data", &data]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("6 pages: 4 added, 0 updated, 0 unchanged, 2 failed"), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("empty.txt: empty file") && err.contains("binary.txt: binary data"), "{err}");
}

#[test]
fn a_changed_file_is_a_new_version_and_search_follows_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_arg(&tmp.path().join("data"));
    let file = tmp.path().join("issue.txt");
    let text = std::fs::read_to_string(samples_dir().join("xuhuibao-2023-09-18-p01.txt")).unwrap();
    std::fs::write(&file, &text).unwrap();
    run_str(&["ingest", &file.display().to_string(), "--data", &data]);
    std::fs::write(&file, text.replace("稀宇科技", "星河科技")).unwrap();
    let out = run_str(&["ingest", &file.display().to_string(), "--data", &data, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["updated"], 1);
    assert_eq!(v["pages"][0]["outcome"], "updated");
    assert_eq!(v["pages"][0]["version"], 2);
    let find = |q: &str| -> u64 {
        let out = run_str(&["search", q, "--data", &data, "--json"]);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["total"].as_u64().unwrap()
    };
    assert_eq!(find("星河科技"), 1);
    assert_eq!(find("稀宇科技"), 0, "the old version is history, not search results");
}

#[test]
fn reindex_and_reparse_give_the_same_search() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_arg(&tmp.path().join("data"));
    run_str(&["ingest", &samples_dir().display().to_string(), "--data", &data]);
    let before = stdout(&run_str(&["search", "曹立强", "--data", &data, "--json"]));
    let re = run_str(&["reindex", "--data", &data]);
    assert!(re.status.success() && stdout(&re).starts_with("indexed 10 articles"), "{}", stdout(&re));
    let rp = run_str(&["reparse", "--data", &data]);
    assert!(stdout(&rp).starts_with("0 of 3 pages parsed differently"), "{}", stdout(&rp));
    let after = stdout(&run_str(&["search", "曹立强", "--data", &data, "--json"]));
    let total = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap()["total"].clone();
    assert_eq!(total(&before), total(&after));
}

#[test]
fn people_posts_and_search_by_person() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_arg(&tmp.path().join("data"));
    run_str(&["ingest", &samples_dir().display().to_string(), "--data", &data]);
    let out = run_str(&["people", "--data", &data, "--json", "--limit", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert!(list[0]["articles"].as_u64().unwrap() >= list[1]["articles"].as_u64().unwrap(), "most named first");
    let out = run_str(&["people", "--data", &data, "--post", "区长", "--on", "2023-09-18", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let holder = v["holder"]["name"].as_str().unwrap().to_string();
    // the holder is named with the post in that issue's text
    let found = run_str(&[
        "search",
        "--person",
        &holder,
        "--from",
        "2023-09-18",
        "--to",
        "2023-09-18",
        "--data",
        &data,
        "--json",
    ]);
    assert!(found.status.success(), "{}", stderr(&found));
    let hits: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert!(hits["total"].as_u64().unwrap() >= 1, "{hits}");
    let bad = run_str(&["people", "--data", &data, "--post", "区长", "--on", "someday"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("someday"), "{}", stderr(&bad));
    let nothing = run_str(&["search", "--data", &data]);
    assert!(!nothing.status.success());
    assert!(stderr(&nothing).contains("give a query"), "{}", stderr(&nothing));
}

#[test]
fn the_page_facet_lists_every_page_by_number() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_arg(&tmp.path().join("data"));
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for page in 1..=12 {
        let text = format!("## 第{page}版的新闻\n\n本报讯 湖畔音乐节在第{page}版上。\n");
        std::fs::write(input.join(format!("cs-2024-05-06-p{page:02}.txt")), text).unwrap();
    }
    let out = run_str(&["ingest", &input.display().to_string(), "--data", &data, "--paper", "测试报"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run_str(&["search", "音乐节", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = text.lines().find(|l| l.starts_with("page")).unwrap();
    let listed: Vec<&str> = line["page".len()..].split(" · ").map(str::trim).collect();
    let expected: Vec<String> = (1..=12).map(|p| format!("{p} (1)")).collect();
    assert_eq!(listed, expected, "every page with hits, by number: {text}");
}

#[test]
fn the_header_says_what_was_searched_filters_included() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_arg(&tmp.path().join("data"));
    run_str(&["ingest", &samples_dir().display().to_string(), "--data", &data]);
    let out = run_str(&["search", "--person", "钟晓咏", "--from", "2023", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let header = text.lines().next().unwrap();
    assert!(header.contains(" results for date:2023.. person:钟晓咏 "), "{header}");
    let out = run_str(&["search", "曹立强", "--reporter", "刘坤", "--to", "2022-12", "--data", &data, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["query"], "曹立强 date:..2022-12 reporter:刘坤");
    let out = run_str(&["search", "--page", "1", "--kind", "news", "--data", &data, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["query"], "page:1 kind:news");
}

#[test]
fn the_paper_facet_counts_each_paper() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_arg(&tmp.path().join("data"));
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for (code, pages) in [("rmrb", 1..=2), ("gmrb", 1..=3)] {
        for page in pages {
            let text = format!("## 国庆第{page}版\n\n本报讯 湖畔音乐节在{code}第{page}版上。\n");
            std::fs::write(input.join(format!("{code}-20191008-{page:02}.txt")), text).unwrap();
        }
    }
    let out = run_str(&["ingest", &input.display().to_string(), "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run_str(&["search", "音乐节", "--data", &data]);
    let text = stdout(&out);
    let line = text.lines().find(|l| l.starts_with("paper")).unwrap_or_else(|| panic!("no paper line: {text}"));
    assert_eq!(line["paper".len()..].trim(), "光明日报 (3) · 人民日报 (2)", "{text}");
    let out = run_str(&["search", "音乐节", "--paper", "人民日报", "--data", &data, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 2);
    assert_eq!(v["facets"]["paper"], serde_json::json!([["人民日报", 2]]));
}
