//! Campaigns: a message to an audience, sent now, at a time, or as a step sequence.

use crate::friend::Gender;
use crate::ids::{CampaignId, ChannelId, LineUserId, OrgId, StaffId, StoreId};
use crate::page::Cursor;
use jiff::{civil::Time, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Campaign {
    pub id: CampaignId,
    pub org_id: OrgId,
    pub channel_id: ChannelId,
    pub name: String,
    /// 1..=5 LINE message objects, validated by `otodoke-line` when the campaign is
    /// created; kept as JSON so that stored campaigns survive new message types.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<otodoke_autoreply::openapi::LineMessageObject>))]
    pub messages: Vec<serde_json::Value>,
    pub sender: Option<SenderIdentity>,
    pub audience: Audience,
    pub schedule: Schedule,
    pub status: CampaignStatus,
    pub progress: Progress,
    pub created_by: StaffId,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
    /// Optimistic-concurrency version, as for friends.
    pub version: u64,
}

/// The name and icon a message shows as its sender (LINE's `sender`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SenderIdentity {
    pub name: String,
    pub icon_url: Option<String>,
}

/// Who receives a campaign. Empty fields do not filter. Blocked friends are
/// always excluded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Audience {
    pub tags_all: BTreeSet<String>,
    pub tags_any: BTreeSet<String>,
    pub tags_none: BTreeSet<String>,
    pub genders: BTreeSet<Gender>,
    /// Inclusive age range in years, from the birth year.
    pub age_min: Option<u8>,
    pub age_max: Option<u8>,
    pub prefectures: BTreeSet<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub followed_since: Option<Timestamp>,
    /// Stores whose subtrees are targeted; empty means the whole organization.
    pub stores: Vec<StoreId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Schedule {
    Now,
    At {
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
        at: Timestamp,
    },
    Sequence {
        steps: Vec<Step>,
    },
}

/// One message of a step sequence: `offset_days` after following, at `at_local_time`
/// in the store's time zone, or at once when `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = SequenceStep))]
pub struct Step {
    pub offset_days: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "10:00"))]
    pub at_local_time: Option<Time>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<otodoke_autoreply::openapi::LineMessageObject>))]
    pub messages: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    Draft,
    Scheduled,
    Running,
    /// Stopped by the monthly limit; resumable next month or after a plan change.
    Paused,
    Completed,
    Cancelled,
}

/// Progress counters, updated atomically by adding deltas.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    pub planned: u64,
    pub sent: u64,
    pub failed: u64,
    pub skipped: u64,
}

/// Where the planner is in a campaign's audience, so that a planner that timed out
/// resumes without writing a batch twice.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlannerCheckpoint {
    /// The audience cursor after the last batch written; `None` before the first.
    pub cursor: Option<Cursor>,
    /// The number the next batch will carry.
    pub next_batch: u32,
    pub done: bool,
}

/// Up to 500 recipients of one campaign: one multicast request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FanoutBatch {
    pub campaign_id: CampaignId,
    pub channel_id: ChannelId,
    pub batch_no: u32,
    pub recipients: Vec<LineUserId>,
}
