//! TransactWriteItems with the retry every transactional adapter needs: a
//! transaction that only lost a race with another one (TransactionConflict,
//! TransactionInProgress) is tried again after a short random pause; one whose
//! conditions failed answers which items failed (an answer, not an error).

use crate::error::store_unavailable;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::TransactWriteItem;
use aws_sdk_dynamodb::Client;
use otodoke_core::StoreError;
use std::time::Duration;

/// Attempts of a transaction that lost to a concurrent one (TransactionConflict).
const CONFLICT_ATTEMPTS: u32 = 12;

/// Whether a cancelled transaction failed a condition (an answer: which of its
/// items failed theirs) or only lost a race with another transaction (try again).
enum Cancelled {
    Condition(Vec<bool>),
    Conflict,
}

fn cancelled<R>(
    e: &aws_sdk_dynamodb::error::SdkError<TransactWriteItemsError, R>,
) -> Option<Cancelled> {
    match e.as_service_error()? {
        TransactWriteItemsError::TransactionCanceledException(c) => {
            let codes: Vec<&str> = c
                .cancellation_reasons()
                .iter()
                .map(|r| r.code().unwrap_or("None"))
                .collect();
            if codes.contains(&"ConditionalCheckFailed") {
                Some(Cancelled::Condition(
                    codes
                        .iter()
                        .map(|c| *c == "ConditionalCheckFailed")
                        .collect(),
                ))
            } else if codes.contains(&"TransactionConflict") {
                Some(Cancelled::Conflict)
            } else {
                None
            }
        }
        TransactWriteItemsError::TransactionInProgressException(_) => Some(Cancelled::Conflict),
        _ => None,
    }
}

/// Which items of a transaction failed their condition (`Err`), or `Ok` when it
/// was written.
pub(crate) type Written = Result<(), Vec<bool>>;

/// A short random pause before retrying a transaction that lost a race.
async fn backoff(attempt: u32) {
    let jitter = (uuid::Uuid::new_v4().as_u128() % 1_000) as u64;
    let base = 5u64 << attempt.min(6);
    tokio::time::sleep(Duration::from_micros(
        (base * 1_000 * (500 + jitter)) / 1_000,
    ))
    .await;
}

/// Runs a transaction, retrying while it only loses races; `Ok(Err(failed))`
/// when conditions failed (`failed[i]`: item `i`'s did). One TransactWriteItems
/// per attempt.
pub(crate) async fn write(
    client: &Client,
    writes: Vec<TransactWriteItem>,
) -> Result<Written, StoreError> {
    for attempt in 0..CONFLICT_ATTEMPTS {
        let result = client
            .transact_write_items()
            .set_transact_items(Some(writes.clone()))
            .send()
            .await;
        match result {
            Ok(_) => return Ok(Ok(())),
            Err(e) => match cancelled(&e) {
                Some(Cancelled::Condition(failed)) => return Ok(Err(failed)),
                Some(Cancelled::Conflict) if attempt + 1 < CONFLICT_ATTEMPTS => {
                    backoff(attempt).await
                }
                _ => return Err(store_unavailable("TransactWriteItems", e)),
            },
        }
    }
    unreachable!("the last attempt returns")
}
