//! Campaigns targeted by LINE's own demographics: one narrowcast per campaign,
//! followed until LINE reports it finished.
//!
//! The planner writes one [`NarrowcastOrder`] to the fan-out queue instead of
//! batches; the sender runs it with [`run_order`]:
//!
//! 1. The order is claimed (`narrowcast#<campaign>`), as batches are.
//! 2. If LINE has not accepted it yet (no request id in the campaign's
//!    checkpoint), one slot of the channel's narrowcast limit is taken (LINE
//!    allows 60 an hour: we take one a minute, shared by every sender through
//!    the [`RateLimiter`](otodoke_core::ports::RateLimiter)) and the narrowcast
//!    is sent with a retry key derived from the campaign. Its request id is kept
//!    in the checkpoint at once.
//! 3. Its progress is read every [`NarrowcastConfig::poll_every`] for up to
//!    [`NarrowcastConfig::follow_for`]; if LINE is still working, the order is put
//!    back in the fan-out queue and the next sender carries on from the request id.
//! 4. When LINE reports `succeeded` or `failed`, the counts go to the campaign's
//!    progress (planned = LINE's target, sent = delivered, failed = failed), the
//!    delivered count to the quota counter, LINE's phase and reason to the
//!    checkpoint, and the campaign completes.
//!
//! # Once
//! A sender that dies after LINE accepted the narrowcast but before the request id
//! was written leaves no id: the next one sends again with the same retry key,
//! LINE answers 409 naming the request that did the sending, and that id is
//! followed. So a crash and retry sends once. As with batches, a sender killed
//! between adding progress and completing may make the next add it again (never
//! fewer than were sent).

use crate::error::BroadcastError;
use crate::line::{Messenger, SendFailure};
use crate::ports::Ports;
use crate::retry_key;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::campaign::{Campaign, CampaignStatus, PlannerCheckpoint, Progress};
use otodoke_core::demographic::NarrowcastState;
use otodoke_core::organization::Channel;
use otodoke_core::ports::{Claim, QueueMessage};
use otodoke_core::quota::{Hold, QuotaKey, QuotaMonth, ReserveOutcome};
use otodoke_core::rate::{Admission, RateLimit};
use otodoke_core::{CampaignId, ChannelId};
use otodoke_line::client::NarrowcastProgress;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// The fan-out queue's message for a narrowcast campaign: send it, or keep
/// following it. (Its field name tells it apart from a `FanoutBatch`.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrowcastOrder {
    pub narrowcast: CampaignId,
}

impl NarrowcastOrder {
    /// The queue message carrying this order.
    pub fn message(&self) -> Result<QueueMessage, BroadcastError> {
        Ok(QueueMessage {
            body: serde_json::to_string(self)?,
            group_id: None,
            dedup_id: None,
        })
    }
}

/// LINE's narrowcast limit, 60 requests an hour per channel, taken as one a minute:
/// a fixed window admits at most its allowance plus one window's worth in any
/// span, so an hour window could let 120 through across a boundary; one-minute
/// windows let at most 61 through in any hour, which LINE's bucket of 60 (refilled
/// continuously) still accepts.
pub const NARROWCAST_RATE: RateLimit = RateLimit {
    allowance: 1,
    window_ms: 60_000,
};

/// The rate-limiter key of a channel's narrowcasts.
pub fn rate_key(channel: &ChannelId) -> String {
    format!("narrowcast#{channel}")
}

fn order_key(campaign: &CampaignId) -> String {
    format!("narrowcast#{campaign}")
}

/// How the sender runs a narrowcast order.
#[derive(Debug, Clone, Copy)]
pub struct NarrowcastConfig {
    /// The channel's shared narrowcast rate ([`NARROWCAST_RATE`]).
    pub rate: RateLimit,
    /// Waits for the rate limit up to this long inside one run; a longer wait
    /// leaves the order in the queue (it comes back after the visibility timeout).
    pub max_wait: Duration,
    /// How often progress is read.
    pub poll_every: Duration,
    /// How long one run follows progress before putting the order back.
    pub follow_for: Duration,
    /// The claim on the order: at least the sender's Lambda timeout.
    pub claim_lease: SignedDuration,
    /// How long the "order done" mark is kept (a redelivered copy is dropped).
    pub keep_done: SignedDuration,
}

impl Default for NarrowcastConfig {
    fn default() -> Self {
        Self {
            rate: NARROWCAST_RATE,
            max_wait: Duration::from_secs(20),
            poll_every: Duration::from_secs(5),
            // The sender's Lambda timeout is 60 s.
            follow_for: Duration::from_secs(30),
            claim_lease: SignedDuration::from_secs(90),
            keep_done: SignedDuration::from_hours(24 * 35),
        }
    }
}

/// What a run of a narrowcast order came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NarrowcastOutcome {
    /// LINE finished it (`succeeded` or `failed`), or refused it; recorded. Ack.
    Finished(NarrowcastState),
    /// LINE is still sending; the order is back in the queue. Ack.
    Following { request_id: String },
    /// Done before (a redelivered copy). Ack.
    AlreadyDone,
    /// The campaign is not running and nothing was sent (cancelled, or paused:
    /// resuming plans it again). Ack.
    NotRunning(CampaignStatus),
    /// LINE's monthly limit: the campaign is paused. Ack.
    Paused,
    /// Another sender holds it, the rate limit is far off or LINE failed for
    /// now: do not ack; the queue brings it back.
    Retry { reason: String },
}

impl NarrowcastOutcome {
    /// Whether the queue message should be deleted.
    pub fn ack(&self) -> bool {
        !matches!(self, NarrowcastOutcome::Retry { .. })
    }
}

/// Runs one narrowcast order. See the module docs.
///
/// Cost: a claim, the campaign, channel and checkpoint reads, one LINE request to
/// send (once per campaign) and one per `poll_every` while following. Fails on
/// storage or queue errors (the message stays unacked and comes back).
pub async fn run_order(
    ports: &Ports,
    line: &dyn Messenger,
    order: &NarrowcastOrder,
    config: &NarrowcastConfig,
) -> Result<NarrowcastOutcome, BroadcastError> {
    let key = order_key(&order.narrowcast);
    match ports
        .idempotency
        .claim(&key, Timestamp::now(), config.claim_lease)
        .await?
    {
        Claim::Claimed => {}
        Claim::AlreadyDone => return Ok(NarrowcastOutcome::AlreadyDone),
        Claim::InProgress => {
            return Ok(NarrowcastOutcome::Retry {
                reason: "another sender holds this narrowcast".into(),
            })
        }
    }
    let outcome = run_claimed(ports, line, order, config).await;
    match &outcome {
        Ok(NarrowcastOutcome::Finished(_)) => {
            ports
                .idempotency
                .complete(&key, Timestamp::now(), config.keep_done)
                .await?
        }
        Ok(NarrowcastOutcome::Following { .. }) => {
            // Released before the order goes back, so that its next run can claim it.
            ports.idempotency.abandon(&key).await?;
            ports.fanout.send(&[order.message()?]).await?;
        }
        // Let the next copy (a resume, a redelivery) claim at once.
        Ok(_) => ports.idempotency.abandon(&key).await?,
        Err(_) => {
            let _ = ports.idempotency.abandon(&key).await;
        }
    }
    outcome
}

async fn run_claimed(
    ports: &Ports,
    line: &dyn Messenger,
    order: &NarrowcastOrder,
    config: &NarrowcastConfig,
) -> Result<NarrowcastOutcome, BroadcastError> {
    let id = &order.narrowcast;
    let campaign = ports
        .campaigns
        .campaign(id)
        .await?
        .ok_or_else(|| BroadcastError::CampaignNotFound(id.clone()))?;
    let channel = ports
        .orgs
        .channel(&campaign.channel_id)
        .await?
        .ok_or_else(|| BroadcastError::ChannelNotFound(campaign.channel_id.clone()))?;
    let mut checkpoint = ports.campaigns.checkpoint(id).await?;
    let mut state = checkpoint.narrowcast.clone().unwrap_or_default();
    if state.finished() {
        return Ok(NarrowcastOutcome::Finished(state));
    }
    let request_id = match state.request_id.clone() {
        Some(request_id) => request_id,
        None => {
            if campaign.status != CampaignStatus::Running {
                return Ok(NarrowcastOutcome::NotRunning(campaign.status));
            }
            let Some(filter) = &campaign.audience.line_demographics else {
                return Err(BroadcastError::Line(format!(
                    "campaign {id} has no demographic filter to narrowcast with"
                )));
            };
            if let Some(retry_at) = admit(ports, &channel.id, config).await? {
                return Ok(NarrowcastOutcome::Retry {
                    reason: format!("the channel's narrowcast limit opens again at {retry_at}"),
                });
            }
            // One request reaches everyone: tracked links count per link only.
            let source = otodoke_core::link::LinkSource::Campaign {
                campaign: id.clone(),
            };
            let messages = crate::outgoing::tracked(
                ports,
                &campaign,
                &source,
                None,
                campaign.messages.clone(),
                jiff::Timestamp::now(),
            )
            .await?;
            let sent = line
                .narrowcast(&channel, filter, &messages, retry_key::for_narrowcast(id))
                .await;
            match sent {
                Ok(accepted) => {
                    let Some(request_id) = accepted.request_id else {
                        return Ok(NarrowcastOutcome::Retry {
                            reason: "LINE's answer named no request id".into(),
                        });
                    };
                    tracing::info!(campaign = %id, request_id, already = accepted.already, "narrowcast accepted");
                    state.request_id = Some(request_id.clone());
                    record(ports, id, &mut checkpoint, &state).await?;
                    request_id
                }
                Err(SendFailure::MonthlyLimit) => {
                    ports
                        .campaigns
                        .transition(
                            id,
                            CampaignStatus::Running,
                            CampaignStatus::Paused,
                            Timestamp::now(),
                        )
                        .await?;
                    tracing::warn!(campaign = %id, "monthly limit reached; narrowcast campaign paused");
                    return Ok(NarrowcastOutcome::Paused);
                }
                Err(e @ (SendFailure::RateLimited | SendFailure::Transient(_))) => {
                    return Ok(NarrowcastOutcome::Retry {
                        reason: e.to_string(),
                    })
                }
                Err(e @ (SendFailure::Rejected(_) | SendFailure::Unusable(_))) => {
                    tracing::warn!(campaign = %id, error = %e, "LINE refused the narrowcast");
                    state.phase = Some("failed".into());
                    state.failed_description = Some(e.to_string());
                    return finish(ports, &campaign, &mut checkpoint, state).await;
                }
            }
        }
    };
    follow(
        ports,
        line,
        &campaign,
        &channel,
        &request_id,
        checkpoint,
        state,
        config,
    )
    .await
}

/// Takes the channel's narrowcast slot, waiting up to `max_wait`; `Some(time)`
/// when the next slot is further off than that.
async fn admit(
    ports: &Ports,
    channel: &ChannelId,
    config: &NarrowcastConfig,
) -> Result<Option<Timestamp>, BroadcastError> {
    let key = rate_key(channel);
    let started = Instant::now();
    loop {
        match ports
            .rate
            .acquire(&key, config.rate, Timestamp::now())
            .await?
        {
            Admission::Granted => return Ok(None),
            Admission::RetryAt(at) => {
                let wait =
                    Duration::try_from(at.duration_since(Timestamp::now())).unwrap_or_default();
                if started.elapsed() + wait > config.max_wait {
                    return Ok(Some(at));
                }
                tokio::time::sleep(wait + Duration::from_millis(5)).await;
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn follow(
    ports: &Ports,
    line: &dyn Messenger,
    campaign: &Campaign,
    channel: &Channel,
    request_id: &str,
    mut checkpoint: PlannerCheckpoint,
    mut state: NarrowcastState,
    config: &NarrowcastConfig,
) -> Result<NarrowcastOutcome, BroadcastError> {
    let started = Instant::now();
    loop {
        match line.narrowcast_progress(channel, request_id).await {
            Ok(progress) => {
                let seen = apply(&mut state, progress);
                if state.finished() {
                    return finish(ports, campaign, &mut checkpoint, state).await;
                }
                if seen {
                    record(ports, &campaign.id, &mut checkpoint, &state).await?;
                }
            }
            Err(e) => {
                tracing::warn!(campaign = %campaign.id, request_id, error = %e, "narrowcast progress unavailable; will ask again");
            }
        }
        if started.elapsed() + config.poll_every > config.follow_for {
            break;
        }
        tokio::time::sleep(config.poll_every).await;
    }
    Ok(NarrowcastOutcome::Following {
        request_id: request_id.to_owned(),
    })
}

/// Copies LINE's progress into `state`; whether the phase changed.
fn apply(state: &mut NarrowcastState, p: NarrowcastProgress) -> bool {
    let changed = state.phase.as_deref() != Some(p.phase.as_str());
    state.phase = Some(p.phase);
    state.target_count = p.target_count.or(state.target_count);
    state.success_count = p.success_count.or(state.success_count);
    state.failure_count = p.failure_count.or(state.failure_count);
    state.failed_description = p.failed_description.or(state.failed_description.take());
    state.error_code = p.error_code.or(state.error_code);
    changed
}

/// Writes `state` to the checkpoint (a conditional write on its counter). A lost
/// race means another sender wrote the same narrowcast's state: theirs stays.
async fn record(
    ports: &Ports,
    id: &CampaignId,
    checkpoint: &mut PlannerCheckpoint,
    state: &NarrowcastState,
) -> Result<(), BroadcastError> {
    let next = PlannerCheckpoint {
        next_batch: checkpoint.next_batch + 1,
        narrowcast: Some(state.clone()),
        ..checkpoint.clone()
    };
    if ports
        .campaigns
        .advance_checkpoint(id, checkpoint.next_batch, &next)
        .await?
    {
        *checkpoint = next;
    } else {
        *checkpoint = ports.campaigns.checkpoint(id).await?;
    }
    Ok(())
}

/// Records LINE's final answer: progress counts, quota used, the state, and the
/// campaign completed (if it is still running).
async fn finish(
    ports: &Ports,
    campaign: &Campaign,
    checkpoint: &mut PlannerCheckpoint,
    state: NarrowcastState,
) -> Result<NarrowcastOutcome, BroadcastError> {
    let id = &campaign.id;
    let delivered = state.success_count.unwrap_or(0);
    let failed = state.failure_count.unwrap_or(0);
    ports
        .campaigns
        .add_progress(
            id,
            Progress {
                planned: state.target_count.unwrap_or(delivered + failed),
                sent: delivered,
                failed,
                skipped: 0,
                // LINE counts what it delivered against the quota (settled below).
                quota_used: delivered,
            },
        )
        .await?;
    if delivered > 0 {
        // LINE has already sent these: reserve without a limit and settle at once.
        // The hold id makes a repeat find this reservation instead of counting again.
        let now = Timestamp::now();
        let key = QuotaKey {
            channel: campaign.channel_id.clone(),
            month: QuotaMonth::containing(now),
        };
        let hold = Hold {
            id: order_key(id),
            now,
            until: now
                .saturating_add(SignedDuration::from_mins(15))
                .unwrap_or(Timestamp::MAX),
        };
        if let ReserveOutcome::Granted(reservation) = ports
            .quota
            .reserve(&key, delivered, None, None, &hold)
            .await?
        {
            ports.quota.settle(&reservation, delivered).await?;
        }
    }
    record(ports, id, checkpoint, &state).await?;
    ports
        .campaigns
        .transition(
            id,
            CampaignStatus::Running,
            CampaignStatus::Completed,
            Timestamp::now(),
        )
        .await?;
    tracing::info!(campaign = %id, phase = ?state.phase, delivered, failed, "narrowcast finished");
    Ok(NarrowcastOutcome::Finished(state))
}
