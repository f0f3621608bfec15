//! An ingest killed with SIGKILL at many points leaves the archive
//! consistent (no issue half present, the store's integrity check passes),
//! and running the same ingest again completes it with nothing lost and no
//! duplicates; the index then agrees with the store.

use crate::common::{bin, make_issues, run_str, stdout};
use shuzibao_store::Store;
use std::time::Duration;

const ISSUES: usize = 40;

fn check_consistent(data: &std::path::Path) -> (i64, i64) {
    let store = Store::open(data).unwrap();
    store.check_integrity().unwrap();
    let mut articles = 0;
    for issue in store.issues().unwrap() {
        // every issue present is whole: its articles are those its text parses to
        let versions = store.versions(issue.id).unwrap();
        let raw = store.raw_text(versions.last().unwrap().id).unwrap();
        let want = shuzibao_core::parse(&raw).articles.len();
        let have = store.articles_of_issue(issue.id).unwrap().len();
        assert_eq!(have, want, "issue {} is half present", issue.key);
        assert_eq!(versions.len(), 1, "no duplicate versions of {}", issue.key);
        articles += have as i64;
    }
    (store.stats().unwrap().issues, articles)
}

#[test]
fn killed_ingest_is_completed_by_running_it_again() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    make_issues(&input, ISSUES);
    let data = tmp.path().join("data");
    // kill points spread over a run's length, from before the archive opens to the end
    let mut seed = 0x2545_f491_u64;
    let mut kills = 0;
    for round in 0..24 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait = Duration::from_millis(seed % 400 + (round % 3) as u64);
        let mut child = bin()
            .args(["ingest", &input.display().to_string(), "--data", &data.display().to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL on Unix
            kills += 1;
        }
        child.wait().unwrap();
        if data.join(shuzibao_store::DB_FILE).exists() {
            let (issues, _) = check_consistent(&data);
            assert!(issues <= ISSUES as i64);
        }
    }
    assert!(kills > 0, "no run was killed: the kill points are too late for this machine");
    let out = run_str(&["ingest", &input.display().to_string(), "--data", &data.display().to_string()]);
    assert!(out.status.success(), "{}", stdout(&out));
    let (issues, articles) = check_consistent(&data);
    assert_eq!(issues, ISSUES as i64, "every file is in the archive once");
    let index = shuzibao_search::SearchIndex::open(data.join("index")).unwrap();
    let store = Store::open(&data).unwrap();
    assert_eq!(index.applied_change().unwrap(), store.last_change().unwrap(), "the index has caught up");
    assert_eq!(index.num_docs() as i64, articles, "one index document per article");
}
