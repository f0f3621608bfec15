//! One module per subcommand, and the three ways they open the archive:
//! for writing, for writing after an upgrade, for reading only.

pub mod correct;
pub mod date;
pub mod doubtful;
pub mod entities;
pub mod export;
pub mod ingest;
pub mod issues;
pub mod parse;
pub mod people;
pub mod reindex;
pub mod reparse;
pub mod search;
pub mod serve;
pub mod upgrade;

use crate::exit::UsageError;
use anyhow::Context;
use shuzibao_archive::{Archive, ArchiveError, Reader};
use shuzibao_store::StoreError;
use std::path::Path;

/// A mistake of the user's when opening (no archive there, one waiting for
/// an upgrade) exits with 2 and says so; anything else names the folder.
pub fn opening<T>(dir: &Path, r: Result<T, ArchiveError>) -> anyhow::Result<T> {
    match r {
        Err(ArchiveError::Store(e @ (StoreError::NoArchive(_) | StoreError::NeedsUpgrade(_))))
        | Err(ArchiveError::Store(e @ StoreError::TooNew { .. })) => {
            Err(UsageError(format!("the archive in {}: {e}", dir.display())).into())
        }
        Err(e @ ArchiveError::IndexBehind { .. }) => {
            Err(UsageError(format!("the archive in {}: {e}", dir.display())).into())
        }
        r => r.with_context(|| format!("the archive in {}", dir.display())),
    }
}

/// Opens the archive in `dir` for writing, creating it if there is none.
pub fn open_archive(dir: &Path) -> anyhow::Result<Archive> {
    opening(dir, Archive::open(dir))
}

/// Opens the archive in `dir` for reading only: creates and writes nothing.
pub fn open_reader(dir: &Path) -> anyhow::Result<Reader> {
    let reader = opening(dir, Reader::open(dir))?;
    if reader.behind > 0 {
        eprintln!(
            "shuzibao: warning: the search index is {} change(s) behind the archive in {}; the next ingest or `shuzibao reindex` brings it up to date",
            reader.behind,
            dir.display()
        );
    }
    Ok(reader)
}

/// Opens the archive's store alone for reading only (commands that do not
/// search): creates and writes nothing.
pub fn open_store(dir: &Path) -> anyhow::Result<shuzibao_store::Store> {
    opening(dir, shuzibao_store::Store::open_read_only(dir).map_err(ArchiveError::from))
}
