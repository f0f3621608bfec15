//! The `shuzibao` binary as a user runs it. One test binary; what goes where:
//!
//! - `parse`: `shuzibao parse`, its formats and its errors.
//! - `archive`: `ingest`, `search`, `reindex`, `reparse` on a data folder.
//! - `crash`: an ingest killed (SIGKILL) at many points leaves the archive
//!   consistent, and running it again completes the work.
//! - `serve`: the web edition as a process (samples, request log, Ctrl-C); `export`.

#![allow(clippy::unwrap_used)]

mod archive;
mod common;
mod crash;
mod parse;
mod serve;
