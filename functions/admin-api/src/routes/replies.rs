//! A store's auto-reply configuration, edited by parts (hours, holidays, rules,
//! intents), the preview of a decision, and teaching an intent a new example.
//!
//! Every write compiles the whole configuration before saving it, so a store never
//! holds a configuration its responder could not load.

use super::access;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use jiff::civil::Date;
use jiff::Timestamp;
use otodoke_autoreply::hours::{BusinessHours, SpecialDay};
use otodoke_autoreply::intents::IntentSettings;
use otodoke_autoreply::rules::Rule;
use otodoke_autoreply::{AfterHours, Chat, Content, FriendState, Incoming, Mode, ReplyConfig};
use otodoke_core::inherit::{self, Effective, PartSource, ReplyPart};
use otodoke_core::organization::{Role, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Compiles `config` and saves it into `store`; a refused configuration is a 422
/// naming `field` (the part being edited).
///
/// The save is conditional on the version `store` was read at, so a concurrent
/// write in between is refused (409) rather than lost; `read_at` (the client's
/// version) must be that version too when given.
///
/// Writing parts makes them the store's own (`owned`): they are no longer inherited.
async fn save(
    state: &AppState,
    mut store: Store,
    read_at: Option<u64>,
    config: ReplyConfig,
    field: &str,
    owned: &[ReplyPart],
) -> ApiResult<Store> {
    if read_at.is_some_and(|v| v != store.version) {
        return Err(stale());
    }
    for part in owned {
        store.inherits.remove(part);
    }
    config
        .compile()
        .map_err(|e| ApiError::invalid(field, e.to_string()))?;
    store.reply = config;
    Ok(state.ports.orgs.save_store(&store).await?)
}

/// `store`'s effective configuration: its own parts and those it inherits.
pub async fn effective(state: &AppState, caller: &Caller, store: &Store) -> ApiResult<Effective> {
    let stores = state.ports.orgs.stores(&caller.org).await?;
    let org = state.ports.orgs.organization(&caller.org).await?;
    Ok(inherit::effective(store, &stores, org.as_ref()))
}

/// A store's effective auto-reply configuration and where each part comes from.
#[derive(Debug, Serialize, ToSchema)]
pub struct EffectiveReply {
    /// The configuration the responder and the preview use.
    pub config: ReplyConfig,
    /// Per part (`hours`, `after_hours`, `rules`, `intents`, `greeting`,
    /// `unblock_greeting`, `fallback`): `{"kind": "store" | "ancestor", "id": store}`
    /// or `{"kind": "organization"}`.
    pub sources: BTreeMap<ReplyPart, PartSource>,
    /// The parts this store takes from above rather than owning.
    pub inherits: Vec<ReplyPart>,
}

/// The effective configuration of a store and the source of each part.
#[utoipa::path(get, path = "/admin/stores/{store_id}/reply", tag = "auto-reply",
    params(("store_id" = String, Path)),
    responses((status = 200, body = EffectiveReply), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_effective(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<EffectiveReply>> {
    let (store, _) = access::store(&state, &caller, &id).await?;
    let e = effective(&state, &caller, &store).await?;
    Ok(Json(EffectiveReply {
        config: e.config,
        sources: e.sources,
        inherits: store.inherits.iter().copied().collect(),
    }))
}

/// The organization's auto-reply defaults, inherited by every store that does not
/// own a part (nor a store above it).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationReply {
    /// Hours, after-hours reply, rules, intents, greeting, unblock greeting and
    /// fallback; the store name and time zone are each store's own.
    pub config: ReplyConfig,
}

#[utoipa::path(get, path = "/admin/organizations/{org_id}/reply", tag = "auto-reply",
    params(("org_id" = String, Path)),
    responses((status = 200, body = OrganizationReply), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_organization_reply(
    State(state): State<AppState>,
    caller: Caller,
    Path(org_id): Path<String>,
) -> ApiResult<Json<OrganizationReply>> {
    let org = organization_for(&state, &caller, &org_id).await?;
    Ok(Json(OrganizationReply { config: org.reply }))
}

/// Replaces the organization's defaults (admin, all stores).
#[utoipa::path(put, path = "/admin/organizations/{org_id}/reply", tag = "auto-reply",
    params(("org_id" = String, Path)), request_body = OrganizationReply,
    responses((status = 200, body = OrganizationReply), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_organization_reply(
    State(state): State<AppState>,
    caller: Caller,
    Path(org_id): Path<String>,
    ApiJson(body): ApiJson<OrganizationReply>,
) -> ApiResult<Json<OrganizationReply>> {
    let mut org = organization_for(&state, &caller, &org_id).await?;
    let (_, scope) = access::scope(&state, &caller).await?;
    scope.require_all()?;
    caller.require(Role::Admin)?;
    body.config
        .compile()
        .map_err(|e| ApiError::invalid("config", e.to_string()))?;
    org.reply = body.config;
    state.ports.orgs.put_organization(&org).await?;
    Ok(Json(OrganizationReply { config: org.reply }))
}

/// The caller's own organization by id (404 for any other).
async fn organization_for(
    state: &AppState,
    caller: &Caller,
    org_id: &str,
) -> ApiResult<otodoke_core::organization::Organization> {
    let id = otodoke_core::OrgId::new(org_id).map_err(|_| ApiError::NotFound)?;
    caller.require_org(&id)?;
    state
        .ports
        .orgs
        .organization(&id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The answer to a write based on settings someone else has changed since.
pub fn stale() -> ApiError {
    ApiError::Conflict("changed by someone else since it was read; re-read and retry".into())
}

/// Loads a store for a configuration write (admin).
async fn store_for_write(state: &AppState, caller: &Caller, id: &str) -> ApiResult<Store> {
    let (store, _) = access::store(state, caller, id).await?;
    caller.require(Role::Admin)?;
    Ok(store)
}

/// Business hours and the after-hours reply.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// Weekly intervals, holidays and special days; `null` = always open.
    pub hours: Option<BusinessHours>,
    /// `{answer, cool_down_minutes}`.
    pub after_hours: AfterHours,
    /// The store's settings version this was read at. Sent back with a write, a
    /// write on an older version is refused (409) instead of undoing someone
    /// else's change; without it the write applies to the current settings.
    #[serde(default)]
    pub version: Option<u64>,
}

#[utoipa::path(get, path = "/admin/stores/{store_id}/hours", tag = "auto-reply",
    params(("store_id" = String, Path)), responses((status = 200, body = Hours)))]
pub async fn get_hours(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Hours>> {
    let (store, _) = access::store(&state, &caller, &id).await?;
    Ok(Json(Hours {
        hours: store.reply.hours,
        after_hours: store.reply.after_hours,
        version: Some(store.version),
    }))
}

/// Replaces the business hours and after-hours reply (admin).
#[utoipa::path(put, path = "/admin/stores/{store_id}/hours", tag = "auto-reply",
    params(("store_id" = String, Path)), request_body = Hours,
    responses((status = 200, body = Hours), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below admin", body = crate::error::ErrorBody)))]
pub async fn put_hours(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Hours>,
) -> ApiResult<Json<Hours>> {
    let store = store_for_write(&state, &caller, &id).await?;
    let mut config = store.reply.clone();
    config.hours = body.hours;
    config.after_hours = body.after_hours;
    let owned = [ReplyPart::Hours, ReplyPart::AfterHours];
    let store = save(&state, store, body.version, config, "hours", &owned).await?;
    Ok(Json(Hours {
        hours: store.reply.hours,
        after_hours: store.reply.after_hours,
        version: Some(store.version),
    }))
}

/// Holidays (closed all day) and special days (other hours), inside the hours.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Holidays {
    #[schema(value_type = Vec<String>, format = Date, example = json!(["2026-12-31", "2027-01-01"]))]
    pub holidays: Vec<Date>,
    #[serde(default)]
    pub special_days: Vec<SpecialDay>,
    /// The store's settings version this was read at. Sent back with a write, a
    /// write on an older version is refused (409) instead of undoing someone
    /// else's change; without it the write applies to the current settings.
    #[serde(default)]
    pub version: Option<u64>,
}

#[utoipa::path(get, path = "/admin/stores/{store_id}/holidays", tag = "auto-reply",
    params(("store_id" = String, Path)), responses((status = 200, body = Holidays)))]
pub async fn get_holidays(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Holidays>> {
    let (store, _) = access::store(&state, &caller, &id).await?;
    let hours = store.reply.hours.unwrap_or_default();
    Ok(Json(Holidays {
        holidays: hours.holidays,
        special_days: hours.special_days,
        version: Some(store.version),
    }))
}

/// Replaces holidays and special days (admin). A store without hours gets empty
/// weekly hours, i.e. closed except on special days: set weekly hours first.
#[utoipa::path(put, path = "/admin/stores/{store_id}/holidays", tag = "auto-reply",
    params(("store_id" = String, Path)), request_body = Holidays,
    responses((status = 200, body = Holidays), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below admin", body = crate::error::ErrorBody)))]
pub async fn put_holidays(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Holidays>,
) -> ApiResult<Json<Holidays>> {
    let store = store_for_write(&state, &caller, &id).await?;
    let mut config = store.reply.clone();
    let hours = config.hours.get_or_insert_with(BusinessHours::default);
    hours.holidays = body.holidays;
    hours.special_days = body.special_days;
    let store = save(
        &state,
        store,
        body.version,
        config,
        "holidays",
        &[ReplyPart::Hours],
    )
    .await?;
    let hours = store.reply.hours.unwrap_or_default();
    Ok(Json(Holidays {
        holidays: hours.holidays,
        special_days: hours.special_days,
        version: Some(store.version),
    }))
}

/// Keyword rules, in order.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub rules: Vec<Rule>,
    /// The store's settings version this was read at. Sent back with a write, a
    /// write on an older version is refused (409) instead of undoing someone
    /// else's change; without it the write applies to the current settings.
    #[serde(default)]
    pub version: Option<u64>,
}

#[utoipa::path(get, path = "/admin/stores/{store_id}/rules", tag = "auto-reply",
    params(("store_id" = String, Path)), responses((status = 200, body = Rules)))]
pub async fn get_rules(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Rules>> {
    let (store, _) = access::store(&state, &caller, &id).await?;
    Ok(Json(Rules {
        rules: store.reply.rules,
        version: Some(store.version),
    }))
}

/// Replaces the keyword rules (admin).
#[utoipa::path(put, path = "/admin/stores/{store_id}/rules", tag = "auto-reply",
    params(("store_id" = String, Path)), request_body = Rules,
    responses((status = 200, body = Rules), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below admin", body = crate::error::ErrorBody)))]
pub async fn put_rules(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Rules>,
) -> ApiResult<Json<Rules>> {
    let store = store_for_write(&state, &caller, &id).await?;
    let mut config = store.reply.clone();
    config.rules = body.rules;
    let store = save(
        &state,
        store,
        body.version,
        config,
        "rules",
        &[ReplyPart::Rules],
    )
    .await?;
    Ok(Json(Rules {
        rules: store.reply.rules,
        version: Some(store.version),
    }))
}

/// Intents and the recogniser's settings.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Intents {
    /// `{intents: [{name, examples, answer}], threshold, margin, builtin_lexicon, synonyms}`.
    pub intents: IntentSettings,
    /// The store's settings version this was read at. Sent back with a write, a
    /// write on an older version is refused (409) instead of undoing someone
    /// else's change; without it the write applies to the current settings.
    #[serde(default)]
    pub version: Option<u64>,
}

#[utoipa::path(get, path = "/admin/stores/{store_id}/intents", tag = "auto-reply",
    params(("store_id" = String, Path)), responses((status = 200, body = Intents)))]
pub async fn get_intents(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Intents>> {
    let (store, _) = access::store(&state, &caller, &id).await?;
    Ok(Json(Intents {
        intents: store.reply.intents,
        version: Some(store.version),
    }))
}

/// Replaces the intents (admin).
#[utoipa::path(put, path = "/admin/stores/{store_id}/intents", tag = "auto-reply",
    params(("store_id" = String, Path)), request_body = Intents,
    responses((status = 200, body = Intents), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below admin", body = crate::error::ErrorBody)))]
pub async fn put_intents(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Intents>,
) -> ApiResult<Json<Intents>> {
    let store = store_for_write(&state, &caller, &id).await?;
    let mut config = store.reply.clone();
    config.intents = body.intents;
    let store = save(
        &state,
        store,
        body.version,
        config,
        "intents",
        &[ReplyPart::Intents],
    )
    .await?;
    Ok(Json(Intents {
        intents: store.reply.intents,
        version: Some(store.version),
    }))
}

/// A message nobody answered, to become an example of an intent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeachExample {
    /// The customer's text as received.
    pub text: String,
}

/// Adds an unanswered message as an example of intent `name` (admin), in one call.
#[utoipa::path(post, path = "/admin/stores/{store_id}/intents/{name}/examples", tag = "auto-reply",
    params(("store_id" = String, Path), ("name" = String, Path)), request_body = TeachExample,
    responses((status = 200, body = Intents), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below admin", body = crate::error::ErrorBody)))]
pub async fn teach_example(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, name)): Path<(String, String)>,
    ApiJson(body): ApiJson<TeachExample>,
) -> ApiResult<Json<Intents>> {
    let store = store_for_write(&state, &caller, &id).await?;
    let mut config = store.reply.clone();
    if store.inherits.contains(&ReplyPart::Intents) {
        // Teaching an inherited intent gives this store its own copy of the intents
        // it answers with now; the region's stay as they are.
        config.intents = effective(&state, &caller, &store).await?.config.intents;
    }
    config
        .add_intent_example(&name, &body.text)
        .map_err(|e| match e {
            otodoke_autoreply::ConfigError::UnknownIntent { .. } => ApiError::NotFound,
            other => ApiError::invalid("text", other.to_string()),
        })?;
    let store = save(
        &state,
        store,
        None,
        config,
        "intents",
        &[ReplyPart::Intents],
    )
    .await?;
    Ok(Json(Intents {
        intents: store.reply.intents,
        version: Some(store.version),
    }))
}

/// What the customer sends in a preview.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PreviewMessage {
    Text {
        text: String,
    },
    Postback {
        data: String,
    },
    // `{}`: serde ignores unknown fields of a unit variant even with
    // `deny_unknown_fields`; an empty struct variant refuses them.
    Sticker {},
    /// Image, video, audio, file or location.
    Media {},
}

/// A message and a time to preview the store's decision for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewRequest {
    pub message: PreviewMessage,
    /// When the message arrives (RFC 3339); default now.
    #[schema(value_type = Option<String>, format = DateTime, example = "2026-11-22T10:00:00Z")]
    pub at: Option<Timestamp>,
    /// `{"type": "user"}` (default) or `{"type": "group", "mentioned": bool}`.
    #[serde(default)]
    pub chat: Chat,
    /// The friend's state: `{handoff_until, last_after_hours_reply}`.
    #[serde(default, deserialize_with = "crate::extract::object")]
    pub friend: FriendState,
}

/// The store's decision for a message at a time, with every stage explained:
/// hand-off, hours, each matching rule, intent scores, then the decision and its trace.
#[utoipa::path(post, path = "/admin/stores/{store_id}/preview", tag = "auto-reply",
    params(("store_id" = String, Path)), request_body = PreviewRequest,
    responses((status = 200, body = otodoke_autoreply::preview::Preview), (status = 409, description = "the store's effective configuration cannot be compiled", body = crate::error::ErrorBody)))]
pub async fn preview(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PreviewRequest>,
) -> ApiResult<Json<otodoke_autoreply::Preview>> {
    let (store, _) = access::store(&state, &caller, &id).await?;
    let responder = effective(&state, &caller, &store)
        .await?
        .config
        .compile()
        .map_err(|e| ApiError::Conflict(format!("the store's configuration is invalid: {e}")))?;
    let content = match &body.message {
        PreviewMessage::Text { text } => Content::Text(text),
        PreviewMessage::Postback { data } => Content::Postback(data),
        PreviewMessage::Sticker {} => Content::Sticker,
        PreviewMessage::Media {} => Content::Media,
    };
    let incoming = Incoming {
        at: body.at.unwrap_or_else(|| state.now()),
        mode: Mode::Active,
        chat: body.chat,
        content,
    };
    Ok(Json(otodoke_autoreply::preview(
        &responder,
        &incoming,
        &body.friend,
    )))
}
