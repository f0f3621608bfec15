//! A side in a match (球队): the sports pages write a club by its bare name,
//! often a transliteration (`…主场迎战…`, `A vs B`), which the model, taught
//! on news that writes `…队`, reads as a person or a place. A name it gives
//! so is a side, an organisation, when the words next to it are a match's:
//! `vs` on either side, `主场`/`客场` after it, a result or a fixture before
//! it (`做客`, `输给`, `逼平`). Only names written all in the characters of
//! transliteration: a Chinese name with a match around it stays a person.
//!
//! Not the sides written with `队` (the model names those), nor players.

use shuzibao_core::lexicon;
use std::ops::Range;

/// What follows a side's name: it plays at home or away, or against.
const AFTER: &[&str] = &["vs", "主场", "客场", "客战", "作客", "做客", "主帅", "本轮", "上轮", "主胜", "客胜"];

/// What comes before a side's name: against, a fixture, a result.
const BEFORE: &[&str] = &[
    "vs", "做客", "作客", "客战", "输给", "负于", "不敌", "逼平", "战平", "战胜", "击败", "大胜", "力克", "迎战",
    "对阵",
];

/// Whether the name at `range` of `text` is a side in a match.
pub(super) fn a_side(text: &str, range: &Range<usize>) -> bool {
    let name = &text[range.clone()];
    if name.chars().count() < 2 || !name.chars().all(lexicon::is_transliteration_char) {
        return false;
    }
    let after = text[range.end..].trim_start().to_ascii_lowercase();
    let before = text[..range.start].trim_end().to_ascii_lowercase();
    AFTER.iter().any(|w| after.starts_with(w)) || BEFORE.iter().any(|w| before.ends_with(w)) || a_score(&after)
}

/// Whether `text` opens with a score or a record (`2-0`, `3比1`, `8胜5平`).
fn a_score(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest: Vec<char> = text.chars().skip(digits).take(2).collect();
    digits > 0
        && match rest.as_slice() {
            [c, d, ..] if "-:比".contains(*c) => d.is_ascii_digit(),
            [c, ..] => "胜平负".contains(*c),
            _ => false,
        }
}

/// Whether the name at `range` stands in a pair or a list with a side
/// (`乌迪内斯和巴勒莫`, `切沃、桑普多`): the items of one are of one kind.
pub(super) fn next_to(text: &str, range: &Range<usize>, side: &Range<usize>) -> bool {
    let name = &text[range.clone()];
    if name.chars().count() < 2 || !name.chars().all(lexicon::is_transliteration_char) {
        return false;
    }
    let between = if range.end <= side.start {
        &text[range.end..side.start]
    } else if side.end <= range.start {
        &text[side.end..range.start]
    } else {
        return false;
    };
    matches!(between.trim(), "和" | "与" | "、" | "及")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(text: &str, name: &str) -> bool {
        let at = text.find(name).expect("the name is in the text");
        a_side(text, &(at..at + name.len()))
    }

    #[test]
    fn a_match_around_a_transliteration() {
        assert!(side("周六桑德兰 VS 博尔顿", "桑德兰"));
        assert!(side("周六桑德兰 VS 博尔顿", "博尔顿"));
        assert!(side("上轮做客汉诺威", "汉诺威"));
        assert!(side("巴勒莫主场两连败", "巴勒莫"));
        assert!(side("卡利亚里2-0柏林赫塔", "卡利亚里"));
        assert!(side("两队交锋是切尔西8胜5平1负", "切尔西"));
    }

    #[test]
    fn no_match_or_a_chinese_name() {
        assert!(!side("巴勒莫表示满意", "巴勒莫"));
        assert!(!side("王小明主场作战", "王小明"));
        assert!(!side("阿", "阿"));
        assert!(!side("克林顿2日说", "克林顿"));
    }
}
