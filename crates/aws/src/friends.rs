//! `FriendStore` on DynamoDB.
//!
//! A friend is one item (`pk = F#<provider>#<user>`, `sk = FRIEND`) plus one small
//! *membership* item per audience it belongs to (its organization, its store, each
//! channel with its follow state, each tag), in the same partition. Membership items
//! carry the `audience` index keys (`apk` = the audience, `ask` = the friend), so an
//! audience is read page by page from that index, never by scanning the table.
//!
//! Readers re-check every friend they load against the audience, so a membership
//! item can be *extra* (harmless) but must never be *missing*. Hence: a new friend
//! writes its memberships first, then itself (conditionally); an existing friend
//! whose memberships change writes itself and the changed memberships in one
//! TransactWriteItems conditioned on its version, so a removal can never race a
//! concurrent re-add. The audience is part of the membership's sort key, so no
//! write ever overwrites another writer's membership.

use crate::batch;
use crate::error::{store_unavailable, transaction_failed};
use crate::item::{check_size, from_doc, get_s, n, s, to_doc, Item, DOC};
use crate::keys::{
    channel_audience, friend_in_audience, friend_pk, org_audience, store_audience, tag_audience,
};
use crate::query;
use crate::schema::{index, PK, SK};
use crate::versioned::{self, version_condition, VERSION};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{Delete, KeysAndAttributes, Put, TransactWriteItem};
use aws_sdk_dynamodb::Client;
use otodoke_core::friend::{FollowState, Friend, FriendKey};
use otodoke_core::ports::FriendStore;
use otodoke_core::{ChannelId, OrgId, Page, PageRequest, StoreError, StoreKey};
use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

/// DynamoDB's limit on actions in one transaction.
const MAX_TRANSACTION_ACTIONS: usize = 100;
/// DynamoDB's limit on keys in one BatchGetItem.
const MAX_BATCH_GET: usize = 100;
const FRIEND_SK: &str = "FRIEND";

/// Friends and their audience memberships in one DynamoDB table.
#[derive(Debug, Clone)]
pub struct DynamoFriends {
    client: Client,
    table: String,
}

/// The audiences a friend belongs to. Each is one membership item with sort key
/// `M#<audience>`: a change of store or follow state is a new item and a deleted
/// one, never an overwrite, so two writers can only leave an extra item (which
/// readers filter out), never remove one the other needs.
pub fn memberships(friend: &Friend) -> BTreeSet<String> {
    let org = friend.org();
    let mut m = BTreeSet::new();
    m.insert(org_audience(org));
    if let Some(store) = friend.store_key() {
        m.insert(store_audience(&store));
    }
    for (channel, link) in &friend.channels {
        m.insert(channel_audience(org, channel, link.state));
    }
    for tag in &friend.tags {
        m.insert(tag_audience(org, tag));
    }
    m
}

fn membership_sk(audience: &str) -> String {
    format!("M#{audience}")
}

/// The friend as an item, with `ver` at the top level for the version condition.
pub fn friend_item(friend: &Friend) -> Result<Item, StoreError> {
    Ok(Item::from([
        (PK.to_string(), s(friend_pk(&friend.key))),
        (SK.to_string(), s(FRIEND_SK)),
        (VERSION.to_string(), n(friend.version)),
        (DOC.to_string(), to_doc(friend)?),
    ]))
}

impl DynamoFriends {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// One page of an audience: a Query on the `audience` index (keys only), then a
    /// consistent BatchGetItem of those friends, keeping those that still match.
    async fn audience(
        &self,
        audience: String,
        page: PageRequest,
        still_matches: impl Fn(&Friend) -> bool,
    ) -> Result<Page<Friend>, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index::AUDIENCE)
            .key_condition_expression("apk = :a")
            .expression_attribute_values(":a", s(audience));
        let (members, next) = query::page(request, &page).await?;
        let pks: Vec<String> = members
            .iter()
            .filter_map(|m| get_s(m, PK).map(str::to_string))
            .collect();
        let mut friends = self.batch_get(&pks).await?;
        let items = pks
            .iter()
            .filter_map(|pk| friends.remove(pk))
            .filter(|f| still_matches(f))
            .collect();
        Ok(Page { items, next })
    }

    /// Friends by partition key, consistently read, in chunks of 100; unprocessed
    /// keys (throttling) are retried with backoff.
    async fn batch_get(&self, pks: &[String]) -> Result<HashMap<String, Friend>, StoreError> {
        let mut found = HashMap::with_capacity(pks.len());
        for chunk in pks.chunks(MAX_BATCH_GET) {
            let keys: Vec<Item> = chunk
                .iter()
                .map(|pk| Item::from([(PK.into(), s(pk.clone())), (SK.into(), s(FRIEND_SK))]))
                .collect();
            let mut pending = Some(
                KeysAndAttributes::builder()
                    .set_keys(Some(keys))
                    .consistent_read(true)
                    .build()
                    .map_err(|e| store_unavailable("BatchGetItem", e))?,
            );
            let mut attempt = 0u32;
            while let Some(request) = pending.take() {
                let out = self
                    .client
                    .batch_get_item()
                    .request_items(&self.table, request)
                    .send()
                    .await
                    .map_err(|e| store_unavailable("BatchGetItem", e))?;
                for item in out
                    .responses
                    .and_then(|mut r| r.remove(&self.table))
                    .into_iter()
                    .flatten()
                {
                    let friend: Friend = from_doc(&item, "friend")?;
                    found.insert(friend_pk(&friend.key), friend);
                }
                pending = out
                    .unprocessed_keys
                    .and_then(|mut u| u.remove(&self.table))
                    .filter(|k| !k.keys().is_empty());
                if pending.is_some() {
                    attempt += 1;
                    if attempt > 8 {
                        return Err(StoreError::Unavailable(
                            "BatchGetItem left keys unprocessed after 8 retries".into(),
                        ));
                    }
                    tokio::time::sleep(Duration::from_millis(20 << attempt.min(6))).await;
                }
            }
        }
        Ok(found)
    }

    fn membership_item(&self, key: &FriendKey, audience: &str) -> Item {
        Item::from([
            (PK.to_string(), s(friend_pk(key))),
            (SK.to_string(), s(membership_sk(audience))),
            ("apk".to_string(), s(audience)),
            ("ask".to_string(), s(friend_in_audience(key))),
        ])
    }

    async fn stored(&self, key: &FriendKey) -> Result<Option<Friend>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(friend_pk(key)))
            .key(SK, s(FRIEND_SK))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_unavailable("GetItem", e))?;
        out.item.map(|item| from_doc(&item, "friend")).transpose()
    }
}

#[async_trait]
impl FriendStore for DynamoFriends {
    async fn friend(&self, key: &FriendKey) -> Result<Option<Friend>, StoreError> {
        self.stored(key).await
    }

    /// A new friend (version 0) costs one BatchWriteItem of its memberships, then
    /// one conditional PutItem: no transaction, because a membership without its
    /// friend (a crash in between, or losing the race to create) is filtered out by
    /// readers. An existing friend costs one consistent GetItem (to learn its
    /// stored memberships), then one conditional PutItem when no membership
    /// changed, or one TransactWriteItems (friend + changed memberships) when some
    /// did, so that a removed membership can never be lost to a concurrent save.
    /// Fails with `TooLarge` over 400 KB, or when more than 99 memberships change
    /// in one save (DynamoDB's 100 actions per transaction).
    async fn save(&self, friend: &Friend) -> Result<Friend, StoreError> {
        let expected = friend.version;
        let mut saved = friend.clone();
        saved.version = expected + 1;
        let item = friend_item(&saved)?;
        check_size(&item)?;
        let new = memberships(&saved);

        if expected == 0 {
            let items = new
                .iter()
                .map(|a| self.membership_item(&friend.key, a))
                .collect();
            batch::put(&self.client, &self.table, items).await?;
            versioned::put(&self.client, &self.table, item, expected).await?;
            return Ok(saved);
        }
        let old = match self.stored(&friend.key).await? {
            Some(stored) if stored.version == expected => memberships(&stored),
            _ => return Err(StoreError::Conflict),
        };
        let puts: Vec<&String> = new.difference(&old).collect();
        let deletes: Vec<&String> = old.difference(&new).collect();
        if puts.is_empty() && deletes.is_empty() {
            versioned::put(&self.client, &self.table, item, expected).await?;
            return Ok(saved);
        }
        let actions = 1 + puts.len() + deletes.len();
        if actions > MAX_TRANSACTION_ACTIONS {
            return Err(StoreError::TooLarge {
                bytes: actions,
                limit: MAX_TRANSACTION_ACTIONS,
            });
        }

        let build =
            |e: aws_sdk_dynamodb::error::BuildError| store_unavailable("TransactWriteItems", e);
        let (condition, (name, attribute), expected_value) = version_condition(expected);
        let put_friend = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression(condition)
            .expression_attribute_names(name, attribute)
            .set_expression_attribute_values(
                expected_value.map(|v| HashMap::from([(":expected".to_string(), v)])),
            );
        let mut writes = vec![TransactWriteItem::builder()
            .put(put_friend.build().map_err(build)?)
            .build()];
        for audience in puts {
            let put = Put::builder()
                .table_name(&self.table)
                .set_item(Some(self.membership_item(&friend.key, audience)))
                .build()
                .map_err(build)?;
            writes.push(TransactWriteItem::builder().put(put).build());
        }
        let pk = friend_pk(&friend.key);
        for audience in deletes {
            let delete = Delete::builder()
                .table_name(&self.table)
                .key(PK, s(pk.clone()))
                .key(SK, s(membership_sk(audience)))
                .build()
                .map_err(build)?;
            writes.push(TransactWriteItem::builder().delete(delete).build());
        }
        match self
            .client
            .transact_write_items()
            .set_transact_items(Some(writes))
            .send()
            .await
        {
            Ok(_) => Ok(saved),
            Err(e) => Err(transaction_failed(e)),
        }
    }

    /// One consistent Query of the friend's partition (item and memberships), then
    /// BatchWriteItem deletes of all of them. A membership left behind by a crash
    /// in between is harmless: readers drop memberships whose friend is gone.
    async fn delete(&self, key: &FriendKey) -> Result<bool, StoreError> {
        let pk = friend_pk(key);
        let mut sort_keys = batch::sort_keys(&self.client, &self.table, &pk, "").await?;
        let existed = sort_keys.iter().any(|sk| sk == FRIEND_SK);
        // The friend item first, so that a crash leaves only orphan memberships.
        sort_keys.sort_by_key(|sk| sk != FRIEND_SK);
        batch::delete(&self.client, &self.table, &pk, sort_keys).await?;
        Ok(existed)
    }

    async fn by_store(
        &self,
        store: &StoreKey,
        page: PageRequest,
    ) -> Result<Page<Friend>, StoreError> {
        self.audience(store_audience(store), page, |f| {
            f.store_key().as_ref() == Some(store)
        })
        .await
    }

    async fn by_channel(
        &self,
        org: &OrgId,
        channel: &ChannelId,
        state: FollowState,
        page: PageRequest,
    ) -> Result<Page<Friend>, StoreError> {
        self.audience(channel_audience(org, channel, state), page, |f| {
            f.org() == org && f.channels.get(channel).is_some_and(|l| l.state == state)
        })
        .await
    }

    async fn by_tag(
        &self,
        org: &OrgId,
        tag: &str,
        page: PageRequest,
    ) -> Result<Page<Friend>, StoreError> {
        self.audience(tag_audience(org, tag), page, |f| {
            f.org() == org && f.tags.contains(tag)
        })
        .await
    }

    async fn by_org(&self, org: &OrgId, page: PageRequest) -> Result<Page<Friend>, StoreError> {
        self.audience(org_audience(org), page, |f| f.org() == org)
            .await
    }
}
