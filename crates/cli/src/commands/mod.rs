//! One module per subcommand, and the three ways they open the archive:
//! for writing, for writing after an upgrade, for reading only.

pub mod correct;
pub mod date;
pub mod doubtful;
pub mod entities;
pub mod export;
pub mod ingest;
pub mod issues;
pub mod migrate;
pub mod parse;
pub mod people;
pub mod reindex;
pub mod reparse;
pub mod search;
pub mod serve;
pub mod upgrade;

use crate::cli::DataArgs;
use crate::exit::UsageError;
use anyhow::Context;
use shuzibao_archive::{Archive, ArchiveError, Location, Reader};
use shuzibao_store::StoreError;

/// The environment variable that names the archive's database when
/// `--database` does not.
pub const DATABASE_ENV: &str = "SHUZIBAO_DATABASE_URL";

impl DataArgs {
    /// Where the store is: `--database`, else `SHUZIBAO_DATABASE_URL`, else
    /// the SQLite file in the data folder. A URL that is not PostgreSQL's is
    /// the user's mistake.
    pub fn location(&self) -> anyhow::Result<Location> {
        let env = std::env::var(DATABASE_ENV).ok();
        let database = self.database.as_deref().or(env.as_deref());
        Location::parse(database, &self.dir).map_err(|e| UsageError(e.to_string()).into())
    }

    /// The archive in words: its folder, or its database (no password).
    pub fn describe(&self) -> String {
        match self.location() {
            Ok(Location::Postgres(url)) => format!("the archive at {}", shuzibao_store::redacted_url(&url)),
            _ => format!("the archive in {}", self.dir.display()),
        }
    }

    /// Whether there may be an archive to open: the SQLite file in the data
    /// folder exists, or a database is named (opening it tells).
    pub fn has_archive(&self) -> anyhow::Result<bool> {
        Ok(match self.location()? {
            Location::Dir(d) => d.join(shuzibao_store::DB_FILE).is_file(),
            Location::Postgres(_) => true,
        })
    }
}

/// A mistake of the user's when opening (no archive there, one waiting for
/// an upgrade, a database that cannot be reached) exits with 2 and says so;
/// anything else names the archive.
pub fn opening<T>(data: &DataArgs, r: Result<T, ArchiveError>) -> anyhow::Result<T> {
    match r {
        Err(ArchiveError::Store(e @ (StoreError::NoArchive(_) | StoreError::NeedsUpgrade(_))))
        | Err(ArchiveError::Store(e @ (StoreError::TooNew { .. } | StoreError::Connect { .. }))) => {
            Err(UsageError(format!("{}: {e}", data.describe())).into())
        }
        Err(e @ ArchiveError::IndexBehind { .. }) => Err(UsageError(format!("{}: {e}", data.describe())).into()),
        r => r.with_context(|| data.describe()),
    }
}

/// Opens the archive for writing, creating it if there is none.
pub fn open_archive(data: &DataArgs) -> anyhow::Result<Archive> {
    let location = data.location()?;
    let mut archive = opening(data, Archive::open_at(&location, &data.dir))?;
    if let Some(files) = &data.files {
        archive.keep_files_in(files.clone());
    }
    Ok(archive)
}

/// Opens the archive for reading only: creates and writes nothing.
pub fn open_reader(data: &DataArgs) -> anyhow::Result<Reader> {
    let location = data.location()?;
    let reader = opening(data, Reader::open_at(&location, &data.dir))?;
    if reader.behind > 0 {
        eprintln!(
            "shuzibao: warning: the search index is {} change(s) behind {}; the next ingest or `shuzibao reindex` brings it up to date",
            reader.behind,
            data.describe()
        );
    }
    Ok(reader)
}

/// Opens the archive's store alone for reading only (commands that do not
/// search): creates and writes nothing.
pub fn open_store(data: &DataArgs) -> anyhow::Result<shuzibao_store::Store> {
    let location = data.location()?;
    opening(data, shuzibao_store::Store::open_read_only_at(&location, &data.dir).map_err(ArchiveError::from))
}
