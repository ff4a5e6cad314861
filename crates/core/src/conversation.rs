//! Conversation history: every message in and out, with who sent it.

use crate::friend::FriendKey;
use crate::ids::{CampaignId, ChannelId, StaffId, StoreId};
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
