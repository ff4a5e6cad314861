//! Finding a channel and its secret from the webhook URL, with a cache.
//!
//! Routing is by the channel id in the URL (`/webhook/{channel}`): one lookup, never a
//! trial of every channel's secret. The channel record and its secret are cached for
//! `ttl` after first use, so a warm Lambda verifies without any I/O. A rotated secret
//! is picked up when the entry expires, or at once: a signature that does not verify
//! with the cached secret makes ingest [`ChannelDirectory::refresh`] the entry (at
//! most once per [`MIN_REFRESH_INTERVAL`] per channel, so forged deliveries cannot
//! turn into a Secrets Manager call each).

use jiff::{SignedDuration, Timestamp};
use otodoke_core::organization::Channel;
use otodoke_core::ports::{OrganizationStore, SecretSource};
use otodoke_core::{ChannelId, StoreError};
use otodoke_line::signature::SigningKey;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// How long a channel id the store does not know is answered "unknown" without
/// asking the store again: a flood of deliveries to made-up ids costs one read per
/// id and this interval, not one strongly consistent read each. A channel
/// registered meanwhile is found after at most this long.
pub const UNKNOWN_TTL: SignedDuration = SignedDuration::from_secs(30);

/// At most this many unknown ids are remembered; past it the memory is cleared
/// (so that random ids cannot grow it without bound).
const MAX_UNKNOWN: usize = 10_000;

/// How soon after an entry was read it may be read afresh again.
pub const MIN_REFRESH_INTERVAL: SignedDuration = SignedDuration::from_secs(30);

/// A channel with its secret, ready to verify signatures.
pub struct ResolvedChannel {
    pub channel: Channel,
    /// The channel secret, ready to verify (its HMAC key setup done once).
    pub key: SigningKey,
    fetched_at: Timestamp,
    /// Read through a refresh (after a refused signature), not a plain cache miss.
    refreshed: bool,
}

impl std::fmt::Debug for ResolvedChannel {
    // Never print the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResolvedChannel")
            .field("channel", &self.channel.id)
            .finish_non_exhaustive()
    }
}

pub struct ChannelDirectory {
    orgs: Arc<dyn OrganizationStore>,
    secrets: Arc<dyn SecretSource>,
    ttl: SignedDuration,
    cache: RwLock<HashMap<String, Arc<ResolvedChannel>>>,
    /// Ids the store did not know, and when it said so.
    unknown: RwLock<HashMap<String, Timestamp>>,
}

impl ChannelDirectory {
    pub fn new(
        orgs: Arc<dyn OrganizationStore>,
        secrets: Arc<dyn SecretSource>,
        ttl: SignedDuration,
    ) -> Self {
        Self {
            orgs,
            secrets,
            ttl,
            cache: RwLock::new(HashMap::new()),
            unknown: RwLock::new(HashMap::new()),
        }
    }

    /// The channel named in the URL, or `None` if no such channel is connected.
    pub async fn resolve(
        &self,
        channel_id: &str,
        now: Timestamp,
    ) -> Result<Option<Arc<ResolvedChannel>>, StoreError> {
        if let Some(hit) = self.cache.read().expect("cache lock").get(channel_id) {
            if now.duration_since(hit.fetched_at) < self.ttl {
                return Ok(Some(hit.clone()));
            }
        }
        if let Some(at) = self.unknown.read().expect("cache lock").get(channel_id) {
            if now.duration_since(*at) < UNKNOWN_TTL {
                return Ok(None);
            }
        }
        let resolved = self.load(channel_id, now, false).await?;
        let mut unknown = self.unknown.write().expect("cache lock");
        match &resolved {
            Some(_) => {
                unknown.remove(channel_id);
            }
            None => {
                if unknown.len() >= MAX_UNKNOWN {
                    unknown.clear();
                }
                unknown.insert(channel_id.to_owned(), now);
            }
        }
        Ok(resolved)
    }

    /// The channel and its secret read afresh (the secret through
    /// [`SecretSource::refresh`]), replacing the cached entry: call it when the
    /// cached secret refused a signature. `None` when the entry was itself refreshed
    /// less than [`MIN_REFRESH_INTERVAL`] ago (so a flood of forged signatures costs
    /// one secret read per interval, not one each) or the channel is gone. The first
    /// refused signature after an ordinary load always refreshes: the secret may have
    /// been rotated a moment after it was cached.
    pub async fn refresh(
        &self,
        channel_id: &str,
        now: Timestamp,
    ) -> Result<Option<Arc<ResolvedChannel>>, StoreError> {
        if let Some(hit) = self.cache.read().expect("cache lock").get(channel_id) {
            if hit.refreshed && now.duration_since(hit.fetched_at) < MIN_REFRESH_INTERVAL {
                return Ok(None);
            }
        }
        self.load(channel_id, now, true).await
    }

    async fn load(
        &self,
        channel_id: &str,
        now: Timestamp,
        fresh: bool,
    ) -> Result<Option<Arc<ResolvedChannel>>, StoreError> {
        let Ok(id) = ChannelId::new(channel_id) else {
            return Ok(None);
        };
        let Some(channel) = self.orgs.channel(&id).await? else {
            return Ok(None);
        };
        let secret = if fresh {
            self.secrets.refresh(&channel.secret_ref).await?
        } else {
            self.secrets.secret(&channel.secret_ref).await?
        };
        let resolved = Arc::new(ResolvedChannel {
            channel,
            key: SigningKey::new(secret.as_bytes()),
            fetched_at: now,
            refreshed: fresh,
        });
        self.cache
            .write()
            .expect("cache lock")
            .insert(channel_id.to_owned(), resolved.clone());
        Ok(Some(resolved))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_core::organization::{Plan, SecretRef};
    use otodoke_core::{OrgId, ProviderId};
    use otodoke_embedded::{EmbeddedOrganizations, StaticSecrets};

    #[tokio::test]
    async fn an_unknown_channel_is_remembered_briefly_then_asked_again() {
        let orgs = Arc::new(EmbeddedOrganizations::new());
        let secrets = Arc::new(StaticSecrets::new().with("s", "secret"));
        let directory = ChannelDirectory::new(orgs.clone(), secrets, SignedDuration::from_mins(5));
        let t0: Timestamp = "2026-11-22T10:00:00Z".parse().unwrap();
        assert!(directory.resolve("1234", t0).await.unwrap().is_none());
        // Registered just after: the negative answer stands for UNKNOWN_TTL, without
        // a store read per delivery, then the store is asked again.
        orgs.put_channel(&Channel {
            id: ChannelId::new("1234").unwrap(),
            org_id: OrgId::new("o").unwrap(),
            provider: ProviderId::new("p").unwrap(),
            bot_user_id: "Ubot".into(),
            store_id: None,
            default_store: None,
            secret_ref: SecretRef("s".into()),
            access_token_ref: SecretRef("t".into()),
            plan: Plan::Light,
        })
        .await
        .unwrap();
        let soon = t0 + SignedDuration::from_secs(10);
        assert!(directory.resolve("1234", soon).await.unwrap().is_none());
        let later = t0 + UNKNOWN_TTL;
        assert!(directory.resolve("1234", later).await.unwrap().is_some());
    }
}
