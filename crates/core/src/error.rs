//! The errors of the core crate: why a file could not be read as an issue.
//!
//! Parsing text never fails (whatever cannot be placed becomes a leftover);
//! only turning bytes into text can. The messages are short and say what is
//! wrong with the input, for the command line to print after the file's name.

use thiserror::Error;

/// Why bytes could not be read as the text of an issue.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The input has no bytes, or only white space.
    #[error("empty file: no text to parse")]
    Empty,
    /// The input looks like a binary file, not text.
    #[error("binary data, not text (control byte 0x{byte:02x} at offset {offset})")]
    Binary {
        /// Offset of the first offending byte or character.
        offset: usize,
        /// The offending byte (or the low byte of the character).
        byte: u8,
    },
    /// The input is larger than any issue.
    #[error("too large for one issue: {bytes} bytes (at most {max})")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// A byte-order mark names an encoding the text is not in.
    #[error("the byte-order mark says {declared} but the text is {actual}")]
    WrongBom {
        /// What the mark says.
        declared: &'static str,
        /// What the text is.
        actual: &'static str,
    },
    /// The input is text in an encoding that could not be decoded cleanly.
    #[error("undecodable text: {undecodable} of {total} characters are not valid {encoding}")]
    Undecodable {
        /// The encoding that was detected.
        encoding: &'static str,
        /// Characters that could not be decoded.
        undecodable: usize,
        /// Characters in all.
        total: usize,
    },
}
