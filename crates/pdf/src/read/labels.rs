//! Page labels (`/PageLabels` in the document catalog): the number tree of
//! label ranges, and the label of each page from its range's style, prefix
//! and start (`A-1`, `iv`, `第3版`).
//!
//! Not here: guessing a page's number from its printed text (that is the
//! layout's), or anything about page content.

use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, Object, String as PdfString};
use hayro_interpret::hayro_syntax::Pdf;

/// How deep a number tree is followed; deeper trees are damaged or hostile.
const MAX_TREE_DEPTH: usize = 16;

/// One label range: from page `start` (0-based) on, until the next range.
struct Range {
    start: usize,
    style: Option<u8>,
    prefix: String,
    first: usize,
}

/// The label of every page of the document (`None` where no range applies
/// or the document has no labels).
pub(crate) fn page_labels(pdf: &Pdf, count: usize) -> Vec<Option<String>> {
    let xref = pdf.xref();
    let Some(catalog) = xref.get::<Dict<'_>>(xref.root_id()) else { return vec![None; count] };
    let Some(tree) = catalog.get::<Dict<'_>>(b"PageLabels") else { return vec![None; count] };
    let mut ranges = Vec::new();
    collect(&tree, 0, &mut ranges);
    ranges.sort_by_key(|r| r.start);
    (0..count).map(|i| ranges.iter().rev().find(|r| r.start <= i).map(|r| label(r, i))).collect()
}

/// Walks a number tree node into `out`.
fn collect(node: &Dict<'_>, depth: usize, out: &mut Vec<Range>) {
    if depth > MAX_TREE_DEPTH || out.len() > 100_000 {
        return;
    }
    if let Some(nums) = node.get::<Array<'_>>(b"Nums") {
        let mut it = nums.iter::<Object<'_>>();
        while let (Some(key), Some(value)) = (it.next(), it.next()) {
            let (Some(start), Some(dict)) = (key.into_i32(), value.into_dict()) else { continue };
            let Ok(start) = usize::try_from(start) else { continue };
            out.push(Range {
                start,
                style: dict.get::<Name<'_>>(b"S").and_then(|s| s.as_str().bytes().next()),
                prefix: dict.get::<PdfString<'_>>(b"P").map(|p| text_string(p.as_bytes())).unwrap_or_default(),
                first: dict.get::<i32>(b"St").and_then(|n| usize::try_from(n).ok()).filter(|&n| n >= 1).unwrap_or(1),
            });
        }
    }
    if let Some(kids) = node.get::<Array<'_>>(b"Kids") {
        for kid in kids.iter::<Dict<'_>>() {
            collect(&kid, depth + 1, out);
        }
    }
}

/// The label of page `i` (0-based) in its range.
fn label(r: &Range, i: usize) -> String {
    let n = r.first.saturating_add(i - r.start);
    let number = match r.style {
        Some(b'D') => n.to_string(),
        Some(b'R') => roman(n).to_uppercase(),
        Some(b'r') => roman(n),
        Some(b'A') => letters(n).to_uppercase(),
        Some(b'a') => letters(n),
        _ => String::new(),
    };
    format!("{}{}", r.prefix, number)
}

/// Lower-case roman numerals (numbers above 4999 are written in decimal).
fn roman(mut n: usize) -> String {
    if n == 0 || n > 4999 {
        return n.to_string();
    }
    let table = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// `a`..`z`, then `aa`..`zz`, … as the PDF specification numbers pages.
fn letters(n: usize) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, (n - 1) / 26 + 1).take(1000).collect()
}

/// A PDF text string: UTF-16BE with a byte-order mark, UTF-8 with one, or
/// PDFDocEncoding (read as Latin-1, which agrees on the printable range).
pub(crate) fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(roman(1994), "mcmxciv");
        assert_eq!(roman(4), "iv");
        assert_eq!(letters(1), "a");
        assert_eq!(letters(27), "aa");
        assert_eq!(text_string(b"\xFE\xFF\x7B\x2C"), "第");
        assert_eq!(text_string(b"A-"), "A-");
    }
}
