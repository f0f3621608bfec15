//! Integration tests of the parser. One binary; what goes where:
//!
//! - `snapshots`: every sample issue in `samples/` and every case in
//!   `tests/testdata/<case>/input.txt`, parsed and rendered for review (insta).
//! - `expectations`: facts about the sample issues written by hand, so that a
//!   re-blessed snapshot cannot hide a regression in what matters most.
//! - `provenance`: spans point at the text they claim, and every line of the
//!   input is accounted for (nothing silently dropped).
//! - `properties`: arbitrary bytes and mutated samples never make it panic.
//! - `encodings`: the same issue in GB18030, UTF-16 and with a BOM and CRLF.
//! - `exports`: the same issues as other tools lay their text out.
//! - `regression`: one test per thing that broke, named after it.

#![allow(clippy::unwrap_used)] // a failed fixture read should fail the test loudly

mod common;
mod encodings;
mod expectations;
mod exports;
mod properties;
mod provenance;
mod regression;
mod snapshots;
