//! Rolls of names printed side by side (名单): `委员：张立林海陈志远方正`,
//! `刘涛刘海刘群刘广宇`, `扎西·顿珠王光明`.
//!
//! Committees, delegations and lists of mourners are printed as names one
//! after another, spaced on the page but often run together in extracted
//! text. A run of characters is read as such a roll when all of it can be
//! cut into names, each opening with a family name (or written with middle
//! dots), and enough of them are names the dictionary knows. Of the cuts the
//! one with the most likely names wins: known names first, then names of
//! three characters with a common family name.

use shuzibao_core::lexicon;
use shuzibao_core::text::is_han;
use std::ops::Range;

/// What the dictionary says of a piece.
#[derive(Clone, Copy)]
pub(super) enum Known {
    /// A name it knows (`李鹏`, `胡锦涛`).
    Name,
    /// A word it knows as something else (`万里`, `黎明`): a name only when
    /// nothing else fits.
    Word,
    /// Nothing.
    Unknown,
}

/// One name of a roll: its byte range in the run and whether the dictionary
/// knows it as a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece {
    pub range: Range<usize>,
    pub known: bool,
    /// Opens with no family name.
    pub odd: bool,
}

/// Longest name of a roll, in characters (dotted names of several parts).
const MAX_PIECE: usize = 16;

/// What a piece that opens with no family name scores: less than any name
/// with one, more only than a word the dictionary knows as something else.
const ODD: f32 = -2.0;

/// What such a piece scores when the dictionary knows it as a name.
const ODD_NAME: f32 = -0.5;

/// What a name opening with the family name of the name before it adds.
const SAME_FAMILY: f32 = 0.5;

fn is_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '・')
}

/// Longest run read as a roll, in characters: a roll is printed in lines of
/// names between notes, and cutting keeps a few hundred bytes per character.
const MAX_RUN: usize = 2000;

/// The runs of a text that may hold a roll: Han characters and middle dots,
/// at least `min` and at most [`MAX_RUN`] characters long, as byte ranges.
pub(super) fn runs(text: &str, min: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (b, c) in text.char_indices().chain(std::iter::once((text.len(), '\n'))) {
        if is_han(c) || is_dot(c) && start.is_some() {
            let s = start.get_or_insert((b, 0));
            s.1 += 1;
        } else if let Some((s, n)) = start.take() {
            if (min..=MAX_RUN).contains(&n) {
                out.push(s..b);
            }
        }
    }
    out
}

/// A piece's score, whether the dictionary knows it as a name and whether it
/// opens with no family name.
struct Scored {
    value: f32,
    known: bool,
    odd: bool,
}

impl Scored {
    fn plain(value: f32) -> Scored {
        Scored { value, known: false, odd: false }
    }
    fn known(value: f32) -> Scored {
        Scored { value, known: true, odd: false }
    }
}

/// One piece of a cut, as the cut is made: see `split`.
#[derive(Clone, Copy)]
struct Step {
    score: f32,
    known: bool,
    odd: bool,
    prev: usize,
}

/// How likely `piece` is one name of a roll, less what one more name costs
/// (so that a cut into more names must be likelier), or `None` when it
/// cannot be one.
fn score(piece: &str, known: &impl Fn(&str) -> Known) -> Option<Scored> {
    let n = piece.chars().count();
    if piece.chars().any(is_dot) {
        // a foreign or minority name: a first and a last part of two
        // characters or more, initials between (`米·谢·戈尔巴乔夫` is read in
        // running text, not in rolls)
        let parts: Vec<usize> = piece.split(is_dot).map(|p| p.chars().count()).collect();
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        let ok = (2..=6).contains(&first) && (2..=6).contains(&last) && parts.iter().all(|&p| p >= 1);
        // parts longer than four characters are likelier a name run on
        // into the next (`王文乾阿布都·热合曼`), unless all of the characters
        // are those foreign names are written with (`米洛舍维奇`)
        let long: usize = piece
            .split(is_dot)
            .filter(|p| !p.chars().all(lexicon::is_transliteration_char))
            .map(|p| p.chars().count().saturating_sub(4))
            .sum();
        // and a first part longer than three characters likelier took the
        // end of the name before (`美买买提·艾力` after `扎西·顿`)
        let taken = first.saturating_sub(3);
        return ok.then_some(Scored::plain(1.0 - 0.5 * long as f32 - 0.25 * taken as f32));
    }
    let compound = lexicon::has_compound_surname(piece);
    let shaped = match n {
        2 => lexicon::has_surname(piece) && !compound,
        3 => lexicon::has_surname(piece),
        4 => compound,
        _ => false,
    };
    if !shaped {
        // a name of a rare family name or of a minority (`逄先知`,
        // `江村罗布`): allowed at a cost where nothing else fits, when the
        // dictionary knows no word at its start
        let opens_with_word =
            |k: usize| piece.char_indices().nth(k).is_some_and(|(b, _)| !matches!(known(&piece[..b]), Known::Unknown));
        let odd = (2..=4).contains(&n)
            && matches!(known(piece), Known::Unknown | Known::Name)
            && !(2..n).any(opens_with_word);
        // one the dictionary knows as a name counts, but less than one
        // opening with a family name
        let named = matches!(known(piece), Known::Name);
        return odd.then_some(if named {
            Scored::plain(ODD_NAME)
        } else {
            Scored { value: ODD, known: false, odd: true }
        });
    }
    Some(match known(piece) {
        Known::Name => Scored::known(2.0),
        Known::Word => Scored::plain(-3.0),
        // a name does not open with a word of grammar (`高于` in `高于珍`,
        // `毕竟` in `毕竟是`)
        Known::Unknown
            if n == 3 && matches!(known(&piece[..piece.char_indices().nth(2).map_or(0, |(b, _)| b)]), Known::Word) =>
        {
            Scored::plain(-1.5)
        }
        Known::Unknown => Scored::plain(match (n, lexicon::has_common_surname(piece)) {
            (3, true) => 0.0,
            (2, true) => -0.4,
            (3, false) | (4, _) => -0.5,
            _ => -0.8,
        }),
    })
}

/// The likeliest cut of all of `run` into names, as byte ranges within it;
/// `None` when it cannot be cut so. Whether the cut makes a roll is for the
/// caller to say, from how many of the names the dictionary knows.
pub(super) fn split(run: &str, known: impl Fn(&str) -> Known) -> Option<Vec<Piece>> {
    // the dictionary is asked about the same few words again and again
    let cache = std::cell::RefCell::new(std::collections::HashMap::<String, Known>::new());
    let known = |w: &str| -> Known {
        if let Some(k) = cache.borrow().get(w) {
            return *k;
        }
        let k = known(w);
        cache.borrow_mut().insert(w.to_string(), k);
        k
    };
    let at: Vec<usize> = run.char_indices().map(|(b, _)| b).chain(std::iter::once(run.len())).collect();
    let first_char = |i: usize| run[at[i]..].chars().next();
    let n = at.len() - 1;
    // best[end][len]: a cut of the first `end` characters whose last piece
    // is `len` long: its score, what the piece is, and the length of the
    // piece before it
    let mut best: Vec<[Option<Step>; MAX_PIECE + 1]> = vec![[None; MAX_PIECE + 1]; n + 1];
    // into[i]: the best cut of the first i characters to put a name after,
    // counting what a name opening at i adds for the family name of the piece
    // before it: (score, length of its last piece)
    let mut into: Vec<Option<(f32, usize)>> = vec![None; n + 1];
    into[0] = Some((0.0, 0));
    // dots[i]: the middle dots among the first i characters; a piece longer
    // than four characters must hold one
    let mut dots = vec![0usize; n + 1];
    for (i, c) in run.chars().enumerate() {
        dots[i + 1] = dots[i] + usize::from(is_dot(c));
    }
    let mut last_reached = 0;
    for end in 2..=n {
        if end - last_reached > MAX_PIECE {
            // no cut reaches this far: the run is no roll
            return None;
        }
        for (len, slot) in best[end].iter_mut().enumerate().take(MAX_PIECE.min(end) + 1).skip(2) {
            let start = end - len;
            let Some((before, prev)) = into[start] else { continue };
            if len > 4 && dots[end] == dots[start] {
                continue;
            }
            let Some(s) = score(&run[at[start]..at[end]], &known) else { continue };
            *slot = Some(Step { score: before + s.value, known: s.known, odd: s.odd, prev });
            last_reached = end;
        }
        // rolls in order of family name put one family's names together
        let same_family = |l: usize| if first_char(end - l) == first_char(end) { SAME_FAMILY } else { 0.0 };
        into[end] = (2..=MAX_PIECE)
            .filter_map(|l| best[end][l].map(|b| (b.score + same_family(l), l)))
            .max_by(|x, y| x.0.total_cmp(&y.0));
    }
    // walk back from the best cut of the whole run
    let mut len =
        (2..=MAX_PIECE).filter_map(|l| best[n][l].map(|b| (b.score, l))).max_by(|x, y| x.0.total_cmp(&y.0))?.1;
    let mut pieces = Vec::new();
    let mut end = n;
    while end > 0 {
        let step = best[end][len]?;
        pieces.push(Piece { range: at[end - len]..at[end], known: step.known, odd: step.odd });
        end -= len;
        len = step.prev;
    }
    pieces.reverse();
    Some(pieces)
}

/// Whether a cut of a shorter run, in a paragraph that holds a roll, is a
/// part of it (the names between notes such as `（女）`): two names or more,
/// few opening with no family name, and none such unless the dictionary
/// knows one of the names.
pub(super) fn is_part_of_roll(pieces: &[Piece]) -> bool {
    let known = pieces.iter().filter(|p| p.known).count();
    let odd = pieces.iter().filter(|p| p.odd).count();
    pieces.len() >= 2 && odd * 4 <= pieces.len() && (known >= 1 || odd == 0)
}

/// Whether a cut reads as a roll on its own: three names or more, at least
/// two and a third of them known to the dictionary, few opening with no
/// family name.
pub(super) fn is_roll(run: &str, pieces: &[Piece]) -> bool {
    let known = pieces.iter().filter(|p| p.known).count();
    let odd = pieces.iter().filter(|p| p.odd).count();
    let names: std::collections::HashSet<&str> =
        pieces.iter().filter(|p| p.known).map(|p| &run[p.range.clone()]).collect();
    pieces.len() >= 3 && names.len() >= 2 && known * 3 >= pieces.len() && odd * 8 <= pieces.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in dictionary: the names and words given.
    fn dictionary<'a>(names: &'a [&'a str], words: &'a [&'a str]) -> impl Fn(&str) -> Known + 'a {
        move |w| {
            if names.contains(&w) {
                Known::Name
            } else if words.contains(&w) {
                Known::Word
            } else {
                Known::Unknown
            }
        }
    }

    fn names(run: &str, pieces: &[Piece]) -> Vec<String> {
        pieces.iter().map(|p| run[p.range.clone()].to_string()).collect()
    }

    #[test]
    fn a_roll_is_cut_into_its_names() {
        let run = "张立林海陈志远方正万里宋文";
        let d = dictionary(&["张立", "林海", "陈志远", "方正", "宋文"], &["万里"]);
        let pieces = split(run, d).filter(|p| is_roll(run, p)).expect("a roll");
        assert_eq!(names(run, &pieces), ["张立", "林海", "陈志远", "方正", "万里", "宋文"]);
    }

    #[test]
    fn names_of_one_family_are_cut_where_the_family_name_comes_again() {
        let run = "刘涛刘海刘群刘广宇周景周九川";
        let d = dictionary(&["刘群", "刘海"], &[]);
        let pieces = split(run, d).filter(|p| is_roll(run, p)).expect("a roll");
        assert_eq!(names(run, &pieces), ["刘涛", "刘海", "刘群", "刘广宇", "周景", "周九川"]);
    }

    #[test]
    fn dotted_names_stand_between_the_others() {
        let run = "王文乾扎西·顿珠王光明";
        let d = dictionary(&["王文乾", "王光明"], &[]);
        let pieces = split(run, d).filter(|p| is_roll(run, p)).expect("a roll");
        assert_eq!(names(run, &pieces), ["王文乾", "扎西·顿珠", "王光明"]);
    }

    #[test]
    fn a_sentence_is_no_roll() {
        // a clause with names in it does not cut into names as a whole
        let d = dictionary(&["李鹏", "江泽民"], &[]);
        let run = "李鹏江泽民出席会议";
        assert!(!split(run, &d).is_some_and(|p| is_roll(run, &p)));
        // nor do names the dictionary does not know make a roll on their own
        let run = "王明张华李强";
        assert!(!split(run, &d).is_some_and(|p| is_roll(run, &p)));
        // nor one name said twice around a word
        let d = dictionary(&["包公"], &["终究"]);
        let run = "包公终究是包公";
        assert!(!split(run, &d).is_some_and(|p| is_roll(run, &p)));
    }

    #[test]
    fn a_run_too_long_for_a_roll_is_not_read_as_one() {
        let text = "张立林海".repeat(MAX_RUN);
        assert!(runs(&text, 4).is_empty());
        let text = format!("{}，张立林海", "张立林海".repeat(MAX_RUN));
        assert_eq!(runs(&text, 4).len(), 1);
    }

    #[test]
    fn runs_are_han_with_middle_dots_between_marks() {
        let text = "委员：张立林海（女）扎西·顿珠，";
        let got: Vec<&str> = runs(text, 2).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["委员", "张立林海", "扎西·顿珠"]);
    }
}
