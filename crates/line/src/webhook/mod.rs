//! The webhook model: what LINE POSTs to us, and [`parse_webhook`], which verifies the
//! signature on the raw bytes and then parses.
//!
//! Parsing is tolerant where LINE is known to grow: unknown event types, message
//! types, modes and source types all parse (unknown events and messages keep their
//! JSON verbatim in a [`RawJson`]), so one new event never costs the others in the
//! same delivery. Fields LINE documents as required on a known type stay required.
//!
//! ```
//! use otodoke_line::{signature, webhook};
//! let secret = b"8c570fa6dd201bb328f1c1eac23a96d8";
//! let body = br#"{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}"#;
//! let signature = signature::sign(secret, body);
//! let parsed = webhook::parse_webhook(secret, body, Some(&signature)).unwrap();
//! assert!(parsed.events.is_empty());
//! ```

mod event;
mod fast;
mod message;
mod raw;

pub use event::{
    AccountLink, Beacon, DeliveryContext, Event, EventKind, Follow, Members, Membership, Mode,
    Postback, PostbackParams, Source, Unsend, VideoPlayComplete,
};
pub use message::{
    AudioMessage, ContentProvider, FileMessage, ImageMessage, ImageSet, LocationMessage, Mention,
    Mentionee, ReceivedEmoji, ReceivedMessage, StickerMessage, TextMessage, VideoMessage,
};
pub use raw::RawJson;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::signature::{self, SignatureError};

/// One webhook delivery. `events` may be empty (the console's "Verify" button).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookBody {
    /// The bot's user id: which channel the delivery is for.
    pub destination: String,
    pub events: Vec<Event>,
}

/// Why a webhook delivery was refused. A bad signature means "not from LINE" (answer
/// 401 and do not look at the body); a malformed body came signed, so it is LINE's
/// (answer 400 and keep it for inspection).
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("webhook signature rejected: {0}")]
    Signature(#[from] SignatureError),
    #[error("webhook body is not a valid LINE webhook: {0}")]
    Malformed(#[from] serde_json::Error),
}

/// Verifies `signature` (the `x-line-signature` header's value, `None` if absent)
/// against the exact `body` bytes under `channel_secret`, then parses the body.
///
/// Cost: one HMAC-SHA256 over the body, then one pass over the envelope and one per
/// event (see [`Event`]); see `docs/perf/webhook-parse.md` for figures.
pub fn parse_webhook(
    channel_secret: &[u8],
    body: &[u8],
    signature: Option<&str>,
) -> Result<WebhookBody, WebhookError> {
    parse_webhook_with(&signature::SigningKey::new(channel_secret), body, signature)
}

/// [`parse_webhook`] with the channel's [`signature::SigningKey`] prepared once, as a
/// long-lived process (a warm Lambda) should hold it.
pub fn parse_webhook_with(
    key: &signature::SigningKey,
    body: &[u8],
    signature: Option<&str>,
) -> Result<WebhookBody, WebhookError> {
    key.verify(body, signature.ok_or(SignatureError::Missing)?)?;
    Ok(parse_body(body)?)
}

/// Parses a body **without** verifying it: only for bodies verified earlier (e.g.
/// stored after [`parse_webhook`] accepted them) and for tests.
///
/// Cost: one typed pass over the bytes when every event and message type is known;
/// otherwise a second, careful pass that keeps unknown JSON verbatim.
pub fn parse_body(body: &[u8]) -> Result<WebhookBody, serde_json::Error> {
    match fast::parse(body) {
        Some(parsed) => Ok(parsed),
        None => parse_body_carefully(body),
    }
}

/// Both paths on one body, for the differential fuzz target in `fuzz/`: the fast
/// path's answer (`None` when it gives up) and the careful path's. Compiled only under
/// cargo-fuzz (`--cfg fuzzing`); not part of the API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn parse_body_both_ways(
    body: &[u8],
) -> (Option<WebhookBody>, Result<WebhookBody, serde_json::Error>) {
    (fast::parse(body), parse_body_carefully(body))
}

/// The careful path: delimit each event, then parse it by its type, keeping unknown
/// events and messages verbatim. This is the definition of what a body means.
fn parse_body_carefully(body: &[u8]) -> Result<WebhookBody, serde_json::Error> {
    #[derive(Deserialize)]
    struct Repr<'a> {
        destination: String,
        #[serde(borrow)]
        events: Vec<&'a RawValue>,
    }
    let repr: Repr<'_> = serde_json::from_slice(body)?;
    let events = repr
        .events
        .into_iter()
        .map(Event::from_raw)
        .collect::<Result<_, _>>()?;
    Ok(WebhookBody {
        destination: repr.destination,
        events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> Vec<(String, Vec<u8>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/webhook");
        let mut all: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| {
                let path = entry.unwrap().path();
                (path.display().to_string(), std::fs::read(&path).unwrap())
            })
            .collect();
        let bench = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/fixtures");
        for name in ["webhook_1_event.json", "webhook_10_events.json"] {
            all.push((name.to_owned(), std::fs::read(bench.join(name)).unwrap()));
        }
        all
    }

    #[test]
    fn fast_path_agrees_with_the_careful_path_whenever_it_answers() {
        let mut answered = 0;
        for (name, body) in fixtures() {
            let careful = parse_body_carefully(&body).unwrap();
            if let Some(fast) = fast::parse(&body) {
                assert_eq!(fast, careful, "{name}");
                answered += 1;
            }
        }
        assert!(
            answered >= 25,
            "the fast path answered only {answered} fixtures"
        );
    }

    #[test]
    fn fast_path_answers_every_fixture_of_known_types() {
        for (name, body) in fixtures() {
            if !name.contains("unknown") {
                assert!(fast::parse(&body).is_some(), "{name}");
            }
        }
    }

    #[test]
    fn fast_path_gives_up_on_unknown_types_and_missing_payloads() {
        for (name, body) in fixtures() {
            if name.contains("unknown_event") || name.contains("unknown_message") {
                assert!(fast::parse(&body).is_none(), "{name}");
            }
        }
        let no_payload = br#"{"destination":"U1","events":[{"type":"postback","mode":"active","timestamp":1,"webhookEventId":"01","deliveryContext":{"isRedelivery":false}}]}"#;
        assert!(fast::parse(no_payload).is_none());
    }

    #[test]
    fn fast_path_gives_up_on_duplicated_keys_and_nulls_and_the_careful_path_decides() {
        let one = |event: &str| format!(r#"{{"destination":"U1","events":[{event}]}}"#);
        let base = r#""type":"unfollow","mode":"active","timestamp":1,"webhookEventId":"01","deliveryContext":{"isRedelivery":false}"#;
        let duplicated = one(&format!(r#"{{{base},"timestamp":2}}"#));
        assert!(fast::parse(duplicated.as_bytes()).is_none());
        assert!(parse_body(duplicated.as_bytes()).is_err());
        let null_source = one(&format!(r#"{{{base},"source":null}}"#));
        assert!(fast::parse(null_source.as_bytes()).is_none());
        assert_eq!(
            parse_body(null_source.as_bytes()).unwrap().events[0].source,
            None
        );
    }

    mod mutated {
        use proptest::prelude::*;
        use serde_json::Value;

        use super::super::{fast, parse_body_carefully};
        use super::fixtures;

        /// Every value's JSON pointer in `value`, the root included.
        fn pointers(value: &Value, here: String, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    for (key, child) in map {
                        pointers(child, format!("{here}/{key}"), out);
                    }
                }
                Value::Array(items) => {
                    for (index, child) in items.iter().enumerate() {
                        pointers(child, format!("{here}/{index}"), out);
                    }
                }
                _ => {}
            }
            out.push(here);
        }

        fn scalar() -> impl Strategy<Value = Value> {
            prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::from),
                any::<i64>().prop_map(Value::from),
                any::<u64>().prop_map(Value::from),
                (-1e3f64..1e3).prop_map(Value::from),
                "[a-z\\n\"\\\\\u{3042}\u{1F600}\u{7}]{0,6}".prop_map(Value::from),
                prop::sample::select(vec![
                    "message",
                    "messageEdited",
                    "follow",
                    "postback",
                    "text",
                    "sticker",
                    "image",
                    "user",
                    "group",
                    "room",
                    "active",
                    "standby",
                    "somethingNew",
                ])
                .prop_map(Value::from),
                Just(serde_json::json!({})),
                Just(serde_json::json!([1, {"a": [null]}])),
            ]
        }

        /// One change at one place: replace a value, remove it, or add an unknown key.
        #[derive(Debug, Clone)]
        struct Mutation {
            place: usize,
            op: u8,
            value: Value,
        }

        fn apply(body: &mut Value, mutation: &Mutation) {
            let mut all = Vec::new();
            pointers(body, String::new(), &mut all);
            let pointer = &all[mutation.place % all.len()];
            match mutation.op % 3 {
                0 => *body.pointer_mut(pointer).unwrap() = mutation.value.clone(),
                1 => {
                    let Some((parent, last)) = pointer.rsplit_once('/') else {
                        return;
                    };
                    match body.pointer_mut(parent).unwrap() {
                        Value::Object(map) => {
                            map.remove(last);
                        }
                        Value::Array(items) => {
                            items.remove(last.parse::<usize>().unwrap());
                        }
                        _ => unreachable!("a parent is a container"),
                    }
                }
                _ => {
                    if let Value::Object(map) = body.pointer_mut(pointer).unwrap() {
                        map.insert("addedByTheTest".into(), mutation.value.clone());
                    }
                }
            }
        }

        fn mutation() -> impl Strategy<Value = Mutation> {
            (any::<usize>(), any::<u8>(), scalar()).prop_map(|(place, op, value)| Mutation {
                place,
                op,
                value,
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            /// Whenever the fast path answers a changed fixture, the careful path accepts
            /// the body and means the same by it.
            #[test]
            fn fast_path_agrees_with_the_careful_path_on_mutated_bodies(
                fixture in any::<prop::sample::Index>(),
                mutations in prop::collection::vec(mutation(), 1..4),
                pretty in any::<bool>(),
            ) {
                let all = fixtures();
                let (name, bytes) = &all[fixture.index(all.len())];
                let mut body: Value = serde_json::from_slice(bytes).unwrap();
                for mutation in &mutations {
                    apply(&mut body, mutation);
                }
                let text = if pretty {
                    serde_json::to_string_pretty(&body).unwrap()
                } else {
                    serde_json::to_string(&body).unwrap()
                };
                if let Some(fast) = fast::parse(text.as_bytes()) {
                    let careful = parse_body_carefully(text.as_bytes());
                    prop_assert!(careful.is_ok(), "{name}: careful refused {text}");
                    prop_assert_eq!(fast, careful.unwrap(), "{}: {}", name, text);
                }
            }
        }
    }
}
