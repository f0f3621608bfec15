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
//! A version's raw text is packed with a dictionary trained on the archive's
//! own raw texts once it has enough of them ([`Dictionaries`]): a page of
//! two or three thousand characters is too short for zstd to find much to
//! reuse in itself, and the words, phrases and furniture of one paper's
//! pages are what a dictionary holds (30k articles of 人民日报: the raw
//! texts pack to 0.57 of their size alone, 0.45 with a dictionary). A
//! frame names its dictionary, so texts packed before one was trained, or
//! with an older one, read as they are.
//!
//! An article's paragraphs are compressed with the raw text of the version
//! they were parsed from as zstd's dictionary: the paragraphs are that text
//! cut up, so they pack to a few bytes a line. That raw text never changes
//! (a new text is a new version; the articles name theirs in `version_id`).

use crate::db::{p, Db, Raw, Row};
use std::collections::HashMap;
use std::sync::Mutex;

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
pub(crate) fn unpack(v: Raw<'_>, dict: Option<&str>) -> Result<String, UnpackError> {
    match v {
        Raw::Text(t) => Ok(std::str::from_utf8(t)?.to_string()),
        Raw::Blob(b) => {
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
        Raw::Null => Err(UnpackError::Type("NULL")),
        Raw::Other(t) => Err(UnpackError::Type(t)),
    }
}

/// Column `i` of a row, unpacked (for row mappers).
pub(crate) fn text_at(r: &Row<'_>, i: usize, dict: Option<&str>) -> Result<String, crate::StoreError> {
    Ok(unpack(r.raw(i)?, dict)?)
}

/// Train a first dictionary once the archive holds this many raw texts.
const TRAIN_AFTER: i64 = 1_000;

/// Train a new one once the archive holds this many times the texts it held
/// when the last was trained (1,000, 16,000, 256,000 …): a larger archive
/// gives a better sample.
const RETRAIN_GROWTH: i64 = 16;

/// Texts a dictionary is trained on, spread over the archive.
const SAMPLES: i64 = 4_000;

/// A dictionary's size: zstd's own default is 110 KB.
const DICTIONARY_BYTES: usize = 128 * 1024;

/// The dictionaries trained on the archive's raw texts (table
/// `dictionaries`), each with a zstd context that holds it loaded: loading
/// a dictionary costs more than packing a page, so a context is made once
/// per dictionary and kept.
#[derive(Default)]
pub(crate) struct Dictionaries {
    /// The newest dictionary, which new texts are packed with, and the
    /// archive's size (texts) when it was trained.
    packer: Mutex<Option<Packer>>,
    /// A context for each dictionary a text was read with, by id.
    unpackers: Mutex<HashMap<u32, zstd::bulk::Decompressor<'static>>>,
    /// No training before the archive holds this many texts (after zstd
    /// could not train on fewer).
    retry_at: Mutex<i64>,
}

struct Packer {
    texts_then: i64,
    context: zstd::bulk::Compressor<'static>,
}

impl Dictionaries {
    /// Takes the newest dictionary of the archive for packing (none yet:
    /// texts are packed alone).
    pub(crate) fn load(&self, db: &Db) -> Result<(), crate::StoreError> {
        // (`rowid` is `id` on SQLite: the order is the same on both)
        let newest: Option<(i64, Vec<u8>)> =
            db.query_opt("SELECT texts_then, bytes FROM dictionaries ORDER BY id DESC LIMIT 1", p![], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if let Some((texts_then, bytes)) = newest {
            let context = zstd::bulk::Compressor::with_dictionary(LEVEL, &bytes).map_err(corrupt)?;
            *lock(&self.packer) = Some(Packer { texts_then, context });
        }
        Ok(())
    }

    /// Packs a raw text with the newest dictionary, or alone when there is none.
    pub(crate) fn pack_raw(&self, text: &str) -> Result<Vec<u8>, crate::StoreError> {
        match &mut *lock(&self.packer) {
            Some(p) => p.context.compress(text.as_bytes()).map_err(corrupt),
            None => packed(text, None),
        }
    }

    /// Whether a dictionary is due: none yet and at least [`TRAIN_AFTER`]
    /// texts, or [`RETRAIN_GROWTH`] times the texts the newest saw.
    fn due(&self, texts: i64) -> bool {
        if texts < *lock(&self.retry_at) {
            return false;
        }
        match &*lock(&self.packer) {
            None => texts >= TRAIN_AFTER,
            Some(p) => texts >= p.texts_then.saturating_mul(RETRAIN_GROWTH),
        }
    }

    /// Trains a dictionary on up to [`SAMPLES`] raw texts spread over the
    /// archive, when one is due, stores it and packs with it from then on.
    /// Returns whether it did. Texts too few or too alike for zstd to train
    /// on leave things as they are.
    pub(crate) fn train_if_due(&self, db: &Db) -> Result<bool, crate::StoreError> {
        let texts: i64 = db.value("SELECT coalesce(max(id), 0) FROM issue_versions", p![])?;
        if !self.due(texts) {
            return Ok(false);
        }
        let step = (texts / SAMPLES).max(1);
        let mut samples: Vec<String> = Vec::new();
        let mut id = 1;
        while id <= texts {
            let text =
                db.query_opt("SELECT raw_text FROM issue_versions WHERE id = ?1", p![id], |r| self.raw_at(r, 0, db))?;
            if let Some(text) = text {
                samples.push(text);
            }
            id += step;
        }
        let Ok(dictionary) = zstd::dict::from_samples(&samples, DICTIONARY_BYTES) else {
            // too few or too short texts for zstd: tried again when the
            // archive is twice the size (texts are packed alone until then)
            *lock(&self.retry_at) = texts.saturating_mul(2);
            return Ok(false);
        };
        let Some(id) = zstd::zstd_safe::get_dict_id_from_dict(&dictionary) else { return Ok(false) };
        db.execute(
            "INSERT INTO dictionaries (id, texts_then, samples, bytes, trained_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO NOTHING",
            p![id.get(), texts, samples.len(), dictionary, crate::now()],
        )?;
        self.load(db)?;
        Ok(true)
    }

    /// Column `i` of a row, a raw text: packed with a dictionary (read from
    /// `conn` the first time), packed alone, or not packed.
    pub(crate) fn raw_at(&self, r: &Row<'_>, i: usize, db: &Db) -> Result<String, crate::StoreError> {
        Ok(self.unpack_raw(r.raw(i)?, db)?)
    }

    fn unpack_raw(&self, v: Raw<'_>, db: &Db) -> Result<String, UnpackError> {
        let Raw::Blob(b) = v else { return unpack(v, None) };
        let Some(id) = zstd::zstd_safe::get_dict_id_from_frame(b) else { return unpack(v, None) };
        let size = zstd::bulk::Decompressor::upper_bound(b).filter(|n| *n <= MAX_UNPACKED).ok_or(UnpackError::Size)?;
        let mut unpackers = lock(&self.unpackers);
        let d = match unpackers.entry(id.get()) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let bytes: Vec<u8> = db
                    .query_opt("SELECT bytes FROM dictionaries WHERE id = ?1", p![id.get()], |r| r.get(0))
                    .map_err(|_| UnpackError::Dictionary(id.get()))?
                    .ok_or(UnpackError::Dictionary(id.get()))?;
                e.insert(zstd::bulk::Decompressor::with_dictionary(&bytes)?)
            }
        };
        let bytes = d.decompress(b, size)?;
        Ok(String::from_utf8(bytes).map_err(|e| e.utf8_error())?)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn corrupt(e: std::io::Error) -> crate::StoreError {
    crate::StoreError::Corrupt(format!("cannot pack a value: {e}"))
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
    Type(&'static str),
    #[error("packed with dictionary {0}, which the archive does not have")]
    Dictionary(u32),
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
                assert_eq!(unpack(Raw::Blob(&packed), dict).unwrap(), text);
                assert_eq!(unpack(Raw::Text(text.as_bytes()), dict).unwrap(), text);
            }
        }
        // against the raw text, the paragraphs are a few bytes
        assert!(pack(para, Some(raw)).unwrap().len() < pack(para, None).unwrap().len() / 2);
        assert!(unpack(Raw::Blob(b"not zstd"), None).is_err());
        assert!(unpack(Raw::Other("integer"), None).is_err());
    }
}
