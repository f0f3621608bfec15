//! The reader on made-up page PDFs: the text read back is the text drawn,
//! at the drawn positions (top-left origin) and sizes, with bold, vertical,
//! rules, frames, images, page sizes with `/Rotate`, several pages with
//! labels; and the errors for what is not a readable PDF.

mod common;

use common::{test_pdf, BOLD, HORIZONTAL, MAPPED, PAGE_H, PAGE_W, VERTICAL};
use shuzibao_pdf::{read_pdf, Glyph, PageContent, PdfDocument, PdfError};

/// The run of a page's glyphs whose texts spell `text`.
fn line<'a>(page: &'a PageContent, text: &str) -> &'a [Glyph] {
    let chars: Vec<String> = text.chars().map(String::from).collect();
    let n = chars.len();
    let start = page
        .glyphs
        .windows(n)
        .position(|w| w.iter().zip(&chars).all(|(g, c)| &g.text == c))
        .expect("the line is there");
    &page.glyphs[start..start + n]
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.05
}

fn one_page() -> PageContent {
    let mut pages = read_pdf(&test_pdf(1, None, false)).expect("reads");
    assert_eq!(pages.len(), 1);
    pages.remove(0)
}

#[test]
fn text_without_to_unicode_comes_from_the_gb1_collection() {
    let page = one_page();
    let text: String = page.glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, format!("{}{}{}{}", HORIZONTAL.0, BOLD.0, VERTICAL.0, MAPPED.0));
    assert!(page.warnings.is_empty(), "{:?}", page.warnings);
    let seqs: Vec<u32> = page.glyphs.iter().map(|g| g.seq).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn horizontal_glyphs_are_at_their_drawn_places() {
    let page = one_page();
    assert_eq!((page.width, page.height), (PAGE_W, PAGE_H));
    let (text, x, y, size) = HORIZONTAL;
    for (i, g) in line(&page, text).iter().enumerate() {
        assert_eq!(g.font, "STSong-Light");
        assert!(close(g.size, size), "{g:?}");
        assert!(!g.bold && !g.vertical, "{g:?}");
        let x0 = x + i as f32 * size;
        // The em box: 0.88 em above the baseline, 0.12 em below; y down.
        let (top, bottom) = (PAGE_H - y - 0.88 * size, PAGE_H - y + 0.12 * size);
        assert!(close(g.bbox.x0, x0) && close(g.bbox.x1, x0 + size), "{g:?}");
        assert!(close(g.bbox.y0, top) && close(g.bbox.y1, bottom), "{g:?}");
    }
}

#[test]
fn fill_and_stroke_text_is_bold_and_not_doubled() {
    let page = one_page();
    let (text, x, _, size) = BOLD;
    let glyphs = line(&page, text);
    assert!(glyphs.iter().all(|g| g.bold && close(g.size, size)));
    assert!(close(glyphs[0].bbox.x0, x));
    let count = page.glyphs.iter().filter(|g| g.text == "头").count();
    assert_eq!(count, 1, "the stroke pass is merged into the fill");
}

#[test]
fn vertical_glyphs_run_down_the_page() {
    let page = one_page();
    let (text, x, y, size) = VERTICAL;
    for (i, g) in line(&page, text).iter().enumerate() {
        assert!(g.vertical && !g.bold, "{g:?}");
        assert!(close(g.size, size));
        let top = PAGE_H - y + i as f32 * size;
        assert!(close(g.bbox.x0, x - size / 2.0) && close(g.bbox.x1, x + size / 2.0), "{g:?}");
        assert!(close(g.bbox.y0, top) && close(g.bbox.y1, top + size), "{g:?}");
    }
}

#[test]
fn to_unicode_text_and_clean_font_name() {
    let page = one_page();
    let glyphs = line(&page, MAPPED.0);
    let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, MAPPED.0);
    assert!(glyphs.iter().all(|g| g.font == "FZShuSong-Z01" && !g.bold), "{:?}", glyphs[0]);
}

#[test]
fn rules_frames_and_images() {
    let page = one_page();
    let stroked = page.rules.iter().find(|r| !r.frame && close(r.rect.y0, PAGE_H - 600.0 - 0.5)).expect("stroked rule");
    assert!(close(stroked.rect.x0, 72.0) && close(stroked.rect.x1, 520.0) && close(stroked.rect.height(), 1.0));
    let filled = page.rules.iter().find(|r| !r.frame && close(r.rect.y1, PAGE_H - 500.0)).expect("filled rule");
    assert!(close(filled.rect.height(), 1.5) && close(filled.rect.width(), 448.0));
    let frame = page.rules.iter().find(|r| r.frame).expect("frame");
    assert!(close(frame.rect.x0, 299.75) && close(frame.rect.x1, 500.25), "{frame:?}");
    assert!(close(frame.rect.y0, PAGE_H - 400.25) && close(frame.rect.y1, PAGE_H - 299.75), "{frame:?}");
    assert_eq!(page.rules.len(), 3, "{:?}", page.rules);
    assert_eq!(page.images.len(), 1);
    let im = page.images[0];
    assert!(
        close(im.x0, 72.0) && close(im.x1, 172.0) && close(im.y0, PAGE_H - 450.0) && close(im.y1, PAGE_H - 400.0),
        "{im:?}"
    );
}

#[test]
fn rotated_page_swaps_its_size_and_turns_its_text() {
    let pages = read_pdf(&test_pdf(1, Some(90), false)).expect("reads");
    assert_eq!((pages[0].width, pages[0].height), (PAGE_H, PAGE_W));
    let g = &line(&pages[0], HORIZONTAL.0)[0];
    assert!(g.vertical, "horizontal text on a page turned a quarter is read as vertical: {g:?}");
    // Rotated clockwise: PDF (x, y) lands at (y, x) in the top-left frame.
    let (_, x, y, size) = HORIZONTAL;
    assert!(close(g.bbox.y0, x) && close(g.bbox.y1, x + size), "{g:?}");
    assert!(close(g.bbox.x0, y - 0.12 * size) && close(g.bbox.x1, y + 0.88 * size), "{g:?}");
}

#[test]
fn pages_come_in_order_with_their_labels() {
    let bytes = test_pdf(3, None, true);
    let pages = read_pdf(&bytes).expect("reads");
    let idx: Vec<usize> = pages.iter().map(|p| p.index).collect();
    assert_eq!(idx, [1, 2, 3]);
    let labels: Vec<Option<&str>> = pages.iter().map(|p| p.label.as_deref()).collect();
    assert_eq!(labels, [Some("A1"), Some("A2"), Some("B1")]);
    let doc = PdfDocument::open(&bytes).expect("opens");
    assert_eq!(doc.page_count(), 3);
    assert!(matches!(doc.read_page(4), Err(PdfError::NoSuchPage { page: 4, count: 3 })));
    assert!(read_pdf(&test_pdf(1, None, false)).expect("reads")[0].label.is_none());
}

#[test]
fn standard_fonts_are_named_and_off_page_text_is_left_out() {
    let pages = read_pdf(&common::latin_pdf()).expect("reads");
    let text: String = pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, common::LATIN.0, "the slug off the page is not read");
    let (_, x, y, size) = common::LATIN;
    let first = &pages[0].glyphs[0];
    assert_eq!(first.font, "Times-Bold");
    assert!(first.bold && !first.vertical && close(first.size, size), "{first:?}");
    assert!(close(first.bbox.x0, x) && first.bbox.y0 < PAGE_H - y && first.bbox.y1 > PAGE_H - y, "{first:?}");
    // Times-Bold's P is 611/1000 em wide.
    assert!((first.bbox.width() - 0.611 * size).abs() < 0.2, "{first:?}");
}

#[test]
fn a_page_without_text_is_kept_with_a_warning() {
    let bytes = common::raw_pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ],
        "",
    );
    let pages = read_pdf(&bytes).expect("reads");
    assert_eq!(pages.len(), 1);
    assert!(pages[0].glyphs.is_empty());
    assert!(
        pages[0].warnings.iter().any(|w| w.starts_with("page 1:") && w.contains("no text")),
        "{:?}",
        pages[0].warnings
    );
}

#[test]
fn what_is_not_a_readable_pdf_says_why() {
    assert!(matches!(read_pdf(b""), Err(PdfError::NotPdf(m)) if m.contains("empty")));
    assert!(
        matches!(read_pdf(b"PK\x03\x04\x14\x00\x00\x00\x08\x00 rest of a zip"), Err(PdfError::NotPdf(m)) if m.contains("ZIP"))
    );
    assert!(matches!(read_pdf(b"<!DOCTYPE html><html>"), Err(PdfError::NotPdf(_))));
    let bytes = test_pdf(1, None, false);
    let cut = &bytes[..bytes.len() / 2];
    assert!(matches!(read_pdf(cut), Err(PdfError::Truncated(_))));
    assert!(matches!(read_pdf(b"%PDF-1.7\nnothing else here\n%%EOF\n"), Err(PdfError::Damaged(_))));
    let err = read_pdf(&common::encrypted_pdf()).expect_err("locked");
    assert!(matches!(err, PdfError::Encrypted(_)), "{err:?}");
    let msg = PdfError::Page { page: 7, reason: "x".into() }.to_string();
    assert!(msg.starts_with("page 7"));
}
