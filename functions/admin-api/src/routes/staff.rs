//! Staff members: their role, their stores, and the sender name and icon their
//! messages show.

use super::access;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use otodoke_core::organization::{Role, Staff};
use otodoke_core::{StaffId, StoreId};
use serde::Deserialize;
use utoipa::ToSchema;

/// The staff the caller may see: all of them for unrestricted callers, otherwise
/// those whose stores all lie inside the caller's.
#[utoipa::path(get, path = "/admin/staff", tag = "staff",
    responses((status = 200, description = "otodoke_core::organization::Staff records", body = Vec<Object>)))]
pub async fn list_staff(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<Staff>>> {
    let (_, scope) = access::scope(&state, &caller).await?;
    let staff = state.ports.orgs.staff_list(&caller.org).await?;
    Ok(Json(
        staff
            .into_iter()
            .filter(|s| {
                scope.is_all()
                    || (!s.stores.is_empty() && s.stores.iter().all(|st| scope.contains(st)))
            })
            .collect(),
    ))
}

/// A staff member's settings (created or replaced as a whole).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutStaff {
    pub display_name: String,
    /// `owner`, `admin`, `operator` or `viewer`; at most the caller's own role.
    #[schema(value_type = String, example = "operator")]
    pub role: Role,
    /// Store ids (with their subtrees); empty = all stores.
    #[serde(default)]
    pub stores: Vec<String>,
    /// At most 20 characters, without "LINE".
    pub sender_name: Option<String>,
    /// An https URL of a square PNG.
    pub sender_icon_url: Option<String>,
}

/// Creates or replaces a staff member (admin, all stores). Nobody grants a role
/// above their own. The identity provider's claims must say the same role and
/// stores: this record is what the API shows and what messages are signed with.
#[utoipa::path(put, path = "/admin/staff/{staff_id}", tag = "staff",
    params(("staff_id" = String, Path)), request_body = PutStaff,
    responses((status = 200, body = Object), (status = 403, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_staff(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PutStaff>,
) -> ApiResult<Json<Staff>> {
    let (stores, scope) = access::scope(&state, &caller).await?;
    scope.require_all()?;
    caller.require(Role::Admin)?;
    caller.require(body.role)?;
    let id = StaffId::new(id).map_err(|e| ApiError::invalid("staff_id", e.to_string()))?;
    if body.display_name.trim().is_empty() {
        return Err(ApiError::invalid("display_name", "must not be empty"));
    }
    if let Some(name) = &body.sender_name {
        if otodoke_line::messages::utf16_len(name) > 20 || name.contains("LINE") || name.is_empty()
        {
            return Err(ApiError::invalid(
                "sender_name",
                "1 to 20 characters, without \"LINE\"",
            ));
        }
    }
    if let Some(url) = &body.sender_icon_url {
        if !url.starts_with("https://") {
            return Err(ApiError::invalid("sender_icon_url", "must be an https URL"));
        }
    }
    let mut staff_stores = Vec::with_capacity(body.stores.len());
    for (i, s) in body.stores.iter().enumerate() {
        let known = StoreId::new(s)
            .ok()
            .filter(|id| stores.iter().any(|st| &st.id == id))
            .ok_or_else(|| ApiError::invalid(format!("stores[{i}]"), "no such store"))?;
        staff_stores.push(known);
    }
    let staff = Staff {
        id,
        org_id: caller.org.clone(),
        display_name: body.display_name,
        role: body.role,
        stores: staff_stores,
        sender_name: body.sender_name,
        sender_icon_url: body.sender_icon_url,
    };
    // Replacing a member whose role is above the caller's is refused as well.
    if let Some(existing) = state.ports.orgs.staff(&caller.org, &staff.id).await? {
        caller.require(existing.role)?;
    }
    state.ports.orgs.put_staff(&staff).await?;
    Ok(Json(staff))
}
