//! `shuzibao date PAGE YYYY-MM-DD`: give a page without a date (or with a
//! wrong one) its date; its history stays, its articles follow.

use crate::cli::DateArgs;
use crate::exit::{Outcome, Status, UsageError};
use chrono::NaiveDate;

/// Runs the subcommand.
pub fn run(a: &DateArgs) -> Outcome {
    let date: NaiveDate =
        a.date.parse().map_err(|_| UsageError(format!("{:?} is not a date like 2024-01-01", a.date)))?;
    if !a.data.has_archive()? {
        return Err(UsageError(format!("no archive in {}", a.data.dir.display())).into());
    }
    let mut archive = super::open_archive(&a.data)?;
    use shuzibao_archive::ArchiveError;
    use shuzibao_store::StoreError;
    let report = match archive.set_date(a.page, date, "editor") {
        Err(ArchiveError::Store(e @ (StoreError::NotFound(_) | StoreError::Conflict(_)))) => {
            return Err(UsageError(e.to_string()).into())
        }
        r => r?,
    };
    archive.close()?;
    println!("page {} is now {}", a.page, report.key);
    Ok(Status::Ok)
}
