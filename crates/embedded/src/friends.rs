//! Friends in memory, with one B-tree index per audience query so that every
//! listing is a range scan from the cursor, never a scan of all friends.

use crate::cursor;
use crate::limits::check_item_size;
use async_trait::async_trait;
use otodoke_core::friend::{FollowState, Friend, FriendKey};
use otodoke_core::ports::FriendStore;
use otodoke_core::{ChannelId, OrgId, Page, PageRequest, StoreError, StoreKey};
use parking_lot::RwLock;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::ops::Bound;
use std::sync::Arc;

/// In-memory [`FriendStore`].
///
/// Listings are ordered by [`FriendKey`] (provider, then user id). A page costs
/// O(log n + limit): a B-tree range from the cursor plus one clone per friend
/// returned (the port hands out owned friends). Indexes share each friend and its
/// key through `Arc`s, so an index entry costs two pointers, not a copy. A save costs
/// one JSON serialization (the 400 KB item check) and O(tags + channels) index updates.
#[derive(Default)]
pub struct EmbeddedFriends {
    tables: RwLock<Tables>,
}

type Listing = BTreeMap<Arc<FriendKey>, Arc<Friend>>;
type Index<K> = HashMap<K, Listing>;

#[derive(Default)]
struct Tables {
    items: HashMap<Arc<FriendKey>, Arc<Friend>>,
    by_store: Index<StoreKey>,
    by_channel: Index<(OrgId, ChannelId, FollowState)>,
    by_tag: Index<(OrgId, String)>,
    by_org: Index<OrgId>,
}

fn add<K: Hash + Eq>(index: &mut Index<K>, k: K, key: &Arc<FriendKey>, f: &Arc<Friend>) {
    index.entry(k).or_default().insert(key.clone(), f.clone());
}

fn remove<K: Hash + Eq>(index: &mut Index<K>, k: &K, key: &FriendKey) {
    if let Some(listing) = index.get_mut(k) {
        listing.remove(key);
        if listing.is_empty() {
            index.remove(k);
        }
    }
}

impl Tables {
    fn index(&mut self, key: &Arc<FriendKey>, f: &Arc<Friend>) {
        let org = f.org();
        if let Some(store) = f.store_key() {
            add(&mut self.by_store, store, key, f);
        }
        for (channel, link) in &f.channels {
            let k = (org.clone(), channel.clone(), link.state);
            add(&mut self.by_channel, k, key, f);
        }
        for tag in &f.tags {
            add(&mut self.by_tag, (org.clone(), tag.clone()), key, f);
        }
        add(&mut self.by_org, org.clone(), key, f);
    }

    fn unindex(&mut self, f: &Friend) {
        let org = f.org();
        if let Some(store) = f.store_key() {
            remove(&mut self.by_store, &store, &f.key);
        }
        for (channel, link) in &f.channels {
            let k = (org.clone(), channel.clone(), link.state);
            remove(&mut self.by_channel, &k, &f.key);
        }
        for tag in &f.tags {
            remove(&mut self.by_tag, &(org.clone(), tag.clone()), &f.key);
        }
        remove(&mut self.by_org, org, &f.key);
    }

    fn insert(&mut self, friend: Friend) {
        let key = match self.items.remove_entry(&friend.key) {
            Some((key, old)) => {
                self.unindex(&old);
                key
            }
            None => Arc::new(friend.key.clone()),
        };
        let friend = Arc::new(friend);
        self.index(&key, &friend);
        self.items.insert(key, friend);
    }

    /// One page of `listing`, after the cursor's key.
    fn page(listing: Option<&Listing>, page: &PageRequest) -> Result<Page<Friend>, StoreError> {
        let Some(listing) = listing else {
            return Ok(Page {
                items: Vec::new(),
                next: None,
            });
        };
        let after = page
            .cursor
            .as_ref()
            .map(cursor::to_friend_key)
            .transpose()?;
        let range = match &after {
            Some(key) => listing.range::<FriendKey, _>((Bound::Excluded(key), Bound::Unbounded)),
            None => listing.range::<FriendKey, _>(..),
        };
        let limit = page.limit.max(1) as usize;
        let mut range = range.map(|(_, friend)| friend);
        let items: Vec<Friend> = range
            .by_ref()
            .take(limit)
            .map(|f| Friend::clone(f))
            .collect();
        let next = match (range.next(), items.last()) {
            (Some(_), Some(last)) => Some(cursor::from_friend_key(&last.key)),
            _ => None,
        };
        Ok(Page { items, next })
    }
}

impl EmbeddedFriends {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of every friend. Cost: clones every friend.
    pub fn snapshot(&self) -> Vec<Friend> {
        self.tables
            .read()
            .items
            .values()
            .map(|f| Friend::clone(f))
            .collect()
    }

    /// A store holding `friends` (as stored, versions kept), indexes rebuilt.
    pub fn from_snapshot(friends: Vec<Friend>) -> Self {
        let mut tables = Tables::default();
        for friend in friends {
            tables.insert(friend);
        }
        Self {
            tables: RwLock::new(tables),
        }
    }

    /// How many friends are stored.
    pub fn len(&self) -> usize {
        self.tables.read().items.len()
    }

    /// Whether no friend is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[async_trait]
impl FriendStore for EmbeddedFriends {
    async fn friend(&self, key: &FriendKey) -> Result<Option<Friend>, StoreError> {
        Ok(self.tables.read().items.get(key).map(|f| Friend::clone(f)))
    }

    async fn save(&self, friend: &Friend) -> Result<Friend, StoreError> {
        let mut saved = friend.clone();
        saved.version = friend.version + 1;
        // Measured outside the lock: serialization is the expensive part of a save.
        check_item_size(&saved)?;
        let mut tables = self.tables.write();
        let stored_version = tables.items.get(&friend.key).map_or(0, |f| f.version);
        if stored_version != friend.version {
            return Err(StoreError::Conflict);
        }
        tables.insert(saved.clone());
        Ok(saved)
    }

    async fn delete(&self, key: &FriendKey) -> Result<bool, StoreError> {
        let mut tables = self.tables.write();
        match tables.items.remove(key) {
            Some(old) => {
                tables.unindex(&old);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    async fn by_store(
        &self,
        store: &StoreKey,
        page: PageRequest,
    ) -> Result<Page<Friend>, StoreError> {
        let t = self.tables.read();
        Tables::page(t.by_store.get(store), &page)
    }

    async fn by_channel(
        &self,
        org: &OrgId,
        channel: &ChannelId,
        state: FollowState,
        page: PageRequest,
    ) -> Result<Page<Friend>, StoreError> {
        let t = self.tables.read();
        let k = (org.clone(), channel.clone(), state);
        Tables::page(t.by_channel.get(&k), &page)
    }

    async fn by_tag(
        &self,
        org: &OrgId,
        tag: &str,
        page: PageRequest,
    ) -> Result<Page<Friend>, StoreError> {
        let t = self.tables.read();
        Tables::page(t.by_tag.get(&(org.clone(), tag.to_owned())), &page)
    }

    async fn by_org(&self, org: &OrgId, page: PageRequest) -> Result<Page<Friend>, StoreError> {
        let t = self.tables.read();
        Tables::page(t.by_org.get(org), &page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;
    use otodoke_core::friend::ChannelLink;
    use otodoke_core::{LineUserId, ProviderId, StoreId};
    use proptest::prelude::*;

    /// One edit: friend `n` is now in store `store`, has these channel states
    /// (0 = none, 1 = following, 2 = blocked) and these tags (bits of a mask).
    type Edit = (u32, Option<u8>, [u8; 2], u8);

    fn key(n: u32) -> FriendKey {
        FriendKey {
            org: OrgId::new("o").unwrap(),
            provider: ProviderId::new("p").unwrap(),
            user_id: LineUserId::parse(format!("U{n:032x}")).unwrap(),
        }
    }

    fn apply(mut f: Friend, (_, store, states, tags): &Edit) -> Friend {
        f.store_id = store.map(|s| StoreId::new(format!("s{s}")).unwrap());
        f.channels.clear();
        for (i, state) in states.iter().enumerate() {
            let state = match state {
                1 => FollowState::Following,
                2 => FollowState::Blocked,
                _ => continue,
            };
            let link = ChannelLink {
                state,
                followed_at: None,
                blocked_at: None,
            };
            f.channels
                .insert(ChannelId::new(format!("c{i}")).unwrap(), link);
        }
        f.tags = (0..3)
            .filter(|bit| tags & (1 << bit) != 0)
            .map(|bit| format!("t{bit}"))
            .collect();
        f
    }

    fn listed(listing: Option<&Listing>) -> Vec<FriendKey> {
        let mut keys = Vec::new();
        let mut request = PageRequest::first(3);
        loop {
            let page = Tables::page(listing, &request).unwrap();
            keys.extend(page.items.into_iter().map(|f| f.key));
            match page.next {
                Some(c) => request = PageRequest::after(c, 3),
                None => break,
            }
        }
        keys
    }

    proptest! {
        #[test]
        fn every_listing_holds_exactly_the_friends_that_match_it_after_any_edits(
            edits in proptest::collection::vec(
                (0u32..12, proptest::option::of(0u8..3), [0u8..3, 0u8..3], 0u8..8),
                0..80,
            )
        ) {
            let mut t = Tables::default();
            let org = OrgId::new("o").unwrap();
            let now = Timestamp::UNIX_EPOCH;
            for edit in &edits {
                let current = t.items.get(&key(edit.0)).map(|f| Friend::clone(f));
                let base = current.unwrap_or_else(|| Friend::new(key(edit.0), now));
                t.insert(apply(base, edit));
            }
            let all: Vec<Friend> = t.items.values().map(|f| Friend::clone(f)).collect();
            let expect = |pred: &dyn Fn(&Friend) -> bool| {
                let mut keys: Vec<FriendKey> = all.iter().filter(|f| pred(f)).map(|f| f.key.clone()).collect();
                keys.sort();
                keys
            };
            for s in 0..3 {
                let store = StoreId::new(format!("s{s}")).unwrap();
                let store_key = StoreKey::new(org.clone(), store.clone());
                prop_assert_eq!(
                    listed(t.by_store.get(&store_key)),
                    expect(&|f| f.store_id.as_ref() == Some(&store))
                );
            }
            for c in 0..2 {
                let channel = ChannelId::new(format!("c{c}")).unwrap();
                for state in [FollowState::Following, FollowState::Blocked] {
                    prop_assert_eq!(
                        listed(t.by_channel.get(&(org.clone(), channel.clone(), state))),
                        expect(&|f| f.channels.get(&channel).is_some_and(|l| l.state == state))
                    );
                }
            }
            for bit in 0..3 {
                let tag = format!("t{bit}");
                prop_assert_eq!(
                    listed(t.by_tag.get(&(org.clone(), tag.clone()))),
                    expect(&|f| f.tags.contains(&tag))
                );
            }
            prop_assert_eq!(listed(t.by_org.get(&org)), expect(&|_| true));
        }
    }
}
