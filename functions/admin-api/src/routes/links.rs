//! `GET /admin/links?campaign_id=` or `?automation_id=`: the tracked links of one
//! campaign (its steps included) or one automation, with their click counts.

use super::access;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiQuery;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use jiff::Timestamp;
use otodoke_core::link::{LinkOwner, LinkSource};
use otodoke_core::{AutomationId, LinkId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Whose links: exactly one of the two.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LinksQuery {
    /// A campaign of the caller's organization inside their stores.
    pub campaign_id: Option<String>,
    /// An automation of the caller's organization.
    pub automation_id: Option<String>,
}

/// One tracked link and what its clicks counted.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkCounts {
    #[schema(value_type = String)]
    pub link_id: LinkId,
    /// The destination URL.
    pub url: String,
    /// The step (0-based) of a step sequence the link was written in; `null` for
    /// a campaign's own messages and for automations.
    pub step: Option<u32>,
    /// Every click, repeats and link-level clicks included.
    pub clicks: u64,
    /// Friends who clicked (each once). A narrowcast's links are counted per
    /// link only, so this stays 0 for them.
    pub friends: u64,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// A campaign's or automation's tracked links, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkCountsList {
    pub items: Vec<LinkCounts>,
}

/// The tracked links of a campaign or an automation (any role).
#[utoipa::path(get, path = "/admin/links", tag = "links", params(LinksQuery),
    responses((status = 200, body = LinkCountsList), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn list_tracked_links(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<LinksQuery>,
) -> ApiResult<Json<LinkCountsList>> {
    let owner = match (query.campaign_id, query.automation_id) {
        (Some(id), None) => LinkOwner::Campaign(access::campaign(&state, &caller, &id).await?.id),
        (None, Some(id)) => {
            let id = AutomationId::new(&id).map_err(|_| ApiError::NotFound)?;
            let automation = state
                .ports
                .automations
                .automation(&caller.org, &id)
                .await?
                .ok_or(ApiError::NotFound)?;
            LinkOwner::Automation(automation.id)
        }
        _ => {
            return Err(ApiError::invalid(
                "campaign_id",
                "give exactly one of campaign_id and automation_id",
            ))
        }
    };
    let items = state
        .ports
        .links
        .links_of(&caller.org, &owner)
        .await?
        .into_iter()
        .map(|s| LinkCounts {
            step: match s.link.source {
                LinkSource::Step { step, .. } => Some(step),
                LinkSource::Campaign { .. } | LinkSource::Automation { .. } => None,
            },
            link_id: s.link.id,
            url: s.link.url,
            clicks: s.clicks,
            friends: s.friends,
            created_at: s.link.created_at,
        })
        .collect();
    Ok(Json(LinkCountsList { items }))
}
