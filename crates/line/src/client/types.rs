//! What the client's methods take and return, besides message objects.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A successful answer from LINE with its `x-line-request-id` (log it; LINE support
/// asks for it). `None` only if LINE left the header out.
#[derive(Debug, Clone, PartialEq)]
pub struct LineResponse<T> {
    pub request_id: Option<String>,
    pub value: T,
}

/// Options of the sends that count toward the monthly quota.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendOptions {
    /// The `X-Line-Retry-Key`. `None` makes the client draw a random UUID v4; pass
    /// your own to make a send idempotent across processes (e.g. derived from a
    /// campaign and batch).
    pub retry_key: Option<Uuid>,
    /// Deliver without a push notification.
    pub notification_disabled: bool,
    /// LINE's `customAggregationUnits` (push and multicast only; LINE takes one
    /// unit per request): the messages' statistics are counted under this name.
    pub aggregation_unit: Option<super::insight::AggregationUnit>,
}

impl SendOptions {
    /// Options with the caller's own retry key.
    pub fn with_retry_key(retry_key: Uuid) -> Self {
        SendOptions {
            retry_key: Some(retry_key),
            notification_disabled: false,
            aggregation_unit: None,
        }
    }

    /// These options with the messages counted under `unit`.
    pub fn in_unit(mut self, unit: Option<super::insight::AggregationUnit>) -> Self {
        self.aggregation_unit = unit;
        self
    }
}

/// The outcome of a send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The retry key that was sent (`None` for replies, which may not carry one).
    pub retry_key: Option<Uuid>,
    pub acceptance: Acceptance,
    /// The ids (and quote tokens) of the sent messages, as reply and push return them.
    pub sent_messages: Vec<SentMessage>,
}

impl Sent {
    /// Whether LINE had already accepted this retry key earlier (a 409): the messages
    /// went out once, on that earlier request.
    pub fn is_already_accepted(&self) -> bool {
        matches!(self.acceptance, Acceptance::AlreadyAccepted { .. })
    }
}

/// Whether this request or an earlier one with the same retry key did the sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Acceptance {
    /// This request was accepted (2xx).
    Accepted,
    /// 409 with `x-line-accepted-request-id`: an earlier request with the same retry
    /// key was accepted; this one sent nothing.
    AlreadyAccepted { accepted_request_id: String },
}

/// One message LINE created from a reply or push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentMessage {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_token: Option<String>,
}

/// The body of a send's success answer; unknown fields are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendAnswer {
    #[serde(default)]
    pub sent_messages: Vec<SentMessage>,
}

/// A narrowcast: who receives it is described by LINE's `recipient`, `filter` and
/// `limit` objects, kept as raw JSON because they nest audiences and demographic
/// operators deeply.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Narrowcast {
    pub messages: Vec<crate::Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<serde_json::Value>,
}

/// Where an asynchronous narrowcast stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NarrowcastProgress {
    /// `waiting`, `sending`, `succeeded` or `failed`.
    pub phase: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_time: Option<String>,
}

/// A user's profile as the account may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub display_name: String,
    pub user_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// One page of `GET /v2/bot/followers/ids`: the user ids of friends who follow the
/// account now (LINE leaves out blocked users and users not on LINE for iOS or
/// Android), in LINE's order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowerIds {
    pub user_ids: Vec<String>,
    /// The continuation token for the next page; `None` on the last page. A page may
    /// hold fewer ids than asked for and still have a `next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// The bot's own account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BotInfo {
    /// The `destination` of this channel's webhooks.
    pub user_id: String,
    pub basic_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_id: Option<String>,
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture_url: Option<String>,
    /// `chat` or `bot`.
    pub chat_mode: String,
    /// `auto` or `manual`.
    pub mark_as_read_mode: String,
}

/// The monthly message limit: `limited` with a `value`, or `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    #[serde(rename = "type")]
    pub kind: QuotaKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u64>,
}

/// Whether the monthly message count is capped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuotaKind {
    None,
    Limited,
}

/// Messages counted this month (approximate; includes sends from the Manager).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuotaConsumption {
    pub total_usage: u64,
}

/// A message's content as the data host answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// The bytes, with LINE's `Content-Type`.
    Ready {
        content_type: String,
        body: bytes::Bytes,
    },
    /// 202: LINE is still preparing (transcoding) a video or audio; ask again later.
    NotReady,
}
