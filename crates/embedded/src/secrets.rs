//! Secrets from a map, for the local stack and tests.

use async_trait::async_trait;
use otodoke_core::organization::SecretRef;
use otodoke_core::ports::SecretSource;
use otodoke_core::StoreError;
use std::collections::HashMap;
use std::fmt;

/// A [`SecretSource`] answering from a fixed map of reference to value.
/// Its `Debug` output lists the references only, never the values.
#[derive(Default, Clone)]
pub struct StaticSecrets {
    values: HashMap<String, String>,
}

impl StaticSecrets {
    /// No secrets at all; add them with [`StaticSecrets::with`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the secret `reference`.
    pub fn with(mut self, reference: impl Into<String>, value: impl Into<String>) -> Self {
        self.values.insert(reference.into(), value.into());
        self
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for StaticSecrets {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self {
            values: iter
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }
}

impl fmt::Debug for StaticSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut refs: Vec<&String> = self.values.keys().collect();
        refs.sort();
        f.debug_struct("StaticSecrets")
            .field("references", &refs)
            .finish()
    }
}

#[async_trait]
impl SecretSource for StaticSecrets {
    /// The value of `reference`; `NotFound` naming the reference when it is missing.
    async fn secret(&self, reference: &SecretRef) -> Result<String, StoreError> {
        self.values
            .get(&reference.0)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(format!("secret {:?}", reference.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn secrets_are_found_by_reference_and_never_debug_printed() {
        let secrets = StaticSecrets::new().with("ch-1/secret", "s3cr3t-value");
        let value = secrets
            .secret(&SecretRef("ch-1/secret".into()))
            .await
            .unwrap();
        assert_eq!(value, "s3cr3t-value");
        assert!(matches!(
            secrets.secret(&SecretRef("ch-2/secret".into())).await,
            Err(StoreError::NotFound(_))
        ));
        assert!(!format!("{secrets:?}").contains("s3cr3t"));
    }
}
