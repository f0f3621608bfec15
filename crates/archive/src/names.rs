//! What a file's name and its folders say about the page in it: the date,
//! the page (版) and a code or name of the paper.
//!
//! Newspapers and the tools that export their pages name files in a handful
//! of ways: the date as `20191001` or `2019-10-01` (or one folder a day,
//! or `2019/10/01`), the page after it as `02`, `p02`, `A3` or `第2版`, and
//! often a short code of the paper before it (`rmrb`, `xuhuibao`). The
//! accepted patterns are the table in the README; this module reads them and
//! nothing else: whether the name or the text wins is decided in
//! [`crate::place`], what a code means in [`crate::papers`].

use chrono::NaiveDate;
use shuzibao_core::PageNo;
use std::path::Path;

/// What a path says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameHints {
    /// The date, and whether it came from a folder rather than the file name.
    pub date: Option<(NaiveDate, Source)>,
    /// The page.
    pub page: Option<PageNo>,
    /// A part of a page exported as several files (`20191001-02-03.txt`:
    /// page 2, part 3).
    pub part: Option<u32>,
    /// Words of the name before the date and page (`rmrb`), then the names
    /// of the folders above it, nearest first: where a paper's code or name
    /// may be.
    pub words: Vec<String>,
}

/// Where in the path a hint was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The file's own name.
    FileName,
    /// A folder above it.
    FolderName,
}

impl Source {
    /// As shown with the issue's date.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::FileName => "file name",
            Source::FolderName => "folder name",
        }
    }
}

/// Reads a path: `rmrb-20191001-02.txt`, `2019-10-01-p02.txt`,
/// `20191001/02.txt`, `rmrb_20191001_A3.txt`, `2019/10/01/第2版.txt`.
///
/// ```
/// use shuzibao_archive::names::read_path;
/// let h = read_path(std::path::Path::new("pages/rmrb-20191001-02.txt"));
/// assert_eq!(h.date.unwrap().0.to_string(), "2019-10-01");
/// assert_eq!(h.page.unwrap().to_string(), "2");
/// assert_eq!(h.words[0], "rmrb");
/// ```
pub fn read_path(path: &Path) -> NameHints {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let tokens = split(&stem);
    let folders: Vec<String> = path
        .parent()
        .into_iter()
        .flat_map(|p| p.components().rev())
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .take(4)
        .collect();
    let mut hints = NameHints::default();
    let rest: &[String];
    if let Some((at, len, date)) = find_date(&tokens) {
        hints.date = Some((date, Source::FileName));
        hints.words.extend(tokens[..at].iter().cloned());
        rest = &tokens[at + len..];
        if let Some(first) = rest.first() {
            if let Some(p) = page_token(first) {
                hints.page = Some(p);
                hints.part = rest.get(1).filter(|t| is_plain_number(t, 3)).and_then(|t| t.parse().ok());
            }
        }
    } else {
        hints.date = folder_date(&folders).map(|d| (d, Source::FolderName));
        // the page: the one token of the name that reads as a page with a
        // mark (p02, 第2版, A3), else its last token when a number (…_02)
        let marked = tokens.iter().position(|t| page_token(t).is_some() && !is_plain_number(t, 3));
        let last = tokens.len().checked_sub(1).filter(|&i| is_plain_number(&tokens[i], 3));
        if let Some(i) = marked.or(last) {
            hints.page = page_token(&tokens[i]);
            hints.words.extend(tokens[..i].iter().cloned());
        } else {
            hints.words.extend(tokens.iter().cloned());
        }
    }
    hints.words.extend(folders);
    // (a folder that is a date or a number is no paper's code)
    hints.words.retain(|w| !w.chars().all(|c| c.is_ascii_digit() || "-_.".contains(c)));
    hints
}

/// The words of a name: cut at `-`, `_`, `.`, spaces, and between Han
/// characters and Latin letters or digits (`人民日报20191001`), but not
/// inside a date or page written in Han (`2019年10月1日`, `第2版`).
fn split(stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in stem.split(['-', '_', '.', ' ', '　', '+', ',']).filter(|t| !t.is_empty()) {
        let mut word = String::new();
        let mut prev: Option<char> = None;
        for c in t.chars() {
            if let Some(p) = prev {
                if cuts_between(p, c) || (c == '第' && !word.is_empty()) {
                    out.push(std::mem::take(&mut word));
                }
            }
            word.push(c);
            prev = Some(c);
        }
        out.push(word);
    }
    out
}

/// Whether a name is cut between two characters: one Han and the other a
/// Latin letter or digit, unless they write a date or a page together.
fn cuts_between(a: char, b: char) -> bool {
    let han = |c: char| !c.is_ascii() && c.is_alphabetic();
    let dated = |h: char, other: char| other.is_ascii_digit() && "年月日第版".contains(h);
    match (han(a), han(b)) {
        (true, false) if b.is_ascii_alphanumeric() => !dated(a, b),
        (false, true) if a.is_ascii_alphanumeric() => !dated(b, a) || b == '第',
        _ => false,
    }
}

fn is_plain_number(t: &str, max_digits: usize) -> bool {
    !t.is_empty() && t.len() <= max_digits && t.bytes().all(|b| b.is_ascii_digit())
}

/// A date of the calendar from year, month and day.
fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !(1800..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

/// One token that is a date: `20191001`, `2019年10月1日`.
fn date_token(t: &str) -> Option<NaiveDate> {
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(&t[..4], &t[4..6], &t[6..]);
    }
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日').unwrap_or(rest);
    ymd(y, m, d)
}

/// The date in a name's tokens: where it starts, how many tokens it takes.
fn find_date(tokens: &[String]) -> Option<(usize, usize, NaiveDate)> {
    for i in 0..tokens.len() {
        if let Some(d) = date_token(&tokens[i]) {
            return Some((i, 1, d));
        }
        if let [y, m, d, ..] = &tokens[i..] {
            if y.len() == 4 && is_plain_number(y, 4) && is_plain_number(m, 2) && is_plain_number(d, 2) {
                if let Some(date) = ymd(y, m, d) {
                    return Some((i, 3, date));
                }
            }
        }
    }
    None
}

/// The date the folders give, nearest first: one folder a day (`20191001`,
/// `2019-10-01`), or a folder a year, a month and a day (`2019/10/01`), or
/// a month and a day (`201910/01`).
fn folder_date(folders: &[String]) -> Option<NaiveDate> {
    for (i, f) in folders.iter().enumerate() {
        let tokens = split(f);
        if let Some((_, _, d)) = find_date(&tokens) {
            return Some(d);
        }
        if is_plain_number(f, 2) {
            match (folders.get(i + 1), folders.get(i + 2)) {
                (Some(m), Some(y)) if is_plain_number(m, 2) && is_plain_number(y, 4) => return ymd(y, m, f),
                (Some(ym), _) if ym.len() == 6 && is_plain_number(ym, 6) => return ymd(&ym[..4], &ym[4..], f),
                _ => {}
            }
        }
    }
    None
}

/// A token that is a page: `02`, `A3`, `A03`, `p02`, `page2`, `第2版`, `2版`.
fn page_token(t: &str) -> Option<PageNo> {
    let lower = t.to_ascii_lowercase();
    for mark in ["page", "pg", "p"] {
        if let Some(n) = lower.strip_prefix(mark) {
            if is_plain_number(n, 3) {
                return n.parse().ok();
            }
        }
    }
    if t.starts_with('第') || t.ends_with('版') {
        return t.parse().ok();
    }
    let letter = t.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let digits = if letter { &t[1..] } else { t };
    if is_plain_number(digits, 3) {
        return t.parse().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path, and the date, page and first word read from it.
    type Row = (&'static str, Option<&'static str>, Option<&'static str>, Option<&'static str>);

    /// The README's table of accepted names, and names that are none.
    const TABLE: &[Row] = &[
        ("rmrb-20191001-02.txt", Some("2019-10-01"), Some("2"), Some("rmrb")),
        ("xuhuibao-2024-01-01-p02.txt", Some("2024-01-01"), Some("2"), Some("xuhuibao")),
        ("2019-10-01-p02.txt", Some("2019-10-01"), Some("2"), None),
        ("2019_10_01_02.txt", Some("2019-10-01"), Some("2"), None),
        ("20191001/02.txt", Some("2019-10-01"), Some("2"), None),
        ("20191001/A3.txt", Some("2019-10-01"), Some("A3"), None),
        ("2019-10-01/p12.txt", Some("2019-10-01"), Some("12"), None),
        ("rmrb/2019/10/01/03.txt", Some("2019-10-01"), Some("3"), Some("rmrb")),
        ("201910/01/rmrb_05.txt", Some("2019-10-01"), Some("5"), Some("rmrb")),
        ("rmrb_20191001_A03.txt", Some("2019-10-01"), Some("A3"), Some("rmrb")),
        ("人民日报-2019年10月1日-第2版.txt", Some("2019-10-01"), Some("2"), Some("人民日报")),
        ("人民日报20191001第2版.txt", Some("2019-10-01"), Some("2"), Some("人民日报")),
        ("20191001-02-03.txt", Some("2019-10-01"), Some("2"), None),
        ("xhb 2023.09.18 B12.txt", Some("2023-09-18"), Some("B12"), Some("xhb")),
        ("issue-2024-01-01.txt", Some("2024-01-01"), None, Some("issue")),
        ("2024-01-01.txt", Some("2024-01-01"), None, None),
        ("notes.txt", None, None, Some("notes")),
        ("page_07.txt", None, Some("7"), Some("page")),
        ("2019/report.txt", None, None, Some("report")),
    ];

    #[test]
    fn the_table_of_file_name_patterns() {
        for (path, date, page, word) in TABLE {
            let h = read_path(Path::new(path));
            assert_eq!(h.date.map(|(d, _)| d.to_string()).as_deref(), *date, "date of {path}");
            assert_eq!(h.page.map(|p| p.to_string()).as_deref(), *page, "page of {path}");
            assert_eq!(h.words.first().map(String::as_str), *word, "words of {path}: {:?}", h.words);
        }
    }

    #[test]
    fn a_page_in_several_files_keeps_its_part() {
        let h = read_path(Path::new("20191001-02-03.txt"));
        assert_eq!((h.page, h.part), (Some(PageNo::plain(2)), Some(3)));
        assert_eq!(read_path(Path::new("rmrb-20191001-02.txt")).part, None);
    }

    #[test]
    fn where_the_date_was_read_is_kept() {
        assert_eq!(read_path(Path::new("a/20191001/02.txt")).date.map(|d| d.1), Some(Source::FolderName));
        assert_eq!(read_path(Path::new("a/rmrb-20191001-02.txt")).date.map(|d| d.1), Some(Source::FileName));
    }

    #[test]
    fn what_is_no_date_or_page_is_not_read_as_one() {
        assert_eq!(read_path(Path::new("rmrb-20190231-02.txt")).date, None, "no such day");
        // a year alone, a count of four digits
        for path in ["2019-report.txt", "minutes-1024.txt"] {
            let h = read_path(Path::new(path));
            assert_eq!(h.date, None, "{path}");
            assert_eq!(h.page, None, "{path}");
        }
    }
}
