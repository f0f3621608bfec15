//! Exit codes and the reporting of errors to the user.
//!
//! 0: everything worked; 1: some input could not be read, or the archive
//! failed (each named on stderr); 2: the command line or the query was wrong.
//! Errors are printed as one line per problem, never as a panic or a backtrace.

use std::process::ExitCode;

/// Some inputs failed; the others were processed.
pub const INPUT_FAILED: u8 = 1;
/// The command line or the query was wrong (clap uses 2 as well).
pub const USAGE: u8 = 2;

/// What a subcommand reports back to `main`.
pub type Outcome = anyhow::Result<Status>;

/// How a subcommand that ran ended.
pub enum Status {
    /// All inputs were processed.
    Ok,
    /// Some inputs failed; they have been reported on stderr.
    SomeFailed,
}

/// A mistake in what the user typed (a flag's value, a query).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Prints an error, if any, and gives the process exit code.
pub fn report(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(Status::Ok) => ExitCode::SUCCESS,
        Ok(Status::SomeFailed) => ExitCode::from(INPUT_FAILED),
        Err(e) => {
            // stdout may be a closed pipe (`| head`): that is not an error.
            if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("shuzibao: {e:#}");
            if e.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(USAGE)
            } else {
                ExitCode::from(INPUT_FAILED)
            }
        }
    }
}
