//! The scheduler's chores, run every minute: start due campaigns, send due step
//! messages, and (once a day) reconcile quota counters with LINE's count.

use crate::error::BroadcastError;
use crate::line::{Messenger, SendFailure};
use crate::planner::PlanningRequest;
use crate::ports::Ports;
use crate::retry_key;
use jiff::{tz::TimeZone, Timestamp, ToSpan};
use otodoke_core::campaign::{Campaign, CampaignStatus, Progress, Schedule, Step};
use otodoke_core::organization::Store;
use otodoke_core::ports::QueueMessage;
use otodoke_core::quota::{Hold, QuotaKey, QuotaMonth, ReserveOutcome};
use otodoke_core::sequence::Enrolment;
use otodoke_core::{CampaignId, ChannelId, OrgId};
use std::collections::HashMap;

/// Starts every scheduled campaign whose time has come (up to `limit`): claims it
/// with the conditional `Scheduled -> Running` transition, so that two scheduler
/// runs never start one twice, then asks for it to be planned. Returns the
/// campaigns this run started.
///
/// If the planning request cannot be enqueued the campaign is put back to
/// `Scheduled` (best effort) so that the next run tries again.
pub async fn start_due(
    ports: &Ports,
    now: Timestamp,
    limit: u32,
) -> Result<Vec<CampaignId>, BroadcastError> {
    let mut started = Vec::new();
    for id in ports.campaigns.due(now, limit).await? {
        if !ports
            .campaigns
            .transition(&id, CampaignStatus::Scheduled, CampaignStatus::Running, now)
            .await?
        {
            continue;
        }
        if let Err(e) = request_planning(ports, &id).await {
            let _ = ports
                .campaigns
                .transition(&id, CampaignStatus::Running, CampaignStatus::Scheduled, now)
                .await;
            return Err(e);
        }
        tracing::info!(campaign = %id, "campaign started");
        started.push(id);
    }
    Ok(started)
}

/// Enqueues a planning request for campaign `id` (the admin API's "send now" uses
/// this after its own `Draft -> Running` transition).
pub async fn request_planning(ports: &Ports, id: &CampaignId) -> Result<(), BroadcastError> {
    let body = serde_json::to_string(&PlanningRequest {
        campaign_id: id.clone(),
    })?;
    ports
        .planning
        .send(&[QueueMessage {
            body,
            group_id: None,
            dedup_id: None,
        }])
        .await?;
    Ok(())
}

/// What one pass over due step messages did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepsReport {
    pub sent: u32,
    /// Enrolments of campaigns not running, or advanced by someone else.
    pub skipped: u32,
    /// Left for the next run (quota refused, LINE failing).
    pub deferred: u32,
}

/// When the step after `current` is due: the day offset difference added to the
/// current due date, at the step's local time (JST) when it names one.
fn next_due(current_due: Timestamp, current: &Step, next: &Step) -> Timestamp {
    let tokyo = TimeZone::get("Asia/Tokyo").expect("bundled tz database has Asia/Tokyo");
    let days = i64::from(next.offset_days.saturating_sub(current.offset_days));
    let zoned = current_due.to_zoned(tokyo);
    let Ok(shifted) = zoned.checked_add(days.days()) else {
        return current_due;
    };
    match next.at_local_time {
        Some(time) => shifted
            .with()
            .time(time)
            .build()
            .map(|z| z.timestamp())
            .unwrap_or(shifted.timestamp()),
        None => shifted.timestamp(),
    }
}

/// Sends every step message due at `now` (up to `limit` enrolments).
///
/// Before each step the friend is checked against the campaign's audience again
/// (tags, attributes and stores change after enrolment): a friend who no longer
/// follows the channel has their enrolments stopped, and one outside the audience
/// skips the step (the sequence moves on without sending it).
///
/// Each is pushed with quota reserved first and a retry key from (campaign, friend,
/// step), then the enrolment is advanced conditionally. Pushing before advancing
/// means a crash in between re-pushes next minute with the same key (409: sent
/// once); two concurrent runs both push the same key and only one advances.
pub async fn send_due_steps(
    ports: &Ports,
    line: &dyn Messenger,
    now: Timestamp,
    limit: u32,
) -> Result<StepsReport, BroadcastError> {
    let mut report = StepsReport::default();
    let mut campaigns: HashMap<CampaignId, Option<Campaign>> = HashMap::new();
    let mut stores: HashMap<OrgId, Vec<Store>> = HashMap::new();
    for enrolment in ports.enrolments.due(now, limit).await? {
        if !campaigns.contains_key(&enrolment.campaign_id) {
            let c = ports.campaigns.campaign(&enrolment.campaign_id).await?;
            campaigns.insert(enrolment.campaign_id.clone(), c);
        }
        let campaign = campaigns[&enrolment.campaign_id].as_ref();
        let steps = match campaign.map(|c| (&c.schedule, c.status)) {
            Some((Schedule::Sequence { steps }, CampaignStatus::Running)) => steps,
            _ => {
                report.skipped += 1;
                continue;
            }
        };
        let campaign = campaign.expect("matched above");
        if !campaign.audience.stores.is_empty() && !stores.contains_key(&campaign.org_id) {
            let all = ports.orgs.stores(&campaign.org_id).await?;
            stores.insert(campaign.org_id.clone(), all);
        }
        let org_stores = stores.get(&campaign.org_id).map_or(&[][..], Vec::as_slice);
        let result = match audience_check(ports, campaign, org_stores, &enrolment, now).await? {
            Inside::Yes => send_step(ports, line, campaign, steps, &enrolment, now).await?,
            Inside::NoLongerFollowing => {
                ports
                    .enrolments
                    .stop_all(&enrolment.friend, &enrolment.channel)
                    .await?;
                tracing::info!(campaign = %campaign.id, "step sequence stopped: friend no longer follows");
                StepResult::Skipped
            }
            Inside::OutsideAudience => {
                if move_past(ports, steps, &enrolment).await? {
                    let skipped = Progress {
                        skipped: 1,
                        ..Progress::default()
                    };
                    let step = enrolment.next_step;
                    crate::insight::count_step(ports, campaign, step, skipped).await?;
                }
                tracing::info!(campaign = %campaign.id, step = enrolment.next_step, "step skipped: friend outside the audience");
                StepResult::Skipped
            }
        };
        match result {
            StepResult::Sent => report.sent += 1,
            StepResult::Skipped => report.skipped += 1,
            StepResult::Deferred => report.deferred += 1,
        }
    }
    Ok(report)
}

/// How long a step's quota reservation holds unless settled.
const STEP_HOLD: jiff::SignedDuration = jiff::SignedDuration::from_mins(10);

/// The quota reservation id of an enrolment's current step: the same for every
/// attempt, so a re-push after a crash (LINE answers 409) is counted once.
fn step_id(enrolment: &Enrolment) -> String {
    format!(
        "step#{}#{}#{}#{}",
        enrolment.campaign_id,
        enrolment.friend.provider,
        enrolment.friend.user_id,
        enrolment.next_step
    )
}

enum StepResult {
    Sent,
    Skipped,
    Deferred,
}

/// Whether an enrolled friend is still someone the sequence may message.
enum Inside {
    Yes,
    /// Blocked the account, left it, or is gone.
    NoLongerFollowing,
    /// Follows, but fails the audience's filters now.
    OutsideAudience,
}

async fn audience_check(
    ports: &Ports,
    campaign: &Campaign,
    stores: &[Store],
    enrolment: &Enrolment,
    now: Timestamp,
) -> Result<Inside, BroadcastError> {
    let Some(friend) = ports.friends.friend(&enrolment.friend).await? else {
        return Ok(Inside::NoLongerFollowing);
    };
    if !friend.follows(&enrolment.channel) {
        return Ok(Inside::NoLongerFollowing);
    }
    let subtree = campaign.audience.store_subtree(stores);
    Ok(
        if campaign
            .audience
            .matches(&friend, &enrolment.channel, now, subtree.as_ref())
        {
            Inside::Yes
        } else {
            Inside::OutsideAudience
        },
    )
}

/// Moves an enrolment past its current step (to the next step's due time, or
/// completed after the last); `false` if someone else moved it first.
async fn move_past(
    ports: &Ports,
    steps: &[Step],
    enrolment: &Enrolment,
) -> Result<bool, BroadcastError> {
    let index = enrolment.next_step as usize;
    let next = match (steps.get(index), steps.get(index + 1)) {
        (Some(step), Some(n)) => {
            Some((enrolment.next_step + 1, next_due(enrolment.due_at, step, n)))
        }
        _ => None,
    };
    if next.is_none() {
        // Reported before the enrolment completes, so a crash in between reports it
        // again rather than never (its automations run once per campaign and friend).
        let finished = otodoke_core::richmenu::MenuJob::SequenceFinished {
            friend: enrolment.friend.clone(),
            channel: enrolment.channel.clone(),
            campaign: enrolment.campaign_id.clone(),
        };
        ports.after_sequence.send(&[finished.message()]).await?;
    }
    Ok(ports
        .enrolments
        .advance(
            &enrolment.campaign_id,
            &enrolment.friend,
            enrolment.next_step,
            next,
        )
        .await?)
}

async fn send_step(
    ports: &Ports,
    line: &dyn Messenger,
    campaign: &Campaign,
    steps: &[Step],
    enrolment: &Enrolment,
    now: Timestamp,
) -> Result<StepResult, BroadcastError> {
    let index = enrolment.next_step as usize;
    let Some(step) = steps.get(index) else {
        // Past the last step: complete it.
        move_past(ports, steps, enrolment).await?;
        return Ok(StepResult::Skipped);
    };
    let Some(channel) = ports.orgs.channel(&enrolment.channel).await? else {
        return Err(BroadcastError::ChannelNotFound(enrolment.channel.clone()));
    };
    let key = QuotaKey {
        channel: channel.id.clone(),
        month: QuotaMonth::containing(now),
    };
    let reservation = match ports
        .quota
        .reserve(
            &key,
            1,
            channel.plan.monthly_limit(),
            None,
            &Hold::new(step_id(enrolment), now, STEP_HOLD),
        )
        .await?
    {
        ReserveOutcome::Granted(r) => r,
        ReserveOutcome::Refused { .. } => {
            tracing::warn!(campaign = %campaign.id, "step message deferred: monthly quota used up");
            return Ok(StepResult::Deferred);
        }
    };
    let retry = retry_key::for_step(&campaign.id, &enrolment.friend, enrolment.next_step);
    let messages = crate::outgoing::with_sender(&step.messages, campaign.sender.as_ref());
    // The same step's URLs are the same links for every friend (registered
    // idempotently); each friend's copy names them.
    let source = otodoke_core::link::LinkSource::Step {
        campaign: campaign.id.clone(),
        step: enrolment.next_step,
    };
    let messages = crate::outgoing::tracked(
        ports,
        campaign,
        &source,
        Some(&enrolment.friend),
        messages,
        now,
    )
    .await?;
    let unit = crate::insight::watch_unit(ports, campaign, Some(enrolment.next_step)).await?;
    let to = &enrolment.friend.user_id;
    let pushed =
        crate::line::push_in_unit(line, &channel, to, &messages, retry, unit.as_ref()).await;
    // Counted only by the run that moves the enrolment past the step (the
    // conditional advance), so a re-push after a crash (a 409) counts once.
    let delta = match pushed {
        Ok(_) => {
            let _ = ports.quota.settle(&reservation, 1).await;
            Progress {
                sent: 1,
                quota_used: 1,
                ..Progress::default()
            }
        }
        Err(SendFailure::Rejected(reason)) => {
            // No retry can help this step: move on so the sequence does not stall.
            let _ = ports.quota.settle(&reservation, 0).await;
            tracing::error!(campaign = %campaign.id, %reason, "step message rejected");
            Progress {
                failed: 1,
                ..Progress::default()
            }
        }
        Err(e) => {
            let _ = ports.quota.settle(&reservation, 0).await;
            tracing::warn!(campaign = %campaign.id, error = %e, "step message deferred");
            return Ok(StepResult::Deferred);
        }
    };
    Ok(if move_past(ports, steps, enrolment).await? {
        crate::insight::count_step(ports, campaign, enrolment.next_step, delta).await?;
        StepResult::Sent
    } else {
        StepResult::Skipped
    })
}

/// Raises every channel's quota counter for the JST month of `now` to LINE's own
/// count (sends made in the LINE Official Account Manager count too), and releases
/// its expired quota reservations. The channels come from the store
/// ([`OrganizationStore::all_channels`]). Run once a day. Returns the channels
/// whose count could not be read (logged, not fatal).
///
/// [`OrganizationStore::all_channels`]: otodoke_core::ports::OrganizationStore::all_channels
pub async fn reconcile_quota(
    ports: &Ports,
    line: &dyn Messenger,
    now: Timestamp,
) -> Result<ReconcileReport, BroadcastError> {
    let mut report = ReconcileReport::default();
    for channel in ports.orgs.all_channels().await? {
        let key = QuotaKey {
            channel: channel.id.clone(),
            month: QuotaMonth::containing(now),
        };
        ports.quota.release_expired(&key, now).await?;
        match line.quota_consumption(&channel).await {
            Ok(used) => {
                let counter = ports.quota.reconcile(&key, used).await?;
                tracing::info!(channel = %channel.id, used_by_line = used, used = counter.used, "quota reconciled");
                report.reconciled += 1;
            }
            Err(e) => {
                tracing::warn!(channel = %channel.id, error = %e, "quota consumption unavailable");
                report.failed.push(channel.id.clone());
            }
        }
    }
    Ok(report)
}

/// What a reconcile did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReconcileReport {
    pub reconciled: usize,
    /// Channels whose count LINE did not give.
    pub failed: Vec<ChannelId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(days: u32, at: Option<&str>) -> Step {
        Step {
            offset_days: days,
            at_local_time: at.map(|t| t.parse().unwrap()),
            messages: vec![],
        }
    }

    #[test]
    fn the_next_step_is_due_its_offset_later_at_its_jst_time() {
        // Followed 2026-11-22 10:00 JST (01:00Z); day 3 at 19:00 JST = 10:00Z on the 25th.
        let due: Timestamp = "2026-11-22T01:00:00Z".parse().unwrap();
        let next = next_due(due, &step(0, None), &step(3, Some("19:00")));
        assert_eq!(next, "2026-11-25T10:00:00Z".parse::<Timestamp>().unwrap());
        let at_once = next_due(due, &step(0, None), &step(1, None));
        assert_eq!(
            at_once,
            "2026-11-23T01:00:00Z".parse::<Timestamp>().unwrap()
        );
    }
}
