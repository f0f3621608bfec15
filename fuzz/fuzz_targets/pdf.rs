//! Any bytes, as a page PDF: opening either fails with an error or gives a
//! document whose first pages each read (or fail with an error naming the
//! page), lay out without panicking into regions inside the page, and
//! render as a thumbnail (or fail with an error naming the page). A panic
//! anywhere on the way, in our code or in the PDF library, is a crash: the
//! reader's `catch_unwind` does not hide it here, as libFuzzer aborts on
//! the panic itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shuzibao_pdf::{layout_page, PdfDocument, PdfError, Renderer};
use std::sync::OnceLock;

/// Pages looked at per input (keeps one run short).
const MAX_PAGES: usize = 3;
/// The render width: small, as the thumbnail, to keep runs fast.
const WIDTH: u32 = 64;

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    // The system's Noto CJK when installed (loaded once per process), so
    // fuzzed glyph codes of non-embedded Chinese fonts reach a real font.
    R.get_or_init(Renderer::new)
}

fn names_page(e: &PdfError, page: usize) -> bool {
    match e {
        PdfError::Page { page: p, .. } | PdfError::Encode { page: p, .. } => *p == page,
        _ => e.to_string().contains(&format!("page {page}")),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = PdfDocument::open(data) else { return };
    assert!(doc.page_count() > 0, "an opened document has pages");
    for page in 1..=doc.page_count().min(MAX_PAGES) {
        match doc.read_page(page) {
            Ok(content) => {
                assert_eq!(content.index, page);
                let laid = layout_page(&content);
                assert_eq!(laid.regions.len(), laid.issue.articles.len());
            }
            Err(e) => assert!(names_page(&e, page), "{e} does not name page {page}"),
        }
        match renderer().render(&doc, page, WIDTH) {
            Ok(image) => assert_eq!(image.rgb.len(), (image.width * image.height * 3) as usize),
            Err(e) => assert!(names_page(&e, page), "{e} does not name page {page}"),
        }
    }
});
