//! Rich menus, menu rules and relink jobs in memory.
//!
//! Menus keep the time of their first save beside them: the port lists a channel's
//! menus oldest first, and a menu's own `updated_at` moves with every edit. Menus
//! are ordered by `(created, id)`, as the DynamoDB adapter orders them.

use crate::limits::check_item_size;
use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_core::ports::RichMenuStore;
use otodoke_core::richmenu::{MenuRules, RelinkJob, RichMenu};
use otodoke_core::{ChannelId, OrgId, RichMenuId, StoreError};
use parking_lot::RwLock;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A menu and when it was first saved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MenuRow {
    pub menu: RichMenu,
    pub created: Timestamp,
}

/// Everything [`EmbeddedRichMenus`] holds, for persistence.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RichMenusSnapshot {
    pub menus: Vec<MenuRow>,
    pub rules: Vec<MenuRules>,
    pub jobs: Vec<RelinkJob>,
}

/// In-memory [`RichMenuStore`]. A save costs one JSON serialization (the 400 KB
/// check) and O(log n); a channel's menus O(menus of the channel).
#[derive(Default)]
pub struct EmbeddedRichMenus {
    tables: RwLock<Tables>,
}

#[derive(Default)]
struct Tables {
    menus: HashMap<(OrgId, RichMenuId), MenuRow>,
    by_channel: HashMap<(OrgId, ChannelId), BTreeSet<(Timestamp, RichMenuId)>>,
    rules: HashMap<(OrgId, ChannelId), MenuRules>,
    /// Jobs by channel, in id (ULID, so creation) order.
    jobs: BTreeMap<(OrgId, ChannelId, String), RelinkJob>,
    job_channel: HashMap<(OrgId, String), ChannelId>,
}

/// `Conflict` unless the stored version (0: none) is the one the writer read.
pub(crate) fn check_version(stored: Option<u64>, expected: u64) -> Result<(), StoreError> {
    if stored.unwrap_or(0) == expected {
        Ok(())
    } else {
        Err(StoreError::Conflict)
    }
}

/// `value` with its version bumped, once it fits in an item.
pub(crate) fn bumped<T: Clone + Serialize>(
    value: &T,
    version: impl FnOnce(&mut T) -> &mut u64,
) -> Result<T, StoreError> {
    let mut saved = value.clone();
    *version(&mut saved) += 1;
    check_item_size(&saved)?;
    Ok(saved)
}

impl Tables {
    fn insert_menu(&mut self, row: MenuRow) {
        let m = &row.menu;
        self.by_channel
            .entry((m.org.clone(), m.channel.clone()))
            .or_default()
            .insert((row.created, m.id.clone()));
        self.menus.insert((m.org.clone(), m.id.clone()), row);
    }

    fn insert_job(&mut self, job: RelinkJob) {
        self.job_channel
            .insert((job.org.clone(), job.id.clone()), job.channel.clone());
        self.jobs
            .insert((job.org.clone(), job.channel.clone(), job.id.clone()), job);
    }
}

impl EmbeddedRichMenus {
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of everything, for persistence.
    pub fn snapshot(&self) -> RichMenusSnapshot {
        let t = self.tables.read();
        RichMenusSnapshot {
            menus: t.menus.values().cloned().collect(),
            rules: t.rules.values().cloned().collect(),
            jobs: t.jobs.values().cloned().collect(),
        }
    }

    pub fn from_snapshot(snapshot: RichMenusSnapshot) -> Self {
        let store = Self::default();
        {
            let mut t = store.tables.write();
            for row in snapshot.menus {
                t.insert_menu(row);
            }
            for rules in snapshot.rules {
                t.rules
                    .insert((rules.org.clone(), rules.channel.clone()), rules);
            }
            for job in snapshot.jobs {
                t.insert_job(job);
            }
        }
        store
    }
}

#[async_trait]
impl RichMenuStore for EmbeddedRichMenus {
    async fn menu(&self, org: &OrgId, id: &RichMenuId) -> Result<Option<RichMenu>, StoreError> {
        let t = self.tables.read();
        Ok(t.menus
            .get(&(org.clone(), id.clone()))
            .map(|r| r.menu.clone()))
    }

    async fn menus(&self, org: &OrgId, channel: &ChannelId) -> Result<Vec<RichMenu>, StoreError> {
        let t = self.tables.read();
        let Some(ids) = t.by_channel.get(&(org.clone(), channel.clone())) else {
            return Ok(vec![]);
        };
        Ok(ids
            .iter()
            .map(|(_, id)| t.menus[&(org.clone(), id.clone())].menu.clone())
            .collect())
    }

    async fn save_menu(&self, menu: &RichMenu) -> Result<RichMenu, StoreError> {
        let saved = bumped(menu, |m| &mut m.version)?;
        let mut t = self.tables.write();
        let stored = t.menus.get(&(menu.org.clone(), menu.id.clone()));
        check_version(stored.map(|r| r.menu.version), menu.version)?;
        // A menu never moves to another channel: the id is the organization's.
        if stored.is_some_and(|r| r.menu.channel != menu.channel) {
            return Err(StoreError::Conflict);
        }
        let created = stored.map_or(menu.updated_at, |r| r.created);
        t.insert_menu(MenuRow {
            menu: saved.clone(),
            created,
        });
        Ok(saved)
    }

    async fn delete_menu(&self, org: &OrgId, id: &RichMenuId) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        let Some(row) = t.menus.remove(&(org.clone(), id.clone())) else {
            return Ok(false);
        };
        if let Some(ids) = t
            .by_channel
            .get_mut(&(org.clone(), row.menu.channel.clone()))
        {
            ids.remove(&(row.created, id.clone()));
        }
        Ok(true)
    }

    async fn rules(&self, org: &OrgId, channel: &ChannelId) -> Result<MenuRules, StoreError> {
        let t = self.tables.read();
        Ok(t.rules
            .get(&(org.clone(), channel.clone()))
            .cloned()
            .unwrap_or_else(|| MenuRules::empty(org.clone(), channel.clone())))
    }

    async fn save_rules(&self, rules: &MenuRules) -> Result<MenuRules, StoreError> {
        let saved = bumped(rules, |r| &mut r.version)?;
        let mut t = self.tables.write();
        let key = (rules.org.clone(), rules.channel.clone());
        check_version(t.rules.get(&key).map(|r| r.version), rules.version)?;
        t.rules.insert(key, saved.clone());
        Ok(saved)
    }

    async fn relink_job(&self, org: &OrgId, id: &str) -> Result<Option<RelinkJob>, StoreError> {
        let t = self.tables.read();
        let Some(channel) = t.job_channel.get(&(org.clone(), id.to_owned())) else {
            return Ok(None);
        };
        Ok(t.jobs
            .get(&(org.clone(), channel.clone(), id.to_owned()))
            .cloned())
    }

    async fn relink_jobs(
        &self,
        org: &OrgId,
        channel: &ChannelId,
        limit: u32,
    ) -> Result<Vec<RelinkJob>, StoreError> {
        let t = self.tables.read();
        let from = (org.clone(), channel.clone(), String::new());
        Ok(t.jobs
            .range(from..)
            .take_while(|((o, c, _), _)| o == org && c == channel)
            .map(|(_, job)| job.clone())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .take(limit.max(1) as usize)
            .collect())
    }

    async fn save_relink_job(&self, job: &RelinkJob) -> Result<RelinkJob, StoreError> {
        let saved = bumped(job, |j| &mut j.version)?;
        let mut t = self.tables.write();
        let stored = t
            .job_channel
            .get(&(job.org.clone(), job.id.clone()))
            .cloned()
            .and_then(|c| t.jobs.get(&(job.org.clone(), c, job.id.clone())));
        check_version(stored.map(|j| j.version), job.version)?;
        if stored.is_some_and(|j| j.channel != job.channel) {
            return Err(StoreError::Conflict);
        }
        t.insert_job(saved.clone());
        Ok(saved)
    }
}
