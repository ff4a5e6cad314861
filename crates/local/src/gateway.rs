//! The local gateway: what API Gateway routes in AWS, on one axum server.
//!
//! - `POST /webhook/{channel}`: ingest, exactly as the webhook Lambda runs it;
//! - `GET /r/...`: the tracked links' redirect, exactly as the redirect Lambda runs it;
//! - `/admin/...`: the admin API's own router, with the dev token;
//! - `/simulator`, `/marketer` and their assets: the two web pages;
//! - `/simulator/api/...`: the simulator's friends and actions ([`crate::simulator`]);
//! - `POST /platform/organizations`: a new organization and owner ([`crate::platform`]);
//! - `/console/...`: the web console and its sign-in config ([`crate::console`]).

use crate::clock::StackClock;
use crate::simulator::{self, Simulator};
use crate::web;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use otodoke_ingest::{Ingest, IngestError};
use std::sync::Arc;
use tower::ServiceExt;

/// What the webhook route needs.
#[derive(Clone)]
struct WebhookState {
    ingest: Arc<Ingest>,
    clock: StackClock,
}

/// The gateway's router: `admin` (the admin API's router, already holding its
/// state) takes every path under `/admin`; the rest is served here.
#[allow(clippy::too_many_arguments)]
pub fn router(
    ingest: Arc<Ingest>,
    redirector: Arc<otodoke_fn_redirect::Redirector>,
    clock: StackClock,
    simulator: Arc<Simulator>,
    admin: Router,
    platform: Router,
    console: Router,
) -> Router {
    let own = Router::new()
        .route("/webhook/{channel}", post(webhook))
        .with_state(WebhookState {
            ingest,
            clock: clock.clone(),
        })
        .route("/r/{*rest}", get(redirect).head(redirect))
        .with_state(RedirectState { redirector, clock })
        .route("/", get(|| async { Redirect::temporary("/simulator") }))
        .merge(web::routes())
        .merge(simulator::routes(simulator))
        .merge(platform)
        .merge(console);
    // The admin router has its own fallback (its JSON 404), and axum cannot merge two
    // routers that both have one, so requests are split by path instead.
    Router::new().fallback(move |request: Request| {
        let admin = admin.clone();
        let own = own.clone();
        async move {
            let path = request.uri().path();
            let result = if path == "/admin" || path.starts_with("/admin/") {
                admin.oneshot(request).await
            } else {
                own.oneshot(request).await
            };
            match result {
                Ok(response) => response,
                Err(never) => match never {},
            }
        }
    })
}

#[derive(Clone)]
struct RedirectState {
    redirector: Arc<otodoke_fn_redirect::Redirector>,
    clock: StackClock,
}

/// A tracked link: the redirect Lambda's own answer.
async fn redirect(State(state): State<RedirectState>, request: Request) -> Response {
    let ua = request
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    state
        .redirector
        .respond(
            request.method(),
            request.uri().path(),
            ua,
            state.clock.now(),
        )
        .await
        .into_response()
}

/// LINE's POST: verified, recorded and queued by ingest; the answer says no more
/// than the status (as the webhook Lambda's does).
async fn webhook(
    State(s): State<WebhookState>,
    Path(channel): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let pairs = headers
        .iter()
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)));
    match s.ingest.handle(&channel, pairs, &body, s.clock.now()).await {
        Ok(ack) => {
            tracing::info!(
                channel,
                events = ack.events,
                duplicates = ack.duplicates,
                queued = ack.queued,
                "webhook accepted"
            );
            json(StatusCode::OK, "{}")
        }
        Err(error) => {
            tracing::warn!(channel, status = error.status(), reason = %error, "webhook refused");
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            json(status, public_message(&error))
        }
    }
}

fn public_message(error: &IngestError) -> &'static str {
    match error {
        IngestError::TooLarge(_) => r#"{"message":"request body too large"}"#,
        IngestError::UnknownChannel => r#"{"message":"unknown channel"}"#,
        IngestError::Signature(_) => r#"{"message":"invalid signature"}"#,
        IngestError::Malformed(_) => r#"{"message":"malformed webhook body"}"#,
        IngestError::InProgress(_) | IngestError::Unavailable(_) => {
            r#"{"message":"temporarily unavailable, retry later"}"#
        }
    }
}

fn json(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}
