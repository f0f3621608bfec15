//! The database schema and its migrations, versioned with `PRAGMA user_version`
//! on SQLite and the table `schema_version` on PostgreSQL.
//!
//! Each migration is a batch of SQL run in one transaction; a database is
//! brought from its version to [`VERSION`] by `Store::upgrade` (opening
//! refuses an older one). A database newer than this build is refused rather
//! than guessed at.
//!
//! PostgreSQL archives start at version 12: their schema is written whole
//! at that version (`postgres-12.sql`, the same tables in PostgreSQL's
//! types); a later migration is written for both.

use crate::db::{Db, Row};
use crate::error::StoreError;
use rusqlite::Connection;

/// PostgreSQL's migrations: each the version it brings a database to, and
/// its SQL; the first makes the schema of a new (empty) database.
const PG_MIGRATIONS: &[(i64, &str)] = &[(12, include_str!("postgres-12.sql"))];

/// Migrations in order; migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: issues, their versions (raw text kept verbatim), current articles, the change log.
    r#"
    CREATE TABLE issues (
        id              INTEGER PRIMARY KEY,
        key             TEXT NOT NULL UNIQUE,
        paper           TEXT,
        date            TEXT,
        page            INTEGER,
        current_version INTEGER NOT NULL,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    );
    CREATE INDEX issues_date ON issues(date);
    CREATE TABLE issue_versions (
        id             INTEGER PRIMARY KEY,
        issue_id       INTEGER NOT NULL REFERENCES issues(id),
        version        INTEGER NOT NULL,
        content_hash   TEXT NOT NULL,
        source         TEXT NOT NULL,
        encoding       TEXT NOT NULL,
        raw_text       TEXT NOT NULL,
        parser_version TEXT NOT NULL,
        parsed         TEXT NOT NULL,
        parse_hash     TEXT NOT NULL,
        ingested_at    TEXT NOT NULL,
        UNIQUE (issue_id, version)
    );
    CREATE INDEX issue_versions_hash ON issue_versions(content_hash);
    CREATE TABLE articles (
        id             INTEGER PRIMARY KEY,
        issue_id       INTEGER NOT NULL REFERENCES issues(id),
        version_id     INTEGER NOT NULL REFERENCES issue_versions(id),
        seq            INTEGER NOT NULL,
        paper          TEXT,
        date           TEXT,
        page           INTEGER,
        kind           TEXT NOT NULL,
        column_label   TEXT,
        kicker         TEXT,
        title          TEXT NOT NULL,
        subtitle       TEXT,
        title_inferred INTEGER NOT NULL,
        reporters      TEXT NOT NULL,
        photographers  TEXT NOT NULL,
        correspondents TEXT NOT NULL,
        authors        TEXT NOT NULL,
        dateline       TEXT,
        source         TEXT,
        continued_to   INTEGER,
        continued_from INTEGER,
        continues      INTEGER REFERENCES articles(id),
        paragraphs     TEXT NOT NULL,
        span_start     INTEGER NOT NULL,
        span_end       INTEGER NOT NULL,
        UNIQUE (issue_id, seq)
    );
    CREATE INDEX articles_date ON articles(date);
    CREATE INDEX articles_paper_date ON articles(paper, date);
    CREATE TABLE changes (
        seq      INTEGER PRIMARY KEY AUTOINCREMENT,
        issue_id INTEGER NOT NULL,
        at       TEXT NOT NULL
    );
    "#,
    // 2: find the continuation of an article without scanning every article,
    // and an issue's earlier changes without scanning the log.
    r#"
    CREATE INDEX articles_continues ON articles(continues) WHERE continues IS NOT NULL;
    CREATE INDEX changes_issue ON changes(issue_id, seq);
    "#,
    // 3: who, where, what and when: entity mentions of each article, dates
    // written in it, dates inferred for issues without a masthead, and a
    // small key-value table (what derived data is up to date).
    r#"
    CREATE TABLE mentions (
        id         INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL,
        issue_id   INTEGER NOT NULL,
        date       TEXT,
        kind       TEXT NOT NULL,
        name       TEXT NOT NULL,
        post       TEXT,
        role       TEXT,
        paragraph  INTEGER
    );
    CREATE INDEX mentions_kind_name ON mentions(kind, name, date);
    CREATE INDEX mentions_issue ON mentions(issue_id);
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE TABLE event_dates (
        article_id  INTEGER NOT NULL,
        issue_id    INTEGER NOT NULL,
        text        TEXT NOT NULL,
        date        TEXT,
        approximate INTEGER NOT NULL,
        part_of_day TEXT,
        paragraph   INTEGER NOT NULL
    );
    CREATE INDEX event_dates_issue ON event_dates(issue_id);
    ALTER TABLE issues ADD COLUMN inferred_date TEXT;
    ALTER TABLE issues ADD COLUMN date_evidence TEXT;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    "#,
    // 4: the index of names also holds the article of each mention, so that
    // counting the articles that name someone reads no table row; and a
    // summary of every person (articles, first and last date, latest post),
    // counted again after changes (meta 'people' holds the change it was
    // counted at), so that the list of people and the names the segmenter
    // learns are read, not counted, in a large archive.
    r#"
    DROP INDEX mentions_kind_name;
    CREATE INDEX mentions_kind_name ON mentions(kind, name, date, article_id);
    CREATE TABLE people_summary (
        name        TEXT PRIMARY KEY,
        articles    INTEGER NOT NULL,
        first       TEXT,
        last        TEXT,
        latest_post TEXT
    );
    CREATE INDEX people_summary_articles ON people_summary(articles DESC, name);
    "#,
    // 5: issues are a paper and a date made of pages: a page carries its
    // section letter (A3) and its name (要闻) besides its number, and where
    // its date came from, and its part when it came in several files;
    // articles carry their page's section.
    r#"
    ALTER TABLE issues ADD COLUMN section TEXT;
    ALTER TABLE issues ADD COLUMN page_name TEXT;
    ALTER TABLE issues ADD COLUMN date_source TEXT;
    ALTER TABLE issues ADD COLUMN part INTEGER;
    ALTER TABLE articles ADD COLUMN section TEXT;
    CREATE INDEX issues_paper_date ON issues(paper, date);
    "#,
    // 6: a version's raw text and issue-level JSON, and an article's
    // paragraphs, are stored packed (zstd, see `pack.rs`): a BLOB in the same
    // column, where a TEXT is a value not packed yet. A version records the
    // bytes of its raw text, which its packed value no longer shows. No row
    // is rewritten here: `Store::upgrade` packs them, a batch per transaction.
    // Mentions lose their index by page (a page's are found through its
    // articles, by the index by article): 3% of the database.
    r#"
    ALTER TABLE issue_versions ADD COLUMN raw_bytes INTEGER;
    DROP INDEX mentions_issue;
    "#,
    // 7: mentions kept by article (the table is its own index by article)
    // with an index of people's names (only people are looked up by name): a name once per article, with the first post
    // and the byline's role when it has one; kinds, roles and dates as small
    // integers (kind 1 person, 2 organisation, 3 place, 4 event; role NULL
    // when only named, 1 reporter, 2 photographer, 3 correspondent, 4
    // author; date yyyymmdd). 60% fewer bytes than three b-trees of text
    // rows. The summary of people takes the integer dates and is counted
    // again.
    r#"
    CREATE TABLE mentions7 (
        article_id INTEGER NOT NULL,
        kind       INTEGER NOT NULL,
        name       TEXT NOT NULL,
        date       INTEGER,
        seq        INTEGER NOT NULL,
        post       TEXT,
        role       INTEGER,
        paragraph  INTEGER,
        PRIMARY KEY (article_id, kind, name)
    ) WITHOUT ROWID;
    INSERT INTO mentions7 (article_id, kind, name, date, seq, post, role, paragraph)
        SELECT article_id,
               CASE kind WHEN 'person' THEN 1 WHEN 'organization' THEN 2 WHEN 'place' THEN 3 ELSE 4 END,
               name, CAST(replace(date, '-', '') AS INTEGER), id, post,
               CASE role WHEN 'reporter' THEN 1 WHEN 'photographer' THEN 2 WHEN 'correspondent' THEN 3
                         WHEN 'author' THEN 4 END,
               paragraph
        FROM mentions WHERE true ORDER BY id
        ON CONFLICT (article_id, kind, name) DO UPDATE SET
            post = coalesce(mentions7.post, excluded.post), role = coalesce(mentions7.role, excluded.role);
    DROP TABLE mentions;
    ALTER TABLE mentions7 RENAME TO mentions;
    CREATE INDEX mentions_name ON mentions(name, date) WHERE kind = 1;
    DROP TABLE people_summary;
    CREATE TABLE people_summary (
        name        TEXT PRIMARY KEY,
        articles    INTEGER NOT NULL,
        first       INTEGER,
        last        INTEGER,
        latest_post TEXT
    );
    CREATE INDEX people_summary_articles ON people_summary(articles DESC, name);
    DELETE FROM meta WHERE key = 'people';
    "#,
    // 8: zstd dictionaries trained on the archive's own raw texts (see
    // `pack.rs`), by the id zstd gives them and writes in each frame packed
    // with one; never removed while a text may name one.
    r#"
    CREATE TABLE dictionaries (
        id         INTEGER PRIMARY KEY,
        texts_then INTEGER NOT NULL,
        samples    INTEGER NOT NULL,
        bytes      BLOB NOT NULL,
        trained_at TEXT NOT NULL
    );
    "#,
    // 9: pages from PDFs. Each article keeps its regions on its page (JSON
    // `[[x0, y0, x1, y1], …]` in PDF points, origin top-left, `y` down;
    // NULL for a page read from text); each page version read from a PDF
    // keeps its assets: the PDF's SHA-256 (the file is kept in the data
    // folder under it), the page's index in that PDF, its size in points,
    // its label, and its rendered images (JSON `[{"width", "height",
    // "hash"}]`, PNG files kept under their hashes too).
    r#"
    ALTER TABLE articles ADD COLUMN regions TEXT;
    CREATE TABLE page_assets (
        version_id INTEGER PRIMARY KEY REFERENCES issue_versions(id),
        pdf_hash   TEXT NOT NULL,
        pdf_page   INTEGER NOT NULL,
        width      REAL NOT NULL,
        height     REAL NOT NULL,
        label      TEXT,
        images     TEXT NOT NULL
    );
    "#,
    // 10: where an article's text lines stand on its page (see `lines.rs`):
    // boxes as small steps from line to line, about six bytes a line; NULL
    // for a page read from text or kept before.
    r#"
    ALTER TABLE articles ADD COLUMN lines BLOB;
    "#,
    // 11: corrections by editors (see `corrections/`): each an operation
    // anchored by text (JSON), who made it and when, on which version of
    // the page, its status (active, undone, stale: no longer applies, with
    // the reason) and who undid it; the page's articles as the parser made
    // them (the base corrections are applied to), kept only for pages with
    // corrections; and the corrections each current article shows (JSON
    // ids). (`IF NOT EXISTS`: tests take an archive back to an older
    // version by its number alone.)
    r#"
    CREATE TABLE IF NOT EXISTS corrections (
        id             INTEGER PRIMARY KEY,
        issue_id       INTEGER NOT NULL REFERENCES issues(id),
        version        INTEGER NOT NULL,
        parser_version TEXT NOT NULL,
        editor         TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        kind           TEXT NOT NULL,
        operation      TEXT NOT NULL,
        article_title  TEXT NOT NULL,
        status         TEXT NOT NULL,
        reason         TEXT,
        undone_by      TEXT,
        undone_at      TEXT
    );
    CREATE INDEX IF NOT EXISTS corrections_issue ON corrections(issue_id, id);
    CREATE TABLE IF NOT EXISTS correction_bases (
        issue_id   INTEGER PRIMARY KEY REFERENCES issues(id),
        version_id INTEGER NOT NULL,
        articles   BLOB NOT NULL
    );
    CREATE TABLE IF NOT EXISTS corrected_articles (
        article_id  INTEGER PRIMARY KEY,
        corrections TEXT NOT NULL
    );
    "#,
    // 12 (PostgreSQL archives start here, see `postgres-12.sql`): how sure the parser is of each article (`shuzibao_core::Confidence`):
    // of its boundaries and of its headline, 0..=1; NULL for an article
    // stored before (a `reparse` gives it one).
    r#"
    ALTER TABLE articles ADD COLUMN confidence_boundary REAL;
    ALTER TABLE articles ADD COLUMN confidence_title REAL;
    "#,
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version of a database (0 for an empty one).
pub(crate) fn version(db: &Db) -> Result<i64, StoreError> {
    match db {
        Db::Sqlite(c) => Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?),
        Db::Pg(_) => {
            let made: bool = db.value("SELECT to_regclass('schema_version') IS NOT NULL", crate::db::p![])?;
            if !made {
                return Ok(0);
            }
            Ok(db
                .query_opt("SELECT version FROM schema_version", crate::db::p![], |r: &Row<'_>| r.get(0))?
                .unwrap_or(0))
        }
    }
}

/// Brings the database to [`VERSION`].
pub(crate) fn migrate(db: &mut Db) -> Result<(), StoreError> {
    match db {
        Db::Sqlite(conn) => migrate_sqlite(conn),
        Db::Pg(_) => migrate_pg(db),
    }
}

/// Brings a PostgreSQL database to [`VERSION`], each migration in a transaction.
fn migrate_pg(db: &Db) -> Result<(), StoreError> {
    let found = version(db)?;
    if found > VERSION {
        return Err(StoreError::TooNew { found, supported: VERSION });
    }
    for (to, sql) in PG_MIGRATIONS.iter().filter(|(to, _)| *to > found) {
        let tx = db.transaction()?;
        tx.batch(*sql)?;
        tx.execute("UPDATE schema_version SET version = ?1", crate::db::p![*to])?;
        tx.commit()?;
    }
    Ok(())
}

/// Brings a SQLite database to [`VERSION`].
fn migrate_sqlite(conn: &mut Connection) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(StoreError::TooNew { found, supported: VERSION });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_reaches_the_version_sqlite_does() {
        // a migration added for SQLite alone would leave PostgreSQL archives behind
        assert_eq!(PG_MIGRATIONS.last().map(|(v, _)| *v), Some(VERSION));
        assert!(PG_MIGRATIONS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
