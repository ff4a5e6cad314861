//! Messages users send us, as they arrive in `message` and `messageEdited` events.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::raw::RawJson;

/// A received message, by its `type`. Types this crate does not know arrive as
/// [`ReceivedMessage::Unknown`] with their JSON kept verbatim.
#[derive(Debug, Clone, PartialEq)]
pub enum ReceivedMessage {
    Text(TextMessage),
    Image(ImageMessage),
    Video(VideoMessage),
    Audio(AudioMessage),
    File(FileMessage),
    Location(LocationMessage),
    Sticker(StickerMessage),
    Unknown { message_type: String, raw: RawJson },
}

/// A text message; `emojis` and `mention` point into `text` by UTF-16 index.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextMessage {
    pub id: String,
    pub text: String,
    /// Lets a reply quote this message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_token: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emojis: Vec<ReceivedEmoji>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mention: Option<Mention>,
    /// The message this one quotes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quoted_message_id: Option<String>,
}

/// A LINE emoji inside received text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedEmoji {
    pub index: u32,
    pub length: u32,
    pub product_id: String,
    pub emoji_id: String,
}

/// The mentions in a text message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub mentionees: Vec<Mentionee>,
}

/// One mention: `type` is `user` (with `userId` when the user consented) or `all`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mentionee {
    pub index: u32,
    pub length: u32,
    #[serde(rename = "type", default = "mentionee_user")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// True when the mention is of this bot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_self: Option<bool>,
}

fn mentionee_user() -> String {
    "user".to_owned()
}

/// Where the bytes of an image, video or audio message are: `line` (fetch them from
/// the content API) or `external` (the URLs given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentProvider {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_content_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview_image_url: Option<String>,
}

/// Several images sent at once share an `id`; `index` is 1-based out of `total`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageSet {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageMessage {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_token: Option<String>,
    pub content_provider: ContentProvider,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_set: Option<ImageSet>,
}

/// `duration` in milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoMessage {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
    pub content_provider: ContentProvider,
}

/// `duration` in milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioMessage {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
    pub content_provider: ContentProvider,
}

/// `file_size` in bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileMessage {
    pub id: String,
    pub file_name: String,
    pub file_size: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocationMessage {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StickerMessage {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_token: Option<String>,
    pub package_id: String,
    pub sticker_id: String,
    /// `STATIC`, `ANIMATION`, `SOUND`, `MESSAGE`, `NAME_TEXT`, ...
    pub sticker_resource_type: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// The text of a message sticker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quoted_message_id: Option<String>,
}

impl ReceivedMessage {
    /// LINE's message id, when the message is of a known type.
    pub fn id(&self) -> Option<&str> {
        Some(match self {
            ReceivedMessage::Text(m) => &m.id,
            ReceivedMessage::Image(m) => &m.id,
            ReceivedMessage::Video(m) => &m.id,
            ReceivedMessage::Audio(m) => &m.id,
            ReceivedMessage::File(m) => &m.id,
            ReceivedMessage::Location(m) => &m.id,
            ReceivedMessage::Sticker(m) => &m.id,
            ReceivedMessage::Unknown { .. } => return None,
        })
    }

    /// The message's `type` as LINE named it.
    pub fn message_type(&self) -> &str {
        match self {
            ReceivedMessage::Text(_) => "text",
            ReceivedMessage::Image(_) => "image",
            ReceivedMessage::Video(_) => "video",
            ReceivedMessage::Audio(_) => "audio",
            ReceivedMessage::File(_) => "file",
            ReceivedMessage::Location(_) => "location",
            ReceivedMessage::Sticker(_) => "sticker",
            ReceivedMessage::Unknown { message_type, .. } => message_type,
        }
    }

    /// Parses one message object. All known types share one flat pass over the JSON;
    /// the raw text is copied only for unknown types.
    pub(crate) fn from_raw(raw: &RawValue) -> Result<Self, serde_json::Error> {
        let repr: Repr = match serde_json::from_str(raw.get()) {
            Ok(repr) => repr,
            // A type we do not know may reuse a field name with another JSON type.
            Err(error) => {
                let tag: Tag = serde_json::from_str(raw.get())?;
                return match tag.kind {
                    MessageType::Other(kind) => Ok(unknown(kind, raw)),
                    _ => Err(error),
                };
            }
        };
        match repr.kind {
            MessageType::Other(kind) => Ok(unknown(kind, raw)),
            _ => repr.into_known(),
        }
    }
}

/// A message's `type` and nothing else.
#[derive(Deserialize)]
struct Tag {
    #[serde(rename = "type")]
    kind: MessageType,
}

/// A message's `type`; known names are matched without allocating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MessageType {
    Text,
    Image,
    Video,
    Audio,
    File,
    Location,
    Sticker,
    Other(String),
}

impl MessageType {
    /// The known type called `name`, or `None` for a type this crate does not model.
    pub(crate) fn known(name: &str) -> Option<MessageType> {
        Some(match name {
            "text" => MessageType::Text,
            "image" => MessageType::Image,
            "video" => MessageType::Video,
            "audio" => MessageType::Audio,
            "file" => MessageType::File,
            "location" => MessageType::Location,
            "sticker" => MessageType::Sticker,
            _ => return None,
        })
    }
}

impl<'de> Deserialize<'de> for MessageType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = MessageType;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a message type")
            }
            fn visit_str<E: serde::de::Error>(self, kind: &str) -> Result<MessageType, E> {
                Ok(MessageType::known(kind).unwrap_or_else(|| MessageType::Other(kind.to_owned())))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

fn unknown(message_type: String, raw: &RawValue) -> ReceivedMessage {
    ReceivedMessage::Unknown {
        message_type,
        raw: RawJson::copy_of(raw),
    }
}

/// Every field of every known message type, all optional: one pass parses any of them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Repr {
    #[serde(rename = "type")]
    pub(crate) kind: MessageType,
    pub(crate) id: Option<String>,
    pub(crate) quote_token: Option<String>,
    pub(crate) quoted_message_id: Option<String>,
    pub(crate) text: Option<String>,
    pub(crate) emojis: Option<Vec<ReceivedEmoji>>,
    pub(crate) mention: Option<Mention>,
    pub(crate) content_provider: Option<ContentProvider>,
    pub(crate) image_set: Option<ImageSet>,
    pub(crate) duration: Option<u64>,
    pub(crate) file_name: Option<String>,
    pub(crate) file_size: Option<u64>,
    pub(crate) title: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) latitude: Option<f64>,
    pub(crate) longitude: Option<f64>,
    pub(crate) package_id: Option<String>,
    pub(crate) sticker_id: Option<String>,
    pub(crate) sticker_resource_type: Option<String>,
    pub(crate) keywords: Option<Vec<String>>,
}

fn required<T>(value: Option<T>, field: &'static str) -> Result<T, serde_json::Error> {
    value.ok_or_else(|| serde::de::Error::missing_field(field))
}

impl Repr {
    /// A message of type `kind` with no field set yet (the fast path fills it in).
    pub(crate) fn of_type(kind: MessageType) -> Self {
        Repr {
            kind,
            id: None,
            quote_token: None,
            quoted_message_id: None,
            text: None,
            emojis: None,
            mention: None,
            content_provider: None,
            image_set: None,
            duration: None,
            file_name: None,
            file_size: None,
            title: None,
            address: None,
            latitude: None,
            longitude: None,
            package_id: None,
            sticker_id: None,
            sticker_resource_type: None,
            keywords: None,
        }
    }

    /// The message of a known type; fails on a missing required field.
    /// The caller handles [`MessageType::Other`] (it needs the raw JSON).
    pub(crate) fn into_known(self) -> Result<ReceivedMessage, serde_json::Error> {
        let id = required(self.id, "id")?;
        Ok(match self.kind {
            MessageType::Text => ReceivedMessage::Text(TextMessage {
                id,
                text: required(self.text, "text")?,
                quote_token: self.quote_token,
                emojis: self.emojis.unwrap_or_default(),
                mention: self.mention,
                quoted_message_id: self.quoted_message_id,
            }),
            MessageType::Image => ReceivedMessage::Image(ImageMessage {
                id,
                quote_token: self.quote_token,
                content_provider: required(self.content_provider, "contentProvider")?,
                image_set: self.image_set,
            }),
            MessageType::Video => ReceivedMessage::Video(VideoMessage {
                id,
                quote_token: self.quote_token,
                duration: self.duration,
                content_provider: required(self.content_provider, "contentProvider")?,
            }),
            MessageType::Audio => ReceivedMessage::Audio(AudioMessage {
                id,
                duration: self.duration,
                content_provider: required(self.content_provider, "contentProvider")?,
            }),
            MessageType::File => ReceivedMessage::File(FileMessage {
                id,
                file_name: required(self.file_name, "fileName")?,
                file_size: required(self.file_size, "fileSize")?,
            }),
            MessageType::Location => ReceivedMessage::Location(LocationMessage {
                id,
                title: self.title,
                address: self.address,
                latitude: required(self.latitude, "latitude")?,
                longitude: required(self.longitude, "longitude")?,
            }),
            MessageType::Sticker => ReceivedMessage::Sticker(StickerMessage {
                id,
                quote_token: self.quote_token,
                package_id: required(self.package_id, "packageId")?,
                sticker_id: required(self.sticker_id, "stickerId")?,
                sticker_resource_type: required(self.sticker_resource_type, "stickerResourceType")?,
                keywords: self.keywords.unwrap_or_default(),
                text: self.text,
                quoted_message_id: self.quoted_message_id,
            }),
            MessageType::Other(kind) => {
                return Err(serde::de::Error::custom(format!(
                    "unknown message type {kind:?}"
                )))
            }
        })
    }
}

impl Serialize for ReceivedMessage {
    /// LINE's shape; unknown messages are written back verbatim.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(tag = "type", rename_all = "camelCase")]
        enum Tagged<'a> {
            Text(&'a TextMessage),
            Image(&'a ImageMessage),
            Video(&'a VideoMessage),
            Audio(&'a AudioMessage),
            File(&'a FileMessage),
            Location(&'a LocationMessage),
            Sticker(&'a StickerMessage),
        }
        let tagged = match self {
            ReceivedMessage::Text(m) => Tagged::Text(m),
            ReceivedMessage::Image(m) => Tagged::Image(m),
            ReceivedMessage::Video(m) => Tagged::Video(m),
            ReceivedMessage::Audio(m) => Tagged::Audio(m),
            ReceivedMessage::File(m) => Tagged::File(m),
            ReceivedMessage::Location(m) => Tagged::Location(m),
            ReceivedMessage::Sticker(m) => Tagged::Sticker(m),
            ReceivedMessage::Unknown { raw, .. } => return raw.serialize(serializer),
        };
        tagged.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ReceivedMessage {
    /// Works with serde_json only (unknown types keep their raw JSON).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        ReceivedMessage::from_raw(&raw).map_err(serde::de::Error::custom)
    }
}
