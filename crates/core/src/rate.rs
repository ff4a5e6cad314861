//! Request-rate limits shared by concurrent workers (e.g. LINE's 200 multicasts per
//! second per channel, however many senders run): fixed windows, counted in a store.
//!
//! A limit of `allowance` requests per `window_ms` admits at most
//! `allowance · (⌈T / window_ms⌉ + 1)` requests in any interval of length `T`. Short
//! windows keep that burst small, so a token bucket downstream holding one second's
//! worth (LINE's) never refuses a caller that waits for its window.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// `allowance` requests per fixed window of `window_ms` milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimit {
    pub allowance: u32,
    pub window_ms: u32,
}

impl RateLimit {
    /// `per_second` requests a second, admitted in windows of `window_ms` (use a
    /// divisor of 1,000 so that windows tile the second). The allowance per window is
    /// rounded down, never up, and is at least 1.
    pub fn per_second(per_second: u32, window_ms: u32) -> Self {
        let window_ms = window_ms.max(1);
        let allowance = (u64::from(per_second) * u64::from(window_ms) / 1_000).max(1) as u32;
        Self {
            allowance,
            window_ms,
        }
    }

    /// The number of the window holding `now` (milliseconds since the epoch divided
    /// by the window length).
    pub fn window_of(&self, now: Timestamp) -> i64 {
        now.as_millisecond().div_euclid(i64::from(self.window_ms))
    }

    /// When window `window` ends, i.e. when the next one opens.
    pub fn window_end(&self, window: i64) -> Timestamp {
        let ms = (window + 1).saturating_mul(i64::from(self.window_ms));
        Timestamp::from_millisecond(ms).unwrap_or(Timestamp::MAX)
    }
}

/// The answer to asking for one request under a [`RateLimit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Go ahead: the request was counted.
    Granted,
    /// The window is full: nothing was counted; ask again at this time.
    RetryAt(Timestamp),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_hundred_a_second_in_fifty_ms_windows_is_ten_a_window() {
        let limit = RateLimit::per_second(200, 50);
        assert_eq!(limit.allowance, 10);
        let at = Timestamp::from_millisecond(1_049).unwrap();
        assert_eq!(limit.window_of(at), 20);
        assert_eq!(
            limit.window_end(20),
            Timestamp::from_millisecond(1_050).unwrap()
        );
    }

    #[test]
    fn a_tiny_rate_still_admits_one_request_per_window() {
        assert_eq!(RateLimit::per_second(3, 50).allowance, 1);
    }
}
