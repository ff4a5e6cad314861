//! The inspection API under `/sandbox/...` (JSON, no authentication): what was
//! delivered, counters, faults, reset, the clock, and the LINE-side friend actions.
//! Each route mirrors a method of [`crate::SandboxHandle`].

use crate::app::Shared;
use crate::endpoint::Endpoint;
use crate::faults::Faults;
use crate::friends::NewFriend;
use crate::webhook::{ActionError, FriendAction};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/sandbox/stats", get(stats))
        .route("/sandbox/channels", get(channels))
        .route("/sandbox/requests", get(requests))
        .route("/sandbox/requests/{request_id}", get(request))
        .route("/sandbox/users/{user_id}/deliveries", get(deliveries))
        .route("/sandbox/faults", get(faults).put(set_faults))
        .route("/sandbox/reset", post(reset))
        .route("/sandbox/clock/advance", post(advance_clock))
        .route("/sandbox/channels/{channel_id}/friends", post(add_friend))
        .route(
            "/sandbox/channels/{channel_id}/friends/bulk",
            post(add_friends),
        )
        .route(
            "/sandbox/channels/{channel_id}/friends/{user_id}/messages",
            get(friend_messages),
        )
        .route(
            "/sandbox/channels/{channel_id}/friends/{user_id}/actions",
            // A media action carries its bytes as base64: room for a 20 MB file.
            post(act).layer(axum::extract::DefaultBodyLimit::max(28 * 1024 * 1024)),
        )
        .route(
            "/sandbox/channels/{channel_id}/events/{event_id}/redeliver",
            post(redeliver),
        )
        .route(
            "/sandbox/channels/{channel_id}/webhook/verify",
            post(verify),
        )
        .route(
            "/sandbox/channels/{channel_id}/webhook",
            axum::routing::put(set_webhook),
        )
        .route(
            "/sandbox/channels/{channel_id}/friends/{user_id}/conversation",
            get(conversation),
        )
        .route(
            "/sandbox/channels/{channel_id}/friends/{user_id}/richmenu",
            get(rich_menu_shown),
        )
        .route(
            "/sandbox/channels/{channel_id}/friends/{user_id}/richmenu/tap",
            post(tap_rich_menu),
        )
        .route(
            "/sandbox/channels/{channel_id}/richmenus/{rich_menu_id}/image",
            get(rich_menu_image),
        )
}

async fn rich_menu_shown(
    State(s): State<Arc<Shared>>,
    Path((channel_id, user_id)): Path<(String, String)>,
) -> Response {
    match s.rich_menu_shown_to(&channel_id, &user_id) {
        Ok(menu) => Json(menu).into_response(),
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct Tap {
    area: usize,
}

async fn tap_rich_menu(
    State(s): State<Arc<Shared>>,
    Path((channel_id, user_id)): Path<(String, String)>,
    Json(tap): Json<Tap>,
) -> Response {
    match s.tap_rich_menu(&channel_id, &user_id, tap.area).await {
        Ok(outcome) => Json(outcome).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn rich_menu_image(
    State(s): State<Arc<Shared>>,
    Path((channel_id, rich_menu_id)): Path<(String, String)>,
) -> Response {
    match s.rich_menu_image(&channel_id, &rich_menu_id) {
        Some((content_type, bytes)) => {
            ([(http::header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"message": "no such rich menu image"})),
        )
            .into_response(),
    }
}

/// The one place action failures become HTTP statuses.
impl IntoResponse for ActionError {
    fn into_response(self) -> Response {
        let status = match &self {
            ActionError::UnknownChannel(_)
            | ActionError::UnknownFriend(_)
            | ActionError::UnknownEvent(_)
            | ActionError::NoRichMenu(_)
            | ActionError::NoSuchArea(_) => StatusCode::NOT_FOUND,
            ActionError::UnsupportedAction(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ActionError::InvalidUserId(_) | ActionError::InvalidMedia => StatusCode::BAD_REQUEST,
            ActionError::NotFollowing(_) | ActionError::NoWebhookUrl(_) => StatusCode::CONFLICT,
            ActionError::Delivery(_) => StatusCode::BAD_GATEWAY,
        };
        (status, Json(json!({ "message": self.to_string() }))).into_response()
    }
}

async fn stats(State(s): State<Arc<Shared>>) -> Response {
    let mut body = serde_json::to_value(s.stats()).unwrap_or_default();
    body["deliveries"] = json!(s.world().delivery_count());
    Json(body).into_response()
}

/// Channels without their secrets or tokens.
async fn channels(State(s): State<Arc<Shared>>) -> Json<Value> {
    let list: Vec<Value> = s
        .channels
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "channelId": c.channel_id, "botUserId": c.bot_user_id, "plan": c.plan,
                "webhookUrl": s.webhook_url(i as u32), "displayName": c.display_name,
            })
        })
        .collect();
    Json(Value::Array(list))
}

#[derive(Debug, Deserialize)]
struct EndpointQuery {
    endpoint: Endpoint,
}

async fn requests(State(s): State<Arc<Shared>>, Query(q): Query<EndpointQuery>) -> Response {
    Json(s.world().requests(q.endpoint)).into_response()
}

async fn request(State(s): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match s.world().request(&id) {
        Some(r) => Json(r).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"message": "no such request"})),
        )
            .into_response(),
    }
}

async fn deliveries(State(s): State<Arc<Shared>>, Path(user_id): Path<String>) -> Response {
    Json(s.world().deliveries_to(&user_id)).into_response()
}

async fn faults(State(s): State<Arc<Shared>>) -> Json<Faults> {
    Json(s.faults.get())
}

async fn set_faults(State(s): State<Arc<Shared>>, Json(faults): Json<Faults>) -> Json<Faults> {
    s.faults.set(faults);
    Json(s.faults.get())
}

async fn reset(State(s): State<Arc<Shared>>) -> StatusCode {
    s.reset();
    StatusCode::NO_CONTENT
}

#[derive(Debug, Deserialize)]
struct Advance {
    ms: u64,
}

async fn advance_clock(State(s): State<Arc<Shared>>, Json(a): Json<Advance>) -> Json<Value> {
    s.clock.advance(Duration::from_millis(a.ms));
    Json(json!({ "nowMs": s.clock.now_epoch_ms() }))
}

async fn add_friend(
    State(s): State<Arc<Shared>>,
    Path(channel_id): Path<String>,
    Json(new): Json<NewFriend>,
) -> Response {
    match s.add_friend(&channel_id, new) {
        Ok(user_id) => (StatusCode::CREATED, Json(json!({ "userId": user_id }))).into_response(),
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct Bulk {
    count: u64,
    /// Include every created id in the answer (large for big counts).
    #[serde(default, rename = "listIds")]
    list_ids: bool,
}

async fn add_friends(
    State(s): State<Arc<Shared>>,
    Path(channel_id): Path<String>,
    Json(bulk): Json<Bulk>,
) -> Response {
    match s.add_friends(&channel_id, bulk.count) {
        Ok(created) => {
            let mut body = json!({ "count": created.count });
            if created.count > 0 {
                body["firstUserId"] = json!(created.user_id(0));
                body["lastUserId"] = json!(created.user_id(created.count - 1));
            }
            if bulk.list_ids {
                body["userIds"] = json!(created.user_ids().collect::<Vec<_>>());
            }
            (StatusCode::CREATED, Json(body)).into_response()
        }
        Err(e) => e.into_response(),
    }
}

async fn friend_messages(
    State(s): State<Arc<Shared>>,
    Path((channel_id, user_id)): Path<(String, String)>,
) -> Response {
    Json(s.messages_to_friend(&channel_id, &user_id)).into_response()
}

async fn act(
    State(s): State<Arc<Shared>>,
    Path((channel_id, user_id)): Path<(String, String)>,
    Json(action): Json<FriendAction>,
) -> Response {
    match s.act(&channel_id, &user_id, action).await {
        Ok(outcome) => Json(outcome).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn redeliver(
    State(s): State<Arc<Shared>>,
    Path((channel_id, event_id)): Path<(String, String)>,
) -> Response {
    match s.redeliver(&channel_id, &event_id).await {
        Ok(outcome) => Json(outcome).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn verify(State(s): State<Arc<Shared>>, Path(channel_id): Path<String>) -> Response {
    match s.verify_webhook(&channel_id).await {
        Ok(status) => Json(json!({ "status": status })).into_response(),
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct WebhookSetting {
    url: Option<String>,
}

async fn set_webhook(
    State(s): State<Arc<Shared>>,
    Path(channel_id): Path<String>,
    Json(w): Json<WebhookSetting>,
) -> Response {
    match s.channel_by_id(&channel_id) {
        Some(channel) => {
            s.set_webhook_url(channel, w.url);
            StatusCode::NO_CONTENT.into_response()
        }
        None => ActionError::UnknownChannel(channel_id).into_response(),
    }
}

async fn conversation(
    State(s): State<Arc<Shared>>,
    Path((channel_id, user_id)): Path<(String, String)>,
) -> Response {
    match s.channel_by_id(&channel_id) {
        Some(channel) => Json(s.world().conversation(channel, &user_id)).into_response(),
        None => ActionError::UnknownChannel(channel_id).into_response(),
    }
}
