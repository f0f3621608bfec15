//! One module per subcommand.

pub mod export;
pub mod ingest;
pub mod parse;
pub mod people;
pub mod reindex;
pub mod reparse;
pub mod search;
pub mod serve;

/// Opens the archive in `dir`; an error names the folder (a read-only or
/// full disk, an archive made by a newer shuzibao).
pub fn open_archive(dir: &std::path::Path) -> anyhow::Result<shuzibao_web::Archive> {
    use anyhow::Context;
    shuzibao_web::Archive::open(dir).with_context(|| format!("the archive in {}", dir.display()))
}
