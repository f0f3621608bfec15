//! The `shuzibao` binary as a user runs it. One test binary; what goes where:
//!
//! - `parse`: `shuzibao parse`, its formats and its errors.
//! - `bad_input`: the catalogue of damaged and hostile files, through `parse`
//!   and `ingest`.
//! - `archive`: `ingest`, `search`, `reindex`, `reparse` on a data folder.
//! - `crash`: an ingest killed (SIGKILL) at many points leaves the archive
//!   consistent, and running it again completes the work.
//! - `corrections`: `correct` and `corrections`, a stale correction refused,
//!   kept by `reparse`, undone; corrections killed (SIGKILL) at many points.
//! - `concurrent`: a server reading while an ingest process writes.
//! - `disk`: a full disk and a read-only data folder.
//! - `pages`: a day's pages named as papers name them, papers apart, undated
//!   pages dated later, a mistyped data folder.
//! - `nodes`: several `serve` nodes on one PostgreSQL archive, each index
//!   following the change log; a node killed catches up.
//! - `postgres`: the archive kept on PostgreSQL (`--database`), a
//!   throw-away server started by the test binary.
//! - `pdf`: PDF pages through `parse` and `ingest` (made-up pages).
//! - `serve`: the web edition as a process (samples, request log, Ctrl-C); `export`.

#![allow(clippy::unwrap_used)]

mod archive;
mod bad_input;
mod common;
mod concurrent;
mod corrections;
mod crash;
mod disk;
mod nodes;
mod pages;
mod parse;
mod pdf;
mod postgres;
mod serve;
