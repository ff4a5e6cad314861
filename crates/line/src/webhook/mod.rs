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
    signature::verify(
        channel_secret,
        body,
        signature.ok_or(SignatureError::Missing)?,
    )?;
    Ok(parse_body(body)?)
}

/// Parses a body **without** verifying it: only for bodies verified earlier (e.g.
/// stored after [`parse_webhook`] accepted them) and for tests.
pub fn parse_body(body: &[u8]) -> Result<WebhookBody, serde_json::Error> {
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
