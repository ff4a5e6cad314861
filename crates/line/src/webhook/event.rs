//! Webhook events: the common envelope and one payload per event type.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::message::ReceivedMessage;
use super::raw::RawJson;

/// One webhook event: the fields every event has, and its type-specific payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub mode: Mode,
    /// When the event happened, in milliseconds since the Unix epoch.
    pub timestamp: i64,
    /// Who caused the event; LINE documents it as optional.
    pub source: Option<Source>,
    /// The idempotency key (a ULID): a redelivered event has the same id.
    pub webhook_event_id: String,
    pub delivery_context: DeliveryContext,
    /// Present only on events that can be replied to, and never in standby mode.
    pub reply_token: Option<String>,
    pub kind: EventKind,
}

/// The event's type and payload. Unknown types keep their whole event JSON verbatim.
#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    Message(ReceivedMessage),
    /// A text message edited in a group chat; carries the edited message.
    MessageEdited(ReceivedMessage),
    Follow(Follow),
    Unfollow,
    Join,
    Leave,
    MemberJoined(Members),
    MemberLeft(Members),
    Postback(Postback),
    Beacon(Beacon),
    AccountLink(AccountLink),
    Unsend(Unsend),
    VideoPlayComplete(VideoPlayComplete),
    Membership(Membership),
    /// An event type this crate does not know: store it, do not act on it.
    Unknown {
        event_type: String,
        raw: RawJson,
    },
}

/// Whether the channel is the active bot (`active`) or only listening (`standby`,
/// when another module has the chat): send nothing for standby events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Active,
    Standby,
    /// A mode this crate does not know; treat it like standby.
    #[serde(other)]
    Unknown,
}

/// Where an event came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SourceRepr", into = "SourceRepr")]
pub enum Source {
    User {
        user_id: String,
    },
    /// A group chat; `user_id` is the member who caused the event, when known.
    Group {
        group_id: String,
        user_id: Option<String>,
    },
    /// A multi-person chat.
    Room {
        room_id: String,
        user_id: Option<String>,
    },
    /// A source type this crate does not know.
    Unknown {
        source_type: String,
        user_id: Option<String>,
    },
}

impl Source {
    /// The user behind the event, when LINE names one.
    pub fn user_id(&self) -> Option<&str> {
        match self {
            Source::User { user_id } => Some(user_id),
            Source::Group { user_id, .. }
            | Source::Room { user_id, .. }
            | Source::Unknown { user_id, .. } => user_id.as_deref(),
        }
    }
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SourceRepr {
    #[serde(rename = "type")]
    kind: SourceType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    room_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
}

impl TryFrom<SourceRepr> for Source {
    type Error = &'static str;

    fn try_from(repr: SourceRepr) -> Result<Self, Self::Error> {
        let SourceRepr {
            kind,
            group_id,
            room_id,
            user_id,
        } = repr;
        Ok(match kind {
            SourceType::User => Source::User {
                user_id: user_id.ok_or("a user source needs a userId")?,
            },
            SourceType::Group => Source::Group {
                group_id: group_id.ok_or("a group source needs a groupId")?,
                user_id,
            },
            SourceType::Room => Source::Room {
                room_id: room_id.ok_or("a room source needs a roomId")?,
                user_id,
            },
            SourceType::Other(source_type) => Source::Unknown {
                source_type,
                user_id,
            },
        })
    }
}

impl From<Source> for SourceRepr {
    fn from(source: Source) -> Self {
        let (kind, group_id, room_id, user_id) = match source {
            Source::User { user_id } => (SourceType::User, None, None, Some(user_id)),
            Source::Group { group_id, user_id } => {
                (SourceType::Group, Some(group_id), None, user_id)
            }
            Source::Room { room_id, user_id } => (SourceType::Room, None, Some(room_id), user_id),
            Source::Unknown {
                source_type,
                user_id,
            } => (SourceType::Other(source_type), None, None, user_id),
        };
        SourceRepr {
            kind,
            group_id,
            room_id,
            user_id,
        }
    }
}

/// A source's `type`; known names are matched without allocating.
#[derive(Clone)]
enum SourceType {
    User,
    Group,
    Room,
    Other(String),
}

impl Serialize for SourceType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            SourceType::User => "user",
            SourceType::Group => "group",
            SourceType::Room => "room",
            SourceType::Other(kind) => kind,
        })
    }
}

impl<'de> Deserialize<'de> for SourceType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = SourceType;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a source type")
            }
            fn visit_str<E: serde::de::Error>(self, kind: &str) -> Result<SourceType, E> {
                Ok(match kind {
                    "user" => SourceType::User,
                    "group" => SourceType::Group,
                    "room" => SourceType::Room,
                    other => SourceType::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// How the event reached us.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryContext {
    /// True when LINE resends an event that got no 2xx before.
    pub is_redelivery: bool,
}

/// `follow`: a user added the account as a friend, or unblocked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Follow {
    /// True when a user who had blocked the account unblocked it.
    pub is_unblocked: bool,
}

/// `memberJoined` / `memberLeft`: who joined or left a group or room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Members {
    pub members: Vec<Source>,
}

/// `postback`: a postback action's data, with what the user picked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Postback {
    pub data: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<PostbackParams>,
}

/// The values of a datetime picker or a rich-menu switch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostbackParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_rich_menu_alias_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// `beacon`: a user came near a LINE Beacon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beacon {
    pub hwid: String,
    /// `enter`, `banner` or `stay`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dm: Option<String>,
}

/// `accountLink`: the outcome of linking a LINE account to ours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLink {
    /// `ok` or `failed`.
    pub result: String,
    pub nonce: String,
}

/// `unsend`: the user unsent a message; hide our stored copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unsend {
    pub message_id: String,
}

/// `videoPlayComplete`: a user watched a video message (sent with a tracking id) to
/// the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoPlayComplete {
    pub tracking_id: String,
}

/// `membership`: a user joined, left or renewed a paid membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    /// `joined`, `left` or `renewed`.
    #[serde(rename = "type")]
    pub kind: String,
    pub membership_id: i64,
}

impl EventKind {
    /// The event's `type` as LINE named it.
    pub fn event_type(&self) -> &str {
        match self {
            EventKind::Message(_) => "message",
            EventKind::MessageEdited(_) => "messageEdited",
            EventKind::Follow(_) => "follow",
            EventKind::Unfollow => "unfollow",
            EventKind::Join => "join",
            EventKind::Leave => "leave",
            EventKind::MemberJoined(_) => "memberJoined",
            EventKind::MemberLeft(_) => "memberLeft",
            EventKind::Postback(_) => "postback",
            EventKind::Beacon(_) => "beacon",
            EventKind::AccountLink(_) => "accountLink",
            EventKind::Unsend(_) => "unsend",
            EventKind::VideoPlayComplete(_) => "videoPlayComplete",
            EventKind::Membership(_) => "membership",
            EventKind::Unknown { event_type, .. } => event_type,
        }
    }
}

impl Event {
    /// Whether LINE is resending this event.
    pub fn is_redelivery(&self) -> bool {
        self.delivery_context.is_redelivery
    }

    /// Parses one event from its JSON text. One pass over the envelope (payloads are
    /// only delimited), then one over the payload of the event's type; the raw text
    /// is copied only for unknown types.
    pub(crate) fn from_raw(raw: &RawValue) -> Result<Self, serde_json::Error> {
        let repr: Repr<'_> = serde_json::from_str(raw.get())?;
        let kind = match &*repr.kind {
            "message" => EventKind::Message(ReceivedMessage::from_raw(payload(
                repr.message,
                "message",
            )?)?),
            "messageEdited" => EventKind::MessageEdited(ReceivedMessage::from_raw(payload(
                repr.message,
                "message",
            )?)?),
            "follow" => EventKind::Follow(parse(repr.follow, "follow")?),
            "unfollow" => EventKind::Unfollow,
            "join" => EventKind::Join,
            "leave" => EventKind::Leave,
            "memberJoined" => EventKind::MemberJoined(parse(repr.joined, "joined")?),
            "memberLeft" => EventKind::MemberLeft(parse(repr.left, "left")?),
            "postback" => EventKind::Postback(parse(repr.postback, "postback")?),
            "beacon" => EventKind::Beacon(parse(repr.beacon, "beacon")?),
            "accountLink" => EventKind::AccountLink(parse(repr.link, "link")?),
            "unsend" => EventKind::Unsend(parse(repr.unsend, "unsend")?),
            "videoPlayComplete" => {
                EventKind::VideoPlayComplete(parse(repr.video_play_complete, "videoPlayComplete")?)
            }
            "membership" => EventKind::Membership(parse(repr.membership, "membership")?),
            other => EventKind::Unknown {
                event_type: other.to_owned(),
                raw: RawJson::copy_of(raw),
            },
        };
        Ok(Event {
            mode: repr.mode,
            timestamp: repr.timestamp,
            source: repr.source,
            webhook_event_id: repr.webhook_event_id,
            delivery_context: repr.delivery_context,
            reply_token: repr.reply_token,
            kind,
        })
    }
}

fn payload<'a>(
    raw: Option<&'a RawValue>,
    field: &'static str,
) -> Result<&'a RawValue, serde_json::Error> {
    raw.ok_or_else(|| serde::de::Error::missing_field(field))
}

fn parse<'a, T: Deserialize<'a>>(
    raw: Option<&'a RawValue>,
    field: &'static str,
) -> Result<T, serde_json::Error> {
    serde_json::from_str(payload(raw, field)?.get())
}

/// The envelope with every known payload merely delimited, not parsed.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Repr<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    mode: Mode,
    timestamp: i64,
    #[serde(default)]
    source: Option<Source>,
    webhook_event_id: String,
    delivery_context: DeliveryContext,
    #[serde(default)]
    reply_token: Option<String>,
    #[serde(default, borrow)]
    message: Option<&'a RawValue>,
    #[serde(default, borrow)]
    follow: Option<&'a RawValue>,
    #[serde(default, borrow)]
    joined: Option<&'a RawValue>,
    #[serde(default, borrow)]
    left: Option<&'a RawValue>,
    #[serde(default, borrow)]
    postback: Option<&'a RawValue>,
    #[serde(default, borrow)]
    beacon: Option<&'a RawValue>,
    #[serde(default, borrow)]
    link: Option<&'a RawValue>,
    #[serde(default, borrow)]
    unsend: Option<&'a RawValue>,
    #[serde(default, borrow)]
    video_play_complete: Option<&'a RawValue>,
    #[serde(default, borrow)]
    membership: Option<&'a RawValue>,
}

impl Serialize for Event {
    /// LINE's shape, so that a serialised event parses back equal (the sandbox sends
    /// what it serialises). Unknown events are written back verbatim.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize, Default)]
        #[serde(rename_all = "camelCase")]
        struct Out<'a> {
            #[serde(rename = "type")]
            kind: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            message: Option<&'a ReceivedMessage>,
            #[serde(skip_serializing_if = "Option::is_none")]
            follow: Option<&'a Follow>,
            #[serde(skip_serializing_if = "Option::is_none")]
            joined: Option<&'a Members>,
            #[serde(skip_serializing_if = "Option::is_none")]
            left: Option<&'a Members>,
            #[serde(skip_serializing_if = "Option::is_none")]
            postback: Option<&'a Postback>,
            #[serde(skip_serializing_if = "Option::is_none")]
            beacon: Option<&'a Beacon>,
            #[serde(skip_serializing_if = "Option::is_none")]
            link: Option<&'a AccountLink>,
            #[serde(skip_serializing_if = "Option::is_none")]
            unsend: Option<&'a Unsend>,
            #[serde(skip_serializing_if = "Option::is_none")]
            video_play_complete: Option<&'a VideoPlayComplete>,
            #[serde(skip_serializing_if = "Option::is_none")]
            membership: Option<&'a Membership>,
            mode: Option<Mode>,
            timestamp: i64,
            #[serde(skip_serializing_if = "Option::is_none")]
            source: Option<&'a Source>,
            webhook_event_id: &'a str,
            delivery_context: DeliveryContext,
            #[serde(skip_serializing_if = "Option::is_none")]
            reply_token: Option<&'a str>,
        }
        let mut out = Out {
            kind: self.kind.event_type(),
            mode: Some(self.mode),
            timestamp: self.timestamp,
            source: self.source.as_ref(),
            webhook_event_id: &self.webhook_event_id,
            delivery_context: self.delivery_context,
            reply_token: self.reply_token.as_deref(),
            ..Out::default()
        };
        match &self.kind {
            EventKind::Message(m) | EventKind::MessageEdited(m) => out.message = Some(m),
            EventKind::Follow(f) => out.follow = Some(f),
            EventKind::MemberJoined(m) => out.joined = Some(m),
            EventKind::MemberLeft(m) => out.left = Some(m),
            EventKind::Postback(p) => out.postback = Some(p),
            EventKind::Beacon(b) => out.beacon = Some(b),
            EventKind::AccountLink(l) => out.link = Some(l),
            EventKind::Unsend(u) => out.unsend = Some(u),
            EventKind::VideoPlayComplete(v) => out.video_play_complete = Some(v),
            EventKind::Membership(m) => out.membership = Some(m),
            EventKind::Unfollow | EventKind::Join | EventKind::Leave => {}
            EventKind::Unknown { raw, .. } => return raw.serialize(serializer),
        }
        out.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Event {
    /// Works with serde_json only (unknown events keep their raw JSON).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Event::from_raw(&raw).map_err(serde::de::Error::custom)
    }
}
