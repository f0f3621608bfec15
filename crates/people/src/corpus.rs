//! Readers of the annotated sets the model is trained and measured on, each
//! into sentences with their names as character spans: MSRA
//! (`word/nr word/ns word/nt word/o`), Weibo NER (CoNLL, `PER.NAM` …; only
//! named mentions, not nominal ones such as 男友), Resume NER (BMES; `NAME`,
//! `ORG`, `LOC`, the rest outside), CLUENER2020 (JSON lines; `name` a
//! person, `organization`/`government`/`company` an organisation,
//! `address` and `scene` left out: they are addresses and sights, not the
//! places the model names).
//!
//! Pure text in, sentences out: which files to read is the caller's.

use crate::tags::{Kind, Span};

/// A sentence with its names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The text.
    pub text: String,
    /// Its names, in order, as character spans.
    pub names: Vec<Span>,
}

/// MSRA's format: one sentence per line, words as `word/tag`.
pub fn msra(data: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for line in data.lines() {
        let mut text = String::new();
        let mut names = Vec::new();
        let mut at = 0;
        for tok in line.split_whitespace() {
            let Some((word, tag)) = tok.rsplit_once('/') else { continue };
            let n = word.chars().count();
            let kind = match tag {
                "nr" => Some(Kind::Person),
                "nt" => Some(Kind::Organization),
                "ns" => Some(Kind::Place),
                _ => None,
            };
            if let Some(kind) = kind.filter(|_| n > 0) {
                names.push(Span { start: at, end: at + n, kind });
            }
            text.push_str(word);
            at += n;
        }
        if !text.is_empty() {
            out.push(Sentence { text, names });
        }
    }
    out
}

/// A kind from a label's type, as each set spells it.
fn kind_of(set: Set, ty: &str) -> Option<Kind> {
    match (set, ty) {
        (Set::Weibo, "PER.NAM") | (Set::Resume, "NAME") => Some(Kind::Person),
        (Set::Weibo, "ORG.NAM") | (Set::Resume, "ORG") => Some(Kind::Organization),
        (Set::Weibo, "GPE.NAM" | "LOC.NAM") | (Set::Resume, "LOC") => Some(Kind::Place),
        _ => None,
    }
}

#[derive(Clone, Copy)]
enum Set {
    Weibo,
    Resume,
}

/// Weibo NER's CoNLL files: a character (perhaps followed by a digit, its
/// place in a word) and a BIO label per line, sentences between blank lines.
pub fn weibo(data: &str) -> Vec<Sentence> {
    columns(data, Set::Weibo)
}

/// Resume NER's BMES files: a character and a label per line.
pub fn resume(data: &str) -> Vec<Sentence> {
    columns(data, Set::Resume)
}

fn columns(data: &str, set: Set) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut names = Vec::new();
    let mut open: Option<(usize, Kind)> = None;
    let mut at = 0usize;
    let mut flush = |text: &mut String, names: &mut Vec<Span>, open: &mut Option<(usize, Kind)>, at: &mut usize| {
        if let Some((s, k)) = open.take() {
            names.push(Span { start: s, end: *at, kind: k });
        }
        if !text.is_empty() {
            out.push(Sentence { text: std::mem::take(text), names: std::mem::take(names) });
        }
        *at = 0;
    };
    for line in data.lines() {
        let mut parts = line.split_whitespace();
        let (Some(tok), Some(label)) = (parts.next(), parts.next()) else {
            flush(&mut text, &mut names, &mut open, &mut at);
            continue;
        };
        let Some(c) = tok.chars().next() else { continue };
        let (prefix, ty) = label.split_once('-').unwrap_or((label, ""));
        let kind = kind_of(set, ty);
        let close = |names: &mut Vec<Span>, open: &mut Option<(usize, Kind)>, end: usize| {
            if let Some((s, k)) = open.take() {
                names.push(Span { start: s, end, kind: k });
            }
        };
        match (prefix, kind) {
            ("B" | "S", Some(k)) => {
                close(&mut names, &mut open, at);
                open = Some((at, k));
            }
            ("I" | "M" | "E", Some(k)) => {
                if open.is_none_or(|(_, o)| o != k) {
                    close(&mut names, &mut open, at);
                    open = Some((at, k));
                }
            }
            _ => close(&mut names, &mut open, at),
        }
        text.push(c);
        at += 1;
        if matches!(prefix, "E" | "S") {
            close(&mut names, &mut open, at);
        }
    }
    flush(&mut text, &mut names, &mut open, &mut at);
    out
}

/// CLUENER2020's JSON lines (`{"text", "label": {type: {name: [[s, e]]}}}`,
/// `e` inclusive).
pub fn cluener(data: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for line in data.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else { continue };
        let mut names = Vec::new();
        if let Some(labels) = v.get("label").and_then(|l| l.as_object()) {
            for (ty, found) in labels {
                let kind = match ty.as_str() {
                    "name" => Kind::Person,
                    "organization" | "government" | "company" => Kind::Organization,
                    _ => continue,
                };
                for spans in found.as_object().into_iter().flat_map(|o| o.values()) {
                    for s in spans.as_array().into_iter().flatten() {
                        let (Some(a), Some(b)) = (s.get(0).and_then(|x| x.as_u64()), s.get(1).and_then(|x| x.as_u64()))
                        else {
                            continue;
                        };
                        names.push(Span { start: a as usize, end: b as usize + 1, kind });
                    }
                }
            }
        }
        names.sort();
        out.push(Sentence { text: text.to_string(), names });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msra_words_become_spans() {
        let s = msra("张三/nr 在/o 上海市/ns 工作/o 。/o\n");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, "张三在上海市工作。");
        assert_eq!(
            s[0].names,
            vec![Span { start: 0, end: 2, kind: Kind::Person }, Span { start: 3, end: 6, kind: Kind::Place }]
        );
    }

    #[test]
    fn weibo_keeps_named_mentions_only() {
        let data = "李0\tB-PER.NAM\n四1\tI-PER.NAM\n的0\tO\n男0\tB-PER.NOM\n友1\tI-PER.NOM\n\n北0\tB-GPE.NAM\n京1\tI-GPE.NAM\n";
        let s = weibo(data);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "李四的男友");
        assert_eq!(s[0].names, vec![Span { start: 0, end: 2, kind: Kind::Person }]);
        assert_eq!(s[1].names, vec![Span { start: 0, end: 2, kind: Kind::Place }]);
    }

    #[test]
    fn resume_bmes() {
        let data = "高 B-NAME\n勇 E-NAME\n： O\n中 B-CONT\n国 E-CONT\n在 O\n京 S-LOC\n";
        let s = resume(data);
        assert_eq!(s[0].text, "高勇：中国在京");
        assert_eq!(
            s[0].names,
            vec![Span { start: 0, end: 2, kind: Kind::Person }, Span { start: 6, end: 7, kind: Kind::Place }]
        );
    }

    #[test]
    fn cluener_inclusive_ends() {
        let s = cluener(
            r#"{"text": "彭小军说，曼联赢了", "label": {"name": {"彭小军": [[0, 2]]}, "organization": {"曼联": [[5, 6]]}}}"#,
        );
        assert_eq!(
            s[0].names,
            vec![Span { start: 0, end: 3, kind: Kind::Person }, Span { start: 5, end: 7, kind: Kind::Organization }]
        );
    }
}
