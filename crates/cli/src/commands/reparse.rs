//! `shuzibao reparse`: read every stored issue's raw text again with this
//! build's parser, replace the articles where the result differs, and index
//! them again. The raw text and the version history are not touched.

use crate::cli::DataArgs;
use crate::exit::{Outcome, Status};

/// Runs the subcommand.
pub fn run(data: &DataArgs) -> Outcome {
    let mut archive = super::open_archive(&data.dir)?;
    let changed = archive.reparse()?;
    let total = archive.store().stats()?.issues;
    println!("{changed} of {total} pages parsed differently, and indexed again");
    archive.close()?;
    Ok(Status::Ok)
}
