//! `CampaignStore` on DynamoDB: one item per campaign (`CAMP#<id>` / `CAMPAIGN`)
//! whose status, version and progress counters are top-level attributes (so they
//! can be conditioned on and added to atomically) next to the record, and one
//! planner checkpoint item in the same partition. Two indexes: an organization's
//! campaigns by creation time, and a sparse `due` index that holds only
//! scheduled campaigns with a send time.

use crate::error::condition_failed;
use crate::error::store_unavailable;
use crate::item::{check_size, from_doc, get_s, get_u64, n, s, time_key, to_doc, Item, DOC};
use crate::query;
use crate::schema::{index, PK, SK};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::ReturnValue;
use aws_sdk_dynamodb::Client;
use jiff::Timestamp;
use otodoke_core::campaign::{
    Campaign, CampaignStatus, FanoutBatch, PlannerCheckpoint, Progress, Schedule,
};
use otodoke_core::ports::CampaignStore;
use otodoke_core::{CampaignId, OrgId, Page, PageRequest, StoreError};

const CAMPAIGN_SK: &str = "CAMPAIGN";
const CHECKPOINT_SK: &str = "CHECKPOINT";
/// Parked fan-out batches of a paused campaign: `PARKED#<batch number, 10 digits>`.
const PARKED_PREFIX: &str = "PARKED#";

fn parked_sk(batch_no: u32) -> String {
    format!("{PARKED_PREFIX}{batch_no:010}")
}
const VERSION: &str = "ver";
const STATUS: &str = "status";
const NEXT_BATCH: &str = "next_batch";
/// The one partition of the `due` index: scheduled campaigns are few (tens per
/// organization), far below a partition's throughput.
const DUE_PARTITION: &str = "SCHEDULED";
const PROGRESS: [&str; 5] = ["planned", "sent", "failed", "skipped", "quota_used"];

/// Campaigns in a DynamoDB table.
#[derive(Debug, Clone)]
pub struct DynamoCampaigns {
    client: Client,
    table: String,
}

fn campaign_pk(id: &CampaignId) -> String {
    format!("CAMP#{id}")
}

/// The storage name of a status (its serde name, e.g. `scheduled`).
fn status_name(status: CampaignStatus) -> String {
    match serde_json::to_value(status) {
        Ok(serde_json::Value::String(name)) => name,
        _ => unreachable!("a unit enum serializes as a string"),
    }
}

/// The campaign as an item: the record, plus status, version, progress and the
/// index keys at the top level.
pub fn campaign_item(campaign: &Campaign) -> Result<Item, StoreError> {
    let mut item = Item::from([
        (PK.to_string(), s(campaign_pk(&campaign.id))),
        (SK.to_string(), s(CAMPAIGN_SK)),
        (DOC.to_string(), to_doc(campaign)?),
        (VERSION.to_string(), n(campaign.version)),
        (STATUS.to_string(), s(status_name(campaign.status))),
        ("org_pk".to_string(), s(format!("O#{}", campaign.org_id))),
        (
            "org_sk".to_string(),
            s(format!("{}#{}", time_key(campaign.created_at), campaign.id)),
        ),
    ]);
    let p = campaign.progress;
    for (name, value) in PROGRESS
        .iter()
        .zip([p.planned, p.sent, p.failed, p.skipped, p.quota_used])
    {
        item.insert(name.to_string(), n(value));
    }
    if let Some(due) = due_key(&campaign.schedule) {
        item.insert("due_sk".into(), s(due));
    }
    if campaign.status == CampaignStatus::Scheduled {
        item.insert("due_pk".into(), s(DUE_PARTITION));
    }
    Ok(item)
}

fn due_key(schedule: &Schedule) -> Option<String> {
    match schedule {
        Schedule::At { at } => Some(time_key(*at)),
        _ => None,
    }
}

/// The campaign held in an item; the top-level attributes win over the record's.
pub fn campaign_of(item: &Item) -> Result<Campaign, StoreError> {
    let what = "campaign";
    let mut campaign: Campaign = from_doc(item, what)?;
    if let Some(v) = get_u64(item, VERSION, what)? {
        campaign.version = v;
    }
    if let Some(status) = get_s(item, STATUS) {
        campaign.status = serde_json::from_value(serde_json::Value::String(status.into()))
            .map_err(|e| crate::error::corrupt(what, e))?;
    }
    let counter = |name| get_u64(item, name, what).map(|v| v.unwrap_or(0));
    campaign.progress = Progress {
        planned: counter("planned")?,
        sent: counter("sent")?,
        failed: counter("failed")?,
        skipped: counter("skipped")?,
        quota_used: counter("quota_used")?,
    };
    Ok(campaign)
}

impl DynamoCampaigns {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }
}

#[async_trait]
impl CampaignStore for DynamoCampaigns {
    /// One conditional PutItem; stores the campaign at version 1.
    async fn create(&self, campaign: &Campaign) -> Result<(), StoreError> {
        let item = campaign_item(&Campaign {
            version: 1,
            ..campaign.clone()
        })?;
        check_size(&item)?;
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if condition_failed!(e) => Err(StoreError::Conflict),
            Err(e) => Err(store_unavailable("PutItem", e)),
        }
    }

    async fn campaign(&self, id: &CampaignId) -> Result<Option<Campaign>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(campaign_pk(id)))
            .key(SK, s(CAMPAIGN_SK))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_unavailable("GetItem", e))?;
        out.item.as_ref().map(campaign_of).transpose()
    }

    /// One Query on the `org_campaigns` index, backwards.
    async fn by_org(&self, org: &OrgId, page: PageRequest) -> Result<Page<Campaign>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index::ORG_CAMPAIGNS)
            .key_condition_expression("org_pk = :o")
            .expression_attribute_values(":o", s(format!("O#{org}")))
            .scan_index_forward(false);
        let (items, next) = query::page(request, &page).await?;
        let items = items.iter().map(campaign_of).collect::<Result<_, _>>()?;
        Ok(Page { items, next })
    }

    /// One conditional UpdateItem of the record (status and progress untouched),
    /// on the version and the draft status.
    async fn save_draft(&self, campaign: &Campaign) -> Result<Campaign, StoreError> {
        // The saved item is this record with the stored status and progress, whose
        // size barely differs: measuring the record's own item is close enough.
        check_size(&campaign_item(campaign)?)?;
        let doc = to_doc(campaign)?;
        let (due_set, due_remove) = match due_key(&campaign.schedule) {
            Some(due) => (Some(due), ""),
            None => (None, " REMOVE due_sk"),
        };
        let mut expression = String::from("SET #doc = :doc, #ver = :next");
        if due_set.is_some() {
            expression.push_str(", due_sk = :due");
        }
        expression.push_str(due_remove);
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(campaign_pk(&campaign.id)))
            .key(SK, s(CAMPAIGN_SK))
            .update_expression(expression)
            .condition_expression("#ver = :expected AND #status = :draft")
            .expression_attribute_names("#doc", DOC)
            .expression_attribute_names("#ver", VERSION)
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_values(":draft", s(status_name(CampaignStatus::Draft)))
            .expression_attribute_values(":doc", doc)
            .expression_attribute_values(":next", n(campaign.version + 1))
            .expression_attribute_values(":expected", n(campaign.version))
            .return_values(ReturnValue::AllNew);
        let result = match due_set {
            Some(due) => result.expression_attribute_values(":due", s(due)),
            None => result,
        };
        match result.send().await {
            Ok(out) => campaign_of(&out.attributes.unwrap_or_default()),
            Err(e) if condition_failed!(e) => Err(StoreError::Conflict),
            Err(e) => Err(store_unavailable("UpdateItem", e)),
        }
    }

    /// One DeleteItem conditioned on the draft status (a GetItem tells a missing
    /// campaign from one that is not a draft), then the checkpoint's DeleteItem; a
    /// draft has no parked batches.
    async fn delete_draft(&self, id: &CampaignId) -> Result<bool, StoreError> {
        let result = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(campaign_pk(id)))
            .key(SK, s(CAMPAIGN_SK))
            .condition_expression("#status = :draft")
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_values(":draft", s(status_name(CampaignStatus::Draft)))
            .send()
            .await;
        match result {
            Ok(_) => {}
            Err(e) if condition_failed!(e) => {
                return match self.campaign(id).await? {
                    Some(_) => Err(StoreError::Conflict),
                    None => Ok(false),
                };
            }
            Err(e) => return Err(store_unavailable("DeleteItem", e)),
        }
        self.client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(campaign_pk(id)))
            .key(SK, s(CHECKPOINT_SK))
            .send()
            .await
            .map_err(|e| store_unavailable("DeleteItem", e))?;
        Ok(true)
    }

    /// One conditional UpdateItem on the status; also enters or leaves the `due`
    /// index.
    async fn transition(
        &self,
        id: &CampaignId,
        from: CampaignStatus,
        to: CampaignStatus,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut request = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(campaign_pk(id)))
            .key(SK, s(CAMPAIGN_SK))
            .condition_expression("#status = :from")
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_names("#doc", DOC)
            .expression_attribute_values(":from", s(status_name(from)))
            .expression_attribute_values(":to", s(status_name(to)))
            .expression_attribute_values(":now", to_doc(&now)?);
        request = if to == CampaignStatus::Scheduled {
            request
                .update_expression("SET #status = :to, #doc.updated_at = :now, due_pk = :due")
                .expression_attribute_values(":due", s(DUE_PARTITION))
        } else {
            request.update_expression("SET #status = :to, #doc.updated_at = :now REMOVE due_pk")
        };
        match request.send().await {
            Ok(_) => Ok(true),
            Err(e) if condition_failed!(e) => Ok(false),
            Err(e) => Err(store_unavailable("UpdateItem", e)),
        }
    }

    /// One Query on the sparse `due` index (eventually consistent: a campaign
    /// scheduled a moment ago may show up on the next run; `transition` makes a
    /// repeat harmless).
    async fn due(&self, now: Timestamp, limit: u32) -> Result<Vec<CampaignId>, StoreError> {
        if limit == 0 {
            return Ok(vec![]);
        }
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index::DUE)
            .key_condition_expression("due_pk = :p AND due_sk <= :now")
            .expression_attribute_values(":p", s(DUE_PARTITION))
            .expression_attribute_values(":now", s(time_key(now)));
        let (items, _) = query::page(request, &PageRequest::first(limit)).await?;
        items
            .iter()
            .filter_map(|i| get_s(i, PK))
            .map(|pk| {
                let id = pk.strip_prefix("CAMP#").unwrap_or(pk);
                CampaignId::new(id).map_err(|e| crate::error::corrupt("campaign key", e))
            })
            .collect()
    }

    /// One UpdateItem adding to the four counters; `NotFound` for an unknown id.
    async fn add_progress(&self, id: &CampaignId, delta: Progress) -> Result<(), StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(campaign_pk(id)))
            .key(SK, s(CAMPAIGN_SK))
            .update_expression("ADD planned :p, sent :s, failed :f, skipped :k, quota_used :q")
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":p", n(delta.planned))
            .expression_attribute_values(":s", n(delta.sent))
            .expression_attribute_values(":f", n(delta.failed))
            .expression_attribute_values(":k", n(delta.skipped))
            .expression_attribute_values(":q", n(delta.quota_used))
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if condition_failed!(e) => Err(StoreError::NotFound(format!("campaign {id}"))),
            Err(e) => Err(store_unavailable("UpdateItem", e)),
        }
    }

    async fn checkpoint(&self, id: &CampaignId) -> Result<PlannerCheckpoint, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(campaign_pk(id)))
            .key(SK, s(CHECKPOINT_SK))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_unavailable("GetItem", e))?;
        out.item.map_or(Ok(PlannerCheckpoint::default()), |item| {
            from_doc(&item, "planner checkpoint")
        })
    }

    /// One conditional PutItem of the checkpoint item.
    async fn advance_checkpoint(
        &self,
        id: &CampaignId,
        expected_next_batch: u32,
        next: &PlannerCheckpoint,
    ) -> Result<bool, StoreError> {
        let condition = if expected_next_batch == 0 {
            "attribute_not_exists(#nb) OR #nb = :expected"
        } else {
            "#nb = :expected"
        };
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .item(PK, s(campaign_pk(id)))
            .item(SK, s(CHECKPOINT_SK))
            .item(NEXT_BATCH, n(next.next_batch))
            .item(DOC, to_doc(next)?)
            .condition_expression(condition)
            .expression_attribute_names("#nb", NEXT_BATCH)
            .expression_attribute_values(":expected", n(expected_next_batch))
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if condition_failed!(e) => Ok(false),
            Err(e) => Err(store_unavailable("PutItem", e)),
        }
    }

    /// One PutItem of `PARKED#<n>` in the campaign's partition.
    async fn park(&self, batch: &FanoutBatch) -> Result<(), StoreError> {
        let mut item = Item::new();
        item.insert(PK.into(), s(campaign_pk(&batch.campaign_id)));
        item.insert(SK.into(), s(parked_sk(batch.batch_no)));
        item.insert(DOC.into(), to_doc(batch)?);
        check_size(&item)?;
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| store_unavailable("PutItem", e))?;
        Ok(())
    }

    /// One consistent Query of the campaign's `PARKED#` range.
    async fn parked(&self, id: &CampaignId, limit: u32) -> Result<Vec<FanoutBatch>, StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :parked)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(campaign_pk(id)))
            .expression_attribute_values(":parked", s(PARKED_PREFIX))
            .consistent_read(true)
            .limit(limit.clamp(1, query::MAX_PAGE) as i32)
            .send()
            .await
            .map_err(|e| store_unavailable("Query", e))?;
        out.items
            .unwrap_or_default()
            .iter()
            .map(|item| from_doc(item, "parked batch"))
            .collect()
    }

    /// One DeleteItem.
    async fn unpark(&self, id: &CampaignId, batch_no: u32) -> Result<(), StoreError> {
        self.client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(campaign_pk(id)))
            .key(SK, s(parked_sk(batch_no)))
            .send()
            .await
            .map_err(|e| store_unavailable("DeleteItem", e))?;
        Ok(())
    }
}
