//! Friends of a store: list (by tag, by name), tag, untag, attributes, store.

use super::{access, PageQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use otodoke_core::friend::{Attributes, Friend, Gender};
use otodoke_core::organization::Role;
use otodoke_core::PageRequest;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

/// A page of friends.
#[derive(Debug, Serialize, ToSchema)]
pub struct FriendPage {
    /// `otodoke_core::friend::Friend` records.
    pub items: Vec<Friend>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Filters of a store's friend list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FriendQuery {
    /// Only friends with this tag.
    pub tag: Option<String>,
    /// Only friends whose display name contains this (case-insensitive).
    pub q: Option<String>,
    pub cursor: Option<String>,
    /// 1..=200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

/// Friends assigned to a store, optionally with a tag or a name containing `q`.
///
/// Filters are applied to pages of the store's friends (or the organization's
/// friends with the tag), so a page may hold fewer than `limit` items and still
/// have a next cursor. Cost: one storage page per call.
#[utoipa::path(get, path = "/admin/stores/{store_id}/friends", tag = "friends",
    params(("store_id" = String, Path), FriendQuery),
    responses((status = 200, body = FriendPage), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list_friends(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<FriendQuery>,
) -> ApiResult<Json<FriendPage>> {
    let (store, _) = access::store(&state, &caller, &id).await?;
    let page: PageRequest = PageQuery {
        cursor: query.cursor.clone(),
        limit: query.limit,
    }
    .request()?;
    let page = match &query.tag {
        Some(tag) => state.ports.friends.by_tag(&caller.org, tag, page).await?,
        None => state.ports.friends.by_store(&store.key(), page).await?,
    };
    let needle = query.q.as_deref().map(str::to_lowercase);
    let items = page
        .items
        .into_iter()
        .filter(|f| f.store_id.as_ref() == Some(&store.id))
        .filter(|f| caller.sees_assignee(f.assignee.as_ref()))
        .filter(|f| match &needle {
            None => true,
            Some(n) => f
                .display_name
                .as_deref()
                .is_some_and(|d| d.to_lowercase().contains(n.as_str())),
        })
        .collect();
    Ok(Json(FriendPage {
        items,
        next_cursor: page.next.map(|c| c.0),
    }))
}

/// One friend.
#[utoipa::path(get, path = "/admin/friends/{provider}/{user_id}", tag = "friends",
    params(("provider" = String, Path), ("user_id" = String, Path)),
    responses((status = 200, body = Friend),
        (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_friend(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user)): Path<(String, String)>,
) -> ApiResult<Json<Friend>> {
    let (friend, _) = access::friend(&state, &caller, &provider, &user).await?;
    Ok(Json(friend))
}

/// What erasing a customer removed; no personal data.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErasureView {
    /// Whether a friend record was removed.
    pub friend: bool,
    /// Conversation entries removed.
    pub messages: u64,
    /// Step-sequence enrolments removed.
    pub enrolments: u32,
    /// Staff-inbox threads removed.
    pub threads: u64,
    /// Kept media objects (images, videos, files the customer sent; previews) removed.
    pub media: u64,
    /// Automation runs on the customer's timeline removed.
    pub automation_runs: u64,
    /// The customer's kept clicks of tracked links removed (the links' totals stay).
    pub link_clicks: u64,
}

/// Erases a customer on their request (admin): their friend record, conversation
/// history, kept media and enrolments go from every table and bucket. The erasure is logged with who asked
/// and how much went, never with the customer's data. Backups (point-in-time
/// recovery) still hold the data until they age out (docs/deploy.md).
#[utoipa::path(delete, path = "/admin/friends/{provider}/{user_id}", tag = "friends",
    params(("provider" = String, Path), ("user_id" = String, Path)),
    responses((status = 200, body = ErasureView), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody)))]
pub async fn erase_friend(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user)): Path<(String, String)>,
) -> ApiResult<Json<ErasureView>> {
    let (friend, _) = access::friend(&state, &caller, &provider, &user).await?;
    caller.require(Role::Admin)?;
    let p = &state.ports;
    let stores = otodoke_core::erasure::ErasureStores {
        friends: &*p.friends,
        conversations: &*p.conversations,
        enrolments: &*p.enrolments,
        threads: &*p.threads,
        automations: &*p.automations,
        links: &*p.links,
        media: &*p.media,
    };
    let report = otodoke_core::erasure::erase_friend(stores, &friend.key).await?;
    tracing::info!(
        org = %caller.org,
        staff = %caller.staff,
        messages = report.messages,
        enrolments = report.enrolments,
        media = report.media,
        automation_runs = report.automation_runs,
        link_clicks = report.link_clicks,
        "customer data erased on request"
    );
    Ok(Json(ErasureView {
        friend: report.friend,
        messages: report.messages,
        enrolments: report.enrolments,
        threads: report.threads,
        media: report.media,
        automation_runs: report.automation_runs,
        link_clicks: report.link_clicks,
    }))
}

/// Saves an edited friend (operator); a concurrent edit is a 409.
async fn edit(
    state: &AppState,
    caller: &Caller,
    provider: &str,
    user: &str,
    change: impl FnOnce(&mut Friend) -> ApiResult<()>,
) -> ApiResult<Json<Friend>> {
    let (mut friend, _) = access::friend(state, caller, provider, user).await?;
    caller.require(Role::Operator)?;
    let before = friend.clone();
    change(&mut friend)?;
    friend.updated_at = state.now();
    let saved = state.ports.friends.save(&friend).await?;
    Ok(Json(after_edit(state, &before, saved).await?))
}

/// Runs what a staff edit fires (tag automations) and re-links the friend's rich
/// menu; answers the friend as it is afterwards. The edit is saved whatever happens
/// here: a LINE failure is logged and recorded on the run, not answered as an error
/// (the edit would look lost, and repeating it would change nothing to run again).
pub async fn after_edit(state: &AppState, before: &Friend, saved: Friend) -> ApiResult<Friend> {
    let run_base = format!("staff:{}", ulid::Ulid::new());
    match state
        .automator()
        .after_edit(before, &saved, &run_base, state.now())
        .await
    {
        Ok(runs) if runs.is_empty() => Ok(saved),
        Ok(_) => Ok(state
            .ports
            .friends
            .friend(&saved.key)
            .await?
            .unwrap_or(saved)),
        Err(otodoke_automation::AutomationFailure::Store(e)) => Err(e.into()),
        Err(error) => {
            tracing::error!(%error, friend = %saved.key.user_id, "automations or the menu link failed after a staff edit");
            Ok(saved)
        }
    }
}

/// A tag to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddTag {
    /// 1 to 50 characters, not only spaces (kept trimmed).
    #[schema(min_length = 1, max_length = 50, pattern = "\\S")]
    pub tag: String,
}

fn check_tag(tag: &str) -> ApiResult<()> {
    if tag.trim().is_empty() || tag.chars().count() > 50 {
        return Err(ApiError::invalid("tag", "must be 1 to 50 characters"));
    }
    Ok(())
}

/// Tags a friend (operator).
#[utoipa::path(post, path = "/admin/friends/{provider}/{user_id}/tags", tag = "friends",
    params(("provider" = String, Path), ("user_id" = String, Path)), request_body = AddTag,
    responses((status = 200, body = Friend), (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody), (status = 409, description = "the friend changed meanwhile; re-read and retry", body = crate::error::ErrorBody)))]
pub async fn add_tag(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user)): Path<(String, String)>,
    ApiJson(body): ApiJson<AddTag>,
) -> ApiResult<Json<Friend>> {
    check_tag(&body.tag)?;
    edit(&state, &caller, &provider, &user, |f| {
        f.tags.insert(body.tag.trim().to_owned());
        Ok(())
    })
    .await
}

/// Removes a tag from a friend (operator); removing an absent tag is not an error.
#[utoipa::path(delete, path = "/admin/friends/{provider}/{user_id}/tags/{tag}", tag = "friends",
    params(("provider" = String, Path), ("user_id" = String, Path), ("tag" = String, Path)),
    responses((status = 200, body = Friend), (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody), (status = 409, description = "the friend changed meanwhile; re-read and retry", body = crate::error::ErrorBody)))]
pub async fn remove_tag(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user, tag)): Path<(String, String, String)>,
) -> ApiResult<Json<Friend>> {
    edit(&state, &caller, &provider, &user, |f| {
        f.tags.remove(&tag);
        Ok(())
    })
    .await
}

/// A friend's targeting attributes (replaced as a whole).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetAttributes {
    /// `female`, `male` or `other`.
    pub gender: Option<Gender>,
    pub birth_year: Option<i16>,
    /// One of Japan's 47 prefectures, in Japanese (`東京都`).
    pub prefecture: Option<String>,
    #[serde(default)]
    pub custom: BTreeMap<String, String>,
}

/// Sets a friend's attributes (operator).
#[utoipa::path(put, path = "/admin/friends/{provider}/{user_id}/attributes", tag = "friends",
    params(("provider" = String, Path), ("user_id" = String, Path)), request_body = SetAttributes,
    responses((status = 200, body = Friend), (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody), (status = 409, description = "the friend changed meanwhile; re-read and retry", body = crate::error::ErrorBody)))]
pub async fn set_attributes(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user)): Path<(String, String)>,
    ApiJson(body): ApiJson<SetAttributes>,
) -> ApiResult<Json<Friend>> {
    let this_year = state.now().to_zoned(jiff::tz::TimeZone::UTC).year();
    if let Some(y) = body.birth_year {
        if !(1900..=this_year).contains(&y) {
            return Err(ApiError::invalid("birth_year", "must be 1900 to this year"));
        }
    }
    edit(&state, &caller, &provider, &user, |f| {
        f.attributes = Attributes {
            gender: body.gender,
            birth_year: body.birth_year,
            prefecture: body.prefecture,
            custom: body.custom,
        };
        Ok(())
    })
    .await
}

/// The store to assign a friend to.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignStore {
    pub store_id: String,
}

/// Assigns a friend to another store (operator; both stores in the caller's scope).
#[utoipa::path(put, path = "/admin/friends/{provider}/{user_id}/store", tag = "friends",
    params(("provider" = String, Path), ("user_id" = String, Path)), request_body = AssignStore,
    responses((status = 200, body = Friend), (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody), (status = 409, description = "the friend changed meanwhile; re-read and retry", body = crate::error::ErrorBody)))]
pub async fn assign_store(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user)): Path<(String, String)>,
    ApiJson(body): ApiJson<AssignStore>,
) -> ApiResult<Json<Friend>> {
    // Resolve the friend first so that an out-of-scope friend is a 404 before
    // anything is said about the target store.
    access::friend(&state, &caller, &provider, &user).await?;
    let (target, _) = access::store(&state, &caller, &body.store_id)
        .await
        .map_err(|_| ApiError::invalid("store_id", "no such store"))?;
    edit(&state, &caller, &provider, &user, |f| {
        f.store_id = Some(target.id);
        Ok(())
    })
    .await
}
