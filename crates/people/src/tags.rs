//! The labels of the model: each character is outside any name (`O`), or the
//! beginning, inside, end or whole of a person's, an organisation's or a
//! place's name (BIOES). Spans of names in and out of labels.
//!
//! Not the kinds an archive keeps (events, dates, posts): those come from
//! rules around the model.

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// 人名.
    Person,
    /// 机构名.
    Organization,
    /// 地名.
    Place,
}

impl Kind {
    /// The three kinds, in label order.
    pub const ALL: [Kind; 3] = [Kind::Person, Kind::Organization, Kind::Place];

    fn index(self) -> usize {
        match self {
            Kind::Person => 0,
            Kind::Organization => 1,
            Kind::Place => 2,
        }
    }

    /// A short name: `PER`, `ORG`, `LOC`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Person => "PER",
            Kind::Organization => "ORG",
            Kind::Place => "LOC",
        }
    }
}

/// How many labels there are: `O` and B, I, E, S of each kind.
pub const LABELS: usize = 13;

/// A label's part of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Begin,
    Inside,
    End,
    Single,
}

fn label(kind: Kind, part: Part) -> u8 {
    let p = match part {
        Part::Begin => 0,
        Part::Inside => 1,
        Part::End => 2,
        Part::Single => 3,
    };
    (1 + 4 * kind.index() + p) as u8
}

fn parts(label: u8) -> Option<(Kind, Part)> {
    if label == 0 || label as usize >= LABELS {
        return None;
    }
    let l = label as usize - 1;
    let part = [Part::Begin, Part::Inside, Part::End, Part::Single][l % 4];
    Some((Kind::ALL[l / 4], part))
}

/// A name in a text: its kind and its characters `start..end` (counted in
/// characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// What it names.
    pub kind: Kind,
}

/// The labels of `n` characters holding `spans` (spans must not overlap;
/// a later one that does is left out).
pub fn encode(spans: &[Span], n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for s in spans {
        if s.start >= s.end || s.end > n || out[s.start..s.end].iter().any(|&l| l != 0) {
            continue;
        }
        if s.end - s.start == 1 {
            out[s.start] = label(s.kind, Part::Single);
            continue;
        }
        out[s.start] = label(s.kind, Part::Begin);
        for l in &mut out[s.start + 1..s.end - 1] {
            *l = label(s.kind, Part::Inside);
        }
        out[s.end - 1] = label(s.kind, Part::End);
    }
    out
}

/// The names a sequence of labels holds (a well-formed one, as the model's
/// decoding gives; stray parts are read leniently: an inside or end without
/// its beginning starts a name).
pub fn decode(labels: &[u8]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Kind)> = None;
    for (i, &l) in labels.iter().enumerate() {
        match parts(l) {
            None => open = None,
            Some((kind, Part::Single)) => {
                open = None;
                out.push(Span { start: i, end: i + 1, kind });
            }
            Some((kind, Part::Begin)) => open = Some((i, kind)),
            Some((kind, Part::Inside)) => {
                if open.is_none_or(|(_, k)| k != kind) {
                    open = Some((i, kind));
                }
            }
            Some((kind, Part::End)) => {
                let start = match open {
                    Some((s, k)) if k == kind => s,
                    _ => i,
                };
                out.push(Span { start, end: i + 1, kind });
                open = None;
            }
        }
    }
    out
}

/// Whether label `next` may follow label `prev` (`None`: the text's start;
/// `next` `None`: its end).
pub fn may_follow(prev: Option<u8>, next: Option<u8>) -> bool {
    let closed = |l: Option<u8>| match l.and_then(parts) {
        None => true,
        Some((_, p)) => matches!(p, Part::End | Part::Single),
    };
    let opens = |l: Option<u8>| match l.and_then(parts) {
        None => true,
        Some((_, p)) => matches!(p, Part::Begin | Part::Single),
    };
    match (prev.and_then(parts), next.and_then(parts)) {
        (Some((k, Part::Begin | Part::Inside)), Some((k2, Part::Inside | Part::End))) => k == k2,
        (Some((_, Part::Begin | Part::Inside)), _) => false,
        _ => closed(prev) && opens(next),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_survive_encoding() {
        let spans = vec![
            Span { start: 0, end: 3, kind: Kind::Person },
            Span { start: 4, end: 5, kind: Kind::Place },
            Span { start: 6, end: 10, kind: Kind::Organization },
        ];
        let labels = encode(&spans, 12);
        assert_eq!(labels.len(), 12);
        assert_eq!(labels[3], 0);
        assert_eq!(decode(&labels), spans);
    }

    #[test]
    fn overlapping_span_is_left_out() {
        let spans = vec![Span { start: 0, end: 3, kind: Kind::Person }, Span { start: 2, end: 4, kind: Kind::Place }];
        assert_eq!(decode(&encode(&spans, 5)), spans[..1].to_vec());
    }

    #[test]
    fn transitions_keep_names_whole() {
        let b_per = label(Kind::Person, Part::Begin);
        let e_per = label(Kind::Person, Part::End);
        let e_org = label(Kind::Organization, Part::End);
        assert!(may_follow(Some(b_per), Some(e_per)));
        assert!(!may_follow(Some(b_per), Some(e_org)));
        assert!(!may_follow(Some(b_per), Some(0)));
        assert!(!may_follow(Some(b_per), None));
        assert!(!may_follow(None, Some(e_per)));
        assert!(may_follow(Some(e_per), Some(b_per)));
        assert!(may_follow(None, Some(0)));
    }
}
