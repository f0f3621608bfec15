//! The command line as clap reads it. Raw flags only: each subcommand turns
//! its arguments into a config (`From<…Args>`) before any work is done.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// shuzibao (数字报): an archive engine for Chinese newspapers.
#[derive(Debug, Parser)]
#[command(name = "shuzibao", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse issue text files into masthead, teasers and articles.
    ///
    /// Reads text extracted from newspaper pages (UTF-8 with or without BOM,
    /// GB18030/GBK or UTF-16) and prints what it found. With several files and
    /// `--format json`, prints one JSON object per line (JSON Lines).
    Parse(ParseArgs),
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Issue text files to parse.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format: `text` for reading by eye, `json` for programs (see ISSUE_JSON.md).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A summary to check by eye.
    Text,
    /// The issue JSON contract, one object per file.
    Json,
}
