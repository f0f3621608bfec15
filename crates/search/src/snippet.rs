//! Snippets: the part of a text where the query's words are, with the words marked.
//!
//! Works on characters, never bytes, so a snippet never cuts a character in
//! half. Matching folds traditional to simplified (a query for 徐汇 marks 徐匯
//! in the text) and ignores case. Marks are returned as ranges, so the caller
//! escapes the text and adds its own markup (HTML `<mark>`, terminal colours).

use crate::tokenize::normalize;
use serde::Serialize;

/// A piece of a snippet: text and whether it is a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fragment {
    /// The text, as in the original.
    pub text: String,
    /// Whether it matches a word of the query.
    pub hit: bool,
}

/// A snippet: fragments in order, and whether text was cut before or after.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Snippet {
    /// The fragments.
    pub fragments: Vec<Fragment>,
    /// Text was left out before the first fragment.
    pub cut_before: bool,
    /// Text was left out after the last fragment.
    pub cut_after: bool,
}

impl Snippet {
    /// The snippet as plain text with the matches between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut s = String::new();
        if self.cut_before {
            s.push('…');
        }
        for f in &self.fragments {
            if f.hit {
                s.push_str(open);
                s.push_str(&f.text);
                s.push_str(close);
            } else {
                s.push_str(&f.text);
            }
        }
        if self.cut_after {
            s.push('…');
        }
        s
    }
}

/// Where `needles` occur in `text`, as char ranges, merged. Looks in the
/// text as it is first (the common case, and fast); only when nothing is
/// found there does it fold the text (traditional → simplified, case).
pub fn find_matches(text: &str, needles: &[String]) -> Vec<(usize, usize)> {
    let needles: Vec<String> =
        needles.iter().map(|n| normalize(n).chars().filter(|c| !c.is_whitespace()).collect()).collect();
    let found = matches_in(text, &needles);
    if !found.is_empty() {
        return found;
    }
    let folded = normalize(text);
    // folding keeps one char per char; offsets then hold for the original
    if folded.chars().count() == text.chars().count() {
        matches_in(&folded, &needles)
    } else {
        Vec::new()
    }
}

fn matches_in(text: &str, needles: &[String]) -> Vec<(usize, usize)> {
    // byte ranges first, then one walk over the text turns them into chars
    let mut bytes: Vec<(usize, usize)> = Vec::new();
    for n in needles.iter().filter(|n| !n.is_empty()) {
        bytes.extend(text.match_indices(n.as_str()).map(|(b, m)| (b, b + m.len())));
    }
    if bytes.is_empty() {
        return Vec::new();
    }
    bytes.sort_unstable();
    let mut wanted: Vec<usize> = bytes.iter().flat_map(|&(a, b)| [a, b]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut to_char = std::collections::HashMap::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    for (count, (i, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
        while next.peek().is_some_and(|&&w| w <= i) {
            if let Some(&w) = next.next() {
                to_char.insert(w, count);
            }
        }
        if next.peek().is_none() {
            break;
        }
    }
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in bytes {
        let (a, b) = (to_char[&a], to_char[&b]);
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// A snippet of at most `width` characters of `text` around the densest
/// cluster of matches of `needles`; the start of the text when none match.
///
/// ```
/// use shuzibao_search::snippet::snippet;
/// let s = snippet("曹立强在会上指出，要以习近平新时代中国特色社会主义思想为指导。", &["指导".to_string()], 12);
/// assert_eq!(s.marked("[", "]"), "…特色社会主义思想为[指导]。");
/// ```
pub fn snippet(text: &str, needles: &[String], width: usize) -> Snippet {
    // paragraphs run on in a snippet
    let flat: String = text.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
    let text = flat.as_str();
    let chars: Vec<char> = text.chars().collect();
    let matches = find_matches(text, needles);
    let width = width.max(1);
    // the window that holds the most matched characters
    let mut best = (0usize, 0usize); // (start, score)
    for &(a, _) in &matches {
        let start = a.saturating_sub(width / 4);
        let end = (start + width).min(chars.len());
        let score: usize = matches.iter().filter(|m| m.0 >= start && m.1 <= end).map(|m| m.1 - m.0).sum();
        if score > best.1 {
            best = (start, score);
        }
    }
    let mut start = best.0;
    let mut end = (start + width).min(chars.len());
    if end - start < width {
        start = end.saturating_sub(width);
    }
    // never show part of a match: start at a match cut by the start, end
    // before a match cut by the end
    if let Some(&(a, _)) = matches.iter().find(|m| m.0 < start && m.1 > start) {
        start = a;
        end = (start + width).min(chars.len());
    }
    if let Some(&(a, _)) = matches.iter().find(|m| m.0 < end && m.1 > end && m.0 > start) {
        end = a;
    }
    let mut fragments = Vec::new();
    let mut at = start;
    for &(a, b) in matches.iter().filter(|m| m.1 > start && m.0 < end) {
        let (a, b) = (a.max(start), b.min(end));
        if a > at {
            fragments.push(Fragment { text: chars[at..a].iter().collect(), hit: false });
        }
        fragments.push(Fragment { text: chars[a..b].iter().collect(), hit: true });
        at = b;
    }
    if at < end {
        fragments.push(Fragment { text: chars[at..end].iter().collect(), hit: false });
    }
    Snippet { fragments, cut_before: start > 0, cut_after: end < chars.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_text_is_marked_for_a_simplified_query() {
        let s = snippet("《徐匯報》數字報", &["徐汇报".to_string()], 20);
        assert_eq!(s.marked("<", ">"), "《<徐匯報>》數字報");
    }

    #[test]
    fn no_match_gives_the_start() {
        let s = snippet("一二三四五六七八九十", &["甲".to_string()], 4);
        assert_eq!(s.marked("<", ">"), "一二三四…");
    }

    #[test]
    fn a_match_is_never_cut_in_two() {
        let text = "甲乙丙丁戊己庚辛壬癸曹立强子丑寅卯";
        for width in 2..16 {
            let m = snippet(text, &["曹立强".to_string()], width).marked("<", ">");
            assert!(!m.contains("<曹>") && !m.contains("<曹立>") && !m.contains("<立强>"), "width {width}: {m}");
        }
    }

    #[test]
    fn overlapping_needles_merge() {
        let s = snippet("北京大学", &["北京".to_string(), "京大".to_string()], 10);
        assert_eq!(s.marked("<", ">"), "<北京大>学");
    }
}
