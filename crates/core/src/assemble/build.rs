//! Building drafts: a headline group opening an article (or given back to
//! the headless text before it), columns, bylines, items and text added to
//! the current draft; not the decision what a line is (`Assembler::head_role`).

use super::*;

impl Assembler<'_> {
    /// Reads the headline group at `i` and its bylines; returns the index after them.
    pub(super) fn start_group(&mut self, i: usize) -> usize {
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
                host.orphan_title = true;
                host.byline.merge(byline);
                host.touch(span);
                return k;
            }
        }
        // A line opening with a dash (`——某市市长王甲日前在会上说`) under a
        // text, with nothing after it but a closing byline, names who spoke
        // the text above it: that text's last line, as printed, never a
        // headline with no text.
        if orphan && k > j && self.units[i].text.trim_start().starts_with('—') {
            if let Some(host) = self.drafts.last_mut().filter(|h| !h.paras.is_empty() && !h.closed) {
                for u in &self.units[i..j] {
                    push_paragraph(host, u, ParagraphRole::Text);
                }
                host.open = false;
                host.byline.merge(byline);
                host.ended = true;
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
        if let Some(section) = self.section.as_mut() {
            d.column = Some(section.label.clone());
            // the section's heading is traced to its first story
            if let Some(s) = section.unplaced.take() {
                d.touch(s);
            }
        }
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

    /// Whether bulleted points that sum up a report (`■ 全市客流超过一亿人次`,
    /// a 提要 under its headline) start at `k` and stand over a dateline:
    /// the headline above them opens that report.
    pub(super) fn points_over_dateline(&self, k: usize) -> bool {
        const MAX_POINT_CHARS: usize = 60;
        let points = self.units[k..]
            .iter()
            .take(MAX_HEAD_LINES)
            .take_while(|u| u.kind == UnitKind::Item && char_len(&u.text) <= MAX_POINT_CHARS)
            .count();
        points > 0
            && self.units.get(k + points).is_some_and(|t| t.kind == UnitKind::Text && starts_with_dateline(&t.text))
    }

    /// Whether the text from `k` up to the next headline is as short as a
    /// photo caption: one or two paragraphs, a few sentences.
    pub(super) fn caption_follows(&self, k: usize) -> bool {
        let (paras, chars) = self.text_until_headline(k);
        paras <= 2 && chars <= 300
    }

    /// Whether the text from `k` up to the next headline is as short as an
    /// item in a column of briefs: a few short paragraphs, a few hundred
    /// characters.
    pub(super) fn brief_follows(&self, k: usize) -> bool {
        let (paras, chars) = self.text_until_headline(k);
        (1..=6).contains(&paras) && chars <= 500
    }

    /// The paragraphs and characters of text from `k` up to the next headline.
    pub(super) fn text_until_headline(&self, k: usize) -> (usize, usize) {
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

    pub(super) fn open_column(&mut self, u: &Unit, kind: ArticleKind) {
        let label = clean_inline(&u.text);
        let d = Draft {
            kind: Some(kind),
            column: Some(label.clone()),
            span: Some(u.span),
            start: Sign::ColumnLabel,
            ..Draft::default()
        };
        self.drafts.push(d);
        self.column = Some((kind, label));
    }

    /// A section's heading: the stories under it carry it as their column;
    /// the article before it has ended.
    pub(super) fn open_section(&mut self, u: &Unit) {
        self.end_section();
        if let Some(d) = self.drafts.last_mut() {
            d.ended = true;
            d.closed = true;
        }
        self.section = Some(Section { label: clean_inline(&u.text), level: u.level, unplaced: Some(u.span) });
    }

    /// Ends the section being read; a heading no story came under is kept
    /// as a leftover.
    pub(super) fn end_section(&mut self) {
        if let Some(Section { label, unplaced: Some(span), .. }) = self.section.take() {
            self.leftovers.push(Leftover {
                text: label,
                reason: "section heading with no story under it".into(),
                span,
            });
        }
    }

    pub(super) fn add_byline(&mut self, u: &Unit, b: Byline) {
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
                let d = Draft { byline: b, span: Some(u.span), start: Sign::LoneByline, ..Draft::default() };
                self.drafts.push(d);
            }
        }
    }

    /// A bulleted item: in a column the bullet is layout and goes; elsewhere
    /// (a summary under a headline, a list) it is kept as printed.
    pub(super) fn add_item(&mut self, u: &Unit) {
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

    pub(super) fn add_paragraph(&mut self, u: &Unit, role: ParagraphRole) {
        let d = self.fresh_draft_for_text();
        push_paragraph(d, u, role);
    }

    pub(super) fn add_text(&mut self, u: &Unit) {
        let in_column = self.column.is_some();
        let new_paragraph = self.indent_mode && u.indented;
        let d = self.fresh_draft_for_text();
        // the rest of a line a column break cut (`、市长王甲`) goes on that line
        let rest_of_line = !d.paras.is_empty() && continues_cut_line(&u.text);
        if (d.open || rest_of_line) && !new_paragraph && !starts_with_dateline(&u.text) {
            append_to_last(d, u);
        } else {
            let role = if in_column && d.heads.is_empty() { ParagraphRole::Item } else { ParagraphRole::Text };
            push_paragraph(d, u, role);
        }
    }
}
