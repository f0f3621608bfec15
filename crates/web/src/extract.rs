//! Query-string and path extractors whose refusals speak the caller's
//! language: a page for readers ([`PageQuery`], [`PagePath`]), JSON for the
//! API ([`ApiQuery`], [`ApiPath`]). axum's own extractors answer a
//! malformed query string (`q=a&q=b`, `p=%FF`) or a path that is not UTF-8
//! with a plain-text 400; these give the same 400 in the usual form.
//! [`SiteUrl`] is where the site is, for the absolute URLs a page or a
//! document must give.

use crate::error::{ApiError, Failure, PageError};
use crate::AppState;
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// The query string, or a 400 page.
pub struct PageQuery<T>(pub T);

/// The query string, or a 400 in JSON.
pub struct ApiQuery<T>(pub T);

/// The path parameters, or a 400 page.
pub struct PagePath<T>(pub T);

/// The path parameters, or a 400 in JSON.
pub struct ApiPath<T>(pub T);

fn query<T: DeserializeOwned>(parts: &Parts) -> Result<T, Failure> {
    Query::<T>::try_from_uri(&parts.uri)
        .map(|Query(t)| t)
        .map_err(|e| Failure::BadRequest(format!("查询参数有误 (bad query string): {}", e.body_text())))
}

async fn path<T: DeserializeOwned + Send, S: Send + Sync>(parts: &mut Parts, state: &S) -> Result<T, Failure> {
    Path::<T>::from_request_parts(parts, state)
        .await
        .map(|Path(t)| t)
        .map_err(|e| Failure::BadRequest(format!("路径有误 (bad path): {}", e.body_text())))
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PageQuery<T> {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, PageError> {
        Ok(PageQuery(query(parts)?))
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Ok(ApiQuery(query(parts)?))
    }
}

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PagePath<T> {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        Ok(PagePath(path(parts, state).await?))
    }
}

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Ok(ApiPath(path(parts, state).await?))
    }
}

/// Where the site is, as `scheme://host[:port]` without a trailing `/`: the
/// configured base URL, else the request's `Host` (http, or https when
/// `X-Forwarded-Proto` says so); `None` when neither is known or the host
/// is not a plain host name or address.
pub struct SiteUrl(pub Option<String>);

impl SiteUrl {
    /// `path` (from `/`) made absolute, when the site's address is known.
    pub fn join(&self, path: &str) -> Option<String> {
        self.0.as_ref().map(|base| format!("{base}{path}"))
    }

    /// `path` made absolute when the site's address is known, else as it is.
    pub fn absolute(&self, path: &str) -> String {
        self.join(path).unwrap_or_else(|| path.to_string())
    }
}

/// Whether a `Host` value is a host name or address with an optional port,
/// and nothing else (no scheme, path, quotes or spaces).
fn plain_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':' | b'[' | b']' | b'_'))
}

impl FromRequestParts<AppState> for SiteUrl {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(base) = state.base_url() {
            return Ok(SiteUrl(Some(base.to_string())));
        }
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| parts.uri.authority().map(|a| a.as_str()))
            .map(str::trim)
            .filter(|h| plain_host(h));
        let https = parts
            .headers
            .get("x-forwarded-proto")
            .and_then(|p| p.to_str().ok())
            .and_then(|p| p.split(',').next())
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
        let scheme = if https { "https" } else { "http" };
        Ok(SiteUrl(host.map(|h| format!("{scheme}://{}", h.to_ascii_lowercase()))))
    }
}
