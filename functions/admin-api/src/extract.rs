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
    if let Some(field) = integer_over_the_maximum(bytes) {
        return Err(ApiError::Invalid {
            message: "the request has invalid fields".into(),
            details: vec![FieldError {
                field,
                message: format!("an integer is at most {MAX_INTEGER}"),
            }],
        });
    }
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
    let parsed = deserialize::<T>(bytes)?;
    let parsed = match parsed {
        Err(e)
            if e.inner()
                .to_string()
                .contains("invalid type: floating point") =>
        {
            // JSON Schema (and so the document) counts `114.0` as the integer 114;
            // serde does not. Such a body is read again with its integral numbers
            // written as integers, so it means what the document says it means.
            match integral_floats_as_integers(bytes) {
                Some(normalized) => deserialize::<T>(&normalized)?,
                None => Err(e),
            }
        }
        other => other,
    };
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

/// The largest integer a request may carry, in a body or a query: 2^63 − 1.
/// Counters, budgets and versions are `u64` in Rust, but the document's `int64`,
/// JavaScript clients and a version bumped past `u64::MAX` all stop there (a
/// version of `u64::MAX` overflowed when saved). The document states it as every
/// unsigned field's maximum (`openapi::UnsignedBounds`).
pub const MAX_INTEGER: u64 = i64::MAX as u64;

/// The path of the first integer above [`MAX_INTEGER`] in a JSON body (`""` for
/// the top level), if any. Only a body with a run of 19 digits is parsed for it.
fn integer_over_the_maximum(bytes: &[u8]) -> Option<String> {
    // Written as serde_path_to_error writes the paths of other errors: `rules[0].version`.
    fn find(value: &serde_json::Value) -> Option<String> {
        let under = |head: String, rest: String| match rest.starts_with('[') || rest.is_empty() {
            true => head + &rest,
            false => format!("{head}.{rest}"),
        };
        match value {
            serde_json::Value::Number(n) => n
                .as_u64()
                .is_some_and(|n| n > MAX_INTEGER)
                .then(String::new),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, item)| find(item).map(|rest| under(format!("[{i}]"), rest))),
            serde_json::Value::Object(fields) => fields
                .iter()
                .find_map(|(name, item)| find(item).map(|rest| under(name.clone(), rest))),
            _ => None,
        }
    }
    let longest_digits = bytes
        .split(|b| !b.is_ascii_digit())
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0);
    if longest_digits < 19 {
        return None;
    }
    find(&serde_json::from_slice(bytes).ok()?)
}

/// One reading of `bytes` as `T`; `Err` only for trailing garbage after a value.
fn deserialize<T: DeserializeOwned>(
    bytes: &[u8],
) -> Result<Result<T, serde_path_to_error::Error<serde_json::Error>>, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    if parsed.is_ok() {
        de.end()
            .map_err(|e| ApiError::Malformed(format!("the body is not valid JSON: {e}")))?;
    }
    Ok(parsed)
}

/// `bytes` written again with every integral number (`114.0`, `1e3`) within
/// `i64` as an integer; `None` when there is none or the body is not JSON.
fn integral_floats_as_integers(bytes: &[u8]) -> Option<Vec<u8>> {
    fn fix(value: &mut serde_json::Value) -> bool {
        match value {
            serde_json::Value::Number(n) if n.is_f64() => {
                let f = n.as_f64().unwrap_or(f64::NAN);
                // Exactly representable and inside i64 (2^63 itself is not).
                if f.fract() == 0.0
                    && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f)
                {
                    *value = serde_json::Value::from(f as i64);
                    true
                } else {
                    false
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().fold(false, |a, i| fix(i) | a),
            serde_json::Value::Object(fields) => fields.values_mut().fold(false, |a, i| fix(i) | a),
            _ => false,
        }
    }
    let mut value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    if fix(&mut value) {
        serde_json::to_vec(&value).ok()
    } else {
        None
    }
}

/// For a nested struct field of a request (`#[serde(deserialize_with =
/// "crate::extract::object")]`): serde's derived structs also read an array of
/// their fields (`"friend": [null, null]`), which the document calls invalid; this
/// reads only a JSON object.
pub fn object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: DeserializeOwned,
{
    use serde::de::{Deserialize, Error};
    let value = serde_json::Value::deserialize(deserializer)?;
    if !value.is_object() {
        return Err(D::Error::invalid_type(
            serde::de::Unexpected::Other("a JSON value that is not an object"),
            &"a JSON object",
        ));
    }
    T::deserialize(value).map_err(D::Error::custom)
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
    // Decoded as the deserializer will decode it: `%39` is a digit and `+` a space.
    let over_the_maximum = form_urlencoded::parse(query.as_bytes()).find_map(|(name, value)| {
        let number: u128 = value.parse().ok()?;
        (number > u128::from(MAX_INTEGER)).then_some(name)
    });
    if let Some(name) = over_the_maximum {
        return Err(ApiError::invalid(
            "query",
            format!("{name}: an integer is at most {MAX_INTEGER}"),
        ));
    }
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

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Versioned {
        version: u64,
        items: Vec<u64>,
    }

    #[test]
    fn an_integer_past_int64_is_refused_by_its_path_and_a_digit_string_is_not() {
        let over = |body: &str| match parse_json::<Versioned>(body.as_bytes()) {
            Err(ApiError::Invalid { details, .. }) => details[0].field.clone(),
            other => panic!("expected a 422, got {other:?}"),
        };
        assert_eq!(
            over(r#"{"version": 18446744073709551615, "items": []}"#),
            "version"
        );
        assert_eq!(
            over(r#"{"version": 1, "items": [2, 9223372036854775808]}"#),
            "items[1]"
        );
        assert!(parse_json::<Versioned>(
            br#"{"version": 9223372036854775807, "items": [1234567890123456789]}"#
        )
        .is_ok());
        assert!(integer_over_the_maximum(br#"{"note": "99999999999999999999"}"#).is_none());
    }

    #[test]
    fn a_query_integer_past_int64_is_refused() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Query {
            version: Option<u64>,
        }
        assert!(matches!(
            serde_urlencoded_de::<Query>("version=18446744073709551615"),
            Err(ApiError::Invalid { .. })
        ));
        assert!(serde_urlencoded_de::<Query>("version=9223372036854775807").is_ok());
    }

    #[test]
    fn a_query_integer_past_int64_is_refused_when_percent_encoded() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Query {
            version: Option<u64>,
        }
        let encoded = "version=%31%38446744073709551615";
        assert!(matches!(
            serde_urlencoded_de::<Query>(encoded),
            Err(ApiError::Invalid { details, .. }) if details[0].message.starts_with("version:")
        ));
        assert!(serde_urlencoded_de::<Query>("version=%39").is_ok());
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

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Counts {
        minutes: u32,
        cap: Option<u64>,
        items: Vec<i32>,
    }

    #[test]
    fn an_integral_number_written_as_a_float_is_the_integer_the_document_means() {
        let counts: Counts =
            parse_json(br#"{"minutes": 114.0, "cap": 3e2, "items": [-2.0, 7]}"#).unwrap();
        assert_eq!(
            (counts.minutes, counts.cap, counts.items),
            (114, Some(300), vec![-2, 7])
        );
    }

    #[test]
    fn a_fraction_where_an_integer_belongs_is_still_invalid() {
        match parse_json::<Counts>(br#"{"minutes": 1.5, "items": []}"#) {
            Err(ApiError::Invalid { details, .. }) => assert_eq!(details[0].field, "minutes"),
            other => panic!("expected a 422, got {other:?}"),
        }
    }

    #[test]
    fn a_truncated_body_is_malformed_not_invalid() {
        assert!(matches!(
            parse_json::<Outer>(br#"{"sender": "#),
            Err(ApiError::Malformed(_))
        ));
    }
}
