//! How sure assembly is of each article: of its boundaries (where it starts
//! and ends) and of its headline, from the signs that decided them.
//!
//! Every decision about a headline-like line leaves a [`Sign`]: a byline or
//! dateline under it, a mark, an indent, a column tag, or only lexical
//! cohesion. Each sign has the share of decisions it gets right, measured on
//! the tuning split (人民日报 pages of February 2019, seeds 1–3, as printed,
//! flat and with column breaks; see `bench/results/2026-12-04-parser.md`).
//! An article is as sure as the weakest decision that bounds it: the one
//! that started it, the one that started the next article (its end), and
//! those that kept a line inside it. Not a model of the text: no decision is
//! changed here.

use super::NEW_TOPIC;
use crate::model::{Article, Confidence, Paragraph, ParagraphRole};
use crate::text::{char_len, ends_sentence};

/// What decided the role of a headline-like line (or how a text began).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) enum Sign {
    /// The first headline of the page.
    First,
    /// Text with no headline over it opened an article.
    #[default]
    Unmarked,
    /// A column label (栏目) opened it.
    ColumnLabel,
    /// A byline with nothing before it opened it.
    LoneByline,
    /// A short titled item in a column of briefs.
    BriefItem,
    /// The headline printed again as the first line of its text.
    Repeat,
    /// The editors signing their note.
    EditorsNote,
    /// The next part of a feature in parts.
    FeaturePart,
    /// The title of a box inside the text.
    BoxTitle,
    /// A document's title over its date.
    DocumentTitle,
    /// An exclamation or question closing a text.
    Exclaim,
    /// A mark, a byline or dateline under it, or the text before it closed.
    Strong,
    /// Under a headline whose text had not begun.
    UnderHead,
    /// A short line with a date under it: a 落款.
    FootLine,
    /// The sentence before it was open: a piece of it.
    OpenSentence,
    /// The second half of a lead-in sub-heading.
    AfterLeadIn,
    /// Set like another sub-heading of the text.
    Sibling,
    /// A subtitle `——…` or a column tag `（…）`.
    Tagged,
    /// Halves set apart by a space.
    SpacedHalves,
    /// A kicker ending in `——` over a title.
    Kicker,
    /// The article before had ended (a closing byline, source, credits).
    AfterEnd,
    /// A group of headline lines under a report with no sub-heading yet.
    ReportHead,
    /// A headline-like line after a commentary's full length with no sub-heading.
    CommentaryEnd,
    /// Bold or set as a sub-heading.
    SubLook,
    /// In a column of photos.
    PhotoColumn,
    /// Over a short caption that opens with its date.
    Caption,
    /// An indented line where paragraphs are indented: text.
    IndentedText,
    /// A line not indented where paragraphs are: a headline.
    Unindented,
    /// No sign either way: lexical cohesion with the text before decided.
    Cohesion(f32),
}

/// How the page marks its paragraphs: where it indents them, an unindented
/// line is a headline and few decisions are left to guess; where it does
/// not (text from PDF pages), every headline is a guess from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Page {
    Indented,
    Flat,
}

/// The signs that bound one article.
pub(super) struct Signs {
    pub(super) page: Page,
    /// What started it.
    pub(super) start: Sign,
    /// What started the next article (its end), if one follows.
    pub(super) end: Option<Sign>,
    /// The least sure decision that kept a headline-like line inside it.
    pub(super) doubt: Option<Sign>,
    /// Its headline was printed after or inside its text and given back.
    pub(super) orphan: bool,
    /// Lines of its headline group.
    pub(super) lines: usize,
}

impl Sign {
    /// The share of decisions this sign gets right on such a page, measured
    /// on the tuning split (rounded; see the module's note).
    pub(super) fn sureness(self, page: Page) -> f32 {
        if page == Page::Indented {
            return match self {
                Sign::Unindented | Sign::First => 0.99,
                Sign::IndentedText | Sign::Repeat | Sign::EditorsNote | Sign::Strong => 0.98,
                Sign::ColumnLabel => 0.96,
                Sign::Cohesion(c) => cohesion_sureness(c),
                other => other.sureness(Page::Flat),
            };
        }
        match self {
            Sign::Repeat | Sign::EditorsNote | Sign::IndentedText | Sign::Unindented | Sign::UnderHead => 0.96,
            Sign::ColumnLabel => 0.93,
            Sign::DocumentTitle | Sign::FeaturePart => 0.9,
            Sign::Strong | Sign::Sibling => 0.88,
            Sign::Tagged
            | Sign::BoxTitle
            | Sign::AfterLeadIn
            | Sign::BriefItem
            | Sign::ReportHead
            | Sign::CommentaryEnd => 0.85,
            Sign::First | Sign::OpenSentence | Sign::Caption => 0.83,
            Sign::SpacedHalves | Sign::Exclaim => 0.8,
            Sign::SubLook => 0.75,
            Sign::AfterEnd | Sign::FootLine | Sign::LoneByline => 0.6,
            Sign::Kicker => 0.5,
            Sign::PhotoColumn => 0.3,
            Sign::Unmarked => 0.1,
            Sign::Cohesion(c) => cohesion_sureness(c),
        }
    }
}

/// A cohesion far from the threshold on either side decides well; one at
/// the threshold is a coin toss. Four times over or under it is as sure as a
/// decision by cohesion gets.
fn cohesion_sureness(c: f32) -> f32 {
    const SUREST: f32 = 0.8;
    const LEAST: f32 = 0.4;
    let ratio = c.max(1e-4) / NEW_TOPIC;
    let margin = (ratio.ln().abs() / 4f32.ln()).min(1.0);
    LEAST + (SUREST - LEAST) * margin
}

/// The confidence of an inferred title: a guess from the first sentence.
pub(super) const INFERRED_TITLE: f32 = 0.2;
/// A column label standing as the title.
pub(super) const LABEL_TITLE: f32 = 0.6;
/// A headline printed after its text (or inside it) and given back to it.
pub(super) const ORPHAN_TITLE: f32 = 0.7;

/// The confidence of a printed headline that opened the article by `start`:
/// as sure as the decision, a little less for a group split into 引题,
/// 主题 and 副题 (which line is the title is a guess too).
pub(super) fn printed_title(start: Sign, page: Page, lines: usize) -> f32 {
    // three lines split into 引题, 主题 and 副题 are most often two
    // headlines run together (a column label over the next one's title)
    let group = match lines {
        0 | 1 => 1.0,
        2 => 0.97,
        _ => 0.3,
    };
    start.sureness(page) * group
}

/// The most characters of a title that reads as a column label (`来论`,
/// `身边事`), not a headline.
const LABEL_CHARS: usize = 4;
/// How much a group of headline lines whose title is that short takes off
/// the title: most often a column label set over (or under) the headline of
/// the article, read as its title, or two headlines run together (on every
/// split, most such articles were wrong).
const LABEL_AS_TITLE: f32 = 0.6;

/// Whether a title is as short as a column label, white space aside.
fn label_as_title(title: &str) -> bool {
    title.chars().filter(|c| !c.is_whitespace()).count() <= LABEL_CHARS
}

/// The most characters of a line of running text that may be a headline
/// read as text (a short line with no sentence end, with text after it).
const HIDDEN_HEAD_CHARS: usize = 30;
/// How much each such line takes off the boundary's confidence.
const HIDDEN_HEAD: f32 = 0.8;

/// How much a signature read off the text's end (`江苏某市  某某`, `——某某`)
/// takes off the boundary: whether that line signs the text or is its last
/// paragraph is itself a guess (about half of such articles on the tuning
/// split were wrong at their end).
const SIGNED_END: f32 = 0.6;

/// How much a text that stops mid-sentence takes off the boundary: a text
/// ends with a whole sentence; one whose last paragraph, longer than a
/// credit or a signature, stops mid-sentence was most often cut where it
/// should not be (on the tuning split, three in four such articles were
/// wrong, against one in ten of the others).
const OPEN_END: f32 = 0.5;

/// Longest last line that may close a text without a sentence end: a
/// credit, a signature (`制图：王甲`, `江苏某市  李乙`).
const CLOSING_LINE_CHARS: usize = 20;

/// A feature's sub-headings come in numbers and start near the top of its
/// text; one or two, the first only after `LATE_SUBHEADING` paragraphs or
/// more, are as often the headlines of the articles that followed, read as
/// sub-headings (on every split, such articles were wrong about twice as
/// often as others).
const FEW_SUBHEADINGS: usize = 2;
/// Fewest paragraphs before the first of those few sub-headings.
const LATE_SUBHEADING: usize = 3;
/// How much they take off the boundary's confidence.
const FEW_LATE_SUBHEADINGS: f32 = 0.75;

/// Whether the article has only a few sub-headings, the first of them late.
pub(super) fn few_late_subheadings(a: &Article) -> bool {
    let mut subs = a.paragraphs.iter().enumerate().filter(|(_, p)| p.role == ParagraphRole::Subheading);
    match subs.next() {
        Some((first, _)) => first >= LATE_SUBHEADING && subs.count() < FEW_SUBHEADINGS,
        None => false,
    }
}

/// Whether the article's text stops mid-sentence.
pub(super) fn ends_open(a: &Article) -> bool {
    a.paragraphs.last().is_some_and(|p| {
        p.role == ParagraphRole::Text && char_len(&p.text) > CLOSING_LINE_CHARS && !ends_sentence(&p.text)
    })
}

/// Lines inside the text that read like a headline nobody marked: short,
/// no sentence end, with more text after them.
pub(super) fn hidden_headlines(a: &Article) -> i32 {
    let count = inside(a, |p| {
        p.role == ParagraphRole::Text && char_len(&p.text) <= HIDDEN_HEAD_CHARS && !ends_sentence(&p.text)
    });
    i32::try_from(count).unwrap_or(i32::MAX)
}

/// How many paragraphs after the first, and before the last, are `what`:
/// inside a text, where a line that opens or closes an article most often
/// means two articles were run together.
pub(super) fn inside(a: &Article, what: impl Fn(&Paragraph) -> bool) -> usize {
    let n = a.paragraphs.len();
    a.paragraphs.iter().enumerate().filter(|&(i, p)| i > 0 && i + 1 < n && what(p)).count()
}

/// An article's confidence: its boundary as sure as the decisions that
/// started it, ended it (the next article's start) and kept lines inside
/// it, less for each line in it that reads like a headline; its title as
/// the headline was found (printed, given back, a column label, inferred).
pub(super) fn of(a: &Article, signs: &Signs) -> Confidence {
    let page = signs.page;
    let sure = |s: Option<Sign>| s.map_or(1.0, |s| s.sureness(page));
    // each decision may be wrong on its own: the article is whole only if all are right
    let signed = if a.byline.authors.is_empty() { 1.0 } else { SIGNED_END };
    let open = if ends_open(a) { OPEN_END } else { 1.0 };
    let few_subs = if few_late_subheadings(a) { FEW_LATE_SUBHEADINGS } else { 1.0 };
    let boundary = signs.start.sureness(page)
        * sure(signs.end)
        * sure(signs.doubt)
        * HIDDEN_HEAD.powi(hidden_headlines(a))
        * signed
        * open
        * few_subs;
    let title = if a.headline.inferred {
        INFERRED_TITLE
    } else if signs.lines == 0 {
        LABEL_TITLE
    } else if signs.orphan {
        ORPHAN_TITLE
    } else if signs.lines >= 2 && label_as_title(&a.headline.title) {
        printed_title(signs.start, page, signs.lines) * LABEL_AS_TITLE
    } else {
        printed_title(signs.start, page, signs.lines)
    };
    Confidence { boundary: round2(boundary), title: round2(title) }
}

/// Two decimals: the figures are measured shares, no finer.
fn round2(p: f32) -> f32 {
    (p.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parse of `text`, with the confidence the rules gave each article
    /// (what the confidence model reads, beside the rest of its evidence).
    fn parse(text: &str) -> (crate::Issue, Vec<Confidence>) {
        let (issue, evidence) = crate::parse_with_evidence(text);
        (issue, evidence.iter().map(super::super::evidence::rules_confidence).collect())
    }

    #[test]
    fn cohesion_near_the_threshold_is_least_sure() {
        let at = Sign::Cohesion(NEW_TOPIC).sureness(Page::Flat);
        let far_above = Sign::Cohesion(NEW_TOPIC * 8.0).sureness(Page::Flat);
        let far_below = Sign::Cohesion(0.0).sureness(Page::Flat);
        assert!((at - 0.4).abs() < 1e-6, "{at}");
        assert!(far_above > 0.75 && far_below > 0.75, "{far_above} {far_below}");
        assert!(Sign::Strong.sureness(Page::Indented) > far_above);
    }

    #[test]
    fn an_article_with_a_line_that_reads_like_a_headline_is_less_sure() {
        let plain =
            parse("第一条标题\n\n本报讯 记者王甲报道：今天上午，一场会议在区里举行。\n\n会议讨论了很多问题。\n");
        let hidden = parse(
            "第一条标题\n\n本报讯 记者王甲报道：今天上午，一场会议在区里举行。\n\n另一件事情的说法\n\n公园里开满了花。\n",
        );
        let p = plain.1[0].boundary;
        let h = hidden.1[0].boundary;
        assert!(h < p, "{h} < {p}");
    }

    #[test]
    fn a_text_signed_at_its_end_is_less_sure_of_its_end() {
        let text =
            "示例标题\n\u{3000}\u{3000}本报讯 今天上午，一场会议在区里举行。\n\u{3000}\u{3000}会议讨论了很多问题。\n\
                    \u{3000}\u{3000}示例区区长 王甲\n另一个标题\n\u{3000}\u{3000}今天下午，公园里开满了花。\n";
        let signed = parse(text);
        let plain = parse(&text.replace("\u{3000}\u{3000}示例区区长 王甲\n", ""));
        assert!(!signed.0.articles[0].byline.authors.is_empty(), "{:?}", signed.0.articles[0].byline);
        assert!(signed.1[0].boundary < plain.1[0].boundary);
    }

    #[test]
    fn a_text_that_stops_mid_sentence_is_less_sure_of_its_end() {
        let whole =
            parse("示例标题\n\n今天上午，一场会议在区里举行。\n\n会议讨论了城市更新和老旧小区改造等很多问题。\n");
        let open =
            parse("示例标题\n\n今天上午，一场会议在区里举行。\n\n会议讨论了城市更新和老旧小区改造等很多问题，包括\n");
        assert!(open.1[0].boundary < whole.1[0].boundary);
    }

    #[test]
    fn a_text_with_one_late_sub_heading_is_less_sure() {
        let body = "今天上午，一场会议在区里举行。\n\n会议讨论了很多问题。\n\n代表们发了言。\n\n";
        let more = "会议代表们在区里讨论了很多问题，代表们发了言。\n";
        let late = parse(&format!("示例标题\n\n{body}代表们的发言\n\n{more}"));
        let plain = parse(&format!("示例标题\n\n{body}{more}"));
        assert_eq!(late.0.articles.len(), 1, "{:#?}", late.0.articles);
        assert!(late.0.articles[0].paragraphs.iter().any(|p| p.role == ParagraphRole::Subheading));
        assert!(late.1[0].boundary < plain.1[0].boundary);
    }

    #[test]
    fn an_inferred_title_is_a_guess() {
        let issue = parse("今天上午，一场会议在区里举行，会议讨论了很多问题。\n");
        assert!(issue.0.articles[0].headline.inferred);
        assert!(issue.1[0].title <= INFERRED_TITLE);
    }

    #[test]
    fn a_split_headline_group_is_less_sure_than_one_line() {
        assert!(printed_title(Sign::Strong, Page::Flat, 2) < printed_title(Sign::Strong, Page::Flat, 1));
        assert!(printed_title(Sign::Cohesion(NEW_TOPIC), Page::Flat, 1) < LABEL_TITLE);
    }

    #[test]
    fn a_title_as_short_as_a_column_label_under_another_line_is_less_sure() {
        // made-up flat pages: a lead-in over a three-character title, and a
        // one-line title
        let text = "清晨，示例村的新路上车来车往，村民们忙着把蔬菜运到城里。\n";
        let short = parse(&format!("示例村老支书王甲——\n\n好日子\n\n{text}"));
        let plain = parse(&format!("示例村的好日子\n\n{text}"));
        let (s, p) = (&short.1[0], &plain.1[0]);
        assert_eq!(short.0.articles[0].headline.title, "好日子", "{:#?}", short.0.articles[0].headline);
        assert!(s.title < 0.7 * p.title, "{} {}", s.title, p.title);
    }
}
