//! The archive (报库): an embedded SQLite database that is the record of truth
//! for every issue shuzibao has ingested.
//!
//! Each issue keeps its raw text verbatim next to the parse result, in
//! versions: ingesting the same text again changes nothing, a changed text
//! becomes a new version and the old one stays in the history. The current
//! articles of every issue are kept in a table for reading, and a change log
//! tells the search index which issues to index again. One issue is one
//! transaction: a crash leaves it wholly in or wholly out.
//!
//! This crate knows SQLite and the newspaper model; it knows nothing of search
//! or the web.

mod error;
pub mod people;
mod records;
mod schema;

pub use error::StoreError;
pub use records::*;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};
use shuzibao_core::entities::{self, PersonRole};
use shuzibao_core::{json, Article, Issue};
use std::path::{Path, PathBuf};

/// The file name of the database inside the data folder.
pub const DB_FILE: &str = "archive.sqlite3";

/// Bumped when entity extraction changes: the stored mentions of an archive
/// made with another version are made again when it is opened.
pub const ENTITIES_VERSION: &str = "6";

/// An open archive.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
}

/// What the caller knows about an issue besides its text: from the file name
/// or the command line. The masthead, when there is one, wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// The paper's name.
    pub paper: Option<String>,
    /// The publication date.
    pub date: Option<NaiveDate>,
    /// The page, when the file is one page.
    pub page: Option<u32>,
}

/// One issue to ingest.
pub struct IngestRequest<'a> {
    /// Where it came from (a path), for the history.
    pub source: &'a str,
    /// The encoding it was decoded from.
    pub encoding: &'a str,
    /// The decoded text, kept verbatim.
    pub raw_text: &'a str,
    /// What the parser made of it.
    pub issue: &'a Issue,
    /// What the file name or the user said.
    pub hints: Hints,
    /// The version of the parser that made `issue`.
    pub parser_version: &'a str,
    /// The entities of `issue`'s articles, found beforehand (perhaps on
    /// another thread) by [`entities_for`]; found here when `None`.
    pub entities: Option<&'a [entities::Entities]>,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The SHA-256 of a text, in hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The identity of an issue: paper, date and page when the date is known,
/// else the hash of its text.
fn identity(issue: &Issue, hints: &Hints, hash: &str) -> (String, Option<String>, Option<NaiveDate>, Option<u32>) {
    let m = issue.masthead.as_ref();
    let paper = m.and_then(|m| m.paper.clone()).or_else(|| hints.paper.clone());
    let date = m.and_then(|m| m.date).or(hints.date);
    let page = hints.page.or_else(|| m.map(|_| 1));
    let key = match date {
        Some(d) => format!(
            "{}|{}|{}",
            paper.as_deref().unwrap_or("-"),
            d,
            page.map_or_else(|| "-".to_string(), |p| p.to_string())
        ),
        None => format!("sha256:{hash}"),
    };
    (key, paper, date, page)
}

/// The entities of an issue's articles, as [`Store::ingest`] finds them:
/// dates resolved against the issue's date (masthead, else hints). Callers
/// that ingest many issues find them on other threads and pass them in
/// [`IngestRequest::entities`].
pub fn entities_for(issue: &Issue, hints: &Hints) -> Vec<entities::Entities> {
    let date = issue.masthead.as_ref().and_then(|m| m.date).or(hints.date);
    entities::extract_issue(&issue.articles, date)
}

impl Store {
    /// Opens the archive in `dir`, creating the folder and the database if
    /// needed and bringing the schema up to date.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::DataDir { path: dir.clone(), source })?;
        let mut conn = Connection::open(dir.join(DB_FILE))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: readers never block the writer; a killed process leaves the
        // last committed transaction and nothing of the one in progress.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::migrate(&mut conn)?;
        let mut store = Store { conn, dir };
        store.backfill_entities()?;
        Ok(store)
    }

    /// Makes the entity mentions again for every issue when they were made by
    /// another version of the extractor (or not at all, in an archive from
    /// before they existed). One transaction per issue, each logged as a
    /// change, so that the search index takes the new names too.
    fn backfill_entities(&mut self) -> Result<(), StoreError> {
        if meta(&self.conn, "entities")?.as_deref() == Some(ENTITIES_VERSION) {
            return Ok(());
        }
        let issues: Vec<(i64, Option<String>)> = {
            let mut st = self.conn.prepare("SELECT id, date FROM issues ORDER BY id")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        // the finding runs on every core, a batch of issues at a time; the
        // writing, one issue per transaction, on this thread
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        for batch in issues.chunks(BACKFILL_BATCH) {
            let work: Vec<Backfill> = batch
                .iter()
                .map(|(id, date)| Ok((*id, date.as_deref().and_then(|d| d.parse().ok()), self.articles_of_issue(*id)?)))
                .collect::<Result<_, StoreError>>()?;
            for ((issue_id, date, articles), found) in work.iter().zip(find_each(&work, threads)) {
                let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                exec(&tx, "DELETE FROM mentions WHERE issue_id = ?1", [issue_id])?;
                exec(&tx, "DELETE FROM event_dates WHERE issue_id = ?1", [issue_id])?;
                for (a, e) in articles.iter().zip(found) {
                    store_entities(&tx, *issue_id, a.id, *date, &e)?;
                }
                log_changes(&tx, &[*issue_id], &now())?;
                tx.commit()?;
            }
        }
        set_meta(&self.conn, "entities", ENTITIES_VERSION)
    }

    /// Opens an existing archive for reading only (a web server's readers).
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let dir = dir.as_ref().to_path_buf();
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Err(StoreError::NotFound(format!("no archive at {}", path.display())));
        }
        let conn =
            Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > schema::VERSION {
            return Err(StoreError::TooNew { found, supported: schema::VERSION });
        }
        Ok(Store { conn, dir })
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Ingests one issue in one transaction.
    pub fn ingest(&mut self, req: &IngestRequest<'_>) -> Result<IngestReport, StoreError> {
        let hash = content_hash(req.raw_text);
        let (key, paper, date, page) = identity(req.issue, &req.hints, &hash);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // (two look-ups by key rather than a join: SQLite compiles that join
        // again at every run)
        let found: Option<(i64, i64)> = tx
            .prepare_cached("SELECT id, current_version FROM issues WHERE key = ?1")?
            .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        // the issue, its current version and that version's hash
        let existing: Option<(i64, i64, String)> = match found {
            Some((id, version_id)) => tx
                .prepare_cached("SELECT version, content_hash FROM issue_versions WHERE id = ?1")?
                .query_row([version_id], |r| Ok((id, r.get(0)?, r.get(1)?)))
                .optional()?,
            None => None,
        };
        if let Some((issue_id, _, h)) = &existing {
            if *h == hash {
                let articles = count(&tx, "SELECT count(*) FROM articles WHERE issue_id = ?1", *issue_id)?;
                return Ok(IngestReport { issue_id: *issue_id, key, outcome: Outcome::Unchanged, articles });
            }
        }
        let at = now();
        let (parsed, parse_hash) = issue_level(req.issue);
        let (issue_id, version) = match existing {
            Some((id, v, _)) => (id, v + 1),
            None => {
                exec(
                    &tx,
                    "INSERT INTO issues (key, paper, date, page, current_version, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 0, ?5, ?5)",
                    params![key, paper, date.map(|d| d.to_string()), page, at],
                )?;
                (tx.last_insert_rowid(), 1)
            }
        };
        exec(&tx,
            "INSERT INTO issue_versions (issue_id, version, content_hash, source, encoding, raw_text, parser_version, parsed, parse_hash, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![issue_id, version, hash, req.source, req.encoding, req.raw_text, req.parser_version, parsed, parse_hash, at],
        )?;
        let version_id = tx.last_insert_rowid();
        exec(
            &tx,
            "UPDATE issues SET current_version = ?1, updated_at = ?2, paper = ?3, date = ?4, page = ?5 WHERE id = ?6",
            params![version_id, at, paper, date.map(|d| d.to_string()), page, issue_id],
        )?;
        let meta = IssueMeta { id: issue_id, version_id, paper: paper.clone(), date, page };
        let found = match req.entities {
            Some(e) if e.len() == req.issue.articles.len() => e.to_vec(),
            _ => entities::extract_issue(&req.issue.articles, date),
        };
        let articles = replace_articles(&tx, &meta, req.issue, found)?;
        if date.is_none() {
            infer_date(&tx, issue_id, paper.as_deref(), req.issue)?;
        }
        let mut touched = vec![issue_id];
        if let Some(d) = date {
            touched.extend(link_continuations(&tx, paper.as_deref(), d)?);
        }
        log_changes(&tx, &touched, &at)?;
        tx.commit()?;
        let outcome = if existing.is_some() { Outcome::Updated { version } } else { Outcome::Added };
        Ok(IngestReport { issue_id, key, outcome, articles })
    }

    /// Parses every issue's current raw text again with `parse` and, where
    /// the result differs from what is stored, replaces the articles (the
    /// raw text and its version stay). Returns how many issues changed.
    pub fn reparse(&mut self, parse: impl Fn(&str) -> Issue, parser_version: &str) -> Result<usize, StoreError> {
        let rows: Vec<(i64, i64, String, String)> = {
            let mut st = self.conn.prepare(
                "SELECT i.id, v.id, v.raw_text, v.parse_hash FROM issues i JOIN issue_versions v ON v.id = i.current_version ORDER BY i.id",
            )?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut changed = 0;
        for (issue_id, version_id, raw, old) in rows {
            let issue = parse(&raw);
            let (parsed, parse_hash) = issue_level(&issue);
            if parse_hash == old {
                continue;
            }
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let (paper, date, page): (Option<String>, Option<String>, Option<u32>) =
                tx.query_row("SELECT paper, date, page FROM issues WHERE id = ?1", [issue_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
            let date = date.and_then(|d| d.parse().ok());
            exec(
                &tx,
                "UPDATE issue_versions SET parsed = ?1, parse_hash = ?2, parser_version = ?3 WHERE id = ?4",
                params![parsed, parse_hash, parser_version, version_id],
            )?;
            let meta = IssueMeta { id: issue_id, version_id, paper: paper.clone(), date, page };
            let found = entities::extract_issue(&issue.articles, date);
            replace_articles(&tx, &meta, &issue, found)?;
            let mut touched = vec![issue_id];
            if let Some(d) = date {
                touched.extend(link_continuations(&tx, paper.as_deref(), d)?);
            }
            log_changes(&tx, &touched, &now())?;
            tx.commit()?;
            changed += 1;
        }
        Ok(changed)
    }

    /// The issues, newest first.
    pub fn issues(&self) -> Result<Vec<IssueRecord>, StoreError> {
        self.issues_where("1 = 1", [])
    }

    /// The issues of one date.
    pub fn issues_on(&self, date: NaiveDate) -> Result<Vec<IssueRecord>, StoreError> {
        self.issues_where("i.date = ?1", [date.to_string()])
    }

    /// One issue by id.
    pub fn issue(&self, id: i64) -> Result<IssueRecord, StoreError> {
        self.issues_where("i.id = ?1", [id])?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::NotFound(format!("issue {id}")))
    }

    fn issues_where<P: rusqlite::Params>(&self, cond: &str, p: P) -> Result<Vec<IssueRecord>, StoreError> {
        let sql = format!(
            "SELECT i.id, i.key, i.paper, i.date, i.page, v.version, v.source, v.content_hash, v.parsed,
                    (SELECT count(*) FROM articles a WHERE a.issue_id = i.id), i.inferred_date, i.date_evidence
             FROM issues i JOIN issue_versions v ON v.id = i.current_version
             WHERE {cond} ORDER BY i.date DESC, i.page, i.id"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(p, |r| {
            let parsed: String = r.get(8)?;
            Ok(IssueRecord {
                id: r.get(0)?,
                key: r.get(1)?,
                paper: r.get(2)?,
                date: r.get::<_, Option<String>>(3)?.and_then(|d| d.parse().ok()),
                page: r.get(4)?,
                version: r.get(5)?,
                source: r.get(6)?,
                content_hash: r.get(7)?,
                masthead: serde_json::from_str::<serde_json::Value>(&parsed).ok().map(|v| v["masthead"].clone()),
                article_count: r.get(9)?,
                inferred_date: r.get::<_, Option<String>>(10)?.and_then(|d| d.parse().ok()),
                date_evidence: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The teasers of an issue's current version: (pages, title).
    pub fn teasers(&self, issue_id: i64) -> Result<Vec<(Vec<u32>, String)>, StoreError> {
        let parsed: String = self
            .conn
            .query_row(
                "SELECT v.parsed FROM issues i JOIN issue_versions v ON v.id = i.current_version WHERE i.id = ?1",
                [issue_id],
                |r| r.get(0),
            )
            .optional()?
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

    /// The distinct publication dates of all issues, oldest first.
    pub fn dates(&self) -> Result<Vec<NaiveDate>, StoreError> {
        let mut st =
            self.conn.prepare_cached("SELECT DISTINCT date FROM issues WHERE date IS NOT NULL ORDER BY date")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for d in rows {
            if let Ok(d) = d?.parse() {
                out.push(d);
            }
        }
        Ok(out)
    }

    /// The ids and titles of an issue's articles, in reading order.
    pub fn titles_of_issue(&self, issue_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
        let mut st = self.conn.prepare_cached("SELECT id, title FROM articles WHERE issue_id = ?1 ORDER BY seq")?;
        let rows = st.query_map([issue_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The newest articles, by date then page and order (for feeds and exports).
    pub fn latest_articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleRecord>, StoreError> {
        self.articles_where(
            "1 = 1 ORDER BY a.date DESC, a.page, a.issue_id, a.seq LIMIT ?1 OFFSET ?2",
            params![limit as i64, offset as i64],
        )
    }

    /// The versions of an issue, oldest first.
    pub fn versions(&self, issue_id: i64) -> Result<Vec<VersionRecord>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT id, version, content_hash, source, encoding, parser_version, ingested_at
             FROM issue_versions WHERE issue_id = ?1 ORDER BY version",
        )?;
        let rows = st.query_map([issue_id], |r| {
            Ok(VersionRecord {
                id: r.get(0)?,
                version: r.get(1)?,
                content_hash: r.get(2)?,
                source: r.get(3)?,
                encoding: r.get(4)?,
                parser_version: r.get(5)?,
                ingested_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The raw text of one version, exactly as it was ingested.
    pub fn raw_text(&self, version_id: i64) -> Result<String, StoreError> {
        self.conn
            .query_row("SELECT raw_text FROM issue_versions WHERE id = ?1", [version_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("version {version_id}")))
    }

    /// The current articles of an issue, in reading order.
    pub fn articles_of_issue(&self, issue_id: i64) -> Result<Vec<ArticleRecord>, StoreError> {
        // sorted here: SQLite compiles a query ordered under an equality on a
        // bound value again at every run, and this one runs for every issue
        // an ingest indexes
        let mut articles = self.articles_where("a.issue_id = ?1", [issue_id])?;
        articles.sort_by_key(|a| a.seq);
        Ok(articles)
    }

    /// Every current article's id with the source its issue was read from
    /// (a file name, or a document id for the benchmarks), in id order.
    pub fn article_sources(&self) -> Result<Vec<(i64, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, v.source FROM articles a JOIN issue_versions v ON v.id = a.version_id ORDER BY a.id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One article by id.
    pub fn article(&self, id: i64) -> Result<ArticleRecord, StoreError> {
        self.articles_where("a.id = ?1", [id])?
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
            let batch = self.articles_where("a.id > ?1 ORDER BY a.id LIMIT 2000", [last])?;
            let Some(tail) = batch.last() else { return Ok(()) };
            last = tail.id;
            for a in batch {
                f(a)?;
            }
        }
    }

    fn articles_where<P: rusqlite::Params>(&self, cond: &str, p: P) -> Result<Vec<ArticleRecord>, StoreError> {
        let sql = format!(
            "SELECT a.id, a.issue_id, a.seq, a.paper, a.date, a.page, a.kind, a.column_label, a.kicker, a.title,
                    a.subtitle, a.title_inferred, a.reporters, a.photographers, a.correspondents, a.authors,
                    a.dateline, a.source, a.continued_to, a.continued_from, a.continues,
                    (SELECT b.id FROM articles b WHERE b.continues = a.id LIMIT 1),
                    a.paragraphs, a.span_start, a.span_end
             FROM articles a WHERE {cond}"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(p, records::article_from_row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The newest change in the log (0 for none).
    pub fn last_change(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| r.get(0))?)
    }

    /// The issues changed after change `seq`, each once, with the newest change seq.
    pub fn changed_since(&self, seq: i64) -> Result<(Vec<i64>, i64), StoreError> {
        let mut st = self.conn.prepare("SELECT DISTINCT issue_id FROM changes WHERE seq > ?1 ORDER BY issue_id")?;
        let ids = st.query_map([seq], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
        Ok((ids, self.last_change()?))
    }

    /// Up to `limit` changes after change `seq`, oldest first, each telling
    /// whether it is its issue's first change ever (then nothing of the issue
    /// can be in an index that has applied changes up to `seq`). Only an
    /// issue's latest change is given: an index following the log indexes
    /// each issue once, however often it changed since (a rebuild after the
    /// mentions were made again indexed every issue twice).
    pub fn changes_after(&self, seq: i64, limit: usize) -> Result<Vec<Change>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT c.seq, c.issue_id,
                    NOT EXISTS (SELECT 1 FROM changes d WHERE d.issue_id = c.issue_id AND d.seq < c.seq)
             FROM changes c WHERE c.seq > ?1
               AND NOT EXISTS (SELECT 1 FROM changes e WHERE e.issue_id = c.issue_id AND e.seq > c.seq)
             ORDER BY c.seq LIMIT ?2",
        )?;
        let rows = st.query_map(params![seq, limit as i64], |r| {
            Ok(Change { seq: r.get(0)?, issue_id: r.get(1)?, first: r.get(2)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Counts of what the archive holds.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let c = |sql: &str| -> Result<i64, StoreError> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Stats {
            issues: c("SELECT count(*) FROM issues")?,
            versions: c("SELECT count(*) FROM issue_versions")?,
            articles: c("SELECT count(*) FROM articles")?,
            raw_bytes: c("SELECT coalesce(sum(length(CAST(raw_text AS BLOB))), 0) FROM issue_versions")?,
        })
    }

    /// Checks the database file itself (`PRAGMA integrity_check`).
    pub fn check_integrity(&self) -> Result<(), StoreError> {
        let result: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(result))
        }
    }
}

/// What a version keeps of its parse besides the articles (which have their
/// own table): the masthead, teasers and leftovers as contract JSON, and a
/// hash of the whole parse, to tell whether a new parser reads it differently.
fn issue_level(issue: &Issue) -> (String, String) {
    let mut v = json::to_value(issue, None);
    let hash = content_hash(&v.to_string());
    if let Some(o) = v.as_object_mut() {
        o.remove("articles");
    }
    (v.to_string(), hash)
}

fn count(tx: &Transaction<'_>, sql: &str, id: i64) -> Result<usize, StoreError> {
    let n: i64 = tx.prepare_cached(sql)?.query_row([id], |r| r.get(0))?;
    Ok(n as usize)
}

/// Runs a statement of the ingest path, compiled once per connection: an
/// ingest runs the same few statements for every issue.
fn exec<P: rusqlite::Params>(conn: &Connection, sql: &str, p: P) -> Result<usize, StoreError> {
    Ok(conn.prepare_cached(sql)?.execute(p)?)
}

/// A value of the key-value table (what derived data is up to date).
fn meta(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// Sets a value of the key-value table.
fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    exec(
        conn,
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// What `replace_articles` needs to know of the issue.
struct IssueMeta {
    id: i64,
    version_id: i64,
    paper: Option<String>,
    date: Option<NaiveDate>,
    page: Option<u32>,
}

/// Replaces the current articles of an issue with those of `issue`.
fn replace_articles(
    tx: &Transaction<'_>,
    meta: &IssueMeta,
    issue: &Issue,
    found: Vec<entities::Entities>,
) -> Result<usize, StoreError> {
    // Articles continued from one of these lose the link; it is made again below.
    exec(
        tx,
        "UPDATE articles SET continues = NULL WHERE continues IN (SELECT id FROM articles WHERE issue_id = ?1)",
        [meta.id],
    )?;
    exec(tx, "DELETE FROM articles WHERE issue_id = ?1", [meta.id])?;
    exec(tx, "DELETE FROM mentions WHERE issue_id = ?1", [meta.id])?;
    exec(tx, "DELETE FROM event_dates WHERE issue_id = ?1", [meta.id])?;
    let mut st = tx.prepare_cached(
        "INSERT INTO articles (issue_id, version_id, seq, paper, date, page, kind, column_label, kicker, title, subtitle,
            title_inferred, reporters, photographers, correspondents, authors, dateline, source, continued_to,
            continued_from, paragraphs, span_start, span_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
    )?;
    for (i, (a, e)) in issue.articles.iter().zip(found).enumerate() {
        let paragraphs: Vec<StoredParagraph> =
            a.paragraphs.iter().map(|p| StoredParagraph { text: p.text.clone(), role: p.role }).collect();
        st.execute(params![
            meta.id,
            meta.version_id,
            i as i64 + 1,
            meta.paper,
            meta.date.map(|d| d.to_string()),
            a.page.or(meta.page),
            a.kind.as_str(),
            a.column,
            a.headline.kicker,
            a.headline.title,
            a.headline.subtitle,
            a.headline.inferred,
            serde_json::to_string(&a.byline.reporters)?,
            serde_json::to_string(&a.byline.photographers)?,
            serde_json::to_string(&a.byline.correspondents)?,
            serde_json::to_string(&a.byline.authors)?,
            a.dateline,
            a.source,
            a.continued_to_page,
            a.continued_from_page,
            serde_json::to_string(&paragraphs)?,
            a.span.start as i64,
            a.span.end as i64,
        ])?;
        store_entities(tx, meta.id, tx.last_insert_rowid(), meta.date, &e)?;
    }
    Ok(issue.articles.len())
}

/// Guesses the date of an issue without one from the dates its articles
/// mention and the weekday the paper comes out, and records it with the
/// evidence (the identity stays the text's hash: a guess is not a date).
fn infer_date(tx: &Transaction<'_>, issue_id: i64, paper: Option<&str>, issue: &Issue) -> Result<(), StoreError> {
    use chrono::Datelike;
    // the paper's dated issues, or, for a page that does not say its paper,
    // every dated issue of the archive
    let known: Vec<NaiveDate> = {
        let mut st =
            tx.prepare_cached("SELECT date FROM issues WHERE (?1 IS NULL OR paper = ?1) AND date IS NOT NULL")?;
        let rows = st.query_map([paper], |r| r.get::<_, String>(0))?;
        rows.filter_map(|d| d.ok().and_then(|d| d.parse().ok())).collect()
    };
    // the weekday most issues of the paper came out on, if most did
    let mut counts = [0usize; 7];
    for d in &known {
        counts[d.weekday().num_days_from_monday() as usize] += 1;
    }
    let (best, n) = counts.iter().enumerate().max_by_key(|(_, n)| **n).map(|(i, n)| (i, *n)).unwrap_or((0, 0));
    let weekday = (n >= 2 && n * 10 >= known.len() * 6).then(|| chrono::Weekday::try_from(best as u8).ok()).flatten();
    let around = known.iter().max().copied().unwrap_or_else(|| chrono::Utc::now().date_naive());
    let texts: Vec<&str> = issue.articles.iter().flat_map(|a| a.paragraphs.iter().map(|p| p.text.as_str())).collect();
    if let Some(guess) = entities::infer_issue_date(&texts, weekday, around) {
        exec(
            tx,
            "UPDATE issues SET inferred_date = ?1, date_evidence = ?2 WHERE id = ?3",
            params![guess.date.to_string(), guess.evidence, issue_id],
        )?;
    }
    Ok(())
}

/// Issues whose mentions are made again together (see `backfill_entities`).
const BACKFILL_BATCH: usize = 256;

/// An issue to find the entities of again: its id, date and articles.
type Backfill = (i64, Option<NaiveDate>, Vec<ArticleRecord>);

/// The entities of each issue's articles, found on `threads` threads, in
/// the order of `work`.
fn find_each(work: &[Backfill], threads: usize) -> Vec<Vec<entities::Entities>> {
    let per = work.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = work
            .chunks(per)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(_, date, articles)| {
                            let models: Vec<Article> = articles.iter().map(article_of_record).collect();
                            entities::extract_issue(&models, *date)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts.into_iter().flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    })
}

/// Stores the people, organisations, places, events and dates found in one article.
fn store_entities(
    tx: &Transaction<'_>,
    issue_id: i64,
    article_id: i64,
    date: Option<NaiveDate>,
    e: &entities::Entities,
) -> Result<(), StoreError> {
    let day = date.map(|d| d.to_string());
    let mut st = tx.prepare_cached(
        "INSERT INTO mentions (article_id, issue_id, date, kind, name, post, role, paragraph) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for p in &e.people {
        let role = match p.role {
            PersonRole::Mentioned => "mentioned",
            PersonRole::Reporter => "reporter",
            PersonRole::Photographer => "photographer",
            PersonRole::Correspondent => "correspondent",
            PersonRole::Author => "author",
        };
        st.execute(params![article_id, issue_id, day, "person", p.name, p.post, role, p.paragraph.map(|x| x as i64)])?;
    }
    for (kind, names) in [("organization", &e.organizations), ("place", &e.places), ("event", &e.events)] {
        for n in names {
            st.execute(params![
                article_id,
                issue_id,
                day,
                kind,
                n,
                Option::<String>::None,
                Option::<String>::None,
                Option::<i64>::None
            ])?;
        }
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO event_dates (article_id, issue_id, text, date, approximate, part_of_day, paragraph) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for d in &e.dates {
        st.execute(params![
            article_id,
            issue_id,
            d.text,
            d.date.map(|x| x.to_string()),
            d.approximate,
            d.part_of_day,
            d.paragraph as i64
        ])?;
    }
    Ok(())
}

/// An article of the model rebuilt from its record (for extracting entities again).
fn article_of_record(a: &ArticleRecord) -> Article {
    use shuzibao_core::{ArticleKind, Author, Byline, Headline, Paragraph, Span};
    Article {
        kind: ArticleKind::News,
        column: a.column.clone(),
        headline: Headline {
            kicker: a.kicker.clone(),
            title: a.title.clone(),
            subtitle: a.subtitle.clone(),
            inferred: a.title_inferred,
        },
        byline: Byline {
            reporters: a.reporters.clone(),
            photographers: a.photographers.clone(),
            correspondents: a.correspondents.clone(),
            interns: Vec::new(),
            authors: a.authors.iter().map(|x| Author { name: x.name.clone(), role: x.role.clone() }).collect(),
        },
        dateline: a.dateline.clone(),
        source: a.source.clone(),
        continued_to_page: a.continued_to,
        continued_from_page: a.continued_from,
        page: a.page,
        signed_date: None,
        paragraphs: a
            .paragraphs
            .iter()
            .map(|p| Paragraph { text: p.text.clone(), role: p.role, span: Span::default() })
            .collect(),
        span: Span::new(a.span.0, a.span.1),
    }
}

/// Links every article marked `上接第M版` on page N of a paper's issue of
/// `date` to the article on page M marked `下转第N版`. Returns the issues
/// whose links changed (their index entries must be made again).
fn link_continuations(tx: &Transaction<'_>, paper: Option<&str>, date: NaiveDate) -> Result<Vec<i64>, StoreError> {
    struct Row {
        id: i64,
        issue: i64,
        page: Option<u32>,
        to: Option<u32>,
        from: Option<u32>,
        continues: Option<i64>,
        seq: i64,
    }
    let mut st = tx.prepare_cached(
        "SELECT id, issue_id, page, continued_to, continued_from, continues, seq FROM articles
         WHERE paper IS ?1 AND date = ?2",
    )?;
    let mut rows: Vec<Row> = st
        .query_map(params![paper, date.to_string()], |r| {
            Ok(Row {
                id: r.get(0)?,
                issue: r.get(1)?,
                page: r.get(2)?,
                to: r.get(3)?,
                from: r.get(4)?,
                continues: r.get(5)?,
                seq: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    // in reading order, sorted here rather than by SQLite (see `articles_of_issue`)
    rows.sort_by_key(|r| (r.page, r.issue, r.seq));
    let mut touched = Vec::new();
    let mut taken = std::collections::HashSet::new();
    for b in rows.iter().filter(|r| r.from.is_some()) {
        let head = rows
            .iter()
            .find(|a| a.id != b.id && !taken.contains(&a.id) && a.to.is_some() && a.to == b.page && a.page == b.from);
        let want = head.map(|a| a.id);
        if let Some(a) = head {
            taken.insert(a.id);
        }
        if want != b.continues {
            exec(tx, "UPDATE articles SET continues = ?1 WHERE id = ?2", params![want, b.id])?;
            touched.push(b.issue);
            if let Some(a) = head {
                touched.push(a.issue);
            }
        }
    }
    touched.sort_unstable();
    touched.dedup();
    Ok(touched)
}

fn log_changes(tx: &Transaction<'_>, issues: &[i64], at: &str) -> Result<(), StoreError> {
    let mut seen = std::collections::HashSet::new();
    for id in issues {
        if seen.insert(*id) {
            exec(tx, "INSERT INTO changes (issue_id, at) VALUES (?1, ?2)", params![id, at])?;
        }
    }
    Ok(())
}
