//! Conversation history: every message in and out, with who sent it.

use crate::friend::FriendKey;
use crate::ids::{CampaignId, ChannelId, StaffId, StoreId};
use crate::media::MediaRef;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One message of a chat, either direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationEntry {
    /// A ULID: unique, and sorts by time within a friend's history.
    pub id: String,
    pub friend: FriendKey,
    pub channel: ChannelId,
    pub store_id: Option<StoreId>,
    pub at: Timestamp,
    pub direction: Direction,
    /// LINE's message id for inbound messages (what `unsend` names).
    pub line_message_id: Option<String>,
    /// A plain-text rendering for lists and CSV (`[sticker]`, `[image]` for non-text).
    pub text: String,
    /// The message object as LINE sent it or as we sent it.
    pub payload: serde_json::Value,
    pub sender: Sender,
    /// Set when the customer unsent the message: kept for audit, never shown.
    pub hidden: bool,
    /// When the store's retention removes this entry; `None` keeps it.
    pub expires_at: Option<Timestamp>,
    /// otodoke's own copy of the message's content (image, video, audio, file), once
    /// the media keeper has fetched it from LINE; LINE's copy expires in days.
    #[serde(default)]
    pub media: Option<MediaRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Inbound,
    Outbound,
}

/// Who wrote a message: the customer, or what made the bot answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
