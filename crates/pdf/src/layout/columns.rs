//! Text columns: running text is set in columns of one measure, so the
//! full lines of a column share both edges. Those shared edges (a column's
//! frame, found wherever at least two lines agree on them) decide where every
//! other line of running text belongs: an indented first line, a paragraph's
//! short last line, a centred sub-heading or a credit stands inside the frame
//! of the nearest full lines around it. A frame's lines, top to bottom, make
//! one column until a wide white gap, a rule, a frame edge or a change of
//! size class. Lines that no frame holds are chained as a column of their
//! own (a line close under a line, overlapping it).
//!
//! Not here: which headline a column belongs to, or reading order.

use super::blocks::{frame_of, overlap, rule_between_rows, Block, BlockKind};
use super::lines::{same_size_class, TextLine};
use super::style::BodyStyle;
use crate::model::{Rect, Rule};

/// Two lines whose left edges are this close (points) start at one edge.
const EDGE_SLACK: f32 = 1.0;
/// Right edges may differ by this many ems (a closing mark's white half).
const RIGHT_SLACK_EM: f32 = 0.6;
/// A line stands among a measure's lines when one is this near (in ems).
const AMONG_EM: f32 = 2.2;
/// A paragraph's first line is indented by at most this many ems.
const INDENT_MAX_EM: f32 = 3.5;
/// A line flush with a measure's left edge is that measure's when one of its
/// lines stands this near (in ems).
const FLUSH_NEAR_EM: f32 = 4.0;
/// The widest white gap between two lines of one column, in body ems.
const MAX_LINE_GAP_EM: f32 = 0.9;

/// A column measure: left and right edges shared by full lines.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Measure {
    x0: f32,
    x1: f32,
    /// How many lines set it.
    support: usize,
}

/// The measures of the running text: pairs of edges that at least two
/// lines share.
fn measures(lines: &[TextLine], idx: &[usize]) -> Vec<(Measure, Vec<usize>)> {
    let mut out: Vec<(Measure, Vec<usize>)> = Vec::new();
    for &i in idx {
        let b = lines[i].bbox;
        let em = lines[i].size.max(1.0);
        match out
            .iter_mut()
            .find(|(m, _)| (m.x0 - b.x0).abs() <= EDGE_SLACK && (m.x1 - b.x1).abs() <= RIGHT_SLACK_EM * em)
        {
            Some((m, members)) => {
                m.x1 = m.x1.max(b.x1);
                m.support += 1;
                members.push(i);
            }
            None => out.push((Measure { x0: b.x0, x1: b.x1, support: 1 }, vec![i])),
        }
    }
    out.retain(|(m, _)| m.support >= 2 && m.x1 - m.x0 > 2.0 * EDGE_SLACK);
    let mid = |i: usize| (lines[i].bbox.y0 + lines[i].bbox.y1) / 2.0;
    // a column's right edge is reached by lines one under the other (full
    // lines, a paragraph's indented first line); a few short last lines
    // sharing both edges by chance are no column
    let set = |m: &Measure, em: f32| {
        let reach: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| {
                let b = lines[i].bbox;
                (b.x1 - m.x1).abs() <= RIGHT_SLACK_EM * em
                    && b.x0 >= m.x0 - EDGE_SLACK
                    && b.x0 <= m.x0 + INDENT_MAX_EM * em
            })
            .collect();
        reach.iter().enumerate().any(|(a, &i)| reach[a + 1..].iter().any(|&j| (mid(i) - mid(j)).abs() <= AMONG_EM * em))
    };
    let valid: Vec<bool> =
        out.iter().map(|(m, members)| set(m, members.first().map_or(1.0, |&i| lines[i].size.max(1.0)))).collect();
    // indented first lines share edges too: a measure that a valid one
    // holds, starting up to three and a half ems further in, is not a
    // column; nor is one whose every line stands among a wider one's lines
    let keep: Vec<bool> = out
        .iter()
        .enumerate()
        .map(|(k, (m, members))| {
            let em = members.first().map_or(1.0, |&i| lines[i].size.max(1.0));
            valid[k]
                && !out.iter().enumerate().any(|(j, (o, theirs))| {
                    let held = o.x0 <= m.x0 + EDGE_SLACK
                        && o.x1 >= m.x1 - RIGHT_SLACK_EM * em
                        && o.x1 - o.x0 > m.x1 - m.x0 + 0.5 * em;
                    let indent = (o.x1 - m.x1).abs() <= RIGHT_SLACK_EM * em && m.x0 - o.x0 <= INDENT_MAX_EM * em;
                    let among =
                        || members.iter().all(|&i| theirs.iter().any(|&t| (mid(t) - mid(i)).abs() <= AMONG_EM * em));
                    j != k && valid[j] && held && (indent || among())
                })
        })
        .collect();
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
    out
}

/// Whether the line stands inside the measure.
fn inside(m: &Measure, b: &Rect, em: f32) -> bool {
    b.x0 >= m.x0 - EDGE_SLACK && b.x1 <= m.x1 + 0.3 * em
}

/// Groups text lines (`idx`, any order) into text columns.
pub fn text_columns(lines: &[TextLine], idx: &[usize], rules: &[Rule], body: &BodyStyle) -> Vec<Block> {
    let ms = measures(lines, idx);
    let mid = |i: usize| (lines[i].bbox.y0 + lines[i].bbox.y1) / 2.0;
    // each line to the measure whose own lines stand nearest above or below it
    let mut by_measure: Vec<Vec<usize>> = vec![Vec::new(); ms.len()];
    let mut loose: Vec<usize> = Vec::new();
    for &i in idx {
        let l = &lines[i];
        let em = l.size.max(1.0);
        let near: Vec<(usize, f32, bool)> = ms
            .iter()
            .enumerate()
            .filter(|(_, (m, _))| inside(m, &l.bbox, em))
            .map(|(k, (m, members))| {
                let d = members
                    .iter()
                    .filter(|&&j| j != i && same_size_class(lines[j].size, l.size))
                    .map(|&j| (mid(j) - mid(i)).abs())
                    .fold(f32::INFINITY, f32::min);
                (k, d, (l.bbox.x0 - m.x0).abs() <= EDGE_SLACK)
            })
            .filter(|&(_, d, _)| d.is_finite())
            .collect();
        // a short line flush with a measure's left edge (a paragraph's last
        // line at the head of a column) is that measure's, even when a wider
        // measure of the block above or below holds it too and stands nearer
        let flush =
            near.iter().filter(|&&(_, d, flush)| flush && d <= FLUSH_NEAR_EM * em).min_by(|a, b| a.1.total_cmp(&b.1));
        let best = flush.or_else(|| near.iter().min_by(|a, b| a.1.total_cmp(&b.1))).map(|&(k, d, _)| (k, d));
        match best {
            Some((k, _)) => by_measure[k].push(i),
            None => loose.push(i),
        }
    }
    let mut cols: Vec<Block> = Vec::new();
    for mut members in by_measure {
        members.sort_by(|&a, &b| lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0));
        let mut current: Option<Block> = None;
        for i in members {
            let l = &lines[i];
            let joins = current.as_ref().is_some_and(|c| {
                let last = &lines[c.lines[c.lines.len() - 1]];
                let gap = l.bbox.y0 - last.bbox.y1;
                gap <= MAX_LINE_GAP_EM * body.size
                    && same_size_class(l.size, last.size)
                    && !rule_between_rows(rules, &last.bbox, &l.bbox)
                    && frame_of(rules, &c.bbox) == frame_of(rules, &l.bbox)
            });
            match current.as_mut() {
                Some(c) if joins => {
                    c.lines.push(i);
                    c.bbox = c.bbox.union(&l.bbox);
                }
                _ => {
                    cols.extend(current.take());
                    current = Some(Block { kind: BlockKind::Text, lines: vec![i], bbox: l.bbox });
                }
            }
        }
        cols.extend(current);
    }
    cols.extend(chain_loose(lines, &loose, rules, body));
    cols
}

/// Chains the lines no measure holds: a line joins the column whose last
/// line stands close above it and overlaps it.
fn chain_loose(lines: &[TextLine], idx: &[usize], rules: &[Rule], body: &BodyStyle) -> Vec<Block> {
    let mut idx = idx.to_vec();
    idx.sort_by(|&a, &b| {
        lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0).then(lines[a].bbox.x0.total_cmp(&lines[b].bbox.x0))
    });
    let mut cols: Vec<Block> = Vec::new();
    for i in idx {
        let l = &lines[i];
        let best = cols
            .iter_mut()
            .filter(|c| {
                let last = &lines[c.lines[c.lines.len() - 1]];
                let gap = l.bbox.y0 - last.bbox.y1;
                let w = l.bbox.width().min(last.bbox.width());
                gap <= MAX_LINE_GAP_EM * body.size
                    && gap >= -0.3 * body.size
                    && overlap(l.bbox.x0, l.bbox.x1, last.bbox.x0, last.bbox.x1) >= 0.5 * w
                    && same_size_class(l.size, last.size)
                    && !rule_between_rows(rules, &last.bbox, &l.bbox)
                    && frame_of(rules, &c.bbox) == frame_of(rules, &l.bbox)
            })
            .min_by(|a, b| a.bbox.y1.total_cmp(&b.bbox.y1).reverse());
        match best {
            Some(c) => {
                c.lines.push(i);
                c.bbox = c.bbox.union(&l.bbox);
            }
            None => cols.push(Block { kind: BlockKind::Text, lines: vec![i], bbox: l.bbox }),
        }
    }
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x0: f32, y0: f32, x1: f32, text: &str) -> TextLine {
        TextLine {
            text: text.into(),
            bbox: Rect::new(x0, y0, x1, y0 + 9.0),
            size: 9.0,
            font: "Serif".into(),
            bold: false,
            vertical: false,
        }
    }

    #[test]
    fn short_and_centred_lines_stay_in_the_measure_of_their_neighbours() {
        let body = BodyStyle { size: 9.0, font: "Serif".into() };
        // two columns 100 points wide; in the right one a centred line, an
        // indented one, a short closing one and an indented one again
        let lines = vec![
            line(0.0, 0.0, 100.0, "甲甲"),
            line(0.0, 13.0, 100.0, "甲乙"),
            line(0.0, 26.0, 100.0, "甲丙"),
            line(0.0, 39.0, 100.0, "甲丁"),
            line(130.0, 0.0, 160.0, "乙甲"),
            line(118.0, 13.0, 210.0, "乙乙"),
            line(112.0, 26.0, 220.0, "乙丙"),
            line(112.0, 39.0, 130.0, "乙丁"),
            line(130.0, 52.0, 220.0, "乙戊"),
            line(112.0, 65.0, 220.0, "乙己"),
        ];
        let idx: Vec<usize> = (0..lines.len()).collect();
        let mut cols = text_columns(&lines, &idx, &[], &body);
        cols.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
        assert_eq!(cols.len(), 2);
        assert_eq!(cols[0].lines, [0, 1, 2, 3]);
        assert_eq!(cols[1].lines, [4, 5, 6, 7, 8, 9]);
    }

    #[test]
    fn a_short_line_heading_a_column_stays_with_the_measure_it_is_flush_with() {
        let body = BodyStyle { size: 9.0, font: "Serif".into() };
        // above: a block with a wide column (0..160); below it, across a
        // gap, a narrower column (40..160) whose first line is a paragraph's
        // short last line, flush left, then an indented line; the short line
        // lies inside both measures and nearer the wide one's foot
        let lines = vec![
            line(0.0, 0.0, 160.0, "甲甲"),
            line(0.0, 13.0, 160.0, "甲乙"),
            line(40.0, 30.0, 70.0, "乙甲"),
            line(58.0, 43.0, 160.0, "乙乙"),
            line(40.0, 56.0, 160.0, "乙丙"),
            line(40.0, 69.0, 160.0, "乙丁"),
        ];
        let idx: Vec<usize> = (0..lines.len()).collect();
        let mut cols = text_columns(&lines, &idx, &[], &body);
        cols.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
        assert_eq!(cols.len(), 2);
        assert_eq!(cols[0].lines, [0, 1]);
        assert_eq!(cols[1].lines, [2, 3, 4, 5]);
    }
}
