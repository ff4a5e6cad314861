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
    use proptest::prelude::*;
    use std::time::Duration;

    #[test]
    fn a_full_bucket_allows_its_capacity_then_refuses() {
        let clock = SandboxClock::frozen_at_ms(0);
        let bucket = TokenBucket::new(RateLimit::per_hour(3), &clock);
        assert!((0..3).all(|_| bucket.try_take(&clock)));
        assert!(!bucket.try_take(&clock));
    }

    #[test]
    fn tokens_come_back_at_the_configured_rate() {
        let clock = SandboxClock::frozen_at_ms(0);
        let bucket = TokenBucket::new(RateLimit::per_hour(60), &clock);
        while bucket.try_take(&clock) {}
        clock.advance(Duration::from_secs(60));
        assert!(bucket.try_take(&clock));
        assert!(!bucket.try_take(&clock));
    }

    proptest! {
        #[test]
        fn a_client_pacing_at_the_rate_is_never_refused(
            rate in 1u32..2_000,
            extra_ns in proptest::collection::vec(0u64..1_000_000, 1..400),
        ) {
            let clock = SandboxClock::frozen_at_ms(0);
            let bucket = TokenBucket::new(RateLimit::per_second(rate), &clock);
            // Drain the burst first: from then on only the refill rate matters.
            while bucket.try_take(&clock) {}
            let period_ns = 1_000_000_000u64.div_ceil(u64::from(rate)) + 1;
            for extra in extra_ns {
                clock.advance(Duration::from_nanos(period_ns + extra));
                prop_assert!(bucket.try_take(&clock));
            }
        }

        #[test]
        fn no_window_grants_more_than_capacity_plus_rate_times_time(
            rate in 1u32..2_000,
            gaps_us in proptest::collection::vec(0u64..20_000, 1..600),
        ) {
            let clock = SandboxClock::frozen_at_ms(0);
            let bucket = TokenBucket::new(RateLimit::per_second(rate), &clock);
            let mut granted = 0u64;
            let mut elapsed_us = 0u64;
            for gap in gaps_us {
                clock.advance(Duration::from_micros(gap));
                elapsed_us += gap;
                granted += u64::from(bucket.try_take(&clock));
                let allowed = f64::from(rate) + f64::from(rate) * elapsed_us as f64 / 1e6;
                prop_assert!(granted as f64 <= allowed + 1e-6, "{granted} > {allowed}");
            }
        }
    }
}
