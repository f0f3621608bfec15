//! An ingest killed with SIGKILL at many points leaves the archive
//! consistent (no issue half present, the store's integrity check passes,
//! and once opened the index agrees with the store), and running the same
//! ingest again completes it with nothing lost and no duplicates. The same
//! for `reindex`.
//!
//! CI kills each at 24 points; `SHUZIBAO_CRASH_ROUNDS=150` (as
//! `bench/faults/run.sh` does) kills at more.

use crate::common::{bin, check_index_agrees, check_whole, make_issues, run_str, stdout};
use shuzibao_store::Store;
use std::time::Duration;

const ISSUES: usize = 40;

/// How many runs to kill: `SHUZIBAO_CRASH_ROUNDS`, 24 by default.
fn rounds() -> u64 {
    std::env::var("SHUZIBAO_CRASH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(24)
}

/// A small xorshift generator: the kill points are random but repeatable.
struct Points(u64);

impl Points {
    fn next_ms(&mut self, round: u64, spread: u64) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(self.0 % spread + round % 3)
    }
}

/// Starts `shuzibao ARGS`, kills it (SIGKILL) after `wait` if it still runs;
/// whether it was killed.
fn kill_after(args: &[&str], wait: Duration) -> bool {
    let mut child =
        bin().args(args).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    std::thread::sleep(wait);
    let killed = child.try_wait().unwrap().is_none();
    if killed {
        child.kill().unwrap(); // SIGKILL on Unix
    }
    child.wait().unwrap();
    killed
}

/// [`check_whole`], and every issue stored once (no duplicate version).
fn check_consistent(data: &std::path::Path) -> (i64, i64) {
    let whole = check_whole(data);
    let store = Store::open(data).unwrap();
    for issue in store.issues().unwrap() {
        assert_eq!(store.versions(issue.id).unwrap().len(), 1, "no duplicate versions of {}", issue.key);
    }
    whole
}

#[test]
fn killed_ingest_is_completed_by_running_it_again() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    make_issues(&input, ISSUES);
    let data = tmp.path().join("data");
    // kill points spread over a run's length, from before the archive opens to the end
    let mut points = Points(0x2545_f491);
    let mut kills = 0;
    let (input_arg, data_arg) = (input.display().to_string(), data.display().to_string());
    for round in 0..rounds() {
        if kill_after(&["ingest", &input_arg, "--data", &data_arg], points.next_ms(round, 400)) {
            kills += 1;
        }
        if data.join(shuzibao_store::DB_FILE).exists() {
            let (issues, articles) = check_consistent(&data);
            assert!(issues <= ISSUES as i64);
            check_index_agrees(&data, articles);
        }
    }
    assert!(kills > 0, "no run was killed: the kill points are too late for this machine");
    println!("ingest: {kills} of {} runs killed (SIGKILL), the archive consistent after each", rounds());
    let out = run_str(&["ingest", &input.display().to_string(), "--data", &data.display().to_string()]);
    assert!(out.status.success(), "{}", stdout(&out));
    let (issues, articles) = check_consistent(&data);
    assert_eq!(issues, ISSUES as i64, "every file is in the archive once");
    check_index_agrees(&data, articles);
}

#[test]
fn killed_reindex_is_completed_by_the_next_open() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    make_issues(&input, ISSUES);
    let data = tmp.path().join("data");
    let data_arg = data.display().to_string();
    let out = run_str(&["ingest", &input.display().to_string(), "--data", &data_arg]);
    assert!(out.status.success(), "{}", stdout(&out));
    let (_, articles) = check_consistent(&data);
    let mut points = Points(0x9e37_79b9);
    let mut kills = 0;
    for round in 0..rounds() {
        if kill_after(&["reindex", "--data", &data_arg], points.next_ms(round, 300)) {
            kills += 1;
        }
        // the store is untouched by a reindex; the index is whole again once opened
        assert_eq!(check_consistent(&data).1, articles);
        check_index_agrees(&data, articles);
    }
    assert!(kills > 0, "no reindex was killed: the kill points are too late for this machine");
    println!("reindex: {kills} of {} runs killed (SIGKILL), the index whole again after each", rounds());
}
