//! Pages from PDFs, as the archive takes them: a PDF told by its bytes
//! (`%PDF-` at its head) whatever its name, opened within the limits below,
//! each page read and laid out by `shuzibao-pdf` into its articles with
//! their regions, the page number it takes, and the issue JSON of one page
//! with its regions and size (what `shuzibao parse --format json` prints).
//!
//! A PDF holds one page of an issue or all of them. Its pages are read one
//! at a time, so a long file is never held laid out whole. A page without
//! text (a scan, text drawn as outlines) is a page all the same: it is
//! kept with its images and a warning.
//!
//! Not here: rendering and keeping files (`ingest`, [`crate::files`]),
//! where a page belongs (`place`).

use serde_json::{json, Value};
use shuzibao_core::json::SourceInfo;
use shuzibao_core::PageNo;
use shuzibao_pdf::render::{SCREEN_WIDTH, THUMBNAIL_WIDTH, ZOOM_WIDTH};
use shuzibao_pdf::{PageLayout, PdfDocument, Rect};
use shuzibao_store::{LineBox, Region};
use std::path::Path;

/// The largest PDF file read (bytes): a newspaper page is a few megabytes,
/// a whole issue tens.
pub const MAX_PDF_BYTES: u64 = 256 << 20;

/// The most pages a PDF may have: a whole issue of the thickest paper is a
/// few hundred pages; a longer file is a book or a bound volume, to be
/// split into issues first.
pub const MAX_PDF_PAGES: usize = 400;

/// The widths (pixels) every page is rendered at: the page edition's
/// screen, its zoom and the thumbnail.
pub const IMAGE_WIDTHS: [u32; 3] = [SCREEN_WIDTH, ZOOM_WIDTH, THUMBNAIL_WIDTH];

/// The "encoding" a page read from a PDF records.
pub const PDF_ENCODING: &str = "PDF";

/// How far from the start a `%PDF-` header may be (as PDF readers allow).
const HEADER_WINDOW: usize = 1024;

/// Whether these bytes are a PDF (its header near the start).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(HEADER_WINDOW)].windows(5).any(|w| w == b"%PDF-")
}

/// Whether a file's name says PDF (`.pdf`, any case): such a file that is
/// no PDF is reported as a bad PDF, not read as text.
pub fn named_pdf(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Whether the file at `path` is a PDF, by its name or its first bytes.
pub fn file_is_pdf(path: &Path) -> bool {
    if named_pdf(path) {
        return true;
    }
    let mut head = [0u8; HEADER_WINDOW];
    let n = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).unwrap_or(0);
    is_pdf(&head[..n])
}

/// Opens a PDF, refusing one with more pages than [`MAX_PDF_PAGES`]. The
/// error is the message to print after the file's name.
pub fn open(bytes: &[u8]) -> Result<PdfDocument, String> {
    let doc = PdfDocument::open(bytes).map_err(|e| e.to_string())?;
    let count = doc.page_count();
    if count > MAX_PDF_PAGES {
        return Err(format!(
            "{count} pages, more than the {MAX_PDF_PAGES} an issue may have: split the file into issues or pages"
        ));
    }
    Ok(doc)
}

/// One page of a PDF read and laid out.
#[derive(Debug, Clone)]
pub struct PdfPage {
    /// Its index in the file, from 1.
    pub index: usize,
    /// How many pages the file has.
    pub count: usize,
    /// Its width in points.
    pub width: f32,
    /// Its height in points.
    pub height: f32,
    /// Its label in the PDF, if any.
    pub label: Option<String>,
    /// The articles, their regions and the page's text.
    pub layout: PageLayout,
    /// What the reader could not read (each names the page).
    pub warnings: Vec<String>,
    /// Every line of text on the page: its box and its text.
    pub lines: Vec<(Rect, String)>,
}

/// Reads and lays out page `index` (from 1). The error names the page.
pub fn read_page(doc: &PdfDocument, index: usize) -> Result<PdfPage, String> {
    let content = doc.read_page(index).map_err(|e| e.to_string())?;
    let (layout, lines) = std::panic::catch_unwind(|| {
        let lines = shuzibao_pdf::layout::lines::build_lines(&content.glyphs, &content.rules);
        (shuzibao_pdf::layout_page(&content), lines.into_iter().map(|l| (l.bbox, l.text)).collect())
    })
    .map_err(|_| format!("page {index}: its layout failed"))?;
    Ok(PdfPage {
        index,
        count: doc.page_count(),
        width: content.width,
        height: content.height,
        label: content.label.clone(),
        layout,
        warnings: content.warnings,
        lines,
    })
}

impl PdfPage {
    /// The page (版) this PDF page is when its file's name does not say:
    /// the page header the layout found, else the PDF's page label, else
    /// its order in the file.
    pub fn page_no(&self) -> PageNo {
        let header = self.layout.issue.page_header.as_ref().and_then(|h| h.page);
        header
            .or_else(|| self.label.as_deref().and_then(|l| l.parse().ok()))
            .unwrap_or_else(|| PageNo::plain(self.index as u32))
    }

    /// Whether the page gave any text.
    pub fn has_text(&self) -> bool {
        !self.layout.text.trim().is_empty()
    }

    /// Its name in messages and in the history: the file's, with the page
    /// (`issue.pdf#page=3`) when the file has several.
    pub fn name(&self, file: &str) -> String {
        if self.count == 1 {
            file.to_string()
        } else {
            format!("{file}#page={}", self.index)
        }
    }

    /// Each article's regions as the store keeps them.
    pub fn regions(&self) -> Vec<Vec<Region>> {
        self.layout.regions.iter().map(|rs| rs.iter().map(region).collect()).collect()
    }

    /// Where each article's text lines stand, parallel to its articles
    /// (see [`crate::lines`]).
    pub fn line_boxes(&self) -> Vec<Vec<LineBox>> {
        crate::lines::article_lines(&self.layout.issue.articles, &self.layout.regions, &self.lines)
    }

    /// The issue JSON of this page (`docs/issue-json.md`), with each
    /// article's `regions` (`{"page", "x0", "y0", "x1", "y1"}`, points,
    /// origin top-left) and the page's size and label in `pages`.
    pub fn to_json(&self, source: Option<&SourceInfo>) -> Value {
        let mut v = shuzibao_core::json::to_value(&self.layout.issue, source);
        let page = self.index;
        if let Some(articles) = v.get_mut("articles").and_then(Value::as_array_mut) {
            for (a, rs) in articles.iter_mut().zip(&self.layout.regions) {
                if let Some(o) = a.as_object_mut() {
                    let boxes: Vec<Value> = rs
                        .iter()
                        .map(|r| json!({"page": page, "x0": round(r.x0), "y0": round(r.y0), "x1": round(r.x1), "y1": round(r.y1)}))
                        .collect();
                    o.insert("regions".into(), Value::Array(boxes));
                }
            }
        }
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "pages".into(),
                json!([{"page": page, "width": round(self.width), "height": round(self.height), "label": self.label}]),
            );
        }
        v
    }
}

/// A rectangle of the layout as the store keeps it.
fn region(r: &Rect) -> Region {
    Region { x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 }
}

/// Points to two decimals, as JSON numbers.
fn round(v: f32) -> f64 {
    (f64::from(v) * 100.0).round() / 100.0
}
