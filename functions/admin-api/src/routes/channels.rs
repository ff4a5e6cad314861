//! LINE channels (secrets accepted, stored by reference, never returned) and
//! their monthly quota.

use super::access;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::line_accounts::AccountCheckError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use otodoke_core::import::{
    import_followers as import_followers_slice, Import, ImportError, ImportStatus,
};
use otodoke_core::organization::{Channel, LinkMode, Plan, Role};
use otodoke_core::quota::{QuotaKey, QuotaMonth};
use otodoke_core::{ChannelId, ProviderId, StoreError, StoreId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A channel as the API shows it: no secret, no token, no reference to them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelView {
    pub id: String,
    pub provider: String,
    pub bot_user_id: String,
    /// The store owning the channel (`channel_per_store` organizations).
    pub store_id: Option<String>,
    /// Where new friends of this channel go.
    pub default_store: Option<String>,
    /// `{"kind": "communication" | "light" | "standard" | "unlimited", "extra_cap"?: n}`.
    pub plan: Plan,
    pub monthly_limit: Option<u64>,
}

impl From<&Channel> for ChannelView {
    fn from(c: &Channel) -> Self {
        Self {
            id: c.id.to_string(),
            provider: c.provider.to_string(),
            bot_user_id: c.bot_user_id.clone(),
            store_id: c.store_id.as_ref().map(ToString::to_string),
            default_store: c.default_store.as_ref().map(ToString::to_string),
            plan: c.plan,
            monthly_limit: c.plan.monthly_limit(),
        }
    }
}

/// The channels of the organization the caller may see.
#[utoipa::path(get, path = "/admin/channels", tag = "channels",
    responses((status = 200, body = Vec<ChannelView>)))]
pub async fn list_channels(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<ChannelView>>> {
    let (_, scope) = access::scope(&state, &caller).await?;
    let channels = state.ports.orgs.channels(&caller.org).await?;
    Ok(Json(
        channels
            .iter()
            .filter(|c| access::channel_visible(&scope, c))
            .map(ChannelView::from)
            .collect(),
    ))
}

/// One channel.
#[utoipa::path(get, path = "/admin/channels/{channel_id}", tag = "channels",
    params(("channel_id" = String, Path)),
    responses((status = 200, body = ChannelView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_channel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<ChannelView>> {
    let (channel, _) = access::channel(&state, &caller, &id).await?;
    Ok(Json(ChannelView::from(&channel)))
}

/// A channel to connect. `channel_secret` and `access_token` are written to the
/// secret store and never returned.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateChannel {
    /// LINE's channel id.
    #[schema(value_type = ChannelId)]
    pub id: String,
    #[schema(value_type = otodoke_core::ProviderId)]
    pub provider: String,
    /// Optional: the bot's user id (`U` + 32 hex), the webhook's `destination`. The
    /// channel's identity is what LINE answers for `access_token`; when this is
    /// given and differs, the request is refused (422).
    pub bot_user_id: Option<String>,
    pub store_id: Option<String>,
    pub default_store: Option<String>,
    pub plan: Plan,
    /// Printable ASCII without spaces (LINE's are 32 hex digits).
    #[schema(pattern = "^[!-~]+$")]
    pub channel_secret: String,
    /// Printable ASCII without spaces, as LINE issued it.
    #[schema(pattern = "^[!-~]+$")]
    pub access_token: String,
}

impl std::fmt::Debug for CreateChannel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateChannel")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// What LINE's channel secrets (32 hex digits) and access tokens (base64-like)
/// are made of. Anything else is a pasting mistake; checked here because a token
/// that cannot even be put in an `Authorization` header would otherwise look like
/// LINE being unreachable (502) instead of the caller's mistake (422).
fn is_credential_text(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_graphic())
}

/// Connects a LINE channel (admin, all stores). The access token must answer LINE's
/// bot-info call; the bot user id LINE returns becomes the channel's identity. A
/// channel id or bot already connected, here or in another organization, is
/// refused (409, without saying where). In a `channel_per_store` organization the
/// channel must name its store.
#[utoipa::path(post, path = "/admin/channels", tag = "channels", request_body = CreateChannel,
    responses((status = 201, body = ChannelView), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 502, body = crate::error::ErrorBody)))]
pub async fn create_channel(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<CreateChannel>,
) -> ApiResult<(StatusCode, Json<ChannelView>)> {
    caller.require(Role::Admin)?;
    let (stores, scope) = access::scope(&state, &caller).await?;
    scope.require_all()?;
    let id = ChannelId::new(&body.id).map_err(|e| ApiError::invalid("id", e.to_string()))?;
    let provider = ProviderId::new(&body.provider)
        .map_err(|e| ApiError::invalid("provider", e.to_string()))?;
    if let Some(bot) = &body.bot_user_id {
        otodoke_core::LineUserId::parse(bot)
            .map_err(|_| ApiError::invalid("bot_user_id", "must be U followed by 32 hex digits"))?;
    }
    let known = |field: &str, v: &Option<String>| -> ApiResult<Option<StoreId>> {
        match v {
            None => Ok(None),
            Some(s) => StoreId::new(s)
                .ok()
                .filter(|id| stores.iter().any(|st| &st.id == id))
                .map(Some)
                .ok_or_else(|| ApiError::invalid(field, "no such store")),
        }
    };
    let store_id = known("store_id", &body.store_id)?;
    let default_store = known("default_store", &body.default_store)?;
    for (field, value) in [
        ("channel_secret", &body.channel_secret),
        ("access_token", &body.access_token),
    ] {
        if !is_credential_text(value) {
            return Err(ApiError::invalid(
                field,
                "must be what LINE issued: printable ASCII without spaces",
            ));
        }
    }
    let org = state
        .ports
        .orgs
        .organization(&caller.org)
        .await?
        .ok_or(ApiError::NotFound)?;
    if org.link_mode == LinkMode::ChannelPerStore && store_id.is_none() {
        return Err(ApiError::invalid(
            "store_id",
            "each channel of a channel_per_store organization belongs to a store",
        ));
    }
    let bot_user_id = state
        .ports
        .line
        .bot_user_id(&body.access_token)
        .await
        .map_err(|e| match e {
            AccountCheckError::Refused => ApiError::invalid("access_token", e.to_string()),
            AccountCheckError::Unreachable(_) => ApiError::Upstream(e.to_string()),
        })?;
    if body.bot_user_id.as_ref().is_some_and(|b| b != &bot_user_id) {
        return Err(ApiError::invalid(
            "bot_user_id",
            "LINE says this access token belongs to another bot",
        ));
    }
    let already = || ApiError::Conflict("this channel is already connected".into());
    // A cheap early answer; `connect_channel` below decides atomically.
    if state.ports.orgs.channel(&id).await?.is_some() {
        return Err(already());
    }
    let base = format!("{}/{}", caller.org, id);
    let secret_ref = state
        .ports
        .secrets
        .put(&format!("{base}/channel-secret"), &body.channel_secret)
        .await?;
    let access_token_ref = state
        .ports
        .secrets
        .put(&format!("{base}/access-token"), &body.access_token)
        .await?;
    let channel = Channel {
        id,
        org_id: caller.org.clone(),
        provider,
        bot_user_id,
        store_id,
        default_store,
        secret_ref,
        access_token_ref,
        plan: body.plan,
    };
    match state.ports.orgs.connect_channel(&channel).await {
        Ok(()) => {}
        // Says nothing about which organization has it.
        Err(StoreError::Conflict) => return Err(already()),
        Err(e) => return Err(e.into()),
    }
    tracing::info!(channel = %channel.id, org = %channel.org_id, "channel connected");
    Ok((StatusCode::CREATED, Json(ChannelView::from(&channel))))
}

/// Changes to a channel; absent fields are left as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateChannel {
    pub default_store: Option<String>,
    pub plan: Option<Plan>,
}

/// Changes a channel's default store or plan (admin, all stores).
#[utoipa::path(patch, path = "/admin/channels/{channel_id}", tag = "channels",
    params(("channel_id" = String, Path)), request_body = UpdateChannel,
    responses((status = 200, body = ChannelView), (status = 404, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below admin", body = crate::error::ErrorBody), (status = 422, description = "`default_store` names no store of the caller's scope", body = crate::error::ErrorBody)))]
pub async fn update_channel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateChannel>,
) -> ApiResult<Json<ChannelView>> {
    let (mut channel, scope) = access::channel(&state, &caller, &id).await?;
    scope.require_all()?;
    caller.require(Role::Admin)?;
    if let Some(store) = body.default_store {
        let (store, _) = access::store(&state, &caller, &store)
            .await
            .map_err(|_| ApiError::invalid("default_store", "no such store"))?;
        channel.default_store = Some(store.id);
    }
    if let Some(plan) = body.plan {
        channel.plan = plan;
    }
    state.ports.orgs.put_channel(&channel).await?;
    Ok(Json(ChannelView::from(&channel)))
}

/// A channel's quota counter for the current JST month.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuotaStatus {
    pub channel_id: String,
    /// `2026-11`: LINE counts by the Japanese calendar month.
    pub month: String,
    /// The plan's monthly limit; absent when unlimited.
    pub limit: Option<u64>,
    pub used: u64,
    /// Promised to sends in flight.
    pub reserved: u64,
    /// What can still be sent this month; absent when unlimited.
    pub available: Option<u64>,
}

/// The channel's quota this JST month.
#[utoipa::path(get, path = "/admin/channels/{channel_id}/quota", tag = "channels",
    params(("channel_id" = String, Path)),
    responses((status = 200, body = QuotaStatus), (status = 404, body = crate::error::ErrorBody)))]
pub async fn quota(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<QuotaStatus>> {
    let (channel, _) = access::channel(&state, &caller, &id).await?;
    let key = QuotaKey {
        channel: channel.id.clone(),
        month: QuotaMonth::containing(state.now()),
    };
    let mut counter = state.ports.quota.counter(&key).await?;
    // A month with no send yet has no stored limit: the plan's is the one that applies.
    counter.limit = counter.limit.or(channel.plan.monthly_limit());
    let limit = counter.limit;
    Ok(Json(QuotaStatus {
        channel_id: channel.id.to_string(),
        month: key.month.to_string(),
        limit,
        used: counter.used,
        reserved: counter.reserved,
        available: limit.map(|_| counter.available()),
    }))
}

/// How far a channel's follower import got.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportAnswer {
    /// `done`: every follower is imported; `in_progress`: call again to continue
    /// from the checkpoint; `unavailable`: LINE does not offer the followers list to
    /// this account (it is neither verified nor premium), see `message`.
    pub status: ImportStatus,
    /// Follower ids imported so far in this pass (each once).
    pub imported: u64,
    /// Friends created by this pass.
    pub created: u64,
    /// Friends already known, whose profile was refreshed.
    pub updated: u64,
    /// Friends otodoke knows as blocked on this channel: left blocked.
    pub kept_blocked: u64,
    /// Followers who blocked before their profile was read: not created.
    pub no_profile: u64,
    /// Pages of up to 1,000 followers imported in this pass / by this call.
    pub pages: u32,
    pub pages_this_call: u32,
    /// LINE's continuation token the next call starts from (absent when done).
    pub next: Option<String>,
    /// What happened, for people; with `unavailable`, LINE's reason.
    pub message: String,
}

/// Options of one import call.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Import at most this many pages (1 to 50) in this call; default: as many as
    /// fit in about 20 seconds, up to 50.
    #[param(minimum = 1, maximum = 50)]
    pub max_pages: Option<u32>,
}

/// Imports the channel's existing friends (admin, all stores): one slice of LINE's
/// followers list (`GET /v2/bot/followers/ids`, verified and premium accounts only)
/// with each follower's profile, paced under LINE's rate limits, for up to about 20
/// seconds. The import keeps a checkpoint after every page: calling again continues
/// from it, and after `done` a call starts a new pass (refreshing profiles). Blocked
/// friends stay blocked. Where LINE does not offer the list, the answer is 200 with
/// `status: unavailable` and LINE's reason.
#[utoipa::path(post, path = "/admin/channels/{channel_id}/import-followers", tag = "channels",
    params(("channel_id" = String, Path), ImportQuery),
    responses(
        (status = 200, description = "`status` is `done`, `in_progress` or `unavailable`", body = ImportAnswer),
        (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
        (status = 409, description = "another import of this channel is running, or the channel's access token is missing", body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody),
        (status = 502, description = "LINE could not be reached; the checkpoint is kept", body = crate::error::ErrorBody)))]
pub async fn import_followers(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ImportQuery>,
) -> ApiResult<Json<ImportAnswer>> {
    let (channel, scope) = access::channel(&state, &caller, &id).await?;
    scope.require_all()?;
    caller.require(Role::Admin)?;
    let mut budget = state.import_budget;
    if let Some(pages) = query.max_pages {
        if !(1..=50).contains(&pages) {
            return Err(ApiError::invalid("max_pages", "must be 1 to 50"));
        }
        budget.max_pages = budget.max_pages.min(pages);
    }
    let org = state
        .ports
        .orgs
        .organization(&channel.org_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let source = match state.ports.followers.for_channel(&channel).await {
        Ok(source) => source,
        // The secret store has no token under the channel's reference (deleted by
        // hand, or a channel seeded without one): connecting again writes it.
        Err(StoreError::NotFound(_)) => {
            return Err(ApiError::Conflict(
                "the channel's access token is missing; connect the channel again".into(),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    let import = Import {
        channel: &channel,
        org: &org,
        source: source.as_ref(),
        friends: state.ports.friends.as_ref(),
        checkpoints: state.ports.imports.as_ref(),
        pace: state.import_pace,
    };
    let outcome = match import_followers_slice(&import, state.now(), budget).await {
        Ok(outcome) => outcome,
        Err(ImportError::Source(e)) => return Err(ApiError::Upstream(e.to_string())),
        Err(ImportError::Store(StoreError::Conflict)) => {
            return Err(ApiError::Conflict(
                "another import of this channel changed its checkpoint; call again".into(),
            ))
        }
        Err(ImportError::Store(e)) => return Err(e.into()),
    };
    let c = &outcome.checkpoint;
    let message = match outcome.status {
        ImportStatus::Done => format!("all {} followers imported", c.imported),
        ImportStatus::InProgress => format!(
            "{} followers imported so far; call again to continue",
            c.imported
        ),
        ImportStatus::Unavailable => format!(
            "LINE does not offer the followers list for this account (verified and premium accounts only): {}",
            outcome.reason.as_deref().unwrap_or("403")
        ),
    };
    tracing::info!(channel = %channel.id, status = ?outcome.status, imported = c.imported,
        pages = outcome.pages_this_slice, "follower import slice");
    Ok(Json(ImportAnswer {
        status: outcome.status,
        imported: c.imported,
        created: c.created,
        updated: c.updated,
        kept_blocked: c.kept_blocked,
        no_profile: c.no_profile,
        pages: c.pages,
        pages_this_call: outcome.pages_this_slice,
        next: c.next.clone(),
        message,
    }))
}
