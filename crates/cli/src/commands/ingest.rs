//! `shuzibao ingest PATH...`: read page files into the archive and index them.
//!
//! Files, folders and glob patterns, through the archive's one ingest
//! pipeline: each page is one transaction, so a bad file or a crash never
//! leaves half a page; one bad file never stops the others. Ends with a
//! summary of pages (files): added, updated, unchanged, failed (with the
//! reason for each failure).

use crate::cli::{DataArgs, IngestArgs};
use crate::exit::{Outcome, Status, UsageError};
use crate::inputs::expand;
use anyhow::Context;
use shuzibao_archive::ingest::{Failure, Input};
use shuzibao_archive::place::Given;
use std::io::IsTerminal;
use std::path::PathBuf;

/// What `ingest` was asked to do.
pub struct IngestConfig {
    data: DataArgs,
    paths: Vec<PathBuf>,
    given: Given,
    json: bool,
}

impl TryFrom<IngestArgs> for IngestConfig {
    type Error = anyhow::Error;
    fn try_from(a: IngestArgs) -> anyhow::Result<Self> {
        let date = match a.date.as_deref() {
            Some(d) => Some(d.parse().with_context(|| format!("--date {d:?} is not a date like 2024-01-01"))?),
            None => None,
        };
        let page = match a.page.as_deref() {
            Some(p) => Some(p.parse().map_err(|e| anyhow::anyhow!("--page: {e}"))?),
            None => None,
        };
        // a date or a page is one file's: with several, each would get it
        let single = a.paths.len() == 1 && !a.paths[0].is_dir();
        if (date.is_some() || page.is_some()) && !single {
            anyhow::bail!(
                "--date and --page are for one file; {} gives several: name the files by date and page instead (see the README's table)",
                a.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ")
            );
        }
        let paper = a.paper.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
        // (a database URL that is not PostgreSQL's is refused before any work)
        a.data.location()?;
        Ok(IngestConfig { data: a.data, paths: a.paths, given: Given { paper, date, page }, json: a.json })
    }
}

/// Runs the subcommand.
pub fn run(c: &IngestConfig) -> Outcome {
    let (files, bad_paths) = expand(&c.paths);
    if (c.given.date.is_some() || c.given.page.is_some()) && files.len() > 1 {
        return Err(UsageError(format!(
            "--date and --page are for one file; the pattern gives {}: name the files by date and page instead",
            files.len()
        ))
        .into());
    }
    if files.is_empty() && !bad_paths.is_empty() && !c.data.has_archive()? {
        // nothing to ingest: no archive is made for nothing
        for (p, why) in &bad_paths {
            eprintln!("shuzibao: {}: {why}", p.display());
        }
        return Err(UsageError("nothing to ingest".into()).into());
    }
    let made_here = NewArchive::before_opening(&c.data)?;
    let mut archive = super::open_archive(&c.data)?;
    let inputs: Vec<Input> = files.iter().map(|f| Input::file(f, c.given.clone())).collect();
    let bar = (files.len() >= 20 && std::io::stderr().is_terminal() && !c.json).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages  {elapsed_precise}  {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut summary = archive.ingest_all(&inputs, |name| {
        if let Some(b) = &bar {
            b.set_message(name.to_string());
            b.inc(1);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    for (p, why) in bad_paths {
        summary.failed.push(Failure { file: p.display().to_string(), reason: why });
    }
    if c.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        let skipped =
            if summary.skipped.is_empty() { String::new() } else { format!(", {} skipped", summary.skipped.len()) };
        println!(
            "{} pages: {} added, {} updated, {} unchanged, {} failed{skipped}  (archive: {})",
            summary.total(),
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
    for f in &summary.skipped {
        eprintln!("shuzibao: {}: skipped: {}", f.file, f.reason);
    }
    for f in &summary.failed {
        eprintln!("shuzibao: {}: {}", f.file, f.reason);
    }
    archive.close()?;
    if let Some(new) = made_here {
        if summary.added == 0 && summary.updated == 0 && summary.unchanged == 0 {
            new.remove()?;
            eprintln!("shuzibao: no page was stored, so no archive was made in {}", c.data.dir.display());
        }
    }
    Ok(if summary.failed.is_empty() { Status::Ok } else { Status::SomeFailed })
}

/// An archive this run is about to make in a data folder: what the folder
/// held before, so that an archive of nothing (every page refused) can be
/// taken away again and a mistyped `--data` leaves no trace.
struct NewArchive {
    dir: PathBuf,
    /// The folder's entries before the archive was made, or `None` when
    /// the folder itself is new.
    before: Option<Vec<std::ffi::OsString>>,
}

impl NewArchive {
    /// `Some` when the archive does not exist yet in a data folder (a
    /// database named by URL is never taken away).
    fn before_opening(data: &crate::cli::DataArgs) -> anyhow::Result<Option<NewArchive>> {
        let shuzibao_archive::Location::Dir(dir) = data.location()? else { return Ok(None) };
        if dir.join(shuzibao_store::DB_FILE).exists() {
            return Ok(None);
        }
        let before = match std::fs::read_dir(&dir) {
            Ok(entries) => Some(entries.filter_map(|e| e.ok().map(|e| e.file_name())).collect()),
            Err(_) => None,
        };
        Ok(Some(NewArchive { dir, before }))
    }

    /// Takes away what opening the archive made: the folder when it was
    /// new, else only the entries it did not hold before.
    fn remove(self) -> anyhow::Result<()> {
        let made = |p: &std::path::Path| format!("removing the empty archive made in {}", p.display());
        let Some(before) = self.before else {
            return std::fs::remove_dir_all(&self.dir).with_context(|| made(&self.dir));
        };
        for entry in std::fs::read_dir(&self.dir).with_context(|| made(&self.dir))? {
            let entry = entry.with_context(|| made(&self.dir))?;
            if before.contains(&entry.file_name()) {
                continue;
            }
            let path = entry.path();
            if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) }
                .with_context(|| made(&self.dir))?;
        }
        Ok(())
    }
}
