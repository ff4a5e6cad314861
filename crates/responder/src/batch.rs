//! What the events of one invocation (an SQS batch) read in common: the channel,
//! its organization and the answering store, read once per batch instead of once
//! per event.
//!
//! A batch's events are handled within moments of each other (different chats
//! concurrently), so reading a channel's records once for all of them answers each
//! event as reading them itself would have, and a batch of ten events on one
//! channel makes at most three reads instead of up to thirty. The responder writes
//! none of these records; an edit made by staff meanwhile applies from the next
//! batch (a warm Lambda keeps nothing of them across batches). Keys are qualified as the stores
//! qualify them: a channel by its id (LINE's, unique), an organization by its id, a
//! store by its organization and id. A failed read is not kept: the next event
//! reads again, as it would have.

use otodoke_core::organization::{Channel, Organization, Store};
use otodoke_core::{ChannelId, OrgId, StoreKey};
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// The reads one invocation's events share. [`EventHandler::handle`] uses a new one
/// per event; a batch handler makes one per batch and passes it to
/// [`EventHandler::handle_in`].
///
/// [`EventHandler::handle`]: crate::EventHandler::handle
/// [`EventHandler::handle_in`]: crate::EventHandler::handle_in
#[derive(Default)]
pub struct Batch {
    pub(crate) channels: Memo<ChannelId, Option<Channel>>,
    pub(crate) organizations: Memo<OrgId, Option<Organization>>,
    pub(crate) stores: Memo<StoreKey, Option<Store>>,
}

impl Batch {
    pub fn new() -> Self {
        Self::default()
    }
}

/// Values by key, each read at most once (concurrent first uses wait for the one
/// read) unless the read fails.
pub(crate) struct Memo<K, V>(Mutex<HashMap<K, Arc<OnceCell<V>>>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Self(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash + Clone, V: Clone> Memo<K, V> {
    /// The value of `key`, read with `read` on its first use.
    pub(crate) async fn get<E, Fut>(&self, key: &K, read: impl FnOnce() -> Fut) -> Result<V, E>
    where
        Fut: Future<Output = Result<V, E>>,
    {
        let cell = self
            .0
            .lock()
            .expect("batch memo")
            .entry(key.clone())
            .or_default()
            .clone();
        cell.get_or_try_init(read).await.cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn a_key_is_read_once_even_by_concurrent_first_uses_and_a_failure_is_not_kept() {
        let memo: Memo<u32, u32> = Memo::default();
        let reads = AtomicU32::new(0);
        let read = |value: u32| {
            let reads = &reads;
            move || async move {
                reads.fetch_add(1, Ordering::SeqCst);
                tokio::task::yield_now().await;
                Ok::<_, ()>(value)
            }
        };
        let (a, b) = tokio::join!(memo.get(&1, read(10)), memo.get(&1, read(11)));
        assert_eq!((a, b), (Ok(10), Ok(10)));
        assert_eq!(reads.load(Ordering::SeqCst), 1);
        assert_eq!(memo.get(&2, read(20)).await, Ok(20));
        assert_eq!(reads.load(Ordering::SeqCst), 2);

        let failed = memo
            .get(&3, || async { Err::<u32, _>("unavailable") })
            .await;
        assert_eq!(failed, Err("unavailable"));
        assert_eq!(memo.get(&3, read(30)).await, Ok::<_, ()>(30));
        assert_eq!(reads.load(Ordering::SeqCst), 3);
    }
}
