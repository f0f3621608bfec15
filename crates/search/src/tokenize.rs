//! Tokenizers for Chinese text and the normalisation applied before them.
//!
//! Every text, indexed or queried, is first [`normalize`]d: traditional
//! characters folded to simplified (徐匯 → 徐汇, 颱風 → 台风), full-width
//! letters and digits to ASCII, ASCII lower-cased. Then three tokenizers:
//! - `jieba`: words, from jieba-rs in its precise mode, with ordinal
//!   positions so that phrase queries (and slop) count words;
//! - `bigram`: every pair of adjacent characters inside a run of letters,
//!   digits and Han characters, so that any exact string is found whatever
//!   the segmenter made of it (北京 inside 北京大学, a name not in the
//!   dictionary); a run of one character is kept whole;
//! - `unigram`: every character, for one-character queries.

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
    c.is_alphanumeric()
}

/// A token stream over tokens computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    index: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.index - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.index - 1]
    }
}

/// Runs of searchable characters: (byte offset, chars).
fn runs(text: &str) -> Vec<Vec<(usize, char)>> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, char)> = Vec::new();
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            run.push((i, c));
        } else if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// The bigrams of a text, as the index sees them.
pub fn bigrams(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for run in runs(text) {
        if run.len() == 1 {
            let (i, c) = run[0];
            tokens.push(token(i, i + c.len_utf8(), tokens.len(), c.to_string()));
            continue;
        }
        for w in run.windows(2) {
            let ((i, a), (j, b)) = (w[0], w[1]);
            tokens.push(token(i, j + b.len_utf8(), tokens.len(), format!("{a}{b}")));
        }
    }
    tokens
}

/// The characters of a text, as the index sees them.
pub fn unigrams(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for run in runs(text) {
        for (i, c) in run {
            tokens.push(token(i, i + c.len_utf8(), tokens.len(), c.to_string()));
        }
    }
    tokens
}

fn token(from: usize, to: usize, position: usize, text: String) -> Token {
    Token { offset_from: from, offset_to: to, position, text, position_length: 1 }
}

/// The `bigram` tokenizer.
#[derive(Clone, Default)]
pub struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream { tokens: bigrams(text), index: 0 }
    }
}

/// The `unigram` tokenizer.
#[derive(Clone, Default)]
pub struct UnigramTokenizer;

impl Tokenizer for UnigramTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream { tokens: unigrams(text), index: 0 }
    }
}

/// The `jieba` tokenizer: precise mode, ordinal positions.
pub fn jieba_tokenizer() -> tantivy_jieba::JiebaTokenizer {
    let mut t = tantivy_jieba::JiebaTokenizer::with_ordinal_position_mode(true);
    t.set_search_mode(false);
    t
}

/// Words of a query text as jieba cuts them, without punctuation and spaces.
pub fn words(text: &str) -> Vec<String> {
    let mut t = jieba_tokenizer();
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
        let w = words("区委书记曹立强出席会议。");
        assert!(w.contains(&"曹立强".to_string()), "{w:?}");
        assert!(!w.iter().any(|x| x == "。"));
    }
}
