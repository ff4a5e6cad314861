//! Quota counters in memory: the channel's and the store's counters change under
//! one lock, which makes a reservation on both all or nothing.

use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_core::ports::QuotaStore;
use otodoke_core::quota::{Hold, QuotaCounter, QuotaKey, Reservation, ReserveOutcome};
use otodoke_core::{StoreError, StoreKey};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// In-memory [`QuotaStore`]. Every call is O(1) under one short lock.
#[derive(Default)]
pub struct EmbeddedQuota {
    tables: Mutex<Tables>,
}

#[derive(Default)]
struct Tables {
    channels: HashMap<QuotaKey, QuotaCounter>,
    stores: HashMap<(QuotaKey, StoreKey), QuotaCounter>,
    /// Open reservations by counter and id.
    open: HashMap<(QuotaKey, String), Reservation>,
    /// Ids of settled reservations, per counter.
    settled: HashSet<(QuotaKey, String)>,
}

impl Tables {
    /// Applies `change` to the channel counter and, when the reservation took from
    /// one, the store's budget counter.
    fn both(&mut self, r: &Reservation, change: impl Fn(&mut QuotaCounter)) {
        if let Some(counter) = self.channels.get_mut(&r.key) {
            change(counter);
        }
        if let Some(store) = &r.store {
            if let Some(counter) = self.stores.get_mut(&(r.key.clone(), store.clone())) {
                change(counter);
            }
        }
    }

    fn release_expired(&mut self, key: &QuotaKey, now: Timestamp) -> u64 {
        let expired: Vec<(QuotaKey, String)> = self
            .open
            .iter()
            .filter(|((k, _), r)| k == key && r.expires_at <= now)
            .map(|(k, _)| k.clone())
            .collect();
        let mut released = 0;
        for id in expired {
            if let Some(r) = self.open.remove(&id) {
                self.both(&r, |c| c.settle(r.count, 0));
                released += r.count;
            }
        }
        released
    }
}

/// Every counter, for persistence.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct QuotaSnapshot {
    pub channels: Vec<(QuotaKey, QuotaCounter)>,
    pub stores: Vec<(QuotaKey, StoreKey, QuotaCounter)>,
    #[serde(default)]
    pub open: Vec<Reservation>,
    #[serde(default)]
    pub settled: Vec<(QuotaKey, String)>,
}

impl EmbeddedQuota {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of everything stored, for persistence. Cost: clones every item.
    pub fn snapshot(&self) -> QuotaSnapshot {
        let t = self.tables.lock();
        QuotaSnapshot {
            channels: t.channels.iter().map(|(k, c)| (k.clone(), *c)).collect(),
            stores: t
                .stores
                .iter()
                .map(|((k, s), c)| (k.clone(), s.clone(), *c))
                .collect(),
            open: t.open.values().cloned().collect(),
            settled: t.settled.iter().cloned().collect(),
        }
    }

    /// A store holding what [`Self::snapshot`] returned, with its indexes rebuilt.
    pub fn from_snapshot(snapshot: QuotaSnapshot) -> Self {
        let t = Tables {
            channels: snapshot.channels.into_iter().collect(),
            stores: snapshot
                .stores
                .into_iter()
                .map(|(k, s, c)| ((k, s), c))
                .collect(),
            open: snapshot
                .open
                .into_iter()
                .map(|r| ((r.key.clone(), r.id.clone()), r))
                .collect(),
            settled: snapshot.settled.into_iter().collect(),
        };
        Self {
            tables: Mutex::new(t),
        }
    }
}

/// What `counter` could still grant under `limit` (the caller's, not the stored one:
/// a plan change takes effect at the next reservation).
fn available(counter: Option<&QuotaCounter>, limit: Option<u64>) -> u64 {
    QuotaCounter {
        limit,
        ..counter.copied().unwrap_or_default()
    }
    .available()
}

#[async_trait]
impl QuotaStore for EmbeddedQuota {
    async fn counter(&self, key: &QuotaKey) -> Result<QuotaCounter, StoreError> {
        Ok(self
            .tables
            .lock()
            .channels
            .get(key)
            .copied()
            .unwrap_or_default())
    }

    async fn store_counter(
        &self,
        key: &QuotaKey,
        store: &StoreKey,
    ) -> Result<QuotaCounter, StoreError> {
        let t = self.tables.lock();
        Ok(t.stores
            .get(&(key.clone(), store.clone()))
            .copied()
            .unwrap_or_default())
    }

    async fn reserve(
        &self,
        key: &QuotaKey,
        count: u64,
        limit: Option<u64>,
        store: Option<(&StoreKey, u64)>,
        hold: &Hold,
    ) -> Result<ReserveOutcome, StoreError> {
        let mut t = self.tables.lock();
        let id = (key.clone(), hold.id.clone());
        if let Some(open) = t.open.get(&id) {
            return Ok(ReserveOutcome::Granted(open.clone()));
        }
        let reservation = hold.reservation(key, store.map(|(id, _)| id), count);
        if t.settled.contains(&id) {
            return Ok(ReserveOutcome::Granted(reservation));
        }
        let store_key = store.map(|(id, budget)| ((key.clone(), id.clone()), budget));
        let room = |t: &Tables| {
            let mut room = available(t.channels.get(key), limit);
            if let Some((store_key, budget)) = &store_key {
                room = room.min(available(t.stores.get(store_key), Some(*budget)));
            }
            room
        };
        if count > room(&t) {
            t.release_expired(key, hold.now);
            let room = room(&t);
            if count > room {
                return Ok(ReserveOutcome::Refused { available: room });
            }
        }
        let channel = t.channels.entry(key.clone()).or_default();
        channel.limit = limit;
        channel.reserved = channel.reserved.saturating_add(count);
        if let Some((store_key, budget)) = store_key {
            let counter = t.stores.entry(store_key).or_default();
            counter.limit = Some(budget);
            counter.reserved = counter.reserved.saturating_add(count);
        }
        t.open.insert(id, reservation.clone());
        Ok(ReserveOutcome::Granted(reservation))
    }

    async fn settle(&self, reservation: &Reservation, sent: u64) -> Result<(), StoreError> {
        let mut t = self.tables.lock();
        let id = (reservation.key.clone(), reservation.id.clone());
        if !t.settled.insert(id.clone()) {
            return Ok(());
        }
        match t.open.remove(&id) {
            Some(open) => t.both(&open, |c| c.settle(open.count, sent)),
            // Released on expiry: the reserved part is gone, the sent part is used.
            None => {
                let sent = sent.min(reservation.count);
                t.both(reservation, |c| c.used = c.used.saturating_add(sent));
            }
        }
        Ok(())
    }

    async fn release_expired(&self, key: &QuotaKey, now: Timestamp) -> Result<u64, StoreError> {
        Ok(self.tables.lock().release_expired(key, now))
    }

    async fn reconcile(
        &self,
        key: &QuotaKey,
        used_by_line: u64,
    ) -> Result<QuotaCounter, StoreError> {
        let mut t = self.tables.lock();
        let counter = t.channels.entry(key.clone()).or_default();
        counter.reconcile(used_by_line);
        Ok(*counter)
    }
}
