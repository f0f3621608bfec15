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
//! The archive is kept in an embedded SQLite file in the data folder (the
//! default) or on a PostgreSQL server ([`Location`]): one interface, the same
//! semantics (see `db/`).
//!
//! Opening never rewrites: a database made by an older shuzibao is refused
//! until [`Store::upgrade`] brings it up to date. This crate knows SQLite and
//! the newspaper model; it knows nothing of search, files or the web: where
//! a page belongs (paper, date, page) is decided by its caller.

pub mod corrections;
mod db;
mod error;
mod lines;
mod listen;
pub mod migrate;
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
pub use db::Backend;
pub use error::StoreError;
pub use lines::{plain_text, LineBox};
pub use listen::Listener;
pub use records::*;
pub use upgrade::Upgrade;

use chrono::NaiveDate;
use db::{p, Db};
use rusqlite::Connection;
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
    db: Db,
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
        let store = Self::connect(&dir)?;
        store.made_or_checked()
    }

    /// Opens the archive at `location` for writing: a data folder as
    /// [`Store::open`] does, or a PostgreSQL database, whose schema is made
    /// when it is empty. `dir` is this node's data folder all the same (the
    /// search index and the files of pages kept beside the database).
    pub fn open_at(location: &Location, dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        match location {
            Location::Dir(d) => Self::open(d),
            Location::Postgres(url) => {
                let dir = dir.as_ref().to_path_buf();
                std::fs::create_dir_all(&dir).map_err(|source| StoreError::DataDir { path: dir.clone(), source })?;
                Self::connect_pg(url, dir)?.made_or_checked()
            }
        }
    }

    /// Opens the archive at `location` for reading only, as
    /// [`Store::open_read_only`] does; a PostgreSQL database without an
    /// archive is [`StoreError::NoArchive`].
    pub fn open_read_only_at(location: &Location, dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        match location {
            Location::Dir(d) => Self::open_read_only(d),
            Location::Postgres(url) => {
                let store = Self::connect_pg(url, dir.as_ref().to_path_buf())?;
                // (a read-only session: a write is refused by the server)
                store.db.batch("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")?;
                let found = store.schema_version()?;
                if found == 0 {
                    return Err(StoreError::NoArchive(PathBuf::from(db::redacted(url))));
                }
                store.check_schema(found)?;
                Ok(store)
            }
        }
    }

    /// A new archive made at the current schema, an existing one checked.
    fn made_or_checked(mut self) -> Result<Store, StoreError> {
        let found = self.schema_version()?;
        if found == 0 {
            // a new archive: made at the current schema, its mentions current
            schema::migrate(&mut self.db)?;
            set_meta(&self.db, "entities", ENTITIES_VERSION)?;
            set_meta(&self.db, "packed", "1")?;
        } else {
            self.check_schema(found)?;
        }
        self.dicts.load(&self.db)?;
        Ok(self)
    }

    fn connect_pg(url: &str, dir: PathBuf) -> Result<Store, StoreError> {
        Ok(Store { db: db::connect_pg(url)?, dir, dicts: pack::Dictionaries::default() })
    }

    /// Which database the archive is kept in.
    pub fn backend(&self) -> Backend {
        self.db.backend()
    }

    /// Opens the archive in `dir` for writing and brings it up to date
    /// (see [`Store::upgrade`]), creating it when there is none.
    pub fn open_upgrading(dir: impl AsRef<Path>, progress: impl FnMut(&str)) -> Result<Store, StoreError> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::DataDir { path: dir.clone(), source })?;
        let mut store = Self::connect(&dir)?;
        store.upgrade(progress)?;
        store.dicts.load(&store.db)?;
        Ok(store)
    }

    /// Opens the archive at `location` for writing and brings it up to date,
    /// as [`Store::open_upgrading`] does; `dir` is this node's data folder.
    pub fn open_upgrading_at(
        location: &Location,
        dir: impl AsRef<Path>,
        progress: impl FnMut(&str),
    ) -> Result<Store, StoreError> {
        match location {
            Location::Dir(d) => Self::open_upgrading(d, progress),
            Location::Postgres(url) => {
                let dir = dir.as_ref().to_path_buf();
                std::fs::create_dir_all(&dir).map_err(|source| StoreError::DataDir { path: dir.clone(), source })?;
                let mut store = Self::connect_pg(url, dir)?;
                if store.schema_version()? == 0 {
                    return store.made_or_checked();
                }
                store.upgrade(progress)?;
                store.dicts.load(&store.db)?;
                Ok(store)
            }
        }
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
        // (the ingest path's statements, the readers' and the corrections'
        // are kept compiled together)
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Store { db: Db::Sqlite(conn), dir: dir.to_path_buf(), dicts: pack::Dictionaries::default() })
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
        conn.set_prepared_statement_cache_capacity(64);
        let store = Store { db: Db::Sqlite(conn), dir, dicts: pack::Dictionaries::default() };
        store.check_schema(store.schema_version()?)?;
        Ok(store)
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        schema::version(&self.db)
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
        self.db.value("SELECT coalesce(max(seq), 0) FROM changes", p![])
    }

    /// The issues changed after change `seq`, each once, with the newest change seq.
    pub fn changed_since(&self, seq: i64) -> Result<(Vec<i64>, i64), StoreError> {
        let ids =
            self.db.query("SELECT DISTINCT issue_id FROM changes WHERE seq > ?1 ORDER BY issue_id", p![seq], |r| {
                r.get(0)
            })?;
        Ok((ids, self.last_change()?))
    }

    /// Up to `limit` changes after change `seq`, oldest first, each telling
    /// whether it is its issue's first change ever (then nothing of the issue
    /// can be in an index that has applied changes up to `seq`). Only an
    /// issue's latest change is given: an index following the log indexes
    /// each issue once, however often it changed since (a rebuild after the
    /// mentions were made again indexed every issue twice).
    pub fn changes_after(&self, seq: i64, limit: usize) -> Result<Vec<Change>, StoreError> {
        self.db.query(
            "SELECT c.seq, c.issue_id,
                    NOT EXISTS (SELECT 1 FROM changes d WHERE d.issue_id = c.issue_id AND d.seq < c.seq)
             FROM changes c WHERE c.seq > ?1
               AND NOT EXISTS (SELECT 1 FROM changes e WHERE e.issue_id = c.issue_id AND e.seq > c.seq)
             ORDER BY c.seq LIMIT ?2",
            p![seq, limit],
            |r| Ok(Change { seq: r.get(0)?, issue_id: r.get(1)?, first: r.get(2)? }),
        )
    }

    /// Counts of what the archive holds.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let c = |sql: &dyn db::Sql| -> Result<i64, StoreError> { self.db.value(sql, p![]) };
        Ok(Stats {
            issues: c(&"SELECT count(*) FROM issues")?,
            versions: c(&"SELECT count(*) FROM issue_versions")?,
            articles: c(&"SELECT count(*) FROM articles")?,
            // (a packed text records its length; one not packed yet is its length)
            raw_bytes: c(&db::Both {
                sqlite:
                    "SELECT coalesce(sum(coalesce(raw_bytes, length(CAST(raw_text AS BLOB)))), 0) FROM issue_versions",
                postgres: "SELECT coalesce(sum(raw_bytes), 0)::BIGINT FROM issue_versions",
            })?,
        })
    }

    /// Copies the write-ahead log into the database and empties it (what
    /// closing the last connection does): after a long ingest, the data
    /// folder is then the database alone. Nothing on PostgreSQL.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        if let Some(conn) = self.db.sqlite() {
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// Opens a batch: the pages ingested until [`Store::commit_batch`] are
    /// written in one transaction, each page in a savepoint of its own (a
    /// page that fails is rolled back alone). One commit for many pages
    /// spares writing the same index pages to the log again at every page.
    /// Nothing of a batch is visible to other connections, or kept, until
    /// it is committed; the store's other writes need it committed first.
    pub fn begin_batch(&mut self) -> Result<(), StoreError> {
        if !self.db.in_transaction() {
            self.db.begin_open()?;
        }
        Ok(())
    }

    /// Trains a zstd dictionary on the archive's own raw texts when one is
    /// due (see `pack.rs`: at 1,000 texts, then at 16 times the texts the
    /// last one saw) and packs new texts with it. Returns whether it did.
    /// Outside a batch: call it after [`Store::commit_batch`].
    pub fn train_dictionary(&mut self) -> Result<bool, StoreError> {
        self.dicts.train_if_due(&self.db)
    }

    /// Commits the batch [`Store::begin_batch`] opened, if one is open.
    pub fn commit_batch(&mut self) -> Result<(), StoreError> {
        if self.db.in_transaction() {
            self.db.end(true)?;
        }
        Ok(())
    }

    /// Checks the database file itself (`PRAGMA integrity_check`); on
    /// PostgreSQL, the server keeps its own files: nothing to check here.
    pub fn check_integrity(&self) -> Result<(), StoreError> {
        let Some(conn) = self.db.sqlite() else { return Ok(()) };
        let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(result))
        }
    }
}

/// A value of the key-value table (what derived data is up to date).
fn meta(db: &Db, key: &str) -> Result<Option<String>, StoreError> {
    db.query_opt("SELECT value FROM meta WHERE key = ?1", p![key], |r| r.get(0))
}

/// Sets a value of the key-value table.
fn set_meta(db: &Db, key: &str, value: &str) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        p![key, value],
    )?;
    Ok(())
}

/// A database URL fit to show: its password, if any, hidden.
pub fn redacted_url(url: &str) -> String {
    db::redacted(url)
}

/// Where an archive is kept: an embedded SQLite file in a data folder, or a
/// PostgreSQL database (`postgres://…` or `postgresql://…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The data folder holding `archive.sqlite3`.
    Dir(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl Location {
    /// A PostgreSQL database when `database` is a `postgres://` or
    /// `postgresql://` URL; `dir` (a data folder) when there is none. Any
    /// other text is refused, naming what is understood.
    pub fn parse(database: Option<&str>, dir: impl AsRef<Path>) -> Result<Location, StoreError> {
        match database.map(str::trim).filter(|d| !d.is_empty()) {
            None => Ok(Location::Dir(dir.as_ref().to_path_buf())),
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Ok(Location::Postgres(url.to_string()))
            }
            Some(other) => Err(StoreError::Connect {
                url: db::redacted(other),
                reason: "not a database URL: give postgres://… or postgresql://… (or nothing for the SQLite \
                         archive in the data folder)"
                    .into(),
            }),
        }
    }
}
