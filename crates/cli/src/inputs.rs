//! Turning the paths a user gives into issue files, and reading what a file
//! name says about its issue (date, page).

use chrono::NaiveDate;
use regex::Regex;
use shuzibao_store::Hints;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// File extensions read from folders.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text"];

/// Expands files, folders (recursively, text files only) and glob patterns,
/// in a stable order without repeats. Paths that match nothing are returned
/// as errors, each with the reason.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let s = p.to_string_lossy();
        if p.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|f| f.extension().and_then(|x| x.to_str()).is_some_and(|x| TEXT_EXTENSIONS.contains(&x)))
                .collect();
            if found.is_empty() {
                errors.push((p.clone(), "folder holds no .txt or .md files".to_string()));
            }
            files.append(&mut found);
        } else if !p.exists() && s.contains(['*', '?', '[']) {
            match glob::glob(&s) {
                Ok(paths) => {
                    let mut found: Vec<PathBuf> = paths.filter_map(|r| r.ok()).filter(|f| f.is_file()).collect();
                    found.sort();
                    if found.is_empty() {
                        errors.push((p.clone(), "pattern matches no file".to_string()));
                    }
                    files.append(&mut found);
                }
                Err(e) => errors.push((p.clone(), format!("bad pattern: {e}"))),
            }
        } else {
            files.push(p.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    (files, errors)
}

/// Reads an issue file, refusing one too large to be an issue before
/// reading it (the reason is the message to print after the file's name).
pub fn read_issue_file(path: &Path) -> Result<Vec<u8>, String> {
    let len = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?.len();
    if len > shuzibao_core::MAX_FILE_BYTES as u64 {
        return Err(format!("too large for one issue: {len} bytes (at most {})", shuzibao_core::MAX_FILE_BYTES));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

/// What deserves a word after a file was read: bytes that could not be
/// decoded (kept as U+FFFD) and text the parser could not place (kept as
/// leftovers, shown by `parse`, stored with the issue).
pub fn warnings(decoded: &shuzibao_core::Decoded, issue: &shuzibao_core::Issue) -> Vec<String> {
    let mut w = Vec::new();
    if decoded.replaced > 0 {
        w.push(format!("{} undecodable byte sequence(s) kept as U+FFFD", decoded.replaced));
    }
    if !issue.leftovers.is_empty() {
        let reasons: std::collections::BTreeSet<&str> = issue.leftovers.iter().map(|l| l.reason.as_str()).collect();
        w.push(format!(
            "{} piece(s) of text could not be placed and are kept as leftovers ({})",
            issue.leftovers.len(),
            reasons.into_iter().collect::<Vec<_>>().join("; ")
        ));
    }
    w
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})").unwrap()
});
static PAGE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"(?i)(?:^|[-_ .])(?:p|page|第)(\d{1,3})(?:版)?(?:$|[-_ .])").unwrap()
});

/// What a file name says: `xuhuibao-2022-01-17-p01.txt` is the page 1 of the
/// issue of 2022-01-17.
pub fn hints_from_name(path: &Path) -> Hints {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let date = DATE
        .captures(&stem)
        .and_then(|c| NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?));
    let page = PAGE.captures(&stem).and_then(|c| c[1].parse().ok());
    Hints { paper: None, date, page }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let h = hints_from_name(Path::new("samples/xuhuibao-2022-01-17-p01.txt"));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2022, 1, 17));
        assert_eq!(h.page, Some(1));
        let h = hints_from_name(Path::new("20190201-05.txt"));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2019, 2, 1));
        let h = hints_from_name(Path::new("notes.txt"));
        assert_eq!(h, Hints::default());
    }
}
