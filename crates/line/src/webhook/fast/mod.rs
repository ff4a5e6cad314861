//! The fast path of [`parse_body`](super::parse_body): one pass over the body with a
//! hand-driven [`Cursor`], building the typed events as it reads, with no
//! intermediate structs and no raw copies.
//!
//! It covers what nearly every delivery is: known event and message types with their
//! documented fields. Anything else (an unknown type whose raw JSON must be kept, a
//! missing payload, a `null`, a duplicated key, a field of an unexpected JSON type)
//! makes it give up, and the careful path in `event.rs` parses the body again and
//! decides. The careful path is the specification; this one must agree with it
//! whenever it answers (tested on every fixture and on mutated bodies).

mod cursor;

use cursor::Cursor;

use super::event::{DeliveryContext, Event, EventKind, Mode, Source};
use super::message::{self, MessageType, ReceivedMessage};
use super::WebhookBody;

/// Parses `body` if it holds only known types, `None` otherwise (including when it
/// is not valid JSON: the careful path reports that).
pub(super) fn parse(body: &[u8]) -> Option<WebhookBody> {
    // Validating UTF-8 once lets every string be borrowed without a second check.
    let mut cursor = Cursor::new(simdutf8::basic::from_utf8(body).ok()?);
    let (mut destination, mut events) = (None, None);
    cursor.object(|cursor, key| match key {
        "destination" => set(&mut destination, cursor.string()?),
        "events" => set(&mut events, read_events(cursor)?),
        _ => cursor.skip(),
    })?;
    if !cursor.at_end() {
        return None;
    }
    Some(WebhookBody {
        destination: destination?,
        events: events?,
    })
}

/// Fills an empty slot; a second value for it (a duplicated key, which serde refuses)
/// ends the fast path.
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

fn read_events(cursor: &mut Cursor<'_>) -> Option<Vec<Event>> {
    let mut events = Vec::new();
    cursor.array(|cursor| {
        events.push(read_event(cursor)?);
        Some(())
    })?;
    Some(events)
}

/// An event's `type`; unknown names end the fast path.
#[derive(Clone, Copy)]
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
}

impl EventType {
    fn known(name: &str) -> Option<Self> {
        Some(match name {
            "message" => EventType::Message,
            "messageEdited" => EventType::MessageEdited,
            "follow" => EventType::Follow,
            "unfollow" => EventType::Unfollow,
            "join" => EventType::Join,
            "leave" => EventType::Leave,
            "memberJoined" => EventType::MemberJoined,
            "memberLeft" => EventType::MemberLeft,
            "postback" => EventType::Postback,
            "beacon" => EventType::Beacon,
            "accountLink" => EventType::AccountLink,
            "unsend" => EventType::Unsend,
            "videoPlayComplete" => EventType::VideoPlayComplete,
            "membership" => EventType::Membership,
            _ => return None,
        })
    }
}

/// The one type-specific payload of an event, read before its `type` may be known.
enum Payload {
    Message(ReceivedMessage),
    Follow(super::Follow),
    Joined(super::Members),
    Left(super::Members),
    Postback(super::Postback),
    Beacon(super::Beacon),
    Link(super::AccountLink),
    Unsend(super::Unsend),
    VideoPlayComplete(super::VideoPlayComplete),
    Membership(super::Membership),
}

fn read_event(cursor: &mut Cursor<'_>) -> Option<Event> {
    let mut kind = None;
    let mut mode = None;
    let mut timestamp = None;
    let mut source = None;
    let mut webhook_event_id = None;
    let mut delivery_context = None;
    let mut reply_token = None;
    // Payload keys differ per type, so the payload is read wherever it stands. Two of
    // them in one event never happen in practice: the careful path handles that.
    let mut payload = None;
    cursor.object(|cursor, key| match key {
        "type" => set(&mut kind, EventType::known(&cursor.str()?)?),
        "mode" => set(&mut mode, read_mode(&cursor.str()?)),
        "timestamp" => set(&mut timestamp, cursor.int()?),
        "source" => set(&mut source, read_source(cursor)?),
        "webhookEventId" => set(&mut webhook_event_id, cursor.string()?),
        "deliveryContext" => set(&mut delivery_context, read_delivery_context(cursor)?),
        "replyToken" => set(&mut reply_token, cursor.string()?),
        "message" => set(&mut payload, Payload::Message(read_message(cursor)?)),
        "follow" => set(&mut payload, Payload::Follow(cursor.serde()?)),
        "joined" => set(&mut payload, Payload::Joined(cursor.serde()?)),
        "left" => set(&mut payload, Payload::Left(cursor.serde()?)),
        "postback" => set(&mut payload, Payload::Postback(cursor.serde()?)),
        "beacon" => set(&mut payload, Payload::Beacon(cursor.serde()?)),
        "link" => set(&mut payload, Payload::Link(cursor.serde()?)),
        "unsend" => set(&mut payload, Payload::Unsend(cursor.serde()?)),
        "videoPlayComplete" => set(&mut payload, Payload::VideoPlayComplete(cursor.serde()?)),
        "membership" => set(&mut payload, Payload::Membership(cursor.serde()?)),
        _ => cursor.skip(),
    })?;
    let kind = match (kind?, payload) {
        (EventType::Message, Some(Payload::Message(m))) => EventKind::Message(m),
        (EventType::MessageEdited, Some(Payload::Message(m))) => EventKind::MessageEdited(m),
        (EventType::Follow, Some(Payload::Follow(f))) => EventKind::Follow(f),
        (EventType::Unfollow, _) => EventKind::Unfollow,
        (EventType::Join, _) => EventKind::Join,
        (EventType::Leave, _) => EventKind::Leave,
        (EventType::MemberJoined, Some(Payload::Joined(m))) => EventKind::MemberJoined(m),
        (EventType::MemberLeft, Some(Payload::Left(m))) => EventKind::MemberLeft(m),
        (EventType::Postback, Some(Payload::Postback(p))) => EventKind::Postback(p),
        (EventType::Beacon, Some(Payload::Beacon(b))) => EventKind::Beacon(b),
        (EventType::AccountLink, Some(Payload::Link(l))) => EventKind::AccountLink(l),
        (EventType::Unsend, Some(Payload::Unsend(u))) => EventKind::Unsend(u),
        (EventType::VideoPlayComplete, Some(Payload::VideoPlayComplete(v))) => {
            EventKind::VideoPlayComplete(v)
        }
        (EventType::Membership, Some(Payload::Membership(m))) => EventKind::Membership(m),
        // A missing payload, or only another type's: the careful path says what it means.
        _ => return None,
    };
    Some(Event {
        mode: mode?,
        timestamp: timestamp?,
        source,
        webhook_event_id: webhook_event_id?,
        delivery_context: delivery_context?,
        reply_token,
        kind,
    })
}

/// As `Mode`'s derived `Deserialize`: unknown names are `Unknown`.
fn read_mode(name: &str) -> Mode {
    match name {
        "active" => Mode::Active,
        "standby" => Mode::Standby,
        _ => Mode::Unknown,
    }
}

fn read_delivery_context(cursor: &mut Cursor<'_>) -> Option<DeliveryContext> {
    let mut is_redelivery = None;
    cursor.object(|cursor, key| match key {
        "isRedelivery" => set(&mut is_redelivery, cursor.bool()?),
        _ => cursor.skip(),
    })?;
    Some(DeliveryContext {
        is_redelivery: is_redelivery?,
    })
}

/// As `Source`'s `Deserialize` (through `SourceRepr`).
fn read_source(cursor: &mut Cursor<'_>) -> Option<Source> {
    let (mut kind, mut group_id, mut room_id, mut user_id) = (None, None, None, None);
    cursor.object(|cursor, key| match key {
        "type" => set(&mut kind, cursor.str()?),
        "groupId" => set(&mut group_id, cursor.string()?),
        "roomId" => set(&mut room_id, cursor.string()?),
        "userId" => set(&mut user_id, cursor.string()?),
        _ => cursor.skip(),
    })?;
    Some(match &*kind? {
        "user" => Source::User { user_id: user_id? },
        "group" => Source::Group {
            group_id: group_id?,
            user_id,
        },
        "room" => Source::Room {
            room_id: room_id?,
            user_id,
        },
        other => Source::Unknown {
            source_type: other.to_owned(),
            user_id,
        },
    })
}

/// A message of a known type, filled into the careful path's own `message::Repr`
/// so that both share one rule for which fields each type requires.
fn read_message(cursor: &mut Cursor<'_>) -> Option<ReceivedMessage> {
    let mut kind = None;
    let mut m = message::Repr::of_type(MessageType::Text);
    cursor.object(|cursor, key| match key {
        "type" => set(&mut kind, MessageType::known(&cursor.str()?)?),
        "id" => set(&mut m.id, cursor.string()?),
        "quoteToken" => set(&mut m.quote_token, cursor.string()?),
        "quotedMessageId" => set(&mut m.quoted_message_id, cursor.string()?),
        "text" => set(&mut m.text, cursor.string()?),
        "emojis" => set(&mut m.emojis, cursor.serde()?),
        "mention" => set(&mut m.mention, cursor.serde()?),
        "contentProvider" => set(&mut m.content_provider, cursor.serde()?),
        "imageSet" => set(&mut m.image_set, cursor.serde()?),
        "duration" => set(&mut m.duration, cursor.int()?),
        "fileName" => set(&mut m.file_name, cursor.string()?),
        "fileSize" => set(&mut m.file_size, cursor.int()?),
        "title" => set(&mut m.title, cursor.string()?),
        "address" => set(&mut m.address, cursor.string()?),
        // Floats are serde_json's, so that both paths round alike.
        "latitude" => set(&mut m.latitude, cursor.serde()?),
        "longitude" => set(&mut m.longitude, cursor.serde()?),
        "packageId" => set(&mut m.package_id, cursor.string()?),
        "stickerId" => set(&mut m.sticker_id, cursor.string()?),
        "stickerResourceType" => set(&mut m.sticker_resource_type, cursor.string()?),
        "keywords" => set(&mut m.keywords, cursor.serde()?),
        _ => cursor.skip(),
    })?;
    m.kind = kind?;
    m.into_known().ok()
}
