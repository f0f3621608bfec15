//! Running the binary and finding the samples.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shuzibao"))
}

/// The sample issues shipped with the project.
pub fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(samples_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

/// The `samples/` folder.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

/// Runs the binary with `args`.
pub fn run(args: &[&OsStr]) -> Output {
    bin().args(args).output().unwrap()
}

/// Runs the binary with string arguments.
pub fn run_str(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Writes `n` distinct issue files into `dir`, made from the samples with
/// other dates in their mastheads, so that each is a separate issue.
pub fn make_issues(dir: &Path, n: usize) -> Vec<PathBuf> {
    let texts: Vec<String> = samples().iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let mut files = Vec::new();
    for i in 0..n {
        let base = &texts[i % texts.len()];
        let (y, m, d) = (2010 + (i / 336) as i32, 1 + (i / 28) % 12, 1 + i % 28);
        let date = format!("{y}年{m}月{d}日");
        let mut text = base.clone();
        for old in ["2022年1月17日", "2023年9月18日"] {
            text = text.replace(old, &date);
        }
        text = text.replace("2024 年  \n1 月 1 日", &format!("{y} 年  \n{m} 月 {d} 日"));
        let path = dir.join(format!("issue-{i:04}.txt"));
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    files
}

/// Issues and articles in the archive in `data`; panics unless its store
/// passes its integrity check and every issue present is whole (its
/// articles are those its text parses to).
pub fn check_whole(data: &Path) -> (i64, i64) {
    let store = shuzibao_store::Store::open(data).unwrap();
    store.check_integrity().unwrap();
    let mut articles = 0;
    for issue in store.issues().unwrap() {
        let version = store.versions(issue.id).unwrap().last().unwrap().id;
        let want = shuzibao_core::parse(&store.raw_text(version).unwrap()).articles.len();
        let have = store.articles_of_issue(issue.id).unwrap().len();
        assert_eq!(have, want, "issue {} is half present", issue.key);
        articles += have as i64;
    }
    (store.stats().unwrap().issues, articles)
}

/// Opens the archive as the next command would (the index catches up with
/// the store) and checks that they agree: one document per article, the
/// index at the store's last change.
pub fn check_index_agrees(data: &Path, articles: i64) {
    let archive = shuzibao_web::Archive::open(data).unwrap();
    assert_eq!(archive.index().applied_change().unwrap(), archive.store().last_change().unwrap(), "caught up");
    assert_eq!(archive.index().num_docs() as i64, articles, "one index document per article");
    archive.close().unwrap();
}

/// The files under a folder, its subfolders' too.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}
