//! Campaigns: create (messages validated as LINE would), list, get with progress,
//! and the lifecycle (schedule, send now, pause, resume, cancel).
//!
//! The audience is matched by the broadcast engine (`otodoke-broadcast`). "Send
//! now" and "resume" move the campaign to running themselves (a conditional
//! transition, so they never race the scheduler into starting it twice) and
//! enqueue a `PlanningRequest` for the planner, which continues from its checkpoint.

use super::{access, PageQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::{ApiJson, ApiQuery};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use otodoke_broadcast::audience::{AudienceScan, ScanPosition};
use otodoke_broadcast::PlanningRequest;
use otodoke_core::campaign::{
    check_line_targeting, Audience, Campaign, CampaignStatus, Progress, Schedule, SenderIdentity,
};
use otodoke_core::demographic::{LineDemographics, NarrowcastState};
use otodoke_core::organization::Role;
use otodoke_core::ports::QueueMessage;
use otodoke_core::quota::{QuotaKey, QuotaMonth};
use otodoke_core::StoreError;
use otodoke_core::{CampaignId, StoreId};
use otodoke_line::ValidationError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A page of campaigns, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignPage {
    /// `otodoke_core::campaign::Campaign` records (status and progress included).
    pub items: Vec<Campaign>,
    pub next_cursor: Option<String>,
}

/// The sender shown on the campaign's messages.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SenderInput {
    /// At most 20 characters, without "LINE".
    pub name: String,
    /// An https URL of a square PNG.
    pub icon_url: Option<String>,
}

/// A new campaign (created as a draft).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCampaign {
    pub name: String,
    pub channel_id: String,
    /// 1 to 5 LINE message objects.
    #[schema(value_type = Vec<otodoke_autoreply::openapi::LineMessageObject>)]
    pub messages: Vec<serde_json::Value>,
    pub sender: Option<SenderInput>,
    /// Rewrite the messages' URLs (every step's too) to otodoke's tracked links,
    /// counting clicks per friend (per link for a narrowcast). A multicast
    /// campaign with it on is sent by one push per recipient. Default false.
    #[serde(default)]
    pub track_links: bool,
    /// Tags all/any/none, genders, age range, prefectures, followed since, stores.
    #[serde(default)]
    pub audience: Audience,
    /// LINE's own demographic targeting: the campaign is sent as one narrowcast to
    /// the channel's friends LINE estimates to match, and LINE decides the reach.
    /// With otodoke's own filters in `audience`, their friends are uploaded to LINE
    /// as an audience group and the narrowcast goes to those LINE estimates to
    /// match. Needs a one-off schedule (now or at a time).
    pub line_demographics: Option<LineDemographics>,
    /// `{"kind": "now"}`, `{"kind": "at", "at": "..."}` or
    /// `{"kind": "sequence", "steps": [{offset_days, at_local_time, messages}]}`.
    pub schedule: Schedule,
}

/// Checks `messages` as LINE would, with the sender applied to each; errors name
/// the field under `prefix`.
pub(crate) fn validate_messages(
    prefix: &str,
    messages: &[serde_json::Value],
    sender: Option<&SenderInput>,
) -> Result<(), FieldError> {
    let mut parsed = Vec::with_capacity(messages.len());
    for (i, raw) in messages.iter().enumerate() {
        let mut m: otodoke_line::Message =
            serde_json::from_value(raw.clone()).map_err(|e| FieldError {
                field: format!("{prefix}[{i}]"),
                message: format!("not a LINE message object: {e}"),
            })?;
        if let Some(s) = sender {
            m.sender = Some(otodoke_line::Sender {
                name: Some(s.name.clone()),
                icon_url: s.icon_url.clone(),
            });
        }
        parsed.push(m);
    }
    otodoke_line::validate_messages(&parsed).map_err(|e| {
        let field = match &e {
            ValidationError::MessageCount { .. } => prefix.to_owned(),
            ValidationError::EmptyText { index } | ValidationError::TextTooLong { index, .. } => {
                format!("{prefix}[{index}].text")
            }
            ValidationError::AltTextTooLong { index, .. } => format!("{prefix}[{index}].altText"),
            ValidationError::TooManyQuickReplyItems { index, .. } => {
                format!("{prefix}[{index}].quickReply")
            }
            ValidationError::SenderNameTooLong { .. }
            | ValidationError::SenderNameContainsLine { .. } => "sender.name".into(),
            ValidationError::SenderIconNotHttps { .. } => "sender.icon_url".into(),
            _ => prefix.to_owned(),
        };
        FieldError {
            field,
            message: e.to_string(),
        }
    })
}

fn invalid(details: Vec<FieldError>) -> ApiError {
    ApiError::Invalid {
        message: "the request has invalid fields".into(),
        details,
    }
}

/// What a valid campaign body amounts to: the checked channel and audience with
/// the rest of the body.
struct Checked {
    channel: otodoke_core::organization::Channel,
    name: String,
    messages: Vec<serde_json::Value>,
    sender: Option<SenderIdentity>,
    track_links: bool,
    audience: Audience,
    schedule: Schedule,
}

/// Checks a campaign body as a draft must be (the same rules for a new draft and
/// an edited one): a name, a channel the caller may see, messages LINE would take,
/// a sequence with steps, an age range that is one, stores of the caller's scope
/// (only unrestricted staff may target the whole organization), and LINE's
/// demographic targeting only where it can apply. Every failure is listed (422).
async fn check_body(state: &AppState, caller: &Caller, body: CreateCampaign) -> ApiResult<Checked> {
    let (stores, scope) = access::scope(state, caller).await?;
    let mut details = Vec::new();
    if body.name.trim().is_empty() {
        details.push(FieldError {
            field: "name".into(),
            message: "must not be empty".into(),
        });
    }
    let channel = match access::channel(state, caller, &body.channel_id).await {
        Ok((c, _)) => Some(c),
        Err(ApiError::NotFound) => {
            details.push(FieldError {
                field: "channel_id".into(),
                message: "no such channel".into(),
            });
            None
        }
        Err(e) => return Err(e),
    };
    if let Err(e) = validate_messages("messages", &body.messages, body.sender.as_ref()) {
        details.push(e);
    }
    if let Schedule::Sequence { steps } = &body.schedule {
        if steps.is_empty() {
            details.push(FieldError {
                field: "schedule.steps".into(),
                message: "a sequence needs at least one step".into(),
            });
        }
        for (i, step) in steps.iter().enumerate() {
            let prefix = format!("schedule.steps[{i}].messages");
            if let Err(e) = validate_messages(&prefix, &step.messages, body.sender.as_ref()) {
                details.push(e);
            }
        }
    }
    if let (Some(min), Some(max)) = (body.audience.age_min, body.audience.age_max) {
        if min > max {
            details.push(FieldError {
                field: "audience.age_min".into(),
                message: "must not exceed age_max".into(),
            });
        }
    }
    let unknown: Vec<&StoreId> = body
        .audience
        .stores
        .iter()
        .filter(|s| !stores.iter().any(|st| &st.id == *s) || !scope.contains(s))
        .collect();
    if !unknown.is_empty() {
        details.push(FieldError {
            field: "audience.stores".into(),
            message: format!("no such store: {}", unknown[0]),
        });
    } else if body.audience.stores.is_empty() && !scope.is_all() {
        details.push(FieldError {
            field: "audience.stores".into(),
            message: "name the stores to send to (your account is limited to some stores)".into(),
        });
    }
    let mut audience = body.audience;
    if audience.line_demographics.is_some() {
        details.push(FieldError {
            field: "audience.line_demographics".into(),
            message: "give LINE's demographic filter as line_demographics".into(),
        });
    }
    audience.line_demographics = body.line_demographics;
    if let Err(e) = check_line_targeting(&audience, &body.schedule) {
        details.push(FieldError {
            field: e.field(),
            message: e.to_string(),
        });
    }
    if !details.is_empty() {
        return Err(invalid(details));
    }
    Ok(Checked {
        channel: channel.expect("a missing channel was reported above"),
        name: body.name,
        messages: body.messages,
        sender: body.sender.map(|s| SenderIdentity {
            name: s.name,
            icon_url: s.icon_url,
        }),
        track_links: body.track_links,
        audience,
        schedule: body.schedule,
    })
}

impl Checked {
    /// Puts the checked content in `campaign` (a draft's editable part).
    fn write_into(self, campaign: &mut Campaign) {
        campaign.channel_id = self.channel.id;
        campaign.name = self.name;
        campaign.messages = self.messages;
        campaign.sender = self.sender;
        campaign.track_links = self.track_links;
        campaign.audience = self.audience;
        campaign.schedule = self.schedule;
    }
}

/// A new draft of the caller's organization with checked content, created now.
fn new_draft(state: &AppState, caller: &Caller, content: Checked) -> Campaign {
    let now = state.now();
    let mut draft = Campaign {
        id: CampaignId::new(ulid::Ulid::new().to_string()).expect("a ULID is a valid id"),
        org_id: caller.org.clone(),
        channel_id: content.channel.id.clone(),
        name: String::new(),
        messages: Vec::new(),
        sender: None,
        track_links: false,
        audience: Audience::default(),
        schedule: Schedule::Now,
        status: CampaignStatus::Draft,
        progress: Progress::default(),
        created_by: caller.staff.clone(),
        created_at: now,
        updated_at: now,
        version: 0,
    };
    content.write_into(&mut draft);
    draft
}

/// Creates a draft campaign (operator). Staff limited to some stores must target
/// stores of their scope; only unrestricted staff may target the whole organization.
#[utoipa::path(post, path = "/admin/campaigns", tag = "campaigns", request_body = CreateCampaign,
    responses((status = 201, body = Campaign),
        (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody)))]
pub async fn create_campaign(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<CreateCampaign>,
) -> ApiResult<(StatusCode, Json<Campaign>)> {
    caller.require(Role::Operator)?;
    let content = check_body(&state, &caller, body).await?;
    let campaign = new_draft(&state, &caller, content);
    state.ports.campaigns.create(&campaign).await?;
    tracing::info!(campaign = %campaign.id, org = %campaign.org_id, "campaign created");
    Ok((StatusCode::CREATED, Json(campaign)))
}

/// The version of a draft an edit was made on (`If-Match`-style, in the query so
/// the body stays the create body).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct EditQuery {
    /// The `version` read; when given and the draft changed since, 409.
    pub version: Option<u64>,
}

/// Replaces a draft's content (operator): the same body and rules as creating one.
/// Only a draft can be edited (409 once scheduled or sent: cancel and duplicate it
/// instead); a stale `version` is 409.
#[utoipa::path(put, path = "/admin/campaigns/{campaign_id}", tag = "campaigns",
    params(("campaign_id" = String, Path), EditQuery), request_body = CreateCampaign,
    responses((status = 200, body = Campaign), (status = 404, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
        (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody)))]
pub async fn edit_campaign(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<EditQuery>,
    ApiJson(body): ApiJson<CreateCampaign>,
) -> ApiResult<Json<Campaign>> {
    let stored = for_change(&state, &caller, &id).await?;
    require_draft(&stored, "edited")?;
    if query.version.is_some_and(|v| v != stored.version) {
        return Err(ApiError::Conflict(
            "the draft was changed meanwhile; re-read and retry".into(),
        ));
    }
    let content = check_body(&state, &caller, body).await?;
    let mut edited = Campaign {
        updated_at: state.now(),
        ..stored
    };
    content.write_into(&mut edited);
    let saved = match state.ports.campaigns.save_draft(&edited).await {
        Ok(saved) => saved,
        Err(StoreError::Conflict) => {
            return Err(ApiError::Conflict(
                "the draft was changed, scheduled or sent meanwhile; re-read it".into(),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!(campaign = %saved.id, "draft edited");
    Ok(Json(saved))
}

/// A new draft with a copy of a campaign's content (operator), whatever the
/// original's status: how a sent campaign is sent again, or a variant drafted.
/// The copy is named "<name> (コピー)" and checked as a new draft would be (its
/// stores must still be in the caller's scope).
#[utoipa::path(post, path = "/admin/campaigns/{campaign_id}/duplicate", tag = "campaigns",
    params(("campaign_id" = String, Path)),
    responses((status = 201, body = Campaign), (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody),
        (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody)))]
pub async fn duplicate_campaign(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<Campaign>)> {
    let original = for_change(&state, &caller, &id).await?;
    let mut audience = original.audience.clone();
    let line_demographics = audience.line_demographics.take();
    let body = CreateCampaign {
        name: copy_name(&original.name),
        channel_id: original.channel_id.to_string(),
        messages: original.messages.clone(),
        sender: original.sender.clone().map(|s| SenderInput {
            name: s.name,
            icon_url: s.icon_url,
        }),
        track_links: original.track_links,
        audience,
        line_demographics,
        schedule: original.schedule.clone(),
    };
    let content = check_body(&state, &caller, body).await?;
    let copy = new_draft(&state, &caller, content);
    state.ports.campaigns.create(&copy).await?;
    tracing::info!(campaign = %copy.id, from = %original.id, "campaign duplicated");
    Ok((StatusCode::CREATED, Json(copy)))
}

/// The name of a copy: the original's with " (コピー)", cut to stay a name.
fn copy_name(name: &str) -> String {
    const SUFFIX: &str = " (コピー)";
    const MAX_CHARS: usize = 100;
    let keep = MAX_CHARS.saturating_sub(SUFFIX.chars().count());
    let base: String = name.chars().take(keep).collect();
    format!("{base}{SUFFIX}")
}

/// Deletes a draft (operator); 409 for a campaign that was scheduled or sent (its
/// progress is history: cancel it instead).
#[utoipa::path(delete, path = "/admin/campaigns/{campaign_id}", tag = "campaigns",
    params(("campaign_id" = String, Path)),
    responses((status = 204, description = "deleted"), (status = 404, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody),
        (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody)))]
pub async fn delete_campaign(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let campaign = for_change(&state, &caller, &id).await?;
    require_draft(&campaign, "deleted")?;
    match state.ports.campaigns.delete_draft(&campaign.id).await {
        Ok(true) => {
            tracing::info!(campaign = %campaign.id, "draft deleted");
            Ok(StatusCode::NO_CONTENT)
        }
        Ok(false) => Err(ApiError::NotFound),
        Err(StoreError::Conflict) => Err(ApiError::Conflict(
            "the campaign is no longer a draft; re-read it".into(),
        )),
        Err(e) => Err(e.into()),
    }
}

/// 409 unless `campaign` is a draft.
fn require_draft(campaign: &Campaign, what: &str) -> ApiResult<()> {
    if campaign.status == CampaignStatus::Draft {
        return Ok(());
    }
    Err(ApiError::Conflict(format!(
        "only a draft can be {what}; this campaign is {}",
        status_name(campaign.status)
    )))
}

/// The campaigns the caller may see, newest first.
#[utoipa::path(get, path = "/admin/campaigns", tag = "campaigns", params(PageQuery),
    responses((status = 200, body = CampaignPage)))]
pub async fn list_campaigns(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<CampaignPage>> {
    let (_, scope) = access::scope(&state, &caller).await?;
    let page = state
        .ports
        .campaigns
        .by_org(&caller.org, query.request()?)
        .await?;
    Ok(Json(CampaignPage {
        items: page
            .items
            .into_iter()
            .filter(|c| access::campaign_visible(&scope, c))
            .collect(),
        next_cursor: page.next.map(|c| c.0),
    }))
}

/// A campaign as `GET` shows it: the record, and for a campaign targeted by
/// LINE's demographics what LINE reported of its narrowcast.
#[derive(Debug, Serialize)]
pub struct CampaignView {
    #[serde(flatten)]
    pub campaign: Campaign,
    /// LINE's request id, phase (`waiting`, `sending`, `succeeded`, `failed`),
    /// target, success and failure counts, and its reason when it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narrowcast: Option<NarrowcastState>,
}

/// One campaign with its status and progress counters (planned, sent, failed,
/// skipped), and LINE's report of its narrowcast when it targets by LINE's
/// demographics (`narrowcast`: phase, counts, reason of a failure).
#[utoipa::path(get, path = "/admin/campaigns/{campaign_id}", tag = "campaigns",
    params(("campaign_id" = String, Path)),
    responses((status = 200, body = Campaign), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_campaign(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<CampaignView>> {
    let campaign = access::campaign(&state, &caller, &id).await?;
    let narrowcast = match campaign.audience.line_demographics {
        Some(_) => {
            state
                .ports
                .campaigns
                .checkpoint(&campaign.id)
                .await?
                .narrowcast
        }
        None => None,
    };
    Ok(Json(CampaignView {
        campaign,
        narrowcast,
    }))
}

/// What sending a campaign now would take.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateView {
    /// Friends the campaign would reach now (blocked friends excluded).
    pub audience: u64,
    /// Messages it would count against the monthly quota (one per recipient).
    pub quota_needed: u64,
    /// The channel plan's monthly limit; absent when unlimited.
    pub quota_limit: Option<u64>,
    /// Used plus reserved this JST month.
    pub quota_used: u64,
    /// What is left this month; absent when unlimited.
    pub quota_left: Option<u64>,
    /// Whether the whole audience fits in what is left.
    pub fits: bool,
    /// Present when the campaign targets by LINE's demographics: LINE's estimate
    /// decides who receives it, so `audience` and `quota_needed` are only the
    /// most it can reach (every friend following the channel), and the final
    /// count is LINE's, known after sending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_estimate: Option<String>,
}

/// The wording of [`EstimateView::line_estimate`] for an upper bound of `audience`:
/// the channel's followers, or the friends of otodoke's own filters when the
/// campaign has some (they are uploaded to LINE as an audience group).
fn line_estimate_note(audience: u64, own_filters: bool) -> String {
    let within = if own_filters {
        "friends of this audience, uploaded to LINE as an audience group"
    } else {
        "friends who follow the channel"
    };
    format!(
        "LINE's demographic estimate decides the reach: at most {audience} {within}. LINE \
         reports how many received it after sending; the quota for that many is reserved \
         before sending (never more than is left this month) and settled with LINE's count."
    )
}

/// Friends read per storage page while counting.
const ESTIMATE_PAGE: u32 = 1_000;

/// The audience size and the quota it would use against what is left this month.
///
/// The audience is matched by the broadcast engine's `AudienceScan` (the filter
/// the planner sends with). Cost: reads the whole audience page by page, one page
/// in memory at a time (about one DynamoDB query per 1,000 friends).
#[utoipa::path(post, path = "/admin/campaigns/{campaign_id}/estimate", tag = "campaigns",
    params(("campaign_id" = String, Path)),
    responses((status = 200, body = EstimateView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn estimate(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<EstimateView>> {
    let campaign = access::campaign(&state, &caller, &id).await?;
    let now = state.now();
    let channel = state
        .ports
        .orgs
        .channel(&campaign.channel_id)
        .await?
        .ok_or_else(|| {
            ApiError::internal(StoreError::NotFound(format!(
                "channel {}",
                campaign.channel_id
            )))
        })?;
    let scan = AudienceScan::new(&campaign, state.ports.orgs.as_ref(), now).await?;
    let mut at = ScanPosition::default();
    let mut audience = 0u64;
    while !at.exhausted {
        let page = scan
            .page(state.ports.friends.as_ref(), &at, ESTIMATE_PAGE)
            .await?;
        audience += page.matched.len() as u64;
        at = page.next;
    }
    let counter = state
        .ports
        .quota
        .counter(&QuotaKey {
            channel: channel.id.clone(),
            month: QuotaMonth::containing(now),
        })
        .await?;
    let quota_limit = channel.plan.monthly_limit();
    let quota_used = counter.used.saturating_add(counter.reserved);
    let quota_left = quota_limit.map(|l| l.saturating_sub(quota_used));
    Ok(Json(EstimateView {
        audience,
        quota_needed: audience,
        quota_limit,
        quota_used,
        quota_left,
        fits: quota_left.is_none_or(|left| audience <= left),
        line_estimate: campaign
            .audience
            .line_demographics
            .as_ref()
            .map(|_| line_estimate_note(audience, campaign.audience.has_own_filters())),
    }))
}

/// Loads a campaign for a lifecycle change (operator).
async fn for_change(state: &AppState, caller: &Caller, id: &str) -> ApiResult<Campaign> {
    let campaign = access::campaign(state, caller, id).await?;
    caller.require(Role::Operator)?;
    Ok(campaign)
}

/// Moves `campaign` from its current status to `to`, or 409.
async fn transition(
    state: &AppState,
    campaign: &Campaign,
    allowed_from: &[CampaignStatus],
    to: CampaignStatus,
) -> ApiResult<Json<Campaign>> {
    if !allowed_from.contains(&campaign.status) {
        return Err(ApiError::Conflict(format!(
            "a {} campaign cannot become {}",
            status_name(campaign.status),
            status_name(to)
        )));
    }
    let moved = state
        .ports
        .campaigns
        .transition(&campaign.id, campaign.status, to, state.now())
        .await?;
    if !moved {
        return Err(ApiError::Conflict(
            "the campaign's status changed meanwhile; re-read and retry".into(),
        ));
    }
    tracing::info!(campaign = %campaign.id, from = status_name(campaign.status), to = status_name(to), "campaign status changed");
    let updated = state
        .ports
        .campaigns
        .campaign(&campaign.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(updated))
}

fn status_name(s: CampaignStatus) -> &'static str {
    match s {
        CampaignStatus::Draft => "draft",
        CampaignStatus::Scheduled => "scheduled",
        CampaignStatus::Running => "running",
        CampaignStatus::Paused => "paused",
        CampaignStatus::Completed => "completed",
        CampaignStatus::Cancelled => "cancelled",
    }
}

/// Asks the broadcast planner to plan `campaign` (it continues from its
/// checkpoint). When the request cannot be enqueued, the campaign is moved back
/// from running to `back_to` (best effort) and the failure is a 500.
async fn request_planning(
    state: &AppState,
    campaign: &Campaign,
    back_to: CampaignStatus,
) -> ApiResult<()> {
    let body = serde_json::to_string(&PlanningRequest {
        campaign_id: campaign.id.clone(),
    })
    .map_err(ApiError::internal)?;
    let sent = state
        .ports
        .planning
        .send(&[QueueMessage {
            body,
            group_id: None,
            dedup_id: None,
        }])
        .await;
    if let Err(e) = sent {
        let _ = state
            .ports
            .campaigns
            .transition(&campaign.id, CampaignStatus::Running, back_to, state.now())
            .await;
        return Err(ApiError::internal(e));
    }
    Ok(())
}

/// Draft -> running, then a planning request (the "send now" path).
async fn start_now(state: &AppState, campaign: &Campaign) -> ApiResult<Json<Campaign>> {
    if matches!(campaign.schedule, Schedule::Sequence { .. }) {
        return Err(ApiError::invalid(
            "schedule",
            "a step sequence is scheduled, not sent at once",
        ));
    }
    let started = transition(
        state,
        campaign,
        &[CampaignStatus::Draft],
        CampaignStatus::Running,
    )
    .await?;
    request_planning(state, campaign, CampaignStatus::Draft).await?;
    tracing::info!(campaign = %campaign.id, "campaign sent now");
    Ok(started)
}

/// Schedules a draft (operator): an "at" campaign waits for its time (which must
/// be in the future), a sequence runs at once (its followers are enrolled from now
/// on: nothing else would ever start it), and a "now" campaign starts at once as
/// with send-now.
#[utoipa::path(post, path = "/admin/campaigns/{campaign_id}/schedule", tag = "campaigns",
    params(("campaign_id" = String, Path)),
    responses((status = 200, body = Campaign), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody)))]
pub async fn schedule(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Campaign>> {
    let campaign = for_change(&state, &caller, &id).await?;
    match campaign.schedule {
        Schedule::At { at } if at <= state.now() => {
            return Err(ApiError::invalid("schedule.at", "must be in the future"))
        }
        Schedule::Now => return start_now(&state, &campaign).await,
        // The responder enrols followers in running sequences only, and the
        // scheduler starts only campaigns with a time: a scheduled sequence would
        // wait for ever.
        Schedule::Sequence { .. } => {
            return transition(
                &state,
                &campaign,
                &[CampaignStatus::Draft],
                CampaignStatus::Running,
            )
            .await
        }
        _ => {}
    }
    transition(
        &state,
        &campaign,
        &[CampaignStatus::Draft],
        CampaignStatus::Scheduled,
    )
    .await
}

/// Sends a draft now (operator), whatever its schedule said: running at once and
/// handed to the planner. Not for step sequences.
#[utoipa::path(post, path = "/admin/campaigns/{campaign_id}/send-now", tag = "campaigns",
    params(("campaign_id" = String, Path)),
    responses((status = 200, body = Campaign), (status = 409, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody)))]
pub async fn send_now(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Campaign>> {
    let campaign = for_change(&state, &caller, &id).await?;
    start_now(&state, &campaign).await
}

/// Pauses a running campaign (operator); the sender stops between batches.
#[utoipa::path(post, path = "/admin/campaigns/{campaign_id}/pause", tag = "campaigns",
    params(("campaign_id" = String, Path)),
    responses((status = 200, body = Campaign), (status = 409, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody)))]
pub async fn pause(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Campaign>> {
    let campaign = for_change(&state, &caller, &id).await?;
    transition(
        &state,
        &campaign,
        &[CampaignStatus::Running],
        CampaignStatus::Paused,
    )
    .await
}

/// Resumes a paused campaign (operator): running again, and a one-off campaign
/// is handed to the planner again (it continues from its checkpoint; batches
/// already queued are sent by the sender once the campaign runs).
#[utoipa::path(post, path = "/admin/campaigns/{campaign_id}/resume", tag = "campaigns",
    params(("campaign_id" = String, Path)),
    responses((status = 200, body = Campaign), (status = 409, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody)))]
pub async fn resume(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Campaign>> {
    let campaign = for_change(&state, &caller, &id).await?;
    let resumed = transition(
        &state,
        &campaign,
        &[CampaignStatus::Paused],
        CampaignStatus::Running,
    )
    .await?;
    if !matches!(campaign.schedule, Schedule::Sequence { .. }) {
        request_planning(&state, &campaign, CampaignStatus::Paused).await?;
    }
    Ok(resumed)
}

/// Cancels a campaign that has not finished (operator); batches already queued
/// are dropped by the sender, which checks the status between batches.
#[utoipa::path(post, path = "/admin/campaigns/{campaign_id}/cancel", tag = "campaigns",
    params(("campaign_id" = String, Path)),
    responses((status = 200, body = Campaign), (status = 409, body = crate::error::ErrorBody), (status = 403, description = "the caller's role is below operator", body = crate::error::ErrorBody)))]
pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Campaign>> {
    let campaign = for_change(&state, &caller, &id).await?;
    transition(
        &state,
        &campaign,
        &[
            CampaignStatus::Draft,
            CampaignStatus::Scheduled,
            CampaignStatus::Running,
            CampaignStatus::Paused,
        ],
        CampaignStatus::Cancelled,
    )
    .await
}
