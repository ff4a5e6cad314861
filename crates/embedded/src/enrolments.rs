//! Step-sequence enrolments in memory, with a due index over active enrolments and
//! a (friend, channel) index for `stop_all`.

use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_core::friend::FriendKey;
use otodoke_core::ports::EnrolmentStore;
use otodoke_core::sequence::{Enrolment, EnrolmentStatus};
use otodoke_core::{CampaignId, ChannelId, StoreError};
use parking_lot::RwLock;
use std::collections::{BTreeSet, HashMap};

/// In-memory [`EnrolmentStore`]. `due` costs O(log n + limit), `stop_all`
/// O(the friend's enrolments on the channel), the rest O(log n).
#[derive(Default)]
pub struct EmbeddedEnrolments {
    tables: RwLock<Tables>,
}

type Key = (CampaignId, FriendKey);

#[derive(Default)]
struct Tables {
    rows: HashMap<Key, Enrolment>,
    /// Active enrolments only, oldest due first.
    due: BTreeSet<(Timestamp, CampaignId, FriendKey)>,
    by_friend_channel: HashMap<(FriendKey, ChannelId), BTreeSet<CampaignId>>,
}

fn due_key(e: &Enrolment) -> Option<(Timestamp, CampaignId, FriendKey)> {
    (e.status == EnrolmentStatus::Active)
        .then(|| (e.due_at, e.campaign_id.clone(), e.friend.clone()))
}

impl Tables {
    fn insert(&mut self, e: Enrolment) {
        if let Some(key) = due_key(&e) {
            self.due.insert(key);
        }
        self.by_friend_channel
            .entry((e.friend.clone(), e.channel.clone()))
            .or_default()
            .insert(e.campaign_id.clone());
        self.rows
            .insert((e.campaign_id.clone(), e.friend.clone()), e);
    }

    /// Applies `edit` to an enrolment, keeping the due index right.
    fn update(&mut self, key: &Key, edit: impl FnOnce(&mut Enrolment)) {
        if let Some(e) = self.rows.get_mut(key) {
            if let Some(old) = due_key(e) {
                self.due.remove(&old);
            }
            edit(e);
            if let Some(new) = due_key(e) {
                self.due.insert(new);
            }
        }
    }
}

impl EmbeddedEnrolments {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of everything stored, for persistence. Cost: clones every item.
    pub fn snapshot(&self) -> Vec<Enrolment> {
        self.tables.read().rows.values().cloned().collect()
    }

    /// A store holding what [`Self::snapshot`] returned, with its indexes rebuilt.
    pub fn from_snapshot(enrolments: Vec<Enrolment>) -> Self {
        let mut tables = Tables::default();
        for e in enrolments {
            tables.insert(e);
        }
        Self {
            tables: RwLock::new(tables),
        }
    }
}

#[async_trait]
impl EnrolmentStore for EmbeddedEnrolments {
    async fn enrol(&self, enrolment: &Enrolment) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        let key = (enrolment.campaign_id.clone(), enrolment.friend.clone());
        if t.rows.contains_key(&key) {
            return Ok(false);
        }
        t.insert(enrolment.clone());
        Ok(true)
    }

    async fn due(&self, now: Timestamp, limit: u32) -> Result<Vec<Enrolment>, StoreError> {
        let t = self.tables.read();
        Ok(t.due
            .iter()
            .take_while(|(at, _, _)| *at <= now)
            .take(limit as usize)
            .filter_map(|(_, campaign, friend)| t.rows.get(&(campaign.clone(), friend.clone())))
            .cloned()
            .collect())
    }

    async fn advance(
        &self,
        campaign: &CampaignId,
        friend: &FriendKey,
        from_step: u32,
        next: Option<(u32, Timestamp)>,
    ) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        let key = (campaign.clone(), friend.clone());
        let ready = t
            .rows
            .get(&key)
            .is_some_and(|e| e.status == EnrolmentStatus::Active && e.next_step == from_step);
        if !ready {
            return Ok(false);
        }
        t.update(&key, |e| match next {
            Some((step, due)) => {
                e.next_step = step;
                e.due_at = due;
            }
            None => e.status = EnrolmentStatus::Completed,
        });
        Ok(true)
    }

    async fn active(
        &self,
        friend: &FriendKey,
        channel: &ChannelId,
    ) -> Result<Vec<Enrolment>, StoreError> {
        let t = self.tables.read();
        Ok(t.by_friend_channel
            .get(&(friend.clone(), channel.clone()))
            .into_iter()
            .flatten()
            .filter_map(|campaign| t.rows.get(&(campaign.clone(), friend.clone())))
            .filter(|e| e.status == EnrolmentStatus::Active)
            .cloned()
            .collect())
    }

    async fn stop(&self, campaign: &CampaignId, friend: &FriendKey) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        let key = (campaign.clone(), friend.clone());
        if !t
            .rows
            .get(&key)
            .is_some_and(|e| e.status == EnrolmentStatus::Active)
        {
            return Ok(false);
        }
        t.update(&key, |e| e.status = EnrolmentStatus::Stopped);
        Ok(true)
    }

    /// Erasure is rare (a customer's request), so this walks the rows rather than
    /// keeping a per-friend index every enrolment would pay for.
    async fn erase(&self, friend: &FriendKey) -> Result<u32, StoreError> {
        let mut t = self.tables.write();
        let keys: Vec<Key> = t
            .rows
            .keys()
            .filter(|(_, f)| f == friend)
            .cloned()
            .collect();
        for key in &keys {
            if let Some(e) = t.rows.remove(key) {
                if let Some(due) = due_key(&e) {
                    t.due.remove(&due);
                }
                let by_channel = (e.friend.clone(), e.channel.clone());
                if let Some(set) = t.by_friend_channel.get_mut(&by_channel) {
                    set.remove(&e.campaign_id);
                    if set.is_empty() {
                        t.by_friend_channel.remove(&by_channel);
                    }
                }
            }
        }
        Ok(keys.len() as u32)
    }
}
