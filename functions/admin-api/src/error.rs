//! The one error type of the admin API and its mapping to HTTP responses.
//!
//! The caller's faults (malformed JSON, invalid values, missing rights, unknown
//! resources) answer with a message meant for them; our faults answer 500 with a
//! generic message, and their text goes to the log only.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use otodoke_core::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON, or not the JSON shape at all (400).
    #[error("malformed request: {0}")]
    Malformed(String),
    /// Well-formed but invalid values (422), with the fields at fault.
    #[error("{message}")]
    Invalid {
        message: String,
        details: Vec<FieldError>,
    },
    /// No or unusable credentials (401).
    #[error("authentication required")]
    Unauthenticated,
    /// The caller's role does not allow this (403). Only answered for resources
    /// inside the caller's scope, so it never reveals that something exists.
    #[error("your role does not allow this")]
    Forbidden,
    /// Absent, or outside the caller's organization or stores (404 in both cases).
    #[error("not found")]
    NotFound,
    /// The resource changed meanwhile or is not in a state allowing this (409).
    #[error("{0}")]
    Conflict(String),
    /// No message quota is left for this (429): the plan's or the store's monthly
    /// budget, or LINE's monthly limit. Retrying will not help this month.
    #[error("{0}")]
    QuotaExhausted(String),
    /// A service we depend on (LINE) could not answer (502); the caller may retry.
    #[error("{0}")]
    Upstream(String),
    /// A body over the router's limit (it was not read to the end), or an upload
    /// over its own limit (413).
    #[error("{0}")]
    TooLarge(String),
    /// An upload of a type that is not accepted (415).
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// A capability not available in this build yet (501).
    #[error("{0}")]
    NotImplemented(&'static str),
    /// Our fault (500): logged, never shown.
    #[error("internal error: {0}")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// One invalid field: its JSON path (`messages[0].text`) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<FieldError>,
}

impl ApiError {
    /// A 422 naming one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::Invalid {
            message: "the request has invalid fields".into(),
            details: vec![FieldError {
                field: field.into(),
                message,
            }],
        }
    }

    /// Wraps one of our failures.
    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        ApiError::Internal(Box::new(e))
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict => {
                ApiError::Conflict("changed by someone else meanwhile; re-read and retry".into())
            }
            StoreError::InvalidCursor(_) => ApiError::invalid(
                "cursor",
                "not a cursor this listing handed out; start again without one",
            ),
            other => ApiError::internal(other),
        }
    }
}

/// LINE's image rules, as the caller's faults: too large 413, not JPEG/PNG 415,
/// bytes that are not the declared type (or none) 422.
impl From<otodoke_core::media::ImageRefusal> for ApiError {
    fn from(refusal: otodoke_core::media::ImageRefusal) -> Self {
        use otodoke_core::media::ImageRefusal;
        let message = refusal.to_string();
        match refusal {
            ImageRefusal::TooLarge { .. } => ApiError::TooLarge(message),
            ImageRefusal::UnsupportedType { .. } => ApiError::UnsupportedMediaType(message),
            ImageRefusal::NotThatType { .. } | ImageRefusal::Empty => {
                ApiError::invalid("body", message)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message, details) = match self {
            ApiError::Malformed(m) => (StatusCode::BAD_REQUEST, m, vec![]),
            ApiError::Invalid { message, details } => {
                (StatusCode::UNPROCESSABLE_ENTITY, message, details)
            }
            ApiError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "authentication required".into(),
                vec![],
            ),
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                "your role does not allow this".into(),
                vec![],
            ),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not found".into(), vec![]),
            ApiError::Conflict(m) => (StatusCode::CONFLICT, m, vec![]),
            ApiError::QuotaExhausted(m) => (StatusCode::TOO_MANY_REQUESTS, m, vec![]),
            ApiError::Upstream(detail) => {
                tracing::warn!(detail, "admin API upstream failure");
                (
                    StatusCode::BAD_GATEWAY,
                    "LINE could not be reached; try again later".into(),
                    vec![],
                )
            }
            ApiError::TooLarge(m) => (StatusCode::PAYLOAD_TOO_LARGE, m, vec![]),
            ApiError::UnsupportedMediaType(m) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, m, vec![]),
            ApiError::NotImplemented(m) => (StatusCode::NOT_IMPLEMENTED, m.into(), vec![]),
            ApiError::Internal(e) => {
                tracing::error!(error = %e, source = ?e.source(), "admin API internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error".into(),
                    vec![],
                )
            }
        };
        (status, Json(ErrorBody { message, details })).into_response()
    }
}

/// The result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
