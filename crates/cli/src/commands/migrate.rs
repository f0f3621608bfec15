//! `shuzibao migrate --from DIR|URL --to URL|DIR`: an archive moved between
//! SQLite and PostgreSQL (see `shuzibao_store::migrate`), checked table by
//! table, then the target's search index built from its change log.

use crate::cli::MigrateArgs;
use crate::exit::{Outcome, Status, UsageError};
use shuzibao_archive::{Archive, Location};
use shuzibao_store::Store;
use std::path::PathBuf;
use std::time::Instant;

/// Where one side is, and the data folder its store and index go with.
fn side(text: &str, data: &Option<PathBuf>) -> anyhow::Result<(Location, PathBuf)> {
    let text = text.trim();
    if text.starts_with("postgres://") || text.starts_with("postgresql://") {
        let dir = data.clone().unwrap_or_else(|| PathBuf::from("shuzibao-data"));
        Ok((Location::Postgres(text.to_string()), dir))
    } else if text.contains("://") {
        Err(UsageError(format!("{text:?} is neither a data folder nor a postgres:// URL")).into())
    } else {
        Ok((Location::Dir(PathBuf::from(text)), PathBuf::from(text)))
    }
}

/// What a side is, in words (no password).
fn named(location: &Location) -> String {
    match location {
        Location::Dir(d) => d.display().to_string(),
        Location::Postgres(url) => shuzibao_store::redacted_url(url),
    }
}

/// Runs the subcommand.
pub fn run(a: &MigrateArgs) -> Outcome {
    let (from, from_dir) = side(&a.from, &a.data)?;
    let (to, to_dir) = side(&a.to, &a.data)?;
    if from == to {
        return Err(UsageError("--from and --to name the same archive".into()).into());
    }
    let user = |what: &str, loc: &Location, e: shuzibao_store::StoreError| -> anyhow::Error {
        if e.is_user_error() {
            UsageError(format!("{what} {}: {e}", named(loc))).into()
        } else {
            anyhow::Error::new(e).context(format!("{what} {}", named(loc)))
        }
    };
    let source = Store::open_read_only_at(&from, &from_dir).map_err(|e| user("the archive to copy,", &from, e))?;
    if let Location::Dir(d) = &to {
        if d.join(shuzibao_store::DB_FILE).exists() {
            return Err(UsageError(format!("{} holds an archive already: migrate into a new one", d.display())).into());
        }
    }
    let mut target = Store::open_at(&to, &to_dir).map_err(|e| user("the new archive,", &to, e))?;
    let start = Instant::now();
    let checks = shuzibao_store::migrate::copy(&source, &mut target, |table, rows| {
        eprintln!("shuzibao: copied {table}: {rows} rows");
    })
    .map_err(|e| user("copying into", &to, e))?;
    let copied = start.elapsed();
    println!("{:<20} {:>10} {:>10}  sha256", "table", "from", "to");
    let mut differ = Vec::new();
    for c in &checks {
        let mark = if c.same() { "" } else { "  DIFFERS" };
        println!("{:<20} {:>10} {:>10}  {}{mark}", c.table, c.rows.0, c.rows.1, c.hash.0);
        if !c.same() {
            differ.push(c.table);
        }
    }
    if !differ.is_empty() {
        anyhow::bail!("the copy differs from {} in {}", named(&from), differ.join(", "));
    }
    drop(target);
    let indexing = Instant::now();
    let archive = Archive::open_at(&to, &to_dir)?;
    let articles = archive.index().num_docs();
    archive.close()?;
    println!(
        "migrated {} to {} in {:.2} s (copied and checked), its index built in {} ({articles} articles) in {:.2} s",
        named(&from),
        named(&to),
        copied.as_secs_f64(),
        to_dir.join(shuzibao_archive::INDEX_DIR).display(),
        indexing.elapsed().as_secs_f64()
    );
    Ok(Status::Ok)
}
