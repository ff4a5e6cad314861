//! LINE's error answers, in one place: status plus `{"message", "details"?}`.
//! The texts follow the ones LINE returns, so clients are tested against the
//! strings they will see in production.

use axum::http::StatusCode;
use serde::Serialize;

/// One entry of `details`: what is wrong with which property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorDetail {
    pub message: String,
    pub property: String,
}

impl ErrorDetail {
    pub fn new(property: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            property: property.into(),
        }
    }
}

/// Which kind of 429 (or other refusal) this is; recorded in the statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    Unauthorized,
    Forbidden,
    BadRequest,
    RateLimited,
    MonthlyLimit,
    Conflict,
    NotFound,
    TooLarge,
    Injected,
}

/// An error answer of the Messaging API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub kind: Refusal,
    pub message: String,
    pub details: Vec<ErrorDetail>,
    /// For 409: the request id the retry key was first accepted with.
    pub accepted_request_id: Option<String>,
}

/// LINE's texts for the refusals that carry no details.
pub(crate) mod text {
    pub const MISSING_AUTH: &str =
        "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'";
    pub const INVALID_TOKEN: &str = "Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid.";
    pub const RATE_LIMIT: &str = "The API rate limit has been exceeded. Try again later.";
    pub const MONTHLY_LIMIT: &str = "You have reached your monthly limit.";
    pub const INVALID_REPLY_TOKEN: &str = "Invalid reply token";
    pub const RETRY_KEY_ON_REPLY: &str = "The retry key cannot be specified for the reply API";
    pub const INVALID_RETRY_KEY: &str = "The value for the 'X-Line-Retry-Key' header is invalid";
    pub const RETRY_KEY_ACCEPTED: &str = "The retry key is already accepted";
    pub const NOT_FOUND: &str = "Not found";
    pub const TOO_LARGE: &str = "Request entity too large";
    pub const INTERNAL: &str = "An error occurred on the server. Try again later.";
    pub const INVALID_JSON: &str = "The request body could not be parsed as JSON";
    pub const NOT_AVAILABLE: &str = "Access to this API is not available for your account";
}

impl ApiError {
    fn plain(status: StatusCode, kind: Refusal, message: &str) -> Self {
        Self {
            status,
            kind,
            message: message.to_owned(),
            details: Vec::new(),
            accepted_request_id: None,
        }
    }

    pub fn missing_auth() -> Self {
        Self::plain(
            StatusCode::UNAUTHORIZED,
            Refusal::Unauthorized,
            text::MISSING_AUTH,
        )
    }

    pub fn invalid_token() -> Self {
        Self::plain(
            StatusCode::UNAUTHORIZED,
            Refusal::Unauthorized,
            text::INVALID_TOKEN,
        )
    }

    /// 403: the account may not use this endpoint (e.g. the followers list of an
    /// account that is neither verified nor premium).
    pub fn not_available() -> Self {
        Self::plain(
            StatusCode::FORBIDDEN,
            Refusal::Forbidden,
            text::NOT_AVAILABLE,
        )
    }

    pub fn rate_limited() -> Self {
        Self::plain(
            StatusCode::TOO_MANY_REQUESTS,
            Refusal::RateLimited,
            text::RATE_LIMIT,
        )
    }

    pub fn monthly_limit() -> Self {
        Self::plain(
            StatusCode::TOO_MANY_REQUESTS,
            Refusal::MonthlyLimit,
            text::MONTHLY_LIMIT,
        )
    }

    pub fn bad_request(message: &str) -> Self {
        Self::plain(StatusCode::BAD_REQUEST, Refusal::BadRequest, message)
    }

    /// A 400 listing every problem found in the body, the way LINE words it.
    pub fn invalid_body(details: Vec<ErrorDetail>) -> Self {
        Self {
            message: format!("The request body has {} error(s)", details.len()),
            details,
            ..Self::plain(StatusCode::BAD_REQUEST, Refusal::BadRequest, "")
        }
    }

    pub fn retry_key_accepted(first_request_id: String) -> Self {
        Self {
            accepted_request_id: Some(first_request_id),
            ..Self::plain(
                StatusCode::CONFLICT,
                Refusal::Conflict,
                text::RETRY_KEY_ACCEPTED,
            )
        }
    }

    /// A 404 with LINE's own message and detail (e.g. an unknown audience group).
    pub fn not_found_because(message: &str, detail: &str) -> Self {
        Self {
            details: vec![ErrorDetail::new("", detail)],
            ..Self::plain(StatusCode::NOT_FOUND, Refusal::NotFound, message)
        }
    }

    pub fn not_found() -> Self {
        Self::plain(StatusCode::NOT_FOUND, Refusal::NotFound, text::NOT_FOUND)
    }

    pub fn too_large() -> Self {
        Self::plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::TooLarge,
            text::TOO_LARGE,
        )
    }

    pub fn injected() -> Self {
        Self::plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            Refusal::Injected,
            text::INTERNAL,
        )
    }

    /// The JSON body LINE sends with this status.
    pub fn body(&self) -> serde_json::Value {
        let mut body = serde_json::json!({ "message": self.message });
        if !self.details.is_empty() {
            body["details"] = serde_json::to_value(&self.details).unwrap_or_default();
        }
        body
    }
}
