//! Campaigns targeted by LINE's own demographics: one narrowcast per campaign,
//! followed until LINE reports it finished.
//!
//! The planner writes one [`NarrowcastOrder`] to the fan-out queue instead of
//! batches; the sender runs it with [`run_order`]:
//!
//! 1. The order is claimed (`narrowcast#<campaign>`), as batches are.
//! 2. If LINE has not accepted it yet (no request id in the campaign's
//!    checkpoint): when otodoke's own filters narrow the campaign too, their
//!    friends are uploaded as a LINE audience group and the run waits for it to
//!    be READY ([`crate::audience_group`]; the order goes back meanwhile); the
//!    quota is reserved (the group's size, or all that is left, capped by what is
//!    left: `reserve_reach`) and recorded; then one slot of the channel's
//!    narrowcast limit is taken (LINE
//!    allows 60 an hour: we take one a minute, shared by every sender through
//!    the [`RateLimiter`](otodoke_core::ports::RateLimiter)) and the narrowcast
//!    is sent with a retry key derived from the campaign. Its request id is kept
//!    in the checkpoint at once.
//! 3. Its progress is read every [`NarrowcastConfig::poll_every`] for up to
//!    [`NarrowcastConfig::follow_for`]; if LINE is still working, the order is put
//!    back in the fan-out queue and the next sender carries on from the request id.
//! 4. When LINE reports `succeeded` or `failed`, the counts go to the campaign's
//!    progress (planned = LINE's target, sent = delivered, failed = failed), the
//!    reservation is settled with the delivered count (idempotent per hold id),
//!    LINE's phase and reason go to the checkpoint, the audience group is
//!    deleted, and the campaign completes.
//!
//! # Once
//! A sender that dies after LINE accepted the narrowcast but before the request id
//! was written leaves no id: the next one sends again with the same retry key,
//! LINE answers 409 naming the request that did the sending, and that id is
//! followed. So a crash and retry sends once. As with batches, a sender killed
//! between adding progress and completing may make the next add it again (never
//! fewer than were sent).

use crate::error::BroadcastError;
use crate::line::{Messenger, NarrowcastTarget, SendFailure};
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
    /// How long the quota reserved before sending is held unless settled: long
    /// enough for LINE to finish a large narrowcast.
    pub reservation_hold: SignedDuration,
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
            reservation_hold: SignedDuration::from_hours(24),
        }
    }
}

/// What a run of a narrowcast order came to.
// One value per order run: its size does not matter, and tests compare the state.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NarrowcastOutcome {
    /// LINE finished it (`succeeded` or `failed`), or refused it; recorded. Ack.
    Finished(NarrowcastState),
    /// LINE is still sending; the order is back in the queue. Ack.
    Following { request_id: String },
    /// The campaign's audience group is still being uploaded or processed by
    /// LINE; the order is back in the queue. Ack.
    Preparing { reason: String },
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
        Ok(NarrowcastOutcome::Following { .. } | NarrowcastOutcome::Preparing { .. }) => {
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
        // A run that died after recording LINE's end: the group may be left.
        crate::audience_group::discard(line, &channel, &state).await;
        return Ok(NarrowcastOutcome::Finished(state));
    }
    let request_id = match state.request_id.clone() {
        Some(request_id) => request_id,
        None => {
            if campaign.status != CampaignStatus::Running {
                if campaign.status == CampaignStatus::Cancelled && state.audience_group_id.is_some()
                {
                    // Cancelled while its audience group was being prepared: nothing
                    // will send to the group, so it goes now rather than lingering
                    // at LINE until it expires. Deleted before the checkpoint
                    // forgets it: a crash in between deletes it again (a 404, logged).
                    crate::audience_group::discard(line, &channel, &state).await;
                    state.audience_group_id = None;
                    record(ports, id, &mut checkpoint, &state).await?;
                }
                return Ok(NarrowcastOutcome::NotRunning(campaign.status));
            }
            let Some(filter) = &campaign.audience.line_demographics else {
                return Err(BroadcastError::Line(format!(
                    "campaign {id} has no demographic filter to narrowcast with"
                )));
            };
            // otodoke's own filters: their friends go to LINE as an audience group.
            let mut reach = None;
            if campaign.audience.has_own_filters() {
                use crate::audience_group::{prepare, GroupStep};
                let step = prepare(
                    ports,
                    line,
                    &campaign,
                    &channel,
                    &mut checkpoint,
                    &mut state,
                    config.follow_for,
                    config.poll_every,
                )
                .await?;
                match step {
                    GroupStep::Ready { count } => reach = Some(count),
                    GroupStep::Continue(reason) => {
                        return Ok(NarrowcastOutcome::Preparing { reason })
                    }
                    GroupStep::Retry(reason) => return Ok(NarrowcastOutcome::Retry { reason }),
                    GroupStep::Empty => {
                        state.phase = Some("succeeded".into());
                        state.target_count = Some(0);
                        state.success_count = Some(0);
                        state.failure_count = Some(0);
                        return finish(ports, line, &campaign, &channel, &mut checkpoint, state)
                            .await;
                    }
                    GroupStep::Failed(reason) => {
                        tracing::warn!(campaign = %id, reason, "the audience group cannot be used");
                        state.phase = Some("failed".into());
                        state.failed_description = Some(reason);
                        return finish(ports, line, &campaign, &channel, &mut checkpoint, state)
                            .await;
                    }
                }
            }
            // The quota is reserved before LINE is asked (see `reserve_reach`).
            if state.reservation.is_none() {
                match reserve_reach(ports, &campaign, &channel, reach, &state, config).await? {
                    Reserved::Held(r) => {
                        state.reservation = Some(r);
                        record(ports, id, &mut checkpoint, &state).await?;
                    }
                    Reserved::Unlimited => {}
                    Reserved::NoneLeft => {
                        return pause(ports, id, "no quota left this month").await;
                    }
                }
            }
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
            let target = NarrowcastTarget {
                filter,
                audience_group: state.audience_group_id,
                // Capped at what was reserved, when the plan has a limit.
                max: channel
                    .plan
                    .monthly_limit()
                    .and(state.reservation.as_ref())
                    .map(|r| r.count),
            };
            let sent = line
                .narrowcast(&channel, target, &messages, retry_key::for_narrowcast(id))
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
                    // Given back; a resumed campaign reserves again under a new hold id.
                    if let Some(r) = state.reservation.take() {
                        ports.quota.settle(&r, 0).await?;
                        state.holds_released += 1;
                        record(ports, id, &mut checkpoint, &state).await?;
                    }
                    return pause(ports, id, "monthly limit reached").await;
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
                    return finish(ports, line, &campaign, &channel, &mut checkpoint, state).await;
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
/// Running → paused, for a reason the log names; the campaign is resumed by hand.
async fn pause(
    ports: &Ports,
    id: &CampaignId,
    why: &str,
) -> Result<NarrowcastOutcome, BroadcastError> {
    ports
        .campaigns
        .transition(
            id,
            CampaignStatus::Running,
            CampaignStatus::Paused,
            Timestamp::now(),
        )
        .await?;
    tracing::warn!(campaign = %id, why, "narrowcast campaign paused");
    Ok(NarrowcastOutcome::Paused)
}

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
                    return finish(ports, line, campaign, channel, &mut checkpoint, state).await;
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

/// What [`reserve_reach`] took.
enum Reserved {
    /// Quota held for the narrowcast (its count is the narrowcast's cap).
    Held(otodoke_core::quota::Reservation),
    /// The plan has no limit and the reach is unknown: counted when LINE reports.
    Unlimited,
    /// Nothing is left this month.
    NoneLeft,
}

/// Reserves the narrowcast's quota before it is sent: its reach (the audience
/// group's size when there is one) capped by what the month has left, or all
/// that is left when the reach is unknown (LINE's demographic reach is known only
/// after sending). The narrowcast is then sent with that count as `limit.max` and
/// `upToRemainingQuota`, so LINE never sends more than was reserved, and the
/// reservation is settled with LINE's delivered count when it finishes, freeing
/// the rest. The hold id is per campaign (and per reservation given back), so a
/// rerun finds the reservation instead of taking another.
async fn reserve_reach(
    ports: &Ports,
    campaign: &Campaign,
    channel: &Channel,
    reach: Option<u64>,
    state: &NarrowcastState,
    config: &NarrowcastConfig,
) -> Result<Reserved, BroadcastError> {
    let now = Timestamp::now();
    let key = QuotaKey {
        channel: campaign.channel_id.clone(),
        month: QuotaMonth::containing(now),
    };
    let limit = channel.plan.monthly_limit();
    let hold = Hold::new(
        format!("{}#{}", order_key(&campaign.id), state.holds_released),
        now,
        config.reservation_hold,
    );
    let mut want = match (limit, reach) {
        (None, None) => return Ok(Reserved::Unlimited),
        (None, Some(reach)) => reach,
        (Some(_), reach) => {
            let counter = ports.quota.counter(&key).await?;
            let left = otodoke_core::quota::QuotaCounter { limit, ..counter }.available();
            reach.map_or(left, |r| r.min(left))
        }
    };
    // Another send may reserve between the read and ours: take what is left then.
    for _ in 0..3 {
        if want == 0 {
            return Ok(Reserved::NoneLeft);
        }
        match ports.quota.reserve(&key, want, limit, None, &hold).await? {
            ReserveOutcome::Granted(r) => return Ok(Reserved::Held(r)),
            ReserveOutcome::Refused { available } => want = want.min(available),
        }
    }
    Ok(Reserved::NoneLeft)
}

/// Writes `state` to the checkpoint (a conditional write on its counter). A lost
/// race means another sender wrote the same narrowcast's state: theirs stays.
pub(crate) async fn record(
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
    line: &dyn Messenger,
    campaign: &Campaign,
    channel: &Channel,
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
    if let Some(reservation) = &state.reservation {
        // Idempotent per reservation: a rerun after a crash settles nothing more.
        ports.quota.settle(reservation, delivered).await?;
    } else if delivered > 0 {
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
    crate::audience_group::discard(line, channel, &state).await;
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
