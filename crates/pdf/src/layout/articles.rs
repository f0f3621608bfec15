//! Articles out of blocks: every headline group opens an article; a text
//! column or a photo belongs to the headline group straight above it (or to
//! what is straight above it, when that belongs to one), else to a headline
//! group beside it on its left (a headline set beside or vertically), else to
//! the article of a neighbouring column that starts at the same height (the
//! body runs on column to column). A frame round one headline group holds
//! that article and nothing else; what nothing claimed but starts right
//! under a headline, spanning a width centred under it, is its; what starts inside the box of one
//! article's parts is that article's. Rules and frame edges separate articles;
//! on a page without rules a wide white gap does. What no headline claims
//! makes an article of its own, so no text is lost.
//!
//! Not here: reading order, regions, or what the text says.

use super::blocks::{frame_of, overlap, rule_between_rows, vertical_rule_between, Block, BlockKind};
use super::lines::TextLine;
use super::photos::Photo;
use super::style::BodyStyle;
use crate::model::{Rect, Rule};

/// A white gap this many body ems high is a white line between blocks.
const WHITE_LINE_EM: f32 = 1.0;

/// The parts of one article: indexes into the blocks and the photos.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleParts {
    /// Its headline group, if it has one.
    pub headline: Option<usize>,
    /// Its text columns.
    pub texts: Vec<usize>,
    /// Its photos.
    pub photos: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Block(usize),
    Photo(usize),
}

struct Element {
    part: Part,
    bbox: Rect,
    head: bool,
    /// A headline set vertically (it may stand right of its text, too).
    vertical: bool,
    frame: Option<usize>,
}

/// Sorts blocks and photos into articles (in no particular order).
pub fn assign_articles(
    blocks: &[Block],
    photos: &[Photo],
    lines: &[TextLine],
    rules: &[Rule],
    body: &BodyStyle,
) -> Vec<ArticleParts> {
    let mut elems: Vec<Element> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let head = b.kind == BlockKind::Headline;
        let vertical = head && b.lines.iter().all(|&l| lines[l].vertical);
        elems.push(Element { part: Part::Block(i), bbox: b.bbox, head, vertical, frame: frame_of(rules, &b.bbox) });
    }
    for (i, p) in photos.iter().enumerate() {
        let bbox = p.bbox(lines);
        elems.push(Element { part: Part::Photo(i), bbox, head: false, vertical: false, frame: frame_of(rules, &bbox) });
    }
    let mut articles: Vec<ArticleParts> = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; elems.len()];
    for (k, e) in elems.iter().enumerate() {
        if let (true, Part::Block(b)) = (e.head, e.part) {
            owner[k] = Some(articles.len());
            articles.push(ArticleParts { headline: Some(b), ..ArticleParts::default() });
        }
    }
    // a frame round one headline group holds one article: all in it is its
    for (k, e) in elems.iter().enumerate() {
        let Some(f) = e.frame.filter(|_| !e.head) else { continue };
        let mut heads = elems.iter().enumerate().filter(|(_, o)| o.head && o.frame == Some(f));
        if let (Some((h, _)), None) = (heads.next(), heads.next()) {
            owner[k] = owner[h];
        }
    }
    let em = body.size;
    centred_claims(&elems, &mut owner, rules, em);
    let ruled = rules.iter().filter(|r| !r.frame).count() > 3;
    let mut order: Vec<usize> = (0..elems.len()).filter(|&k| !elems[k].head).collect();
    order.sort_by(|&a, &b| elems[a].bbox.y0.total_cmp(&elems[b].bbox.y0));
    let mut patient = true;
    for _ in 0..16 {
        let mut changed = false;
        for &k in &order {
            if owner[k].is_some() {
                continue;
            }
            let e = &elems[k];
            // beside: a headline on the left, or a column of the same article
            // starting at the same height
            let beside = |f: usize, left: bool| {
                let o = &elems[f];
                let apart = if left { o.bbox.x1 <= e.bbox.x0 + 2.0 } else { o.bbox.x0 >= e.bbox.x1 - 2.0 };
                let ruled_off = if left {
                    vertical_rule_between(rules, &o.bbox, &e.bbox)
                } else {
                    vertical_rule_between(rules, &e.bbox, &o.bbox)
                };
                f != k
                    && apart
                    && overlap(o.bbox.y0, o.bbox.y1, e.bbox.y0, e.bbox.y1) > 0.3 * o.bbox.height().min(e.bbox.height())
                    && o.frame == e.frame
                    && !ruled_off
            };
            let distance = |f: usize| {
                let o = &elems[f].bbox;
                (e.bbox.x0 - o.x1).max(o.x0 - e.bbox.x1)
            };
            // nothing may stand between a headline and the text beside it
            let clear = |f: usize| {
                let o = &elems[f].bbox;
                let (x0, x1) = if o.x1 <= e.bbox.x0 + 2.0 { (o.x1, e.bbox.x0) } else { (e.bbox.x1, o.x0) };
                !elems.iter().enumerate().any(|(m, el)| {
                    let b = &el.bbox;
                    m != k
                        && m != f
                        && b.x0 >= x0 - 2.0
                        && b.x1 <= x1 + 2.0
                        && overlap(b.y0, b.y1, e.bbox.y0, e.bbox.y1) > 0.0
                })
            };
            let head_left = (0..elems.len())
                .filter(|&f| {
                    // set beside its text, a headline starts level with it
                    let level = (elems[f].bbox.y0 - e.bbox.y0).abs() <= 3.0 * em;
                    elems[f].head && level && (beside(f, true) || (elems[f].vertical && beside(f, false))) && clear(f)
                })
                .min_by(|&a, &b| distance(a).total_cmp(&distance(b)));
            // a headline standing level with the text's top, beside it, is
            // its own headline even where another block ends just above
            if let Some(f) = head_left.filter(|&f| (elems[f].bbox.y0 - e.bbox.y0).abs() <= 0.5 * em) {
                if let Some(a) = owner[f] {
                    owner[k] = Some(a);
                    changed = true;
                    continue;
                }
            }
            // straight above
            let above = (0..elems.len())
                .filter(|&f| {
                    let o = &elems[f];
                    f != k
                        && o.bbox.y1 <= e.bbox.y0 + 0.3 * em
                        && o.bbox.y0 < e.bbox.y0
                        && overlap(o.bbox.x0, o.bbox.x1, e.bbox.x0, e.bbox.x1)
                            > 0.3 * o.bbox.width().min(e.bbox.width())
                })
                .max_by(|&a, &b| elems[a].bbox.y1.total_cmp(&elems[b].bbox.y1));
            // without rules a white line closes a block: a column starting
            // level with a column of an article, a gutter away, runs on with
            // it rather than with text a white line above it
            let white_above = above.is_none_or(|f| !elems[f].head && e.bbox.y0 - elems[f].bbox.y1 > WHITE_LINE_EM * em);
            let row = (0..elems.len()).find(|&f| {
                !elems[f].head
                    && owner[f].is_some()
                    && (elems[f].bbox.y0 - e.bbox.y0).abs() <= 0.3 * em
                    && distance(f) <= 2.0 * em
                    && (beside(f, true) || beside(f, false))
            });
            if let (false, true, Some(f)) = (ruled, white_above, row) {
                owner[k] = owner[f];
                changed = true;
                continue;
            }
            if let Some(f) = above {
                let o = &elems[f];
                let gap = e.bbox.y0 - o.bbox.y1;
                // a photo at the foot of a block grows to fill it, so the
                // white above it may be wide
                let photo = matches!(e.part, Part::Photo(_));
                let limit = if o.head {
                    4.0
                } else if ruled || photo {
                    6.0
                } else {
                    1.5
                } * em;
                if gap <= limit && o.frame == e.frame && !rule_between_rows(rules, &o.bbox, &e.bbox) {
                    if let Some(a) = owner[f] {
                        owner[k] = Some(a);
                        changed = true;
                        continue;
                    }
                }
            }
            // the nearest such column, one starting level with it first;
            // while it has no article yet, wait for it (a column beyond it
            // may belong to another article)
            let column = (0..elems.len())
                .filter(|&f| {
                    !elems[f].head
                        && (owner[f].is_some() || patient)
                        && (elems[f].bbox.y0 - e.bbox.y0).abs() <= 2.0 * em
                        && (beside(f, true) || beside(f, false))
                })
                .min_by(|&a, &b| {
                    // columns of one body start level: those first
                    let level = |f: usize| (elems[f].bbox.y0 - e.bbox.y0).abs() > 0.3 * em;
                    level(a).cmp(&level(b)).then(distance(a).total_cmp(&distance(b)))
                });
            if let Some(a) = head_left.or(column).and_then(|f| owner[f]) {
                owner[k] = Some(a);
                changed = true;
            }
        }
        if !changed {
            if !patient {
                break;
            }
            patient = false;
        }
    }
    // a headline is centred over its block: what nothing claimed, starting
    // right under it, is its when their span is centred under it too
    for (h, g) in elems.iter().enumerate().filter(|(_, g)| g.head) {
        let under: Vec<usize> = (0..elems.len())
            .filter(|&k| {
                let e = &elems[k];
                owner[k].is_none()
                    && !e.head
                    && e.bbox.y0 >= g.bbox.y1 - 0.3 * em
                    && e.bbox.y0 <= g.bbox.y1 + 4.0 * em
                    && e.frame == g.frame
                    && !rule_between_rows(rules, &g.bbox, &e.bbox)
            })
            .collect();
        let Some(span) = under.iter().map(|&k| elems[k].bbox).reduce(|x, y| x.union(&y)) else { continue };
        let span = span.union(&g.bbox);
        let centred = ((span.x0 + span.x1) - (g.bbox.x0 + g.bbox.x1)).abs() / 2.0 <= em;
        if centred && span.width() > g.bbox.width() + em {
            for k in under {
                owner[k] = owner[h];
            }
        }
    }
    // what starts inside the box of one article's parts, and of no other's,
    // is that article's (a marker set at the foot of its last column)
    let boxes: Vec<Option<Rect>> = (0..articles.len())
        .map(|a| (0..elems.len()).filter(|&k| owner[k] == Some(a)).map(|k| elems[k].bbox).reduce(|x, y| x.union(&y)))
        .collect();
    for (k, e) in elems.iter().enumerate() {
        if owner[k].is_some() {
            continue;
        }
        let inside = |b: &Rect| {
            b.x0 <= e.bbox.x0 + 2.0 && b.y0 <= e.bbox.y0 + 2.0 && b.x1 >= e.bbox.x1 - 2.0 && b.y1 >= e.bbox.y0
        };
        let mut holders = boxes.iter().enumerate().filter(|(_, b)| b.as_ref().is_some_and(inside));
        if let (Some((a, _)), None) = (holders.next(), holders.next()) {
            owner[k] = Some(a);
        }
    }
    for (k, e) in elems.iter().enumerate() {
        let a = match owner[k] {
            Some(a) => a,
            None => {
                articles.push(ArticleParts::default());
                articles.len() - 1
            }
        };
        match e.part {
            Part::Block(b) if !e.head => articles[a].texts.push(b),
            Part::Photo(p) => articles[a].photos.push(p),
            Part::Block(_) => {}
        }
    }
    articles
}

/// Whether element `e` stands straight under headline `h` (within four ems,
/// across a third of the narrower width, no rule between).
fn straight_under(h: &Element, e: &Element, rules: &[Rule], em: f32) -> bool {
    e.bbox.y0 >= h.bbox.y1 - 0.3 * em
        && e.bbox.y0 <= h.bbox.y1 + 4.0 * em
        && overlap(h.bbox.x0, h.bbox.x1, e.bbox.x0, e.bbox.x1) > 0.3 * h.bbox.width().min(e.bbox.width())
        && e.frame == h.frame
        && !rule_between_rows(rules, &h.bbox, &e.bbox)
}

/// A headline centred over its block: of the row of columns starting right
/// under it (side by side across gutters, no rule between), the widest run
/// through the columns it stands over whose span is centred under it is
/// its, unless a column of the run stands straight under another headline.
fn centred_claims(elems: &[Element], owner: &mut [Option<usize>], rules: &[Rule], em: f32) {
    for (h, g) in elems.iter().enumerate().filter(|(_, g)| g.head && !g.vertical) {
        let mut row: Vec<usize> = (0..elems.len())
            .filter(|&k| {
                let e = &elems[k];
                !e.head
                    && e.bbox.y0 >= g.bbox.y1 - 0.3 * em
                    && e.bbox.y0 <= g.bbox.y1 + 4.0 * em
                    && e.frame == g.frame
                    && !rule_between_rows(rules, &g.bbox, &e.bbox)
            })
            .collect();
        row.sort_by(|&a, &b| elems[a].bbox.x0.total_cmp(&elems[b].bbox.x0));
        // cut the row where it breaks: a wide white gap or a rule
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for k in row {
            let joins = runs.last().and_then(|r| r.last()).is_some_and(|&p| {
                let (a, b) = (&elems[p].bbox, &elems[k].bbox);
                b.x0 - a.x1 <= 2.0 * em && b.x0 > a.x0 && !vertical_rule_between(rules, a, b)
            });
            match runs.last_mut() {
                Some(r) if joins => r.push(k),
                _ => runs.push(vec![k]),
            }
        }
        let centre = (g.bbox.x0 + g.bbox.x1) / 2.0;
        for run in runs {
            // a last column may hold a short line only: it spans its measure
            let mut widths: Vec<f32> = run.iter().map(|&k| elems[k].bbox.width()).collect();
            widths.sort_by(f32::total_cmp);
            let measure = widths.get(widths.len() / 2).copied().unwrap_or(0.0);
            let right = |k: usize| elems[k].bbox.x1.max(elems[k].bbox.x0 + measure);
            let under: Vec<usize> = (0..run.len()).filter(|&i| straight_under(g, &elems[run[i]], rules, em)).collect();
            let (Some(&first), Some(&last)) = (under.first(), under.last()) else { continue };
            let mut best: Option<(f32, usize, usize)> = None;
            for i in 0..=first {
                for j in last..run.len() {
                    let (x0, x1) = (elems[run[i]].bbox.x0, right(run[j]));
                    let centred = ((x0 + x1) / 2.0 - centre).abs() <= em;
                    if centred && x1 - x0 > g.bbox.width() + em && best.is_none_or(|(w, _, _)| x1 - x0 > w) {
                        best = Some((x1 - x0, i, j));
                    }
                }
            }
            let Some((_, i, j)) = best else { continue };
            let taken = &run[i..=j];
            let foreign = taken.iter().any(|&k| {
                elems
                    .iter()
                    .enumerate()
                    .any(|(o, other)| o != h && other.head && straight_under(other, &elems[k], rules, em))
            });
            if !foreign {
                for &k in taken {
                    if owner[k].is_none() {
                        owner[k] = owner[h];
                    }
                }
            }
        }
    }
}
