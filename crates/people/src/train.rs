//! Training: an averaged structured perceptron (Collins 2002) over the
//! features of `features`, deterministic (a fixed shuffle per epoch, rows in
//! the order of their hashes), keeping the epoch that scores best on the
//! development sentences. Scoring: exact spans, per kind.
//!
//! Not the reading of the sets (see `corpus`), nor the model's file.

use crate::corpus::Sentence;
use crate::features::{self, PER_CHAR};
use crate::model::{viterbi, Model};
use crate::tags::{self, Kind, Span, LABELS};
use foldhash::{HashMap, HashMapExt};
use shuzibao_core::segment::Segmenter;

/// A sentence as the trainer sees it.
#[derive(Debug, Clone)]
pub struct Example {
    /// Features, [`PER_CHAR`] per character.
    pub features: Vec<u32>,
    /// The gold label of each character.
    pub labels: Vec<u8>,
}

impl Example {
    /// The example of an annotated sentence.
    pub fn new(s: &Sentence, seg: &Segmenter) -> Example {
        let n = s.text.chars().count();
        Example { features: features::extract(&s.text, seg), labels: tags::encode(&s.names, n) }
    }
}

/// How to train.
#[derive(Debug, Clone)]
pub struct Options {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// A feature seen fewer times than this in training gets no weight.
    pub min_count: u32,
    /// A feature whose averaged weights all stay below this is dropped
    /// from the file.
    pub prune: f32,
    /// Seed of the shuffle.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { epochs: 20, min_count: 2, prune: 0.01, seed: 2026 }
    }
}

/// Precision, recall and F1 of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    /// Names found that are right.
    pub right: usize,
    /// Names found.
    pub found: usize,
    /// Names in the gold.
    pub gold: usize,
}

impl Score {
    /// right / found.
    pub fn precision(&self) -> f64 {
        self.right as f64 / self.found.max(1) as f64
    }
    /// right / gold.
    pub fn recall(&self) -> f64 {
        self.right as f64 / self.gold.max(1) as f64
    }
    /// The harmonic mean of the two.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Scores per kind ([`Kind::ALL`] order), comparing spans exactly.
pub fn score(gold: &[Vec<Span>], found: &[Vec<Span>]) -> [Score; 3] {
    let mut out = [Score::default(); 3];
    for (g, f) in gold.iter().zip(found) {
        for (k, kind) in Kind::ALL.iter().enumerate() {
            let gs: Vec<&Span> = g.iter().filter(|s| s.kind == *kind).collect();
            let fs: Vec<&Span> = f.iter().filter(|s| s.kind == *kind).collect();
            out[k].gold += gs.len();
            out[k].found += fs.len();
            out[k].right += fs.iter().filter(|s| gs.contains(s)).count();
        }
    }
    out
}

/// Rows of the features kept, by hash.
fn rows(train: &[Example], min_count: u32) -> HashMap<u32, u32> {
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for e in train {
        for &h in &e.features {
            *counts.entry(h).or_insert(0) += 1;
        }
    }
    let mut kept: Vec<u32> = counts.into_iter().filter(|&(_, c)| c >= min_count).map(|(h, _)| h).collect();
    kept.sort_unstable();
    kept.into_iter().enumerate().map(|(r, h)| (h, r as u32)).collect()
}

/// A small deterministic generator for the shuffle (xorshift64*).
struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains a model on `train`, keeping the epoch with the best mean F1 over
/// the kinds on `dev`; `log` hears one line per epoch.
pub fn train(train: &[Example], dev: &[Example], opts: &Options, mut log: impl FnMut(&str)) -> Model {
    let rows = rows(train, opts.min_count);
    let nrows = rows.len();
    let feats: Vec<Vec<u32>> =
        train.iter().map(|e| e.features.iter().map(|h| rows.get(h).copied().unwrap_or(u32::MAX)).collect()).collect();
    let mut w = vec![0f64; nrows * LABELS];
    let mut u = vec![0f64; nrows * LABELS];
    let mut tw = [[0f64; LABELS]; LABELS + 1];
    let mut tu = [[0f64; LABELS]; LABELS + 1];
    let mut c = 1f64;
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Shuffle(opts.seed.max(1));
    let mut best: Option<(f64, Model)> = None;
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        let mut wrong = 0usize;
        for &k in &order {
            let (f, gold) = (&feats[k], &train[k].labels);
            let n = gold.len();
            let mut scores = vec![0f32; n * LABELS];
            for i in 0..n {
                for &r in &f[i * PER_CHAR..(i + 1) * PER_CHAR] {
                    if r == u32::MAX {
                        continue;
                    }
                    let row = &w[r as usize * LABELS..(r as usize + 1) * LABELS];
                    for (s, x) in scores[i * LABELS..(i + 1) * LABELS].iter_mut().zip(row) {
                        *s += *x as f32;
                    }
                }
            }
            let trans32 = tw.map(|row| row.map(|x| x as f32));
            let guess = viterbi(&scores, &trans32);
            if guess != *gold {
                wrong += 1;
            }
            for i in 0..n {
                let (g, p) = (gold[i] as usize, guess[i] as usize);
                if g != p {
                    for &r in &f[i * PER_CHAR..(i + 1) * PER_CHAR] {
                        if r == u32::MAX {
                            continue;
                        }
                        let r = r as usize * LABELS;
                        w[r + g] += 1.0;
                        u[r + g] += c;
                        w[r + p] -= 1.0;
                        u[r + p] -= c;
                    }
                }
                let (gp, pp) = if i == 0 { (LABELS, LABELS) } else { (gold[i - 1] as usize, guess[i - 1] as usize) };
                if (gp, g) != (pp, p) {
                    tw[gp][g] += 1.0;
                    tu[gp][g] += c;
                    tw[pp][p] -= 1.0;
                    tu[pp][p] -= c;
                }
            }
            c += 1.0;
        }
        let avg: Vec<f32> = w.iter().zip(&u).map(|(w, u)| (w - u / c) as f32).collect();
        let mut trans = [[0f32; LABELS]; LABELS + 1];
        for (p, row) in trans.iter_mut().enumerate() {
            for (l, t) in row.iter_mut().enumerate() {
                *t = (tw[p][l] - tu[p][l] / c) as f32;
            }
        }
        let model = Model::from_parts(rows.clone(), avg, trans, String::new());
        let s = evaluate(&model, dev);
        let mean = s.iter().map(Score::f1).sum::<f64>() / 3.0;
        log(&format!(
            "epoch {epoch}: {wrong} of {} sentences wrong; dev F1 person {:.4} organisation {:.4} place {:.4}",
            train.len(),
            s[0].f1(),
            s[1].f1(),
            s[2].f1()
        ));
        if best.as_ref().is_none_or(|(b, _)| mean > *b) {
            best = Some((mean, model));
        }
    }
    let model = best
        .map(|(_, m)| m)
        .unwrap_or_else(|| Model::from_parts(rows, Vec::new(), [[0.0; LABELS]; LABELS + 1], String::new()));
    model.pruned(opts.prune)
}

/// The model's scores on labelled examples.
pub fn evaluate(model: &Model, examples: &[Example]) -> [Score; 3] {
    let gold: Vec<Vec<Span>> = examples.iter().map(|e| tags::decode(&e.labels)).collect();
    let found: Vec<Vec<Span>> = examples.iter().map(|e| tags::decode(&model.label(&e.features))).collect();
    score(&gold, &found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    #[test]
    fn learns_names_from_a_handful_of_sentences() {
        let seg = Segmenter::base();
        let data = "\
区长/o 王小明/nr 在/o 徐汇区/ns 调研/o 。/o
市长/o 李大伟/nr 到/o 闵行区/ns 考察/o 。/o
区长/o 赵立新/nr 在/o 长宁区/ns 调研/o 。/o
市长/o 孙建国/nr 到/o 黄浦区/ns 考察/o 。/o
";
        let sents = corpus::msra(data);
        let ex: Vec<Example> = sents.iter().map(|s| Example::new(s, &seg)).collect();
        let opts = Options { epochs: 8, min_count: 1, prune: 0.0, seed: 1 };
        let m = train(&ex, &ex, &opts, |_| {});
        let s = evaluate(&m, &ex);
        assert_eq!(s[0].f1(), 1.0, "{s:?}");
        // the same input, the same model
        let again = train(&ex, &ex, &opts, |_| {});
        assert_eq!(m.to_bytes(), again.to_bytes());
    }

    #[test]
    fn scores_count_exact_spans() {
        let g = vec![vec![Span { start: 0, end: 3, kind: Kind::Person }]];
        let f = vec![vec![Span { start: 0, end: 2, kind: Kind::Person }]];
        let s = score(&g, &f);
        assert_eq!((s[0].right, s[0].found, s[0].gold), (0, 1, 1));
        assert_eq!(score(&g, &g)[0].f1(), 1.0);
    }
}
