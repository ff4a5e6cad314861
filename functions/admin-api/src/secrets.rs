//! Writing channel secrets and access tokens where the `SecretSource` side reads
//! them. The API accepts them on channel creation, stores them here, keeps only the
//! reference on the channel, and never returns them.

use async_trait::async_trait;
use otodoke_core::organization::SecretRef;
use otodoke_core::StoreError;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::fmt;

/// Stores a secret under a name and answers the reference to read it back by.
#[async_trait]
pub trait SecretWriter: Send + Sync {
    /// Creates or replaces the secret `name`. Fails with `Unavailable` on an outage.
    async fn put(&self, name: &str, value: &str) -> Result<SecretRef, StoreError>;
}

/// Secrets kept in memory (local stack, tests). `Debug` lists names only.
#[derive(Default)]
pub struct MemorySecrets {
    values: Mutex<HashMap<String, String>>,
}

impl MemorySecrets {
    /// The value written under `reference`, if any (tests, and the local stack's
    /// `SecretSource`).
    pub fn get(&self, reference: &SecretRef) -> Option<String> {
        self.values.lock().get(&reference.0).cloned()
    }
}

impl fmt::Debug for MemorySecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.values.lock().keys().cloned().collect();
        f.debug_struct("MemorySecrets")
            .field("names", &names)
            .finish()
    }
}

/// The local stack reads back what the API wrote (webhook verification, sends).
#[async_trait]
impl otodoke_core::ports::SecretSource for MemorySecrets {
    /// The value written under `reference`; `NotFound` naming the reference otherwise.
    async fn secret(&self, reference: &SecretRef) -> Result<String, StoreError> {
        self.get(reference)
            .ok_or_else(|| StoreError::NotFound(format!("secret {:?}", reference.0)))
    }
}

#[async_trait]
impl SecretWriter for MemorySecrets {
    async fn put(&self, name: &str, value: &str) -> Result<SecretRef, StoreError> {
        self.values.lock().insert(name.to_owned(), value.to_owned());
        Ok(SecretRef(name.to_owned()))
    }
}

/// Secrets in AWS Secrets Manager: `CreateSecret`, or `PutSecretValue` when the
/// name exists, under `prefix` + name (the stage's `OTODOKE_SECRET_PREFIX`, e.g.
/// `otodoke/prod/channels/`, which the function's IAM policy is limited to). The
/// reference is the full secret name, which `SecretsManagerSource` reads.
/// Cost: one or two API calls.
pub struct SecretsManagerWriter {
    client: aws_sdk_secretsmanager::Client,
    prefix: String,
}

impl SecretsManagerWriter {
    pub fn new(client: aws_sdk_secretsmanager::Client, prefix: impl Into<String>) -> Self {
        Self {
            client,
            prefix: prefix.into(),
        }
    }
}

fn unavailable(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Unavailable(Box::new(e))
}

#[async_trait]
impl SecretWriter for SecretsManagerWriter {
    async fn put(&self, name: &str, value: &str) -> Result<SecretRef, StoreError> {
        let name = &format!("{}{name}", self.prefix);
        let created = self
            .client
            .create_secret()
            .name(name)
            .secret_string(value)
            .send()
            .await;
        match created {
            Ok(_) => {}
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_resource_exists_exception()) =>
            {
                self.client
                    .put_secret_value()
                    .secret_id(name)
                    .secret_string(value)
                    .send()
                    .await
                    .map_err(unavailable)?;
            }
            Err(e) => return Err(unavailable(e)),
        }
        Ok(SecretRef(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_core::ports::SecretSource;

    #[tokio::test]
    async fn what_is_written_reads_back_by_its_reference_and_debug_hides_it() {
        let secrets = MemorySecrets::default();
        let reference = secrets
            .put("acme/1/channel-secret", "s3cr3t")
            .await
            .unwrap();
        assert_eq!(secrets.secret(&reference).await.unwrap(), "s3cr3t");
        assert!(!format!("{secrets:?}").contains("s3cr3t"));
        assert!(secrets.secret(&SecretRef("nope".into())).await.is_err());
    }
}
