//! What every handler shares: the ports, the authentication mode and a clock.

use crate::auth::AuthMode;
use crate::secrets::SecretWriter;
use jiff::Timestamp;
use otodoke_core::ports::{
    CampaignStore, ConversationStore, FriendStore, OrganizationStore, QueueSender, QuotaStore,
};
use std::sync::Arc;

/// The ports the admin API works on.
#[derive(Clone)]
pub struct Ports {
    pub orgs: Arc<dyn OrganizationStore>,
    pub friends: Arc<dyn FriendStore>,
    pub conversations: Arc<dyn ConversationStore>,
    pub campaigns: Arc<dyn CampaignStore>,
    pub quota: Arc<dyn QuotaStore>,
    pub secrets: Arc<dyn SecretWriter>,
    /// The broadcast engine's planning queue ("send now" and "resume" enqueue an
    /// `otodoke_broadcast::PlanningRequest`).
    pub planning: Arc<dyn QueueSender>,
}

impl Ports {
    /// Every port on the embedded (in-memory) adapters, secrets in `secrets`,
    /// planning requests to `planning`.
    pub fn embedded(
        e: &otodoke_embedded::Embedded,
        secrets: Arc<dyn SecretWriter>,
        planning: Arc<dyn QueueSender>,
    ) -> Self {
        Self {
            orgs: e.orgs.clone(),
            friends: e.friends.clone(),
            conversations: e.conversations.clone(),
            campaigns: e.campaigns.clone(),
            quota: e.quota.clone(),
            secrets,
            planning,
        }
    }
}

/// The router's state. Cloning is cheap (reference counts).
#[derive(Clone)]
pub struct AppState {
    pub ports: Ports,
    pub auth: Arc<AuthMode>,
    /// The current time (fixed in tests).
    pub clock: Arc<dyn Fn() -> Timestamp + Send + Sync>,
}

impl AppState {
    /// State on `ports` with `auth` and the system clock.
    pub fn new(ports: Ports, auth: AuthMode) -> Self {
        Self {
            ports,
            auth: Arc::new(auth),
            clock: Arc::new(Timestamp::now),
        }
    }

    /// The same state with a fixed or simulated clock.
    pub fn with_clock(mut self, clock: impl Fn() -> Timestamp + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }
}
