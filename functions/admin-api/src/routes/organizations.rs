//! The caller's organization and its store tree.

use super::access;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use otodoke_core::organization::{LinkMode, Role, Store};
use otodoke_core::{OrgId, StoreId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An organization with the stores the caller may see, as a tree.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationView {
    pub id: String,
    pub name: String,
    /// `shared_channel` or `channel_per_store`.
    #[schema(value_type = String, example = "shared_channel")]
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

/// A store's settings (its auto-reply configuration has its own routes).
#[derive(Debug, Serialize, ToSchema)]
pub struct StoreView {
    pub id: String,
    pub parent: Option<String>,
    pub name: String,
    pub time_zone: String,
    pub retention_days: Option<u32>,
    pub staff_notify_url: Option<String>,
    pub monthly_budget: Option<u64>,
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
    #[schema(value_type = Option<String>, example = "channel_per_store")]
    pub link_mode: Option<LinkMode>,
    /// Where new friends go when nothing names a store.
    pub default_store: Option<String>,
}

/// Renames the organization, changes its link mode or default store (admin, all stores).
#[utoipa::path(patch, path = "/admin/organizations/{org_id}", tag = "organizations",
    params(("org_id" = String, Path)), request_body = UpdateOrganization,
    responses((status = 200, body = OrganizationView), (status = 422, body = crate::error::ErrorBody)))]
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
        (status = 422, body = crate::error::ErrorBody)))]
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
            let p = StoreId::new(p).map_err(|_| ApiError::NotFound)?;
            if !stores.iter().any(|s| s.id == p) || !scope.contains(&p) {
                return Err(ApiError::invalid("parent", "no such store"));
            }
            Some(p)
        }
    };
    if body.name.trim().is_empty() {
        return Err(ApiError::invalid("name", "must not be empty"));
    }
    let time_zone = body.time_zone.unwrap_or_else(|| "Asia/Tokyo".into());
    if jiff::tz::TimeZone::get(&time_zone).is_err() {
        return Err(ApiError::invalid("time_zone", "unknown IANA time zone"));
    }
    if stores.iter().any(|s| s.id == id) {
        return Err(ApiError::Conflict("a store with this id exists".into()));
    }
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
    };
    state.ports.orgs.put_store(&store).await?;
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
