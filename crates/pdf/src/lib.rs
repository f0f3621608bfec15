//! Newspaper pages from their PDFs (版面): what a page PDF says about where
//! every glyph is, in which font and size, and where its rules, frames and
//! photos are, read into [`PageContent`]; then grouped into lines, blocks and
//! articles, each with its regions on the page; and the page rendered as
//! images for the page edition.
//!
//! This crate reads PDFs and knows page geometry. The newspaper knowledge of
//! the text (bylines, datelines, markers, sub-headings) is `shuzibao-core`'s,
//! reused on the lines recovered here, not copied. It does no database or
//! web work.

mod cjk_fonts;
pub mod error;
pub mod layout;
pub mod model;
pub mod read;
pub mod render;

pub use error::PdfError;
pub use layout::{layout_page, PageLayout};
pub use model::{Glyph, PageContent, Rect, Rule};
pub use read::{read_pdf, PdfDocument};
pub use render::{CjkFonts, PageImage, PngImage, Renderer};
