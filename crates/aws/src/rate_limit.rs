//! `RateLimiter` on DynamoDB: one counter item per key and fixed window, in the
//! idempotency table (`pk` = `rate#<key>#<window number>`), expiring by TTL.
//!
//! `acquire` is one conditional UpdateItem: `ADD n :1` if the window's count is
//! still under its allowance. Every sender instance counts against the same item,
//! so together they stay under the channel's limit however many run (LINE's 200
//! multicasts/s become 10 per 50 ms window: ~200 writes/s on one item at full
//! speed, a fifth of a partition's 1,000 WCU).

use crate::error::{condition_failed, store_unavailable};
use crate::item::{n, s, ttl_seconds};
use crate::schema::{PK, TTL};
use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::ports::RateLimiter;
use otodoke_core::rate::{Admission, RateLimit};
use otodoke_core::StoreError;

/// Window counters are kept this long after their window (TTL; windows never
/// come back, so this only bounds the table's garbage).
const KEEP: SignedDuration = SignedDuration::from_mins(10);

/// A [`RateLimiter`] shared by every process using the same table.
#[derive(Debug, Clone)]
pub struct DynamoRateLimiter {
    client: Client,
    table: String,
}

impl DynamoRateLimiter {
    /// Counters in `table` (the idempotency table: a string `pk` and TTL on
    /// `expires_at`).
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }
}

#[async_trait]
impl RateLimiter for DynamoRateLimiter {
    /// One conditional UpdateItem. A refusal counts nothing and names the next
    /// window's start.
    async fn acquire(
        &self,
        key: &str,
        limit: RateLimit,
        now: Timestamp,
    ) -> Result<Admission, StoreError> {
        let window = limit.window_of(now);
        let end = limit.window_end(window);
        let expires = end.saturating_add(KEEP).unwrap_or(Timestamp::MAX);
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(format!("rate#{key}#{window}")))
            .update_expression("ADD #n :one SET #ttl = :ttl")
            .condition_expression("attribute_not_exists(#n) OR #n < :allowance")
            .expression_attribute_names("#n", "n")
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":ttl", n(ttl_seconds(expires)))
            .expression_attribute_values(":allowance", n(limit.allowance))
            .send()
            .await;
        match result {
            Ok(_) => Ok(Admission::Granted),
            Err(e) if condition_failed!(e) => Ok(Admission::RetryAt(end)),
            Err(e) => Err(store_unavailable("UpdateItem", e)),
        }
    }
}
