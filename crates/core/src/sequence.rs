//! Step sequences: a friend enrolled in a campaign receives its steps at offsets
//! after following (day 0 at once, day 3 at 19:00, ...).

use crate::campaign::Step;
use crate::friend::FriendKey;
use crate::ids::{CampaignId, ChannelId};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    pub campaign_id: CampaignId,
    pub friend: FriendKey,
    pub channel: ChannelId,
    /// Index of the next step to send.
    pub next_step: u32,
    /// When the next step is due; meaningless once not `Active`.
    pub due_at: Timestamp,
    pub status: EnrolmentStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentStatus {
    Active,
    Completed,
    /// The friend blocked the account, or staff stopped it.
    Stopped,
}

/// The due time of `step` for a friend who followed at `followed_at`: `offset_days`
/// calendar days later in the store's zone `tz`, at `at_local_time` when set (a
/// wall-clock time, so "day 3 at 19:00" stays 19:00 across a DST change), else at the
/// same instant of that day. A time earlier than the follow on day 0 is already due
/// (the scheduler sends it at once). Falls back to `followed_at` only if the date is
/// out of jiff's range.
pub fn first_due(followed_at: Timestamp, step: &Step, tz: &TimeZone) -> Timestamp {
    let zoned = followed_at.to_zoned(tz.clone());
    let days = Span::new().days(i64::from(step.offset_days));
    let due = match step.at_local_time {
        None => zoned.checked_add(days).map(|z| z.timestamp()),
        Some(time) => zoned
            .date()
            .checked_add(days)
            .and_then(|date| date.to_datetime(time).to_zoned(tz.clone()))
            .map(|z| z.timestamp()),
    };
    due.unwrap_or(followed_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Time;

    fn step(offset_days: u32, at: Option<Time>) -> Step {
        Step {
            offset_days,
            at_local_time: at,
            messages: vec![],
        }
    }

    #[test]
    fn day_three_at_seven_pm_is_seven_pm_in_the_stores_zone() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        // 2026-11-22 23:30 in Tokyo: the local date is already the 22nd.
        let followed: Timestamp = "2026-11-22T14:30:00Z".parse().unwrap();
        let due = first_due(
            followed,
            &step(3, Some(Time::constant(19, 0, 0, 0))),
            &tokyo,
        );
        assert_eq!(due, "2026-11-25T10:00:00Z".parse::<Timestamp>().unwrap());
    }

    #[test]
    fn without_a_time_the_step_is_due_whole_days_after_the_follow() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let followed: Timestamp = "2026-11-22T14:30:00Z".parse().unwrap();
        assert_eq!(first_due(followed, &step(0, None), &tokyo), followed);
        assert_eq!(
            first_due(followed, &step(2, None), &tokyo),
            "2026-11-24T14:30:00Z".parse::<Timestamp>().unwrap()
        );
    }
}
