//! Staff members: invitation, role, stores, "assigned customers only", the sender
//! name and icon their messages show, and deactivation.
//!
//! The staff record is what authorizes (see `crate::auth`): every change here drops
//! the member's cached record, so it applies on their next request. Nobody grants a
//! role above their own or changes a member whose role is above their own.

use super::access;
use crate::auth::{Caller, Identity};
use crate::directory::DirectoryError;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use otodoke_core::organization::{Role, Staff, Store};
use otodoke_core::{StaffId, StoreId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A staff member as the API shows them.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffView {
    pub id: String,
    pub display_name: String,
    pub role: Role,
    /// Store ids (with their subtrees); empty = all stores.
    pub stores: Vec<String>,
    pub assigned_only: bool,
    pub active: bool,
    pub email: Option<String>,
    pub sender_name: Option<String>,
    pub sender_icon_url: Option<String>,
}

impl From<&Staff> for StaffView {
    fn from(s: &Staff) -> Self {
        Self {
            id: s.id.to_string(),
            display_name: s.display_name.clone(),
            role: s.role,
            stores: s.stores.iter().map(ToString::to_string).collect(),
            assigned_only: s.assigned_only,
            active: s.active,
            email: s.email.clone(),
            sender_name: s.sender_name.clone(),
            sender_icon_url: s.sender_icon_url.clone(),
        }
    }
}

/// Who the caller is and what their staff record lets them do.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    pub organization: String,
    pub staff: StaffView,
    /// What each role may do, from the API's own role table, so a client offers
    /// exactly what the API allows.
    pub can: Permissions,
}

/// The actions the caller's role allows (the API still checks every request).
#[derive(Debug, Serialize, ToSchema)]
pub struct Permissions {
    /// Read everything in scope, preview, export.
    pub read: bool,
    /// Tag friends, set attributes, assign stores; create and run campaigns.
    pub operate: bool,
    /// Configure hours, rules, intents and store settings; create stores.
    pub configure: bool,
    /// Connect channels, change the organization, manage staff (all stores only).
    pub administer: bool,
    /// Grant the owner role.
    pub own: bool,
}

impl Permissions {
    fn of(caller: &Caller, unrestricted: bool) -> Self {
        Self {
            read: true,
            operate: caller.role >= Role::Operator,
            configure: caller.role >= Role::Admin,
            administer: caller.role >= Role::Admin && unrestricted,
            own: caller.role >= Role::Owner,
        }
    }
}

/// The caller: their staff record (role, stores, assigned only, sender identity) and
/// what it allows. Console clients read this once after sign-in.
#[utoipa::path(get, path = "/admin/me", tag = "staff",
    responses((status = 200, body = MeView), (status = 401, body = crate::error::ErrorBody)))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<MeView>> {
    let staff = state
        .ports
        .orgs
        .staff(&caller.org, &caller.staff)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    Ok(Json(MeView {
        organization: caller.org.to_string(),
        can: Permissions::of(&caller, caller.stores.is_empty()),
        staff: StaffView::from(&staff),
    }))
}

/// The staff the caller may see: all of them for unrestricted callers, otherwise
/// those whose stores all lie inside the caller's.
#[utoipa::path(get, path = "/admin/staff", tag = "staff",
    responses((status = 200, body = Vec<StaffView>)))]
pub async fn list_staff(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<StaffView>>> {
    let (_, scope) = access::scope(&state, &caller).await?;
    let staff = state.ports.orgs.staff_list(&caller.org).await?;
    Ok(Json(
        staff
            .iter()
            .filter(|s| {
                scope.is_all()
                    || (!s.stores.is_empty() && s.stores.iter().all(|st| scope.contains(st)))
            })
            .map(StaffView::from)
            .collect(),
    ))
}

/// A staff member's settings (created or replaced as a whole).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutStaff {
    pub display_name: String,
    /// `owner`, `admin`, `operator` or `viewer`; at most the caller's own role.
    pub role: Role,
    /// Store ids (with their subtrees); empty = all stores.
    #[serde(default)]
    pub stores: Vec<String>,
    /// Sees and answers only the customers assigned to them.
    #[serde(default)]
    pub assigned_only: bool,
    /// At most 20 characters, without "LINE".
    pub sender_name: Option<String>,
    /// An https URL of a square PNG.
    pub sender_icon_url: Option<String>,
}

/// An invitation: the settings of a new member and where to send the invitation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteStaff {
    /// Where the sign-in invitation goes (in AWS, the Cognito account's user name).
    pub email: String,
    pub display_name: String,
    /// `owner`, `admin`, `operator` or `viewer`; at most the caller's own role.
    pub role: Role,
    /// Store ids (with their subtrees); empty = all stores.
    #[serde(default)]
    pub stores: Vec<String>,
    /// Sees and answers only the customers assigned to them.
    #[serde(default)]
    pub assigned_only: bool,
    /// At most 20 characters, without "LINE".
    pub sender_name: Option<String>,
    /// An https URL of a square PNG.
    pub sender_icon_url: Option<String>,
}

impl InviteStaff {
    /// The new member's settings.
    fn settings(&self) -> PutStaff {
        PutStaff {
            display_name: self.display_name.clone(),
            role: self.role,
            stores: self.stores.clone(),
            assigned_only: self.assigned_only,
            sender_name: self.sender_name.clone(),
            sender_icon_url: self.sender_icon_url.clone(),
        }
    }
}

/// Checks `body` against the caller's rights and the organization's stores, and
/// builds the record of member `id` (keeping `existing`'s e-mail and active state).
fn staff_record(
    caller: &Caller,
    stores: &[Store],
    id: StaffId,
    body: PutStaff,
    existing: Option<&Staff>,
) -> ApiResult<Staff> {
    caller.require(Role::Admin)?;
    caller.require(body.role)?;
    if let Some(existing) = existing {
        // Replacing a member whose role is above the caller's is refused as well.
        caller.require(existing.role)?;
    }
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
    Ok(Staff {
        id,
        org_id: caller.org.clone(),
        display_name: body.display_name,
        role: body.role,
        stores: staff_stores,
        sender_name: body.sender_name,
        sender_icon_url: body.sender_icon_url,
        assigned_only: body.assigned_only,
        active: existing.is_none_or(|e| e.active),
        email: existing.and_then(|e| e.email.clone()),
    })
}

/// Nobody changes their own rights (role, stores, assigned customers only), for the
/// reason nobody deactivates themselves: a slip would leave an organization without
/// its last owner or admin. Their name and sender settings are theirs to change.
fn refuse_own_rights_change(own: &Staff, replacement: &Staff) -> ApiResult<()> {
    let changed = if own.role != replacement.role {
        Some("role")
    } else if own.stores != replacement.stores {
        Some("stores")
    } else if own.assigned_only != replacement.assigned_only {
        Some("assigned_only")
    } else {
        None
    };
    match changed {
        Some(field) => Err(ApiError::invalid(
            field,
            "you cannot change your own role, stores or assigned-only setting",
        )),
        None => Ok(()),
    }
}

/// Saves `staff` and drops their cached record, so the change applies at once.
async fn save(state: &AppState, staff: &Staff) -> ApiResult<()> {
    state.ports.orgs.put_staff(staff).await?;
    state.staff_cache.invalidate(&Identity {
        org: staff.org_id.clone(),
        staff: staff.id.clone(),
    });
    Ok(())
}

/// Invites a new member (admin, all stores): creates their sign-in account (in AWS
/// the Cognito user, carrying only the organization id) and their staff record.
#[utoipa::path(post, path = "/admin/staff", tag = "staff", request_body = InviteStaff,
    responses((status = 201, body = StaffView), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
pub async fn invite_staff(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<InviteStaff>,
) -> ApiResult<(StatusCode, Json<StaffView>)> {
    let (stores, scope) = access::scope(&state, &caller).await?;
    scope.require_all()?;
    let email = body.email.trim().to_owned();
    if !valid_email(&email) {
        return Err(ApiError::invalid("email", "not an e-mail address"));
    }
    // Checked before the account exists, so a refused invitation leaves nothing.
    let probe = StaffId::new("probe").map_err(ApiError::internal)?;
    staff_record(&caller, &stores, probe, body.settings(), None)?;
    let id = state
        .ports
        .directory
        .invite(&caller.org, &email)
        .await
        .map_err(|e| match e {
            DirectoryError::AlreadyExists => {
                ApiError::Conflict("an account with this e-mail address exists".into())
            }
            DirectoryError::InvalidEmail(m) => ApiError::invalid("email", m),
            DirectoryError::Unavailable(_) => ApiError::internal(e),
        })?;
    let mut staff = staff_record(&caller, &stores, id, body.settings(), None)?;
    staff.email = Some(email);
    save(&state, &staff).await?;
    Ok((StatusCode::CREATED, Json(StaffView::from(&staff))))
}

/// Good enough to refuse obvious mistakes; the identity provider decides the rest.
fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email.chars().any(char::is_whitespace)
}

/// Creates or replaces a staff member (admin, all stores), for example the record
/// of an account made in an external identity provider (`staff_id` = its `sub`).
/// A replaced member keeps their e-mail address and active state.
#[utoipa::path(put, path = "/admin/staff/{staff_id}", tag = "staff",
    params(("staff_id" = String, Path)), request_body = PutStaff,
    responses((status = 200, body = StaffView), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_staff(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PutStaff>,
) -> ApiResult<Json<StaffView>> {
    let (stores, scope) = access::scope(&state, &caller).await?;
    scope.require_all()?;
    let id = StaffId::new(id).map_err(|e| ApiError::invalid("staff_id", e.to_string()))?;
    let existing = state.ports.orgs.staff(&caller.org, &id).await?;
    let staff = staff_record(&caller, &stores, id, body, existing.as_ref())?;
    if let Some(own) = existing.as_ref().filter(|e| e.id == caller.staff) {
        refuse_own_rights_change(own, &staff)?;
    }
    save(&state, &staff).await?;
    Ok(Json(StaffView::from(&staff)))
}

/// Deactivates a member (admin, all stores): refused (401) on their next request,
/// whatever their token says; their record and history stay. Nobody deactivates
/// themselves (so an organization cannot lock out its last owner by mistake).
#[utoipa::path(post, path = "/admin/staff/{staff_id}/deactivate", tag = "staff",
    params(("staff_id" = String, Path)),
    responses((status = 200, body = StaffView), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn deactivate_staff(
    state: State<AppState>,
    caller: Caller,
    id: Path<String>,
) -> ApiResult<Json<StaffView>> {
    set_active(state, caller, id, false).await
}

/// Reactivates a deactivated member (admin, all stores).
#[utoipa::path(post, path = "/admin/staff/{staff_id}/activate", tag = "staff",
    params(("staff_id" = String, Path)),
    responses((status = 200, body = StaffView), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody)))]
pub async fn activate_staff(
    state: State<AppState>,
    caller: Caller,
    id: Path<String>,
) -> ApiResult<Json<StaffView>> {
    set_active(state, caller, id, true).await
}

async fn set_active(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    active: bool,
) -> ApiResult<Json<StaffView>> {
    let (_, scope) = access::scope(&state, &caller).await?;
    scope.require_all()?;
    let id = StaffId::new(id).map_err(|_| ApiError::NotFound)?;
    let mut staff = state
        .ports
        .orgs
        .staff(&caller.org, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    caller.require(Role::Admin)?;
    caller.require(staff.role)?;
    if !active && staff.id == caller.staff {
        return Err(ApiError::invalid(
            "staff_id",
            "you cannot deactivate yourself",
        ));
    }
    staff.active = active;
    save(&state, &staff).await?;
    Ok(Json(StaffView::from(&staff)))
}
