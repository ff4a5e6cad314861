//! Who is calling: one [`Caller`] from either the API Gateway JWT authorizer's
//! claims (in AWS) or a configured dev token (local stack), and what they may see.
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
use otodoke_core::organization::{subtree, Role, Store};
use otodoke_core::{OrgId, StaffId, StoreId};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The authenticated staff member of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub staff: StaffId,
    pub org: OrgId,
    pub role: Role,
    /// The stores (with their subtrees) the caller may act on; empty = all.
    pub stores: Vec<StoreId>,
}

/// How callers are authenticated.
#[derive(Clone)]
pub enum AuthMode {
    /// In AWS: the HTTP API's JWT authorizer has verified the token; the claims
    /// are read from the Lambda request context. A request without them is 401.
    LambdaJwt,
    /// Locally: `Authorization: Bearer <token>` must equal `token` and stands for `caller`.
    DevToken { token: String, caller: Caller },
}

impl fmt::Debug for AuthMode {
    /// Never prints the dev token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthMode::LambdaJwt => f.write_str("LambdaJwt"),
            AuthMode::DevToken { caller, .. } => f
                .debug_struct("DevToken")
                .field("caller", caller)
                .finish_non_exhaustive(),
        }
    }
}

impl Caller {
    /// A caller from JWT claims: `sub`, `custom:org`, `custom:role`, `custom:stores`
    /// (comma-separated store ids, empty or absent = all stores). Fails (401) when
    /// a claim is missing or not a valid value.
    pub fn from_claims(claims: &HashMap<String, String>) -> Result<Self, ApiError> {
        let get = |name: &str| claims.get(name).map(String::as_str).unwrap_or_default();
        let staff = StaffId::new(get("sub")).map_err(|_| ApiError::Unauthenticated)?;
        let org = OrgId::new(get("custom:org")).map_err(|_| ApiError::Unauthenticated)?;
        let role = parse_role(get("custom:role")).ok_or(ApiError::Unauthenticated)?;
        let stores = get("custom:stores")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(StoreId::new)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| ApiError::Unauthenticated)?;
        Ok(Self {
            staff,
            org,
            role,
            stores,
        })
    }

    /// 403 unless the caller's role is at least `needed`.
    pub fn require(&self, needed: Role) -> Result<(), ApiError> {
        if self.role >= needed {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
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
                Caller::from_claims(claims.ok_or(ApiError::Unauthenticated)?)
            }
            AuthMode::DevToken { token, caller } => {
                let presented = parts
                    .headers
                    .get(axum::http::header::AUTHORIZATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .ok_or(ApiError::Unauthenticated)?;
                let equal: bool =
                    subtle_eq(presented.as_bytes(), token.as_bytes()) && !token.is_empty();
                if equal {
                    Ok(caller.clone())
                } else {
                    Err(ApiError::Unauthenticated)
                }
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
    fn claims_give_staff_org_role_and_comma_separated_stores() {
        let c = Caller::from_claims(&claims(&[
            ("sub", "s-1"),
            ("custom:org", "acme"),
            ("custom:role", "operator"),
            ("custom:stores", "shibuya, osaka"),
        ]))
        .unwrap();
        assert_eq!(c.role, Role::Operator);
        assert_eq!(c.stores.len(), 2);
        assert_eq!(c.stores[1].as_str(), "osaka");
    }

    #[test]
    fn claims_without_an_org_or_with_an_unknown_role_are_refused() {
        assert!(Caller::from_claims(&claims(&[("sub", "s"), ("custom:role", "admin")])).is_err());
        assert!(Caller::from_claims(&claims(&[
            ("sub", "s"),
            ("custom:org", "o"),
            ("custom:role", "root")
        ]))
        .is_err());
    }
}
