//! The sandbox's notion of time: real monotonic time plus an offset tests can advance.
//!
//! Everything time-dependent (reply token expiry, retry key lifetime, rate-limit
//! refills, the JST month, narrowcast progress) reads this clock, so a test can jump
//! 24 hours ahead without waiting.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A shared, cheaply cloned clock. Never goes backwards unless told to.
#[derive(Debug, Clone)]
pub struct SandboxClock {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    started: Instant,
    started_epoch_ms: i64,
    offset_ns: AtomicI64,
    /// A frozen clock moves only when advanced.
    frozen: bool,
}

impl Default for SandboxClock {
    fn default() -> Self {
        Self::new()
    }
}

impl SandboxClock {
    /// A clock that starts at the machine's wall-clock time.
    pub fn new() -> Self {
        let epoch_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Self::starting_at_ms(epoch_ms)
    }

    /// A clock whose "now" is `epoch_ms` (milliseconds since 1970, UTC) at creation,
    /// then runs at real speed. Useful to pin the JST month in tests.
    pub fn starting_at_ms(epoch_ms: i64) -> Self {
        Self {
            inner: Arc::new(Inner {
                started: Instant::now(),
                started_epoch_ms: epoch_ms,
                offset_ns: AtomicI64::new(0),
                frozen: false,
            }),
        }
    }

    /// A clock standing still at `epoch_ms` until [`Self::advance`]d: for tests that
    /// need exact arithmetic (rate limits) regardless of how fast the machine is.
    pub fn frozen_at_ms(epoch_ms: i64) -> Self {
        Self {
            inner: Arc::new(Inner {
                started: Instant::now(),
                started_epoch_ms: epoch_ms,
                offset_ns: AtomicI64::new(0),
                frozen: true,
            }),
        }
    }

    /// Moves the clock forward by `by`. Every holder of a clone sees the jump.
    pub fn advance(&self, by: Duration) {
        self.inner
            .offset_ns
            .fetch_add(by.as_nanos() as i64, Ordering::SeqCst);
    }

    /// Monotonic nanoseconds since the clock was created, including advances.
    pub fn now_ns(&self) -> i64 {
        let real = if self.inner.frozen {
            0
        } else {
            self.inner.started.elapsed().as_nanos() as i64
        };
        real + self.inner.offset_ns.load(Ordering::SeqCst)
    }

    /// Milliseconds since 1970 (UTC), including advances.
    pub fn now_epoch_ms(&self) -> i64 {
        self.inner.started_epoch_ms + self.now_ns() / 1_000_000
    }
}
