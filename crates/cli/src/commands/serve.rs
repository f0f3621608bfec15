//! `shuzibao serve`: the web edition. On an empty archive (a fresh install)
//! it first ingests the sample issues compiled into the binary, so that
//! there is something to read.

use crate::cli::ServeArgs;
use crate::exit::{Outcome, Status};
use anyhow::Context;
use shuzibao_archive::ingest::Input;
use shuzibao_archive::place::Given;
use shuzibao_web::{AppState, Archive, Config};
use std::path::Path;

/// The sample issues shipped with shuzibao, by file name.
const SAMPLES: &[(&str, &str)] = &[
    ("xuhuibao-2022-01-17-p01.txt", include_str!("../../../../samples/xuhuibao-2022-01-17-p01.txt")),
    ("xuhuibao-2023-09-18-p01.txt", include_str!("../../../../samples/xuhuibao-2023-09-18-p01.txt")),
    ("xuhuibao-2024-01-01-p01.txt", include_str!("../../../../samples/xuhuibao-2024-01-01-p01.txt")),
];

/// What `serve` was asked to do.
pub struct ServeConfig {
    config: Config,
    /// Where the PDFs and page images are, when not in the data folder.
    files: Option<std::path::PathBuf>,
    addr: String,
    samples: bool,
}

impl TryFrom<ServeArgs> for ServeConfig {
    type Error = anyhow::Error;
    fn try_from(a: ServeArgs) -> anyhow::Result<Self> {
        let token = match &a.admin_token_file {
            Some(f) => Some(
                std::fs::read_to_string(f)
                    .with_context(|| format!("reading the admin token from {}", f.display()))?
                    .trim()
                    .to_string(),
            ),
            None => std::env::var("SHUZIBAO_ADMIN_TOKEN").ok(),
        };
        if token.as_deref().is_some_and(|t| t.len() < 16) {
            anyhow::bail!("the admin token is too short: use at least 16 characters");
        }
        let mut lines: Vec<String> = a.editors.clone();
        if let Some(f) = &a.editors_file {
            let text = std::fs::read_to_string(f)
                .with_context(|| format!("reading the editors' tokens from {}", f.display()))?;
            lines
                .extend(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from));
        }
        let editors = editors(&lines)?;
        if let Some(u) = &a.base_url {
            if !(u.starts_with("http://") || u.starts_with("https://")) || u.chars().any(char::is_whitespace) {
                anyhow::bail!("--base-url {u:?} is not an address like https://news.example.org");
            }
        }
        // (on PostgreSQL, several nodes may serve one archive: each keeps
        // its own index in its data folder, following the change log)
        let database = match a.data.location()? {
            shuzibao_archive::Location::Postgres(url) => Some(url),
            shuzibao_archive::Location::Dir(_) => None,
        };
        Ok(ServeConfig {
            config: Config {
                data: a.data.dir,
                database,
                admin_token: token,
                editors,
                site_name: a.site_name,
                base_url: a.base_url,
            },
            files: a.data.files,
            addr: a.addr,
            samples: !a.no_samples,
        })
    }
}

/// Editors' names and tokens from `NAME=TOKEN`s: a name, a token of 16
/// characters or more, each name and token once.
fn editors(lines: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in lines {
        let Some((name, token)) = line.split_once('=') else {
            anyhow::bail!("an editor is NAME=TOKEN, not {:?}", line.split('=').next().unwrap_or(""));
        };
        let (name, token) = (name.trim(), token.trim());
        if name.is_empty() || name == "admin" {
            anyhow::bail!("an editor needs a name (other than admin, the admin token's)");
        }
        if token.chars().count() < 16 {
            anyhow::bail!("the token of editor {name} is too short: use at least 16 characters");
        }
        if out.iter().any(|(n, t)| n == name || t == token) {
            anyhow::bail!("editor {name} is given twice, or shares a token with another");
        }
        out.push((name.to_string(), token.to_string()));
    }
    Ok(out)
}

/// Ingests the bundled samples into an archive with no issue, through the
/// pipeline every ingest takes (named as their files are).
fn ingest_samples(archive: &mut Archive) -> anyhow::Result<usize> {
    let inputs: Vec<Input> = SAMPLES
        .iter()
        .map(|(name, text)| {
            Input::bytes(&format!("sample:{name}"), text.as_bytes().to_vec(), Given::default(), Some(Path::new(name)))
        })
        .collect();
    let summary = archive.ingest_all(&inputs, |_| {})?;
    if let Some(f) = summary.failed.first() {
        anyhow::bail!("the sample {} could not be ingested: {}", f.file, f.reason);
    }
    archive.sync_and_release()?;
    Ok(SAMPLES.len())
}

/// Runs the subcommand.
pub fn run(c: &ServeConfig) -> Outcome {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
    // an archive of an older shuzibao is brought up to date first, logged
    let dir = &c.config.data;
    let data = crate::cli::DataArgs { dir: dir.clone(), database: c.config.database.clone(), files: c.files.clone() };
    let location = data.location()?;
    let described = data.describe();
    let mut archive = super::opening(
        &data,
        Archive::open_upgrading_at(&location, dir, |step| tracing::info!("upgrading {described}: {step}")),
    )?;
    if let Some(files) = &c.files {
        archive.keep_files_in(files.clone());
    }
    if c.samples && archive.store().stats()?.issues == 0 {
        let n = ingest_samples(&mut archive)?;
        tracing::info!("empty archive: ingested {n} sample issues into {described}");
    }
    if c.config.database.is_some() {
        tracing::info!("{described}: this node's index in {} follows its changes", dir.display());
    }
    let state = AppState::from_archive(archive, &c.config);
    if c.config.admin_token.is_some() {
        tracing::info!("writing enabled: POST /api/v1/issues with the admin token");
    }
    if !c.config.editors.is_empty() {
        let names: Vec<&str> = c.config.editors.iter().map(|(n, _)| n.as_str()).collect();
        tracing::info!("editors who may correct articles: {}", names.join(", "));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(shuzibao_web::serve(state, &c.addr)).with_context(|| format!("serving on {}", c.addr))?;
    Ok(Status::Ok)
}
