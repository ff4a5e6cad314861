//! What the auto-reply sends: a few message kinds the marketer composes, plus an
//! escape hatch for any LINE message object. The responder turns them into LINE
//! message objects; this crate never talks to LINE.

use serde::{Deserialize, Serialize};

use crate::error::ConfigError;

/// LINE accepts 1 to 5 message objects per reply.
pub const MAX_MESSAGES: usize = 5;
/// LINE shows at most 13 quick-reply buttons.
pub const MAX_QUICK_REPLIES: usize = 13;
/// LINE's limit on a text message, in characters.
pub const MAX_TEXT_CHARS: usize = 5000;

/// One message bubble of an answer.
///
/// The JSON form of `text`, `sticker` and `image` is exactly LINE's message object
/// (`{"type":"text","text":"..."}`), so the responder can pass them through. `raw`
/// wraps any other LINE message object (flex, template, ...) unchanged, under
/// `message`, because the LINE object's own `type` field would otherwise collide
/// with ours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    Raw {
        #[cfg_attr(feature = "openapi", schema(value_type = crate::openapi::LineMessageObject))]
        #[serde(deserialize_with = "line_message_object")]
        message: serde_json::Value,
    },
}

/// A raw message must at least be what the schema says a LINE message object is:
/// a JSON object with a string `type`. Anything else is refused when the answer is
/// read (a 422 from the admin API), not stored to fail at LINE or in a listing.
fn line_message_object<'de, D>(deserializer: D) -> Result<serde_json::Value, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error;
    let value = serde_json::Value::deserialize(deserializer)?;
    match value.get("type") {
        Some(serde_json::Value::String(_)) if value.is_object() => Ok(value),
        _ => Err(D::Error::custom(
            "a raw message must be a LINE message object with a string \"type\"",
        )),
    }
}

impl ReplyMessage {
    /// A text bubble.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text { text: text.into() }
    }
}

/// A quick-reply button: tapping it sends `text` as the customer's message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuickReply {
    /// The button label (LINE allows at most 20 characters).
    pub label: String,
    /// The text the customer sends by tapping.
    pub text: String,
}

/// A complete answer: up to five bubbles and optional quick-reply buttons, which
/// the responder attaches to the last bubble (that is where LINE shows them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Answer {
    /// At most [`MAX_MESSAGES`] (5).
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub messages: Vec<ReplyMessage>,
    /// At most [`MAX_QUICK_REPLIES`] (13).
    #[cfg_attr(feature = "openapi", schema(max_items = 13))]
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

    /// Checks the limits LINE enforces on a reply (at most 5 messages, 13 quick
    /// replies, 5,000 characters per text), so that a bad answer is refused when the
    /// configuration is saved rather than failing at LINE when a customer asks.
    /// `owner` names the answer in the error (e.g. `rule "r1"`).
    pub fn check_limits(&self, owner: impl Fn() -> String) -> Result<(), ConfigError> {
        if self.messages.len() > MAX_MESSAGES {
            return Err(ConfigError::TooManyMessages {
                owner: owner(),
                count: self.messages.len(),
                max: MAX_MESSAGES,
            });
        }
        if self.quick_replies.len() > MAX_QUICK_REPLIES {
            return Err(ConfigError::TooManyQuickReplies {
                owner: owner(),
                count: self.quick_replies.len(),
                max: MAX_QUICK_REPLIES,
            });
        }
        for message in &self.messages {
            if let ReplyMessage::Text { text } = message {
                let count = text.chars().count();
                if count > MAX_TEXT_CHARS {
                    return Err(ConfigError::TextTooLong {
                        owner: owner(),
                        count,
                        max: MAX_TEXT_CHARS,
                    });
                }
            }
        }
        Ok(())
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
    fn a_raw_message_without_a_string_type_is_refused_when_read() {
        for bad in [
            r#"{"type": "raw", "message": {"type": null}}"#,
            r#"{"type": "raw", "message": {"text": "no type"}}"#,
            r#"{"type": "raw", "message": "text"}"#,
            r#"{"type": "raw", "message": [{"type": "text"}]}"#,
        ] {
            assert!(serde_json::from_str::<ReplyMessage>(bad).is_err(), "{bad}");
        }
        let good = r#"{"type": "raw", "message": {"type": "text", "text": "hi"}}"#;
        assert!(serde_json::from_str::<ReplyMessage>(good).is_ok());
    }

    #[test]
    fn answers_beyond_line_limits_are_refused() {
        let owner = || "rule \"r\"".to_string();
        let six = Answer {
            messages: vec![ReplyMessage::text("x"); 6],
            quick_replies: Vec::new(),
        };
        assert!(matches!(
            six.check_limits(owner),
            Err(ConfigError::TooManyMessages { count: 6, .. })
        ));
        let long = Answer::text("あ".repeat(5001));
        assert!(matches!(
            long.check_limits(owner),
            Err(ConfigError::TextTooLong { count: 5001, .. })
        ));
        let buttons = Answer {
            messages: vec![ReplyMessage::text("x")],
            quick_replies: vec![
                QuickReply {
                    label: "a".into(),
                    text: "a".into()
                };
                14
            ],
        };
        assert!(matches!(
            buttons.check_limits(owner),
            Err(ConfigError::TooManyQuickReplies { .. })
        ));
        assert!(Answer::text("あ".repeat(5000)).check_limits(owner).is_ok());
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let answer = Answer::text("{name}さん、{store}です {unknown}");
        let filled = answer.filled(&[("name", "花子"), ("store", "カフェ")]);
        assert_eq!(filled, Answer::text("花子さん、カフェです {unknown}"));
    }
}
