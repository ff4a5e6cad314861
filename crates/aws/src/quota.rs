//! `QuotaStore` on DynamoDB: one item per channel and JST month, and one per store
//! budget of that month, in the same partition.
//!
//! DynamoDB conditions cannot add, so each counter keeps `taken = used + reserved`
//! next to its parts, and a reservation of `n` under `limit` is the condition
//! `taken <= limit - n` (computed here) on an update that adds `n` to `reserved` and
//! `taken`. With a store budget, both counters are updated in one transaction.
//!
//! Each open reservation is an item `R#<id>` beside its counters (count, store,
//! expiry), written in the same transaction as the counters; settling deletes it and
//! writes a tombstone `S#<id>` in one transaction with the counter update, so that a
//! repeated settle (or a repeated reserve under a settled id) finds the tombstone and
//! changes nothing. Expired `R#` items are released by [`QuotaStore::release_expired`],
//! which a refused reservation runs before answering. Open reservations are the
//! sends in flight, so listing them (one Query of the partition's `R#` range) is small.

use crate::error::{condition_failed, store_unavailable};
use crate::item::{get_u64, n, s, Item};
use crate::keys::store_budget_sk as store_sk;
use crate::schema::{PK, SK, TTL};
use crate::transact::{self, Written};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{
    AttributeValue, ConditionCheck, Delete, Put, ReturnValue, TransactWriteItem, Update,
};
use aws_sdk_dynamodb::Client;
use jiff::Timestamp;
use otodoke_core::ports::QuotaStore;
use otodoke_core::quota::{Hold, QuotaCounter, QuotaKey, Reservation, ReserveOutcome};
use otodoke_core::{OrgId, StoreError, StoreId, StoreKey};
use std::collections::HashMap;

const USED: &str = "used";
const RESERVED: &str = "reserved";
const TAKEN: &str = "taken";
const LIMIT: &str = "quota_limit";
const CHANNEL_SK: &str = "CHANNEL";
/// Reservation items: the count, the store budget it took from, its expiry.
const RES_COUNT: &str = "res_count";
const RES_STORE: &str = "res_store";
/// The organization of `res_store` (store ids are unique only inside one).
const RES_ORG: &str = "res_org";
const RES_UNTIL: &str = "until_ms";
/// Settled tombstones: how many of the reservation were sent.
const RES_SENT: &str = "res_sent";
/// Counters are kept about 13 months (for year-on-year views), then expire.
const KEEP_SECONDS: i64 = 400 * 24 * 3_600;

/// Monthly quota counters in a DynamoDB table.
#[derive(Debug, Clone)]
pub struct DynamoQuota {
    client: Client,
    table: String,
}

fn counter_pk(key: &QuotaKey) -> String {
    format!("Q#{}#{}", key.channel, key.month)
}
fn open_sk(id: &str) -> String {
    format!("R#{id}")
}
fn settled_sk(id: &str) -> String {
    format!("S#{id}")
}

/// The open reservation an `R#` item of `key`'s partition holds.
fn reservation_of(key: &QuotaKey, item: &Item) -> Result<Reservation, StoreError> {
    let what = "quota reservation";
    let id = crate::item::get_s(item, SK)
        .and_then(|sk| sk.strip_prefix("R#"))
        .ok_or_else(|| crate::error::corrupt(what, "no R# sort key"))?;
    let store = match (
        crate::item::get_s(item, RES_ORG),
        crate::item::get_s(item, RES_STORE),
    ) {
        (Some(org), Some(store)) => Some(StoreKey::new(
            OrgId::new(org).map_err(|e| crate::error::corrupt(what, e))?,
            StoreId::new(store).map_err(|e| crate::error::corrupt(what, e))?,
        )),
        _ => None,
    };
    let until = get_u64(item, RES_UNTIL, what)?.unwrap_or(0);
    Ok(Reservation {
        key: key.clone(),
        store,
        count: get_u64(item, RES_COUNT, what)?.unwrap_or(0),
        id: id.to_owned(),
        expires_at: Timestamp::from_millisecond(i64::try_from(until).unwrap_or(i64::MAX))
            .unwrap_or(Timestamp::MAX),
    })
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

    /// Runs a transaction, retrying while it only loses races ([`transact::write`]).
    async fn transact(&self, writes: Vec<TransactWriteItem>) -> Result<Written, StoreError> {
        transact::write(&self.client, writes).await
    }

    /// A put of `item` at (`pk`, `sk`) if no item is there.
    fn put_new(
        &self,
        pk: &str,
        sk: String,
        mut item: Item,
    ) -> Result<TransactWriteItem, StoreError> {
        item.insert(PK.into(), s(pk));
        item.insert(SK.into(), s(sk));
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .build()
            .map_err(|e| store_unavailable("TransactWriteItems", e))?;
        Ok(TransactWriteItem::builder().put(put).build())
    }

    /// A check that no item is at (`pk`, `sk`).
    fn absent(&self, pk: &str, sk: String) -> Result<TransactWriteItem, StoreError> {
        let check = ConditionCheck::builder()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s(sk))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .build()
            .map_err(|e| store_unavailable("TransactWriteItems", e))?;
        Ok(TransactWriteItem::builder().condition_check(check).build())
    }

    /// A delete of the open reservation `id`, if it is there and, given `expired_at`,
    /// expired by then.
    fn delete_open(
        &self,
        pk: &str,
        id: &str,
        expired_at: Option<Timestamp>,
    ) -> Result<TransactWriteItem, StoreError> {
        let mut delete = Delete::builder()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s(open_sk(id)))
            .expression_attribute_names("#pk", PK);
        delete = match expired_at {
            None => delete.condition_expression("attribute_exists(#pk)"),
            Some(now) => delete
                .condition_expression("attribute_exists(#pk) AND #until <= :now")
                .expression_attribute_names("#until", RES_UNTIL)
                .expression_attribute_values(":now", n(now.as_millisecond())),
        };
        let delete = delete
            .build()
            .map_err(|e| store_unavailable("TransactWriteItems", e))?;
        Ok(TransactWriteItem::builder().delete(delete).build())
    }

    /// The same unconditional counter update on the channel counter and, when the
    /// reservation took from one, its store's budget counter.
    fn counter_updates(
        &self,
        r: &Reservation,
        expression: &str,
        values: HashMap<String, AttributeValue>,
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        let pk = counter_pk(&r.key);
        let mut writes =
            vec![self.update(&pk, CHANNEL_SK.into(), expression, None, values.clone())?];
        if let Some(store) = &r.store {
            writes.push(self.update(&pk, store_sk(store), expression, None, values)?);
        }
        Ok(writes)
    }

    /// The open reservation `id` on `key`, if any. One consistent GetItem.
    async fn open_reservation(
        &self,
        key: &QuotaKey,
        id: &str,
    ) -> Result<Option<Reservation>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(counter_pk(key)))
            .key(SK, s(open_sk(id)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_unavailable("GetItem", e))?;
        out.item
            .as_ref()
            .map(|i| reservation_of(key, i))
            .transpose()
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

    /// One TransactWriteItems: a check that `hold.id` is not settled, the put of its
    /// reservation item and the conditional counter update(s), retried while it only
    /// loses races. A refusal releases expired reservations and tries once more, then
    /// costs one or two reads to report what is available; an id already open costs
    /// one read to return its reservation.
    async fn reserve(
        &self,
        key: &QuotaKey,
        count: u64,
        limit: Option<u64>,
        store: Option<(&StoreKey, u64)>,
        hold: &Hold,
    ) -> Result<ReserveOutcome, StoreError> {
        let pk = counter_pk(key);
        let ttl = Self::ttl(key);
        let refused = || async {
            Ok(ReserveOutcome::Refused {
                available: self.available(key, limit, store).await?,
            })
        };
        let reservation = hold.reservation(key, store.map(|(s, _)| s), count);
        let Some(channel) = reserve_update(count, limit, ttl) else {
            return refused().await;
        };
        let mut item = HashMap::from([
            (RES_COUNT.to_string(), n(count)),
            (RES_UNTIL.to_string(), n(hold.until.as_millisecond())),
            (TTL.to_string(), n(ttl)),
        ]);
        if let Some((store, _)) = store {
            item.insert(RES_ORG.into(), s(store.org.as_str()));
            item.insert(RES_STORE.into(), s(store.store.as_str()));
        }
        let mut writes = vec![
            self.absent(&pk, settled_sk(&hold.id))?,
            self.put_new(&pk, open_sk(&hold.id), item)?,
            self.update(
                &pk,
                CHANNEL_SK.into(),
                &channel.expression,
                channel.condition.as_deref(),
                channel.values,
            )?,
        ];
        if let Some((store_id, budget)) = store {
            let Some(budget_update) = reserve_update(count, Some(budget), ttl) else {
                return refused().await;
            };
            writes.push(self.update(
                &pk,
                store_sk(store_id),
                &budget_update.expression,
                budget_update.condition.as_deref(),
                budget_update.values,
            )?);
        }
        for attempt in 0..3 {
            match self.transact(writes.clone()).await? {
                Ok(()) => return Ok(ReserveOutcome::Granted(reservation)),
                // Settled before: nothing more to reserve, and its settle is done.
                Err(failed) if failed[0] => return Ok(ReserveOutcome::Granted(reservation)),
                Err(failed) if failed[1] => {
                    if let Some(open) = self.open_reservation(key, &hold.id).await? {
                        return Ok(ReserveOutcome::Granted(open));
                    }
                    // Settled or released in between: try again.
                }
                Err(_) if attempt == 0 => {
                    if self.release_expired(key, hold.now).await? == 0 {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
        refused().await
    }

    /// One TransactWriteItems: delete the reservation item, write its tombstone and
    /// update the counter(s). A repeat finds the tombstone and does nothing; a
    /// reservation released on expiry costs a second transaction that adds `sent`
    /// to `used` (and writes the tombstone).
    async fn settle(&self, reservation: &Reservation, sent: u64) -> Result<(), StoreError> {
        let pk = counter_pk(&reservation.key);
        let count = reservation.count;
        let sent = sent.min(count);
        let tombstone = || {
            self.put_new(
                &pk,
                settled_sk(&reservation.id),
                HashMap::from([
                    (RES_SENT.to_string(), n(sent)),
                    (TTL.to_string(), n(Self::ttl(&reservation.key))),
                ]),
            )
        };
        let mut writes = vec![self.delete_open(&pk, &reservation.id, None)?, tombstone()?];
        writes.extend(self.counter_updates(
            reservation,
            SETTLE_EXPRESSION,
            settle_values(count, sent),
        )?);
        match self.transact(writes).await? {
            Ok(()) => return Ok(()),
            Err(failed) if failed[1] => return Ok(()),
            Err(_) => {}
        }
        // Released on expiry before this settle: only what was sent is added.
        let mut writes = vec![tombstone()?];
        writes.extend(self.counter_updates(
            reservation,
            "ADD #used :sent, #taken :sent",
            HashMap::from([(":sent".to_string(), n(sent))]),
        )?);
        // A failed condition: a concurrent settle of the same id wrote it first.
        let _ = self.transact(writes).await?;
        Ok(())
    }

    /// One consistent Query of the open reservations (`R#` items) of `key`, then one
    /// TransactWriteItems per expired one (delete it if still expired, release its
    /// count from the counter(s)).
    async fn release_expired(&self, key: &QuotaKey, now: Timestamp) -> Result<u64, StoreError> {
        let pk = counter_pk(key);
        let items = crate::query::all(
            self.client
                .query()
                .table_name(&self.table)
                .key_condition_expression("#pk = :pk AND begins_with(#sk, :open)")
                .expression_attribute_names("#pk", PK)
                .expression_attribute_names("#sk", SK)
                .expression_attribute_values(":pk", s(pk.clone()))
                .expression_attribute_values(":open", s("R#"))
                .consistent_read(true),
        )
        .await?;
        let mut released = 0;
        for item in &items {
            let r = reservation_of(key, item)?;
            if r.expires_at > now {
                continue;
            }
            let mut writes = vec![self.delete_open(&pk, &r.id, Some(now))?];
            writes.extend(self.counter_updates(
                &r,
                "ADD #reserved :minus, #taken :minus",
                HashMap::from([(":minus".to_string(), n(-i128::from(r.count)))]),
            )?);
            if self.transact(writes).await?.is_ok() {
                tracing::warn!(channel = %key.channel, month = %key.month, reservation = r.id, count = r.count, "expired quota reservation released");
                released += r.count;
            }
        }
        Ok(released)
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
