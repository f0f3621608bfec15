//! Reading order by the layout tree (XY-cut): the articles' regions are cut
//! by clear horizontal bands first (of two stacked groups the upper one is
//! read first), then by clear vertical gutters (of two groups side by side
//! the left one is read first, all of it). An L-shaped article comes before
//! what it wraps: where no clean cut is left, the article at the top left
//! is read first and the rest cut again without it. The drawing order is never used.
//!
//! Not here: how the regions were found.

use crate::model::Rect;

/// How far two boxes may overlap and still be cut apart, in points.
const SLACK: f32 = 2.0;

/// The reading order of articles given their regions: article indexes, each once.
pub fn reading_order(regions: &[Vec<Rect>]) -> Vec<usize> {
    let items: Vec<(usize, Rect)> =
        regions.iter().enumerate().flat_map(|(a, rs)| rs.iter().map(move |r| (a, *r))).collect();
    let mut out = Vec::new();
    cut(items, &mut out);
    for a in 0..regions.len() {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// The regions grown down into the white under them, for reading: a
/// one-box article with nothing under it down to the foot of the page's
/// text stands over all that white (a short block leaves its foot white),
/// so it is not cut off from the stack beside it.
pub fn grown_down(regions: &[Vec<Rect>]) -> Vec<Vec<Rect>> {
    let foot = regions.iter().flatten().map(|r| r.y1).fold(f32::NEG_INFINITY, f32::max);
    regions
        .iter()
        .enumerate()
        .map(|(a, rs)| match rs.as_slice() {
            [r] => {
                let under = regions
                    .iter()
                    .enumerate()
                    .filter(|&(b, _)| b != a)
                    .flat_map(|(_, v)| v.iter())
                    .any(|o| o.y0 >= r.y1 - SLACK && o.x0 < r.x1 - SLACK && o.x1 > r.x0 + SLACK);
                if under {
                    vec![*r]
                } else {
                    vec![Rect { y1: r.y1.max(foot), ..*r }]
                }
            }
            _ => rs.clone(),
        })
        .collect()
}

/// Splits `items` into bands along one axis where nothing crosses.
fn bands(mut items: Vec<(usize, Rect)>, down: bool) -> Vec<Vec<(usize, Rect)>> {
    let lo = |r: &Rect| if down { r.y0 } else { r.x0 };
    let hi = |r: &Rect| if down { r.y1 } else { r.x1 };
    items.sort_by(|a, b| lo(&a.1).total_cmp(&lo(&b.1)));
    let mut out: Vec<Vec<(usize, Rect)>> = Vec::new();
    let mut reach = f32::NEG_INFINITY;
    for it in items {
        if out.is_empty() || lo(&it.1) >= reach - SLACK {
            out.push(Vec::new());
        }
        reach = reach.max(hi(&it.1));
        if let Some(last) = out.last_mut() {
            last.push(it);
        }
    }
    out
}

fn cut(items: Vec<(usize, Rect)>, out: &mut Vec<usize>) {
    if items.is_empty() {
        return;
    }
    if items.iter().all(|(a, _)| *a == items[0].0) {
        if !out.contains(&items[0].0) {
            out.push(items[0].0);
        }
        return;
    }
    for down in [true, false] {
        let b = bands(items.clone(), down);
        if b.len() > 1 {
            for band in b {
                cut(band, out);
            }
            return;
        }
    }
    // no clean cut (an L wraps the rest): the article at the top left is
    // read first, then the rest is cut again without it
    let Some(&(first, _)) = items.iter().min_by(|a, b| a.1.y0.total_cmp(&b.1.y0).then(a.1.x0.total_cmp(&b.1.x0)))
    else {
        return;
    };
    if !out.contains(&first) {
        out.push(first);
    }
    cut(items.into_iter().filter(|(a, _)| *a != first).collect(), out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_stack_before_right_and_an_l_before_what_it_wraps() {
        // 0: an L (top row, and its last column running down on the right)
        // 1 and 2 stacked under it on the left; 3 beside them
        let regions = vec![
            vec![Rect::new(0.0, 0.0, 300.0, 100.0), Rect::new(250.0, 100.0, 300.0, 300.0)],
            vec![Rect::new(0.0, 105.0, 100.0, 200.0)],
            vec![Rect::new(0.0, 205.0, 100.0, 300.0)],
            vec![Rect::new(110.0, 105.0, 240.0, 300.0)],
        ];
        assert_eq!(reading_order(&regions), [0, 1, 2, 3]);
        // the L's second box starting a little above the foot of its first:
        // the stack on the left is still read before the one beside it
        let regions = vec![
            vec![Rect::new(0.0, 0.0, 300.0, 100.0), Rect::new(250.0, 96.0, 300.0, 300.0)],
            vec![Rect::new(0.0, 105.0, 100.0, 200.0)],
            vec![Rect::new(0.0, 205.0, 100.0, 300.0)],
            vec![Rect::new(110.0, 105.0, 240.0, 190.0)],
            vec![Rect::new(110.0, 195.0, 240.0, 300.0)],
        ];
        assert_eq!(reading_order(&regions), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_short_block_over_white_is_read_after_the_stack_on_its_left() {
        // 0 and 1 stacked on the left; 2 on the right ends early, white under it
        let regions = vec![
            vec![Rect::new(0.0, 0.0, 100.0, 150.0)],
            vec![Rect::new(0.0, 160.0, 100.0, 300.0)],
            vec![Rect::new(110.0, 0.0, 200.0, 140.0)],
        ];
        assert_eq!(reading_order(&grown_down(&regions)), [0, 1, 2]);
        assert_eq!(reading_order(&regions), [0, 2, 1]);
    }
}
