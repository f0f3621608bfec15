//! Fixture loading and a rendering of an issue for snapshots.

use shuzibao_core::{Issue, ParagraphRole};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The project's sample issues (`samples/*.txt`), by file stem.
pub fn samples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    read_dir_txt(&dir, |p| p.extension().is_some_and(|e| e == "txt"))
}

/// The parser's own cases (`tests/testdata/<case>/input.txt`), by case name.
pub fn cases() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata");
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for d in dirs {
        let input = d.join("input.txt");
        if input.exists() {
            let name = d.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&input).unwrap()));
        }
    }
    out
}

fn read_dir_txt(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| keep(p)).collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

/// The sample issue whose file name starts with `prefix`.
pub fn sample(prefix: &str) -> String {
    samples()
        .into_iter()
        .find(|(n, _)| n.starts_with(prefix))
        .map(|(_, t)| t)
        .unwrap_or_else(|| panic!("no sample {prefix}"))
}

/// A plain rendering of everything the parser found, for review.
pub fn render(issue: &Issue) -> String {
    let mut s = String::new();
    match &issue.masthead {
        Some(m) => {
            writeln!(
                s,
                "masthead: paper={:?} issue={:?} total={:?} date={:?} weekday={:?} pages={:?} permit={:?}",
                m.paper,
                m.issue_no,
                m.total_issue_no,
                m.date.map(|d| d.to_string()),
                m.weekday,
                m.page_count,
                m.permit
            )
            .unwrap();
            if m.lunar_date.is_some() || m.website.is_some() {
                writeln!(s, "  lunar={:?} website={:?}", m.lunar_date, m.website).unwrap();
            }
            for f in &m.furniture {
                writeln!(s, "  furniture: {f}").unwrap();
            }
        }
        None => writeln!(s, "masthead: none").unwrap(),
    }
    if let Some(h) = &issue.page_header {
        writeln!(
            s,
            "page header: page={:?} name={:?} paper={:?} date={:?}",
            h.page.map(|p| p.to_string()),
            h.name,
            h.paper,
            h.date.map(|d| d.to_string())
        )
        .unwrap();
        for e in &h.editors {
            writeln!(s, "  editor: {} ({})", e.name, e.role).unwrap();
        }
    }
    for t in &issue.teasers {
        writeln!(s, "teaser: {:?} {}", t.pages, t.title).unwrap();
    }
    for (i, a) in issue.articles.iter().enumerate() {
        writeln!(s, "\n[{}] {} {}", i + 1, a.kind.as_str(), a.headline.title).unwrap();
        let h = &a.headline;
        if let Some(k) = &h.kicker {
            writeln!(s, "  kicker: {k}").unwrap();
        }
        if let Some(k) = &h.subtitle {
            writeln!(s, "  subtitle: {k}").unwrap();
        }
        if h.inferred {
            writeln!(s, "  title inferred").unwrap();
        }
        if let Some(c) = &a.column {
            writeln!(s, "  column: {c}").unwrap();
        }
        let b = &a.byline;
        for (label, names) in [
            ("reporters", &b.reporters),
            ("photographers", &b.photographers),
            ("correspondents", &b.correspondents),
            ("interns", &b.interns),
        ] {
            if !names.is_empty() {
                writeln!(s, "  {label}: {}", names.join(", ")).unwrap();
            }
        }
        for au in &b.authors {
            writeln!(s, "  author: {} ({})", au.name, au.role.as_deref().unwrap_or("-")).unwrap();
        }
        if let Some(d) = &a.dateline {
            writeln!(s, "  dateline: {d}").unwrap();
        }
        if let Some(d) = &a.source {
            writeln!(s, "  source: {d}").unwrap();
        }
        if let Some(p) = a.continued_from_page {
            writeln!(s, "  continued from: {p}").unwrap();
        }
        if let Some(p) = a.continued_to_page {
            writeln!(s, "  continued to: {p}").unwrap();
        }
        if let Some(d) = &a.signed_date {
            writeln!(s, "  signed: {d}").unwrap();
        }
        for p in &a.paragraphs {
            let mark = match p.role {
                ParagraphRole::Text => "|",
                ParagraphRole::Subheading => "#",
                ParagraphRole::Item => "-",
            };
            writeln!(s, "  {mark} {}", p.text).unwrap();
        }
    }
    for l in &issue.leftovers {
        writeln!(s, "\nleftover ({}): {}", l.reason, l.text).unwrap();
    }
    s
}
