//! Frames drawn as four rules: a producer that has no stroked rectangle
//! (XeLaTeX's `\rule`, HTML borders printed by Chromium) draws a box's frame
//! as four thin filled rectangles, top, bottom, left and right, meeting at the
//! corners. Four such rules are one frame, as a stroked rectangle is.
//!
//! Not here: finding rules and frames in paths (`device`).

use crate::model::{Rect, Rule};

/// How far apart (points) the ends of two sides may be and still meet.
const MEET: f32 = 1.5;
/// A side is at most this thick (points).
const MAX_SIDE: f32 = 3.0;
/// A frame is at least this big each way (points): smaller boxes are bullets or glyph parts.
const MIN_FRAME: f32 = 20.0;

/// Replaces every four rules that make a rectangle's sides by one frame.
pub(crate) fn join_frames(rules: &mut Vec<Rule>) {
    let horizontal = |r: &Rule| !r.frame && r.rect.height() <= MAX_SIDE && r.rect.width() >= MIN_FRAME;
    let vertical = |r: &Rule| !r.frame && r.rect.width() <= MAX_SIDE && r.rect.height() >= MIN_FRAME;
    let near = |a: f32, b: f32| (a - b).abs() <= MEET;
    let mut used = vec![false; rules.len()];
    let mut frames: Vec<Rule> = Vec::new();
    for t in 0..rules.len() {
        if used[t] || !horizontal(&rules[t]) {
            continue;
        }
        let top = rules[t].rect;
        let found = (0..rules.len()).find_map(|b| {
            let bottom = rules[b].rect;
            if b == t || used[b] || !horizontal(&rules[b]) || bottom.y0 <= top.y1 + MIN_FRAME {
                return None;
            }
            if !near(bottom.x0, top.x0) || !near(bottom.x1, top.x1) {
                return None;
            }
            let side = |x: f32| {
                (0..rules.len()).find(|&s| {
                    let r = rules[s].rect;
                    !used[s]
                        && vertical(&rules[s])
                        && (near(r.x0, x) || near(r.x1, x))
                        && near(r.y0, top.y0)
                        && near(r.y1, bottom.y1)
                })
            };
            Some((b, side(top.x0)?, side(top.x1)?))
        });
        if let Some((b, l, r)) = found {
            if l == r {
                continue;
            }
            for k in [t, b, l, r] {
                used[k] = true;
            }
            let outer = [b, l, r].iter().fold(top, |acc: Rect, &k| acc.union(&rules[k].rect));
            frames.push(Rule { rect: outer, frame: true });
        }
    }
    if frames.is_empty() {
        return;
    }
    let mut keep = used.iter();
    rules.retain(|_| !keep.next().copied().unwrap_or(false));
    rules.extend(frames);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(x0: f32, y0: f32, x1: f32, y1: f32) -> Rule {
        Rule { rect: Rect::new(x0, y0, x1, y1), frame: false }
    }

    #[test]
    fn four_filled_sides_make_a_frame() {
        let mut rules = vec![
            rule(10.0, 10.0, 200.0, 10.7),   // top
            rule(10.0, 99.3, 200.0, 100.0),  // bottom
            rule(10.0, 10.0, 10.7, 100.0),   // left
            rule(199.3, 10.0, 200.0, 100.0), // right
            rule(10.0, 150.0, 200.0, 150.5), // a rule on its own
        ];
        join_frames(&mut rules);
        assert_eq!(rules.len(), 2);
        assert!(rules.contains(&rule(10.0, 150.0, 200.0, 150.5)));
        assert!(rules.contains(&Rule { rect: Rect::new(10.0, 10.0, 200.0, 100.0), frame: true }));
    }

    #[test]
    fn rules_that_do_not_close_a_box_stay_rules() {
        // two column rules and two cross rules that do not meet at the corners
        let mut rules = vec![
            rule(10.0, 10.0, 200.0, 10.5),
            rule(10.0, 99.5, 200.0, 100.0),
            rule(60.0, 10.0, 60.5, 100.0),
            rule(120.0, 10.0, 120.5, 100.0),
        ];
        let before = rules.clone();
        join_frames(&mut rules);
        assert_eq!(rules, before);
    }
}
