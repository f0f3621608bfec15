//! What the archive gives back: issues, versions, articles, outcomes.

use crate::db::{p, Db, Raw, Row};
use crate::pack::text_at;
use crate::StoreError;
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
    /// A date given to a page: its place in the archive changed, not its text.
    Redated,
}

/// The result of ingesting one issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// The issue's id in the archive.
    pub issue_id: i64,
    /// Its identity: `paper|date|page`, or `sha256:…` while no date is known.
    pub key: String,
    /// What happened.
    #[serde(flatten)]
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
    /// Page number, when the row is one page.
    pub page: Option<u32>,
    /// The page's section letter (A in A3), if the paper prints sections.
    pub section: Option<String>,
    /// The page's name as printed (要闻), if any.
    pub page_name: Option<String>,
    /// Where the date came from (`flag`, `file name`, `masthead`, `editor`).
    pub date_source: Option<String>,
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
    /// For an issue without a date: the date guessed from what it mentions.
    pub inferred_date: Option<NaiveDate>,
    /// What the guess rests on.
    pub date_evidence: Option<String>,
}

impl IssueRecord {
    /// The page as printed (`2`, `A3`), when the row is one page.
    pub fn page_no(&self) -> Option<shuzibao_core::PageNo> {
        let number = self.page?;
        Some(shuzibao_core::PageNo { section: self.section.as_deref().and_then(|s| s.chars().next()), number })
    }

    /// The date to show and sort by: the printed date, else the inferred one.
    pub fn shown_date(&self) -> Option<NaiveDate> {
        self.date.or(self.inferred_date)
    }
}

/// A paper (报) in the archive, with the span of its issues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaperRecord {
    /// The paper's name.
    pub name: String,
    /// Dated issues (distinct dates).
    pub issues: i64,
    /// Pages (rows) of it, dated or not.
    pub pages: i64,
    /// Pages without a date.
    pub undated: i64,
    /// The first date.
    pub first: Option<NaiveDate>,
    /// The latest date.
    pub last: Option<NaiveDate>,
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
    /// Page number.
    pub page: Option<u32>,
    /// The page's section letter (A in A3), if any.
    pub section: Option<String>,
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
    /// Where it stands on its page, for a page read from a PDF (empty for a
    /// page read from text): rectangles in PDF points, origin top-left,
    /// `y` down; their union is the article (two for an L-shaped one).
    pub regions: Vec<Region>,
    /// How sure the parser was of its boundaries and headline (`None` for
    /// an article stored by a shuzibao that did not say).
    pub confidence: Option<shuzibao_core::Confidence>,
}

/// A rectangle on a page in PDF points (1/72 inch), origin at the top-left
/// corner, `y` growing down; `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

/// What a page read from a PDF keeps besides its text: the PDF (by its
/// SHA-256: the data folder keeps the file under it), where the page is in
/// it, its size, and its rendered images (also by their SHA-256).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageAssets {
    /// SHA-256 of the whole PDF file, in hex.
    pub pdf_hash: String,
    /// The page's index in that PDF, from 1.
    pub pdf_page: u32,
    /// Its width in points.
    pub width: f32,
    /// Its height in points.
    pub height: f32,
    /// Its label in the PDF (`/PageLabels`), if any.
    pub label: Option<String>,
    /// Its images, one per width rendered.
    pub images: Vec<PageImageRecord>,
}

/// One rendered image of a page (PNG), kept under its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageImageRecord {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// SHA-256 of the PNG file, in hex.
    pub hash: String,
}

impl PageAssets {
    /// The image of this width, if one was rendered.
    pub fn image(&self, width: u32) -> Option<&PageImageRecord> {
        self.images.iter().find(|i| i.width == width)
    }
}

/// Regions as stored: `[[x0, y0, x1, y1], …]`, points to two decimals.
pub(crate) fn regions_json(regions: &[Region]) -> String {
    let round = |v: f32| (f64::from(v) * 100.0).round() / 100.0;
    let boxes: Vec<[f64; 4]> = regions.iter().map(|r| [round(r.x0), round(r.y0), round(r.x1), round(r.y1)]).collect();
    serde_json::to_string(&boxes).unwrap_or_else(|_| "[]".to_string())
}

/// An article's hot zone on its page: what a page view needs of it, read
/// without unpacking its text.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleZone {
    /// The article's id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its regions on the page (empty for a page read from text).
    pub regions: Vec<Region>,
}

impl ArticleZone {
    /// From a row of `id, title, regions`.
    pub(crate) fn from_row(r: &Row<'_>) -> Result<ArticleZone, StoreError> {
        Ok(ArticleZone { id: r.get(0)?, title: r.get(1)?, regions: regions_of(r, 2)? })
    }
}

/// Regions read back from their stored JSON (none for NULL).
fn regions_of(r: &Row<'_>, i: usize) -> Result<Vec<Region>, StoreError> {
    let Some(s) = r.get::<Option<String>>(i)? else { return Ok(Vec::new()) };
    let boxes: Vec<[f32; 4]> = serde_json::from_str(&s)?;
    Ok(boxes.into_iter().map(|[x0, y0, x1, y1]| Region { x0, y0, x1, y1 }).collect())
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

/// One entry of the change log: an issue whose articles changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Position in the log.
    pub seq: i64,
    /// The issue.
    pub issue_id: i64,
    /// This is the issue's first change.
    pub first: bool,
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

/// Reads a JSON column.
fn json<T: serde::de::DeserializeOwned>(r: &Row<'_>, i: usize) -> Result<T, StoreError> {
    let s: String = r.get(i)?;
    Ok(serde_json::from_str(&s)?)
}

/// Reads an article from a row of the store's article query; `raw` keeps
/// the raw text of the version last unpacked, the dictionary of its
/// articles' packed paragraphs (see `pack.rs`).
pub(crate) fn article_from_row(
    r: &Row<'_>,
    db: &Db,
    dicts: &crate::pack::Dictionaries,
    raw: &mut Option<(i64, String)>,
) -> Result<ArticleRecord, StoreError> {
    let paragraphs: Vec<StoredParagraph> = {
        let text = match r.raw(22)? {
            Raw::Blob(_) => {
                let version: i64 = r.get(26)?;
                if raw.as_ref().is_none_or(|(v, _)| *v != version) {
                    let text = db.query_one("SELECT raw_text FROM issue_versions WHERE id = ?1", p![version], |v| {
                        dicts.raw_at(v, 0, db)
                    })?;
                    *raw = Some((version, text));
                }
                text_at(r, 22, raw.as_ref().map(|(_, t)| t.as_str()))?
            }
            _ => text_at(r, 22, None)?,
        };
        serde_json::from_str(&text)?
    };
    Ok(ArticleRecord {
        id: r.get(0)?,
        issue_id: r.get(1)?,
        seq: r.get(2)?,
        paper: r.get(3)?,
        date: r.get::<Option<String>>(4)?.and_then(|d| d.parse().ok()),
        page: r.get(5)?,
        kind: r.get(6)?,
        column: r.get(7)?,
        kicker: r.get(8)?,
        title: r.get(9)?,
        subtitle: r.get(10)?,
        title_inferred: r.get(11)?,
        reporters: json(r, 12)?,
        photographers: json(r, 13)?,
        correspondents: json(r, 14)?,
        authors: json(r, 15)?,
        dateline: r.get(16)?,
        source: r.get(17)?,
        continued_to: r.get(18)?,
        continued_from: r.get(19)?,
        continues: r.get(20)?,
        continued_by: r.get(21)?,
        body: String::new(),
        paragraphs,
        span: (r.get::<i64>(23)? as usize, r.get::<i64>(24)? as usize),
        section: r.get(25)?,
        regions: regions_of(r, 27)?,
        confidence: match (r.get::<Option<f64>>(28)?, r.get::<Option<f64>>(29)?) {
            (Some(boundary), Some(title)) => {
                Some(shuzibao_core::Confidence { boundary: boundary as f32, title: title as f32 })
            }
            _ => None,
        },
    })
    .map(|mut a: ArticleRecord| {
        a.body = a.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n");
        a
    })
}
