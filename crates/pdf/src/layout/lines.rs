//! Lines of text out of a page's glyphs: glyphs on one baseline, of one size
//! class, with no gutter or rule between them, make a line; glyphs set in
//! vertical writing, or set one to a line in a narrow stack (a vertical
//! headline as many PDFs draw it), make a vertical line.
//!
//! Not here: what a line is (body, headline, furniture) or which column and
//! article it belongs to; drawing order is never used.

use crate::model::{Glyph, Rect, Rule};

/// Widest gap between two glyphs of one line, in ems of their size: a column
/// gutter is wider (at least 1.1 em on the pages seen), a justified line's
/// loosest spacing narrower.
const MAX_GAP_EM: f32 = 0.9;
/// Two glyphs whose sizes differ by more than this ratio are of two size classes.
const SIZE_CLASS_RATIO: f32 = 1.15;
/// A gap this wide (in ems) between two glyphs is written as a space.
const SPACE_GAP_EM: f32 = 0.5;
/// Between two Latin letters or digits a narrower gap is a space already.
const LATIN_SPACE_GAP_EM: f32 = 0.2;
/// A gap this wide (in ems), wider than the line's usual gap by nearly as
/// much, is a word space too.
const NARROW_SPACE_EM: f32 = 0.18;
/// A punctuation mark at least this wide (in ems) is set full width.
const FULL_WIDTH_EM: f32 = 0.75;

/// One line of text as set on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The text, with a space where the line leaves a wide gap.
    pub text: String,
    /// The union of its glyphs' boxes.
    pub bbox: Rect,
    /// The font size of most of its glyphs.
    pub size: f32,
    /// The font of most of its glyphs.
    pub font: String,
    /// Nearly all its glyphs are bold.
    pub bold: bool,
    /// Read top to bottom (vertical writing or a stack of single glyphs).
    pub vertical: bool,
}

impl TextLine {
    /// The number of characters of its text, spaces aside.
    pub fn chars(&self) -> usize {
        self.text.chars().filter(|c| !c.is_whitespace()).count()
    }
}

/// Whether two sizes are of one size class.
pub fn same_size_class(a: f32, b: f32) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    lo > 0.0 && hi / lo <= SIZE_CLASS_RATIO
}

/// Whether a rule stands across the gap between `x0` and `x1` at height `y`
/// (or, `swap`ped, across the gap between `y0` and `y1` at abscissa `x`).
fn rule_between(rules: &[Rule], a: f32, b: f32, across: f32, swap: bool) -> bool {
    rules.iter().filter(|r| !r.frame).any(|r| {
        let (lo, hi, c0, c1) = if swap {
            (r.rect.y0, r.rect.y1, r.rect.x0, r.rect.x1)
        } else {
            (r.rect.x0, r.rect.x1, r.rect.y0, r.rect.y1)
        };
        hi - lo < 4.0 && lo >= a - 1.0 && hi <= b + 1.0 && c0 <= across && c1 >= across
    })
}

/// The part of a glyph's box that its ink takes: CJK punctuation is set on
/// half an em (the other half is white, and a justified line may let it hang
/// past the column's edge): closing marks on the left half. (Opening marks
/// are left whole: shrinking both would open a gap in `，“`.) A mark whose
/// box is already narrow (a proportional `”`, as a browser sets it without a
/// CJK locale) is all ink.
pub fn ink_box(g: &Glyph) -> Rect {
    let b = g.bbox;
    let mut chars = g.text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return b };
    let half = |r: &Rect, down: bool| if down { r.height() / 2.0 } else { r.width() / 2.0 };
    let along = if g.vertical { b.height() } else { b.width() };
    let closing = "、，。；：！？）》」』】〕”’".contains(c) && along >= FULL_WIDTH_EM * g.size;
    match (closing, g.vertical) {
        (true, false) => Rect { x1: b.x0 + half(&b, false), ..b },
        (true, true) => Rect { y1: b.y0 + half(&b, true), ..b },
        _ => b,
    }
}

/// A line while it is being built: its glyphs, its reach along the line and
/// its middle across it.
struct Open {
    glyphs: Vec<usize>,
    reach: f32,
    middle: f32,
    size: f32,
}

/// Builds the lines of the page from its glyphs. `rules` keep lines from
/// running across a column rule.
pub fn build_lines(glyphs: &[Glyph], rules: &[Rule]) -> Vec<TextLine> {
    let visible: Vec<usize> = (0..glyphs.len()).filter(|&i| !glyphs[i].text.trim().is_empty()).collect();
    let horizontal: Vec<usize> = visible.iter().copied().filter(|&i| !glyphs[i].vertical).collect();
    let vertical: Vec<usize> = visible.iter().copied().filter(|&i| glyphs[i].vertical).collect();
    let mut out: Vec<TextLine> = Vec::new();
    for line in chain(glyphs, horizontal, rules, false) {
        out.push(make_line(glyphs, &line, false));
    }
    for line in chain(glyphs, vertical, rules, true) {
        out.push(make_line(glyphs, &line, true));
    }
    join_spaced_words(stack_single_glyphs(out), rules)
}

/// Widest word space (in ems) that may stand inside a line: `记者 赵六`,
/// `本报讯  示例`; a gap this wide is a word space, not a gutter, when a
/// line just above or below runs across it.
const MAX_WORD_SPACE_EM: f32 = 3.0;

/// Joins the pieces of one line that a wide word space cut apart: two lines
/// on one row, of one size class, whose gap a neighbouring line (within two
/// and a half line heights, no rule between) spans; a column gutter is white
/// above and below, and lines near by start at the edge the right piece
/// starts at, or end at the edge the left piece ends at.
fn join_spaced_words(mut lines: Vec<TextLine>, rules: &[Rule]) -> Vec<TextLine> {
    lines.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    let mut k = 0;
    while k < lines.len() {
        let l = &lines[k];
        let mid = (l.bbox.y0 + l.bbox.y1) / 2.0;
        let near = |m: &TextLine| {
            let mm = (m.bbox.y0 + m.bbox.y1) / 2.0;
            !m.vertical
                && same_size_class(m.size, l.size)
                && (mm - mid).abs() > 0.5 * l.size
                && (mm - mid).abs() <= 2.5 * l.size.max(m.size)
        };
        let partner = (0..lines.len()).find(|&j| {
            let r = &lines[j];
            let gap = r.bbox.x0 - l.bbox.x1;
            j != k
                && !l.vertical
                && !r.vertical
                && same_size_class(l.size, r.size)
                && ((r.bbox.y0 + r.bbox.y1) / 2.0 - mid).abs() <= 0.3 * l.size
                && gap > 0.0
                && gap <= MAX_WORD_SPACE_EM * l.size
                && lines.iter().any(|m| {
                    let mm = (m.bbox.y0 + m.bbox.y1) / 2.0;
                    let x = (l.bbox.x1 + r.bbox.x0) / 2.0;
                    near(m)
                        && m.bbox.x0 <= l.bbox.x1
                        && m.bbox.x1 >= r.bbox.x0
                        && !rule_between(rules, mm.min(mid), mm.max(mid), x, true)
                })
                // a gutter: a line near by starts where the right piece does,
                // or one of the left piece's column ends where it does
                && !lines.iter().any(|m| {
                    let starts = m.bbox.x0 >= l.bbox.x1 && (m.bbox.x0 - r.bbox.x0).abs() <= 0.3 * l.size;
                    let ends = m.bbox.x1 <= r.bbox.x0
                        && (m.bbox.x1 - l.bbox.x1).abs() <= 0.3 * l.size
                        && m.bbox.x0 <= l.bbox.x0 + 3.0 * l.size;
                    near(m) && (starts || ends)
                })
        });
        match partner {
            Some(j) => {
                let r = lines.remove(j);
                if j < k {
                    k -= 1;
                }
                let l = &mut lines[k];
                l.text.push(' ');
                l.text.push_str(&r.text);
                l.bbox = l.bbox.union(&r.bbox);
                l.bold &= r.bold;
            }
            None => k += 1,
        }
    }
    lines
}

/// Chains glyphs into lines along x (or along y when `down`).
fn chain(glyphs: &[Glyph], mut idx: Vec<usize>, rules: &[Rule], down: bool) -> Vec<Vec<usize>> {
    let along = |g: &Glyph| {
        let b = ink_box(g);
        if down {
            (b.y0, b.y1)
        } else {
            (b.x0, b.x1)
        }
    };
    let across = |g: &Glyph| if down { (g.bbox.x0 + g.bbox.x1) / 2.0 } else { (g.bbox.y0 + g.bbox.y1) / 2.0 };
    idx.sort_by(|&a, &b| along(&glyphs[a]).0.total_cmp(&along(&glyphs[b]).0));
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<Vec<usize>> = Vec::new();
    for i in idx {
        let g = &glyphs[i];
        let (start, end) = along(g);
        let mid = across(g);
        let size = g.size.max(0.1);
        // lines that can no longer grow are finished
        let mut k = 0;
        while k < open.len() {
            if open[k].reach + MAX_GAP_EM * open[k].size.max(size) * 2.0 < start {
                done.push(open.swap_remove(k).glyphs);
            } else {
                k += 1;
            }
        }
        let best = open
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                let gap = start - o.reach;
                (o.middle - mid).abs() <= 0.3 * o.size.min(size)
                    && same_size_class(o.size, size)
                    && gap >= -0.5 * size
                    && gap <= MAX_GAP_EM * o.size.min(size)
                    && !rule_between(rules, o.reach, start, mid, down)
            })
            .min_by(|a, b| (start - a.1.reach).abs().total_cmp(&(start - b.1.reach).abs()))
            .map(|(k, _)| k);
        match best {
            Some(k) => {
                let o = &mut open[k];
                o.glyphs.push(i);
                o.reach = o.reach.max(end);
            }
            None => open.push(Open { glyphs: vec![i], reach: end, middle: mid, size }),
        }
    }
    done.extend(open.into_iter().map(|o| o.glyphs));
    done
}

fn most_common<T: PartialEq + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for it in items {
        match counts.iter_mut().find(|(t, _)| *t == it) {
            Some((_, n)) => *n += 1,
            None => counts.push((it, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(t, _)| t)
}

/// The gaps (in ems) between the glyphs of a line, one before each glyph after the first.
fn gaps_em(glyphs: &[Glyph], idx: &[usize], down: bool) -> Vec<f32> {
    idx.windows(2)
        .map(|w| {
            let (p, g) = (&glyphs[w[0]], &glyphs[w[1]]);
            let (gb, pb) = (ink_box(g), ink_box(p));
            let gap = if down { gb.y0 - pb.y1 } else { gb.x0 - pb.x1 };
            gap / g.size.max(p.size).max(0.1)
        })
        .collect()
}

fn make_line(glyphs: &[Glyph], idx: &[usize], down: bool) -> TextLine {
    let mut text = String::new();
    let mut bbox: Option<Rect> = None;
    let mut prev: Option<&Glyph> = None;
    let gaps = gaps_em(glyphs, idx, down);
    let mut sorted = gaps.clone();
    sorted.sort_by(f32::total_cmp);
    let usual = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
    for (k, &i) in idx.iter().enumerate() {
        let g = &glyphs[i];
        if let Some(p) = prev {
            let gap = gaps[k - 1];
            let latin = |s: &str, last: bool| {
                let c = if last { s.chars().last() } else { s.chars().next() };
                c.is_some_and(|c| c.is_ascii_alphanumeric())
            };
            let both_latin = latin(&p.text, true) && latin(&g.text, false);
            let wide = if both_latin { LATIN_SPACE_GAP_EM } else { SPACE_GAP_EM };
            // a word space (a quarter em in most fonts) stands out of a line
            // whose other glyphs stand closer: `本报记者某某 某某整理` (Latin
            // letters and digits have their own measure, proportional ones)
            let narrow = !both_latin && gap >= NARROW_SPACE_EM && gap - usual >= NARROW_SPACE_EM * 0.8;
            if gap > wide || narrow {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        let ink = ink_box(g);
        bbox = Some(bbox.map_or(ink, |b| b.union(&ink)));
        prev = Some(g);
    }
    let size = most_common(idx.iter().map(|&i| (glyphs[i].size * 10.0).round() as i32)).unwrap_or(0) as f32 / 10.0;
    let font = most_common(idx.iter().map(|&i| glyphs[i].font.clone())).unwrap_or_default();
    let bold_count = idx.iter().filter(|&&i| glyphs[i].bold).count();
    TextLine {
        text,
        bbox: bbox.unwrap_or_default(),
        size,
        font,
        bold: bold_count * 5 >= idx.len() * 4 && !idx.is_empty(),
        vertical: down,
    }
}

/// Single-glyph lines stacked one under the other (same size, same middle,
/// close together) are one vertical line, read downwards.
fn stack_single_glyphs(lines: Vec<TextLine>) -> Vec<TextLine> {
    let (singles, mut out): (Vec<TextLine>, Vec<TextLine>) =
        lines.into_iter().partition(|l| !l.vertical && l.chars() == 1);
    let mut singles = singles;
    singles.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
    let mut stacks: Vec<Vec<TextLine>> = Vec::new();
    for l in singles {
        let mid = (l.bbox.x0 + l.bbox.x1) / 2.0;
        let found = stacks.iter_mut().find(|s| {
            let last = &s[s.len() - 1];
            let lmid = (last.bbox.x0 + last.bbox.x1) / 2.0;
            (lmid - mid).abs() <= 0.2 * l.size
                && same_size_class(last.size, l.size)
                && l.bbox.y0 - last.bbox.y1 <= 0.6 * l.size
                && l.bbox.y0 - last.bbox.y1 >= -0.3 * l.size
        });
        match found {
            Some(s) => s.push(l),
            None => stacks.push(vec![l]),
        }
    }
    for s in stacks {
        if s.len() < 2 {
            out.extend(s);
            continue;
        }
        let bbox = s.iter().skip(1).fold(s[0].bbox, |b, l| b.union(&l.bbox));
        let text: String = s.iter().map(|l| l.text.as_str()).collect();
        let bold = s.iter().all(|l| l.bold);
        out.push(TextLine { text, bbox, size: s[0].size, font: s[0].font.clone(), bold, vertical: true });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn glyph(c: char, x: f32, y: f32, size: f32) -> Glyph {
        Glyph {
            text: c.to_string(),
            bbox: Rect::new(x, y, x + size, y + size),
            size,
            font: "Serif".into(),
            bold: false,
            vertical: false,
            seq: 0,
        }
    }

    #[test]
    fn a_gutter_and_a_rule_cut_lines() {
        let mut gs = Vec::new();
        for (k, c) in "天地人和".chars().enumerate() {
            gs.push(glyph(c, 10.0 + 10.0 * k as f32, 100.0, 10.0));
        }
        // 12 points of gutter: another column
        for (k, c) in "春夏".chars().enumerate() {
            gs.push(glyph(c, 62.0 + 10.0 * k as f32, 100.0, 10.0));
        }
        gs.reverse();
        let lines = build_lines(&gs, &[]);
        let mut texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        texts.sort();
        assert_eq!(texts, ["天地人和", "春夏"]);
        // a rule across a narrow gap cuts too
        let gs = vec![glyph('甲', 0.0, 0.0, 10.0), glyph('乙', 13.0, 0.0, 10.0)];
        let rule = Rule { rect: Rect::new(11.0, -5.0, 11.5, 20.0), frame: false };
        assert_eq!(build_lines(&gs, &[rule]).len(), 2);
        assert_eq!(build_lines(&gs, &[]).len(), 1);
    }

    #[test]
    fn a_narrow_word_space_is_a_space_where_the_line_is_tight() {
        // `记者甲乙 丙丁`: a quarter-em space in a line set without tracking
        let mut gs: Vec<Glyph> =
            "记者甲乙".chars().enumerate().map(|(k, c)| glyph(c, 10.0 * k as f32, 0.0, 10.0)).collect();
        gs.extend("丙丁".chars().enumerate().map(|(k, c)| glyph(c, 42.5 + 10.0 * k as f32, 0.0, 10.0)));
        assert_eq!(build_lines(&gs, &[])[0].text, "记者甲乙 丙丁");
        // the same gap everywhere (a justified line's tracking) is no space
        let even: Vec<Glyph> =
            "记者甲乙丙丁".chars().enumerate().map(|(k, c)| glyph(c, 12.5 * k as f32, 0.0, 10.0)).collect();
        assert_eq!(build_lines(&even, &[])[0].text, "记者甲乙丙丁");
    }

    #[test]
    fn a_narrow_closing_quote_is_all_ink() {
        // `使”——英`: a full-width `”` is ink on its left half only, so a
        // justified line's gap after it is no word space; a proportional one
        // (a third of an em, as a browser sets it) is ink all through
        let full = vec![glyph('使', 0.0, 0.0, 10.0), glyph('”', 10.0, 0.0, 10.0), glyph('英', 21.0, 0.0, 10.0)];
        assert_eq!(build_lines(&full, &[])[0].text, "使” 英");
        let mut narrow = full.clone();
        narrow[1].bbox = Rect::new(10.0, 0.0, 13.5, 10.0);
        narrow[2].bbox = Rect::new(17.0, 0.0, 27.0, 10.0);
        assert_eq!(build_lines(&narrow, &[])[0].text, "使”英");
    }

    #[test]
    fn stacked_single_glyphs_make_a_vertical_line() {
        let gs: Vec<Glyph> =
            "图片报道".chars().enumerate().map(|(k, c)| glyph(c, 5.0, 10.0 + 18.0 * k as f32, 17.0)).collect();
        let lines = build_lines(&gs, &[]);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].vertical);
        assert_eq!(lines[0].text, "图片报道");
    }
}
