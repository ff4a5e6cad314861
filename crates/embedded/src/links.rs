//! Tracked links and their clicks in memory: links by (organization, id) with
//! their counts, each owner's links in creation order, and each link's first
//! clicks by friend key (the DynamoDB adapter's sort order).

use crate::cursor;
use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_core::friend::FriendKey;
use otodoke_core::link::{Clicked, LinkClick, LinkOwner, LinkStats, TrackedLink};
use otodoke_core::ports::LinkStore;
use otodoke_core::{LinkId, OrgId, Page, PageRequest, StoreError};
use parking_lot::RwLock;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything [`EmbeddedLinks`] holds, for persistence.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LinksSnapshot {
    pub links: Vec<LinkStats>,
    pub clicks: Vec<(OrgId, LinkId, LinkClick)>,
}

/// In-memory [`LinkStore`]: a click is O(log n) under one lock.
#[derive(Default)]
pub struct EmbeddedLinks {
    tables: RwLock<Tables>,
}

#[derive(Default)]
struct Tables {
    links: HashMap<(OrgId, LinkId), LinkStats>,
    by_owner: HashMap<(OrgId, LinkOwner), BTreeSet<(Timestamp, LinkId)>>,
    /// Each link's first clicks, by the friend key's string form.
    clicks: HashMap<(OrgId, LinkId), BTreeMap<String, LinkClick>>,
}

impl Tables {
    fn insert(&mut self, stats: LinkStats) {
        let link = &stats.link;
        self.by_owner
            .entry((link.org.clone(), link.source.owner()))
            .or_default()
            .insert((link.created_at, link.id.clone()));
        self.links
            .insert((link.org.clone(), link.id.clone()), stats);
    }
}

impl EmbeddedLinks {
    pub fn snapshot(&self) -> LinksSnapshot {
        let t = self.tables.read();
        LinksSnapshot {
            links: t.links.values().cloned().collect(),
            clicks: t
                .clicks
                .iter()
                .flat_map(|((org, id), clicks)| {
                    clicks
                        .values()
                        .map(move |c| (org.clone(), id.clone(), c.clone()))
                })
                .collect(),
        }
    }

    pub fn from_snapshot(snapshot: LinksSnapshot) -> Self {
        let mut t = Tables::default();
        for stats in snapshot.links {
            t.insert(stats);
        }
        for (org, id, click) in snapshot.clicks {
            t.clicks
                .entry((org, id))
                .or_default()
                .insert(click.friend.encode(), click);
        }
        Self {
            tables: RwLock::new(t),
        }
    }
}

#[async_trait]
impl LinkStore for EmbeddedLinks {
    async fn register(&self, link: &TrackedLink) -> Result<(), StoreError> {
        crate::limits::check_item_size(link)?;
        let mut t = self.tables.write();
        if !t.links.contains_key(&(link.org.clone(), link.id.clone())) {
            t.insert(LinkStats {
                link: link.clone(),
                clicks: 0,
                friends: 0,
            });
        }
        Ok(())
    }

    async fn link(&self, org: &OrgId, id: &LinkId) -> Result<Option<LinkStats>, StoreError> {
        Ok(self
            .tables
            .read()
            .links
            .get(&(org.clone(), id.clone()))
            .cloned())
    }

    async fn record_click(
        &self,
        org: &OrgId,
        id: &LinkId,
        friend: Option<&FriendKey>,
        at: Timestamp,
    ) -> Result<Clicked, StoreError> {
        let key = (org.clone(), id.clone());
        let mut t = self.tables.write();
        if !t.links.contains_key(&key) {
            return Err(StoreError::NotFound(format!("link {id}")));
        }
        // A friend of another organization is never credited (the adapters key
        // clicks by the link's organization).
        let first = match friend.filter(|f| f.org == *org) {
            Some(friend) => {
                let clicks = t.clicks.entry(key.clone()).or_default();
                match clicks.entry(friend.encode()) {
                    std::collections::btree_map::Entry::Occupied(_) => false,
                    std::collections::btree_map::Entry::Vacant(v) => {
                        v.insert(LinkClick {
                            friend: friend.clone(),
                            at,
                        });
                        true
                    }
                }
            }
            None => false,
        };
        let stats = t.links.get_mut(&key).expect("checked above");
        stats.clicks += 1;
        if first {
            stats.friends += 1;
            return Ok(Clicked::FirstForFriend);
        }
        Ok(Clicked::Counted)
    }

    async fn clicks(
        &self,
        org: &OrgId,
        id: &LinkId,
        page: PageRequest,
    ) -> Result<Page<LinkClick>, StoreError> {
        let t = self.tables.read();
        let Some(clicks) = t.clicks.get(&(org.clone(), id.clone())) else {
            return Ok(Page {
                items: Vec::new(),
                next: None,
            });
        };
        let start = page.cursor.as_ref().map(|c| c.0.clone());
        let range = clicks.range::<String, _>((
            start.map_or(std::ops::Bound::Unbounded, std::ops::Bound::Excluded),
            std::ops::Bound::Unbounded,
        ));
        let limit = page.limit.max(1) as usize;
        let items: Vec<LinkClick> = range.take(limit + 1).map(|(_, c)| c.clone()).collect();
        let more = items.len() > limit;
        let items: Vec<LinkClick> = items.into_iter().take(limit).collect();
        let next = more
            .then(|| items.last().map(|c| cursor::from_id(&c.friend.encode())))
            .flatten();
        Ok(Page { items, next })
    }

    async fn links_of(&self, org: &OrgId, owner: &LinkOwner) -> Result<Vec<LinkStats>, StoreError> {
        let t = self.tables.read();
        let Some(ids) = t.by_owner.get(&(org.clone(), owner.clone())) else {
            return Ok(Vec::new());
        };
        Ok(ids
            .iter()
            .filter_map(|(_, id)| t.links.get(&(org.clone(), id.clone())).cloned())
            .collect())
    }

    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError> {
        let who = friend.encode();
        let mut t = self.tables.write();
        let mut erased = 0;
        for ((org, _), clicks) in t.clicks.iter_mut() {
            if *org == friend.org && clicks.remove(&who).is_some() {
                erased += 1;
            }
        }
        Ok(erased)
    }
}
