//! The `shuzibao` command: thin `main` that reads the flags, resolves them
//! into a config, runs the subcommand and turns its outcome into an exit code.

mod cli;
mod commands;
mod exit;
mod inputs;

use clap::Parser;
use exit::Outcome;

fn main() -> std::process::ExitCode {
    let args = cli::Cli::parse();
    exit::report(run(args.command))
}

fn run(command: cli::Command) -> Outcome {
    use cli::Command;
    match command {
        Command::Parse(a) => commands::parse::run(&a.into()),
        Command::Ingest(a) => commands::ingest::run(&a.try_into().map_err(usage)?),
        Command::Search(a) => commands::search::run(&a.try_into()?),
        Command::Reindex(d) => commands::reindex::run(&d),
        Command::Reparse(d) => commands::reparse::run(&d),
        Command::Serve(a) => commands::serve::run(&a.try_into().map_err(usage)?),
        Command::Export(a) => commands::export::run(&a),
        Command::People(a) => commands::people::run(&a),
        Command::Issues(a) => commands::issues::run(&a),
        Command::Date(a) => commands::date::run(&a),
        Command::Entities(a) => commands::entities::run(&a),
        Command::Upgrade(d) => commands::upgrade::run(&d),
        Command::Correct(c) => commands::correct::run(&c),
        Command::Corrections(a) => commands::correct::list(&a),
        Command::Migrate(a) => commands::migrate::run(&a),
    }
}

fn usage(e: anyhow::Error) -> anyhow::Error {
    exit::UsageError(format!("{e:#}")).into()
}
