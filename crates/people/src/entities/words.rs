//! What the dictionary and the word lists say of a word, for every pass:
//! jieba's tags and words, the endings of bodies, places and events kept in
//! `data/`, and whether a word reads as a Chinese personal name.
//!
//! Not a pass: nothing here finds or records a mention.

use shuzibao_core::lexicon::{self, Endings};
use shuzibao_core::segment;
use shuzibao_core::text::is_han;
use std::sync::LazyLock;

const ORG_SUFFIXES: &str = include_str!("../../data/org_suffixes.txt");
const PLACE_SUFFIXES: &str = include_str!("../../data/place_suffixes.txt");
const EVENT_WORDS: &str = include_str!("../../data/event_words.txt");
const NOT_A_NAME_ENDINGS: &str = include_str!("../../data/not_a_name_endings.txt");

pub(super) static ORGS: LazyLock<Endings> = LazyLock::new(|| Endings::from_data(ORG_SUFFIXES));
pub(super) static PLACES: LazyLock<Endings> = LazyLock::new(|| Endings::from_data(PLACE_SUFFIXES));
pub(super) static EVENTS: LazyLock<Endings> = LazyLock::new(|| Endings::from_data(EVENT_WORDS));

/// The words of a list in `data/`: separated by spaces or lines, `#` opening
/// a line of comment.
pub(super) fn word_list(data: &'static str) -> Vec<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
}

/// The characters of a list in `data/` of words of one character.
pub(super) fn char_list(data: &'static str) -> Vec<char> {
    word_list(data).into_iter().flat_map(str::chars).collect()
}

/// Whether jieba's tag names a person (`nr`, `nrfg`, `nrt`).
pub(super) fn is_person_tag(tag: &str) -> bool {
    matches!(tag, "nr" | "nrfg" | "nrt")
}

/// Whether a word reads as a Chinese personal name.
pub(super) fn name_ok(w: &str) -> bool {
    let n = w.chars().count();
    if w.contains(['·', '•', '・']) {
        return n >= 3 && w.chars().all(|c| is_han(c) || matches!(c, '·' | '•' | '・'));
    }
    (2..=4).contains(&n) && w.chars().all(is_han) && lexicon::has_surname(w)
}

/// The endings of [`not_a_name_ending`], from `data/not_a_name_endings.txt`.
static NOT_A_NAME: LazyLock<Vec<char>> = LazyLock::new(|| char_list(NOT_A_NAME_ENDINGS));

/// Endings that make a word a thing or a place, not a given name
/// (`严肃性`, `安全感`, `徐汇区`).
pub(super) fn not_a_name_ending(w: &str) -> bool {
    w.chars().count() >= 3 && w.chars().next_back().is_some_and(|c| NOT_A_NAME.contains(&c))
}

/// Whether jieba's base dictionary has the word.
pub(super) fn jieba_has(word: &str) -> bool {
    segment::Segmenter::base().has_word(word)
}

/// The dictionary's part-of-speech tag of a whole word, if it has the word.
pub(super) fn dictionary_tag(word: &str) -> Option<String> {
    let seg = segment::Segmenter::base();
    if !seg.has_word(word) {
        return None;
    }
    match seg.tagged_fast(word).as_slice() {
        [(r, tag)] if r.len() == word.len() => Some(tag.to_string()),
        _ => None,
    }
}

/// `第九届`, `第十五次`: an ordinal that opens the name of a congress or a session.
pub(super) fn is_ordinal(w: &str) -> bool {
    w.starts_with('第') && w.ends_with(['届', '次', '任', '期']) && w.chars().count() >= 3
}
/// Whether a word of three characters begins with a word of two the
/// dictionary knows as something other than a name (`纪念` in `纪念章`).
/// Its end is no sign: given names are often words (`建华`, `锦涛`).
pub(super) fn opens_with_common_word(word: &str) -> bool {
    let Some((third, _)) = word.char_indices().nth(2) else { return false };
    dictionary_tag(&word[..third]).is_some_and(|t| !is_person_tag(&t) && !t.starts_with("ns"))
}
