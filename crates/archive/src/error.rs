//! The archive's errors: the store's and the index's, and what can be wrong
//! with a page before it is stored (no paper, unreadable, a bad folder
//! configuration). Split into the user's fault and ours.

use shuzibao_search::SearchError;
use shuzibao_store::StoreError;
use std::path::PathBuf;
use thiserror::Error;

/// What can go wrong with the archive as a whole, or with one page.
#[derive(Debug, Error)]
pub enum ArchiveError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The index failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The index folder could not be cleared for a rebuild.
    #[error("removing the old index {path}: {source}")]
    Io {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file of the data folder (a kept PDF, a page image) could not be
    /// written.
    #[error("writing {path}: {source}")]
    File {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A page whose paper nobody said (the message says how to say it).
    #[error("{0}")]
    NoPaper(String),
    /// A page that could not be read or decoded.
    #[error("{0}")]
    Unreadable(String),
    /// A folder's `shuzibao.toml` that cannot be read.
    #[error("{path}: {why}")]
    Config {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// The archive failed while storing a page (the page named).
    #[error("storing {page}: {error}")]
    Storing {
        /// The page's name (its file).
        page: String,
        /// What failed.
        error: Box<ArchiveError>,
    },
    /// The index is out of date and this reader may not bring it up to date.
    #[error("the search index is {behind} changes behind the archive: run `shuzibao reindex` (or any ingest) to bring it up to date")]
    IndexBehind {
        /// How many changes.
        behind: i64,
    },
}

impl ArchiveError {
    /// Whether the user can fix it (a full disk, a read-only folder, a bad query, a bad page).
    pub fn is_user_error(&self) -> bool {
        match self {
            ArchiveError::Store(e) => e.is_user_error(),
            ArchiveError::Search(e) => e.is_user_error(),
            ArchiveError::Storing { error, .. } => error.is_user_error(),
            ArchiveError::Io { .. }
            | ArchiveError::File { .. }
            | ArchiveError::NoPaper(_)
            | ArchiveError::Unreadable(_)
            | ArchiveError::Config { .. }
            | ArchiveError::IndexBehind { .. } => true,
        }
    }

    /// Whether the error is the page's own (report it and go on with the
    /// others) rather than the archive's (stop).
    pub fn is_page_error(&self) -> bool {
        matches!(self, ArchiveError::NoPaper(_) | ArchiveError::Unreadable(_) | ArchiveError::Config { .. })
            || matches!(self, ArchiveError::Store(StoreError::Conflict(_)))
    }
}
