//! `GET /admin/campaigns/{id}/report`: what a campaign did, by otodoke's own
//! counters (planned, sent, failed, skipped, quota used; per step for a
//! sequence) and by LINE's numbers for its aggregation units (opens, clicks),
//! with open and click rates over the messages otodoke delivered.

use super::access;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use otodoke_core::campaign::{CampaignStatus, Progress};
use otodoke_core::insight::{CampaignStats, StepProgress};
use otodoke_core::CampaignId;
use serde::Serialize;
use utoipa::ToSchema;

/// LINE's numbers for one aggregation unit (the campaign's, or one step's),
/// with the rates over what otodoke delivered under it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitReport {
    pub stats: CampaignStats,
    /// Messages otodoke delivered under the unit (the campaign's or the step's
    /// `sent`).
    pub delivered: u64,
    /// Unique impressions / delivered; `null` while LINE withholds the count
    /// (fewer than 20 users) or nothing was delivered.
    pub open_rate: Option<f64>,
    /// Unique clickers / delivered; `null` likewise.
    pub click_rate: Option<f64>,
}

/// A campaign's report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CampaignReport {
    #[schema(value_type = String)]
    pub campaign_id: CampaignId,
    pub status: CampaignStatus,
    pub progress: Progress,
    /// A step sequence's counters, per step (empty for a one-off campaign).
    pub steps: Vec<StepProgress>,
    /// LINE's statistics per unit: the campaign's first, then its steps'. Empty
    /// until the first send; a narrowcast carries no unit (LINE's narrowcast
    /// takes none), so it has none.
    pub line: Vec<UnitReport>,
}

#[utoipa::path(get, path = "/admin/campaigns/{campaign_id}/report", tag = "campaigns",
    params(("campaign_id" = String, Path)),
    responses((status = 200, body = CampaignReport), (status = 404, body = crate::error::ErrorBody)))]
pub async fn campaign_report(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<CampaignReport>> {
    let campaign = access::campaign(&state, &caller, &id).await?;
    let store = &state.ports.campaign_stats;
    let steps = store.step_progress(&caller.org, &campaign.id).await?;
    let line = store
        .stats(&caller.org, &campaign.id)
        .await?
        .into_iter()
        .map(|stats| {
            let delivered = match stats.step {
                None => campaign.progress.sent,
                Some(n) => steps
                    .iter()
                    .find(|s| s.step == n)
                    .map_or(0, |s| s.progress.sent),
            };
            UnitReport {
                open_rate: stats.open_rate(delivered),
                click_rate: stats.click_rate(delivered),
                delivered,
                stats,
            }
        })
        .collect();
    Ok(Json(CampaignReport {
        campaign_id: campaign.id,
        status: campaign.status,
        progress: campaign.progress,
        steps,
        line,
    }))
}
