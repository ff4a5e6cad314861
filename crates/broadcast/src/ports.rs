//! The ports the pipeline uses, bundled once at start-up.

pub use otodoke_core::link::LinkTracking;
use otodoke_core::ports::{
    CampaignStatsStore, CampaignStore, EnrolmentStore, FriendStore, IdempotencyStore,
    OrganizationStore, QueueSender, QuotaStore, RateLimiter,
};
use std::sync::Arc;

/// Every port the planner, the sender and the scheduler need. Cheap to clone.
#[derive(Clone)]
pub struct Ports {
    pub orgs: Arc<dyn OrganizationStore>,
    pub friends: Arc<dyn FriendStore>,
    pub campaigns: Arc<dyn CampaignStore>,
    /// The aggregation units sent under (for LINE's statistics) and the step
    /// sequences' per-step counters.
    pub campaign_stats: Arc<dyn CampaignStatsStore>,
    pub enrolments: Arc<dyn EnrolmentStore>,
    pub quota: Arc<dyn QuotaStore>,
    pub idempotency: Arc<dyn IdempotencyStore>,
    pub rate: Arc<dyn RateLimiter>,
    /// Where the planner writes `FanoutBatch`es.
    pub fanout: Arc<dyn QueueSender>,
    /// Where the scheduler asks for a campaign to be planned (`PlanningRequest`).
    pub planning: Arc<dyn QueueSender>,
    /// Where a friend's finished step sequence is reported
    /// (`otodoke_core::richmenu::MenuJob::SequenceFinished`, for the menus function:
    /// the `sequence_finished` automations, and the friend's menu).
    pub after_sequence: Arc<dyn QueueSender>,
    /// Where campaigns and steps with `track_links` register their links, the key
    /// of friend tokens and the redirect's base. `None`: their URLs go out as
    /// written (a deployment without the link key).
    pub links: Option<LinkTracking>,
}
