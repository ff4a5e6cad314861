//! A [`RateLimiter`] in memory: one counter per key for its current window.

use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_core::ports::RateLimiter;
use otodoke_core::rate::{Admission, RateLimit};
use otodoke_core::StoreError;
use parking_lot::Mutex;
use std::collections::HashMap;

/// In-memory [`RateLimiter`]: per key, the current window's number and count.
/// A window older than the current one is simply replaced (as a TTL would drop it).
/// Cost: one hash lookup under a lock per call.
#[derive(Default)]
pub struct EmbeddedRateLimiter {
    windows: Mutex<HashMap<String, (i64, u32)>>,
}

impl EmbeddedRateLimiter {
    /// No key has been counted yet.
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl RateLimiter for EmbeddedRateLimiter {
    async fn acquire(
        &self,
        key: &str,
        limit: RateLimit,
        now: Timestamp,
    ) -> Result<Admission, StoreError> {
        let window = limit.window_of(now);
        let mut windows = self.windows.lock();
        let slot = windows.entry(key.to_owned()).or_insert((window, 0));
        if slot.0 < window {
            *slot = (window, 0);
        }
        // A caller with a slower clock asking for a past window is sent to the current one.
        let current = slot.0;
        if current > window || slot.1 >= limit.allowance {
            return Ok(Admission::RetryAt(limit.window_end(current.max(window))));
        }
        slot.1 += 1;
        Ok(Admission::Granted)
    }
}
