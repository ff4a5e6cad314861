//! The people on the LINE side: each channel's friends, whether they follow, their
//! profiles, and which sends reached them.
//!
//! Sized for a million friends per channel: a user id is kept as its 128-bit value,
//! bulk-created friends carry no stored profile (one is derived on demand), and a
//! delivery is a 4-byte index into the request log.

use crate::validate::is_user_id;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A LINE user id (`U` + 32 hex) as a number, kept as two `u64`s so that it is
/// 8-byte aligned (a `u128` would pad every friend and hash-map slot to 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct UserKey {
    hi: u64,
    lo: u64,
}

impl UserKey {
    pub fn from_u128(value: u128) -> Self {
        Self {
            hi: (value >> 64) as u64,
            lo: value as u64,
        }
    }

    pub fn as_u128(self) -> u128 {
        (u128::from(self.hi) << 64) | u128::from(self.lo)
    }

    pub fn parse(id: &str) -> Option<Self> {
        is_user_id(id).then(|| u128::from_str_radix(&id[1..], 16).ok().map(Self::from_u128))?
    }

    pub fn to_id(self) -> String {
        format!("U{:032x}", self.as_u128())
    }
}

/// Indexes into the request log, in delivery order. The first one is stored inline,
/// so the common "one broadcast to a million friends" allocates nothing per friend.
#[derive(Debug, Default)]
pub(crate) struct Deliveries {
    first: Option<u32>,
    rest: Vec<u32>,
}

impl Deliveries {
    pub fn push(&mut self, seq: u32) {
        if self.first.is_none() {
            self.first = Some(seq);
        } else {
            self.rest.push(seq);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.first.into_iter().chain(self.rest.iter().copied())
    }

    pub fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.rest.len()
    }
}

/// What `GET /v2/bot/profile/{userId}` shows for a friend.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FriendProfile {
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// A friend to create with [`crate::SandboxHandle::add_friend`]: all fields optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewFriend {
    /// The user id; a random one when `None`.
    pub user_id: Option<String>,
    /// The profile; `displayName` defaults to "Sandbox Friend".
    pub display_name: Option<String>,
    pub picture_url: Option<String>,
    pub status_message: Option<String>,
    pub language: Option<String>,
    /// Whether the friend starts blocked (not following). Default: following.
    pub blocked: bool,
}

#[derive(Debug)]
pub(crate) struct Friend {
    pub key: UserKey,
    /// `None` for bulk friends: the profile is derived from the user id.
    pub profile: Option<Box<FriendProfile>>,
    pub following: bool,
    pub deliveries: Deliveries,
}

impl Friend {
    pub fn profile(&self) -> FriendProfile {
        match &self.profile {
            Some(p) => (**p).clone(),
            None => FriendProfile {
                display_name: format!("Friend {:x}", self.key.as_u128() & 0xffff_ffff),
                picture_url: None,
                status_message: None,
                language: Some("ja".to_owned()),
            },
        }
    }
}

/// One channel's friends.
#[derive(Debug, Default)]
pub(crate) struct FriendBook {
    index: HashMap<UserKey, u32>,
    pub friends: Vec<Friend>,
    /// Next sequence number for bulk-created ids.
    pub bulk_next: u64,
}

impl FriendBook {
    pub fn find(&self, key: UserKey) -> Option<u32> {
        self.index.get(&key).copied()
    }

    pub fn get(&self, key: UserKey) -> Option<&Friend> {
        self.find(key).map(|i| &self.friends[i as usize])
    }

    pub fn get_mut(&mut self, key: UserKey) -> Option<&mut Friend> {
        self.find(key).map(|i| &mut self.friends[i as usize])
    }

    /// Adds a friend or, if the id exists, replaces its profile and follow state.
    pub fn upsert(&mut self, key: UserKey, profile: Option<FriendProfile>, following: bool) -> u32 {
        if let Some(i) = self.find(key) {
            let friend = &mut self.friends[i as usize];
            if profile.is_some() {
                friend.profile = profile.map(Box::new);
            }
            friend.following = following;
            return i;
        }
        let i = self.friends.len() as u32;
        self.friends.push(Friend {
            key,
            profile: profile.map(Box::new),
            following,
            deliveries: Deliveries::default(),
        });
        self.index.insert(key, i);
        i
    }

    /// Indexes of every friend who follows (not blocked), in creation order.
    pub fn followers(&self) -> impl Iterator<Item = u32> + '_ {
        self.friends
            .iter()
            .enumerate()
            .filter(|(_, f)| f.following)
            .map(|(i, _)| i as u32)
    }

    pub fn reserve(&mut self, n: usize) {
        self.friends.reserve(n);
        self.index.reserve(n);
    }

    pub fn clear_deliveries(&mut self) {
        for f in &mut self.friends {
            f.deliveries = Deliveries::default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deliveries_keep_their_order_across_the_inline_slot() {
        let mut d = Deliveries::default();
        for seq in [7, 3, 9] {
            d.push(seq);
        }
        assert_eq!(d.iter().collect::<Vec<_>>(), [7, 3, 9]);
        assert_eq!(d.len(), 3);
    }

    #[test]
    fn a_user_key_round_trips_through_its_id() {
        let id = "U4af4980629b6e1f2a4b7f8a2d3e6c5b1";
        assert_eq!(UserKey::parse(id).unwrap().to_id(), id);
        assert_eq!(UserKey::parse("U4AF4980629B6E1F2A4B7F8A2D3E6C5B1"), None);
    }
}
