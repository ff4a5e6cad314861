//! One secret source for the whole local stack: the demo channel's secrets (fixed
//! at start-up, in a [`StaticSecrets`]) plus whatever the admin API writes when a
//! channel is connected through it (a [`MemorySecrets`]), so that a channel created
//! on `/admin/channels` is usable by ingest and the responder at once.

use async_trait::async_trait;
use otodoke_core::organization::SecretRef;
use otodoke_core::ports::SecretSource;
use otodoke_core::StoreError;
use otodoke_embedded::StaticSecrets;
use otodoke_fn_admin_api::MemorySecrets;
use std::sync::Arc;

/// Reads the admin API's writes first, then the start-up secrets.
/// `Debug` names no values.
#[derive(Debug, Clone)]
pub struct LocalSecrets {
    fixed: StaticSecrets,
    written: Arc<MemorySecrets>,
}

impl LocalSecrets {
    /// `fixed` as given at start-up; `written` shared with the admin API.
    pub fn new(fixed: StaticSecrets, written: Arc<MemorySecrets>) -> Self {
        Self { fixed, written }
    }
}

#[async_trait]
impl SecretSource for LocalSecrets {
    /// The value of `reference`; `NotFound` when neither side has it. No I/O.
    async fn secret(&self, reference: &SecretRef) -> Result<String, StoreError> {
        match self.written.get(reference) {
            Some(value) => Ok(value),
            None => self.fixed.secret(reference).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_fn_admin_api::SecretWriter;

    #[tokio::test]
    async fn secrets_written_through_the_admin_api_are_readable_and_win() {
        let written = Arc::new(MemorySecrets::default());
        let secrets = LocalSecrets::new(
            StaticSecrets::new()
                .with("a", "fixed-a")
                .with("b", "fixed-b"),
            written.clone(),
        );
        written.put("b", "written-b").await.unwrap();
        written.put("c", "written-c").await.unwrap();
        let read = |r: &str| {
            let secrets = secrets.clone();
            let r = SecretRef(r.into());
            async move { secrets.secret(&r).await.ok() }
        };
        assert_eq!(read("a").await.as_deref(), Some("fixed-a"));
        assert_eq!(read("b").await.as_deref(), Some("written-b"));
        assert_eq!(read("c").await.as_deref(), Some("written-c"));
        assert_eq!(read("d").await, None);
    }
}
