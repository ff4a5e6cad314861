//! LINE's numbers for campaigns: the custom aggregation unit a campaign (or a
//! step of a sequence) is sent under, the statistics LINE reports for it, when
//! to ask LINE again, and the per-step send counters.
//!
//! Rules (docs/line-insight.md has the sources): a unit name is 1 to 30 of
//! `[a-zA-Z0-9_]`; a push or multicast carries at most one; LINE counts the
//! distinct names used per month against a monthly cap; statistics are per JST
//! day, from the day after sending, for a span of at most 30 days per request.

use crate::campaign::Progress;
use crate::ids::{CampaignId, ChannelId, OrgId};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// How many days after sending LINE's statistics keep being fetched (daily):
/// opens and clicks after two weeks are few, and each fetch is a rate-limited call.
pub const FETCH_DAYS: i64 = 14;
/// The JST hour of the daily fetch: LINE computes the previous day's numbers
/// overnight, so they are there by then.
pub const FETCH_HOUR_JST: i8 = 6;
/// LINE's monthly cap on distinct aggregation unit names (LINE's docs on
/// unit-based statistics: 1,000 per month).
pub const MONTHLY_UNIT_CAP: u64 = 1_000;

fn tokyo() -> TimeZone {
    TimeZone::get("Asia/Tokyo").expect("the bundled tz database has Asia/Tokyo")
}

/// The JST calendar day of `at`, the day LINE's insight endpoints count in.
pub fn jst_day(at: Timestamp) -> Date {
    at.to_zoned(tokyo()).date()
}

/// `yyyyMMdd`, as LINE's insight endpoints take a day.
pub fn line_day(day: Date) -> String {
    format!("{:04}{:02}{:02}", day.year(), day.month(), day.day())
}

/// FNV-1a, 64 bits: stable across builds and platforms (unlike `std`'s hasher),
/// which the unit name must be, since LINE keeps it.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The aggregation unit a campaign (`step: None`) or one step of a sequence is
/// sent under: `otd_` and 12 hex digits of a hash of the organization and the
/// campaign id, then `_s<step>` for a step. The one place the name is made:
/// deterministic (a resend or a retry counts under the same unit), at most 27
/// characters of `[a-z0-9_]`, whatever characters the ids hold.
pub fn aggregation_unit(org: &OrgId, campaign: &CampaignId, step: Option<u32>) -> String {
    let key = format!("{org}\u{0}{campaign}");
    let hash = fnv1a(key.as_bytes()) >> 16;
    match step {
        None => format!("otd_{hash:012x}"),
        Some(step) => format!("otd_{hash:012x}_s{step}"),
    }
}

/// Where LINE's numbers for one unit stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatsStatus {
    /// Not asked yet (LINE has numbers from the day after sending).
    Pending,
    /// LINE answered with numbers.
    Ready,
    /// LINE has not computed them yet; asked again later.
    Unready,
    /// LINE does not serve them (e.g. the unit was never used, or the account
    /// may not use units): kept, no longer asked.
    OutOfService,
}

/// Clicks on one URL of the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UrlClicks {
    pub url: String,
    /// `None`: LINE withholds counts under its minimum.
    pub clicks: Option<u64>,
    pub unique_clicks: Option<u64>,
}

/// LINE's statistics for one campaign (or one step of a sequence), as last
/// fetched. Counts are `None` where LINE withholds them (too few users).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignStats {
    pub org_id: OrgId,
    pub campaign_id: CampaignId,
    /// The step of a sequence (0-based); `None` for a one-off campaign.
    pub step: Option<u32>,
    pub channel_id: ChannelId,
    /// The aggregation unit name ([`aggregation_unit`]).
    pub unit: String,
    /// The JST day of the first send under the unit.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub first_sent_on: Date,
    pub status: StatsStatus,
    /// Times a bubble was shown (sum over bubbles).
    pub impressions: Option<u64>,
    /// Users who opened the message (showed at least one bubble).
    pub unique_impressions: Option<u64>,
    /// Users who opened any URL of the message.
    pub unique_clicks: Option<u64>,
    /// Users who started any video or audio.
    pub unique_media_played: Option<u64>,
    pub clicks: Vec<UrlClicks>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub fetched_at: Option<Timestamp>,
    /// When to ask LINE next; `None` once the fetching window is over.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub next_fetch_at: Option<Timestamp>,
}

impl CampaignStats {
    /// A unit just sent under at `sent_at`: nothing fetched yet, first asked the
    /// next JST morning.
    pub fn watch(
        org_id: OrgId,
        campaign_id: CampaignId,
        step: Option<u32>,
        channel_id: ChannelId,
        sent_at: Timestamp,
    ) -> Self {
        let unit = aggregation_unit(&org_id, &campaign_id, step);
        let first_sent_on = jst_day(sent_at);
        Self {
            org_id,
            campaign_id,
            step,
            channel_id,
            unit,
            first_sent_on,
            status: StatsStatus::Pending,
            impressions: None,
            unique_impressions: None,
            unique_clicks: None,
            unique_media_played: None,
            clicks: vec![],
            fetched_at: None,
            next_fetch_at: Some(fetch_time(first_sent_on, 1)),
        }
    }

    /// The days to ask LINE for at `now`: from the first send to yesterday (JST),
    /// at most LINE's 30-day span. `None` before the day after the first send.
    pub fn span(&self, now: Timestamp) -> Option<(Date, Date)> {
        let yesterday = jst_day(now).yesterday().ok()?;
        if yesterday < self.first_sent_on {
            return None;
        }
        let last = self
            .first_sent_on
            .checked_add(jiff::Span::new().days(29))
            .ok()?
            .min(yesterday);
        Some((self.first_sent_on, last))
    }

    /// When to fetch after a fetch at `now` that LINE answered with `status`: the
    /// next JST morning while within [`FETCH_DAYS`] of the first send (an
    /// `unready` answer is asked again in an hour), then never.
    pub fn schedule_next(&mut self, status: StatsStatus, now: Timestamp) {
        self.status = status;
        self.fetched_at = Some(now);
        let last = fetch_time(self.first_sent_on, FETCH_DAYS);
        self.next_fetch_at = match status {
            StatsStatus::OutOfService => None,
            StatsStatus::Unready => {
                Some(now + SignedDuration::from_hours(1)).filter(|t| *t <= last)
            }
            StatsStatus::Ready | StatsStatus::Pending => {
                let tomorrow = jst_day(now).tomorrow().ok();
                tomorrow.map(at_fetch_hour).filter(|t| *t <= last)
            }
        };
    }

    /// Unique opens over `delivered`, when both are known.
    pub fn open_rate(&self, delivered: u64) -> Option<f64> {
        rate(self.unique_impressions, delivered)
    }

    /// Unique clickers over `delivered`, when both are known.
    pub fn click_rate(&self, delivered: u64) -> Option<f64> {
        rate(self.unique_clicks, delivered)
    }
}

fn rate(count: Option<u64>, delivered: u64) -> Option<f64> {
    (delivered > 0).then_some(())?;
    count.map(|c| c as f64 / delivered as f64)
}

fn at_fetch_hour(day: Date) -> Timestamp {
    day.at(FETCH_HOUR_JST, 0, 0, 0)
        .to_zoned(tokyo())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MAX)
}

/// [`FETCH_HOUR_JST`] of the day `days` after `first`.
fn fetch_time(first: Date, days: i64) -> Timestamp {
    first
        .checked_add(jiff::Span::new().days(days))
        .map(at_fetch_hour)
        .unwrap_or(Timestamp::MAX)
}

/// The counters of one step of a sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepProgress {
    pub step: u32,
    pub progress: Progress,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> (OrgId, CampaignId) {
        (
            OrgId::new("alpha").unwrap(),
            CampaignId::new("01J-ÜNICODE id").unwrap(),
        )
    }

    #[test]
    fn the_unit_name_is_stable_valid_and_distinct_per_org_campaign_and_step() {
        let (org, campaign) = ids();
        let one = aggregation_unit(&org, &campaign, None);
        assert_eq!(one, aggregation_unit(&org, &campaign, None));
        let step = aggregation_unit(&org, &campaign, Some(u32::MAX));
        for name in [&one, &step] {
            assert!((1..=30).contains(&name.len()), "{name}");
            assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        }
        let other_org = aggregation_unit(&OrgId::new("beta").unwrap(), &campaign, None);
        assert_ne!(one, other_org);
        assert_ne!(
            aggregation_unit(&org, &campaign, Some(0)),
            aggregation_unit(&org, &campaign, Some(1))
        );
    }

    #[test]
    fn statistics_are_asked_daily_from_the_next_jst_morning_for_two_weeks() {
        let (org, campaign) = ids();
        // 23:30 JST on 1 March.
        let sent: Timestamp = "2026-03-01T14:30:00Z".parse().unwrap();
        let mut stats =
            CampaignStats::watch(org, campaign, None, ChannelId::new("1").unwrap(), sent);
        assert_eq!(line_day(stats.first_sent_on), "20260301");
        let first: Timestamp = "2026-03-01T21:00:00Z".parse().unwrap(); // 06:00 JST 2 March
        assert_eq!(stats.next_fetch_at, Some(first));
        assert_eq!(stats.span(sent), None, "nothing before the next JST day");
        let (from, to) = stats.span(first).unwrap();
        assert_eq!(
            (line_day(from), line_day(to)),
            ("20260301".into(), "20260301".into())
        );
        stats.schedule_next(StatsStatus::Unready, first);
        assert_eq!(
            stats.next_fetch_at,
            Some("2026-03-01T22:00:00Z".parse().unwrap())
        );
        stats.schedule_next(StatsStatus::Ready, first);
        assert_eq!(
            stats.next_fetch_at,
            Some("2026-03-02T21:00:00Z".parse().unwrap())
        );
        let late: Timestamp = "2026-03-15T21:00:00Z".parse().unwrap(); // 16 March JST
        stats.schedule_next(StatsStatus::Ready, late);
        assert_eq!(
            stats.next_fetch_at, None,
            "fourteen days after, fetching stops"
        );
        let mut gone = stats.clone();
        gone.schedule_next(StatsStatus::OutOfService, first);
        assert_eq!(gone.next_fetch_at, None);
    }

    #[test]
    fn rates_need_a_delivered_count_and_a_number_from_line() {
        let (org, campaign) = ids();
        let mut stats = CampaignStats::watch(
            org,
            campaign,
            None,
            ChannelId::new("1").unwrap(),
            Timestamp::UNIX_EPOCH,
        );
        assert_eq!(stats.open_rate(100), None);
        stats.unique_impressions = Some(40);
        stats.unique_clicks = Some(10);
        assert_eq!(stats.open_rate(100), Some(0.4));
        assert_eq!(stats.click_rate(100), Some(0.1));
        assert_eq!(stats.open_rate(0), None);
    }
}
