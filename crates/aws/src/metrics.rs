//! `MetricsStore` on DynamoDB: the report counters in the metrics table.
//!
//! One item per organization, channel, store and JST day, in a partition per
//! organization and month ([`keys::metrics_month`]), sort key `day#channel#store`:
//! a range of days is one Query per month (run concurrently), a year twelve. The
//! counters are number attributes named as the counters ([`Counter::name`]),
//! raised with `ADD`, so concurrent increments never lose one another.
//!
//! Applying increments at most once per dedupe key is one TransactWriteItems: a
//! conditional put of a mark item (`O#<org>#X#<dedupe>`, kept
//! [`METRICS_DEDUPE_DAYS`] by TTL) and one `ADD` update per row. When the mark is
//! already there the whole transaction is cancelled and nothing is counted.

use crate::error::corrupt;
use crate::item::{get_s, get_u64, n, s, ttl_seconds, Item};
use crate::keys::{metric_days, metric_row, metrics_mark, metrics_month};
use crate::query;
use crate::schema::{PK, SK, TTL};
use crate::transact;
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{Put, TransactWriteItem, Update};
use aws_sdk_dynamodb::Client;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::metrics::{
    Counter, Counts, DailyCounts, Day, Increment, MetricKey, MetricsFilter, MAX_ROWS_PER_ADD,
};
use otodoke_core::ports::{MetricsStore, METRICS_DEDUPE_DAYS};
use otodoke_core::{ChannelId, OrgId, StoreError, StoreId};
use std::collections::{BTreeMap, HashMap};

/// The row's day, channel and store (absent: no store), beside its counters.
const DAY: &str = "day";
const CHANNEL: &str = "ch";
const STORE: &str = "st";
/// The sort key of a dedupe mark (alone in its partition).
const MARK_SK: &str = "X";

/// Report counters in a DynamoDB table.
#[derive(Debug, Clone)]
pub struct DynamoMetrics {
    client: Client,
    table: String,
}

impl DynamoMetrics {
    /// Counters in `table` (the metrics table).
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// The conditional put of `org`'s mark of `dedupe`.
    fn mark(&self, org: &OrgId, dedupe: &str) -> Result<TransactWriteItem, StoreError> {
        let until = Timestamp::now() + SignedDuration::from_hours(24 * METRICS_DEDUPE_DAYS);
        let put = Put::builder()
            .table_name(&self.table)
            .item(PK, s(metrics_mark(org, dedupe)))
            .item(SK, s(MARK_SK))
            .item(TTL, n(ttl_seconds(until)))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .build()
            .map_err(|e| crate::error::store_unavailable("TransactWriteItems", e))?;
        Ok(TransactWriteItem::builder().put(put).build())
    }

    /// The update adding `counts` to `key`'s row (creating it).
    fn update(&self, key: &MetricKey, counts: &Counts) -> Result<TransactWriteItem, StoreError> {
        let (pk, sk) = metric_row(key);
        let mut names = HashMap::from([
            ("#day".to_string(), DAY.to_string()),
            ("#ch".to_string(), CHANNEL.to_string()),
        ]);
        let mut values = HashMap::from([
            (":day".to_string(), s(key.day.to_string())),
            (":ch".to_string(), s(key.channel.as_str())),
        ]);
        let mut set = "SET #day = :day, #ch = :ch".to_string();
        if let Some(store) = &key.store {
            names.insert("#st".into(), STORE.into());
            values.insert(":st".into(), s(store.as_str()));
            set.push_str(", #st = :st");
        }
        let adds: Vec<String> = counts
            .nonzero()
            .enumerate()
            .map(|(i, (counter, by))| {
                names.insert(format!("#c{i}"), counter.name().to_string());
                values.insert(format!(":c{i}"), n(by));
                format!("#c{i} :c{i}")
            })
            .collect();
        let expression = if adds.is_empty() {
            set
        } else {
            format!("{set} ADD {}", adds.join(", "))
        };
        let update = Update::builder()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s(sk))
            .update_expression(expression)
            .set_expression_attribute_names(Some(names))
            .set_expression_attribute_values(Some(values))
            .build()
            .map_err(|e| crate::error::store_unavailable("TransactWriteItems", e))?;
        Ok(TransactWriteItem::builder().update(update).build())
    }

    /// The rows of `org`'s `month` with `from <= day <= to`. One Query per 1 MB.
    async fn month(
        &self,
        org: &OrgId,
        month: otodoke_core::quota::QuotaMonth,
        from: Day,
        to: Day,
    ) -> Result<Vec<Item>, StoreError> {
        let (lo, hi) = metric_days(from, to);
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(metrics_month(org, month)))
            .expression_attribute_values(":lo", s(lo))
            .expression_attribute_values(":hi", s(hi))
            .consistent_read(true);
        query::all(request).await
    }
}

/// The item of `key`'s row holding `counts`, as `add` leaves it: for bulk loads
/// (BatchWriteItem: seeding a figure, importing history), which replace the row.
pub fn row_item(key: &MetricKey, counts: &Counts) -> Item {
    let (pk, sk) = metric_row(key);
    let mut item = Item::from([
        (PK.to_string(), s(pk)),
        (SK.to_string(), s(sk)),
        (DAY.to_string(), s(key.day.to_string())),
        (CHANNEL.to_string(), s(key.channel.as_str())),
    ]);
    if let Some(store) = &key.store {
        item.insert(STORE.to_string(), s(store.as_str()));
    }
    for (counter, value) in counts.nonzero() {
        item.insert(counter.name().to_string(), n(value));
    }
    item
}

/// The row an item holds.
fn row_of(item: &Item) -> Result<DailyCounts, StoreError> {
    let what = "metrics row";
    let day = get_s(item, DAY).ok_or_else(|| corrupt(what, "no day"))?;
    let channel = get_s(item, CHANNEL).ok_or_else(|| corrupt(what, "no channel"))?;
    let mut counts = Counts::default();
    for &counter in Counter::ALL {
        counts.add(counter, get_u64(item, counter.name(), what)?.unwrap_or(0));
    }
    Ok(DailyCounts {
        day: Day::parse(day).map_err(|e| corrupt(what, e))?,
        channel: ChannelId::new(channel).map_err(|e| corrupt(what, e))?,
        store: get_s(item, STORE)
            .map(StoreId::new)
            .transpose()
            .map_err(|e| corrupt(what, e))?,
        counts,
    })
}

#[async_trait]
impl MetricsStore for DynamoMetrics {
    /// One TransactWriteItems: the mark's conditional put and one update per row
    /// (retried while it only loses races with other increments of the same rows).
    async fn add(&self, increments: &[Increment], dedupe: &str) -> Result<bool, StoreError> {
        let Some(first) = increments.first() else {
            return Ok(false);
        };
        let mut rows: BTreeMap<&MetricKey, Counts> = BTreeMap::new();
        for inc in increments {
            rows.entry(&inc.key).or_default().add(inc.counter, inc.by);
        }
        if rows.len() > MAX_ROWS_PER_ADD {
            return Err(StoreError::TooLarge {
                bytes: rows.len(),
                limit: MAX_ROWS_PER_ADD,
            });
        }
        let mut writes = vec![self.mark(&first.key.org, dedupe)?];
        for (key, counts) in &rows {
            writes.push(self.update(key, counts)?);
        }
        Ok(transact::write(&self.client, writes).await?.is_ok())
    }

    /// One consistent Query per month of the range (concurrently), following
    /// pages; filtered here (a report's rows are few: days × channels × stores).
    async fn daily(
        &self,
        org: &OrgId,
        from: Day,
        to: Day,
        filter: &MetricsFilter,
    ) -> Result<Vec<DailyCounts>, StoreError> {
        let months = Day::months(from, to);
        let reads = months.into_iter().map(|m| self.month(org, m, from, to));
        let pages = futures::future::try_join_all(reads).await?;
        let mut rows = Vec::new();
        for item in pages.iter().flatten() {
            let row = row_of(item)?;
            if row.matches(filter) {
                rows.push(row);
            }
        }
        rows.sort_by(|a, b| (a.day, &a.channel, &a.store).cmp(&(b.day, &b.channel, &b.store)));
        Ok(rows)
    }
}
