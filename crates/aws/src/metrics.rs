//! `MetricsStore` on DynamoDB: the report counters in the metrics table.
//!
//! Each counted row (organization, JST day, channel, store or none) is four
//! items, all raised by the same `add` (keys in [`crate::keys::metric_items`]):
//!
//! 1. the row itself, in a partition per organization, store (or none) and year,
//!    sort key `day#channel`: what a store filter or a store-restricted caller
//!    reads (one Query per store and year, concurrently);
//! 2. the organization's day total, in a partition per organization and year
//!    (`D#day`): the unfiltered series (a year is 365 items read by key);
//! 3. the channel's day total, same partition (`C#channel#day`): a channel's
//!    series (read by key as well);
//! 4. the store's month total of the channel, same partition
//!    (`M#month#store#channel`): the store comparison (a year of 50 stores with a
//!    channel each is one Query of 600 items).
//!
//! The counters are number attributes named as the counters ([`Counter::name`]),
//! raised with `ADD`, so concurrent increments never lose one another.
//!
//! Applying increments at most once per dedupe key is one TransactWriteItems: a
//! conditional put of a mark item (`O#<org>#X#<dedupe>`, kept
//! [`METRICS_DEDUPE_DAYS`] by TTL) and one `ADD` update per item (the rows' and
//! roll-ups' counts merged first: a transaction may name an item once). When the
//! mark is already there the whole transaction is cancelled and nothing is
//! counted, on the rows and the roll-ups alike.

use crate::batch;
use crate::error::corrupt;
use crate::item::{get_s, get_u64, n, s, ttl_seconds, Item};
use crate::keys::{
    metric_channel_day, metric_day_total, metric_items, metric_store_day_total,
    metric_store_months, metrics_mark, metrics_org_months, metrics_org_year, metrics_store_year,
};
use crate::query;
use crate::schema::{PK, SK, TTL};
use crate::transact;
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{Put, TransactWriteItem, Update};
use aws_sdk_dynamodb::Client;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::metrics::{
    parse_month, Counter, Counts, Day, DayCounts, Increment, MetricKey, MetricsFilter, Slice,
    StoreMonth, MAX_ROWS_PER_ADD,
};
use otodoke_core::ports::{MetricsStore, METRICS_DEDUPE_DAYS};
use otodoke_core::quota::QuotaMonth;
use otodoke_core::{ChannelId, OrgId, StoreError, StoreId};
use std::collections::{BTreeMap, HashMap};

/// An item's day, month, channel and store (absent: no store), beside its
/// counters: the attributes each kind of item has (see [`attributes`]).
const DAY: &str = "day";
const MONTH: &str = "mo";
const CHANNEL: &str = "ch";
const STORE: &str = "st";
/// The sort key of a dedupe mark (alone in its partition).
const MARK_SK: &str = "X";
/// How many store partitions a store-restricted series reads at once.
const STORE_READS_IN_FLIGHT: usize = 8;

/// The attributes that say what an item counts (its day, month, channel, store).
type Attrs = Vec<(&'static str, String)>;

/// The five items of `key`'s row (partition, sort key and the attributes that
/// say what each counts) — the row, the organization's day, the channel's day,
/// the store's month, the store's day — in [`metric_items`]' order.
fn attributes(key: &MetricKey) -> [(String, String, Attrs); 5] {
    let day = (DAY, key.day.to_string());
    let channel = (CHANNEL, key.channel.to_string());
    let store: Attrs = key.store.iter().map(|s| (STORE, s.to_string())).collect();
    let [row, day_total, channel_day, month, store_day] = metric_items(key);
    let mut row_attrs = vec![day.clone(), channel.clone()];
    row_attrs.extend(store.clone());
    let mut month_attrs = vec![(MONTH, key.day.month().to_string()), channel.clone()];
    month_attrs.extend(store);
    [
        (row.0, row.1, row_attrs),
        (day_total.0, day_total.1, vec![day.clone()]),
        (channel_day.0, channel_day.1, vec![day.clone(), channel]),
        (month.0, month.1, month_attrs),
        (store_day.0, store_day.1, vec![day]),
    ]
}

/// What the rows add to each item: (partition, sort key) → attributes, counts.
type Writes = BTreeMap<(String, String), (Attrs, Counts)>;

/// The items `rows` add to, each once with the sum of what it gains.
fn writes<'a>(rows: impl IntoIterator<Item = (&'a MetricKey, &'a Counts)>) -> Writes {
    let mut out = Writes::new();
    for (key, counts) in rows {
        for (pk, sk, attrs) in attributes(key) {
            out.entry((pk, sk))
                .or_insert_with(|| (attrs, Counts::default()))
                .1
                .merge(counts);
        }
    }
    out
}

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

    /// The update adding `counts` to the item `pk`/`sk` (creating it with `attrs`).
    fn update(
        &self,
        (pk, sk): &(String, String),
        attrs: &[(&'static str, String)],
        counts: &Counts,
    ) -> Result<TransactWriteItem, StoreError> {
        let mut names = HashMap::new();
        let mut values = HashMap::new();
        let mut sets = Vec::new();
        for (i, (name, value)) in attrs.iter().enumerate() {
            names.insert(format!("#a{i}"), (*name).to_string());
            values.insert(format!(":a{i}"), s(value));
            sets.push(format!("#a{i} = :a{i}"));
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
        let mut expression = format!("SET {}", sets.join(", "));
        if !adds.is_empty() {
            expression.push_str(&format!(" ADD {}", adds.join(", ")));
        }
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

    /// The items of partition `pk` with `lo <= sort key <= hi`: one consistent
    /// Query per 1 MB.
    async fn between(&self, pk: String, lo: String, hi: String) -> Result<Vec<Item>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(pk))
            .expression_attribute_values(":lo", s(lo))
            .expression_attribute_values(":hi", s(hi))
            .consistent_read(true);
        query::all(request).await
    }

    /// The roll-up day totals of `org` for every day of `from..=to` (each under
    /// the sort key `sort_key(day)` of its year's partition), read by key:
    /// BatchGetItem, 100 keys a call (a year: 4 calls). A Query of the same range
    /// would read fewer units on DynamoDB (4 KB per unit instead of one item:
    /// ~18 consistent units for a year instead of 365, JPY 0.008 a report either
    /// way), but moto sorts its whole table on every Query (hundreds of ms for a
    /// year of a 50-store organization), and the keys are all known here.
    async fn day_totals(
        &self,
        from: Day,
        to: Day,
        key: impl Fn(Day) -> (String, String),
    ) -> Result<Vec<DayCounts>, StoreError> {
        let mut keys = Vec::new();
        let mut day = from;
        while day <= to {
            keys.push(key(day));
            if day.next() == day {
                break;
            }
            day = day.next();
        }
        let items = batch::get(&self.client, &self.table, keys).await?;
        let mut days = items
            .iter()
            .map(|item| {
                Ok(DayCounts {
                    day: day_of(item)?,
                    counts: counts_of(item)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        days.sort_by_key(|d| d.day);
        Ok(days)
    }

    /// `store`'s day totals over its channels (or, with `channel`, its rows of that
    /// channel) for `from..=to`, by key.
    async fn store_days(
        &self,
        org: &OrgId,
        store: &StoreId,
        channel: Option<&ChannelId>,
        from: Day,
        to: Day,
    ) -> Result<Vec<DayCounts>, StoreError> {
        self.day_totals(from, to, |d| {
            let pk = metrics_store_year(org, Some(store), d.year());
            let sk = match channel {
                Some(c) => format!("{d}#{c}"),
                None => metric_store_day_total(d),
            };
            (pk, sk)
        })
        .await
    }
}

/// The items `rows` (each a row's key and counts) are as `add` leaves them, the
/// roll-ups included and summed: for bulk loads (BatchWriteItem: seeding a
/// figure, importing history), which replace the items, so every row of an
/// organization's years must be in one call.
pub fn bulk_items<'a>(rows: impl IntoIterator<Item = (&'a MetricKey, &'a Counts)>) -> Vec<Item> {
    writes(rows)
        .into_iter()
        .map(|((pk, sk), (attrs, counts))| {
            let mut item = Item::from([(PK.to_string(), s(pk)), (SK.to_string(), s(sk))]);
            for (name, value) in attrs {
                item.insert(name.to_string(), s(value));
            }
            for (counter, value) in counts.nonzero() {
                item.insert(counter.name().to_string(), n(value));
            }
            item
        })
        .collect()
}

const WHAT: &str = "metrics item";

/// The counters an item holds (absent: 0).
fn counts_of(item: &Item) -> Result<Counts, StoreError> {
    let mut counts = Counts::default();
    for &counter in Counter::ALL {
        counts.add(counter, get_u64(item, counter.name(), WHAT)?.unwrap_or(0));
    }
    Ok(counts)
}

fn day_of(item: &Item) -> Result<Day, StoreError> {
    let day = get_s(item, DAY).ok_or_else(|| corrupt(WHAT, "no day"))?;
    Day::parse(day).map_err(|e| corrupt(WHAT, e))
}

fn channel_of(item: &Item) -> Result<ChannelId, StoreError> {
    let channel = get_s(item, CHANNEL).ok_or_else(|| corrupt(WHAT, "no channel"))?;
    ChannelId::new(channel).map_err(|e| corrupt(WHAT, e))
}

fn store_of(item: &Item) -> Result<Option<StoreId>, StoreError> {
    get_s(item, STORE)
        .map(StoreId::new)
        .transpose()
        .map_err(|e| corrupt(WHAT, e))
}

/// The store month total an item holds.
fn store_month_of(item: &Item) -> Result<StoreMonth, StoreError> {
    let month = get_s(item, MONTH).ok_or_else(|| corrupt(WHAT, "no month"))?;
    Ok(StoreMonth {
        month: parse_month(month).map_err(|e| corrupt(WHAT, e))?,
        store: store_of(item)?,
        channel: channel_of(item)?,
        counts: counts_of(item)?,
    })
}

#[async_trait]
impl MetricsStore for DynamoMetrics {
    /// One TransactWriteItems: the mark's conditional put and one update per
    /// item (a row and its three roll-ups; rows sharing a roll-up update it once),
    /// retried while it only loses races with other increments of the same items.
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
        let mut items = vec![self.mark(&first.key.org, dedupe)?];
        for (key, (attrs, counts)) in &writes(rows.iter().map(|(k, c)| (*k, c))) {
            items.push(self.update(key, attrs, counts)?);
        }
        Ok(transact::write(&self.client, items).await?.is_ok())
    }

    /// The organization's or a channel's series: its day totals read by key (a
    /// year: 4 BatchGetItem calls of 100 keys). A list of stores: one Query per
    /// store and year, at most eight at once, summed per day here.
    async fn series(
        &self,
        org: &OrgId,
        from: Day,
        to: Day,
        slice: &Slice,
    ) -> Result<Vec<DayCounts>, StoreError> {
        match slice {
            Slice::All => {
                self.day_totals(from, to, |d| {
                    (metrics_org_year(org, d.year()), metric_day_total(d))
                })
                .await
            }
            Slice::Channel(channel) => {
                self.day_totals(from, to, |d| {
                    (
                        metrics_org_year(org, d.year()),
                        metric_channel_day(channel, d),
                    )
                })
                .await
            }
            Slice::Stores { stores, channel } => {
                // Each store's day totals (or its rows of the one channel) by key,
                // a few stores at once, summed per day.
                let mut days: BTreeMap<Day, Counts> = BTreeMap::new();
                for chunk in stores.chunks(STORE_READS_IN_FLIGHT) {
                    let reads = chunk
                        .iter()
                        .map(|store| self.store_days(org, store, channel.as_ref(), from, to));
                    for d in futures::future::try_join_all(reads)
                        .await?
                        .into_iter()
                        .flatten()
                    {
                        days.entry(d.day).or_default().merge(&d.counts);
                    }
                }
                Ok(days
                    .into_iter()
                    .map(|(day, counts)| DayCounts { day, counts })
                    .collect())
            }
        }
    }

    /// One Query per year of the months (concurrently), filtered here.
    async fn store_months(
        &self,
        org: &OrgId,
        from: QuotaMonth,
        to: QuotaMonth,
        filter: &MetricsFilter,
    ) -> Result<Vec<StoreMonth>, StoreError> {
        if from > to {
            return Ok(Vec::new());
        }
        let (lo, hi) = metric_store_months(from, to);
        let reads = (from.year..=to.year)
            .map(|year| self.between(metrics_org_months(org, year), lo.clone(), hi.clone()));
        let pages = futures::future::try_join_all(reads).await?;
        let mut rows = Vec::new();
        for item in pages.iter().flatten() {
            let row = store_month_of(item)?;
            if row.matches(filter) {
                rows.push(row);
            }
        }
        rows.sort_by(|a, b| (a.month, &a.store, &a.channel).cmp(&(b.month, &b.store, &b.channel)));
        Ok(rows)
    }
}
