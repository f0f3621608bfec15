//! How headline-like lines are set (a lead-in, spaced parts, a label over a
//! title), for telling the sub-headings of one text and the parts of a feature
//! by their likeness; not where an article starts (that is `assemble`).

use super::*;

/// How a headline-like line is set, for telling sub-headings of one text
/// by their likeness: a lead-in ending in `——`, or the lengths of its
/// space-separated parts (`[4, 4]`, `[10]`) when it is short and no sentence.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Shape {
    LeadIn,
    Parts(Vec<usize>),
    /// A group of such lines: a label over a title (`看展新去处` / `走进场馆 品味艺术`).
    Stack(Vec<Vec<usize>>),
    /// Lines of any form, so many: the headline of a signed part in a
    /// series (`kicker` / `title` / byline), told only by its byline.
    Lines(usize),
}

pub(super) fn line_shape(text: &str) -> Option<Shape> {
    let text = without_photo_pointer(text.trim());
    if text.ends_with("——") {
        // a lead-in names a person or a place, briefly
        return (char_len(text) <= 22).then_some(Shape::LeadIn);
    }
    plain_parts(text, 4..=16)
}

/// A headline without its pointer to the photo beside it (`（见图）`), which
/// is no column tag and no part of how the headline is set.
pub(super) fn without_photo_pointer(text: &str) -> &str {
    ["（见图）", "(见图)", "（附图）", "（图）"].iter().find_map(|p| text.strip_suffix(p)).map_or(text, str::trim_end)
}

/// The parts of a plain headline (see [`is_plain`]) of so many characters.
pub(super) fn plain_parts(text: &str, chars: std::ops::RangeInclusive<usize>) -> Option<Shape> {
    let parts = word_counts(text);
    let total: usize = parts.iter().sum();
    (is_plain(text) && chars.contains(&total)).then_some(Shape::Parts(parts))
}

/// The length of each space-separated part of a headline, in characters,
/// quotation marks left out (`巷口“豆花摊”` is five).
pub(super) fn word_counts(text: &str) -> Vec<usize> {
    text.split_whitespace().map(|p| p.chars().filter(|&c| !is_quote(c)).count()).collect()
}

pub(super) fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’')
}

/// Whether a headline is words alone, perhaps quoted (`巷口“豆花摊”`): no
/// figures, no punctuation that makes it a sentence.
pub(super) fn is_plain(text: &str) -> bool {
    text.chars().all(|c| is_han(c) || c.is_whitespace() || is_quote(c))
}

/// The most characters of a label over a title (`开罗`, `四川自贡`).
pub(super) const LABEL_CHARS: usize = 6;

/// A label too short for [`line_shape`]: a place or a word over a title (`开罗`).
pub(super) fn label_shape(text: &str) -> Option<Shape> {
    plain_parts(text, 2..=LABEL_CHARS)
}

/// Whether two headlines are set alike as the parts of a feature are: both
/// lead-ins, or both in as many spaced parts (`山村邮路 一人一车`,
/// `地铁检修 通宵作业`).
pub(super) fn part_alike(a: &Shape, b: &Shape) -> bool {
    match (a, b) {
        (Shape::LeadIn, Shape::LeadIn) => true,
        (Shape::Parts(a), Shape::Parts(b)) => a.len() >= 2 && a.len() == b.len(),
        (a, b) => matches!(a, Shape::Stack(_)) && a == b || labels_alike(a, b),
    }
}

/// Whether two headlines of parts that are each signed by a reporter are set
/// alike: as [`part_alike`], down to the length of one-part titles
/// (`饭菜可口`, `健身方便`), or in as many lines of any form (a kicker over
/// a title); the bylines say they are parts.
pub(super) fn signed_parts_alike(a: &Shape, b: &Shape) -> bool {
    let lines = |s: &Shape| match s {
        Shape::Stack(lines) => lines.len(),
        Shape::Lines(n) => *n,
        _ => 1,
    };
    part_alike(a, b) || a == b || lines(a) >= 2 && lines(a) == lines(b)
}

/// The shape of a signed part's headline group: as [`head_shape`], or for
/// two lines or more of other forms, their number.
pub(super) fn signed_shape(group: &[Unit]) -> Option<Shape> {
    head_shape(group).or_else(|| (group.len() >= 2).then_some(Shape::Lines(group.len())))
}

/// Whether two sub-headings are set alike: the same shape, or both in as
/// many spaced parts (`政府牵头  社会参与`, `有人陪伴  晚年更安心`).
pub(super) fn sibling_alike(a: &Shape, b: &Shape) -> bool {
    a == b || matches!((a, b), (Shape::Parts(_), Shape::Parts(_))) && part_alike(a, b) || labels_alike(a, b)
}

/// Whether two stacks open with a short label each (`柏林` / `音乐会奏响民乐`,
/// `开罗` / `尼罗河畔赏彩灯`; `四川自贡` / `千盏彩灯照古城，游人…`): the parts
/// of a feature from several places, whose labels differ in length.
pub(super) fn labels_alike(a: &Shape, b: &Shape) -> bool {
    label_of(a).is_some_and(|x| Some(x) == label_of(b))
}

/// A stack under a short label: its number of lines and the label's parts.
pub(super) fn label_of(s: &Shape) -> Option<(usize, usize)> {
    match s {
        Shape::Stack(lines) if lines.len() >= 2 && lines[0].iter().sum::<usize>() <= LABEL_CHARS => {
            Some((lines.len(), lines[0].len()))
        }
        _ => None,
    }
}

/// The shape of a headline group: a lead-in over its line, a single line,
/// or a stack of plain lines.
pub(super) fn head_shape(group: &[Unit]) -> Option<Shape> {
    if group.iter().any(|u| has_column_tag(without_photo_pointer(&u.text))) {
        // a title with its column's tag heads an article of its own
        return None;
    }
    match group {
        [only] => line_shape(&only.text).or_else(|| label_shape(&only.text)),
        [first, ..] => match line_shape(&first.text).or_else(|| label_shape(&first.text))? {
            Shape::LeadIn => Some(Shape::LeadIn),
            Shape::Parts(label) => {
                // under a short label, a line of any form (a sentence) counts as no parts
                let labelled = label.iter().sum::<usize>() <= LABEL_CHARS;
                let lines = group.iter().skip(1).map(|u| match line_shape(&u.text) {
                    Some(Shape::Parts(parts)) => Some(parts),
                    _ => labelled.then(Vec::new),
                });
                std::iter::once(Some(label)).chain(lines).collect::<Option<Vec<_>>>().map(Shape::Stack)
            }
            Shape::Stack(_) | Shape::Lines(_) => None,
        },
        [] => None,
    }
}

/// Whether a group of two lines reads as a title and its subtitle: two
/// phrases of some length, neither a label with a colon, a question or a
/// lead-in, the second no clause of a longer sentence, and the first no
/// signature of a letter (`广东深圳市 张明`).
pub(super) fn reads_as_title_pair(group: &[Unit]) -> bool {
    const MIN_CHARS: usize = 4;
    const MAX_CLAUSE_CHARS: usize = 12;
    let [first, second] = group else { return false };
    let phrase = |t: &str| {
        char_len(t) >= MIN_CHARS && !t.contains(['：', ':']) && !t.ends_with(['？', '?']) && !t.ends_with("——")
    };
    let unquoted_comma = {
        let mut depth = 0i32;
        second.text.chars().any(|c| {
            match c {
                '“' | '‘' | '《' => depth += 1,
                '”' | '’' | '》' => depth -= 1,
                _ => {}
            }
            depth <= 0 && matches!(c, '，' | ',')
        })
    };
    let signed = first.text.split_whitespace().count() >= 2
        && first
            .text
            .split_whitespace()
            .next_back()
            .is_some_and(|n| (2..=3).contains(&char_len(n)) && crate::lexicon::has_surname(n));
    // `吃出绿色` / `吃出健康`: two halves of one parallel phrase
    let parallel =
        char_len(&first.text) == char_len(&second.text) && first.text.chars().next() == second.text.chars().next();
    phrase(&first.text)
        && phrase(&second.text)
        && !parallel
        && (!unquoted_comma || char_len(&second.text) <= MAX_CLAUSE_CHARS)
        && !signed
}

/// How a sub-heading is set, coarsely: a clause with punctuation in it
/// (`修路，先听居民意见`), plain words of so many characters
/// (`访农户问冷暖`, `山水相依 古今相望`), or another way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SubForm {
    Clause,
    Words(usize),
    /// Figures, letters or marks (`新风·新貌`, `1200万元`): a form of its own.
    Other,
}

pub(super) fn sub_form(text: &str) -> SubForm {
    let text = text.trim();
    if text.contains(['，', ',', '、', '；', ';', '：', ':', '？', '?', '！', '!', '—']) {
        SubForm::Clause
    } else if text.chars().all(|c| is_han(c) || c.is_whitespace() || is_quote(c) || matches!(c, '《' | '》')) {
        SubForm::Words(word_counts(text).iter().sum())
    } else {
        SubForm::Other
    }
}

/// Whether a headline-like line is set unlike the sub-headings of the
/// article before it, which are all set alike (at least two): plain words
/// among clauses or the reverse, or words of a length well outside theirs.
/// The sub-headings of one text keep one form, so such a line more likely
/// heads the next article.
pub(super) fn set_unlike_subheadings(cur: &Draft, line: &str) -> bool {
    // how many characters longer or shorter than all of them
    const SLACK: usize = 2;
    let subs: Vec<SubForm> = cur
        .paras
        .iter()
        .filter(|p| p.role == ParagraphRole::Subheading && !OPENING_BOXES.contains(&p.text.trim()))
        .map(|p| sub_form(&p.text))
        .collect();
    if subs.len() < 2 {
        return false;
    }
    match (sub_form(line), subs.as_slice()) {
        (SubForm::Other, _) => false,
        (SubForm::Clause, subs) => subs.iter().all(|s| matches!(s, SubForm::Words(_))),
        (SubForm::Words(n), subs) => {
            let lengths: Option<Vec<usize>> =
                subs.iter().map(|s| if let SubForm::Words(m) = s { Some(*m) } else { None }).collect();
            match lengths {
                Some(ms) => ms.iter().all(|&m| n > m + SLACK) || ms.iter().all(|&m| n + SLACK < m),
                None => subs.iter().all(|s| *s == SubForm::Clause),
            }
        }
    }
}
