//! The estimate shown before sending: audience size and the quota it would use
//! against what is left this month.

use crate::audience::{AudienceScan, ScanPosition};
use crate::error::BroadcastError;
use crate::ports::Ports;
use jiff::Timestamp;
use otodoke_core::campaign::Campaign;
use otodoke_core::quota::{QuotaKey, QuotaMonth};
use serde::Serialize;

/// What sending a campaign now would take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Estimate {
    /// Friends the campaign would reach now (blocked ones excluded).
    pub audience: u64,
    /// Messages it would count against the monthly quota: one per recipient,
    /// however many bubbles (1..5) it holds.
    pub quota_needed: u64,
    /// The channel plan's monthly limit (`None`: unlimited).
    pub quota_limit: Option<u64>,
    /// Used plus reserved this (JST) month, by our counter.
    pub quota_used: u64,
    /// What is left this month (`None`: unlimited).
    pub quota_left: Option<u64>,
    /// Whether the whole audience fits in what is left.
    pub fits: bool,
}

/// Counts `campaign`'s audience and compares it with the channel's quota left in the
/// JST month of `now`.
///
/// Cost: reads the whole audience page by page (one page in memory at a time):
/// about 1 s per million friends over the embedded store; over DynamoDB, one
/// query per 500 friends. Fails when the channel is unknown or storage fails.
pub async fn estimate(
    ports: &Ports,
    campaign: &Campaign,
    now: Timestamp,
) -> Result<Estimate, BroadcastError> {
    let channel = ports
        .orgs
        .channel(&campaign.channel_id)
        .await?
        .ok_or_else(|| BroadcastError::ChannelNotFound(campaign.channel_id.clone()))?;
    let scan = AudienceScan::new(campaign, ports.orgs.as_ref(), now).await?;
    let mut at = ScanPosition::default();
    let mut audience = 0u64;
    while !at.exhausted {
        let page = scan.page(ports.friends.as_ref(), &at, 1_000).await?;
        audience += page.matched.len() as u64;
        at = page.next;
    }
    let counter = ports
        .quota
        .counter(&QuotaKey {
            channel: channel.id.clone(),
            month: QuotaMonth::containing(now),
        })
        .await?;
    let quota_limit = channel.plan.monthly_limit();
    let quota_used = counter.used.saturating_add(counter.reserved);
    let quota_left = quota_limit.map(|l| l.saturating_sub(quota_used));
    Ok(Estimate {
        audience,
        quota_needed: audience,
        quota_limit,
        quota_used,
        quota_left,
        fits: quota_left.is_none_or(|left| audience <= left),
    })
}
