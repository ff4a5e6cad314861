//! `RateLimiter` on DynamoDB: one counter item per key and fixed window, in the
//! idempotency table (`pk` = `rate#<key>#<window number>`), expiring by TTL.
//!
//! # Leases: one round trip for several requests
//! An instance does not ask DynamoDB once per request. It takes a *lease* of up to
//! [`DynamoRateLimiter::with_lease`] slots of the current window in one
//! UpdateItem (`ADD n :lease`, returning the new count) and hands them out to its
//! own callers until they run out or the window ends; slots left when the window
//! ends are dropped, never carried into the next one. Callers of one instance ask
//! one at a time per key (a local async lock), so a full window costs one refused
//! round trip per instance, not one per waiting caller.
//!
//! Why: with one round trip per request, every caller that finds a window full
//! asks again when the next window opens, so a 10-request window met by 100
//! waiting callers cost 100 writes on one item, and on moto (one Python process
//! answering one request at a time) that queue took longer than the 50 ms window
//! itself: the figure stalled at 59–72 % of the limit. See docs/performance.md.
//!
//! # Why the count may pass the allowance
//! The increment is unconditional: a lease that finds `c` of `allowance` taken gets
//! `min(lease, allowance − c)` slots (possibly none) and the counter keeps the
//! overshoot. Only slots under the allowance are ever granted, so every instance
//! together still admits at most `allowance` per window; the overshoot only marks
//! the window full, which it is. A conditional write could not grant part of a lease.

use crate::error::store_unavailable;
use crate::item::{n, s, ttl_seconds};
use crate::keys::rate_window;
use crate::schema::{PK, TTL};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::ReturnValue;
use aws_sdk_dynamodb::Client;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::ports::RateLimiter;
use otodoke_core::rate::{Admission, RateLimit};
use otodoke_core::StoreError;
use std::collections::HashMap;
use std::sync::Arc;

/// Window counters are kept this long after their window (TTL; windows never
/// come back, so this only bounds the table's garbage).
const KEEP: SignedDuration = SignedDuration::from_mins(10);

/// Slots taken per round trip unless configured: half of LINE's multicast window
/// (10 per 50 ms), so two busy instances share a window rather than one taking
/// it all and leaving the other to wait.
pub const DEFAULT_LEASE: u32 = 5;

/// Slots this instance holds for one key.
#[derive(Debug, Default)]
struct Lease {
    window: i64,
    left: u32,
    /// The table refused this window: callers wait for the next without asking.
    full: bool,
}

/// A [`RateLimiter`] shared by every process using the same table. Cheap to clone;
/// clones share their leases (one instance per process).
#[derive(Debug, Clone)]
pub struct DynamoRateLimiter {
    client: Client,
    table: String,
    lease: u32,
    leases: Arc<parking_lot::Mutex<HashMap<String, Arc<tokio::sync::Mutex<Lease>>>>>,
}

impl DynamoRateLimiter {
    /// Counters in `table` (the idempotency table: a string `pk` and TTL on
    /// `expires_at`), leasing [`DEFAULT_LEASE`] slots per round trip.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
            lease: DEFAULT_LEASE,
            leases: Arc::default(),
        }
    }

    /// Takes up to `slots` (at least 1) per round trip. 1 is one write per request.
    pub fn with_lease(mut self, slots: u32) -> Self {
        self.lease = slots.max(1);
        self
    }

    fn lease_of(&self, key: &str) -> Arc<tokio::sync::Mutex<Lease>> {
        self.leases
            .lock()
            .entry(key.to_owned())
            .or_default()
            .clone()
    }

    /// One unconditional UpdateItem adding `want` to the window's count; answers
    /// how many of them fall under the allowance.
    async fn take(
        &self,
        key: &str,
        limit: RateLimit,
        window: i64,
        want: u32,
    ) -> Result<u32, StoreError> {
        let expires = limit
            .window_end(window)
            .saturating_add(KEEP)
            .unwrap_or(Timestamp::MAX);
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(rate_window(key, window)))
            .update_expression("ADD #n :want SET #ttl = :ttl")
            .expression_attribute_names("#n", "n")
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_values(":want", n(want))
            .expression_attribute_values(":ttl", n(ttl_seconds(expires)))
            .return_values(ReturnValue::UpdatedNew)
            .send()
            .await
            .map_err(|e| store_unavailable("UpdateItem", e))?;
        let after: u64 = out
            .attributes
            .as_ref()
            .and_then(|a| a.get("n"))
            .and_then(|v| v.as_n().ok())
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| StoreError::Corrupt("rate counter without a count".into()))?;
        let before = after.saturating_sub(u64::from(want));
        let room = u64::from(limit.allowance).saturating_sub(before);
        Ok(room.min(u64::from(want)) as u32)
    }
}

#[async_trait]
impl RateLimiter for DynamoRateLimiter {
    /// From this instance's lease for the window of `now` if it has a slot left,
    /// else one UpdateItem taking a new lease. A refusal names the next window's
    /// start; it counts past the allowance on the table, which grants nothing.
    async fn acquire(
        &self,
        key: &str,
        limit: RateLimit,
        now: Timestamp,
    ) -> Result<Admission, StoreError> {
        let window = limit.window_of(now);
        let lease = self.lease_of(key);
        let mut lease = lease.lock().await;
        if lease.window != window {
            *lease = Lease {
                window,
                ..Lease::default()
            };
        }
        if lease.left == 0 && !lease.full {
            let want = self.lease.min(limit.allowance).max(1);
            lease.left = self.take(key, limit, window, want).await?;
            lease.full = lease.left < want;
        }
        if lease.left == 0 {
            return Ok(Admission::RetryAt(limit.window_end(window)));
        }
        lease.left -= 1;
        Ok(Admission::Granted)
    }
}
