//! The teaching loop: the customer messages a store's intents could not answer,
//! each with the intents it most resembles, so that staff file it under one with a
//! click (`POST /admin/stores/{store}/intents/{name}/examples`).

use super::{access, replies};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiQuery;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use jiff::SignedDuration;
use otodoke_autoreply::{Chat, Content, FriendState, Incoming, Mode};
use otodoke_core::PageRequest;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// An intent a declined message resembles.
#[derive(Debug, Serialize, ToSchema)]
pub struct Suggestion {
    pub intent: String,
    /// Similarity in 0..=1 under the store's current intents.
    pub score: f32,
}

/// A customer message the intents could not answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Unanswered {
    /// RFC 3339.
    pub at: String,
    pub text: String,
    /// The closest intents now (best first, at most 3): the examples taught since
    /// the message arrived count.
    pub suggestions: Vec<Suggestion>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnansweredList {
    /// Newest first; each distinct text once.
    pub items: Vec<Unanswered>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UnansweredQuery {
    /// How far back to look (1..=90 days, default 30).
    #[param(minimum = 1, maximum = 90)]
    pub days: Option<u32>,
}

/// How many messages one call reads at most, and lists at most.
const READ_AT_MOST: usize = 5_000;
const LIST_AT_MOST: usize = 100;

/// The store's unanswered messages with suggestions (viewer).
///
/// Cost: the store's history of the last `days` days read page by page (at most
/// 5,000 messages), and each listed text recognised again.
#[utoipa::path(get, path = "/admin/stores/{store_id}/intents/unanswered", tag = "auto-reply",
    params(("store_id" = String, Path), UnansweredQuery),
    responses((status = 200, body = UnansweredList), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn unanswered(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
    ApiQuery(query): ApiQuery<UnansweredQuery>,
) -> ApiResult<Json<UnansweredList>> {
    let (store, _) = access::store(&state, &caller, &store_id).await?;
    let days = query.days.unwrap_or(30);
    if !(1..=90).contains(&days) {
        return Err(ApiError::invalid("days", "1 to 90"));
    }
    let responder = replies::effective(&state, &caller, &store)
        .await?
        .config
        .compile()
        .map_err(|e| ApiError::Conflict(format!("the store's configuration is invalid: {e}")))?;
    let now = state.now();
    let from = now - SignedDuration::from_hours(24 * i64::from(days));
    let mut declined = Vec::new();
    let mut read = 0;
    let mut page = PageRequest::first(500);
    loop {
        let entries = state
            .ports
            .conversations
            .by_store(&store.key(), from, now, page)
            .await?;
        read += entries.items.len();
        declined.extend(
            entries
                .items
                .into_iter()
                .filter(|e| e.declined_intent && !e.hidden),
        );
        match entries.next {
            Some(next) if read < READ_AT_MOST => page = PageRequest::after(next, 500),
            _ => break,
        }
    }
    declined.reverse();
    let mut seen = std::collections::HashSet::new();
    let items = declined
        .into_iter()
        .filter(|e| seen.insert(e.text.clone()))
        .take(LIST_AT_MOST)
        .map(|entry| {
            let incoming = Incoming {
                at: now,
                mode: Mode::Active,
                chat: Chat::User,
                content: Content::Text(&entry.text),
            };
            let preview =
                otodoke_autoreply::preview(&responder, &incoming, &FriendState::default());
            Unanswered {
                at: entry.at.to_string(),
                suggestions: preview
                    .intents
                    .top
                    .into_iter()
                    .take(3)
                    .map(|s| Suggestion {
                        intent: s.intent,
                        score: s.score,
                    })
                    .collect(),
                text: entry.text,
            }
        })
        .collect();
    Ok(Json(UnansweredList { items }))
}
