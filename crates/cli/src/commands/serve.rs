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
        if let Some(u) = &a.base_url {
            if !(u.starts_with("http://") || u.starts_with("https://")) || u.chars().any(char::is_whitespace) {
                anyhow::bail!("--base-url {u:?} is not an address like https://news.example.org");
            }
        }
        Ok(ServeConfig {
            config: Config { data: a.data.dir, admin_token: token, site_name: a.site_name, base_url: a.base_url },
            addr: a.addr,
            samples: !a.no_samples,
        })
    }
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
    let mut archive = super::opening(
        dir,
        Archive::open_upgrading(dir, |step| tracing::info!("upgrading the archive in {}: {step}", dir.display())),
    )?;
    if c.samples && archive.store().stats()?.issues == 0 {
        let n = ingest_samples(&mut archive)?;
        tracing::info!("empty archive: ingested {n} sample issues into {}", c.config.data.display());
    }
    let state = AppState::from_archive(archive, &c.config);
    if c.config.admin_token.is_some() {
        tracing::info!("writing enabled: POST /api/v1/issues with the admin token");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(shuzibao_web::serve(state, &c.addr)).with_context(|| format!("serving on {}", c.addr))?;
    Ok(Status::Ok)
}
