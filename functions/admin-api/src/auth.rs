//! Who is calling: an [`Identity`] (organization and staff id) from either the API
//! Gateway JWT authorizer's claims (in AWS) or a configured dev token (local stack),
//! and a [`Caller`]: what the staff record of that identity allows.
//!
//! The token only identifies; the staff record authorizes. Role, stores and the
//! "assigned customers only" flag are read from the record on every request (through
//! a cache of a few seconds, [`crate::state::StaffCache`]), so that demoting or
//! deactivating someone applies within seconds whatever their token says. No record,
//! or a deactivated one: 401.
//!
//! Scope rule (documented in docs/admin-api.md): anything outside the caller's
//! organization, or outside their stores, answers **404** exactly as if it did not
//! exist, so ids of other tenants cannot be probed. A role too low for an action on
//! something *inside* the scope answers 403.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use lambda_http::request::RequestContext;
use otodoke_core::organization::{subtree, Role, Staff, Store};
use otodoke_core::{OrgId, StaffId, StoreId};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Who a verified token says is calling: nothing about what they may do.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity {
    pub org: OrgId,
    pub staff: StaffId,
}

impl Identity {
    /// The identity in JWT claims: `sub` (the staff id) and `custom:org`. Fails (401)
    /// when either is missing or not a valid id. Any role or store claims are
    /// ignored: the staff record decides.
    pub fn from_claims(claims: &HashMap<String, String>) -> Result<Self, ApiError> {
        let get = |name: &str| claims.get(name).map(String::as_str).unwrap_or_default();
        Ok(Self {
            staff: StaffId::new(get("sub")).map_err(|_| ApiError::Unauthenticated)?,
            org: OrgId::new(get("custom:org")).map_err(|_| ApiError::Unauthenticated)?,
        })
    }
}

/// The authenticated staff member of a request, as their staff record says now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub staff: StaffId,
    pub org: OrgId,
    pub role: Role,
    /// The stores (with their subtrees) the caller may act on; empty = all.
    pub stores: Vec<StoreId>,
    /// Sees and answers only the customers assigned to them.
    pub assigned_only: bool,
}

impl Caller {
    /// What `staff` may do; `None` for a deactivated member.
    pub fn from_record(staff: &Staff) -> Option<Self> {
        staff.active.then(|| Self {
            staff: staff.id.clone(),
            org: staff.org_id.clone(),
            role: staff.role,
            stores: staff.stores.clone(),
            assigned_only: staff.assigned_only,
        })
    }
}

/// How callers are authenticated.
#[derive(Clone)]
pub enum AuthMode {
    /// In AWS: the HTTP API's JWT authorizer has verified the token; the claims
    /// are read from the Lambda request context. A request without them is 401.
    LambdaJwt,
    /// Locally: `Authorization: Bearer <token>` must equal `token` and stands for
    /// `identity` (whose staff record must exist, as in AWS).
    DevToken { token: String, identity: Identity },
}

impl fmt::Debug for AuthMode {
    /// Never prints the dev token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthMode::LambdaJwt => f.write_str("LambdaJwt"),
            AuthMode::DevToken { identity, .. } => f
                .debug_struct("DevToken")
                .field("identity", identity)
                .finish_non_exhaustive(),
        }
    }
}

impl Caller {
    /// 403 unless the caller's role is at least `needed`.
    pub fn require(&self, needed: Role) -> Result<(), ApiError> {
        if self.role >= needed {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// Whether the caller may see `friend` at all, as far as assignment goes: staff
    /// who see assigned customers only see their own.
    pub fn sees_assignee(&self, assignee: Option<&StaffId>) -> bool {
        !self.assigned_only || assignee == Some(&self.staff)
    }

    /// 404 unless `org` is the caller's organization.
    pub fn require_org(&self, org: &OrgId) -> Result<(), ApiError> {
        if &self.org == org {
            Ok(())
        } else {
            Err(ApiError::NotFound)
        }
    }
}

/// `owner`, `admin`, `operator` or `viewer`.
pub fn parse_role(s: &str) -> Option<Role> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase())).ok()
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let identity = identify(parts, state)?;
        let record = state.staff_cache.get(&*state.ports.orgs, &identity).await?;
        record
            .as_ref()
            .and_then(Caller::from_record)
            .ok_or(ApiError::Unauthenticated)
    }
}

/// The identity a request's token carries; 401 without a valid one.
fn identify(parts: &Parts, state: &AppState) -> Result<Identity, ApiError> {
    match &*state.auth {
        AuthMode::LambdaJwt => {
            let claims = match parts.extensions.get::<RequestContext>() {
                Some(RequestContext::ApiGatewayV2(ctx)) => ctx
                    .authorizer
                    .as_ref()
                    .and_then(|a| a.jwt.as_ref())
                    .map(|jwt| &jwt.claims),
                _ => None,
            };
            Identity::from_claims(claims.ok_or(ApiError::Unauthenticated)?)
        }
        AuthMode::DevToken { token, identity } => {
            let presented = parts
                .headers
                .get(axum::http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or(ApiError::Unauthenticated)?;
            let equal: bool =
                subtle_eq(presented.as_bytes(), token.as_bytes()) && !token.is_empty();
            if equal {
                Ok(identity.clone())
            } else {
                Err(ApiError::Unauthenticated)
            }
        }
    }
}

/// Constant-time equality, so that the dev token cannot be guessed byte by byte.
fn subtle_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The stores a caller may see, resolved against the organization's store tree.
#[derive(Debug, Clone)]
pub struct Scope {
    /// `None` = every store of the organization.
    stores: Option<HashSet<StoreId>>,
}

impl Scope {
    /// The caller's stores and their subtrees. Cost: O(stores of the organization).
    pub fn resolve(caller: &Caller, org_stores: &[Store]) -> Self {
        if caller.stores.is_empty() {
            return Self { stores: None };
        }
        let stores = caller
            .stores
            .iter()
            .flat_map(|root| subtree(org_stores, root))
            .collect();
        Self {
            stores: Some(stores),
        }
    }

    /// Whether the caller may see every store (and organization-wide things).
    pub fn is_all(&self) -> bool {
        self.stores.is_none()
    }

    /// Whether `store` is inside the scope.
    pub fn contains(&self, store: &StoreId) -> bool {
        self.stores.as_ref().is_none_or(|s| s.contains(store))
    }

    /// Whether something assigned to `store` (or to no store) is visible: things
    /// assigned to no store are visible to unrestricted callers only.
    pub fn sees(&self, store: Option<&StoreId>) -> bool {
        match store {
            Some(s) => self.contains(s),
            None => self.is_all(),
        }
    }

    /// 404 unless the whole organization is in scope.
    pub fn require_all(&self) -> Result<(), ApiError> {
        if self.is_all() {
            Ok(())
        } else {
            Err(ApiError::NotFound)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn claims_give_the_staff_id_and_organization_and_nothing_else() {
        let id = Identity::from_claims(&claims(&[
            ("sub", "s-1"),
            ("custom:org", "acme"),
            ("custom:role", "owner"),
        ]))
        .unwrap();
        assert_eq!(id.staff.as_str(), "s-1");
        assert_eq!(id.org.as_str(), "acme");
    }

    #[test]
    fn claims_without_an_org_or_a_subject_are_refused() {
        assert!(Identity::from_claims(&claims(&[("sub", "s")])).is_err());
        assert!(Identity::from_claims(&claims(&[("custom:org", "o")])).is_err());
        assert!(Identity::from_claims(&claims(&[("sub", "a#b"), ("custom:org", "o")])).is_err());
    }
}
