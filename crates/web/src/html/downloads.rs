//! An issue's PDF to download. An issue that came as one PDF of all its
//! pages is offered as that file, as it came (`/files/{hash}.pdf`); an
//! issue that came one PDF per page is offered as a zip of its pages'
//! PDFs, in page order (`/papers/{paper}/{date}/pdf.zip`), made when asked
//! with the files stored, not compressed again (a PDF is compressed
//! inside), so the zip is the size of its PDFs. Each page's own PDF is on
//! its page view.

use super::scan::file_url;
use crate::error::{Failure, PageError};
use crate::extract::PagePath;
use crate::views::{self, DateView};
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use shuzibao_store::Store;
use std::io::Write;

/// The issue's download.
#[derive(Debug, Clone)]
pub(crate) struct Download {
    /// Its URL.
    pub href: String,
    /// What it is: the issue's PDF, or a zip of its pages' PDFs.
    pub zip: bool,
    /// How many PDFs it holds (a zip) or pages it has (a PDF).
    pub count: usize,
}

/// The page PDFs of an issue in page order, once each (the PDF's hash and
/// the page's label), and how many of its pages came from a PDF.
fn page_pdfs(store: &Store, day: &DateView) -> Result<(Vec<(String, String)>, usize), Failure> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut pages = 0;
    for p in &day.pages {
        let Some(id) = p.id else { continue };
        let Some(assets) = store.page_assets(id)? else { continue };
        pages += 1;
        if !out.iter().any(|(h, _)| *h == assets.pdf_hash) {
            let label = p.label.clone().unwrap_or_else(|| (out.len() + 1).to_string());
            out.push((assets.pdf_hash, label));
        }
    }
    Ok((out, pages))
}

/// What an issue offers to download: none when no page came from a PDF.
pub(crate) fn issue_download(store: &Store, day: &DateView) -> Result<Option<Download>, Failure> {
    let (pdfs, pages) = page_pdfs(store, day)?;
    Ok(match pdfs.as_slice() {
        [] => None,
        [(hash, _)] => Some(Download { href: file_url(hash, "pdf"), zip: false, count: pages }),
        several => Some(Download { href: format!("{}/pdf.zip", day.url), zip: true, count: several.len() }),
    })
}

/// `GET /papers/{paper}/{date}/pdf.zip`: the issue's page PDFs in a zip,
/// each named `{date}-{page}.pdf`.
pub(crate) async fn issue_zip(
    State(state): State<AppState>,
    PagePath((paper, date)): PagePath<(String, String)>,
) -> Result<Response, PageError> {
    let date = super::date_in_path(&date)?;
    let pdfs = {
        let store = state.reader()?;
        let day = views::date_view(&store, &paper, date)?;
        page_pdfs(&store, &day)?.0
    };
    if pdfs.is_empty() {
        return Err(PageError(Failure::NotFound(format!("{paper} {date} 没有 PDF (no page of this issue is a PDF)"))));
    }
    let files = state.files();
    let paths: Vec<_> =
        pdfs.iter().map(|(hash, label)| (files.path(hash, "pdf"), format!("{date}-{label}.pdf"))).collect();
    if let Some((missing, _)) = paths.iter().find(|(p, _)| !p.is_file()) {
        return Err(PageError(Failure::Internal(format!("zip of {date}: {} is missing", missing.display()))));
    }
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Vec<u8>>>(4);
    tokio::task::spawn_blocking(move || {
        let mut out = Chunks { tx: tx.clone(), buf: Vec::with_capacity(CHUNK) };
        if let Err(e) = write_zip(&mut out, &paths) {
            tracing::warn!("zip of {date}: {e}");
            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    let body = axum::body::Body::from_stream(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    }));
    let name = format!("{paper}-{date}.zip");
    let disposition = format!("attachment; filename=\"{date}.zip\"; filename*=UTF-8''{}", views::url_encode(&name));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/zip")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(|e| Failure::Internal(e.to_string()))?,
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300")),
        ],
        body,
    )
        .into_response())
}

/// Bytes sent in one piece of the body.
const CHUNK: usize = 64 * 1024;

/// What the zip writes, sent as the response's body a chunk at a time.
struct Chunks {
    tx: tokio::sync::mpsc::Sender<std::io::Result<Vec<u8>>>,
    buf: Vec<u8>,
}

impl Write for Chunks {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
            self.tx.blocking_send(Ok(chunk)).map_err(|_| std::io::Error::other("the client went away"))?;
        }
        Ok(())
    }
}

/// The zip of these files (path, name in the zip), stored, not compressed
/// again, into `out`.
fn write_zip(out: &mut Chunks, files: &[(std::path::PathBuf, String)]) -> zip::result::ZipResult<()> {
    let mut zip = zip::ZipWriter::new_stream(&mut *out);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(false);
    for (path, name) in files {
        zip.start_file(name.as_str(), options)?;
        std::io::copy(&mut std::fs::File::open(path)?, &mut zip)?;
    }
    zip.finish()?;
    out.flush()?;
    Ok(())
}
