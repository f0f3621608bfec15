//! The archive as every command uses it: the store (record of truth) and
//! the search index (derived from it) opened together and kept in step, and
//! the one ingest pipeline that fills them — for the command line, the web
//! edition's API, the samples `serve` starts with and the benchmark runner.
//! It knows files, folders and their names; it knows no HTTP.
//!
//! - [`names`] reads what a file's name says (date, page, a paper's code),
//!   [`papers`] which paper that is, [`place`] decides where a page belongs.
//! - [`ingest`] reads, parses and places pages on a thread ahead of the
//!   writer, [`entity_stage`] finds their entities on one thread a core,
//!   and the writer stores each in one transaction;
//!   [`pdf_pages`] reads and lays out the pages of PDFs, [`files`] keeps
//!   the PDFs and their page images in the data folder under their hashes.
//! - [`find`] searches the index, then loads the records, so that every
//!   caller skips an article replaced since it was indexed in the same way.
//! - [`doubtful`] lists an issue's least certain articles for editors.
//! - [`export`] gives an article as IPTC ninjs, for the API and `export`.
//! - [`Archive::correct`] and [`Archive::undo_correction`] make and undo an
//!   editor's correction (see `shuzibao_store::corrections`) and bring the
//!   search index and the people index up to date with it at once.
//!
//! The index remembers the last store change it applied; [`Archive::sync`]
//! applies the ones after it. A process killed between a store commit and
//! the index commit leaves the index behind, never ahead: the next `sync`
//! catches up. An index made by another version is rebuilt from the store.
//! Opening never rewrites the store: an older archive waits for
//! [`Archive::open_upgrading`] (`shuzibao upgrade`, or `serve`).
//!
//! The store is kept in the data folder (SQLite) or on a PostgreSQL server
//! (the `_at` openers, given a [`Location`]); the index is always in the
//! data folder, the PDFs and their images too unless kept in a folder of
//! their own ([`Archive::keep_files_in`], which the nodes of a PostgreSQL
//! archive share). [`follow`] keeps a node's index in step with what other
//! processes commit.

pub mod doubtful;
pub mod entity_stage;
mod error;
pub mod export;
pub mod files;
pub mod find;
pub mod follow;
pub mod ingest;
pub mod lines;
pub mod names;
pub mod papers;
pub mod pdf_pages;
pub mod place;

pub use error::ArchiveError;

use shuzibao_search::{IndexDoc, SearchError, SearchIndex, Segmenter};
pub use shuzibao_store::Location;
use shuzibao_store::{ArticleRecord, Store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

type Result<T> = std::result::Result<T, ArchiveError>;

/// Name of the index folder inside the data folder.
pub const INDEX_DIR: &str = "index";

/// Store changes read from the log at a time while staging.
const STAGE_BATCH: usize = 2_000;

/// At most this many names the archive knows well teach the segmenter.
const LEARNED_NAMES: usize = 5_000;

/// The segmenter of an archive's index: jieba's dictionary with the names
/// the archive knows well, so that new articles and queries cut them whole.
/// A value this archive owns: another archive in the same process has its own.
fn segmenter(store: &Store) -> Result<Segmenter> {
    let known = store.names_to_learn(LEARNED_NAMES)?;
    Ok(Segmenter::with_names(known.iter().map(String::as_str)))
}

/// The store and its index, kept in step: every write goes through a method
/// here that also hands the change to the index.
pub struct Archive {
    /// The record of truth.
    store: Store,
    /// The search index, shared with the readers of a web server.
    index: Arc<SearchIndex>,
    /// The last store change handed to the index (committed or not).
    staged: i64,
    /// Pages are stored in batches, committed at each stage or sync (see
    /// [`Archive::begin_batch`]).
    batching: bool,
    dir: PathBuf,
    /// Where the store is.
    location: Location,
    /// Where the PDFs and page images are kept.
    files: files::Files,
    /// Renders the pages of PDFs (its fonts loaded once, on first need).
    renderer: shuzibao_pdf::Renderer,
    /// When the index last committed a write of this process's.
    wrote_at: Option<std::time::Instant>,
}

/// The archive for a command that only reads: the store opened read-only and
/// the index as it is. Creates nothing and writes nothing; an index behind
/// the store is reported, not brought up to date.
pub struct Reader {
    /// The record of truth, read-only.
    pub store: Store,
    /// The search index.
    pub index: SearchIndex,
    /// Changes of the store the index has not applied yet.
    pub behind: i64,
}

impl Reader {
    /// Opens the archive in `dir` for reading. A folder without an archive
    /// is an error (nothing is created).
    pub fn open(dir: &Path) -> Result<Reader> {
        Self::open_at(&Location::Dir(dir.to_path_buf()), dir)
    }

    /// Opens the archive whose store is at `location` for reading, with
    /// the index in the data folder `dir`.
    pub fn open_at(location: &Location, dir: &Path) -> Result<Reader> {
        let store = Store::open_read_only_at(location, dir)?;
        let index_dir = dir.join(INDEX_DIR);
        if !index_dir.join("meta.json").is_file() {
            return Err(ArchiveError::IndexBehind { behind: store.last_change()? });
        }
        let index = match SearchIndex::open_with(&index_dir, segmenter(&store)?) {
            Ok(i) => i,
            Err(SearchError::SchemaMismatch) => return Err(ArchiveError::IndexBehind { behind: store.last_change()? }),
            Err(e) => return Err(e.into()),
        };
        let behind = store.last_change()? - index.applied_change()?;
        Ok(Reader { store, index, behind })
    }
}

impl Archive {
    /// Opens (creating if needed) the archive in `dir` for writing and
    /// brings its index up to date. An archive made by an older shuzibao is
    /// refused until upgraded.
    pub fn open(dir: &Path) -> Result<Archive> {
        Self::with_store(Store::open(dir)?, Location::Dir(dir.to_path_buf()), dir)
    }

    /// Opens (creating if needed) the archive whose store is at `location`
    /// for writing, with its index and files in the data folder `dir`.
    pub fn open_at(location: &Location, dir: &Path) -> Result<Archive> {
        Self::with_store(Store::open_at(location, dir)?, location.clone(), dir)
    }

    /// Opens (creating if needed) the archive in `dir` for writing, first
    /// bringing an older one up to date; `progress` is told each step.
    pub fn open_upgrading(dir: &Path, progress: impl FnMut(&str)) -> Result<Archive> {
        Self::with_store(Store::open_upgrading(dir, progress)?, Location::Dir(dir.to_path_buf()), dir)
    }

    /// As [`Archive::open_upgrading`], the store at `location`.
    pub fn open_upgrading_at(location: &Location, dir: &Path, progress: impl FnMut(&str)) -> Result<Archive> {
        Self::with_store(Store::open_upgrading_at(location, dir, progress)?, location.clone(), dir)
    }

    fn with_store(store: Store, location: Location, dir: &Path) -> Result<Archive> {
        let index_dir = dir.join(INDEX_DIR);
        let seg = segmenter(&store)?;
        let index = match SearchIndex::open_with(&index_dir, seg.clone()) {
            Ok(i) => i,
            Err(SearchError::SchemaMismatch) => {
                // derived data: made again from the store
                std::fs::remove_dir_all(&index_dir)
                    .map_err(|source| ArchiveError::Io { path: index_dir.clone(), source })?;
                SearchIndex::open_with(&index_dir, seg)?
            }
            Err(e) => return Err(e.into()),
        };
        let index = Arc::new(index);
        let staged = index.applied_change()?;
        let mut archive = Archive {
            store,
            index,
            staged,
            batching: false,
            dir: dir.to_path_buf(),
            location,
            files: files::Files::of(dir),
            renderer: shuzibao_pdf::Renderer::new(),
            wrote_at: None,
        };
        if archive.store.last_change()? > staged {
            archive.sync()?;
        }
        // another process (an ingest, a server) may write next
        archive.index.finish_writes()?;
        Ok(archive)
    }

    /// Stores the pages of [`Archive::store_page`] from here on in batches:
    /// each page in a savepoint of its own (a page that fails is rolled back
    /// alone), the batch committed at the next [`Archive::stage`] or
    /// [`Archive::sync`] (a bulk ingest then writes the log once for many
    /// pages, not once a page). Pages of a batch not committed yet are not
    /// kept if the process stops: a bulk ingest reports a page stored only
    /// after the sync that follows it, and the next run stores it again.
    pub fn begin_batch(&mut self) {
        self.batching = true;
    }

    /// Commits the open batch and stores each page in a transaction of its
    /// own again.
    pub fn end_batch(&mut self) -> Result<()> {
        self.store.commit_batch()?;
        self.batching = false;
        Ok(())
    }

    /// The record of truth, for reading.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The search index (shared with a web server's readers).
    pub fn index(&self) -> &Arc<SearchIndex> {
        &self.index
    }

    /// Gives a page its date (see [`Store::set_date`]) and indexes the change.
    pub fn set_date(
        &mut self,
        page: i64,
        date: chrono::NaiveDate,
        source: &str,
    ) -> Result<shuzibao_store::IngestReport> {
        self.store.commit_batch()?;
        let report = self.store.set_date(page, date, source)?;
        self.sync()?;
        Ok(report)
    }

    /// Makes a correction of an article (see [`Store::correct`]) and brings
    /// the search index and the people index up to date with it at once.
    pub fn correct(
        &mut self,
        article: i64,
        edit: &shuzibao_store::corrections::Edit,
        editor: &str,
        expect: Option<i64>,
    ) -> Result<shuzibao_store::Corrected> {
        self.store.commit_batch()?;
        let done = self.store.correct(article, edit, editor, expect)?;
        self.sync()?;
        self.store.refresh_people()?;
        Ok(done)
    }

    /// Undoes a correction (see [`Store::undo_correction`]) and brings the
    /// indexes up to date with it.
    pub fn undo_correction(&mut self, id: i64, editor: &str, expect: Option<i64>) -> Result<shuzibao_store::Corrected> {
        self.store.commit_batch()?;
        let done = self.store.undo_correction(id, editor, expect)?;
        self.sync()?;
        self.store.refresh_people()?;
        Ok(done)
    }

    /// Reads every stored page again with this build's parser (see
    /// [`Store::reparse`]) and indexes what changed. Returns how many pages
    /// changed.
    pub fn reparse(&mut self) -> Result<usize> {
        self.store.commit_batch()?;
        let changed = self.store.reparse(shuzibao_core::parse, shuzibao_core::PARSER_VERSION)?;
        self.sync()?;
        Ok(changed)
    }

    /// Counts the summary of people again if the archive changed (so that
    /// readers list people without counting them), waits for the index's
    /// background work and releases its writer.
    pub fn close(mut self) -> Result<()> {
        self.stage()?;
        self.store
            .refresh_people()
            .map_err(|e| ArchiveError::Storing { page: "the summary of people".into(), error: Box::new(e.into()) })?;
        self.index.finish_writes()?;
        Ok(())
    }

    /// Applies the store's changes to the index and commits (searchable
    /// from here), keeping the index's writer for the next write: the merges
    /// a commit starts go on in the background instead of being waited for
    /// (what a server does after writing an issue; [`Archive::release_idle`]
    /// lets the writer go when writes stop).
    pub fn sync_and_keep(&mut self) -> Result<usize> {
        let n = self.sync()?;
        self.store.refresh_people()?;
        Ok(n)
    }

    /// Releases the index's writer, once its merges are done, when this
    /// process has not written for `idle`: another process (an ingest on
    /// the same data folder) may then write. True when it was released.
    pub fn release_idle(&mut self, idle: std::time::Duration) -> Result<bool> {
        match self.wrote_at {
            Some(at) if at.elapsed() >= idle => {
                self.index.finish_writes()?;
                self.wrote_at = None;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Applies the store's changes to the index, commits, and releases the
    /// index's writer so that another process can write (what a server does
    /// after writing an issue).
    pub fn sync_and_release(&mut self) -> Result<usize> {
        let n = self.sync_and_keep()?;
        self.index.finish_writes()?;
        self.wrote_at = None;
        Ok(n)
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the PDFs and page images are kept: the data folder's `files`,
    /// unless [`Archive::keep_files_in`] said otherwise.
    pub fn files(&self) -> &files::Files {
        &self.files
    }

    /// Keeps the PDFs and page images in `dir` from here on (a folder
    /// every node of a PostgreSQL archive reads: see ARCHITECTURE.md).
    pub fn keep_files_in(&mut self, dir: PathBuf) {
        self.files = files::Files::at(dir);
    }

    /// Where the store is (the data folder, or a PostgreSQL database).
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Applies to the index what other processes committed to the store
    /// since it last applied a change (see [`follow`]): nothing, and no
    /// index writer taken, when nothing changed. Returns how many issues
    /// were indexed.
    pub fn follow(&mut self) -> Result<usize> {
        if self.batching {
            return Ok(0); // (a bulk ingest syncs at its own pace)
        }
        if self.store.last_change()? <= self.staged.max(self.index.applied_change()?) {
            return Ok(0);
        }
        // (no dictionary trained here: that is for the process that writes
        // texts, not for every node that reads them)
        let n = self.stage_with(false)?;
        self.index.commit(self.staged)?;
        self.wrote_at = Some(std::time::Instant::now());
        Ok(n)
    }

    /// Applies the store's changes since the index's last one and commits.
    /// Returns how many issues were indexed (an issue changed twice counts twice).
    pub fn sync(&mut self) -> Result<usize> {
        let n = self.stage()?;
        self.index.commit(self.staged)?;
        self.wrote_at = Some(std::time::Instant::now());
        Ok(n)
    }

    /// Hands the store's changes not yet given to the index to its writer,
    /// without committing: the indexing threads work on them while the
    /// caller goes on storing. [`Archive::sync`] commits them.
    pub fn stage(&mut self) -> Result<usize> {
        self.stage_with(true)
    }

    /// [`Archive::stage`], training the store's dictionary when one is due
    /// if `train`.
    fn stage_with(&mut self, train: bool) -> Result<usize> {
        // the index never holds what the store might still roll back
        self.store.commit_batch()?;
        if train {
            self.store.train_dictionary()?;
        }
        // what another process committed since this one last wrote
        self.staged = self.staged.max(self.index.begin_writes()?);
        let mut indexed = 0;
        loop {
            let changes = self.store.changes_after(self.staged, STAGE_BATCH)?;
            let Some(last) = changes.last().map(|c| c.seq) else { return Ok(indexed) };
            // (each issue once, at its latest change: see `changes_after`)
            let issues: Vec<i64> = changes.iter().map(|c| c.issue_id).collect();
            // an issue whose change is not its first ever may be in the index
            let remove: Vec<u64> = changes.iter().filter(|c| !c.first).map(|c| c.issue_id as u64).collect();
            let docs = self.docs_of(&issues)?;
            self.index.stage(&remove, &docs)?;
            indexed += issues.len();
            self.staged = last;
        }
    }

    /// Rebuilds the index from the store: empties it, then applies the whole
    /// change log (a rebuild killed half-way is completed by the next sync).
    /// Returns the number of articles indexed.
    pub fn reindex(&mut self) -> Result<u64> {
        self.index.clear()?;
        self.staged = 0;
        self.sync()?;
        Ok(self.index.num_docs())
    }

    /// The index documents of some issues: one per article; an article
    /// continued on another page carries that page's text too, and the
    /// continuation is found through it rather than on its own.
    fn docs_of(&self, issues: &[i64]) -> Result<Vec<IndexDoc>> {
        let mut docs = Vec::new();
        let mut tails: HashMap<i64, ArticleRecord> = HashMap::new();
        for &issue in issues {
            let mut named: HashMap<i64, Vec<String>> = HashMap::new();
            for (article, name) in self.store.people_of_issue(issue)? {
                named.entry(article).or_default().push(name);
            }
            for a in self.store.articles_of_issue(issue)? {
                if a.continues.is_some() {
                    continue; // indexed with its head
                }
                let mut body = a.body.clone();
                if let Some(tail_id) = a.continued_by {
                    let tail = match tails.get(&tail_id) {
                        Some(t) => t.clone(),
                        None => self.store.article(tail_id)?,
                    };
                    body.push('\n');
                    body.push_str(&tail.body);
                    tails.insert(tail_id, tail);
                }
                docs.push(index_doc(&a, body, named.remove(&a.id).unwrap_or_default()));
            }
        }
        Ok(docs)
    }
}

fn index_doc(a: &ArticleRecord, body: String, named: Vec<String>) -> IndexDoc {
    let title = [a.kicker.as_deref(), Some(a.title.as_str()), a.subtitle.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    IndexDoc {
        id: a.id as u64,
        issue: a.issue_id as u64,
        paper: a.paper.clone(),
        date: a.date,
        page: a.page,
        kind: a.kind.clone(),
        title,
        body,
        people: a.people(),
        named,
    }
}
