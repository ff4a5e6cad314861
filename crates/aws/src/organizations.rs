//! `OrganizationStore` on DynamoDB: one table holding organizations, stores and
//! staff under the organization's partition, and channels under their own id (the
//! hot lookup), with indexes for the webhook's `destination` and for an
//! organization's channel list.

use crate::error::{condition_failed, store_unavailable, transaction_failed};
use crate::item::{check_size, from_doc, n, s, to_doc, Item, DOC};
use crate::query;
use crate::schema::{index, PK, SK};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{Put, ReturnValue, TransactWriteItem};
use aws_sdk_dynamodb::Client;
use otodoke_core::import::ImportCheckpoint;
use otodoke_core::organization::{Channel, Organization, Staff, Store};
use otodoke_core::ports::{ImportStore, OrganizationStore};
use otodoke_core::{ChannelId, OrgId, StaffId, StoreError, StoreId};
use serde::{de::DeserializeOwned, Serialize};

/// Organizations, stores, channels and staff in one DynamoDB table.
#[derive(Debug, Clone)]
pub struct DynamoOrganizations {
    client: Client,
    table: String,
}

fn org_pk(org: &OrgId) -> String {
    format!("O#{org}")
}
fn channel_pk(id: &ChannelId) -> String {
    format!("CH#{id}")
}
/// The claim that makes a bot user id (a webhook's `destination`) connectable once.
fn destination_pk(bot_user_id: &str) -> String {
    format!("DEST#{bot_user_id}")
}
const DESTINATION_SK: &str = "CLAIM";
const VERSION: &str = "ver";
const ORG_SK: &str = "ORG";
const CHANNEL_SK: &str = "CHANNEL";
const STORE_PREFIX: &str = "STORE#";
const STAFF_PREFIX: &str = "STAFF#";

impl DynamoOrganizations {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// A record as an item, size-checked, with `extra` top-level string attributes.
    fn item<T: Serialize>(
        &self,
        pk: String,
        sk: String,
        record: &T,
        extra: &[(&str, String)],
    ) -> Result<Item, StoreError> {
        let mut item = Item::from([
            (PK.to_string(), s(pk)),
            (SK.to_string(), s(sk)),
            (DOC.to_string(), to_doc(record)?),
        ]);
        for (name, value) in extra {
            item.insert(name.to_string(), s(value.clone()));
        }
        check_size(&item)?;
        Ok(item)
    }

    /// A channel's item, with its destination and organization index keys.
    fn channel_item(&self, channel: &Channel) -> Result<Item, StoreError> {
        let extra = [
            ("dest", channel.bot_user_id.clone()),
            ("org_pk", org_pk(&channel.org_id)),
            ("org_sk", channel_pk(&channel.id)),
        ];
        self.item(channel_pk(&channel.id), CHANNEL_SK.into(), channel, &extra)
    }

    async fn put<T: Serialize>(
        &self,
        pk: String,
        sk: String,
        record: &T,
        extra: &[(&str, String)],
    ) -> Result<(), StoreError> {
        let item = self.item(pk, sk, record, extra)?;
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| store_unavailable("PutItem", e))?;
        Ok(())
    }

    /// Puts `record` (whose version is `expected + 1`) if the stored item's version
    /// (`ver`) is `expected`, or if there is no item when `expected` is 0;
    /// `Conflict` otherwise. One conditional PutItem.
    async fn put_versioned<T: Serialize>(
        &self,
        pk: String,
        sk: String,
        record: &T,
        expected: u64,
    ) -> Result<(), StoreError> {
        let mut item = self.item(pk, sk, record, &[])?;
        item.insert(VERSION.into(), n(expected + 1));
        let request = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item));
        let request = if expected == 0 {
            request
                .condition_expression("attribute_not_exists(#pk)")
                .expression_attribute_names("#pk", PK)
        } else {
            request
                .condition_expression("#ver = :expected")
                .expression_attribute_names("#ver", VERSION)
                .expression_attribute_values(":expected", n(expected))
        };
        match request.send().await {
            Ok(_) => Ok(()),
            Err(e) if condition_failed!(e) => Err(StoreError::Conflict),
            Err(e) => Err(store_unavailable("PutItem", e)),
        }
    }

    async fn get<T: DeserializeOwned>(
        &self,
        pk: String,
        sk: String,
        what: &str,
    ) -> Result<Option<T>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s(sk))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_unavailable("GetItem", e))?;
        out.item.map(|item| from_doc(&item, what)).transpose()
    }

    async fn list<T: DeserializeOwned>(
        &self,
        org: &OrgId,
        prefix: &str,
        what: &str,
    ) -> Result<Vec<T>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(org_pk(org)))
            .expression_attribute_values(":prefix", s(prefix))
            .consistent_read(true);
        query::all(request)
            .await?
            .iter()
            .map(|item| from_doc(item, what))
            .collect()
    }
}

#[async_trait]
impl OrganizationStore for DynamoOrganizations {
    async fn put_organization(&self, org: &Organization) -> Result<(), StoreError> {
        self.put(org_pk(&org.id), ORG_SK.into(), org, &[]).await
    }

    async fn organization(&self, id: &OrgId) -> Result<Option<Organization>, StoreError> {
        self.get(org_pk(id), ORG_SK.into(), "organization").await
    }

    /// One conditional PutItem on the stored version (`ver`).
    async fn save_store(&self, store: &Store) -> Result<Store, StoreError> {
        let mut saved = store.clone();
        saved.version = store.version + 1;
        let sk = format!("{STORE_PREFIX}{}", store.id);
        self.put_versioned(org_pk(&store.org_id), sk, &saved, store.version)
            .await?;
        Ok(saved)
    }

    /// One DeleteItem returning the old item.
    async fn delete_store(&self, org: &OrgId, id: &StoreId) -> Result<bool, StoreError> {
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(org_pk(org)))
            .key(SK, s(format!("{STORE_PREFIX}{id}")))
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(|e| store_unavailable("DeleteItem", e))?;
        Ok(out.attributes.is_some_and(|a| !a.is_empty()))
    }

    async fn store(&self, org: &OrgId, id: &StoreId) -> Result<Option<Store>, StoreError> {
        self.get(org_pk(org), format!("{STORE_PREFIX}{id}"), "store")
            .await
    }

    async fn stores(&self, org: &OrgId) -> Result<Vec<Store>, StoreError> {
        self.list(org, STORE_PREFIX, "store").await
    }

    /// One TransactWriteItems of two conditional puts: the channel item (its id is
    /// free) and a claim on its bot user id (no other channel has it); `Conflict` if
    /// either is taken. A GSI cannot refuse a duplicate, so the claim item does.
    async fn connect_channel(&self, channel: &Channel) -> Result<(), StoreError> {
        let build =
            |e: aws_sdk_dynamodb::error::BuildError| store_unavailable("TransactWriteItems", e);
        let channel_item = self.channel_item(channel)?;
        let claim = Item::from([
            (PK.to_string(), s(destination_pk(&channel.bot_user_id))),
            (SK.to_string(), s(DESTINATION_SK)),
            ("channel".to_string(), s(channel.id.as_str())),
        ]);
        let writes = [channel_item, claim]
            .into_iter()
            .map(|item| {
                Put::builder()
                    .table_name(&self.table)
                    .set_item(Some(item))
                    .condition_expression("attribute_not_exists(#pk)")
                    .expression_attribute_names("#pk", PK)
                    .build()
                    .map(|put| TransactWriteItem::builder().put(put).build())
                    .map_err(build)
            })
            .collect::<Result<Vec<_>, _>>()?;
        match self
            .client
            .transact_write_items()
            .set_transact_items(Some(writes))
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(e) => Err(transaction_failed(e)),
        }
    }

    async fn put_channel(&self, channel: &Channel) -> Result<(), StoreError> {
        let item = self.channel_item(channel)?;
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| store_unavailable("PutItem", e))?;
        Ok(())
    }

    async fn channel(&self, id: &ChannelId) -> Result<Option<Channel>, StoreError> {
        self.get(channel_pk(id), CHANNEL_SK.into(), "channel").await
    }

    async fn channel_by_destination(
        &self,
        bot_user_id: &str,
    ) -> Result<Option<Channel>, StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index::DESTINATION)
            .key_condition_expression("dest = :d")
            .expression_attribute_values(":d", s(bot_user_id))
            .limit(1)
            .send()
            .await
            .map_err(|e| store_unavailable("Query", e))?;
        out.items()
            .first()
            .map(|item| from_doc(item, "channel"))
            .transpose()
    }

    async fn channels(&self, org: &OrgId) -> Result<Vec<Channel>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index::ORG_CHANNELS)
            .key_condition_expression("org_pk = :o")
            .expression_attribute_values(":o", s(org_pk(org)));
        query::all(request)
            .await?
            .iter()
            .map(|item| from_doc(item, "channel"))
            .collect()
    }

    /// A Scan of the sparse `org_channels` index (only channels carry its keys),
    /// one call per 1 MB; sorted by id here.
    async fn all_channels(&self) -> Result<Vec<Channel>, StoreError> {
        let mut channels: Vec<Channel> = Vec::new();
        let mut start = None;
        loop {
            let out = self
                .client
                .scan()
                .table_name(&self.table)
                .index_name(index::ORG_CHANNELS)
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(|e| store_unavailable("Scan", e))?;
            for item in out.items() {
                channels.push(from_doc(item, "channel")?);
            }
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => break,
            }
        }
        channels.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(channels)
    }

    async fn put_staff(&self, staff: &Staff) -> Result<(), StoreError> {
        let sk = format!("{STAFF_PREFIX}{}", staff.id);
        self.put(org_pk(&staff.org_id), sk, staff, &[]).await
    }

    async fn staff(&self, org: &OrgId, id: &StaffId) -> Result<Option<Staff>, StoreError> {
        self.get(org_pk(org), format!("{STAFF_PREFIX}{id}"), "staff")
            .await
    }

    async fn staff_list(&self, org: &OrgId) -> Result<Vec<Staff>, StoreError> {
        self.list(org, STAFF_PREFIX, "staff").await
    }
}

/// Follower-import checkpoints in the organization's partition
/// (`O#{org}` / `IMPORT#{channel}`), saved with the same version condition as stores.
#[async_trait]
impl ImportStore for DynamoOrganizations {
    async fn import_checkpoint(
        &self,
        org: &OrgId,
        channel: &ChannelId,
    ) -> Result<Option<ImportCheckpoint>, StoreError> {
        self.get(
            org_pk(org),
            crate::keys::import_checkpoint_sk(channel),
            "import checkpoint",
        )
        .await
    }

    /// One conditional PutItem on the stored version (`ver`).
    async fn save_import_checkpoint(
        &self,
        checkpoint: &ImportCheckpoint,
    ) -> Result<ImportCheckpoint, StoreError> {
        let mut saved = checkpoint.clone();
        saved.version = checkpoint.version + 1;
        let pk = org_pk(&checkpoint.org);
        let sk = crate::keys::import_checkpoint_sk(&checkpoint.channel);
        self.put_versioned(pk, sk, &saved, checkpoint.version)
            .await?;
        Ok(saved)
    }
}
