//! What the auto-reply sends: a few message kinds the marketer composes, plus an
//! escape hatch for any LINE message object. The responder turns them into LINE
//! message objects; this crate never talks to LINE.

use serde::{Deserialize, Serialize};

/// One message bubble of an answer.
///
/// The JSON form of `text`, `sticker` and `image` is exactly LINE's message object
/// (`{"type":"text","text":"..."}`), so the responder can pass them through. `raw`
/// wraps any other LINE message object (flex, template, ...) unchanged, under
/// `message`, because the LINE object's own `type` field would otherwise collide
/// with ours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ReplyMessage {
    /// A text bubble. `{name}`, `{store}` and (after hours) `{next_open}` are filled
    /// in by the decision; other braces are left alone.
    Text { text: String },
    /// A LINE sticker.
    #[serde(rename_all = "camelCase")]
    Sticker {
        package_id: String,
        sticker_id: String,
    },
    /// An image given by two HTTPS URLs.
    #[serde(rename_all = "camelCase")]
    Image {
        original_content_url: String,
        preview_image_url: String,
    },
    /// Any LINE message object, sent as is.
    Raw { message: serde_json::Value },
}

impl ReplyMessage {
    /// A text bubble.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text { text: text.into() }
    }
}

/// A quick-reply button: tapping it sends `text` as the customer's message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuickReply {
    /// The button label (LINE allows at most 20 characters).
    pub label: String,
    /// The text the customer sends by tapping.
    pub text: String,
}

/// A complete answer: up to five bubbles and optional quick-reply buttons, which
/// the responder attaches to the last bubble (that is where LINE shows them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answer {
    pub messages: Vec<ReplyMessage>,
    pub quick_replies: Vec<QuickReply>,
}

impl Answer {
    /// An answer made of one text bubble.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            messages: vec![ReplyMessage::text(text)],
            quick_replies: Vec::new(),
        }
    }

    /// Whether the answer would send nothing.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// A copy with every `{key}` in text bubbles replaced by its value. Keys absent
    /// from `values` are left as written, so a typo shows up in the preview instead
    /// of silently disappearing.
    pub(crate) fn filled(&self, values: &[(&str, &str)]) -> Answer {
        let messages = self
            .messages
            .iter()
            .map(|m| match m {
                ReplyMessage::Text { text } if text.contains('{') => ReplyMessage::Text {
                    text: fill(text, values),
                },
                other => other.clone(),
            })
            .collect();
        Answer {
            messages,
            quick_replies: self.quick_replies.clone(),
        }
    }
}

fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in values {
        let placeholder = format!("{{{key}}}");
        if out.contains(&placeholder) {
            out = out.replace(&placeholder, value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_sticker_and_image_serialize_as_line_message_objects() {
        let messages = vec![
            ReplyMessage::text("hi"),
            ReplyMessage::Sticker {
                package_id: "446".into(),
                sticker_id: "1988".into(),
            },
            ReplyMessage::Image {
                original_content_url: "https://e.x/a.png".into(),
                preview_image_url: "https://e.x/p.png".into(),
            },
        ];
        let json = serde_json::to_value(&messages).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                {"type": "text", "text": "hi"},
                {"type": "sticker", "packageId": "446", "stickerId": "1988"},
                {"type": "image", "originalContentUrl": "https://e.x/a.png",
                 "previewImageUrl": "https://e.x/p.png"}
            ])
        );
    }

    #[test]
    fn raw_message_round_trips_with_its_own_type_field() {
        let raw = ReplyMessage::Raw {
            message: serde_json::json!({"type": "flex", "altText": "menu", "contents": {}}),
        };
        let json = serde_json::to_string(&raw).unwrap();
        assert_eq!(serde_json::from_str::<ReplyMessage>(&json).unwrap(), raw);
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let answer = Answer::text("{name}さん、{store}です {unknown}");
        let filled = answer.filled(&[("name", "花子"), ("store", "カフェ")]);
        assert_eq!(filled, Answer::text("花子さん、カフェです {unknown}"));
    }
}
