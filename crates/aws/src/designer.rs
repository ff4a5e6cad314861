//! The designer table: rich menus, menu rules, relink jobs, automations and
//! automation runs ([`crate::richmenus`], [`crate::automations`]), one table for
//! what the console's designers edit and what their automations leave behind.
//!
//! Every partition key begins with the organization (`O#<org>`), so no key can
//! reach another organization's items (keys are built in [`crate::keys`]):
//!
//! | partition                        | sort key                   | item |
//! |----------------------------------|----------------------------|------|
//! | `O#<org>`                        | `MENU#<channel>#<menu>`    | a menu (doc, `created`) |
//! | `O#<org>`                        | `MID#<menu>`               | the menu's channel (`channel`) |
//! | `O#<org>`                        | `RULES#<channel>`          | a channel's menu rules |
//! | `O#<org>`                        | `JOB#<channel>#<ulid>`     | a relink job |
//! | `O#<org>`                        | `JID#<ulid>`               | the job's channel (`channel`) |
//! | `O#<org>`                        | `AUTO#<id>`                | an automation (doc, `created`) |
//! | `O#<org>#F#<provider>#<user>`    | `RUN#<run id>`             | a run (doc, `run_at`, TTL) |
//! | `O#<org>#A#<automation>`         | `<time>#<provider>#<user>#<run id>` | a reference to a run (TTL) |
//!
//! - A channel's menus are one Query (`begins_with MENU#<channel>#`); the port finds
//!   a menu (and a job) by organization and id alone, so a small `MID#`/`JID#` item
//!   records its channel: a read is two GetItems, and the home item, claimed when the
//!   menu is created, also makes a menu id the organization's once.
//! - The port lists menus oldest first and automations in creation order, but their
//!   `updated_at` moves with every edit: the item keeps `created` (the first save's
//!   `updated_at`), which an edit reads back before its put; listings (at most 1000
//!   menus a channel, 200 automations) are read whole and sorted by `(created, id)`.
//! - A run is keyed by its id in its friend's partition, so recording it is one
//!   conditional put ("first start wins") and erasing a friend's runs empties one
//!   partition. The local index `runs_by_time` (`pk`, `run_at` = time and id) makes
//!   the friend's timeline one consistent Query, newest first.
//! - Each automation a run involved gets one reference item in the automation's
//!   partition (`run_pk`, `run_sk`; no copy of the run), sorted by time: a page of
//!   `runs_for_automation` is one Query of references and one BatchGetItem of the
//!   runs. References are written after the run, from the stored run, and written
//!   again when the start repeats, so a crash in between heals on redelivery.
//! - Runs and their references expire [`RUN_RETENTION`] after the run (TTL
//!   `expires_at`); menus, rules, jobs and automations are kept.

use crate::error::{condition_failed, store_unavailable};
use crate::item::{check_size, from_doc, get_s, n, s, time_key, to_doc, Item, DOC};
use crate::query;
use crate::schema::{PK, SK};
use crate::versioned::VERSION;
use aws_sdk_dynamodb::types::ReturnValue;
use aws_sdk_dynamodb::Client;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::{ChannelId, StoreError};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// How long runs are kept: a little over a year, so a year's timeline is whole.
pub const RUN_RETENTION: SignedDuration = SignedDuration::from_hours(400 * 24);

/// When a menu or an automation was first saved (a time key).
const CREATED: &str = "created";
/// The channel a menu or job home item names.
const CHANNEL: &str = "channel";

/// A versioned record's item: keys, the record, its version (already bumped);
/// refused when over the item size limit.
pub(crate) fn record_item<T: Serialize>(
    pk: String,
    sk: String,
    record: &T,
    version: u64,
) -> Result<Item, StoreError> {
    let item = Item::from([
        (PK.to_string(), s(pk)),
        (SK.to_string(), s(sk)),
        (DOC.to_string(), to_doc(record)?),
        (VERSION.to_string(), n(version)),
    ]);
    check_size(&item)?;
    Ok(item)
}

/// One item, consistently read.
pub(crate) async fn get(
    client: &Client,
    table: &str,
    pk: String,
    sk: String,
) -> Result<Option<Item>, StoreError> {
    let out = client
        .get_item()
        .table_name(table)
        .key(PK, s(pk))
        .key(SK, s(sk))
        .consistent_read(true)
        .send()
        .await
        .map_err(|e| store_unavailable("GetItem", e))?;
    Ok(out.item)
}

/// Records that the item whose home is `pk`/`sk` lives on `channel`: `Conflict`
/// when it is recorded on another channel. One conditional PutItem; putting the
/// same home again is harmless (a retried create).
pub(crate) async fn claim_home(
    client: &Client,
    table: &str,
    pk: String,
    sk: String,
    channel: &ChannelId,
) -> Result<(), StoreError> {
    let result = client
        .put_item()
        .table_name(table)
        .item(PK, s(pk))
        .item(SK, s(sk))
        .item(CHANNEL, s(channel.as_str()))
        .condition_expression("attribute_not_exists(#pk) OR #c = :c")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_names("#c", CHANNEL)
        .expression_attribute_values(":c", s(channel.as_str()))
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if condition_failed!(e) => Err(StoreError::Conflict),
        Err(e) => Err(store_unavailable("PutItem", e)),
    }
}

/// The channel a home item records, if any.
pub(crate) async fn home(
    client: &Client,
    table: &str,
    pk: String,
    sk: String,
) -> Result<Option<ChannelId>, StoreError> {
    let Some(item) = get(client, table, pk, sk).await? else {
        return Ok(None);
    };
    let channel = get_s(&item, CHANNEL).unwrap_or_default();
    ChannelId::new(channel)
        .map(Some)
        .map_err(|e| crate::error::corrupt("home item", e))
}

/// The `created` key a save of the item at `pk`/`sk` keeps: `first` (the record's
/// time) for a new item, else the stored item's, read consistently (its absence
/// means the expected version is stale: `Conflict`).
async fn created(
    client: &Client,
    table: &str,
    (pk, sk): (String, String),
    expected: u64,
    first: String,
) -> Result<String, StoreError> {
    if expected == 0 {
        return Ok(first);
    }
    let stored = get(client, table, pk, sk).await?;
    stored
        .as_ref()
        .and_then(|item| get_s(item, CREATED))
        .map(str::to_owned)
        .ok_or(StoreError::Conflict)
}

/// Puts a versioned record that keeps its creation time (menus, automations):
/// `record` (its version already bumped from `expected`) with `created` (see
/// [`created`]; `first` is the record's time for a new one). An edit costs one
/// GetItem before the conditional PutItem.
pub(crate) async fn put_keeping_created<T: Serialize>(
    client: &Client,
    table: &str,
    (pk, sk): (String, String),
    record: &T,
    expected: u64,
    first: Timestamp,
) -> Result<(), StoreError> {
    let first = time_key(first);
    let created = created(client, table, (pk.clone(), sk.clone()), expected, first).await?;
    let mut item = record_item(pk, sk, record, expected + 1)?;
    item.insert(CREATED.to_string(), s(created));
    check_size(&item)?;
    crate::versioned::put(client, table, item, expected).await
}

/// Deletes one item; whether it held a record. One DeleteItem returning the old item.
pub(crate) async fn delete(
    client: &Client,
    table: &str,
    pk: String,
    sk: String,
) -> Result<bool, StoreError> {
    let out = client
        .delete_item()
        .table_name(table)
        .key(PK, s(pk))
        .key(SK, s(sk))
        .return_values(ReturnValue::AllOld)
        .send()
        .await
        .map_err(|e| store_unavailable("DeleteItem", e))?;
    Ok(out.attributes.is_some_and(|a| a.contains_key(DOC)))
}

/// Every record under `prefix` in partition `pk`, consistently read and in
/// creation order (`created`, then sort key). One Query per 1 MB.
pub(crate) async fn by_creation<T: DeserializeOwned>(
    client: &Client,
    table: &str,
    pk: String,
    prefix: &str,
    what: &str,
) -> Result<Vec<T>, StoreError> {
    let request = client
        .query()
        .table_name(table)
        .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_names("#sk", SK)
        .expression_attribute_values(":pk", s(pk))
        .expression_attribute_values(":prefix", s(prefix))
        .consistent_read(true);
    let mut items = query::all(request).await?;
    let order = |i: &Item| {
        (
            get_s(i, CREATED).unwrap_or_default().to_owned(),
            get_s(i, SK).unwrap_or_default().to_owned(),
        )
    };
    items.sort_by_cached_key(order);
    items.iter().map(|item| from_doc(item, what)).collect()
}
