//! The archive (报库): an embedded SQLite database that is the record of truth
//! for every page (版) shuzibao has ingested, grouped into issues (一期) of
//! papers.
//!
//! An issue is a paper and a date; it is made of pages, each ingested from
//! one file (or a whole issue from one file). Each page keeps its raw text
//! verbatim next to the parse result, in versions: ingesting the same text
//! again changes nothing, a changed text becomes a new version and the old
//! one stays in the history. The current articles of every page are kept in a
//! table for reading, and a change log tells the search index which pages to
//! index again. One page is one transaction: a crash leaves it wholly in or
//! wholly out. (The table of pages is still called `issues`, as its rows were
//! before issues had pages; [`IssueRecord`] is one such row.)
//!
//! Opening never rewrites: a database made by an older shuzibao is refused
//! until [`Store::upgrade`] brings it up to date. This crate knows SQLite and
//! the newspaper model; it knows nothing of search, files or the web: where
//! a page belongs (paper, date, page) is decided by its caller.

pub mod corrections;
mod error;
mod lines;
mod pack;
pub mod people;
mod read;
mod records;
mod schema;
/// The schema version this build writes (`PRAGMA user_version`).
pub use schema::VERSION as SCHEMA_VERSION;
mod upgrade;
mod write;

pub use corrections::{Corrected, CorrectionFilter, CorrectionRecord};
pub use error::StoreError;
pub use lines::{plain_text, LineBox};
pub use records::*;
pub use upgrade::Upgrade;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use shuzibao_core::{Issue, PageNo};
use shuzibao_people::entities;
use std::path::{Path, PathBuf};

/// The file name of the database inside the data folder.
pub const DB_FILE: &str = "archive.sqlite3";

/// Bumped when entity extraction changes: the stored mentions of an archive
/// made with another version are made again by [`Store::upgrade`].
pub const ENTITIES_VERSION: &str = "7";

/// An open archive.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    /// The dictionaries raw texts are packed with.
    dicts: pack::Dictionaries,
}

/// Where a page belongs, decided by the caller before it is stored: the
/// paper, the date (`None` while unknown) and the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placement {
    /// The paper's name (报名). Never empty.
    pub paper: String,
    /// The publication date, `None` for an undated page.
    pub date: Option<NaiveDate>,
    /// Where the date came from (`flag`, `file name`, `masthead`, `page
    /// header`, `inferred`), shown with the issue.
    pub date_source: Option<String>,
    /// The date was inferred from the page's signals, not printed or given:
    /// the page keeps its text's hash as its identity until a date is given.
    pub inferred: bool,
    /// For an undated page, the day its signals point to most (shown to an
    /// editor, never used as its date); for an inferred date, nothing.
    pub guess: Option<NaiveDate>,
    /// What an inferred date or a guess rests on, in words.
    pub date_evidence: Option<String>,
    /// The page (版), `None` when the file is a whole issue.
    pub page: Option<PageNo>,
    /// The part, for a page exported as several files (one an article).
    pub part: Option<u32>,
    /// The page's name as printed (要闻, 综合), if any.
    pub page_name: Option<String>,
}

impl Placement {
    /// The identity of a page in the archive: `paper|date|page` (`-` for a
    /// whole issue, `page#part` for a part), or, while no date is known (or
    /// only an inferred one), the hash of its text.
    pub fn key(&self, hash: &str) -> String {
        let Some(d) = self.date.filter(|_| !self.inferred) else { return format!("sha256:{hash}") };
        let page = self.page.map_or_else(|| "-".to_string(), |p| p.to_string());
        match self.part {
            Some(part) => format!("{}|{d}|{page}#{part}", self.paper),
            None => format!("{}|{d}|{page}", self.paper),
        }
    }
}

/// One page (or whole issue) to ingest.
pub struct IngestRequest<'a> {
    /// Where it came from (a path), for the history.
    pub source: &'a str,
    /// The encoding it was decoded from.
    pub encoding: &'a str,
    /// The decoded text, kept verbatim.
    pub raw_text: &'a str,
    /// What the parser made of it.
    pub issue: &'a Issue,
    /// Where it belongs.
    pub placement: Placement,
    /// The version of the parser that made `issue`.
    pub parser_version: &'a str,
    /// The entities of `issue`'s articles, found beforehand (perhaps on
    /// another thread) by [`entities_for`]; found here when `None`.
    pub entities: Option<&'a [entities::Entities]>,
}

/// The database's page size, for a new archive.
const PAGE_SIZE: i64 = 16_384;

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The SHA-256 of a text, in hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The entities of an issue's articles, as [`Store::ingest`] finds them:
/// dates resolved against the page's date. Callers that ingest many pages
/// find them on other threads and pass them in [`IngestRequest::entities`].
pub fn entities_for(issue: &Issue, date: Option<NaiveDate>) -> Vec<entities::Entities> {
    entities::extract_issue(&issue.articles, date)
}

impl Store {
    /// Opens the archive in `dir` for writing, creating the folder and the
    /// database when there is none. An archive made by an older shuzibao is
    /// refused ([`StoreError::NeedsUpgrade`]): opening never rewrites.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::DataDir { path: dir.clone(), source })?;
        let mut store = Self::connect(&dir)?;
        let found = store.schema_version()?;
        if found == 0 {
            // a new archive: made at the current schema, its mentions current
            schema::migrate(&mut store.conn)?;
            set_meta(&store.conn, "entities", ENTITIES_VERSION)?;
            set_meta(&store.conn, "packed", "1")?;
        } else {
            store.check_schema(found)?;
        }
        store.dicts.load(&store.conn)?;
        Ok(store)
    }

    /// Opens the archive in `dir` for writing and brings it up to date
    /// (see [`Store::upgrade`]), creating it when there is none.
    pub fn open_upgrading(dir: impl AsRef<Path>, progress: impl FnMut(&str)) -> Result<Store, StoreError> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::DataDir { path: dir.clone(), source })?;
        let mut store = Self::connect(&dir)?;
        store.upgrade(progress)?;
        store.dicts.load(&store.conn)?;
        Ok(store)
    }

    fn connect(dir: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(dir.join(DB_FILE))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // pages of 16 KB for a new database (an existing one keeps its own):
        // a page version's packed text is 1-3 KB, and on 4 KB pages a fifth
        // of their pages was left empty (8% of a 30k-article archive)
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        // WAL: readers never block the writer; a killed process leaves the
        // last committed transaction and nothing of the one in progress.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // the WAL file is truncated back to this after a checkpoint: left
        // alone it keeps the largest size it ever reached (tens of MB after
        // an ingest, on top of the database)
        conn.pragma_update(None, "journal_size_limit", 4 * 1024 * 1024)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Store { conn, dir: dir.to_path_buf(), dicts: pack::Dictionaries::default() })
    }

    /// Opens an existing archive for reading only (read-only commands, a web
    /// server's readers). Creates nothing: a folder without an archive is
    /// [`StoreError::NoArchive`].
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let dir = dir.as_ref().to_path_buf();
        let path = dir.join(DB_FILE);
        if !path.is_file() {
            return Err(StoreError::NoArchive(dir));
        }
        let conn =
            Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let store = Store { conn, dir, dicts: pack::Dictionaries::default() };
        store.check_schema(store.schema_version()?)?;
        Ok(store)
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Refuses a schema other than this build's.
    fn check_schema(&self, found: i64) -> Result<(), StoreError> {
        if found > schema::VERSION {
            return Err(StoreError::TooNew { found, supported: schema::VERSION });
        }
        if found < schema::VERSION {
            return Err(StoreError::NeedsUpgrade(format!(
                "its schema is version {found}, this shuzibao writes {}",
                schema::VERSION
            )));
        }
        Ok(())
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
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
            // (a packed text records its length; one not packed yet is its length)
            raw_bytes: c(
                "SELECT coalesce(sum(coalesce(raw_bytes, length(CAST(raw_text AS BLOB)))), 0) FROM issue_versions",
            )?,
        })
    }

    /// Copies the write-ahead log into the database and empties it (what
    /// closing the last connection does): after a long ingest, the data
    /// folder is then the database alone.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Opens a batch: the pages ingested until [`Store::commit_batch`] are
    /// written in one transaction, each page in a savepoint of its own (a
    /// page that fails is rolled back alone). One commit for many pages
    /// spares writing the same index pages to the log again at every page.
    /// Nothing of a batch is visible to other connections, or kept, until
    /// it is committed; the store's other writes need it committed first.
    pub fn begin_batch(&mut self) -> Result<(), StoreError> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        Ok(())
    }

    /// Trains a zstd dictionary on the archive's own raw texts when one is
    /// due (see `pack.rs`: at 1,000 texts, then at 16 times the texts the
    /// last one saw) and packs new texts with it. Returns whether it did.
    /// Outside a batch: call it after [`Store::commit_batch`].
    pub fn train_dictionary(&mut self) -> Result<bool, StoreError> {
        self.dicts.train_if_due(&self.conn)
    }

    /// Commits the batch [`Store::begin_batch`] opened, if one is open.
    pub fn commit_batch(&mut self) -> Result<(), StoreError> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(())
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
