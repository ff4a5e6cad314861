//! Friends: the customers who added a LINE Official Account.
//!
//! A friend is keyed by (organization, provider, LINE user id). LINE user ids are
//! unique per provider, so the same person following two channels of one provider is
//! one friend with two channel links; but a friend belongs to exactly one
//! organization: two organizations under one LINE provider (an agency running its
//! clients' accounts) keep separate friends and histories of the same person.

use crate::ids::{ChannelId, InvalidId, LineUserId, OrgId, ProviderId, StaffId, StoreId, StoreKey};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The key of a friend.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FriendKey {
    pub org: OrgId,
    pub provider: ProviderId,
    pub user_id: LineUserId,
}

impl FriendKey {
    /// `org#provider#user`: the one string form of a friend key, for storage keys
    /// and cursors. Unambiguous, because no id may contain `#`.
    pub fn encode(&self) -> String {
        format!("{}#{}#{}", self.org, self.provider, self.user_id)
    }

    /// The key [`encode`](Self::encode) wrote; every part is checked as its `new()`
    /// checks it.
    pub fn decode(s: &str) -> Result<Self, InvalidId> {
        let invalid = || InvalidId {
            kind: "FriendKey",
            value: s.to_owned(),
        };
        let mut parts = s.split('#');
        let (Some(org), Some(provider), Some(user), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        Ok(Self {
            org: OrgId::new(org)?,
            provider: ProviderId::new(provider)?,
            user_id: LineUserId::parse(user)?,
        })
    }
}

/// A customer and everything otodoke knows about them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Friend {
    /// Holds the friend's organization (`key.org`).
    pub key: FriendKey,
    pub display_name: Option<String>,
    pub picture_url: Option<String>,
    /// The store this friend is assigned to.
    pub store_id: Option<StoreId>,
    /// The staff member this customer is assigned to (個別ID), if any: staff who
    /// see assigned customers only see this friend when it is them.
    #[serde(default)]
    pub assignee: Option<StaffId>,
    /// Follow state per channel of the provider.
    pub channels: BTreeMap<ChannelId, ChannelLink>,
    pub tags: BTreeSet<String>,
    pub attributes: Attributes,
    pub conversation: ConversationState,
    /// Staff-only memos about the customer, oldest first (at most [`Note::LIMIT`]).
    #[serde(default)]
    pub notes: Vec<Note>,
    /// The rich menus linked to or pinned for this friend, per channel.
    #[serde(default)]
    pub menus: crate::richmenu::FriendMenus,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
    /// Optimistic-concurrency version: 0 for a friend never saved; the store bumps it
    /// on each save and refuses a save whose version is not the stored one.
    pub version: u64,
}

/// A friend's relation to one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelLink {
    pub state: FollowState,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub followed_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub blocked_at: Option<Timestamp>,
}

impl ChannelLink {
    /// A link in `state` with no time known: a friend first seen by a message or an
    /// import, before any follow or block event dates it.
    pub fn undated(state: FollowState) -> Self {
        Self {
            state,
            followed_at: None,
            blocked_at: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowState {
    Following,
    /// The friend blocked the account (LINE's `unfollow`): never message them.
    Blocked,
}

/// Attributes used for targeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attributes {
    pub gender: Option<Gender>,
    pub birth_year: Option<i16>,
    /// One of Japan's 47 prefectures, as written in Japanese (e.g. `東京都`).
    pub prefecture: Option<String>,
    #[serde(default)]
    pub custom: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
    Other,
}

/// State of the chat that the responder reads and writes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationState {
    /// A staff member has taken over the chat until then: the bot stays silent.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub handoff_until: Option<Timestamp>,
    /// Who has it (`None` when the customer asked for a person and nobody took it yet).
    #[serde(default)]
    pub handoff_by: Option<StaffId>,
    /// When the after-hours message was last sent (for its cool-down).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_after_hours_reply: Option<Timestamp>,
}

/// A staff-only memo on a friend (never shown to the customer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub id: String,
    pub author: StaffId,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
    pub text: String,
}

impl Note {
    /// How many notes a friend keeps: the friend record stays far below DynamoDB's
    /// 400 KB item limit (50 × 2,000 characters × 3 bytes is 300 KB at most).
    pub const LIMIT: usize = 50;
    /// The longest note, in characters.
    pub const MAX_CHARS: usize = 2_000;
}

impl Friend {
    /// A friend seen for the first time, not yet saved (version 0).
    pub fn new(key: FriendKey, now: Timestamp) -> Self {
        Self {
            key,
            display_name: None,
            picture_url: None,
            store_id: None,
            assignee: None,
            channels: BTreeMap::new(),
            tags: BTreeSet::new(),
            attributes: Attributes::default(),
            conversation: ConversationState::default(),
            notes: Vec::new(),
            menus: Default::default(),
            created_at: now,
            updated_at: now,
            version: 0,
        }
    }

    /// The organization the friend belongs to.
    pub fn org(&self) -> &OrgId {
        &self.key.org
    }

    /// The store the friend is assigned to, named within its organization.
    pub fn store_key(&self) -> Option<StoreKey> {
        self.store_id
            .clone()
            .map(|s| StoreKey::new(self.key.org.clone(), s))
    }

    /// Whether this friend follows `channel` now (not blocked, not unknown).
    pub fn follows(&self, channel: &ChannelId) -> bool {
        self.channels
            .get(channel)
            .is_some_and(|l| l.state == FollowState::Following)
    }
}

/// How many times a friend is read again after a version conflict before the
/// conflict is given up to the caller.
const EDIT_ATTEMPTS: u32 = 5;

/// Reads `key`, applies `edit` and saves under the version check, reading again on
/// a conflict (a few times): the one way to change a friend that others may be
/// changing at the same moment. `NotFound` when there is no such friend.
pub async fn edit(
    friends: &dyn crate::ports::FriendStore,
    key: &FriendKey,
    now: Timestamp,
    edit: impl FnMut(&mut Friend),
) -> Result<Friend, crate::StoreError> {
    edit_or_create(friends, key, false, now, edit)
        .await?
        .ok_or_else(|| crate::StoreError::NotFound(format!("friend {}", key.encode())))
}

/// As [`edit`], and when there is no such friend either a new one (first seen at
/// `now`) is edited and saved (`create`), or `Ok(None)` is answered. The webhook's
/// follow and first message create friends this way.
pub async fn edit_or_create(
    friends: &dyn crate::ports::FriendStore,
    key: &FriendKey,
    create: bool,
    now: Timestamp,
    edit: impl FnMut(&mut Friend),
) -> Result<Option<Friend>, crate::StoreError> {
    let read = friends.friend(key).await?;
    edit_or_create_from(friends, key, read, create, now, edit).await
}

/// As [`edit_or_create`], with `read` the friend as the caller has just read it
/// (`None`: there was none): the first attempt starts from it instead of reading
/// again. A copy that is no longer the stored one fails the save's version check
/// and the friend is read afresh, as after any conflict.
pub async fn edit_or_create_from(
    friends: &dyn crate::ports::FriendStore,
    key: &FriendKey,
    read: Option<Friend>,
    create: bool,
    now: Timestamp,
    mut edit: impl FnMut(&mut Friend),
) -> Result<Option<Friend>, crate::StoreError> {
    // `Some(read)`: the first attempt's copy (a copy of another friend is no copy).
    let mut read = match read {
        Some(friend) if friend.key != *key => None,
        read => Some(read),
    };
    for _ in 0..EDIT_ATTEMPTS {
        let current = match read.take() {
            Some(first) => first,
            None => friends.friend(key).await?,
        };
        let mut friend = match current {
            Some(friend) => friend,
            None if create => Friend::new(key.clone(), now),
            None => return Ok(None),
        };
        edit(&mut friend);
        friend.updated_at = now;
        match friends.save(&friend).await {
            Ok(saved) => return Ok(Some(saved)),
            Err(crate::StoreError::Conflict) => continue,
            Err(error) => return Err(error),
        }
    }
    Err(crate::StoreError::Conflict)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn friend_keys_round_trip_through_their_string_form_and_refuse_other_shapes() {
        let key = FriendKey {
            org: OrgId::new("acme").unwrap(),
            provider: ProviderId::new("p-1").unwrap(),
            user_id: LineUserId::parse(format!("U{:032x}", 7)).unwrap(),
        };
        assert_eq!(FriendKey::decode(&key.encode()).unwrap(), key);
        assert!(FriendKey::decode("p-1#U00000000000000000000000000000007").is_err());
        assert!(FriendKey::decode(&format!("{}#extra", key.encode())).is_err());
        assert!(FriendKey::decode("acme##U00000000000000000000000000000007").is_err());
    }
}
