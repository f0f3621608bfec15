//! The one ingest pipeline: a page's bytes (a file, a request's body, a
//! sample, a benchmark document) are read, decoded, parsed, placed (paper,
//! date, page) and their entities found — on a thread ahead of the writer
//! when there are many — then stored, one transaction each, and handed to
//! the index. A page that cannot be read or placed is reported with the
//! reason and the others go on; a failing archive stops everything.

use crate::error::ArchiveError;
use crate::papers::Papers;
use crate::place::{place, Given};
use crate::Archive;
use serde::Serialize;
use shuzibao_core::entities::Entities;
use shuzibao_core::{Decoded, Issue};
use shuzibao_store::{IngestReport, IngestRequest, Outcome, Placement};
use std::path::{Path, PathBuf};

/// An undated page is dated against this many of its paper's latest dated issues.
const NEIGHBOURS: usize = 60;

/// Hand new articles to the index's threads after this many pages, so that
/// indexing runs alongside storing.
const STAGE_EVERY_PAGES: usize = 64;

/// Commit the index after this many bytes of text even in the middle of a
/// long run, so that searches see progress and a crash loses little indexing
/// work (a commit is costly, so not after every page).
const SYNC_EVERY_BYTES: usize = 32 << 20;

/// One page to ingest: a file, or bytes from elsewhere, with what the user
/// said about it.
#[derive(Debug, Clone)]
pub struct Input {
    /// Its name in the history and in messages: the path, `sample:…`, a document id.
    pub name: String,
    /// The file, when it is one: read here, and its name read for hints.
    pub path: Option<PathBuf>,
    /// The bytes, when they are not a file's.
    pub bytes: Option<Vec<u8>>,
    /// What the user said (`--paper`, `--date`, `--page`).
    pub given: Given,
}

impl Input {
    /// A file.
    pub fn file(path: &Path, given: Given) -> Input {
        Input { name: path.display().to_string(), path: Some(path.to_path_buf()), bytes: None, given }
    }

    /// Bytes named `name` (a request's body, a sample); `hints_from` is a
    /// file name to read hints from, as if the bytes were that file.
    pub fn bytes(name: &str, bytes: Vec<u8>, given: Given, hints_from: Option<&Path>) -> Input {
        Input { name: name.to_string(), path: hints_from.map(Path::to_path_buf), bytes: Some(bytes), given }
    }
}

/// A page read, parsed, placed and its entities found: ready to store.
pub struct Page {
    /// Its name.
    pub name: String,
    /// The decoded text.
    pub decoded: Decoded,
    /// What the parser made of it.
    pub issue: Issue,
    /// Where it belongs.
    pub placement: Placement,
    /// The entities of its articles.
    pub entities: Vec<Entities>,
    /// What deserves a word (undecodable bytes, text kept as leftovers).
    pub warnings: Vec<String>,
    /// Its size in bytes.
    pub bytes: usize,
}

/// Reads and parses one page, places it and finds its entities (no archive needed).
pub fn prepare(input: &Input, papers: &mut Papers) -> Result<Page, ArchiveError> {
    let owned;
    let bytes: &[u8] = match (&input.bytes, &input.path) {
        (Some(b), _) => b,
        (None, Some(p)) => {
            owned = read_page_file(p).map_err(ArchiveError::Unreadable)?;
            &owned
        }
        (None, None) => return Err(ArchiveError::Unreadable("nothing to read".into())),
    };
    let (issue, decoded) = shuzibao_core::parse_bytes(bytes).map_err(|e| ArchiveError::Unreadable(e.to_string()))?;
    let placement = place(&input.given, input.path.as_deref(), &issue, papers)?;
    let entities = shuzibao_store::entities_for(&issue, placement.date);
    let warnings = warnings(&decoded, &issue);
    Ok(Page { name: input.name.clone(), decoded, issue, placement, entities, warnings, bytes: bytes.len() })
}

/// Reads a page file, refusing one too large to be an issue before reading
/// it (the reason is the message to print after the file's name).
pub fn read_page_file(path: &Path) -> Result<Vec<u8>, String> {
    let len = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?.len();
    if len > shuzibao_core::MAX_FILE_BYTES as u64 {
        return Err(format!("too large for one issue: {len} bytes (at most {})", shuzibao_core::MAX_FILE_BYTES));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

/// What deserves a word after a page was read: bytes that could not be
/// decoded (kept as U+FFFD) and text the parser could not place (kept as
/// leftovers, shown by `parse`, stored with the page).
pub fn warnings(decoded: &Decoded, issue: &Issue) -> Vec<String> {
    let mut w = Vec::new();
    if decoded.replaced > 0 {
        w.push(format!("{} undecodable byte sequence(s) kept as U+FFFD", decoded.replaced));
    }
    if !issue.leftovers.is_empty() {
        let reasons: std::collections::BTreeSet<&str> = issue.leftovers.iter().map(|l| l.reason.as_str()).collect();
        w.push(format!(
            "{} piece(s) of text could not be placed and are kept as leftovers ({})",
            issue.leftovers.len(),
            reasons.into_iter().collect::<Vec<_>>().join("; ")
        ));
    }
    w
}

/// What an ingest did, page by page.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// New pages.
    pub added: usize,
    /// Pages with a changed text: a new version.
    pub updated: usize,
    /// Pages with the same text again.
    pub unchanged: usize,
    /// Pages not stored, with the reason.
    pub failed: Vec<Failure>,
    /// Every stored page: where it went and what happened.
    pub pages: Vec<Stored>,
    /// Warnings about stored pages.
    pub warnings: Vec<Warning>,
}

/// A page not stored.
#[derive(Debug, Serialize)]
pub struct Failure {
    /// Its name (the file).
    pub file: String,
    /// Why.
    pub reason: String,
}

/// A warning about a stored page.
#[derive(Debug, Serialize)]
pub struct Warning {
    /// Its name (the file).
    pub file: String,
    /// What.
    pub warning: String,
}

/// A stored page.
#[derive(Debug, Serialize)]
pub struct Stored {
    /// Its name (the file).
    pub file: String,
    /// The paper.
    pub paper: String,
    /// The date, if known.
    pub date: Option<String>,
    /// Where the date came from.
    pub date_source: Option<String>,
    /// The page, if the file is one.
    pub page: Option<String>,
    /// What the store did.
    #[serde(flatten)]
    pub report: IngestReport,
}

impl Summary {
    /// Counts a page's outcome.
    fn record(&mut self, page: &Page, report: IngestReport) {
        match report.outcome {
            Outcome::Added => self.added += 1,
            Outcome::Updated { .. } => self.updated += 1,
            Outcome::Unchanged | Outcome::Redated => self.unchanged += 1,
        }
        for w in &page.warnings {
            self.warnings.push(Warning { file: page.name.clone(), warning: w.clone() });
        }
        let p = &page.placement;
        self.pages.push(Stored {
            file: page.name.clone(),
            paper: p.paper.clone(),
            date: p.date.map(|d| d.to_string()),
            date_source: p.date_source.clone(),
            page: p.page.map(|n| n.to_string()),
            report,
        });
    }

    /// Pages seen, stored or not.
    pub fn total(&self) -> usize {
        self.added + self.updated + self.unchanged + self.failed.len()
    }
}

impl Archive {
    /// Stores one prepared page in one transaction (the index takes it at
    /// the next [`Archive::stage`] or [`Archive::sync`]).
    pub fn store_page(&mut self, page: &Page) -> Result<IngestReport, ArchiveError> {
        if self.batching {
            self.store.begin_batch()?;
        }
        let mut placement = page.placement.clone();
        if placement.date.is_none() {
            crate::place::date_by_signals(
                &page.issue,
                &self.store.neighbours(&placement.paper, NEIGHBOURS)?,
                &mut placement,
            );
        }
        // entities found without a date read relative dates (昨天) again with it
        let entities = (placement.date == page.placement.date).then_some(page.entities.as_slice());
        let req = IngestRequest {
            source: &page.name,
            encoding: page.decoded.encoding,
            raw_text: &page.decoded.text,
            issue: &page.issue,
            placement,
            parser_version: shuzibao_core::PARSER_VERSION,
            entities,
        };
        Ok(self.store.ingest(&req)?)
    }

    /// Ingests one page and makes it searchable (a request's body, a sample).
    pub fn ingest_one(&mut self, input: &Input) -> Result<(IngestReport, Page), ArchiveError> {
        let page = prepare(input, &mut Papers::new())?;
        let report = self.store_page(&page)?;
        self.sync()?;
        Ok((report, page))
    }

    /// Ingests pages in order: reading, parsing and finding entities on a
    /// thread of their own, ahead of the writer; `on_each` is told each
    /// page's name as it is stored. The index is synced at the end. A page
    /// that fails is in the summary; an archive that fails stops the run.
    pub fn ingest_all(&mut self, inputs: &[Input], mut on_each: impl FnMut(&str)) -> Result<Summary, ArchiveError> {
        let mut summary = Summary::default();
        let mut unsynced = 0usize;
        // the first page not committed yet
        let mut uncommitted = 0usize;
        self.begin_batch();
        let run = std::thread::scope(|scope| -> Result<(), ArchiveError> {
            let (tx, rx) = std::sync::mpsc::sync_channel(16);
            scope.spawn(move || {
                let mut papers = Papers::new();
                for input in inputs {
                    if tx.send(prepare(input, &mut papers)).is_err() {
                        return;
                    }
                }
            });
            for (i, (input, prepared)) in inputs.iter().zip(rx).enumerate() {
                on_each(&input.name);
                let stored = prepared.and_then(|page| self.store_page(&page).map(|r| (page, r)));
                match stored {
                    Ok((page, report)) => {
                        unsynced += page.bytes;
                        summary.record(&page, report);
                    }
                    Err(e) if e.is_page_error() => {
                        summary.failed.push(Failure { file: input.name.clone(), reason: e.to_string() })
                    }
                    Err(e) => return Err(ArchiveError::Storing { page: input.name.clone(), error: Box::new(e) }),
                }
                // each stage or sync commits the batch: a failure names its pages
                let committed = if unsynced >= SYNC_EVERY_BYTES {
                    unsynced = 0;
                    Some(self.sync().map(drop))
                } else if (i + 1) % STAGE_EVERY_PAGES == 0 {
                    Some(self.stage().map(drop))
                } else {
                    None
                };
                if let Some(done) = committed {
                    done.map_err(|e| in_batch(&inputs[uncommitted..=i], e))?;
                    uncommitted = i + 1;
                }
            }
            Ok(())
        });
        // what was stored before a failure is kept
        let ended = self.end_batch().map_err(|e| in_batch(&inputs[uncommitted.min(inputs.len())..], e));
        run?;
        ended?;
        self.sync()?;
        Ok(summary)
    }
}

/// An error committing a batch, naming its pages.
fn in_batch(pages: &[Input], error: ArchiveError) -> ArchiveError {
    let page = match pages {
        [] => "the last pages".to_string(),
        [one] => one.name.clone(),
        [first, .., last] => format!("{} … {} ({} pages)", first.name, last.name, pages.len()),
    };
    ArchiveError::Storing { page, error: Box::new(error) }
}
