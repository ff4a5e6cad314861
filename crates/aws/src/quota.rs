//! `QuotaStore` on DynamoDB: one item per channel and JST month, and one per store
//! budget of that month, in the same partition.
//!
//! DynamoDB conditions cannot add, so each counter keeps `taken = used + reserved`
//! next to its parts, and a reservation of `n` under `limit` is the condition
//! `taken <= limit - n` (computed here) on an update that adds `n` to `reserved` and
//! `taken`. With a store budget, both counters are updated in one transaction.

use crate::error::{condition_failed, store_unavailable};
use crate::item::{get_u64, n, s, Item};
use crate::keys::store_budget_sk as store_sk;
use crate::schema::{PK, SK, TTL};
use async_trait::async_trait;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{ReturnValue, TransactWriteItem, Update};
use aws_sdk_dynamodb::Client;
use otodoke_core::ports::QuotaStore;
use otodoke_core::quota::{QuotaCounter, QuotaKey, Reservation, ReserveOutcome};
use otodoke_core::{StoreError, StoreKey};
use std::collections::HashMap;
use std::time::Duration;

const USED: &str = "used";
const RESERVED: &str = "reserved";
const TAKEN: &str = "taken";
const LIMIT: &str = "quota_limit";
const CHANNEL_SK: &str = "CHANNEL";
/// Counters are kept about 13 months (for year-on-year views), then expire.
const KEEP_SECONDS: i64 = 400 * 24 * 3_600;
/// Attempts of a transaction that lost to a concurrent one (TransactionConflict).
const CONFLICT_ATTEMPTS: u32 = 12;

/// Monthly quota counters in a DynamoDB table.
#[derive(Debug, Clone)]
pub struct DynamoQuota {
    client: Client,
    table: String,
}

fn counter_pk(key: &QuotaKey) -> String {
    format!("Q#{}#{}", key.channel, key.month)
}

/// The counter held in an item (zeroes for a missing attribute).
pub fn counter_of(item: &Item) -> Result<QuotaCounter, StoreError> {
    Ok(QuotaCounter {
        limit: get_u64(item, LIMIT, "quota counter")?,
        used: get_u64(item, USED, "quota counter")?.unwrap_or(0),
        reserved: get_u64(item, RESERVED, "quota counter")?.unwrap_or(0),
    })
}

/// An update that reserves `count` under `limit`, or `None` when `count` alone
/// exceeds the limit.
struct ReserveUpdate {
    expression: String,
    condition: Option<String>,
    values: HashMap<String, aws_sdk_dynamodb::types::AttributeValue>,
}

fn names() -> HashMap<String, String> {
    [
        ("#used", USED),
        ("#reserved", RESERVED),
        ("#taken", TAKEN),
        ("#limit", LIMIT),
        ("#ttl", TTL),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// The `#name` placeholders an expression and its condition use (DynamoDB refuses
/// unused ones).
fn names_for(expression: &str, condition: Option<&str>) -> HashMap<String, String> {
    names()
        .into_iter()
        .filter(|(k, _)| {
            expression.contains(k.as_str()) || condition.is_some_and(|c| c.contains(k.as_str()))
        })
        .collect()
}

fn reserve_update(count: u64, limit: Option<u64>, ttl: i64) -> Option<ReserveUpdate> {
    let mut values = HashMap::from([
        (":n".to_string(), n(count)),
        (":zero".to_string(), n(0)),
        (":ttl".to_string(), n(ttl)),
    ]);
    let (expression, condition) = match limit {
        Some(limit) => {
            let room = limit.checked_sub(count)?;
            values.insert(":limit".into(), n(limit));
            values.insert(":room".into(), n(room));
            (
                "SET #used = if_not_exists(#used, :zero), #limit = :limit, #ttl = :ttl \
                 ADD #reserved :n, #taken :n"
                    .to_string(),
                Some("attribute_not_exists(#taken) OR #taken <= :room".to_string()),
            )
        }
        None => (
            "SET #used = if_not_exists(#used, :zero), #ttl = :ttl \
             REMOVE #limit ADD #reserved :n, #taken :n"
                .to_string(),
            None,
        ),
    };
    Some(ReserveUpdate {
        expression,
        condition,
        values,
    })
}

/// The update that settles `count` reserved messages of which `sent` went out,
/// conditioned on the counter still holding at least `count` reserved.
fn settle_values(
    count: u64,
    sent: u64,
) -> HashMap<String, aws_sdk_dynamodb::types::AttributeValue> {
    let sent = sent.min(count);
    HashMap::from([
        (":count".to_string(), n(count)),
        (":sent".to_string(), n(sent)),
        (":minus_count".to_string(), n(-i128::from(count))),
        (":minus_freed".to_string(), n(-i128::from(count - sent))),
    ])
}
const SETTLE_EXPRESSION: &str = "ADD #used :sent, #reserved :minus_count, #taken :minus_freed";
const SETTLE_CONDITION: &str = "#reserved >= :count";

/// Whether a cancelled transaction failed a condition (an answer) or only lost a
/// race with another transaction (try again).
enum Cancelled {
    Condition,
    Conflict,
}

fn cancelled<R>(
    e: &aws_sdk_dynamodb::error::SdkError<TransactWriteItemsError, R>,
) -> Option<Cancelled> {
    match e.as_service_error()? {
        TransactWriteItemsError::TransactionCanceledException(c) => {
            let codes: Vec<&str> = c
                .cancellation_reasons()
                .iter()
                .filter_map(|r| r.code())
                .collect();
            if codes.contains(&"ConditionalCheckFailed") {
                Some(Cancelled::Condition)
            } else if codes.contains(&"TransactionConflict") {
                Some(Cancelled::Conflict)
            } else {
                None
            }
        }
        TransactWriteItemsError::TransactionInProgressException(_) => Some(Cancelled::Conflict),
        _ => None,
    }
}

/// A short random pause before retrying a transaction that lost a race.
async fn backoff(attempt: u32) {
    let jitter = (uuid::Uuid::new_v4().as_u128() % 1_000) as u64;
    let base = 5u64 << attempt.min(6);
    tokio::time::sleep(Duration::from_micros(
        (base * 1_000 * (500 + jitter)) / 1_000,
    ))
    .await;
}

impl DynamoQuota {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    async fn read(&self, pk: String, sk: String) -> Result<QuotaCounter, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s(sk))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_unavailable("GetItem", e))?;
        out.item
            .as_ref()
            .map_or(Ok(QuotaCounter::default()), counter_of)
    }

    /// When a month's counters expire: `KEEP_SECONDS` after the month began.
    fn ttl(key: &QuotaKey) -> i64 {
        let start = jiff::civil::Date::new(key.month.year, key.month.month, 1)
            .ok()
            .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
            .map_or_else(
                || jiff::Timestamp::now().as_second(),
                |z| z.timestamp().as_second(),
            );
        start + KEEP_SECONDS
    }

    /// What could be reserved now, on the channel and on the store budget.
    async fn available(
        &self,
        key: &QuotaKey,
        limit: Option<u64>,
        store: Option<(&StoreKey, u64)>,
    ) -> Result<u64, StoreError> {
        let channel = self.read(counter_pk(key), CHANNEL_SK.into()).await?;
        let mut available = QuotaCounter { limit, ..channel }.available();
        if let Some((store, budget)) = store {
            let counter = self.read(counter_pk(key), store_sk(store)).await?;
            available = available.min(
                QuotaCounter {
                    limit: Some(budget),
                    ..counter
                }
                .available(),
            );
        }
        Ok(available)
    }

    fn update(
        &self,
        pk: &str,
        sk: String,
        expression: &str,
        condition: Option<&str>,
        values: HashMap<String, aws_sdk_dynamodb::types::AttributeValue>,
    ) -> Result<TransactWriteItem, StoreError> {
        let used_names = names_for(expression, condition);
        let update = Update::builder()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s(sk))
            .update_expression(expression)
            .set_condition_expression(condition.map(str::to_string))
            .set_expression_attribute_names(Some(used_names))
            .set_expression_attribute_values(Some(values))
            .build()
            .map_err(|e| store_unavailable("TransactWriteItems", e))?;
        Ok(TransactWriteItem::builder().update(update).build())
    }

    /// Runs a transaction, retrying while it only loses races; `Ok(false)` when a
    /// condition failed.
    async fn transact(&self, writes: Vec<TransactWriteItem>) -> Result<bool, StoreError> {
        for attempt in 0..CONFLICT_ATTEMPTS {
            let result = self
                .client
                .transact_write_items()
                .set_transact_items(Some(writes.clone()))
                .send()
                .await;
            match result {
                Ok(_) => return Ok(true),
                Err(e) => match cancelled(&e) {
                    Some(Cancelled::Condition) => return Ok(false),
                    Some(Cancelled::Conflict) if attempt + 1 < CONFLICT_ATTEMPTS => {
                        backoff(attempt).await
                    }
                    _ => return Err(store_unavailable("TransactWriteItems", e)),
                },
            }
        }
        unreachable!("the last attempt returns")
    }

    /// Settles one counter by read-modify-write, clamping to what it holds (used
    /// when the fast, conditional settle finds fewer reserved than the reservation:
    /// a repeated settle).
    async fn settle_clamped(
        &self,
        pk: &str,
        sk: String,
        count: u64,
        sent: u64,
    ) -> Result<(), StoreError> {
        for _ in 0..CONFLICT_ATTEMPTS {
            let now = self.read(pk.to_string(), sk.clone()).await?;
            let mut after = now;
            after.settle(count, sent);
            if after == now {
                return Ok(());
            }
            let result = self
                .client
                .update_item()
                .table_name(&self.table)
                .key(PK, s(pk))
                .key(SK, s(sk.clone()))
                .update_expression("SET #used = :used, #reserved = :reserved, #taken = :taken")
                .condition_expression("#used = :old_used AND #reserved = :old_reserved")
                .expression_attribute_names("#used", USED)
                .expression_attribute_names("#reserved", RESERVED)
                .expression_attribute_names("#taken", TAKEN)
                .expression_attribute_values(":used", n(after.used))
                .expression_attribute_values(":reserved", n(after.reserved))
                .expression_attribute_values(":taken", n(after.used + after.reserved))
                .expression_attribute_values(":old_used", n(now.used))
                .expression_attribute_values(":old_reserved", n(now.reserved))
                .send()
                .await;
            match result {
                Ok(_) => return Ok(()),
                Err(e) if condition_failed!(e) => continue,
                Err(e) => return Err(store_unavailable("UpdateItem", e)),
            }
        }
        Err(StoreError::Conflict)
    }
}

#[async_trait]
impl QuotaStore for DynamoQuota {
    async fn counter(&self, key: &QuotaKey) -> Result<QuotaCounter, StoreError> {
        self.read(counter_pk(key), CHANNEL_SK.into()).await
    }

    async fn store_counter(
        &self,
        key: &QuotaKey,
        store: &StoreKey,
    ) -> Result<QuotaCounter, StoreError> {
        self.read(counter_pk(key), store_sk(store)).await
    }

    /// One conditional UpdateItem, or with a store budget one TransactWriteItems of
    /// two (retried while it only loses races with other transactions). A refusal
    /// costs one or two more reads, to report what is available.
    async fn reserve(
        &self,
        key: &QuotaKey,
        count: u64,
        limit: Option<u64>,
        store: Option<(&StoreKey, u64)>,
    ) -> Result<ReserveOutcome, StoreError> {
        let pk = counter_pk(key);
        let ttl = Self::ttl(key);
        let refused = || async {
            Ok(ReserveOutcome::Refused {
                available: self.available(key, limit, store).await?,
            })
        };
        let granted = || {
            ReserveOutcome::Granted(Reservation {
                key: key.clone(),
                store: store.map(|(s, _)| s.clone()),
                count,
            })
        };
        let Some(channel) = reserve_update(count, limit, ttl) else {
            return refused().await;
        };
        match store {
            None => {
                let used_names = names_for(&channel.expression, channel.condition.as_deref());
                let result = self
                    .client
                    .update_item()
                    .table_name(&self.table)
                    .key(PK, s(pk))
                    .key(SK, s(CHANNEL_SK))
                    .update_expression(channel.expression)
                    .set_condition_expression(channel.condition)
                    .set_expression_attribute_names(Some(used_names))
                    .set_expression_attribute_values(Some(channel.values))
                    .send()
                    .await;
                match result {
                    Ok(_) => Ok(granted()),
                    Err(e) if condition_failed!(e) => refused().await,
                    Err(e) => Err(store_unavailable("UpdateItem", e)),
                }
            }
            Some((store_id, budget)) => {
                let Some(budget_update) = reserve_update(count, Some(budget), ttl) else {
                    return refused().await;
                };
                let writes = vec![
                    self.update(
                        &pk,
                        CHANNEL_SK.into(),
                        &channel.expression,
                        channel.condition.as_deref(),
                        channel.values,
                    )?,
                    self.update(
                        &pk,
                        store_sk(store_id),
                        &budget_update.expression,
                        budget_update.condition.as_deref(),
                        budget_update.values,
                    )?,
                ];
                if self.transact(writes).await? {
                    Ok(granted())
                } else {
                    refused().await
                }
            }
        }
    }

    /// One conditional update (a transaction of two with a store); a settle that
    /// finds fewer reserved than it settles (a repeat) clamps by read-modify-write.
    async fn settle(&self, reservation: &Reservation, sent: u64) -> Result<(), StoreError> {
        let pk = counter_pk(&reservation.key);
        let count = reservation.count;
        if count == 0 {
            return Ok(());
        }
        let mut writes = vec![self.update(
            &pk,
            CHANNEL_SK.into(),
            SETTLE_EXPRESSION,
            Some(SETTLE_CONDITION),
            settle_values(count, sent),
        )?];
        if let Some(store) = &reservation.store {
            writes.push(self.update(
                &pk,
                store_sk(store),
                SETTLE_EXPRESSION,
                Some(SETTLE_CONDITION),
                settle_values(count, sent),
            )?);
        }
        if self.transact(writes).await? {
            return Ok(());
        }
        self.settle_clamped(&pk, CHANNEL_SK.into(), count, sent)
            .await?;
        if let Some(store) = &reservation.store {
            self.settle_clamped(&pk, store_sk(store), count, sent)
                .await?;
        }
        Ok(())
    }

    /// One conditional UpdateItem (`used < used_by_line`); when the stored count is
    /// already as high, one read to return it.
    async fn reconcile(
        &self,
        key: &QuotaKey,
        used_by_line: u64,
    ) -> Result<QuotaCounter, StoreError> {
        let pk = counter_pk(key);
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(pk.clone()))
            .key(SK, s(CHANNEL_SK))
            .update_expression(
                "SET #used = :u, #reserved = if_not_exists(#reserved, :zero), \
                 #taken = if_not_exists(#reserved, :zero) + :u, #ttl = :ttl",
            )
            .condition_expression("attribute_not_exists(#used) OR #used < :u")
            .expression_attribute_names("#used", USED)
            .expression_attribute_names("#reserved", RESERVED)
            .expression_attribute_names("#taken", TAKEN)
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_values(":u", n(used_by_line))
            .expression_attribute_values(":zero", n(0))
            .expression_attribute_values(":ttl", n(Self::ttl(key)))
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        match result {
            Ok(out) => counter_of(&out.attributes.unwrap_or_default()),
            Err(e) if condition_failed!(e) => self.read(pk, CHANNEL_SK.into()).await,
            Err(e) => Err(store_unavailable("UpdateItem", e)),
        }
    }
}
