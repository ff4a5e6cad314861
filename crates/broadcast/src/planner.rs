//! The planner: streams a running campaign's audience, cuts it into fan-out
//! batches of at most 500 recipients and writes them to the fan-out queue, with a
//! checkpoint after each batch.
//!
//! # Why a resumed planner never duplicates a batch
//! Batch N is written first, then the checkpoint is advanced from N to N+1 with a
//! conditional write. A planner that dies in between resumes from the checkpoint
//! before N and rebuilds batch N from the same position — the same recipients
//! (barring friends who changed meanwhile) under the same number, hence the same
//! retry key; the sender's per-batch idempotency mark and LINE's retry key make the
//! second copy harmless. A batch always ends at a page boundary (pages are asked
//! for no more friends than the batch has room for), so the checkpoint's cursor is
//! exactly where the next batch starts.
//!
//! # Counting
//! The checkpoint's cursor also carries the exact number of recipients planned so
//! far ([`ScanPosition::planned`]). `progress.planned` is added after each
//! checkpoint advance and topped up to the exact total before the final checkpoint
//! (`done`), so a crash between advance and add never leaves it short.

use crate::audience::{AudienceScan, ScanPosition};
use crate::error::BroadcastError;
use crate::narrowcast::NarrowcastOrder;
use crate::ports::Ports;
use jiff::Timestamp;
use otodoke_core::campaign::{CampaignStatus, FanoutBatch, PlannerCheckpoint, Progress};
use otodoke_core::ports::QueueMessage;
use otodoke_core::CampaignId;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// LINE's most recipients per multicast.
pub const MAX_BATCH: usize = 500;

/// The planning queue's message: plan this campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanningRequest {
    pub campaign_id: CampaignId,
}

/// How the planner runs.
#[derive(Debug, Clone, Copy)]
pub struct PlannerConfig {
    /// Recipients per batch (at most [`MAX_BATCH`]).
    pub batch_size: usize,
    /// Stop after this long (leaving time before a Lambda timeout) and answer
    /// [`PlanOutcome::Yielded`]; the caller enqueues the campaign again.
    pub time_budget: Option<Duration>,
}

impl Default for PlannerConfig {
    fn default() -> Self {
        Self {
            batch_size: MAX_BATCH,
            time_budget: None,
        }
    }
}

/// How a planning run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanOutcome {
    /// Every batch is written; `planned` recipients in `batches` batches.
    Done { planned: u64, batches: u32 },
    /// The time budget ran out; plan again to continue from the checkpoint.
    Yielded { planned_so_far: u64 },
    /// Another planner advanced the checkpoint first; it carries on.
    Superseded,
    /// The campaign is not running (cancelled, paused, not started): nothing written.
    NotRunning(CampaignStatus),
}

/// Plans campaign `id` from its checkpoint on.
///
/// Cost: reads the audience once, page by page (one page in memory), and writes
/// one queue message and one checkpoint per batch; about 1–2 µs per friend over the
/// embedded adapters. Fails on storage or queue errors, leaving the checkpoint at
/// the last batch written.
pub async fn plan(
    ports: &Ports,
    id: &CampaignId,
    now: Timestamp,
    config: PlannerConfig,
) -> Result<PlanOutcome, BroadcastError> {
    let started = Instant::now();
    let batch_size = config.batch_size.clamp(1, MAX_BATCH);
    let campaign = ports
        .campaigns
        .campaign(id)
        .await?
        .ok_or_else(|| BroadcastError::CampaignNotFound(id.clone()))?;
    if campaign.status != CampaignStatus::Running {
        return Ok(PlanOutcome::NotRunning(campaign.status));
    }
    if campaign.audience.line_demographics.is_some() {
        return plan_narrowcast(ports, id).await;
    }
    requeue_parked(ports, id).await?;
    let mut checkpoint = ports.campaigns.checkpoint(id).await?;
    let mut at = ScanPosition::from_cursor(checkpoint.cursor.as_ref())?;
    if checkpoint.done {
        complete_if_finished(ports, id, now).await?;
        return Ok(PlanOutcome::Done {
            planned: at.planned,
            batches: checkpoint.next_batch,
        });
    }
    let scan = AudienceScan::new(&campaign, ports.orgs.as_ref(), now).await?;
    let mut recipients = Vec::with_capacity(batch_size);
    let mut pending = at.clone();
    loop {
        let room = (batch_size - recipients.len()) as u32;
        let page = scan.page(ports.friends.as_ref(), &pending, room).await?;
        recipients.extend(page.matched.into_iter().map(|f| f.key.user_id));
        pending = page.next;
        let full = recipients.len() >= batch_size;
        if !(full || pending.exhausted) {
            continue;
        }
        if !recipients.is_empty() {
            let n = recipients.len() as u64;
            let batch = FanoutBatch {
                campaign_id: id.clone(),
                channel_id: campaign.channel_id.clone(),
                batch_no: checkpoint.next_batch,
                recipients: std::mem::take(&mut recipients),
            };
            ports.fanout.send(&[fanout_message(&batch)?]).await?;
            pending.planned = at.planned + n;
            let next = PlannerCheckpoint {
                cursor: Some(pending.to_cursor()),
                next_batch: checkpoint.next_batch + 1,
                done: false,
                narrowcast: None,
            };
            if !ports
                .campaigns
                .advance_checkpoint(id, checkpoint.next_batch, &next)
                .await?
            {
                return Ok(PlanOutcome::Superseded);
            }
            ports
                .campaigns
                .add_progress(
                    id,
                    Progress {
                        planned: n,
                        ..Progress::default()
                    },
                )
                .await?;
            checkpoint = next;
            at = pending.clone();
        } else {
            // Nothing to write: move on without a checkpoint (we are at the end).
            at = ScanPosition {
                planned: at.planned,
                ..pending.clone()
            };
        }
        if pending.exhausted {
            break;
        }
        if config
            .time_budget
            .is_some_and(|budget| started.elapsed() >= budget)
        {
            return Ok(PlanOutcome::Yielded {
                planned_so_far: at.planned,
            });
        }
    }
    // Top `progress.planned` up to the exact total before declaring planning done.
    let current = ports
        .campaigns
        .campaign(id)
        .await?
        .map_or(0, |c| c.progress.planned);
    if at.planned > current {
        ports
            .campaigns
            .add_progress(
                id,
                Progress {
                    planned: at.planned - current,
                    ..Progress::default()
                },
            )
            .await?;
    }
    let done = PlannerCheckpoint {
        cursor: Some(at.to_cursor()),
        next_batch: checkpoint.next_batch,
        done: true,
        narrowcast: None,
    };
    if !ports
        .campaigns
        .advance_checkpoint(id, checkpoint.next_batch, &done)
        .await?
    {
        return Ok(PlanOutcome::Superseded);
    }
    tracing::info!(campaign = %id, planned = at.planned, batches = checkpoint.next_batch, "campaign planned");
    complete_if_finished(ports, id, now).await?;
    Ok(PlanOutcome::Done {
        planned: at.planned,
        batches: checkpoint.next_batch,
    })
}

/// A campaign targeted by LINE's demographics has no batches: one order asks the
/// sender to narrowcast it (see [`crate::narrowcast`]). The order is written
/// whenever LINE has not finished it, so a resumed campaign (paused by the monthly
/// limit before LINE accepted it) is sent; a copy too many finds the order claimed
/// or done, or the narrowcast already accepted (its retry key and request id).
async fn plan_narrowcast(ports: &Ports, id: &CampaignId) -> Result<PlanOutcome, BroadcastError> {
    let checkpoint = ports.campaigns.checkpoint(id).await?;
    let finished = checkpoint.narrowcast.as_ref().is_some_and(|n| n.finished());
    if !finished {
        let order = NarrowcastOrder {
            narrowcast: id.clone(),
        };
        ports.fanout.send(&[order.message()?]).await?;
    }
    if !checkpoint.done {
        let done = PlannerCheckpoint {
            next_batch: checkpoint.next_batch + 1,
            done: true,
            ..checkpoint.clone()
        };
        if !ports
            .campaigns
            .advance_checkpoint(id, checkpoint.next_batch, &done)
            .await?
        {
            return Ok(PlanOutcome::Superseded);
        }
    }
    tracing::info!(campaign = %id, "narrowcast campaign handed to the sender");
    Ok(PlanOutcome::Done {
        planned: 0,
        batches: 1,
    })
}

/// The fan-out queue's message carrying `batch`.
fn fanout_message(batch: &FanoutBatch) -> Result<QueueMessage, BroadcastError> {
    Ok(QueueMessage {
        body: serde_json::to_string(batch)?,
        group_id: None,
        dedup_id: Some(format!("{}#{}", batch.campaign_id, batch.batch_no)),
    })
}

/// Puts the batches the sender parked while the campaign was paused back into the
/// fan-out queue (a resumed campaign is planned again, which lands here). Each is
/// enqueued before it is unparked, so a crash in between enqueues it twice at worst
/// (the sender's batch mark and LINE's retry key drop the copy), never loses it.
/// Returns how many were requeued. Cost: one query and one delete per batch.
pub async fn requeue_parked(ports: &Ports, id: &CampaignId) -> Result<u32, BroadcastError> {
    let mut requeued = 0;
    loop {
        let parked = ports.campaigns.parked(id, 100).await?;
        if parked.is_empty() {
            break;
        }
        let messages = parked
            .iter()
            .map(fanout_message)
            .collect::<Result<Vec<_>, _>>()?;
        ports.fanout.send(&messages).await?;
        for batch in &parked {
            ports.campaigns.unpark(id, batch.batch_no).await?;
        }
        requeued += parked.len() as u32;
    }
    if requeued > 0 {
        tracing::info!(campaign = %id, requeued, "parked batches back in the fan-out queue");
    }
    Ok(requeued)
}

/// Marks a running campaign completed once planning is done and every planned
/// recipient is accounted for (sent, failed or skipped). Returns whether it did.
///
/// Cost: two reads, and one conditional write when complete.
pub async fn complete_if_finished(
    ports: &Ports,
    id: &CampaignId,
    now: Timestamp,
) -> Result<bool, BroadcastError> {
    let checkpoint = ports.campaigns.checkpoint(id).await?;
    if !checkpoint.done {
        return Ok(false);
    }
    let planned = ScanPosition::from_cursor(checkpoint.cursor.as_ref())?.planned;
    let Some(campaign) = ports.campaigns.campaign(id).await? else {
        return Ok(false);
    };
    // A narrowcast campaign completes when LINE reports its end (`narrowcast`).
    if campaign.audience.line_demographics.is_some() {
        return Ok(false);
    }
    let p = campaign.progress;
    if campaign.status != CampaignStatus::Running
        || p.sent.saturating_add(p.failed).saturating_add(p.skipped) < planned
    {
        return Ok(false);
    }
    let completed = ports
        .campaigns
        .transition(id, CampaignStatus::Running, CampaignStatus::Completed, now)
        .await?;
    if completed {
        tracing::info!(campaign = %id, sent = p.sent, failed = p.failed, skipped = p.skipped, "campaign completed");
    }
    Ok(completed)
}
