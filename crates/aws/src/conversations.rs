//! `ConversationStore` on DynamoDB: one item per entry in the friend's partition
//! (`sk = E#<ulid>`, so a partition reads newest first backwards), a local index by
//! LINE message id (for `unsend`, strongly consistent), and a global index by store
//! and time (CSV export). Items expire by TTL from the store's retention.

use crate::batch;
use crate::error::{condition_failed, store_unavailable};
use crate::item::{check_size, from_doc, get_s, n, s, time_key, to_doc, ttl_seconds, Item, DOC};
use crate::keys::{friend_pk, store_conversations};
use crate::query;
use crate::schema::{index, PK, SK, TTL};
use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use jiff::Timestamp;
use otodoke_core::conversation::ConversationEntry;
use otodoke_core::friend::FriendKey;
use otodoke_core::media::MediaRef;
use otodoke_core::ports::ConversationStore;
use otodoke_core::{Page, PageRequest, StoreError, StoreKey};

const ENTRY_PREFIX: &str = "E#";
const LINE_MESSAGE: &str = "line_msg";
const HIDDEN: &str = "hidden";

/// Conversation history in a DynamoDB table.
#[derive(Debug, Clone)]
pub struct DynamoConversations {
    client: Client,
    table: String,
}

/// The entry as an item. `hidden` is kept at the top level too, so that hiding is a
/// one-attribute update; reading takes it from there.
pub fn entry_item(entry: &ConversationEntry) -> Result<Item, StoreError> {
    let mut item = Item::from([
        (PK.to_string(), s(friend_pk(&entry.friend))),
        (SK.to_string(), s(format!("{ENTRY_PREFIX}{}", entry.id))),
        (DOC.to_string(), to_doc(entry)?),
        (
            HIDDEN.to_string(),
            aws_sdk_dynamodb::types::AttributeValue::Bool(entry.hidden),
        ),
    ]);
    if let Some(id) = &entry.line_message_id {
        item.insert(LINE_MESSAGE.into(), s(id.clone()));
    }
    if let Some(store) = &entry.store_id {
        let store = StoreKey::new(entry.friend.org.clone(), store.clone());
        item.insert("store_pk".into(), s(store_conversations(&store)));
        item.insert(
            "store_sk".into(),
            s(format!("{}#{}", time_key(entry.at), entry.id)),
        );
    }
    if let Some(expires) = entry.expires_at {
        item.insert(TTL.into(), n(ttl_seconds(expires)));
    }
    Ok(item)
}

/// The entry held in an item.
pub fn entry_of(item: &Item) -> Result<ConversationEntry, StoreError> {
    let mut entry: ConversationEntry = from_doc(item, "conversation entry")?;
    if let Some(aws_sdk_dynamodb::types::AttributeValue::Bool(hidden)) = item.get(HIDDEN) {
        entry.hidden = *hidden;
    }
    Ok(entry)
}

impl DynamoConversations {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }
}

#[async_trait]
impl ConversationStore for DynamoConversations {
    /// One conditional PutItem; a repeat of an id is dropped (the first write wins).
    async fn append(&self, entry: &ConversationEntry) -> Result<(), StoreError> {
        let item = entry_item(entry)?;
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
            Err(e) if condition_failed!(e) => Ok(()),
            Err(e) => Err(store_unavailable("PutItem", e)),
        }
    }

    /// One Query on the friend's partition, backwards.
    async fn history(
        &self,
        friend: &FriendKey,
        page: PageRequest,
    ) -> Result<Page<ConversationEntry>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :e)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(friend_pk(friend)))
            .expression_attribute_values(":e", s(ENTRY_PREFIX))
            .scan_index_forward(false)
            .consistent_read(true);
        let (items, next) = query::page(request, &page).await?;
        let items = items.iter().map(entry_of).collect::<Result<_, _>>()?;
        Ok(Page { items, next })
    }

    /// One Query on the `store_time` index, `from <= at < to`, oldest first.
    async fn by_store(
        &self,
        store: &StoreKey,
        from: Timestamp,
        to: Timestamp,
        page: PageRequest,
    ) -> Result<Page<ConversationEntry>, StoreError> {
        if from >= to {
            return Ok(Page {
                items: vec![],
                next: None,
            });
        }
        // Sort keys are `<time>#<id>`: every entry at `from` sorts after the bare
        // `<from>`, every entry at `to` after the bare `<to>`, so BETWEEN the two bare
        // keys is exactly `from <= at < to`.
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index::STORE_TIME)
            .key_condition_expression("store_pk = :s AND store_sk BETWEEN :from AND :to")
            .expression_attribute_values(":s", s(store_conversations(store)))
            .expression_attribute_values(":from", s(time_key(from)))
            .expression_attribute_values(":to", s(time_key(to)));
        let (items, next) = query::page(request, &page).await?;
        let items = items.iter().map(entry_of).collect::<Result<_, _>>()?;
        Ok(Page { items, next })
    }

    /// One consistent Query on the local `line_message` index, then one UpdateItem.
    async fn hide(&self, friend: &FriendKey, line_message_id: &str) -> Result<bool, StoreError> {
        let pk = friend_pk(friend);
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index::LINE_MESSAGE)
            .key_condition_expression("#pk = :pk AND line_msg = :m")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":pk", s(pk.clone()))
            .expression_attribute_values(":m", s(line_message_id))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_unavailable("Query", e))?;
        let sks: Vec<String> = out
            .items()
            .iter()
            .filter_map(|i| get_s(i, SK).map(str::to_string))
            .collect();
        for sk in &sks {
            let result = self
                .client
                .update_item()
                .table_name(&self.table)
                .key(PK, s(pk.clone()))
                .key(SK, s(sk.clone()))
                .update_expression("SET #hidden = :t, #doc.#hidden = :t")
                .condition_expression("attribute_exists(#pk)")
                .expression_attribute_names("#hidden", HIDDEN)
                .expression_attribute_names("#doc", DOC)
                .expression_attribute_names("#pk", PK)
                .expression_attribute_values(
                    ":t",
                    aws_sdk_dynamodb::types::AttributeValue::Bool(true),
                )
                .send()
                .await;
            match result {
                Ok(_) => {}
                // Expired and deleted by TTL in between: nothing to hide.
                Err(e) if condition_failed!(e) => {}
                Err(e) => return Err(store_unavailable("UpdateItem", e)),
            }
        }
        Ok(!sks.is_empty())
    }
    /// One consistent keys-only Query of the friend's entries, then BatchWriteItem
    /// deletes, 25 a call.
    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError> {
        let pk = friend_pk(friend);
        let sks = batch::sort_keys(&self.client, &self.table, &pk, ENTRY_PREFIX).await?;
        let count = sks.len() as u64;
        batch::delete(&self.client, &self.table, &pk, sks).await?;
        Ok(count)
    }

    /// One conditional UpdateItem of the entry's `doc.media`. The reference is a few
    /// hundred bytes, far from the 400 KB item limit that `append` already checked
    /// with room to spare for it.
    async fn attach_media(
        &self,
        friend: &FriendKey,
        entry_id: &str,
        media: &MediaRef,
    ) -> Result<bool, StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(friend_pk(friend)))
            .key(SK, s(format!("{ENTRY_PREFIX}{entry_id}")))
            .update_expression("SET #doc.#media = :m")
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#doc", DOC)
            .expression_attribute_names("#media", "media")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":m", to_doc(media)?)
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            // No such entry (never written, erased, or expired by TTL).
            Err(e) if condition_failed!(e) => Ok(false),
            Err(e) => Err(store_unavailable("UpdateItem", e)),
        }
    }
}
