//! The `shuzibao` command: thin `main` that reads the flags, runs the
//! subcommand and turns its outcome into an exit code.

mod cli;
mod commands;
mod exit;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let args = cli::Cli::parse();
    let outcome = match args.command {
        cli::Command::Parse(a) => commands::parse::run(&a.into()),
    };
    exit::report(outcome)
}
