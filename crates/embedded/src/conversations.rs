//! Conversation history in memory: per friend ordered by entry id (a ULID, so by
//! time), per store ordered by `(at, id)`, and LINE message ids indexed for `unsend`.

use crate::cursor;
use crate::limits::check_item_size;
use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_core::conversation::ConversationEntry;
use otodoke_core::friend::FriendKey;
use otodoke_core::media::MediaRef;
use otodoke_core::ports::ConversationStore;
use otodoke_core::{Page, PageRequest, StoreError, StoreKey};
use parking_lot::RwLock;
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

/// In-memory [`ConversationStore`]. A page costs O(log n + limit); an append one
/// JSON serialization (the 400 KB check) and three index insertions.
#[derive(Default)]
pub struct EmbeddedConversations {
    tables: RwLock<Tables>,
}

#[derive(Default)]
struct Tables {
    by_friend: HashMap<FriendKey, BTreeMap<String, ConversationEntry>>,
    by_store: HashMap<StoreKey, BTreeMap<(Timestamp, String), FriendKey>>,
    by_line_id: HashMap<(FriendKey, String), String>,
}

impl Tables {
    fn insert(&mut self, entry: ConversationEntry) {
        let history = self.by_friend.entry(entry.friend.clone()).or_default();
        // The first append of an id wins: a redelivered event must not undo an unsend.
        if history.contains_key(&entry.id) {
            return;
        }
        if let Some(store) = &entry.store_id {
            let store = StoreKey::new(entry.friend.org.clone(), store.clone());
            self.by_store
                .entry(store)
                .or_default()
                .insert((entry.at, entry.id.clone()), entry.friend.clone());
        }
        if let Some(line_id) = &entry.line_message_id {
            self.by_line_id
                .insert((entry.friend.clone(), line_id.clone()), entry.id.clone());
        }
        history.insert(entry.id.clone(), entry);
    }

    /// Removes a friend's history and its index entries; returns how many entries.
    fn erase(&mut self, friend: &FriendKey) -> u64 {
        let Some(history) = self.by_friend.remove(friend) else {
            return 0;
        };
        for entry in history.values() {
            if let Some(store) = &entry.store_id {
                let store = StoreKey::new(friend.org.clone(), store.clone());
                if let Some(index) = self.by_store.get_mut(&store) {
                    index.remove(&(entry.at, entry.id.clone()));
                }
            }
            if let Some(line_id) = &entry.line_message_id {
                self.by_line_id.remove(&(friend.clone(), line_id.clone()));
            }
        }
        history.len() as u64
    }
}

impl EmbeddedConversations {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of every entry, for persistence.
    pub fn snapshot(&self) -> Vec<ConversationEntry> {
        let t = self.tables.read();
        t.by_friend
            .values()
            .flat_map(|h| h.values().cloned())
            .collect()
    }

    /// A store holding what [`Self::snapshot`] returned, with its indexes rebuilt.
    pub fn from_snapshot(entries: Vec<ConversationEntry>) -> Self {
        let mut tables = Tables::default();
        for entry in entries {
            tables.insert(entry);
        }
        Self {
            tables: RwLock::new(tables),
        }
    }
}

#[async_trait]
impl ConversationStore for EmbeddedConversations {
    async fn append(&self, entry: &ConversationEntry) -> Result<(), StoreError> {
        check_item_size(entry)?;
        self.tables.write().insert(entry.clone());
        Ok(())
    }

    async fn history(
        &self,
        friend: &FriendKey,
        page: PageRequest,
    ) -> Result<Page<ConversationEntry>, StoreError> {
        let t = self.tables.read();
        let Some(history) = t.by_friend.get(friend) else {
            return Ok(Page {
                items: Vec::new(),
                next: None,
            });
        };
        let upper = match &page.cursor {
            Some(c) => Bound::Excluded(c.0.clone()),
            None => Bound::Unbounded,
        };
        let limit = page.limit.max(1) as usize;
        let mut newest_first = history.range((Bound::Unbounded, upper)).rev();
        let items: Vec<ConversationEntry> = newest_first
            .by_ref()
            .take(limit)
            .map(|(_, e)| e.clone())
            .collect();
        let next = match (newest_first.next(), items.last()) {
            (Some(_), Some(last)) => Some(cursor::from_id(&last.id)),
            _ => None,
        };
        Ok(Page { items, next })
    }

    async fn by_store(
        &self,
        store: &StoreKey,
        from: Timestamp,
        to: Timestamp,
        page: PageRequest,
    ) -> Result<Page<ConversationEntry>, StoreError> {
        let t = self.tables.read();
        let Some(index) = t.by_store.get(store).filter(|_| from < to) else {
            return Ok(Page {
                items: Vec::new(),
                next: None,
            });
        };
        let lower = match &page.cursor {
            Some(c) => Bound::Excluded(cursor::to_time_and_id(c)?),
            None => Bound::Included((from, String::new())),
        };
        let upper = Bound::Excluded((to, String::new()));
        let limit = page.limit.max(1) as usize;
        let mut oldest_first = index
            .range((lower, upper))
            .filter_map(|((_, id), friend)| t.by_friend.get(friend).and_then(|h| h.get(id)));
        let items: Vec<ConversationEntry> = oldest_first.by_ref().take(limit).cloned().collect();
        let next = match (oldest_first.next(), items.last()) {
            (Some(_), Some(last)) => Some(cursor::from_time_and_id(last.at, &last.id)),
            _ => None,
        };
        Ok(Page { items, next })
    }

    async fn hide(&self, friend: &FriendKey, line_message_id: &str) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        let Some(id) = t
            .by_line_id
            .get(&(friend.clone(), line_message_id.to_owned()))
            .cloned()
        else {
            return Ok(false);
        };
        match t.by_friend.get_mut(friend).and_then(|h| h.get_mut(&id)) {
            Some(entry) => {
                entry.hidden = true;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError> {
        Ok(self.tables.write().erase(friend))
    }

    async fn attach_media(
        &self,
        friend: &FriendKey,
        entry_id: &str,
        media: &MediaRef,
    ) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        let Some(entry) = t
            .by_friend
            .get_mut(friend)
            .and_then(|h| h.get_mut(entry_id))
        else {
            return Ok(false);
        };
        let mut attached = entry.clone();
        attached.media = Some(media.clone());
        check_item_size(&attached)?;
        *entry = attached;
        Ok(true)
    }
}
