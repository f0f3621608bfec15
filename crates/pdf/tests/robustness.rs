//! No input makes the reader panic: truncated and mutated copies of a
//! made-up page either read or give an error.

mod common;

use proptest::prelude::*;
use shuzibao_pdf::{read_pdf, PdfDocument, Renderer};

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn truncated_and_mutated_pdfs_never_panic(cut in 0.0f64..1.0, flips in prop::collection::vec((0.0f64..1.0, any::<u8>()), 0..24)) {
        let mut bytes = common::test_pdf(1, None, false);
        for (at, b) in flips {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] = b;
        }
        let _ = read_pdf(&bytes);
        let keep = (bytes.len() as f64 * cut) as usize;
        let mut cut_bytes = bytes[..keep].to_vec();
        // Keep the end marker so the reader goes past its envelope checks.
        cut_bytes.extend_from_slice(b"\n%%EOF\n");
        let _ = read_pdf(&cut_bytes);
    }
}

#[test]
fn a_mutated_page_renders_or_errs() {
    let mut bytes = common::test_pdf(1, None, false);
    let len = bytes.len();
    for i in (len / 3..len / 3 + 40).step_by(3) {
        bytes[i] = b'(';
    }
    if let Ok(doc) = PdfDocument::open(&bytes) {
        let _ = Renderer::new().render(&doc, 1, 100);
        let _ = doc.read_page(1);
    }
}
