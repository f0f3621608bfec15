//! The word segmenter (jieba): jieba's own dictionary, and the names an
//! archive has learned, as a value its owner passes in.
//!
//! The entity finder cuts with the base dictionary alone, so that the same
//! text always gets the same entities whatever archive it is in. The search
//! index cuts with the archive's segmenter ([`Segmenter::with_names`]), so
//! that a name the archive knows (`钟晓咏`, not three characters) is one term
//! for ranking and for phrases with slop; its queries are cut by the same
//! value. No global state: the base dictionary is built once and never
//! changed; a segmenter with names is a copy of it.

use jieba_rs::Jieba;
use std::sync::{Arc, LazyLock};

/// jieba's dictionary as shipped: built once, never changed.
static BASE: LazyLock<Arc<Jieba>> = LazyLock::new(|| Arc::new(Jieba::new()));

/// A word segmenter: jieba's dictionary, perhaps with names added. Cheap to
/// clone (the dictionary is shared).
#[derive(Clone)]
pub struct Segmenter {
    jieba: Arc<Jieba>,
    names: usize,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").field("names", &self.names).finish()
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::base()
    }
}

impl Segmenter {
    /// jieba's dictionary as shipped.
    pub fn base() -> Segmenter {
        Segmenter { jieba: BASE.clone(), names: 0 }
    }

    /// jieba's dictionary with names added (two to eight characters each),
    /// so that they are cut whole: `钟晓咏` as one word, not three.
    pub fn with_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Segmenter {
        let mut jieba: Option<Jieba> = None;
        let mut added = 0;
        for n in names {
            if (2..=8).contains(&n.chars().count()) && !BASE.has_word(n) {
                jieba.get_or_insert_with(|| (**BASE).clone()).add_word(n, Some(10_000), Some("nr"));
                added += 1;
            }
        }
        match jieba {
            Some(j) => Segmenter { jieba: Arc::new(j), names: added },
            None => Segmenter::base(),
        }
    }

    /// How many names were added to the base dictionary.
    pub fn names(&self) -> usize {
        self.names
    }

    /// The words of `text` as byte ranges, in order and covering all of it
    /// (punctuation and spaces included): jieba's precise mode, with its HMM
    /// for words the dictionary does not have.
    pub fn words(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut at = 0;
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|w| {
                let r = at..at + w.word.len();
                at = r.end;
                r
            })
            .collect()
    }

    /// Whether a word of the dictionary runs across byte `at` of `text` as
    /// jieba cuts it (precise mode, no HMM: only words it knows).
    pub fn word_across(&self, text: &str, at: usize) -> bool {
        let mut start = 0;
        for w in self.jieba.cut(text, false) {
            let end = start + w.word.len();
            if start < at && at < end {
                return true;
            }
            if end >= at {
                return false;
            }
            start = end;
        }
        false
    }

    /// Whether the dictionary has `word`.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// The words of `text` as byte ranges with jieba's part-of-speech tag
    /// (`nr` a personal name, `ns` a place, `nt` an organisation, `v` a
    /// verb…), in order and covering all of it.
    pub fn tagged<'a>(&'a self, text: &'a str) -> Vec<(std::ops::Range<usize>, &'a str)> {
        let mut at = 0;
        self.jieba
            .tag(text, true)
            .into_iter()
            .map(|t| {
                let r = at..at + t.word.len();
                at = r.end;
                (r, t.tag)
            })
            .collect()
    }

    /// As [`Segmenter::tagged`], without jieba's HMM for unknown words.
    pub fn tagged_fast<'a>(&'a self, text: &'a str) -> Vec<(std::ops::Range<usize>, &'a str)> {
        let mut at = 0;
        self.jieba
            .tag(text, false)
            .into_iter()
            .map(|t| {
                let r = at..at + t.word.len();
                at = r.end;
                (r, t.tag)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut<'a>(s: &Segmenter, text: &'a str) -> Vec<&'a str> {
        s.words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_word_across_a_cut() {
        let s = Segmenter::base();
        let text = "推动经济发展";
        assert!(s.word_across(text, "推动经济发".len()));
        assert!(!s.word_across(text, "推动经济".len()));
    }

    #[test]
    fn words_cover_the_text_in_order() {
        let text = "徐汇滨江举行开工仪式，共12个项目。";
        let w = cut(&Segmenter::base(), text);
        assert_eq!(w.concat(), text);
        assert!(w.contains(&"开工"), "{w:?}");
    }

    #[test]
    fn a_learned_name_is_cut_whole_by_that_segmenter_only() {
        // a made-up name the dictionary cuts apart
        let text = "区长邝蕤蓁主持会议";
        let base = Segmenter::base();
        assert!(!cut(&base, text).contains(&"邝蕤蓁"), "{:?}", cut(&base, text));
        let learned = Segmenter::with_names(["邝蕤蓁"]);
        assert!(cut(&learned, text).contains(&"邝蕤蓁"), "{:?}", cut(&learned, text));
        assert!(learned.has_word("邝蕤蓁") && learned.names() == 1);
        // the base dictionary, and every other segmenter, is unchanged
        assert!(!Segmenter::base().has_word("邝蕤蓁"));
        assert!(!cut(&base, text).contains(&"邝蕤蓁"));
    }
}
