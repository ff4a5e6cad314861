//! Embedded (in-process) adapters for the ports in `otodoke-core`: the local stack
//! and tests run on these, and they pass the same contract suite
//! (`otodoke-contract`) as the DynamoDB/SQS adapters.
//!
//! Every store keeps its items in memory behind one `parking_lot` lock, with
//! secondary indexes (B-trees) so that every listing is a range scan from its cursor.
//! Stores enforce DynamoDB's 400 KB item limit and queues SQS's 256 KiB message
//! limit, so that what fails in production fails here too.
//!
//! ```
//! # async fn demo() {
//! let embedded = otodoke_embedded::Embedded::new();
//! let friends: std::sync::Arc<dyn otodoke_core::ports::FriendStore> = embedded.friends.clone();
//! # }
//! ```

mod campaigns;
mod conversations;
mod cursor;
mod enrolments;
mod friends;
mod idempotency;
pub mod limits;
mod organizations;
mod queue;
mod quota;
mod secrets;

pub use campaigns::{CampaignRow, EmbeddedCampaigns};
pub use conversations::EmbeddedConversations;
pub use enrolments::EmbeddedEnrolments;
pub use friends::EmbeddedFriends;
pub use idempotency::{EmbeddedIdempotency, Mark};
pub use organizations::{EmbeddedOrganizations, OrganizationsSnapshot};
pub use queue::{DeadLetter, EmbeddedQueue, QueueConfig, QueueDepth, QueueKind};
pub use quota::{EmbeddedQuota, QuotaSnapshot};
pub use secrets::StaticSecrets;

use std::sync::Arc;

/// Every embedded adapter, ready to be handed out as `Arc<dyn Port>`.
pub struct Embedded {
    pub orgs: Arc<EmbeddedOrganizations>,
    pub friends: Arc<EmbeddedFriends>,
    pub idempotency: Arc<EmbeddedIdempotency>,
    pub quota: Arc<EmbeddedQuota>,
    pub conversations: Arc<EmbeddedConversations>,
    pub campaigns: Arc<EmbeddedCampaigns>,
    pub enrolments: Arc<EmbeddedEnrolments>,
    /// The webhook events queue (FIFO, one group per user).
    pub events: Arc<EmbeddedQueue>,
    /// The fan-out queue (standard) carrying `FanoutBatch`es to the sender.
    pub fanout: Arc<EmbeddedQueue>,
    pub secrets: Arc<StaticSecrets>,
}

impl Embedded {
    /// Empty stores, SQS-default queues (30 s visibility, 5 receives), no secrets.
    pub fn new() -> Self {
        Self::with_queues(QueueConfig::fifo(), QueueConfig::standard())
    }

    /// Empty stores and queues configured as given.
    pub fn with_queues(events: QueueConfig, fanout: QueueConfig) -> Self {
        Self {
            orgs: Arc::default(),
            friends: Arc::default(),
            idempotency: Arc::default(),
            quota: Arc::default(),
            conversations: Arc::default(),
            campaigns: Arc::default(),
            enrolments: Arc::default(),
            events: Arc::new(EmbeddedQueue::new(events)),
            fanout: Arc::new(EmbeddedQueue::new(fanout)),
            secrets: Arc::default(),
        }
    }

    /// The same adapters with `secrets` as the secret source.
    pub fn with_secrets(mut self, secrets: StaticSecrets) -> Self {
        self.secrets = Arc::new(secrets);
        self
    }
}

impl Default for Embedded {
    fn default() -> Self {
        Self::new()
    }
}
