//! The report counters in memory: one B-tree per organization, by day, then
//! channel and store, so that a range is one ordered walk; and the dedupe marks
//! of applied increments.
//!
//! Only the rows are kept: the roll-ups the DynamoDB adapter writes beside them
//! (organization and channel days, store months) are sums of the rows, which a
//! walk over a year of one organization's rows makes in memory in a few
//! milliseconds. The answers are the same as the DynamoDB adapter's (the
//! contract suite compares them), and the persisted snapshot keeps its shape.

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::metrics::{
    by_day, sum_by, Counts, DailyCounts, Day, DayCounts, Increment, MetricsFilter, Slice,
    StoreMonth, MAX_ROWS_PER_ADD,
};
use otodoke_core::ports::{MetricsStore, METRICS_DEDUPE_DAYS};
use otodoke_core::quota::QuotaMonth;
use otodoke_core::{ChannelId, OrgId, StoreError, StoreId};
use parking_lot::RwLock;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One organization's rows: by day, then channel and store.
type Rows = BTreeMap<Day, BTreeMap<(ChannelId, Option<StoreId>), Counts>>;

/// In-memory [`MetricsStore`]. An `add` is one lock and O(increments · log n); a
/// range O(log n + rows).
#[derive(Default)]
pub struct EmbeddedMetrics {
    tables: RwLock<Tables>,
}

#[derive(Default)]
struct Tables {
    rows: HashMap<OrgId, Rows>,
    /// Applied dedupe keys per organization, with when the mark expires.
    marks: HashMap<(OrgId, String), Timestamp>,
}

/// One stored row, for persistence.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetricRow {
    pub org: OrgId,
    pub row: DailyCounts,
}

/// One dedupe mark, for persistence.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetricMark {
    pub org: OrgId,
    pub dedupe: String,
    pub expires_at: Timestamp,
}

/// Everything [`EmbeddedMetrics`] holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MetricsSnapshot {
    pub rows: Vec<MetricRow>,
    pub marks: Vec<MetricMark>,
}

impl EmbeddedMetrics {
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of every row and unexpired mark, for persistence.
    pub fn snapshot(&self) -> MetricsSnapshot {
        let t = self.tables.read();
        let now = Timestamp::now();
        MetricsSnapshot {
            rows: t
                .rows
                .iter()
                .flat_map(|(org, rows)| {
                    rows_of(rows.iter()).map(|row| MetricRow {
                        org: org.clone(),
                        row,
                    })
                })
                .collect(),
            marks: t
                .marks
                .iter()
                .filter(|(_, until)| **until > now)
                .map(|((org, dedupe), until)| MetricMark {
                    org: org.clone(),
                    dedupe: dedupe.clone(),
                    expires_at: *until,
                })
                .collect(),
        }
    }

    /// The store holding `snapshot`.
    pub fn from_snapshot(snapshot: MetricsSnapshot) -> Self {
        let mut t = Tables::default();
        for MetricRow { org, row } in snapshot.rows {
            t.rows
                .entry(org)
                .or_default()
                .entry(row.day)
                .or_default()
                .entry((row.channel, row.store))
                .or_default()
                .merge(&row.counts);
        }
        for mark in snapshot.marks {
            t.marks.insert((mark.org, mark.dedupe), mark.expires_at);
        }
        Self {
            tables: RwLock::new(t),
        }
    }
}

impl EmbeddedMetrics {
    /// `org`'s rows of the days `from..=to`, in day order (none when `from > to`).
    fn range(&self, org: &OrgId, from: Day, to: Day) -> Vec<DailyCounts> {
        if from > to {
            return Vec::new();
        }
        let t = self.tables.read();
        t.rows
            .get(org)
            .map(|rows| rows_of(rows.range(from..=to)).collect())
            .unwrap_or_default()
    }
}

/// The rows of some days, as `DailyCounts`, in order.
fn rows_of<'a>(
    days: impl Iterator<Item = (&'a Day, &'a BTreeMap<(ChannelId, Option<StoreId>), Counts>)> + 'a,
) -> impl Iterator<Item = DailyCounts> + 'a {
    days.flat_map(|(day, row)| {
        row.iter().map(|((channel, store), counts)| DailyCounts {
            day: *day,
            channel: channel.clone(),
            store: store.clone(),
            counts: *counts,
        })
    })
}

#[async_trait]
impl MetricsStore for EmbeddedMetrics {
    async fn add(&self, increments: &[Increment], dedupe: &str) -> Result<bool, StoreError> {
        let Some(first) = increments.first() else {
            return Ok(false);
        };
        let rows: std::collections::BTreeSet<_> = increments.iter().map(|i| &i.key).collect();
        if rows.len() > MAX_ROWS_PER_ADD {
            return Err(StoreError::TooLarge {
                bytes: rows.len(),
                limit: MAX_ROWS_PER_ADD,
            });
        }
        let now = Timestamp::now();
        let mut t = self.tables.write();
        let mark = (first.key.org.clone(), dedupe.to_owned());
        if t.marks.get(&mark).is_some_and(|until| *until > now) {
            return Ok(false);
        }
        t.marks.insert(
            mark,
            now + SignedDuration::from_hours(24 * METRICS_DEDUPE_DAYS),
        );
        for inc in increments {
            let key = &inc.key;
            t.rows
                .entry(key.org.clone())
                .or_default()
                .entry(key.day)
                .or_default()
                .entry((key.channel.clone(), key.store.clone()))
                .or_default()
                .add(inc.counter, inc.by);
        }
        Ok(true)
    }

    async fn series(
        &self,
        org: &OrgId,
        from: Day,
        to: Day,
        slice: &Slice,
    ) -> Result<Vec<DayCounts>, StoreError> {
        let rows: Vec<DailyCounts> = self
            .range(org, from, to)
            .into_iter()
            .filter(|row| row.in_slice(slice))
            .collect();
        Ok(by_day(&rows))
    }

    async fn store_months(
        &self,
        org: &OrgId,
        from: QuotaMonth,
        to: QuotaMonth,
        filter: &MetricsFilter,
    ) -> Result<Vec<StoreMonth>, StoreError> {
        let rows: Vec<DailyCounts> = self
            .range(org, Day::first_of(from), Day::last_of(to))
            .into_iter()
            .filter(|row| row.matches(filter))
            .collect();
        let sums = sum_by(&rows, |r| {
            (
                (r.day.month(), r.store.clone(), r.channel.clone()),
                &r.counts,
            )
        });
        Ok(sums
            .into_iter()
            .map(|((month, store, channel), counts)| StoreMonth {
                month,
                store,
                channel,
                counts,
            })
            .collect())
    }
}
