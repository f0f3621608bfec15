//! The archive as its users (the CLI and the web edition) drive it. One test
//! binary; what goes where:
//!
//! - `store`: identity and versions, history kept, continuations linked,
//!   re-parsing, the change log.
//! - `people`: people, posts over time and dates inferred across issues.
//! - `packing`: raw texts packed with a dictionary of the archive's own.
//! - `assets`: pages from PDFs: regions and page assets kept and returned.
//! - `corrections`: corrections by editors, each kind, surviving reparse,
//!   a changed parser and a new text, conflicts refused, hot zones moved.
//!
//! The pages are placed by [`placement`]: the masthead's paper and date.

#![allow(clippy::unwrap_used)]

mod assets;
mod corrections;
mod packing;
mod people;
mod store;

use shuzibao_core::Issue;
use shuzibao_store::Placement;

/// Where the tests' pages go: the masthead's paper and date (the caller
/// decides this in real use; see the archive crate), page 1 of a front page.
pub fn placement(issue: &Issue) -> Placement {
    let m = issue.masthead.as_ref();
    Placement {
        paper: m.and_then(|m| m.paper.clone()).unwrap_or_else(|| "示例区报".into()),
        date: m.and_then(|m| m.date),
        page: m.map(|_| shuzibao_core::PageNo::plain(1)),
        ..Placement::default()
    }
}
