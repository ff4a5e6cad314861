//! BatchWriteItem and BatchGetItem with their partial failures handled, and the sort keys of one
//! partition: what the adapters need to write, read or remove many items.

use crate::error::store_unavailable;
use crate::item::{get_s, s, Item};
use crate::query;
use crate::schema::{PK, SK};
use aws_sdk_dynamodb::types::{DeleteRequest, KeysAndAttributes, PutRequest, WriteRequest};
use aws_sdk_dynamodb::Client;
use otodoke_core::StoreError;
use std::time::Duration;

/// DynamoDB's limit on items in one BatchWriteItem.
const MAX_BATCH_WRITE: usize = 25;
/// DynamoDB's limit on keys in one BatchGetItem.
const MAX_BATCH_GET: usize = 100;
/// How often unprocessed requests are retried before giving up.
const MAX_RETRIES: u32 = 8;

/// Puts `items`, 25 a call, retrying unprocessed ones.
pub(crate) async fn put(client: &Client, table: &str, items: Vec<Item>) -> Result<(), StoreError> {
    let requests = items
        .into_iter()
        .map(|item| {
            let put = PutRequest::builder().set_item(Some(item)).build();
            put.map(|p| WriteRequest::builder().put_request(p).build())
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| store_unavailable("BatchWriteItem", e))?;
    write(client, table, requests).await
}

/// Deletes the items `pk`/`sort_keys[i]`, in that order, 25 a call.
pub(crate) async fn delete(
    client: &Client,
    table: &str,
    pk: &str,
    sort_keys: Vec<String>,
) -> Result<(), StoreError> {
    let keys = sort_keys
        .into_iter()
        .map(|sk| (pk.to_owned(), sk))
        .collect();
    delete_keys(client, table, keys).await
}

/// Deletes the items of `keys` (partition, sort key), in that order, 25 a call.
pub(crate) async fn delete_keys(
    client: &Client,
    table: &str,
    keys: Vec<(String, String)>,
) -> Result<(), StoreError> {
    let requests = keys
        .into_iter()
        .map(|(pk, sk)| {
            let key = Item::from([(PK.to_string(), s(pk)), (SK.to_string(), s(sk))]);
            let delete = DeleteRequest::builder().set_key(Some(key)).build();
            delete.map(|d| WriteRequest::builder().delete_request(d).build())
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| store_unavailable("BatchWriteItem", e))?;
    write(client, table, requests).await
}

/// The sort keys in partition `pk` that begin with `prefix` (all with `""`),
/// consistently read, keys only. One Query per 1 MB.
pub(crate) async fn sort_keys(
    client: &Client,
    table: &str,
    pk: &str,
    prefix: &str,
) -> Result<Vec<String>, StoreError> {
    let request = client
        .query()
        .table_name(table)
        .expression_attribute_names("#pk", PK)
        .expression_attribute_names("#sk", SK)
        .expression_attribute_values(":pk", s(pk))
        .projection_expression("#pk, #sk")
        .consistent_read(true);
    // DynamoDB refuses an empty string in a key condition: no prefix, no begins_with.
    let request = if prefix.is_empty() {
        request.key_condition_expression("#pk = :pk")
    } else {
        request
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expression_attribute_values(":prefix", s(prefix))
    };
    Ok(query::all(request)
        .await?
        .iter()
        .filter_map(|i| get_s(i, SK).map(str::to_owned))
        .collect())
}

/// The items at `keys` (`pk`, `sk`) that exist, consistently read, 100 a call,
/// retrying unprocessed keys; in no particular order.
pub(crate) async fn get(
    client: &Client,
    table: &str,
    keys: Vec<(String, String)>,
) -> Result<Vec<Item>, StoreError> {
    let mut found = Vec::with_capacity(keys.len());
    for chunk in keys.chunks(MAX_BATCH_GET) {
        let keys: Vec<Item> = chunk
            .iter()
            .map(|(pk, sk)| Item::from([(PK.to_string(), s(pk)), (SK.to_string(), s(sk))]))
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
            let out = client
                .batch_get_item()
                .request_items(table, request)
                .send()
                .await
                .map_err(|e| store_unavailable("BatchGetItem", e))?;
            found.extend(
                out.responses
                    .and_then(|mut r| r.remove(table))
                    .unwrap_or_default(),
            );
            pending = out
                .unprocessed_keys
                .and_then(|mut u| u.remove(table))
                .filter(|k| !k.keys().is_empty());
            if pending.is_some() {
                attempt += 1;
                if attempt > MAX_RETRIES {
                    return Err(StoreError::Unavailable(
                        "BatchGetItem left keys unprocessed after 8 retries".into(),
                    ));
                }
                backoff(attempt).await;
            }
        }
    }
    Ok(found)
}

/// The pause before retry `attempt` of unprocessed requests.
async fn backoff(attempt: u32) {
    tokio::time::sleep(Duration::from_millis(20 << attempt.min(6))).await;
}

async fn write(
    client: &Client,
    table: &str,
    requests: Vec<WriteRequest>,
) -> Result<(), StoreError> {
    for chunk in requests.chunks(MAX_BATCH_WRITE) {
        let mut pending: Vec<WriteRequest> = chunk.to_vec();
        let mut attempt = 0u32;
        while !pending.is_empty() {
            let out = client
                .batch_write_item()
                .request_items(table, pending)
                .send()
                .await
                .map_err(|e| store_unavailable("BatchWriteItem", e))?;
            pending = out
                .unprocessed_items
                .and_then(|mut u| u.remove(table))
                .unwrap_or_default();
            if !pending.is_empty() {
                attempt += 1;
                if attempt > MAX_RETRIES {
                    return Err(StoreError::Unavailable(
                        "BatchWriteItem left items unprocessed after 8 retries".into(),
                    ));
                }
                backoff(attempt).await;
            }
        }
    }
    Ok(())
}
