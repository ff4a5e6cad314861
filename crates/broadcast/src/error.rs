//! The one error type of the pipeline.

use otodoke_core::{CampaignId, ChannelId, QueueError, StoreError};

/// What stopped an operation. Outcomes that are answers (a campaign already
/// started, a batch already sent, quota refused) are values, not errors.
#[derive(Debug, thiserror::Error)]
pub enum BroadcastError {
    #[error("campaign {0} not found")]
    CampaignNotFound(CampaignId),
    #[error("channel {0} not found")]
    ChannelNotFound(ChannelId),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Queue(#[from] QueueError),
    /// A message taken from a queue was not what the pipeline writes.
    #[error("malformed queue message: {0}")]
    Malformed(#[from] serde_json::Error),
    /// LINE could not be reached or kept failing after every retry.
    #[error("LINE unavailable: {0}")]
    Line(String),
}
