//! `shuzibao export --format jsonl|ninjs`: every article of the archive,
//! one JSON object per line, to standard output or a file.

use crate::cli::{ExportArgs, ExportFormat};
use crate::exit::{Outcome, Status};
use anyhow::Context;
use std::io::{BufWriter, Write};

/// Runs the subcommand.
pub fn run(a: &ExportArgs) -> Outcome {
    let store = super::open_store(&a.data)?;
    let out: Box<dyn Write> = match &a.out {
        Some(path) => Box::new(std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::new(out);
    let mut n = 0usize;
    let mut failure: Option<std::io::Error> = None;
    store.for_each_article(|rec| {
        let line = match a.format {
            ExportFormat::Jsonl => serde_json::to_string(&rec),
            ExportFormat::Ninjs => serde_json::to_string(&shuzibao_archive::export::ninjs(&rec, &a.base_url)),
        };
        let line = line.map_err(|e| shuzibao_store::StoreError::Corrupt(e.to_string()))?;
        if let Err(e) = writeln!(w, "{line}") {
            failure.get_or_insert(e);
        }
        n += 1;
        Ok(())
    })?;
    if let Some(e) = failure {
        return Err(e.into());
    }
    w.flush()?;
    if a.out.is_some() {
        eprintln!("exported {n} articles");
    }
    Ok(Status::Ok)
}
