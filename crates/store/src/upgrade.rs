//! Bringing an archive made by an older shuzibao up to date: the schema's
//! migrations, then the entity mentions made again when the extractor
//! changed, and the large values packed (schema 6). Explicit (`shuzibao upgrade`, or `serve` at start, logged):
//! opening an archive never does it. Each step is resumable: the schema
//! migrates one version per transaction, the mentions one page per
//! transaction, the packing a batch of rows per transaction, and a step
//! killed half-way is taken up again by the next run.

use crate::db::{p, Db};
use crate::pack::{packed, text_at};
use crate::write::{article_of_record, log_changes, store_entities};
use crate::{meta, now, schema, set_meta, ArticleRecord, Store, StoreError, ENTITIES_VERSION};
use chrono::NaiveDate;

use shuzibao_core::Article;
use shuzibao_people::entities;

/// An upgrade an archive is waiting for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upgrade {
    /// The database's schema is older than this build's.
    Schema {
        /// Its version.
        found: i64,
        /// This build's.
        wanted: i64,
    },
    /// The people, places and dates were found by another version of the
    /// entity finder: they are found again in every page.
    Entities {
        /// Pages to read again.
        pages: i64,
    },
    /// The raw texts, their JSON and the articles' paragraphs were stored
    /// unpacked (before schema 6): they are packed, and the file compacted.
    Pack {
        /// Versions of pages to pack.
        versions: i64,
    },
}

impl std::fmt::Display for Upgrade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Upgrade::Schema { found, wanted } if compacts(*found) => {
                write!(f, "schema {found} -> {wanted}, then the file compacted")
            }
            Upgrade::Schema { found, wanted } => write!(f, "schema {found} -> {wanted}"),
            Upgrade::Entities { pages } => write!(f, "people, places and dates found again in {pages} pages"),
            Upgrade::Pack { versions } => {
                write!(f, "raw texts and articles of {versions} page versions compressed, then the file compacted")
            }
        }
    }
}

impl Store {
    /// What [`Store::upgrade`] would do (nothing for a current archive).
    pub fn pending_upgrades(&self) -> Result<Vec<Upgrade>, StoreError> {
        let mut out = Vec::new();
        let found = self.schema_version()?;
        if found < schema::VERSION {
            out.push(Upgrade::Schema { found, wanted: schema::VERSION });
        }
        // (an archive before schema 3 has no meta table: its mentions are made too)
        let current = found >= 3 && meta(&self.db, "entities")?.as_deref() == Some(ENTITIES_VERSION);
        if !current {
            let pages = if found >= 1 { self.db.value("SELECT count(*) FROM issues", p![])? } else { 0 };
            out.push(Upgrade::Entities { pages });
        }
        // (an archive made at schema 6 or later was packed from the start;
        // one migrated to it is packed by its upgrade, which then says so)
        let packed = found >= 6 && meta(&self.db, "packed")?.as_deref() == Some("1");
        if !packed && found >= 1 {
            let versions = self.db.value("SELECT count(*) FROM issue_versions", p![])?;
            out.push(Upgrade::Pack { versions });
        }
        Ok(out)
    }

    /// Brings the archive up to date: the schema, then the entity mentions;
    /// `progress` is told each step as it starts.
    pub fn upgrade(&mut self, mut progress: impl FnMut(&str)) -> Result<Vec<Upgrade>, StoreError> {
        let pending = self.pending_upgrades()?;
        for step in &pending {
            progress(&step.to_string());
            match step {
                Upgrade::Schema { found, .. } => {
                    schema::migrate(&mut self.db)?;
                    // (the packing below compacts the file itself)
                    if compacts(*found) && !pending.iter().any(|u| matches!(u, Upgrade::Pack { .. })) {
                        self.vacuum()?;
                    }
                }
                Upgrade::Entities { .. } => self.backfill_entities()?,
                Upgrade::Pack { .. } => self.pack_all()?,
            }
        }
        Ok(pending)
    }

    /// Makes the entity mentions again for every issue when they were made by
    /// another version of the extractor (or not at all, in an archive from
    /// before they existed). One transaction per issue, each logged as a
    /// change, so that the search index takes the new names too.
    fn backfill_entities(&mut self) -> Result<(), StoreError> {
        let issues: Vec<(i64, Option<String>)> =
            { self.db.query("SELECT id, date FROM issues ORDER BY id", p![], |r| Ok((r.get(0)?, r.get(1)?)))? };
        // the finding runs on every core, a batch of issues at a time; the
        // writing, one issue per transaction, on this thread
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        for batch in issues.chunks(BACKFILL_BATCH) {
            let work: Vec<Backfill> = batch
                .iter()
                .map(|(id, date)| Ok((*id, date.as_deref().and_then(|d| d.parse().ok()), self.articles_of_issue(*id)?)))
                .collect::<Result<_, StoreError>>()?;
            for ((issue_id, date, articles), found) in work.iter().zip(find_each(&work, threads)) {
                let tx = self.db.transaction()?;
                tx.execute(crate::write::DELETE_MENTIONS, p![issue_id])?;
                tx.execute("DELETE FROM event_dates WHERE issue_id = ?1", p![issue_id])?;
                for (a, e) in articles.iter().zip(found) {
                    store_entities(&tx, *issue_id, a.id, *date, &e)?;
                }
                log_changes(&tx, &[*issue_id], &now())?;
                tx.commit()?;
            }
        }
        set_meta(&self.db, "entities", ENTITIES_VERSION)
    }

    /// Compacts the SQLite file (nothing on PostgreSQL, whose archives are
    /// made packed at the current schema).
    fn vacuum(&self) -> Result<(), StoreError> {
        if self.db.sqlite().is_some() {
            self.db.batch("VACUUM")?;
        }
        Ok(())
    }
}

impl Store {
    /// Runs `select` (rows `id, text, text` after id `?1`, at most `?2`) and
    /// `pack` on each row, `PACK_BATCH` rows per transaction, until none is left.
    fn pack_in_batches(
        &mut self,
        select: &str,
        mut pack: impl FnMut(&Db, i64, &str, &str) -> Result<usize, StoreError>,
    ) -> Result<(), StoreError> {
        let mut last = 0i64;
        loop {
            let tx = self.db.transaction()?;
            let rows: Vec<(i64, String, String)> = tx
                .query(select, p![last, PACK_BATCH], |r| Ok((r.get(0)?, text_at(r, 1, None)?, text_at(r, 2, None)?)))?;
            let Some(end) = rows.last().map(|r| r.0) else { return Ok(()) };
            for (id, a, b) in &rows {
                pack(&tx, *id, a, b)?;
            }
            tx.commit()?;
            last = end;
        }
    }

    /// Packs every value stored unpacked (see `pack.rs`): versions, then
    /// articles, in order of id, `PACK_BATCH` rows per transaction; a run
    /// killed half-way has packed a prefix, which the next one skips. Then
    /// compacts the file (`VACUUM`: the space the rows gave back is free
    /// pages until then).
    fn pack_all(&mut self) -> Result<(), StoreError> {
        self.pack_in_batches(
            "SELECT id, raw_text, parsed FROM issue_versions
             WHERE id > ?1 AND (typeof(raw_text) = 'text' OR typeof(parsed) = 'text') ORDER BY id LIMIT ?2",
            |tx, id, raw, parsed| {
                tx.execute(
                    "UPDATE issue_versions SET raw_text = ?1, parsed = ?2, raw_bytes = ?3 WHERE id = ?4",
                    p![packed(raw, None)?, packed(parsed, None)?, raw.len(), id],
                )
            },
        )?;
        self.pack_in_batches(
            "SELECT a.id, a.paragraphs, v.raw_text FROM articles a JOIN issue_versions v ON v.id = a.version_id
             WHERE a.id > ?1 AND typeof(a.paragraphs) = 'text' ORDER BY a.id LIMIT ?2",
            |tx, id, paragraphs, raw| {
                tx.execute("UPDATE articles SET paragraphs = ?1 WHERE id = ?2", p![packed(paragraphs, Some(raw))?, id])
            },
        )?;
        set_meta(&self.db, "packed", "1")?;
        self.vacuum()?;
        Ok(())
    }
}

/// Whether migrating from schema `found` rebuilds tables (schema 7 keeps
/// mentions anew, in half the bytes), leaving the old ones' pages free in
/// the file until it is compacted.
fn compacts(found: i64) -> bool {
    (1..7).contains(&found)
}

/// Rows packed per transaction (see `pack_all`).
const PACK_BATCH: i64 = 512;

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
