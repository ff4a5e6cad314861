//! Step sequences: a friend enrolled in a campaign receives its steps at offsets
//! after following (day 0 at once, day 3 at 19:00, ...).

use crate::friend::FriendKey;
use crate::ids::{CampaignId, ChannelId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    pub campaign_id: CampaignId,
    pub friend: FriendKey,
    pub channel: ChannelId,
    /// Index of the next step to send.
    pub next_step: u32,
    /// When the next step is due; meaningless once not `Active`.
    pub due_at: Timestamp,
    pub status: EnrolmentStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentStatus {
    Active,
    Completed,
    /// The friend blocked the account, or staff stopped it.
    Stopped,
}
