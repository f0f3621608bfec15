//! Scores the entity finder ([`shuzibao_people::entities`]) on NER gold sets:
//! person, place and organisation precision, recall and F1 of every mention,
//! by exact string match per sentence (a name written twice counts twice).
//!
//! ```text
//! cargo run --release -p shuzibao-people --example ner_eval -- \
//!     --msra DIR/ner_insanelife/NER/MSRA/testright1.txt \
//!     --pd DIR/ner_bio_zjy/data/example.test \
//!     --clue DIR/cluener2020/BERT-CRF/data/clue/test.json
//! ```
//! (the sets are in `../shared/data/ner.tar.xz`; `bench/ner/run.sh` unpacks
//! them and runs this). CLUENER's `name` counts as person, `organization`,
//! `government` and `company` as organisation, `address` and `scene` as place.

#![allow(clippy::unwrap_used)]

use shuzibao_people::entities::{extract_paragraphs, MentionKind};
use std::collections::HashMap;

#[derive(Default, Clone, Copy)]
struct Count {
    gold: usize,
    found: usize,
    right: usize,
}

type Sentence = (String, Vec<(char, String)>);

fn msra(path: &str) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|line| {
            let mut s = String::new();
            let mut ents = Vec::new();
            for chunk in line.split_whitespace() {
                let Some((t, tag)) = chunk.rsplit_once('/') else { continue };
                s.push_str(t);
                match tag {
                    "nr" => ents.push(('P', t.to_string())),
                    "ns" => ents.push(('L', t.to_string())),
                    "nt" => ents.push(('O', t.to_string())),
                    _ => {}
                }
            }
            (s, ents)
        })
        .filter(|(s, _)| !s.is_empty())
        .collect()
}

fn bio(path: &str) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let mut s = String::new();
    let mut ents: Vec<(char, String)> = Vec::new();
    let mut open: Option<(char, String)> = None;
    let flush = |open: &mut Option<(char, String)>, ents: &mut Vec<(char, String)>| {
        if let Some(e) = open.take() {
            ents.push(e);
        }
    };
    for line in text.lines().chain(std::iter::once("")) {
        let mut parts = line.split_whitespace();
        let (Some(ch), Some(tag)) = (parts.next(), parts.next()) else {
            flush(&mut open, &mut ents);
            if !s.is_empty() {
                out.push((std::mem::take(&mut s), std::mem::take(&mut ents)));
            }
            continue;
        };
        s.push_str(ch);
        let kind = match tag.split_once('-').map(|x| x.1) {
            Some("PER") => Some('P'),
            Some("LOC") => Some('L'),
            Some("ORG") => Some('O'),
            _ => None,
        };
        match (tag.chars().next(), kind) {
            (Some('B'), Some(k)) => {
                flush(&mut open, &mut ents);
                open = Some((k, ch.to_string()));
            }
            (Some('I'), Some(k)) if open.as_ref().is_some_and(|o| o.0 == k) => {
                if let Some(o) = open.as_mut() {
                    o.1.push_str(ch);
                }
            }
            _ => flush(&mut open, &mut ents),
        }
    }
    out
}

fn clue(path: &str) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let s = v["text"].as_str().unwrap_or_default().to_string();
            let mut ents = Vec::new();
            if let Some(labels) = v["label"].as_object() {
                for (label, spans) in labels {
                    let k = match label.as_str() {
                        "name" => 'P',
                        "organization" | "government" | "company" => 'O',
                        "address" | "scene" => 'L',
                        _ => continue,
                    };
                    for (name, positions) in spans.as_object().into_iter().flatten() {
                        for _ in positions.as_array().into_iter().flatten() {
                            ents.push((k, name.clone()));
                        }
                    }
                }
            }
            (s, ents)
        })
        .collect()
}

fn score(name: &str, sentences: &[Sentence]) {
    let mut counts: HashMap<char, Count> = HashMap::new();
    // sentences are read in order, a document at a time, as the paragraphs
    // of an article are: a line without closing punctuation (a headline)
    // starts the next document
    let mut documents: Vec<&[Sentence]> = Vec::new();
    let mut from = 0;
    for (k, (text, _)) in sentences.iter().enumerate() {
        let headline = !text.ends_with(['。', '！', '？', '”', '…', '；', '：', '）', '.', '!', '?']);
        if headline && k > from {
            documents.push(&sentences[from..k]);
            from = k;
        }
    }
    documents.push(&sentences[from..]);
    let mut found_by_sentence: Vec<Vec<(char, String)>> = Vec::new();
    for doc in documents {
        let texts: Vec<&str> = doc.iter().map(|s| s.0.as_str()).collect();
        let e = extract_paragraphs(&texts, None);
        let mut per: Vec<Vec<(char, String)>> = vec![Vec::new(); texts.len()];
        for m in &e.mentions {
            let k = match m.kind {
                MentionKind::Person => 'P',
                MentionKind::Place => 'L',
                MentionKind::Organization => 'O',
                MentionKind::Event => continue,
            };
            per[m.paragraph].push((k, texts[m.paragraph][m.range.clone()].to_string()));
        }
        found_by_sentence.extend(per);
    }
    for ((text, gold), found) in sentences.iter().zip(found_by_sentence) {
        for k in ['P', 'L', 'O'] {
            let g: Vec<&String> = gold.iter().filter(|x| x.0 == k).map(|x| &x.1).collect();
            let mut f: Vec<&String> = found.iter().filter(|x| x.0 == k).map(|x| &x.1).collect();
            let c = counts.entry(k).or_default();
            c.gold += g.len();
            c.found += f.len();
            let mut missed = Vec::new();
            for x in g {
                if let Some(i) = f.iter().position(|y| *y == x) {
                    f.remove(i);
                    c.right += 1;
                } else {
                    missed.push(x);
                }
            }
            if std::env::var("SHOW").ok().and_then(|v| v.chars().next()) == Some(k)
                && (!missed.is_empty() || !f.is_empty())
            {
                eprintln!("MISS {missed:?} WRONG {f:?} :: {}", text.chars().take(60).collect::<String>());
            }
        }
    }
    for (k, label) in [('P', "person"), ('O', "organisation"), ('L', "place")] {
        let c = counts.get(&k).copied().unwrap_or_default();
        let p = c.right as f64 / c.found.max(1) as f64;
        let r = c.right as f64 / c.gold.max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        println!("| {name} | {label} | {} | {} | {p:.3} | {r:.3} | {f:.3} |", c.gold, c.found);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("| set | type | gold | found | precision | recall | F1 |");
    println!("|---|---|---|---|---|---|---|");
    let mut i = 1;
    while i + 1 < args.len() {
        let (flag, path) = (&args[i], &args[i + 1]);
        match flag.as_str() {
            "--msra" => score("MSRA test", &msra(path)),
            "--pd" => score("People's Daily test", &bio(path)),
            "--clue" => score("CLUENER dev", &clue(path)),
            _ => eprintln!("unknown flag {flag}"),
        }
        i += 2;
    }
}
