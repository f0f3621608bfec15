//! Query-string and path extractors whose refusals speak the caller's
//! language: a page for readers ([`PageQuery`], [`PagePath`]), JSON for the
//! API ([`ApiQuery`], [`ApiPath`]). axum's own extractors answer a
//! malformed query string (`q=a&q=b`, `p=%FF`) or a path that is not UTF-8
//! with a plain-text 400; these give the same 400 in the usual form.

use crate::error::{ApiError, Failure, PageError};
use axum::extract::{FromRequestParts, Path, Query};
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
