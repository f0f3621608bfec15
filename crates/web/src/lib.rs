//! The web edition (数字报): server-rendered pages for readers, a JSON API,
//! Atom feeds and news exports, over the archive and its search index.
//!
//! [`app`] builds the whole router from an [`AppState`]; it is what
//! `shuzibao serve` runs and what the tests call without a socket. Pages
//! (`html`) and the API (`api`) read through the same [`views`], so a page
//! and its JSON never disagree. Templates are compiled into the binary
//! (askama) and escape everything they print.
//!
//! Writing is off unless an admin token is configured; then `POST
//! /api/v1/issues` ingests one issue's raw text.

pub mod api;
mod error;
mod extract;
pub mod feeds;
pub mod html;
pub mod limits;
mod pool;
pub mod views;

pub use error::{ApiError, Failure, PageError};
pub use limits::{serve_on, Limits};
pub use shuzibao_archive::{Archive, ArchiveError};

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use pool::Pool;
use shuzibao_archive::files::Files;
use shuzibao_archive::follow::{self, Follower};
use shuzibao_archive::Location;
use shuzibao_search::SearchIndex;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tracing::Level;

/// Longest request target accepted; longer ones get 414.
pub const MAX_URI_BYTES: usize = 4096;
/// Largest request body accepted (an issue's raw text).
pub const MAX_BODY_BYTES: usize = 8 << 20;
/// Longest a request may take before it is answered with 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How the server was configured.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The data folder: the archive (SQLite), or with [`Config::database`]
    /// this node's search index only.
    pub data: PathBuf,
    /// The PostgreSQL database of the archive (`postgres://…`), shared by
    /// every node serving it; `None` for the SQLite file in the data folder.
    pub database: Option<String>,
    /// The token that allows `POST /api/v1/issues`; writing is off without
    /// it or an editor's token. Its corrections are recorded as editor `admin`.
    pub admin_token: Option<String>,
    /// Editors' named tokens (name, token): each may write as the admin does,
    /// and each correction records the editor's name.
    pub editors: Vec<(String, String)>,
    /// The name shown in the header and feeds.
    pub site_name: String,
    /// The public address of the web edition (`https://news.example.org`),
    /// for absolute URLs (OpenSearch, `og:url`, ninjs); without it they are
    /// built from each request's `Host` (and `X-Forwarded-Proto`).
    pub base_url: Option<String>,
}

/// How long the index's writer is kept after a write (see
/// [`AppState::release_idle_writer`]).
const WRITER_IDLE: std::time::Duration = std::time::Duration::from_secs(2);

/// What every handler can reach: the archive for reading, its index, and
/// the archive for writing when writing is allowed.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    readers: Pool,
    /// Where the PDFs and page images are.
    files: Files,
    /// On PostgreSQL, the thread that brings the index up to date with
    /// what other nodes and processes commit.
    follower: OnceLock<Follower>,
    index: Arc<SearchIndex>,
    writer: Mutex<Archive>,
    /// Who may write: (editor's name, token); the admin token is `admin`'s.
    tokens: Vec<(String, String)>,
    guesses: limits::Guesses,
    site_name: String,
    base_url: Option<String>,
}

impl AppState {
    /// Opens the archive of `config` (creating it if needed) and brings
    /// its index up to date.
    pub fn open(config: &Config) -> Result<AppState, ArchiveError> {
        let location = Location::parse(config.database.as_deref(), &config.data)?;
        let archive = Archive::open_at(&location, &config.data)?;
        Ok(Self::from_archive(archive, config))
    }

    /// A state around an archive already open. On PostgreSQL, a thread
    /// follows the change log from here on (see
    /// [`shuzibao_archive::follow`]): what other nodes and processes commit
    /// becomes searchable here too, within [`follow::POLL`] at the latest.
    pub fn from_archive(archive: Archive, config: &Config) -> AppState {
        let index = archive.index().clone();
        let dir = archive.dir().to_path_buf();
        let location = archive.location().clone();
        let site_name = if config.site_name.is_empty() { "数字报".to_string() } else { config.site_name.clone() };
        let state = AppState {
            inner: Arc::new(Inner {
                readers: Pool::new(location.clone(), dir),
                files: archive.files().clone(),
                follower: OnceLock::new(),
                index,
                writer: Mutex::new(archive),
                tokens: config
                    .admin_token
                    .iter()
                    .map(|t| ("admin".to_string(), t.clone()))
                    .chain(config.editors.iter().cloned())
                    .filter(|(_, t)| !t.is_empty())
                    .collect(),
                guesses: limits::Guesses::default(),
                site_name,
                base_url: config
                    .base_url
                    .as_deref()
                    .map(|u| u.trim().trim_end_matches('/').to_string())
                    .filter(|u| !u.is_empty()),
            }),
        };
        if let Location::Postgres(_) = location {
            state.follow(&location);
        }
        if !state.inner.tokens.is_empty() || matches!(location, Location::Postgres(_)) {
            state.release_idle_writer();
        }
        state
    }

    /// Starts the thread that lets the index's writer go once writes stop
    /// for [`WRITER_IDLE`] (see [`Archive::release_idle`]): a write keeps
    /// the writer, so that its merges run in the background, not in the
    /// next request; an ingest on the same data folder may then write.
    fn release_idle_writer(&self) {
        let weak = Arc::downgrade(&self.inner);
        let started = std::thread::Builder::new().name("release-index-writer".into()).spawn(move || loop {
            std::thread::sleep(WRITER_IDLE / 2);
            // (the state dropped: the thread ends)
            let Some(inner) = weak.upgrade() else { return };
            // (a writer busy now is asked again at the next turn)
            let Ok(mut writer) = inner.writer.try_lock() else { continue };
            if let Err(e) = writer.release_idle(WRITER_IDLE) {
                tracing::warn!("releasing the index's writer: {e}");
            }
        });
        if let Err(e) = started {
            tracing::error!("cannot start the thread that releases the index's writer: {e}");
        }
    }

    /// Starts the follower of the change log (see [`AppState::from_archive`]).
    fn follow(&self, location: &Location) {
        let weak = Arc::downgrade(&self.inner);
        // (an error told once, not every poll while the database is away)
        let mut failing: Option<String> = None;
        let started = Follower::start(location, follow::POLL, move || {
            // (the state dropped: the thread ends)
            let Some(inner) = weak.upgrade() else { return false };
            let mut writer = inner.writer.lock().unwrap_or_else(|p| p.into_inner());
            match writer.follow() {
                Ok(n) => {
                    if failing.take().is_some() {
                        tracing::info!("following the archive's changes again");
                    }
                    if n > 0 {
                        tracing::debug!("indexed {n} issues committed elsewhere");
                    }
                }
                Err(e) => {
                    let text = e.to_string();
                    if failing.as_deref() != Some(text.as_str()) {
                        tracing::warn!(
                            "following the archive's changes: {text} (trying again every {:?})",
                            follow::POLL
                        );
                        failing = Some(text);
                    }
                }
            }
            true
        });
        match started {
            Ok(f) => {
                let _ = self.inner.follower.set(f);
            }
            Err(e) => tracing::error!("cannot follow the archive's changes (a thread): {e}"),
        }
    }

    /// A store to read from (pooled; returned when dropped).
    pub(crate) fn reader(&self) -> Result<pool::Pooled<'_>, shuzibao_store::StoreError> {
        self.inner.readers.get()
    }

    /// The search index.
    pub(crate) fn index(&self) -> &SearchIndex {
        &self.inner.index
    }

    /// The site's name.
    pub(crate) fn site_name(&self) -> &str {
        &self.inner.site_name
    }

    /// The configured public address, without a trailing `/`.
    pub(crate) fn base_url(&self) -> Option<&str> {
        self.inner.base_url.as_deref()
    }

    /// The archive for writing.
    pub(crate) fn writer(&self) -> std::sync::MutexGuard<'_, Archive> {
        self.inner.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The tokens that allow writing (editor's name, token); none when
    /// writing is off.
    pub(crate) fn tokens(&self) -> &[(String, String)] {
        &self.inner.tokens
    }

    /// Wrong admin tokens by client.
    pub(crate) fn guesses(&self) -> &limits::Guesses {
        &self.inner.guesses
    }

    /// Where the PDFs and page images are kept.
    pub fn files(&self) -> &Files {
        &self.inner.files
    }

    /// The data folder.
    pub fn data_dir(&self) -> PathBuf {
        self.inner.readers.dir().to_path_buf()
    }
}

/// The whole web edition: pages, API, feeds, with request logging, a body
/// limit, a timeout, a limit on the length of URLs and on requests in
/// flight (the default [`Limits`]), and responses compressed (gzip or
/// brotli) when the client's `Accept-Encoding` asks for it.
pub fn app(state: AppState) -> Router {
    app_with(state, &Limits::default())
}

/// [`app`] with its own limits on requests in flight.
pub fn app_with(state: AppState, limits: &Limits) -> Router {
    Router::new()
        .merge(html::router())
        .nest("/api/v1", api::router())
        .merge(feeds::router())
        .fallback(html::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(guard))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, REQUEST_TIMEOUT))
        .layer(middleware::from_fn_with_state(limits::Gate::new(limits), limits::in_flight))
        .layer(CompressionLayer::new().gzip(true).br(true).compress_when(compressible()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Micros)),
        )
        .with_state(state)
}

/// Which responses are compressed: not images (PNG is compressed already,
/// and the default predicate leaves images alone), nor PDFs and zips
/// (compressed inside), nor small bodies. A kept file is served as it is,
/// so its strong `ETag` (its hash) names the bytes sent.
fn compressible() -> impl tower_http::compression::Predicate {
    use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
    DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new("application/zip"))
}

/// Refuses over-long URLs, path traversal and announced bodies over the
/// limit before routing, and sets the security headers every response
/// carries (scripts only from the site itself: the page view's one).
async fn guard(req: Request, next: Next) -> Response {
    let target_len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    let mut res = if target_len > MAX_URI_BYTES {
        (StatusCode::URI_TOO_LONG, "URI too long").into_response()
    } else if hostile_path(req.uri().path()) {
        (StatusCode::BAD_REQUEST, "bad path").into_response()
    } else if content_length(&req).is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response()
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, header::HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, header::HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, header::HeaderValue::from_static("same-origin"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        ),
    );
    res
}

/// The announced length of the body, if any.
fn content_length(req: &Request) -> Option<u64> {
    req.headers().get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// Whether a request path tries to leave its folder or hides something:
/// `.` or `..` segments, backslashes, NUL and control characters, as typed,
/// percent-decoded once (`%2e%2e`, `%5c`, `%00`) or twice (`%252e`).
fn hostile_path(path: &str) -> bool {
    let once = percent_decode(path.as_bytes());
    let twice = percent_decode(&once);
    [path.as_bytes(), &once, &twice].iter().any(|p| {
        p.iter().any(|&b| b < 0x20 || b == 0x7f || b == b'\\')
            || p.split(|&b| b == b'/').any(|seg| seg == b".." || seg == b".")
    })
}

/// `%XX` decoded; anything else (a lone `%` too) kept as it is.
fn percent_decode(s: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' {
            if let (Some(h), Some(l)) = (s.get(i + 1).and_then(|&b| hex(b)), s.get(i + 2).and_then(|&b| hex(b))) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// Serves `app` on `addr` with the default [`Limits`] until Ctrl-C (or
/// SIGTERM), then stops accepting connections and lets the ones in flight
/// finish.
pub async fn serve(state: AppState, addr: &str) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("serving the web edition on http://{}", listener.local_addr()?);
    let limits = Limits::default();
    serve_on(listener, app_with(state, &limits), limits, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

/// Whether the archive at `location` (its data folder `dir`) holds no
/// issue yet (a fresh install).
pub fn is_empty_archive(location: &Location, dir: &Path) -> bool {
    if let Location::Dir(d) = location {
        if !d.join(shuzibao_store::DB_FILE).exists() {
            return true;
        }
    }
    shuzibao_store::Store::open_read_only_at(location, dir)
        .and_then(|s| s.stats())
        .map(|s| s.issues == 0)
        .unwrap_or(true)
}
