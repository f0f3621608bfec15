//! Readers of the annotated sets the model is trained and measured on, each
//! into sentences with their names as character spans: MSRA
//! (`word/nr word/ns word/nt word/o`), Weibo NER (CoNLL, `PER.NAM` …; only
//! named mentions, not nominal ones such as 男友), Resume NER (BMES; `NAME`,
//! `ORG`, `LOC`, the rest outside), CLUENER2020 (JSON lines; `name` a
//! person, `organization`/`government`/`company` an organisation,
//! `address` and `scene` left out: they are addresses and sights, not the
//! places the model names).
//!
//! Also two ways to make more training sentences of one: with other names
//! in it (`with_other_names`) and without its punctuation
//! (`without_punctuation`).
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

/// The sentence without its punctuation and spaces (web text often runs
/// names into each other with nothing between them), or none if it has none
/// or a name holds some. Names keep their characters, their spans move.
pub fn without_punctuation(s: &Sentence) -> Option<Sentence> {
    let chars: Vec<char> = s.text.chars().collect();
    let drop = |c: char| {
        c.is_whitespace() || c.is_ascii_punctuation() || "，。、；：？！“”‘’（）《》【】…—·「」『』".contains(c)
    };
    if !chars.iter().any(|&c| drop(c)) {
        return None;
    }
    if s.names.iter().any(|n| chars[n.start..n.end].iter().any(|&c| drop(c))) {
        return None;
    }
    // new index of each old character
    let mut at = Vec::with_capacity(chars.len() + 1);
    let mut text = String::new();
    let mut n = 0;
    for &c in &chars {
        at.push(n);
        if !drop(c) {
            text.push(c);
            n += 1;
        }
    }
    at.push(n);
    if text.is_empty() {
        return None;
    }
    let names = s.names.iter().map(|x| Span { start: at[x.start], end: at[x.end], kind: x.kind }).collect();
    Some(Sentence { text, names })
}

/// The sentence with each name of a kind in `kinds` replaced by another
/// name of that kind, `pick(kind)` choosing it (mention replacement: the
/// model sees the same words around a name it has not learned by heart).
pub fn with_other_names(s: &Sentence, kinds: &[Kind], mut pick: impl FnMut(Kind) -> Option<String>) -> Sentence {
    let chars: Vec<char> = s.text.chars().collect();
    let mut text = String::new();
    let mut names = Vec::with_capacity(s.names.len());
    let (mut from, mut at) = (0, 0);
    for n in &s.names {
        if n.start < from {
            continue;
        }
        text.extend(&chars[from..n.start]);
        at += n.start - from;
        let name = if kinds.contains(&n.kind) { pick(n.kind) } else { None }
            .unwrap_or_else(|| chars[n.start..n.end].iter().collect());
        let len = name.chars().count();
        text.push_str(&name);
        names.push(Span { start: at, end: at + len, kind: n.kind });
        at += len;
        from = n.end;
    }
    text.extend(&chars[from..]);
    Sentence { text, names }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_goes_names_stay() {
        let s = msra("张三/nr ，/o 李四/nr 在/o 上海市/ns 。/o\n");
        let t = without_punctuation(&s[0]).expect("has punctuation");
        assert_eq!(t.text, "张三李四在上海市");
        let got: Vec<String> =
            t.names.iter().map(|n| t.text.chars().skip(n.start).take(n.end - n.start).collect()).collect();
        assert_eq!(got, ["张三", "李四", "上海市"]);
        assert_eq!(without_punctuation(&t), None);
    }

    #[test]
    fn names_replaced_spans_follow() {
        let s = msra("张三/nr 在/o 上海市/ns 见/o 李四/nr 。/o\n");
        let t = with_other_names(&s[0], &[Kind::Person], |_| Some("欧阳小明".to_string()));
        assert_eq!(t.text, "欧阳小明在上海市见欧阳小明。");
        let got: Vec<String> =
            t.names.iter().map(|n| t.text.chars().skip(n.start).take(n.end - n.start).collect()).collect();
        assert_eq!(got, ["欧阳小明", "上海市", "欧阳小明"]);
    }

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
