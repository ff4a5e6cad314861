//! The ingest pipeline (see the crate docs for why the steps are in this order).

use crate::channels::{ChannelDirectory, ResolvedChannel};
use crate::envelope::{Body, EventEnvelope, EventView};
use jiff::{SignedDuration, Timestamp};
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::friend::FriendKey;
use otodoke_core::organization::Channel;
use otodoke_core::ports::{
    Claim, ConversationStore, FriendStore, IdempotencyStore, QueueMessage, QueueSender,
};
use otodoke_core::{LineUserId, StoreError, StoreId};
use otodoke_line::signature::{self, SignatureError};
use serde_json::value::RawValue;
use std::sync::Arc;

/// Limits and timings of ingest.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// Bodies over this are refused with 413 before anything else (LINE's are far smaller).
    pub max_body_bytes: usize,
    /// How long a claim holds before another delivery may take the event over.
    /// Longer than one ingest takes; short enough that a crash delays little.
    pub claim_lease: SignedDuration,
    /// How long a handled event id is remembered. LINE redelivers for a limited time;
    /// three days covers it with a margin.
    pub remember_for: SignedDuration,
}

impl Default for IngestConfig {
    fn default() -> Self {
        Self {
            max_body_bytes: 1024 * 1024,
            claim_lease: SignedDuration::from_secs(30),
            remember_for: SignedDuration::from_hours(72),
        }
    }
}

/// Why a delivery was not accepted. `status()` is the one place these become HTTP.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("body of {0} bytes is over the limit")]
    TooLarge(usize),
    #[error("no channel is connected at this URL")]
    UnknownChannel,
    #[error("signature rejected: {0}")]
    Signature(#[from] SignatureError),
    #[error("body is not a LINE webhook: {0}")]
    Malformed(String),
    #[error("event {0} is being processed by another delivery")]
    InProgress(String),
    #[error("storage or queue failure: {0}")]
    Unavailable(String),
}

impl IngestError {
    /// The HTTP status LINE gets. 5xx makes LINE redeliver (when redelivery is on);
    /// 4xx tells it (and an attacker) nothing will change on a retry.
    pub fn status(&self) -> u16 {
        match self {
            IngestError::TooLarge(_) => 413,
            IngestError::UnknownChannel => 404,
            IngestError::Signature(_) => 401,
            IngestError::Malformed(_) => 400,
            IngestError::InProgress(_) => 503,
            IngestError::Unavailable(_) => 500,
        }
    }
}

impl From<StoreError> for IngestError {
    fn from(e: StoreError) -> Self {
        IngestError::Unavailable(e.to_string())
    }
}

/// What a delivery amounted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ack {
    pub events: usize,
    pub duplicates: usize,
    pub queued: usize,
    /// Events whose `timestamp` is older than the dedupe window
    /// ([`IngestConfig::remember_for`]): a replayed captured body, refused (not
    /// recorded, not queued), since its id may no longer be remembered.
    pub stale: usize,
}

/// The webhook's logic, independent of Lambda and HTTP: give it the channel id from the
/// URL, the headers and the raw body.
pub struct Ingest {
    channels: ChannelDirectory,
    friends: Arc<dyn FriendStore>,
    conversations: Arc<dyn ConversationStore>,
    seen: Arc<dyn IdempotencyStore>,
    events: Arc<dyn QueueSender>,
    config: IngestConfig,
}

/// One claimed event on its way through the steps.
struct Claimed<'a> {
    key: String,
    /// The event's own id (its `webhookEventId`, or a MAC of its bytes).
    event_id: String,
    raw: &'a RawValue,
    view: EventView,
}

impl Ingest {
    pub fn new(
        channels: ChannelDirectory,
        friends: Arc<dyn FriendStore>,
        conversations: Arc<dyn ConversationStore>,
        seen: Arc<dyn IdempotencyStore>,
        events: Arc<dyn QueueSender>,
        config: IngestConfig,
    ) -> Self {
        Self {
            channels,
            friends,
            conversations,
            seen,
            events,
            config,
        }
    }

    /// Handles one delivery. `Ok` means every event is safely recorded and queued (or
    /// was already): answer 200. `Err` maps to a status with [`IngestError::status`].
    pub async fn handle<'h>(
        &self,
        channel_id: &str,
        headers: impl IntoIterator<Item = (&'h str, &'h str)>,
        body: &[u8],
        now: Timestamp,
    ) -> Result<Ack, IngestError> {
        if body.len() > self.config.max_body_bytes {
            return Err(IngestError::TooLarge(body.len()));
        }
        let mut channel = self
            .channels
            .resolve(channel_id, now)
            .await?
            .ok_or(IngestError::UnknownChannel)?;
        let headers: Vec<(&str, &str)> = headers.into_iter().collect();
        if let Err(refused) = channel.key.verify_headers(body, headers.iter().copied()) {
            // The secret may have been rotated: read it afresh once, then decide.
            match self.channels.refresh(channel_id, now).await? {
                Some(fresh)
                    if fresh
                        .key
                        .verify_headers(body, headers.iter().copied())
                        .is_ok() =>
                {
                    tracing::info!(channel = %fresh.channel.id, "channel secret refreshed: the signature verifies with the new one");
                    channel = fresh;
                }
                _ => return Err(refused.into()),
            }
        }
        let parsed: Body =
            serde_json::from_slice(body).map_err(|e| IngestError::Malformed(e.to_string()))?;
        if parsed.destination != channel.channel.bot_user_id {
            tracing::warn!(channel = %channel.channel.id, "webhook destination is not this channel's bot user id");
        }
        let mut ack = Ack {
            events: parsed.events.len(),
            ..Ack::default()
        };

        let mut claimed = Vec::with_capacity(parsed.events.len());
        for raw in &parsed.events {
            let view: EventView = serde_json::from_str(raw.get())
                .map_err(|e| IngestError::Malformed(e.to_string()))?;
            if self.older_than_the_window(&view, now) {
                ack.stale += 1;
                tracing::warn!(
                    alert = "webhook_stale_event_refused",
                    channel = %channel.channel.id,
                    event = view.webhook_event_id.as_deref().unwrap_or(""),
                    timestamp = view.timestamp,
                    "event older than the dedupe window refused (a replay?)"
                );
                continue;
            }
            let event_id = event_id(&view, raw);
            let key = seen_key(&channel.channel, &event_id);
            match self.seen.claim(&key, now, self.config.claim_lease).await {
                Ok(Claim::Claimed) => claimed.push(Claimed {
                    key,
                    event_id,
                    raw,
                    view,
                }),
                Ok(Claim::AlreadyDone) => ack.duplicates += 1,
                Ok(Claim::InProgress) => {
                    self.abandon(&claimed).await;
                    return Err(IngestError::InProgress(key));
                }
                Err(e) => {
                    self.abandon(&claimed).await;
                    return Err(e.into());
                }
            }
        }

        if let Err(e) = self
            .record_and_enqueue(&channel, parsed.destination, &claimed, now)
            .await
        {
            self.abandon(&claimed).await;
            return Err(e);
        }
        for event in &claimed {
            // The events are safe in the queue now; a failure here only means a later
            // redelivery is not recognised as a duplicate for the queue's dedup window.
            if let Err(e) = self
                .seen
                .complete(&event.key, now, self.config.remember_for)
                .await
            {
                tracing::warn!(error = %e, key = %event.key, "could not mark event as handled");
            }
        }
        ack.queued = claimed.len();
        Ok(ack)
    }

    /// Whether the event happened before the dedupe window: its id may have been
    /// forgotten, so processing it could process it twice. An event without a
    /// timestamp is let through (LINE always sends one).
    fn older_than_the_window(&self, view: &EventView, now: Timestamp) -> bool {
        let Some(at) = view
            .timestamp
            .and_then(|ms| Timestamp::from_millisecond(ms).ok())
        else {
            return false;
        };
        now.duration_since(at) > self.config.remember_for
    }

    async fn record_and_enqueue(
        &self,
        channel: &ResolvedChannel,
        destination: &str,
        claimed: &[Claimed<'_>],
        now: Timestamp,
    ) -> Result<(), IngestError> {
        let mut messages = Vec::with_capacity(claimed.len());
        for event in claimed {
            if let Some(entry) = self.conversation_entry(channel, event).await? {
                self.conversations.append(&entry).await?;
            }
            let envelope = EventEnvelope {
                channel_id: channel.channel.id.to_string(),
                provider: channel.channel.provider.to_string(),
                destination: destination.to_owned(),
                received_at_ms: now.as_millisecond(),
                event: event.raw.to_owned(),
            };
            let chat = event
                .view
                .source
                .as_ref()
                .and_then(|s| s.chat_id())
                .unwrap_or("-");
            messages.push(QueueMessage {
                body: serde_json::to_string(&envelope).expect("an envelope always serializes"),
                group_id: Some(format!("{}:{}", channel.channel.id, chat)),
                dedup_id: Some(event.key.clone()),
            });
        }
        if !messages.is_empty() {
            self.events
                .send(&messages)
                .await
                .map_err(|e| IngestError::Unavailable(e.to_string()))?;
        }
        Ok(())
    }

    /// The inbound conversation entry for a message or postback from a user, if any.
    async fn conversation_entry(
        &self,
        channel: &ResolvedChannel,
        event: &Claimed<'_>,
    ) -> Result<Option<ConversationEntry>, IngestError> {
        let view = &event.view;
        let Some(user) = view.source.as_ref().and_then(|s| s.user_id.as_deref()) else {
            return Ok(None);
        };
        let Ok(user_id) = LineUserId::parse(user) else {
            return Ok(None);
        };
        let (text, line_message_id, payload) =
            match (view.kind.as_str(), &view.message, &view.postback) {
                ("message", Some(m), _) => {
                    let text = m.text.clone().unwrap_or_else(|| format!("[{}]", m.kind));
                    let raw: serde_json::Value =
                        serde_json::from_str(event.raw.get()).unwrap_or_default();
                    (
                        text,
                        m.id.clone(),
                        raw.get("message").cloned().unwrap_or_default(),
                    )
                }
                ("postback", _, Some(p)) => {
                    let data = p.data.clone().unwrap_or_default();
                    (
                        format!("[postback] {data}"),
                        None,
                        serde_json::json!({ "postback": data }),
                    )
                }
                _ => return Ok(None),
            };
        let friend = FriendKey {
            org: channel.channel.org_id.clone(),
            provider: channel.channel.provider.clone(),
            user_id,
        };
        let store_id: Option<StoreId> = match &channel.channel.store_id {
            Some(store) => Some(store.clone()),
            None => self.friends.friend(&friend).await?.and_then(|f| f.store_id),
        };
        let at = view
            .timestamp
            .and_then(|ms| Timestamp::from_millisecond(ms).ok())
            .unwrap_or(Timestamp::UNIX_EPOCH);
        Ok(Some(ConversationEntry {
            // The event id makes the append idempotent when a redelivery runs it again.
            id: event.event_id.clone(),
            friend,
            channel: channel.channel.id.clone(),
            store_id,
            at,
            direction: Direction::Inbound,
            line_message_id,
            text,
            payload,
            sender: Sender::Customer,
            hidden: false,
            expires_at: None,
            media: None,
        }))
    }

    async fn abandon(&self, claimed: &[Claimed<'_>]) {
        for event in claimed {
            if let Err(e) = self.seen.abandon(&event.key).await {
                // The lease runs out on its own; this only delays a retry.
                tracing::warn!(error = %e, key = %event.key, "could not abandon claim");
            }
        }
    }
}

/// An event's id: its `webhookEventId`. Events without one (LINE has sent one since
/// 2021) are named by a MAC of their exact bytes, which is stable across
/// redeliveries of the same JSON.
fn event_id(view: &EventView, raw: &RawValue) -> String {
    match &view.webhook_event_id {
        Some(id) => id.clone(),
        None => signature::sign(b"otodoke-event-key", raw.get().as_bytes()),
    }
}

/// The idempotency key of an event: its id within its organization's channel.
fn seen_key(channel: &Channel, event_id: &str) -> String {
    format!("webhook:{}:{}:{event_id}", channel.org_id, channel.id)
}
