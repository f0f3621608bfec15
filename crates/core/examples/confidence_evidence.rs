//! Prints, for each page file given, its parse (the issue JSON of `shuzibao
//! parse --format json`) and what the confidence model read of each article:
//! one JSON object a line, `{"file": …, "issue": …, "evidence": [[…], …]}`.
//! `bench/parser/train_confidence.py` reads it to train the model.
//!
//!   cargo run --release -p shuzibao-core --example confidence_evidence -- FILE...

use shuzibao_core::json::{to_value, SourceInfo};
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::io::stdout();
    let mut out = out.lock();
    for file in std::env::args().skip(1) {
        let bytes = std::fs::read(&file).map_err(|e| format!("{file}: {e}"))?;
        let decoded = shuzibao_core::decode(&bytes).map_err(|e| format!("{file}: {e}"))?;
        let (issue, evidence) = shuzibao_core::parse_with_evidence(&decoded.text);
        let source = SourceInfo { file: file.clone(), encoding: decoded.encoding.to_string() };
        let line = serde_json::json!({ "file": file, "issue": to_value(&issue, Some(&source)), "evidence": evidence.iter().map(|e| e.to_vec()).collect::<Vec<_>>() });
        writeln!(out, "{line}")?;
    }
    Ok(())
}
