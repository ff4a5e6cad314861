//! `EnrolmentStore` on DynamoDB: one item per (friend, campaign) in the friend's
//! partition (so `stop_all` is one Query), and a sparse `due` index holding only
//! active enrolments, sharded over a few partitions because every new friend of a
//! sequence writes one.

use crate::batch;
use crate::error::{condition_failed, store_unavailable};
use crate::item::{from_doc, get_s, n, s, time_key, to_doc, Item, DOC};
use crate::keys::friend_pk;
use crate::query;
use crate::schema::{index, PK, SK};
use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use jiff::Timestamp;
use otodoke_core::friend::FriendKey;
use otodoke_core::ports::EnrolmentStore;
use otodoke_core::sequence::{Enrolment, EnrolmentStatus};
use otodoke_core::{CampaignId, ChannelId, PageRequest, StoreError};

/// Partitions of the `due` index. Each takes ~1,000 writes/s; `due` reads them all.
pub const DUE_SHARDS: u32 = 4;
const STATUS: &str = "status";
const STEP: &str = "next_step";
const CHANNEL: &str = "channel";

/// Step-sequence enrolments in a DynamoDB table.
#[derive(Debug, Clone)]
pub struct DynamoEnrolments {
    client: Client,
    table: String,
}

fn enrolment_sk(campaign: &CampaignId) -> String {
    format!("E#{campaign}")
}

/// The `due` shard of a friend: FNV-1a of its partition key (stable across
/// releases, unlike std's hasher).
fn shard(friend: &FriendKey) -> u32 {
    let hash = friend_pk(friend).bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash % DUE_SHARDS
}

fn due_pk(shard: u32) -> String {
    format!("DUE#{shard}")
}

fn due_sk(due_at: Timestamp, campaign: &CampaignId, friend: &FriendKey) -> String {
    format!("{}#{campaign}#{}", time_key(due_at), friend.encode())
}

fn status_name(status: EnrolmentStatus) -> &'static str {
    match status {
        EnrolmentStatus::Active => "active",
        EnrolmentStatus::Completed => "completed",
        EnrolmentStatus::Stopped => "stopped",
    }
}

/// The enrolment as an item: the record, plus status, step and channel at the top
/// level for conditions and filters, and the `due` keys while active.
pub fn enrolment_item(e: &Enrolment) -> Result<Item, StoreError> {
    let mut item = Item::from([
        (PK.to_string(), s(friend_pk(&e.friend))),
        (SK.to_string(), s(enrolment_sk(&e.campaign_id))),
        (DOC.to_string(), to_doc(e)?),
        (STATUS.to_string(), s(status_name(e.status))),
        (STEP.to_string(), n(e.next_step)),
        (CHANNEL.to_string(), s(e.channel.as_str())),
    ]);
    if e.status == EnrolmentStatus::Active {
        item.insert("due_pk".into(), s(due_pk(shard(&e.friend))));
        item.insert(
            "due_sk".into(),
            s(due_sk(e.due_at, &e.campaign_id, &e.friend)),
        );
    }
    Ok(item)
}

impl DynamoEnrolments {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }
}

#[async_trait]
impl EnrolmentStore for DynamoEnrolments {
    /// One conditional PutItem.
    async fn enrol(&self, enrolment: &Enrolment) -> Result<bool, StoreError> {
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(enrolment_item(enrolment)?))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if condition_failed!(e) => Ok(false),
            Err(e) => Err(store_unavailable("PutItem", e)),
        }
    }

    /// One Query per `due` shard (concurrently), merged by due time.
    async fn due(&self, now: Timestamp, limit: u32) -> Result<Vec<Enrolment>, StoreError> {
        if limit == 0 {
            return Ok(vec![]);
        }
        // Everything due at `now` sorts before `<now + 1ns>`.
        let upper = time_key(now + jiff::SignedDuration::from_nanos(1));
        let queries = (0..DUE_SHARDS).map(|shard| {
            let request = self
                .client
                .query()
                .table_name(&self.table)
                .index_name(index::DUE)
                .key_condition_expression("due_pk = :p AND due_sk < :upper")
                .expression_attribute_values(":p", s(due_pk(shard)))
                .expression_attribute_values(":upper", s(upper.clone()));
            async move { query::page(request, &PageRequest::first(limit)).await }
        });
        let mut items: Vec<Item> = futures::future::try_join_all(queries)
            .await?
            .into_iter()
            .flat_map(|(items, _)| items)
            .collect();
        items.sort_by(|a, b| get_s(a, "due_sk").cmp(&get_s(b, "due_sk")));
        items.truncate(limit as usize);
        items
            .iter()
            .map(|item| from_doc(item, "enrolment"))
            .collect()
    }

    /// One conditional UpdateItem on the step and status.
    async fn advance(
        &self,
        campaign: &CampaignId,
        friend: &FriendKey,
        from_step: u32,
        next: Option<(u32, Timestamp)>,
    ) -> Result<bool, StoreError> {
        let mut request = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(friend_pk(friend)))
            .key(SK, s(enrolment_sk(campaign)))
            .condition_expression("#step = :from AND #status = :active")
            .expression_attribute_names("#step", STEP)
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_names("#doc", DOC)
            .expression_attribute_values(":from", n(from_step))
            .expression_attribute_values(":active", s(status_name(EnrolmentStatus::Active)));
        request = match next {
            Some((step, due_at)) => request
                .update_expression(
                    "SET #step = :step, #doc.next_step = :step, #doc.due_at = :due_at, \
                     due_sk = :due_sk",
                )
                .expression_attribute_values(":step", n(step))
                .expression_attribute_values(":due_at", to_doc(&due_at)?)
                .expression_attribute_values(":due_sk", s(due_sk(due_at, campaign, friend))),
            None => request
                .update_expression(
                    "SET #status = :done, #doc.#status = :done REMOVE due_pk, due_sk",
                )
                .expression_attribute_values(":done", s(status_name(EnrolmentStatus::Completed))),
        };
        match request.send().await {
            Ok(_) => Ok(true),
            Err(e) if condition_failed!(e) => Ok(false),
            Err(e) => Err(store_unavailable("UpdateItem", e)),
        }
    }

    /// One consistent Query of the friend's partition.
    async fn active(
        &self,
        friend: &FriendKey,
        channel: &ChannelId,
    ) -> Result<Vec<Enrolment>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :e)")
            .filter_expression("#status = :active AND #channel = :channel")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_names("#channel", CHANNEL)
            .expression_attribute_values(":pk", s(friend_pk(friend)))
            .expression_attribute_values(":e", s("E#"))
            .expression_attribute_values(":active", s(status_name(EnrolmentStatus::Active)))
            .expression_attribute_values(":channel", s(channel.as_str()))
            .consistent_read(true);
        query::all(request)
            .await?
            .iter()
            .map(|item| from_doc(item, "enrolment"))
            .collect()
    }

    /// One conditional UpdateItem.
    async fn stop(&self, campaign: &CampaignId, friend: &FriendKey) -> Result<bool, StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(friend_pk(friend)))
            .key(SK, s(enrolment_sk(campaign)))
            .update_expression(
                "SET #status = :stopped, #doc.#status = :stopped REMOVE due_pk, due_sk",
            )
            .condition_expression("#status = :active")
            .expression_attribute_names("#status", STATUS)
            .expression_attribute_names("#doc", DOC)
            .expression_attribute_values(":active", s(status_name(EnrolmentStatus::Active)))
            .expression_attribute_values(":stopped", s(status_name(EnrolmentStatus::Stopped)))
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            // Advanced to completion or stopped by someone else meanwhile.
            Err(e) if condition_failed!(e) => Ok(false),
            Err(e) => Err(store_unavailable("UpdateItem", e)),
        }
    }

    /// One consistent keys-only Query of the friend's enrolments, then
    /// BatchWriteItem deletes (the `due` index entries go with their items).
    async fn erase(&self, friend: &FriendKey) -> Result<u32, StoreError> {
        let pk = friend_pk(friend);
        let sks = batch::sort_keys(&self.client, &self.table, &pk, "E#").await?;
        let count = sks.len() as u32;
        batch::delete(&self.client, &self.table, &pk, sks).await?;
        Ok(count)
    }
}
