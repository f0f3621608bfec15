//! `shuzibao correct` and `shuzibao corrections`: a correction made, listed,
//! found by search, refused when stale (exit 2, the article named), kept by
//! `reparse`, undone; and corrections killed (SIGKILL) at many points, each
//! left wholly made or not at all, with the index in step. The page is made
//! up.

use crate::common::{bin, check_index_agrees, run_str, stderr, stdout};
use shuzibao_store::corrections::Status;
use shuzibao_store::{CorrectionFilter, Store};
use std::path::Path;
use std::time::Duration;

const PAGE: &str = "## 滨江步道全线贯通

本报讯 昨天，滨江步道最后一段完工，全线十二公里向市民开放。

沿途新设六座驿站，提供饮水和休息座椅。

桥下新建的篮球场周末起免费开放，附近居民可通过小程序预约使用。

## 旧书市集周末开市

本报讯 本周六起，公园东门每周举办旧书市集，摊位向居民免费开放。
";

/// A data folder with the made-up page (徐汇报, 2025-05-05, page 2): its id
/// and its articles' ids.
fn archive(tmp: &Path) -> (String, i64, Vec<i64>) {
    let file = tmp.join("xuhuibao-2025-05-05-p02.txt");
    std::fs::write(&file, PAGE).unwrap();
    let data = tmp.join("data").display().to_string();
    let out = run_str(&["ingest", &file.display().to_string(), "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (page, ids) = articles(Path::new(&data));
    (data, page, ids)
}

/// The page and its articles' ids, as they are now.
fn articles(data: &Path) -> (i64, Vec<i64>) {
    let store = Store::open_read_only(data).unwrap();
    let page = store.issues().unwrap()[0].id;
    (page, store.articles_of_issue(page).unwrap().iter().map(|a| a.id).collect())
}

#[test]
fn correct_list_search_refuse_a_stale_one_reparse_and_undo() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, page, ids) = archive(tmp.path());
    let first = ids[0].to_string();
    let split = ["correct", "split", &first, "--paragraph", "3", "--title", "篮球场免费开放", "--editor", "王编辑"];
    let out = run_str(&[&split[..], &["--data", &data, "--revision", "1"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("correction #1 (split of 《滨江步道全线贯通》) made by 王编辑"), "{}", stdout(&out));
    let out = run_str(&["corrections", &page.to_string(), "--data", &data]);
    let listed = stdout(&out);
    assert!(
        listed.contains("revision 2") && listed.contains("篮球场免费开放") && listed.contains("王编辑"),
        "{listed}"
    );
    let out = run_str(&["search", "title:篮球场", "--data", &data]);
    assert!(stdout(&out).contains("篮球场免费开放"), "search follows: {}", stdout(&out));
    // another editor who read revision 1
    let (_, now) = articles(Path::new(&data));
    let last = now[2].to_string();
    let kind = ["correct", "kind", &last, "notice", "--editor", "李编辑", "--revision", "1", "--data", &data];
    let out = run_str(&kind);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("旧书市集周末开市") && stderr(&out).contains("王编辑"), "{}", stderr(&out));
    // reparse keeps it
    let out = run_str(&["reparse", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(articles(Path::new(&data)).1.len(), 3);
    let out = run_str(&["correct", "undo", "1", "--editor", "李编辑", "--data", &data]);
    assert!(stdout(&out).contains("undone by 李编辑"), "{}", stdout(&out));
    assert_eq!(articles(Path::new(&data)).1.len(), 2);
    let out = run_str(&["corrections", "--data", &data, "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(listed["corrections"][0]["status"], "undone");
    // a new version of the page that lost a paragraph a correction hid: said at ingest
    let (_, now) = articles(Path::new(&data));
    let out =
        run_str(&["correct", "hide", &now[0].to_string(), "--paragraph", "2", "--editor", "王编辑", "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = tmp.path().join("xuhuibao-2025-05-05-p02.txt");
    std::fs::write(&file, PAGE.replace("沿途新设六座驿站，提供饮水和休息座椅。\n\n", "")).unwrap();
    let out = run_str(&["ingest", &file.display().to_string(), "--data", &data]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(said.contains("correction #2") && said.contains("no longer applies"), "{said}");
    let out = run_str(&["corrections", "--stale", "--data", &data]);
    assert!(stdout(&out).contains("no longer applies"), "{}", stdout(&out));
}

/// Starts `shuzibao ARGS`, kills it (SIGKILL) after `wait` if it still
/// runs; tells whether it was killed.
fn kill_after(args: &[&str], wait: Duration) -> bool {
    let mut child =
        bin().args(args).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() >= wait {
            child.kill().unwrap(); // SIGKILL on Unix
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

#[test]
fn a_correction_killed_at_any_point_is_wholly_made_or_not_at_all() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, _, ids) = archive(tmp.path());
    let dir = Path::new(&data);
    let mut seed = 0x2545_f491_u64;
    let (mut kills, mut changes) = (0, 0);
    // how long one correction takes here, unkilled (a busy machine takes
    // longer): the kill points are spread over one and a half times that
    let t0 = std::time::Instant::now();
    let first = ids[0].to_string();
    let out = bin()
        .args(["correct", "split", &first, "--paragraph", "3", "--editor", "王编辑", "--data", &data])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let span = (t0.elapsed().as_millis() as u64 * 3 / 2).max(50);
    let mut before = articles(dir).1.len();
    assert_eq!(before, ids.len() + 1, "the unkilled split made one more article");
    for round in 0..20u64 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let (_, ids) = articles(dir);
        let active = {
            let store = Store::open_read_only(dir).unwrap();
            let all = store.corrections(&CorrectionFilter::default()).unwrap();
            all.iter().rev().find(|c| c.status == Status::Active).map(|c| c.id)
        };
        // split the first article, or undo the split
        let first = ids[0].to_string();
        let undo = active.map(|id| id.to_string()).unwrap_or_default();
        let args: Vec<&str> = match active {
            None => vec!["correct", "split", &first, "--paragraph", "3", "--editor", "王编辑", "--data", &data],
            Some(_) => vec!["correct", "undo", &undo, "--editor", "王编辑", "--data", &data],
        };
        // every fourth run is left to finish, the first is killed at its start
        let wait = match round {
            0 => Duration::from_millis(20),
            r if r % 4 == 3 => Duration::from_secs(600),
            _ => Duration::from_millis(seed % span),
        };
        if kill_after(&args, wait) {
            kills += 1;
        }
        let store = Store::open(dir).unwrap();
        store.check_integrity().unwrap();
        let all = store.corrections(&CorrectionFilter::default()).unwrap();
        let splits = all.iter().filter(|c| c.status == Status::Active).count();
        let (_, now) = articles(dir);
        assert_eq!(now.len(), 2 + splits, "round {round}: the articles show exactly the corrections recorded");
        drop(store);
        check_index_agrees(dir, now.len() as i64);
        if now.len() != before {
            changes += 1;
        }
        before = now.len();
    }
    assert!(kills > 0, "no correction was killed: the kill points are too late for this machine");
    assert!(changes > 1, "no correction was made: the kill points are too early for this machine");
    println!("correct: {kills} of 20 runs killed (SIGKILL), {changes} changes made, each wholly or not at all");
}
