//! Tokenizers for Chinese text and the normalisation applied before them.
//!
//! Every text, indexed or queried, is first [`normalize`]d: traditional
//! characters folded to simplified (徐匯 → 徐汇, 颱風 → 台风), full-width
//! letters and digits to ASCII, ASCII lower-cased. Then three tokenizers:
//! - `words`: words, from jieba-rs in its precise mode, with ordinal
//!   positions so that phrase queries (and slop) count words (punctuation
//!   and spaces are no words);
//! - `bigram`: every pair of adjacent characters inside a run of letters,
//!   digits and Han characters, so that any exact string is found whatever
//!   the segmenter made of it (北京 inside 北京大学, a name not in the
//!   dictionary); a run of one character is kept whole;
//! - `unigram`: every character, for one-character queries.

use shuzibao_core::segment::Segmenter;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Folds a text for indexing and querying: traditional → simplified,
/// full-width → ASCII, lower case. Keeps one char per char.
///
/// ```
/// use shuzibao_search::tokenize::normalize;
/// assert_eq!(normalize("徐匯區 ＡＢＣ 颱風"), "徐汇区 abc 台风");
/// ```
pub fn normalize(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect();
    fast2s::convert(&folded)
}

/// Whether `c` belongs in a searchable run: a letter, digit or Han character.
pub fn is_word_char(c: char) -> bool {
    // (the common CJK block first: Unicode's tables are a search per call)
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

/// Streams the bigrams (or, with `pairs == false`, the single characters) of
/// a text, one reused token at a time: no allocation per token.
pub struct CharStream<'a> {
    chars: std::str::CharIndices<'a>,
    /// The previous searchable character of the current run.
    prev: Option<(usize, char)>,
    /// Characters in the current run so far.
    run: usize,
    pairs: bool,
    token: Token,
    started: bool,
}

impl<'a> CharStream<'a> {
    fn new(text: &'a str, pairs: bool) -> Self {
        CharStream { chars: text.char_indices(), prev: None, run: 0, pairs, token: Token::default(), started: false }
    }

    fn emit(&mut self, from: usize, to: usize, a: char, b: Option<char>) -> bool {
        if self.started {
            self.token.position += 1;
        } else {
            self.token.position = 0;
            self.started = true;
        }
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.push(a);
        if let Some(b) = b {
            self.token.text.push(b);
        }
        true
    }

    /// At the end of a run: a run of one character is a token of its own.
    fn end_run(&mut self) -> bool {
        let (run, prev) = (self.run, self.prev.take());
        self.run = 0;
        match (self.pairs, run, prev) {
            (true, 1, Some((i, c))) => self.emit(i, i + c.len_utf8(), c, None),
            _ => false,
        }
    }
}

impl TokenStream for CharStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            match self.chars.next() {
                Some((i, c)) if is_word_char(c) => {
                    let prev = self.prev.replace((i, c));
                    self.run += 1;
                    if !self.pairs {
                        return self.emit(i, i + c.len_utf8(), c, None);
                    }
                    if let Some((pi, pc)) = prev {
                        return self.emit(pi, i + c.len_utf8(), pc, Some(c));
                    }
                }
                Some(_) => {
                    if self.end_run() {
                        return true;
                    }
                }
                None => return self.end_run(),
            }
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

fn collect(mut s: CharStream<'_>) -> Vec<Token> {
    let mut out = Vec::new();
    while s.advance() {
        out.push(s.token().clone());
    }
    out
}

/// The bigrams of a text, as the index sees them.
pub fn bigrams(text: &str) -> Vec<Token> {
    collect(CharStream::new(text, true))
}

/// The characters of a text, as the index sees them.
pub fn unigrams(text: &str) -> Vec<Token> {
    collect(CharStream::new(text, false))
}

/// The `bigram` tokenizer.
#[derive(Clone, Default)]
pub struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = CharStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> CharStream<'a> {
        CharStream::new(text, true)
    }
}

/// The `unigram` tokenizer: each character of a text once, where it first
/// stands. The one-character views record only which documents hold a
/// character (no frequencies, no positions), so its other occurrences would
/// only cost the index writer a look-up each: a third of all its look-ups.
#[derive(Clone, Default)]
pub struct UnigramTokenizer;

impl Tokenizer for UnigramTokenizer {
    type TokenStream<'a> = FirstCharStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> FirstCharStream<'a> {
        FirstCharStream {
            chars: CharStream::new(text, false),
            seen_han: vec![0; HAN.len().div_ceil(64)],
            seen: Vec::new(),
        }
    }
}

/// The common CJK block, where nearly every character of a Chinese text is.
const HAN: std::ops::Range<u32> = 0x4E00..0xA000;

/// The stream of [`UnigramTokenizer`]: the characters of [`CharStream`]
/// not seen before in the text (a bit each for the common CJK block, a list
/// for the rest).
pub struct FirstCharStream<'a> {
    chars: CharStream<'a>,
    seen_han: Vec<u64>,
    seen: Vec<char>,
}

impl FirstCharStream<'_> {
    /// Whether `c` was seen before, marking it seen.
    fn seen_before(&mut self, c: char) -> bool {
        let code = c as u32;
        if HAN.contains(&code) {
            let (word, bit) = (((code - HAN.start) / 64) as usize, (code - HAN.start) % 64);
            let Some(w) = self.seen_han.get_mut(word) else { return false };
            let before = *w & (1 << bit) != 0;
            *w |= 1 << bit;
            before
        } else if self.seen.contains(&c) {
            true
        } else {
            self.seen.push(c);
            false
        }
    }
}

impl TokenStream for FirstCharStream<'_> {
    fn advance(&mut self) -> bool {
        while self.chars.advance() {
            let Some(c) = self.chars.token.text.chars().next() else { continue };
            if !self.seen_before(c) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.chars.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.chars.token
    }
}

/// The `words` tokenizer: jieba's precise mode with the archive's learned
/// names (the segmenter shared with entity finding,
/// [`shuzibao_core::segment`]), ordinal positions. Punctuation and spaces
/// are left out and not counted, so that a phrase with slop counts words
/// only.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    seg: Segmenter,
}

/// The words of one text, one reused token at a time.
pub struct WordStream<'a> {
    text: &'a str,
    words: std::vec::IntoIter<std::ops::Range<usize>>,
    position: usize,
    token: Token,
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        // punctuation and spaces are no words: not indexed, not counted
        let Some(r) = self.words.find(|r| self.text[r.clone()].chars().any(is_word_char)) else { return false };
        self.token.offset_from = r.start;
        self.token.offset_to = r.end;
        self.token.position = self.position;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.push_str(&self.text[r]);
        self.position += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        let words = self.seg.words(text).into_iter();
        WordStream { text, words, position: 0, token: Token::default() }
    }
}

/// The `words` tokenizer (see [`WordTokenizer`]), cutting with `seg`.
pub fn word_tokenizer(seg: Segmenter) -> WordTokenizer {
    WordTokenizer { seg }
}

/// Words of a text as `seg` cuts them, without punctuation and spaces.
pub fn words(seg: &Segmenter, text: &str) -> Vec<String> {
    let mut t = word_tokenizer(seg.clone());
    let mut stream = t.token_stream(text);
    let mut out = Vec::new();
    while let Some(tok) = stream.next() {
        if tok.text.chars().any(is_word_char) {
            out.push(tok.text.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: Vec<Token>) -> Vec<String> {
        tokens.into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn a_word_char_is_a_letter_digit_or_han_character_of_any_script() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn the_unigram_view_holds_each_character_once() {
        let mut t = UnigramTokenizer;
        let mut s = t.token_stream("食堂、食堂ab a社区食堂");
        let mut got = Vec::new();
        while let Some(tok) = s.next() {
            got.push(tok.text.clone());
        }
        assert_eq!(got, ["食", "堂", "a", "b", "社", "区"]);
    }

    #[test]
    fn bigrams_inside_runs_only() {
        assert_eq!(texts(bigrams("北京大学")), ["北京", "京大", "大学"]);
        assert_eq!(texts(bigrams("促发展、保安全")), ["促发", "发展", "保安", "安全"]);
        assert_eq!(texts(bigrams("2024年")), ["20", "02", "24", "4年"]);
        assert_eq!(texts(bigrams("、我、")), ["我"]);
    }

    #[test]
    fn positions_are_ordinal_and_offsets_are_bytes() {
        let t = bigrams("徐汇 报");
        assert_eq!(t.iter().map(|t| t.position).collect::<Vec<_>>(), [0, 1]);
        assert_eq!((t[1].offset_from, t[1].offset_to), (7, 10));
    }

    #[test]
    fn jieba_words() {
        let w = words(&Segmenter::base(), "区委书记曹立强出席会议。");
        assert!(w.contains(&"曹立强".to_string()), "{w:?}");
        assert!(!w.iter().any(|x| x == "。"));
    }

    #[test]
    fn the_word_field_holds_words_only_and_counts_them() {
        let text = "社区食堂，开到 家门口。";
        let mut t = word_tokenizer(Segmenter::base());
        let mut s = t.token_stream(text);
        let mut got = Vec::new();
        while let Some(tok) = s.next() {
            got.push((tok.text.clone(), tok.position, text[tok.offset_from..tok.offset_to] == tok.text));
        }
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert!(!texts.iter().any(|w| !w.chars().any(is_word_char)), "{texts:?}");
        assert_eq!(got.iter().map(|g| g.1).collect::<Vec<_>>(), (0..got.len()).collect::<Vec<_>>());
        assert!(got.iter().all(|g| g.2), "offsets are the word's bytes: {got:?}");
        assert_eq!(texts.concat(), "社区食堂开到家门口");
    }
}
