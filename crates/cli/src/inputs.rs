//! Turning the paths a user gives (files, folders, glob patterns) into the
//! page files to read. What a file's name says is read by the archive
//! (`shuzibao_archive::names`).

use std::path::PathBuf;

/// File extensions read from folders: texts and PDFs (a file given by
/// name is read whatever its name; a PDF is told by its bytes).
const PAGE_EXTENSIONS: &[&str] = &["txt", "md", "text", "pdf"];

/// Expands files, folders (recursively, text and PDF files only) and glob patterns,
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
                .filter(|f| {
                    f.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| PAGE_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
                })
                .collect();
            if found.is_empty() {
                errors.push((p.clone(), "folder holds no .txt, .md or .pdf files".to_string()));
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
