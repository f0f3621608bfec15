//! What the confidence model reads of an article: the signs that bounded it,
//! the rule-made confidence, the shape of its headline and text, and its
//! place on the page — one vector of numbers the forests of
//! [`super::confidence_model`] read (trained by
//! `bench/parser/train_confidence.py` on the tuning pages only).
//!
//! The order of the entries is the model's: adding, removing or moving one
//! means training again (the forests' file names entries by number, and
//! reading it refuses one past [`EVIDENCE`]).

use super::confidence::{ends_open, few_late_subheadings, hidden_headlines, inside, Page, Sign, Signs};
use super::NEW_TOPIC;
use crate::byline::parse_byline;
use crate::markers::starts_with_dateline;
use crate::model::{Article, ParagraphRole};
use crate::text::char_len;

/// How many signs there are (the one-hot blocks of start and end).
const SIGNS: usize = 29;

/// How many numbers the model reads of an article.
pub const EVIDENCE: usize = 19 + 2 * SIGNS + 27;

/// What the model reads of one article.
pub type Evidence = [f32; EVIDENCE];

/// Where the rules' confidence of the boundaries and of the headline stand
/// in the evidence (as logarithms).
#[cfg(test)]
const RULE_BOUNDARY: usize = 1;
#[cfg(test)]
const RULE_TITLE: usize = 2;

/// The confidence the rules gave the article whose evidence this is.
#[cfg(test)]
pub(super) fn rules_confidence(e: &Evidence) -> crate::model::Confidence {
    crate::model::Confidence { boundary: e[RULE_BOUNDARY].exp(), title: e[RULE_TITLE].exp() }
}

/// Where an article stands among the articles of its page.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    /// Its number on the page, from 0.
    pub(super) index: usize,
    /// How many articles the page has.
    pub(super) count: usize,
    /// Column breaks cut the page's paragraphs.
    pub(super) columns_cut: bool,
    /// Characters of text on the page, in all its articles.
    pub(super) page_chars: usize,
}

impl Sign {
    /// The sign's entry in a one-hot block.
    fn slot(self) -> usize {
        match self {
            Sign::First => 0,
            Sign::Unmarked => 1,
            Sign::ColumnLabel => 2,
            Sign::LoneByline => 3,
            Sign::BriefItem => 4,
            Sign::Repeat => 5,
            Sign::EditorsNote => 6,
            Sign::FeaturePart => 7,
            Sign::BoxTitle => 8,
            Sign::DocumentTitle => 9,
            Sign::Exclaim => 10,
            Sign::Strong => 11,
            Sign::UnderHead => 12,
            Sign::FootLine => 13,
            Sign::OpenSentence => 14,
            Sign::AfterLeadIn => 15,
            Sign::Sibling => 16,
            Sign::Tagged => 17,
            Sign::SpacedHalves => 18,
            Sign::Kicker => 19,
            Sign::AfterEnd => 20,
            Sign::ReportHead => 21,
            Sign::CommentaryEnd => 22,
            Sign::SubLook => 23,
            Sign::PhotoColumn => 24,
            Sign::Caption => 25,
            Sign::IndentedText => 26,
            Sign::Unindented => 27,
            Sign::Cohesion(_) => 28,
        }
    }

    /// How far a cohesion decision was from the threshold (its log ratio,
    /// bounded), 0 for other signs.
    fn margin(self) -> f32 {
        match self {
            Sign::Cohesion(c) => (c.max(1e-4) / NEW_TOPIC).ln().clamp(-3.0, 3.0),
            _ => 0.0,
        }
    }
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

fn log1(n: usize) -> f32 {
    (n as f32 + 1.0).ln()
}

/// The least rule-made confidence read (its logarithm is read).
const MIN_RULE: f32 = 0.01;

/// A title as short as a column label.
const SHORT_TITLE: usize = 4;
/// A title as long as a sentence.
const LONG_TITLE: usize = 20;
/// A text this short is a brief (or half of an article).
const SHORT_TEXT: usize = 150;
/// A first paragraph this short is a line, not a lead.
const SHORT_FIRST: usize = 20;

/// Characters of the article's text.
pub(super) fn text_chars(a: &Article) -> usize {
    a.paragraphs.iter().map(|p| char_len(&p.text)).sum()
}

/// Longest paragraph that may be a byline or a signature inside a text
/// (after the first paragraph, before the last: [`inside`]).
const SIGNATURE_CHARS: usize = 40;

/// The numbers the model reads of `a`, bounded by `signs`, standing at
/// `place`; `rule` is the rule-made confidence (boundary, title).
pub(super) fn of(a: &Article, signs: &Signs, place: Place, rule: (f32, f32)) -> Evidence {
    let mut e = [0f32; EVIDENCE];
    let title = char_len(&a.headline.title);
    let text = text_chars(a);
    let subs = a.paragraphs.iter().filter(|p| p.role == ParagraphRole::Subheading).count();
    let first = a.paragraphs.first().map_or(0, |p| char_len(&p.text));
    let head = [
        1.0,
        rule.0.max(MIN_RULE).ln(),
        rule.1.max(MIN_RULE).ln(),
        flag(signs.page == Page::Flat),
        flag(place.columns_cut),
        flag(signs.end.is_none()),
        flag(signs.doubt.is_some()),
        signs.doubt.map_or(0.0, |d| d.sureness(signs.page).max(0.01).ln()),
        signs.start.margin(),
        signs.end.map_or(0.0, Sign::margin),
        log1(title),
        flag(title <= SHORT_TITLE),
        flag(title >= LONG_TITLE),
        flag(signs.lines == 0),
        flag(signs.lines == 2),
        flag(signs.lines >= 3),
        flag(a.headline.kicker.is_some()),
        flag(a.headline.subtitle.is_some()),
        flag(place.index == 0),
    ];
    e[..head.len()].copy_from_slice(&head);
    let mut at = head.len();
    e[at + signs.start.slot()] = 1.0;
    at += SIGNS;
    if let Some(end) = signs.end {
        e[at + end.slot()] = 1.0;
    }
    at += SIGNS;
    let tail = [
        log1(text),
        log1(a.paragraphs.len()),
        flag(a.paragraphs.len() == 1),
        log1(subs),
        flag(!a.byline.authors.is_empty()),
        flag(a.dateline.is_some()),
        flag(a.headline.inferred),
        flag(signs.orphan),
        log1(place.count),
        flag(first < SHORT_FIRST),
        flag(a.headline.title.contains(['，', '：', ','])),
        flag(text < SHORT_TEXT),
        flag(a.headline.title.ends_with(['！', '？', '。'])),
        flag(!a.byline.is_empty()),
        flag(a.column.is_some()),
        flag(place.index + 1 == place.count),
        flag(ends_open(a)),
        flag(few_late_subheadings(a)),
        hidden_headlines(a) as f32,
        log1(inside(a, |p| starts_with_dateline(&p.text))),
        log1(inside(a, |p| char_len(&p.text) <= SIGNATURE_CHARS && parse_byline(&p.text).is_some())),
        log1(inside(a, |p| char_len(&p.text) <= SIGNATURE_CHARS && p.text.trim_end().ends_with(['）', ')']))),
        flag(a.paragraphs.last().is_some_and(|p| char_len(&p.text) < SHORT_FIRST)),
        subs as f32 / a.paragraphs.len().max(1) as f32,
        text as f32 / place.page_chars.max(1) as f32,
        log1(place.page_chars / place.count.max(1)),
        log1(text / a.paragraphs.len().max(1)),
    ];
    e[at..at + tail.len()].copy_from_slice(&tail);
    debug_assert_eq!(at + tail.len(), EVIDENCE);
    e
}
