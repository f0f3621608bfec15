//! Blocks of lines: headline groups (引题, 主题, 副题 set close together),
//! and the geometry blocks share (rules between rows, frames); a kicker set
//! at the body size right over a headline, or a subtitle set a little apart
//! from the body right under one, joins its group. Text columns are
//! found in [`super::columns`].
//!
//! Not here: which headline a column belongs to, or reading order.

use super::lines::{same_size_class, TextLine};
use crate::model::{Rect, Rule};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A headline group.
    Headline,
    /// A column of running text (with bylines, sub-headings, markers).
    Text,
}

/// Lines that belong together on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Headline group or text column.
    pub kind: BlockKind,
    /// Its lines, top to bottom.
    pub lines: Vec<usize>,
    /// The union of their boxes.
    pub bbox: Rect,
}

/// How much two ranges overlap (negative when apart).
pub fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    a1.min(b1) - a0.max(b0)
}

/// Whether a horizontal rule lies between `upper` and `lower`, under both.
pub fn rule_between_rows(rules: &[Rule], upper: &Rect, lower: &Rect) -> bool {
    let (x0, x1) = (upper.x0.max(lower.x0), upper.x1.min(lower.x1));
    let (x0, x1) = if x0 < x1 { (x0, x1) } else { (lower.x0, lower.x1) };
    rules.iter().filter(|r| !r.frame && r.rect.height() < 4.0 && r.rect.width() > 4.0).any(|r| {
        let y = (r.rect.y0 + r.rect.y1) / 2.0;
        y >= upper.y1 - 1.0 && y <= lower.y0 + 1.0 && overlap(r.rect.x0, r.rect.x1, x0, x1) > 0.5 * (x1 - x0)
    })
}

/// Whether a vertical rule stands between `left` and `right`, across the
/// height they share.
pub fn vertical_rule_between(rules: &[Rule], left: &Rect, right: &Rect) -> bool {
    rules.iter().filter(|r| !r.frame && r.rect.width() < 4.0 && r.rect.height() > 4.0).any(|r| {
        let x = (r.rect.x0 + r.rect.x1) / 2.0;
        // across the height the two share
        let (y0, y1) = (left.y0.max(right.y0), left.y1.min(right.y1));
        x >= left.x1 - 1.0 && x <= right.x0 + 1.0 && overlap(r.rect.y0, r.rect.y1, y0, y1) > 0.0
    })
}

/// The frame a box stands in, if any (by its middle).
pub fn frame_of(rules: &[Rule], b: &Rect) -> Option<usize> {
    let (mx, my) = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
    rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.frame && r.rect.x0 <= mx && mx <= r.rect.x1 && r.rect.y0 <= my && my <= r.rect.y1)
        .min_by(|a, b| a.1.rect.area().total_cmp(&b.1.rect.area()))
        .map(|(i, _)| i)
}

/// Groups headline lines (`idx`, any order) into headline groups.
pub fn headline_groups(lines: &[TextLine], idx: &[usize], rules: &[Rule]) -> Vec<Block> {
    let mut idx = idx.to_vec();
    idx.sort_by(|&a, &b| lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0));
    let mut groups: Vec<Block> = Vec::new();
    for i in idx {
        let l = &lines[i];
        let found = groups.iter_mut().rev().find(|g| {
            let last = &lines[g.lines[g.lines.len() - 1]];
            let em = l.size.max(last.size);
            let gap = l.bbox.y0 - g.bbox.y1;
            // the lines of a group stand close: within an em and a half of
            // the smaller type (a large title's leading is no wider)
            let close = (1.5 * l.size.min(last.size)).max(0.6 * em);
            let stacked = gap <= close && overlap(l.bbox.x0, l.bbox.x1, g.bbox.x0, g.bbox.x1) > 0.0;
            // a title's words a wide space apart: of one size class (a
            // headline of another size beside it heads another block)
            let same_row = !l.vertical
                && !last.vertical
                && same_size_class(l.size, last.size)
                && overlap(l.bbox.y0, l.bbox.y1, last.bbox.y0, last.bbox.y1) > 0.5 * l.bbox.height()
                && (l.bbox.x0 - g.bbox.x1).abs() <= 1.5 * em
                && !vertical_rule_between(rules, &g.bbox, &l.bbox);
            (stacked || same_row)
                && !rule_between_rows(rules, &g.bbox, &l.bbox)
                && frame_of(rules, &g.bbox) == frame_of(rules, &l.bbox)
        });
        match found {
            Some(g) => {
                g.lines.push(i);
                g.bbox = g.bbox.union(&l.bbox);
            }
            None => groups.push(Block { kind: BlockKind::Headline, lines: vec![i], bbox: l.bbox }),
        }
    }
    groups
}

/// Takes a kicker set at the body size into the headline group under it: a
/// text block of one or two lines, not ending a sentence, alone in its row
/// (the foot of a column has columns level with it across a gutter), standing right
/// above a headline group (within an em of the headline, across its width,
/// no rule between). A kicker set a little larger than the body may run to
/// three lines (a narrow headline column), and may have its own article's
/// columns beside it: columns that start level with it and run on below,
/// where a column's foot has columns ending level with it.
pub fn take_small_kickers(blocks: &mut Vec<Block>, lines: &[TextLine], rules: &[Rule], body_size: f32) {
    let mut k = 0;
    while k < blocks.len() {
        let b = &blocks[k];
        let ends_sentence = b
            .lines
            .last()
            .is_some_and(|&i| lines[i].text.trim_end().ends_with(['。', '！', '？', '”', '；', '，', '、']));
        // a kicker stands alone in its row; a column's foot has neighbour
        // columns level with it across a gutter
        let em = b.lines.iter().map(|&i| lines[i].size).fold(0.0, f32::max);
        let larger = b.lines.iter().all(|&i| lines[i].size >= 1.03 * body_size);
        let neighbours = |top_ok: bool| {
            !blocks.iter().enumerate().any(|(j, o)| {
                let (l, r) = if o.bbox.x0 < b.bbox.x0 { (&o.bbox, &b.bbox) } else { (&b.bbox, &o.bbox) };
                // a column starting level with the block and running on below it
                let top = (o.bbox.y0 - b.bbox.y0).abs() <= 0.5 * em && o.bbox.y1 > b.bbox.y1 + 2.0 * em;
                j != k
                    && o.kind == BlockKind::Text
                    && overlap(o.bbox.y0, o.bbox.y1, b.bbox.y0, b.bbox.y1) > 0.5 * b.bbox.height().min(o.bbox.height())
                    && (0.0..=2.0 * em).contains(&(r.x0 - l.x1))
                    && !vertical_rule_between(rules, l, r)
                    && !(top_ok && top)
            })
        };
        let kicker = b.kind == BlockKind::Text
            && !ends_sentence
            && ((b.lines.len() <= 2 && neighbours(false)) || (larger && b.lines.len() <= 3 && neighbours(true)));
        match kicker.then(|| headline_next_to(blocks, k, lines, rules, Side::Above)).flatten() {
            Some(h) => join_headline(blocks, k, h, Side::Above),
            None => k += 1,
        }
    }
}

/// Where a block stands against the headline group it joins.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    /// Over it (a kicker).
    Above,
    /// Under it (a subtitle).
    Below,
}

/// The headline group that block `k` stands right next to on `side` of it:
/// within an em of the headline's type (or overlapping it by a fifth of
/// one), across half the narrower one's width, no rule between.
fn headline_next_to(blocks: &[Block], k: usize, lines: &[TextLine], rules: &[Rule], side: Side) -> Option<usize> {
    let b = &blocks[k];
    (0..blocks.len()).find(|&h| {
        let g = &blocks[h];
        let em = g.lines.iter().map(|&i| lines[i].size).fold(0.0, f32::max);
        let (upper, lower) = match side {
            Side::Above => (&b.bbox, &g.bbox),
            Side::Below => (&g.bbox, &b.bbox),
        };
        g.kind == BlockKind::Headline
            && (-0.2 * em..=1.0 * em).contains(&(lower.y0 - upper.y1))
            && overlap(b.bbox.x0, b.bbox.x1, g.bbox.x0, g.bbox.x1) > 0.5 * b.bbox.width().min(g.bbox.width())
            && !rule_between_rows(rules, upper, lower)
    })
}

/// Moves block `k` into the headline group `h`, its lines before the
/// group's when it stands above it, after them when below.
fn join_headline(blocks: &mut Vec<Block>, k: usize, h: usize, side: Side) {
    let b = blocks.remove(k);
    let h = if h > k { h - 1 } else { h };
    let g = &mut blocks[h];
    match side {
        Side::Above => {
            let mut all = b.lines;
            all.append(&mut g.lines);
            g.lines = all;
        }
        Side::Below => g.lines.extend(b.lines),
    }
    g.bbox = g.bbox.union(&b.bbox);
}

/// Takes a subtitle set a little apart from the body into the headline
/// group over it: a text block of up to three lines, a little larger than
/// the body, or a document's headnote in brackets with its date
/// (`（2019年2月27日…通过）` under a notice's title), standing right under a
/// headline group (within an em of it, across its width, no rule between).
pub fn take_subtitles(blocks: &mut Vec<Block>, lines: &[TextLine], rules: &[Rule], body_size: f32) {
    let mut k = 0;
    while k < blocks.len() {
        let b = &blocks[k];
        let larger = b.lines.iter().all(|&i| lines[i].size >= 1.03 * body_size);
        let subtitle = b.kind == BlockKind::Text && b.lines.len() <= 3 && (larger || is_headnote(b, lines));
        match subtitle.then(|| headline_next_to(blocks, k, lines, rules, Side::Below)).flatten() {
            Some(h) => join_headline(blocks, k, h, Side::Below),
            None => k += 1,
        }
    }
}

/// Whether a block is a headnote: its text wholly in brackets, with a date
/// (`（2019年2月27日第十三届…会议通过）`).
fn is_headnote(b: &Block, lines: &[TextLine]) -> bool {
    let text: String = b.lines.iter().map(|&i| lines[i].text.trim()).collect();
    let t = text.trim();
    let bracketed = (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'));
    let dated = t.find('年').is_some_and(|y| t[y..].contains('月') && t[y..].contains('日'));
    bracketed && dated
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x0: f32, y0: f32, x1: f32, size: f32, text: &str) -> TextLine {
        TextLine {
            text: text.into(),
            bbox: Rect::new(x0, y0, x1, y0 + size),
            size,
            font: "Serif".into(),
            bold: false,
            vertical: false,
        }
    }

    /// A narrow headline column: a kicker of three lines at `kicker_size`
    /// over a title, the article's body columns beside it from the top.
    fn page(kicker_size: f32) -> (Vec<TextLine>, Vec<Block>) {
        let mut lines = vec![
            line(0.0, 0.0, 90.0, kicker_size, "示例部门负责人"),
            line(0.0, 12.0, 90.0, kicker_size, "在示例中心调研时"),
            line(0.0, 24.0, 80.0, kicker_size, "强调"),
            line(0.0, 40.0, 90.0, 12.0, "为示例事业"),
            line(0.0, 54.0, 90.0, 12.0, "提供有力支持"),
        ];
        for i in 0..15 {
            lines.push(line(105.0, i as f32 * 13.0, 200.0, 8.5, "正文一行接着一行"));
        }
        let block = |kind, idx: std::ops::Range<usize>| Block {
            kind,
            bbox: idx.clone().map(|i| lines[i].bbox).reduce(|a, b| a.union(&b)).unwrap_or_default(),
            lines: idx.collect(),
        };
        let blocks =
            vec![block(BlockKind::Headline, 3..5), block(BlockKind::Text, 0..3), block(BlockKind::Text, 5..20)];
        (lines, blocks)
    }

    #[test]
    fn a_kicker_a_little_larger_than_the_body_over_a_narrow_headline_joins_it() {
        let (lines, mut blocks) = page(9.0);
        take_small_kickers(&mut blocks, &lines, &[], 8.5);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert_eq!(blocks[0].kind, BlockKind::Headline);
        assert_eq!(blocks[0].lines, [0, 1, 2, 3, 4]);
        // at the body's own size, three lines beside a column are text
        let (lines, mut blocks) = page(8.5);
        take_small_kickers(&mut blocks, &lines, &[], 8.5);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
    }
}
