//! `shuzibao reparse`: read every stored issue's raw text again with this
//! build's parser, replace the articles where the result differs, and index
//! them again. The raw text and the version history are not touched; the
//! editors' corrections are applied again, and those that no longer apply
//! are reported.

use crate::cli::DataArgs;
use crate::exit::{Outcome, Status};

/// Runs the subcommand.
pub fn run(data: &DataArgs) -> Outcome {
    let mut archive = super::open_archive(data)?;
    let changed = archive.reparse()?;
    let total = archive.store().stats()?.issues;
    println!("{changed} of {total} pages parsed differently, and indexed again");
    // corrections are applied again to what changed; those that no longer apply are said
    let stale = shuzibao_store::CorrectionFilter {
        status: Some(shuzibao_store::corrections::Status::Stale),
        ..Default::default()
    };
    for c in archive.store().corrections(&stale)? {
        eprintln!("shuzibao: warning: page {}: {}", c.page_id, shuzibao_archive::ingest::stale_words(&c));
    }
    archive.close()?;
    Ok(Status::Ok)
}
