//! The archive's large values that are read rarely or by one row at a time,
//! compressed with zstd: each version's raw text and issue-level JSON, and
//! each article's paragraphs.
//!
//! A packed value is a BLOB holding one zstd frame (which records its
//! uncompressed size); a TEXT value is the same thing unpacked, as archives
//! before schema 6 wrote it and as [`Store::upgrade`](crate::Store::upgrade)
//! finds it until it has packed that row. Readers take either, so an archive
//! half-way through its upgrade reads exactly as before.
//!
//! An article's paragraphs are compressed with the raw text of the version
//! they were parsed from as zstd's dictionary: the paragraphs are that text
//! cut up, so they pack to a few bytes a line. That raw text never changes
//! (a new text is a new version; the articles name theirs in `version_id`).

use rusqlite::types::{Type, ValueRef};

/// zstd's level: 3 (its default) packs the text as well as 9 does, within
/// 2%, and five times faster.
const LEVEL: i32 = 3;

/// The most a packed value may unpack to (a damaged header is refused
/// rather than allocated).
const MAX_UNPACKED: usize = 1 << 30;

/// Packs `text`; with `dict` (a version's raw text), against it.
pub(crate) fn pack(text: &str, dict: Option<&str>) -> std::io::Result<Vec<u8>> {
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        let c = match &mut *c {
            Some(c) => c,
            empty => empty.insert(zstd::bulk::Compressor::new(LEVEL)?),
        };
        // (an empty dictionary is none: zstd's own rule)
        c.set_dictionary(LEVEL, dict.unwrap_or("").as_bytes())?;
        c.compress(text.as_bytes())
    })
}

thread_local! {
    // a zstd context holds hundreds of KB of tables: made once a thread,
    // not once a value (making them was 3% of an ingest's time)
    static COMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
        const { std::cell::RefCell::new(None) };
    static DECOMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
        const { std::cell::RefCell::new(None) };
}

/// [`pack`], for the store's writers.
pub(crate) fn packed(text: &str, dict: Option<&str>) -> Result<Vec<u8>, crate::StoreError> {
    pack(text, dict).map_err(|e| crate::StoreError::Corrupt(format!("cannot pack a value: {e}")))
}

/// The text of a stored value, packed (BLOB) or not (TEXT); `dict` as it was
/// packed with.
pub(crate) fn unpack(v: ValueRef<'_>, dict: Option<&str>) -> Result<String, UnpackError> {
    match v {
        ValueRef::Text(t) => Ok(std::str::from_utf8(t)?.to_string()),
        ValueRef::Blob(b) => {
            let size =
                zstd::bulk::Decompressor::upper_bound(b).filter(|n| *n <= MAX_UNPACKED).ok_or(UnpackError::Size)?;
            let bytes = DECOMPRESSOR.with(|d| -> std::io::Result<Vec<u8>> {
                let mut d = d.borrow_mut();
                let d = match &mut *d {
                    Some(d) => d,
                    empty => empty.insert(zstd::bulk::Decompressor::new()?),
                };
                d.set_dictionary(dict.unwrap_or("").as_bytes())?;
                d.decompress(b, size)
            })?;
            Ok(String::from_utf8(bytes).map_err(|e| e.utf8_error())?)
        }
        other => Err(UnpackError::Type(other.data_type())),
    }
}

/// Column `i` of a row, unpacked (for row mappers).
pub(crate) fn text_at(r: &rusqlite::Row<'_>, i: usize, dict: Option<&str>) -> rusqlite::Result<String> {
    let v = r.get_ref(i)?;
    unpack(v, dict).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), Box::new(e)))
}

/// A stored value that does not unpack: a damaged file or a bug.
#[derive(Debug, thiserror::Error)]
pub(crate) enum UnpackError {
    #[error("packed value: {0}")]
    Zstd(#[from] std::io::Error),
    #[error("packed value with no or an impossible size")]
    Size,
    #[error("stored text is not UTF-8: {0}")]
    Utf8(#[from] std::str::Utf8Error),
    #[error("a {0} where text was expected")]
    Type(Type),
}

impl From<UnpackError> for crate::StoreError {
    fn from(e: UnpackError) -> Self {
        crate::StoreError::Corrupt(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn packed_and_plain_values_read_back_the_same() {
        let raw = "社区食堂开到家门口\n\n本报讯 近日，北街街道第三家社区食堂开门迎客。";
        let para = r#"[{"text":"本报讯 近日，北街街道第三家社区食堂开门迎客。","role":"text"}]"#;
        for dict in [None, Some(raw), Some(""), Some("短")] {
            for text in [raw, para, "", "a"] {
                let packed = pack(text, dict).unwrap();
                assert_eq!(unpack(ValueRef::Blob(&packed), dict).unwrap(), text);
                assert_eq!(unpack(ValueRef::Text(text.as_bytes()), dict).unwrap(), text);
            }
        }
        // against the raw text, the paragraphs are a few bytes
        assert!(pack(para, Some(raw)).unwrap().len() < pack(para, None).unwrap().len() / 2);
        assert!(unpack(ValueRef::Blob(b"not zstd"), None).is_err());
        assert!(unpack(ValueRef::Integer(1), None).is_err());
    }
}
