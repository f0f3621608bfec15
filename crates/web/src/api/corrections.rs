//! Corrections by editors through the API: `POST
//! /api/v1/articles/{id}/corrections` makes one (an editor's or the
//! admin's token), `POST /api/v1/corrections/{id}/undo` undoes one, and
//! `GET` on an article's or a page's corrections gives their history (and
//! the page's revision, to send back with the next correction). The edit is
//! JSON: `{"op": "split", "paragraph": 3, "title": "…", "revision": 2}`
//! (see `docs/corrections.md`).

use super::{Admin, ApiResult};
use crate::error::Failure;
use crate::extract::ApiPath;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use shuzibao_store::corrections::Edit;
use shuzibao_store::{Corrected, CorrectionFilter};

/// A correction asked for: the edit and the page's revision the editor read.
#[derive(Deserialize)]
struct Asked {
    #[serde(flatten)]
    edit: Edit,
    #[serde(default)]
    revision: Option<i64>,
}

/// An undo asked for: the page's revision the editor read, if sent.
#[derive(Deserialize, Default)]
struct UndoAsked {
    #[serde(default)]
    revision: Option<i64>,
}

fn id_of(what: &str, id: &str) -> Result<i64, Failure> {
    id.parse().map_err(|_| Failure::NotFound(format!("no {what} {id:?}")))
}

/// `POST /api/v1/articles/{id}/corrections`.
pub(super) async fn correct(
    State(state): State<AppState>,
    Admin(editor): Admin,
    ApiPath(id): ApiPath<String>,
    body: Bytes,
) -> ApiResult<Corrected> {
    let id = id_of("article", &id)?;
    let asked: Asked = serde_json::from_slice(&body).map_err(|e| {
        Failure::BadRequest(format!(
            "the body is JSON like {{\"op\": \"split\", \"paragraph\": 3, \"revision\": 0}}: {e}"
        ))
    })?;
    Ok(Json(write(state, move |archive| archive.correct(id, &asked.edit, &editor, asked.revision)).await?))
}

/// `POST /api/v1/corrections/{id}/undo`.
pub(super) async fn undo(
    State(state): State<AppState>,
    Admin(editor): Admin,
    ApiPath(id): ApiPath<String>,
    body: Bytes,
) -> ApiResult<Corrected> {
    let id = id_of("correction", &id)?;
    let asked: UndoAsked = if body.iter().all(u8::is_ascii_whitespace) {
        UndoAsked::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| Failure::BadRequest(format!("the body is empty or JSON like {{\"revision\": 2}}: {e}")))?
    };
    Ok(Json(write(state, move |archive| archive.undo_correction(id, &editor, asked.revision)).await?))
}

/// Runs a correction on the writer, off the async threads, and lets other
/// processes write after it.
pub(crate) async fn write(
    state: AppState,
    f: impl FnOnce(&mut shuzibao_archive::Archive) -> Result<Corrected, shuzibao_archive::ArchiveError> + Send + 'static,
) -> Result<Corrected, Failure> {
    tokio::task::spawn_blocking(move || -> Result<_, Failure> {
        let mut archive = state.writer();
        let done = f(&mut archive)?;
        archive.sync_and_keep()?;
        Ok(done)
    })
    .await
    .map_err(|e| Failure::Internal(format!("correction task: {e}")))?
}

/// `GET /api/v1/articles/{id}/corrections`: the corrections that made the
/// article what it is, and its page's revision.
pub(super) async fn of_article(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> ApiResult<Value> {
    let id = id_of("article", &id)?;
    let store = state.reader()?;
    let a = store.article(id)?;
    let history = store.corrections_of_article(id)?;
    Ok(Json(
        json!({ "article": id, "page": a.issue_id, "revision": store.correction_revision(a.issue_id)?, "corrections": history }),
    ))
}

/// `GET /api/v1/pages/{id}/corrections`: every correction of a page, undone
/// and no longer applying ones too, and its revision.
pub(super) async fn of_page(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> ApiResult<Value> {
    let id = id_of("page", &id)?;
    let store = state.reader()?;
    store.issue(id)?;
    let all = store.corrections(&CorrectionFilter { page: Some(id), ..CorrectionFilter::default() })?;
    Ok(Json(json!({ "page": id, "revision": store.correction_revision(id)?, "corrections": all })))
}
