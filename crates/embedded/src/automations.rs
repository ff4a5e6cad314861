//! Automations and their runs in memory.
//!
//! Automations keep the time of their first save beside them (the port lists them
//! in creation order; `updated_at` moves with every edit), ordered by
//! `(created, id)` as the DynamoDB adapter orders them. A run is kept under its
//! friend and id (the DynamoDB adapter keeps it in the friend's partition), with
//! two time-ordered indexes: per friend and per automation.

use crate::cursor;
use crate::limits::check_item_size;
use crate::richmenus::{bumped, check_version};
use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_core::automation::{Automation, AutomationRun};
use otodoke_core::friend::FriendKey;
use otodoke_core::ports::AutomationStore;
use otodoke_core::{AutomationId, OrgId, Page, PageRequest, StoreError};
use parking_lot::RwLock;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An automation and when it was first saved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AutomationRow {
    pub automation: Automation,
    pub created: Timestamp,
}

/// Everything [`EmbeddedAutomations`] holds, for persistence.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AutomationsSnapshot {
    pub automations: Vec<AutomationRow>,
    pub runs: Vec<AutomationRun>,
}

/// In-memory [`AutomationStore`]. A run's save costs one JSON serialization (the
/// 400 KB check) and O(automations involved · log n); a page O(log n + limit).
#[derive(Default)]
pub struct EmbeddedAutomations {
    tables: RwLock<Tables>,
}

/// A run's key: its friend and id.
type RunKey = (FriendKey, String);
/// A run's place in a time-ordered listing: its time, then its key's string form
/// (so that the cursor can name it).
type Position = (Timestamp, String);

fn position(run: &AutomationRun) -> Position {
    (run.at, format!("{}#{}", run.friend.encode(), run.id))
}

#[derive(Default)]
struct Tables {
    automations: HashMap<(OrgId, AutomationId), AutomationRow>,
    by_org: HashMap<OrgId, BTreeSet<(Timestamp, AutomationId)>>,
    runs: HashMap<RunKey, AutomationRun>,
    by_friend: HashMap<FriendKey, BTreeMap<Position, RunKey>>,
    by_automation: HashMap<(OrgId, AutomationId), BTreeMap<Position, RunKey>>,
}

impl Tables {
    fn insert_automation(&mut self, row: AutomationRow) {
        let a = &row.automation;
        self.by_org
            .entry(a.org.clone())
            .or_default()
            .insert((row.created, a.id.clone()));
        self.automations.insert((a.org.clone(), a.id.clone()), row);
    }

    /// Stores a run and indexes it (a run's time and automations never change).
    fn insert_run(&mut self, run: AutomationRun) {
        let key = (run.friend.clone(), run.id.clone());
        self.by_friend
            .entry(run.friend.clone())
            .or_default()
            .insert(position(&run), key.clone());
        for automation in run.automations() {
            self.by_automation
                .entry((run.org.clone(), automation.clone()))
                .or_default()
                .insert(position(&run), key.clone());
        }
        self.runs.insert(key, run);
    }

    /// A page of `positions`, newest first.
    fn page(
        &self,
        positions: Option<&BTreeMap<Position, RunKey>>,
        page: &PageRequest,
    ) -> Result<Page<AutomationRun>, StoreError> {
        let before = page
            .cursor
            .as_ref()
            .map(cursor::to_time_and_id)
            .transpose()?;
        let Some(positions) = positions else {
            return Ok(Page {
                items: vec![],
                next: None,
            });
        };
        let limit = page.limit.max(1) as usize;
        let listed: Box<dyn Iterator<Item = (&Position, &RunKey)>> = match before {
            Some(b) => Box::new(positions.range(..b).rev()),
            None => Box::new(positions.iter().rev()),
        };
        let mut listed = listed.peekable();
        let mut items = Vec::with_capacity(limit);
        while let Some(((at, code), key)) = listed.next() {
            items.push(self.runs[key].clone());
            if items.len() == limit {
                let next = listed.peek().map(|_| cursor::from_time_and_id(*at, code));
                return Ok(Page { items, next });
            }
        }
        Ok(Page { items, next: None })
    }
}

impl EmbeddedAutomations {
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of everything, for persistence.
    pub fn snapshot(&self) -> AutomationsSnapshot {
        let t = self.tables.read();
        AutomationsSnapshot {
            automations: t.automations.values().cloned().collect(),
            runs: t.runs.values().cloned().collect(),
        }
    }

    pub fn from_snapshot(snapshot: AutomationsSnapshot) -> Self {
        let store = Self::default();
        {
            let mut t = store.tables.write();
            for row in snapshot.automations {
                t.insert_automation(row);
            }
            for run in snapshot.runs {
                t.insert_run(run);
            }
        }
        store
    }
}

#[async_trait]
impl AutomationStore for EmbeddedAutomations {
    async fn automation(
        &self,
        org: &OrgId,
        id: &AutomationId,
    ) -> Result<Option<Automation>, StoreError> {
        let t = self.tables.read();
        Ok(t.automations
            .get(&(org.clone(), id.clone()))
            .map(|r| r.automation.clone()))
    }

    async fn automations(&self, org: &OrgId) -> Result<Vec<Automation>, StoreError> {
        let t = self.tables.read();
        let Some(ids) = t.by_org.get(org) else {
            return Ok(vec![]);
        };
        Ok(ids
            .iter()
            .map(|(_, id)| t.automations[&(org.clone(), id.clone())].automation.clone())
            .collect())
    }

    async fn save_automation(&self, automation: &Automation) -> Result<Automation, StoreError> {
        let saved = bumped(automation, |a| &mut a.version)?;
        let mut t = self.tables.write();
        let stored = t
            .automations
            .get(&(automation.org.clone(), automation.id.clone()));
        check_version(stored.map(|r| r.automation.version), automation.version)?;
        let created = stored.map_or(automation.updated_at, |r| r.created);
        t.insert_automation(AutomationRow {
            automation: saved.clone(),
            created,
        });
        Ok(saved)
    }

    async fn delete_automation(&self, org: &OrgId, id: &AutomationId) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        let Some(row) = t.automations.remove(&(org.clone(), id.clone())) else {
            return Ok(false);
        };
        if let Some(ids) = t.by_org.get_mut(org) {
            ids.remove(&(row.created, id.clone()));
        }
        Ok(true)
    }

    async fn begin_run(&self, run: &AutomationRun) -> Result<AutomationRun, StoreError> {
        check_item_size(run)?;
        let mut t = self.tables.write();
        if let Some(stored) = t.runs.get(&(run.friend.clone(), run.id.clone())) {
            return Ok(stored.clone());
        }
        t.insert_run(run.clone());
        Ok(run.clone())
    }

    async fn finish_run(&self, run: &AutomationRun) -> Result<(), StoreError> {
        let mut t = self.tables.write();
        let Some(stored) = t.runs.get_mut(&(run.friend.clone(), run.id.clone())) else {
            return Err(StoreError::NotFound(format!("automation run {}", run.id)));
        };
        let mut finished = stored.clone();
        finished.outcome = run.outcome.clone();
        check_item_size(&finished)?;
        *stored = finished;
        Ok(())
    }

    async fn runs_for_friend(
        &self,
        friend: &FriendKey,
        page: PageRequest,
    ) -> Result<Page<AutomationRun>, StoreError> {
        let t = self.tables.read();
        t.page(t.by_friend.get(friend), &page)
    }

    async fn runs_for_automation(
        &self,
        org: &OrgId,
        id: &AutomationId,
        page: PageRequest,
    ) -> Result<Page<AutomationRun>, StoreError> {
        let t = self.tables.read();
        t.page(t.by_automation.get(&(org.clone(), id.clone())), &page)
    }

    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError> {
        let mut t = self.tables.write();
        let Some(positions) = t.by_friend.remove(friend) else {
            return Ok(0);
        };
        for (position, key) in &positions {
            let Some(run) = t.runs.remove(key) else {
                continue;
            };
            for automation in run.automations() {
                if let Some(set) = t
                    .by_automation
                    .get_mut(&(friend.org.clone(), automation.clone()))
                {
                    set.remove(position);
                }
            }
        }
        Ok(positions.len() as u64)
    }
}
