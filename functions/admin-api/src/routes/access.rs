//! Loading a resource *for a caller*: absent and out-of-scope look the same (404).

use crate::auth::{Caller, Scope};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use otodoke_core::campaign::Campaign;
use otodoke_core::friend::{Friend, FriendKey};
use otodoke_core::organization::{Channel, Store};
use otodoke_core::{CampaignId, ChannelId, LineUserId, ProviderId, StoreId};

/// The organization's stores and the caller's scope over them.
pub async fn scope(state: &AppState, caller: &Caller) -> ApiResult<(Vec<Store>, Scope)> {
    let stores = state.ports.orgs.stores(&caller.org).await?;
    let scope = Scope::resolve(caller, &stores);
    Ok((stores, scope))
}

/// A store of the caller's organization inside their scope.
pub async fn store(state: &AppState, caller: &Caller, id: &str) -> ApiResult<(Store, Scope)> {
    let id = StoreId::new(id).map_err(|_| ApiError::NotFound)?;
    let (stores, scope) = scope(state, caller).await?;
    let store = stores
        .into_iter()
        .find(|s| s.id == id)
        .filter(|s| scope.contains(&s.id))
        .ok_or(ApiError::NotFound)?;
    Ok((store, scope))
}

/// A friend of the caller's organization assigned to a store in their scope.
pub async fn friend(
    state: &AppState,
    caller: &Caller,
    provider: &str,
    user: &str,
) -> ApiResult<(Friend, Scope)> {
    let key = FriendKey {
        org: caller.org.clone(),
        provider: ProviderId::new(provider).map_err(|_| ApiError::NotFound)?,
        user_id: LineUserId::parse(user).map_err(|_| ApiError::NotFound)?,
    };
    let friend = state
        .ports
        .friends
        .friend(&key)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (_, scope) = scope(state, caller).await?;
    if !scope.sees(friend.store_id.as_ref()) || !caller.sees_assignee(friend.assignee.as_ref()) {
        return Err(ApiError::NotFound);
    }
    Ok((friend, scope))
}

/// A channel of the caller's organization: a channel shared by the organization
/// (no store) is visible to all its staff, a store's channel to that store's staff.
pub async fn channel(state: &AppState, caller: &Caller, id: &str) -> ApiResult<(Channel, Scope)> {
    let id = ChannelId::new(id).map_err(|_| ApiError::NotFound)?;
    let channel = state
        .ports
        .orgs
        .channel(&id)
        .await?
        .filter(|c| c.org_id == caller.org)
        .ok_or(ApiError::NotFound)?;
    let (_, scope) = scope(state, caller).await?;
    if !channel_visible(&scope, &channel) {
        return Err(ApiError::NotFound);
    }
    Ok((channel, scope))
}

pub fn channel_visible(scope: &Scope, channel: &Channel) -> bool {
    channel.store_id.as_ref().is_none_or(|s| scope.contains(s))
}

/// Whether a campaign is inside a scope: one targeting named stores is visible to
/// staff of all of them; an organization-wide one to unrestricted staff only.
pub fn campaign_visible(scope: &Scope, campaign: &Campaign) -> bool {
    if campaign.audience.stores.is_empty() {
        scope.is_all()
    } else {
        campaign.audience.stores.iter().all(|s| scope.contains(s))
    }
}

/// A campaign of the caller's organization inside their scope.
pub async fn campaign(state: &AppState, caller: &Caller, id: &str) -> ApiResult<Campaign> {
    let id = CampaignId::new(id).map_err(|_| ApiError::NotFound)?;
    let campaign = state
        .ports
        .campaigns
        .campaign(&id)
        .await?
        .filter(|c| c.org_id == caller.org)
        .ok_or(ApiError::NotFound)?;
    let (_, scope) = scope(state, caller).await?;
    if !campaign_visible(&scope, &campaign) {
        return Err(ApiError::NotFound);
    }
    Ok(campaign)
}
