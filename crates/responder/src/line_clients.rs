//! One [`LineClient`] per channel, built on first use from the channel's access token
//! and kept for the life of the process (a warm Lambda reads no secret per event).

use crate::error::RespondError;
use otodoke_core::organization::Channel;
use otodoke_core::ports::SecretSource;
use otodoke_core::ChannelId;
use otodoke_line::{ClientConfig, LineClient, RetryPolicy};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Builds and caches LINE clients per channel.
pub struct LineClients {
    base_url: String,
    secrets: Arc<dyn SecretSource>,
    retry: RetryPolicy,
    timeouts: Option<(Duration, Duration)>,
    cache: RwLock<HashMap<ChannelId, LineClient>>,
}

impl LineClients {
    /// Clients talking to `base_url` (`https://api.line.me`, or the sandbox's address),
    /// with tokens read from `secrets` at each channel's `access_token_ref`.
    pub fn new(base_url: impl Into<String>, secrets: Arc<dyn SecretSource>) -> Self {
        Self {
            base_url: base_url.into(),
            secrets,
            retry: RetryPolicy::default(),
            timeouts: None,
            cache: RwLock::new(HashMap::new()),
        }
    }

    /// Uses `retry` for pushes and other retryable calls (replies are never retried).
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the connect and per-attempt timeouts (defaults: the client's).
    pub fn with_timeouts(mut self, connect: Duration, request: Duration) -> Self {
        self.timeouts = Some((connect, request));
        self
    }

    /// The client of `channel`. The first call per channel reads its access token
    /// (one secret lookup) and builds a connection pool; later calls are a map lookup.
    /// Fails when the token cannot be read or the base URL is invalid.
    pub async fn client(&self, channel: &Channel) -> Result<LineClient, RespondError> {
        if let Some(client) = self.cache.read().expect("client cache").get(&channel.id) {
            return Ok(client.clone());
        }
        let token = self.secrets.secret(&channel.access_token_ref).await?;
        self.build(channel, token)
    }

    /// A new client of `channel` with its access token read afresh
    /// ([`SecretSource::refresh`]), replacing the cached one: call it once after LINE
    /// answered 401 (the token may have been reissued).
    pub async fn refreshed(&self, channel: &Channel) -> Result<LineClient, RespondError> {
        let token = self.secrets.refresh(&channel.access_token_ref).await?;
        self.build(channel, token)
    }

    fn build(&self, channel: &Channel, token: String) -> Result<LineClient, RespondError> {
        let mut config = ClientConfig::new(token)
            .with_base_url(self.base_url.clone())
            .with_retry(self.retry);
        if let Some((connect, request)) = self.timeouts {
            config = config.with_timeouts(connect, request);
        }
        let client = LineClient::new(config).map_err(|source| RespondError::Client {
            channel: channel.id.to_string(),
            source,
        })?;
        self.cache
            .write()
            .expect("client cache")
            .insert(channel.id.clone(), client.clone());
        Ok(client)
    }

    /// Drops the cached client of `channel`, so that the next call reads the token
    /// again (after LINE refused it: it may have been rotated).
    pub fn forget(&self, channel: &ChannelId) {
        self.cache.write().expect("client cache").remove(channel);
    }
}
