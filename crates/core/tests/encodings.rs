//! The same issue read from GB18030, UTF-16 (with and without BOM), UTF-8
//! with BOM and CRLF line ends parses to the same articles.

use crate::common::sample;
use shuzibao_core::{parse_bytes, DecodeError};

fn titles(bytes: &[u8]) -> Vec<String> {
    let (issue, _) = parse_bytes(bytes).expect("decodes");
    issue.articles.iter().map(|a| a.headline.title.clone()).collect()
}

#[test]
fn same_articles_in_every_encoding() {
    let text = sample("xuhuibao-2023-09-18");
    let want = titles(text.as_bytes());
    assert_eq!(want.len(), 3);
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert_eq!(titles(&gb), want, "GB18030");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(titles(&le), want, "UTF-16LE without BOM");
    let mut be = vec![0xfe, 0xff];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(titles(&be), want, "UTF-16BE with BOM");
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend(text.replace('\n', "\r\n").as_bytes());
    assert_eq!(titles(&bom), want, "UTF-8 with BOM and CRLF");
}

#[test]
fn crlf_keeps_spans_exact() {
    let text = sample("xuhuibao-2022-01-17").replace('\n', "\r\n");
    let (issue, decoded) = parse_bytes(text.as_bytes()).unwrap();
    for a in &issue.articles {
        for p in &a.paragraphs {
            let raw = &decoded.text[p.span.start..p.span.end];
            assert!(!raw.ends_with('\r'), "span includes the carriage return: {raw:?}");
        }
    }
}

#[test]
fn empty_and_binary_inputs_are_errors_not_issues() {
    assert_eq!(parse_bytes(b"").unwrap_err(), DecodeError::Empty);
    assert_eq!(parse_bytes(b"\n\n  \n").unwrap_err(), DecodeError::Empty);
    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
    assert!(matches!(parse_bytes(elf).unwrap_err(), DecodeError::Binary { .. }));
}
