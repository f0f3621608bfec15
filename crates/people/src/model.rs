//! The weights of the labeller and how it labels: a linear score per
//! character and label from its features, a score per pair of labels, and
//! the best sequence of labels under the BIOES rules (Viterbi).
//!
//! The file format (zstd-compressed, little-endian): `SZBNER1\0`, the number
//! of features per character, the scale of the weights, the label-pair
//! scores, then the features' hashes (sorted) and their weights, one `i16`
//! per label, and last the training notes as JSON. Not the training (see
//! `train`).

use crate::features::{self, PER_CHAR};
use crate::tags::{self, Span, LABELS};
use foldhash::HashMap;
use shuzibao_core::segment::Segmenter;
use table::Table;

mod table;

const MAGIC: &[u8; 8] = b"SZBNER1\0";

/// How many characters ahead labelling asks for the slots of the features
/// (3 was best of 2, 3, 4 and 6: the whole finder 13% faster, see
/// `bench/RESULTS.md`).
const AHEAD: usize = 3;

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not a model of this version.
    #[error("not an entity model of this version (bad header)")]
    Header,
    /// Cut short or damaged.
    #[error("the entity model is damaged: {0}")]
    Damaged(&'static str),
    /// zstd could not decompress it.
    #[error("the entity model could not be decompressed: {0}")]
    Compression(#[from] std::io::Error),
}

/// A trained labeller.
#[derive(Clone)]
pub struct Model {
    /// The weights of each feature, in units of `scale`.
    table: Table,
    /// What one unit of the weights is worth.
    scale: f32,
    /// `trans[prev][next]`; row `LABELS` is the text's start.
    trans: [[f32; LABELS]; LABELS + 1],
    /// How the model was trained (JSON), as the trainer wrote it.
    notes: String,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model").field("features", &self.table.len()).finish()
    }
}

impl Model {
    /// A model from dense weights (as the trainer holds them).
    pub(crate) fn from_parts(
        rows: HashMap<u32, u32>,
        weights: Vec<f32>,
        trans: [[f32; LABELS]; LABELS + 1],
        notes: String,
    ) -> Model {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(f32::MIN_POSITIVE);
        let scale = max / f32::from(i16::MAX);
        let entries = rows
            .iter()
            .map(|(&k, &r)| {
                let mut w = [0i16; LABELS];
                for (q, x) in w.iter_mut().zip(&weights[r as usize * LABELS..(r as usize + 1) * LABELS]) {
                    *q = (x / scale).round() as i16;
                }
                (k, w)
            })
            .collect();
        Model { table: Table::new(entries), scale, trans, notes }
    }

    /// The model without the features whose weights all stay within
    /// `eps` of zero.
    pub fn pruned(self, eps: f32) -> Model {
        let kept = self
            .table
            .entries()
            .into_iter()
            .filter(|(_, w)| w.iter().any(|&x| f32::from(x).abs() * self.scale > eps))
            .collect();
        Model { table: Table::new(kept), ..self }
    }

    /// The model with its training notes.
    pub fn with_notes(self, notes: String) -> Model {
        Model { notes, ..self }
    }

    /// How many features have weights.
    pub fn features(&self) -> usize {
        self.table.len()
    }

    /// The training notes the file carries (JSON).
    pub fn notes(&self) -> &str {
        &self.notes
    }

    /// The names in `text`, in order, as character spans.
    pub fn names(&self, text: &str, seg: &Segmenter) -> Vec<Span> {
        let f = features::extract(text, seg);
        tags::decode(&self.label(&f))
    }

    /// As [`Model::names`], from the base dictionary's cut of `text` made
    /// already.
    pub fn names_tagged(&self, text: &str, tagged: &[(std::ops::Range<usize>, &str)]) -> Vec<Span> {
        tags::decode(&self.label(&features::extract_tagged(text, tagged)))
    }

    /// The best labels for characters with features `f` ([`PER_CHAR`] each).
    pub fn label(&self, f: &[u32]) -> Vec<u8> {
        let n = f.len() / PER_CHAR;
        let mut scores = vec![0f32; n * LABELS];
        for (i, row) in scores.chunks_exact_mut(LABELS).enumerate() {
            // the table is far larger than the caches: the buckets of the
            // features a few characters on are asked for now, so that their
            // look-ups overlap instead of each waiting for memory
            if let Some(ahead) = f.get((i + AHEAD) * PER_CHAR..(i + AHEAD + 1) * PER_CHAR) {
                for &h in ahead {
                    self.table.prefetch(h);
                }
            }
            let mut sum = [0i32; LABELS];
            for h in &f[i * PER_CHAR..(i + 1) * PER_CHAR] {
                self.table.add(*h, &mut sum);
            }
            for (s, x) in row.iter_mut().zip(sum) {
                *s = x as f32 * self.scale;
            }
        }
        viterbi(&scores, &self.trans)
    }

    /// The model as a file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let entries = self.table.entries();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(PER_CHAR as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.trans {
            for t in row {
                out.extend_from_slice(&t.to_le_bytes());
            }
        }
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, _) in &entries {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for (_, w) in &entries {
            for x in w {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out.extend_from_slice(self.notes.as_bytes());
        zstd::bulk::compress(&out, 19).unwrap_or(out)
    }

    /// A model from its file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let raw = zstd::stream::decode_all(bytes)?;
        let mut r = Reader { b: &raw };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Header);
        }
        if r.u32()? as usize != PER_CHAR {
            return Err(ModelError::Damaged("another set of features"));
        }
        let scale = r.f32()?;
        let mut trans = [[0f32; LABELS]; LABELS + 1];
        for row in &mut trans {
            for t in row.iter_mut() {
                *t = r.f32()?;
            }
        }
        let n = r.u32()? as usize;
        let keys = (0..n).map(|_| r.u32()).collect::<Result<Vec<u32>, _>>()?;
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            return Err(ModelError::Damaged("a feature twice"));
        }
        let block = r.take(n * LABELS * 2)?;
        let entries = keys
            .into_iter()
            .zip(block.chunks_exact(LABELS * 2))
            .map(|(k, row)| {
                let mut w = [0i16; LABELS];
                for (x, c) in w.iter_mut().zip(row.chunks_exact(2)) {
                    *x = i16::from_le_bytes([c[0], c[1]]);
                }
                (k, w)
            })
            .collect();
        let notes = String::from_utf8(r.b.to_vec()).map_err(|_| ModelError::Damaged("notes not UTF-8"))?;
        Ok(Model { table: Table::new(entries), scale, trans, notes })
    }
}

struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.b.len() < n {
            return Err(ModelError::Damaged("cut short"));
        }
        let (h, t) = self.b.split_at(n);
        self.b = t;
        Ok(h)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
}

/// For each label, the labels that may come before it (the first `n` of
/// the array; no allocation, as it is made for every text).
fn before() -> [([u8; LABELS], usize); LABELS] {
    std::array::from_fn(|l| {
        let mut out = ([0u8; LABELS], 0);
        for p in 0..LABELS as u8 {
            if tags::may_follow(Some(p), Some(l as u8)) {
                out.0[out.1] = p;
                out.1 += 1;
            }
        }
        out
    })
}

/// The best labels given per-character scores (`LABELS` per character) and
/// label-pair scores, never breaking a name apart.
pub(crate) fn viterbi(scores: &[f32], trans: &[[f32; LABELS]; LABELS + 1]) -> Vec<u8> {
    let n = scores.len() / LABELS;
    if n == 0 {
        return Vec::new();
    }
    let before = before();
    let mut best = [f32::NEG_INFINITY; LABELS];
    let mut back = vec![0u8; n * LABELS];
    for (l, b) in best.iter_mut().enumerate() {
        if tags::may_follow(None, Some(l as u8)) {
            *b = trans[LABELS][l] + scores[l];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; LABELS];
        for l in 0..LABELS {
            let (mut top, mut arg) = (f32::NEG_INFINITY, 0u8);
            let (ps, k) = &before[l];
            for &p in &ps[..*k] {
                let s = best[p as usize] + trans[p as usize][l];
                if s > top {
                    (top, arg) = (s, p);
                }
            }
            next[l] = top + scores[i * LABELS + l];
            back[i * LABELS + l] = arg;
        }
        best = next;
    }
    let mut l = (0..LABELS)
        .filter(|&l| tags::may_follow(Some(l as u8), None))
        .max_by(|&a, &b| best[a].total_cmp(&best[b]))
        .unwrap_or(0);
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = l as u8;
        l = back[i * LABELS + l] as usize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_keeps_names_whole() {
        // per-character scores favour B-PER then O: the rules forbid a name
        // left open, so the best whole sequence is chosen
        let mut scores = vec![0f32; 2 * LABELS];
        scores[1] = 5.0; // B-PER at 0
        scores[LABELS] = 4.0; // O at 1
        scores[LABELS + 3] = 3.0; // E-PER at 1
        let trans = [[0f32; LABELS]; LABELS + 1];
        assert_eq!(viterbi(&scores, &trans), vec![1, 3]);
    }

    #[test]
    fn a_model_survives_its_file() {
        let mut rows = HashMap::default();
        rows.insert(7u32, 0u32);
        rows.insert(9u32, 1u32);
        let mut weights = vec![0f32; 2 * LABELS];
        weights[3] = 1.5;
        weights[LABELS + 4] = -0.25;
        let trans = [[0.5f32; LABELS]; LABELS + 1];
        let m = Model::from_parts(rows, weights, trans, "{\"x\":1}".into());
        let back = Model::from_bytes(&m.to_bytes()).expect("reads back");
        assert_eq!(back.features(), 2);
        assert_eq!(back.notes(), "{\"x\":1}");
        let w = back.table.get(7).expect("feature 7 kept");
        assert!((f32::from(w[3]) * back.scale - 1.5).abs() < 1e-3);
        let w = back.table.get(9).expect("feature 9 kept");
        assert!((f32::from(w[4]) * back.scale + 0.25).abs() < 1e-3);
        assert!(Model::from_bytes(b"not a model").is_err());
        let bytes = m.to_bytes();
        assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }
}
