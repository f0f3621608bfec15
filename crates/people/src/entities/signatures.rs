//! Names the rules place before the model: rolls of names printed side by
//! side (名单, `委员：张立林海陈志远`, cut by `roll`) and signatures, a
//! paragraph or brackets holding nothing but names (`林文渊`,
//! `《辽金史新论》（林文渊）`), and a picture story's credit on a line of its
//! own (`曹一图李清文`). The tokens they take are marked used, so no later
//! pass names them again.
//!
//! Not the names the model finds (`named`), nor posts.

use super::neighbours;
use super::roll;
use super::words::{dictionary_tag, is_person_tag, jieba_has, name_ok, not_a_name_ending, opens_with_common_word};
use super::{Entities, Mention, MentionKind, PersonMention, PersonRole, Tok};
use regex::Regex;
use shuzibao_core::lexicon;
use shuzibao_core::text::is_han;
use std::sync::LazyLock;

/// Names printed side by side in a roll (`委员：张立林海陈志远`, see `roll`):
/// a run that reads as a roll on its own, and in a paragraph holding one,
/// the shorter runs of two names or more between its notes (`（女）`).
pub(super) fn name_rolls(text: &str, toks: &[Tok<'_>], paragraph: usize, used: &mut [bool], out: &mut Entities) {
    // a cut through a place or an organisation the segmenter found
    // (`巴基|斯坦`) is no roll of names
    let through_a_word = |run: &std::ops::Range<usize>, pieces: &[roll::Piece]| {
        pieces.iter().any(|p| {
            let cut = run.start + p.range.end;
            toks.iter().any(|t| t.start < cut && cut < t.start + t.word.len() && matches!(t.tag, "ns" | "nt" | "nz"))
        })
    };
    let cut = |r: &std::ops::Range<usize>| roll::split(&text[r.clone()], known_as).filter(|p| !through_a_word(r, p));
    // only a run where the segmenter found two names or more, making a
    // third of it, is cut to see whether it is a roll (cutting looks words
    // up in the dictionary: too slow for every clause)
    let runs = roll::runs(text, 4);
    // (count, bytes) of the names the segmenter found in each run
    let mut found = vec![(0usize, 0usize); runs.len()];
    let mut k = 0;
    for t in toks.iter().filter(|t| is_person_tag(t.tag)) {
        while k < runs.len() && runs[k].end <= t.start {
            k += 1;
        }
        if k < runs.len() && runs[k].start <= t.start {
            found[k].0 += 1;
            found[k].1 += t.word.len();
        }
    }
    let named = |k: usize| found[k].0 >= 2 && found[k].1 * 3 >= runs[k].len();
    let mut cuts: Vec<Option<Option<Vec<roll::Piece>>>> =
        runs.iter().enumerate().map(|(k, r)| named(k).then(|| cut(r))).collect();
    let rolls = |(r, p): (&std::ops::Range<usize>, &Option<Option<Vec<roll::Piece>>>)| {
        p.as_ref().and_then(Option::as_ref).is_some_and(|p| roll::is_roll(&text[r.clone()], p))
    };
    if !runs.iter().zip(&cuts).any(rolls) {
        return;
    }
    // in a paragraph holding a roll, the other runs may be parts of it
    for (r, c) in runs.iter().zip(&mut cuts) {
        if c.is_none() {
            *c = Some(cut(r));
        }
    }
    for (run, pieces) in runs.iter().zip(cuts) {
        let Some(pieces) = pieces.flatten().filter(|p| roll::is_part_of_roll(p)) else { continue };
        // a craft's name (`“…海军元帅”号`) is no roll
        if neighbours::a_craft(text, run) {
            continue;
        }
        for p in pieces {
            push_person(out, paragraph, run.start + p.range.start..run.start + p.range.end, text);
        }
        take(toks, used, run);
    }
}

/// Brackets around a few characters: `（关纪新）`, `(祝注先)`.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"[（(]([\p{Han}]{2,10})[）)]").unwrap()
});

/// What the dictionary says of a word, for cutting rolls of names.
fn known_as(w: &str) -> roll::Known {
    match dictionary_tag(w) {
        Some(t) if is_person_tag(&t) => roll::Known::Name,
        Some(_) => roll::Known::Word,
        None => roll::Known::Unknown,
    }
}

/// Signatures: a paragraph, or brackets after a title, that hold nothing but
/// one to three names (`林文渊`, `周立李明华`, `《辽金史新论》（林文渊）`), each
/// opening with a family name and none a word the dictionary knows as
/// something else.
pub(super) fn standalone_names(text: &str, toks: &[Tok<'_>], paragraph: usize, used: &mut [bool], out: &mut Entities) {
    let start = text.len() - text.trim_start().len();
    let whole = start..start + text.trim().len();
    let bracketed = BRACKETED.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.range());
    for span in std::iter::once(whole).chain(bracketed) {
        let run = &text[span.clone()];
        // (`许光明摄` is a credit, read with the bylines)
        if !(2..=10).contains(&run.chars().count()) || !run.chars().all(is_han) || run.ends_with('摄') {
            continue;
        }
        if let Some((picture, words)) = picture_and_text(run) {
            let at = |r: std::ops::Range<usize>| span.start + r.start..span.start + r.end;
            push_person_as(out, paragraph, at(picture), text, PersonRole::Photographer);
            push_person_as(out, paragraph, at(words), text, PersonRole::Author);
            take(toks, used, &span);
            continue;
        }
        let Some(pieces) = roll::split(run, known_as) else { continue };
        let name_like = |w: &str| {
            name_ok(w)
                && !not_a_name_ending(w)
                && !lexicon::is_known_place(w)
                && !lexicon::is_known_organization(w)
                && !opens_with_common_word(w)
                && (!jieba_has(w) || dictionary_tag(w).is_some_and(|t| is_person_tag(&t)))
        };
        // two or three names side by side are names of three characters or
        // names the dictionary knows (`毕加|索故|居行` is none)
        let several_ok = |p: &roll::Piece| pieces.len() == 1 || p.known || run[p.range.clone()].chars().count() == 3;
        if pieces.len() > 3 || pieces.iter().any(|p| p.odd || !name_like(&run[p.range.clone()]) || !several_ok(p)) {
            continue;
        }
        for p in pieces {
            let range = span.start + p.range.start..span.start + p.range.end;
            push_person(out, paragraph, range, text);
        }
        take(toks, used, &span);
    }
}

/// Marks the tokens that overlap `range` as read.
fn take(toks: &[Tok<'_>], used: &mut [bool], range: &std::ops::Range<usize>) {
    for (k, t) in toks.iter().enumerate() {
        if t.start < range.end && t.start + t.word.len() > range.start {
            used[k] = true;
        }
    }
}

/// Records a person named at `range` of the paragraph, with no post.
fn push_person(out: &mut Entities, paragraph: usize, range: std::ops::Range<usize>, text: &str) {
    push_person_as(out, paragraph, range, text, PersonRole::Mentioned);
}

/// Records a person named at `range` of the paragraph, with no post, in the
/// part `role` says (a credit's photographer or author).
fn push_person_as(out: &mut Entities, paragraph: usize, range: std::ops::Range<usize>, text: &str, role: PersonRole) {
    let name = &text[range.clone()];
    out.mentions.push(Mention { kind: MentionKind::Person, paragraph, range });
    if !out.people.iter().any(|q| q.name == name) {
        out.people.push(PersonMention { name: name.to_string(), post: None, role, paragraph: Some(paragraph) });
    }
}

/// A picture story's credit on a line of its own (`曹一图李清文`, printed
/// `曹  一图  李  清文`): picture by one, text by the other. Each name two to
/// four characters opening with a family name.
fn picture_and_text(run: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let body = run.strip_suffix('文')?;
    let (k, _) = body.match_indices('图').find(|(k, _)| {
        let (a, b) = (&body[..*k], &body[k + '图'.len_utf8()..]);
        [a, b].iter().all(|w| (2..=4).contains(&w.chars().count()) && lexicon::has_surname(w))
    })?;
    Some((0..k, k + '图'.len_utf8()..body.len()))
}

#[cfg(test)]
mod tests {
    use crate::entities::testing::people;

    #[test]
    fn a_picture_and_text_credit() {
        let e = crate::entities::extract_text("曹一图李清文", None);
        let p: Vec<(&str, super::PersonRole)> = e.people.iter().map(|p| (p.name.as_str(), p.role)).collect();
        assert_eq!(p, [("曹一", super::PersonRole::Photographer), ("李清", super::PersonRole::Author)]);
        assert!(super::picture_and_text("王宏图").is_none());
        assert!(super::picture_and_text("李宏图书文").is_none());
    }

    #[test]
    fn names_printed_side_by_side() {
        let p = people("主席团名单委员：江泽民胡锦涛吴邦国温家宝");
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        for name in ["江泽民", "胡锦涛", "吴邦国", "温家宝"] {
            assert!(names.contains(&name), "{name}: {p:?}");
        }
    }

    #[test]
    fn a_roll_of_names_the_dictionary_does_not_know() {
        // one family's names together, a dotted name, notes between the names
        let text = "委员：江泽民胡锦涛吴邦国温家宝刘涛刘海刘群刘广宇（女）王文乾扎西·顿珠王光明";
        let p = people(text);
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        for name in ["刘涛", "刘海", "刘群", "刘广宇", "王文乾", "扎西·顿珠", "王光明"] {
            assert!(names.contains(&name), "{name}: {names:?}");
        }
        assert!(!names.iter().any(|n| n.ends_with('王') || n.ends_with('刘')), "{names:?}");
        // a sentence with two names in it is no roll
        let p = people("李鹏江泽民出席会议并讲话");
        assert!(p.iter().all(|x| x.0 == "李鹏" || x.0 == "江泽民"), "{p:?}");
    }

    #[test]
    fn a_signature_alone_or_in_brackets_is_a_name() {
        assert!(people("符小渤").iter().any(|x| x.0 == "符小渤"));
        let p = people("《辽金史新论》（林文渊）、《草原文化散记》（宋明远）");
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert!(names.contains(&"林文渊") && names.contains(&"宋明远"), "{names:?}");
        // but not a place or a prize in brackets, nor pieces of a title
        for text in ["（上海）", "上海国际电影节（金爵奖）", "毕加索故居行"] {
            assert!(people(text).is_empty(), "{text}: {:?}", people(text));
        }
    }
}
