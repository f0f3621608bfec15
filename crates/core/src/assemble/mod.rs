//! Article assembly: from classified units to articles in reading order.
//!
//! This is where layout knowledge lives. Walking the units of a page, it
//! decides where an article starts (a headline group, with its byline), what a
//! headline-like line inside a text is (a sub-heading, or a piece of a sentence
//! cut by a column break), joins text the layout split (`整改措` / `施落实`),
//! gives a headline that extraction put after its text, or in the middle of
//! it, back to that text, groups the items of a column (大字新闻, 图片新闻),
//! and takes the 落款 off a notice. What it cannot place becomes a leftover.

use crate::byline::{parse_bracketed, parse_place_signature, picture_and_words, strip_bullet};
use crate::classify::{Unit, UnitKind};
use crate::headline::{
    has_column_tag, has_spaced_halves, is_enumerated, looks_like_subheading, split_headline, HeadLine,
};
use crate::lexicon::column_kind;
use crate::markers::{
    continued_from, continued_to, dateline, opens_as_lead, opens_cut_dateline, source_at_end, starts_with_dateline,
};
use crate::model::{Article, ArticleKind, Author, Byline, Headline, Leftover, Paragraph, ParagraphRole, Span, Teaser};
use crate::teaser::runs_on;
use crate::text::{char_len, clean_inline, continues_cut_line, ends_sentence, is_han};
use regex::Regex;
use std::sync::LazyLock;

/// Most lines a headline group (引题, 主题, 副题) takes.
const MAX_HEAD_LINES: usize = 3;

/// An article while it is being read.
#[derive(Debug, Default)]
pub(super) struct Draft {
    heads: Vec<HeadLine>,
    head_spans: Vec<Span>,
    byline: Byline,
    paras: Vec<Paragraph>,
    /// The last paragraph stops mid-sentence: the next text continues it.
    open: bool,
    kind: Option<ArticleKind>,
    column: Option<String>,
    dateline: Option<String>,
    source: Option<String>,
    continued_to: Option<u32>,
    continued_from: Option<u32>,
    /// The `上接第N版` marker as printed, if one was read.
    from_marker: Option<String>,
    /// A continuation marker ended it: no more text goes in.
    closed: bool,
    /// A closing byline or source was read: the next headline starts a new article.
    ended: bool,
    /// The date of a 落款.
    signed_date: Option<String>,
    /// How its sub-headings were set, as printed (see [`Shape`]).
    sub_shapes: Vec<Shape>,
    span: Option<Span>,
    /// What decided that it starts where it does.
    start: Sign,
    /// The least sure decision that kept a headline-like line inside it.
    doubt: Option<Sign>,
    /// Its headline was printed after or inside its text and given back.
    orphan_title: bool,
    /// A column of readers' letters: its label is its title, each letter's
    /// title a sub-heading (see [`Assembler::next_letter`]).
    letters: bool,
}

impl Draft {
    fn touch(&mut self, span: Span) {
        self.span = Some(self.span.map_or(span, |s| s.cover(span)));
    }

    fn is_headless(&self) -> bool {
        self.heads.is_empty() && self.column.is_none()
    }

    fn is_empty(&self) -> bool {
        self.heads.is_empty() && self.paras.is_empty() && self.byline.is_empty() && self.column.is_none()
    }
}

/// A section of the page named by a Markdown heading over its stories.
pub(super) struct Section {
    /// Its heading, the column of its stories.
    label: String,
    /// Its heading's level: a heading of this level or higher ends it.
    level: u8,
    /// Where its heading stands, until a story takes it into its span.
    unplaced: Option<Span>,
}

/// Whether two lines say the same, white space aside.
fn same_text(a: &str, b: &str) -> bool {
    a.chars().filter(|c| !c.is_whitespace()).eq(b.chars().filter(|c| !c.is_whitespace()))
}

/// Whether `u` repeats a line of the headline group `group`.
fn is_repeat(group: &[Unit], u: &Unit) -> bool {
    group.iter().any(|h| same_text(&h.text, &u.text))
}

/// What assembly produced.
pub struct Assembled {
    /// Articles in reading order.
    pub articles: Vec<Article>,
    /// Teasers found among the units.
    pub teasers: Vec<Teaser>,
    /// What could not be placed.
    pub leftovers: Vec<Leftover>,
    /// What the confidence model read of each article, in their order.
    pub evidence: Vec<Evidence>,
}

/// Assembles the units of a page into articles.
pub fn assemble(units: &[Unit]) -> Assembled {
    let mut a = Assembler {
        units,
        drafts: Vec::new(),
        teasers: Vec::new(),
        leftovers: Vec::new(),
        column: None,
        indent_mode: indent_marks_paragraphs(units),
        columns_cut: cut::columns_cut(units),
        section: None,
        sign: Cell::new(Sign::First),
    };
    a.run();
    a.end_section();
    let leftovers = std::mem::take(&mut a.leftovers);
    let teasers = std::mem::take(&mut a.teasers);
    let mut out = Assembled { articles: Vec::new(), teasers, leftovers, evidence: Vec::new() };
    // where an article ends is where the next one starts
    let ends: Vec<Option<Sign>> = a.drafts.iter().skip(1).map(|n| Some(n.start)).chain([None]).collect();
    let page = if a.indent_mode { Page::Indented } else { Page::Flat };
    let columns_cut = a.columns_cut;
    let mut drafts = a.drafts.into_iter().zip(ends).peekable();
    let mut bounded = Vec::new();
    while let Some((d, end)) = drafts.next() {
        // A column label whose items each have their own headline is kept
        // as their `column`, not as an article of its own.
        if d.paras.is_empty() && d.heads.is_empty() {
            if let Some((next, _)) = drafts.peek_mut().filter(|(n, _)| n.column.is_some() && n.column == d.column) {
                if let Some(span) = d.span {
                    next.touch(span);
                }
                continue;
            }
        }
        let (start, doubt, orphan, lines) = (d.start, d.doubt, d.orphan_title, d.heads.len());
        if let Some(article) = finish(d, &mut out.leftovers) {
            bounded.push((article, Signs { page, start, end, doubt, orphan, lines }));
        }
    }
    let count = bounded.len();
    let page_chars = bounded.iter().map(|(a, _)| evidence::text_chars(a)).sum();
    let mut rules = Vec::with_capacity(count);
    for (index, (article, signs)) in bounded.iter().enumerate() {
        let rule = confidence::of(article, signs);
        let place = Place { index, count, columns_cut, page_chars };
        out.evidence.push(evidence::of(article, signs, place, (rule.boundary, rule.title)));
        rules.push(rule);
    }
    let weighed = confidence_model::weigh(&out.evidence, &rules);
    for ((mut article, _), confidence) in bounded.into_iter().zip(weighed) {
        article.confidence = confidence;
        // a title nobody printed is a guess, however the rest looks
        if article.headline.inferred {
            article.confidence.title = article.confidence.title.min(confidence::INFERRED_TITLE);
        }
        out.articles.push(article);
    }
    out
}

pub(super) struct Assembler<'u> {
    units: &'u [Unit],
    drafts: Vec<Draft>,
    teasers: Vec<Teaser>,
    leftovers: Vec<Leftover>,
    /// The column (栏目) whose items are being read, and its kind.
    column: Option<(ArticleKind, String)>,
    /// The page indents every paragraph, so an indent starts a paragraph and
    /// a line without one is a headline or a continuation.
    indent_mode: bool,
    /// Column breaks cut the page's paragraphs (see [`cut::columns_cut`]).
    columns_cut: bool,
    /// The section (a Markdown heading over stories headed at a deeper
    /// level) whose stories are being read.
    section: Option<Section>,
    /// What decided the last [`Assembler::head_role`].
    sign: Cell<Sign>,
}

/// Whether the page marks paragraphs by indenting them (人民日报 article files,
/// typeset text): many lines are indented, and not all of them.
fn indent_marks_paragraphs(units: &[Unit]) -> bool {
    let indented = units.iter().filter(|u| u.indented).count();
    indented >= 3 && indented * 4 >= units.len() && indented < units.len()
}

impl Assembler<'_> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.units.len() {
            let u = &self.units[i];
            // a heading of a section's level or higher ends the section
            if u.level > 0 && self.section.as_ref().is_some_and(|s| s.level >= u.level) {
                self.end_section();
            }
            match &u.kind {
                UnitKind::Head => match self.head_role(i) {
                    HeadRole::Start => {
                        let sign = self.sign.get();
                        let before = self.drafts.len();
                        i = match self.series_split(i) {
                            Some((m, j, shape)) => self.start_series(i, m, j, shape),
                            None => self.start_group(i),
                        };
                        if self.drafts.len() > before {
                            if let Some(d) = self.drafts.last_mut() {
                                d.start = sign;
                            }
                        }
                        continue;
                    }
                    HeadRole::Sub => {
                        self.doubt_last();
                        self.add_paragraph(u, ParagraphRole::Subheading);
                        if let (Some(d), Some(shape)) = (self.drafts.last_mut(), line_shape(&u.text)) {
                            d.sub_shapes.push(shape);
                        }
                    }
                    HeadRole::Part(j) => {
                        self.doubt_last();
                        // a signed part is set as a signed part's headline
                        let signed = self.bylines_end(j) > j;
                        let shape =
                            if signed { signed_shape(&self.units[i..j]) } else { head_shape(&self.units[i..j]) };
                        for part in &self.units[i..j] {
                            self.add_paragraph(part, ParagraphRole::Subheading);
                        }
                        if let (Some(d), Some(shape)) = (self.drafts.last_mut(), shape) {
                            d.sub_shapes.push(shape);
                        }
                        i = j;
                        continue;
                    }
                    HeadRole::Letter(j) => {
                        self.doubt_last();
                        if let Some(d) = self.drafts.last_mut() {
                            open_letters(d);
                        }
                        for part in &self.units[i..j] {
                            self.add_paragraph(part, ParagraphRole::Subheading);
                        }
                        i = j;
                        continue;
                    }
                    HeadRole::Fragment => {
                        self.doubt_last();
                        self.add_text(u);
                    }
                    HeadRole::SignOff => {
                        self.doubt_last();
                        if let Some(d) = self.drafts.last_mut() {
                            d.byline.authors.push(Author { name: clean_inline(&u.text), role: None });
                            d.ended = true;
                            d.touch(u.span);
                        }
                    }
                },
                UnitKind::Text => self.add_text(u),
                UnitKind::BoxLabel => {
                    // the article goes on in a box of its own (`延伸阅读`)
                    self.add_paragraph(u, ParagraphRole::Subheading);
                    if let Some(d) = self.drafts.last_mut() {
                        d.ended = false;
                    }
                }
                UnitKind::Item => self.add_item(u),
                UnitKind::Byline(b) => self.add_byline(u, b.clone()),
                // A writer signing with their place (`江苏某某市 王甲`) at the
                // foot of a text: the text's last line, as printed (a letter's
                // signature); under a headline, its byline.
                UnitKind::Signature(_)
                    if self.drafts.last().is_some_and(|d| !d.paras.is_empty() && !d.closed)
                        && parse_place_signature(&u.text).is_some() =>
                {
                    self.add_paragraph(u, ParagraphRole::Text);
                    if let Some(d) = self.drafts.last_mut() {
                        // a signature leaves no sentence open, and ends the text it signs
                        d.open = false;
                        d.ended = true;
                    }
                }
                UnitKind::Signature(a) => {
                    let b = Byline { authors: vec![a.clone()], ..Byline::default() };
                    self.add_byline(u, b);
                }
                UnitKind::Names(names) => {
                    // Names under a headline are its byline; elsewhere they are text.
                    match self.drafts.last_mut() {
                        Some(d) if d.paras.is_empty() && !d.heads.is_empty() => {
                            d.byline.merge(Byline { reporters: names.clone(), ..Byline::default() });
                            d.touch(u.span);
                        }
                        _ => self.add_text(u),
                    }
                }
                UnitKind::Column(kind) => self.open_column(u, *kind),
                UnitKind::Section => self.open_section(u),
                UnitKind::ContinuedTo(page) => match self.drafts.last_mut() {
                    Some(d) if !d.is_empty() => {
                        d.continued_to = Some(*page);
                        d.closed = true;
                        d.touch(u.span);
                    }
                    _ => self.leftover(u, "continuation marker with no article before it"),
                },
                UnitKind::ContinuedFrom(page) => {
                    let d = self.fresh_draft_for_text();
                    if d.is_empty() {
                        d.start = Sign::Strong;
                    }
                    d.continued_from = Some(*page);
                    d.from_marker = Some(u.text.clone());
                    d.touch(u.span);
                }
                UnitKind::Source(s) => match self.drafts.last_mut() {
                    // (the line before it is the article's: not a headline left over)
                    Some(d)
                        if !d.is_empty() && d.span.is_some_and(|s| i == 0 || s.end >= self.units[i - 1].span.end) =>
                    {
                        d.source = Some(s.clone());
                        d.ended = true;
                        d.touch(u.span);
                    }
                    _ => self.leftover(u, "source line with no article before it"),
                },
                UnitKind::Teaser(pages, title) => {
                    let mut teaser = Teaser { pages: pages.clone(), title: title.clone(), span: u.span };
                    if let Some(next) = self.units.get(i + 1).filter(|n| n.kind == UnitKind::Head) {
                        let after = self
                            .units
                            .get(i + 2)
                            .map(|a| (a.text.as_str(), a.level > 0 || matches!(a.kind, UnitKind::Teaser(..))));
                        if runs_on(&teaser.title, &next.text, next.level > 0, after) {
                            teaser.title.push_str(&crate::text::clean_headline(&next.text));
                            teaser.span = teaser.span.cover(next.span);
                            i += 1;
                        }
                    }
                    self.teasers.push(teaser);
                }
                UnitKind::Credit => match self.drafts.last_mut() {
                    // Credits close the text above them and stay with it.
                    Some(d) if !d.paras.is_empty() => {
                        d.open = false;
                        push_paragraph(d, u, ParagraphRole::Text);
                        d.open = false;
                        d.ended = true;
                        if let Some(b) = picture_and_words(&u.text) {
                            d.byline.merge(b);
                        }
                    }
                    _ => self.leftover(u, "page credits with no article before them"),
                },
                UnitKind::Date => match self.drafts.last_mut() {
                    Some(d) if !d.paras.is_empty() => {
                        d.signed_date = Some(u.text.clone());
                        d.ended = true;
                        d.touch(u.span);
                    }
                    _ => self.add_text(u),
                },
            }
            i += 1;
        }
    }

    /// The current article keeps a headline-like line: as sure as the sign that decided so.
    fn doubt_last(&mut self) {
        let sign = self.sign.get();
        let page = if self.indent_mode { Page::Indented } else { Page::Flat };
        if let Some(d) = self.drafts.last_mut() {
            if d.doubt.is_none_or(|s| sign.sureness(page) < s.sureness(page)) {
                d.doubt = Some(sign);
            }
        }
    }

    fn leftover(&mut self, u: &Unit, reason: &str) {
        self.leftovers.push(Leftover { text: u.text.clone(), reason: reason.to_string(), span: u.span });
    }

    /// The draft that text goes into: the current one, or a new headless one
    /// when there is none or the current one is closed.
    fn fresh_draft_for_text(&mut self) -> &mut Draft {
        let need_new = match self.drafts.last() {
            None => true,
            Some(d) => d.closed,
        };
        if need_new {
            self.column = None;
            // text after a closed article (a continuation marker) starts one surely
            let start = if self.drafts.is_empty() { Sign::Unmarked } else { Sign::Strong };
            self.drafts.push(Draft { start, ..Draft::default() });
        }
        let last = self.drafts.len() - 1;
        &mut self.drafts[last]
    }

    /// Index after the headline group that starts at `i`.
    ///
    /// A group is up to three headline lines marked alike. A subtitle opened
    /// by `——` is its last line, and after a title with a column tag only
    /// such a subtitle may follow; in a page that indents its paragraphs an
    /// indented line is never part of a headline.
    fn group_end(&self, i: usize) -> usize {
        let first = &self.units[i];
        let mut j = i + 1;
        // a series title over a part's lead-in and title takes one line more
        let lead_in = |j: usize| self.units[i..j].iter().skip(1).any(|u| line_shape(&u.text) == Some(Shape::LeadIn));
        while j < self.units.len() && (j - i < MAX_HEAD_LINES || (j - i == MAX_HEAD_LINES && lead_in(j))) {
            let u = &self.units[j];
            let prev = &self.units[j - 1];
            let same_marking = (u.level > 0) == (first.level > 0) && u.bold == first.bold;
            // Where paragraphs are indented, a line that is not is part of the
            // headline even when it reads like a sentence (a long kicker).
            let unindented_text = self.indent_mode
                && u.kind == UnitKind::Text
                && char_len(&u.text) <= 2 * crate::headline::MAX_HEADLINE_CHARS;
            // a lead-in's title may be a saying in quotes: `“这个年，过得踏实！”`
            let quoted_title = u.kind == UnitKind::Text
                && line_shape(&prev.text) == Some(Shape::LeadIn)
                && u.text.starts_with('“')
                && u.text.ends_with('”')
                && char_len(&u.text) <= 30;
            let joins = u.kind == UnitKind::Head || unindented_text || quoted_title;
            if !joins || !same_marking || (self.indent_mode && u.indented) {
                break;
            }
            if is_repeat(&self.units[i..j], u) {
                break;
            }
            // where column breaks cut the paragraphs, a text's first piece
            // may look like the headline's next line
            if !self.indent_mode && self.text_piece_under_head(j) {
                break;
            }
            let after_subtitle = prev.text.starts_with('—');
            let after_tag = prev.level == 0 && has_column_tag(&prev.text) && !u.text.starts_with('—');
            if after_subtitle || after_tag {
                break;
            }
            j += 1;
        }
        // A long line with no sentence end between the headline and a
        // dateline is part of the headline (a summary kicker or subtitle).
        if let (Some(u), Some(after)) = (self.units.get(j), self.units.get(j + 1)) {
            // where paragraphs are indented, an indented one is text
            let summary = u.kind == UnitKind::Text
                && char_len(&u.text) <= 200
                && !ends_sentence(&u.text)
                && !(self.indent_mode && u.indented);
            if summary && after.kind == UnitKind::Text && starts_with_dateline(&after.text) {
                return j + 1;
            }
            // So is a long line of phrases set apart with no pause mark at
            // all, over the text (`讨论某报告 审议某条例 某某主持会议`):
            // running text pauses, a list of names brackets or numbers them.
            if u.kind == UnitKind::Text && after.kind == UnitKind::Text && !(self.indent_mode && u.indented) {
                let t = u.text.trim();
                let phrases = t.split_whitespace().filter(|p| p.chars().any(is_han)).count() >= 2;
                let marks = t.contains(['，', '。', '；', '！', '？', '：', '、', ',', ';', '!', '?', ':', '（', '(']);
                if phrases && !marks && !t.chars().any(|c| c.is_ascii_digit()) {
                    return j + 1;
                }
            }
        }
        j
    }

    /// Index after the bylines that follow a headline group ending at `j`.
    fn bylines_end(&self, mut j: usize) -> usize {
        while j < self.units.len()
            && matches!(self.units[j].kind, UnitKind::Byline(_) | UnitKind::Signature(_) | UnitKind::Names(_))
        {
            j += 1;
        }
        j
    }
}

/// Adds a new paragraph and reads the markers at its ends.
fn push_paragraph(d: &mut Draft, u: &Unit, role: ParagraphRole) {
    let mut text = u.text.clone();
    if d.paras.is_empty() && role != ParagraphRole::Subheading {
        if let Some((page, len)) = continued_from(&text) {
            d.continued_from = Some(page);
            text = text[len..].trim_start().to_string();
        }
        if let Some(dl) = dateline(&text) {
            d.dateline = Some(dl.text);
            if let Some(b) = dl.byline {
                d.byline.merge(b);
            }
        }
    }
    // a note wholly in brackets closes a text: `（作者为…）`, `（本报记者 张三）`;
    // at its head it is no close (a document's date: `（2019年1月31日）`)
    let closing_note = !d.paras.is_empty() && is_closing_note(&text);
    d.paras.push(Paragraph { text, role, span: u.span });
    d.touch(u.span);
    read_paragraph_end(d);
    if closing_note {
        d.ended = true;
    }
}

/// Whether a paragraph is the editors' signature or note (`——编 者`,
/// `编者按：…`, `开栏的话`).
fn is_editors_note(text: &str) -> bool {
    let opening = text.trim_start_matches(|c: char| matches!(c, '—' | '-') || c.is_whitespace());
    if !opening.starts_with(['编', '开']) {
        return false;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_start_matches(['—', '-']);
    t == "编者" || ["编者按", "编者的话", "开栏的话"].iter().any(|w| t.starts_with(w))
}

/// The most characters of a signing body on its own line (`某某区某某委员会`).
const SIGNER_CHARS: usize = 24;

/// Whether the text of `cur` has closed as a notice does: its last paragraph
/// is the closing formula (`特此通告。`, `特此公告`), or it stands under a
/// notice's title (`…通告`, `…启事`) and its last sentence is whole.
fn closes_notice(cur: &Draft) -> bool {
    let Some(last) = cur.paras.last().filter(|p| p.role == ParagraphRole::Text) else { return false };
    let last = last.text.trim();
    let formula = last.starts_with("特此") && char_len(last) <= 8;
    let titled = cur.heads.iter().any(|h| NOTICE_WORDS.iter().any(|w| h.text.trim_end().ends_with(w)));
    formula || titled && ends_sentence(last)
}

/// Whether a line ends as an exclamation or a question does (`真能干！`).
fn exclaims(text: &str) -> bool {
    text.trim_end().ends_with(['！', '？', '!', '?'])
}

/// Whether a text ends an article: a bracketed byline or a source at its end.
fn ends_article(text: &str) -> bool {
    source_at_end(text).is_some() || TRAILING_BYLINE.captures(text).is_some_and(|c| parse_bracketed(&c[1]).is_some())
}

/// Appends a piece of text to the open last paragraph (a column break cut it).
fn append_to_last(d: &mut Draft, u: &Unit) {
    if let Some(p) = d.paras.last_mut() {
        let latin_gap = p.text.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric())
            && u.text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if latin_gap {
            p.text.push(' ');
        }
        p.text.push_str(u.text.trim());
        p.span = p.span.cover(u.span);
    }
    // a dateline a column break cut is read once its pieces are joined
    if d.paras.len() == 1 && d.dateline.is_none() && d.paras[0].role != ParagraphRole::Subheading {
        if let Some(dl) = dateline(&d.paras[0].text) {
            d.dateline = Some(dl.text);
            if let Some(b) = dl.byline {
                d.byline.merge(b);
            }
        }
    }
    d.touch(u.span);
    read_paragraph_end(d);
    // a note wholly in brackets, joined from the pieces a column break cut,
    // closes the text as it does whole (see `push_paragraph`)
    if d.paras.len() > 1 && d.paras.last().is_some_and(|p| is_closing_note(&p.text)) {
        d.ended = true;
    }
    // and so does a credit a column break cut (`版式设计` / `：王甲`)
    if d.paras.len() > 1 && d.paras.last().is_some_and(|p| crate::classify::is_credit(&p.text)) {
        d.open = false;
        d.ended = true;
    }
}

/// Whether a paragraph is a note wholly in brackets: `（作者为…）`.
fn is_closing_note(text: &str) -> bool {
    (text.starts_with('（') && text.ends_with('）')) || (text.starts_with('(') && text.ends_with(')'))
}

/// Boxes that stand at the head of an article, before its first paragraph.
const OPENING_BOXES: &[&str] = &["核心阅读", "编者按", "开栏的话", "编者的话", "引子"];

/// A text that opens with its date, as a photo caption does: `2月23日，…`.
static DATED: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"^(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日").unwrap()
});

/// The date under a document's title, in brackets: `（2019年1月31日）`,
/// `（2019年1月31日中共中央政治局会议审议通过）`, a white paper's month
/// (`（2019年10月）`), a speech's day in Chinese numerals (`（二〇一九年二月三日）`).
static DOCUMENT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(
        r"^[（(](?:(?:19|20)[0-9]{2}年[0-9]{1,2}月(?:[0-9]{1,2}日)?|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)[^（）()]{0,30}[)）]$",
    )
    .unwrap()
});

static TRAILING_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"[（(]([^（）()]{2,40})[)）]\s*$").unwrap()
});

mod build;
mod cohesion;
mod confidence;
mod confidence_model;
mod cut;
mod evidence;
mod finish;
mod parts;
mod role;
mod shape;
#[cfg(test)]
mod tests;

use cohesion::*;
use confidence::{Page, Sign, Signs};
use evidence::Place;
pub use evidence::{Evidence, EVIDENCE};
use finish::*;
use parts::open_letters;
use role::HeadRole;
use shape::*;
use std::cell::Cell;
