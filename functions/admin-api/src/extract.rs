//! Body and query extractors whose failures are [`ApiError`]s: 400 when the body
//! is not JSON, 422 naming the field when a value is wrong or unknown.

use crate::error::{ApiError, FieldError};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use bytes::Bytes;
use serde::de::DeserializeOwned;

/// A JSON request body. Request types carry `#[serde(deny_unknown_fields)]`, so an
/// unknown field is a 422 naming it.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            // The router's body limit surfaces here as a failure to buffer the body.
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge(format!(
                    "the body is over {} KiB",
                    crate::MAX_BODY_BYTES / 1024
                ))
            } else {
                ApiError::Malformed(e.body_text())
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses `bytes` as `T`: syntax errors are 400, shape and value errors 422 with
/// the JSON path of the offending field.
///
/// Every request body is a JSON object. serde's derived structs also accept an
/// array of their fields in order (`[null, null]` would be an empty change), so a
/// well-formed body that is not an object is refused here (422).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let starts_as_object = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{');
    if !starts_as_object && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok() {
        return Err(ApiError::Invalid {
            message: "the request has invalid fields".into(),
            details: vec![FieldError {
                field: String::new(),
                message: "the body must be a JSON object".into(),
            }],
        });
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    if parsed.is_ok() {
        de.end()
            .map_err(|e| ApiError::Malformed(format!("the body is not valid JSON: {e}")))?;
    }
    parsed.map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let message = strip_position(&inner.to_string());
                let path = if path == "." { String::new() } else { path };
                ApiError::Invalid {
                    message: "the request has invalid fields".into(),
                    details: vec![FieldError {
                        field: field_of(path, &message),
                        message,
                    }],
                }
            }
            _ => ApiError::Malformed(format!("the body is not valid JSON: {inner}")),
        }
    })
}

/// The field an error is about. serde reports an unknown field at its parent's
/// path with the name only in the message (`unknown field `x`, expected ...`), so
/// the name is appended to the path here.
fn field_of(path: String, message: &str) -> String {
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next());
    match unknown {
        Some(name) if !path.is_empty() && !path.ends_with(name) => format!("{path}.{name}"),
        Some(name) if path.is_empty() => name.to_owned(),
        _ => path,
    }
}

/// serde_json appends " at line 1 column 42" to messages; the field path says more.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Query parameters; a bad value is a 422 naming the parameter list.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded_de(query);
        de.map(ApiQuery)
    }
}

fn serde_urlencoded_de<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    axum::extract::Query::<T>::try_from_uri(
        &format!("/?{query}")
            .parse()
            .map_err(|_| ApiError::Malformed("bad query string".into()))?,
    )
    .map(|q| q.0)
    .map_err(|e| ApiError::invalid("query", e.body_text()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        sender: Inner,
        messages: Vec<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    fn field(body: &str) -> String {
        match parse_json::<Outer>(body.as_bytes()) {
            Err(ApiError::Invalid { details, .. }) => details[0].field.clone(),
            other => panic!("expected a 422, got {other:?}"),
        }
    }

    #[test]
    fn a_nested_unknown_field_is_named_by_its_full_path() {
        assert_eq!(
            field(r#"{"sender": {"name": "a", "extra": 1}, "messages": []}"#),
            "sender.extra"
        );
    }

    #[test]
    fn a_bad_value_in_a_list_is_named_with_its_index() {
        assert_eq!(
            field(r#"{"sender": {"name": "a"}, "messages": [{"name": "b"}, {"name": 3}]}"#),
            "messages[1].name"
        );
    }

    #[test]
    fn a_well_formed_body_that_is_not_an_object_is_invalid_not_read_as_fields() {
        for body in ["[{\"name\": \"a\"}, []]", "null", "3", "\"x\""] {
            match parse_json::<Outer>(body.as_bytes()) {
                Err(ApiError::Invalid { details, .. }) => {
                    assert_eq!(
                        details[0].message, "the body must be a JSON object",
                        "{body}"
                    )
                }
                other => panic!("{body}: expected a 422, got {other:?}"),
            }
        }
        assert!(matches!(
            parse_json::<Outer>(b"["),
            Err(ApiError::Malformed(_))
        ));
    }

    #[test]
    fn a_truncated_body_is_malformed_not_invalid() {
        assert!(matches!(
            parse_json::<Outer>(br#"{"sender": "#),
            Err(ApiError::Malformed(_))
        ));
    }
}
