//! Corrections by editors (更正): an article split at a paragraph, two
//! merged, its headline, byline or kind set, a paragraph moved to another
//! article, page furniture hidden. Each is an [`Operation`] anchored by
//! text, not by position ([`ParagraphAnchor`], [`ArticleAnchor`]), kept in
//! table `corrections` (schema 11) with who made it, when, on which version
//! of the page and by which parser, and its [`Status`].
//!
//! - [`apply`] is the pure part: a page's articles as the parser made them
//!   (with their regions and lines, for a page read from a PDF) and the
//!   corrections in order give the corrected articles and, for each
//!   correction, whether it still applies.
//! - `db.rs` is the store's part: every write of a page's articles (an
//!   ingest, a new version, `reparse`, a correction, an undo) goes through
//!   `write_articles`, which applies the page's corrections to the parse
//!   in the same transaction, so the articles table, the mentions and the
//!   change log (the search index follows it) always show them, and a
//!   crash leaves a correction wholly made or not at all.
//!
//! This module is not the editor's interface: the command line and the web
//! edition call [`crate::Store::correct`] and [`crate::Store::undo_correction`]
//! through the archive.

pub mod apply;
mod db;
mod regions;

pub(crate) use db::write_articles;
pub use db::{Corrected, CorrectionFilter, CorrectionRecord};

use serde::{Deserialize, Serialize};
use shuzibao_core::ArticleKind;

/// Characters of a paragraph kept in its anchor to find it again when its
/// text changed a little (a new version of the page, a parser that joins
/// words otherwise) and to name it in messages.
const HEAD_CHARS: usize = 16;

/// Fewest characters of a head that may re-anchor a paragraph whose text
/// changed: shorter heads (a paragraph of a few words) must match whole.
const MIN_HEAD_CHARS: usize = 6;

/// A paragraph (段落) found by its text: the hash of its text without white
/// space, its first characters, and where it stood in the page's raw text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphAnchor {
    /// The first 16 hex digits of the SHA-256 of its text, white space aside.
    pub hash: String,
    /// Its first characters (white space aside): finds it again when its
    /// text changed further on, and names it in messages.
    pub head: String,
    /// Where it started in the raw text of the version the correction was
    /// made on (bytes; for a PDF page its rebuilt text, that is its glyphs
    /// in reading order), when known: of two equal paragraphs, the nearest.
    pub at: Option<usize>,
}

impl ParagraphAnchor {
    /// The anchor of a paragraph's text, found at `at`.
    pub fn of(text: &str, at: Option<usize>) -> ParagraphAnchor {
        let plain = squeeze(text);
        ParagraphAnchor {
            hash: crate::content_hash(&plain)[..16].to_string(),
            head: plain.chars().take(HEAD_CHARS).collect(),
            at,
        }
    }
}

/// An article (文章) found by its first paragraph, or by its title when it
/// has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleAnchor {
    /// Its title when the correction was made (named in messages).
    pub title: String,
    /// Its first paragraph.
    pub first: Option<ParagraphAnchor>,
}

/// What a correction does. Articles and paragraphs are anchored by their
/// text, so that the correction finds them again in another parse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Operation {
    /// Split the article holding this paragraph before it: the paragraph
    /// opens a new article, titled `title` (else by its first words).
    Split {
        /// The paragraph that opens the new article.
        at: ParagraphAnchor,
        /// The new article's title (主题), if the editor gave one.
        title: Option<String>,
    },
    /// Merge `with` into `article`: its paragraphs follow, its people join.
    Merge {
        /// The article that stays.
        article: ArticleAnchor,
        /// The article merged into it.
        with: ArticleAnchor,
    },
    /// Set the headline: 引题, 主题, 副题.
    Headline {
        /// The article.
        article: ArticleAnchor,
        /// 引题.
        kicker: Option<String>,
        /// 主题, never empty.
        title: String,
        /// 副题.
        subtitle: Option<String>,
    },
    /// Set who made the article (记者, 摄影, signed authors).
    Byline {
        /// The article.
        article: ArticleAnchor,
        /// 记者.
        reporters: Vec<String>,
        /// 摄影.
        photographers: Vec<String>,
        /// Signed authors.
        authors: Vec<String>,
    },
    /// Set what sort of piece it is.
    Kind {
        /// The article.
        article: ArticleAnchor,
        /// News, briefs, photo, notice, letter, commentary.
        kind: ArticleKind,
    },
    /// Move a paragraph to the end of another article (or to its place in
    /// reading order there, when the raw text says where that is).
    Move {
        /// The paragraph.
        paragraph: ParagraphAnchor,
        /// The article it goes to.
        to: ArticleAnchor,
    },
    /// Hide an article that is page furniture (a running header, an
    /// advertisement's slogan): it leaves the articles, the raw text keeps it.
    HideArticle {
        /// The article.
        article: ArticleAnchor,
    },
    /// Hide a paragraph that is page furniture.
    HideParagraph {
        /// The paragraph.
        paragraph: ParagraphAnchor,
    },
}

impl Operation {
    /// Its kind, as stored and shown: `split`, `merge`, `headline`,
    /// `byline`, `kind`, `move`, `hide_article`, `hide_paragraph`.
    pub fn kind(&self) -> &'static str {
        match self {
            Operation::Split { .. } => "split",
            Operation::Merge { .. } => "merge",
            Operation::Headline { .. } => "headline",
            Operation::Byline { .. } => "byline",
            Operation::Kind { .. } => "kind",
            Operation::Move { .. } => "move",
            Operation::HideArticle { .. } => "hide_article",
            Operation::HideParagraph { .. } => "hide_paragraph",
        }
    }

    /// The article it is about, for the operations that set a field of one.
    pub(crate) fn field_of(&self) -> Option<&ArticleAnchor> {
        match self {
            Operation::Headline { article, .. }
            | Operation::Byline { article, .. }
            | Operation::Kind { article, .. } => Some(article),
            _ => None,
        }
    }
}

/// A correction's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Applied to the page's articles.
    Active,
    /// Undone by an editor (kept in the history).
    Undone,
    /// No longer applies to the page's current parse (its paragraph is gone,
    /// its article no longer opens where it did): kept, shown with the
    /// reason, tried again at every rewrite of the page.
    Stale,
}

impl Status {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Undone => "undone",
            Status::Stale => "stale",
        }
    }

    fn parse(s: &str) -> Status {
        match s {
            "undone" => Status::Undone,
            "stale" => Status::Stale,
            _ => Status::Active,
        }
    }
}

/// What an editor asks for, by the current articles' ids and paragraph
/// numbers (from 1); turned into an [`Operation`] anchored by text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// Split the article before its paragraph `paragraph` (2 or more).
    Split {
        /// From 1.
        paragraph: usize,
        /// The new article's title.
        #[serde(default)]
        title: Option<String>,
    },
    /// Merge article `with` into this one.
    Merge {
        /// The other article's id.
        with: i64,
    },
    /// Set the headline; a part not given stays as it is, an empty one is
    /// taken away (the title cannot be).
    Headline {
        /// 引题.
        #[serde(default)]
        kicker: Option<String>,
        /// 主题.
        #[serde(default)]
        title: Option<String>,
        /// 副题.
        #[serde(default)]
        subtitle: Option<String>,
    },
    /// Set the byline; a list not given stays as it is.
    Byline {
        /// 记者.
        #[serde(default)]
        reporters: Option<Vec<String>>,
        /// 摄影.
        #[serde(default)]
        photographers: Option<Vec<String>>,
        /// Signed authors.
        #[serde(default)]
        authors: Option<Vec<String>>,
    },
    /// Set the kind.
    Kind {
        /// News, briefs, photo, notice, letter, commentary.
        kind: ArticleKind,
    },
    /// Move paragraph `paragraph` to article `to`.
    Move {
        /// From 1.
        paragraph: usize,
        /// The other article's id.
        to: i64,
    },
    /// Hide the article as page furniture, or only its paragraph.
    Hide {
        /// From 1; the whole article when not given.
        #[serde(default)]
        paragraph: Option<usize>,
    },
}

/// A kind by its name (`news`, `briefs`, `photo`, `notice`, `letter`,
/// `commentary`).
pub fn kind_named(name: &str) -> Option<ArticleKind> {
    [
        ArticleKind::News,
        ArticleKind::Briefs,
        ArticleKind::Photo,
        ArticleKind::Notice,
        ArticleKind::Letter,
        ArticleKind::Commentary,
    ]
    .into_iter()
    .find(|k| k.as_str() == name)
}

/// A text without its white space.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_ignores_white_space_and_keeps_a_head_in_characters() {
        let a = ParagraphAnchor::of("本报讯 区图书馆 昨天起延长开放时间，市民可在晚上借书还书。", Some(3));
        let b = ParagraphAnchor::of("本报讯区图书馆昨天起延长开放时间，市民可在晚上借书还书。", None);
        assert_eq!(a.hash, b.hash);
        assert_eq!(a.head, "本报讯区图书馆昨天起延长开放时间");
        assert_eq!(a.head.chars().count(), HEAD_CHARS);
    }

    #[test]
    fn operations_read_back_from_their_json() {
        let op = Operation::Kind {
            article: ArticleAnchor { title: "社区食堂开张".into(), first: None },
            kind: ArticleKind::Notice,
        };
        let json = serde_json::to_string(&op).unwrap();
        assert!(json.contains("\"op\":\"kind\""), "{json}");
        assert_eq!(serde_json::from_str::<Operation>(&json).unwrap(), op);
        assert_eq!(kind_named("letter"), Some(ArticleKind::Letter));
        assert_eq!(kind_named("poem"), None);
    }
}
