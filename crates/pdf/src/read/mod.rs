//! Reading page PDFs into [`PageContent`]: opening the file (telling a
//! non-PDF, an encrypted, a truncated and a damaged file apart), then each
//! page through hayro's interpreter with a recording device — glyphs with
//! their text, boxes, sizes, fonts, weight and direction; rules and frames;
//! image boxes — with the page size from its crop box and rotation, and its
//! label.
//!
//! Not here: what the glyphs mean (the layout's), painting pages (`render`).
//! A page without any text is returned with a warning, never dropped; no
//! input makes this module panic (a panic inside the PDF library is caught
//! and reported as the page's error).

mod device;
mod fonts;
mod frames;
mod labels;
mod shared_glyphs;

use crate::error::PdfError;
use crate::model::PageContent;
use device::Collector;
use fonts::FontTable;
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::Rect as KRect;
use hayro_interpret::util::TransformExt;
use hayro_interpret::{interpret_page, Context, InterpreterCache, InterpreterSettings};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

/// How far from the start a `%PDF-` header may be (the specification allows
/// junk before it; readers accept up to 1 KiB).
const HEADER_WINDOW: usize = 1024;
/// How far from the end the `%%EOF` marker must be.
const EOF_WINDOW: usize = 2048;

/// An opened PDF file, whose pages can be read (and rendered) one by one.
pub struct PdfDocument {
    pdf: Pdf,
    labels: Vec<Option<String>>,
}

impl std::fmt::Debug for PdfDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfDocument").field("pages", &self.page_count()).finish()
    }
}

impl PdfDocument {
    /// Opens a PDF from its bytes.
    ///
    /// Errors: [`PdfError::NotPdf`] (empty, a ZIP or HTML file…),
    /// [`PdfError::Truncated`] (no `%%EOF` at the end),
    /// [`PdfError::Encrypted`] (a password or an unsupported scheme; files
    /// encrypted with an empty user password open), [`PdfError::Damaged`].
    pub fn open(bytes: &[u8]) -> Result<PdfDocument, PdfError> {
        check_envelope(bytes)?;
        let data = bytes.to_vec();
        let pdf = match catch_unwind(move || Pdf::new(data)) {
            Ok(Ok(pdf)) => pdf,
            Ok(Err(LoadPdfError::Decryption(e))) => return Err(PdfError::Encrypted(format!("{e:?}"))),
            Ok(Err(LoadPdfError::Invalid)) => {
                return Err(PdfError::Damaged("its cross-reference table and page tree cannot be read".into()))
            }
            Err(_) => return Err(PdfError::Damaged("the PDF library failed on its structure".into())),
        };
        let count = pdf.pages().len();
        if count == 0 {
            return Err(PdfError::Damaged("it has no pages".into()));
        }
        let labels =
            catch_unwind(AssertUnwindSafe(|| labels::page_labels(&pdf, count))).unwrap_or_else(|_| vec![None; count]);
        Ok(PdfDocument { pdf, labels })
    }

    /// How many pages the file has.
    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// The label of page `page` (1-based), when the file gives labels.
    pub fn label(&self, page: usize) -> Option<&str> {
        self.labels.get(page.checked_sub(1)?).and_then(|l| l.as_deref())
    }

    /// The size of page `page` (1-based) in points: the crop box, rotation
    /// applied.
    pub fn page_size(&self, page: usize) -> Result<(f32, f32), PdfError> {
        Ok(self.page(page)?.render_dimensions())
    }

    /// Reads page `page` (1-based).
    pub fn read_page(&self, page: usize) -> Result<PageContent, PdfError> {
        let p = self.page(page)?;
        let mut content = catch_unwind(AssertUnwindSafe(|| read_one(p, page))).map_err(|e| PdfError::Page {
            page,
            reason: format!("the PDF library failed reading it ({})", panic_text(e.as_ref())),
        })?;
        content.label = self.label(page).map(str::to_string);
        Ok(content)
    }

    /// Reads every page in order, each on its own (a failing page does not
    /// stop the others).
    pub fn pages(&self) -> impl Iterator<Item = Result<PageContent, PdfError>> + '_ {
        (1..=self.page_count()).map(|p| self.read_page(p))
    }

    /// The library's page `page` (1-based).
    pub(crate) fn page(&self, page: usize) -> Result<&Page<'_>, PdfError> {
        let count = self.page_count();
        page.checked_sub(1).and_then(|i| self.pdf.pages().get(i)).ok_or(PdfError::NoSuchPage { page, count })
    }
}

/// Reads every page of a PDF (one page per file, or a whole issue), in order.
///
/// Fails on the first page that cannot be read, naming it; use
/// [`PdfDocument::pages`] to keep the other pages.
pub fn read_pdf(bytes: &[u8]) -> Result<Vec<PageContent>, PdfError> {
    PdfDocument::open(bytes)?.pages().collect()
}

/// Tells what the bytes are when they are not a whole PDF.
fn check_envelope(bytes: &[u8]) -> Result<(), PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::NotPdf("the file is empty".into()));
    }
    let head = &bytes[..bytes.len().min(HEADER_WINDOW)];
    if find(head, b"%PDF-").is_none() {
        let what = if bytes.starts_with(b"PK\x03\x04") {
            "it is a ZIP archive"
        } else if bytes.starts_with(b"\xFF\xD8\xFF") {
            "it is a JPEG image"
        } else if bytes.starts_with(b"\x89PNG") {
            "it is a PNG image"
        } else if head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
            "it is an HTML or XML document"
        } else {
            "it has no %PDF- header"
        };
        return Err(PdfError::NotPdf(what.into()));
    }
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    if find(tail, b"%%EOF").is_none() {
        return Err(PdfError::Truncated(format!(
            "no %%EOF marker at its end ({} bytes): the file was cut short",
            bytes.len()
        )));
    }
    Ok(())
}

/// The first position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The message of a caught panic.
fn panic_text(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| e.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal error".into())
}

/// Reads one page through the interpreter.
fn read_one(page: &Page<'_>, index: usize) -> PageContent {
    let (width, height) = page.render_dimensions();
    let fonts = FontTable::collect(page.resources());
    let warnings = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = warnings.clone();
    let settings = InterpreterSettings {
        warning_sink: Arc::new(move |w| {
            if let Ok(mut v) = sink.lock() {
                let text = format!("{w:?}");
                if !v.contains(&text) {
                    v.push(text);
                }
            }
        }),
        ..InterpreterSettings::default()
    };
    let cache = InterpreterCache::new();
    let bbox = KRect::new(0.0, 0.0, f64::from(width), f64::from(height));
    let mut ctx = Context::new(page.initial_transform(true).to_kurbo(), bbox, &cache, page.xref(), settings);
    let mut device = Collector::new(&fonts, f64::from(width), f64::from(height));
    interpret_page(page, &mut ctx, &mut device);

    let mut notes: Vec<String> = warnings
        .lock()
        .map(|v| v.iter().map(|w| format!("page {index}: the PDF library warned: {w}")).collect())
        .unwrap_or_default();
    for (font, n) in &device.unreadable {
        let font = if font.is_empty() { "an unnamed font" } else { font.as_str() };
        notes.push(format!(
            "page {index}: {n} glyphs of {font} have no Unicode text (no ToUnicode map or known encoding)"
        ));
    }
    if device.glyphs.is_empty() {
        notes.push(format!("page {index}: no text on the page (it is kept as an image)"));
    }
    let mut rules = device.rules;
    frames::join_frames(&mut rules);
    PageContent {
        index,
        label: None,
        width,
        height,
        glyphs: device.glyphs,
        rules,
        images: device.images,
        warnings: notes,
    }
}
