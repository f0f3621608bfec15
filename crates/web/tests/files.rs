//! Kept files served under `/files/{hash}.{ext}`: headers, 304, and 404 for
//! anything that is not a kept file's name.

#![allow(clippy::unwrap_used)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use shuzibao_archive::files::Files;
use shuzibao_web::{app, AppState, Archive, Config};
use tower::ServiceExt;

/// An empty archive whose files folder keeps `png` and `pdf` (their hashes).
fn state(dir: &std::path::Path) -> (AppState, String, String) {
    let archive = Archive::open(dir).unwrap();
    let files = Files::of(dir);
    let png = files.keep(b"\x89PNG\r\n\x1a\n not really an image", "png").unwrap();
    let pdf = files.keep(b"%PDF-1.7 not really a pdf", "pdf").unwrap();
    let config = Config { data: dir.to_path_buf(), ..Config::default() };
    (AppState::from_archive(archive, &config), png, pdf)
}

async fn get(state: &AppState, uri: &str, if_none_match: Option<&str>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    get_with(state, uri, if_none_match, None).await
}

async fn get_with(
    state: &AppState,
    uri: &str,
    if_none_match: Option<&str>,
    accept_encoding: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let mut req = Request::get(uri);
    if let Some(t) = if_none_match {
        req = req.header(header::IF_NONE_MATCH, t);
    }
    if let Some(e) = accept_encoding {
        req = req.header(header::ACCEPT_ENCODING, e);
    }
    let res = app(state.clone()).oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = res.into_parts();
    (parts.status, parts.headers, body.collect().await.unwrap().to_bytes().to_vec())
}

#[tokio::test]
async fn a_kept_file_is_served_with_its_type_and_cached_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let (state, png, pdf) = state(dir.path());
    let (status, h, body) = get(&state, &format!("/files/{png}.png"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h[header::CONTENT_TYPE], "image/png");
    assert_eq!(h[header::ETAG], format!("\"{png}\"").as_str());
    assert_eq!(h[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert_eq!(body, b"\x89PNG\r\n\x1a\n not really an image");

    let (status, h, body) = get(&state, &format!("/files/{pdf}.pdf"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(body, b"%PDF-1.7 not really a pdf");
}

#[tokio::test]
async fn if_none_match_with_its_hash_is_answered_not_modified() {
    let dir = tempfile::tempdir().unwrap();
    let (state, png, _) = state(dir.path());
    let uri = format!("/files/{png}.png");
    for tag in [format!("\"{png}\""), format!("W/\"{png}\""), format!("\"x\", \"{png}\""), "*".to_string()] {
        let (status, h, body) = get(&state, &uri, Some(&tag)).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{tag}");
        assert_eq!(h[header::ETAG], format!("\"{png}\"").as_str());
        assert!(body.is_empty());
    }
    let (status, _, body) = get(&state, &uri, Some("\"someone-else\"")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.is_empty());
}

#[tokio::test]
async fn kept_files_are_sent_as_they_are_so_their_strong_etag_names_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // files big enough to be worth compressing, and that gzip would shrink
    let archive = Archive::open(dir.path()).unwrap();
    let files = Files::of(dir.path());
    let mut pdf_bytes = b"%PDF-1.7\n".to_vec();
    pdf_bytes.extend(std::iter::repeat_n(b"0 0 m 10 10 l S\n".as_slice(), 400).flatten());
    let mut png_bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    png_bytes.extend(std::iter::repeat_n(0u8, 8000));
    let pdf = files.keep(&pdf_bytes, "pdf").unwrap();
    let png = files.keep(&png_bytes, "png").unwrap();
    let state = AppState::from_archive(archive, &Config { data: dir.path().to_path_buf(), ..Config::default() });
    for (uri, hash, bytes) in
        [(format!("/files/{pdf}.pdf"), &pdf, &pdf_bytes), (format!("/files/{png}.png"), &png, &png_bytes)]
    {
        for enc in ["gzip", "br", "gzip, deflate, br"] {
            let (status, h, body) = get_with(&state, &uri, None, Some(enc)).await;
            assert_eq!(status, StatusCode::OK);
            assert!(h.get(header::CONTENT_ENCODING).is_none(), "{uri} {enc}: {:?}", h.get(header::CONTENT_ENCODING));
            assert_eq!(h[header::ETAG], format!("\"{hash}\"").as_str());
            assert_eq!(&body, bytes, "{uri} {enc}: the very bytes the tag names");
        }
    }
    // pages are still compressed
    let (status, h, _) = get_with(&state, "/about", None, Some("gzip")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn unknown_and_malformed_names_are_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let (state, png, pdf) = state(dir.path());
    // a file outside the files folder that a bad name could try to reach
    std::fs::write(dir.path().join("secret.png"), b"secret").unwrap();
    let unknown = "0".repeat(64);
    for uri in [
        format!("/files/{unknown}.png"),
        format!("/files/{png}.pdf"),
        format!("/files/{pdf}.png"),
        format!("/files/{png}.txt"),
        format!("/files/{}.png", png.to_uppercase()),
        format!("/files/{}.png", &png[..63]),
        format!("/files/{png}"),
        "/files/secret.png".to_string(),
        "/files/..%2fsecret.png".to_string(),
    ] {
        let (status, h, body) = get(&state, &uri, None).await;
        assert!(status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST, "{uri}: {status}");
        assert!(h.get(header::ETAG).is_none(), "{uri}");
        assert!(!String::from_utf8_lossy(&body).contains("secret"), "{uri}");
    }
}
