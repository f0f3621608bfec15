//! Lexical cohesion: how much the text after a headline-like line shares with
//! the article before it, for the cases no layout sign decides.

use super::*;

/// Below this [`cohesion`], the text after a headline-like line is about
/// something else than the article before it. Chosen on 人民日报 pages of
/// February 2019 (seed 11), checked on October; see the README's figures.
pub(super) const NEW_TOPIC: f32 = 0.03;

/// Characters too common to say what a text is about.
pub(super) const COMMON: &str =
    "的了是在和与及也而将对为有这我们他她它你其中上下不一个人以于就都要从到把被让等年月日时";

/// Pairs of adjacent Han characters in `text`, leaving out the common ones.
pub(super) fn bigrams(text: &str, into: &mut std::collections::HashSet<(char, char)>) {
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if !is_han(c) {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            if !COMMON.contains(p) && !COMMON.contains(c) {
                into.insert((p, c));
            }
        }
        prev = Some(c);
    }
}

/// How much the text after a candidate headline shares with the article
/// before it: the cosine of their sets of character pairs, 0..=1, over about
/// the last and next `WINDOW` characters.
pub(super) fn cohesion(before: &Draft, after: &[Unit]) -> f32 {
    const WINDOW: usize = 600;
    let mut a = std::collections::HashSet::new();
    let mut taken = 0;
    for p in before.paras.iter().rev() {
        bigrams(&p.text, &mut a);
        taken += p.text.len() / 3;
        if taken >= WINDOW {
            break;
        }
    }
    for h in &before.heads {
        bigrams(&h.text, &mut a);
    }
    let mut b = std::collections::HashSet::new();
    let mut taken = 0;
    for u in after.iter().take_while(|u| matches!(u.kind, UnitKind::Text | UnitKind::Item | UnitKind::Head)) {
        bigrams(&u.text, &mut b);
        taken += u.text.len() / 3;
        if taken >= WINDOW {
            break;
        }
    }
    if a.is_empty() || b.is_empty() {
        return 1.0;
    }
    let shared = a.intersection(&b).count() as f32;
    shared / ((a.len() * b.len()) as f32).sqrt()
}
