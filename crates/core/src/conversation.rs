//! Conversation history: every message in and out, with who sent it.

use crate::friend::FriendKey;
use crate::ids::{CampaignId, ChannelId, StaffId, StoreId};
use crate::media::MediaRef;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One message of a chat, either direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationEntry {
    /// A ULID: unique, and sorts by time within a friend's history.
    pub id: String,
    pub friend: FriendKey,
    pub channel: ChannelId,
    pub store_id: Option<StoreId>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
    pub direction: Direction,
    /// LINE's message id for inbound messages (what `unsend` names).
    pub line_message_id: Option<String>,
    /// A plain-text rendering for lists and CSV (`[sticker]`, `[image]` for non-text).
    pub text: String,
    /// The message object as LINE sent it or as we sent it.
    #[cfg_attr(feature = "openapi", schema(value_type = otodoke_autoreply::openapi::LineMessageObject))]
    pub payload: serde_json::Value,
    pub sender: Sender,
    /// Set when the customer unsent the message: kept for audit, never shown.
    pub hidden: bool,
    /// When the store's retention removes this entry; `None` keeps it.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub expires_at: Option<Timestamp>,
    /// How a staff member's message went out (`None` for the customer's messages
    /// and the bot's, which are recorded only once sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
    /// A customer's message the store's intents could not answer (not sure enough,
    /// or two intents too close): what the teaching loop lists for staff to file
    /// under an intent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub declined_intent: bool,
    /// otodoke's own copy of the message's content (image, video, audio, file), once
    /// the media keeper has fetched it from LINE; LINE's copy expires in days.
    #[serde(default)]
    pub media: Option<MediaRef>,
}

/// The outcome of sending a staff member's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Delivery {
    /// Sent with the customer's reply token (free).
    Replied,
    /// Pushed (one message of the monthly quota).
    Pushed,
    /// Not sent; `reason` says why in words for staff.
    Failed { reason: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Inbound,
    Outbound,
}

/// Who wrote a message: the customer, or what made the bot answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Sender {
    Customer,
    Greeting,
    Rule(String),
    Intent(String),
    AfterHours,
    Fallback,
    Staff(StaffId),
    Campaign(CampaignId),
}
