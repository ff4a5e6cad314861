//! The inbox's threads in memory: each listing of [`ThreadIndex`] is a B-tree by
//! `(activity, key)`, and an organization's saves a B-tree by `(changed_at, key)`.

use crate::cursor;
use crate::limits::check_item_size;
use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_core::friend::FriendKey;
use otodoke_core::ports::ThreadStore;
use otodoke_core::thread::{
    changes_cursor, changes_position, Changes, Thread, ThreadIndex, ThreadKey, CHANGES_OVERLAP,
};
use otodoke_core::{Cursor, OrgId, Page, PageRequest, StoreError};
use parking_lot::RwLock;
use std::collections::{BTreeMap, HashMap};

/// In-memory [`ThreadStore`]. A save costs one JSON serialization (the 400 KB
/// check) and O(indexes · log n); a page O(log n + limit).
#[derive(Default)]
pub struct EmbeddedThreads {
    tables: RwLock<Tables>,
}

type Position = (Timestamp, String);

#[derive(Default)]
struct Tables {
    threads: HashMap<ThreadKey, Thread>,
    listings: HashMap<ThreadIndex, BTreeMap<Position, ThreadKey>>,
    changes: HashMap<OrgId, BTreeMap<Position, ThreadKey>>,
}

/// A thread's place in an ordered set: its time, then its key's string form (so
/// that the cursor can name it).
fn position(at: Timestamp, key: &ThreadKey) -> Position {
    (at, code(key))
}

fn code(key: &ThreadKey) -> String {
    format!("{}#{}", key.channel, key.friend.encode())
}

impl Tables {
    fn unindex(&mut self, thread: &Thread) {
        for index in thread.indexes() {
            if let Some(set) = self.listings.get_mut(&index) {
                set.remove(&position(thread.activity_at, &thread.key));
            }
        }
        if let Some(set) = self.changes.get_mut(thread.key.org()) {
            set.remove(&position(thread.changed_at, &thread.key));
        }
    }

    fn insert(&mut self, thread: Thread) {
        if let Some(old) = self.threads.remove(&thread.key) {
            self.unindex(&old);
        }
        for index in thread.indexes() {
            self.listings.entry(index).or_default().insert(
                position(thread.activity_at, &thread.key),
                thread.key.clone(),
            );
        }
        self.changes
            .entry(thread.key.org().clone())
            .or_default()
            .insert(position(thread.changed_at, &thread.key), thread.key.clone());
        self.threads.insert(thread.key.clone(), thread);
    }
}

impl EmbeddedThreads {
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of every thread, for persistence.
    pub fn snapshot(&self) -> Vec<Thread> {
        self.tables.read().threads.values().cloned().collect()
    }

    pub fn from_snapshot(threads: Vec<Thread>) -> Self {
        let store = Self::default();
        {
            let mut t = store.tables.write();
            for thread in threads {
                t.insert(thread);
            }
        }
        store
    }
}

#[async_trait]
impl ThreadStore for EmbeddedThreads {
    async fn thread(&self, key: &ThreadKey) -> Result<Option<Thread>, StoreError> {
        Ok(self.tables.read().threads.get(key).cloned())
    }

    async fn save(&self, thread: &Thread) -> Result<Thread, StoreError> {
        let mut saved = thread.clone();
        saved.version += 1;
        check_item_size(&saved)?;
        let mut t = self.tables.write();
        let stored = t.threads.get(&thread.key).map_or(0, |t| t.version);
        if stored != thread.version {
            return Err(StoreError::Conflict);
        }
        t.insert(saved.clone());
        Ok(saved)
    }

    async fn list(
        &self,
        index: &ThreadIndex,
        page: PageRequest,
    ) -> Result<Page<Thread>, StoreError> {
        let t = self.tables.read();
        let Some(set) = t.listings.get(index) else {
            return Ok(Page {
                items: vec![],
                next: None,
            });
        };
        let before = page
            .cursor
            .as_ref()
            .map(cursor::to_time_and_id)
            .transpose()?;
        let limit = page.limit.max(1) as usize;
        let mut items = Vec::with_capacity(limit);
        let mut last = None;
        let listed: Box<dyn Iterator<Item = (&Position, &ThreadKey)>> = match &before {
            Some(b) => Box::new(set.range(..b.clone()).rev()),
            None => Box::new(set.iter().rev()),
        };
        for (pos, key) in listed {
            if items.len() == limit {
                return Ok(Page {
                    items,
                    next: last.map(|(at, id): &Position| cursor::from_time_and_id(*at, id)),
                });
            }
            items.push(t.threads[key].clone());
            last = Some(pos);
        }
        Ok(Page { items, next: None })
    }

    async fn changes(
        &self,
        org: &OrgId,
        since: Option<&Cursor>,
        limit: u32,
    ) -> Result<Changes, StoreError> {
        let t = self.tables.read();
        let set = t.changes.get(org);
        let newest = || {
            set.and_then(|s| s.keys().next_back())
                .map_or(Timestamp::UNIX_EPOCH, |(at, _)| *at)
        };
        let Some(since) = since else {
            return Ok(Changes {
                threads: vec![],
                cursor: changes_cursor(newest()),
            });
        };
        let since = changes_position(since)?;
        let from = since - CHANGES_OVERLAP;
        let mut threads = Vec::new();
        let mut high = since;
        // Saves strictly after `from`: a range from the next nanosecond.
        let start = (from + jiff::SignedDuration::from_nanos(1), String::new());
        let after = set.into_iter().flat_map(|s| s.range(start.clone()..));
        for ((at, _), key) in after {
            if threads.len() as u32 >= limit.max(1) {
                break;
            }
            high = high.max(*at);
            threads.push(t.threads[key].clone());
        }
        Ok(Changes {
            threads,
            cursor: changes_cursor(high),
        })
    }

    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError> {
        let mut t = self.tables.write();
        let keys: Vec<ThreadKey> = t
            .threads
            .keys()
            .filter(|k| &k.friend == friend)
            .cloned()
            .collect();
        for key in &keys {
            if let Some(thread) = t.threads.remove(key) {
                t.unindex(&thread);
            }
        }
        Ok(keys.len() as u64)
    }
}
