//! `shuzibao upgrade`: bring an archive made by an older shuzibao up to date
//! (opening never does it), logging each step, then its index.

use crate::cli::DataArgs;
use crate::exit::{Outcome, Status, UsageError};
use std::time::Instant;

/// Runs the subcommand.
pub fn run(data: &DataArgs) -> Outcome {
    if !data.has_archive()? {
        return Err(UsageError(format!("no archive in {} to upgrade", data.dir.display())).into());
    }
    let start = Instant::now();
    let mut steps = 0;
    let location = data.location()?;
    let what = data.describe();
    let archive = super::opening(
        data,
        shuzibao_archive::Archive::open_upgrading_at(&location, &data.dir, |step| {
            steps += 1;
            eprintln!("shuzibao: upgrading {what}: {step}");
        }),
    )?;
    archive.close()?;
    if steps == 0 {
        println!("{what} is up to date");
    } else {
        println!("upgraded {what} in {:.1} s", start.elapsed().as_secs_f64());
    }
    Ok(Status::Ok)
}
