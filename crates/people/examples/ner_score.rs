//! Scores an entity model on every annotated set it was not trained on.
//!
//! ```text
//! cargo run --release -p shuzibao-people --example ner_score -- NER_TRAIN_DIR NER_DIR [MODEL.bin]
//! ```
//! NER_TRAIN_DIR is `ner-train.tar.xz` unpacked, NER_DIR `ner.tar.xz`
//! unpacked; without MODEL the shipped model is scored. Prints one Markdown
//! row per set: precision / recall / F1 of people, organisations, places
//! (exact spans). The People's Daily BIO files of `ner.tar.xz` are drawn
//! from MSRA train and are not scored.

use shuzibao_core::segment::Segmenter;
use shuzibao_people::corpus::{self, Sentence};
use shuzibao_people::entities::{extract_text, MentionKind};
use shuzibao_people::train::{self, Example};
use shuzibao_people::{Kind, Model, Span};
use std::path::Path;
use std::time::Instant;

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The names the entity passes find in a text, as character spans.
fn found_by_passes(text: &str) -> Vec<Span> {
    let e = extract_text(text, None);
    let mut out: Vec<Span> = e
        .mentions
        .iter()
        .filter_map(|m| {
            let kind = match m.kind {
                MentionKind::Person => Kind::Person,
                MentionKind::Organization => Kind::Organization,
                MentionKind::Place => Kind::Place,
                MentionKind::Event => return None,
            };
            let start = text[..m.range.start].chars().count();
            let end = start + text[m.range.clone()].chars().count();
            Some(Span { start, end, kind })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Prints each sentence's wrong names (`-` missed, `+` found wrongly).
fn errors(model: &Model, sents: &[Sentence], ex: &[Example], pipeline: bool) {
    for (s, e) in sents.iter().zip(ex) {
        let found =
            if pipeline { found_by_passes(&s.text) } else { shuzibao_people::tags::decode(&model.label(&e.features)) };
        let chars: Vec<char> = s.text.chars().collect();
        let show = |sp: &shuzibao_people::Span| chars[sp.start..sp.end].iter().collect::<String>();
        let missed: Vec<String> =
            s.names.iter().filter(|n| !found.contains(n)).map(|n| format!("-{}:{}", n.kind.code(), show(n))).collect();
        let wrong: Vec<String> =
            found.iter().filter(|n| !s.names.contains(n)).map(|n| format!("+{}:{}", n.kind.code(), show(n))).collect();
        if !missed.is_empty() || !wrong.is_empty() {
            eprintln!("{}\n    {} {}", s.text, missed.join(" "), wrong.join(" "));
        }
    }
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (train_dir, dev_dir) = match args.as_slice() {
        [a, b] | [a, b, _] => (Path::new(a), Path::new(b)),
        _ => return Err("usage: ner_score NER_TRAIN_DIR NER_DIR [MODEL.bin]".into()),
    };
    let model = match args.get(2) {
        Some(p) => Model::from_bytes(&std::fs::read(p).map_err(|e| format!("{p}: {e}"))?),
        None => shuzibao_people::builtin(),
    }
    .map_err(|e| e.to_string())?;
    let model = match std::env::var("NER_PRUNE").ok().and_then(|v| v.parse::<f32>().ok()) {
        Some(eps) => model.pruned(eps),
        None => model,
    };
    eprintln!("{} features", model.features());
    let msra_train = corpus::msra(&read(&train_dir.join("msra/train1.txt"))?);
    let msra_dev: Vec<Sentence> = msra_train.into_iter().skip(9).step_by(10).collect();
    let sets: Vec<(&str, Vec<Sentence>)> = vec![
        ("MSRA train, every 10th sentence (development split)", msra_dev),
        ("MSRA test", corpus::msra(&read(&train_dir.join("msra/testright1.txt"))?)),
        ("Weibo dev (named)", corpus::weibo(&read(&train_dir.join("weibo/weiboNER_2nd_conll.dev"))?)),
        ("Weibo test (named)", corpus::weibo(&read(&train_dir.join("weibo/weiboNER_2nd_conll.test"))?)),
        ("Resume dev", corpus::resume(&read(&train_dir.join("resume/dev.char.bmes"))?)),
        ("Resume test", corpus::resume(&read(&train_dir.join("resume/test.char.bmes"))?)),
        (
            "CLUENER2020 train (no places)",
            corpus::cluener(&read(&dev_dir.join("cluener2020/BERT-CRF/data/clue/train.json"))?),
        ),
        (
            "CLUENER2020 dev (no places)",
            corpus::cluener(&read(&dev_dir.join("cluener2020/BERT-CRF/data/clue/test.json"))?),
        ),
    ];
    let seg = Segmenter::base();
    // NER_PIPELINE=1: what the archive keeps (the model and the rules
    // around it, `entities::extract_text`), not the model alone
    let pipeline = std::env::var("NER_PIPELINE").is_ok_and(|v| v == "1");
    println!("| set | sentences | person P / R / F1 | organisation P / R / F1 | place P / R / F1 | chars/s |");
    println!("|---|---|---|---|---|---|");
    for (name, sents) in sets {
        let t = Instant::now();
        let ex: Vec<Example> = sents.iter().map(|s| Example::new(s, &seg)).collect();
        let s = if pipeline {
            let gold: Vec<Vec<Span>> = sents.iter().map(|s| s.names.clone()).collect();
            let found: Vec<Vec<Span>> = sents.iter().map(|s| found_by_passes(&s.text)).collect();
            train::score(&gold, &found)
        } else {
            train::evaluate(&model, &ex)
        };
        if std::env::var("NER_ERRORS").is_ok_and(|v| name.contains(v.as_str())) {
            errors(&model, &sents, &ex, pipeline);
        }
        let chars: usize = sents.iter().map(|s| s.text.chars().count()).sum();
        let cell = |k: usize| {
            if s[k].gold == 0 {
                "—".to_string()
            } else {
                format!("{:.3} / {:.3} / **{:.3}**", s[k].precision(), s[k].recall(), s[k].f1())
            }
        };
        println!(
            "| {name} | {} | {} | {} | {} | {:.0} |",
            sents.len(),
            cell(0),
            cell(1),
            cell(2),
            chars as f64 / t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
