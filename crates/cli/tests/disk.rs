//! A full disk and a read-only data folder: the command stops with a clear
//! error naming what failed, the archive stays consistent (whole issues
//! only, the store's integrity check passes, the index agrees once opened),
//! and once there is room the same ingest completes.

use crate::common::{bin, check_index_agrees, check_whole, make_issues, stderr};
use std::path::Path;
use std::process::Output;

/// Runs `shuzibao ARGS` with files limited to `blocks` × 512 bytes (a disk
/// that fills up): writes past it fail with EFBIG, as on a full disk.
fn run_with_file_limit(blocks: u64, args: &[&str]) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_shuzibao"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_full_disk_stops_the_ingest_cleanly_and_room_lets_it_finish() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    // (more pages than a batch of the bulk ingest: see `Archive::begin_batch`)
    make_issues(&input, 80);
    let data = tmp.path().join("data");
    let (input_arg, data_arg) = (input.display().to_string(), data.display().to_string());
    // a first issue, then the disk "fills" a little above the archive's size
    let first = input.join("issue-0000.txt").display().to_string();
    assert!(bin().args(["ingest", &first, "--data", &data_arg]).output().unwrap().status.success());
    let size = std::fs::metadata(data.join(shuzibao_store::DB_FILE)).unwrap().len();
    let out = run_with_file_limit(size / 512 + 400, &["ingest", &input_arg, "--data", &data_arg]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("the disk could not be written") || err.contains("disk is full"), "a clear reason: {err}");
    assert!(err.contains("issue-"), "the file being stored is named: {err}");
    assert!(!err.contains("panicked"), "{err}");
    let (issues, articles) = check_whole(&data);
    assert!((1..80).contains(&issues), "stopped part-way: {issues} issues");
    check_index_agrees(&data, articles);
    // room again: the same command completes the work
    let out = bin().args(["ingest", &input_arg, "--data", &data_arg]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (issues, articles) = check_whole(&data);
    assert_eq!(issues, 80);
    check_index_agrees(&data, articles);
}

/// A read-only data folder: as root (as in CI) file permissions do not
/// stop writes, so the folder is made read-only with a read-only bind
/// mount; elsewhere with its permissions.
#[test]
fn a_read_only_data_folder_is_a_clear_error_and_stays_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let files = make_issues(&input, 3);
    let data = tmp.path().join("data");
    let data_arg = data.display().to_string();
    let first = files[0].display().to_string();
    assert!(bin().args(["ingest", &first, "--data", &data_arg]).output().unwrap().status.success());
    let before = check_whole(&data);
    let db = std::fs::read(data.join(shuzibao_store::DB_FILE)).unwrap();
    let Some(_guard) = ReadOnly::make(&data) else {
        eprintln!("skipped: cannot make {} read-only on this machine", data.display());
        return;
    };
    let out = bin().args(["ingest", &input.display().to_string(), "--data", &data_arg]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("the archive in {data_arg}")) && err.contains("read-only"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    drop(_guard);
    assert_eq!(std::fs::read(data.join(shuzibao_store::DB_FILE)).unwrap(), db, "not a byte changed");
    assert_eq!(check_whole(&data), before);
}

/// Makes a folder read-only for as long as it lives.
struct ReadOnly {
    dir: std::path::PathBuf,
    mounted: bool,
}

impl ReadOnly {
    fn make(dir: &Path) -> Option<ReadOnly> {
        let sh = |cmd: String| std::process::Command::new("sh").arg("-c").arg(cmd).status().is_ok_and(|s| s.success());
        let d = dir.display();
        if sh("[ \"$(id -u)\" = 0 ]".to_string()) {
            let ok = sh(format!("mount --bind '{d}' '{d}' 2>/dev/null && mount -o remount,ro,bind '{d}' 2>/dev/null"));
            if !ok {
                sh(format!("umount '{d}' 2>/dev/null"));
                return None;
            }
            Some(ReadOnly { dir: dir.to_path_buf(), mounted: true })
        } else {
            sh(format!("chmod -R a-w '{d}'")).then(|| ReadOnly { dir: dir.to_path_buf(), mounted: false })
        }
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        let d = self.dir.display();
        let cmd = if self.mounted { format!("umount '{d}'") } else { format!("chmod -R u+w '{d}'") };
        let _ = std::process::Command::new("sh").arg("-c").arg(cmd).status();
    }
}
