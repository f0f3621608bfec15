//! Trains the entity model from the unpacked training sets and writes it.
//!
//! ```text
//! cargo run --release -p shuzibao-people --example ner_train -- NER_TRAIN_DIR OUT.bin
//! ```
//! NER_TRAIN_DIR is `ner-train.tar.xz` unpacked (`msra/`, `weibo/`,
//! `resume/`). Every tenth MSRA training sentence is kept aside as the
//! development split, with Weibo's and Resume's dev files; the epoch that
//! scores best on them is kept. scripts/train-ner.sh runs this.

use shuzibao_core::segment::Segmenter;
use shuzibao_people::corpus::{self, Sentence};
use shuzibao_people::train::{self, Example, Options};
use std::path::Path;
use std::time::Instant;

fn read(dir: &Path, file: &str) -> Result<String, String> {
    std::fs::read_to_string(dir.join(file)).map_err(|e| format!("{}: {e}", dir.join(file).display()))
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        return Err("usage: ner_train NER_TRAIN_DIR OUT.bin".into());
    };
    let dir = Path::new(dir);
    let t0 = Instant::now();
    let msra = corpus::msra(&read(dir, "msra/train1.txt")?);
    let (mut train_set, mut dev_set): (Vec<Sentence>, Vec<Sentence>) = (Vec::new(), Vec::new());
    for (i, s) in msra.into_iter().enumerate() {
        if i % 10 == 9 {
            dev_set.push(s);
        } else {
            train_set.push(s);
        }
    }
    let n_msra = train_set.len();
    train_set.extend(corpus::weibo(&read(dir, "weibo/weiboNER_2nd_conll.train")?));
    train_set.extend(corpus::resume(&read(dir, "resume/train.char.bmes")?));
    dev_set.extend(corpus::weibo(&read(dir, "weibo/weiboNER_2nd_conll.dev")?));
    dev_set.extend(corpus::resume(&read(dir, "resume/dev.char.bmes")?));
    let seg = Segmenter::base();
    let train: Vec<Example> = train_set.iter().map(|s| Example::new(s, &seg)).collect();
    let dev: Vec<Example> = dev_set.iter().map(|s| Example::new(s, &seg)).collect();
    eprintln!(
        "{} training sentences ({n_msra} MSRA, the rest Weibo and Resume), {} development; features in {:.1} s",
        train.len(),
        dev.len(),
        t0.elapsed().as_secs_f64()
    );
    let opts = Options::default();
    let mut log = Vec::new();
    let model = train::train(&train, &dev, &opts, |line| {
        eprintln!("{line}");
        log.push(line.to_string());
    });
    let notes = serde_json::json!({
        "trained_on": ["msra/train1.txt (9 of every 10 sentences)", "weibo/weiboNER_2nd_conll.train", "resume/train.char.bmes"],
        "development": ["msra/train1.txt (every 10th sentence)", "weibo/weiboNER_2nd_conll.dev", "resume/dev.char.bmes"],
        "epochs": opts.epochs, "min_count": opts.min_count, "prune": opts.prune, "seed": opts.seed,
        "log": log,
    });
    let model = model.with_notes(notes.to_string());
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    eprintln!(
        "{} features, {:.1} MB written to {out} in {:.0} s",
        model.features(),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
