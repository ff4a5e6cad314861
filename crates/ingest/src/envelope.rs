//! The small part of a webhook that ingest needs, and the message it queues.
//!
//! Ingest reads only the fields it routes and deduplicates on, and passes every event
//! on as the exact JSON LINE sent: an event type LINE adds tomorrow is accepted,
//! stored and queued like any other, and the responder decides what it means.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The webhook body with events left raw.
#[derive(Debug, Deserialize)]
pub(crate) struct Body<'a> {
    #[serde(borrow)]
    pub destination: &'a str,
    #[serde(borrow, default)]
    pub events: Vec<&'a RawValue>,
}

/// What ingest reads of one event. Every field is optional: an event LINE invents
/// later must not fail parsing.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventView {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub webhook_event_id: Option<String>,
    #[serde(default)]
    pub timestamp: Option<i64>,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub source: Option<SourceView>,
    #[serde(default)]
    pub message: Option<MessageView>,
    #[serde(default)]
    pub postback: Option<PostbackView>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceView {
    #[serde(rename = "type", default)]
    pub kind: String,
    pub user_id: Option<String>,
    pub group_id: Option<String>,
    pub room_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct MessageView {
    pub id: Option<String>,
    #[serde(rename = "type", default)]
    pub kind: String,
    pub text: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PostbackView {
    pub data: Option<String>,
}

impl SourceView {
    /// The chat this event belongs to: the group or room, else the user.
    /// Events of one chat share a FIFO group, so they are answered in order.
    pub fn chat_id(&self) -> Option<&str> {
        self.group_id
            .as_deref()
            .or(self.room_id.as_deref())
            .or(self.user_id.as_deref())
    }
}

/// What goes on the events queue: one event, as LINE sent it, with where it came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventEnvelope {
    pub channel_id: String,
    pub provider: String,
    pub destination: String,
    /// When the webhook arrived (ms since the epoch): the reply token's clock starts here.
    pub received_at_ms: i64,
    /// The event exactly as LINE sent it.
    pub event: Box<RawValue>,
}
