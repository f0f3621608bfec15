//! `shuzibao ingest PATH...`: read issue files into the archive and index them.
//!
//! Files, folders and glob patterns; each file is one transaction, so a bad
//! file or a crash never leaves half an issue; one bad file never stops the
//! others. Ends with a summary: added, updated, unchanged, failed (with the
//! reason for each failure).

use crate::cli::IngestArgs;
use crate::exit::{Outcome, Status};
use crate::inputs::{expand, hints_from_name, read_issue_file, warnings};
use anyhow::Context;
use serde::Serialize;
use shuzibao_core::entities::Entities;
use shuzibao_core::Issue;
use shuzibao_store::{Hints, IngestReport, IngestRequest, Outcome as Done, Store};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Hand new articles to the index's threads after this many files, so that
/// indexing runs alongside storing.
const STAGE_EVERY_FILES: usize = 64;

/// Commit the index after this many bytes of text even in the middle of a
/// long run, so that searches see progress and a crash loses little indexing
/// work (a commit is costly, so not after every file).
const SYNC_EVERY_BYTES: usize = 32 << 20;

/// What `ingest` was asked to do.
pub struct IngestConfig {
    data: PathBuf,
    paths: Vec<PathBuf>,
    hints: Hints,
    json: bool,
}

impl TryFrom<IngestArgs> for IngestConfig {
    type Error = anyhow::Error;
    fn try_from(a: IngestArgs) -> anyhow::Result<Self> {
        let date = match a.date.as_deref() {
            Some(d) => Some(d.parse().with_context(|| format!("--date {d:?} is not a date like 2024-01-01"))?),
            None => None,
        };
        Ok(IngestConfig {
            data: a.data.dir,
            paths: a.paths,
            hints: Hints { paper: a.paper, date, page: a.page },
            json: a.json,
        })
    }
}

#[derive(Default, Serialize)]
struct Summary {
    added: usize,
    updated: usize,
    unchanged: usize,
    failed: Vec<Failure>,
    issues: Vec<Ingested>,
    warnings: Vec<Warning>,
}

#[derive(Serialize)]
struct Warning {
    file: String,
    warning: String,
}

#[derive(Serialize)]
struct Failure {
    file: String,
    reason: String,
}

#[derive(Serialize)]
struct Ingested {
    file: String,
    #[serde(flatten)]
    report: IngestReport,
}

/// Runs the subcommand.
pub fn run(c: &IngestConfig) -> Outcome {
    let (files, bad_paths) = expand(&c.paths);
    let mut summary = Summary::default();
    for (p, why) in bad_paths {
        summary.failed.push(Failure { file: p.display().to_string(), reason: why });
    }
    let mut archive = super::open_archive(&c.data)?;
    let bar = (files.len() >= 20 && std::io::stderr().is_terminal() && !c.json).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} issues  {elapsed_precise}  {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut unsynced = 0usize;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        // Reading, parsing and finding entities run on a thread of their own,
        // ahead of the writer (one transaction per file, in order).
        let (tx, rx) = std::sync::mpsc::sync_channel(16);
        let (list, hints) = (&files, &c.hints);
        scope.spawn(move || {
            for file in list {
                if tx.send(prepare(file, hints)).is_err() {
                    return;
                }
            }
        });
        for (i, (file, prepared)) in files.iter().zip(rx).enumerate() {
            if let Some(b) = &bar {
                b.set_message(file.display().to_string());
            }
            match prepared.and_then(|p| store_one(&mut archive.store, file, &p).map(|r| (r, p.bytes, p.warnings))) {
                Ok((report, bytes, warned)) => {
                    for warning in warned {
                        summary.warnings.push(Warning { file: file.display().to_string(), warning });
                    }
                    unsynced += bytes;
                    match report.outcome {
                        Done::Added => summary.added += 1,
                        Done::Updated { .. } => summary.updated += 1,
                        Done::Unchanged => summary.unchanged += 1,
                    }
                    summary.issues.push(Ingested { file: file.display().to_string(), report });
                }
                Err(FileError::File(reason)) => {
                    summary.failed.push(Failure { file: file.display().to_string(), reason })
                }
                Err(FileError::Archive(e)) => return Err(e),
            }
            if unsynced >= SYNC_EVERY_BYTES {
                archive.sync()?;
                unsynced = 0;
            } else if (i + 1) % STAGE_EVERY_FILES == 0 {
                archive.stage()?;
            }
            if let Some(b) = &bar {
                b.inc(1);
            }
        }
        Ok(())
    })?;
    archive.sync()?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if c.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        println!(
            "{} files: {} added, {} updated, {} unchanged, {} failed  (archive: {})",
            files.len(),
            summary.added,
            summary.updated,
            summary.unchanged,
            summary.failed.len(),
            archive.dir().display()
        );
    }
    for w in &summary.warnings {
        eprintln!("shuzibao: {}: warning: {}", w.file, w.warning);
    }
    for f in &summary.failed {
        eprintln!("shuzibao: {}: {}", f.file, f.reason);
    }
    archive.close()?;
    Ok(if summary.failed.is_empty() { Status::Ok } else { Status::SomeFailed })
}

/// Why a file was not stored: its own fault (report it and go on) or the
/// archive's (stop everything).
enum FileError {
    File(String),
    Archive(anyhow::Error),
}

/// A file read and parsed, with its hints and the entities of its articles.
struct Prepared {
    decoded: shuzibao_core::Decoded,
    issue: Issue,
    hints: Hints,
    entities: Vec<Entities>,
    bytes: usize,
    warnings: Vec<String>,
}

/// Reads and parses one file and finds its entities (no archive needed).
fn prepare(path: &Path, flags: &Hints) -> Result<Prepared, FileError> {
    let bytes = read_issue_file(path).map_err(FileError::File)?;
    let (issue, decoded) = shuzibao_core::parse_bytes(&bytes).map_err(|e| FileError::File(e.to_string()))?;
    let named = hints_from_name(path);
    let hints = Hints {
        paper: flags.paper.clone().or(named.paper),
        date: flags.date.or(named.date),
        page: flags.page.or(named.page),
    };
    let entities = shuzibao_store::entities_for(&issue, &hints);
    let warnings = warnings(&decoded, &issue);
    Ok(Prepared { decoded, issue, hints, entities, bytes: bytes.len(), warnings })
}

/// Stores one prepared file in one transaction.
fn store_one(store: &mut Store, path: &Path, p: &Prepared) -> Result<IngestReport, FileError> {
    let source = path.display().to_string();
    let req = IngestRequest {
        source: &source,
        encoding: p.decoded.encoding,
        raw_text: &p.decoded.text,
        issue: &p.issue,
        hints: p.hints.clone(),
        parser_version: shuzibao_core::PARSER_VERSION,
        entities: Some(&p.entities),
    };
    store.ingest(&req).with_context(|| format!("storing {source}")).map_err(FileError::Archive)
}
