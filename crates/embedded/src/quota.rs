//! Quota counters in memory: the channel's and the store's counters change under
//! one lock, which makes a reservation on both all or nothing.

use async_trait::async_trait;
use otodoke_core::ports::QuotaStore;
use otodoke_core::quota::{QuotaCounter, QuotaKey, Reservation, ReserveOutcome};
use otodoke_core::{StoreError, StoreKey};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// In-memory [`QuotaStore`]. Every call is O(1) under one short lock.
#[derive(Default)]
pub struct EmbeddedQuota {
    tables: Mutex<Tables>,
}

#[derive(Default)]
struct Tables {
    channels: HashMap<QuotaKey, QuotaCounter>,
    stores: HashMap<(QuotaKey, StoreKey), QuotaCounter>,
}

/// Every counter, for persistence.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct QuotaSnapshot {
    pub channels: Vec<(QuotaKey, QuotaCounter)>,
    pub stores: Vec<(QuotaKey, StoreKey, QuotaCounter)>,
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
    ) -> Result<ReserveOutcome, StoreError> {
        let store_key = store.map(|(id, budget)| ((key.clone(), id.clone()), budget));
        let mut t = self.tables.lock();
        let mut room = available(t.channels.get(key), limit);
        if let Some((store_key, budget)) = &store_key {
            room = room.min(available(t.stores.get(store_key), Some(*budget)));
        }
        if count > room {
            return Ok(ReserveOutcome::Refused { available: room });
        }
        let channel = t.channels.entry(key.clone()).or_default();
        channel.limit = limit;
        channel.reserved = channel.reserved.saturating_add(count);
        if let Some((store_key, budget)) = store_key {
            let counter = t.stores.entry(store_key).or_default();
            counter.limit = Some(budget);
            counter.reserved = counter.reserved.saturating_add(count);
        }
        Ok(ReserveOutcome::Granted(Reservation {
            key: key.clone(),
            store: store.map(|(id, _)| id.clone()),
            count,
        }))
    }

    async fn settle(&self, reservation: &Reservation, sent: u64) -> Result<(), StoreError> {
        let mut t = self.tables.lock();
        if let Some(counter) = t.channels.get_mut(&reservation.key) {
            counter.settle(reservation.count, sent);
        }
        if let Some(store) = &reservation.store {
            if let Some(counter) = t.stores.get_mut(&(reservation.key.clone(), store.clone())) {
                counter.settle(reservation.count, sent);
            }
        }
        Ok(())
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
