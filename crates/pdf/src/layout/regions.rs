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
pub fn article_regions(atoms: &[Vec<Rect>], rules: &[Rule]) -> Vec<Vec<Rect>> {
    (0..atoms.len())
        .map(|a| {
            let foreign: Vec<Rect> =
                atoms.iter().enumerate().filter(|&(b, _)| b != a).flat_map(|(_, v)| v.iter().copied()).collect();
            regions_of(&atoms[a], &foreign, rules)
        })
        .collect()
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
