//! What the model sees of each character: the characters around it, the
//! words the base dictionary cuts there and their part-of-speech tags, and
//! general lists (family names, posts). Each feature is a 32-bit hash of a
//! template number and its values, the same on every machine.
//!
//! The base dictionary only, never names an archive has learned: the same
//! text always gets the same features. Not the weights (see `model`).

use shuzibao_core::lexicon;
use shuzibao_core::segment::Segmenter;

/// How many features each character has.
pub const PER_CHAR: usize = 22;

/// Before the text's first character.
const START: u32 = 0x02;
/// After its last.
const END: u32 = 0x03;

/// A hash of 32-bit words, mixed a word at a time (multiply and rotate,
/// then a final avalanche): stable across machines and versions.
#[derive(Clone, Copy)]
struct Mix(u32);

impl Mix {
    fn new(template: u32) -> Mix {
        Mix(0x811c_9dc5 ^ template.wrapping_mul(0x9E37_79B9))
    }
    fn add(self, v: u32) -> Mix {
        Mix((self.0 ^ v).wrapping_mul(0x0100_0193).rotate_left(13).wrapping_add(0x6B43_A9B5))
    }
    fn done(self) -> u32 {
        let mut h = self.0;
        h ^= h >> 16;
        h = h.wrapping_mul(0x85EB_CA6B);
        h ^= h >> 13;
        h = h.wrapping_mul(0xC2B2_AE35);
        h ^ (h >> 16)
    }
}

/// A hash of a string's characters (each word's once, not each character's).
fn text_hash(s: &str) -> u32 {
    s.chars().fold(Mix::new(0xFFFF).add(s.len() as u32), |h, c| h.add(c as u32)).done()
}

/// A character as the model sees it: full-width letters and digits as
/// ASCII, every digit as `0`, letters in lower case.
pub fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii_digit() {
        '0'
    } else {
        c.to_ascii_lowercase()
    }
}

/// A character's class: 0 Han, 1 digit (Arabic or Chinese), 2 Latin, 3
/// punctuation, 4 space, 5 other.
fn class(c: char) -> u32 {
    if c.is_ascii_digit()
        || matches!(
            c,
            '〇' | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
                | '亿'
                | '零'
                | '两'
        )
    {
        1
    } else if shuzibao_core::text::is_han(c) {
        0
    } else if c.is_ascii_alphabetic() {
        2
    } else if c.is_whitespace() {
        4
    } else if c.is_ascii_punctuation()
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        || matches!(c, '·' | '•' | '—' | '…' | '“' | '”' | '‘' | '’')
    {
        3
    } else {
        5
    }
}

/// One word of the base dictionary's cut.
struct Word {
    /// Hash of its text when short (six characters at most), else of nothing.
    text_h: u32,
    /// Hash of its tag.
    tag_h: u32,
    /// Whether it ends with a post (`区长`, `总理`).
    post: bool,
    /// First character.
    start: usize,
    /// Its length in characters.
    len: usize,
}

fn short(w: Option<&Word>) -> u32 {
    w.map_or(0, |w| w.text_h)
}

fn tag(w: Option<&Word>) -> u32 {
    w.map_or(1, |w| w.tag_h)
}

/// The features of every character of `text`, [`PER_CHAR`] per character,
/// in order.
pub fn extract(text: &str, seg: &Segmenter) -> Vec<u32> {
    extract_tagged(text, &seg.tagged(text))
}

/// As [`extract`], from the base dictionary's cut of `text` made already
/// (byte ranges covering it, in order, with their tags).
pub fn extract_tagged(text: &str, tagged: &[(std::ops::Range<usize>, &str)]) -> Vec<u32> {
    let chars: Vec<char> = text.chars().map(fold).collect();
    let n = chars.len();
    let classes: Vec<u32> = chars.iter().map(|&c| class(c)).collect();
    // the lists' answers, once a character (the features ask four times)
    let sounds: Vec<bool> = chars.iter().map(|&c| lexicon::is_transliteration_char(c)).collect();
    // byte offset of each character, and of the end
    let offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let mut words: Vec<Word> = Vec::new();
    let mut at = 0;
    for (r, tag) in tagged {
        let w = &text[r.clone()];
        let len = w.chars().count();
        let text_h = text_hash(if len <= 6 { w } else { "" });
        words.push(Word { text_h, tag_h: text_hash(tag), post: lexicon::post_ending(w).is_some(), start: at, len });
        at += len;
    }
    // the word of each character
    let mut word_of = vec![0usize; n];
    for (k, w) in words.iter().enumerate() {
        for slot in word_of.iter_mut().skip(w.start).take(w.len) {
            *slot = k;
        }
    }
    let ch = |i: isize| -> u32 {
        if i < 0 {
            START
        } else if i as usize >= n {
            END
        } else {
            chars[i as usize] as u32
        }
    };
    let mut out = Vec::with_capacity(n * PER_CHAR);
    for i in 0..n {
        let ii = i as isize;
        let w = &words[word_of[i]];
        // place in the word: 0 begin, 1 inside, 2 end, 3 single
        let place: u32 = match (i == w.start, i + 1 == w.start + w.len) {
            (true, true) => 3,
            (true, false) => 0,
            (false, true) => 2,
            (false, false) => 1,
        };
        let prev = word_of[i].checked_sub(1).map(|k| &words[k]);
        let next = words.get(word_of[i] + 1);
        // a family name of one character here, or of two with a name after
        let surname = lexicon::is_surname(&text[offsets[i]..offsets[i + 1]]);
        let compound = i + 3 <= n && lexicon::is_surname(&text[offsets[i]..offsets[i + 2]]);
        let f = [
            Mix::new(0),
            Mix::new(1).add(ch(ii - 2)),
            Mix::new(2).add(ch(ii - 1)),
            Mix::new(3).add(ch(ii)),
            Mix::new(4).add(ch(ii + 1)),
            Mix::new(5).add(ch(ii + 2)),
            Mix::new(6).add(ch(ii - 2)).add(ch(ii - 1)),
            Mix::new(7).add(ch(ii - 1)).add(ch(ii)),
            Mix::new(8).add(ch(ii)).add(ch(ii + 1)),
            Mix::new(9).add(ch(ii + 1)).add(ch(ii + 2)),
            Mix::new(10).add(ch(ii - 1)).add(ch(ii + 1)),
            Mix::new(11).add(class_at(&classes, ii - 1)).add(class_at(&classes, ii)).add(class_at(&classes, ii + 1)),
            Mix::new(12).add(place).add(w.tag_h),
            Mix::new(13).add(place).add(w.text_h),
            Mix::new(14).add(place).add(tag(prev)),
            Mix::new(15).add(place).add(tag(next)),
            Mix::new(16).add(place).add(short(prev)),
            Mix::new(17).add(place).add(short(next)),
            Mix::new(18).add(place).add(u32::from(surname)).add(u32::from(compound)),
            Mix::new(19).add(place).add(u32::from(prev.is_some_and(|p| p.post))),
            Mix::new(20).add(place).add(w.len.min(5) as u32).add(w.tag_h),
            Mix::new(21)
                .add(u32::from(i > 0 && sounds[i - 1]))
                .add(u32::from(sounds[i]))
                .add(u32::from(i + 1 < n && sounds[i + 1]))
                .add(u32::from(i + 2 < n && sounds[i + 2])),
        ];
        out.extend(f.iter().map(|h| h.done()));
    }
    out
}

fn class_at(classes: &[u32], i: isize) -> u32 {
    if i < 0 {
        6
    } else {
        classes.get(i as usize).copied().unwrap_or(7)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_gets_its_features() {
        let seg = Segmenter::base();
        let f = extract("区长王小明在会上讲话。", &seg);
        assert_eq!(f.len(), 11 * PER_CHAR);
        // the same text, the same features
        assert_eq!(f, extract("区长王小明在会上讲话。", &seg));
        // a different neighbour, a different context
        let g = extract("区长李小明在会上讲话。", &seg);
        assert_ne!(f[3 * PER_CHAR..4 * PER_CHAR], g[3 * PER_CHAR..4 * PER_CHAR]);
    }

    #[test]
    fn full_width_and_digits_fold() {
        assert_eq!(fold('Ａ'), 'a');
        assert_eq!(fold('９'), '0');
        assert_eq!(fold('7'), '0');
        assert_eq!(fold('王'), '王');
    }
}
