//! Campaigns: a message to an audience, sent now, at a time, or as a step sequence.

use crate::demographic::{DemographicError, LineDemographics, NarrowcastState};
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
    /// Rewrite the URLs of the messages (and of every step's, for a step
    /// sequence) to tracked links (`otodoke_core::link`): per friend where the
    /// messages go to one friend at a time (step pushes, and multicast campaigns,
    /// which are then sent by push per recipient), per link for a narrowcast.
    /// Opt-in; absent from campaigns made before it.
    #[serde(default)]
    pub track_links: bool,
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
    // utoipa writes a `u8` like a `u32` (`minimum: 0` only): the bound is stated.
    #[cfg_attr(feature = "openapi", schema(maximum = 255))]
    pub age_min: Option<u8>,
    #[cfg_attr(feature = "openapi", schema(maximum = 255))]
    pub age_max: Option<u8>,
    pub prefectures: BTreeSet<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub followed_since: Option<Timestamp>,
    /// Stores whose subtrees are targeted; empty means the whole organization.
    pub stores: Vec<StoreId>,
    /// LINE's own demographic filter. When set, the campaign is sent as one
    /// narrowcast to the channel's friends matching it, as LINE estimates them:
    /// LINE decides the reach. When the fields above filter too, the friends they
    /// select are uploaded to LINE as an audience group first and the narrowcast
    /// goes to that group, filtered by LINE's demographics (see
    /// [`check_line_targeting`]). Absent from stored campaigns made before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_demographics: Option<LineDemographics>,
}

impl Audience {
    /// Whether any of otodoke's own filters (everything but `line_demographics`)
    /// is set.
    pub fn has_own_filters(&self) -> bool {
        let own = Audience {
            line_demographics: None,
            ..self.clone()
        };
        own != Audience::default()
    }
}

/// Why a campaign cannot be sent with LINE's demographic filter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineTargetingError {
    #[error(transparent)]
    Filter(#[from] DemographicError),
    /// A narrowcast is one send; a step sequence pushes to each friend over time.
    #[error("a step sequence cannot use LINE's demographic filter")]
    Sequence,
}

impl LineTargetingError {
    /// The request field the error is about (the filter is given beside the
    /// audience, as `line_demographics`).
    pub fn field(&self) -> String {
        match self {
            Self::Filter(e) if e.field().is_empty() => "line_demographics".into(),
            Self::Filter(e) => format!("line_demographics.{}", e.field()),
            Self::Sequence => "schedule".into(),
        }
    }
}

/// The one rule for a campaign that targets by LINE's demographics: the filter
/// itself is sendable, and it is sent once (now or at a time), not as a sequence.
/// otodoke's own filters may narrow it too (their friends become a LINE audience
/// group). Campaigns without it always pass.
pub fn check_line_targeting(
    audience: &Audience,
    schedule: &Schedule,
) -> Result<(), LineTargetingError> {
    let Some(filter) = &audience.line_demographics else {
        return Ok(());
    };
    filter.check()?;
    if matches!(schedule, Schedule::Sequence { .. }) {
        return Err(LineTargetingError::Sequence);
    }
    Ok(())
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
    /// Messages counted against the channel's monthly quota by this campaign's
    /// sends (once per accepted send, a 409 replay included).
    #[serde(default)]
    pub quota_used: u64,
}

/// Where the planner is in a campaign's audience, so that a planner that timed out
/// resumes without writing a batch twice.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlannerCheckpoint {
    /// The audience cursor after the last batch written; `None` before the first.
    pub cursor: Option<Cursor>,
    /// The number the next batch will carry. For a narrowcast campaign, a counter
    /// of checkpoint writes (the conditional writes compare it).
    pub next_batch: u32,
    pub done: bool,
    /// For a campaign sent by narrowcast: what LINE accepted and reported so far.
    #[serde(default)]
    pub narrowcast: Option<NarrowcastState>,
}

/// Up to 500 recipients of one campaign: one multicast request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FanoutBatch {
    pub campaign_id: CampaignId,
    pub channel_id: ChannelId,
    pub batch_no: u32,
    pub recipients: Vec<LineUserId>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demographic::{AgeBucket, LineGender};

    fn women() -> Option<LineDemographics> {
        Some(LineDemographics {
            genders: [LineGender::Female].into(),
            ..LineDemographics::default()
        })
    }

    #[test]
    fn a_demographic_campaign_is_sent_once_with_or_without_own_filters() {
        let audience = Audience {
            line_demographics: women(),
            ..Audience::default()
        };
        assert_eq!(check_line_targeting(&audience, &Schedule::Now), Ok(()));
        let with_tags = Audience {
            tags_any: ["vip".to_owned()].into(),
            ..audience.clone()
        };
        // The tags' friends are uploaded as a LINE audience group and narrowcast to.
        assert_eq!(check_line_targeting(&with_tags, &Schedule::Now), Ok(()));
        let sequence = Schedule::Sequence { steps: vec![] };
        assert_eq!(
            check_line_targeting(&audience, &sequence)
                .unwrap_err()
                .field(),
            "schedule"
        );
    }

    #[test]
    fn a_bad_filter_names_its_field_and_campaigns_without_one_always_pass() {
        let empty = Audience {
            line_demographics: Some(LineDemographics::default()),
            ..Audience::default()
        };
        assert_eq!(
            check_line_targeting(&empty, &Schedule::Now)
                .unwrap_err()
                .field(),
            "line_demographics"
        );
        let backwards = Audience {
            line_demographics: Some(LineDemographics {
                age_from: Some(AgeBucket::Age50),
                age_below: Some(AgeBucket::Age20),
                ..LineDemographics::default()
            }),
            ..Audience::default()
        };
        assert_eq!(
            check_line_targeting(&backwards, &Schedule::Now)
                .unwrap_err()
                .field(),
            "line_demographics.age_from"
        );
        let own = Audience {
            tags_all: ["vip".to_owned()].into(),
            ..Audience::default()
        };
        assert!(!Audience::default().has_own_filters());
        assert!(own.has_own_filters());
        assert_eq!(
            check_line_targeting(&own, &Schedule::Sequence { steps: vec![] }),
            Ok(())
        );
    }
}
