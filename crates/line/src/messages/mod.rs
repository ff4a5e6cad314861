//! Message objects we send to LINE: exactly LINE's JSON shape (camelCase fields,
//! `"type"` tags), with constructors that read well and client-side validation.
//!
//! ```
//! use otodoke_line::{Message, Sender, QuickReply, Action};
//! let message = Message::text("Open today until 20:00")
//!     .with_sender(Sender::new("Aiko").with_icon_url("https://example.com/aiko.png"))
//!     .with_quick_reply(QuickReply::new(vec![Action::message("Book", "book a table")]));
//! assert!(message.validate().is_ok());
//! ```

mod action;
mod template;
pub(crate) mod validate;

pub use action::{Action, AltUri, DatetimePickerMode};
pub use template::{CarouselColumn, ImageCarouselColumn, Template};
pub use validate::{
    is_loopback_http, utf16_len, validate_messages, ValidationError, MAX_ALT_TEXT,
    MAX_FOLLOWERS_LIMIT, MAX_MESSAGES, MAX_MULTICAST_RECIPIENTS, MAX_QUICK_REPLY_ITEMS,
    MAX_SENDER_NAME, MAX_TEXT,
};

use serde::{Deserialize, Serialize};

/// One message object: its content plus the optional quick reply and sender that any
/// message may carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    #[serde(flatten)]
    pub content: MessageContent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quick_reply: Option<QuickReply>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<Sender>,
}

/// What a message shows, tagged by LINE's `"type"` field.
// Variant sizes differ, but messages are built one per send, never held in bulk.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum MessageContent {
    Text(Text),
    /// Text with `{name}` placeholders filled from `substitution` (mentions, emojis).
    #[serde(rename = "textV2")]
    TextV2(TextV2),
    Sticker(Sticker),
    Image(Image),
    Video(Video),
    Audio(Audio),
    Location(Location),
    Template(TemplateMessage),
    Flex(Flex),
}

/// A text message; `$` characters in `text` are replaced by the `emojis` at their index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Text {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emojis: Vec<Emoji>,
    /// Quotes an earlier message (its `quoteToken` from a webhook).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_token: Option<String>,
}

/// A LINE emoji placed at `index` (a UTF-16 offset of a `$` in the text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Emoji {
    pub index: u32,
    pub product_id: String,
    pub emoji_id: String,
}

/// A text v2 message. `substitution` is kept as raw JSON: its objects are keyed by
/// placeholder name and LINE extends them often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextV2 {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitution: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_token: Option<String>,
}

/// A sticker from LINE's sticker list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sticker {
    pub package_id: String,
    pub sticker_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_token: Option<String>,
}

/// An image by https URL, with a smaller preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Image {
    pub original_content_url: String,
    pub preview_image_url: String,
}

/// A video by https URL; `tracking_id` makes LINE send a videoPlayComplete event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Video {
    pub original_content_url: String,
    pub preview_image_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_id: Option<String>,
}

/// An audio file by https URL; `duration` in milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Audio {
    pub original_content_url: String,
    pub duration: u64,
}

/// A place on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub title: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
}

/// A template message; `alt_text` is what notifications and old clients show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateMessage {
    pub alt_text: String,
    pub template: Template,
}

/// A flex message: `contents` is a bubble or carousel container, kept as raw JSON
/// (flex layouts are authored as JSON, e.g. in LINE's Flex Message Simulator).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Flex {
    pub alt_text: String,
    pub contents: serde_json::Value,
}

/// Buttons shown above the keyboard until the user taps one (at most 13).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuickReply {
    pub items: Vec<QuickReplyItem>,
}

/// One quick-reply button: an action with an optional https icon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename = "action", rename_all = "camelCase")]
pub struct QuickReplyItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    pub action: Action,
}

/// Who the message appears to come from: a staff member's name and icon.
/// `name` is at most 20 characters and must not contain "LINE"; `icon_url` is https.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sender {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
}

impl Message {
    fn from_content(content: MessageContent) -> Self {
        Message {
            content,
            quick_reply: None,
            sender: None,
        }
    }

    /// A plain text message.
    pub fn text(text: impl Into<String>) -> Self {
        Self::from_content(MessageContent::Text(Text {
            text: text.into(),
            emojis: Vec::new(),
            quote_token: None,
        }))
    }

    /// A text message whose `$` placeholders are replaced by `emojis`.
    pub fn text_with_emojis(text: impl Into<String>, emojis: Vec<Emoji>) -> Self {
        Self::from_content(MessageContent::Text(Text {
            text: text.into(),
            emojis,
            quote_token: None,
        }))
    }

    /// A sticker message.
    pub fn sticker(package_id: impl Into<String>, sticker_id: impl Into<String>) -> Self {
        Self::from_content(MessageContent::Sticker(Sticker {
            package_id: package_id.into(),
            sticker_id: sticker_id.into(),
            quote_token: None,
        }))
    }

    /// An image message.
    pub fn image(
        original_content_url: impl Into<String>,
        preview_image_url: impl Into<String>,
    ) -> Self {
        Self::from_content(MessageContent::Image(Image {
            original_content_url: original_content_url.into(),
            preview_image_url: preview_image_url.into(),
        }))
    }

    /// A video message.
    pub fn video(
        original_content_url: impl Into<String>,
        preview_image_url: impl Into<String>,
    ) -> Self {
        Self::from_content(MessageContent::Video(Video {
            original_content_url: original_content_url.into(),
            preview_image_url: preview_image_url.into(),
            tracking_id: None,
        }))
    }

    /// An audio message; `duration_ms` in milliseconds.
    pub fn audio(original_content_url: impl Into<String>, duration_ms: u64) -> Self {
        Self::from_content(MessageContent::Audio(Audio {
            original_content_url: original_content_url.into(),
            duration: duration_ms,
        }))
    }

    /// A location message.
    pub fn location(
        title: impl Into<String>,
        address: impl Into<String>,
        latitude: f64,
        longitude: f64,
    ) -> Self {
        Self::from_content(MessageContent::Location(Location {
            title: title.into(),
            address: address.into(),
            latitude,
            longitude,
        }))
    }

    /// A template message.
    pub fn template(alt_text: impl Into<String>, template: Template) -> Self {
        Self::from_content(MessageContent::Template(TemplateMessage {
            alt_text: alt_text.into(),
            template,
        }))
    }

    /// A flex message; `contents` is the bubble or carousel JSON.
    pub fn flex(alt_text: impl Into<String>, contents: serde_json::Value) -> Self {
        Self::from_content(MessageContent::Flex(Flex {
            alt_text: alt_text.into(),
            contents,
        }))
    }

    /// This message shown as sent by `sender`.
    pub fn with_sender(mut self, sender: Sender) -> Self {
        self.sender = Some(sender);
        self
    }

    /// This message with quick-reply buttons.
    pub fn with_quick_reply(mut self, quick_reply: QuickReply) -> Self {
        self.quick_reply = Some(quick_reply);
        self
    }

    /// Checks this message against LINE's limits (see [`ValidationError`]). Costs one
    /// pass over the text; never allocates unless it fails.
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate::message(self, 0)
    }
}

impl QuickReply {
    /// Quick-reply buttons for `actions`, without icons.
    pub fn new(actions: Vec<Action>) -> Self {
        QuickReply {
            items: actions
                .into_iter()
                .map(|action| QuickReplyItem {
                    image_url: None,
                    action,
                })
                .collect(),
        }
    }
}

impl Sender {
    /// A sender shown with `name` (and LINE's default icon).
    pub fn new(name: impl Into<String>) -> Self {
        Sender {
            name: Some(name.into()),
            icon_url: None,
        }
    }

    /// This sender with an https icon.
    pub fn with_icon_url(mut self, icon_url: impl Into<String>) -> Self {
        self.icon_url = Some(icon_url.into());
        self
    }
}

#[cfg(test)]
mod tests;
