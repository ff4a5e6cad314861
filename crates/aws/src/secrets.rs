//! `SecretSource` on AWS Secrets Manager, cached after first use: a Lambda reads
//! each channel's secret and token once per container, not once per request.

use crate::error::store_unavailable;
use async_trait::async_trait;
use aws_sdk_secretsmanager::Client;
use otodoke_core::organization::SecretRef;
use otodoke_core::ports::SecretSource;
use otodoke_core::StoreError;
use std::collections::HashMap;
use tokio::sync::RwLock;

/// Secrets by ARN or name from Secrets Manager, kept in memory after the first read.
///
/// A cached value is used until [`SecretsManagerSource::forget`] drops it (call that
/// when LINE answers 401: the token was rotated). Cost: one GetSecretValue per
/// secret per process; then a read lock.
pub struct SecretsManagerSource {
    client: Client,
    cache: RwLock<HashMap<SecretRef, String>>,
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
            cache: RwLock::new(HashMap::new()),
        }
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
        if let Some(value) = self.cache.read().await.get(reference) {
            return Ok(value.clone());
        }
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
            .insert(reference.clone(), value.clone());
        Ok(value)
    }
}
