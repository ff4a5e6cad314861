//! A token bucket per (channel, endpoint), refilled continuously from the sandbox clock.
//!
//! Hand-written rather than `governor` because it must read the sandbox's advanceable
//! clock and be reset with the rest of the sandbox. The bucket starts full with
//! [`RateLimit::capacity`] tokens (one period's worth by default) and gains
//! `requests / per` tokens continuously, so a client pacing itself at exactly the
//! documented rate never sees a 429, and a burst above one period's worth does.

use crate::clock::SandboxClock;
use crate::config::RateLimit;
use std::sync::Mutex;

/// One bucket. `try_take` is a short critical section, exact under concurrency.
#[derive(Debug)]
pub(crate) struct TokenBucket {
    capacity: f64,
    tokens_per_ns: f64,
    state: Mutex<BucketState>,
}

#[derive(Debug)]
struct BucketState {
    tokens: f64,
    last_ns: i64,
}

impl TokenBucket {
    pub fn new(limit: RateLimit, clock: &SandboxClock) -> Self {
        let capacity = f64::from(limit.capacity());
        Self {
            capacity,
            tokens_per_ns: f64::from(limit.requests) / (limit.per_ms.max(1) as f64 * 1e6),
            state: Mutex::new(BucketState {
                tokens: capacity,
                last_ns: clock.now_ns(),
            }),
        }
    }

    /// Fills the bucket back to capacity (on sandbox reset).
    pub fn refill(&self, clock: &SandboxClock) {
        let mut s = self.state.lock().expect("bucket lock");
        s.tokens = self.capacity;
        s.last_ns = clock.now_ns();
    }

    /// Takes one token if there is one. Returns false when the limit is exceeded.
    pub fn try_take(&self, clock: &SandboxClock) -> bool {
        let now = clock.now_ns();
        let mut s = self.state.lock().expect("bucket lock");
        let elapsed = (now - s.last_ns).max(0) as f64;
        s.tokens = (s.tokens + elapsed * self.tokens_per_ns).min(self.capacity);
        s.last_ns = now.max(s.last_ns);
        if s.tokens >= 1.0 {
            s.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_full_bucket_allows_its_capacity_then_refuses() {
        let clock = SandboxClock::starting_at_ms(0);
        let bucket = TokenBucket::new(RateLimit::per_hour(3), &clock);
        assert!((0..3).all(|_| bucket.try_take(&clock)));
        assert!(!bucket.try_take(&clock));
    }

    #[test]
    fn tokens_come_back_at_the_configured_rate() {
        let clock = SandboxClock::starting_at_ms(0);
        let bucket = TokenBucket::new(RateLimit::per_hour(60), &clock);
        while bucket.try_take(&clock) {}
        clock.advance(Duration::from_secs(60));
        assert!(bucket.try_take(&clock));
        assert!(!bucket.try_take(&clock));
    }
}
