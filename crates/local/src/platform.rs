//! The platform operator's route of the local stack: `POST /platform/organizations`
//! creates an organization and its first owner, as `otodoke-admin
//! create-organization` does against a deployed stack (where it writes the tables
//! and the Cognito pool directly). Guarded by the stack's dev token.

use crate::clock::StackClock;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use otodoke_core::ports::OrganizationStore;
use otodoke_fn_admin_api::bootstrap::{create_organization, BootstrapError, NewOrganization};
use otodoke_fn_admin_api::NoDirectory;
use serde_json::json;
use std::sync::Arc;

#[derive(Clone)]
struct PlatformState {
    orgs: Arc<dyn OrganizationStore>,
    token: Arc<str>,
    clock: StackClock,
}

/// The platform routes over `orgs`, for callers presenting `token`.
pub fn routes(orgs: Arc<dyn OrganizationStore>, token: &str, clock: StackClock) -> Router {
    Router::new()
        .route("/platform/organizations", post(create))
        .with_state(PlatformState {
            orgs,
            token: token.into(),
            clock,
        })
}

async fn create(
    State(s): State<PlatformState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if presented != Some(&*s.token) {
        return error(StatusCode::UNAUTHORIZED, "authentication required");
    }
    let new: NewOrganization = match serde_json::from_slice(&body) {
        Ok(new) => new,
        Err(e) => return error(StatusCode::BAD_REQUEST, &format!("malformed request: {e}")),
    };
    match create_organization(&*s.orgs, &NoDirectory, &new, s.clock.now()).await {
        Ok(created) => (StatusCode::CREATED, Json(created)).into_response(),
        Err(BootstrapError::Exists) => {
            error(StatusCode::CONFLICT, "an organization with this id exists")
        }
        Err(e @ BootstrapError::Invalid { .. }) => {
            error(StatusCode::UNPROCESSABLE_ENTITY, &e.to_string())
        }
        Err(e) => {
            tracing::error!(error = %e, "creating an organization failed");
            error(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
        }
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "message": message }))).into_response()
}
