//! How a [`LineClient`](super::LineClient) connects: where, with which token, how long
//! it waits, and how it retries.

use std::fmt;
use std::time::Duration;

use rand::Rng;

/// LINE's production API.
pub const DEFAULT_BASE_URL: &str = "https://api.line.me";
/// LINE's data host: message content and other binary downloads.
pub const DEFAULT_DATA_BASE_URL: &str = "https://api-data.line.me";

/// Settings for a [`LineClient`](super::LineClient). Build with [`ClientConfig::new`]
/// and adjust with the `with_*` methods.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Scheme, host and optional port, without a trailing path (the sandbox's address
    /// in tests).
    pub base_url: String,
    /// The data host (`https://api-data.line.me`), where message content is
    /// downloaded; the same address as `base_url` for the sandbox.
    pub data_base_url: String,
    pub channel_access_token: ChannelAccessToken,
    /// Time allowed to open the TCP + TLS connection.
    pub connect_timeout: Duration,
    /// Time allowed for one whole attempt, from sending to the last body byte.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
}

impl ClientConfig {
    /// Production defaults: `https://api.line.me`, 3 s to connect, 10 s per attempt,
    /// and [`RetryPolicy::default`].
    pub fn new(channel_access_token: impl Into<String>) -> Self {
        ClientConfig {
            base_url: DEFAULT_BASE_URL.to_owned(),
            data_base_url: DEFAULT_DATA_BASE_URL.to_owned(),
            channel_access_token: ChannelAccessToken(channel_access_token.into()),
            connect_timeout: Duration::from_secs(3),
            request_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
        }
    }

    /// Sends to `base_url` instead of LINE (e.g. `http://127.0.0.1:8080`), for both
    /// the API and the data host: the sandbox serves both on one address.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_owned();
        self.data_base_url = self.base_url.clone();
        self
    }

    /// Downloads content from `data_base_url` (set after [`Self::with_base_url`]).
    pub fn with_data_base_url(mut self, data_base_url: impl Into<String>) -> Self {
        self.data_base_url = data_base_url.into().trim_end_matches('/').to_owned();
        self
    }

    /// Sets the connect and per-attempt timeouts.
    pub fn with_timeouts(mut self, connect: Duration, request: Duration) -> Self {
        self.connect_timeout = connect;
        self.request_timeout = request;
        self
    }

    /// Sets the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }
}

/// A channel access token. Its `Debug` output is redacted so that it cannot leak into
/// logs through a config dump.
#[derive(Clone)]
pub struct ChannelAccessToken(String);

impl ChannelAccessToken {
    /// The token itself, for the `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ChannelAccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChannelAccessToken(<redacted>)")
    }
}

/// Exponential backoff with full jitter: before retry `n` (1-based) the client sleeps
/// a uniformly random time in `0..=min(max_delay, base_delay * 2^(n-1))`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 means never retry.
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, 200 ms base, 5 s cap: at most about 1.4 s of sleeping on average.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// A policy that tries once and never retries.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The upper bound of the sleep before retry `retry` (1-based).
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }

    /// A random sleep before retry `retry` (1-based), full jitter under [`Self::ceiling`].
    pub fn delay(&self, retry: u32, rng: &mut impl Rng) -> Duration {
        let ceiling = self.ceiling(retry).as_nanos().min(u64::MAX as u128) as u64;
        Duration::from_nanos(rng.random_range(0..=ceiling))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_ceiling_doubles_until_the_cap() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
        };
        let ceilings: Vec<_> = (1..=6).map(|n| policy.ceiling(n).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 400, 800, 1000, 1000]);
        assert_eq!(policy.ceiling(200), Duration::from_millis(1000));
    }

    #[test]
    fn jittered_delay_never_exceeds_the_ceiling() {
        let policy = RetryPolicy::default();
        let mut rng = rand::rng();
        for retry in 1..=8 {
            for _ in 0..100 {
                assert!(policy.delay(retry, &mut rng) <= policy.ceiling(retry));
            }
        }
    }

    #[test]
    fn token_is_redacted_in_debug_output() {
        let config = ClientConfig::new("very-secret-token");
        assert!(!format!("{config:?}").contains("very-secret-token"));
    }
}
