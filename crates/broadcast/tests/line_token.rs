//! The sender's LINE client picks up a reissued access token: a 401 reads the token
//! afresh once before failing.

use async_trait::async_trait;
use otodoke_broadcast::line::{LineMessenger, Messenger};
use otodoke_contract::builders::sample_channel;
use otodoke_core::organization::SecretRef;
use otodoke_core::ports::SecretSource;
use otodoke_core::StoreError;
use otodoke_line_sandbox::{ChannelConfig, Sandbox};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// A caching secret source whose cache still holds the token from before the
/// reissue: `secret` answers the stale value, `refresh` the current one.
struct StaleCache {
    stale: String,
    current: String,
    refreshes: AtomicU32,
}

#[async_trait]
impl SecretSource for StaleCache {
    async fn secret(&self, _: &SecretRef) -> Result<String, StoreError> {
        Ok(self.stale.clone())
    }
    async fn refresh(&self, _: &SecretRef) -> Result<String, StoreError> {
        self.refreshes.fetch_add(1, Ordering::SeqCst);
        Ok(self.current.clone())
    }
}

#[tokio::test]
async fn a_401_reads_the_access_token_afresh_once_before_failing() {
    let config = ChannelConfig::new("1650000000");
    let sandbox = Sandbox::builder()
        .channel(config.clone())
        .start()
        .await
        .unwrap();
    let secrets = Arc::new(StaleCache {
        stale: "the-token-before-it-was-reissued".into(),
        current: config.token().to_owned(),
        refreshes: AtomicU32::new(0),
    });
    let line = LineMessenger::new(sandbox.base_url(), secrets.clone());
    let channel = sample_channel("o", "1650000000", 1);
    line.quota_consumption(&channel).await.unwrap();
    line.quota_consumption(&channel).await.unwrap();
    assert_eq!(
        secrets.refreshes.load(Ordering::SeqCst),
        1,
        "read afresh once, then the new client is kept"
    );
}
