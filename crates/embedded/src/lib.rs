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

mod automations;
mod campaign_stats;
mod campaigns;
mod conversations;
mod cursor;
mod enrolments;
mod friends;
mod idempotency;
pub mod limits;
mod links;
mod media;
mod metrics;
mod organizations;
mod persist;
mod queue;
mod quota;
mod rate_limit;
mod richmenus;
mod secrets;
mod threads;

pub use automations::{AutomationRow, AutomationsSnapshot, EmbeddedAutomations};
pub use campaign_stats::EmbeddedCampaignStats;
pub use campaigns::{CampaignRow, EmbeddedCampaigns};
pub use conversations::EmbeddedConversations;
pub use enrolments::EmbeddedEnrolments;
pub use friends::EmbeddedFriends;
pub use idempotency::{EmbeddedIdempotency, Mark};
pub use links::{EmbeddedLinks, LinksSnapshot};
pub use media::EmbeddedMedia;
pub use metrics::{EmbeddedMetrics, MetricMark, MetricRow, MetricsSnapshot};
pub use organizations::{EmbeddedOrganizations, OrganizationsSnapshot};
pub use persist::{PersistError, SNAPSHOT_FORMAT};
pub use queue::{
    DeadLetter, EmbeddedQueue, QueueConfig, QueueDepth, QueueKind, QueueSnapshot, StoredMessage,
};
pub use quota::{EmbeddedQuota, QuotaSnapshot};
pub use rate_limit::EmbeddedRateLimiter;
pub use richmenus::{EmbeddedRichMenus, MenuRow, RichMenusSnapshot};
pub use secrets::StaticSecrets;
pub use threads::EmbeddedThreads;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Every embedded adapter, ready to be handed out as `Arc<dyn Port>`.
///
/// Cloning is cheap and shares the adapters. Optionally backed by a JSON file
/// ([`Embedded::open`], [`Embedded::flush`]) so that the local stack survives a restart.
#[derive(Clone)]
pub struct Embedded {
    pub orgs: Arc<EmbeddedOrganizations>,
    pub friends: Arc<EmbeddedFriends>,
    pub idempotency: Arc<EmbeddedIdempotency>,
    pub quota: Arc<EmbeddedQuota>,
    pub conversations: Arc<EmbeddedConversations>,
    pub threads: Arc<EmbeddedThreads>,
    pub campaigns: Arc<EmbeddedCampaigns>,
    pub enrolments: Arc<EmbeddedEnrolments>,
    /// Rich menus, menu rules and relink jobs.
    pub richmenus: Arc<EmbeddedRichMenus>,
    /// Automations and their runs.
    pub automations: Arc<EmbeddedAutomations>,
    /// The report counters.
    pub metrics: Arc<EmbeddedMetrics>,
    /// Tracked links and their clicks.
    pub links: Arc<EmbeddedLinks>,
    /// LINE's statistics per campaign and the per-step counters.
    pub campaign_stats: Arc<EmbeddedCampaignStats>,
    /// The webhook events queue (FIFO, one group per user).
    pub events: Arc<EmbeddedQueue>,
    /// The fan-out queue (standard) carrying `FanoutBatch`es to the sender.
    pub fanout: Arc<EmbeddedQueue>,
    pub secrets: Arc<StaticSecrets>,
    /// The snapshot file `flush` writes, when opened from one.
    path: Option<PathBuf>,
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
            threads: Arc::default(),
            campaigns: Arc::default(),
            enrolments: Arc::default(),
            richmenus: Arc::default(),
            automations: Arc::default(),
            metrics: Arc::default(),
            links: Arc::default(),
            campaign_stats: Arc::default(),
            events: Arc::new(EmbeddedQueue::new(events)),
            fanout: Arc::new(EmbeddedQueue::new(fanout)),
            secrets: Arc::default(),
            path: None,
        }
    }

    /// Adapters loaded from the snapshot file at `path` (empty when there is no
    /// file yet), with SQS-default queues; [`Embedded::flush`] writes back to it.
    ///
    /// Fails when the file cannot be read or is not a snapshot of this format.
    /// Cost: reads and decodes the whole file and rebuilds every index.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, PersistError> {
        Self::open_with_queues(path, QueueConfig::fifo(), QueueConfig::standard())
    }

    /// As [`Embedded::open`], with queues configured as given.
    pub fn open_with_queues(
        path: impl AsRef<Path>,
        events: QueueConfig,
        fanout: QueueConfig,
    ) -> Result<Self, PersistError> {
        let path = path.as_ref().to_owned();
        let Some(s) = persist::load(&path)? else {
            return Ok(Self {
                path: Some(path),
                ..Self::with_queues(events, fanout)
            });
        };
        tracing::info!(path = %path.display(), friends = s.friends.len(), "embedded store loaded");
        Ok(Self {
            orgs: Arc::new(EmbeddedOrganizations::from_snapshot(s.organizations)),
            friends: Arc::new(EmbeddedFriends::from_snapshot(s.friends)),
            idempotency: Arc::new(EmbeddedIdempotency::from_snapshot(s.idempotency)),
            quota: Arc::new(EmbeddedQuota::from_snapshot(s.quota)),
            conversations: Arc::new(EmbeddedConversations::from_snapshot(s.conversations)),
            threads: Arc::new(EmbeddedThreads::from_snapshot(s.threads)),
            campaigns: Arc::new(EmbeddedCampaigns::from_snapshot(s.campaigns)),
            enrolments: Arc::new(EmbeddedEnrolments::from_snapshot(s.enrolments)),
            richmenus: Arc::new(EmbeddedRichMenus::from_snapshot(s.richmenus)),
            automations: Arc::new(EmbeddedAutomations::from_snapshot(s.automations)),
            metrics: Arc::new(EmbeddedMetrics::from_snapshot(s.metrics)),
            links: Arc::new(EmbeddedLinks::from_snapshot(s.links)),
            campaign_stats: Arc::new(EmbeddedCampaignStats::from_snapshot(s.campaign_stats)),
            events: Arc::new(EmbeddedQueue::from_snapshot(events, s.events)),
            fanout: Arc::new(EmbeddedQueue::from_snapshot(fanout, s.fanout)),
            secrets: Arc::default(),
            path: Some(path),
        })
    }

    /// Writes everything to the file given to [`Embedded::open`] (atomically: a
    /// crash mid-write keeps the previous file). Does nothing for adapters not
    /// opened from a file.
    ///
    /// Each store is copied under its own lock in turn, so a snapshot taken while
    /// requests run may hold one request's writes to one store and not to another.
    /// Messages in flight are saved as waiting; the FIFO dedup window is not saved.
    /// Blocking file I/O: call it from `spawn_blocking` in async code.
    /// Cost: clones and serializes everything.
    pub fn flush(&self) -> Result<(), PersistError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let snapshot = persist::Snapshot {
            format: SNAPSHOT_FORMAT,
            organizations: self.orgs.snapshot(),
            friends: self.friends.snapshot(),
            idempotency: self.idempotency.snapshot(),
            quota: self.quota.snapshot(),
            conversations: self.conversations.snapshot(),
            threads: self.threads.snapshot(),
            campaigns: self.campaigns.snapshot(),
            enrolments: self.enrolments.snapshot(),
            richmenus: self.richmenus.snapshot(),
            automations: self.automations.snapshot(),
            metrics: self.metrics.snapshot(),
            links: self.links.snapshot(),
            campaign_stats: self.campaign_stats.snapshot(),
            events: self.events.snapshot(),
            fanout: self.fanout.snapshot(),
        };
        persist::save(path, &snapshot)
    }

    /// Flushes every `every` in a background task until the task is aborted
    /// (failures are logged, and the next tick tries again).
    pub fn spawn_autoflush(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let embedded = self.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            ticks.tick().await;
            loop {
                ticks.tick().await;
                let embedded = embedded.clone();
                match tokio::task::spawn_blocking(move || embedded.flush()).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => tracing::error!(error = %e, "embedded store flush failed"),
                    Err(e) => tracing::error!(error = %e, "embedded store flush panicked"),
                }
            }
        })
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
