//! Campaigns in memory, with an index per organization (newest first) and an index
//! of scheduled campaigns by start time, so `due` reads only what is due.

use crate::cursor;
use crate::limits::check_item_size;
use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_core::campaign::{
    Campaign, CampaignStatus, FanoutBatch, PlannerCheckpoint, Progress, Schedule,
};
use otodoke_core::ports::CampaignStore;
use otodoke_core::{CampaignId, OrgId, Page, PageRequest, StoreError};
use parking_lot::RwLock;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;

/// In-memory [`CampaignStore`]. Every call is a hash lookup plus O(log n) index
/// work; `by_org` and `due` cost O(log n + limit).
#[derive(Default)]
pub struct EmbeddedCampaigns {
    tables: RwLock<Tables>,
}

/// A campaign and its planner checkpoint, as persisted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CampaignRow {
    pub campaign: Campaign,
    pub checkpoint: PlannerCheckpoint,
    /// Fan-out batches parked while the campaign is paused, by batch number.
    #[serde(default)]
    pub parked: BTreeMap<u32, FanoutBatch>,
}

#[derive(Default)]
struct Tables {
    rows: HashMap<CampaignId, CampaignRow>,
    by_org: HashMap<OrgId, BTreeSet<(Timestamp, CampaignId)>>,
    due: BTreeSet<(Timestamp, CampaignId)>,
}

/// Where a campaign sits in the due index: scheduled campaigns with a start time.
fn due_key(c: &Campaign) -> Option<(Timestamp, CampaignId)> {
    match (&c.schedule, c.status) {
        (Schedule::At { at }, CampaignStatus::Scheduled) => Some((*at, c.id.clone())),
        _ => None,
    }
}

fn org_key(c: &Campaign) -> (Timestamp, CampaignId) {
    (c.created_at, c.id.clone())
}

impl Tables {
    fn unindex(&mut self, c: &Campaign) {
        if let Some(set) = self.by_org.get_mut(&c.org_id) {
            set.remove(&org_key(c));
        }
        if let Some(key) = due_key(c) {
            self.due.remove(&key);
        }
    }

    fn index(&mut self, c: &Campaign) {
        self.by_org
            .entry(c.org_id.clone())
            .or_default()
            .insert(org_key(c));
        if let Some(key) = due_key(c) {
            self.due.insert(key);
        }
    }

    /// Replaces the campaign `id` with what `edit` makes of it, keeping indexes right.
    fn update<T>(
        &mut self,
        id: &CampaignId,
        edit: impl FnOnce(&mut CampaignRow) -> T,
    ) -> Option<T> {
        let mut row = self.rows.remove(id)?;
        self.unindex(&row.campaign);
        let answer = edit(&mut row);
        self.index(&row.campaign);
        self.rows.insert(id.clone(), row);
        Some(answer)
    }

    fn remove(&mut self, id: &CampaignId) {
        if let Some(row) = self.rows.remove(id) {
            self.unindex(&row.campaign);
        }
    }

    fn insert(&mut self, row: CampaignRow) {
        self.index(&row.campaign);
        self.rows.insert(row.campaign.id.clone(), row);
    }
}

impl EmbeddedCampaigns {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of everything stored, for persistence. Cost: clones every item.
    pub fn snapshot(&self) -> Vec<CampaignRow> {
        self.tables.read().rows.values().cloned().collect()
    }

    /// A store holding what [`Self::snapshot`] returned, with its indexes rebuilt.
    pub fn from_snapshot(rows: Vec<CampaignRow>) -> Self {
        let mut tables = Tables::default();
        for row in rows {
            tables.insert(row);
        }
        Self {
            tables: RwLock::new(tables),
        }
    }
}

fn not_found(id: &CampaignId) -> StoreError {
    StoreError::NotFound(format!("campaign {id}"))
}

#[async_trait]
impl CampaignStore for EmbeddedCampaigns {
    async fn create(&self, campaign: &Campaign) -> Result<(), StoreError> {
        let mut stored = campaign.clone();
        stored.version = 1;
        check_item_size(&stored)?;
        let mut t = self.tables.write();
        if t.rows.contains_key(&campaign.id) {
            return Err(StoreError::Conflict);
        }
        t.insert(CampaignRow {
            campaign: stored,
            checkpoint: PlannerCheckpoint::default(),
            parked: BTreeMap::new(),
        });
        Ok(())
    }

    async fn campaign(&self, id: &CampaignId) -> Result<Option<Campaign>, StoreError> {
        Ok(self.tables.read().rows.get(id).map(|r| r.campaign.clone()))
    }

    async fn by_org(&self, org: &OrgId, page: PageRequest) -> Result<Page<Campaign>, StoreError> {
        let t = self.tables.read();
        let Some(index) = t.by_org.get(org) else {
            return Ok(Page {
                items: Vec::new(),
                next: None,
            });
        };
        let upper = match &page.cursor {
            Some(c) => {
                let (at, id) = cursor::to_time_and_id(c)?;
                let id = CampaignId::new(id)
                    .map_err(|_| StoreError::InvalidCursor(format!("{:?}", c.0)))?;
                Bound::Excluded((at, id))
            }
            None => Bound::Unbounded,
        };
        let limit = page.limit.max(1) as usize;
        let mut newest_first = index
            .range((Bound::Unbounded, upper))
            .rev()
            .filter_map(|(_, id)| t.rows.get(id));
        let items: Vec<Campaign> = newest_first
            .by_ref()
            .take(limit)
            .map(|r| r.campaign.clone())
            .collect();
        let next = match (newest_first.next(), items.last()) {
            (Some(_), Some(last)) => {
                Some(cursor::from_time_and_id(last.created_at, last.id.as_str()))
            }
            _ => None,
        };
        Ok(Page { items, next })
    }

    async fn save_draft(&self, campaign: &Campaign) -> Result<Campaign, StoreError> {
        check_item_size(campaign)?;
        let mut t = self.tables.write();
        let stored = t
            .rows
            .get(&campaign.id)
            .map(|r| (r.campaign.version, r.campaign.status));
        if stored != Some((campaign.version, CampaignStatus::Draft)) {
            return Err(StoreError::Conflict);
        }
        let saved = t.update(&campaign.id, |row| {
            let mut next = campaign.clone();
            next.status = row.campaign.status;
            next.progress = row.campaign.progress;
            next.version = row.campaign.version + 1;
            row.campaign = next.clone();
            next
        });
        saved.ok_or_else(|| not_found(&campaign.id))
    }

    async fn delete_draft(&self, id: &CampaignId) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        match t.rows.get(id).map(|r| r.campaign.status) {
            None => Ok(false),
            Some(CampaignStatus::Draft) => {
                t.remove(id);
                Ok(true)
            }
            Some(_) => Err(StoreError::Conflict),
        }
    }

    async fn transition(
        &self,
        id: &CampaignId,
        from: CampaignStatus,
        to: CampaignStatus,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        if t.rows.get(id).map(|r| r.campaign.status) != Some(from) {
            return Ok(false);
        }
        t.update(id, |row| {
            row.campaign.status = to;
            row.campaign.updated_at = now;
        });
        Ok(true)
    }

    async fn due(&self, now: Timestamp, limit: u32) -> Result<Vec<CampaignId>, StoreError> {
        let t = self.tables.read();
        Ok(t.due
            .iter()
            .take_while(|(at, _)| *at <= now)
            .take(limit as usize)
            .map(|(_, id)| id.clone())
            .collect())
    }

    async fn add_progress(&self, id: &CampaignId, delta: Progress) -> Result<(), StoreError> {
        let mut t = self.tables.write();
        let row = t.rows.get_mut(id).ok_or_else(|| not_found(id))?;
        let p = &mut row.campaign.progress;
        p.planned = p.planned.saturating_add(delta.planned);
        p.sent = p.sent.saturating_add(delta.sent);
        p.failed = p.failed.saturating_add(delta.failed);
        p.skipped = p.skipped.saturating_add(delta.skipped);
        p.quota_used = p.quota_used.saturating_add(delta.quota_used);
        Ok(())
    }

    async fn checkpoint(&self, id: &CampaignId) -> Result<PlannerCheckpoint, StoreError> {
        let t = self.tables.read();
        let row = t.rows.get(id).ok_or_else(|| not_found(id))?;
        Ok(row.checkpoint.clone())
    }

    async fn advance_checkpoint(
        &self,
        id: &CampaignId,
        expected_next_batch: u32,
        next: &PlannerCheckpoint,
    ) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        let row = t.rows.get_mut(id).ok_or_else(|| not_found(id))?;
        if row.checkpoint.next_batch != expected_next_batch {
            return Ok(false);
        }
        row.checkpoint = next.clone();
        Ok(true)
    }

    async fn park(&self, batch: &FanoutBatch) -> Result<(), StoreError> {
        check_item_size(batch)?;
        let mut t = self.tables.write();
        let row = t
            .rows
            .get_mut(&batch.campaign_id)
            .ok_or_else(|| not_found(&batch.campaign_id))?;
        row.parked.insert(batch.batch_no, batch.clone());
        Ok(())
    }

    async fn parked(&self, id: &CampaignId, limit: u32) -> Result<Vec<FanoutBatch>, StoreError> {
        let t = self.tables.read();
        Ok(t.rows.get(id).map_or_else(Vec::new, |row| {
            row.parked.values().take(limit as usize).cloned().collect()
        }))
    }

    async fn unpark(&self, id: &CampaignId, batch_no: u32) -> Result<(), StoreError> {
        if let Some(row) = self.tables.write().rows.get_mut(id) {
            row.parked.remove(&batch_no);
        }
        Ok(())
    }
}
