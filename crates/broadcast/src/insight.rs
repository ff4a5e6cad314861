//! LINE's numbers for sent campaigns: the aggregation unit each send carries
//! (recorded before the send, so a unit LINE counts under is never unknown to
//! otodoke), and the scheduler's fetch of LINE's statistics for the units due.
//!
//! The fetch asks LINE once per unit per JST day, from the day after the first
//! send for [`FETCH_DAYS`](otodoke_core::insight::FETCH_DAYS) days, at most
//! [`FETCHES_PER_RUN`] units per scheduler run, and stops the run at LINE's
//! first 429 (the rest stay due for the next run). See docs/line-insight.md.

use crate::error::BroadcastError;
use crate::line::{Messenger, SendFailure};
use crate::ports::Ports;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::campaign::{Campaign, Progress};
use otodoke_core::insight::{line_day, CampaignStats, StatsStatus, UrlClicks};
use otodoke_line::client::insight::{AggregationUnit, UnitStatistics};
use std::collections::BTreeMap;

/// Units fetched per scheduler run at most: LINE's insight calls are reads
/// under the channel's rate limits, and a minute's run must stay short.
pub const FETCHES_PER_RUN: u32 = 50;

/// Records the unit `campaign` (or its `step`) is about to be sent under and
/// returns it. The first send's record is kept; later sends change nothing.
pub async fn watch_unit(
    ports: &Ports,
    campaign: &Campaign,
    step: Option<u32>,
) -> Result<Option<AggregationUnit>, BroadcastError> {
    let stats = CampaignStats::watch(
        campaign.org_id.clone(),
        campaign.id.clone(),
        step,
        campaign.channel_id.clone(),
        Timestamp::now(),
    );
    let Ok(unit) = AggregationUnit::new(stats.unit.clone()) else {
        // `aggregation_unit` always makes a valid name; never send an invalid one.
        tracing::error!(unit = %stats.unit, "invalid aggregation unit name; sending without");
        return Ok(None);
    };
    ports.campaign_stats.watch(&stats).await?;
    Ok(Some(unit))
}

/// Counts one step message of a sequence, on the campaign and on its step.
pub async fn count_step(
    ports: &Ports,
    campaign: &Campaign,
    step: u32,
    delta: Progress,
) -> Result<(), BroadcastError> {
    ports.campaigns.add_progress(&campaign.id, delta).await?;
    ports
        .campaign_stats
        .add_step_progress(&campaign.org_id, &campaign.id, step, delta)
        .await?;
    Ok(())
}

/// What one fetch run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FetchReport {
    pub fetched: u32,
    /// Left for later: LINE unreachable, or its rate limit reached.
    pub deferred: u32,
    /// LINE refused the unit (never used, or not allowed): no longer asked.
    pub out_of_service: u32,
}

/// Fetches LINE's statistics for the units due at `now` (up to `limit`) and
/// stores them on their campaigns.
pub async fn fetch_due_stats(
    ports: &Ports,
    line: &dyn Messenger,
    now: Timestamp,
    limit: u32,
) -> Result<FetchReport, BroadcastError> {
    let mut report = FetchReport::default();
    for mut stats in ports.campaign_stats.due_stats(now, limit).await? {
        let channel = match ports.orgs.channel(&stats.channel_id).await? {
            Some(c) if c.org_id == stats.org_id => c,
            _ => {
                // The channel is gone (or moved): nothing more can be asked.
                stats.schedule_next(StatsStatus::OutOfService, now);
                ports.campaign_stats.save_stats(&stats).await?;
                report.out_of_service += 1;
                continue;
            }
        };
        let Some((from, to)) = stats.span(now) else {
            stats.next_fetch_at = stats
                .next_fetch_at
                .map(|t| t.max(now + SignedDuration::from_hours(1)));
            ports.campaign_stats.save_stats(&stats).await?;
            report.deferred += 1;
            continue;
        };
        let Ok(unit) = AggregationUnit::new(stats.unit.clone()) else {
            stats.schedule_next(StatsStatus::OutOfService, now);
            ports.campaign_stats.save_stats(&stats).await?;
            report.out_of_service += 1;
            continue;
        };
        match line
            .unit_statistics(&channel, &unit, &line_day(from), &line_day(to))
            .await
        {
            Ok(numbers) => {
                apply(&mut stats, &numbers);
                stats.schedule_next(StatsStatus::Ready, now);
                report.fetched += 1;
            }
            Err(SendFailure::RateLimited) => {
                tracing::warn!(channel = %channel.id, "LINE's insight rate limit reached; the rest wait for the next run");
                report.deferred += 1;
                break;
            }
            Err(SendFailure::Rejected(reason)) => {
                tracing::warn!(campaign = %stats.campaign_id, unit = %stats.unit, %reason, "LINE refused the statistics request");
                stats.schedule_next(StatsStatus::OutOfService, now);
                report.out_of_service += 1;
            }
            Err(e) => {
                tracing::warn!(campaign = %stats.campaign_id, error = %e, "statistics unavailable; asked again in an hour");
                stats.next_fetch_at = Some(now + SignedDuration::from_hours(1));
                report.deferred += 1;
            }
        }
        ports.campaign_stats.save_stats(&stats).await?;
    }
    Ok(report)
}

/// LINE's answer in otodoke's terms: impressions summed over bubbles, clicks
/// per URL over bubbles (a URL's unique clickers are LINE's
/// `uniqueClickOfRequest` when given, else its largest per-bubble count).
pub fn apply(stats: &mut CampaignStats, numbers: &UnitStatistics) {
    let sum = |values: &mut dyn Iterator<Item = Option<u64>>| {
        values.fold(None, |acc: Option<u64>, v| match (acc, v) {
            (a, None) => a,
            (None, Some(v)) => Some(v),
            (Some(a), Some(v)) => Some(a + v),
        })
    };
    stats.impressions = sum(&mut numbers.messages.iter().map(|m| m.impression));
    stats.unique_impressions = numbers.overview.unique_impression;
    stats.unique_clicks = numbers.overview.unique_click;
    stats.unique_media_played = numbers.overview.unique_media_played;
    let mut by_url: BTreeMap<&str, UrlClicks> = BTreeMap::new();
    for click in &numbers.clicks {
        let entry = by_url.entry(&click.url).or_insert_with(|| UrlClicks {
            url: click.url.clone(),
            clicks: None,
            unique_clicks: None,
        });
        entry.clicks = sum(&mut [entry.clicks, click.click].into_iter());
        let unique = click.unique_click_of_request.or(click.unique_click);
        entry.unique_clicks = entry.unique_clicks.max(unique);
    }
    stats.clicks = by_url.into_values().collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_core::{CampaignId, ChannelId, OrgId};

    #[test]
    fn lines_numbers_are_summed_over_bubbles_and_withheld_ones_stay_unknown() {
        let mut stats = CampaignStats::watch(
            OrgId::new("acme").unwrap(),
            CampaignId::new("c-1").unwrap(),
            None,
            ChannelId::new("1").unwrap(),
            Timestamp::UNIX_EPOCH,
        );
        let numbers: UnitStatistics = serde_json::from_str(
            r#"{"overview":{"uniqueImpression":40,"uniqueClick":null},
            "messages":[{"seq":1,"impression":42},{"seq":2,"impression":null},{"seq":3,"impression":8}],
            "clicks":[{"seq":1,"url":"https://a.example/","click":35,"uniqueClick":25,"uniqueClickOfRequest":null},
                      {"seq":2,"url":"https://a.example/","click":29,"uniqueClick":null},
                      {"seq":1,"url":"https://b.example/","click":null,"uniqueClick":null}]}"#,
        )
        .unwrap();
        apply(&mut stats, &numbers);
        assert_eq!(stats.impressions, Some(50));
        assert_eq!(stats.unique_impressions, Some(40));
        assert_eq!(stats.unique_clicks, None);
        assert_eq!(stats.clicks.len(), 2);
        assert_eq!(stats.clicks[0].clicks, Some(64));
        assert_eq!(stats.clicks[0].unique_clicks, Some(25));
        assert_eq!(stats.clicks[1].clicks, None);
    }
}
