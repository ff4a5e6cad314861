//! Our failures answer 500 with a generic message and never show their text.

use super::support::*;
use async_trait::async_trait;
use otodoke_core::friend::{FollowState, Friend, FriendKey};
use otodoke_core::organization::Role;
use otodoke_core::ports::FriendStore;
use otodoke_core::*;
use otodoke_fn_admin_api::{router, AppState};
use std::sync::Arc;

/// A friend store whose backend is down, with a revealing error text.
struct Down;

fn outage() -> StoreError {
    StoreError::Unavailable("dynamodb endpoint 10.0.3.7 refused: table otodoke-prod-friends".into())
}

#[async_trait]
impl FriendStore for Down {
    async fn friend(&self, _: &FriendKey) -> Result<Option<Friend>, StoreError> {
        Err(outage())
    }
    async fn save(&self, _: &Friend) -> Result<Friend, StoreError> {
        Err(outage())
    }
    async fn delete(&self, _: &FriendKey) -> Result<bool, StoreError> {
        Err(outage())
    }
    async fn by_store(&self, _: &StoreKey, _: PageRequest) -> Result<Page<Friend>, StoreError> {
        Err(outage())
    }
    async fn by_channel(
        &self,
        _: &OrgId,
        _: &ChannelId,
        _: FollowState,
        _: PageRequest,
    ) -> Result<Page<Friend>, StoreError> {
        Err(outage())
    }
    async fn by_tag(&self, _: &OrgId, _: &str, _: PageRequest) -> Result<Page<Friend>, StoreError> {
        Err(outage())
    }
    async fn by_org(&self, _: &OrgId, _: PageRequest) -> Result<Page<Friend>, StoreError> {
        Err(outage())
    }
}

#[tokio::test]
async fn a_storage_outage_is_a_500_that_does_not_leak_its_text() {
    let world = World::new().await;
    let mut ports = world.ports();
    ports.friends = Arc::new(Down);
    let owner = caller("acme", Role::Owner, &[]);
    let state = world.state(owner);
    let app = router(AppState { ports, ..state });
    let r = call(&app, "GET", "/admin/stores/shibuya/friends", None).await;
    assert_eq!(r.status, 500);
    assert_eq!(r.json, serde_json::json!({"message": "internal error"}));
}
