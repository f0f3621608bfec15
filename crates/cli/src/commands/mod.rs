//! One module per subcommand.

pub mod export;
pub mod ingest;
pub mod parse;
pub mod people;
pub mod reindex;
pub mod reparse;
pub mod search;
pub mod serve;
