//! The one ingest pipeline: a page's bytes (a file, a request's body, a
//! sample, a benchmark document) are read, decoded, parsed, placed (paper,
//! date, page) — on a thread ahead of the writer when there are many — and
//! their entities found (on as many threads as there are cores,
//! [`crate::entity_stage`]), then stored, one transaction each, and handed
//! to the index. A page that cannot be read or placed is reported with the
//! reason and the others go on; a failing archive stops everything.
//!
//! A PDF (told by its bytes) gives one page per PDF page: each is laid out
//! into articles with their regions, rendered at the page edition's widths
//! and its images and the PDF itself kept in the data folder
//! ([`crate::files`]) by the preparing thread, before the writer stores the
//! page. When one run is given a page both as a PDF and as text, the PDF's
//! is stored and the text is skipped (PDFs are prepared first).

use crate::entity_stage;
use crate::error::ArchiveError;
use crate::files::{sha256_hex, Files};
use crate::papers::Papers;
use crate::pdf_pages::{self, PdfPage, IMAGE_WIDTHS, MAX_PDF_BYTES, PDF_ENCODING};
use crate::place::{place, Given};
use crate::Archive;
use serde::Serialize;
use shuzibao_core::{Decoded, Issue};
use shuzibao_pdf::{PdfDocument, Renderer};
use shuzibao_people::entities::Entities;
use shuzibao_store::{
    CorrectionFilter, CorrectionRecord, IngestReport, IngestRequest, LineBox, Outcome, PageAssets, PageImageRecord,
    Placement, Region,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// An undated page is dated against this many of its paper's latest dated issues.
const NEIGHBOURS: usize = 60;

/// Hand new articles to the index's threads after this many pages, so that
/// indexing runs alongside storing.
const STAGE_EVERY_PAGES: usize = 64;

/// Commit the index after this many bytes of text even in the middle of a
/// long run, so that searches see progress and a crash loses little indexing
/// work (a commit is costly, so not after every page).
const SYNC_EVERY_BYTES: usize = 32 << 20;

/// One page to ingest: a file, or bytes from elsewhere, with what the user
/// said about it.
#[derive(Debug, Clone)]
pub struct Input {
    /// Its name in the history and in messages: the path, `sample:…`, a document id.
    pub name: String,
    /// The file, when it is one: read here, and its name read for hints.
    pub path: Option<PathBuf>,
    /// The bytes, when they are not a file's.
    pub bytes: Option<Vec<u8>>,
    /// What the user said (`--paper`, `--date`, `--page`).
    pub given: Given,
}

impl Input {
    /// A file.
    pub fn file(path: &Path, given: Given) -> Input {
        Input { name: path.display().to_string(), path: Some(path.to_path_buf()), bytes: None, given }
    }

    /// Bytes named `name` (a request's body, a sample); `hints_from` is a
    /// file name to read hints from, as if the bytes were that file.
    pub fn bytes(name: &str, bytes: Vec<u8>, given: Given, hints_from: Option<&Path>) -> Input {
        Input { name: name.to_string(), path: hints_from.map(Path::to_path_buf), bytes: Some(bytes), given }
    }
}

/// A page read, parsed and placed: ready to store.
pub struct Page {
    /// Its name.
    pub name: String,
    /// The decoded text.
    pub decoded: Decoded,
    /// What the parser made of it.
    pub issue: Issue,
    /// Where it belongs.
    pub placement: Placement,
    /// The entities of its articles, once found ([`Page::find_entities`]);
    /// the store finds them itself when they are not.
    pub entities: Option<Vec<Entities>>,
    /// What deserves a word (undecodable bytes, text kept as leftovers).
    pub warnings: Vec<String>,
    /// Its size in bytes (of its text, for a page from a PDF).
    pub bytes: usize,
    /// For a page read from a PDF: what it keeps besides its text.
    pub pdf: Option<PdfAssets>,
}

impl Page {
    /// Finds the entities of the page's articles (dated by its placement).
    pub fn find_entities(&mut self) {
        self.entities = Some(shuzibao_store::entities_for(&self.issue, self.placement.date));
    }
}

/// What a page read from a PDF keeps besides its text: the PDF and its
/// images (written to the data folder already) and each article's regions.
#[derive(Debug, Clone)]
pub struct PdfAssets {
    /// The PDF's hash, the page's place and size in it, its images.
    pub assets: PageAssets,
    /// The regions of each article, parallel to the issue's articles.
    pub regions: Vec<Vec<Region>>,
    /// Where each article's text lines stand, parallel to its articles.
    pub lines: Vec<Vec<LineBox>>,
}

/// Prepares pages (no archive needed, only its data folder's files): reads
/// each input, parses or lays out its pages and places them; renders a PDF's pages and keeps the PDF and the images. Holds
/// what is worth keeping from one input to the next: the papers' codes and
/// folder configurations read so far, and one renderer (its fonts loaded
/// once).
pub struct Preparer {
    papers: Papers,
    renderer: Renderer,
    files: Files,
    /// The images of the PDF pages rendered already, by PDF hash and page.
    rendered: HashMap<(String, u32), Vec<PageImageRecord>>,
}

impl Preparer {
    /// A preparer keeping files in `files`, rendering with `renderer`.
    pub fn new(files: Files, renderer: Renderer) -> Preparer {
        Preparer { papers: Papers::new(), renderer, files, rendered: HashMap::new() }
    }

    /// Takes these pages as rendered already (see
    /// [`shuzibao_store::Store::rendered_pdf_pages`]): their images are
    /// not rendered again while their files are there.
    pub fn with_rendered(mut self, pages: Vec<(String, u32, Vec<PageImageRecord>)>) -> Preparer {
        self.rendered = pages.into_iter().map(|(hash, page, images)| ((hash, page), images)).collect();
        self
    }

    /// The images of a PDF page, rendered now or before (the notes of a
    /// rendering now are added to `notes`).
    fn images(
        &self,
        doc: &PdfDocument,
        pdf: &KeptPdf<'_>,
        index: usize,
        notes: &mut Vec<String>,
    ) -> Result<Vec<PageImageRecord>, ArchiveError> {
        if let Some(known) = self.rendered.get(&(pdf.hash.clone(), index as u32)) {
            let whole = IMAGE_WIDTHS.iter().all(|w| known.iter().any(|i| i.width == *w))
                && known.iter().all(|i| self.files.path(&i.hash, "png").is_file());
            if whole {
                return Ok(known.clone());
            }
        }
        let images = self
            .renderer
            .render_pngs(doc, index, &IMAGE_WIDTHS)
            .map_err(|e| ArchiveError::Unreadable(e.to_string()))?;
        let mut records = Vec::with_capacity(images.len());
        for image in &images {
            for w in &image.warnings {
                if !notes.contains(w) {
                    notes.push(w.clone());
                }
            }
            let hash = self.files.keep(&image.png, "png")?;
            records.push(PageImageRecord { width: image.width, height: image.height, hash });
        }
        Ok(records)
    }

    /// Prepares every page of `input` in order, telling `each` each page or
    /// why it could not be prepared (a bad file is one error; a PDF page
    /// that fails is one error naming the page, and its other pages go
    /// on). Stops when `each` returns `false`.
    pub fn prepare(&mut self, input: &Input, mut each: impl FnMut(Result<Page, ArchiveError>) -> bool) {
        let bytes = match read_input(input) {
            Ok(b) => b,
            Err(e) => {
                each(Err(e));
                return;
            }
        };
        let pdf = pdf_pages::is_pdf(&bytes) || input.path.as_deref().is_some_and(pdf_pages::named_pdf);
        if !pdf {
            each(prepare_text(input, &bytes, &mut self.papers));
            return;
        }
        let doc = match pdf_pages::open(&bytes) {
            Ok(d) => d,
            Err(e) => {
                each(Err(ArchiveError::Unreadable(e)));
                return;
            }
        };
        let mut pdf = KeptPdf { bytes: &bytes, hash: sha256_hex(&bytes), kept: false };
        for index in 1..=doc.page_count() {
            if !each(self.prepare_pdf_page(input, &doc, index, &mut pdf)) {
                return;
            }
        }
    }

    /// Reads, lays out, places and renders one page of a PDF; keeps its
    /// images and (once) the PDF.
    fn prepare_pdf_page(
        &mut self,
        input: &Input,
        doc: &PdfDocument,
        index: usize,
        pdf: &mut KeptPdf<'_>,
    ) -> Result<Page, ArchiveError> {
        let p: PdfPage = pdf_pages::read_page(doc, index).map_err(ArchiveError::Unreadable)?;
        let several = p.count > 1;
        // a page given on the command line, or in the name, is one page's
        let mut given = input.given.clone();
        if several {
            given.page = None;
        }
        let mut placement = place(&given, input.path.as_deref(), &p.layout.issue, &mut self.papers)?;
        if several {
            placement.page = Some(p.page_no());
            placement.part = None;
        } else if placement.page.is_none() {
            placement.page = Some(p.page_no());
        }
        let mut notes = p.warnings.clone();
        let records = self.images(doc, pdf, index, &mut notes)?;
        if !pdf.kept {
            self.files.keep_as(&pdf.hash, pdf.bytes, "pdf")?;
            pdf.kept = true;
        }
        let decoded = Decoded { text: p.layout.text.clone(), encoding: PDF_ENCODING, replaced: 0 };
        notes.extend(warnings(&decoded, &p.layout.issue));
        let assets = PageAssets {
            pdf_hash: pdf.hash.clone(),
            pdf_page: index as u32,
            width: p.width,
            height: p.height,
            label: p.label.clone(),
            images: records,
        };
        let regions = p.regions();
        let lines = p.line_boxes();
        Ok(Page {
            name: p.name(&input.name),
            bytes: decoded.text.len(),
            decoded,
            issue: p.layout.issue,
            placement,
            entities: None,
            warnings: notes,
            pdf: Some(PdfAssets { assets, regions, lines }),
        })
    }
}

/// A PDF being prepared: its bytes, their hash, whether the file is kept yet.
struct KeptPdf<'a> {
    bytes: &'a [u8],
    hash: String,
    kept: bool,
}

/// The bytes of an input: given, or its file's.
fn read_input(input: &Input) -> Result<Cow<'_, [u8]>, ArchiveError> {
    match (&input.bytes, &input.path) {
        (Some(b), _) => Ok(Cow::Borrowed(b)),
        (None, Some(p)) => read_page_file(p).map(Cow::Owned).map_err(ArchiveError::Unreadable),
        (None, None) => Err(ArchiveError::Unreadable("nothing to read".into())),
    }
}

/// Reads and parses one page of text and places it.
fn prepare_text(input: &Input, bytes: &[u8], papers: &mut Papers) -> Result<Page, ArchiveError> {
    let (issue, decoded) = shuzibao_core::parse_bytes(bytes).map_err(|e| ArchiveError::Unreadable(e.to_string()))?;
    let placement = place(&input.given, input.path.as_deref(), &issue, papers)?;
    let warnings = warnings(&decoded, &issue);
    Ok(Page {
        name: input.name.clone(),
        decoded,
        issue,
        placement,
        entities: None,
        warnings,
        bytes: bytes.len(),
        pdf: None,
    })
}

/// Reads a page file, refusing one too large to be an issue before reading
/// it (the reason is the message to print after the file's name): a PDF
/// may have [`MAX_PDF_BYTES`], a text [`shuzibao_core::MAX_FILE_BYTES`].
pub fn read_page_file(path: &Path) -> Result<Vec<u8>, String> {
    let len = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?.len();
    let most = if pdf_pages::file_is_pdf(path) { MAX_PDF_BYTES } else { shuzibao_core::MAX_FILE_BYTES as u64 };
    if len > most {
        return Err(format!("too large for one issue: {len} bytes (at most {most})"));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

/// What deserves a word after a page was read: bytes that could not be
/// decoded (kept as U+FFFD) and text the parser could not place (kept as
/// leftovers, shown by `parse`, stored with the page).
pub fn warnings(decoded: &Decoded, issue: &Issue) -> Vec<String> {
    let mut w = Vec::new();
    if decoded.replaced > 0 {
        w.push(format!("{} undecodable byte sequence(s) kept as U+FFFD", decoded.replaced));
    }
    if !issue.leftovers.is_empty() {
        let reasons: std::collections::BTreeSet<&str> = issue.leftovers.iter().map(|l| l.reason.as_str()).collect();
        w.push(format!(
            "{} piece(s) of text could not be placed and are kept as leftovers ({})",
            issue.leftovers.len(),
            reasons.into_iter().collect::<Vec<_>>().join("; ")
        ));
    }
    w
}

/// What an ingest did, page by page.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// New pages.
    pub added: usize,
    /// Pages with a changed text: a new version.
    pub updated: usize,
    /// Pages with the same text again.
    pub unchanged: usize,
    /// Pages not stored, with the reason.
    pub failed: Vec<Failure>,
    /// Pages not stored because the run stored them from a PDF: the text
    /// of a page given as a PDF too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Failure>,
    /// Every stored page: where it went and what happened.
    pub pages: Vec<Stored>,
    /// Warnings about stored pages.
    pub warnings: Vec<Warning>,
}

/// A page not stored.
#[derive(Debug, Serialize)]
pub struct Failure {
    /// Its name (the file).
    pub file: String,
    /// Why.
    pub reason: String,
}

/// A warning about a stored page.
#[derive(Debug, Serialize)]
pub struct Warning {
    /// Its name (the file).
    pub file: String,
    /// What.
    pub warning: String,
}

/// A stored page.
#[derive(Debug, Serialize)]
pub struct Stored {
    /// Its name (the file).
    pub file: String,
    /// The paper.
    pub paper: String,
    /// The date, if known.
    pub date: Option<String>,
    /// Where the date came from.
    pub date_source: Option<String>,
    /// The page, if the file is one.
    pub page: Option<String>,
    /// What the store did.
    #[serde(flatten)]
    pub report: IngestReport,
}

impl Summary {
    /// Counts a page's outcome.
    fn record(&mut self, page: &Page, report: IngestReport) {
        match report.outcome {
            Outcome::Added => self.added += 1,
            Outcome::Updated { .. } => self.updated += 1,
            Outcome::Unchanged | Outcome::Redated => self.unchanged += 1,
        }
        for w in &page.warnings {
            self.warnings.push(Warning { file: page.name.clone(), warning: w.clone() });
        }
        let p = &page.placement;
        self.pages.push(Stored {
            file: page.name.clone(),
            paper: p.paper.clone(),
            date: p.date.map(|d| d.to_string()),
            date_source: p.date_source.clone(),
            page: p.page.map(|n| n.to_string()),
            report,
        });
    }

    /// Pages seen, stored or not.
    pub fn total(&self) -> usize {
        self.added + self.updated + self.unchanged + self.failed.len() + self.skipped.len()
    }
}

impl Archive {
    /// Stores one prepared page in one transaction (the index takes it at
    /// the next [`Archive::stage`] or [`Archive::sync`]).
    pub fn store_page(&mut self, page: &Page) -> Result<IngestReport, ArchiveError> {
        if self.batching {
            self.store.begin_batch()?;
        }
        let mut placement = page.placement.clone();
        if placement.date.is_none() {
            crate::place::date_by_signals(
                &page.issue,
                &self.store.neighbours(&placement.paper, NEIGHBOURS)?,
                &mut placement,
            );
        }
        // entities found without a date read relative dates (昨天) again with it
        let entities = page.entities.as_deref().filter(|_| placement.date == page.placement.date);
        let req = IngestRequest {
            source: &page.name,
            encoding: page.decoded.encoding,
            raw_text: &page.decoded.text,
            issue: &page.issue,
            placement,
            parser_version: shuzibao_core::PARSER_VERSION,
            entities,
        };
        Ok(match &page.pdf {
            None => self.store.ingest(&req)?,
            Some(pdf) => self.store.ingest_pdf_page(&req, &pdf.assets, &pdf.regions, &pdf.lines)?,
        })
    }

    /// The corrections of a page just written that no longer apply to it
    /// (its new text or parse lost what they were anchored to), in words:
    /// reported, never dropped in silence.
    pub fn stale_corrections(&self, report: &IngestReport) -> Result<Vec<String>, ArchiveError> {
        if matches!(report.outcome, Outcome::Unchanged | Outcome::Redated) {
            return Ok(Vec::new());
        }
        let filter = CorrectionFilter {
            page: Some(report.issue_id),
            status: Some(shuzibao_store::corrections::Status::Stale),
            ..CorrectionFilter::default()
        };
        Ok(self.store.corrections(&filter)?.iter().map(stale_words).collect())
    }

    /// A preparer for this archive's data folder, with its renderer and
    /// the PDF pages it has rendered already.
    pub fn preparer(&self) -> Result<Preparer, ArchiveError> {
        let rendered = self.store.rendered_pdf_pages()?;
        Ok(Preparer::new(self.files.clone(), self.renderer.clone()).with_rendered(rendered))
    }

    /// Ingests one page and makes it searchable (a request's body, a
    /// sample). A PDF of several pages gives its first page here; use
    /// [`Archive::ingest_all`] for all of them.
    pub fn ingest_one(&mut self, input: &Input) -> Result<(IngestReport, Page), ArchiveError> {
        let mut first = None;
        self.preparer()?.prepare(input, |page| {
            first = Some(page);
            false
        });
        let page = first.unwrap_or_else(|| Err(ArchiveError::Unreadable("nothing to read".into())))?;
        let report = self.store_page(&page)?;
        self.sync()?;
        Ok((report, page))
    }

    /// Ingests pages in order (PDFs first): reading, parsing or laying out
    /// and rendering on a thread of their own, finding entities on one a
    /// core, ahead of the writer; `on_each` is told each page's name as it is stored. The
    /// index is synced at the end. A page that fails is in the summary; an
    /// archive that fails stops the run.
    pub fn ingest_all(&mut self, inputs: &[Input], mut on_each: impl FnMut(&str)) -> Result<Summary, ArchiveError> {
        let mut summary = Summary::default();
        let mut unsynced = 0usize;
        // the pages stored since the last commit
        let mut uncommitted: Vec<String> = Vec::new();
        let mut seen = 0usize;
        // where the pages stored from PDFs in this run went
        let mut from_pdf = std::collections::HashSet::new();
        let order = pdf_first(inputs);
        let mut preparer = self.preparer()?;
        self.begin_batch();
        let run = std::thread::scope(|scope| -> Result<(), ArchiveError> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Result<Page, ArchiveError>)>(16);
            scope.spawn(move || {
                for &i in &order {
                    let mut open = true;
                    preparer.prepare(&inputs[i], |page| {
                        open = tx.send((i, page)).is_ok();
                        open
                    });
                    if !open {
                        return;
                    }
                }
            });
            let pages = entity_stage::find_entities(scope, rx, entity_stage::workers(), |(_, page)| page.as_mut().ok());
            for (i, prepared) in pages {
                let input = &inputs[i];
                let name = prepared.as_ref().map_or_else(|_| input.name.clone(), |p| p.name.clone());
                on_each(&name);
                let stored = prepared.and_then(|page| {
                    let place = page.placement.date.is_some().then(|| page.placement.key(""));
                    if page.pdf.is_none() && place.as_ref().is_some_and(|k| from_pdf.contains(k)) {
                        return Ok((page, None));
                    }
                    let report = self.store_page(&page)?;
                    if let (Some(k), Some(_)) = (place, &page.pdf) {
                        from_pdf.insert(k);
                    }
                    Ok((page, Some(report)))
                });
                match stored {
                    Ok((page, Some(report))) => {
                        unsynced += page.bytes;
                        let stale = self.stale_corrections(&report)?;
                        summary.record(&page, report);
                        summary
                            .warnings
                            .extend(stale.into_iter().map(|w| Warning { file: page.name.clone(), warning: w }));
                    }
                    Ok((page, None)) => summary.skipped.push(Failure {
                        file: page.name.clone(),
                        reason: "this page was given as a PDF too, and was stored from the PDF".into(),
                    }),
                    Err(e) if e.is_page_error() => {
                        summary.failed.push(Failure { file: name.clone(), reason: e.to_string() })
                    }
                    Err(e) => return Err(ArchiveError::Storing { page: name, error: Box::new(e) }),
                }
                uncommitted.push(name);
                seen += 1;
                // each stage or sync commits the batch: a failure names its pages
                let committed = if unsynced >= SYNC_EVERY_BYTES {
                    unsynced = 0;
                    Some(self.sync().map(drop))
                } else if seen % STAGE_EVERY_PAGES == 0 {
                    Some(self.stage().map(drop))
                } else {
                    None
                };
                if let Some(done) = committed {
                    done.map_err(|e| in_batch(&uncommitted, e))?;
                    uncommitted.clear();
                }
            }
            Ok(())
        });
        // what was stored before a failure is kept
        let ended = self.end_batch().map_err(|e| in_batch(&uncommitted, e));
        run?;
        ended?;
        self.sync()?;
        Ok(summary)
    }
}

/// A correction that no longer applies, in words.
pub fn stale_words(c: &CorrectionRecord) -> String {
    format!(
        "correction #{} ({} of 《{}》 by {}) no longer applies: {}",
        c.id,
        c.kind,
        c.article_title,
        c.editor,
        c.reason.as_deref().unwrap_or("its text is gone")
    )
}

/// The order inputs are prepared in: PDFs first (so that a page given both
/// as a PDF and as text is stored from the PDF), each kind in the given
/// order.
fn pdf_first(inputs: &[Input]) -> Vec<usize> {
    let is_pdf = |input: &Input| match (&input.bytes, &input.path) {
        (Some(b), _) => pdf_pages::is_pdf(b),
        (None, Some(p)) => pdf_pages::file_is_pdf(p),
        (None, None) => false,
    };
    let (mut pdfs, texts): (Vec<usize>, Vec<usize>) = (0..inputs.len()).partition(|&i| is_pdf(&inputs[i]));
    pdfs.extend(texts);
    pdfs
}

/// An error committing a batch, naming its pages.
fn in_batch(pages: &[String], error: ArchiveError) -> ArchiveError {
    let page = match pages {
        [] => "the last pages".to_string(),
        [one] => one.clone(),
        [first, .., last] => format!("{first} … {last} ({} pages)", pages.len()),
    };
    ArchiveError::Storing { page, error: Box::new(error) }
}
