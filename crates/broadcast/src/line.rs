//! What the pipeline needs from LINE ([`Messenger`]) and its adapter over
//! `otodoke-line`'s client ([`LineMessenger`]).
//!
//! The sender retries itself, through the shared rate limiter, so the adapter's
//! clients never retry: every request LINE sees was admitted by the limiter.

use async_trait::async_trait;
use otodoke_core::demographic::LineDemographics;
use otodoke_core::organization::Channel;
use otodoke_core::ports::SecretSource;
use otodoke_core::{ChannelId, LineUserId};
use otodoke_line::client::audience::Demographics;
use otodoke_line::client::insight::{AggregationUnit, UnitStatistics};
use otodoke_line::client::{Acceptance, Narrowcast, NarrowcastProgress};
use otodoke_line::client::{ClientConfig, LineClient, LineError, RetryPolicy, SendOptions};
use otodoke_line::messages::Message;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// A send LINE took: now, or earlier under the same retry key (a 409).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// LINE's `x-line-request-id`, to log.
    pub request_id: Option<String>,
    /// An earlier request with the same retry key did the sending.
    pub already: bool,
}

/// Why a send did not go through, in the terms the sender decides on.
#[derive(Debug, thiserror::Error)]
pub enum SendFailure {
    /// 429 "rate limit": slow down and try again.
    #[error("LINE's rate limit was exceeded")]
    RateLimited,
    /// 429 "monthly limit": nothing more can be sent this month.
    #[error("the channel reached its monthly limit")]
    MonthlyLimit,
    /// 5xx, timeout or dropped connection: the same request may succeed (it may
    /// even have been performed: retry with the same key).
    #[error("transient LINE failure: {0}")]
    Transient(String),
    /// LINE refused the request itself (400, invalid messages): no retry helps.
    #[error("LINE rejected the request: {0}")]
    Rejected(String),
    /// The channel cannot send at all (401/403, missing token): fix and redrive.
    #[error("the channel cannot send: {0}")]
    Unusable(String),
}

/// Whom a narrowcast goes to: the channel's friends matching LINE's demographic
/// `filter`, within the uploaded audience group when there is one, and at most
/// `max` of them when set (sent with `upToRemainingQuota`, so that LINE also stops
/// at what its own count of the month leaves).
#[derive(Debug, Clone, Copy)]
pub struct NarrowcastTarget<'a> {
    pub filter: &'a LineDemographics,
    pub audience_group: Option<i64>,
    pub max: Option<u64>,
}

/// An audience group as the pipeline follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudienceGroupState {
    pub id: i64,
    pub description: String,
    /// LINE's status: `IN_PROGRESS`, `READY`, `FAILED`, `EXPIRED`, ...
    pub status: String,
    pub count: Option<u64>,
}

/// The LINE calls the pipeline makes.
#[async_trait]
pub trait Messenger: Send + Sync {
    /// Multicasts `messages` (LINE message objects) to up to 500 users with
    /// `retry_key`, counted under LINE's aggregation `unit` when given (messengers
    /// that keep no statistics ignore it). One attempt; the caller retries.
    async fn multicast(
        &self,
        channel: &Channel,
        to: &[LineUserId],
        messages: &[serde_json::Value],
        retry_key: Uuid,
        unit: Option<&AggregationUnit>,
    ) -> Result<Accepted, SendFailure>;
    /// Pushes `messages` to one user with `retry_key`, counted under `unit` when
    /// given. One attempt.
    async fn push(
        &self,
        channel: &Channel,
        to: &LineUserId,
        messages: &[serde_json::Value],
        retry_key: Uuid,
        unit: Option<&AggregationUnit>,
    ) -> Result<Accepted, SendFailure>;
    /// LINE's statistics of the messages sent under `unit` between the JST days
    /// `from` and `to` (`yyyyMMdd`). Messengers without LINE answer `Unusable`.
    async fn unit_statistics(
        &self,
        channel: &Channel,
        unit: &AggregationUnit,
        from: &str,
        to: &str,
    ) -> Result<UnitStatistics, SendFailure> {
        let _ = (channel, unit, from, to);
        Err(SendFailure::Unusable(
            "this messenger keeps no statistics".into(),
        ))
    }
    /// LINE's count of messages sent this month (includes the Manager's).
    async fn quota_consumption(&self, channel: &Channel) -> Result<u64, SendFailure>;
    /// Starts a narrowcast of `messages` to `target`: the channel's friends
    /// matching its filter (LINE's demographic estimates), within its audience
    /// group and cap when it has them, with `retry_key`. One attempt.
    /// `Accepted::request_id` is the id to follow: this request's, or on a 409 the
    /// earlier request's that did the sending.
    async fn narrowcast(
        &self,
        channel: &Channel,
        target: NarrowcastTarget<'_>,
        messages: &[serde_json::Value],
        retry_key: Uuid,
    ) -> Result<Accepted, SendFailure>;
    /// Where the narrowcast LINE knows as `request_id` stands.
    async fn narrowcast_progress(
        &self,
        channel: &Channel,
        request_id: &str,
    ) -> Result<NarrowcastProgress, SendFailure>;
    /// Creates an audience group `description` holding `user_ids` (at most
    /// 10,000). One attempt, never retried by itself (twice would make two).
    async fn create_audience(
        &self,
        channel: &Channel,
        description: &str,
        user_ids: &[&str],
    ) -> Result<i64, SendFailure> {
        let _ = (channel, description, user_ids);
        Err(SendFailure::Unusable(
            "this messenger has no audience groups".into(),
        ))
    }
    /// Adds `user_ids` (at most 10,000) to the group; a repeat is harmless.
    async fn add_to_audience(
        &self,
        channel: &Channel,
        group: i64,
        user_ids: &[&str],
    ) -> Result<(), SendFailure> {
        let _ = (channel, group, user_ids);
        Err(SendFailure::Unusable(
            "this messenger has no audience groups".into(),
        ))
    }
    /// The group's status and size; `Ok(None)` when LINE knows no such group.
    async fn audience(
        &self,
        channel: &Channel,
        group: i64,
    ) -> Result<Option<AudienceGroupState>, SendFailure> {
        let _ = (channel, group);
        Err(SendFailure::Unusable(
            "this messenger has no audience groups".into(),
        ))
    }
    /// The channel's groups whose description is exactly `description` (LINE
    /// matches partially and ignores case; the exact ones are kept).
    async fn audiences_named(
        &self,
        channel: &Channel,
        description: &str,
    ) -> Result<Vec<AudienceGroupState>, SendFailure> {
        let _ = (channel, description);
        Err(SendFailure::Unusable(
            "this messenger has no audience groups".into(),
        ))
    }
    /// Deletes the group; one LINE no longer knows counts as deleted.
    async fn delete_audience(&self, channel: &Channel, group: i64) -> Result<(), SendFailure> {
        let _ = (channel, group);
        Err(SendFailure::Unusable(
            "this messenger has no audience groups".into(),
        ))
    }
}

fn group_state(g: otodoke_line::client::audience::AudienceGroupStatus) -> AudienceGroupState {
    AudienceGroupState {
        id: g.audience_group_id,
        description: g.description.unwrap_or_default(),
        status: g.status,
        count: g.audience_count,
    }
}

/// Pushes `messages` to `to` under `unit`; when LINE refuses that request and a
/// unit was given, once more without it: messaging-api.yml says push's units are
/// for accounts that applied for them, so a refusal may be the unit's. The same
/// retry key on both (the refused request sent nothing).
pub async fn push_in_unit(
    line: &dyn Messenger,
    channel: &Channel,
    to: &LineUserId,
    messages: &[serde_json::Value],
    retry_key: Uuid,
    unit: Option<&AggregationUnit>,
) -> Result<Accepted, SendFailure> {
    let pushed = line.push(channel, to, messages, retry_key, unit).await;
    if matches!(pushed, Err(SendFailure::Rejected(_))) && unit.is_some() {
        return line.push(channel, to, messages, retry_key, None).await;
    }
    pushed
}

/// LINE's demographic filter object (`{"demographic": ...}`) for `filter`.
pub fn demographic_filter(filter: &LineDemographics) -> Option<serde_json::Value> {
    // Each value serialises as LINE spells it (`age_20`, `jp_13`, `day_30`).
    fn name<T: serde::Serialize>(v: &T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
    fn names<T: serde::Serialize>(vs: impl IntoIterator<Item = T>) -> Vec<String> {
        vs.into_iter().map(|v| name(&v)).collect()
    }
    Demographics {
        genders: names(filter.genders.iter()),
        age: (
            filter.age_from.as_ref().map(name),
            filter.age_below.as_ref().map(name),
        ),
        areas: names(filter.areas.iter()),
        app_types: names(filter.app_types.iter()),
        friendship: (
            filter.friends_for_at_least.as_ref().map(name),
            filter.friends_for_less_than.as_ref().map(name),
        ),
    }
    .filter()
}

/// [`Messenger`] over [`LineClient`]s, one per channel, built on first use with the
/// access token read from the [`SecretSource`] (`channel.access_token_ref`) and kept.
pub struct LineMessenger {
    base_url: String,
    secrets: Arc<dyn SecretSource>,
    clients: Mutex<HashMap<ChannelId, LineClient>>,
}

impl LineMessenger {
    /// Clients will talk to `base_url` (LINE's, or the sandbox's).
    pub fn new(base_url: impl Into<String>, secrets: Arc<dyn SecretSource>) -> Self {
        Self {
            base_url: base_url.into(),
            secrets,
            clients: Mutex::new(HashMap::new()),
        }
    }

    async fn client(&self, channel: &Channel, fresh: bool) -> Result<LineClient, SendFailure> {
        if !fresh {
            if let Some(c) = self.clients.lock().get(&channel.id) {
                return Ok(c.clone());
            }
        }
        let token = if fresh {
            self.secrets.refresh(&channel.access_token_ref).await
        } else {
            self.secrets.secret(&channel.access_token_ref).await
        }
        .map_err(|e| SendFailure::Unusable(format!("access token: {e}")))?;
        let client = LineClient::new(
            ClientConfig::new(token)
                .with_base_url(self.base_url.clone())
                .with_retry(RetryPolicy::never()),
        )
        .map_err(|e| SendFailure::Unusable(e.to_string()))?;
        self.clients
            .lock()
            .insert(channel.id.clone(), client.clone());
        Ok(client)
    }
}

impl LineMessenger {
    /// Runs `call` with the channel's client; when LINE answers 401 (the token may
    /// have been reissued), once more with the token read afresh. A 401 means
    /// nothing was sent, so the repeat cannot send twice.
    async fn call<T, F, Fut>(&self, channel: &Channel, call: F) -> Result<T, SendFailure>
    where
        F: Fn(LineClient) -> Fut,
        Fut: std::future::Future<Output = Result<T, LineError>>,
    {
        match call(self.client(channel, false).await?).await {
            Err(LineError::Unauthorized { .. }) => {
                tracing::info!(channel = %channel.id, "LINE refused the token; retrying once with it read afresh");
                call(self.client(channel, true).await?)
                    .await
                    .map_err(failure)
            }
            other => other.map_err(failure),
        }
    }
}

fn decode(messages: &[serde_json::Value]) -> Result<Vec<Message>, SendFailure> {
    messages
        .iter()
        .map(|m| serde_json::from_value(m.clone()))
        .collect::<Result<_, _>>()
        .map_err(|e| SendFailure::Rejected(format!("stored message: {e}")))
}

fn failure(e: LineError) -> SendFailure {
    match e {
        LineError::RateLimited { .. } => SendFailure::RateLimited,
        LineError::MonthlyLimitReached { .. } => SendFailure::MonthlyLimit,
        LineError::Unauthorized { .. } | LineError::Forbidden { .. } => {
            SendFailure::Unusable(e.to_string())
        }
        e if e.is_retryable() => SendFailure::Transient(e.to_string()),
        e => SendFailure::Rejected(e.to_string()),
    }
}

#[async_trait]
impl Messenger for LineMessenger {
    async fn multicast(
        &self,
        channel: &Channel,
        to: &[LineUserId],
        messages: &[serde_json::Value],
        retry_key: Uuid,
        unit: Option<&AggregationUnit>,
    ) -> Result<Accepted, SendFailure> {
        let messages = decode(messages)?;
        let to: Vec<&str> = to.iter().map(LineUserId::as_str).collect();
        let (to, messages) = (&to, &messages);
        let options = SendOptions::with_retry_key(retry_key).in_unit(unit.cloned());
        let options = &options;
        let sent = self
            .call(channel, |c| async move {
                c.multicast(to, messages, options.clone()).await
            })
            .await?;
        Ok(Accepted {
            already: sent.value.is_already_accepted(),
            request_id: sent.request_id,
        })
    }

    async fn push(
        &self,
        channel: &Channel,
        to: &LineUserId,
        messages: &[serde_json::Value],
        retry_key: Uuid,
        unit: Option<&AggregationUnit>,
    ) -> Result<Accepted, SendFailure> {
        let messages = decode(messages)?;
        let messages = &messages;
        let options = SendOptions::with_retry_key(retry_key).in_unit(unit.cloned());
        let options = &options;
        let sent = self
            .call(channel, |c| async move {
                c.push(to.as_str(), messages, options.clone()).await
            })
            .await?;
        Ok(Accepted {
            already: sent.value.is_already_accepted(),
            request_id: sent.request_id,
        })
    }

    async fn unit_statistics(
        &self,
        channel: &Channel,
        unit: &AggregationUnit,
        from: &str,
        to: &str,
    ) -> Result<UnitStatistics, SendFailure> {
        let answer = self
            .call(channel, |c| async move {
                c.statistics_per_unit(unit, from, to).await
            })
            .await?;
        Ok(answer.value)
    }

    async fn quota_consumption(&self, channel: &Channel) -> Result<u64, SendFailure> {
        let answer = self
            .call(channel, |c| async move { c.quota_consumption().await })
            .await?;
        Ok(answer.value.total_usage)
    }

    async fn narrowcast(
        &self,
        channel: &Channel,
        target: NarrowcastTarget<'_>,
        messages: &[serde_json::Value],
        retry_key: Uuid,
    ) -> Result<Accepted, SendFailure> {
        let narrowcast = Narrowcast {
            messages: decode(messages)?,
            recipient: target
                .audience_group
                .map(otodoke_line::client::audience::audience_recipient),
            filter: demographic_filter(target.filter),
            limit: target
                .max
                .map(|max| serde_json::json!({ "max": max.clamp(1, i32::MAX as u64), "upToRemainingQuota": true })),
        };
        let narrowcast = &narrowcast;
        let sent = self
            .call(channel, |c| async move {
                c.narrowcast(narrowcast, SendOptions::with_retry_key(retry_key))
                    .await
            })
            .await?;
        Ok(match sent.value.acceptance {
            Acceptance::Accepted => Accepted {
                request_id: sent.request_id,
                already: false,
            },
            Acceptance::AlreadyAccepted {
                accepted_request_id,
            } => Accepted {
                request_id: Some(accepted_request_id),
                already: true,
            },
        })
    }

    async fn narrowcast_progress(
        &self,
        channel: &Channel,
        request_id: &str,
    ) -> Result<NarrowcastProgress, SendFailure> {
        let answer = self
            .call(channel, |c| async move {
                c.narrowcast_progress(request_id).await
            })
            .await?;
        Ok(answer.value)
    }

    async fn create_audience(
        &self,
        channel: &Channel,
        description: &str,
        user_ids: &[&str],
    ) -> Result<i64, SendFailure> {
        let answer = self
            .call(channel, |c| async move {
                c.create_audience_group(description, user_ids).await
            })
            .await?;
        Ok(answer.value.audience_group_id)
    }

    async fn add_to_audience(
        &self,
        channel: &Channel,
        group: i64,
        user_ids: &[&str],
    ) -> Result<(), SendFailure> {
        self.call(channel, |c| async move {
            c.add_to_audience_group(group, user_ids).await
        })
        .await?;
        Ok(())
    }

    async fn audience(
        &self,
        channel: &Channel,
        group: i64,
    ) -> Result<Option<AudienceGroupState>, SendFailure> {
        let client = self.client(channel, false).await?;
        match client.audience_group(group).await {
            Ok(answer) => Ok(Some(group_state(answer.value))),
            Err(LineError::NotFound { .. }) => Ok(None),
            Err(e) => Err(failure(e)),
        }
    }

    async fn audiences_named(
        &self,
        channel: &Channel,
        description: &str,
    ) -> Result<Vec<AudienceGroupState>, SendFailure> {
        let mut found = Vec::new();
        for page in 1..=25 {
            let answer = self
                .call(channel, |c| async move {
                    c.audience_groups(description, page).await
                })
                .await?;
            found.extend(
                answer
                    .value
                    .audience_groups
                    .into_iter()
                    .map(group_state)
                    .filter(|g| g.description.eq_ignore_ascii_case(description)),
            );
            if !answer.value.has_next_page {
                break;
            }
        }
        Ok(found)
    }

    async fn delete_audience(&self, channel: &Channel, group: i64) -> Result<(), SendFailure> {
        let client = self.client(channel, false).await?;
        match client.delete_audience_group(group).await {
            Ok(_) | Err(LineError::NotFound { .. }) => Ok(()),
            Err(e) => Err(failure(e)),
        }
    }
}
