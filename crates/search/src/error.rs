//! The search crate's errors: a query the user got wrong, or an index problem.

use thiserror::Error;

/// A query that cannot be read, with where in it the problem is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message} (at character {position} of the query)")]
pub struct QueryError {
    /// What is wrong, in words for the user.
    pub message: String,
    /// Character offset in the query.
    pub position: usize,
}

/// What can go wrong in search.
#[derive(Debug, Error)]
pub enum SearchError {
    /// The query could not be read: the user's to fix.
    #[error("bad query: {0}")]
    Query(#[from] QueryError),
    /// The index folder holds an index of another schema (an older shuzibao):
    /// rebuild it with `shuzibao reindex`.
    #[error("the search index was made by another version of shuzibao; run `shuzibao reindex`")]
    SchemaMismatch,
    /// Another process kept the index's writer for longer than a writer waits.
    #[error("the search index is being written by another shuzibao process (an ingest or a server); try again when it is done")]
    Busy,
    /// The index could not be opened, read or written.
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A file operation on the index folder failed.
    #[error("search index folder: {0}")]
    Io(#[from] std::io::Error),
}

impl SearchError {
    /// Whether the user can fix it (a 4xx rather than a 500).
    pub fn is_user_error(&self) -> bool {
        matches!(self, SearchError::Query(_) | SearchError::SchemaMismatch)
    }
}
