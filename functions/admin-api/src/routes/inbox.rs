//! What the staff chat needs around the threads: a store's inbox settings
//! (hand-off window, 既読, canned replies) and staff-only notes on a customer.

use super::{access, replies};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use otodoke_core::friend::{Friend, Note};
use otodoke_core::organization::{CannedReply, InboxSettings, Role};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa::ToSchema;

/// A canned reply (定型文).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CannedReplyView {
    /// 1–64 characters, unique in the store.
    pub id: String,
    /// What staff pick it by (1–50 characters).
    pub title: String,
    /// 1–5,000 characters; `{name}` becomes the customer's name, `{store}` the store's.
    pub text: String,
}

/// A store's staff-chat settings.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InboxSettingsView {
    /// How long the bot stays silent after a staff member's last message (1–1440
    /// minutes; default 30).
    #[schema(minimum = 1, maximum = 1440)]
    pub handoff_minutes: u32,
    /// Show the customer 既読 only when staff read the thread.
    pub mark_read_on_line: bool,
    /// At most 100.
    #[schema(max_items = 100)]
    pub canned_replies: Vec<CannedReplyView>,
    /// The store's version: send it back with a change (409 when it is stale).
    #[serde(default)]
    pub version: u64,
}

fn view(settings: &InboxSettings, version: u64) -> InboxSettingsView {
    InboxSettingsView {
        handoff_minutes: settings.handoff_minutes,
        mark_read_on_line: settings.mark_read_on_line,
        canned_replies: settings
            .canned_replies
            .iter()
            .map(|c| CannedReplyView {
                id: c.id.clone(),
                title: c.title.clone(),
                text: c.text.clone(),
            })
            .collect(),
        version,
    }
}

/// The settings in `body`, checked.
fn settings(body: InboxSettingsView) -> ApiResult<InboxSettings> {
    if !(1..=InboxSettings::MAX_HANDOFF_MINUTES).contains(&body.handoff_minutes) {
        return Err(ApiError::invalid(
            "handoff_minutes",
            format!("must be 1 to {}", InboxSettings::MAX_HANDOFF_MINUTES),
        ));
    }
    if body.canned_replies.len() > InboxSettings::MAX_CANNED_REPLIES {
        return Err(ApiError::invalid(
            "canned_replies",
            format!("at most {}", InboxSettings::MAX_CANNED_REPLIES),
        ));
    }
    let mut ids = HashSet::new();
    for (i, c) in body.canned_replies.iter().enumerate() {
        let field = |name: &str| format!("canned_replies[{i}].{name}");
        let chars = |s: &str| s.trim().chars().count();
        if !(1..=64).contains(&chars(&c.id)) || !ids.insert(c.id.clone()) {
            return Err(ApiError::invalid(field("id"), "1 to 64 characters, unique"));
        }
        if !(1..=50).contains(&chars(&c.title)) {
            return Err(ApiError::invalid(field("title"), "1 to 50 characters"));
        }
        if !(1..=5_000).contains(&chars(&c.text)) {
            return Err(ApiError::invalid(field("text"), "1 to 5,000 characters"));
        }
    }
    Ok(InboxSettings {
        handoff_minutes: body.handoff_minutes,
        mark_read_on_line: body.mark_read_on_line,
        canned_replies: body
            .canned_replies
            .into_iter()
            .map(|c| CannedReply {
                id: c.id,
                title: c.title,
                text: c.text,
            })
            .collect(),
    })
}

/// A store's staff-chat settings (any staff of the store: they pick canned replies).
#[utoipa::path(get, path = "/admin/stores/{store_id}/inbox", tag = "inbox",
    params(("store_id" = String, Path)),
    responses((status = 200, body = InboxSettingsView), (status = 404, body = ErrorBody)))]
pub async fn get_settings(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
) -> ApiResult<Json<InboxSettingsView>> {
    let (store, _) = access::store(&state, &caller, &store_id).await?;
    Ok(Json(view(&store.inbox, store.version)))
}

/// Replaces a store's staff-chat settings (admin of the store).
#[utoipa::path(put, path = "/admin/stores/{store_id}/inbox", tag = "inbox",
    params(("store_id" = String, Path)), request_body = InboxSettingsView,
    responses((status = 200, body = InboxSettingsView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn put_settings(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
    ApiJson(body): ApiJson<InboxSettingsView>,
) -> ApiResult<Json<InboxSettingsView>> {
    let (mut store, _) = access::store(&state, &caller, &store_id).await?;
    caller.require(Role::Admin)?;
    if body.version != store.version {
        return Err(replies::stale());
    }
    store.inbox = settings(body)?;
    let saved = state.ports.orgs.save_store(&store).await?;
    Ok(Json(view(&saved.inbox, saved.version)))
}

/// A staff-only note on a customer.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoteView {
    pub id: String,
    pub author: String,
    /// RFC 3339.
    pub at: String,
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoteList {
    /// Oldest first.
    pub items: Vec<NoteView>,
}

fn notes(friend: &Friend) -> NoteList {
    NoteList {
        items: friend
            .notes
            .iter()
            .map(|n| NoteView {
                id: n.id.clone(),
                author: n.author.to_string(),
                at: n.at.to_string(),
                text: n.text.clone(),
            })
            .collect(),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddNote {
    /// 1–2,000 characters (`Note::MAX_CHARS`).
    #[schema(min_length = 1, max_length = 2000)]
    pub text: String,
}

/// A customer's notes (staff only; never shown to the customer).
#[utoipa::path(get, path = "/admin/friends/{provider}/{user_id}/notes", tag = "inbox",
    params(("provider" = String, Path), ("user_id" = String, Path)),
    responses((status = 200, body = NoteList), (status = 404, body = ErrorBody)))]
pub async fn list_notes(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user)): Path<(String, String)>,
) -> ApiResult<Json<NoteList>> {
    let (friend, _) = access::friend(&state, &caller, &provider, &user).await?;
    Ok(Json(notes(&friend)))
}

/// Adds a note (operator). A customer keeps the newest 50.
#[utoipa::path(post, path = "/admin/friends/{provider}/{user_id}/notes", tag = "inbox",
    params(("provider" = String, Path), ("user_id" = String, Path)), request_body = AddNote,
    responses((status = 200, body = NoteList), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_note(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user)): Path<(String, String)>,
    ApiJson(body): ApiJson<AddNote>,
) -> ApiResult<Json<NoteList>> {
    let (mut friend, _) = access::friend(&state, &caller, &provider, &user).await?;
    caller.require(Role::Operator)?;
    let length = body.text.trim().chars().count();
    if length == 0 || length > Note::MAX_CHARS {
        return Err(ApiError::invalid(
            "text",
            format!("1 to {} characters", Note::MAX_CHARS),
        ));
    }
    let now = state.now();
    friend.notes.push(Note {
        id: ulid::Ulid::new().to_string(),
        author: caller.staff.clone(),
        at: now,
        text: body.text.trim().to_owned(),
    });
    if friend.notes.len() > Note::LIMIT {
        let over = friend.notes.len() - Note::LIMIT;
        friend.notes.drain(..over);
    }
    friend.updated_at = now;
    let saved = state.ports.friends.save(&friend).await?;
    Ok(Json(notes(&saved)))
}

/// Removes a note (operator).
#[utoipa::path(delete, path = "/admin/friends/{provider}/{user_id}/notes/{note_id}", tag = "inbox",
    params(("provider" = String, Path), ("user_id" = String, Path), ("note_id" = String, Path)),
    responses((status = 200, body = NoteList), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete_note(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user, note)): Path<(String, String, String)>,
) -> ApiResult<Json<NoteList>> {
    let (mut friend, _) = access::friend(&state, &caller, &provider, &user).await?;
    caller.require(Role::Operator)?;
    let before = friend.notes.len();
    friend.notes.retain(|n| n.id != note);
    if friend.notes.len() == before {
        return Err(ApiError::NotFound);
    }
    friend.updated_at = state.now();
    let saved = state.ports.friends.save(&friend).await?;
    Ok(Json(notes(&saved)))
}
