//! `shuzibao reindex`: rebuild the search index from the store.

use crate::cli::DataArgs;
use crate::exit::{Outcome, Status};
use std::time::Instant;

/// Runs the subcommand.
pub fn run(data: &DataArgs) -> Outcome {
    let start = Instant::now();
    let mut archive = super::open_archive(data)?;
    let n = archive.reindex()?;
    println!("indexed {n} articles in {:.1} s", start.elapsed().as_secs_f64());
    archive.close()?;
    Ok(Status::Ok)
}
