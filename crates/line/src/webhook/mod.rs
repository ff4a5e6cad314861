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
    fn fast_path_gives_up_on_unknown_types_and_missing_payloads() {
        for (name, body) in fixtures() {
            if name.contains("unknown_event") || name.contains("unknown_message") {
                assert!(fast::parse(&body).is_none(), "{name}");
            }
        }
        let no_payload = br#"{"destination":"U1","events":[{"type":"postback","mode":"active","timestamp":1,"webhookEventId":"01","deliveryContext":{"isRedelivery":false}}]}"#;
        assert!(fast::parse(no_payload).is_none());
    }
}
