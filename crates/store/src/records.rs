//! What the archive gives back: issues, versions, articles, outcomes.

use crate::error::StoreError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shuzibao_core::{Author, ParagraphRole};

/// What ingesting an issue did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "outcome")]
pub enum Outcome {
    /// A new issue.
    Added,
    /// A known issue with a changed text: a new version.
    Updated {
        /// The new version's number.
        version: i64,
    },
    /// The same text again: nothing changed.
    Unchanged,
}

/// The result of ingesting one issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// The issue's id in the archive.
    pub issue_id: i64,
    /// Its identity: `paper|date|page`, or `sha256:…` while no date is known.
    pub key: String,
    /// What happened.
    pub outcome: Outcome,
    /// How many articles it has now.
    pub articles: usize,
}

/// An issue as stored (its current version).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueRecord {
    /// Id in the archive.
    pub id: i64,
    /// Identity key.
    pub key: String,
    /// The paper's name.
    pub paper: Option<String>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Page, when the issue is one page.
    pub page: Option<u32>,
    /// Current version number.
    pub version: i64,
    /// The file the current version came from.
    pub source: String,
    /// SHA-256 of the current raw text.
    pub content_hash: String,
    /// The masthead as parsed (contract JSON), if any.
    pub masthead: Option<serde_json::Value>,
    /// How many articles it has.
    pub article_count: i64,
}

/// One version of an issue's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionRecord {
    /// Id of the version row.
    pub id: i64,
    /// 1, 2, …
    pub version: i64,
    /// SHA-256 of its raw text.
    pub content_hash: String,
    /// Where it came from.
    pub source: String,
    /// The encoding it was decoded from.
    pub encoding: String,
    /// The parser that read it last.
    pub parser_version: String,
    /// When it was ingested (RFC 3339, UTC).
    pub ingested_at: String,
}

/// A paragraph as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredParagraph {
    /// Its text.
    pub text: String,
    /// Running text, sub-heading or item.
    pub role: ParagraphRole,
}

/// A current article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRecord {
    /// Id in the archive.
    pub id: i64,
    /// The issue it is in.
    pub issue_id: i64,
    /// Its place in the issue, from 1.
    pub seq: i64,
    /// The paper's name.
    pub paper: Option<String>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Page.
    pub page: Option<u32>,
    /// news, briefs, photo, notice, letter, commentary.
    pub kind: String,
    /// The column label it was printed under.
    pub column: Option<String>,
    /// 引题.
    pub kicker: Option<String>,
    /// 主题.
    pub title: String,
    /// 副题.
    pub subtitle: Option<String>,
    /// The title was not printed but inferred.
    pub title_inferred: bool,
    /// 记者.
    pub reporters: Vec<String>,
    /// 摄影.
    pub photographers: Vec<String>,
    /// 通讯员.
    pub correspondents: Vec<String>,
    /// Signed authors.
    pub authors: Vec<Author>,
    /// 本报讯 …
    pub dateline: Option<String>,
    /// (来源：…)
    pub source: Option<String>,
    /// 下转第N版.
    pub continued_to: Option<u32>,
    /// 上接第N版.
    pub continued_from: Option<u32>,
    /// The article this one continues (its head on an earlier page).
    pub continues: Option<i64>,
    /// The article that continues this one (its tail on a later page).
    pub continued_by: Option<i64>,
    /// Paragraphs.
    pub paragraphs: Vec<StoredParagraph>,
    /// The paragraphs' text joined by newlines.
    pub body: String,
    /// Byte span in the issue's raw text.
    pub span: (usize, usize),
}

impl ArticleRecord {
    /// Everyone named in the byline, reporters first.
    pub fn people(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for n in self.reporters.iter().chain(&self.photographers).chain(&self.correspondents) {
            if !v.contains(n) {
                v.push(n.clone());
            }
        }
        for a in &self.authors {
            if !v.contains(&a.name) {
                v.push(a.name.clone());
            }
        }
        v
    }
}

/// Counts of what the archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Issues.
    pub issues: i64,
    /// Versions of all issues.
    pub versions: i64,
    /// Current articles.
    pub articles: i64,
    /// Bytes of raw text over all versions.
    pub raw_bytes: i64,
}

/// An article row before its JSON columns are read.
pub(crate) struct RawArticle {
    cols: (i64, i64, i64, Option<String>, Option<String>, Option<u32>, String, Option<String>, Option<String>, String),
    more: (Option<String>, bool, String, String, String, String, Option<String>, Option<String>),
    links: (Option<u32>, Option<u32>, Option<i64>, Option<i64>),
    text: (String, String, i64, i64),
}

pub(crate) fn article_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawArticle> {
    Ok(RawArticle {
        cols: (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?),
        more: (r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?, r.get(14)?, r.get(15)?, r.get(16)?, r.get(17)?),
        links: (r.get(18)?, r.get(19)?, r.get(20)?, r.get(21)?),
        text: (r.get(22)?, r.get(23)?, r.get(24)?, r.get(25)?),
    })
}

impl RawArticle {
    pub(crate) fn into_record(self) -> Result<ArticleRecord, StoreError> {
        let (id, issue_id, seq, paper, date, page, kind, column, kicker, title) = self.cols;
        let (subtitle, title_inferred, reporters, photographers, correspondents, authors, dateline, source) = self.more;
        let (continued_to, continued_from, continues, continued_by) = self.links;
        let (paragraphs, body, start, end) = self.text;
        Ok(ArticleRecord {
            id,
            issue_id,
            seq,
            paper,
            date: date.and_then(|d| d.parse().ok()),
            page,
            kind,
            column,
            kicker,
            title,
            subtitle,
            title_inferred,
            reporters: serde_json::from_str(&reporters)?,
            photographers: serde_json::from_str(&photographers)?,
            correspondents: serde_json::from_str(&correspondents)?,
            authors: serde_json::from_str(&authors)?,
            dateline,
            source,
            continued_to,
            continued_from,
            continues,
            continued_by,
            paragraphs: serde_json::from_str(&paragraphs)?,
            body,
            span: (start as usize, end as usize),
        })
    }
}
