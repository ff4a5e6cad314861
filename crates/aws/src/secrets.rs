//! `SecretSource` on AWS Secrets Manager, cached after first use for a time to live:
//! a Lambda reads each channel's secret and token once per container and TTL, not
//! once per request, and picks up a rotated secret within the TTL (at once through
//! [`SecretSource::refresh`], which the callers use after a refusal).

use crate::error::store_unavailable;
use async_trait::async_trait;
use aws_sdk_secretsmanager::Client;
use otodoke_core::organization::SecretRef;
use otodoke_core::ports::SecretSource;
use otodoke_core::StoreError;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// How long a cached secret is used before it is read again.
pub const DEFAULT_SECRET_TTL: Duration = Duration::from_secs(300);

/// Secrets by ARN or name from Secrets Manager, kept in memory after a read.
///
/// A cached value is used for its time to live (default [`DEFAULT_SECRET_TTL`]),
/// until [`SecretSource::refresh`] reads it again, or until
/// [`SecretsManagerSource::forget`] drops it. Cost: one GetSecretValue per secret per
/// process and TTL; then a read lock.
pub struct SecretsManagerSource {
    client: Client,
    ttl: Duration,
    cache: RwLock<HashMap<SecretRef, (String, Instant)>>,
}

impl std::fmt::Debug for SecretsManagerSource {
    /// Never prints the cached values.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretsManagerSource")
            .finish_non_exhaustive()
    }
}

impl SecretsManagerSource {
    pub fn new(client: Client) -> Self {
        Self {
            client,
            ttl: DEFAULT_SECRET_TTL,
            cache: RwLock::new(HashMap::new()),
        }
    }

    /// Uses cached values for `ttl` (zero: read on every call).
    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// Drops a cached secret so that the next read fetches it again.
    pub async fn forget(&self, reference: &SecretRef) {
        self.cache.write().await.remove(reference);
    }
}

#[async_trait]
impl SecretSource for SecretsManagerSource {
    /// The secret's string value. `NotFound` when Secrets Manager has no such
    /// secret, `Corrupt` when it holds only binary data.
    async fn secret(&self, reference: &SecretRef) -> Result<String, StoreError> {
        if let Some((value, read_at)) = self.cache.read().await.get(reference) {
            if read_at.elapsed() < self.ttl {
                return Ok(value.clone());
            }
        }
        self.refresh(reference).await
    }

    /// One GetSecretValue; the value replaces the cached one.
    async fn refresh(&self, reference: &SecretRef) -> Result<String, StoreError> {
        let out = self
            .client
            .get_secret_value()
            .secret_id(&reference.0)
            .send()
            .await;
        let out = match out {
            Ok(out) => out,
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_not_found_exception()) =>
            {
                return Err(StoreError::NotFound(format!("secret {}", reference.0)));
            }
            Err(e) => return Err(store_unavailable("GetSecretValue", e)),
        };
        let value = out.secret_string.ok_or_else(|| {
            StoreError::Corrupt(format!("secret {} has no string value", reference.0))
        })?;
        self.cache
            .write()
            .await
            .insert(reference.clone(), (value.clone(), Instant::now()));
        Ok(value)
    }
}

/// What the functions that run automations need to send tracked links: the key of
/// friend tokens (the secret named in `OTODOKE_LINK_KEY_SECRET`, the one the redirect
/// reads) and the redirect's public base URL (`OTODOKE_LINK_BASE_URL`, the HTTP
/// API's URL; a trailing `/` is dropped). `None` when either is unset or empty, or
/// the key cannot be read: a warning is logged (once, at start-up, naming no
/// value) and automations then send their URLs as written rather than fail.
pub async fn link_tracking_from_env(
    client: &Client,
) -> Option<(otodoke_core::link::LinkKey, String)> {
    let secret = std::env::var("OTODOKE_LINK_KEY_SECRET").ok();
    let base = std::env::var("OTODOKE_LINK_BASE_URL").ok();
    match link_tracking(client, secret.as_deref(), base.as_deref()).await {
        Ok(settings) => Some(settings),
        Err(why) => {
            tracing::warn!(error = %why, "tracked links are off: automations send URLs as written");
            None
        }
    }
}

/// [`link_tracking_from_env`] with the two settings given.
pub async fn link_tracking(
    client: &Client,
    secret: Option<&str>,
    base: Option<&str>,
) -> Result<(otodoke_core::link::LinkKey, String), LinkKeyError> {
    let base = base
        .map(|b| b.trim_end_matches('/'))
        .filter(|b| b.starts_with("https://") || b.starts_with("http://"))
        .ok_or(LinkKeyError::NoBase)?;
    let name = secret
        .filter(|s| !s.is_empty())
        .ok_or(LinkKeyError::Missing)?;
    let value = SecretsManagerSource::new(client.clone())
        .refresh(&SecretRef(name.to_owned()))
        .await?;
    let key = otodoke_core::link::LinkKey::new(value.into_bytes())?;
    Ok((key, base.to_owned()))
}

/// Why the link key could not be loaded at start-up.
#[derive(Debug, thiserror::Error)]
pub enum LinkKeyError {
    #[error("missing setting OTODOKE_LINK_KEY_SECRET (the secret holding the tracked links' key)")]
    Missing,
    #[error("missing setting OTODOKE_LINK_BASE_URL (the redirect's public http(s) base URL)")]
    NoBase,
    #[error("the tracked links' key could not be read: {0}")]
    Unreadable(#[from] StoreError),
    #[error(transparent)]
    Weak(#[from] otodoke_core::link::WeakKey),
}

/// The key of tracked links' friend tokens: the string value of the secret named
/// in `OTODOKE_LINK_KEY_SECRET` (the template generates it, 64 characters). One
/// GetSecretValue, at start-up; the value is never logged.
pub async fn link_key_from_env(
    client: &Client,
) -> Result<otodoke_core::link::LinkKey, LinkKeyError> {
    let name = std::env::var("OTODOKE_LINK_KEY_SECRET").map_err(|_| LinkKeyError::Missing)?;
    let value = SecretsManagerSource::new(client.clone())
        .refresh(&SecretRef(name))
        .await?;
    Ok(otodoke_core::link::LinkKey::new(value.into_bytes())?)
}
