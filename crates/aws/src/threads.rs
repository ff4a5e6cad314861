//! `ThreadStore` on DynamoDB: the threads table, one item per thread in its
//! friend's partition (`pk = F#<org>#<provider>#<user>`, `sk = TH#<channel>`),
//! with one global index per inbox listing (see
//! [`Thread::indexes`]): each holds the listing's partition (`keys::thread_listing`)
//! and sorts by activity; `thread_changes` sorts an organization's saves by time.

use crate::batch;
use crate::error::store_unavailable;
use crate::item::{check_size, from_doc, n, s, time_key, to_doc, Item, DOC};
use crate::keys::{friend_pk, thread_changes, thread_listing, thread_sk};
use crate::query;
use crate::schema::{index, PK, SK};
use crate::versioned::{self, VERSION};
use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use jiff::Timestamp;
use otodoke_core::friend::FriendKey;
use otodoke_core::ports::ThreadStore;
use otodoke_core::thread::{
    changes_cursor, changes_position, Changes, Thread, ThreadIndex, ThreadKey, CHANGES_OVERLAP,
};
use otodoke_core::{Cursor, OrgId, Page, PageRequest, StoreError};

const THREAD_PREFIX: &str = "TH#";
/// The sort key every listing index shares: activity, then the thread's own key.
const LISTING_SK: &str = "th_sk";
const CHANGES_PK: &str = "th_chg";
const CHANGES_SK: &str = "th_chg_sk";

/// The index of each listing kind and its partition attribute.
fn listing_index(index: &ThreadIndex) -> (&'static str, &'static str) {
    match index {
        ThreadIndex::Org(_) => (index::THREADS_ORG, "th_org"),
        ThreadIndex::Store(..) => (index::THREADS_STORE, "th_store"),
        ThreadIndex::Assignee(..) => (index::THREADS_ASSIGNEE, "th_asg"),
        ThreadIndex::Status(..) => (index::THREADS_STATUS, "th_status"),
        ThreadIndex::Unread(..) => (index::THREADS_UNREAD, "th_unread"),
    }
}

/// The inbox's threads in the threads table.
#[derive(Debug, Clone)]
pub struct DynamoThreads {
    client: Client,
    table: String,
}

fn thread_item(thread: &Thread) -> Result<Item, StoreError> {
    let own = format!("{}#{}", thread.key.channel, thread.key.friend.encode());
    let mut item = Item::from([
        (PK.to_string(), s(friend_pk(&thread.key.friend))),
        (SK.to_string(), s(thread_sk(&thread.key.channel))),
        (DOC.to_string(), to_doc(thread)?),
        (VERSION.to_string(), n(thread.version)),
        (
            LISTING_SK.to_string(),
            s(format!("{}#{own}", time_key(thread.activity_at))),
        ),
        (CHANGES_PK.to_string(), s(thread_changes(thread.key.org()))),
        (
            CHANGES_SK.to_string(),
            s(format!("{}#{own}", time_key(thread.changed_at))),
        ),
    ]);
    for listing in thread.indexes() {
        let (_, attribute) = listing_index(&listing);
        item.insert(attribute.to_string(), s(thread_listing(&listing)));
    }
    Ok(item)
}

impl DynamoThreads {
    /// Threads in `table`.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }
}

#[async_trait]
impl ThreadStore for DynamoThreads {
    /// One consistent GetItem.
    async fn thread(&self, key: &ThreadKey) -> Result<Option<Thread>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(friend_pk(&key.friend)))
            .key(SK, s(thread_sk(&key.channel)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_unavailable("GetItem", e))?;
        out.item.map(|item| from_doc(&item, "thread")).transpose()
    }

    /// One conditional PutItem (the version check); the indexes follow the item.
    async fn save(&self, thread: &Thread) -> Result<Thread, StoreError> {
        let expected = thread.version;
        let mut saved = thread.clone();
        saved.version = expected + 1;
        let item = thread_item(&saved)?;
        check_size(&item)?;
        versioned::put(&self.client, &self.table, item, expected).await?;
        Ok(saved)
    }

    /// One Query of the listing's index, backwards (newest activity first).
    async fn list(
        &self,
        listing: &ThreadIndex,
        page: PageRequest,
    ) -> Result<Page<Thread>, StoreError> {
        let (name, attribute) = listing_index(listing);
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(name)
            .key_condition_expression("#p = :p")
            .expression_attribute_names("#p", attribute)
            .expression_attribute_values(":p", s(thread_listing(listing)))
            .scan_index_forward(false);
        let (items, next) = query::page(request, &page).await?;
        let items = items
            .iter()
            .map(|item| from_doc(item, "thread"))
            .collect::<Result<_, _>>()?;
        Ok(Page { items, next })
    }

    /// One Query of `thread_changes` (the newest item only when there is no cursor).
    async fn changes(
        &self,
        org: &OrgId,
        since: Option<&Cursor>,
        limit: u32,
    ) -> Result<Changes, StoreError> {
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index::THREADS_CHANGES)
            .expression_attribute_names("#p", CHANGES_PK)
            .expression_attribute_values(":p", s(thread_changes(org)));
        let Some(since) = since else {
            let out = request
                .key_condition_expression("#p = :p")
                .scan_index_forward(false)
                .limit(1)
                .send()
                .await
                .map_err(|e| store_unavailable("Query", e))?;
            let newest = out
                .items()
                .first()
                .map(|item| from_doc::<Thread>(item, "thread"))
                .transpose()?
                .map_or(Timestamp::UNIX_EPOCH, |t| t.changed_at);
            return Ok(Changes {
                threads: vec![],
                cursor: changes_cursor(newest),
            });
        };
        let since = changes_position(since)?;
        let out = request
            .key_condition_expression("#p = :p AND #s > :from")
            .expression_attribute_names("#s", CHANGES_SK)
            .expression_attribute_values(":from", s(time_key(since - CHANGES_OVERLAP)))
            .limit(limit.clamp(1, query::MAX_PAGE) as i32)
            .send()
            .await
            .map_err(|e| store_unavailable("Query", e))?;
        let threads: Vec<Thread> = out
            .items()
            .iter()
            .map(|item| from_doc(item, "thread"))
            .collect::<Result<_, _>>()?;
        let high = threads
            .iter()
            .map(|t| t.changed_at)
            .fold(since, Timestamp::max);
        Ok(Changes {
            threads,
            cursor: changes_cursor(high),
        })
    }

    /// One consistent keys-only Query of the friend's threads, then deletes.
    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError> {
        let pk = friend_pk(friend);
        let sks = batch::sort_keys(&self.client, &self.table, &pk, THREAD_PREFIX).await?;
        let count = sks.len() as u64;
        batch::delete(&self.client, &self.table, &pk, sks).await?;
        Ok(count)
    }
}
