//! Bytes to text: finds the encoding of an issue file and decodes it.
//!
//! Papers reach us as UTF-8 (with or without BOM), as GB18030/GBK from older
//! Windows tools, and now and then as UTF-16. This module detects which, with
//! `encoding_rs` and `chardetng`, and refuses input that is empty or binary.
//! It does not touch line endings or white space: offsets into the returned
//! text are the provenance of everything the parser finds.

use crate::error::DecodeError;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from an issue file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without byte-order mark.
    pub text: String,
    /// The name of the encoding it was in (`UTF-8`, `gb18030`, `UTF-16LE`…).
    pub encoding: &'static str,
    /// Byte sequences that could not be decoded and were kept as U+FFFD
    /// (a truncated last character, a stray byte): to be reported.
    pub replaced: usize,
}

/// The largest issue file read: a whole issue's text is a few hundred
/// kilobytes; anything near this is not one issue.
pub const MAX_BYTES: usize = 64 << 20;

/// Decodes the bytes of an issue file.
///
/// ```
/// use shuzibao_core::decode;
/// let gbk = [0xd0, 0xec, 0xbb, 0xe3, 0xb1, 0xa8]; // 徐汇报 in GBK
/// let text = decode(&gbk).unwrap();
/// assert_eq!(text.text, "徐汇报");
/// assert_eq!(text.encoding, "gb18030");
/// assert!(decode(b"  \n").is_err());
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_BYTES {
        return Err(DecodeError::TooLarge { bytes: bytes.len(), max: MAX_BYTES });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => {
            let body = &bytes[bom_len..];
            if enc != UTF_8 && looks_like_utf8(body) {
                return Err(DecodeError::WrongBom { declared: enc.name(), actual: "UTF-8" });
            }
            (enc, body)
        }
        None => (sniff(bytes), bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let text = text.into_owned();
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    check_text(&text)?;
    let mut replaced = 0;
    if had_errors {
        let total = text.chars().count();
        replaced = text.chars().filter(|&c| c == '\u{fffd}').count();
        // A few bad bytes (a truncated last character, a stray byte from a
        // broken extraction) are kept as U+FFFD; many mean the guess is wrong.
        if replaced > 3 && replaced * 50 > total {
            return Err(DecodeError::Undecodable { encoding: name(encoding), undecodable: replaced, total });
        }
    }
    Ok(Decoded { text, encoding: name(encoding), replaced })
}

/// Whether bytes behind a UTF-16 byte-order mark are in fact UTF-8 text
/// with non-ASCII characters: valid UTF-8 with multi-byte sequences and no
/// NUL (which UTF-16 puts beside every ASCII character). Read as UTF-16
/// they would become a page of unrelated Han and Hangul characters.
fn looks_like_utf8(body: &[u8]) -> bool {
    body.len() >= 8 && !body.contains(&0) && body.iter().any(|&b| b >= 0x80) && std::str::from_utf8(body).is_ok()
}

fn name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 || enc.name() == "GBK" {
        "gb18030"
    } else {
        enc.name()
    }
}

/// Guesses the encoding of bytes without a BOM.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    if let Some(enc) = utf16_without_bom(bytes) {
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    // A file cut in the middle of its last character is still UTF-8.
    if let Err(e) = std::str::from_utf8(bytes) {
        if e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len() {
            return UTF_8;
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    // Chinese text that is not UTF-8 is GBK or its superset GB18030; decode with
    // the superset so that every GBK file and the rarer four-byte forms read.
    if guess.name() == "GBK" || guess == GB18030 {
        GB18030
    } else {
        guess
    }
}

/// UTF-16 without a BOM shows as a NUL beside every line break and space:
/// `0A 00` little-endian, `00 0A` big-endian. Han characters never pair a NUL
/// with a white-space byte, so counting those pairs tells the byte order.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        match pair {
            [0, b] if b.is_ascii_whitespace() => even += 1,
            [a, 0] if a.is_ascii_whitespace() => odd += 1,
            _ => {}
        }
    }
    let units = bytes.len() / 2;
    let enough = |n: usize| n * 50 >= units || n >= 8;
    if enough(odd) && odd >= 8 * even {
        Some(UTF_16LE)
    } else if enough(even) && even >= 8 * odd {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Refuses text that holds control characters other than tab, line feed,
/// carriage return and form feed: the sign of a binary file.
fn check_text(text: &str) -> Result<(), DecodeError> {
    let mut bad = 0usize;
    let mut first = None;
    for (i, c) in text.char_indices() {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            bad += 1;
            first.get_or_insert((i, c));
        }
    }
    match first {
        // One stray control character in a long text is damage, not a binary file.
        Some((offset, c)) if bad * 200 > text.len() || c == '\0' => {
            Err(DecodeError::Binary { offset, byte: (c as u32 & 0xff) as u8 })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let d = decode("\u{feff}徐汇报".as_bytes()).unwrap();
        assert_eq!(d.text, "徐汇报");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "第3期(总第1657期)\r\n徐汇报\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&be).unwrap().text, text);
        let mut bom = vec![0xff, 0xfe];
        bom.extend(&le);
        assert_eq!(decode(&bom).unwrap().text, text);
    }

    #[test]
    fn gbk_is_read_as_gb18030() {
        let text = "本报讯 1月11日上午，徐汇区人民政府和上海漕河泾新兴技术开发区召开区区合作会议。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn empty_and_blank_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \r\n\t"), Err(DecodeError::Empty));
        assert_eq!(decode("\u{feff}".as_bytes()), Err(DecodeError::Empty));
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert!(matches!(decode(png), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn a_utf16_mark_on_utf8_text_is_refused() {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend("本报讯 1月11日上午，徐汇区召开会议。".as_bytes());
        assert_eq!(decode(&bytes), Err(DecodeError::WrongBom { declared: "UTF-16LE", actual: "UTF-8" }));
        let mut bytes = vec![0xfe, 0xff];
        bytes.extend("徐汇报 第3期".as_bytes());
        assert!(matches!(decode(&bytes), Err(DecodeError::WrongBom { declared: "UTF-16BE", .. })));
    }

    #[test]
    fn a_utf8_mark_on_gbk_text_is_undecodable() {
        let (gbk, _, _) =
            GB18030.encode("本报讯 1月11日上午，徐汇区人民政府和上海漕河泾新兴技术开发区召开区区合作会议。");
        let mut bytes = vec![0xef, 0xbb, 0xbf];
        bytes.extend(gbk.iter());
        assert!(matches!(decode(&bytes), Err(DecodeError::Undecodable { encoding: "UTF-8", .. })));
    }

    #[test]
    fn too_large_is_refused_before_decoding() {
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(decode(&big), Err(DecodeError::TooLarge { bytes: MAX_BYTES + 1, max: MAX_BYTES }));
    }

    #[test]
    fn truncated_last_character_is_kept_as_replacement() {
        let mut bytes = "记者 刘坤 陈文卿".as_bytes().to_vec();
        bytes.pop();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("记者 刘坤 陈文"));
        assert!(d.text.ends_with('\u{fffd}'));
        assert_eq!(d.replaced, 1);
        assert_eq!(decode("记者".as_bytes()).unwrap().replaced, 0);
    }
}
