//! Carrying out automations, and keeping each friend's rich menu where the menu
//! rules say it should be.
//!
//! The decisions are otodoke-core's ([`otodoke_core::automation::plan`],
//! [`otodoke_core::richmenu::menu_for`]); this crate does what they decide, against
//! the ports and LINE, in an order that a redelivered event can repeat safely:
//!
//! 1. plan, and record the plan as the event's run (a second delivery finds the run
//!    and carries out *its* plan, not a new one against an already changed friend);
//! 2. apply the friend edits (each idempotent) and any hand-off, in one save;
//! 3. re-link the friend's menu if what they match changed;
//! 4. carry out the effects, each idempotent by itself: a reply uses the event's
//!    token once, a push carries a retry key derived from the run, an enrolment is
//!    made once, a stop stops once;
//! 5. record the outcome.

mod line;
pub use line::line_rich_menu;
mod menus;
mod relink;
mod run;

pub use line::{MenuFailure, MenuLine};
pub use menus::{MenuCounts, Relinked, BULK_LIMIT};
pub use relink::{relink_message, RelinkRequest, RelinkRetry, Worked, RELINK_PAGE};
pub use run::{Notify, Start};

use otodoke_core::ports::{
    AutomationStore, CampaignStore, EnrolmentStore, FriendStore, OrganizationStore, QuotaStore,
    RichMenuStore,
};
use otodoke_core::StoreError;
use otodoke_inbox::ChatLine;
use std::sync::Arc;

/// What the automator works over. Build once per process.
#[derive(Clone)]
pub struct AutomatorPorts {
    pub friends: Arc<dyn FriendStore>,
    pub automations: Arc<dyn AutomationStore>,
    pub menus: Arc<dyn RichMenuStore>,
    pub enrolments: Arc<dyn EnrolmentStore>,
    pub campaigns: Arc<dyn CampaignStore>,
    pub orgs: Arc<dyn OrganizationStore>,
    pub quota: Arc<dyn QuotaStore>,
}

/// Runs automations and follows menu rules for one deployment.
#[derive(Clone)]
pub struct Automator {
    ports: AutomatorPorts,
    chat: Arc<dyn ChatLine>,
    menu_line: Arc<dyn MenuLine>,
    notify: Option<Arc<dyn Notify>>,
    links: Option<LinkTracking>,
}

/// What rewriting a `send` action's URLs to tracked links needs (its
/// `track_links`); the campaigns' sender and scheduler use the same.
pub use otodoke_core::link::LinkTracking;

impl Automator {
    pub fn new(
        ports: AutomatorPorts,
        chat: Arc<dyn ChatLine>,
        menu_line: Arc<dyn MenuLine>,
    ) -> Self {
        Self {
            ports,
            chat,
            menu_line,
            notify: None,
            links: None,
        }
    }

    /// Tracks the links of `send` actions that ask for it (without this, their
    /// messages go out as written).
    pub fn with_links(mut self, links: LinkTracking) -> Self {
        self.links = Some(links);
        self
    }

    /// Where "notify staff" actions go (without one they are recorded as not sent).
    pub fn with_notify(mut self, notify: Arc<dyn Notify>) -> Self {
        self.notify = Some(notify);
        self
    }
}

/// Why an automation or a menu link could not be carried out. Storage failures
/// are worth a retry of the whole event (every step repeats safely); a LINE
/// refusal of one effect is recorded in the run's outcome instead.
#[derive(Debug, thiserror::Error)]
pub enum AutomationFailure {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// LINE could not be reached or refused the channel's token: retry later.
    #[error("LINE: {0}")]
    Line(String),
}
