//! `shuzibao upgrade`: bring an archive made by an older shuzibao up to date
//! (opening never does it), logging each step, then its index.

use crate::cli::DataArgs;
use crate::exit::{Outcome, Status, UsageError};
use std::time::Instant;

/// Runs the subcommand.
pub fn run(data: &DataArgs) -> Outcome {
    if !data.dir.join(shuzibao_store::DB_FILE).is_file() {
        return Err(UsageError(format!("no archive in {} to upgrade", data.dir.display())).into());
    }
    let start = Instant::now();
    let mut steps = 0;
    let archive = super::opening(
        &data.dir,
        shuzibao_archive::Archive::open_upgrading(&data.dir, |step| {
            steps += 1;
            eprintln!("shuzibao: upgrading {}: {step}", data.dir.display());
        }),
    )?;
    archive.close()?;
    if steps == 0 {
        println!("the archive in {} is up to date", data.dir.display());
    } else {
        println!("upgraded the archive in {} in {:.1} s", data.dir.display(), start.elapsed().as_secs_f64());
    }
    Ok(Status::Ok)
}
