//! Why a page PDF could not be read or rendered: not a PDF at all, locked,
//! cut short or damaged, or one page that failed. Every message that is about
//! a page names the page number (1-based), so a user can find it.
//!
//! Not here: problems that leave a page usable (a font without a usable
//! encoding, a page without text); those are warnings on the page itself
//! ([`crate::PageContent::warnings`]).

use thiserror::Error;

/// An error reading or rendering a PDF.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The bytes are not a PDF file (empty, a ZIP archive, an HTML page…).
    #[error("not a PDF file: {0}")]
    NotPdf(String),
    /// The PDF is encrypted with a password or a scheme that cannot be opened.
    #[error("encrypted PDF that cannot be opened: {0}")]
    Encrypted(String),
    /// The file ends before its end-of-file marker: a cut download.
    #[error("truncated PDF: {0}")]
    Truncated(String),
    /// The file starts like a PDF but its structure cannot be read.
    #[error("damaged PDF: {0}")]
    Damaged(String),
    /// A page number outside the file.
    #[error("page {page}: no such page (the file has {count})")]
    NoSuchPage {
        /// The page asked for (1-based).
        page: usize,
        /// How many pages the file has.
        count: usize,
    },
    /// One page could not be read or rendered.
    #[error("page {page}: {reason}")]
    Page {
        /// The page (1-based).
        page: usize,
        /// What went wrong.
        reason: String,
    },
    /// A rendered page could not be encoded as an image file.
    #[error("page {page}: image encoding failed: {reason}")]
    Encode {
        /// The page (1-based).
        page: usize,
        /// What the encoder said.
        reason: String,
    },
}
