//! `IdempotencyStore` on DynamoDB: one item per key holding whether it is done and
//! until when the claim (or the done mark) holds.
//!
//! Expiry is decided by comparing `until_ms` with the caller's `now` inside the
//! condition, never by the item being gone: DynamoDB's TTL deletes expired items
//! lazily (typically within days), so TTL only keeps the table small.

use crate::error::{condition_failed, store_unavailable};
use crate::item::{n, s, ttl_seconds, Item};
use crate::schema::{PK, TTL};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::ReturnValuesOnConditionCheckFailure;
use aws_sdk_dynamodb::Client;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::ports::{Claim, IdempotencyStore};
use otodoke_core::StoreError;

const DONE: &str = "done";
const UNTIL: &str = "until_ms";

/// Idempotency marks in a DynamoDB table keyed by the idempotency key.
#[derive(Debug, Clone)]
pub struct DynamoIdempotency {
    client: Client,
    table: String,
}

impl DynamoIdempotency {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    fn mark(key: &str, done: bool, until: Timestamp) -> Item {
        Item::from([
            (PK.to_string(), s(key)),
            (
                DONE.to_string(),
                aws_sdk_dynamodb::types::AttributeValue::Bool(done),
            ),
            (UNTIL.to_string(), n(until.as_millisecond())),
            (TTL.to_string(), n(ttl_seconds(until))),
        ])
    }

    /// What an existing, unexpired mark means for a new claim.
    fn answer(mark: &Item) -> Claim {
        match mark.get(DONE) {
            Some(aws_sdk_dynamodb::types::AttributeValue::Bool(true)) => Claim::AlreadyDone,
            _ => Claim::InProgress,
        }
    }
}

#[async_trait]
impl IdempotencyStore for DynamoIdempotency {
    /// One conditional PutItem: written if there is no mark or its `until` has
    /// passed; otherwise the old mark (returned with the failure) says which answer.
    async fn claim(
        &self,
        key: &str,
        now: Timestamp,
        lease: SignedDuration,
    ) -> Result<Claim, StoreError> {
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(Self::mark(key, false, now + lease)))
            .condition_expression("attribute_not_exists(#pk) OR #until <= :now")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#until", UNTIL)
            .expression_attribute_values(":now", n(now.as_millisecond()))
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await;
        match result {
            Ok(_) => Ok(Claim::Claimed),
            Err(e) => match e.as_service_error() {
                Some(err) if err.is_conditional_check_failed_exception() => {
                    let old = match err {
                        aws_sdk_dynamodb::operation::put_item::PutItemError::ConditionalCheckFailedException(c) => c.item().cloned(),
                        _ => None,
                    };
                    match old {
                        Some(mark) => Ok(Self::answer(&mark)),
                        // Servers that do not return the old item: read it.
                        None => self.read_answer(key).await,
                    }
                }
                _ => Err(store_unavailable("PutItem", e)),
            },
        }
    }

    async fn complete(
        &self,
        key: &str,
        now: Timestamp,
        keep_for: SignedDuration,
    ) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(Self::mark(key, true, now + keep_for)))
            .send()
            .await
            .map_err(|e| store_unavailable("PutItem", e))?;
        Ok(())
    }

    /// Deletes the mark unless it is done (a late abandon must not undo a completion).
    async fn abandon(&self, key: &str) -> Result<(), StoreError> {
        let result = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(key))
            .condition_expression("#done = :false")
            .expression_attribute_names("#done", DONE)
            .expression_attribute_values(
                ":false",
                aws_sdk_dynamodb::types::AttributeValue::Bool(false),
            )
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if condition_failed!(e) => Ok(()),
            Err(e) => Err(store_unavailable("DeleteItem", e)),
        }
    }
}

impl DynamoIdempotency {
    async fn read_answer(&self, key: &str) -> Result<Claim, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(key))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| store_unavailable("GetItem", e))?;
        // Gone in between (abandoned): someone is about to claim it; say so.
        Ok(out.item.as_ref().map_or(Claim::InProgress, Self::answer))
    }
}
