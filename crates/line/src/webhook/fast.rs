//! The fast path of [`parse_body`](super::parse_body): one typed pass over the whole
//! body, no raw copies, no second look at any byte.
//!
//! It covers what nearly every delivery is: known event and message types with their
//! documented fields. Anything else (an unknown type whose raw JSON must be kept, a
//! missing payload, a field of an unexpected JSON type) makes it give up, and the
//! careful path in `event.rs` parses the body again and decides. The careful path is
//! the specification; this one must agree with it whenever it answers (tested on
//! every fixture).

use serde::de::{Error as _, SeqAccess};
use serde::{Deserialize, Deserializer};

use super::event::{
    AccountLink, Beacon, DeliveryContext, Event, EventKind, Follow, Members, Membership, Mode,
    Postback, Source, Unsend, VideoPlayComplete,
};
use super::message::{self, MessageType};
use super::WebhookBody;

/// Parses `body` if it holds only known types, `None` otherwise (including when it
/// is not valid JSON: the careful path reports that).
pub(super) fn parse(body: &[u8]) -> Option<WebhookBody> {
    // Validating UTF-8 once over the whole body and parsing from `&str` is cheaper than
    // serde_json's per-string validation when parsing from bytes.
    let body: Body = serde_json::from_str(std::str::from_utf8(body).ok()?).ok()?;
    Some(WebhookBody {
        destination: body.destination,
        events: body.events.0,
    })
}

#[derive(Deserialize)]
struct Body {
    destination: String,
    events: Events,
}

/// The events, each turned into an [`Event`] as soon as it is read: the large
/// all-payloads [`Repr`] is never stored, and the first unusual event stops the pass.
struct Events(Vec<Event>);

impl<'de> Deserialize<'de> for Events {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Events;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of events")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Events, A::Error> {
                let mut events = Vec::with_capacity(seq.size_hint().unwrap_or(4).min(64));
                while let Some(repr) = seq.next_element::<Repr>()? {
                    let event = repr
                        .into_event()
                        .ok_or_else(|| A::Error::custom("not for the fast path"))?;
                    events.push(event);
                }
                Ok(Events(events))
            }
        }
        deserializer.deserialize_seq(Visitor)
    }
}

/// An event's `type`; unknown names end the fast path.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
enum EventType {
    Message,
    MessageEdited,
    Follow,
    Unfollow,
    Join,
    Leave,
    MemberJoined,
    MemberLeft,
    Postback,
    Beacon,
    AccountLink,
    Unsend,
    VideoPlayComplete,
    Membership,
    #[serde(other)]
    Other,
}

/// Every payload of every known event type, each parsed where it stands: payload
/// keys differ per type, so the order of `type` and payload in the JSON is irrelevant.
/// The message is boxed: serde builds this struct field by field and moves it whole,
/// and copying its ~560 bytes more than once per event cost more than an allocation.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Repr {
    #[serde(rename = "type")]
    kind: EventType,
    mode: Mode,
    timestamp: i64,
    #[serde(default)]
    source: Option<Source>,
    webhook_event_id: String,
    delivery_context: DeliveryContext,
    #[serde(default)]
    reply_token: Option<String>,
    #[serde(default)]
    message: Option<Box<message::Repr>>,
    #[serde(default)]
    follow: Option<Follow>,
    #[serde(default)]
    joined: Option<Members>,
    #[serde(default)]
    left: Option<Members>,
    #[serde(default)]
    postback: Option<Postback>,
    #[serde(default)]
    beacon: Option<Beacon>,
    #[serde(default)]
    link: Option<AccountLink>,
    #[serde(default)]
    unsend: Option<Unsend>,
    #[serde(default)]
    video_play_complete: Option<VideoPlayComplete>,
    #[serde(default)]
    membership: Option<Membership>,
}

impl Repr {
    fn into_event(self) -> Option<Event> {
        let kind = match self.kind {
            EventType::Message => EventKind::Message(known_message(self.message?)?),
            EventType::MessageEdited => EventKind::MessageEdited(known_message(self.message?)?),
            EventType::Follow => EventKind::Follow(self.follow?),
            EventType::Unfollow => EventKind::Unfollow,
            EventType::Join => EventKind::Join,
            EventType::Leave => EventKind::Leave,
            EventType::MemberJoined => EventKind::MemberJoined(self.joined?),
            EventType::MemberLeft => EventKind::MemberLeft(self.left?),
            EventType::Postback => EventKind::Postback(self.postback?),
            EventType::Beacon => EventKind::Beacon(self.beacon?),
            EventType::AccountLink => EventKind::AccountLink(self.link?),
            EventType::Unsend => EventKind::Unsend(self.unsend?),
            EventType::VideoPlayComplete => EventKind::VideoPlayComplete(self.video_play_complete?),
            EventType::Membership => EventKind::Membership(self.membership?),
            EventType::Other => return None,
        };
        Some(Event {
            mode: self.mode,
            timestamp: self.timestamp,
            source: self.source,
            webhook_event_id: self.webhook_event_id,
            delivery_context: self.delivery_context,
            reply_token: self.reply_token,
            kind,
        })
    }
}

fn known_message(repr: Box<message::Repr>) -> Option<message::ReceivedMessage> {
    if let MessageType::Other(_) = repr.kind {
        return None;
    }
    (*repr).into_known().ok()
}
