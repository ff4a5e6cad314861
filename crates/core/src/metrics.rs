//! The counters otodoke keeps for reports: per organization, channel and store (or
//! no store), per JST day, how many friends came, came back and left, how many
//! messages customers sent and what answered them.
//!
//! Counters are pre-aggregated (atomic increments per day, channel and store, and
//! at the same time on the roll-ups a report reads: the organization's day, the
//! channel's day, the store's month) so that a report over a year is a handful of
//! reads of a few hundred small rows, never a scan of the raw events. They are written off the webhook's hot path, by the responder and the
//! staff inbox, each event's increments applied at most once
//! ([`crate::ports::MetricsStore::add`]).
//!
//! Everything here is pure: the day of a timestamp, the counter names, and the sums
//! a report makes of stored rows.

use crate::ids::{ChannelId, OrgId, StoreId};
use crate::quota::QuotaMonth;
use jiff::civil::Date;
use jiff::{tz::TimeZone, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The longest range one report may cover, in days (a year with room for a
/// same-period comparison, and a bound on what one request reads).
pub const MAX_REPORT_DAYS: i32 = 400;

/// The longest store comparison, in whole months (a year and the same month a year
/// before).
pub const MAX_REPORT_MONTHS: usize = 13;

/// The most rows (distinct keys) one [`crate::ports::MetricsStore::add`] may touch:
/// each row is written with its four roll-ups (five items), and DynamoDB allows
/// 100 items per transaction, one of them the dedupe mark. An event touches one.
pub const MAX_ROWS_PER_ADD: usize = 19;

/// The roll-ups one counted row is also added to, besides its own day row: what a
/// report reads instead of the rows (see [`crate::ports::MetricsStore`]).
pub const ROLLUPS_PER_ROW: usize = 4;

// A full `add` (every row with its roll-ups, plus the mark) fits one DynamoDB
// transaction of 100 items.
const _: () = assert!(MAX_ROWS_PER_ADD * (1 + ROLLUPS_PER_ROW) < 100);

/// A calendar day in Japan (JST, UTC+9, no daylight saving): reports count in the
/// days the stores live in, whatever the server's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day(Date);

/// A day that is not `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a date of the form YYYY-MM-DD")]
pub struct InvalidDay(pub String);

impl Day {
    /// The JST day containing `at`.
    pub fn of(at: Timestamp) -> Self {
        let tokyo = TimeZone::get("Asia/Tokyo").expect("the bundled tz database has Asia/Tokyo");
        Self(at.to_zoned(tokyo).date())
    }

    /// The day of `date`.
    pub fn new(date: Date) -> Self {
        Self(date)
    }

    /// Parses `YYYY-MM-DD` (exactly: ten characters, as in URLs and CSV files).
    pub fn parse(text: &str) -> Result<Self, InvalidDay> {
        let invalid = || InvalidDay(text.to_owned());
        if text.len() != 10 {
            return Err(invalid());
        }
        text.parse::<Date>().map(Self).map_err(|_| invalid())
    }

    pub fn date(self) -> Date {
        self.0
    }

    /// The JST month the day is in (the partition of a month's counters).
    pub fn month(self) -> QuotaMonth {
        QuotaMonth {
            year: self.0.year(),
            month: self.0.month(),
        }
    }

    /// The calendar year (the partition of a year's roll-ups).
    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// The first day of `month`.
    pub fn first_of(month: QuotaMonth) -> Self {
        Self(Date::new(month.year, month.month, 1).expect("a QuotaMonth is a real month"))
    }

    /// The last day of `month`.
    pub fn last_of(month: QuotaMonth) -> Self {
        Self(Self::first_of(month).0.last_of_month())
    }

    /// Every calendar year from `from`'s to `to`'s (none when `from > to`).
    pub fn years(from: Day, to: Day) -> Vec<i16> {
        if from > to {
            return Vec::new();
        }
        (from.year()..=to.year()).collect()
    }

    /// The next day (saturating at the end of the calendar).
    pub fn next(self) -> Self {
        Self(self.0.tomorrow().unwrap_or(self.0))
    }

    /// How many days `from..=self` covers (1 for the same day; 0 or less when
    /// `from` is later).
    pub fn days_since(self, from: Day) -> i32 {
        let span = self
            .0
            .since(from.0)
            .map(|s| s.get_days())
            .unwrap_or(i32::MAX);
        span.saturating_add(1)
    }

    /// Every month from `from`'s to `to`'s, in order (none when `from > to`).
    pub fn months(from: Day, to: Day) -> Vec<QuotaMonth> {
        let mut months = Vec::new();
        let mut at = from.0.first_of_month();
        while at <= to.0 {
            months.push(Day(at).month());
            match at.last_of_month().tomorrow() {
                Ok(next) => at = next,
                Err(_) => break,
            }
        }
        months
    }
}

/// A month that is not `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a month of the form YYYY-MM")]
pub struct InvalidMonth(pub String);

/// What [`parse_month`] reads, as the admin API's document states it (a test
/// checks the two agree).
pub const MONTH_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])$";

/// Parses `YYYY-MM` (exactly seven characters, as in URLs and storage keys).
pub fn parse_month(text: &str) -> Result<QuotaMonth, InvalidMonth> {
    let invalid = || InvalidMonth(text.to_owned());
    let (year, month) = text.split_once('-').ok_or_else(invalid)?;
    if text.len() != 7 || year.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return Err(invalid());
    }
    let year: i16 = year.parse().map_err(|_| invalid())?;
    let month: i8 = month.parse().map_err(|_| invalid())?;
    Date::new(year, month, 1).map_err(|_| invalid())?;
    Ok(QuotaMonth { year, month })
}

/// Every month from `from` to `to`, in order (none when `from > to`).
pub fn months_between(from: QuotaMonth, to: QuotaMonth) -> Vec<QuotaMonth> {
    Day::months(Day::first_of(from), Day::last_of(to))
}

impl fmt::Display for Day {
    /// `2026-11-03`: the form in keys, URLs and CSV files.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl TryFrom<String> for Day {
    type Error = InvalidDay;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Day> for String {
    fn from(day: Day) -> String {
        day.to_string()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Day {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::Date,
            )))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Day {}

/// Declares the counters once: the [`Counter`] names and the [`Counts`] fields
/// follow from the same list, so the two cannot drift apart.
macro_rules! counters {
    ($($(#[$doc:meta])* $variant:ident => $field:ident,)*) => {
        /// One named counter.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum Counter {
            $($(#[$doc])* $variant,)*
        }

        impl Counter {
            /// Every counter, in the order reports show them.
            pub const ALL: &'static [Counter] = &[$(Counter::$variant,)*];

            /// The counter's name: in JSON, CSV headers and storage attributes.
            pub fn name(self) -> &'static str {
                match self {
                    $(Counter::$variant => stringify!($field),)*
                }
            }
        }

        /// A value of every counter (absent counters are 0): what one day, one store
        /// or one report adds up to.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct Counts {
            $($(#[$doc])* #[serde(default)] pub $field: u64,)*
        }

        impl Counts {
            pub fn get(&self, counter: Counter) -> u64 {
                match counter {
                    $(Counter::$variant => self.$field,)*
                }
            }

            /// Adds `by` to `counter` (saturating: a counter never wraps).
            pub fn add(&mut self, counter: Counter, by: u64) {
                let slot = match counter {
                    $(Counter::$variant => &mut self.$field,)*
                };
                *slot = slot.saturating_add(by);
            }
        }
    };
}

counters! {
    /// Friends added (a first follow).
    Follows => follows,
    /// Friends who unblocked the account.
    Unblocks => unblocks,
    /// Friends who blocked the account (LINE's `unfollow`).
    Blocks => blocks,
    /// Messages customers sent.
    Inbound => inbound,
    /// Answers by a keyword rule.
    AnswerRule => answer_rule,
    /// Answers by one of the store's intents (FAQ).
    AnswerIntent => answer_intent,
    /// Answers by a built-in intent (hours, access, a person).
    AnswerBuiltin => answer_builtin,
    /// The after-hours answer.
    AnswerAfterHours => answer_after_hours,
    /// Greetings (on a follow or an unblock).
    AnswerGreeting => answer_greeting,
    /// The fallback answer ("we could not understand").
    AnswerFallback => answer_fallback,
    /// Messages a staff member sent from the inbox.
    AnswerStaff => answer_staff,
    /// Messages an automation sent in answer to an event.
    AnswerAutomation => answer_automation,
    /// Customer messages nothing answered (silence, or an answer that could not be sent).
    AnswerNone => answer_none,
    /// Questions the intents declined (the teaching loop's input).
    DeclinedIntents => declined_intents,
    /// Events that ran at least one automation.
    AutomationRuns => automation_runs,
    /// Customers who began waiting for a person (a message the bot left to staff, or
    /// a request for a person), on the day the wait began. The waits' outcomes below
    /// count on that same day, so a day's unanswered waits are what is left of them.
    StaffWaits => staff_waits,
    /// Waits a staff member answered (the first staff message after the wait began).
    StaffFirstReplies => staff_first_replies,
    /// Waits closed (the thread resolved) with no staff message.
    StaffWaitsClosed => staff_waits_closed,
    /// The answered waits' time within business hours, summed (seconds).
    StaffWaitOpenSeconds => staff_wait_open_seconds,
    /// Answered within a minute of business hours.
    FirstReplyIn1m => first_reply_in1m,
    /// Answered after 1 and within 5 minutes.
    FirstReplyIn5m => first_reply_in5m,
    /// Answered after 5 and within 15 minutes.
    FirstReplyIn15m => first_reply_in15m,
    /// Answered after 15 and within 30 minutes.
    FirstReplyIn30m => first_reply_in30m,
    /// Answered after 30 minutes and within an hour.
    FirstReplyIn1h => first_reply_in1h,
    /// Answered after 1 and within 2 hours.
    FirstReplyIn2h => first_reply_in2h,
    /// Answered after 2 and within 4 hours.
    FirstReplyIn4h => first_reply_in4h,
    /// Answered after 4 and within 8 hours.
    FirstReplyIn8h => first_reply_in8h,
    /// Answered after 8 and within 24 hours.
    FirstReplyIn24h => first_reply_in24h,
    /// Answered after more than 24 hours of business hours.
    FirstReplyOver24h => first_reply_over24h,
}

/// The first-reply buckets: each counter with its upper bound in seconds of business
/// hours (`None`: unbounded). Medians and 90th percentiles are estimated from these
/// (a percentile cannot be kept as an atomic counter); the bounds are what a store
/// promises ("within 5 minutes", "within the hour").
pub const FIRST_REPLY_BUCKETS: [(Counter, Option<u64>); 10] = [
    (Counter::FirstReplyIn1m, Some(60)),
    (Counter::FirstReplyIn5m, Some(5 * 60)),
    (Counter::FirstReplyIn15m, Some(15 * 60)),
    (Counter::FirstReplyIn30m, Some(30 * 60)),
    (Counter::FirstReplyIn1h, Some(3600)),
    (Counter::FirstReplyIn2h, Some(2 * 3600)),
    (Counter::FirstReplyIn4h, Some(4 * 3600)),
    (Counter::FirstReplyIn8h, Some(8 * 3600)),
    (Counter::FirstReplyIn24h, Some(24 * 3600)),
    (Counter::FirstReplyOver24h, None),
];

/// The counters of one answered wait that took `open_seconds` of business hours:
/// the reply, its bucket, and the seconds (as increments of the wait's day).
pub fn first_reply(open_seconds: u64) -> [(Counter, u64); 3] {
    let bucket = FIRST_REPLY_BUCKETS
        .iter()
        .find(|(_, bound)| bound.is_none_or(|b| open_seconds <= b))
        .map_or(Counter::FirstReplyOver24h, |(c, _)| *c);
    [
        (Counter::StaffFirstReplies, 1),
        (bucket, 1),
        (Counter::StaffWaitOpenSeconds, open_seconds),
    ]
}

/// How fast staff answered the waits of a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseTimes {
    /// Customers who began waiting for a person.
    pub waits: u64,
    /// Of those, answered by staff.
    pub answered: u64,
    /// Of those, closed with no staff message.
    pub closed: u64,
    /// Of those, neither answered nor closed yet: customers still waiting.
    pub unanswered: u64,
    /// The bucket (an index into `buckets`) the median first reply falls in: "half
    /// were answered within 5 minutes". Buckets are all a counter can keep, so the
    /// median is said as its bucket rather than made up inside it; absent when
    /// nothing was answered.
    pub median_bucket: Option<usize>,
    /// The bucket the 90th percentile falls in, the same way.
    pub p90_bucket: Option<usize>,
    /// Mean first-reply time in business hours (seconds).
    pub mean_seconds: Option<u64>,
    /// How many answers fell in each bucket, fastest first.
    pub buckets: Vec<ReplyBucket>,
}

/// One bucket of first replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyBucket {
    /// Answered within this many seconds of business hours (absent: more than a day).
    pub within_seconds: Option<u64>,
    pub count: u64,
}

impl Counts {
    /// The response times these counts hold.
    pub fn response_times(&self) -> ResponseTimes {
        let answered = self.staff_first_replies;
        let closed = self.staff_waits_closed;
        let buckets: Vec<ReplyBucket> = FIRST_REPLY_BUCKETS
            .iter()
            .map(|&(counter, bound)| ReplyBucket {
                within_seconds: bound,
                count: self.get(counter),
            })
            .collect();
        let quantile = |q: f64| quantile_bucket(&buckets, q);
        ResponseTimes {
            waits: self.staff_waits,
            answered,
            closed,
            unanswered: self
                .staff_waits
                .saturating_sub(answered)
                .saturating_sub(closed),
            median_bucket: quantile(0.5),
            p90_bucket: quantile(0.9),
            mean_seconds: (answered > 0).then(|| self.staff_wait_open_seconds / answered),
            buckets,
        }
    }
}

/// The bucket holding the `q` quantile of the bucketed answers: the first whose
/// running total reaches `q` of all (rank rounded up, as "nearest rank" does).
fn quantile_bucket(buckets: &[ReplyBucket], q: f64) -> Option<usize> {
    let total: u64 = buckets.iter().map(|b| b.count).sum();
    if total == 0 {
        return None;
    }
    let rank = ((q * total as f64).ceil() as u64).clamp(1, total);
    let mut seen = 0u64;
    buckets.iter().position(|b| {
        seen += b.count;
        seen >= rank
    })
}

impl Counts {
    /// Friends gained: follows + unblocks − blocks (negative when more left).
    pub fn net_friends(&self) -> i64 {
        let gained = i128::from(self.follows) + i128::from(self.unblocks);
        let net = gained - i128::from(self.blocks);
        net.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }

    /// Adds every counter of `other`.
    pub fn merge(&mut self, other: &Counts) {
        for &counter in Counter::ALL {
            self.add(counter, other.get(counter));
        }
    }

    /// The counters that are not zero, in [`Counter::ALL`]'s order.
    pub fn nonzero(&self) -> impl Iterator<Item = (Counter, u64)> + '_ {
        Counter::ALL
            .iter()
            .map(|&c| (c, self.get(c)))
            .filter(|(_, n)| *n > 0)
    }
}

/// What one stored row counts: an organization's channel and store (`None`: friends
/// of no store) on one day. The organization comes first: every key names it, and
/// two organizations with the same channel or store ids never share a row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MetricKey {
    pub org: OrgId,
    pub day: Day,
    pub channel: ChannelId,
    pub store: Option<StoreId>,
}

impl MetricKey {
    /// The row of `org`'s `channel` and `store` on the JST day of `at`.
    pub fn at(org: OrgId, channel: ChannelId, store: Option<StoreId>, at: Timestamp) -> Self {
        Self {
            org,
            day: Day::of(at),
            channel,
            store,
        }
    }
}

/// Adds `by` to one counter of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Increment {
    pub key: MetricKey,
    pub counter: Counter,
    pub by: u64,
}

/// The increments of several counters of one row, one each (the usual shape: an
/// event adds one to a few counters of its day, channel and store).
pub fn increments(key: &MetricKey, counters: &[Counter]) -> Vec<Increment> {
    counters
        .iter()
        .map(|&counter| Increment {
            key: key.clone(),
            counter,
            by: 1,
        })
        .collect()
}

/// One counted row: a day's counts of a channel and store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyCounts {
    pub day: Day,
    pub channel: ChannelId,
    pub store: Option<StoreId>,
    pub counts: Counts,
}

impl DailyCounts {
    /// Whether the row is one `filter` asks for.
    pub fn matches(&self, filter: &MetricsFilter) -> bool {
        filter.channel.as_ref().is_none_or(|c| *c == self.channel)
            && filter
                .store
                .as_ref()
                .is_none_or(|s| Some(s) == self.store.as_ref())
    }

    /// Whether the row counts towards `slice`'s series. Rows of no store count
    /// only towards the organization's and a channel's series, never towards
    /// a list of stores.
    pub fn in_slice(&self, slice: &Slice) -> bool {
        match slice {
            Slice::All => true,
            Slice::Channel(channel) => *channel == self.channel,
            Slice::Stores { stores, channel } => {
                self.store.as_ref().is_some_and(|s| stores.contains(s))
                    && channel.as_ref().is_none_or(|c| *c == self.channel)
            }
        }
    }
}

/// Which rows of an organization a store comparison reads (`None`: all).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetricsFilter {
    pub channel: Option<ChannelId>,
    pub store: Option<StoreId>,
}

/// Whose daily series a report reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slice {
    /// The whole organization (friends of no store included): one roll-up row a day.
    All,
    /// One channel, every store and none: one roll-up row a day.
    Channel(ChannelId),
    /// These stores (never friends of no store), optionally one channel of
    /// theirs: the stores' own rows, summed per day. An empty list is nothing.
    Stores {
        stores: Vec<StoreId>,
        channel: Option<ChannelId>,
    },
}

/// One day's counts of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    pub day: Day,
    pub counts: Counts,
}

/// A store's counts of one channel over one JST month (`store` `None`: friends of
/// no store): the row of a store comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreMonth {
    pub month: QuotaMonth,
    pub store: Option<StoreId>,
    pub channel: ChannelId,
    pub counts: Counts,
}

impl StoreMonth {
    /// Whether the row is one `filter` asks for.
    pub fn matches(&self, filter: &MetricsFilter) -> bool {
        filter.channel.as_ref().is_none_or(|c| *c == self.channel)
            && filter
                .store
                .as_ref()
                .is_none_or(|s| Some(s) == self.store.as_ref())
    }
}

/// The rows' counts summed per `key` (e.g. per day, per store, per channel), in
/// the key's order. Cost: one pass over the rows.
pub fn sum_by<R, K: Ord>(rows: &[R], key: impl Fn(&R) -> (K, &Counts)) -> BTreeMap<K, Counts> {
    let mut sums: BTreeMap<K, Counts> = BTreeMap::new();
    for row in rows {
        let (k, counts) = key(row);
        sums.entry(k).or_default().merge(counts);
    }
    sums
}

/// The rows' counts per day, oldest first.
pub fn by_day(rows: &[DailyCounts]) -> Vec<DayCounts> {
    sum_by(rows, |r| (r.day, &r.counts))
        .into_iter()
        .map(|(day, counts)| DayCounts { day, counts })
        .collect()
}

/// Every counts added together.
pub fn sum<'a>(counts: impl IntoIterator<Item = &'a Counts>) -> Counts {
    let mut total = Counts::default();
    for c in counts {
        total.merge(c);
    }
    total
}

/// Every row's counts added together.
pub fn total(rows: &[DailyCounts]) -> Counts {
    sum(rows.iter().map(|r| &r.counts))
}

/// Every day of `from..=to`, oldest first, with the series' counts (zeros for a
/// day it has none of). Cost: O(days + series).
pub fn every_day(from: Day, to: Day, series: &[DayCounts]) -> Vec<DayCounts> {
    let known: BTreeMap<Day, Counts> = series.iter().map(|d| (d.day, d.counts)).collect();
    let mut days = Vec::new();
    let mut day = from;
    while day <= to {
        let counts = known.get(&day).copied().unwrap_or_default();
        days.push(DayCounts { day, counts });
        if day.next() == day {
            break;
        }
        day = day.next();
    }
    days
}

/// One store's line in a store comparison: the total over the months, and each
/// month of the range (zeros for a month it has none of).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreSeries {
    pub store: Option<StoreId>,
    pub total: Counts,
    pub months: Vec<(QuotaMonth, Counts)>,
}

/// The store comparison of `from..=to` from its rows: one line per store with
/// counts that `visible` lets through (channels summed), friends of no store
/// first, then by store id. Cost: O(rows + stores × months).
pub fn compare_stores(
    from: QuotaMonth,
    to: QuotaMonth,
    rows: &[StoreMonth],
    visible: impl Fn(Option<&StoreId>) -> bool,
) -> Vec<StoreSeries> {
    let months = months_between(from, to);
    let per_store_month = sum_by(rows, |r| ((r.store.clone(), r.month), &r.counts));
    let mut lines: BTreeMap<Option<StoreId>, StoreSeries> = BTreeMap::new();
    for ((store, month), counts) in per_store_month {
        if !visible(store.as_ref()) || !months.contains(&month) {
            continue;
        }
        let line = lines.entry(store.clone()).or_insert_with(|| StoreSeries {
            store,
            total: Counts::default(),
            months: months.iter().map(|&m| (m, Counts::default())).collect(),
        });
        line.total.merge(&counts);
        if let Some((_, slot)) = line.months.iter_mut().find(|(m, _)| *m == month) {
            slot.merge(&counts);
        }
    }
    lines.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_month_pattern_allows_exactly_the_months_parse_month_reads() {
        let pattern = regex::Regex::new(MONTH_PATTERN).unwrap();
        let mut samples: Vec<String> = ["", "q", "2026-1", "2026-001", "2026/01", "-026-01"]
            .map(String::from)
            .to_vec();
        samples.push("２０２６-01".into());
        for year in ["0000", "1999", "2026", "9999"] {
            for month in 0..=13 {
                samples.push(format!("{year}-{month:02}"));
            }
        }
        for text in &samples {
            assert_eq!(
                pattern.is_match(text),
                parse_month(text).is_ok(),
                "{text:?}"
            );
        }
    }

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn row(d: &str, channel: &str, store: Option<&str>, counts: &[(Counter, u64)]) -> DailyCounts {
        let mut c = Counts::default();
        for &(counter, n) in counts {
            c.add(counter, n);
        }
        DailyCounts {
            day: day(d),
            channel: ChannelId::new(channel).unwrap(),
            store: store.map(|s| StoreId::new(s).unwrap()),
            counts: c,
        }
    }

    #[test]
    fn the_day_rolls_over_at_jst_midnight() {
        let before: Timestamp = "2026-03-31T14:59:59Z".parse().unwrap();
        let after: Timestamp = "2026-03-31T15:00:00Z".parse().unwrap();
        assert_eq!(Day::of(before), day("2026-03-31"));
        assert_eq!(Day::of(after), day("2026-04-01"));
        assert_eq!(Day::of(after).month().to_string(), "2026-04");
    }

    #[test]
    fn a_day_parses_only_as_yyyy_mm_dd_and_prints_back_the_same() {
        assert_eq!(day("2026-01-05").to_string(), "2026-01-05");
        for bad in ["2026-1-5", "2026-02-30", "20260105", "", "2026-01-05T00:00"] {
            assert!(Day::parse(bad).is_err(), "{bad:?} should be refused");
        }
        let json = serde_json::to_string(&day("2026-01-05")).unwrap();
        assert_eq!(json, "\"2026-01-05\"");
        assert!(serde_json::from_str::<Day>("\"2026-13-01\"").is_err());
    }

    #[test]
    fn days_since_counts_both_ends_and_months_cover_the_range() {
        assert_eq!(day("2026-01-01").days_since(day("2026-01-01")), 1);
        assert_eq!(day("2026-12-31").days_since(day("2026-01-01")), 365);
        assert!(day("2026-01-01").days_since(day("2026-01-02")) <= 0);
        let months: Vec<String> = Day::months(day("2025-11-30"), day("2026-02-01"))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert!(Day::months(day("2026-02-01"), day("2026-01-01")).is_empty());
    }

    #[test]
    fn net_friends_is_follows_plus_unblocks_minus_blocks() {
        let mut c = Counts::default();
        c.add(Counter::Follows, 3);
        c.add(Counter::Unblocks, 1);
        c.add(Counter::Blocks, 6);
        assert_eq!(c.net_friends(), -2);
        c.add(Counter::Follows, u64::MAX);
        assert_eq!(c.follows, u64::MAX, "counters saturate, never wrap");
        assert!(c.net_friends() > 0);
    }

    #[test]
    fn every_counter_has_its_own_field_and_name() {
        let mut names = std::collections::HashSet::new();
        for (i, &counter) in Counter::ALL.iter().enumerate() {
            let mut c = Counts::default();
            c.add(counter, i as u64 + 1);
            assert_eq!(c.get(counter), i as u64 + 1);
            assert_eq!(c.nonzero().count(), 1, "{counter:?} touched another field");
            assert!(names.insert(counter.name()));
            let json = serde_json::to_value(c).unwrap();
            assert_eq!(json[counter.name()], i as u64 + 1);
            assert_eq!(
                serde_json::to_value(counter).unwrap(),
                counter.name(),
                "the enum and the field share the name"
            );
        }
        assert_eq!(Counter::ALL.len(), 29);
    }

    #[test]
    fn sums_group_rows_by_day_and_every_day_fills_the_gaps_with_zeros() {
        let rows = vec![
            row("2026-01-01", "c1", Some("a"), &[(Counter::Follows, 2)]),
            row("2026-01-01", "c2", Some("b"), &[(Counter::Follows, 1)]),
            row("2026-01-03", "c1", Some("a"), &[(Counter::Blocks, 1)]),
            row("2026-01-03", "c1", None, &[(Counter::Inbound, 4)]),
        ];
        let days = by_day(&rows);
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].counts.follows, 3);
        assert_eq!(days[1].counts.net_friends(), -1);
        let all = every_day(day("2025-12-31"), day("2026-01-03"), &days);
        let follows: Vec<u64> = all.iter().map(|d| d.counts.follows).collect();
        assert_eq!(follows, [0, 3, 0, 0]);
        assert_eq!(all[3].counts.inbound, 4);
        assert_eq!(total(&rows).follows, 3);
        assert_eq!(sum(days.iter().map(|d| &d.counts)), total(&rows));
    }

    #[test]
    fn a_slice_of_stores_never_holds_rows_of_no_store() {
        let a = row("2026-01-01", "c1", Some("a"), &[]);
        let none = row("2026-01-01", "c1", None, &[]);
        let stores = |channel: Option<&str>| Slice::Stores {
            stores: vec![StoreId::new("a").unwrap()],
            channel: channel.map(|c| ChannelId::new(c).unwrap()),
        };
        assert!(a.in_slice(&Slice::All) && none.in_slice(&Slice::All));
        assert!(none.in_slice(&Slice::Channel(ChannelId::new("c1").unwrap())));
        assert!(!a.in_slice(&Slice::Channel(ChannelId::new("c2").unwrap())));
        assert!(a.in_slice(&stores(None)) && a.in_slice(&stores(Some("c1"))));
        assert!(!a.in_slice(&stores(Some("c2"))));
        assert!(!none.in_slice(&stores(None)), "no store is in no list");
        let nobody = Slice::Stores {
            stores: vec![],
            channel: None,
        };
        assert!(!a.in_slice(&nobody));
    }

    #[test]
    fn months_parse_as_yyyy_mm_and_bound_days_and_years() {
        let jan = parse_month("2026-01").unwrap();
        assert_eq!(jan.to_string(), "2026-01");
        for bad in [
            "2026-1",
            "2026-13",
            "26-01",
            "2026_01",
            "+206-01",
            "2026-01-01",
            "",
        ] {
            assert!(parse_month(bad).is_err(), "{bad:?} should be refused");
        }
        let feb = parse_month("2028-02").unwrap();
        assert_eq!(Day::last_of(feb), day("2028-02-29"));
        assert_eq!(Day::first_of(feb), day("2028-02-01"));
        assert_eq!(
            months_between(parse_month("2025-12").unwrap(), jan).len(),
            2
        );
        assert_eq!(
            Day::years(day("2025-12-31"), day("2026-01-01")),
            [2025, 2026]
        );
        assert!(Day::years(day("2026-01-02"), day("2026-01-01")).is_empty());
    }

    #[test]
    fn a_store_comparison_sums_channels_fills_months_and_hides_what_is_not_visible() {
        let m = |s: &str| parse_month(s).unwrap();
        let line = |month: &str, store: Option<&str>, channel: &str, follows: u64| {
            let mut counts = Counts::default();
            counts.add(Counter::Follows, follows);
            StoreMonth {
                month: m(month),
                store: store.map(|s| StoreId::new(s).unwrap()),
                channel: ChannelId::new(channel).unwrap(),
                counts,
            }
        };
        let rows = [
            line("2026-01", Some("b"), "c1", 1),
            line("2026-01", Some("b"), "c2", 2),
            line("2026-03", Some("b"), "c1", 4),
            line("2026-02", Some("a"), "c1", 8),
            line("2026-02", None, "c1", 16),
            line("2026-04", Some("a"), "c1", 32),
        ];
        let all = compare_stores(m("2026-01"), m("2026-03"), &rows, |_| true);
        let stores: Vec<Option<&str>> = all
            .iter()
            .map(|l| l.store.as_ref().map(|s| s.as_str()))
            .collect();
        assert_eq!(stores, [None, Some("a"), Some("b")]);
        let b = &all[2];
        assert_eq!(b.total.follows, 7);
        let per_month: Vec<u64> = b.months.iter().map(|(_, c)| c.follows).collect();
        assert_eq!(
            per_month,
            [3, 0, 4],
            "channels summed, an empty month zeros"
        );
        assert_eq!(
            all[1].total.follows, 8,
            "a month outside the range is left out"
        );
        let only_a = compare_stores(m("2026-01"), m("2026-03"), &rows, |s| {
            s.is_some_and(|s| s.as_str() == "a")
        });
        assert_eq!(only_a.len(), 1);
    }

    #[test]
    fn a_filter_keeps_only_the_asked_channel_and_store() {
        let r = row("2026-01-01", "c1", Some("a"), &[]);
        let none = row("2026-01-01", "c1", None, &[]);
        let store_a = MetricsFilter {
            channel: None,
            store: Some(StoreId::new("a").unwrap()),
        };
        assert!(r.matches(&MetricsFilter::default()));
        assert!(r.matches(&store_a));
        assert!(!none.matches(&store_a));
        let c2 = MetricsFilter {
            channel: Some(ChannelId::new("c2").unwrap()),
            store: None,
        };
        assert!(!r.matches(&c2));
    }

    #[test]
    fn increments_name_the_organization_of_their_key() {
        let key = MetricKey::at(
            OrgId::new("acme").unwrap(),
            ChannelId::new("c1").unwrap(),
            None,
            "2026-01-01T00:00:00Z".parse().unwrap(),
        );
        let incs = increments(&key, &[Counter::Inbound, Counter::AnswerRule]);
        assert_eq!(incs.len(), 2);
        assert!(incs
            .iter()
            .all(|i| i.key.org.as_str() == "acme" && i.by == 1));
    }

    #[test]
    fn a_first_reply_lands_in_the_bucket_of_its_business_time() {
        assert_eq!(first_reply(0)[1].0, Counter::FirstReplyIn1m);
        assert_eq!(first_reply(60)[1].0, Counter::FirstReplyIn1m);
        assert_eq!(first_reply(61)[1].0, Counter::FirstReplyIn5m);
        assert_eq!(first_reply(3 * 3600)[1].0, Counter::FirstReplyIn4h);
        assert_eq!(first_reply(90_000)[1].0, Counter::FirstReplyOver24h);
        assert_eq!(first_reply(75)[2], (Counter::StaffWaitOpenSeconds, 75));
    }

    #[test]
    fn response_times_estimate_median_and_p90_from_the_buckets() {
        let mut c = Counts::default();
        c.add(Counter::StaffWaits, 12);
        c.add(Counter::StaffWaitsClosed, 1);
        // Ten answers: four within a minute, four in 1–5 minutes, two in 15–30.
        for (seconds, times) in [(30, 4), (120, 4), (1200, 2)] {
            for _ in 0..times {
                for (counter, by) in first_reply(seconds) {
                    c.add(counter, by);
                }
            }
        }
        let r = c.response_times();
        assert_eq!(
            (r.waits, r.answered, r.closed, r.unanswered),
            (12, 10, 1, 1)
        );
        // Rank 5 of 10 is in the 1–5 minute bucket (index 1), rank 9 in the
        // 15–30 minute one (index 3).
        assert_eq!(r.median_bucket, Some(1));
        assert_eq!(r.p90_bucket, Some(3));
        assert_eq!(r.mean_seconds, Some((4 * 30 + 4 * 120 + 2 * 1200) / 10));
        assert_eq!(r.buckets.len(), 10);
        assert_eq!(Counts::default().response_times().median_bucket, None);
    }

    #[test]
    fn a_quantile_in_the_open_bucket_is_the_last_bucket() {
        let mut c = Counts::default();
        for seconds in [10, 200_000] {
            for (counter, by) in first_reply(seconds) {
                c.add(counter, by);
            }
        }
        let r = c.response_times();
        assert_eq!(r.median_bucket, Some(0), "rank 1 of 2");
        assert_eq!(r.p90_bucket, Some(FIRST_REPLY_BUCKETS.len() - 1));
    }
}
