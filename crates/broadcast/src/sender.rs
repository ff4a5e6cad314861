//! The sender: one fan-out batch, sent at most once, under the channel's shared
//! rate limit and monthly quota.
//!
//! # Exactly once
//! - The batch is claimed in the idempotency store (`fanout#<campaign>#<batch>`) for
//!   a lease no shorter than the sender's Lambda timeout and no longer than the
//!   queue's visibility timeout: a redelivered copy finds it `AlreadyDone` (acked,
//!   nothing sent) or `InProgress` (left for later), never a lapsed claim of a batch
//!   still being sent.
//! - The multicast carries a retry key derived from (campaign, batch): a copy whose
//!   first holder died after LINE accepted it gets 409 from LINE, counted as sent.
//! - The quota reservation's id is the batch key too: a copy finds the first
//!   holder's reservation (open, or settled, in which case its settle after the
//!   409 counts nothing again), and a holder killed before settling leaves a
//!   reservation that returns to the pool after [`SenderConfig::reservation_hold`].
//! - Progress is added before the batch is marked done: a sender killed between the
//!   two makes the copy count the batch twice (`sent` may exceed `planned`, never
//!   fall short of it, so the campaign still completes).
//!
//! # Limits
//! Every attempt first takes a slot from the shared [`RateLimiter`] window of the
//! channel (key `multicast#<channel>`), so all senders together stay under LINE's
//! 200 requests/s. Quota is reserved before sending and settled after; a refusal
//! or LINE's monthly-limit 429 pauses the campaign, and the batches of a paused
//! campaign are parked in the campaign store (acked) until it resumes.
//!
//! [`RateLimiter`]: otodoke_core::ports::RateLimiter

use crate::error::BroadcastError;
use crate::line::{Messenger, SendFailure};
use crate::planner::complete_if_finished;
use crate::ports::Ports;
use crate::retry_key;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::campaign::{CampaignStatus, FanoutBatch, Progress};
use otodoke_core::friend::FriendKey;
use otodoke_core::link::LinkSource;
use otodoke_core::ports::Claim;
use otodoke_core::quota::{Hold, QuotaKey, QuotaMonth, Reservation, ReserveOutcome};
use otodoke_core::rate::{Admission, RateLimit};
use otodoke_core::{ChannelId, LineUserId};
use rand::Rng;
use std::time::Duration;

/// How the sender behaves.
#[derive(Debug, Clone, Copy)]
pub struct SenderConfig {
    /// The shared multicast rate per channel (LINE: 200/s).
    pub rate: RateLimit,
    /// The shared rate of per-recipient push rounds per channel, each of
    /// [`PUSH_ROUND`] pushes (LINE: 2,000 pushes/s, shared with the responder's
    /// pushes: the default takes half of it).
    pub push_rounds: RateLimit,
    /// Attempts per batch for transient failures and rate-limit 429s, all with the
    /// same retry key, before the batch is left to the queue (and, after the
    /// queue's max receive count, to the dead-letter queue).
    pub max_attempts: u32,
    /// First backoff after a transient failure (doubles, full jitter).
    pub backoff: Duration,
    /// How long a claim on a batch lasts. At least the sender's Lambda timeout (so
    /// that a duplicate SQS delivery never takes over a batch still being sent) and
    /// at most the fan-out queue's visibility timeout.
    pub claim_lease: SignedDuration,
    /// How long "batch done" marks are kept (LINE's retry keys hold 24 h).
    pub keep_done: SignedDuration,
    /// How long a batch's quota reservation holds unless settled: a sender killed
    /// in between gives it back to the pool after this. Keep it above the longest
    /// a batch can take (the Lambda timeout).
    pub reservation_hold: SignedDuration,
    /// How narrowcast orders (campaigns targeted by LINE's demographics) are run.
    pub narrowcast: crate::narrowcast::NarrowcastConfig,
}

impl Default for SenderConfig {
    fn default() -> Self {
        Self {
            rate: RateLimit::per_second(200, 50),
            push_rounds: RateLimit::per_second(1_000 / PUSH_ROUND as u32, 50),
            max_attempts: 6,
            backoff: Duration::from_millis(100),
            // The template's sender Timeout is 60 s, the queue's visibility 360 s.
            claim_lease: SignedDuration::from_secs(90),
            keep_done: SignedDuration::from_hours(24 * 35),
            reservation_hold: SignedDuration::from_mins(15),
            narrowcast: crate::narrowcast::NarrowcastConfig::default(),
        }
    }
}

/// What became of a batch, and whether its queue message should be acked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchOutcome {
    /// LINE took it (now or earlier, 409). Ack.
    Sent { recipients: u64, already: bool },
    /// Done before (a redelivered copy). Ack.
    AlreadyDone,
    /// The campaign was cancelled (or is over): counted as skipped. Ack.
    Skipped { recipients: u64 },
    /// LINE rejected the request itself: counted as failed. Ack.
    Failed { recipients: u64, reason: String },
    /// Another sender holds the batch now, or LINE kept failing: do not ack; the
    /// queue brings it back after the visibility timeout.
    Retry { reason: String },
    /// The campaign is paused (monthly limit): the batch is parked in the campaign
    /// store (not left to the queue, whose dead-letter queue would drop it after 14
    /// days) and acked; resuming the campaign puts it back in the fan-out queue.
    Paused,
}

impl BatchOutcome {
    /// Whether the queue message should be deleted.
    pub fn ack(&self) -> bool {
        !matches!(self, BatchOutcome::Retry { .. })
    }
}

/// Pushes sent together under one admission of the channel's push window, when a
/// campaign's tracked links make every recipient's messages their own.
pub const PUSH_ROUND: usize = 10;

fn batch_key(batch: &FanoutBatch) -> String {
    format!("fanout#{}#{}", batch.campaign_id, batch.batch_no)
}

/// The rate-limiter key of a channel's multicasts.
pub fn rate_key(channel: &ChannelId) -> String {
    format!("multicast#{channel}")
}

/// The rate-limiter key of a channel's per-recipient push rounds.
pub fn push_rate_key(channel: &ChannelId) -> String {
    format!("push#{channel}")
}

/// Waits for a slot in the channel's shared multicast window.
async fn admit(ports: &Ports, key: &str, limit: RateLimit) -> Result<(), BroadcastError> {
    loop {
        match ports.rate.acquire(key, limit, Timestamp::now()).await? {
            Admission::Granted => return Ok(()),
            Admission::RetryAt(at) => {
                let wait = at.duration_since(Timestamp::now());
                if wait.is_positive() {
                    // A little jitter so that waiting senders do not stampede.
                    let jitter = rand::rng().random_range(0..2_000u64);
                    let wait = Duration::try_from(wait).unwrap_or_default()
                        + Duration::from_micros(jitter);
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }
}

/// Sends one batch. See the module docs for the guarantees.
///
/// Cost: about 6 storage calls (claim, campaign, channel, reserve, settle, progress,
/// done, completion check) and one LINE request per attempt. Fails (leave the
/// message unacked) on storage errors; LINE failures are outcomes.
pub async fn send_batch(
    ports: &Ports,
    line: &dyn Messenger,
    batch: &FanoutBatch,
    config: &SenderConfig,
) -> Result<BatchOutcome, BroadcastError> {
    let key = batch_key(batch);
    let now = Timestamp::now();
    match ports
        .idempotency
        .claim(&key, now, config.claim_lease)
        .await?
    {
        Claim::Claimed => {}
        Claim::AlreadyDone => return Ok(BatchOutcome::AlreadyDone),
        Claim::InProgress => {
            return Ok(BatchOutcome::Retry {
                reason: "another sender holds this batch".into(),
            })
        }
    }
    // A batch paused half-way (per-recipient pushes) parks only the recipients
    // not reached yet.
    let mut rest = None;
    match send_claimed(ports, line, batch, config, &mut rest).await {
        Ok(BatchOutcome::Paused) => {
            let parked = park(ports, rest.as_ref().unwrap_or(batch)).await;
            // Not done: the batch is sent when the campaign resumes.
            ports.idempotency.abandon(&key).await?;
            parked
        }
        Ok(outcome) => {
            if outcome.ack() {
                ports
                    .idempotency
                    .complete(&key, Timestamp::now(), config.keep_done)
                    .await?;
            } else {
                ports.idempotency.abandon(&key).await?;
            }
            Ok(outcome)
        }
        Err(e) => {
            // Let the redelivered copy claim at once; if this fails too the lease
            // runs out on its own.
            let _ = ports.idempotency.abandon(&key).await;
            Err(e)
        }
    }
}

async fn send_claimed(
    ports: &Ports,
    line: &dyn Messenger,
    batch: &FanoutBatch,
    config: &SenderConfig,
    rest: &mut Option<FanoutBatch>,
) -> Result<BatchOutcome, BroadcastError> {
    let id = &batch.campaign_id;
    let n = batch.recipients.len() as u64;
    let campaign = ports
        .campaigns
        .campaign(id)
        .await?
        .ok_or_else(|| BroadcastError::CampaignNotFound(id.clone()))?;
    match campaign.status {
        CampaignStatus::Running => {}
        CampaignStatus::Paused => return Ok(BatchOutcome::Paused),
        CampaignStatus::Cancelled | CampaignStatus::Completed => {
            ports
                .campaigns
                .add_progress(
                    id,
                    Progress {
                        skipped: n,
                        ..Progress::default()
                    },
                )
                .await?;
            tracing::info!(campaign = %id, batch = batch.batch_no, status = ?campaign.status, "batch skipped");
            return Ok(BatchOutcome::Skipped { recipients: n });
        }
        CampaignStatus::Draft | CampaignStatus::Scheduled => {
            return Ok(BatchOutcome::Retry {
                reason: format!("campaign is {:?}, not running", campaign.status),
            })
        }
    }
    let channel = ports
        .orgs
        .channel(&batch.channel_id)
        .await?
        .ok_or_else(|| BroadcastError::ChannelNotFound(batch.channel_id.clone()))?;
    let quota_key = QuotaKey {
        channel: channel.id.clone(),
        month: QuotaMonth::containing(Timestamp::now()),
    };
    // Tracked links name the friend, so each recipient gets their own push.
    let links = ports.links.as_ref().filter(|_| campaign.track_links);
    // A batch parked half-way comes back with fewer recipients: its own
    // reservation, not the settled one of the part that went out.
    let hold_id = match links {
        Some(_) => format!("{}#{n}", batch_key(batch)),
        None => batch_key(batch),
    };
    let reservation = match ports
        .quota
        .reserve(
            &quota_key,
            n,
            channel.plan.monthly_limit(),
            None,
            &Hold::new(hold_id, Timestamp::now(), config.reservation_hold),
        )
        .await?
    {
        ReserveOutcome::Granted(r) => r,
        ReserveOutcome::Refused { available } => {
            pause(ports, batch, available, "quota counter").await?;
            return Ok(BatchOutcome::Paused);
        }
    };
    let retry_key = retry_key::for_batch(id, batch.batch_no);
    let limiter_key = rate_key(&channel.id);
    let messages = crate::outgoing::with_sender(&campaign.messages, campaign.sender.as_ref());
    let unit = crate::insight::watch_unit(ports, &campaign, None).await?;
    if let Some(links) = links {
        let each = EachFriend {
            links,
            campaign: &campaign,
            channel: &channel,
            messages: &messages,
            unit: unit.as_ref(),
        };
        return push_each(ports, line, batch, &each, &reservation, config, rest).await;
    }
    let mut attempt = 0;
    loop {
        attempt += 1;
        if let Err(e) = admit(ports, &limiter_key, config.rate).await {
            settle(ports, &reservation, 0).await;
            return Err(e);
        }
        match line
            .multicast(
                &channel,
                &batch.recipients,
                &messages,
                retry_key,
                unit.as_ref(),
            )
            .await
        {
            Ok(accepted) => {
                settle(ports, &reservation, n).await;
                ports
                    .campaigns
                    .add_progress(
                        id,
                        Progress {
                            sent: n,
                            quota_used: n,
                            ..Progress::default()
                        },
                    )
                    .await?;
                tracing::debug!(campaign = %id, batch = batch.batch_no, request_id = ?accepted.request_id, already = accepted.already, "batch sent");
                complete_if_finished(ports, id, Timestamp::now()).await?;
                return Ok(BatchOutcome::Sent {
                    recipients: n,
                    already: accepted.already,
                });
            }
            Err(SendFailure::MonthlyLimit) => {
                settle(ports, &reservation, 0).await;
                pause(ports, batch, 0, "LINE 429 monthly limit").await?;
                return Ok(BatchOutcome::Paused);
            }
            Err(SendFailure::Rejected(reason)) => {
                settle(ports, &reservation, 0).await;
                ports
                    .campaigns
                    .add_progress(
                        id,
                        Progress {
                            failed: n,
                            ..Progress::default()
                        },
                    )
                    .await?;
                tracing::error!(campaign = %id, batch = batch.batch_no, %reason, "LINE rejected a batch");
                complete_if_finished(ports, id, Timestamp::now()).await?;
                return Ok(BatchOutcome::Failed {
                    recipients: n,
                    reason,
                });
            }
            Err(SendFailure::Unusable(reason)) => {
                settle(ports, &reservation, 0).await;
                tracing::error!(campaign = %id, channel = %channel.id, %reason, "channel cannot send; batch left to the queue");
                return Ok(BatchOutcome::Retry { reason });
            }
            Err(e @ (SendFailure::RateLimited | SendFailure::Transient(_))) => {
                if attempt >= config.max_attempts {
                    // The send may have happened (dropped connection): the copy
                    // redelivered later re-reserves and gets 409 if it did.
                    settle(ports, &reservation, 0).await;
                    tracing::warn!(campaign = %id, batch = batch.batch_no, error = %e, attempt, "giving the batch back to the queue");
                    return Ok(BatchOutcome::Retry {
                        reason: e.to_string(),
                    });
                }
                tracing::debug!(campaign = %id, batch = batch.batch_no, error = %e, attempt, "retrying with the same key");
                let ceiling = config.backoff.saturating_mul(1 << (attempt - 1).min(6));
                let nanos = ceiling.as_nanos().min(u128::from(u64::MAX)) as u64;
                let delay = Duration::from_nanos(rand::rng().random_range(0..=nanos));
                tokio::time::sleep(delay).await;
            }
        }
    }
}

/// What sending a batch recipient by recipient needs.
struct EachFriend<'a> {
    links: &'a otodoke_core::link::LinkTracking,
    campaign: &'a otodoke_core::campaign::Campaign,
    channel: &'a otodoke_core::organization::Channel,
    /// The campaign's messages as written (sender applied).
    messages: &'a [serde_json::Value],
    unit: Option<&'a otodoke_line::client::insight::AggregationUnit>,
}

impl EachFriend<'_> {
    /// `user`'s copy of the messages: every URL names them.
    fn messages_for(&self, user: &LineUserId, now: Timestamp) -> Vec<serde_json::Value> {
        let org = &self.campaign.org_id;
        let friend = FriendKey {
            org: org.clone(),
            provider: self.channel.provider.clone(),
            user_id: user.clone(),
        };
        let source = source_of(self.campaign);
        let mut messages = self.messages.to_vec();
        // Registered once per batch already (a link is the same for everyone).
        let _ = otodoke_core::link::track(
            &mut messages,
            &self.links.tracking(org, &source, Some(&friend), now),
        );
        messages
    }
}

fn source_of(campaign: &otodoke_core::campaign::Campaign) -> LinkSource {
    LinkSource::Campaign {
        campaign: campaign.id.clone(),
    }
}

/// Sends a batch of a campaign with tracked links: one push per recipient, with
/// URLs that name them, in rounds of [`PUSH_ROUND`] admitted by the channel's push
/// window.
///
/// - Retry keys are per (campaign, batch, recipient), so every repeat of a push
///   is a 409 (counted as sent: it went out, under a holder that did not finish).
/// - A recipient LINE refuses counts as failed; the others go on.
/// - Transient failures are retried, recipient by recipient, up to
///   `max_attempts` rounds; after that (or if the channel cannot send) the batch
///   is given back to the queue with nothing counted and its reservation left
///   open: the copy finds it, repeats every push (409s for those done) and
///   settles the whole batch.
/// - LINE's monthly limit stops the batch: what went out is counted and settled,
///   the campaign paused, and only the recipients not reached are parked.
async fn push_each(
    ports: &Ports,
    line: &dyn Messenger,
    batch: &FanoutBatch,
    each: &EachFriend<'_>,
    reservation: &Reservation,
    config: &SenderConfig,
    rest: &mut Option<FanoutBatch>,
) -> Result<BatchOutcome, BroadcastError> {
    let id = &batch.campaign_id;
    let now = Timestamp::now();
    let source = source_of(each.campaign);
    let mut probe = each.messages.to_vec();
    let tracking = each
        .links
        .tracking(&each.campaign.org_id, &source, None, now);
    for link in otodoke_core::link::track(&mut probe, &tracking) {
        each.links.links.register(&link).await?;
    }
    let limiter_key = push_rate_key(&each.channel.id);
    let (mut sent, mut failed, mut already) = (0u64, 0u64, false);
    let mut pending = batch.recipients.clone();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut again: Vec<LineUserId> = Vec::new();
        let mut stopped: Option<SendFailure> = None;
        let mut rounds = pending.chunks(PUSH_ROUND);
        for round in rounds.by_ref() {
            admit(ports, &limiter_key, config.push_rounds).await?;
            let pushes = round.iter().map(|user| async move {
                let messages = each.messages_for(user, now);
                let key = retry_key::for_recipient(id, batch.batch_no, user);
                let pushed =
                    crate::line::push_in_unit(line, each.channel, user, &messages, key, each.unit)
                        .await;
                (user, pushed)
            });
            for (user, pushed) in futures::future::join_all(pushes).await {
                match pushed {
                    Ok(accepted) => {
                        sent += 1;
                        already |= accepted.already;
                    }
                    Err(SendFailure::Rejected(reason)) => {
                        failed += 1;
                        tracing::warn!(campaign = %id, batch = batch.batch_no, %reason, "LINE rejected one recipient's push");
                    }
                    Err(SendFailure::RateLimited | SendFailure::Transient(_)) => {
                        again.push(user.clone())
                    }
                    Err(e @ (SendFailure::MonthlyLimit | SendFailure::Unusable(_))) => {
                        again.push(user.clone());
                        stopped = Some(e);
                    }
                }
            }
            if stopped.is_some() {
                break;
            }
        }
        again.extend(rounds.flatten().cloned());
        match stopped {
            Some(SendFailure::MonthlyLimit) => {
                settle(ports, reservation, sent).await;
                add_counts(ports, id, sent, failed).await?;
                pause(ports, batch, 0, "LINE 429 monthly limit").await?;
                *rest = Some(FanoutBatch {
                    recipients: again,
                    ..batch.clone()
                });
                return Ok(BatchOutcome::Paused);
            }
            Some(e) => {
                tracing::error!(campaign = %id, channel = %each.channel.id, error = %e, "channel cannot send; batch left to the queue");
                return Ok(BatchOutcome::Retry {
                    reason: e.to_string(),
                });
            }
            None => {}
        }
        if again.is_empty() {
            break;
        }
        if attempt >= config.max_attempts {
            tracing::warn!(campaign = %id, batch = batch.batch_no, left = again.len(), attempt, "giving the batch back to the queue");
            return Ok(BatchOutcome::Retry {
                reason: format!("{} pushes kept failing", again.len()),
            });
        }
        let ceiling = config.backoff.saturating_mul(1 << (attempt - 1).min(6));
        let nanos = ceiling.as_nanos().min(u128::from(u64::MAX)) as u64;
        let delay = Duration::from_nanos(rand::rng().random_range(0..=nanos));
        tokio::time::sleep(delay).await;
        pending = again;
    }
    settle(ports, reservation, sent).await;
    add_counts(ports, id, sent, failed).await?;
    tracing::debug!(campaign = %id, batch = batch.batch_no, sent, failed, already, "batch pushed");
    complete_if_finished(ports, id, Timestamp::now()).await?;
    Ok(if sent == 0 && failed > 0 {
        BatchOutcome::Failed {
            recipients: failed,
            reason: "LINE rejected every recipient's push".into(),
        }
    } else {
        BatchOutcome::Sent {
            recipients: sent,
            already,
        }
    })
}

/// Adds what a batch did to the campaign's progress.
async fn add_counts(
    ports: &Ports,
    id: &otodoke_core::CampaignId,
    sent: u64,
    failed: u64,
) -> Result<(), BroadcastError> {
    ports
        .campaigns
        .add_progress(
            id,
            Progress {
                sent,
                quota_used: sent,
                failed,
                ..Progress::default()
            },
        )
        .await?;
    Ok(())
}

/// Settles a reservation; a failure only leaves messages reserved (blocking, never
/// overspending), so it is logged rather than failing a batch that went out.
async fn settle(ports: &Ports, reservation: &Reservation, sent: u64) {
    if let Err(e) = ports.quota.settle(reservation, sent).await {
        tracing::error!(error = %e, sent, "quota settle failed; the reservation stays held");
    }
}

/// Parks the batch of a paused campaign in the campaign store. If the campaign was
/// resumed meanwhile (its planner may already have moved the parked batches back),
/// the batch is taken out again and left to the queue instead.
async fn park(ports: &Ports, batch: &FanoutBatch) -> Result<BatchOutcome, BroadcastError> {
    ports.campaigns.park(batch).await?;
    let status = ports
        .campaigns
        .campaign(&batch.campaign_id)
        .await?
        .map(|c| c.status);
    if status == Some(CampaignStatus::Running) {
        ports
            .campaigns
            .unpark(&batch.campaign_id, batch.batch_no)
            .await?;
        return Ok(BatchOutcome::Retry {
            reason: "the campaign resumed while its batch was being parked".into(),
        });
    }
    tracing::info!(campaign = %batch.campaign_id, batch = batch.batch_no, "batch parked until the campaign resumes");
    Ok(BatchOutcome::Paused)
}

/// Pauses the campaign (Running -> Paused) and raises the alert.
async fn pause(
    ports: &Ports,
    batch: &FanoutBatch,
    available: u64,
    why: &str,
) -> Result<(), BroadcastError> {
    let paused = ports
        .campaigns
        .transition(
            &batch.campaign_id,
            CampaignStatus::Running,
            CampaignStatus::Paused,
            Timestamp::now(),
        )
        .await?;
    if paused {
        // The alert: an ERROR log with a fixed `alert` field a metric filter counts.
        tracing::error!(
            alert = "campaign_paused_monthly_limit",
            campaign = %batch.campaign_id,
            channel = %batch.channel_id,
            batch = batch.batch_no,
            available,
            why,
            "campaign paused: monthly message limit reached"
        );
    }
    Ok(())
}

/// A sender loop for the local stack and benchmarks (in AWS, Lambda's SQS event
/// source does this): receives up to 10 batches, sends them concurrently, acks
/// those whose outcome says so, until `stop` is set. Errors leave the message to
/// the queue and are logged.
pub async fn work(
    ports: &Ports,
    line: &dyn Messenger,
    queue: &dyn otodoke_core::ports::QueueReceiver,
    config: &SenderConfig,
    stop: &std::sync::atomic::AtomicBool,
) -> Result<(), BroadcastError> {
    use std::sync::atomic::Ordering;
    while !stop.load(Ordering::Relaxed) {
        let got = queue.receive(10, Duration::from_millis(100)).await?;
        let handled = got.into_iter().map(|m| async move {
            let batch: FanoutBatch = match serde_json::from_str(&m.body) {
                Ok(b) => b,
                Err(e) => {
                    tracing::error!(error = %e, "malformed fan-out message left to the DLQ");
                    return Ok(());
                }
            };
            match send_batch(ports, line, &batch, config).await {
                Ok(outcome) if outcome.ack() => queue.ack(&m.receipt).await,
                Ok(_) => Ok(()),
                Err(e) => {
                    tracing::warn!(campaign = %batch.campaign_id, batch = batch.batch_no, error = %e, "batch left to the queue");
                    Ok(())
                }
            }
        });
        for r in futures::future::join_all(handled).await {
            r?;
        }
    }
    Ok(())
}

/// What the fan-out queue carries: a batch to multicast, or the order to send
/// and follow a narrowcast campaign ([`crate::narrowcast`]), told apart by their
/// fields.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum FanoutWork {
    Narrowcast(crate::narrowcast::NarrowcastOrder),
    Batch(FanoutBatch),
}

/// Handles one fan-out queue message body, whichever kind it is; answers whether
/// the message should be acked. Fails on a malformed body and on storage errors.
pub async fn handle_fanout(
    ports: &Ports,
    line: &dyn Messenger,
    body: &str,
    config: &SenderConfig,
) -> Result<bool, BroadcastError> {
    match serde_json::from_str(body)? {
        FanoutWork::Batch(batch) => {
            let outcome = send_batch(ports, line, &batch, config).await?;
            tracing::info!(campaign = %batch.campaign_id, batch = batch.batch_no, ?outcome, "batch handled");
            Ok(outcome.ack())
        }
        FanoutWork::Narrowcast(order) => {
            let outcome =
                crate::narrowcast::run_order(ports, line, &order, &config.narrowcast).await?;
            tracing::info!(campaign = %order.narrowcast, ?outcome, "narrowcast order handled");
            Ok(outcome.ack())
        }
    }
}
