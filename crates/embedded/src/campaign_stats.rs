//! LINE's campaign statistics and the per-step counters in memory, with a due
//! index over the records still to be fetched. Saved in the local state file: the
//! per-step counters are otodoke's own and exist nowhere else, and the records say
//! which campaigns' statistics are still to be fetched after a restart.

use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_core::campaign::Progress;
use otodoke_core::insight::{CampaignStats, StepProgress};
use otodoke_core::ports::CampaignStatsStore;
use otodoke_core::{CampaignId, OrgId, StoreError};
use parking_lot::RwLock;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// (organization, campaign, step; `None` sorts first: the campaign's own unit).
type Key = (OrgId, CampaignId, Option<u32>);

/// In-memory [`CampaignStatsStore`]: O(log n) per write, O(log n + k) per listing.
#[derive(Default)]
pub struct EmbeddedCampaignStats {
    tables: RwLock<Tables>,
}

#[derive(Default)]
struct Tables {
    stats: BTreeMap<Key, CampaignStats>,
    due: BTreeSet<(Timestamp, Key)>,
    steps: BTreeMap<(OrgId, CampaignId, u32), Progress>,
}

/// Everything [`EmbeddedCampaignStats`] holds, for persistence.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CampaignStatsSnapshot {
    pub stats: Vec<CampaignStats>,
    pub steps: Vec<(OrgId, CampaignId, u32, Progress)>,
}

impl EmbeddedCampaignStats {
    pub fn snapshot(&self) -> CampaignStatsSnapshot {
        let t = self.tables.read();
        CampaignStatsSnapshot {
            stats: t.stats.values().cloned().collect(),
            steps: t
                .steps
                .iter()
                .map(|((org, campaign, step), progress)| {
                    (org.clone(), campaign.clone(), *step, *progress)
                })
                .collect(),
        }
    }

    pub fn from_snapshot(snapshot: CampaignStatsSnapshot) -> Self {
        let mut t = Tables::default();
        for stats in &snapshot.stats {
            t.put(stats);
        }
        for (org, campaign, step, progress) in snapshot.steps {
            t.steps.insert((org, campaign, step), progress);
        }
        Self {
            tables: RwLock::new(t),
        }
    }
}

fn key(s: &CampaignStats) -> Key {
    (s.org_id.clone(), s.campaign_id.clone(), s.step)
}

impl Tables {
    fn put(&mut self, stats: &CampaignStats) {
        let k = key(stats);
        if let Some(old) = self.stats.get(&k).and_then(|o| o.next_fetch_at) {
            self.due.remove(&(old, k.clone()));
        }
        if let Some(at) = stats.next_fetch_at {
            self.due.insert((at, k.clone()));
        }
        self.stats.insert(k, stats.clone());
    }
}

fn add(to: &mut Progress, delta: Progress) {
    to.planned = to.planned.saturating_add(delta.planned);
    to.sent = to.sent.saturating_add(delta.sent);
    to.failed = to.failed.saturating_add(delta.failed);
    to.skipped = to.skipped.saturating_add(delta.skipped);
    to.quota_used = to.quota_used.saturating_add(delta.quota_used);
}

#[async_trait]
impl CampaignStatsStore for EmbeddedCampaignStats {
    async fn watch(&self, stats: &CampaignStats) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        if t.stats.contains_key(&key(stats)) {
            return Ok(false);
        }
        t.put(stats);
        Ok(true)
    }

    async fn save_stats(&self, stats: &CampaignStats) -> Result<(), StoreError> {
        self.tables.write().put(stats);
        Ok(())
    }

    async fn stats(
        &self,
        org: &OrgId,
        campaign: &CampaignId,
    ) -> Result<Vec<CampaignStats>, StoreError> {
        let t = self.tables.read();
        Ok(t.stats
            .range((org.clone(), campaign.clone(), None)..)
            .take_while(|((o, c, _), _)| o == org && c == campaign)
            .map(|(_, s)| s.clone())
            .collect())
    }

    async fn due_stats(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<CampaignStats>, StoreError> {
        let t = self.tables.read();
        Ok(t.due
            .iter()
            .take_while(|(at, _)| *at <= now)
            .take(limit as usize)
            .filter_map(|(_, k)| t.stats.get(k).cloned())
            .collect())
    }

    async fn add_step_progress(
        &self,
        org: &OrgId,
        campaign: &CampaignId,
        step: u32,
        delta: Progress,
    ) -> Result<(), StoreError> {
        let mut t = self.tables.write();
        add(
            t.steps
                .entry((org.clone(), campaign.clone(), step))
                .or_default(),
            delta,
        );
        Ok(())
    }

    async fn step_progress(
        &self,
        org: &OrgId,
        campaign: &CampaignId,
    ) -> Result<Vec<StepProgress>, StoreError> {
        let t = self.tables.read();
        Ok(t.steps
            .range((org.clone(), campaign.clone(), 0)..)
            .take_while(|((o, c, _), _)| o == org && c == campaign)
            .map(|((_, _, step), progress)| StepProgress {
                step: *step,
                progress: *progress,
            })
            .collect())
    }
}
