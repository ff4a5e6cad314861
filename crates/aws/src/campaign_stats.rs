//! `CampaignStatsStore` in the campaigns table, in a partition of its own per
//! organization and campaign (`CSTATS#<org>#<campaign>`): one item per
//! aggregation unit (`UNIT#-` for the campaign's own, `UNIT#<step, 10 digits>`
//! for a step's) holding the record, and one item per step's counters
//! (`STEP#<step, 10 digits>`, counters added atomically). Records still to be
//! fetched carry `due_pk = STATS` and `due_sk = <next fetch>#<pk>#<sk>` in the
//! table's sparse `due` index (whose `SCHEDULED` partition the campaigns use).

use crate::error::store_unavailable;
use crate::item::{check_size, from_doc, get_s, get_u64, n, s, time_key, to_doc, Item, DOC};
use crate::query;
use crate::schema::{index, PK, SK};
use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use jiff::Timestamp;
use otodoke_core::campaign::Progress;
use otodoke_core::insight::{CampaignStats, StepProgress};
use otodoke_core::ports::CampaignStatsStore;
use otodoke_core::{CampaignId, OrgId, PageRequest, StoreError};

const DUE_PARTITION: &str = "STATS";
const UNIT_PREFIX: &str = "UNIT#";
const STEP_PREFIX: &str = "STEP#";
const COUNTERS: [&str; 5] = ["planned", "sent", "failed", "skipped", "quota_used"];

/// LINE's campaign statistics and step counters in the campaigns table.
#[derive(Debug, Clone)]
pub struct DynamoCampaignStats {
    client: Client,
    table: String,
}

fn pk(org: &OrgId, campaign: &CampaignId) -> String {
    format!("CSTATS#{org}#{campaign}")
}

fn unit_sk(step: Option<u32>) -> String {
    match step {
        None => format!("{UNIT_PREFIX}-"),
        Some(step) => format!("{UNIT_PREFIX}{step:010}"),
    }
}

fn stats_item(stats: &CampaignStats) -> Result<Item, StoreError> {
    let pk = pk(&stats.org_id, &stats.campaign_id);
    let sk = unit_sk(stats.step);
    let mut item = Item::from([
        (PK.to_string(), s(&pk)),
        (SK.to_string(), s(&sk)),
        (DOC.to_string(), to_doc(stats)?),
    ]);
    if let Some(at) = stats.next_fetch_at {
        item.insert("due_pk".into(), s(DUE_PARTITION));
        item.insert("due_sk".into(), s(format!("{}#{pk}#{sk}", time_key(at))));
    }
    check_size(&item)?;
    Ok(item)
}

impl DynamoCampaignStats {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    async fn get(&self, pk: &str, sk: &str) -> Result<Option<CampaignStats>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s(sk))
            .send()
            .await
            .map_err(|e| store_unavailable("GetItem", e))?;
        out.item
            .map(|item| from_doc(&item, "campaign stats"))
            .transpose()
    }
}

#[async_trait]
impl CampaignStatsStore for DynamoCampaignStats {
    /// One PutItem of a new item (`versioned::put_new`): the first send's record
    /// is kept.
    async fn watch(&self, stats: &CampaignStats) -> Result<bool, StoreError> {
        crate::versioned::put_new(&self.client, &self.table, stats_item(stats)?).await
    }

    async fn save_stats(&self, stats: &CampaignStats) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(stats_item(stats)?))
            .send()
            .await
            .map_err(|e| store_unavailable("PutItem", e))?;
        Ok(())
    }

    async fn stats(
        &self,
        org: &OrgId,
        campaign: &CampaignId,
    ) -> Result<Vec<CampaignStats>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :unit)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(pk(org, campaign)))
            .expression_attribute_values(":unit", s(UNIT_PREFIX))
            .consistent_read(true);
        let mut all: Vec<CampaignStats> = query::all(request)
            .await?
            .iter()
            .map(|item| from_doc(item, "campaign stats"))
            .collect::<Result<_, _>>()?;
        // `UNIT#-` sorts after the digits; the campaign's own unit goes first.
        all.sort_by_key(|s| s.step.map_or(0, |n| u64::from(n) + 1));
        Ok(all)
    }

    async fn due_stats(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<CampaignStats>, StoreError> {
        if limit == 0 {
            return Ok(vec![]);
        }
        // Every key at or before `now`: the time prefix, then `#` (0x23) sorts
        // below any digit, so "<now>$" bounds the range from above.
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index::DUE)
            .key_condition_expression("due_pk = :p AND due_sk < :upto")
            .expression_attribute_values(":p", s(DUE_PARTITION))
            .expression_attribute_values(":upto", s(format!("{}$", time_key(now))));
        let (keys, _) = query::page(request, &PageRequest::first(limit)).await?;
        let mut due = Vec::with_capacity(keys.len());
        for key in &keys {
            let (Some(pk), Some(sk)) = (get_s(key, PK), get_s(key, SK)) else {
                continue;
            };
            // The index is eventually consistent: a record fetched since is
            // skipped when its stored time is no longer due.
            if let Some(stats) = self.get(pk, sk).await? {
                if stats.next_fetch_at.is_some_and(|at| at <= now) {
                    due.push(stats);
                }
            }
        }
        Ok(due)
    }

    async fn add_step_progress(
        &self,
        org: &OrgId,
        campaign: &CampaignId,
        step: u32,
        delta: Progress,
    ) -> Result<(), StoreError> {
        self.client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(pk(org, campaign)))
            .key(SK, s(format!("{STEP_PREFIX}{step:010}")))
            .update_expression("ADD planned :p, sent :s, failed :f, skipped :k, quota_used :q")
            .expression_attribute_values(":p", n(delta.planned))
            .expression_attribute_values(":s", n(delta.sent))
            .expression_attribute_values(":f", n(delta.failed))
            .expression_attribute_values(":k", n(delta.skipped))
            .expression_attribute_values(":q", n(delta.quota_used))
            .send()
            .await
            .map_err(|e| store_unavailable("UpdateItem", e))?;
        Ok(())
    }

    async fn step_progress(
        &self,
        org: &OrgId,
        campaign: &CampaignId,
    ) -> Result<Vec<StepProgress>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :step)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(pk(org, campaign)))
            .expression_attribute_values(":step", s(STEP_PREFIX))
            .consistent_read(true);
        let what = "step counters";
        query::all(request)
            .await?
            .iter()
            .map(|item| {
                let step = get_s(item, SK)
                    .and_then(|sk| sk.strip_prefix(STEP_PREFIX))
                    .and_then(|n| n.parse::<u32>().ok())
                    .ok_or_else(|| crate::error::corrupt(what, "bad step key"))?;
                let c = |name| get_u64(item, name, what).map(|v| v.unwrap_or(0));
                let [planned, sent, failed, skipped, quota_used] = COUNTERS;
                Ok(StepProgress {
                    step,
                    progress: Progress {
                        planned: c(planned)?,
                        sent: c(sent)?,
                        failed: c(failed)?,
                        skipped: c(skipped)?,
                        quota_used: c(quota_used)?,
                    },
                })
            })
            .collect()
    }
}
