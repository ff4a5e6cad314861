//! What the sandbox remembers about traffic, and the views it hands out.
//!
//! Message bodies are stored once per request (`Arc<[Value]>`); each recipient holds
//! only the request's index, so a 1,000,000-recipient broadcast costs one body plus
//! 4 bytes per recipient.

use crate::endpoint::Endpoint;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;
use uuid::Uuid;

/// One accepted request, as logged.
#[derive(Debug, Clone)]
pub(crate) struct Logged {
    pub request_id: Uuid,
    pub channel: u32,
    pub endpoint: Endpoint,
    pub at_ms: i64,
    pub retry_key: Option<Uuid>,
    pub messages: Arc<[Value]>,
    pub recipients: u64,
}

/// An accepted send request, as the inspection API shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRecord {
    /// The `x-line-request-id` the sandbox answered with.
    pub request_id: String,
    pub endpoint: Endpoint,
    pub channel_id: String,
    /// Sandbox-clock time of acceptance, ms since 1970.
    pub accepted_at_ms: i64,
    pub retry_key: Option<String>,
    /// How many friends received it (blocked and unknown recipients excluded).
    pub recipient_count: u64,
    pub messages: Vec<Value>,
}

/// One send as received by one friend.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub request_id: String,
    pub endpoint: Endpoint,
    pub channel_id: String,
    pub user_id: String,
    pub accepted_at_ms: i64,
    pub messages: Vec<Value>,
}

/// One message bubble as a friend sees it in the chat (for the simulator page).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FriendMessage {
    pub request_id: String,
    pub endpoint: Endpoint,
    pub accepted_at_ms: i64,
    /// The message object exactly as sent.
    pub message: Value,
    /// `sender` (name, iconUrl) if the bot set one.
    pub sender: Option<Value>,
    /// `quickReply` if the bot attached one.
    pub quick_reply: Option<Value>,
}

impl FriendMessage {
    pub(crate) fn split(delivery: &Delivery) -> impl Iterator<Item = FriendMessage> + '_ {
        delivery.messages.iter().map(|m| FriendMessage {
            request_id: delivery.request_id.clone(),
            endpoint: delivery.endpoint,
            accepted_at_ms: delivery.accepted_at_ms,
            message: m.clone(),
            sender: m.get("sender").cloned(),
            quick_reply: m.get("quickReply").cloned(),
        })
    }
}

/// One line of a chat transcript: something the friend did, or a bubble the bot sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "from", rename_all = "camelCase")]
pub enum ChatEntry {
    /// The friend's action, as the webhook event that reported it.
    #[serde(rename_all = "camelCase")]
    Friend {
        at_ms: i64,
        event: Value,
        /// Whether the bot marked it read (the friend sees 既読).
        read: bool,
    },
    /// A message bubble from the bot.
    Bot(FriendMessage),
}

/// Counters of one endpoint. `requests` counts everything that reached the sandbox.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointStats {
    pub requests: u64,
    /// 2xx answers.
    pub succeeded: u64,
    pub bad_requests: u64,
    pub unauthorized: u64,
    /// 403: the account may not use the endpoint.
    pub forbidden: u64,
    /// 429 "The API rate limit has been exceeded".
    pub rate_limited: u64,
    /// 429 "You have reached your monthly limit".
    pub monthly_limited: u64,
    /// 409 repeated retry keys.
    pub conflicts: u64,
    pub not_found: u64,
    pub too_large: u64,
    /// 500s injected by faults.
    pub injected_errors: u64,
    /// Requests performed whose connection was then dropped.
    pub dropped_connections: u64,
}

/// Every counter of the sandbox.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub endpoints: BTreeMap<Endpoint, EndpointStats>,
    /// Webhook POSTs the sandbox made (including redeliveries).
    pub webhooks_sent: u64,
}

impl Stats {
    /// The counters of `endpoint` (zeros if it was never called).
    pub fn endpoint(&self, endpoint: Endpoint) -> EndpointStats {
        self.endpoints.get(&endpoint).copied().unwrap_or_default()
    }
}
