//! Names listed beside a name (`王光英、程思远、王朝文`): each item of a list
//! of `、` next to a person is a person too when it reads as a Chinese name,
//! going along the list both ways, with the post of the list's first name.
//!
//! Not a roll printed without marks (`signatures`), nor the posts
//! themselves (`posts`).

use super::posts::listed_post;
use super::words::{is_person_tag, jieba_has, name_ok, not_a_name_ending, EVENTS, ORGS, PLACES};
use super::{Entities, Mention, MentionKind, PersonMention, PersonRole, Tok};
use shuzibao_core::lexicon;
use shuzibao_core::text::is_han;

/// Marks the items of `、` lists next to a person as people when they read
/// as Chinese names, going along the list both ways.
pub(super) fn listed_names(text: &str, toks: &[Tok<'_>], paragraph: usize, used: &mut [bool], out: &mut Entities) {
    let is_mark = |t: &Tok<'_>| t.word == "、";
    let ends_item = |t: &Tok<'_>| {
        is_mark(t)
            || !t.word.chars().all(is_han)
            || matches!(t.word, "等" | "和" | "及" | "与" | "以及" | "同志" | "分别" | "也" | "都")
    };
    // the items: token ranges between marks
    let mut items: Vec<std::ops::Range<usize>> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if ends_item(&toks[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < toks.len() && !ends_item(&toks[k]) && k - start < 3 {
            k += 1;
        }
        items.push(start..k);
    }
    let person_item = |r: &std::ops::Range<usize>, out: &Entities| {
        let (a, b) = (toks[r.start].start, toks[r.end - 1].start + toks[r.end - 1].word.len());
        out.mentions.iter().any(|m| m.paragraph == paragraph && m.kind == MentionKind::Person && m.range == (a..b))
    };
    let listed = |x: &std::ops::Range<usize>, y: &std::ops::Range<usize>| {
        x.end < toks.len() && x.end + 1 == y.start && is_mark(&toks[x.end])
    };
    loop {
        let mut grew = false;
        for n in 0..items.len() {
            let r = items[n].clone();
            if person_item(&r, out) || used[r.clone()].iter().any(|u| *u) {
                continue;
            }
            let next_to_person = (n > 0 && listed(&items[n - 1], &r) && person_item(&items[n - 1], out))
                || (n + 1 < items.len() && listed(&r, &items[n + 1]) && person_item(&items[n + 1], out));
            if !next_to_person {
                continue;
            }
            let range = toks[r.start].start..toks[r.end - 1].start + toks[r.end - 1].word.len();
            let name = &text[range.clone()];
            let common = r.len() == 1 && jieba_has(name) && !is_person_tag(toks[r.start].tag);
            if !name_ok(name) || common || looks_like_org_or_place(name) || not_a_name_ending(name) {
                continue;
            }
            out.mentions.push(Mention { kind: MentionKind::Person, paragraph, range });
            if !out.people.iter().any(|p| p.name == name) {
                let post = listed_post(toks, r.start, out);
                out.people.push(PersonMention {
                    name: name.to_string(),
                    post,
                    role: PersonRole::Mentioned,
                    paragraph: Some(paragraph),
                });
            }
            for u in &mut used[r] {
                *u = true;
            }
            grew = true;
        }
        if !grew {
            break;
        }
    }
}

fn looks_like_org_or_place(w: &str) -> bool {
    lexicon::is_known_place(w)
        || lexicon::is_known_organization(w)
        || ORGS.find_proper(w).is_some()
        || PLACES.find_proper(w).is_some()
        || EVENTS.find_proper(w).is_some()
}

#[cfg(test)]
mod tests {
    use crate::entities::testing::people;

    #[test]
    fn a_list_under_one_label() {
        let p = people("区领导曹立强、王华、黄冲、沈权参加活动。");
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert!(names.contains(&"王华") && names.contains(&"沈权"), "{p:?}");
        assert!(p.iter().filter(|x| x.1.as_deref() == Some("区领导")).count() >= 2, "{p:?}");
    }
}
