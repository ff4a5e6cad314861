//! The Messaging API endpoints: authenticate, rate-limit, validate, then apply
//! LINE's rules to the world. Each handler answers exactly what LINE would.

use crate::api_error::{text, ApiError, ErrorDetail};
use crate::app::{RequestId, Shared, RETRY_KEY_HEADER};
use crate::demographic;
use crate::endpoint::Endpoint;
use crate::friends::UserKey;
use crate::state::{NarrowcastRun, Send, Target};
use crate::validate;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;
use uuid::Uuid;

/// LINE's request-body limit: 2 MB.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

type Answer = Result<Response, ApiError>;
type Body = Result<Bytes, BytesRejection>;

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/v2/bot/message/reply", post(reply))
        .route("/v2/bot/message/push", post(push))
        .route("/v2/bot/message/multicast", post(multicast))
        .route("/v2/bot/message/narrowcast", post(narrowcast))
        .route("/v2/bot/message/broadcast", post(broadcast))
        .route("/v2/bot/message/progress/narrowcast", get(progress))
        .route("/v2/bot/profile/{user_id}", get(profile))
        .route("/v2/bot/info", get(bot_info))
        .route("/v2/bot/message/quota", get(quota))
        .route("/v2/bot/message/quota/consumption", get(consumption))
        .route("/v2/bot/chat/loading/start", post(loading))
        .route("/v2/bot/chat/markAsRead", post(mark_as_read))
        .route("/v2/bot/followers/ids", get(followers))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

/// Authenticates the bearer token and takes a rate-limit token: 401 or 429 otherwise.
pub(crate) fn admit(
    shared: &Shared,
    headers: &HeaderMap,
    endpoint: Endpoint,
) -> Result<u32, ApiError> {
    let auth = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(ApiError::missing_auth)?;
    let token = auth
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(ApiError::missing_auth)?;
    let channel = shared
        .channel_by_token(token)
        .ok_or_else(ApiError::invalid_token)?;
    shared.take_token(channel, endpoint)?;
    Ok(channel)
}

/// The JSON object in the body: 413 over 2 MB, 400 if it is not a JSON object.
fn json_body(body: Body) -> Result<Value, ApiError> {
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large()
        } else {
            ApiError::bad_request(text::INVALID_JSON)
        }
    })?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(ApiError::bad_request(text::INVALID_JSON)),
    }
}

/// The retry key: refused on reply, must be a hyphenated UUID elsewhere.
fn retry_key(headers: &HeaderMap, endpoint: Endpoint) -> Result<Option<Uuid>, ApiError> {
    let Some(value) = headers.get(RETRY_KEY_HEADER) else {
        return Ok(None);
    };
    if endpoint == Endpoint::Reply {
        return Err(ApiError::bad_request(text::RETRY_KEY_ON_REPLY));
    }
    let value = value.to_str().unwrap_or_default();
    // LINE wants the hyphenated hex form; the uuid crate would also accept others.
    if value.len() != 36 {
        return Err(ApiError::bad_request(text::INVALID_RETRY_KEY));
    }
    Uuid::parse_str(value)
        .map(Some)
        .map_err(|_| ApiError::bad_request(text::INVALID_RETRY_KEY))
}

fn fail_on(details: Vec<ErrorDetail>) -> Result<(), ApiError> {
    if details.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid_body(details))
    }
}

fn take_messages(body: &mut Value) -> Arc<[Value]> {
    match body.get_mut("messages").map(Value::take) {
        Some(Value::Array(list)) => list.into(),
        _ => Arc::from(Vec::new()),
    }
}

/// `{"sentMessages":[{"id","quoteToken"}...]}` as push and reply answer.
fn sent_messages(shared: &Shared, count: usize) -> Value {
    let sent: Vec<Value> = (0..count)
        .map(|_| json!({"id": shared.message_id(), "quoteToken": format!("q{}", Uuid::new_v4().simple())}))
        .collect();
    json!({ "sentMessages": sent })
}

async fn reply(
    State(shared): State<Arc<Shared>>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::Reply)?;
    retry_key(&headers, Endpoint::Reply)?;
    let mut body = json_body(body)?;
    let mut details = validate::reply_token(&body);
    details.extend(validate::messages(&body));
    details.extend(validate::notification_disabled(&body));
    fail_on(details)?;
    let messages = take_messages(&mut body);
    let count = messages.len();
    let token = body["replyToken"].as_str().unwrap_or_default();
    let send = Send {
        channel,
        endpoint: Endpoint::Reply,
        request_id,
        retry_key: None,
        now_ms: shared.clock.now_epoch_ms(),
        target: Target::One(token),
        messages,
    };
    shared.world().reply(channel, token, send)?;
    Ok(Json(sent_messages(&shared, count)).into_response())
}

/// Push, multicast, narrowcast and broadcast share everything but the recipients.
async fn paid_send(
    shared: &Shared,
    endpoint: Endpoint,
    request_id: Uuid,
    headers: &HeaderMap,
    body: Body,
) -> Answer {
    let channel = admit(shared, headers, endpoint)?;
    let retry_key = retry_key(headers, endpoint)?;
    let mut body = json_body(body)?;
    let mut details = validate::messages(&body);
    details.extend(validate::notification_disabled(&body));
    let mut narrowcast = (None, None);
    let mut recipient = None;
    let mut up_to_quota = false;
    let mut unit = None;
    if matches!(endpoint, Endpoint::Push | Endpoint::Multicast) {
        match crate::insight::unit_of_body(&body) {
            Ok(u) => unit = u,
            Err(d) => details.extend(d),
        }
    }
    match endpoint {
        Endpoint::Push => details.extend(validate::push_to(&body)),
        Endpoint::Multicast => details.extend(validate::multicast_to(&body)),
        Endpoint::Narrowcast => {
            let shape = validate::narrowcast_options(&body);
            if shape.is_empty() {
                match demographic::parse_filter(body.get("filter").unwrap_or(&Value::Null)) {
                    Ok(filter) => narrowcast.0 = filter,
                    Err(d) => details.extend(d),
                }
                match demographic::parse_limit(body.get("limit").unwrap_or(&Value::Null)) {
                    Ok(max) => narrowcast.1 = max,
                    Err(d) => details.extend(d),
                }
                up_to_quota = body
                    .pointer("/limit/upToRemainingQuota")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                match crate::audience::parse_recipient(
                    body.get("recipient").unwrap_or(&Value::Null),
                ) {
                    Ok(r) => recipient = r,
                    Err(d) => details.extend(d),
                }
            }
            details.extend(shape);
        }
        _ => {}
    }
    fail_on(details)?;
    let messages = take_messages(&mut body);
    let count = messages.len();
    let (filter, max) = narrowcast;
    let filtered = filter.is_some();
    let target = match endpoint {
        Endpoint::Push => Target::One(body["to"].as_str().unwrap_or_default()),
        Endpoint::Multicast => Target::Many(
            body["to"]
                .as_array()
                .map(|ids| ids.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default(),
        ),
        Endpoint::Narrowcast if filtered || max.is_some() || recipient.is_some() || up_to_quota => {
            Target::Filtered {
                filter: filter.unwrap_or(demographic::Filter::And(Vec::new())),
                recipient,
                max,
                up_to_quota,
                min: if filtered {
                    shared.settings.narrowcast_min_recipients
                } else {
                    0
                },
            }
        }
        _ => Target::Followers,
    };
    let now_ms = shared.clock.now_epoch_ms();
    {
        let mut world = shared.world();
        if let Some(unit) = &unit {
            world.insight.admit_unit(channel, unit, now_ms)?;
        }
        let reach = world.send(Send {
            channel,
            endpoint,
            request_id,
            retry_key,
            now_ms,
            target,
            messages,
        })?;
        if let (Some(unit), Some(seq)) = (&unit, world.seq_of(request_id)) {
            world.insight.record(channel, unit, seq, now_ms);
        }
        if endpoint == Endpoint::Narrowcast {
            world.narrowcasts.insert(
                request_id,
                NarrowcastRun {
                    accepted_ms: now_ms,
                    target: reach.target,
                    delivered: reach.delivered,
                    failed: filtered && reach.target < shared.settings.narrowcast_min_recipients,
                    polls: 0,
                },
            );
        }
    }
    Ok(match endpoint {
        Endpoint::Push => Json(sent_messages(shared, count)).into_response(),
        Endpoint::Narrowcast => (StatusCode::ACCEPTED, Json(json!({}))).into_response(),
        _ => Json(json!({})).into_response(),
    })
}

async fn push(
    State(s): State<Arc<Shared>>,
    Extension(RequestId(id)): Extension<RequestId>,
    h: HeaderMap,
    b: Body,
) -> Answer {
    paid_send(&s, Endpoint::Push, id, &h, b).await
}

async fn multicast(
    State(s): State<Arc<Shared>>,
    Extension(RequestId(id)): Extension<RequestId>,
    h: HeaderMap,
    b: Body,
) -> Answer {
    paid_send(&s, Endpoint::Multicast, id, &h, b).await
}

async fn narrowcast(
    State(s): State<Arc<Shared>>,
    Extension(RequestId(id)): Extension<RequestId>,
    h: HeaderMap,
    b: Body,
) -> Answer {
    paid_send(&s, Endpoint::Narrowcast, id, &h, b).await
}

async fn broadcast(
    State(s): State<Arc<Shared>>,
    Extension(RequestId(id)): Extension<RequestId>,
    h: HeaderMap,
    b: Body,
) -> Answer {
    paid_send(&s, Endpoint::Broadcast, id, &h, b).await
}

#[derive(Debug, Deserialize)]
struct ProgressQuery {
    #[serde(rename = "requestId")]
    request_id: Option<String>,
}

async fn progress(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<ProgressQuery>,
) -> Answer {
    admit(&shared, &headers, Endpoint::NarrowcastProgress)?;
    let Some(id) = q.request_id.filter(|s| !s.is_empty()) else {
        return Err(ApiError::invalid_body(vec![ErrorDetail::new(
            "requestId",
            "must be specified",
        )]));
    };
    let id = Uuid::parse_str(&id).map_err(|_| ApiError::not_found())?;
    let phase_ms = shared.settings.narrowcast_phase_ms as i64;
    let per_poll = shared.settings.narrowcast_advance_on_poll;
    let now_ms = shared.clock.now_epoch_ms();
    shared
        .world()
        .narrowcast_progress(id, now_ms, phase_ms, per_poll)
        .map(|p| Json(p).into_response())
        .ok_or_else(ApiError::not_found)
}

async fn profile(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(user_id): Path<String>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::Profile)?;
    let world = shared.world();
    let friend = UserKey::parse(&user_id)
        .and_then(|k| world.books[channel as usize].get(k))
        .filter(|f| f.following)
        .ok_or_else(ApiError::not_found)?;
    let mut body = serde_json::to_value(friend.profile()).unwrap_or_default();
    body["userId"] = Value::String(user_id);
    Ok(Json(body).into_response())
}

async fn bot_info(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::BotInfo)?;
    let c = &shared.channels[channel as usize];
    Ok(Json(json!({
        "userId": c.bot_user_id,
        "basicId": c.basic_id,
        "displayName": c.display_name,
        "chatMode": "bot",
        "markAsReadMode": "auto",
    }))
    .into_response())
}

async fn quota(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::Quota)?;
    let body = match shared.channels[channel as usize].plan.monthly_limit() {
        Some(limit) => json!({"type": "limited", "value": limit}),
        None => json!({"type": "none"}),
    };
    Ok(Json(body).into_response())
}

async fn consumption(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::QuotaConsumption)?;
    let used = shared.world().usage(channel, shared.clock.now_epoch_ms());
    Ok(Json(json!({ "totalUsage": used })).into_response())
}

async fn loading(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Answer {
    admit(&shared, &headers, Endpoint::Loading)?;
    let body = json_body(body)?;
    fail_on(validate::loading(&body))?;
    Ok((StatusCode::ACCEPTED, Json(json!({}))).into_response())
}

/// `POST /v2/bot/chat/markAsRead` `{markAsReadToken}`: the friend sees 既読 on the
/// message the token came with and on everything before it. A token this sandbox
/// never gave is a 400, as LINE answers it.
async fn mark_as_read(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Answer {
    admit(&shared, &headers, Endpoint::MarkAsRead)?;
    let body = json_body(body)?;
    let Some(token) = body.get("markAsReadToken").and_then(Value::as_str) else {
        return Err(ApiError::invalid_body(vec![ErrorDetail::new(
            "markAsReadToken",
            "must be specified",
        )]));
    };
    if !shared.world().mark_as_read(token) {
        return Err(ApiError::bad_request("Invalid markAsReadToken"));
    }
    Ok((StatusCode::OK, Json(json!({}))).into_response())
}

/// LINE's default page size of `GET /v2/bot/followers/ids`, and its maximum.
const FOLLOWERS_DEFAULT_LIMIT: usize = 300;
const FOLLOWERS_MAX_LIMIT: usize = 1_000;

#[derive(Debug, Deserialize)]
struct FollowersQuery {
    start: Option<String>,
    limit: Option<String>,
}

/// The continuation token: opaque to clients, here the channel and the position in
/// the channel's friend list (creation order, which never changes) to go on from.
fn followers_token(channel: u32, from: u32) -> String {
    format!("{:016x}", (u64::from(channel) << 32) | u64::from(from))
}

fn followers_position(channel: u32, token: &str) -> Option<u32> {
    let value = u64::from_str_radix(token, 16)
        .ok()
        .filter(|_| token.len() == 16)?;
    ((value >> 32) as u32 == channel).then_some(value as u32)
}

/// `GET /v2/bot/followers/ids`: the channel's following friends in a stable order
/// (creation), `limit` (1..=1000, default 300) at a time, with a `next` token while
/// more remain. Accounts without the feature (neither verified nor premium) get 403.
async fn followers(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<FollowersQuery>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::Followers)?;
    if !shared.channels[channel as usize].followers_api {
        return Err(ApiError::not_available());
    }
    let limit = match q.limit.as_deref() {
        None => FOLLOWERS_DEFAULT_LIMIT,
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=FOLLOWERS_MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                ApiError::invalid_body(vec![ErrorDetail::new(
                    "limit",
                    "must be between 1 and 1000",
                )])
            })?,
    };
    let from = match q.start.as_deref() {
        None => 0,
        Some(token) => followers_position(channel, token).ok_or_else(|| {
            ApiError::invalid_body(vec![ErrorDetail::new(
                "start",
                "invalid continuation token",
            )])
        })?,
    };
    let world = shared.world();
    let book = &world.books[channel as usize];
    let mut following = book
        .friends
        .iter()
        .enumerate()
        .skip(from as usize)
        .filter(|(_, f)| f.following);
    let user_ids: Vec<String> = following
        .by_ref()
        .take(limit)
        .map(|(_, f)| f.key.to_id())
        .collect();
    let mut body = json!({ "userIds": user_ids });
    if let Some((next, _)) = following.next() {
        body["next"] = Value::String(followers_token(channel, next as u32));
    }
    Ok(Json(body).into_response())
}
