//! Friends: the customers who added a LINE Official Account.
//!
//! A friend is keyed by (provider, LINE user id), because LINE user ids are unique
//! per provider: the same person following two channels of one provider is one friend
//! with two channel links.

use crate::ids::{ChannelId, LineUserId, OrgId, ProviderId, StoreId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The key of a friend.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FriendKey {
    pub provider: ProviderId,
    pub user_id: LineUserId,
}

/// A customer and everything otodoke knows about them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Friend {
    pub key: FriendKey,
    pub org_id: OrgId,
    pub display_name: Option<String>,
    pub picture_url: Option<String>,
    /// The store this friend is assigned to.
    pub store_id: Option<StoreId>,
    /// Follow state per channel of the provider.
    pub channels: BTreeMap<ChannelId, ChannelLink>,
    pub tags: BTreeSet<String>,
    pub attributes: Attributes,
    pub conversation: ConversationState,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Optimistic-concurrency version: 0 for a friend never saved; the store bumps it
    /// on each save and refuses a save whose version is not the stored one.
    pub version: u64,
}

/// A friend's relation to one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelLink {
    pub state: FollowState,
    pub followed_at: Option<Timestamp>,
    pub blocked_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowState {
    Following,
    /// The friend blocked the account (LINE's `unfollow`): never message them.
    Blocked,
}

/// Attributes used for targeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributes {
    pub gender: Option<Gender>,
    pub birth_year: Option<i16>,
    /// One of Japan's 47 prefectures, as written in Japanese (e.g. `東京都`).
    pub prefecture: Option<String>,
    #[serde(default)]
    pub custom: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
    Other,
}

/// State of the chat that the responder reads and writes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationState {
    /// A staff member has taken over the chat until then: the bot stays silent.
    pub handoff_until: Option<Timestamp>,
    /// When the after-hours message was last sent (for its cool-down).
    pub last_after_hours_reply: Option<Timestamp>,
}

impl Friend {
    /// A friend seen for the first time, not yet saved (version 0).
    pub fn new(key: FriendKey, org_id: OrgId, now: Timestamp) -> Self {
        Self {
            key,
            org_id,
            display_name: None,
            picture_url: None,
            store_id: None,
            channels: BTreeMap::new(),
            tags: BTreeSet::new(),
            attributes: Attributes::default(),
            conversation: ConversationState::default(),
            created_at: now,
            updated_at: now,
            version: 0,
        }
    }

    /// Whether this friend follows `channel` now (not blocked, not unknown).
    pub fn follows(&self, channel: &ChannelId) -> bool {
        self.channels
            .get(channel)
            .is_some_and(|l| l.state == FollowState::Following)
    }
}
