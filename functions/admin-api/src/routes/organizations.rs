//! The caller's organization and its store tree.

use super::{access, replies};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use otodoke_autoreply::{Answer, GroupPolicy};
use otodoke_core::inherit::ReplyPart;
use otodoke_core::organization::{subtree, LinkMode, Role, Store};
use otodoke_core::outbound;
use otodoke_core::{OrgId, StoreId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An organization with the stores the caller may see, as a tree.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationView {
    pub id: String,
    pub name: String,
    /// `shared_channel` or `channel_per_store`.
    pub link_mode: LinkMode,
    pub default_store: Option<String>,
    pub stores: Vec<StoreNode>,
}

/// A store and the stores below it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoreNode {
    pub id: String,
    pub name: String,
    pub time_zone: String,
    #[schema(no_recursion)]
    pub children: Vec<StoreNode>,
}

/// A store's settings. Its hours, holidays, rules and intents have their own routes;
/// everything else a store has is here, readable and editable.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoreView {
    pub id: String,
    pub parent: Option<String>,
    pub name: String,
    pub time_zone: String,
    pub retention_days: Option<u32>,
    pub staff_notify_url: Option<String>,
    pub monthly_budget: Option<u64>,
    /// Sent on a new follow (`{name}` is the friend's display name).
    pub greeting: Option<Answer>,
    /// Sent when a friend unblocks the account; when unset, `greeting` is sent.
    pub unblock_greeting: Option<Answer>,
    /// Sent when nothing else answers a 1:1 message (staff are notified).
    pub fallback: Option<Answer>,
    /// `respond` or `mention_only`: how the bot behaves in group chats.
    pub groups: GroupPolicy,
    /// Fills `{name}` when a friend's display name is unknown.
    pub default_name: String,
    /// The auto-reply parts taken from above (see `GET .../reply` for the
    /// effective values and their sources).
    pub inherits: Vec<ReplyPart>,
    /// The settings version; send it back with a change (409 when stale).
    pub version: u64,
}

impl From<&Store> for StoreView {
    fn from(s: &Store) -> Self {
        Self {
            id: s.id.to_string(),
            parent: s.parent.as_ref().map(ToString::to_string),
            name: s.name.clone(),
            time_zone: s.time_zone.clone(),
            retention_days: s.retention_days,
            staff_notify_url: s.staff_notify_url.clone(),
            monthly_budget: s.monthly_budget,
            greeting: s.reply.greeting.clone(),
            unblock_greeting: s.reply.unblock_greeting.clone(),
            fallback: s.reply.fallback.clone(),
            groups: s.reply.groups,
            default_name: s.reply.default_name.clone(),
            inherits: s.inherits.iter().copied().collect(),
            version: s.version,
        }
    }
}

fn tree(stores: &[Store], visible: &dyn Fn(&StoreId) -> bool) -> Vec<StoreNode> {
    fn node(s: &Store, stores: &[Store]) -> StoreNode {
        StoreNode {
            id: s.id.to_string(),
            name: s.name.clone(),
            time_zone: s.time_zone.clone(),
            children: stores
                .iter()
                .filter(|c| c.parent.as_ref() == Some(&s.id))
                .map(|c| node(c, stores))
                .collect(),
        }
    }
    // Roots: visible stores whose parent is absent or not visible.
    stores
        .iter()
        .filter(|s| visible(&s.id))
        .filter(|s| s.parent.as_ref().is_none_or(|p| !visible(p)))
        .map(|s| node(s, stores))
        .collect()
}

/// The caller's organization and the store tree within their scope.
#[utoipa::path(get, path = "/admin/organizations/{org_id}", tag = "organizations",
    params(("org_id" = String, Path)),
    responses((status = 200, body = OrganizationView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_organization(
    State(state): State<AppState>,
    caller: Caller,
    Path(org_id): Path<String>,
) -> ApiResult<Json<OrganizationView>> {
    let org = OrgId::new(org_id).map_err(|_| ApiError::NotFound)?;
    caller.require_org(&org)?;
    let found = state
        .ports
        .orgs
        .organization(&org)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (stores, scope) = access::scope(&state, &caller).await?;
    Ok(Json(OrganizationView {
        id: found.id.to_string(),
        name: found.name,
        link_mode: found.link_mode,
        default_store: found.default_store.map(|s| s.to_string()),
        stores: tree(&stores, &|id| scope.contains(id)),
    }))
}

/// Changes to an organization; absent fields are left as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganization {
    pub name: Option<String>,
    pub link_mode: Option<LinkMode>,
    /// Where new friends go when nothing names a store.
    pub default_store: Option<String>,
}

/// Renames the organization, changes its link mode or default store (admin, all stores).
#[utoipa::path(patch, path = "/admin/organizations/{org_id}", tag = "organizations",
    params(("org_id" = String, Path)), request_body = UpdateOrganization,
    responses((status = 200, body = OrganizationView), (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below admin", body = crate::error::ErrorBody)))]
pub async fn update_organization(
    State(state): State<AppState>,
    caller: Caller,
    Path(org_id): Path<String>,
    ApiJson(body): ApiJson<UpdateOrganization>,
) -> ApiResult<Json<OrganizationView>> {
    let org_id = OrgId::new(org_id).map_err(|_| ApiError::NotFound)?;
    caller.require_org(&org_id)?;
    let (stores, scope) = access::scope(&state, &caller).await?;
    scope.require_all()?;
    caller.require(Role::Admin)?;
    let mut org = state
        .ports
        .orgs
        .organization(&org_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if let Some(name) = body.name {
        if name.trim().is_empty() {
            return Err(ApiError::invalid("name", "must not be empty"));
        }
        org.name = name;
    }
    if let Some(mode) = body.link_mode {
        org.link_mode = mode;
    }
    if let Some(default) = body.default_store {
        let id = StoreId::new(default)
            .ok()
            .filter(|id| stores.iter().any(|s| &s.id == id))
            .ok_or_else(|| ApiError::invalid("default_store", "no such store"))?;
        org.default_store = Some(id);
    }
    state.ports.orgs.put_organization(&org).await?;
    get_organization(State(state), caller, Path(org_id.to_string())).await
}

/// A new store.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateStore {
    #[schema(value_type = StoreId)]
    pub id: String,
    pub name: String,
    /// The store (or region) this one sits under.
    pub parent: Option<String>,
    /// IANA zone; default `Asia/Tokyo`.
    pub time_zone: Option<String>,
    pub retention_days: Option<u32>,
    pub staff_notify_url: Option<String>,
    pub monthly_budget: Option<u64>,
}

/// Creates a store (admin). A store-scoped admin may only create stores below
/// their own; a root store needs an unrestricted admin.
#[utoipa::path(post, path = "/admin/stores", tag = "organizations", request_body = CreateStore,
    responses((status = 201, body = StoreView), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below admin", body = crate::error::ErrorBody), (status = 404, description = "a root store, and the caller is limited to some stores", body = crate::error::ErrorBody)))]
pub async fn create_store(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<CreateStore>,
) -> ApiResult<(StatusCode, Json<StoreView>)> {
    caller.require(Role::Admin)?;
    let (stores, scope) = access::scope(&state, &caller).await?;
    let id = StoreId::new(&body.id).map_err(|e| ApiError::invalid("id", e.to_string()))?;
    let parent = match &body.parent {
        None => {
            scope.require_all()?;
            None
        }
        Some(p) => {
            // An id no store could have is as unknown as an absent one: a 422 on
            // the field, never a 404 (the path named nothing).
            let p = StoreId::new(p)
                .ok()
                .filter(|p| stores.iter().any(|s| &s.id == p) && scope.contains(p))
                .ok_or_else(|| ApiError::invalid("parent", "no such store"))?;
            Some(p)
        }
    };
    if stores.iter().any(|s| s.id == id) {
        return Err(ApiError::Conflict("a store with this id exists".into()));
    }
    let time_zone = body.time_zone.unwrap_or_else(|| "Asia/Tokyo".into());
    let reply = otodoke_autoreply::ReplyConfig {
        store_name: body.name.clone(),
        time_zone: time_zone.clone(),
        ..Default::default()
    };
    let store = Store {
        id,
        org_id: caller.org.clone(),
        parent,
        name: body.name,
        time_zone,
        retention_days: body.retention_days,
        staff_notify_url: body.staff_notify_url,
        monthly_budget: body.monthly_budget,
        reply,
        version: 0,
        // A new store takes every auto-reply part from the store above it (or the
        // organization) until it sets its own: a chain's new branch answers like
        // its region from the start.
        inherits: ReplyPart::ALL.into_iter().collect(),
        inbox: Default::default(),
    };
    check_store(&store)?;
    let store = state.ports.orgs.save_store(&store).await?;
    Ok((StatusCode::CREATED, Json(StoreView::from(&store))))
}

/// One store of the caller's scope.
#[utoipa::path(get, path = "/admin/stores/{store_id}", tag = "organizations",
    params(("store_id" = String, Path)),
    responses((status = 200, body = StoreView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_store(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
) -> ApiResult<Json<StoreView>> {
    let (store, _) = access::store(&state, &caller, &store_id).await?;
    Ok(Json(StoreView::from(&store)))
}

/// The rules every saved store meets: a name, a known time zone, a notification URL
/// otodoke may call, and answers within LINE's limits.
fn check_store(store: &Store) -> ApiResult<()> {
    if store.name.trim().is_empty() {
        return Err(ApiError::invalid("name", "must not be empty"));
    }
    if jiff::tz::TimeZone::get(&store.time_zone).is_err() {
        return Err(ApiError::invalid("time_zone", "unknown IANA time zone"));
    }
    if let Some(url) = &store.staff_notify_url {
        outbound::check_url(url)
            .map_err(|e| ApiError::invalid("staff_notify_url", e.to_string()))?;
    }
    if store.retention_days == Some(0) {
        return Err(ApiError::invalid(
            "retention_days",
            "at least 1 day, or null to keep forever",
        ));
    }
    for (field, answer) in [
        ("greeting", &store.reply.greeting),
        ("unblock_greeting", &store.reply.unblock_greeting),
        ("fallback", &store.reply.fallback),
    ] {
        if let Some(answer) = answer {
            answer
                .check_limits(|| field.to_owned())
                .map_err(|e| ApiError::invalid(field, e.to_string()))?;
        }
    }
    Ok(())
}

/// Reads a present JSON value, `null` included, as `Some(value)`; with
/// `#[serde(default)]` an absent field stays `None`. So `"x": null` clears a setting
/// and leaving `x` out keeps it.
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Changes to a store; absent fields are left as they are, `null` clears one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateStore {
    /// The version the change is based on (from `GET`); 409 when the store has
    /// changed since. Without it the change applies to the current settings.
    pub version: Option<u64>,
    pub name: Option<String>,
    /// Move the store under another one (`null`: to the top of the tree).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub parent: Option<Option<String>>,
    pub time_zone: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<u32>)]
    pub retention_days: Option<Option<u32>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub staff_notify_url: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<u64>)]
    pub monthly_budget: Option<Option<u64>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Answer>)]
    pub greeting: Option<Option<Answer>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Answer>)]
    pub unblock_greeting: Option<Option<Answer>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Answer>)]
    pub fallback: Option<Option<Answer>>,
    pub groups: Option<GroupPolicy>,
    pub default_name: Option<String>,
    /// The auto-reply parts this store takes from the store above it or the
    /// organization (`hours`, `after_hours`, `rules`, `intents`, `greeting`,
    /// `unblock_greeting`, `fallback`); the others are its own. Setting a greeting,
    /// unblock greeting or fallback here makes that part the store's own.
    pub inherits: Option<Vec<ReplyPart>>,
}

/// Changes a store's settings (admin of the store).
#[utoipa::path(patch, path = "/admin/stores/{store_id}", tag = "organizations",
    params(("store_id" = String, Path)), request_body = UpdateStore,
    responses((status = 200, body = StoreView), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
pub async fn update_store(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
    ApiJson(body): ApiJson<UpdateStore>,
) -> ApiResult<Json<StoreView>> {
    let (mut store, scope) = access::store(&state, &caller, &store_id).await?;
    caller.require(Role::Admin)?;
    if body.version.is_some_and(|v| v != store.version) {
        return Err(replies::stale());
    }
    if let Some(parent) = body.parent {
        let stores = state.ports.orgs.stores(&caller.org).await?;
        store.parent = match parent {
            None => {
                scope.require_all()?;
                None
            }
            Some(p) => {
                let p = StoreId::new(p)
                    .ok()
                    .filter(|p| stores.iter().any(|s| &s.id == p) && scope.contains(p))
                    .ok_or_else(|| ApiError::invalid("parent", "no such store"))?;
                if subtree(&stores, &store.id).contains(&p) {
                    return Err(ApiError::invalid(
                        "parent",
                        "a store cannot sit under itself or a store below it",
                    ));
                }
                Some(p)
            }
        };
    }
    if let Some(name) = body.name {
        store.reply.store_name = name.clone();
        store.name = name;
    }
    if let Some(time_zone) = body.time_zone {
        store.reply.time_zone = time_zone.clone();
        store.time_zone = time_zone;
    }
    if let Some(days) = body.retention_days {
        store.retention_days = days;
    }
    if let Some(url) = body.staff_notify_url {
        store.staff_notify_url = url;
    }
    if let Some(budget) = body.monthly_budget {
        store.monthly_budget = budget;
    }
    if let Some(greeting) = body.greeting {
        store.reply.greeting = greeting;
        store.inherits.remove(&ReplyPart::Greeting);
    }
    if let Some(greeting) = body.unblock_greeting {
        store.reply.unblock_greeting = greeting;
        store.inherits.remove(&ReplyPart::UnblockGreeting);
    }
    if let Some(fallback) = body.fallback {
        store.reply.fallback = fallback;
        store.inherits.remove(&ReplyPart::Fallback);
    }
    if let Some(inherits) = body.inherits {
        store.inherits = inherits.into_iter().collect();
    }
    if let Some(groups) = body.groups {
        store.reply.groups = groups;
    }
    if let Some(name) = body.default_name {
        store.reply.default_name = name;
    }
    check_store(&store)?;
    let store = state.ports.orgs.save_store(&store).await?;
    Ok(Json(StoreView::from(&store)))
}

/// Removes a store (admin of the store). Refused (409) while stores sit below it,
/// a channel belongs to it, or friends are assigned to it: move them first, so that
/// nobody is left answered by a store that no longer exists.
#[utoipa::path(delete, path = "/admin/stores/{store_id}", tag = "organizations",
    params(("store_id" = String, Path)),
    responses((status = 204, description = "Removed"), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn delete_store(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
) -> ApiResult<StatusCode> {
    let (store, _) = access::store(&state, &caller, &store_id).await?;
    caller.require(Role::Admin)?;
    let stores = state.ports.orgs.stores(&caller.org).await?;
    if stores.iter().any(|s| s.parent.as_ref() == Some(&store.id)) {
        return Err(ApiError::Conflict(
            "stores sit below this one; move or remove them first".into(),
        ));
    }
    let channels = state.ports.orgs.channels(&caller.org).await?;
    if channels
        .iter()
        .any(|c| c.store_id.as_ref() == Some(&store.id))
    {
        return Err(ApiError::Conflict(
            "a channel belongs to this store; move it first".into(),
        ));
    }
    let friends = state
        .ports
        .friends
        .by_store(&store.key(), otodoke_core::PageRequest::first(1))
        .await?;
    if !friends.items.is_empty() {
        return Err(ApiError::Conflict(
            "friends are assigned to this store; move them first".into(),
        ));
    }
    if !state
        .ports
        .orgs
        .delete_store(&caller.org, &store.id)
        .await?
    {
        return Err(ApiError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}
