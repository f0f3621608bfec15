//! The regions (热区) of an article: tight boxes whose union covers its
//! headline group, text, photos and captions and nothing of another article.
//! One box when the article is a rectangle; two, cut at a height, when it is
//! L-shaped (a column running on beside what it wraps); a framed article's
//! box is its frame.
//!
//! Not here: which parts make an article (see `articles`).

use crate::model::{Rect, Rule};

fn union(rects: &[Rect]) -> Option<Rect> {
    rects.iter().copied().reduce(|a, b| a.union(&b))
}

/// Whether `r` takes in any of `foreign` (by more than a sliver).
fn takes_in(r: &Rect, foreign: &[Rect]) -> bool {
    foreign.iter().any(|f| r.intersection(f).is_some_and(|i| i.width() > 1.0 && i.height() > 1.0))
}

/// The regions of every article, from the boxes of their parts (`atoms`,
/// one list per article).
pub fn article_regions(atoms: &[Vec<Rect>], rules: &[Rule], gutter: f32) -> Vec<Vec<Rect>> {
    let mut regions: Vec<Vec<Rect>> = (0..atoms.len())
        .map(|a| {
            let foreign: Vec<Rect> =
                atoms.iter().enumerate().filter(|&(b, _)| b != a).flat_map(|(_, v)| v.iter().copied()).collect();
            regions_of(&atoms[a], &foreign, rules)
        })
        .collect();
    widen(&mut regions, rules, gutter);
    regions
}

/// Blocks tile the page: white beside a one-box article, on its rows, up
/// to the next article or rule (a gutter off) or the edge of the page's
/// text, is its block's (a short text leaves its last columns white).
fn widen(regions: &mut [Vec<Rect>], rules: &[Rule], gutter: f32) {
    let all: Vec<(usize, Rect)> =
        regions.iter().enumerate().flat_map(|(a, rs)| rs.iter().map(move |r| (a, *r))).collect();
    let (Some(left), Some(right)) =
        (all.iter().map(|(_, r)| r.x0).reduce(f32::min), all.iter().map(|(_, r)| r.x1).reduce(f32::max))
    else {
        return;
    };
    for (a, rs) in regions.iter_mut().enumerate() {
        let [r] = rs.as_mut_slice() else { continue };
        let rows = |o: &Rect| o.y0 < r.y1 - 1.0 && o.y1 > r.y0 + 1.0;
        let others = all.iter().filter(|(b, o)| *b != a && rows(o)).map(|(_, o)| *o);
        let walls = rules.iter().filter(|w| !w.frame && w.rect.width() < 4.0 && rows(&w.rect)).map(|w| Rect {
            x0: w.rect.x0 + gutter / 2.0,
            x1: w.rect.x1 - gutter / 2.0,
            ..w.rect
        });
        let mut x1 = right;
        let mut x0 = left;
        for o in others.chain(walls) {
            if o.x0 >= r.x1 - 1.0 {
                x1 = x1.min(o.x0 - gutter);
            }
            if o.x1 <= r.x0 + 1.0 {
                x0 = x0.max(o.x1 + gutter);
            }
        }
        // only white at least a column's gutter wide is taken
        if x1 - r.x1 > gutter {
            r.x1 = x1;
        }
        if r.x0 - x0 > gutter {
            r.x0 = x0;
        }
    }
}

fn regions_of(own: &[Rect], foreign: &[Rect], rules: &[Rule]) -> Vec<Rect> {
    let Some(all) = union(own) else { return Vec::new() };
    // a frame around the whole article and nothing else
    let frame = rules
        .iter()
        .filter(|r| {
            r.frame
                && r.rect.x0 <= all.x0 + 1.0
                && r.rect.y0 <= all.y0 + 1.0
                && r.rect.x1 >= all.x1 - 1.0
                && r.rect.y1 >= all.y1 - 1.0
        })
        .min_by(|a, b| a.rect.area().total_cmp(&b.rect.area()));
    if let Some(f) = frame.filter(|f| !takes_in(&f.rect, foreign)) {
        return vec![f.rect];
    }
    if !takes_in(&all, foreign) {
        return vec![all];
    }
    // an L: cut at a height (or, failing that, at an abscissa)
    let mut best: Option<(f32, Vec<Rect>)> = None;
    for down in [true, false] {
        let key = |r: &Rect| if down { (r.y0 + r.y1) / 2.0 } else { (r.x0 + r.x1) / 2.0 };
        let mut cuts: Vec<f32> = own.iter().map(|r| if down { r.y1 } else { r.x1 }).collect();
        cuts.sort_by(f32::total_cmp);
        for c in cuts {
            let first: Vec<Rect> = own.iter().copied().filter(|r| key(r) <= c).collect();
            let second: Vec<Rect> = own.iter().copied().filter(|r| key(r) > c).collect();
            let (Some(a), Some(b)) = (union(&first), union(&second)) else { continue };
            if takes_in(&a, foreign) || takes_in(&b, foreign) {
                continue;
            }
            let area = a.area() + b.area();
            if best.as_ref().is_none_or(|(x, _)| area < *x) {
                best = Some((area, vec![a, b]));
            }
        }
        if best.is_some() {
            break;
        }
    }
    best.map(|(_, r)| r).unwrap_or_else(|| vec![all])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_takes_the_white_of_its_row_up_to_a_gutter_off_its_neighbour() {
        // a one-line article (0) over a full one (1), and one (2) to the right
        let atoms = vec![
            vec![Rect::new(0.0, 0.0, 120.0, 20.0)],
            vec![Rect::new(0.0, 30.0, 300.0, 100.0)],
            vec![Rect::new(315.0, 0.0, 400.0, 100.0)],
        ];
        let regions = article_regions(&atoms, &[], 15.0);
        assert_eq!(regions[0], [Rect::new(0.0, 0.0, 300.0, 20.0)]);
        assert_eq!(regions[1], [Rect::new(0.0, 30.0, 300.0, 100.0)]);
    }
}
