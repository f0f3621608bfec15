//! Trains the entity model from the unpacked training sets and writes it.
//!
//! ```text
//! cargo run --release -p shuzibao-people --example ner_train -- NER_TRAIN_DIR OUT.bin
//! ```
//! NER_TRAIN_DIR is `ner-train.tar.xz` unpacked (`msra/`, `weibo/`,
//! `resume/`). Every tenth MSRA training sentence is kept aside as the
//! development split, with Weibo's and Resume's dev files; the epoch that
//! scores best on them is kept. Every training sentence holding a name is
//! also trained on once more with its names replaced by other names of the
//! training sentences ([`SWAP`]; mention replacement, so that the words
//! around a name count more than the names learned by heart).
//! scripts/train-ner.sh runs this.
//!
//! For experiments: `NER_SWAP=pol:2` (other passes; `-` none), `NER_WEIBO=K`
//! (Weibo's sentences K times), `NER_NOPUNCT=N` (every Nth MSRA sentence once
//! more without punctuation).

use shuzibao_core::segment::Segmenter;
use shuzibao_people::corpus::{self, Sentence};
use shuzibao_people::train::{self, Example, Options};
use shuzibao_people::Kind;
use std::path::Path;
use std::time::Instant;

fn read(dir: &Path, file: &str) -> Result<String, String> {
    std::fs::read_to_string(dir.join(file)).map_err(|e| format!("{}: {e}", dir.join(file).display()))
}

/// The passes of mention replacement the shipped model is trained with:
/// kinds (p person, o organisation, l place), then one of every how many
/// sentences holding such a name is copied with other names; `-` none.
/// None: `pol:1` raised web person F1 (CLUENER2020 dev 0.654 → 0.673) but
/// cut rare family names short in the people index of 人民日报 months
/// (`栗战书` read `栗`), 98.0% → 97.0% real full names among the 200 most
/// named (bench/RESULTS.md).
const SWAP: &str = "-";

/// The names of the training sentences by kind ([`Kind::ALL`] order), each
/// once, sorted; only those written in Chinese characters (a Latin word put
/// where a name stood teaches that any Latin word there is a name).
fn pools(sents: &[Sentence]) -> Vec<Vec<String>> {
    let mut pools: Vec<Vec<String>> = vec![Vec::new(); Kind::ALL.len()];
    for s in sents {
        let chars: Vec<char> = s.text.chars().collect();
        for n in &s.names {
            let name = &chars[n.start..n.end];
            if name.iter().all(|c| !c.is_ascii_alphanumeric()) {
                pools[kind_index(n.kind)].push(name.iter().collect());
            }
        }
    }
    for pool in &mut pools {
        pool.sort_unstable();
        pool.dedup();
    }
    pools
}

fn kind_index(k: Kind) -> usize {
    Kind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

/// One of every `every` sentences holding a name of `kinds`, with those
/// names replaced by names of `pools` that `rng` (xorshift64) picks.
fn swapped(sents: &[Sentence], kinds: &[Kind], every: usize, pools: &[Vec<String>], rng: &mut u64) -> Vec<Sentence> {
    let mut next = || {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        *rng
    };
    sents
        .iter()
        .filter(|s| s.names.iter().any(|n| kinds.contains(&n.kind)))
        .step_by(every)
        .map(|s| {
            corpus::with_other_names(s, kinds, |k| {
                let pool = &pools[kind_index(k)];
                (!pool.is_empty()).then(|| pool[(next() % pool.len() as u64) as usize].clone())
            })
        })
        .collect()
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
    let knob = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<usize>().ok());
    // NER_NOPUNCT=N: every Nth MSRA sentence once more, without punctuation
    if let Some(every) = knob("NER_NOPUNCT").filter(|&n| n > 0) {
        let extra: Vec<Sentence> = train_set.iter().step_by(every).filter_map(corpus::without_punctuation).collect();
        train_set.extend(extra);
    }
    let weibo = corpus::weibo(&read(dir, "weibo/weiboNER_2nd_conll.train")?);
    // NER_WEIBO=K: Weibo's sentences K times
    for _ in 0..knob("NER_WEIBO").unwrap_or(1) {
        train_set.extend(weibo.iter().cloned());
    }
    train_set.extend(corpus::resume(&read(dir, "resume/train.char.bmes")?));
    // mention replacement: sentences once more with their names replaced by
    // other names of the training sentences (passes `kinds:every`, NER_SWAP
    // or SWAP; `-` none)
    let spec = std::env::var("NER_SWAP").unwrap_or_else(|_| SWAP.to_string());
    let original = train_set.len();
    let pools = pools(&train_set);
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    for pass in spec.split(',').filter(|p| *p != "-") {
        let (kinds, every) = pass.split_once(':').ok_or_else(|| format!("NER_SWAP: {pass}: not kinds:every"))?;
        let kinds: Vec<Kind> = kinds
            .chars()
            .filter_map(|c| match c {
                'p' => Some(Kind::Person),
                'o' => Some(Kind::Organization),
                'l' => Some(Kind::Place),
                _ => None,
            })
            .collect();
        let every: usize = every.parse().map_err(|_| format!("NER_SWAP: {pass}: not kinds:every"))?;
        let extra = swapped(&train_set[..original], &kinds, every.max(1), &pools, &mut rng);
        eprintln!("{pass}: {} sentences with other names", extra.len());
        train_set.extend(extra);
    }
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
    let mut notes = serde_json::json!({
        "trained_on": ["msra/train1.txt (9 of every 10 sentences)", "weibo/weiboNER_2nd_conll.train", "resume/train.char.bmes"],
        "development": ["msra/train1.txt (every 10th sentence)", "weibo/weiboNER_2nd_conll.dev", "resume/dev.char.bmes"],
        "epochs": opts.epochs, "min_count": opts.min_count, "prune": opts.prune, "seed": opts.seed,
        "log": log,
    });
    if spec != "-" {
        notes["mention_replacement"] = spec.clone().into();
        notes["names_replaced_from"] = "the training sentences' names in Chinese characters, each once".into();
    }
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
