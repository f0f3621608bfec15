//! Errors as responses: a page for readers ([`PageError`]), JSON for
//! programs ([`ApiError`]). The user's mistakes get 4xx with a message; our
//! failures get 500 with a generic message (the details go to the log, never
//! to the client).

use askama::Template;
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;
use shuzibao_archive::ArchiveError;
use shuzibao_search::SearchError;
use shuzibao_store::StoreError;

/// What went wrong, whoever asked.
#[derive(Debug)]
pub enum Failure {
    /// No such page, article, issue.
    NotFound(String),
    /// The request cannot be served as asked (a bad query, a bad date).
    BadRequest(String),
    /// Writing is not allowed, or the token is wrong.
    Forbidden(String),
    /// The request contradicts what the archive holds (a page dated onto
    /// a page the archive already has).
    Conflict(String),
    /// A token is needed and none was given (answered with
    /// `WWW-Authenticate: Bearer`).
    Unauthorized(String),
    /// Too many wrong tries: come back after this many seconds.
    TooManyRequests(String, u64),
    /// The server is too busy to take the request now: come back after this
    /// many seconds.
    Busy(String, u64),
    /// Something of ours broke; the string goes to the log only.
    Internal(String),
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::Forbidden(_) => StatusCode::FORBIDDEN,
            Failure::Conflict(_) => StatusCode::CONFLICT,
            Failure::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Failure::TooManyRequests(..) => StatusCode::TOO_MANY_REQUESTS,
            Failure::Busy(..) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the client may be told.
    fn public_message(&self) -> String {
        match self {
            Failure::NotFound(m)
            | Failure::BadRequest(m)
            | Failure::Forbidden(m)
            | Failure::Conflict(m)
            | Failure::Unauthorized(m)
            | Failure::TooManyRequests(m, _)
            | Failure::Busy(m, _) => m.clone(),
            Failure::Internal(detail) => {
                tracing::error!("internal error: {detail}");
                "服务器内部错误 (internal error)".to_string()
            }
        }
    }

    /// The headers that go with the status: `WWW-Authenticate` with 401,
    /// `Retry-After` with 429 and 503.
    fn headers(&self) -> Vec<(HeaderName, HeaderValue)> {
        match self {
            Failure::Unauthorized(_) => vec![(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))],
            Failure::TooManyRequests(_, secs) | Failure::Busy(_, secs) => {
                vec![(header::RETRY_AFTER, HeaderValue::from(*secs))]
            }
            _ => Vec::new(),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(m) => Failure::NotFound(m),
            StoreError::Conflict(m) => Failure::Conflict(m),
            StoreError::Refused(m) => Failure::BadRequest(m),
            e => Failure::Internal(e.to_string()),
        }
    }
}

impl From<SearchError> for Failure {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Query(q) => Failure::BadRequest(format!("bad query: {q}")),
            e => Failure::Internal(e.to_string()),
        }
    }
}

impl From<ArchiveError> for Failure {
    fn from(e: ArchiveError) -> Self {
        match e {
            ArchiveError::Store(s) => s.into(),
            ArchiveError::Search(s) => s.into(),
            e => Failure::Internal(e.to_string()),
        }
    }
}

impl From<askama::Error> for Failure {
    fn from(e: askama::Error) -> Self {
        Failure::Internal(format!("template: {e}"))
    }
}

/// An error answered with an HTML page.
#[derive(Debug)]
pub struct PageError(pub Failure);

/// An error answered with JSON: `{"error": {"status": 404, "message": "…"}}`.
#[derive(Debug)]
pub struct ApiError(pub Failure);

impl<E: Into<Failure>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl<E: Into<Failure>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    site_name: &'a str,
    meta: crate::html::Meta,
    status: u16,
    title: &'a str,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let title = match status {
            StatusCode::NOT_FOUND => "找不到这一页",
            StatusCode::BAD_REQUEST => "请求有误",
            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => "不允许",
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => "请稍后再试",
            _ => "出错了",
        };
        let message = self.0.public_message();
        let meta = crate::html::Meta {
            title: title.to_string(),
            description: crate::html::clip(&message, 120),
            kind: "website",
            url: None,
            published: None,
        };
        let page = ErrorPage { site_name: "数字报", meta, status: status.as_u16(), title, message };
        let mut res = match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, title.to_string()).into_response(),
        };
        res.headers_mut().extend(self.0.headers());
        res
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let body = json!({ "error": { "status": status.as_u16(), "message": self.0.public_message() } });
        let mut res = (status, axum::Json(body)).into_response();
        res.headers_mut().extend(self.0.headers());
        res
    }
}
