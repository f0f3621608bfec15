//! The word segmenter (jieba) that entity finding and the search index
//! share, so that both cut text the same way, and so that a name the
//! archive has learned ([`learn_names`]) is one word to both: a person
//! (`钟晓咏`, not three characters) for the entity finder, one term for
//! ranking and phrases with slop in the search index.
//!
//! One dictionary for the process, behind a lock that is only written when
//! names are learned (when an archive is opened).

use jieba_rs::Jieba;
use std::sync::{LazyLock, RwLock, RwLockReadGuard};

static JIEBA: LazyLock<RwLock<Jieba>> = LazyLock::new(|| RwLock::new(Jieba::new()));

/// The shared dictionary, for reading.
pub(crate) fn dictionary() -> RwLockReadGuard<'static, Jieba> {
    JIEBA.read().unwrap_or_else(|p| p.into_inner())
}

/// Teaches the segmenter names the archive has learned, so that they are cut
/// whole (`钟晓咏` as a person, not three characters), in entity finding and
/// in the search index alike. Names of two to eight characters.
pub fn learn_names<'a>(names: impl IntoIterator<Item = &'a str>) {
    let mut j = JIEBA.write().unwrap_or_else(|p| p.into_inner());
    for n in names {
        if (2..=8).contains(&n.chars().count()) && !j.has_word(n) {
            j.add_word(n, Some(10_000), Some("nr"));
        }
    }
}

/// The words of `text` as byte ranges, in order and covering all of it
/// (punctuation and spaces included): jieba's precise mode, with its HMM for
/// words the dictionary does not have.
pub fn words(text: &str) -> Vec<std::ops::Range<usize>> {
    let j = dictionary();
    let mut at = 0;
    j.cut(text, true)
        .into_iter()
        .map(|w| {
            let r = at..at + w.word.len();
            at = r.end;
            r
        })
        .collect()
}

/// Whether the dictionary has `word`.
pub fn has_word(word: &str) -> bool {
    dictionary().has_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn words_cover_the_text_in_order() {
        let text = "徐汇滨江举行开工仪式，共12个项目。";
        let w = cut(text);
        assert_eq!(w.concat(), text);
        assert!(w.contains(&"开工"), "{w:?}");
    }

    #[test]
    fn a_learned_name_is_cut_whole() {
        // a made-up name the dictionary cuts apart
        let text = "区长邝蕤蓁主持会议";
        assert!(!cut(text).contains(&"邝蕤蓁"), "{:?}", cut(text));
        learn_names(["邝蕤蓁"]);
        assert!(cut(text).contains(&"邝蕤蓁"), "{:?}", cut(text));
        assert!(has_word("邝蕤蓁"));
    }
}
