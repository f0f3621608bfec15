//! The files the archive keeps beside its database, served as they are:
//! `/files/{sha256}.png` (a page's image) and `/files/{sha256}.pdf` (the PDF
//! it was read from). A file's name is the hash of its bytes, so it never
//! changes: it is cached for a year as immutable, its `ETag` is its hash and
//! `If-None-Match` is answered with 304. Only names of 64 hex digits and
//! one of the known extensions are looked up, so no request reaches a path
//! outside the files folder.

use crate::error::{Failure, PageError};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// How long a kept file may be cached: a year (its name is its content).
const CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// The extensions served, with their media types.
const TYPES: [(&str, &str); 2] = [("png", "image/png"), ("pdf", "application/pdf")];

/// The hash and media type of a file name like `ab12….png`, if it is one
/// the archive could keep: 64 lowercase hex digits and a known extension.
pub(crate) fn parse_name(name: &str) -> Option<(&str, &'static str, &'static str)> {
    let (hash, ext) = name.split_once('.')?;
    let ok = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let (ext, mime) = TYPES.iter().find(|(e, _)| *e == ext)?;
    ok.then_some((hash, ext, mime))
}

/// Whether an `If-None-Match` header names this entity tag (weak
/// comparison, as RFC 9110 asks of `If-None-Match`).
fn matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == etag))
}

/// `GET /files/{hash}.{ext}`: a kept file.
pub(crate) async fn file(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let missing = || PageError(Failure::NotFound("没有这个文件 (no such file)".into()));
    let (hash, ext, mime) = parse_name(&name).ok_or_else(missing)?;
    let etag = format!("\"{hash}\"");
    let path = state.files().path(hash, ext);
    let fixed = |etag: &str| {
        [
            (header::ETAG, HeaderValue::from_str(etag).unwrap_or(HeaderValue::from_static("\"\""))),
            (header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL)),
        ]
    };
    if !tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Err(missing());
    }
    if matches(&headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, fixed(&etag)).into_response());
    }
    let bytes = tokio::fs::read(&path).await.map_err(|_| missing())?;
    Ok((fixed(&etag), [(header::CONTENT_TYPE, HeaderValue::from_static(mime))], bytes).into_response())
}

#[cfg(test)]
mod tests {
    use super::parse_name;

    #[test]
    fn only_hashes_with_known_extensions_are_names() {
        let h = "a".repeat(64);
        assert_eq!(parse_name(&format!("{h}.png")), Some((h.as_str(), "png", "image/png")));
        assert_eq!(parse_name(&format!("{h}.pdf")).map(|n| n.2), Some("application/pdf"));
        assert_eq!(parse_name(&format!("{h}.txt")), None);
        assert_eq!(parse_name(&format!("{}.png", "A".repeat(64))), None);
        assert_eq!(parse_name(&format!("{}.png", "a".repeat(63))), None);
        assert_eq!(parse_name(&format!("{h}.png.png")), None);
        assert_eq!(parse_name("../../etc/passwd"), None);
        assert_eq!(parse_name(&h), None);
    }
}
