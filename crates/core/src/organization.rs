//! Organizations, their stores (a tree), their LINE channels and their staff.

use crate::ids::{ChannelId, OrgId, ProviderId, StaffId, StoreId, StoreKey};
use crate::inherit::ReplyPart;
use jiff::Timestamp;
use otodoke_autoreply::ReplyConfig;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A company using otodoke, with one or many stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub id: OrgId,
    pub name: String,
    /// Whether all stores share one LINE channel or each store has its own.
    pub link_mode: LinkMode,
    /// Where new friends go when nothing else (a friend-add link parameter, a
    /// per-store channel) names a store.
    pub default_store: Option<StoreId>,
    pub created_at: Timestamp,
    /// Auto-reply parts every store inherits unless it or a store above it owns them
    /// (see `crate::inherit`). Its name and time zone are never used.
    #[serde(default)]
    pub reply: ReplyConfig,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LinkMode {
    /// One LINE channel for the whole organization; friends are assigned to stores.
    SharedChannel,
    /// One LINE channel per store; a friend of a channel belongs to its store.
    ChannelPerStore,
}

/// A store (shop, salon, branch), or a grouping of stores (a region): stores form
/// a tree through `parent`. Its auto-reply configuration, hours included, lives in
/// `reply` and is owned by `otodoke-autoreply`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Store {
    pub id: StoreId,
    pub org_id: OrgId,
    pub parent: Option<StoreId>,
    pub name: String,
    /// IANA time zone name, e.g. `Asia/Tokyo`.
    pub time_zone: String,
    /// Keep conversation history this many days; `None` keeps it forever.
    pub retention_days: Option<u32>,
    /// Where to tell staff that a customer is waiting (outbound webhook).
    pub staff_notify_url: Option<String>,
    /// Per-store monthly message budget inside a shared channel, if any.
    pub monthly_budget: Option<u64>,
    #[serde(default)]
    pub reply: ReplyConfig,
    /// Optimistic-concurrency version of the store's settings: 0 for a store never
    /// saved; each save bumps it and a save carrying another version is refused, so
    /// two admins editing hours or rules at once cannot silently undo each other.
    #[serde(default)]
    pub version: u64,
    /// The parts of `reply` taken from the nearest store above that owns them, else
    /// from the organization (`crate::inherit`); the rest are this store's own.
    /// Stores saved before inheritance existed own every part.
    #[serde(default)]
    pub inherits: BTreeSet<ReplyPart>,
    /// How staff answer this store's customers (hand-off window, 既読, 定型文).
    #[serde(default)]
    pub inbox: InboxSettings,
}

/// A store's staff-chat settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxSettings {
    /// How long the bot stays silent after a staff member's last message, or after a
    /// customer asked for a person (minutes).
    pub handoff_minutes: u32,
    /// Show the customer 既読 only when a staff member reads the thread (LINE's
    /// mark-as-read with the message's token); otherwise LINE's own setting applies.
    pub mark_read_on_line: bool,
    /// Canned replies (定型文); `{name}` is the customer's name, `{store}` the store's.
    pub canned_replies: Vec<CannedReply>,
}

impl InboxSettings {
    /// The hand-off window when a store says nothing: half an hour.
    pub const DEFAULT_HANDOFF_MINUTES: u32 = 30;
    /// The longest window a store may set: a day.
    pub const MAX_HANDOFF_MINUTES: u32 = 24 * 60;
    /// How many canned replies a store may keep.
    pub const MAX_CANNED_REPLIES: usize = 100;

    pub fn handoff_window(&self) -> jiff::SignedDuration {
        jiff::SignedDuration::from_mins(i64::from(
            self.handoff_minutes.clamp(1, Self::MAX_HANDOFF_MINUTES),
        ))
    }

    pub fn canned(&self, id: &str) -> Option<&CannedReply> {
        self.canned_replies.iter().find(|c| c.id == id)
    }
}

impl Default for InboxSettings {
    fn default() -> Self {
        Self {
            handoff_minutes: Self::DEFAULT_HANDOFF_MINUTES,
            mark_read_on_line: false,
            canned_replies: Vec::new(),
        }
    }
}

/// One canned reply (定型文).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CannedReply {
    pub id: String,
    /// What staff pick it by.
    pub title: String,
    /// The message; `{name}` and `{store}` are filled in when it is sent.
    pub text: String,
}

impl CannedReply {
    /// The text with `{name}` (the customer's display name, else "お客": canned
    /// replies write "{name}様", which then reads "お客様") and `{store}` filled in.
    pub fn render(&self, customer: Option<&str>, store: &str) -> String {
        self.text
            .replace("{name}", customer.unwrap_or("お客"))
            .replace("{store}", store)
    }
}

impl Store {
    /// How much of `from..to` fell in the store's business hours (the whole span
    /// when it keeps none): what a customer's wait for staff counts. The hours'
    /// time zone is the reply settings', else the store's, else Japan's.
    pub fn open_between(&self, from: Timestamp, to: Timestamp) -> jiff::SignedDuration {
        let Some(hours) = &self.reply.hours else {
            return if to > from {
                to.duration_since(from)
            } else {
                jiff::SignedDuration::ZERO
            };
        };
        let tz = [self.reply.time_zone.as_str(), self.time_zone.as_str()]
            .into_iter()
            .find_map(|name| jiff::tz::TimeZone::get(name).ok())
            .unwrap_or_else(|| {
                jiff::tz::TimeZone::get("Asia/Tokyo")
                    .expect("the bundled tz database has Asia/Tokyo")
            });
        hours.open_between(from, to, &tz)
    }

    /// When the store's retention removes a conversation entry written at `at`
    /// (`None`: kept).
    pub fn retention_end(&self, at: jiff::Timestamp) -> Option<jiff::Timestamp> {
        let days = self.retention_days?;
        at.checked_add(jiff::SignedDuration::from_hours(24 * i64::from(days)))
            .ok()
    }

    /// This store named within its organization.
    pub fn key(&self) -> StoreKey {
        StoreKey::new(self.org_id.clone(), self.id.clone())
    }
}

/// A LINE Messaging API channel (one LINE Official Account) connected to otodoke.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub id: ChannelId,
    pub org_id: OrgId,
    pub provider: ProviderId,
    /// The bot's own user id: the webhook body's `destination`.
    pub bot_user_id: String,
    /// The store this channel belongs to in `ChannelPerStore` mode.
    pub store_id: Option<StoreId>,
    /// Where new friends of this channel go (overrides the organization's default).
    pub default_store: Option<StoreId>,
    /// Where the channel secret lives (never the secret itself).
    pub secret_ref: SecretRef,
    /// Where the channel access token lives (never the token itself).
    pub access_token_ref: SecretRef,
    pub plan: Plan,
}

/// Where a new friend of `channel` goes (a follow webhook, a first message, the
/// follower import): the channel's store (one channel per store), else the
/// channel's default store, else the organization's.
pub fn new_friend_store(channel: &Channel, org: &Organization) -> Option<StoreId> {
    channel
        .store_id
        .clone()
        .or_else(|| channel.default_store.clone())
        .or_else(|| org.default_store.clone())
}

/// A reference to a secret kept elsewhere: a Secrets Manager ARN or name in AWS,
/// a key of the local configuration in the local stack.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SecretRef(pub String);

/// The channel's LINE message plan (Japan, since June 2023).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Plan {
    /// 200 messages a month, no extra messages.
    Communication,
    /// 5,000 messages a month, no extra messages.
    Light,
    /// 30,000 messages a month; extra messages allowed up to `extra_cap` (owner-set).
    Standard { extra_cap: Option<u64> },
    /// No monthly limit (e.g. verified accounts under special contracts, tests).
    Unlimited,
}

impl Plan {
    /// The number of messages that may be sent in a month, `None` when unlimited.
    pub fn monthly_limit(&self) -> Option<u64> {
        match self {
            Plan::Communication => Some(200),
            Plan::Light => Some(5_000),
            // At most 2^63 − 1, as every count the API shows (its `int64`).
            Plan::Standard {
                extra_cap: Some(extra),
            } => Some(30_000u64.saturating_add(*extra).min(i64::MAX as u64)),
            // Standard without a cap can buy extra messages without bound.
            Plan::Standard { extra_cap: None } | Plan::Unlimited => None,
        }
    }
}

/// A staff member and what they may do in one organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Staff {
    pub id: StaffId,
    pub org_id: OrgId,
    pub display_name: String,
    pub role: Role,
    /// The stores (with their subtrees) this member may act on; empty means all.
    pub stores: Vec<StoreId>,
    /// Shown to customers as the message sender (`sender.name`, <= 20 chars).
    pub sender_name: Option<String>,
    /// Shown to customers as the sender icon (`sender.iconUrl`, https PNG).
    pub sender_icon_url: Option<String>,
    /// Sees and answers only the customers assigned to them (個別ID), nothing else
    /// of their stores' customers.
    #[serde(default)]
    pub assigned_only: bool,
    /// A deactivated member is refused on their next request (401), whatever their
    /// token says; the record is kept for the history they wrote.
    #[serde(default = "active_by_default")]
    pub active: bool,
    /// Where the invitation went (the identity provider's user name in AWS).
    #[serde(default)]
    pub email: Option<String>,
}

fn active_by_default() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads everything in scope, changes nothing.
    Viewer,
    /// Chats with customers, tags friends, sends campaigns.
    Operator,
    /// Also configures rules, hours, channels and staff.
    Admin,
    /// Also deletes the organization and manages billing-like settings.
    Owner,
}

/// The ids of `root` and every store below it, from a flat list of an organization's
/// stores. Cost: O(stores); organizations have few stores, so no index is needed.
pub fn subtree(stores: &[Store], root: &StoreId) -> Vec<StoreId> {
    let mut out = vec![root.clone()];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i].clone();
        out.extend(
            stores
                .iter()
                .filter(|s| s.parent.as_ref() == Some(&parent))
                .map(|s| s.id.clone()),
        );
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(id: &str, parent: Option<&str>) -> Store {
        Store {
            id: StoreId::new(id).unwrap(),
            org_id: OrgId::new("o").unwrap(),
            parent: parent.map(|p| StoreId::new(p).unwrap()),
            name: id.into(),
            time_zone: "Asia/Tokyo".into(),
            retention_days: None,
            staff_notify_url: None,
            monthly_budget: None,
            reply: ReplyConfig::default(),
            version: 0,
            inherits: BTreeSet::new(),
            inbox: Default::default(),
        }
    }

    #[test]
    fn a_canned_reply_fills_in_the_customers_and_the_stores_name() {
        let canned = CannedReply {
            id: "thanks".into(),
            title: "お礼".into(),
            text: "{name}様、{store}のご利用ありがとうございます".into(),
        };
        assert_eq!(
            canned.render(Some("花子"), "渋谷店"),
            "花子様、渋谷店のご利用ありがとうございます"
        );
        assert_eq!(
            canned.render(None, "渋谷店"),
            "お客様、渋谷店のご利用ありがとうございます"
        );
    }

    #[test]
    fn subtree_holds_the_root_and_all_descendants_only() {
        let stores = [
            store("kanto", None),
            store("shibuya", Some("kanto")),
            store("shibuya-2", Some("shibuya")),
            store("osaka", None),
        ];
        let ids: Vec<String> = subtree(&stores, &StoreId::new("kanto").unwrap())
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(ids, ["kanto", "shibuya", "shibuya-2"]);
    }

    #[test]
    fn plan_limits_follow_lines_2023_plans() {
        assert_eq!(Plan::Communication.monthly_limit(), Some(200));
        assert_eq!(Plan::Light.monthly_limit(), Some(5_000));
        assert_eq!(
            Plan::Standard {
                extra_cap: Some(1_000)
            }
            .monthly_limit(),
            Some(31_000)
        );
        assert_eq!(Plan::Standard { extra_cap: None }.monthly_limit(), None);
        assert_eq!(
            Plan::Standard {
                extra_cap: Some(i64::MAX as u64)
            }
            .monthly_limit(),
            Some(i64::MAX as u64),
            "a huge cap stays within int64"
        );
    }
}
