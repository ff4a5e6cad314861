//! `GET /admin/channels/{id}/insight`: LINE's follower counts and friend
//! demographics of a channel, asked of LINE (which keeps their history and computes
//! them once a day). Nothing of it is stored; a warm Lambda answers a channel's
//! ready figures from memory for ten minutes (`crate::followers`).

use super::access;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use otodoke_line::client::insight::{InsightStatus, Share};
use serde::Serialize;
use utoipa::ToSchema;

/// One share of the friends (`key`: LINE's value, e.g. `female`, `from20to24`,
/// `jp_13`, `ios`, `within90days`, `unknown`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InsightShare {
    pub key: String,
    pub percentage: f64,
}

/// LINE's numbers of a channel.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChannelInsight {
    /// LINE's status of the follower counts (as of yesterday, JST): `ready`,
    /// `unready` (not computed yet) or `out_of_service`.
    pub status: String,
    /// Users who ever added the account.
    pub followers: Option<u64>,
    /// Users reachable by demographic targeting.
    pub targeted_reaches: Option<u64>,
    pub blocks: Option<u64>,
    /// Whether LINE gives demographics (it needs enough friends).
    pub demographics_available: bool,
    pub genders: Vec<InsightShare>,
    pub ages: Vec<InsightShare>,
    pub areas: Vec<InsightShare>,
    pub app_types: Vec<InsightShare>,
    pub subscription_periods: Vec<InsightShare>,
}

fn shares(list: Vec<Share>) -> Vec<InsightShare> {
    list.into_iter()
        .map(|s| InsightShare {
            key: s.key,
            percentage: s.percentage,
        })
        .collect()
}

#[utoipa::path(get, path = "/admin/channels/{channel_id}/insight", tag = "channels",
    params(("channel_id" = String, Path)),
    responses((status = 200, body = ChannelInsight), (status = 404, body = crate::error::ErrorBody),
        (status = 502, description = "LINE could not be reached", body = crate::error::ErrorBody)))]
pub async fn channel_insight(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<ChannelInsight>> {
    let (channel, _) = access::channel(&state, &caller, &id).await?;
    let (followers, demographics) = state
        .ports
        .followers
        .insight(&channel)
        .await
        .map_err(|e| ApiError::Upstream(e.to_string()))?;
    let status = match followers.status {
        InsightStatus::Ready => "ready",
        InsightStatus::Unready => "unready",
        InsightStatus::OutOfService => "out_of_service",
    };
    Ok(Json(ChannelInsight {
        status: status.into(),
        followers: followers.followers,
        targeted_reaches: followers.targeted_reaches,
        blocks: followers.blocks,
        demographics_available: demographics.available,
        genders: shares(demographics.genders),
        ages: shares(demographics.ages),
        areas: shares(demographics.areas),
        app_types: shares(demographics.app_types),
        subscription_periods: shares(demographics.subscription_periods),
    }))
}
