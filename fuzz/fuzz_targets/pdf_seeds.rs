//! Writes the seed corpus of the `pdf` target (not a fuzz target itself):
//! the made-up pages of the tests (`crates/pdf/tests/common`: CJK text
//! horizontal and vertical, a mapped font, rules, an image, labels, a
//! rotated page, a Latin standard font, an encrypted file; and the archive's
//! two-article newspaper page), plus hand-broken copies of them.
//!
//! ```text
//! cargo run --bin pdf_seeds -- corpus/pdf
//! ```

#[allow(dead_code)]
#[path = "../../crates/pdf/tests/common/mod.rs"]
mod common;
#[allow(dead_code)]
#[path = "../../crates/archive/tests/support/pdf_page.rs"]
mod pdf_page;

use std::path::Path;

/// The first occurrence of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `bytes` with the first `from` replaced by `to`.
fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    match find(bytes, from) {
        Some(i) => [&bytes[..i], to, &bytes[i + from.len()..]].concat(),
        None => bytes.to_vec(),
    }
}

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "corpus/pdf".into());
    let out = Path::new(&out);
    std::fs::create_dir_all(out).expect("the corpus folder");
    let one = common::test_pdf(1, None, false);
    let page = pdf_page::pdf(&[pdf_page::two_articles(1, true), pdf_page::two_articles(2, false)], Some(&["A", "B"]));
    let mut seeds: Vec<(&str, Vec<u8>)> = vec![
        ("page-one.pdf", one.clone()),
        ("pages-three-labels.pdf", common::test_pdf(3, None, true)),
        ("page-rotated.pdf", common::test_pdf(1, Some(90), false)),
        ("page-latin.pdf", common::latin_pdf()),
        ("encrypted.pdf", common::encrypted_pdf()),
        ("newspaper-two-pages.pdf", page.clone()),
    ];
    // Hand-broken copies: cut short (end marker kept), a wrong xref offset,
    // a stream longer than its data, a content stream of junk operators, a
    // page with no size, a huge and a thin page, a loop in the page tree.
    let mut cut = one[..one.len() / 2].to_vec();
    cut.extend_from_slice(b"\n%%EOF\n");
    seeds.push(("broken-cut.pdf", cut));
    let xref = find(&one, b"startxref\n").map(|i| i + 10).unwrap_or(0);
    let mut bad_xref = one[..xref].to_vec();
    bad_xref.extend_from_slice(b"17\n%%EOF\n");
    seeds.push(("broken-xref.pdf", bad_xref));
    seeds.push(("broken-length.pdf", replace(&page, b"/Length ", b"/Length 9")));
    seeds.push((
        "broken-content.pdf",
        common::raw_pdf(
            &[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length 96 >>\nstream\nq 1 0 0 -1 0 0 cm BT /F1 1e30 Tf (abc) Tj ET Q 0 0 m 1e9 1e9 l S [1 2 (x)] TJ /Im9 Do q q q Q\nendstream",
                "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /W [0 [500 -1e9]] >>",
            ],
            "",
        ),
    ));
    seeds.push(("broken-zero-size.pdf", replace(&one, b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 0 842]")));
    seeds.push(("broken-huge-size.pdf", replace(&one, b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 1 99999]")));
    seeds.push((
        "broken-tree-loop.pdf",
        common::raw_pdf(
            &[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            ],
            "",
        ),
    ));
    for (name, bytes) in seeds {
        std::fs::write(out.join(name), bytes).expect("a seed written");
    }
}
