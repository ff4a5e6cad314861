//! What every handler shares: the ports, the authentication mode and a clock.

use crate::auth::{AuthMode, Identity};
use crate::error::ApiError;
use crate::secrets::SecretWriter;
use jiff::Timestamp;
use otodoke_core::import::{ImportBudget, Pace};
use otodoke_core::organization::Staff;
use otodoke_core::ports::{
    AutomationStore, CampaignStatsStore, CampaignStore, ConversationStore, EnrolmentStore,
    FriendStore, IdempotencyStore, ImportStore, LinkStore, MediaStore, MetricsStore,
    OrganizationStore, QueueSender, QuotaStore, RichMenuStore, SecretSource, ThreadStore,
};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The ports the admin API works on.
#[derive(Clone)]
pub struct Ports {
    pub orgs: Arc<dyn OrganizationStore>,
    pub friends: Arc<dyn FriendStore>,
    pub conversations: Arc<dyn ConversationStore>,
    pub enrolments: Arc<dyn EnrolmentStore>,
    pub campaigns: Arc<dyn CampaignStore>,
    /// LINE's statistics per campaign unit and the step counters (reports).
    pub campaign_stats: Arc<dyn CampaignStatsStore>,
    pub quota: Arc<dyn QuotaStore>,
    /// The staff inbox's threads.
    pub threads: Arc<dyn ThreadStore>,
    /// Rich menus, menu rules and relink jobs.
    pub richmenus: Arc<dyn RichMenuStore>,
    /// Automations and their runs (erased with a friend).
    pub automations: Arc<dyn AutomationStore>,
    /// Tracked links and their clicks (the links listing).
    pub links: Arc<dyn LinkStore>,
    /// The report counters (reports read them; staff replies add to them).
    pub metrics: Arc<dyn MetricsStore>,
    /// Sends once per idempotency key (staff messages).
    pub idempotency: Arc<dyn IdempotencyStore>,
    /// LINE as each channel, for staff messages and 既読.
    pub chat_line: Arc<dyn otodoke_inbox::ChatLine>,
    pub secrets: Arc<dyn SecretWriter>,
    /// Asks LINE whose a channel access token is, when a channel is connected.
    pub line: Arc<dyn crate::line_accounts::LineAccounts>,
    /// Where invited staff get their sign-in accounts.
    pub directory: Arc<dyn crate::directory::StaffDirectory>,
    /// The broadcast engine's planning queue ("send now" and "resume" enqueue an
    /// `otodoke_broadcast::PlanningRequest`).
    pub planning: Arc<dyn QueueSender>,
    /// Follower-import checkpoints (the organizations table).
    pub imports: Arc<dyn ImportStore>,
    /// LINE's followers list and profiles of a connected channel (its token read
    /// by reference).
    pub followers: Arc<dyn crate::followers::FollowerSources>,
    /// Kept customer media and staff uploads (S3 in AWS).
    pub media: Arc<dyn MediaStore>,
    /// LINE's rich menu calls as each channel.
    pub menu_line: Arc<dyn otodoke_automation::MenuLine>,
    /// The menu jobs queue (relink requests for the menus worker).
    pub menu_jobs: Arc<dyn QueueSender>,
    /// What automations fired from here (tags, attributes, menus) need to send
    /// tracked links, the redirect's base included (configured, never taken from a
    /// request); `None`: their URLs go out as written.
    pub link_tracking: Option<otodoke_automation::LinkTracking>,
}

impl Ports {
    /// Every port on the embedded (in-memory) adapters, secrets written to and read
    /// back from `secrets`, planning requests to `planning`, channel tokens checked
    /// (and followers imported) with the LINE API (or sandbox) at `line_base_url`.
    pub fn embedded<S: SecretWriter + SecretSource + 'static>(
        e: &otodoke_embedded::Embedded,
        secrets: Arc<S>,
        planning: Arc<dyn QueueSender>,
        line_base_url: &str,
    ) -> Self {
        let line_chat = Arc::new(otodoke_inbox::LineChat::new(line_base_url, secrets.clone()));
        Self {
            orgs: e.orgs.clone(),
            friends: e.friends.clone(),
            conversations: e.conversations.clone(),
            enrolments: e.enrolments.clone(),
            campaigns: e.campaigns.clone(),
            campaign_stats: e.campaign_stats.clone(),
            quota: e.quota.clone(),
            threads: e.threads.clone(),
            richmenus: e.richmenus.clone(),
            automations: e.automations.clone(),
            links: e.links.clone(),
            metrics: e.metrics.clone(),
            idempotency: e.idempotency.clone(),
            chat_line: line_chat.clone(),
            menu_line: line_chat,
            // Nobody works these unless the caller gives the local stack's queue with
            // `with_menu_jobs`.
            menu_jobs: Arc::new(otodoke_embedded::EmbeddedQueue::new(
                otodoke_embedded::QueueConfig::standard(),
            )),
            secrets: secrets.clone(),
            line: Arc::new(crate::line_accounts::LineApiAccounts::new(line_base_url)),
            directory: Arc::new(crate::directory::NoDirectory),
            planning,
            imports: e.orgs.clone(),
            followers: Arc::new(crate::followers::LineFollowerSources::new(
                line_base_url,
                secrets,
            )),
            // In memory until the caller gives the local stack's folder-backed store
            // (whose URLs point at its gateway) with `with_media`.
            media: Arc::new(otodoke_embedded::EmbeddedMedia::in_memory(
                "http://127.0.0.1",
            )),
            // Off until the caller gives a key and base with `with_link_tracking`.
            link_tracking: None,
        }
    }

    /// The automator over these ports: what a staff edit fires, and menu links.
    pub fn automator(&self) -> otodoke_automation::Automator {
        let automator = otodoke_automation::Automator::new(
            otodoke_automation::AutomatorPorts {
                friends: self.friends.clone(),
                automations: self.automations.clone(),
                menus: self.richmenus.clone(),
                enrolments: self.enrolments.clone(),
                campaigns: self.campaigns.clone(),
                orgs: self.orgs.clone(),
                quota: self.quota.clone(),
            },
            self.chat_line.clone(),
            self.menu_line.clone(),
        );
        // A base-less tracking (a misconfiguration) sends URLs as written rather
        // than links nobody can open.
        let tracking = self
            .link_tracking
            .as_ref()
            .filter(|l| !l.base.is_empty())
            .cloned();
        match tracking {
            Some(links) => automator.with_links(links),
            None => automator,
        }
    }

    /// The same ports sending automations' `track_links` URLs through the redirect.
    pub fn with_link_tracking(mut self, links: otodoke_automation::LinkTracking) -> Self {
        self.link_tracking = Some(links);
        self
    }

    /// The same ports queueing relink requests on `menu_jobs`.
    pub fn with_menu_jobs(mut self, menu_jobs: Arc<dyn QueueSender>) -> Self {
        self.menu_jobs = menu_jobs;
        self
    }

    /// The same ports keeping media in `media`.
    pub fn with_media(mut self, media: Arc<dyn MediaStore>) -> Self {
        self.media = media;
        self
    }
}

/// Staff records by identity, kept for a few seconds: the record is read on every
/// request (it authorizes), and a warm Lambda serving a staff member's burst of
/// requests should not read it for each. A change made through this API drops the
/// entry at once; one made elsewhere (another instance) applies within `ttl`.
pub struct StaffCache {
    ttl: Duration,
    entries: Mutex<HashMap<Identity, (Instant, Option<Staff>)>>,
}

impl StaffCache {
    /// Kept this long; the default is 5 s.
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The staff record of `identity` (`None`: there is none), from the cache when
    /// it is fresh, else from `orgs`.
    pub async fn get(
        &self,
        orgs: &dyn OrganizationStore,
        identity: &Identity,
    ) -> Result<Option<Staff>, ApiError> {
        if let Some((at, record)) = self.entries.lock().get(identity) {
            if at.elapsed() < self.ttl {
                return Ok(record.clone());
            }
        }
        let record = orgs.staff(&identity.org, &identity.staff).await?;
        self.entries
            .lock()
            .insert(identity.clone(), (Instant::now(), record.clone()));
        Ok(record)
    }

    /// Forgets `identity`'s record, so that the next request reads it afresh.
    pub fn invalidate(&self, identity: &Identity) {
        self.entries.lock().remove(identity);
    }
}

impl Default for StaffCache {
    fn default() -> Self {
        Self::new(Duration::from_secs(5))
    }
}

/// The router's state. Cloning is cheap (reference counts).
#[derive(Clone)]
pub struct AppState {
    pub ports: Ports,
    pub auth: Arc<AuthMode>,
    pub staff_cache: Arc<StaffCache>,
    /// The current time (fixed in tests).
    pub clock: Arc<dyn Fn() -> Timestamp + Send + Sync>,
    /// How fast a follower import calls LINE.
    pub import_pace: Pace,
    /// How much one import-followers request may do.
    pub import_budget: ImportBudget,
}

impl AppState {
    /// State on `ports` with `auth` and the system clock.
    pub fn new(ports: Ports, auth: AuthMode) -> Self {
        Self {
            ports,
            auth: Arc::new(auth),
            staff_cache: Arc::new(StaffCache::default()),
            clock: Arc::new(Timestamp::now),
            import_pace: Pace::default(),
            import_budget: ImportBudget::default(),
        }
    }

    /// The same state keeping staff records for `ttl` (default 5 s).
    pub fn with_staff_cache_ttl(mut self, ttl: Duration) -> Self {
        self.staff_cache = Arc::new(StaffCache::new(ttl));
        self
    }

    /// The same state with a fixed or simulated clock.
    pub fn with_clock(mut self, clock: impl Fn() -> Timestamp + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }

    /// The automator over this state's ports.
    pub fn automator(&self) -> otodoke_automation::Automator {
        self.ports.automator()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_core::organization::Role;
    use otodoke_core::{OrgId, StaffId};

    fn staff(role: Role) -> Staff {
        Staff {
            id: StaffId::new("ken").unwrap(),
            org_id: OrgId::new("acme").unwrap(),
            display_name: "ken".into(),
            role,
            stores: vec![],
            sender_name: None,
            sender_icon_url: None,
            assigned_only: false,
            active: true,
            email: None,
        }
    }

    #[tokio::test]
    async fn a_cached_record_is_served_until_it_is_invalidated_or_expires() {
        let orgs = otodoke_embedded::EmbeddedOrganizations::new();
        let id = Identity {
            org: OrgId::new("acme").unwrap(),
            staff: StaffId::new("ken").unwrap(),
        };
        orgs.put_staff(&staff(Role::Admin)).await.unwrap();
        let cache = StaffCache::new(Duration::from_secs(60));
        assert_eq!(
            cache.get(&orgs, &id).await.unwrap().unwrap().role,
            Role::Admin
        );
        orgs.put_staff(&staff(Role::Viewer)).await.unwrap();
        assert_eq!(
            cache.get(&orgs, &id).await.unwrap().unwrap().role,
            Role::Admin,
            "fresh entries are not re-read"
        );
        cache.invalidate(&id);
        assert_eq!(
            cache.get(&orgs, &id).await.unwrap().unwrap().role,
            Role::Viewer
        );
        let expired = StaffCache::new(Duration::ZERO);
        expired.get(&orgs, &id).await.unwrap();
        orgs.put_staff(&staff(Role::Owner)).await.unwrap();
        assert_eq!(
            expired.get(&orgs, &id).await.unwrap().unwrap().role,
            Role::Owner
        );
    }
}
