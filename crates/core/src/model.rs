//! The newspaper model: what one issue (一期) of a paper is made of.
//!
//! These types are what the parser produces and what the rest of shuzibao
//! (store, search, web) reads. They hold clean text plus [`Span`]s that point
//! back into the raw input, so every field can be traced to where it came from.
//! This module holds data only; how it is found is in [`crate::parse`], and the
//! JSON contract (`ISSUE_JSON.md`) is written by [`crate::json`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A byte range `start..end` in the decoded text of the issue (provenance).
///
/// Offsets are in bytes of the UTF-8 text that [`crate::decode()`] returned, so
/// `&text[span.start..span.end]` is always a valid slice on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// One issue (一期) of a paper, or one page (版) of it, as parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// The masthead (报头), when the text has one (front pages do, inner pages often not).
    pub masthead: Option<Masthead>,
    /// The page header (版头), when the page prints one: `第2版 要闻`.
    #[serde(default)]
    pub page_header: Option<PageHeader>,
    /// Front-page pointers to inner pages (导读).
    pub teasers: Vec<Teaser>,
    /// Articles (文章) in reading order.
    pub articles: Vec<Article>,
    /// Text the parser could not place; kept so nothing is lost, and reported.
    pub leftovers: Vec<Leftover>,
}

impl Issue {
    /// The date the page prints as its own: the masthead's, else that of a
    /// page header that is clearly one (it has a page number or the paper's
    /// name, see [`PageHeader::is_clear`]). Dates in articles never count.
    pub fn date(&self) -> Option<NaiveDate> {
        self.masthead
            .as_ref()
            .and_then(|m| m.date)
            .or_else(|| self.page_header.as_ref().filter(|h| h.is_clear()).and_then(|h| h.date))
    }
}

/// The page header (版头) printed over an inner page: `第2版 要闻`,
/// `人民日报 2024年1月1日 星期一 第2版 要闻`, with the page's credits
/// (`责任编辑：某某`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PageHeader {
    /// The page number (版次): `2`, `A3`.
    pub page: Option<crate::PageNo>,
    /// The page's name (版名): `要闻`, `国内新闻`.
    pub name: Option<String>,
    /// The paper's name, simplified, without spaces.
    pub paper: Option<String>,
    /// The date printed in the header.
    pub date: Option<NaiveDate>,
    /// The people the page credits: 责任编辑, 美术编辑, 版式设计…
    pub editors: Vec<Editor>,
    /// Where the header and its credit lines are in the input.
    pub span: Span,
}

impl PageHeader {
    /// Whether it is clearly a page header: it prints the page number or the
    /// paper's name. Only then does its date date the page.
    pub fn is_clear(&self) -> bool {
        self.page.is_some() || self.paper.is_some()
    }
}

/// One person a page credits: `责任编辑：某某`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editor {
    /// The name.
    pub name: String,
    /// The role as printed: `责任编辑`, `美术编辑`, `版式设计`.
    pub role: String,
}

/// The masthead (报头): the paper's name and the issue's numbers and date.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Masthead {
    /// The paper's name (报名), simplified, without spaces: `徐汇报`.
    pub paper: Option<String>,
    /// Issue number in the year (第3期).
    pub issue_no: Option<u32>,
    /// Running issue number since the first issue (总第1657期).
    pub total_issue_no: Option<u32>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Weekday as printed (星期一).
    pub weekday: Option<String>,
    /// Number of pages in the issue (本期16版).
    pub page_count: Option<u32>,
    /// Printing permit number (准印证号), e.g. `(B)0150`.
    pub permit: Option<String>,
    /// Serial publication number (国内统一连续出版物号 CN…).
    pub cn_number: Option<String>,
    /// Lunar date as printed (癸卯年十一月二十).
    pub lunar_date: Option<String>,
    /// Web address printed in the masthead.
    pub website: Option<String>,
    /// Other lines of the masthead area: app names, romanised name, slogans.
    pub furniture: Vec<String>,
    /// Where the masthead area is in the input.
    pub span: Span,
}

/// A front-page pointer to a story on inner pages (导读): `10-11 全力做好…`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Teaser {
    /// Pages the story is on.
    pub pages: Vec<u32>,
    /// The story's title as the teaser gives it.
    pub title: String,
    /// Where the teaser is in the input.
    pub span: Span,
}

/// What sort of piece an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    /// A news report (消息, 通讯).
    News,
    /// A group of short items under one column label (大字新闻, 简讯).
    Briefs,
    /// Photo news (图片新闻): captions, with or without their own headlines.
    Photo,
    /// A notice (小启, 启事, 公告), usually signed and dated at its foot.
    Notice,
    /// A signed letter or address (新年贺词, 公开信, 倡议书).
    Letter,
    /// Commentary (评论, 社论, 短评).
    Commentary,
}

impl ArticleKind {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::News => "news",
            ArticleKind::Briefs => "briefs",
            ArticleKind::Photo => "photo",
            ArticleKind::Notice => "notice",
            ArticleKind::Letter => "letter",
            ArticleKind::Commentary => "commentary",
        }
    }
}

/// The headline (标题) of an article: 引题, 主题, 副题.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Headline {
    /// 引题: the line above the main title.
    pub kicker: Option<String>,
    /// 主题: the main title. Never empty in a finished article.
    pub title: String,
    /// 副题: the line below the main title, often opened by `——`.
    pub subtitle: Option<String>,
    /// True when no headline was printed and the title was taken from the
    /// column label or the first words of the text.
    pub inferred: bool,
}

/// A person signed with a post: `徐汇区区长 钟晓咏`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// The name, or the signing body for a notice (`徐汇区融媒体中心`).
    pub name: String,
    /// The post as printed next to the name, if any.
    pub role: Option<String>,
}

/// Who made the article (署名): reporters, photographers, correspondents, authors.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Byline {
    /// 记者, 本报记者, 文.
    pub reporters: Vec<String>,
    /// 摄影, 摄, 图, 摄影报道.
    pub photographers: Vec<String>,
    /// 通讯员 (correspondents outside the newsroom).
    pub correspondents: Vec<String>,
    /// 实习生 (interns).
    pub interns: Vec<String>,
    /// Signed authors, with their post; the signing body of a notice.
    pub authors: Vec<Author>,
}

impl Byline {
    /// Whether nobody is named.
    pub fn is_empty(&self) -> bool {
        self.reporters.is_empty()
            && self.photographers.is_empty()
            && self.correspondents.is_empty()
            && self.interns.is_empty()
            && self.authors.is_empty()
    }

    /// Adds everyone in `other`, keeping the order and skipping repeats.
    pub fn merge(&mut self, other: Byline) {
        fn add(to: &mut Vec<String>, from: Vec<String>) {
            for name in from {
                if !to.contains(&name) {
                    to.push(name);
                }
            }
        }
        add(&mut self.reporters, other.reporters);
        add(&mut self.photographers, other.photographers);
        add(&mut self.correspondents, other.correspondents);
        add(&mut self.interns, other.interns);
        for a in other.authors {
            if !self.authors.iter().any(|b| b.name == a.name) {
                self.authors.push(a);
            }
        }
    }
}

/// What role a paragraph plays in its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphRole {
    /// Running text.
    Text,
    /// A sub-heading (小标题) inside the article.
    Subheading,
    /// One item of a group (a brief, a photo caption).
    Item,
}

/// A paragraph (段落) of running text, joined again where the layout split it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Clean text.
    pub text: String,
    /// Running text, sub-heading or item.
    pub role: ParagraphRole,
    /// From the start of its first piece to the end of its last in the input.
    pub span: Span,
}

/// One article (文章) of the issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// News, briefs, photo, notice, letter or commentary.
    pub kind: ArticleKind,
    /// The column label (栏目) it was printed under, if any.
    pub column: Option<String>,
    /// 引题 / 主题 / 副题.
    pub headline: Headline,
    /// Reporters, photographers, correspondents, signed authors.
    pub byline: Byline,
    /// 本报讯, 本报北京1月31日电, 新华社北京1月31日电.
    pub dateline: Option<String>,
    /// Where the text came from: `(来源：区委统战部)` gives `区委统战部`.
    pub source: Option<String>,
    /// The page this article is continued on (下转第N版).
    pub continued_to_page: Option<u32>,
    /// The page this article is continued from (上接第N版).
    pub continued_from_page: Option<u32>,
    /// The page it is printed on, when the text says.
    pub page: Option<u32>,
    /// The date of the 落款 at the foot of a notice or letter, as printed.
    pub signed_date: Option<String>,
    /// Paragraphs in order; sub-headings stay in place among them.
    pub paragraphs: Vec<Paragraph>,
    /// From the first to the last line of the article in the input
    /// (a headline printed elsewhere widens it).
    pub span: Span,
    /// How sure the parser is of its boundaries and of its headline.
    #[serde(default)]
    pub confidence: Confidence,
}

/// How sure the parser is of an article, each from 0 to 1: of its
/// boundaries (that it is one whole article, neither two run together nor
/// half of one) and of its headline (that the title is the printed one).
/// Measured from the signs that decided them: a byline or dateline under a
/// headline is surer than lexical cohesion; an inferred title is a guess.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Confidence {
    /// Where the article starts and ends.
    pub boundary: f32,
    /// Its headline.
    pub title: f32,
}

impl Default for Confidence {
    fn default() -> Self {
        Confidence { boundary: 1.0, title: 1.0 }
    }
}

impl Confidence {
    /// The lower of the two: how sure the parser is of the article at all.
    pub fn least(&self) -> f32 {
        self.boundary.min(self.title)
    }

    /// Both as `f64` of two decimals, as they were measured (for JSON and
    /// the archive: `0.83`, never `0.8299999833`).
    pub fn two_decimals(&self) -> (f64, f64) {
        let round = |p: f32| (f64::from(p) * 100.0).round() / 100.0;
        (round(self.boundary), round(self.title))
    }
}

impl Article {
    /// The paragraphs' text joined by newlines.
    pub fn body(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&p.text);
        }
        out
    }

    /// Number of characters (not bytes) of running text.
    pub fn char_count(&self) -> usize {
        self.paragraphs.iter().map(|p| p.text.chars().count()).sum()
    }
}

/// Text the parser could not place in the masthead, a teaser or an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leftover {
    /// The text as it was in the input, trimmed.
    pub text: String,
    /// Why it was left over.
    pub reason: String,
    /// Where it is.
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(masthead: Option<Masthead>, page_header: Option<PageHeader>) -> Issue {
        Issue { masthead, page_header, teasers: vec![], articles: vec![], leftovers: vec![] }
    }

    #[test]
    fn a_clear_page_headers_date_dates_the_page() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 5);
        let header = PageHeader { page: Some(crate::PageNo::plain(2)), date: day, ..PageHeader::default() };
        assert_eq!(issue(None, Some(header.clone())).date(), day);
        // a header with neither page number nor paper's name is not clearly one
        let unclear = PageHeader { page: None, ..header.clone() };
        assert_eq!(issue(None, Some(unclear)).date(), None);
        // the masthead's date wins
        let other = NaiveDate::from_ymd_opt(2024, 3, 6);
        assert_eq!(issue(Some(Masthead { date: other, ..Masthead::default() }), Some(header)).date(), other);
    }
}
