//! The store's errors, split into the user's fault (bad input, a data folder
//! that cannot be written, a full disk) and ours (a broken database, a bug).

use std::path::PathBuf;
use thiserror::Error;

/// What can go wrong in the archive.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The data folder could not be created or opened.
    #[error("cannot use data folder {path}: {source}")]
    DataDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The data folder or database is read-only.
    #[error("cannot write to it (a read-only folder or file): {0}")]
    ReadOnly(String),
    /// The disk is full; the transaction was rolled back.
    #[error("the disk is full; nothing was written: {0}")]
    DiskFull(String),
    /// Writing to the disk failed (a size limit, an I/O error); the
    /// transaction was rolled back.
    #[error(
        "the disk could not be written (full, a file size limit, or a failing disk); nothing of it was written: {0}"
    )]
    WriteFailed(String),
    /// The database is locked by another process for longer than we wait.
    #[error("the archive is busy (another shuzibao is writing to it): {0}")]
    Busy(String),
    /// The database was made by a newer shuzibao.
    #[error("the archive has schema version {found}, newer than this shuzibao understands ({supported})")]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// The folder holds no archive (a read-only command creates none).
    #[error("no archive in {0} (ingest something first, or give the right --data folder)")]
    NoArchive(PathBuf),
    /// The archive was made by an older shuzibao: `shuzibao upgrade` brings
    /// it up to date (opening never rewrites it).
    #[error("the archive needs an upgrade ({0}): run `shuzibao upgrade`")]
    NeedsUpgrade(String),
    /// Where a page would go is taken by another (a date given to an undated
    /// page that the archive already has on that date).
    #[error("{0}")]
    Conflict(String),
    /// A request that cannot be done as asked (a correction naming a
    /// paragraph an article does not have, an empty title): the message
    /// names the article and what is wrong.
    #[error("{0}")]
    Refused(String),
    /// An issue, article or version that does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// Anything else SQLite reported: a bug or a damaged file.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// The PostgreSQL database cannot be reached or used: a bad URL, a
    /// server that is down or refuses the connection (its words).
    #[error("cannot use the PostgreSQL database {url}: {reason}")]
    Connect {
        /// The URL, its password hidden.
        url: String,
        /// Why.
        reason: String,
    },
    /// Anything else PostgreSQL reported: a bug, or the server gone.
    #[error("database error: {0}")]
    Postgres(postgres::Error),
    /// Stored JSON that does not read back: a damaged file or a bug.
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Whether the user can fix it (a 4xx rather than a 500, no bug report).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::DataDir { .. }
                | StoreError::ReadOnly(_)
                | StoreError::DiskFull(_)
                | StoreError::WriteFailed(_)
                | StoreError::Busy(_)
                | StoreError::TooNew { .. }
                | StoreError::NoArchive(_)
                | StoreError::NeedsUpgrade(_)
                | StoreError::Conflict(_)
                | StoreError::Refused(_)
                | StoreError::NotFound(_)
                | StoreError::Connect { .. }
        )
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, ref msg) = e {
            let text = msg.clone().unwrap_or_else(|| f.to_string());
            match f.code {
                ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                    return StoreError::ReadOnly(text)
                }
                ErrorCode::DiskFull => return StoreError::DiskFull(text),
                ErrorCode::SystemIoFailure => return StoreError::WriteFailed(text),
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return StoreError::Busy(text),
                _ => {}
            }
        }
        if let rusqlite::Error::FromSqlConversionFailure(..) = e {
            return StoreError::Corrupt(e.to_string());
        }
        StoreError::Sqlite(e)
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        use postgres::error::SqlState;
        if let Some(db) = e.as_db_error() {
            let text = db.message().to_string();
            let code = db.code();
            if *code == SqlState::DISK_FULL {
                return StoreError::DiskFull(text);
            }
            if *code == SqlState::READ_ONLY_SQL_TRANSACTION || *code == SqlState::INSUFFICIENT_PRIVILEGE {
                return StoreError::ReadOnly(text);
            }
            if *code == SqlState::LOCK_NOT_AVAILABLE || *code == SqlState::T_R_SERIALIZATION_FAILURE {
                return StoreError::Busy(text);
            }
        }
        if e.is_closed() {
            return StoreError::Connect { url: "(the open connection)".into(), reason: e.to_string() };
        }
        StoreError::Postgres(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
