//! A narrowcast campaign that otodoke's own filters narrow too (tags, attributes,
//! stores, follow date) sends to a LINE audience group holding the friends those
//! filters select, intersected with LINE's demographic filter.
//!
//! The narrowcast order's run ([`crate::narrowcast`]) prepares the group before it
//! sends: the sender already holds the channel's token and LINE's limits, and the
//! order is requeued between runs as the narrowcast's progress is.
//!
//! # Exactly one group per campaign
//! The group's description (its name at LINE) is derived from the organization
//! and the campaign ([`description`]). Its id is recorded in the campaign's
//! narrowcast state (a conditional checkpoint write) right after LINE created it.
//! A run that died between the two left a group nobody recorded: the next run
//! looks the description up among the channel's groups before creating one, and
//! adopts what it finds. An adopted group is filled again from the first friend
//! (adding an id a group holds already changes nothing), so it ends holding the
//! whole segment. After the first upload (up to 10,000 ids) each further chunk is
//! added and the scan position recorded; a crash between the two re-adds one
//! chunk, which is harmless for the same reason.
//!
//! Uploads take a slot of the channel's upload limit ([`UPLOAD_RATE`]) first.
//!
//! The narrowcast is sent once the group is `READY` (LINE builds it
//! asynchronously). When LINE reports the narrowcast finished the group is
//! deleted: it served its one send, and LINE caps a channel at 1,000 groups.

use crate::audience::{AudienceScan, ScanPosition};
use crate::error::BroadcastError;
use crate::line::{Messenger, SendFailure};
use crate::ports::Ports;
use jiff::Timestamp;
use otodoke_core::campaign::{Campaign, PlannerCheckpoint};
use otodoke_core::demographic::NarrowcastState;
use otodoke_core::organization::Channel;
use otodoke_core::rate::{Admission, RateLimit};
use std::time::{Duration, Instant};

/// The most user ids one upload carries (LINE's limit per JSON request).
pub const UPLOAD_CHUNK: usize = otodoke_line::client::audience::MAX_UPLOAD_IDS;

/// Uploads (create and add) per channel: one a second, shared by every sender
/// through the [`RateLimiter`](otodoke_core::ports::RateLimiter). LINE's table
/// has a 60-a-minute row that the stricter reading applies to them; one-second
/// windows let at most 61 through in any minute, which a bucket of 60 refilled
/// continuously still accepts.
pub const UPLOAD_RATE: RateLimit = RateLimit {
    allowance: 1,
    window_ms: 1_000,
};

/// The rate-limiter key of a channel's audience uploads.
pub fn upload_rate_key(channel: &otodoke_core::ChannelId) -> String {
    format!("audience#{channel}")
}

/// Waits for an upload slot; `false` when the next is further off than `max_wait`.
async fn upload_slot(
    ports: &Ports,
    channel: &Channel,
    max_wait: Duration,
) -> Result<bool, BroadcastError> {
    let key = upload_rate_key(&channel.id);
    let started = Instant::now();
    loop {
        match ports
            .rate
            .acquire(&key, UPLOAD_RATE, Timestamp::now())
            .await?
        {
            Admission::Granted => return Ok(true),
            Admission::RetryAt(at) => {
                let wait =
                    Duration::try_from(at.duration_since(Timestamp::now())).unwrap_or_default();
                if started.elapsed() + wait > max_wait {
                    return Ok(false);
                }
                tokio::time::sleep(wait + Duration::from_millis(5)).await;
            }
        }
    }
}

/// The group's description at LINE: the same for every run of one campaign, and
/// unique per organization and campaign. At most 120 characters (LINE's limit):
/// `otodoke <org> <campaign>` when that fits, else a name-based UUID of both
/// (ids may be 128 characters each; cutting them could make two campaigns share
/// a name).
pub fn description(campaign: &Campaign) -> String {
    let name = format!("otodoke {} {}", campaign.org_id, campaign.id);
    if name.chars().count() <= otodoke_line::client::audience::MAX_DESCRIPTION_CHARS {
        return name;
    }
    let both = format!("{}\u{1f}{}", campaign.org_id, campaign.id);
    format!(
        "otodoke {}",
        uuid::Uuid::new_v5(&crate::retry_key::NAMESPACE, both.as_bytes())
    )
}

/// Where the campaign's audience group stands after [`prepare`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupStep {
    /// Uploaded and READY: send. `count` is LINE's size of the group.
    Ready { count: u64 },
    /// Still uploading or processing: the order goes back and a later run goes on.
    Continue(String),
    /// LINE failed for now (5xx, timeout, rate limit): retry the message.
    Retry(String),
    /// The segment has nobody: there is nothing to send.
    Empty,
    /// LINE refused the group or it can no longer be used.
    Failed(String),
}

fn on_failure(e: SendFailure) -> GroupStep {
    match e {
        SendFailure::RateLimited | SendFailure::Transient(_) | SendFailure::MonthlyLimit => {
            GroupStep::Retry(e.to_string())
        }
        SendFailure::Rejected(_) | SendFailure::Unusable(_) => GroupStep::Failed(e.to_string()),
    }
}

/// Reads the segment from `at` until `UPLOAD_CHUNK` user ids or its end.
async fn chunk(
    ports: &Ports,
    scan: &AudienceScan,
    at: &ScanPosition,
) -> Result<(Vec<String>, ScanPosition), BroadcastError> {
    let mut ids = Vec::new();
    let mut next = at.clone();
    while ids.len() < UPLOAD_CHUNK && !next.exhausted {
        let room = (UPLOAD_CHUNK - ids.len()).min(1_000) as u32;
        let page = scan.page(ports.friends.as_ref(), &next, room).await?;
        ids.extend(
            page.matched
                .into_iter()
                .map(|f| f.key.user_id.as_str().to_owned()),
        );
        next = page.next;
    }
    Ok((ids, next))
}

/// Creates (or finds), fills and waits for the campaign's audience group, for
/// up to `budget`, recording each step in `state`. See the module docs.
#[allow(clippy::too_many_arguments)]
pub async fn prepare(
    ports: &Ports,
    line: &dyn Messenger,
    campaign: &Campaign,
    channel: &Channel,
    checkpoint: &mut PlannerCheckpoint,
    state: &mut NarrowcastState,
    budget: Duration,
    poll_every: Duration,
) -> Result<GroupStep, BroadcastError> {
    let started = Instant::now();
    let scan = AudienceScan::new(campaign, ports.orgs.as_ref(), Timestamp::now()).await?;
    let name = description(campaign);
    if state.audience_group_id.is_none() {
        let found = match line.audiences_named(channel, &name).await {
            Ok(found) => found,
            Err(e) => return Ok(on_failure(e)),
        };
        if let Some(group) = found.into_iter().min_by_key(|g| g.id) {
            tracing::warn!(campaign = %campaign.id, group = group.id, "adopting an audience group a dead run created; filling it again");
            state.audience_group_id = Some(group.id);
            state.audience_cursor = None;
            state.audience_uploaded = 0;
            state.audience_complete = false;
            crate::narrowcast::record(ports, &campaign.id, checkpoint, state).await?;
        } else {
            let (ids, next) = chunk(ports, &scan, &ScanPosition::default()).await?;
            if ids.is_empty() {
                return Ok(GroupStep::Empty);
            }
            if !upload_slot(ports, channel, budget.max(Duration::from_secs(2))).await? {
                return Ok(GroupStep::Retry(
                    "the channel's upload limit is far off".into(),
                ));
            }
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let id = match line.create_audience(channel, &name, &refs).await {
                Ok(id) => id,
                Err(e) => return Ok(on_failure(e)),
            };
            tracing::info!(campaign = %campaign.id, group = id, ids = ids.len(), "audience group created");
            state.audience_group_id = Some(id);
            state.audience_cursor = Some(next.to_cursor());
            state.audience_uploaded = ids.len() as u64;
            state.audience_complete = next.exhausted;
            crate::narrowcast::record(ports, &campaign.id, checkpoint, state).await?;
        }
    }
    let Some(group) = state.audience_group_id else {
        return Ok(GroupStep::Continue(
            "the audience group is not recorded yet".into(),
        ));
    };
    while !state.audience_complete {
        if started.elapsed() >= budget {
            return Ok(GroupStep::Continue(format!(
                "{} ids uploaded so far",
                state.audience_uploaded
            )));
        }
        let at = ScanPosition::from_cursor(state.audience_cursor.as_ref())?;
        let (ids, next) = chunk(ports, &scan, &at).await?;
        if !ids.is_empty() {
            if !upload_slot(ports, channel, budget.saturating_sub(started.elapsed())).await? {
                return Ok(GroupStep::Continue(format!(
                    "{} ids uploaded so far; waiting for the upload limit",
                    state.audience_uploaded
                )));
            }
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            if let Err(e) = line.add_to_audience(channel, group, &refs).await {
                return Ok(on_failure(e));
            }
        }
        state.audience_cursor = Some(next.to_cursor());
        state.audience_uploaded += ids.len() as u64;
        state.audience_complete = next.exhausted;
        crate::narrowcast::record(ports, &campaign.id, checkpoint, state).await?;
    }
    if state.audience_uploaded == 0 {
        // An adopted group whose segment emptied since.
        return Ok(GroupStep::Empty);
    }
    loop {
        match line.audience(channel, group).await {
            Ok(Some(g)) if g.status == "READY" => {
                return Ok(GroupStep::Ready {
                    count: g.count.unwrap_or(state.audience_uploaded),
                })
            }
            Ok(Some(g)) if g.status == "IN_PROGRESS" => {}
            Ok(Some(g)) => {
                return Ok(GroupStep::Failed(format!(
                    "LINE's audience group {group} is {}",
                    g.status
                )))
            }
            Ok(None) => {
                return Ok(GroupStep::Failed(format!(
                    "LINE no longer knows audience group {group}"
                )))
            }
            Err(e) => return Ok(on_failure(e)),
        }
        if started.elapsed() + poll_every > budget {
            return Ok(GroupStep::Continue(
                "LINE is still processing the audience group".into(),
            ));
        }
        tokio::time::sleep(poll_every).await;
    }
}

/// Deletes the campaign's group once its narrowcast is over. Best effort: a
/// failure is logged (the group expires at LINE by itself, and its description
/// names the campaign).
pub async fn discard(line: &dyn Messenger, channel: &Channel, state: &NarrowcastState) {
    if let Some(group) = state.audience_group_id {
        if let Err(e) = line.delete_audience(channel, group).await {
            tracing::warn!(group, error = %e, "could not delete the audience group");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_contract::builders::sample_campaign;

    #[test]
    fn the_description_is_the_campaigns_per_organization_and_within_lines_limit() {
        let a = sample_campaign("org-a", "c1", "1650000001");
        let b = sample_campaign("org-b", "c1", "1650000001");
        assert_eq!(
            description(&a),
            description(&a.clone()),
            "the same every run"
        );
        assert_ne!(
            description(&a),
            description(&b),
            "another organization's campaign never finds this group"
        );
        assert!(description(&a).chars().count() <= 120);
        let mut long = a.clone();
        long.org_id = otodoke_core::OrgId::new("o".repeat(100)).unwrap();
        let mut longer = long.clone();
        longer.org_id = otodoke_core::OrgId::new("o".repeat(101)).unwrap();
        assert!(description(&long).chars().count() <= 120);
        assert_ne!(description(&long), description(&longer));
    }
}
