//! `LinkStore` on DynamoDB, in the designer table:
//!
//! - `O#<org>` / `LINK#<id>`: the link (doc) with its counts `clicks` and
//!   `friends` (number attributes, added to atomically);
//! - `O#<org>` / `LOWN#C#<campaign>#<time>#<id>` or `LOWN#A#<automation>#…`: the
//!   link's entry in its owner's listing;
//! - `O#<org>#L#<id>` / `<provider>#<user>`: a friend's first click.
//!
//! The redirect's path is one GetItem (the link) and one write (a transaction of
//! the friend's click mark and the counts, or a lone counter update).

use crate::error::{condition_failed, store_unavailable};
use crate::item::{from_doc, get_u64, n, s, time_key, to_doc, Item, DOC};
use crate::keys::{
    designer_org, friend_click_sk, friend_runs, link_click_sk, link_clicks, link_owner_prefix,
    link_owner_sk, link_sk, FRIEND_CLICKS,
};
use crate::schema::{PK, SK};
use crate::versioned::put_new_in_transaction;
use crate::{batch, query, transact};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{KeysAndAttributes, Put, TransactWriteItem, Update};
use aws_sdk_dynamodb::Client;
use jiff::Timestamp;
use otodoke_core::friend::FriendKey;
use otodoke_core::link::{Clicked, LinkClick, LinkOwner, LinkStats, TrackedLink};
use otodoke_core::ports::LinkStore;
use otodoke_core::{LinkId, OrgId, Page, PageRequest, StoreError};
use std::collections::HashMap;

const CLICKS: &str = "clicks";
const FRIENDS: &str = "friends";
/// BatchGetItem's limit on keys per call.
const BATCH_GET: usize = 100;

/// Tracked links and their clicks in the designer table.
#[derive(Debug, Clone)]
pub struct DynamoLinks {
    client: Client,
    table: String,
}

fn stats_of(item: &Item) -> Result<LinkStats, StoreError> {
    let what = "tracked link";
    Ok(LinkStats {
        link: from_doc(item, what)?,
        clicks: get_u64(item, CLICKS, what)?.unwrap_or(0),
        friends: get_u64(item, FRIENDS, what)?.unwrap_or(0),
    })
}

fn built<T, E: std::error::Error + Send + Sync + 'static>(
    r: Result<T, E>,
) -> Result<T, StoreError> {
    r.map_err(|e| store_unavailable("TransactWriteItems", e))
}

impl DynamoLinks {
    /// Links in `table` (the designer table).
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// The transaction's update counting one click and one friend, if the link
    /// exists.
    fn count_first(&self, org: &OrgId, id: &LinkId) -> Result<Update, StoreError> {
        built(
            Update::builder()
                .table_name(&self.table)
                .key(PK, s(designer_org(org)))
                .key(SK, s(link_sk(id)))
                .update_expression("ADD #clicks :one, #friends :one")
                .condition_expression("attribute_exists(#pk)")
                .expression_attribute_names("#pk", PK)
                .expression_attribute_names("#clicks", CLICKS)
                .expression_attribute_names("#friends", FRIENDS)
                .expression_attribute_values(":one", n(1))
                .build(),
        )
    }

    /// One click without a friend mark: one conditional UpdateItem.
    async fn count_alone(&self, org: &OrgId, id: &LinkId) -> Result<Clicked, StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(designer_org(org)))
            .key(SK, s(link_sk(id)))
            .update_expression("ADD #clicks :one")
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#clicks", CLICKS)
            .expression_attribute_values(":one", n(1))
            .send()
            .await;
        match result {
            Ok(_) => Ok(Clicked::Counted),
            Err(e) if condition_failed!(e) => Err(StoreError::NotFound(format!("link {id}"))),
            Err(e) => Err(store_unavailable("UpdateItem", e)),
        }
    }
}

#[async_trait]
impl LinkStore for DynamoLinks {
    /// One TransactWriteItems: the link's conditional put (free key) and its
    /// owner entry; a failed condition means it is registered (nothing changes).
    async fn register(&self, link: &TrackedLink) -> Result<(), StoreError> {
        let doc = to_doc(link)?;
        let owner = link.source.owner();
        let put_link = put_new_in_transaction(
            &self.table,
            Item::from([
                (PK.to_string(), s(designer_org(&link.org))),
                (SK.to_string(), s(link_sk(&link.id))),
                (DOC.to_string(), doc.clone()),
                (CLICKS.to_string(), n(0)),
                (FRIENDS.to_string(), n(0)),
            ]),
        )?;
        let put_entry = built(
            Put::builder()
                .table_name(&self.table)
                .item(PK, s(designer_org(&link.org)))
                .item(
                    SK,
                    s(link_owner_sk(&owner, &time_key(link.created_at), &link.id)),
                )
                .item(DOC, doc)
                .build(),
        )?;
        let writes = vec![
            TransactWriteItem::builder().put(put_link).build(),
            TransactWriteItem::builder().put(put_entry).build(),
        ];
        // Err: the link's condition failed, so it (and its entry) exist already.
        let _registered_before = transact::write(&self.client, writes).await?;
        Ok(())
    }

    /// One consistent GetItem.
    async fn link(&self, org: &OrgId, id: &LinkId) -> Result<Option<LinkStats>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(designer_org(org)))
            .key(SK, s(link_sk(id)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_unavailable("GetItem", e))?;
        out.item.as_ref().map(stats_of).transpose()
    }

    /// With a friend of the organization: one TransactWriteItems (the click mark's
    /// conditional put, the counts' conditional update); when the friend had
    /// clicked before, one more UpdateItem (`clicks` only). Without: one UpdateItem.
    async fn record_click(
        &self,
        org: &OrgId,
        id: &LinkId,
        friend: Option<&FriendKey>,
        at: Timestamp,
    ) -> Result<Clicked, StoreError> {
        let Some(friend) = friend.filter(|f| f.org == *org) else {
            return self.count_alone(org, id).await;
        };
        let click = LinkClick {
            friend: friend.clone(),
            at,
        };
        let mark = put_new_in_transaction(
            &self.table,
            Item::from([
                (PK.to_string(), s(link_clicks(org, id))),
                (SK.to_string(), s(link_click_sk(friend))),
                (DOC.to_string(), to_doc(&click)?),
            ]),
        )?;
        // The friend's own reference to the mark, for erasure: their clicks are
        // found by friend without reading every link of the organization.
        let reference = built(
            Put::builder()
                .table_name(&self.table)
                .item(PK, s(friend_runs(friend)))
                .item(SK, s(friend_click_sk(id)))
                .build(),
        )?;
        let writes = vec![
            TransactWriteItem::builder().put(mark).build(),
            TransactWriteItem::builder()
                .update(self.count_first(org, id)?)
                .build(),
            TransactWriteItem::builder().put(reference).build(),
        ];
        match transact::write(&self.client, writes).await? {
            Ok(()) => Ok(Clicked::FirstForFriend),
            Err(failed) if failed.get(1).copied().unwrap_or(false) => {
                Err(StoreError::NotFound(format!("link {id}")))
            }
            Err(_) => self.count_alone(org, id).await,
        }
    }

    /// One consistent Query page of the link's click partition.
    async fn clicks(
        &self,
        org: &OrgId,
        id: &LinkId,
        page: PageRequest,
    ) -> Result<Page<LinkClick>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":pk", s(link_clicks(org, id)))
            .consistent_read(true);
        let (items, next) = query::page(request, &page).await?;
        let items = items
            .iter()
            .map(|i| from_doc(i, "link click"))
            .collect::<Result<_, _>>()?;
        Ok(Page { items, next })
    }

    /// One consistent Query of the owner's entries (per 1 MB), then one
    /// BatchGetItem per 100 links for their counts.
    async fn links_of(&self, org: &OrgId, owner: &LinkOwner) -> Result<Vec<LinkStats>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(designer_org(org)))
            .expression_attribute_values(":prefix", s(link_owner_prefix(owner)))
            .consistent_read(true);
        let entries: Vec<TrackedLink> = query::all(request)
            .await?
            .iter()
            .map(|i| from_doc(i, "tracked link entry"))
            .collect::<Result<_, _>>()?;
        let mut found: HashMap<String, LinkStats> = HashMap::new();
        for chunk in entries.chunks(BATCH_GET) {
            let mut keys: Vec<Item> = chunk
                .iter()
                .map(|l| {
                    Item::from([
                        (PK.to_string(), s(designer_org(org))),
                        (SK.to_string(), s(link_sk(&l.id))),
                    ])
                })
                .collect();
            // Unprocessed keys come back to be asked again.
            while !keys.is_empty() {
                let request = KeysAndAttributes::builder()
                    .set_keys(Some(keys))
                    .consistent_read(true)
                    .build()
                    .map_err(|e| store_unavailable("BatchGetItem", e))?;
                let out = self
                    .client
                    .batch_get_item()
                    .request_items(&self.table, request)
                    .send()
                    .await
                    .map_err(|e| store_unavailable("BatchGetItem", e))?;
                for item in out
                    .responses()
                    .and_then(|r| r.get(&self.table))
                    .into_iter()
                    .flatten()
                {
                    let stats = stats_of(item)?;
                    found.insert(stats.link.id.to_string(), stats);
                }
                keys = out
                    .unprocessed_keys()
                    .and_then(|u| u.get(&self.table))
                    .map(|k| k.keys().to_vec())
                    .unwrap_or_default();
            }
        }
        Ok(entries
            .iter()
            .filter_map(|l| found.remove(l.id.as_str()))
            .collect())
    }

    /// One Query of the friend's click references, then BatchWriteItem deletes
    /// of each mark and reference (25 a call).
    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError> {
        let pk = friend_runs(friend);
        let references = batch::sort_keys(&self.client, &self.table, &pk, FRIEND_CLICKS).await?;
        let mut keys = Vec::with_capacity(references.len() * 2);
        for sk in &references {
            let link = sk
                .strip_prefix(FRIEND_CLICKS)
                .and_then(|id| LinkId::new(id).ok())
                .ok_or_else(|| crate::error::corrupt("link click reference", sk))?;
            keys.push((link_clicks(&friend.org, &link), link_click_sk(friend)));
            keys.push((pk.clone(), sk.clone()));
        }
        batch::delete_keys(&self.client, &self.table, keys).await?;
        Ok(references.len() as u64)
    }
}
