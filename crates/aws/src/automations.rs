//! `AutomationStore` on DynamoDB: automations in the organization's partition of
//! the designer table, runs in their friend's partition with one reference per
//! automation involved (layout and reasons in [`crate::designer`]).

use crate::batch;
use crate::designer::{self, RUN_RETENTION};
use crate::error::{condition_failed, store_unavailable};
use crate::item::{check_size, from_doc, get_s, n, s, time_key, to_doc, ttl_seconds, Item, DOC};
use crate::keys::{
    automation_runs, automation_sk, designer_org, friend_runs, run_ref_sk, run_sk, AUTOMATIONS,
    RUNS,
};
use crate::query;
use crate::schema::{index, PK, SK, TTL};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use otodoke_core::automation::{Automation, AutomationRun};
use otodoke_core::friend::FriendKey;
use otodoke_core::ports::AutomationStore;
use otodoke_core::{AutomationId, OrgId, Page, PageRequest, StoreError};
use std::collections::HashMap;

/// The local index's sort key on run items: the run's time, then its id.
const RUN_AT: &str = "run_at";
/// A reference's pointer to its run.
const RUN_PK: &str = "run_pk";
const RUN_SK: &str = "run_sk";
const OUTCOME: &str = "outcome";

/// Automations and their runs in the designer table.
#[derive(Debug, Clone)]
pub struct DynamoAutomations {
    client: Client,
    table: String,
}

/// When a run's items expire (epoch seconds).
fn run_expiry(run: &AutomationRun) -> AttributeValue {
    n(ttl_seconds(run.at + RUN_RETENTION))
}

fn run_item(run: &AutomationRun) -> Result<Item, StoreError> {
    let item = Item::from([
        (PK.to_string(), s(friend_runs(&run.friend))),
        (SK.to_string(), s(run_sk(&run.id))),
        (DOC.to_string(), to_doc(run)?),
        (
            RUN_AT.to_string(),
            s(format!("{}#{}", time_key(run.at), run.id)),
        ),
        (TTL.to_string(), run_expiry(run)),
    ]);
    check_size(&item)?;
    Ok(item)
}

/// One reference item per automation the run involved.
fn reference_items(run: &AutomationRun) -> Vec<Item> {
    let at = time_key(run.at);
    run.automations()
        .into_iter()
        .map(|automation| {
            Item::from([
                (PK.to_string(), s(automation_runs(&run.org, automation))),
                (SK.to_string(), s(run_ref_sk(&at, &run.friend, &run.id))),
                (RUN_PK.to_string(), s(friend_runs(&run.friend))),
                (RUN_SK.to_string(), s(run_sk(&run.id))),
                (TTL.to_string(), run_expiry(run)),
            ])
        })
        .collect()
}

fn decode_runs(items: &[Item]) -> Result<Vec<AutomationRun>, StoreError> {
    items
        .iter()
        .map(|item| from_doc(item, "automation run"))
        .collect()
}

impl DynamoAutomations {
    /// Automations and runs in `table` (the designer table).
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// The stored run of `run`'s friend and id, consistently read.
    async fn stored_run(&self, run: &AutomationRun) -> Result<AutomationRun, StoreError> {
        let pk = friend_runs(&run.friend);
        let item = designer::get(&self.client, &self.table, pk, run_sk(&run.id)).await?;
        let item =
            item.ok_or_else(|| StoreError::NotFound(format!("automation run {}", run.id)))?;
        from_doc(&item, "automation run")
    }
}

#[async_trait]
impl AutomationStore for DynamoAutomations {
    /// One consistent GetItem.
    async fn automation(
        &self,
        org: &OrgId,
        id: &AutomationId,
    ) -> Result<Option<Automation>, StoreError> {
        designer::get(
            &self.client,
            &self.table,
            designer_org(org),
            automation_sk(id),
        )
        .await?
        .map(|item| from_doc(&item, "automation"))
        .transpose()
    }

    /// One consistent Query (`begins_with AUTO#`), sorted by creation.
    async fn automations(&self, org: &OrgId) -> Result<Vec<Automation>, StoreError> {
        designer::by_creation(
            &self.client,
            &self.table,
            designer_org(org),
            AUTOMATIONS,
            "automation",
        )
        .await
    }

    /// A new automation: one conditional PutItem; an edit: one GetItem (the
    /// creation time), then the conditional put.
    async fn save_automation(&self, automation: &Automation) -> Result<Automation, StoreError> {
        let mut saved = automation.clone();
        saved.version += 1;
        let key = (designer_org(&automation.org), automation_sk(&automation.id));
        let (expected, first) = (automation.version, automation.updated_at);
        designer::put_keeping_created(&self.client, &self.table, key, &saved, expected, first)
            .await?;
        Ok(saved)
    }

    async fn delete_automation(&self, org: &OrgId, id: &AutomationId) -> Result<bool, StoreError> {
        designer::delete(
            &self.client,
            &self.table,
            designer_org(org),
            automation_sk(id),
        )
        .await
    }

    /// One conditional PutItem (the run's key must be free); when it was taken, one
    /// consistent GetItem of the stored run. Then the stored run's references (one
    /// BatchWriteItem per 25 automations).
    async fn begin_run(&self, run: &AutomationRun) -> Result<AutomationRun, StoreError> {
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(run_item(run)?))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .send()
            .await;
        let stored = match result {
            Ok(_) => run.clone(),
            Err(e) if condition_failed!(e) => self.stored_run(run).await?,
            Err(e) => return Err(store_unavailable("PutItem", e)),
        };
        batch::put(&self.client, &self.table, reference_items(&stored)).await?;
        Ok(stored)
    }

    /// One UpdateItem of the stored run's `outcome` (`NotFound` without a run).
    async fn finish_run(&self, run: &AutomationRun) -> Result<(), StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(friend_runs(&run.friend)))
            .key(SK, s(run_sk(&run.id)))
            .update_expression("SET #doc.#outcome = :outcome")
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#doc", DOC)
            .expression_attribute_names("#outcome", OUTCOME)
            .expression_attribute_values(":outcome", to_doc(&run.outcome)?)
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if condition_failed!(e) => {
                Err(StoreError::NotFound(format!("automation run {}", run.id)))
            }
            Err(e) => Err(store_unavailable("UpdateItem", e)),
        }
    }

    /// One consistent Query of the local index `runs_by_time`, backwards.
    async fn runs_for_friend(
        &self,
        friend: &FriendKey,
        page: PageRequest,
    ) -> Result<Page<AutomationRun>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index::RUNS_BY_TIME)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":pk", s(friend_runs(friend)))
            .scan_index_forward(false)
            .consistent_read(true);
        let (items, next) = query::page(request, &page).await?;
        Ok(Page {
            items: decode_runs(&items)?,
            next,
        })
    }

    /// One consistent Query of the automation's references, backwards, then one
    /// BatchGetItem of their runs (per 100).
    async fn runs_for_automation(
        &self,
        org: &OrgId,
        id: &AutomationId,
        page: PageRequest,
    ) -> Result<Page<AutomationRun>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":pk", s(automation_runs(org, id)))
            .scan_index_forward(false)
            .consistent_read(true);
        let (references, next) = query::page(request, &page).await?;
        let keys: Vec<(String, String)> = references
            .iter()
            .filter_map(|r| Some((get_s(r, RUN_PK)?.to_owned(), get_s(r, RUN_SK)?.to_owned())))
            .collect();
        let mut runs: HashMap<(String, String), Item> =
            batch::get(&self.client, &self.table, keys.clone())
                .await?
                .into_iter()
                .filter_map(|item| {
                    let key = (get_s(&item, PK)?.to_owned(), get_s(&item, SK)?.to_owned());
                    Some((key, item))
                })
                .collect();
        // In the references' order; a reference whose run is gone is skipped.
        let items: Vec<Item> = keys.iter().filter_map(|k| runs.remove(k)).collect();
        Ok(Page {
            items: decode_runs(&items)?,
            next,
        })
    }

    /// One consistent Query of the friend's partition; then deletes: the runs'
    /// references first, the runs last (a failure part-way leaves runs to find).
    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError> {
        let pk = friend_runs(friend);
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(&pk))
            .expression_attribute_values(":prefix", s(RUNS))
            .consistent_read(true);
        let runs = decode_runs(&query::all(request).await?)?;
        let mut references: HashMap<String, Vec<String>> = HashMap::new();
        for item in runs.iter().flat_map(reference_items) {
            if let (Some(pk), Some(sk)) = (get_s(&item, PK), get_s(&item, SK)) {
                references
                    .entry(pk.to_owned())
                    .or_default()
                    .push(sk.to_owned());
            }
        }
        for (reference_pk, sks) in references {
            batch::delete(&self.client, &self.table, &reference_pk, sks).await?;
        }
        let sks = runs.iter().map(|r| run_sk(&r.id)).collect();
        batch::delete(&self.client, &self.table, &pk, sks).await?;
        Ok(runs.len() as u64)
    }
}
