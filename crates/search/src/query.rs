//! The query language: what a reader types into the search box.
//!
//! ```text
//! 党史 学习教育          all the words, in any order (a bare run is cut into words)
//! "主题教育动员会"        an exact phrase; "食堂 家门口"~2: those words in order, up to 2 words between
//! 城市更新 -旧改          exclude a word or phrase
//! 食堂 OR 餐厅            either
//! title:新年贺词          in the headline only
//! reporter:刘坤           by a reporter, photographer or author
//! person:曹立强           by or about a person (byline or text)
//! page:1  page:2..4       on a page or pages
//! date:2023               a year, date:2023-09 a month, date:2023-09-18 a day,
//! date:2023-01..2023-06   a range, date:*-09-18 that day in any year
//! kind:briefs  paper:徐汇报
//! ```
//!
//! This module only reads the text into a [`Query`]; turning it into a
//! tantivy query is the index's business.

use crate::error::QueryError;
use crate::tokenize::{is_word_char, normalize};
use shuzibao_core::segment::Segmenter;

/// A parsed query: clauses that must all hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Every clause must hold (an `Any` clause holds when one of its parts does).
    pub clauses: Vec<Clause>,
    /// The bare runs of text typed (not in quotes, not excluded), normalised,
    /// each before it was cut into words: `区委副书记` (区委 / 副 / 书记).
    /// Snippets mark a run whole, and never a one-character word cut from a
    /// longer run on its own.
    pub runs: Vec<String>,
}

/// Where a text must be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Headline or body.
    Anywhere,
    /// Headline (引题, 主题, 副题) only.
    Title,
}

/// One condition of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A text that must appear: a word (`phrase == false`) or an exact phrase.
    Text {
        /// The text, normalised (simplified, lower case).
        text: String,
        /// Typed in quotes.
        phrase: bool,
        /// Words allowed between the words of a phrase (`"…"~N`).
        slop: u32,
        /// Where.
        scope: Scope,
    },
    /// In the byline: reported, photographed or signed by this person.
    Reporter(String),
    /// By or about this person: in the byline or named in the text.
    Person(String),
    /// On pages `from..=to`.
    Page(u32, u32),
    /// Published in `from..=to` (dates as `yyyymmdd` numbers).
    Date(u64, u64),
    /// Published on this month and day in any year (`mmdd`).
    MonthDay(u64),
    /// Of this kind (news, briefs, photo, notice, letter, commentary).
    Kind(String),
    /// In this paper.
    Paper(String),
    /// The inner clause must not hold.
    Not(Box<Clause>),
    /// One of the inner clauses must hold.
    Any(Vec<Clause>),
}

impl Query {
    /// Whether the query has at least one clause that selects by text.
    pub fn has_text(&self) -> bool {
        fn text(c: &Clause) -> bool {
            match c {
                Clause::Text { .. } => true,
                Clause::Any(v) => v.iter().any(text),
                _ => false,
            }
        }
        self.clauses.iter().any(text)
    }

    /// The texts to highlight in results: every run typed, whole, then every
    /// positive word and phrase, except a single character cut from a longer
    /// run (`副` of `区委副书记` would mark every 副 in the text); a single
    /// character typed on its own is kept.
    ///
    /// ```
    /// use shuzibao_search::parse_query;
    /// assert_eq!(parse_query("区委副书记").unwrap().highlights(), ["区委副书记", "区委", "书记"]);
    /// assert_eq!(parse_query("副").unwrap().highlights(), ["副"]);
    /// ```
    pub fn highlights(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.runs {
            if !out.contains(r) {
                out.push(r.clone());
            }
        }
        self.clauses.iter().for_each(|c| self.mark(c, &mut out));
        out
    }

    /// Adds the texts of a clause to highlight to `out`.
    fn mark(&self, c: &Clause, out: &mut Vec<String>) {
        match c {
            Clause::Text { text, phrase, .. } if !out.contains(text) && (*phrase || !self.cut_from_a_run(text)) => {
                out.push(text.clone());
            }
            Clause::Any(v) => v.iter().for_each(|c| self.mark(c, out)),
            _ => {}
        }
    }

    /// Whether a word is one character cut from a longer run (and not also
    /// typed on its own).
    fn cut_from_a_run(&self, word: &str) -> bool {
        word.chars().count() == 1 && !self.runs.iter().any(|r| r == word) && self.runs.iter().any(|r| r.contains(word))
    }
}

/// Reads a query.
///
/// ```
/// use shuzibao_search::query::{parse_query, Clause, Scope};
/// let q = parse_query(r#""主题教育" reporter:刘坤 date:2023-09"#).unwrap();
/// assert_eq!(q.clauses[0], Clause::Text { text: "主题教育".into(), phrase: true, slop: 0, scope: Scope::Anywhere });
/// assert_eq!(q.clauses[1], Clause::Reporter("刘坤".into()));
/// assert_eq!(q.clauses[2], Clause::Date(20230901, 20230930));
/// assert!(parse_query(r#""未完"#).is_err());
/// ```
pub fn parse_query(input: &str) -> Result<Query, QueryError> {
    parse_query_with(input, &Segmenter::base())
}

/// Reads a query, cutting its bare runs of text into words with `seg` (the
/// segmenter of the index it is for: see `SearchIndex::parse_query`).
pub fn parse_query_with(input: &str, seg: &Segmenter) -> Result<Query, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    if chars.len() > 1000 {
        return Err(err("the query is too long (more than 1000 characters)", 1000));
    }
    let mut p = Parser { chars, pos: 0, runs: Vec::new(), seg };
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    loop {
        p.skip_space();
        if p.pos >= p.chars.len() {
            break;
        }
        let start = p.pos;
        let word = p.peek_bare();
        if word == "OR" || word == "|" {
            if clauses.is_empty() {
                return Err(err("OR needs something before it", start));
            }
            p.pos += word.chars().count();
            pending_or = true;
            continue;
        }
        let mut group = p.clause()?;
        if group.is_empty() {
            continue;
        }
        if pending_or {
            if group.len() != 1 {
                return Err(err("OR joins single words or phrases; put a run of several words in quotes", start));
            }
            let prev = clauses.pop().ok_or_else(|| err("OR needs something before it", start))?;
            let mut parts = match prev {
                Clause::Any(v) => v,
                c => vec![c],
            };
            parts.push(group.remove(0));
            clauses.push(Clause::Any(parts));
            pending_or = false;
        } else {
            clauses.extend(group);
        }
        if clauses.len() > 64 {
            return Err(err("too many terms (more than 64)", p.pos));
        }
    }
    if pending_or {
        return Err(err("OR needs something after it", p.chars.len()));
    }
    if clauses.is_empty() {
        return Err(err("the query is empty", 0));
    }
    if clauses.iter().all(|c| matches!(c, Clause::Not(_))) {
        return Err(err("a query cannot only exclude; add something to look for", 0));
    }
    Ok(Query { clauses, runs: p.runs })
}

fn err(message: &str, position: usize) -> QueryError {
    QueryError { message: message.to_string(), position }
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    /// Bare runs read so far (see [`Query::runs`]).
    runs: Vec<String>,
    /// What cuts a bare run into words.
    seg: &'a Segmenter,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while self.pos < self.chars.len() && self.chars[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }

    /// The bare token at the cursor, without moving.
    fn peek_bare(&self) -> String {
        self.chars[self.pos..].iter().take_while(|c| !c.is_whitespace()).collect()
    }

    /// Reads one clause (a bare run may give several words).
    fn clause(&mut self) -> Result<Vec<Clause>, QueryError> {
        let start = self.pos;
        let negated =
            self.chars[self.pos] == '-' && self.pos + 1 < self.chars.len() && !self.chars[self.pos + 1].is_whitespace();
        if negated {
            self.pos += 1;
        }
        let clauses = if self.chars[self.pos] == '"' || self.chars[self.pos] == '“' {
            vec![self.phrase(Scope::Anywhere)?]
        } else {
            let token = self.peek_bare();
            match token.split_once(':').or_else(|| token.split_once('：')) {
                Some((field, _)) if is_field(field) => {
                    self.pos += field.chars().count() + 1;
                    vec![self.field(field, start)?]
                }
                _ => {
                    self.pos += token.chars().count();
                    let words = words_of(&token, self.seg);
                    let run = normalize(&token);
                    let run = run.trim_matches(|c: char| !is_word_char(c));
                    if !negated && !words.is_empty() && !run.is_empty() && !self.runs.iter().any(|r| r == run) {
                        self.runs.push(run.to_string());
                    }
                    words
                }
            }
        };
        if negated {
            if clauses.len() != 1 {
                // `-城市更新` cut into words excludes the whole run as a phrase
                let text: String = clauses.iter().filter_map(text_of).collect();
                return Ok(vec![Clause::Not(Box::new(Clause::Text {
                    text,
                    phrase: true,
                    slop: 0,
                    scope: Scope::Anywhere,
                }))]);
            }
            return Ok(clauses.into_iter().map(|c| Clause::Not(Box::new(c))).collect());
        }
        Ok(clauses)
    }

    fn phrase(&mut self, scope: Scope) -> Result<Clause, QueryError> {
        let start = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.chars.get(self.pos) {
                None => return Err(err("a phrase is missing its closing quote", start)),
                Some('"' | '”') => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    text.push(*c);
                    self.pos += 1;
                }
            }
        }
        let mut slop = 0;
        if self.chars.get(self.pos) == Some(&'~') {
            self.pos += 1;
            let digits: String = self.chars[self.pos..].iter().take_while(|c| c.is_ascii_digit()).collect();
            if digits.is_empty() {
                return Err(err("~ after a phrase needs a number of words", self.pos));
            }
            self.pos += digits.len();
            slop = digits.parse::<u32>().map_err(|_| err("the slop is too large", self.pos))?.min(20);
        }
        let text = normalize(text.trim());
        if !text.chars().any(is_word_char) {
            return Err(err("the phrase has nothing to search for", start));
        }
        Ok(Clause::Text { text, phrase: true, slop, scope })
    }

    fn field(&mut self, field: &str, start: usize) -> Result<Clause, QueryError> {
        if field == "title" {
            if matches!(self.chars.get(self.pos), Some('"' | '“')) {
                return self.phrase(Scope::Title);
            }
            let value = self.value(start)?;
            return Ok(Clause::Text { text: normalize(&value), phrase: false, slop: 0, scope: Scope::Title });
        }
        let value = self.value(start)?;
        match field {
            "reporter" | "by" => Ok(Clause::Reporter(value)),
            "people" | "person" => Ok(Clause::Person(value)),
            "page" => page_range(&value).ok_or_else(|| err("page: takes a number or a range like 2..4", start)),
            "date" => date_clause(&value).ok_or_else(|| {
                err("date: takes 2023, 2023-09, 2023-09-18, a range like 2023-01..2023-06, or *-09-18", start)
            }),
            "kind" => {
                let kinds = ["news", "briefs", "photo", "notice", "letter", "commentary"];
                if kinds.contains(&value.as_str()) {
                    Ok(Clause::Kind(value))
                } else {
                    Err(err("kind: is one of news, briefs, photo, notice, letter, commentary", start))
                }
            }
            "paper" => Ok(Clause::Paper(normalize(&value))),
            _ => Err(err("unknown field", start)),
        }
    }

    fn value(&mut self, start: usize) -> Result<String, QueryError> {
        let value: String = if matches!(self.chars.get(self.pos), Some('"' | '“')) {
            match self.phrase(Scope::Anywhere)? {
                Clause::Text { text, .. } => text,
                _ => String::new(),
            }
        } else {
            let v = self.peek_bare();
            self.pos += v.chars().count();
            v
        };
        if value.is_empty() {
            return Err(err("a field needs a value after the colon", start));
        }
        Ok(value)
    }
}

fn is_field(f: &str) -> bool {
    matches!(f, "title" | "reporter" | "people" | "person" | "by" | "page" | "date" | "kind" | "paper")
}

fn text_of(c: &Clause) -> Option<String> {
    match c {
        Clause::Text { text, .. } => Some(text.clone()),
        _ => None,
    }
}

/// A bare run of text: cut into words (jieba), each a required word.
fn words_of(token: &str, seg: &Segmenter) -> Vec<Clause> {
    let norm = normalize(token);
    let words = crate::tokenize::words(seg, &norm);
    words.into_iter().map(|w| Clause::Text { text: w, phrase: false, slop: 0, scope: Scope::Anywhere }).collect()
}

fn page_range(v: &str) -> Option<Clause> {
    match v.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (a.parse().ok()?, b.parse().ok()?);
            (a <= b && b <= 999).then_some(Clause::Page(a, b))
        }
        None => {
            let p = v.parse().ok()?;
            (p <= 999).then_some(Clause::Page(p, p))
        }
    }
}

/// `2023`, `2023-09`, `2023-09-18` as the first and last day they cover.
fn date_bounds(v: &str) -> Option<(u64, u64)> {
    let parts: Vec<&str> = v.split(['-', '/', '.']).collect();
    let y: u64 = parts.first()?.parse().ok()?;
    if !(1800..=2200).contains(&y) || parts.first()?.len() != 4 {
        return None;
    }
    match parts.len() {
        1 => Some((y * 10000 + 101, y * 10000 + 1231)),
        2 => {
            let m: u64 = parts[1].parse().ok()?;
            if !(1..=12).contains(&m) {
                return None;
            }
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let last = chrono::NaiveDate::from_ymd_opt(ny as i32, nm as u32, 1)?.pred_opt()?;
            Some((y * 10000 + m * 100 + 1, y * 10000 + m * 100 + u64::from(chrono::Datelike::day(&last))))
        }
        3 => {
            let (m, d): (u64, u64) = (parts[1].parse().ok()?, parts[2].parse().ok()?);
            chrono::NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)?;
            let n = y * 10000 + m * 100 + d;
            Some((n, n))
        }
        _ => None,
    }
}

/// The date filter for `--from` / `--to` (each `2023`, `2023-09` or
/// `2023-09-18`; either may be missing).
pub fn date_range(from: Option<&str>, to: Option<&str>) -> Result<Option<Clause>, QueryError> {
    let bad = |v: &str| err(&format!("{v:?} is not a date: use 2023, 2023-09 or 2023-09-18"), 0);
    let lo = match from {
        Some(v) => Some(date_bounds(v).ok_or_else(|| bad(v))?.0),
        None => None,
    };
    let hi = match to {
        Some(v) => Some(date_bounds(v).ok_or_else(|| bad(v))?.1),
        None => None,
    };
    match (lo, hi) {
        (None, None) => Ok(None),
        (lo, hi) => {
            let (lo, hi) = (lo.unwrap_or(0), hi.unwrap_or(u64::MAX));
            if lo > hi {
                return Err(err("--from is after --to", 0));
            }
            Ok(Some(Clause::Date(lo, hi)))
        }
    }
}

fn date_clause(v: &str) -> Option<Clause> {
    if let Some(md) = v.strip_prefix("*-").or_else(|| v.strip_prefix("--")) {
        let (m, d) = md.split_once('-')?;
        let (m, d): (u64, u64) = (m.parse().ok()?, d.parse().ok()?);
        chrono::NaiveDate::from_ymd_opt(2024, m as u32, d as u32)?; // a leap year allows 02-29
        return Some(Clause::MonthDay(m * 100 + d));
    }
    match v.split_once("..") {
        Some((a, b)) => {
            let lo = if a.is_empty() { 0 } else { date_bounds(a)?.0 };
            let hi = if b.is_empty() { u64::MAX } else { date_bounds(b)?.1 };
            (lo <= hi).then_some(Clause::Date(lo, hi))
        }
        None => date_bounds(v).map(|(a, b)| Clause::Date(a, b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, phrase: bool) -> Clause {
        Clause::Text { text: t.into(), phrase, slop: 0, scope: Scope::Anywhere }
    }

    #[test]
    fn words_are_cut_and_all_required() {
        let q = parse_query("区委书记 出席").unwrap();
        assert!(q.clauses.len() >= 2);
        assert!(q.clauses.iter().all(|c| matches!(c, Clause::Text { phrase: false, .. })));
    }

    #[test]
    fn traditional_folds_to_simplified() {
        let q = parse_query("\"徐匯區\"").unwrap();
        assert_eq!(q.clauses[0], text("徐汇区", true));
    }

    #[test]
    fn exclusion_or_and_fields() {
        let q = parse_query("食堂 OR 餐厅 -\"外卖\" title:贺词 page:2..4 kind:notice").unwrap();
        assert_eq!(q.clauses[0], Clause::Any(vec![text("食堂", false), text("餐厅", false)]));
        assert_eq!(q.clauses[1], Clause::Not(Box::new(text("外卖", true))));
        assert_eq!(q.clauses[2], Clause::Text { text: "贺词".into(), phrase: false, slop: 0, scope: Scope::Title });
        assert_eq!(q.clauses[3], Clause::Page(2, 4));
        assert_eq!(q.clauses[4], Clause::Kind("notice".into()));
    }

    #[test]
    fn dates() {
        let d = |s: &str| parse_query(&format!("x date:{s}")).unwrap().clauses[1].clone();
        assert_eq!(d("2023"), Clause::Date(20230101, 20231231));
        assert_eq!(d("2023-01..2023-06"), Clause::Date(20230101, 20230630));
        assert_eq!(d("2024-02"), Clause::Date(20240201, 20240229));
        assert_eq!(d("2024-01-01"), Clause::Date(20240101, 20240101));
        assert_eq!(d("*-09-18"), Clause::MonthDay(918));
        assert!(parse_query("x date:2023-02-31").is_err());
        assert!(parse_query("x date:2023-06..2023-01").is_err());
    }

    #[test]
    fn slop() {
        let q = parse_query("\"区长 钟晓咏\"~2").unwrap();
        assert_eq!(
            q.clauses[0],
            Clause::Text { text: "区长 钟晓咏".into(), phrase: true, slop: 2, scope: Scope::Anywhere }
        );
    }

    #[test]
    fn malformed_queries_say_what_is_wrong() {
        for (q, what) in [
            ("", "empty"),
            ("   ", "empty"),
            ("\"没有结尾", "closing quote"),
            ("OR 食堂", "before"),
            ("食堂 OR", "after"),
            ("-食堂", "only exclude"),
            ("page:abc", "page:"),
            ("kind:sports", "kind:"),
            ("\"。，\"", "nothing to search"),
        ] {
            let e = parse_query(q).unwrap_err();
            assert!(e.message.contains(what), "{q:?} gave {e}");
        }
    }

    #[test]
    fn unknown_field_like_words_are_text() {
        let q = parse_query("http://example.com").unwrap();
        assert!(q.has_text());
    }
}
