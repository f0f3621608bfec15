//! The archive as its users (the CLI and the web edition) drive it. One test
//! binary; what goes where:
//!
//! - `store`: identity and versions, history kept, continuations linked,
//!   re-parsing, the change log.
//! - `people`: people, posts over time and dates inferred across issues.

#![allow(clippy::unwrap_used)]

mod people;
mod store;
