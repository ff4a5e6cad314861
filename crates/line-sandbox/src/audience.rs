//! Audience groups of uploaded user ids (manage-audience.yml), as the product uses
//! them: create with ids (`POST /v2/bot/audienceGroup/upload`), add ids (`PUT`),
//! get one, list (by description), delete; and a narrowcast `recipient` naming
//! them (`audience`, combined by `operator` `and` / `or` / `not`).
//!
//! LINE's rules played: the description (the audience's name) is 1..=120
//! characters without control characters; at most 10,000 ids per request, each a
//! user id (`U` + 32 hex, else `UPLOAD_AUDIENCE_GROUP_INVALID_AUDIENCE_ID_FORMAT`);
//! at most 1,000 groups per channel; an unknown group (or another channel's) is a
//! 404 `AUDIENCE_GROUP_NOT_FOUND`. A group holds each user once. Every upload
//! keeps the group `IN_PROGRESS` for [`SandboxConfig::audience_ready_ms`], then it
//! is `READY`; a narrowcast to a group that is not READY is refused (400).
//!
//! [`SandboxConfig::audience_ready_ms`]: crate::SandboxConfig::audience_ready_ms

use crate::api::admit;
use crate::api_error::{ApiError, ErrorDetail};
use crate::app::Shared;
use crate::endpoint::Endpoint;
use crate::friends::UserKey;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The most ids one JSON upload may carry.
pub const MAX_IDS_PER_REQUEST: usize = 10_000;
/// The longest description LINE accepts.
pub const MAX_DESCRIPTION_CHARS: usize = 120;
/// The most audience groups a channel may hold.
pub const MAX_GROUPS_PER_CHANNEL: usize = 1_000;

/// One uploaded audience group.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub channel: u32,
    pub description: String,
    pub users: BTreeSet<UserKey>,
    pub created_ms: i64,
    /// Processing of the last upload ends then (`IN_PROGRESS` before).
    pub busy_until_ms: i64,
    pub jobs: u32,
}

impl Group {
    pub fn ready(&self, now_ms: i64) -> bool {
        now_ms >= self.busy_until_ms
    }

    fn view(&self, id: i64, now_ms: i64) -> Value {
        json!({
            "audienceGroupId": id,
            "type": "UPLOAD",
            "description": self.description,
            "status": if self.ready(now_ms) { "READY" } else { "IN_PROGRESS" },
            "audienceCount": self.users.len(),
            "created": self.created_ms / 1000,
            "permission": "READ_WRITE",
            "createRoute": "MESSAGING_API",
            "isIfaAudience": false,
        })
    }
}

/// Every channel's audience groups, by LINE's id.
#[derive(Debug, Default)]
pub(crate) struct AudienceBook {
    groups: BTreeMap<i64, Group>,
    next_id: i64,
}

impl AudienceBook {
    /// The group `id` if it belongs to `channel`.
    pub fn get(&self, channel: u32, id: i64) -> Option<&Group> {
        self.groups.get(&id).filter(|g| g.channel == channel)
    }
}

/// A narrowcast's `recipient`: audience groups combined by operators.
#[derive(Debug, Clone)]
pub(crate) enum Recipient {
    Audience(i64),
    And(Vec<Recipient>),
    Or(Vec<Recipient>),
    Not(Box<Recipient>),
}

impl Recipient {
    /// Whether the friend `user` is selected, given the channel's groups.
    pub fn matches(&self, user: UserKey, book: &AudienceBook, channel: u32) -> bool {
        match self {
            Self::Audience(id) => book
                .get(channel, *id)
                .is_some_and(|g| g.users.contains(&user)),
            Self::And(all) => all.iter().all(|r| r.matches(user, book, channel)),
            Self::Or(any) => any.iter().any(|r| r.matches(user, book, channel)),
            Self::Not(r) => !r.matches(user, book, channel),
        }
    }

    fn groups(&self, out: &mut Vec<i64>) {
        match self {
            Self::Audience(id) => out.push(*id),
            Self::And(v) | Self::Or(v) => v.iter().for_each(|r| r.groups(out)),
            Self::Not(r) => r.groups(out),
        }
    }

    /// Every group named must be the channel's and READY (LINE refuses the
    /// narrowcast otherwise).
    pub fn check_ready(
        &self,
        book: &AudienceBook,
        channel: u32,
        now_ms: i64,
    ) -> Result<(), ApiError> {
        let mut ids = Vec::new();
        self.groups(&mut ids);
        for id in ids {
            match book.get(channel, id) {
                None => return Err(ApiError::bad_request("audience group not found")),
                Some(g) if !g.ready(now_ms) => {
                    return Err(ApiError::bad_request("audience group is not ready"))
                }
                Some(_) => {}
            }
        }
        Ok(())
    }
}

/// Parses a narrowcast `recipient` object; `None` when absent.
pub(crate) fn parse_recipient(v: &Value) -> Result<Option<Recipient>, Vec<ErrorDetail>> {
    if v.is_null() {
        return Ok(None);
    }
    let mut out = Vec::new();
    let r = parse(v, "recipient", 0, &mut out);
    match r {
        Some(r) if out.is_empty() => Ok(Some(r)),
        _ => Err(out),
    }
}

fn parse(v: &Value, at: &str, depth: usize, out: &mut Vec<ErrorDetail>) -> Option<Recipient> {
    if depth > 10 {
        out.push(ErrorDetail::new(at, "too deeply nested"));
        return None;
    }
    match v.get("type").and_then(Value::as_str) {
        Some("audience") => match v.get("audienceGroupId").and_then(Value::as_i64) {
            Some(id) => Some(Recipient::Audience(id)),
            None => {
                out.push(ErrorDetail::new(
                    format!("{at}.audienceGroupId"),
                    "must be an integer",
                ));
                None
            }
        },
        Some("operator") => {
            let list = |name: &str, out: &mut Vec<ErrorDetail>| {
                let items = v.get(name)?.as_array();
                let Some(items) = items.filter(|a| !a.is_empty()) else {
                    out.push(ErrorDetail::new(
                        format!("{at}.{name}"),
                        "must be a non-empty array",
                    ));
                    return None;
                };
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| parse(item, &format!("{at}.{name}[{i}]"), depth + 1, out))
                    .collect::<Option<Vec<_>>>()
            };
            let present = ["and", "or", "not"]
                .iter()
                .filter(|k| v.get(**k).is_some())
                .count();
            if present != 1 {
                out.push(ErrorDetail::new(
                    at,
                    "an operator takes exactly one of and, or, not",
                ));
                return None;
            }
            if v.get("and").is_some() {
                list("and", out).map(Recipient::And)
            } else if v.get("or").is_some() {
                list("or", out).map(Recipient::Or)
            } else {
                parse(&v["not"], &format!("{at}.not"), depth + 1, out)
                    .map(|r| Recipient::Not(Box::new(r)))
            }
        }
        Some("redelivery") => {
            out.push(ErrorDetail::new(
                format!("{at}.type"),
                "redelivery is not simulated",
            ));
            None
        }
        _ => {
            out.push(ErrorDetail::new(format!("{at}.type"), "invalid value"));
            None
        }
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/v2/bot/audienceGroup/upload", post(create).put(add))
        .route("/v2/bot/audienceGroup/list", get(list))
        .route("/v2/bot/audienceGroup/{id}", get(one).delete(delete))
}

fn not_found() -> ApiError {
    ApiError::not_found_because("audience group not found", "AUDIENCE_GROUP_NOT_FOUND")
}

fn body_of(bytes: &Bytes) -> Result<Value, ApiError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(ApiError::bad_request(crate::api_error::text::INVALID_JSON)),
    }
}

/// The user ids of `audiences`, or every rule they break.
fn user_ids(body: &Value, out: &mut Vec<ErrorDetail>) -> Vec<UserKey> {
    let Some(list) = body.get("audiences").and_then(Value::as_array) else {
        if body.get("audiences").is_some_and(|v| !v.is_null()) {
            out.push(ErrorDetail::new("audiences", "must be an array"));
        }
        return Vec::new();
    };
    if list.len() > MAX_IDS_PER_REQUEST {
        out.push(ErrorDetail::new(
            "audiences",
            format!("size must be between 0 and {MAX_IDS_PER_REQUEST}"),
        ));
        return Vec::new();
    }
    let mut keys = Vec::with_capacity(list.len());
    for (i, a) in list.iter().enumerate() {
        match a.get("id").and_then(Value::as_str).and_then(UserKey::parse) {
            Some(k) => keys.push(k),
            None => {
                out.push(ErrorDetail::new(
                    format!("audiences[{i}].id"),
                    "UPLOAD_AUDIENCE_GROUP_INVALID_AUDIENCE_ID_FORMAT",
                ));
                break;
            }
        }
    }
    keys
}

fn check_description(body: &Value, out: &mut Vec<ErrorDetail>) -> String {
    match body.get("description").and_then(Value::as_str) {
        Some(d) if d.chars().count() > MAX_DESCRIPTION_CHARS => {
            out.push(ErrorDetail::new(
                "description",
                format!("size must be between 1 and {MAX_DESCRIPTION_CHARS}"),
            ));
        }
        Some(d) if d.chars().any(char::is_control) => {
            out.push(ErrorDetail::new("description", "AUDIENCE_GROUP_NAME_WRONG"));
        }
        Some(d) if !d.is_empty() => return d.to_owned(),
        _ => out.push(ErrorDetail::new("description", "must be specified")),
    }
    String::new()
}

fn refuse_ifa(body: &Value, out: &mut Vec<ErrorDetail>) {
    match body.get("isIfaAudience") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) => out.push(ErrorDetail::new(
            "isIfaAudience",
            "IFA audiences are not simulated",
        )),
        Some(_) => out.push(ErrorDetail::new("isIfaAudience", "must be a boolean")),
    }
}

async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let channel = admit(&shared, &headers, Endpoint::AudienceCreate)?;
    let body = body_of(&body)?;
    let mut details = Vec::new();
    let description = check_description(&body, &mut details);
    refuse_ifa(&body, &mut details);
    let users = user_ids(&body, &mut details);
    if !details.is_empty() {
        return Err(ApiError::invalid_body(details));
    }
    let now = shared.clock.now_epoch_ms();
    let ready_ms = shared.settings.audience_ready_ms as i64;
    let mut world = shared.world();
    let book = &mut world.audiences;
    if book
        .groups
        .values()
        .filter(|g| g.channel == channel)
        .count()
        >= MAX_GROUPS_PER_CHANNEL
    {
        return Err(ApiError::bad_request("AUDIENCE_GROUP_COUNT_MAX_OVER"));
    }
    book.next_id += 1;
    // LINE's ids are 13-digit numbers.
    let id = 1_000_000_000_000 + book.next_id;
    let group = Group {
        channel,
        description,
        users: users.into_iter().collect(),
        created_ms: now,
        busy_until_ms: now + ready_ms,
        jobs: 1,
    };
    let answer = json!({
        "audienceGroupId": id,
        "createRoute": "MESSAGING_API",
        "type": "UPLOAD",
        "description": group.description,
        "created": now / 1000,
        "permission": "READ_WRITE",
        "expireTimestamp": now / 1000 + 180 * 86_400,
        "isIfaAudience": false,
    });
    book.groups.insert(id, group);
    Ok((StatusCode::ACCEPTED, Json(answer)).into_response())
}

async fn add(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let channel = admit(&shared, &headers, Endpoint::AudienceAdd)?;
    let body = body_of(&body)?;
    let mut details = Vec::new();
    let id = body.get("audienceGroupId").and_then(Value::as_i64);
    if id.is_none() {
        details.push(ErrorDetail::new("audienceGroupId", "must be specified"));
    }
    let users = user_ids(&body, &mut details);
    if !details.is_empty() {
        return Err(ApiError::invalid_body(details));
    }
    let now = shared.clock.now_epoch_ms();
    let ready_ms = shared.settings.audience_ready_ms as i64;
    let mut world = shared.world();
    let group = world
        .audiences
        .groups
        .get_mut(&id.unwrap_or_default())
        .filter(|g| g.channel == channel)
        .ok_or_else(not_found)?;
    group.users.extend(users);
    group.busy_until_ms = now + ready_ms;
    group.jobs += 1;
    Ok((StatusCode::ACCEPTED, Json(json!({}))).into_response())
}

async fn one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let channel = admit(&shared, &headers, Endpoint::AudienceGet)?;
    let now = shared.clock.now_epoch_ms();
    let world = shared.world();
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let group = world.audiences.get(channel, id).ok_or_else(not_found)?;
    Ok(Json(json!({ "audienceGroup": group.view(id, now), "jobs": [] })).into_response())
}

async fn delete(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let channel = admit(&shared, &headers, Endpoint::AudienceDelete)?;
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let mut world = shared.world();
    world.audiences.get(channel, id).ok_or_else(not_found)?;
    world.audiences.groups.remove(&id);
    Ok(Json(json!({})).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    page: Option<i64>,
    size: Option<i64>,
    description: Option<String>,
    status: Option<String>,
}

async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let channel = admit(&shared, &headers, Endpoint::AudienceList)?;
    let mut details = Vec::new();
    let page = q.page.unwrap_or(0);
    if page < 1 {
        details.push(ErrorDetail::new("page", "must be 1 or higher"));
    }
    let size = q.size.unwrap_or(20);
    if !(1..=40).contains(&size) {
        details.push(ErrorDetail::new("size", "must be between 1 and 40"));
    }
    if !details.is_empty() {
        return Err(ApiError::invalid_body(details));
    }
    let now = shared.clock.now_epoch_ms();
    let world = shared.world();
    let wanted = q.description.map(|d| d.to_lowercase());
    let matching: Vec<Value> = world
        .audiences
        .groups
        .iter()
        .filter(|(_, g)| g.channel == channel)
        .filter(|(_, g)| {
            wanted
                .as_ref()
                .is_none_or(|w| g.description.to_lowercase().contains(w))
        })
        .map(|(id, g)| g.view(*id, now))
        .filter(|v| q.status.as_ref().is_none_or(|s| v["status"] == s.as_str()))
        .collect();
    let total = matching.len();
    let start = ((page - 1) * size) as usize;
    let shown: Vec<Value> = matching
        .into_iter()
        .skip(start)
        .take(size as usize)
        .collect();
    Ok(Json(json!({
        "audienceGroups": shown,
        "hasNextPage": start + (size as usize) < total,
        "totalCount": total,
        "readWriteAudienceGroupTotalCount": total,
        "page": page,
        "size": size,
    }))
    .into_response())
}
