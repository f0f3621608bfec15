//! The regions (热区) of a corrected article drawn again around its text
//! lines: lines that share a column (their widths overlap by half the
//! narrower) and follow one another without a gap of more than two lines'
//! height make one rectangle. Geometry as everywhere in shuzibao: PDF
//! points, origin top-left, `y` down. Not for laying out a page: the
//! layout's own regions stay for articles no correction reshaped.

use crate::{LineBox, Region};

/// A gap between two lines of one run, in heights of a line, past which
/// they make two rectangles (a paragraph moved in from elsewhere).
const GAP_LINES: f32 = 2.0;

/// The rectangles around `lines`, top to bottom and left to right.
pub(crate) fn of_lines(lines: &[LineBox]) -> Vec<Region> {
    let mut sorted: Vec<&LineBox> = lines.iter().collect();
    sorted.sort_by_key(|l| (l.x0, l.y0));
    // columns: each line joins the first column it overlaps enough
    let mut columns: Vec<Vec<&LineBox>> = Vec::new();
    for l in sorted {
        let joins = columns.iter_mut().find(|c| {
            let (x0, x1) = (c.iter().map(|l| l.x0).min().unwrap_or(0), c.iter().map(|l| l.x1).max().unwrap_or(0));
            let overlap = i32::from(l.x1.min(x1)) - i32::from(l.x0.max(x0));
            let narrower = i32::from(l.x1.saturating_sub(l.x0).min(x1.saturating_sub(x0))).max(1);
            overlap * 2 >= narrower
        });
        match joins {
            Some(c) => c.push(l),
            None => columns.push(vec![l]),
        }
    }
    let mut out = Vec::new();
    for mut column in columns {
        column.sort_by_key(|l| l.y0);
        let mut run: Option<Region> = None;
        let mut height = 0.0f32;
        for l in column {
            let r = Region { x0: f32::from(l.x0), y0: f32::from(l.y0), x1: f32::from(l.x1), y1: f32::from(l.y1) };
            height = height.max(r.y1 - r.y0);
            run = Some(match run {
                Some(cur) if r.y0 - cur.y1 <= GAP_LINES * height.max(1.0) => {
                    Region { x0: cur.x0.min(r.x0), y0: cur.y0, x1: cur.x1.max(r.x1), y1: cur.y1.max(r.y1) }
                }
                Some(cur) => {
                    out.push(cur);
                    r
                }
                None => r,
            });
        }
        out.extend(run);
    }
    out.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x0: u16, y0: u16, x1: u16, y1: u16) -> LineBox {
        LineBox { x0, y0, x1, y1, start: 0 }
    }

    #[test]
    fn two_columns_and_a_far_paragraph_make_three_rectangles() {
        let lines = [
            line(10, 100, 200, 110),
            line(10, 112, 195, 122),
            line(210, 100, 400, 110),
            line(210, 112, 400, 122),
            // far below in the first column: a paragraph moved in
            line(12, 500, 200, 510),
        ];
        let r = of_lines(&lines);
        assert_eq!(r.len(), 3, "{r:?}");
        assert_eq!(r[0], Region { x0: 10.0, y0: 100.0, x1: 200.0, y1: 122.0 });
        assert_eq!(r[1], Region { x0: 210.0, y0: 100.0, x1: 400.0, y1: 122.0 });
        assert_eq!(r[2].y0, 500.0);
        assert!(of_lines(&[]).is_empty());
    }
}
