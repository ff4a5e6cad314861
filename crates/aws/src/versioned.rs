//! Items saved under an optimistic version (`ver`): a put that succeeds only when
//! the stored version is the one the writer read (0: the item must not exist yet).

use crate::error::{condition_failed, store_unavailable};
use crate::item::{n, Item};
use crate::schema::PK;
use aws_sdk_dynamodb::types::{AttributeValue, Put};
use aws_sdk_dynamodb::Client;
use otodoke_core::StoreError;
use std::collections::HashMap;

/// The version attribute of versioned items.
pub(crate) const VERSION: &str = "ver";

/// The condition that the stored item has version `expected` (0: does not exist):
/// expression, its one attribute name, and its value if any (for a transaction's
/// `Put` as much as for a plain PutItem).
pub(crate) fn version_condition(
    expected: u64,
) -> (
    &'static str,
    (&'static str, &'static str),
    Option<AttributeValue>,
) {
    if expected == 0 {
        ("attribute_not_exists(#k)", ("#k", PK), None)
    } else {
        ("#k = :expected", ("#k", VERSION), Some(n(expected)))
    }
}

/// Puts `item` if the stored version is `expected`; `Conflict` if not. One PutItem.
pub(crate) async fn put(
    client: &Client,
    table: &str,
    item: Item,
    expected: u64,
) -> Result<(), StoreError> {
    let (condition, (name, attribute), expected_value) = version_condition(expected);
    let result = client
        .put_item()
        .table_name(table)
        .set_item(Some(item))
        .condition_expression(condition)
        .expression_attribute_names(name, attribute)
        .set_expression_attribute_values(
            expected_value.map(|v| HashMap::from([(":expected".to_string(), v)])),
        )
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if condition_failed!(e) => Err(StoreError::Conflict),
        Err(e) => Err(store_unavailable("PutItem", e)),
    }
}

/// Puts `item` unless an item has its key (a new item: version 0): `true` if it
/// was put, `false` if one was there already. One PutItem.
pub(crate) async fn put_new(client: &Client, table: &str, item: Item) -> Result<bool, StoreError> {
    match put(client, table, item, 0).await {
        Ok(()) => Ok(true),
        Err(StoreError::Conflict) => Ok(false),
        Err(e) => Err(e),
    }
}

/// A transaction's put of `item` on condition that its key is free (a new item:
/// version 0); the transaction fails on that item otherwise.
pub(crate) fn put_new_in_transaction(table: &str, item: Item) -> Result<Put, StoreError> {
    let (condition, (name, attribute), _) = version_condition(0);
    Put::builder()
        .table_name(table)
        .set_item(Some(item))
        .condition_expression(condition)
        .expression_attribute_names(name, attribute)
        .build()
        .map_err(|e| store_unavailable("TransactWriteItems", e))
}
