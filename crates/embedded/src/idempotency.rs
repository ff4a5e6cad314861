//! Idempotency marks in memory, expiring by the caller's clock (`now`), as the
//! DynamoDB adapter's conditions do (TTL deletion there is lazy, so expiry must be
//! decided by comparing timestamps, never by the item being gone).

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::ports::{Claim, IdempotencyStore};
use otodoke_core::StoreError;
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How many claims between two sweeps of expired marks.
const SWEEP_EVERY: u64 = 4_096;

/// In-memory [`IdempotencyStore`]. Every call is one hash-map operation; every
/// 4,096th claim also sweeps out expired marks (O(marks)) so memory stays bounded.
#[derive(Default)]
pub struct EmbeddedIdempotency {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    marks: HashMap<String, Mark>,
    claims: u64,
}

/// One key's mark: claimed until `until`, or done and kept until `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub done: bool,
    pub until: Timestamp,
}

impl EmbeddedIdempotency {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of every mark, for persistence.
    pub fn snapshot(&self) -> HashMap<String, Mark> {
        self.state.lock().marks.clone()
    }

    /// A store holding what [`Self::snapshot`] returned, with its indexes rebuilt.
    pub fn from_snapshot(marks: HashMap<String, Mark>) -> Self {
        Self {
            state: Mutex::new(State { marks, claims: 0 }),
        }
    }
}

#[async_trait]
impl IdempotencyStore for EmbeddedIdempotency {
    async fn claim(
        &self,
        key: &str,
        now: Timestamp,
        lease: SignedDuration,
    ) -> Result<Claim, StoreError> {
        let mut state = self.state.lock();
        state.claims += 1;
        if state.claims % SWEEP_EVERY == 0 {
            state.marks.retain(|_, mark| mark.until > now);
        }
        match state.marks.get(key) {
            Some(mark) if mark.until > now && mark.done => Ok(Claim::AlreadyDone),
            Some(mark) if mark.until > now => Ok(Claim::InProgress),
            _ => {
                state.marks.insert(
                    key.to_owned(),
                    Mark {
                        done: false,
                        until: now + lease,
                    },
                );
                Ok(Claim::Claimed)
            }
        }
    }

    async fn complete(
        &self,
        key: &str,
        now: Timestamp,
        keep_for: SignedDuration,
    ) -> Result<(), StoreError> {
        self.state.lock().marks.insert(
            key.to_owned(),
            Mark {
                done: true,
                until: now + keep_for,
            },
        );
        Ok(())
    }

    async fn abandon(&self, key: &str) -> Result<(), StoreError> {
        let mut state = self.state.lock();
        // Only a claim in progress is given up; a completed mark stays.
        if state.marks.get(key).is_some_and(|mark| !mark.done) {
            state.marks.remove(key);
        }
        Ok(())
    }
}
