//! Automations (when a customer does X, otodoke does Y) and the record of their
//! runs: per automation, and on a friend's timeline.
//!
//! Automations belong to the organization and act on every store's customers, so
//! changing them needs admin over the whole organization (staff limited to some
//! stores read them but cannot change them); their runs name customers, so the
//! per-automation list is for whole-organization staff and a friend's timeline
//! follows the friend's scope.

use super::{access, campaigns::validate_messages, PageQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use otodoke_core::automation::{AutoAction, Automation, AutomationRun, Trigger, MAX_AUTOMATIONS};
use otodoke_core::organization::Role;
use otodoke_core::{AutomationId, ChannelId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct AutomationList {
    /// In the order they were created (which is the order they run in).
    pub items: Vec<Automation>,
}

/// An automation's content, to create one or replace one's content.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AutomationInput {
    /// 1–100 characters.
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[serde(default = "enabled")]
    pub enabled: bool,
    /// Only this channel's events fire it (absent: every channel).
    #[serde(default)]
    pub channel: Option<ChannelId>,
    pub trigger: Trigger,
    /// 1–20 actions (`MAX_ACTIONS`), done in order.
    #[schema(min_items = 1, max_items = 20)]
    pub actions: Vec<AutoAction>,
    /// For an edit: the version read (a concurrent edit is a 409).
    #[serde(default)]
    pub version: Option<u64>,
}

fn enabled() -> bool {
    true
}

/// A page of runs, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AutomationRunPage {
    pub items: Vec<AutomationRun>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Changing automations: admin over the whole organization.
async fn require_writer(state: &AppState, caller: &Caller) -> ApiResult<()> {
    let (_, scope) = access::scope(state, caller).await?;
    caller.require(Role::Admin)?;
    if !scope.is_all() {
        return Err(ApiError::Forbidden);
    }
    Ok(())
}

/// Checks what the automation names exists in the organization, and its messages
/// as LINE would.
async fn check(state: &AppState, caller: &Caller, a: &Automation) -> ApiResult<()> {
    a.check()
        .map_err(|e| ApiError::invalid("automation", e.to_string()))?;
    if let Some(channel) = &a.channel {
        access::channel(state, caller, channel.as_str())
            .await
            .map_err(|_| ApiError::invalid("channel", "not a channel of this organization"))?;
    }
    for (i, action) in a.actions.iter().enumerate() {
        let field = format!("actions[{i}]");
        match action {
            AutoAction::Send { messages, .. } => {
                validate_messages(&format!("{field}.messages"), messages, None).map_err(|e| {
                    ApiError::Invalid {
                        message: e.message.clone(),
                        details: vec![e],
                    }
                })?
            }
            AutoAction::StartSequence { campaign } | AutoAction::StopSequence { campaign } => {
                access::campaign(state, caller, campaign.as_str())
                    .await
                    .map_err(|_| {
                        ApiError::invalid(format!("{field}.campaign"), "no such step sequence")
                    })?;
            }
            AutoAction::AssignStore { store: Some(store) } => {
                access::store(state, caller, store.as_str())
                    .await
                    .map_err(|_| ApiError::invalid(format!("{field}.store"), "no such store"))?;
            }
            AutoAction::AssignStaff { staff: Some(staff) } => {
                let found = state.ports.orgs.staff(&caller.org, staff).await?;
                exists(found.is_some(), &field, "staff", "no such staff member")?;
            }
            AutoAction::SwitchMenu { menu: Some(menu) } => {
                let found = state.ports.richmenus.menu(&caller.org, menu).await?;
                exists(found.is_some(), &field, "menu", "no such rich menu")?;
            }
            AutoAction::Run { automation } => {
                if *automation == a.id {
                    return Err(ApiError::invalid(
                        format!("{field}.automation"),
                        "an automation cannot run itself",
                    ));
                }
                if state
                    .ports
                    .automations
                    .automation(&caller.org, automation)
                    .await?
                    .is_none()
                {
                    return Err(ApiError::invalid(
                        format!("{field}.automation"),
                        "no such automation",
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A 422 on `<field>.<part>` unless `found`.
fn exists(found: bool, field: &str, part: &str, message: &str) -> ApiResult<()> {
    if found {
        Ok(())
    } else {
        Err(ApiError::invalid(format!("{field}.{part}"), message))
    }
}

async fn automation_of(state: &AppState, caller: &Caller, id: &str) -> ApiResult<Automation> {
    let id = AutomationId::new(id).map_err(|_| ApiError::NotFound)?;
    state
        .ports
        .automations
        .automation(&caller.org, &id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The organization's automations (any role).
#[utoipa::path(get, path = "/admin/automations", tag = "automations",
    responses((status = 200, body = AutomationList)))]
pub async fn list_automations(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<AutomationList>> {
    let items = state.ports.automations.automations(&caller.org).await?;
    Ok(Json(AutomationList { items }))
}

/// Creates an automation (admin of the whole organization).
#[utoipa::path(post, path = "/admin/automations", tag = "automations",
    request_body = AutomationInput,
    responses((status = 201, body = Automation), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_automation(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<AutomationInput>,
) -> ApiResult<(StatusCode, Json<Automation>)> {
    require_writer(&state, &caller).await?;
    let existing = state.ports.automations.automations(&caller.org).await?;
    if existing.len() >= MAX_AUTOMATIONS {
        return Err(ApiError::Conflict(format!(
            "an organization has at most {MAX_AUTOMATIONS} automations"
        )));
    }
    let automation = Automation {
        org: caller.org.clone(),
        id: AutomationId::new(ulid::Ulid::new().to_string()).expect("a ULID is a valid id"),
        name: body.name,
        enabled: body.enabled,
        channel: body.channel,
        trigger: body.trigger,
        actions: body.actions,
        updated_at: state.now(),
        version: 0,
    };
    check(&state, &caller, &automation).await?;
    let saved = state.ports.automations.save_automation(&automation).await?;
    tracing::info!(org = %caller.org, automation = %saved.id, "automation created");
    Ok((StatusCode::CREATED, Json(saved)))
}

/// One automation (any role).
#[utoipa::path(get, path = "/admin/automations/{automation_id}", tag = "automations",
    params(("automation_id" = String, Path)),
    responses((status = 200, body = Automation), (status = 404, body = ErrorBody)))]
pub async fn get_automation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Automation>> {
    Ok(Json(automation_of(&state, &caller, &id).await?))
}

/// Replaces an automation's content (admin of the whole organization).
#[utoipa::path(put, path = "/admin/automations/{automation_id}", tag = "automations",
    params(("automation_id" = String, Path)), request_body = AutomationInput,
    responses((status = 200, body = Automation), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update_automation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AutomationInput>,
) -> ApiResult<Json<Automation>> {
    let mut automation = automation_of(&state, &caller, &id).await?;
    require_writer(&state, &caller).await?;
    if body.version.is_some_and(|v| v != automation.version) {
        return Err(ApiError::Conflict(
            "the automation changed meanwhile; re-read and retry".into(),
        ));
    }
    automation.name = body.name;
    automation.enabled = body.enabled;
    automation.channel = body.channel;
    automation.trigger = body.trigger;
    automation.actions = body.actions;
    automation.updated_at = state.now();
    check(&state, &caller, &automation).await?;
    Ok(Json(
        state.ports.automations.save_automation(&automation).await?,
    ))
}

/// Deletes an automation (admin of the whole organization); its runs stay on the
/// friends' timelines. Refused (409) while a rich menu area or another automation
/// names it.
#[utoipa::path(delete, path = "/admin/automations/{automation_id}", tag = "automations",
    params(("automation_id" = String, Path)),
    responses((status = 204, description = "deleted"), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete_automation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let automation = automation_of(&state, &caller, &id).await?;
    require_writer(&state, &caller).await?;
    let others = state.ports.automations.automations(&caller.org).await?;
    if others.iter().any(|o| {
        o.actions
            .iter()
            .any(|a| matches!(a, AutoAction::Run { automation: r } if *r == automation.id))
    }) {
        return Err(ApiError::Conflict(
            "another automation runs this one; change it first".into(),
        ));
    }
    for channel in state.ports.orgs.channels(&caller.org).await? {
        let menus = state
            .ports
            .richmenus
            .menus(&caller.org, &channel.id)
            .await?;
        let tapped = menus.iter().any(|m| {
            m.areas.iter().any(|area| {
                matches!(&area.action, otodoke_core::richmenu::MenuAction::Automation { automation: a, .. } if *a == automation.id)
            })
        });
        if tapped {
            return Err(ApiError::Conflict(
                "a rich menu area runs this automation; change the menu first".into(),
            ));
        }
    }
    state
        .ports
        .automations
        .delete_automation(&caller.org, &automation.id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The runs an automation took part in, newest first (whole-organization staff).
#[utoipa::path(get, path = "/admin/automations/{automation_id}/runs", tag = "automations",
    params(("automation_id" = String, Path), PageQuery),
    responses((status = 200, body = AutomationRunPage), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn automation_runs(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<AutomationRunPage>> {
    let automation = automation_of(&state, &caller, &id).await?;
    let (_, scope) = access::scope(&state, &caller).await?;
    if !scope.is_all() {
        return Err(ApiError::Forbidden);
    }
    let page = state
        .ports
        .automations
        .runs_for_automation(&caller.org, &automation.id, query.request()?)
        .await?;
    Ok(Json(AutomationRunPage {
        items: page.items,
        next_cursor: page.next.map(|c| c.0),
    }))
}

/// A friend's automation runs, newest first (their timeline; the friend's scope).
#[utoipa::path(get, path = "/admin/friends/{provider}/{user_id}/automation-runs", tag = "automations",
    params(("provider" = String, Path), ("user_id" = String, Path), PageQuery),
    responses((status = 200, body = AutomationRunPage), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn friend_runs(
    State(state): State<AppState>,
    caller: Caller,
    Path((provider, user)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<AutomationRunPage>> {
    let (friend, _) = access::friend(&state, &caller, &provider, &user).await?;
    let page = state
        .ports
        .automations
        .runs_for_friend(&friend.key, query.request()?)
        .await?;
    Ok(Json(AutomationRunPage {
        items: page.items,
        next_cursor: page.next.map(|c| c.0),
    }))
}
