//! Rich menus of a channel: create and edit (areas and their actions), upload the
//! image, publish to LINE; the channel's menu rules (who gets which menu) with a
//! "who would get which menu" preview; and the relink jobs a rules change starts.
//!
//! Reading needs any role; changing needs admin (menus and rules are the channel's
//! configuration, seen by every customer). A channel of one store is visible to that
//! store's staff only, as everywhere.

use super::access;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, ErrorBody, FieldError};
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use jiff::SignedDuration;
use otodoke_core::media::MediaKey;
use otodoke_core::organization::{Channel, Role};
use otodoke_core::richmenu::{
    limits, MenuArea, MenuRule, MenuRules, MenuSize, Published, RelinkJob, RelinkStatus, RichMenu,
};
use otodoke_core::RichMenuId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;

/// How long an image URL in an answer works.
const IMAGE_URL_LIFETIME: SignedDuration = SignedDuration::from_hours(1);
/// The preview counts at most this many friends (a sample beyond it).
const PREVIEW_AT_MOST: u64 = 20_000;

/// A menu as the console shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RichMenuView {
    #[serde(flatten)]
    pub menu: RichMenu,
    /// The image (valid for an hour), once uploaded.
    pub image_url: Option<String>,
    /// Whether LINE has this version (edits since need publishing again).
    pub is_published: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RichMenuList {
    pub items: Vec<RichMenuView>,
}

/// A menu's content, for creating one or replacing one's content.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RichMenuInput {
    /// For staff (1–300 characters, `limits::MAX_NAME`).
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    /// The chat bar's label (1–14 characters, `limits::MAX_CHAT_BAR_TEXT`).
    #[schema(min_length = 1, max_length = 14)]
    pub chat_bar_text: String,
    /// 800–2500 px wide, at least 250 px high, at least 1.45 times as wide as high
    /// (LINE's full size is 2500×1686, half 2500×843).
    pub size: MenuSize,
    #[serde(default)]
    pub selected: bool,
    /// At most 20 areas (`limits::MAX_AREAS`) inside the image.
    #[schema(max_items = 20)]
    pub areas: Vec<MenuArea>,
    /// For an edit: the version read (a concurrent edit is a 409).
    #[serde(default)]
    pub version: Option<u64>,
}

async fn view(state: &AppState, menu: RichMenu) -> ApiResult<RichMenuView> {
    let image_url = match &menu.image {
        Some(image) => Some(
            state
                .ports
                .media
                .url(&image.key, IMAGE_URL_LIFETIME)
                .await?,
        ),
        None => None,
    };
    Ok(RichMenuView {
        is_published: menu.is_published(),
        menu,
        image_url,
    })
}

fn menu_error(e: otodoke_core::richmenu::MenuError) -> ApiError {
    ApiError::invalid("menu", e.to_string())
}

/// The channel (in the caller's scope) and, for changes, the admin check.
async fn channel_for(
    state: &AppState,
    caller: &Caller,
    channel_id: &str,
    change: bool,
) -> ApiResult<Channel> {
    let (channel, _) = access::channel(state, caller, channel_id).await?;
    if change {
        caller.require(Role::Admin)?;
    }
    Ok(channel)
}

async fn menu_of(state: &AppState, channel: &Channel, menu_id: &str) -> ApiResult<RichMenu> {
    let id = RichMenuId::new(menu_id).map_err(|_| ApiError::NotFound)?;
    state
        .ports
        .richmenus
        .menu(&channel.org_id, &id)
        .await?
        .filter(|m| m.channel == channel.id)
        .ok_or(ApiError::NotFound)
}

/// A channel's rich menus, oldest first (any role).
#[utoipa::path(get, path = "/admin/channels/{channel_id}/richmenus", tag = "rich menus",
    params(("channel_id" = String, Path)),
    responses((status = 200, body = RichMenuList), (status = 404, body = ErrorBody)))]
pub async fn list_menus(
    State(state): State<AppState>,
    caller: Caller,
    Path(channel_id): Path<String>,
) -> ApiResult<Json<RichMenuList>> {
    let channel = channel_for(&state, &caller, &channel_id, false).await?;
    let menus = state
        .ports
        .richmenus
        .menus(&channel.org_id, &channel.id)
        .await?;
    let mut items = Vec::with_capacity(menus.len());
    for menu in menus {
        items.push(view(&state, menu).await?);
    }
    Ok(Json(RichMenuList { items }))
}

/// Creates a menu (admin); upload its image and publish it next.
#[utoipa::path(post, path = "/admin/channels/{channel_id}/richmenus", tag = "rich menus",
    params(("channel_id" = String, Path)), request_body = RichMenuInput,
    responses((status = 201, body = RichMenuView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_menu(
    State(state): State<AppState>,
    caller: Caller,
    Path(channel_id): Path<String>,
    ApiJson(body): ApiJson<RichMenuInput>,
) -> ApiResult<(StatusCode, Json<RichMenuView>)> {
    let channel = channel_for(&state, &caller, &channel_id, true).await?;
    let existing = state
        .ports
        .richmenus
        .menus(&channel.org_id, &channel.id)
        .await?;
    if existing.len() >= limits::MAX_MENUS_PER_CHANNEL {
        return Err(ApiError::Conflict(format!(
            "a channel has at most {} rich menus",
            limits::MAX_MENUS_PER_CHANNEL
        )));
    }
    let menu = RichMenu {
        org: channel.org_id.clone(),
        channel: channel.id.clone(),
        id: RichMenuId::new(ulid::Ulid::new().to_string()).expect("a ULID is a valid id"),
        name: body.name,
        chat_bar_text: body.chat_bar_text,
        size: body.size,
        selected: body.selected,
        areas: body.areas,
        image: None,
        published: None,
        updated_at: state.now(),
        version: 0,
    };
    menu.check().map_err(menu_error)?;
    check_tabs(&menu, &existing)?;
    let saved = state.ports.richmenus.save_menu(&menu).await?;
    Ok((StatusCode::CREATED, Json(view(&state, saved).await?)))
}

/// Tabs must switch to menus of the same channel.
fn check_tabs(menu: &RichMenu, channel_menus: &[RichMenu]) -> ApiResult<()> {
    let known: BTreeSet<&RichMenuId> = channel_menus.iter().map(|m| &m.id).collect();
    for (i, area) in menu.areas.iter().enumerate() {
        if let otodoke_core::richmenu::MenuAction::Tab { menu: target } = &area.action {
            if !known.contains(target) {
                return Err(ApiError::invalid(
                    format!("areas[{i}].action.menu"),
                    "not a menu of this channel",
                ));
            }
        }
    }
    Ok(())
}

/// One menu (any role).
#[utoipa::path(get, path = "/admin/channels/{channel_id}/richmenus/{menu_id}", tag = "rich menus",
    params(("channel_id" = String, Path), ("menu_id" = String, Path)),
    responses((status = 200, body = RichMenuView), (status = 404, body = ErrorBody)))]
pub async fn get_menu(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel_id, menu_id)): Path<(String, String)>,
) -> ApiResult<Json<RichMenuView>> {
    let channel = channel_for(&state, &caller, &channel_id, false).await?;
    let menu = menu_of(&state, &channel, &menu_id).await?;
    Ok(Json(view(&state, menu).await?))
}

/// Replaces a menu's content (admin). The published menu stays on LINE until the
/// menu is published again.
#[utoipa::path(put, path = "/admin/channels/{channel_id}/richmenus/{menu_id}", tag = "rich menus",
    params(("channel_id" = String, Path), ("menu_id" = String, Path)), request_body = RichMenuInput,
    responses((status = 200, body = RichMenuView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update_menu(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel_id, menu_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<RichMenuInput>,
) -> ApiResult<Json<RichMenuView>> {
    let channel = channel_for(&state, &caller, &channel_id, true).await?;
    let mut menu = menu_of(&state, &channel, &menu_id).await?;
    if body.version.is_some_and(|v| v != menu.version) {
        return Err(ApiError::Conflict(
            "the menu changed meanwhile; re-read and retry".into(),
        ));
    }
    let resized = menu.size != body.size;
    menu.name = body.name;
    menu.chat_bar_text = body.chat_bar_text;
    menu.size = body.size;
    menu.selected = body.selected;
    menu.areas = body.areas;
    menu.updated_at = state.now();
    if resized {
        // The image must have the menu's size exactly: a new size needs a new image.
        menu.image = None;
    }
    menu.check().map_err(menu_error)?;
    let existing = state
        .ports
        .richmenus
        .menus(&channel.org_id, &channel.id)
        .await?;
    check_tabs(&menu, &existing)?;
    let saved = state.ports.richmenus.save_menu(&menu).await?;
    Ok(Json(view(&state, saved).await?))
}

/// Deletes a menu (admin) and its publication on LINE. Refused (409) while the
/// rules or another menu's tab name it.
#[utoipa::path(delete, path = "/admin/channels/{channel_id}/richmenus/{menu_id}", tag = "rich menus",
    params(("channel_id" = String, Path), ("menu_id" = String, Path)),
    responses((status = 204, description = "deleted"), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn delete_menu(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel_id, menu_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let channel = channel_for(&state, &caller, &channel_id, true).await?;
    let menu = menu_of(&state, &channel, &menu_id).await?;
    let rules = state
        .ports
        .richmenus
        .rules(&channel.org_id, &channel.id)
        .await?;
    if rules.menus().contains(&menu.id) {
        return Err(ApiError::Conflict(
            "the menu rules use this menu; change them first".into(),
        ));
    }
    let others = state
        .ports
        .richmenus
        .menus(&channel.org_id, &channel.id)
        .await?;
    if others.iter().any(|m| {
        m.id != menu.id
            && m.areas.iter().any(|a| {
                matches!(&a.action, otodoke_core::richmenu::MenuAction::Tab { menu: t } if *t == menu.id)
            })
    }) {
        return Err(ApiError::Conflict(
            "another menu has a tab to this menu; change it first".into(),
        ));
    }
    if let Some(published) = &menu.published {
        state
            .ports
            .menu_line
            .delete(&channel, &published.line_id)
            .await
            .map_err(upstream)?;
    }
    if let Some(image) = &menu.image {
        state.ports.media.delete(&image.key).await?;
    }
    state
        .ports
        .richmenus
        .delete_menu(&channel.org_id, &menu.id)
        .await?;
    tracing::info!(org = %caller.org, channel = %channel.id, menu = %menu.id, "rich menu deleted");
    Ok(StatusCode::NO_CONTENT)
}

/// Uploads a menu's image (admin): the raw JPEG or PNG with its `Content-Type`, at
/// most 1 MB (413), of exactly the menu's size (422). Replaces an earlier image; the
/// menu needs publishing again.
#[utoipa::path(put, path = "/admin/channels/{channel_id}/richmenus/{menu_id}/image", tag = "rich menus",
    params(("channel_id" = String, Path), ("menu_id" = String, Path)),
    request_body(description = "The image: the raw bytes of a JPEG or PNG, at most 1 MB", content(("image/jpeg"), ("image/png"))),
    responses((status = 200, body = RichMenuView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 413, description = "the image is over 1 MB", body = ErrorBody),
        (status = 415, description = "the body is not declared as image/jpeg or image/png", body = ErrorBody),
        (status = 422, description = "the body is empty, not an image of the declared type, or not of the menu's size", body = ErrorBody)))]
pub async fn upload_menu_image(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel_id, menu_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<RichMenuView>> {
    let channel = channel_for(&state, &caller, &channel_id, true).await?;
    let mut menu = menu_of(&state, &channel, &menu_id).await?;
    const TOO_LARGE: &str = "a rich menu image is at most 1 MB";
    let (body, kind) = super::media::image_body(&headers, body, TOO_LARGE)?;
    if body.len() > limits::MAX_IMAGE_BYTES {
        return Err(ApiError::TooLarge(TOO_LARGE.into()));
    }
    let size = otodoke_media::dimensions(&body)
        .ok_or_else(|| ApiError::invalid("body", "the image cannot be read"))?;
    if size != (menu.size.width, menu.size.height) {
        return Err(ApiError::invalid(
            "body",
            format!(
                "the image is {}×{} px; this menu is {}×{} px",
                size.0, size.1, menu.size.width, menu.size.height
            ),
        ));
    }
    let key = MediaKey::rich_menu(&channel.org_id, &channel.id, &menu.id);
    state
        .ports
        .media
        .put(&key, kind.content_type(), body.to_vec())
        .await?;
    menu.image = Some(otodoke_core::richmenu::MenuImage {
        key,
        content_type: kind.content_type().to_owned(),
        bytes: body.len() as u64,
    });
    menu.updated_at = state.now();
    let saved = state.ports.richmenus.save_menu(&menu).await?;
    Ok(Json(view(&state, saved).await?))
}

/// Publishes the menu's current version to LINE (admin): LINE gets a new rich menu
/// with the image, the menu's alias (what tabs switch to) points at it, friends who
/// had the previous publication are moved to it in the background (a relink job),
/// and if it is the channel's default it becomes LINE's default. 409 without an
/// image.
#[utoipa::path(post, path = "/admin/channels/{channel_id}/richmenus/{menu_id}/publish", tag = "rich menus",
    params(("channel_id" = String, Path), ("menu_id" = String, Path)),
    responses((status = 200, body = RichMenuView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, description = "LINE refused the menu", body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn publish_menu(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel_id, menu_id)): Path<(String, String)>,
) -> ApiResult<Json<RichMenuView>> {
    let channel = channel_for(&state, &caller, &channel_id, true).await?;
    let mut menu = menu_of(&state, &channel, &menu_id).await?;
    if menu.is_published() {
        return Ok(Json(view(&state, menu).await?));
    }
    let Some(image) = &menu.image else {
        return Err(ApiError::Conflict(
            "upload the menu's image before publishing it".into(),
        ));
    };
    let bytes =
        state.ports.media.get(&image.key).await?.ok_or_else(|| {
            ApiError::Conflict("the menu's image is missing; upload it again".into())
        })?;
    let line = &state.ports.menu_line;
    let line_id = line
        .publish(&channel, &menu, &bytes.body, &image.content_type)
        .await
        .map_err(upstream)?;
    let previous = menu.published.as_ref().map(|p| p.line_id.clone());
    let rules = state
        .ports
        .richmenus
        .rules(&channel.org_id, &channel.id)
        .await?;
    if rules.default.as_ref() == Some(&menu.id) {
        line.set_default(&channel, Some(&line_id))
            .await
            .map_err(upstream)?;
    }
    // Publishing is not an edit: the save moves the version on by one, and the
    // publication names that version, so the menu reads as published.
    menu.published = Some(Published {
        line_id,
        version: menu.version + 1,
        at: state.now(),
    });
    let saved = state.ports.richmenus.save_menu(&menu).await?;
    if let Some(previous) = previous {
        // Friends linked to the old publication move to the new one in the
        // background; the old one is deleted when none is left on it.
        let mut job = RelinkJob::new(
            channel.org_id.clone(),
            channel.id.clone(),
            rules.version,
            state.now(),
        );
        job.refresh = Some(saved.id.clone());
        job.retire_line_id = Some(previous);
        start_relink(&state, job).await?;
    }
    tracing::info!(org = %caller.org, channel = %channel.id, menu = %saved.id, "rich menu published");
    Ok(Json(view(&state, saved).await?))
}

/// The channel's menu rules and the job re-linking its friends, if one runs.
#[derive(Debug, Serialize, ToSchema)]
pub struct MenuRulesView {
    #[serde(flatten)]
    pub rules: MenuRules,
    /// The newest relink job (running, done or superseded).
    pub relink: Option<RelinkJob>,
}

/// The channel's menu rules (any role).
#[utoipa::path(get, path = "/admin/channels/{channel_id}/menu-rules", tag = "rich menus",
    params(("channel_id" = String, Path)),
    responses((status = 200, body = MenuRulesView), (status = 404, body = ErrorBody)))]
pub async fn get_menu_rules(
    State(state): State<AppState>,
    caller: Caller,
    Path(channel_id): Path<String>,
) -> ApiResult<Json<MenuRulesView>> {
    let channel = channel_for(&state, &caller, &channel_id, false).await?;
    let rules = state
        .ports
        .richmenus
        .rules(&channel.org_id, &channel.id)
        .await?;
    let relink = state
        .ports
        .richmenus
        .relink_jobs(&channel.org_id, &channel.id, 1)
        .await?
        .into_iter()
        .next();
    Ok(Json(MenuRulesView { rules, relink }))
}

/// New menu rules.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MenuRulesInput {
    /// In order: the first rule a friend matches decides their menu (at most 50).
    pub rules: Vec<MenuRule>,
    /// Who matches no rule sees this menu; none shows no menu.
    pub default: Option<RichMenuId>,
    /// The version read (0 when never saved); a concurrent change is a 409.
    pub version: u64,
}

fn rules_of(channel: &Channel, body: MenuRulesInput) -> MenuRules {
    MenuRules {
        org: channel.org_id.clone(),
        channel: channel.id.clone(),
        rules: body.rules,
        default: body.default,
        updated_at: None,
        version: body.version,
    }
}

/// Checks rules against the channel's menus; every menu they name must be published.
fn check_rules(rules: &MenuRules, menus: &[RichMenu]) -> ApiResult<()> {
    let known: BTreeSet<RichMenuId> = menus.iter().map(|m| m.id.clone()).collect();
    rules
        .check(&known)
        .map_err(|e| ApiError::invalid("rules", e.to_string()))?;
    for (i, rule) in rules.rules.iter().enumerate() {
        if rule.name.trim().is_empty() || rule.name.chars().count() > 100 {
            return Err(ApiError::invalid(
                format!("rules[{i}].name"),
                "must be 1 to 100 characters",
            ));
        }
    }
    let unpublished: Vec<String> = menus
        .iter()
        .filter(|m| rules.menus().contains(&m.id) && m.published.is_none())
        .map(|m| m.name.clone())
        .collect();
    if !unpublished.is_empty() {
        return Err(ApiError::Conflict(format!(
            "publish these menus first: {}",
            unpublished.join(", ")
        )));
    }
    Ok(())
}

/// Replaces the channel's menu rules (admin): LINE's default menu is set, and a
/// background job re-links every friend whose menu changes (202, with the job:
/// follow its progress in `relink`).
#[utoipa::path(put, path = "/admin/channels/{channel_id}/menu-rules", tag = "rich menus",
    params(("channel_id" = String, Path)), request_body = MenuRulesInput,
    responses((status = 202, body = MenuRulesView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn put_menu_rules(
    State(state): State<AppState>,
    caller: Caller,
    Path(channel_id): Path<String>,
    ApiJson(body): ApiJson<MenuRulesInput>,
) -> ApiResult<(StatusCode, Json<MenuRulesView>)> {
    let channel = channel_for(&state, &caller, &channel_id, true).await?;
    let menus = state
        .ports
        .richmenus
        .menus(&channel.org_id, &channel.id)
        .await?;
    let mut rules = rules_of(&channel, body);
    check_rules(&rules, &menus)?;
    let now = state.now();
    rules.updated_at = Some(now);
    let default_line_id = rules.default.as_ref().and_then(|d| {
        menus
            .iter()
            .find(|m| m.id == *d)
            .and_then(|m| m.published.as_ref().map(|p| p.line_id.clone()))
    });
    // LINE first: if it fails, nothing is saved and the same request can be sent
    // again (saving first would make the retry a version conflict).
    state
        .ports
        .menu_line
        .set_default(&channel, default_line_id.as_deref())
        .await
        .map_err(upstream)?;
    let saved = state.ports.richmenus.save_rules(&rules).await?;
    let mut job = RelinkJob::new(
        channel.org_id.clone(),
        channel.id.clone(),
        saved.version,
        now,
    );
    // A republished menu's move still to finish goes on under the new rules.
    if let Some(running) = state
        .ports
        .richmenus
        .relink_jobs(&channel.org_id, &channel.id, 1)
        .await?
        .into_iter()
        .find(|j| j.status == RelinkStatus::Running)
    {
        job.refresh = running.refresh;
        job.retire_line_id = running.retire_line_id;
    }
    let job = start_relink(&state, job).await?;
    tracing::info!(org = %caller.org, channel = %channel.id, job = job.id, "menu rules saved; relinking");
    Ok((
        StatusCode::ACCEPTED,
        Json(MenuRulesView {
            rules: saved,
            relink: Some(job),
        }),
    ))
}

/// Saves `job` and queues it for the menu worker.
async fn start_relink(state: &AppState, job: RelinkJob) -> ApiResult<RelinkJob> {
    let job = state.ports.richmenus.save_relink_job(&job).await?;
    state
        .ports
        .menu_jobs
        .send(&otodoke_automation::relink_message(&job))
        .await
        .map_err(ApiError::internal)?;
    Ok(job)
}

/// How many friends would get each menu under some rules.
#[derive(Debug, Serialize, ToSchema)]
pub struct MenuRulesPreview {
    /// Friends per menu id (the default's count included under its id).
    pub menus: BTreeMap<String, u64>,
    /// Friends who would see no menu (no rule matched and there is no default).
    pub no_menu: u64,
    /// Friends following the channel that were counted.
    pub examined: u64,
    /// Whether every friend was counted (`false`: the first 20,000).
    pub complete: bool,
}

/// Counts who would get which menu under `rules` (any role; nothing is saved).
#[utoipa::path(post, path = "/admin/channels/{channel_id}/menu-rules/preview", tag = "rich menus",
    params(("channel_id" = String, Path)), request_body = MenuRulesInput,
    responses((status = 200, body = MenuRulesPreview), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn preview_menu_rules(
    State(state): State<AppState>,
    caller: Caller,
    Path(channel_id): Path<String>,
    ApiJson(body): ApiJson<MenuRulesInput>,
) -> ApiResult<Json<MenuRulesPreview>> {
    let channel = channel_for(&state, &caller, &channel_id, false).await?;
    let menus = state
        .ports
        .richmenus
        .menus(&channel.org_id, &channel.id)
        .await?;
    let rules = rules_of(&channel, body);
    let known: BTreeSet<RichMenuId> = menus.iter().map(|m| m.id.clone()).collect();
    rules
        .check(&known)
        .map_err(|e| ApiError::invalid("rules", e.to_string()))?;
    let counts = state
        .automator()
        .count_menus(&channel, &rules, PREVIEW_AT_MOST, state.now())
        .await?;
    let out = MenuRulesPreview {
        menus: counts
            .menus
            .into_iter()
            .map(|(menu, n)| (menu.to_string(), n))
            .collect(),
        no_menu: counts.no_menu,
        examined: counts.examined,
        complete: counts.complete,
    };
    Ok(Json(out))
}

/// A relink job (any role).
#[utoipa::path(get, path = "/admin/channels/{channel_id}/relink-jobs/{job_id}", tag = "rich menus",
    params(("channel_id" = String, Path), ("job_id" = String, Path)),
    responses((status = 200, body = RelinkJob), (status = 404, body = ErrorBody)))]
pub async fn get_relink_job(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel_id, job_id)): Path<(String, String)>,
) -> ApiResult<Json<RelinkJob>> {
    let channel = channel_for(&state, &caller, &channel_id, false).await?;
    let job = state
        .ports
        .richmenus
        .relink_job(&channel.org_id, &job_id)
        .await?
        .filter(|j| j.channel == channel.id)
        .ok_or(ApiError::NotFound)?;
    Ok(Json(job))
}

/// A LINE failure of a menu call, as the caller sees it (502; LINE's words are
/// logged, a 400's reason is shown because it is about the caller's menu).
fn upstream(error: otodoke_automation::MenuFailure) -> ApiError {
    tracing::warn!(%error, "LINE refused a rich menu call");
    match error {
        otodoke_automation::MenuFailure::Line(otodoke_line::LineError::BadRequest {
            message,
            ..
        }) => ApiError::Invalid {
            message: format!("LINE refused the menu: {message}"),
            details: vec![FieldError {
                field: "menu".into(),
                message,
            }],
        },
        _ => ApiError::Upstream("LINE could not be reached or refused the call; try again".into()),
    }
}
