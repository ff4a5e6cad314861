//! Conversation history per friend, and the CSV export per store and date range.

use super::{access, PageQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::friend::FriendKey;
use otodoke_core::PageRequest;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// A page of a friend's history, newest first. Unsent messages are left out.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryPage {
    /// Conversation entries, each with `media_url` and `preview_url` when otodoke
    /// kept its content.
    pub items: Vec<HistoryItem>,
    pub next_cursor: Option<String>,
}

/// An entry with links to otodoke's kept copy of its content (LINE's own copy
/// expires within weeks; the kept one lasts the media retention).
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryItem {
    #[serde(flatten)]
    pub entry: ConversationEntry,
    /// The kept original, valid for [`MEDIA_LINK_LIFETIME`].
    pub media_url: Option<String>,
    /// The kept preview (images), valid as long.
    pub preview_url: Option<String>,
}

/// How long the media links of a history page work: a page is read to be looked
/// at now; the next read makes new links.
pub const MEDIA_LINK_LIFETIME: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);

/// A friend's conversation history, newest first.
#[utoipa::path(get, path = "/admin/friends/{provider}/{user_id}/history", tag = "conversations",
    params(("provider" = String, Path), ("user_id" = String, Path), PageQuery),
    responses((status = 200, body = HistoryPage), (status = 404, body = crate::error::ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<HistoryPage>> {
    let (friend, _) = access::friend(&state, &caller, &provider, &user).await?;
    let page = state
        .ports
        .conversations
        .history(&friend.key, query.request()?)
        .await?;
    let mut items = Vec::with_capacity(page.items.len());
    for entry in page.items.into_iter().filter(|e| !e.hidden) {
        let (mut media_url, mut preview_url) = (None, None);
        if let Some(media) = &entry.media {
            let store = &state.ports.media;
            media_url = Some(store.url(&media.key, MEDIA_LINK_LIFETIME).await?);
            if let Some(preview) = &media.preview_key {
                preview_url = Some(store.url(preview, MEDIA_LINK_LIFETIME).await?);
            }
        }
        items.push(HistoryItem {
            entry,
            media_url,
            preview_url,
        });
    }
    Ok(Json(HistoryPage {
        items,
        next_cursor: page.next.map(|c| c.0),
    }))
}

/// The days to export, inclusive, in the store's time zone.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// First day (`2026-11-01`).
    #[param(value_type = String, format = Date)]
    pub from: Date,
    /// Last day, inclusive (`2026-11-30`).
    #[param(value_type = String, format = Date)]
    pub to: Date,
}

/// Longest range one export may cover.
const MAX_EXPORT_DAYS: i32 = 366;
/// Storage page size while exporting.
const EXPORT_PAGE: u32 = 500;

/// A store's conversations between two days as CSV that opens in Japanese Excel
/// (日時, 方向, LINEユーザーID, 表示名, 送信者, メッセージ, メディア — the last one the
/// key of otodoke's kept copy of an image, video, audio or file, empty otherwise):
/// UTF-8 with a byte-order mark, CRLF line ends, every field quoted, times in ISO
/// 8601 with the store's offset. Unsent messages are left out.
///
/// Cost: the whole range is read page by page and built in memory (a Lambda
/// response is at most 6 MB anyway); the range is capped at 366 days.
#[utoipa::path(get, path = "/admin/stores/{store_id}/conversations.csv", tag = "conversations",
    params(("store_id" = String, Path), ExportQuery),
    responses((status = 200, content_type = "text/csv; charset=utf-8", body = String),
        (status = 422, body = crate::error::ErrorBody)))]
pub async fn export_csv(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> ApiResult<Response> {
    let (store, _) = access::store(&state, &caller, &id).await?;
    if query.to < query.from {
        return Err(ApiError::invalid("to", "must not be before from"));
    }
    if (query.to - query.from).get_days() >= MAX_EXPORT_DAYS {
        return Err(ApiError::invalid("to", "a range covers at most 366 days"));
    }
    let tz = TimeZone::get(&store.time_zone).map_err(ApiError::internal)?;
    let start = query
        .from
        .to_zoned(tz.clone())
        .map_err(ApiError::internal)?;
    let end = query
        .to
        .tomorrow()
        .and_then(|d| d.to_zoned(tz.clone()))
        .map_err(ApiError::internal)?;

    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record([
        "日時",
        "方向",
        "LINEユーザーID",
        "表示名",
        "送信者",
        "メッセージ",
        "メディア",
    ])
    .map_err(ApiError::internal)?;
    // Display name per friend, `None` for a friend the caller may not see
    // (assigned-only staff see their own customers only).
    let mut names: HashMap<FriendKey, Option<String>> = HashMap::new();
    let mut page = PageRequest::first(EXPORT_PAGE);
    loop {
        let got = state
            .ports
            .conversations
            .by_store(&store.key(), start.timestamp(), end.timestamp(), page)
            .await?;
        for entry in got.items.iter().filter(|e| !e.hidden) {
            if !names.contains_key(&entry.friend) {
                let friend = state.ports.friends.friend(&entry.friend).await?;
                let name = match friend {
                    Some(f) if !caller.sees_assignee(f.assignee.as_ref()) => None,
                    Some(f) => Some(f.display_name.unwrap_or_default()),
                    None if caller.assigned_only => None,
                    None => Some(String::new()),
                };
                names.insert(entry.friend.clone(), name);
            }
            let Some(name) = &names[&entry.friend] else {
                continue;
            };
            let at = entry.at.to_zoned(tz.clone());
            let sender = sender_label(&entry.sender);
            let record = [
                at.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                match entry.direction {
                    Direction::Inbound => "受信",
                    Direction::Outbound => "送信",
                }
                .to_owned(),
                entry.friend.user_id.to_string(),
                name.clone(),
                sender,
                entry.text.clone(),
                // The kept copy's key (links expire; the key names it for good).
                entry
                    .media
                    .as_ref()
                    .map(|m| m.key.to_string())
                    .unwrap_or_default(),
            ];
            out.write_record(
                record
                    .iter()
                    .map(|cell| spreadsheet_safe(cell).into_owned()),
            )
            .map_err(ApiError::internal)?;
        }
        match got.next {
            Some(next) => page = PageRequest::after(next, EXPORT_PAGE),
            None => break,
        }
    }
    let body = out
        .into_inner()
        .map_err(|e| ApiError::internal(e.into_error()))?;
    let filename = format!("conversations-{}-{}-{}.csv", store.id, query.from, query.to);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// A cell Excel will show as text, never evaluate (OWASP's CSV injection rule): one
/// that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or the
/// full-width `＝ ＋ － ＠`, which Japanese Excel also reads as a formula) gets a
/// leading `'`. A customer controls their display name and message text, so a
/// name like `=HYPERLINK(...)` must never reach staff as a live formula.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    const TRIGGERS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
    match cell.chars().next() {
        Some(c) if TRIGGERS.contains(&c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

fn sender_label(sender: &Sender) -> String {
    match sender {
        Sender::Customer => "customer".into(),
        Sender::Greeting => "greeting".into(),
        Sender::Rule(id) => format!("rule:{id}"),
        Sender::Intent(name) => format!("intent:{name}"),
        Sender::AfterHours => "after_hours".into(),
        Sender::Fallback => "fallback".into(),
        Sender::Staff(id) => format!("staff:{id}"),
        Sender::Campaign(id) => format!("campaign:{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn cells_that_excel_would_evaluate_are_prefixed_and_others_kept() {
        for formula in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "＝1+1",
        ] {
            assert_eq!(spreadsheet_safe(formula), format!("'{formula}"));
        }
        for text in ["営業時間は?", "a=b", "", "10時から"] {
            assert_eq!(spreadsheet_safe(text), text);
        }
    }
}
