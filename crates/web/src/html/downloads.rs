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
use shuzibao_archive::files::Files;
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
    let files = Files::of(&state.data_dir());
    let zip = tokio::task::spawn_blocking(move || zip_of(&files, date, &pdfs))
        .await
        .map_err(|e| Failure::Internal(format!("zip: {e}")))??;
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
        zip,
    )
        .into_response())
}

/// The zip of these PDFs (stored, not compressed again).
fn zip_of(files: &Files, date: chrono::NaiveDate, pdfs: &[(String, String)]) -> Result<Vec<u8>, Failure> {
    let internal = |e: &dyn std::fmt::Display| Failure::Internal(format!("zip of {date}: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(false);
    for (hash, label) in pdfs {
        let bytes = std::fs::read(files.path(hash, "pdf")).map_err(|e| internal(&e))?;
        zip.start_file(format!("{date}-{label}.pdf"), options).map_err(|e| internal(&e))?;
        zip.write_all(&bytes).map_err(|e| internal(&e))?;
    }
    Ok(zip.finish().map_err(|e| internal(&e))?.into_inner())
}
