//! The one error type of the client, and the mapping from LINE's answers to it.

use serde::Deserialize;

use crate::messages::ValidationError;

/// The 429 message meaning "slow down".
pub const RATE_LIMIT_MESSAGE: &str = "The API rate limit has been exceeded. Try again later.";
/// The 429 message meaning "no messages left this month".
pub const MONTHLY_LIMIT_MESSAGE: &str = "You have reached your monthly limit.";
/// The 400 message for a used or expired reply token.
pub const INVALID_REPLY_TOKEN_MESSAGE: &str = "Invalid reply token";

/// Why a call to LINE failed. Every variant that follows an answer from LINE carries
/// that answer's `x-line-request-id` (`None` only if LINE left the header out).
#[derive(Debug, thiserror::Error)]
pub enum LineError {
    /// The request broke one of LINE's rules and was not sent.
    #[error("invalid request: {0}")]
    Validation(#[from] ValidationError),
    /// 401: the channel access token is wrong, expired or revoked.
    #[error("LINE refused the channel access token (401): {message}")]
    Unauthorized {
        request_id: Option<String>,
        message: String,
    },
    /// 403: the channel may not use this endpoint (plan or permission).
    #[error("LINE forbade the request (403): {message}")]
    Forbidden {
        request_id: Option<String>,
        message: String,
    },
    /// 400 `Invalid reply token`: the token was used already or has expired.
    #[error("the reply token is used or expired")]
    InvalidReplyToken { request_id: Option<String> },
    /// Any other 4xx LINE did not accept; never retried.
    #[error("LINE rejected the request ({status}): {message}")]
    BadRequest {
        status: u16,
        request_id: Option<String>,
        message: String,
        details: Vec<ErrorDetail>,
    },
    /// 404: e.g. a profile of a user who blocked the account.
    #[error("not found (404): {message}")]
    NotFound {
        request_id: Option<String>,
        message: String,
    },
    /// 429 with the rate-limit message: back off and try again.
    #[error("LINE's rate limit was exceeded")]
    RateLimited { request_id: Option<String> },
    /// 429 with the monthly-limit message: no retry can help until the quota resets.
    #[error("the channel has reached its monthly message limit")]
    MonthlyLimitReached { request_id: Option<String> },
    /// 5xx (or another status LINE should not send).
    #[error("LINE answered {status}")]
    Server {
        status: u16,
        request_id: Option<String>,
    },
    /// No complete answer within the request timeout. The request may have been
    /// processed by LINE.
    #[error("LINE did not answer in time")]
    Timeout,
    /// The connection failed or dropped; the request may have been processed.
    #[error("could not talk to LINE: {0}")]
    Transport(#[source] reqwest::Error),
    /// A success answer whose body was not what LINE documents.
    #[error("could not decode LINE's answer: {source}")]
    Decode {
        request_id: Option<String>,
        #[source]
        source: serde_json::Error,
    },
}

/// One entry of the `details` array of LINE's error body.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ErrorDetail {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub property: Option<String>,
}

impl LineError {
    /// Whether trying the same request again (same body, same retry key) can succeed:
    /// rate limits, 5xx, timeouts and transport failures.
    pub fn is_retryable(&self) -> bool {
        match self {
            LineError::RateLimited { .. } | LineError::Timeout | LineError::Transport(_) => true,
            LineError::Server { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// LINE's `message` and `details` when LINE refused the request as invalid (a
    /// 400, e.g. a rich menu it would not accept, an image uploaded twice, an alias
    /// that exists): what to show the person who wrote the request. `None` for every
    /// other failure, and for [`LineError::InvalidReplyToken`].
    pub fn rejection(&self) -> Option<(&str, &[ErrorDetail])> {
        match self {
            LineError::BadRequest {
                status: 400,
                message,
                details,
                ..
            } => Some((message, details)),
            _ => None,
        }
    }

    /// LINE's `x-line-request-id` of the answer, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            LineError::Unauthorized { request_id, .. }
            | LineError::Forbidden { request_id, .. }
            | LineError::InvalidReplyToken { request_id }
            | LineError::BadRequest { request_id, .. }
            | LineError::NotFound { request_id, .. }
            | LineError::RateLimited { request_id }
            | LineError::MonthlyLimitReached { request_id }
            | LineError::Server { request_id, .. }
            | LineError::Decode { request_id, .. } => request_id.as_deref(),
            LineError::Validation(_) | LineError::Timeout | LineError::Transport(_) => None,
        }
    }
}

/// LINE's error body: `{"message": "...", "details": [{"message", "property"}]}`.
#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: Vec<ErrorDetail>,
}

/// Maps a non-success answer (anything but 2xx and an accepted 409) to its error.
pub(crate) fn from_answer(status: u16, request_id: Option<String>, body: &[u8]) -> LineError {
    let ErrorBody { message, details } = serde_json::from_slice(body).unwrap_or_default();
    match status {
        400 if message == INVALID_REPLY_TOKEN_MESSAGE => {
            LineError::InvalidReplyToken { request_id }
        }
        401 => LineError::Unauthorized {
            request_id,
            message,
        },
        403 => LineError::Forbidden {
            request_id,
            message,
        },
        404 => LineError::NotFound {
            request_id,
            message,
        },
        // An unknown 429 message is treated as a rate limit: retrying with the same
        // retry key cannot double-send, while stopping a campaign would be wrong.
        429 if message == MONTHLY_LIMIT_MESSAGE => LineError::MonthlyLimitReached { request_id },
        429 => LineError::RateLimited { request_id },
        400..=499 => LineError::BadRequest {
            status,
            request_id,
            message,
            details,
        },
        _ => LineError::Server { status, request_id },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> LineError {
        from_answer(status, Some("req-1".into()), body.as_bytes())
    }

    #[test]
    fn the_two_429s_are_told_apart_by_their_message() {
        let rate = answer(
            429,
            r#"{"message":"The API rate limit has been exceeded. Try again later."}"#,
        );
        assert!(matches!(rate, LineError::RateLimited { .. }));
        assert!(rate.is_retryable());
        let monthly = answer(429, r#"{"message":"You have reached your monthly limit."}"#);
        assert!(matches!(monthly, LineError::MonthlyLimitReached { .. }));
        assert!(!monthly.is_retryable());
    }

    #[test]
    fn invalid_reply_token_is_its_own_error() {
        let error = answer(400, r#"{"message":"Invalid reply token"}"#);
        assert!(matches!(error, LineError::InvalidReplyToken { .. }));
        assert_eq!(error.request_id(), Some("req-1"));
        assert!(!error.is_retryable());
    }

    #[test]
    fn other_4xx_carry_status_message_and_details() {
        let error = answer(
            400,
            r#"{"message":"The request body has 1 error(s)","details":[{"message":"May not be empty","property":"messages[0].text"}]}"#,
        );
        match error {
            LineError::BadRequest {
                status,
                message,
                details,
                ..
            } => {
                assert_eq!(status, 400);
                assert_eq!(message, "The request body has 1 error(s)");
                assert_eq!(details[0].property.as_deref(), Some("messages[0].text"));
            }
            other => panic!("expected BadRequest, got {other:?}"),
        }
        assert!(matches!(answer(401, "{}"), LineError::Unauthorized { .. }));
        assert!(matches!(
            answer(404, r#"{"message":"Not found"}"#),
            LineError::NotFound { .. }
        ));
        assert_eq!(
            answer(
                400,
                r#"{"message":"An image has already been uploaded to the richmenu"}"#
            )
            .rejection(),
            Some((
                "An image has already been uploaded to the richmenu",
                &[][..]
            ))
        );
        assert_eq!(answer(413, "not json").rejection(), None);
        assert_eq!(answer(404, "{}").rejection(), None);
        assert!(matches!(
            answer(413, "not json"),
            LineError::BadRequest { status: 413, .. }
        ));
    }

    #[test]
    fn server_errors_are_retryable_and_client_errors_are_not() {
        assert!(answer(500, "").is_retryable());
        assert!(answer(503, "").is_retryable());
        assert!(!answer(400, "{}").is_retryable());
        assert!(!answer(403, "{}").is_retryable());
    }
}
