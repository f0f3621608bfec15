//! Article assembly: from classified units to articles in reading order.
//!
//! This is where layout knowledge lives. Walking the units of a page, it
//! decides where an article starts (a headline group, with its byline), what a
//! headline-like line inside a text is (a sub-heading, or a piece of a sentence
//! cut by a column break), joins text the layout split (`整改措` / `施落实`),
//! gives a headline that extraction put after its text, or in the middle of
//! it, back to that text, groups the items of a column (大字新闻, 图片新闻),
//! and takes the 落款 off a notice. What it cannot place becomes a leftover.

use crate::byline::{parse_bracketed, picture_and_words, strip_bullet};
use crate::classify::{Unit, UnitKind};
use crate::headline::{
    has_column_tag, has_spaced_halves, is_enumerated, looks_like_subheading, split_headline, HeadLine,
};
use crate::lexicon::column_kind;
use crate::markers::{continued_from, continued_to, dateline, opens_as_lead, source_at_end, starts_with_dateline};
use crate::model::{Article, ArticleKind, Author, Byline, Headline, Leftover, Paragraph, ParagraphRole, Span, Teaser};
use crate::teaser::runs_on;
use crate::text::{char_len, clean_inline, ends_sentence, is_han};
use regex::Regex;
use std::sync::LazyLock;

/// Most lines a headline group (引题, 主题, 副题) takes.
const MAX_HEAD_LINES: usize = 3;

/// An article while it is being read.
#[derive(Debug, Default)]
struct Draft {
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

/// What a headline-like line turns out to be, given what stands around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadRole {
    /// It opens a new article.
    Start,
    /// A sub-heading inside the current article.
    Sub,
    /// A piece of a sentence that a column break cut off.
    Fragment,
    /// The signing body at the foot of a notice or letter (落款).
    SignOff,
    /// A headline group inside the current article, up to the index given
    /// (sub-headings set alike, or the headline of a feature's next part):
    /// its lines are sub-headings.
    Part(usize),
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
    };
    a.run();
    let leftovers = std::mem::take(&mut a.leftovers);
    let teasers = std::mem::take(&mut a.teasers);
    let mut out = Assembled { articles: Vec::new(), teasers, leftovers };
    let mut drafts = a.drafts.into_iter().peekable();
    while let Some(d) = drafts.next() {
        // A column label whose items each have their own headline is kept
        // as their `column`, not as an article of its own.
        if d.paras.is_empty() && d.heads.is_empty() {
            if let Some(next) = drafts.peek_mut().filter(|n| n.column.is_some() && n.column == d.column) {
                if let Some(span) = d.span {
                    next.touch(span);
                }
                continue;
            }
        }
        if let Some(article) = finish(d, &mut out.leftovers) {
            out.articles.push(article);
        }
    }
    out
}

struct Assembler<'u> {
    units: &'u [Unit],
    drafts: Vec<Draft>,
    teasers: Vec<Teaser>,
    leftovers: Vec<Leftover>,
    /// The column (栏目) whose items are being read, and its kind.
    column: Option<(ArticleKind, String)>,
    /// The page indents every paragraph, so an indent starts a paragraph and
    /// a line without one is a headline or a continuation.
    indent_mode: bool,
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
            match &u.kind {
                UnitKind::Head => match self.head_role(i) {
                    HeadRole::Start => {
                        i = match self.series_split(i) {
                            Some((m, j, shape)) => self.start_series(i, m, j, shape),
                            None => self.start_group(i),
                        };
                        continue;
                    }
                    HeadRole::Sub => {
                        self.add_paragraph(u, ParagraphRole::Subheading);
                        if let (Some(d), Some(shape)) = (self.drafts.last_mut(), line_shape(&u.text)) {
                            d.sub_shapes.push(shape);
                        }
                    }
                    HeadRole::Part(j) => {
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
                    HeadRole::Fragment => self.add_text(u),
                    HeadRole::SignOff => {
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
                    d.continued_from = Some(*page);
                    d.from_marker = Some(u.text.clone());
                    d.touch(u.span);
                }
                UnitKind::Source(s) => match self.drafts.last_mut() {
                    Some(d) if !d.is_empty() => {
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
            self.drafts.push(Draft::default());
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

    /// Whether what follows the group `i..j` marks it as an article's headline:
    /// a byline, a dateline, a continuation from another page.
    fn strong_start(&self, i: usize) -> bool {
        let j = self.group_end(i);
        let k = self.bylines_end(j);
        if k > j {
            return true;
        }
        match self.units.get(k) {
            Some(u) if u.kind == UnitKind::Text || u.kind == UnitKind::Item => {
                starts_with_dateline(&u.text) || OPENING_BOXES.iter().any(|b| u.text.starts_with(b))
            }
            Some(u) if u.kind == UnitKind::BoxLabel => OPENING_BOXES.iter().any(|b| u.text.contains(b)),
            Some(u) => matches!(u.kind, UnitKind::ContinuedFrom(_)),
            None => false,
        }
    }

    fn head_role(&self, i: usize) -> HeadRole {
        let u = &self.units[i];
        let Some(cur) = self.drafts.last() else {
            return HeadRole::Start;
        };
        // An item's title in a column of briefs (`新闻速递` / title / text /
        // title / text): the column goes on while its items stay short and
        // titled (after bulleted items, a headline heads the next article).
        let in_briefs = matches!(self.column, Some((ArticleKind::Briefs, _))) && cur.column.is_some();
        let titled = cur.paras.is_empty() || cur.paras.iter().any(|p| p.role == ParagraphRole::Subheading);
        if in_briefs && titled && !cur.closed && u.level == 0 {
            let j = self.group_end(i);
            if self.brief_follows(j) {
                return HeadRole::Part(j);
            }
        }
        if self.indent_mode && !cur.closed && u.level == 0 {
            // Indented: a paragraph (perhaps a sub-heading, even one with its
            // own byline in a feature of several parts). Not indented: a headline.
            return if u.indented { HeadRole::Sub } else { HeadRole::Start };
        }
        // the headline printed again as the first line of its text (the
        // title of a document printed in full): a sub-heading of the text
        if cur.paras.is_empty() && !cur.closed && u.level == 0 && cur.heads.iter().any(|h| same_text(&h.text, &u.text))
        {
            return HeadRole::Sub;
        }
        // the editors signing their note (`——编 者`) close it, whatever follows
        if u.level == 0 && u.text.trim_start().starts_with('—') && is_editors_note(&u.text) && !cur.paras.is_empty() {
            return HeadRole::Sub;
        }
        if let Some(j) = self.next_part(cur, i).or_else(|| self.first_part(cur, i)) {
            return HeadRole::Part(j);
        }
        // the title of a box inside the text (`记者手记` / `真调研 说实话`)
        if i > 0 && self.units[i - 1].kind == UnitKind::BoxLabel && !cur.closed && !self.strong_start(i) {
            return HeadRole::Sub;
        }
        // a document's title over the date it was adopted, then its text
        let j = self.group_end(i);
        let dated = self.units.get(j).is_some_and(|d| DOCUMENT_DATE.is_match(d.text.trim()));
        if dated && self.units.get(j + 1).is_some_and(|t| t.kind == UnitKind::Text) {
            return HeadRole::Start;
        }
        // An exclamation or a question closing a text, right over the next
        // article's headline and byline (`大伙儿都笑了！` / `渔村新港 渔船满载`
        // / `本报记者 …`), is the last sentence of the text, not a kicker.
        // Under a byline, one opens it.
        let under_byline = i > 0
            && matches!(self.units[i - 1].kind, UnitKind::Byline(_) | UnitKind::Names(_) | UnitKind::Signature(_));
        if !cur.closed && exclaims(&u.text) {
            let j = self.group_end(i);
            if !cur.paras.is_empty() && j > i + 1 && self.strong_start(i + 1) || under_byline && j == i + 1 {
                return HeadRole::Fragment;
            }
        }
        if cur.closed || u.level > 0 || self.strong_start(i) {
            return HeadRole::Start;
        }
        if cur.paras.is_empty() {
            // Under a headline or a column label whose text has not begun, a
            // line that did not join the headline group opens the text
            // (a summary, 提要); under a lone byline it is a headline, and
            // under a photo column's label it titles the first photo.
            let photo_label = cur.heads.is_empty() && matches!(self.column, Some((ArticleKind::Photo, _)));
            return if (cur.heads.is_empty() && cur.column.is_none()) || photo_label {
                HeadRole::Start
            } else {
                HeadRole::Fragment
            };
        }
        // A short line with a date under it at the foot of a text: the 落款.
        if self.group_end(i) == i + 1
            && char_len(&u.text) <= 24
            && self.units.get(i + 1).is_some_and(|n| n.kind == UnitKind::Date)
        {
            return HeadRole::SignOff;
        }
        // A sentence cut by a column break does not end in a column's tag.
        if cur.open && !has_column_tag(&u.text) {
            return HeadRole::Fragment;
        }
        let j = self.group_end(i);
        // The line after a lead-in sub-heading (`城北小学三年级李小雨——`) is its second half.
        let after_lead_in = cur.paras.last().is_some_and(|p| p.role == ParagraphRole::Subheading)
            && cur.sub_shapes.last() == Some(&Shape::LeadIn);
        if after_lead_in {
            return HeadRole::Sub;
        }
        let group = &self.units[i..j];
        let photo_column = matches!(self.column, Some((ArticleKind::Photo, _)));
        if !cur.ended && !photo_column && column_kind(&u.text).is_none() && self.has_sibling(cur, i, j) {
            return HeadRole::Part(j);
        }
        let subtitled = group.iter().skip(1).any(|g| g.text.starts_with('—'));
        let tagged = group.iter().any(|g| has_column_tag(&g.text));
        if subtitled || tagged {
            return HeadRole::Start;
        }
        if group.len() == 1 && has_spaced_halves(&u.text) && !is_enumerated(&u.text) {
            return HeadRole::Start;
        }
        // A kicker ending in `——` over a title reads like a headline group,
        // unless the text after it stays on the article's subject; a kicker
        // that is a sentence of its own (`这场展览在全市各界群众中引起了热烈反响——`),
        // longer than a lead-in naming a person or a place, always does.
        let kicker = group.len() >= 2 && group[0].text.ends_with('—');
        let long_kicker = kicker && line_shape(&group[0].text).is_none();
        if long_kicker || kicker && cohesion(cur, &self.units[j..]) < 2.0 * NEW_TOPIC {
            return HeadRole::Start;
        }
        // After a closing byline, source or credits, even a line set like a
        // sub-heading (`讲好故事，让电影走进观众心里`) heads the next article.
        if cur.ended {
            return HeadRole::Start;
        }
        if u.bold || looks_like_subheading(&u.text) {
            return HeadRole::Sub;
        }
        if column_kind(&u.text).is_some() {
            return HeadRole::Start;
        }
        if let Some((ArticleKind::Photo, _)) = self.column {
            return HeadRole::Start;
        }
        // A short caption that opens with its date: a photo with its title.
        if self.caption_follows(j) && self.units.get(j).is_some_and(|n| DATED.is_match(&n.text)) {
            return HeadRole::Start;
        }
        // No sign either way: a text that goes on about the same things is
        // the same article under a sub-heading; one that shares next to no
        // words with it is a new article (lexical cohesion). The reports of
        // one page often share a theme, so a text whose first sentence says
        // when and where, as a report's lead does, may share more.
        // So may a title over its subtitle (both are read only when needed),
        // and, a little more, a line set unlike the article's sub-headings.
        let c = cohesion(cur, &self.units[j..]);
        let lead = || self.units.get(j).is_some_and(|n| n.kind == UnitKind::Text && opens_as_lead(&n.text));
        if c < NEW_TOPIC
            || c < 2.0 * NEW_TOPIC && (lead() || reads_as_title_pair(group))
            || c < 2.5 * NEW_TOPIC && set_unlike_subheadings(cur, &u.text)
        {
            return HeadRole::Start;
        }
        HeadRole::Sub
    }

    /// Whether the headline-like group `i..j` inside the text of `cur` has a
    /// sibling: an earlier sub-heading of `cur`, or a later line heading a
    /// part of the same text (before anything that starts or ends an
    /// article), set the same way. The sub-headings of one feature are set
    /// alike (`竹椅木桌 原汁原味`, `新茶新客 热闹依旧`; lead-ins ending in
    /// `——`); an article's title seldom repeats the shape of a line in the
    /// text before it.
    fn has_sibling(&self, cur: &Draft, i: usize, j: usize) -> bool {
        const LOOKAHEAD: usize = 80;
        let Some(shape) = head_shape(&self.units[i..j]) else {
            return false;
        };
        if cur.sub_shapes.iter().any(|s| sibling_alike(s, &shape)) {
            return true;
        }
        let mut k = j;
        while k < self.units.len().min(j + LOOKAHEAD) {
            let u = &self.units[k];
            match u.kind {
                UnitKind::Text | UnitKind::Item => {
                    if ends_article(&u.text) {
                        return false;
                    }
                    k += 1;
                }
                UnitKind::BoxLabel => k += 1,
                UnitKind::Head if u.level == 0 && !u.bold => {
                    if self.strong_start(k) {
                        return false;
                    }
                    let e = self.group_end(k);
                    if head_shape(&self.units[k..e]).is_some_and(|s| sibling_alike(&s, &shape)) {
                        return true;
                    }
                    k = e;
                }
                _ => return false,
            }
        }
        false
    }

    /// Where the headline group at `i` ends, when it heads the next part of
    /// the feature `cur`: a feature in parts (a series title over reports
    /// from several places) gives each part a headline set like the first
    /// part's and a byline of its own, and its text opens with no dateline.
    fn next_part(&self, cur: &Draft, i: usize) -> Option<usize> {
        let parted = cur.heads.len() >= 2 || !cur.sub_shapes.is_empty();
        if cur.closed || cur.paras.is_empty() || cur.byline.is_empty() || !parted || self.units[i].level > 0 {
            return None;
        }
        let j = self.group_end(i);
        let k = self.bylines_end(j);
        let opens_text = self.units.get(k).is_some_and(|t| t.kind == UnitKind::Text && !starts_with_dateline(&t.text));
        if k == j || !opens_text {
            return None;
        }
        let shape = signed_shape(&self.units[i..j])?;
        let like_first =
            cur.heads.iter().skip(1).any(|h| line_shape(&h.text).is_some_and(|s| signed_parts_alike(&s, &shape)));
        (like_first || cur.sub_shapes.iter().any(|s| signed_parts_alike(s, &shape))).then_some(j)
    }

    /// Where the headline group at `i` ends, when it heads the first part of
    /// the feature `cur`: a series title with a short introduction and no
    /// byline of its own, then parts each under a headline set alike and
    /// signed (`家乡的早点` / intro / `巷口“豆花摊”` / `甜咸都相宜` / byline).
    fn first_part(&self, cur: &Draft, i: usize) -> Option<usize> {
        const MAX_INTRO_PARAS: usize = 2;
        // an introduction the editors sign (`——编者`, `编者按`) may run longer
        const MAX_NOTE_PARAS: usize = 8;
        let noted = || cur.paras.len() <= MAX_NOTE_PARAS && cur.paras.iter().any(|p| is_editors_note(&p.text));
        let intro = !cur.heads.is_empty() && (cur.paras.len() <= MAX_INTRO_PARAS || noted());
        if cur.closed || !intro || !cur.byline.is_empty() || !cur.sub_shapes.is_empty() || self.units[i].level > 0 {
            return None;
        }
        let j = self.group_end(i);
        let k = self.bylines_end(j);
        let shape = signed_shape(&self.units[i..j])?;
        (k > j && self.later_part_alike(k, &shape, true)).then_some(j)
    }

    /// A series title over the first part of a feature in parts, in one
    /// group (`节日走一线 岗位见真情` / `城西火车站32名客运员——` /
    /// `全员不休假`, or `年货·灯会` / `四川自贡` / `千盏彩灯照古城`, then a
    /// byline), when a later part is set alike: where the part's headline
    /// begins (`m`), the group ends (`j`), and the part's shape.
    fn series_split(&self, i: usize) -> Option<(usize, usize, Shape)> {
        let j = self.group_end(i);
        // parts signed each by its reporter, or lead-ins that name whom each part is about
        let k = self.bylines_end(j);
        let signed = k > j;
        (i + 1..j).find_map(|m| {
            let shape = if signed { signed_shape(&self.units[m..j])? } else { head_shape(&self.units[m..j])? };
            ((shape == Shape::LeadIn || signed) && self.later_part_alike(k, &shape, signed)).then_some((m, j, shape))
        })
    }

    /// Whether the next headline after `k` (before anything else that is
    /// not text) heads a part set like `shape`, signed as the first part is.
    fn later_part_alike(&self, k: usize, shape: &Shape, signed: bool) -> bool {
        const LOOKAHEAD: usize = 80;
        let mut n = k;
        while n < self.units.len().min(k + LOOKAHEAD) {
            let u = &self.units[n];
            match u.kind {
                UnitKind::Text | UnitKind::Item | UnitKind::BoxLabel => n += 1,
                // an exclamation or a question is most likely a sentence of the text
                UnitKind::Head if u.level == 0 && exclaims(&u.text) => n += 1,
                UnitKind::Head if u.level == 0 => {
                    let e = self.group_end(n);
                    let group = &self.units[n..e];
                    let bylined = self.bylines_end(e) > e;
                    // a line with no byline under it between signed parts is
                    // a sub-heading of the part before
                    if signed && !bylined && e - n == 1 && !has_column_tag(&u.text) {
                        n = e;
                        continue;
                    }
                    return if signed {
                        signed_shape(group).is_some_and(|s| signed_parts_alike(&s, shape))
                    } else {
                        head_shape(group).is_some_and(|s| part_alike(&s, shape))
                    } && bylined == signed;
                }
                _ => return false,
            }
        }
        false
    }

    /// The bylines `j..k` under a headline, as one.
    fn bylines_in(&self, j: usize, k: usize) -> Byline {
        let mut byline = Byline::default();
        for u in &self.units[j..k] {
            match &u.kind {
                UnitKind::Byline(b) => byline.merge(b.clone()),
                UnitKind::Signature(a) => byline.authors.push(a.clone()),
                UnitKind::Names(n) => byline.merge(Byline { reporters: n.clone(), ..Byline::default() }),
                _ => {}
            }
        }
        byline
    }

    /// Opens a feature in parts: the series title `i..m` is its headline, the
    /// first part's headline `m..j` its first sub-headings, and the part's
    /// bylines its byline. Returns the index after them.
    fn start_series(&mut self, i: usize, m: usize, j: usize, shape: Shape) -> usize {
        self.column = None;
        let heads = self.units[i..m].iter().map(|u| HeadLine { text: u.text.clone(), level: u.level }).collect();
        let head_spans = self.units[i..m].iter().map(|u| u.span).collect();
        let mut d = Draft { heads, head_spans, sub_shapes: vec![shape], ..Draft::default() };
        d.touch(self.units[i].span.cover(self.units[m - 1].span));
        self.drafts.push(d);
        for part in &self.units[m..j] {
            self.add_paragraph(part, ParagraphRole::Subheading);
        }
        let k = self.bylines_end(j);
        let byline = self.bylines_in(j, k);
        if let Some(d) = self.drafts.last_mut() {
            d.byline.merge(byline);
            d.touch(self.units[j..k].iter().fold(self.units[m].span, |s, u| s.cover(u.span)));
        }
        k
    }

    /// Reads the headline group at `i` and its bylines; returns the index after them.
    fn start_group(&mut self, i: usize) -> usize {
        let j = self.group_end(i);
        let k = self.bylines_end(j);
        let heads: Vec<HeadLine> =
            self.units[i..j].iter().map(|u| HeadLine { text: u.text.clone(), level: u.level }).collect();
        let head_spans: Vec<Span> = self.units[i..j].iter().map(|u| u.span).collect();
        let byline = self.bylines_in(j, k);
        let span = self.units[i].span.cover(self.units[k - 1].span);
        let next = self.units.get(k);
        let orphan = next.is_none_or(|n| {
            // (an exclamation or a question under the byline opens the text)
            matches!(n.kind, UnitKind::Column(_) | UnitKind::Teaser(..))
                || (n.kind == UnitKind::Head && k > j && !exclaims(&n.text))
        });
        let continues_host = next.is_some_and(|n| {
            n.kind == UnitKind::Text && !starts_with_dateline(&n.text) && !(self.indent_mode && n.indented)
        });
        // A headline printed after its text (orphan) or in the middle of it
        // (the text after it continues the open sentence before it) belongs
        // to the headless text before it.
        if let Some(host) = self.drafts.last_mut() {
            let headless = host.is_headless() && !host.paras.is_empty();
            if headless && (orphan || (host.open && continues_host)) {
                host.heads = heads;
                host.head_spans = head_spans;
                host.byline.merge(byline);
                host.touch(span);
                return k;
            }
        }
        if orphan {
            // A notice's 落款: the signing body on its own line at the very end.
            if let Some(host) = self.drafts.last_mut() {
                if next.is_none()
                    && k == j
                    && j - i == 1
                    && matches!(host.kind, Some(ArticleKind::Notice | ArticleKind::Letter))
                {
                    host.byline.authors.push(Author { name: clean_inline(&self.units[i].text), role: None });
                    host.touch(span);
                    return k;
                }
            }
            // one leftover for the group: a line the classifier cut in two
            // (`本报 本报3月18日讯 …`) stays inside one span
            let text = self.units[i..k].iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join(" ");
            self.leftovers.push(Leftover {
                text,
                reason: "headline or byline with no text after it".to_string(),
                span,
            });
            return k;
        }
        let in_photo_column = matches!(self.column, Some((ArticleKind::Photo, _)));
        let photo_item =
            in_photo_column && byline.reporters.is_empty() && byline.authors.is_empty() && self.caption_follows(k);
        let mut d = Draft { heads, head_spans, byline, ..Draft::default() };
        if photo_item {
            if let Some((kind, label)) = &self.column {
                d.kind = Some(*kind);
                d.column = Some(label.clone());
            }
        } else {
            self.column = None;
        }
        d.touch(span);
        // `（上接第N版）` and then the headline repeated: one article
        if self.drafts.last().is_some_and(|p| p.is_empty() && p.continued_from.is_some()) {
            if let Some(prev) = self.drafts.pop() {
                d.continued_from = prev.continued_from;
                if let Some(s) = prev.span {
                    d.touch(s);
                }
            }
        }
        self.drafts.push(d);
        k
    }

    /// Whether the text from `k` up to the next headline is as short as a
    /// photo caption: one or two paragraphs, a few sentences.
    fn caption_follows(&self, k: usize) -> bool {
        let (paras, chars) = self.text_until_headline(k);
        paras <= 2 && chars <= 300
    }

    /// Whether the text from `k` up to the next headline is as short as an
    /// item in a column of briefs: a few short paragraphs, a few hundred
    /// characters.
    fn brief_follows(&self, k: usize) -> bool {
        let (paras, chars) = self.text_until_headline(k);
        (1..=6).contains(&paras) && chars <= 500
    }

    /// The paragraphs and characters of text from `k` up to the next headline.
    fn text_until_headline(&self, k: usize) -> (usize, usize) {
        let mut chars = 0;
        let mut paras = 0;
        for u in &self.units[k..] {
            match u.kind {
                UnitKind::Text | UnitKind::Item => {
                    chars += char_len(&u.text);
                    paras += 1;
                }
                UnitKind::Byline(_) => {}
                _ => break,
            }
        }
        (paras, chars)
    }

    fn open_column(&mut self, u: &Unit, kind: ArticleKind) {
        let label = clean_inline(&u.text);
        let d = Draft { kind: Some(kind), column: Some(label.clone()), span: Some(u.span), ..Draft::default() };
        self.drafts.push(d);
        self.column = Some((kind, label));
    }

    fn add_byline(&mut self, u: &Unit, b: Byline) {
        match self.drafts.last_mut() {
            Some(d) if !d.closed || d.paras.is_empty() => {
                // under the title of a part, a byline signs the part; under text, it ends the article
                if d.paras.last().is_some_and(|p| p.role != ParagraphRole::Subheading) {
                    d.ended = true;
                }
                d.byline.merge(b);
                d.touch(u.span);
            }
            _ => {
                let d = Draft { byline: b, span: Some(u.span), ..Draft::default() };
                self.drafts.push(d);
            }
        }
    }

    /// A bulleted item: in a column the bullet is layout and goes; elsewhere
    /// (a summary under a headline, a list) it is kept as printed.
    fn add_item(&mut self, u: &Unit) {
        let in_column = self.column.is_some();
        let d = self.fresh_draft_for_text();
        if in_column {
            let rest = strip_bullet(&u.text).1;
            let start = u.span.end - rest.len();
            let item = Unit { text: rest.to_string(), span: Span::new(start, u.span.end), ..u.clone() };
            push_paragraph(d, &item, ParagraphRole::Item);
            d.touch(u.span);
        } else {
            push_paragraph(d, u, ParagraphRole::Text);
        }
    }

    fn add_paragraph(&mut self, u: &Unit, role: ParagraphRole) {
        let d = self.fresh_draft_for_text();
        push_paragraph(d, u, role);
    }

    fn add_text(&mut self, u: &Unit) {
        let in_column = self.column.is_some();
        let new_paragraph = self.indent_mode && u.indented;
        let d = self.fresh_draft_for_text();
        if d.open && !new_paragraph && !starts_with_dateline(&u.text) {
            append_to_last(d, u);
        } else {
            let role = if in_column && d.heads.is_empty() { ParagraphRole::Item } else { ParagraphRole::Text };
            push_paragraph(d, u, role);
        }
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
    let closing_note = !d.paras.is_empty()
        && ((text.starts_with('（') && text.ends_with('）')) || (text.starts_with('(') && text.ends_with(')')));
    d.paras.push(Paragraph { text, role, span: u.span });
    d.touch(u.span);
    read_paragraph_end(d);
    if closing_note {
        d.ended = true;
    }
}

/// How a headline-like line is set, for telling sub-headings of one text
/// by their likeness: a lead-in ending in `——`, or the lengths of its
/// space-separated parts (`[4, 4]`, `[10]`) when it is short and no sentence.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    LeadIn,
    Parts(Vec<usize>),
    /// A group of such lines: a label over a title (`看展新去处` / `走进场馆 品味艺术`).
    Stack(Vec<Vec<usize>>),
    /// Lines of any form, so many: the headline of a signed part in a
    /// series (`kicker` / `title` / byline), told only by its byline.
    Lines(usize),
}

fn line_shape(text: &str) -> Option<Shape> {
    let text = without_photo_pointer(text.trim());
    if text.ends_with("——") {
        // a lead-in names a person or a place, briefly
        return (char_len(text) <= 22).then_some(Shape::LeadIn);
    }
    plain_parts(text, 4..=16)
}

/// A headline without its pointer to the photo beside it (`（见图）`), which
/// is no column tag and no part of how the headline is set.
fn without_photo_pointer(text: &str) -> &str {
    ["（见图）", "(见图)", "（附图）", "（图）"].iter().find_map(|p| text.strip_suffix(p)).map_or(text, str::trim_end)
}

/// The parts of a plain headline (see [`is_plain`]) of so many characters.
fn plain_parts(text: &str, chars: std::ops::RangeInclusive<usize>) -> Option<Shape> {
    let parts = word_counts(text);
    let total: usize = parts.iter().sum();
    (is_plain(text) && chars.contains(&total)).then_some(Shape::Parts(parts))
}

/// The length of each space-separated part of a headline, in characters,
/// quotation marks left out (`巷口“豆花摊”` is five).
fn word_counts(text: &str) -> Vec<usize> {
    text.split_whitespace().map(|p| p.chars().filter(|&c| !is_quote(c)).count()).collect()
}

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’')
}

/// Whether a headline is words alone, perhaps quoted (`巷口“豆花摊”`): no
/// figures, no punctuation that makes it a sentence.
fn is_plain(text: &str) -> bool {
    text.chars().all(|c| is_han(c) || c.is_whitespace() || is_quote(c))
}

/// The most characters of a label over a title (`开罗`, `四川自贡`).
const LABEL_CHARS: usize = 6;

/// A label too short for [`line_shape`]: a place or a word over a title (`开罗`).
fn label_shape(text: &str) -> Option<Shape> {
    plain_parts(text, 2..=LABEL_CHARS)
}

/// Whether two headlines are set alike as the parts of a feature are: both
/// lead-ins, or both in as many spaced parts (`山村邮路 一人一车`,
/// `地铁检修 通宵作业`).
fn part_alike(a: &Shape, b: &Shape) -> bool {
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
fn signed_parts_alike(a: &Shape, b: &Shape) -> bool {
    let lines = |s: &Shape| match s {
        Shape::Stack(lines) => lines.len(),
        Shape::Lines(n) => *n,
        _ => 1,
    };
    part_alike(a, b) || a == b || lines(a) >= 2 && lines(a) == lines(b)
}

/// The shape of a signed part's headline group: as [`head_shape`], or for
/// two lines or more of other forms, their number.
fn signed_shape(group: &[Unit]) -> Option<Shape> {
    head_shape(group).or_else(|| (group.len() >= 2).then_some(Shape::Lines(group.len())))
}

/// Whether two sub-headings are set alike: the same shape, or both in as
/// many spaced parts (`政府牵头  社会参与`, `有人陪伴  晚年更安心`).
fn sibling_alike(a: &Shape, b: &Shape) -> bool {
    a == b || matches!((a, b), (Shape::Parts(_), Shape::Parts(_))) && part_alike(a, b) || labels_alike(a, b)
}

/// Whether two stacks open with a short label each (`柏林` / `音乐会奏响民乐`,
/// `开罗` / `尼罗河畔赏彩灯`; `四川自贡` / `千盏彩灯照古城，游人…`): the parts
/// of a feature from several places, whose labels differ in length.
fn labels_alike(a: &Shape, b: &Shape) -> bool {
    label_of(a).is_some_and(|x| Some(x) == label_of(b))
}

/// A stack under a short label: its number of lines and the label's parts.
fn label_of(s: &Shape) -> Option<(usize, usize)> {
    match s {
        Shape::Stack(lines) if lines.len() >= 2 && lines[0].iter().sum::<usize>() <= LABEL_CHARS => {
            Some((lines.len(), lines[0].len()))
        }
        _ => None,
    }
}

/// The shape of a headline group: a lead-in over its line, a single line,
/// or a stack of plain lines.
fn head_shape(group: &[Unit]) -> Option<Shape> {
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
fn reads_as_title_pair(group: &[Unit]) -> bool {
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
enum SubForm {
    Clause,
    Words(usize),
    /// Figures, letters or marks (`新风·新貌`, `1200万元`): a form of its own.
    Other,
}

fn sub_form(text: &str) -> SubForm {
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
fn set_unlike_subheadings(cur: &Draft, line: &str) -> bool {
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
    d.touch(u.span);
    read_paragraph_end(d);
}

/// Boxes that stand at the head of an article, before its first paragraph.
const OPENING_BOXES: &[&str] = &["核心阅读", "编者按", "开栏的话", "编者的话", "引子"];

/// Below this [`cohesion`], the text after a headline-like line is about
/// something else than the article before it. Chosen on 人民日报 pages of
/// February 2019 (seed 11), checked on October; see the README's figures.
const NEW_TOPIC: f32 = 0.03;

/// Characters too common to say what a text is about.
const COMMON: &str = "的了是在和与及也而将对为有这我们他她它你其中上下不一个人以于就都要从到把被让等年月日时";

/// Pairs of adjacent Han characters in `text`, leaving out the common ones.
fn bigrams(text: &str, into: &mut std::collections::HashSet<(char, char)>) {
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if !is_han(c) {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            if !COMMON.contains(p) && !COMMON.contains(c) {
                into.insert((p, c));
            }
        }
        prev = Some(c);
    }
}

/// How much the text after a candidate headline shares with the article
/// before it: the cosine of their sets of character pairs, 0..=1, over about
/// the last and next `WINDOW` characters.
fn cohesion(before: &Draft, after: &[Unit]) -> f32 {
    const WINDOW: usize = 600;
    let mut a = std::collections::HashSet::new();
    let mut taken = 0;
    for p in before.paras.iter().rev() {
        bigrams(&p.text, &mut a);
        taken += p.text.len() / 3;
        if taken >= WINDOW {
            break;
        }
    }
    for h in &before.heads {
        bigrams(&h.text, &mut a);
    }
    let mut b = std::collections::HashSet::new();
    let mut taken = 0;
    for u in after.iter().take_while(|u| matches!(u.kind, UnitKind::Text | UnitKind::Item | UnitKind::Head)) {
        bigrams(&u.text, &mut b);
        taken += u.text.len() / 3;
        if taken >= WINDOW {
            break;
        }
    }
    if a.is_empty() || b.is_empty() {
        return 1.0;
    }
    let shared = a.intersection(&b).count() as f32;
    shared / ((a.len() * b.len()) as f32).sqrt()
}

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

/// Reads the end of the last paragraph: `(下转第2版)`, `(来源：…)`, `（记者 张三）`.
fn read_paragraph_end(d: &mut Draft) {
    let several = d.paras.len() > 1;
    let Some(p) = d.paras.last_mut() else { return };
    loop {
        if let Some((page, at)) = continued_to(&p.text) {
            d.continued_to = Some(page);
            d.closed = true;
            p.text.truncate(at);
            continue;
        }
        if let Some((source, at)) = source_at_end(&p.text) {
            if at > 0 || several {
                d.source = Some(source);
                d.ended = true;
                p.text.truncate(at);
                continue;
            }
        }
        if let Some(c) = TRAILING_BYLINE.captures(&p.text) {
            let start = c.get(0).map_or(0, |m| m.start());
            if start > 0 && ends_sentence(&p.text[..start]) {
                if let Some(b) = parse_bracketed(&c[1]) {
                    d.byline.merge(b);
                    d.ended = true;
                    p.text.truncate(start);
                    continue;
                }
            }
        }
        break;
    }
    let trimmed = p.text.trim_end().len();
    p.text.truncate(trimmed);
    d.open = !p.text.is_empty() && !ends_sentence(&p.text) && p.role != ParagraphRole::Subheading;
    if p.text.is_empty() {
        d.paras.pop();
        d.open = false;
    }
}

static NOTICE_WORDS: &[&str] = &["小启", "启事", "公告", "通告", "声明", "通知", "须知"];
static LETTER_WORDS: &[&str] =
    &["贺词", "献词", "公开信", "倡议书", "慰问信", "贺信", "感谢信", "一封信", "致辞", "寄语", "家书"];
static COMMENTARY_WORDS: &[&str] = &["评论员", "社论", "短评", "时评", "述评"];

fn guess_kind(d: &Draft, title: &str) -> ArticleKind {
    if let Some(k) = d.kind {
        return k;
    }
    let salutation = d.paras.first().is_some_and(|p| is_salutation(&p.text));
    if LETTER_WORDS.iter().any(|w| title.contains(w)) || salutation {
        ArticleKind::Letter
    } else if NOTICE_WORDS.iter().any(|w| title.ends_with(w) || title == *w) {
        ArticleKind::Notice
    } else if COMMENTARY_WORDS.iter().any(|w| title.contains(w)) {
        ArticleKind::Commentary
    } else {
        ArticleKind::News
    }
}

/// `居民朋友们:`, `亲爱的同学们：`, `尊敬的各位来宾：`.
fn is_salutation(text: &str) -> bool {
    let t = text.trim();
    (t.ends_with('：') || t.ends_with(':')) && (2..=16).contains(&char_len(t)) && !t.contains(['，', '。'])
}

/// Takes the 落款 (signing body, date) off the foot of a notice or letter.
fn take_sign_off(d: &mut Draft) {
    for _ in 0..2 {
        let Some(last) = d.paras.last() else { return };
        let t = last.text.trim();
        let short = char_len(t) <= 24 && !ends_sentence(t) && !t.contains(['，', ',']);
        if !short || d.paras.len() < 2 {
            return;
        }
        if t.chars().filter(|c| is_han(*c)).count() < 2 {
            return;
        }
        d.byline.authors.push(Author { name: clean_inline(t), role: None });
        d.paras.pop();
    }
}

fn infer_title(d: &Draft) -> String {
    let first = d.paras.iter().find(|p| p.role != ParagraphRole::Subheading).or(d.paras.first());
    let Some(p) = first else { return String::new() };
    let text = clean_inline(&p.text);
    let text = match d.dateline.as_deref() {
        Some(dl) => text.strip_prefix(dl).unwrap_or(&text).trim_start().to_string(),
        None => text,
    };
    let cut = text
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '，' | '！' | '？' | '；' | ',' | ';'))
        .map_or(text.len(), |(i, _)| i);
    let mut title: String = text[..cut].chars().take(24).collect();
    if title.len() < text.len() {
        title.push('…');
    }
    title
}

fn finish(mut d: Draft, leftovers: &mut Vec<Leftover>) -> Option<Article> {
    if d.paras.is_empty() {
        if d.is_empty() {
            // only markers (a continuation from another page): kept as well
            if let (Some(span), Some(text)) = (d.span, d.from_marker.take()) {
                leftovers.push(Leftover {
                    text,
                    reason: "continuation marker with no text after it".to_string(),
                    span,
                });
            }
        } else {
            let span = d.span.unwrap_or_default();
            let text = d.heads.iter().map(|h| h.text.as_str()).collect::<Vec<_>>().join(" ");
            let text = if text.is_empty() { d.column.clone().unwrap_or_default() } else { text };
            leftovers.push(Leftover { text, reason: "headline or column label with no text".to_string(), span });
        }
        return None;
    }
    let mut headline = if d.heads.is_empty() {
        match &d.column {
            Some(label) => Headline { title: label.clone(), ..Headline::default() },
            None => Headline { title: infer_title(&d), inferred: true, ..Headline::default() },
        }
    } else {
        split_headline(&d.heads)
    };
    if headline.title.is_empty() {
        headline.title = infer_title(&d);
        headline.inferred = true;
    }
    let kind = guess_kind(&d, &headline.title);
    if matches!(kind, ArticleKind::Notice | ArticleKind::Letter) && d.signed_date.is_some() {
        take_sign_off(&mut d);
    }
    let dateline_text = d.dateline.clone();
    let paragraphs = d
        .paras
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            // keep the space that sets a dateline off from the text after it
            let text = match dateline_text
                .as_deref()
                .and_then(|dl| p.text.strip_prefix(dl).filter(|_| i == 0).map(|r| (dl, r)))
            {
                Some((dl, rest)) if rest.starts_with(char::is_whitespace) => {
                    format!("{dl} {}", clean_inline(rest))
                }
                _ => clean_inline(&p.text),
            };
            Paragraph { text, ..p }
        })
        .filter(|p| !p.text.is_empty())
        .collect();
    Some(Article {
        kind,
        column: d.column,
        headline,
        byline: d.byline,
        dateline: d.dateline,
        source: d.source,
        continued_to_page: d.continued_to,
        continued_from_page: d.continued_from,
        page: None,
        signed_date: d.signed_date,
        paragraphs,
        span: d.span.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::{set_unlike_subheadings, Draft};
    use crate::model::{Paragraph, ParagraphRole, Span};
    use crate::parse;

    fn subheadings(a: &crate::model::Article) -> Vec<&str> {
        a.paragraphs.iter().filter(|p| p.role == ParagraphRole::Subheading).map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn an_indented_lead_before_the_dateline_is_text_where_paragraphs_are_indented() {
        let text = "# 示例区夜市人气旺\n\n\u{3000}\u{3000}国庆假期示例区夜市客流同比增长三成，小吃摊位前排起长队，夜市管理方延长营业时间、增设临时停车位，周边商户也推出了各类优惠活动吸引游客前来消费\n                    \u{3000}\u{3000}本报示例10月8日电 （记者张三）假期里，示例区夜市迎来客流高峰。\n                    \u{3000}\u{3000}夜市管理方表示，将继续延长营业时间。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.title, "示例区夜市人气旺");
        assert!(a.body().starts_with("国庆假期示例区夜市客流"), "{}", a.body());
    }

    #[test]
    fn sub_headings_set_alike_stay_in_their_article() {
        let text = "老茶馆 新茶客\n\n老街口的茶馆开了六十年，一壶茶泡出半条街的故事。\n\n竹椅木桌 原汁原味\n\n茶馆里的陈设，几十年没怎么变过。\n\n\
                    新茶新客 热闹依旧\n\n年轻人也爱来这里喝盖碗茶。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert_eq!(subheadings(&issue.articles[0]), ["竹椅木桌原汁原味", "新茶新客热闹依旧"]);
    }

    #[test]
    fn lead_ins_set_alike_stay_in_their_article() {
        let text = "假期里的忙碌\n\n放假了，孩子们各有各的安排。\n\n城北小学三年级李小雨——\n\n“我在学做剪纸”\n\n\
                    她跟着奶奶学了一个月。\n\n城南中学初二王子涵——\n\n“我想造一个机器人”\n\n他每天都去少年宫。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert_eq!(subheadings(&issue.articles[0]).len(), 4);
    }

    #[test]
    fn a_line_set_unlike_the_others_with_a_new_subject_starts_an_article() {
        let text = "老茶馆 新茶客\n\n老街口的茶馆开了六十年，一壶茶泡出半条街的故事。\n\n竹椅木桌 原汁原味\n\n茶馆里的陈设，几十年没怎么变过。\n\n\
                    新茶新客 热闹依旧\n\n年轻人也爱来这里喝盖碗茶。\n\n\
                    北极海冰面积创新低\n\n九月中旬，卫星观测显示，北冰洋的海冰面积降到有记录以来的第二低。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    }

    #[test]
    fn the_parts_of_a_feature_with_their_own_bylines_are_one_article() {
        let text = "节日走一线 岗位见真情\n\n山村邮路 一人一车\n\n本报记者 杜明远\n\n春节这几天，乡邮员照常出班。\n\n\
                    地铁检修 通宵作业\n\n本报记者 孙悦\n\n记者走进车辆段，检修工正在检查列车。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.title, "节日走一线 岗位见真情");
        assert_eq!(a.byline.reporters, ["杜明远", "孙悦"]);
        assert_eq!(subheadings(a), ["山村邮路一人一车", "地铁检修通宵作业"]);
    }

    #[test]
    fn news_items_with_their_own_datelines_are_not_parts() {
        let text = "节日走一线 岗位见真情\n\n山村邮路 一人一车\n\n本报记者 杜明远\n\n春节这几天，乡邮员照常出班。\n\n\
                    地铁检修 通宵作业\n\n本报记者 孙悦\n\n本报南京2月14日电 记者走进车辆段，检修工正在检查列车。\n";
        assert_eq!(parse(text).articles.len(), 2);
    }

    #[test]
    fn labels_over_titles_set_alike_are_sub_headings() {
        let text =
            "假日消费新气象\n\n今年假日消费有了新变化。\n\n看展新去处\n\n走进场馆 品味艺术\n\n美术馆里排起了长队。\n\n\
                    吃饭新花样\n\n网上订餐 上桌更快\n\n不少家庭选择网上订年夜饭。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert_eq!(subheadings(&issue.articles[0]).len(), 4);
    }

    #[test]
    fn a_title_over_a_lead_that_says_when_and_where_starts_an_article_on_the_same_theme() {
        // both texts speak of flower markets; the second opens as a report does
        let text = "花市里的年味\n\n春节将至，花市里挤满了买年宵花的市民。花市的摊主说，今年的年宵花卖得好。\n\n\
                    花卉电商生意旺\n\n日前，江苏省宿迁市沭阳县的花卉电商开始发货，一盆盆年宵花经快递销往全国各地，订单比往年多了三成。\n";
        let issue = parse(text);
        let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
        assert_eq!(titles, ["花市里的年味", "花卉电商生意旺"]);
        // without the lead, the same line is a sub-heading of the first text
        let text = text.replace("日前，江苏省宿迁市沭阳县的", "");
        assert_eq!(parse(&text).articles.len(), 1);
    }

    #[test]
    fn a_line_set_unlike_the_articles_subheadings_reads_as_a_headline() {
        let draft = |subs: &[&str]| {
            let mut d = Draft::default();
            for s in subs {
                for (text, role) in
                    [(*s, ParagraphRole::Subheading), ("街道里的事，大家商量着办。", ParagraphRole::Text)]
                {
                    d.paras.push(Paragraph { text: text.to_string(), role, span: Span::default() });
                }
            }
            d
        };
        // on a page whose articles share a theme: two sub-headings set as
        // clauses, then a line of plain words over a text about other things
        let text = "停车难题如何破\n\n本报记者走访多个小区，听居民说停车的难处。\n\n路边停车，告别乱收费\n\n\
                    街道在路边施划停车位，统一收费标准，居民停车不再被乱收费。\n\n共享单车，划出停放区\n\n\
                    街道为共享单车划出停放区，车辆停放整齐了，人行道畅通了。\n\n老楼加装电梯\n\n\
                    老旧小区加装电梯，楼组长挨家挨户征求意见，居民投票通过后，工程队进场施工，预计年底前完工。\n";
        let titles: Vec<String> = parse(text).articles.into_iter().map(|a| a.headline.title).collect();
        assert_eq!(titles, ["停车难题如何破", "老楼加装电梯"]);
        // the same line set as a clause, like the sub-headings, stays one of them
        assert_eq!(parse(&text.replace("老楼加装电梯", "老楼加装，电梯进场")).articles.len(), 1);
        // clauses with commas, then plain words: unlike
        let clauses = draft(&["路边停车，告别乱收费", "共享单车，划出停放区"]);
        assert!(set_unlike_subheadings(&clauses, "代表走进居民区"));
        assert!(!set_unlike_subheadings(&clauses, "充电设施，还要再加强"));
        // plain words of about one length: a line far longer or shorter is unlike
        let words = draft(&["访农户问冷暖", "修水渠保灌溉", "办夜校教技术"]);
        assert!(set_unlike_subheadings(&words, "两地协作办培训班拓宽就业路"));
        assert!(set_unlike_subheadings(&words, "回声"));
        assert!(!set_unlike_subheadings(&words, "建书屋送图书"));
        assert!(!set_unlike_subheadings(&words, "山水相依 古今相望"));
        // figures or marks set a line apart in a way of its own: no sign
        assert!(!set_unlike_subheadings(&clauses, "新风·新貌"));
        // one sub-heading, or sub-headings set in different ways, show no form
        assert!(!set_unlike_subheadings(&draft(&["路边停车，告别乱收费"]), "代表走进居民区"));
        assert!(!set_unlike_subheadings(&draft(&["路边停车，告别乱收费", "访农户问冷暖"]), "代表走进居民区"));
        // a box at an article's head is no sub-heading
        assert!(!set_unlike_subheadings(&draft(&["核心阅读", "路边停车，告别乱收费"]), "代表走进居民区"));
    }

    #[test]
    fn exclamations_in_the_text_of_signed_parts_are_sentences() {
        let text = "年味在一线 温情满人间\n\n渔村新港 渔船满载\n\n本报记者 李明\n\n老周真能干！\n\n\
                    天刚亮，老周就驾着渔船出了海，回港时舱里装满了鱼。\n\n码头上的人都围过来看热闹，纷纷夸他。\n\n\
                    大伙儿都笑了！\n\n山城夜市 灯火通明\n\n本报记者 王海\n\n夜幕降临，山城的夜市热闹起来。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.title, "年味在一线 温情满人间");
        assert_eq!(a.byline.reporters, ["李明", "王海"]);
        assert_eq!(subheadings(a), ["渔村新港渔船满载", "山城夜市灯火通明"]);
        assert!(a.paragraphs.iter().any(|p| p.text == "大伙儿都笑了！"));
        // under a single article's byline too
        let issue = parse("渔村新港 渔船满载\n\n本报记者 李明\n\n老周真能干！\n\n天刚亮，老周就出了海。\n");
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue);
        assert_eq!(issue.articles[0].headline.title, "渔村新港 渔船满载");
        assert_eq!(issue.articles[0].paragraphs[0].text, "老周真能干！");
    }

    #[test]
    fn a_series_introduced_by_its_editors_heads_its_signed_parts() {
        let text = "家门口的新变化（系列报道①）\n\n春节回乡，处处是新变化。\n\n——编 者\n\n\
                    “老家的路修好了，回家更方便了。”\n\n“村里办起了合作社。”\n\n——村民\n\n\
                    山路弯弯\n\n通到家\n\n本报记者 王海\n\n沿着山路往北走，就到了村口。\n\n\
                    祖孙两辈\n\n说变化\n\n本报记者 李明采访整理\n\n忙碌了一年，一家人围坐在一起。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert_eq!(issue.articles[0].byline.reporters, ["王海", "李明"]);
        // without the editors' signature, so long an opening is an article of its own
        let issue = parse(&text.replace("——编 者", "——村干部"));
        assert_eq!(issue.articles.len(), 3, "{:#?}", issue.articles);
    }

    #[test]
    fn a_sub_heading_inside_a_signed_part_does_not_hide_the_next_part() {
        let text = "年货市场探访\n\n编者的话\n\n年货备得怎么样？记者走进各地市场。\n\n\
                    江城扩大货源\n\n鲜鱼品种更多了\n\n本报记者 李明\n\n清早，江边的鱼市就热闹起来，摊主忙着卸货，鲜鱼一筐筐摆上摊位。\n\n\
                    摊位前排起长队\n\n鱼市的摊位前，顾客排着长队，摊主忙着称重，鲜鱼卖得快。\n\n\
                    山城稳定价格\n\n腊肉价格不涨反降\n\n本报记者 王海\n\n山城的腊肉铺前，顾客挑挑拣拣。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert_eq!(issue.articles[0].byline.reporters, ["李明", "王海"]);
        assert!(subheadings(&issue.articles[0]).contains(&"摊位前排起长队"));
    }

    #[test]
    fn signed_parts_under_a_series_title_however_their_headlines_are_set() {
        let one = |text: &str| {
            let issue = parse(text);
            assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
            assert!(issue.leftovers.is_empty(), "{:#?}", issue.leftovers);
            issue.articles.into_iter().next().map(|a| a.headline.title).unwrap_or_default()
        };
        // a part's headline pointing to its photo
        let text = "节日一线·坚守岗位\n\n巡检管道 守护安全（见图）\n\n本报记者 李明摄影报道\n\n\
                    除夕夜，巡检员沿着管道一站站检查。\n\n随车出行 保障平安\n\n王海 赵平\n\n\
                    大年三十，列车机械师在车厢里巡视。\n";
        assert_eq!(one(text), "节日一线·坚守岗位");
        // a series title of two lines over the first part's, in one group
        let text = text.replace("节日一线·坚守岗位", "节日一线\n\n坚守岗位 服务群众");
        assert_eq!(one(&text), "坚守岗位 服务群众");
        // a title with its column's tag and a subtitle over the first part
        let text = "一线暗访 履职尽责（深度观察）\n\n——基层干部工作日见闻\n\n直奔现场查看实情\n\n\
                    本报记者 李明\n\n检查组一早就出发了。\n\n翻山越岭督导工作\n\n本报记者 王海\n\n\
                    山路弯弯，督导组走进村里。\n";
        assert_eq!(one(text), "一线暗访 履职尽责（深度观察）");
        // parts headed by the hour and the place over a quotation
        let text = "节后第一天 干劲足（基层观察）\n\n核心阅读\n\n节后第一天，干部们状态如何？\n\n\
                    9时 城东街道服务中心\n\n“窗口准时开门，群众不用等”\n\n本报记者 李明\n\n\
                    一大早，服务中心门口就排起了队。\n\n11时 城西煤矿\n\n“吃完饭接着下井”\n\n\
                    王海 赵平\n\n矿工们换好工装，坐上了下井的车。\n\n15时 高新区路口\n\n\
                    “今天车多，得盯紧点”\n\n本报记者 周阳\n\n路口车流不断，交警指挥着车辆。\n";
        assert_eq!(one(text), "节后第一天 干劲足（基层观察）");
    }

    #[test]
    fn the_editors_signature_over_a_box_stays_in_its_article() {
        let text = "扶一把 走得稳（政策解读①）\n\n企业遇到了困难，政策如何帮一把？本版推出系列报道。\n\n——编  者\n\n\
                    核心阅读\n\n减税降费，企业负担轻了。\n\n走进一家工厂，车间里机器轰鸣。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert!(subheadings(&issue.articles[0]).contains(&"——编者"));
    }

    #[test]
    fn places_over_titles_are_the_parts_of_one_feature() {
        let text = "海外过大年\n\n世界各地举办活动，欢度中国春节。\n\n柏林\n\n音乐会奏响民乐\n\n\
                    音乐厅里，乐团奏起二胡曲，台下观众跟着打拍子。\n\n悉尼\n\n港湾里舞龙舞狮\n\n\
                    海边步道挂起红灯笼，小朋友学写福字。\n\n开罗\n\n尼罗河畔赏彩灯，孩子们提灯奔跑\n\n\
                    日前，开罗市民在尼罗河边观赏彩灯，孩子们提着灯笼奔跑。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert_eq!(subheadings(&issue.articles[0]).len(), 6);
    }

    #[test]
    fn a_series_title_over_parts_under_place_labels_heads_them_all() {
        let text = "年货·灯会\n\n四川自贡\n\n千盏彩灯照古城\n\n本报记者 李明\n\n灯会开幕当晚，游人如织。\n\n\
                    河北邢台\n\n老手艺扎出新花灯\n\n本报记者 王海\n\n作坊里，匠人们忙着扎灯架。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.title, "年货·灯会");
        assert_eq!(a.paragraphs[0].text, "四川自贡");
        assert_eq!(a.byline.reporters, ["李明", "王海"]);
    }

    #[test]
    fn a_numbered_chapter_heading_with_spaced_halves_stays_in_its_document() {
        let text = "城市发展规划纲要\n\n为推动城市高质量发展，编制本规划。\n\n第二节 建设生态廊道、完善绿地系统\n\n\
                    沿河建设绿道，连通公园和郊野。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert_eq!(subheadings(&issue.articles[0]), ["第二节建设生态廊道、完善绿地系统"]);
    }

    #[test]
    fn a_line_after_credits_heads_the_next_article() {
        let text = "暑期档观察\n\n多部国产影片深受观众欢迎。\n\n制图：张晓\n\n讲好故事，让电影走进观众心里\n\n去年冬天，我们接到一个任务。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        assert_eq!(issue.articles[1].headline.title, "讲好故事，让电影走进观众心里");
    }

    #[test]
    fn a_series_title_over_parts_with_lead_ins_heads_them_all() {
        let text = "节日走一线 岗位见真情\n\n城西火车站32名客运员——\n\n全员不休假\n\n早起迎旅客\n\n本报记者 钱立\n\n\
                    大年初三，候车室里已坐满了人。\n\n湖北宜昌滨江社区——\n\n“这个年，过得踏实！”\n\n本报记者 吴桐\n\n\
                    社区食堂里飘着饭菜香。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.title, "节日走一线 岗位见真情");
        assert_eq!(a.paragraphs[0].text, "城西火车站32名客运员——");
        assert_eq!(a.byline.reporters, ["钱立", "吴桐"]);
    }

    #[test]
    fn a_series_title_over_unsigned_parts_with_lead_ins_heads_them_all() {
        let text = "守在岗位上的人\n\n云南，高山气象站——\n\n“风雪再大，观测一次也不能少”\n\n\
                    站里的三名观测员轮流值守，每小时记录一次数据。\n\n江苏，长江引航站——\n\n“船开到哪里，我们就守到哪里”\n\n\
                    大年初一凌晨，引航员登上一艘货轮。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.title, "守在岗位上的人");
        assert_eq!(a.paragraphs[0].text, "云南，高山气象站——");
        assert_eq!(subheadings(a).len(), 4);
    }

    #[test]
    fn titled_items_under_a_briefs_label_are_one_article_until_a_long_text() {
        let long = "新操场铺上了塑胶跑道，孩子们第一次在平整的跑道上赛跑。".repeat(20);
        let text = format!(
            "新闻速递\n\n老街区改造完工\n\n本报讯 日前，城东老街区改造完工，二十栋楼换了新貌。\n\n（记者 王明）\n\n\
             社区食堂开业\n\n本报讯 社区食堂昨日开业，每天供应三餐。\n\n午餐有六个菜。\n\n晚餐有粥和面点。\n\n老人吃饭打八折。\n\n（记者 李华）\n\n山区学校的新操场\n\n{long}\n"
        );
        let issue = parse(&text);
        let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
        assert_eq!(titles, ["新闻速递", "山区学校的新操场"], "{:#?}", issue.articles);
        assert_eq!(issue.articles[0].kind, crate::model::ArticleKind::Briefs);
        assert_eq!(subheadings(&issue.articles[0]), ["老街区改造完工", "社区食堂开业"]);
        assert!(issue.leftovers.is_empty(), "{:?}", issue.leftovers);
    }

    #[test]
    fn a_series_title_with_an_introduction_heads_signed_parts_set_alike() {
        let text = "家乡的早点\n\n一碗热汤，一笼包子，是游子心里最长久的味道。\n\n\
                    巷口“豆花摊”\n\n甜咸都相宜\n\n本报记者 周文\n\n天刚亮，摊主就支起了锅。\n\n\
                    老街小笼包\n\n一口一个鲜\n\n本报记者 韩雪\n\n蒸笼一掀，热气扑面。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.title, "家乡的早点");
        assert_eq!(a.byline.reporters, ["周文", "韩雪"]);
        assert_eq!(subheadings(a).len(), 4);
    }

    #[test]
    fn sections_set_alike_with_dashed_subtitles_stay_in_their_article() {
        let text =
            "山乡十年\n\n十年来，山村的面貌变了。\n\n变化的山村\n\n——从泥巴路到柏油路\n\n过去进村只有一条泥巴路。\n\n\
                    奋斗的人们\n\n——从外出打工到回乡创业\n\n越来越多的年轻人回到了村里。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert_eq!(subheadings(&issue.articles[0]).len(), 4);
    }

    #[test]
    fn a_series_title_heads_signed_parts_whose_titles_are_as_long() {
        let text = "社区里的新生活\n\n饭菜可口\n\n周文 韩雪\n\n社区食堂每天中午开饭。\n\n\
                    健身方便\n\n本报记者 李明\n\n小区里新建了健身步道。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.title, "社区里的新生活");
        assert_eq!(a.byline.reporters, ["周文", "韩雪", "李明"]);
        assert_eq!(subheadings(a), ["饭菜可口", "健身方便"]);
    }

    #[test]
    fn a_title_over_its_subtitle_starts_an_article_on_the_same_theme() {
        let text = "社区养老新探索\n\n城东街道办起了社区食堂，老人吃饭不用愁。食堂每天供应午餐和晚餐，菜品荤素搭配。\
                    街道还组织志愿者为行动不便的老人送餐上门。\n\n养老院里添了康复中心\n\n老人不出社区做理疗\n\n\
                    城西的一家养老院新建了康复中心，老人可以在这里做理疗。院长介绍，康复中心配备了专业医生和护士。\n";
        let titles =
            |text: &str| -> Vec<String> { parse(text).articles.into_iter().map(|a| a.headline.title).collect() };
        assert_eq!(titles(text), ["社区养老新探索", "老人不出社区做理疗"]);
        // two halves of one parallel phrase are a sub-heading
        let text = text.replace("养老院里添了康复中心\n\n老人不出社区做理疗", "吃得放心\n\n吃得舒心");
        assert_eq!(titles(&text), ["社区养老新探索"]);
    }

    #[test]
    fn short_sub_headings_set_alike_stay_in_their_article() {
        let text = "家乡三件宝\n\n说起家乡，人人都有话讲。\n\n一座桥\n\n石拱桥横跨小河，已有三百多年。\n\n\
                    一口井\n\n井水清甜，夏天冰凉解暑。\n\n一棵树\n\n村口的老槐树要三个人才能合抱。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert_eq!(subheadings(&issue.articles[0]), ["一座桥", "一口井", "一棵树"]);
    }

    #[test]
    fn a_series_label_heads_signed_parts_each_under_a_kicker_and_a_title() {
        let text =
            "节日走一线\n\n城东高铁站客运值班员坚守岗位保障旅客平安出行\n\n守好站台 送客回家\n\n本报记者 钱立\n\n\
                    大年初三，候车室里已坐满了人。\n\n地铁车辆段里的“夜班组”\n\n守护每一趟列车\n\n本报记者 吴桐\n\n\
                    凌晨一点，检修工还在车底忙碌。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.title, "节日走一线");
        assert_eq!(a.byline.reporters, ["钱立", "吴桐"]);
    }

    #[test]
    fn a_cartoons_credits_stay_with_it_and_close_it() {
        let text = "图说窗口服务\n\n努力改善服务，方能擦亮招牌。\n\n方  晓图  林  川文\n\n立足岗位抓好服务\n\n\
                    服务是窗口单位的生命线，擦亮招牌靠的是服务。\n";
        let issue = parse(text);
        let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
        assert_eq!(titles, ["图说窗口服务", "立足岗位抓好服务"], "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.byline.photographers, ["方晓"]);
        assert_eq!(a.paragraphs.last().map(|p| p.text.as_str()), Some("方晓图林川文"));
    }

    #[test]
    fn a_document_title_over_its_date_starts_an_article() {
        let text = "乡村纪实\n\n改厕后，河水变清了。\n\n关于加强社区养老服务的意见\n\n（2023年3月1日）\n\n\
                    为更好满足老年人的需求，现提出如下意见。\n\n一、总体要求\n\n坚持以人民为中心。\n";
        let issue = parse(text);
        let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
        assert_eq!(titles, ["乡村纪实", "关于加强社区养老服务的意见"]);
        assert_eq!(subheadings(&issue.articles[1]), ["一、总体要求"]);
        // dated by the month, or in Chinese numerals, after a text on the same subject
        let text = "社区养老见闻\n\n社区养老服务中心开张了，老年人在这里吃饭、看病、聊天，养老服务更方便了。\n\n\
                    关于加强社区养老服务的意见\n\n（2023年3月1日）\n\n\
                    为更好满足老年人的养老服务需求，社区养老服务中心要方便老年人吃饭、看病，现提出如下意见。\n";
        for date in ["（2023年3月1日）", "（2023年3月）", "（二〇二三年三月一日）"] {
            let issue = parse(&text.replace("（2023年3月1日）", date));
            assert_eq!(issue.articles.len(), 2, "{date}: {:#?}", issue.articles);
        }
    }

    #[test]
    fn a_box_label_keeps_its_title_in_the_article() {
        let text = "全国人大代表林秋\n\n她走遍山区调研乡村学校。\n\n记者手记\n\n多走路 听实话\n\n下基层，多走路；听民声，说实话。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    }

    #[test]
    fn sub_headings_in_as_many_spaced_parts_are_alike() {
        let text = "敬老月\n\n城市已迈入人口老龄化阶段。\n\n政府牵头  社会参与\n\n敬老活动如期举行。\n\n\
                    有人陪伴  晚年更安心\n\n社区建立了助餐点。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    }

    #[test]
    fn a_box_goes_on_after_a_closing_note() {
        let text =
            "守护信息安全\n\n公安机关呼吁群众提高警惕。\n\n（文中漫画来自本报资料库）\n\n延伸阅读\n\n这些红线不能踩\n\n\
                    案例一：内鬼窃取个人信息触犯刑法\n\n某员工利用职务便利窃取信息。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    }

    #[test]
    fn a_kicker_that_is_a_sentence_heads_a_new_article() {
        let text = "外国友人祝贺新年\n\n多国友人发来贺信，祝愿城市繁荣发展。\n\n\
                    《山河新貌》摄影展览在全市各界群众中引起热烈反响——\n\n让美好生活看得见\n\n展览在观众中引起强烈反响，友人纷纷祝贺。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        assert_eq!(issue.articles[1].headline.title, "让美好生活看得见");
    }

    #[test]
    fn a_title_with_its_column_tag_is_no_fragment() {
        // the line before it ends without a full stop, as credits do
        let text =
            "开卷有益\n\n书香满城，读书的人多了。\n\n林一文 周小石\n\n做一块发光的基石（时代楷模·奋斗者（上））\n\n\
                    常听人说，平凡岗位也能发光。\n";
        let issue = parse(text);
        let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
        assert!(titles.contains(&"做一块发光的基石（时代楷模·奋斗者（上））"), "{titles:?}");
    }
}
