//! Reading the archive: papers, their issues and calendars, the pages of
//! an issue, undated pages, articles, versions and raw texts. Nothing here
//! writes.

use crate::db::{p, Backend, Both, Db, Params};
use crate::pack::text_at;
use crate::records::{
    self, ArticleRecord, ArticleZone, IssueRecord, PageAssets, PageImageRecord, PaperRecord, VersionRecord,
};
use crate::{Store, StoreError};
use chrono::NaiveDate;

impl Store {
    /// Every page, newest first (by date, then page).
    pub fn issues(&self) -> Result<Vec<IssueRecord>, StoreError> {
        self.issues_where("1 = 1", p![])
    }

    /// The pages of every paper on one date.
    pub fn issues_on(&self, date: NaiveDate) -> Result<Vec<IssueRecord>, StoreError> {
        self.issues_where("i.date = ?1", p![date.to_string()])
    }

    /// The pages of one paper's issue of `date`, in page order.
    pub fn pages_of_issue(&self, paper: &str, date: NaiveDate) -> Result<Vec<IssueRecord>, StoreError> {
        self.issues_where("i.paper = ?1 AND i.date = ?2", p![paper, date.to_string()])
    }

    /// The pages of one paper's issue of `date`, in page order, without
    /// their mastheads (`masthead` is `None`: each page's parsed issue is
    /// left unread), for a view of one of its pages.
    pub fn pages_of_issue_brief(&self, paper: &str, date: NaiveDate) -> Result<Vec<IssueRecord>, StoreError> {
        self.issues_where_with("i.paper = ?1 AND i.date = ?2", p![paper, date.to_string()], false)
    }

    /// The pages without a date, each with the date guessed for it if any,
    /// the paper's pages first, oldest ingested first.
    pub fn undated(&self, paper: Option<&str>) -> Result<Vec<IssueRecord>, StoreError> {
        let cond = match self.db.backend() {
            Backend::Sqlite => "i.date IS NULL AND (?1 IS NULL OR i.paper = ?1)",
            // (PostgreSQL is told the parameter's type: `?1 IS NULL` alone does not say)
            Backend::Postgres => "i.date IS NULL AND (CAST(?1 AS TEXT) IS NULL OR i.paper = ?1)",
        };
        self.issues_where(cond, p![paper])
    }

    /// The papers of the archive, the one with the latest issue first.
    pub fn papers(&self) -> Result<Vec<PaperRecord>, StoreError> {
        const PAPERS: Both = Both {
            sqlite: "SELECT paper, count(DISTINCT date), count(*), sum(date IS NULL), min(date), max(date)
             FROM issues WHERE paper IS NOT NULL GROUP BY paper ORDER BY max(date) DESC, paper",
            postgres: "SELECT paper, count(DISTINCT date), count(*), count(*) FILTER (WHERE date IS NULL), min(date),
                    max(date)
             FROM issues WHERE paper IS NOT NULL GROUP BY paper ORDER BY max(date) DESC NULLS LAST, paper",
        };
        self.db.query(PAPERS, p![], |r| {
            Ok(PaperRecord {
                name: r.get(0)?,
                issues: r.get(1)?,
                pages: r.get(2)?,
                undated: r.get(3)?,
                first: r.get::<Option<String>>(4)?.and_then(|d| d.parse().ok()),
                last: r.get::<Option<String>>(5)?.and_then(|d| d.parse().ok()),
            })
        })
    }

    /// The dates of one paper's issues (of every paper's with `None`),
    /// oldest first.
    pub fn dates_of(&self, paper: Option<&str>) -> Result<Vec<NaiveDate>, StoreError> {
        let rows: Vec<String> = self.db.query(
            Both {
                sqlite: "SELECT DISTINCT date FROM issues WHERE date IS NOT NULL AND (?1 IS NULL OR paper = ?1)
                 ORDER BY date",
                postgres: "SELECT DISTINCT date FROM issues WHERE date IS NOT NULL
                 AND (CAST(?1 AS TEXT) IS NULL OR paper = ?1) ORDER BY date",
            },
            p![paper],
            |r| r.get(0),
        )?;
        let mut out = Vec::new();
        for d in rows {
            if let Ok(d) = d.parse() {
                out.push(d);
            }
        }
        Ok(out)
    }

    /// The dated issues of `paper` the archive knows (dates given, not
    /// inferred), with the running issue number their masthead prints: what
    /// a page without a date is dated against. The latest `limit` dates.
    pub fn neighbours(&self, paper: &str, limit: usize) -> Result<Vec<shuzibao_core::dating::Neighbour>, StoreError> {
        const NEIGHBOURS: Both = Both {
            sqlite: "SELECT i.date, v.parsed FROM issues i JOIN issue_versions v ON v.id = i.current_version
             WHERE i.paper = ?1 AND i.date IS NOT NULL AND i.date_source IS NOT 'inferred'
             ORDER BY i.date DESC, i.page LIMIT ?2",
            postgres: "SELECT i.date, v.parsed FROM issues i JOIN issue_versions v ON v.id = i.current_version
             WHERE i.paper = ?1 AND i.date IS NOT NULL AND i.date_source IS DISTINCT FROM 'inferred'
             ORDER BY i.date DESC, i.page NULLS FIRST LIMIT ?2",
        };
        let rows: Vec<(String, String)> =
            self.db.query(NEIGHBOURS, p![paper, limit * 4], |r| Ok((r.get(0)?, text_at(r, 1, None)?)))?;
        let mut out: Vec<shuzibao_core::dating::Neighbour> = Vec::new();
        for (date, parsed) in rows {
            let Ok(date) = date.parse() else { continue };
            let number = serde_json::from_str::<serde_json::Value>(&parsed)
                .ok()
                .and_then(|v| v["masthead"]["total_issue_no"].as_u64())
                .map(|n| n as u32);
            let full = out.len() >= limit;
            match out.last_mut() {
                Some(last) if last.date == date => last.total_issue_no = last.total_issue_no.or(number),
                _ if full => break,
                _ => out.push(shuzibao_core::dating::Neighbour { date, total_issue_no: number }),
            }
        }
        Ok(out)
    }

    /// The papers that have an issue on `date`.
    pub fn papers_on(&self, date: NaiveDate) -> Result<Vec<String>, StoreError> {
        self.db.query(
            "SELECT DISTINCT paper FROM issues WHERE date = ?1 AND paper IS NOT NULL ORDER BY paper",
            p![date.to_string()],
            |r| r.get(0),
        )
    }

    /// One issue by id.
    pub fn issue(&self, id: i64) -> Result<IssueRecord, StoreError> {
        self.issues_where("i.id = ?1", p![id])?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::NotFound(format!("issue {id}")))
    }

    fn issues_where(&self, cond: &str, p: Params<'_>) -> Result<Vec<IssueRecord>, StoreError> {
        self.issues_where_with(cond, p, true)
    }

    /// As `issues_where`; without `masthead`, the parsed issue (unpacked
    /// and read as JSON only for its masthead) is not read.
    fn issues_where_with(&self, cond: &str, p: Params<'_>, masthead: bool) -> Result<Vec<IssueRecord>, StoreError> {
        // (SQLite sorts NULL first, PostgreSQL last: said for it)
        let order = match self.db.backend() {
            Backend::Sqlite => "i.date DESC, i.paper, i.section IS NOT NULL, i.section, i.page, i.id",
            Backend::Postgres => {
                "i.date DESC NULLS LAST, i.paper NULLS FIRST, i.section IS NOT NULL, i.section, i.page NULLS FIRST, i.id"
            }
        };
        let sql = format!(
            "SELECT i.id, i.key, i.paper, i.date, i.page, v.version, v.source, v.content_hash, v.parsed,
                    (SELECT count(*) FROM articles a WHERE a.issue_id = i.id), i.inferred_date, i.date_evidence,
                    i.section, i.page_name, i.date_source
             FROM issues i JOIN issue_versions v ON v.id = i.current_version
             WHERE {cond} ORDER BY {order}"
        );
        self.db.query(sql, p, |r| {
            let parsed = if masthead { Some(text_at(r, 8, None)?) } else { None };
            Ok(IssueRecord {
                id: r.get(0)?,
                key: r.get(1)?,
                paper: r.get(2)?,
                date: r.get::<Option<String>>(3)?.and_then(|d| d.parse().ok()),
                page: r.get(4)?,
                version: r.get(5)?,
                source: r.get(6)?,
                content_hash: r.get(7)?,
                masthead: parsed
                    .and_then(|p| serde_json::from_str::<serde_json::Value>(&p).ok())
                    .map(|v| v["masthead"].clone()),
                article_count: r.get(9)?,
                inferred_date: r.get::<Option<String>>(10)?.and_then(|d| d.parse().ok()),
                date_evidence: r.get(11)?,
                section: r.get(12)?,
                page_name: r.get(13)?,
                date_source: r.get(14)?,
            })
        })
    }

    /// The teasers of an issue's current version: (pages, title).
    pub fn teasers(&self, issue_id: i64) -> Result<Vec<(Vec<u32>, String)>, StoreError> {
        let parsed: String = self
            .db
            .query_opt(
                "SELECT v.parsed FROM issues i JOIN issue_versions v ON v.id = i.current_version WHERE i.id = ?1",
                p![issue_id],
                |r| text_at(r, 0, None),
            )?
            .ok_or_else(|| StoreError::NotFound(format!("issue {issue_id}")))?;
        let v: serde_json::Value = serde_json::from_str(&parsed)?;
        let teasers = v["teasers"].as_array().cloned().unwrap_or_default();
        Ok(teasers
            .iter()
            .filter_map(|t| {
                let pages = t["pages"].as_array()?.iter().filter_map(|p| p.as_u64().map(|p| p as u32)).collect();
                Some((pages, t["title"].as_str()?.to_string()))
            })
            .collect())
    }

    /// The distinct publication dates of all papers' issues, oldest first.
    pub fn dates(&self) -> Result<Vec<NaiveDate>, StoreError> {
        self.dates_of(None)
    }

    /// The ids and titles of an issue's articles, in reading order.
    pub fn titles_of_issue(&self, issue_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
        // (sorted here: see `articles_of_issue`)
        let mut rows: Vec<(i64, i64, String)> =
            self.db.query("SELECT seq, id, title FROM articles WHERE issue_id = ?1", p![issue_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        rows.sort_unstable_by_key(|r| r.0);
        Ok(rows.into_iter().map(|(_, id, title)| (id, title)).collect())
    }

    /// The newest articles, by date then page and order (for feeds and exports).
    pub fn latest_articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleRecord>, StoreError> {
        let cond = match self.db.backend() {
            Backend::Sqlite => "1 = 1 ORDER BY a.date DESC, a.page, a.issue_id, a.seq LIMIT ?1 OFFSET ?2",
            Backend::Postgres => {
                "1 = 1 ORDER BY a.date DESC NULLS LAST, a.page NULLS FIRST, a.issue_id, a.seq LIMIT ?1 OFFSET ?2"
            }
        };
        self.articles_where(cond, p![limit, offset])
    }

    /// The versions of an issue, oldest first.
    pub fn versions(&self, issue_id: i64) -> Result<Vec<VersionRecord>, StoreError> {
        self.db.query(
            "SELECT id, version, content_hash, source, encoding, parser_version, ingested_at
             FROM issue_versions WHERE issue_id = ?1 ORDER BY version",
            p![issue_id],
            |r| {
                Ok(VersionRecord {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    content_hash: r.get(2)?,
                    source: r.get(3)?,
                    encoding: r.get(4)?,
                    parser_version: r.get(5)?,
                    ingested_at: r.get(6)?,
                })
            },
        )
    }

    /// The raw text of one version, exactly as it was ingested.
    pub fn raw_text(&self, version_id: i64) -> Result<String, StoreError> {
        self.db
            .query_opt("SELECT raw_text FROM issue_versions WHERE id = ?1", p![version_id], |r| {
                self.dicts.raw_at(r, 0, &self.db)
            })?
            .ok_or_else(|| StoreError::NotFound(format!("version {version_id}")))
    }

    /// The least certain articles of a stored page (版), least sure first:
    /// those whose boundaries or headline the parser was least sure of
    /// (the lower of its two confidences), at most `limit`; articles stored
    /// without a confidence are left out. For editors to check first.
    pub fn doubtful_articles(&self, issue_id: i64, limit: usize) -> Result<Vec<ArticleRecord>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let cond = match self.db.backend() {
            Backend::Sqlite => {
                "a.issue_id = ?1 AND a.confidence_boundary IS NOT NULL
             ORDER BY MIN(a.confidence_boundary, a.confidence_title), a.seq LIMIT ?2"
            }
            Backend::Postgres => {
                "a.issue_id = ?1 AND a.confidence_boundary IS NOT NULL
             ORDER BY LEAST(a.confidence_boundary, a.confidence_title), a.seq LIMIT ?2"
            }
        };
        self.articles_where(cond, p![issue_id, limit])
    }

    /// The current articles of an issue, in reading order.
    pub fn articles_of_issue(&self, issue_id: i64) -> Result<Vec<ArticleRecord>, StoreError> {
        // sorted here: SQLite compiles a query ordered under an equality on a
        // bound value again at every run, and this one runs for every issue
        // an ingest indexes
        articles_of(&self.db, &self.dicts, issue_id)
    }

    /// The hot zones of a page's current articles in reading order: ids,
    /// titles and regions only, no text unpacked (a page view shows every
    /// page of its issue).
    pub fn zones_of_page(&self, issue_id: i64) -> Result<Vec<ArticleZone>, StoreError> {
        let mut zones: Vec<(i64, ArticleZone)> =
            self.db.query("SELECT id, title, regions, seq FROM articles WHERE issue_id = ?1", p![issue_id], |r| {
                Ok((r.get(3)?, ArticleZone::from_row(r)?))
            })?;
        // sorted here, as for `articles_of_issue`
        zones.sort_by_key(|(seq, _)| *seq);
        Ok(zones.into_iter().map(|(_, z)| z).collect())
    }

    /// Every current article's id with the source its issue was read from
    /// (a file name, or a document id for the benchmarks), in id order.
    pub fn article_sources(&self) -> Result<Vec<(i64, String)>, StoreError> {
        self.db.query(
            "SELECT a.id, v.source FROM articles a JOIN issue_versions v ON v.id = a.version_id ORDER BY a.id",
            p![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// One article by id.
    pub fn article(&self, id: i64) -> Result<ArticleRecord, StoreError> {
        self.articles_where("a.id = ?1", p![id])?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::NotFound(format!("article {id}")))
    }

    /// Calls `f` with every current article, in id order, a batch at a time.
    pub fn for_each_article(
        &self,
        mut f: impl FnMut(ArticleRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut last = 0i64;
        loop {
            let batch = self.articles_where("a.id > ?1 ORDER BY a.id LIMIT 2000", p![last])?;
            let Some(tail) = batch.last() else { return Ok(()) };
            last = tail.id;
            for a in batch {
                f(a)?;
            }
        }
    }

    fn articles_where(&self, cond: &str, p: Params<'_>) -> Result<Vec<ArticleRecord>, StoreError> {
        articles_where(&self.db, &self.dicts, cond, p)
    }

    /// What a page read from a PDF keeps besides its text (its current
    /// version's): the PDF's hash, the page's index in it, its size and its
    /// images. `None` for a page read from text; an unknown page is
    /// [`StoreError::NotFound`].
    pub fn page_assets(&self, page_id: i64) -> Result<Option<PageAssets>, StoreError> {
        let version: i64 = self
            .db
            .query_opt("SELECT current_version FROM issues WHERE id = ?1", p![page_id], |r| r.get(0))?
            .ok_or_else(|| StoreError::NotFound(format!("page {page_id}")))?;
        page_assets_of(&self.db, version)
    }
}

impl Store {
    /// The images of every PDF page the archive has rendered, by the PDF's
    /// hash and the page's index in it: an ingest of a PDF page it knows
    /// need not render it again.
    pub fn rendered_pdf_pages(&self) -> Result<Vec<(String, u32, Vec<PageImageRecord>)>, StoreError> {
        let rows: Vec<(String, u32, String)> =
            self.db.query("SELECT pdf_hash, pdf_page, images FROM page_assets", p![], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let mut out = Vec::new();
        for (hash, page, images) in rows {
            out.push((hash, page, serde_json::from_str(&images)?));
        }
        Ok(out)
    }
}

/// The assets of a page version, if it was read from a PDF.
pub(crate) fn page_assets_of(db: &Db, version_id: i64) -> Result<Option<PageAssets>, StoreError> {
    let row: Option<(String, u32, f64, f64, Option<String>, String)> = db.query_opt(
        "SELECT pdf_hash, pdf_page, width, height, label, images FROM page_assets WHERE version_id = ?1",
        p![version_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let Some((pdf_hash, pdf_page, width, height, label, images)) = row else { return Ok(None) };
    Ok(Some(PageAssets {
        pdf_hash,
        pdf_page,
        width: width as f32,
        height: height as f32,
        label,
        images: serde_json::from_str(&images)?,
    }))
}

/// The current articles of a page, in reading order (on a connection or in a transaction).
pub(crate) fn articles_of(
    db: &Db,
    dicts: &crate::pack::Dictionaries,
    issue_id: i64,
) -> Result<Vec<ArticleRecord>, StoreError> {
    let mut articles = articles_where(db, dicts, "a.issue_id = ?1", p![issue_id])?;
    articles.sort_by_key(|a| a.seq);
    Ok(articles)
}

fn articles_where(
    db: &Db,
    dicts: &crate::pack::Dictionaries,
    cond: &str,
    p: Params<'_>,
) -> Result<Vec<ArticleRecord>, StoreError> {
    let sql = format!(
        "SELECT a.id, a.issue_id, a.seq, a.paper, a.date, a.page, a.kind, a.column_label, a.kicker, a.title,
                    a.subtitle, a.title_inferred, a.reporters, a.photographers, a.correspondents, a.authors,
                    a.dateline, a.source, a.continued_to, a.continued_from, a.continues,
                    (SELECT b.id FROM articles b WHERE b.continues = a.id LIMIT 1),
                    a.paragraphs, a.span_start, a.span_end, a.section, a.version_id, a.regions,
                    a.confidence_boundary, a.confidence_title
             FROM articles a WHERE {cond}"
    );
    // (the raw text that packed paragraphs need is read apart, not joined:
    // SQLite compiled the join again at every run)
    // the raw text of the last version read (the articles of a page share it)
    let mut raw = None;
    db.query(sql, p, |r| records::article_from_row(r, db, dicts, &mut raw))
}
