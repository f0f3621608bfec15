//! The post written with a name (职务): the words before it back to the
//! nearest punctuation, function word or other person (`区委副书记、区长钟晓咏`),
//! and the post of a list's first name for the names after it
//! (`区领导曹立强、王华、黄冲`).
//!
//! Not the names themselves (`named`, `lists`), nor who holds a post over
//! time (`store`).

use super::words::{is_ordinal, is_person_tag, name_ok, not_a_name_ending, word_list, ORGS};
use super::{Entities, Tok};
use shuzibao_core::lexicon;
use shuzibao_core::text::is_han;
use std::sync::LazyLock;

/// Words that end a post on its left: function words and the verbs that
/// come before a list of officials (`会见`, `陪同`, `出席的有`;
/// `data/before_post.txt`).
static BEFORE_POST: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("../../data/before_post.txt")));

/// Verbs that are part of a post (`本报驻日本记者`, `国务委员兼外长`,
/// `本报赴柬埔寨特派记者`; `data/verbs_in_posts.txt`).
static VERBS_IN_POSTS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("../../data/verbs_in_posts.txt")));

/// The post written just before the person at token `i` (`徐汇区委常委、
/// 副区长`, `市委党史学习教育第二巡回指导组组长`): the words back to the
/// nearest punctuation, function word or other person, when they end with
/// a post word.
pub(super) fn post_before(toks: &[Tok<'_>], i: usize) -> Option<String> {
    let end = toks.get(i.checked_sub(1)?)?;
    lexicon::post_ending(end.word)?;
    let mut j = i;
    let mut chars = 0;
    while j > 0 && i - j < 16 {
        let t = &toks[j - 1];
        if t.word == "、" {
            // `区委副书记、区长`: the part before must itself end with a post
            if j >= 2 && lexicon::post_ending(toks[j - 2].word).is_some() {
                j -= 1;
                continue;
            }
            break;
        }
        let punctuation = !t.word.chars().any(|c| is_han(c) || c.is_alphanumeric());
        let another_person = is_person_tag(t.tag) && name_ok(t.word) && !not_a_name_ending(t.word);
        // a verb (`得知`, `应`, `综合`) or a count (`两位`, a dateline's
        // `2月25日`) is no part of a post; an ordinal is (`第十三届`), and so
        // are the verbs posts are made of (`驻`, `兼`)
        // a verbal noun before a body's word is of the body's name
        // (`外事` `工作` `委员会`)
        let of_body = t.tag == "vn" && ORGS.find(toks[j].word) == Some(toks[j].word);
        let verb = t.tag.starts_with('v') && !VERBS_IN_POSTS.contains(&t.word) && !of_body;
        let count = matches!(t.tag, "m" | "mq" | "t") && !is_ordinal(t.word);
        // a dateline's end (`25日电`, `专电`) is where a reporter's post starts
        let dateline = t.word.ends_with('电');
        chars += t.word.chars().count();
        if punctuation || another_person || verb || count || dateline || BEFORE_POST.contains(&t.word) || chars > 30 {
            break;
        }
        j -= 1;
    }
    let s: String = toks[j..i].iter().map(|t| t.word).collect();
    let s = s.trim_start_matches('、').to_string();
    (s.chars().count() >= 2).then_some(s)
}

/// In `区领导曹立强、王华、黄冲`, a name after `、` without a post of its own
/// takes the post of the list's first name.
pub(super) fn listed_post(toks: &[Tok<'_>], i: usize, out: &Entities) -> Option<String> {
    if i < 2 || toks[i - 1].word != "、" {
        return None;
    }
    let prev = toks[i - 2].word;
    out.people.iter().rev().find(|p| p.name.ends_with(prev) || prev.ends_with(&p.name)).and_then(|p| p.post.clone())
}

#[cfg(test)]
mod tests {
    use crate::entities::testing::people;

    #[test]
    fn people_with_their_posts() {
        let p = people("区委书记曹立强出席会议。区委副书记、区长钟晓咏主持。");
        assert!(p.contains(&("曹立强".into(), Some("区委书记".into()))), "{p:?}");
        assert!(p.contains(&("钟晓咏".into(), Some("区委副书记、区长".into()))), "{p:?}");
    }

    #[test]
    fn a_body_named_with_a_verbal_noun_stays_in_the_post() {
        let p = people("中共中央政治局委员、中央外事工作委员会办公室主任王明远出席。");
        assert!(
            p.contains(&("王明远".into(), Some("中共中央政治局委员、中央外事工作委员会办公室主任".into()))),
            "{p:?}"
        );
    }
}
