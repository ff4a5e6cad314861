//! SDK errors to port errors, in one place. Every call site first picks out the
//! errors that are answers (a failed condition); what is left goes through here,
//! is logged with its full context, and becomes `Unavailable`.

/// Whether an SDK error from a conditional write is a failed condition (an answer,
/// not an outage), matched by the operation's error type.
macro_rules! condition_failed {
    ($err:expr) => {
        $err.as_service_error()
            .is_some_and(|e| e.is_conditional_check_failed_exception())
    };
}
pub(crate) use condition_failed;

use aws_smithy_types::error::display::DisplayErrorContext;
use otodoke_core::{QueueError, StoreError};
use std::error::Error;

/// A DynamoDB or Secrets Manager failure that is not an answer: logged, then
/// `StoreError::Unavailable`. The SDK has already retried it (see `retry_config`).
pub(crate) fn store_unavailable<E>(operation: &'static str, err: E) -> StoreError
where
    E: Error + Send + Sync + 'static,
{
    tracing::error!(operation, error = %DisplayErrorContext(&err), "storage call failed");
    StoreError::Unavailable(Box::new(err))
}

/// An SQS failure that is not an answer: logged, then `QueueError::Unavailable`.
pub(crate) fn queue_unavailable<E>(operation: &'static str, err: E) -> QueueError
where
    E: Error + Send + Sync + 'static,
{
    tracing::error!(operation, error = %DisplayErrorContext(&err), "queue call failed");
    QueueError::Unavailable(Box::new(err))
}

/// A stored item that does not decode: logged, then `StoreError::Corrupt`.
pub(crate) fn corrupt(what: &str, err: impl std::fmt::Display) -> StoreError {
    tracing::error!(what, error = %err, "stored item could not be decoded");
    StoreError::Corrupt(format!("{what}: {err}"))
}

/// A TransactWriteItems failure: `Conflict` when a condition failed or another
/// writer's transaction touched the same items at the same moment (either way the
/// caller must re-read), `Unavailable` otherwise.
pub(crate) fn transaction_failed(
    err: aws_sdk_dynamodb::error::SdkError<
        aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError,
    >,
) -> StoreError {
    use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
    match err.as_service_error() {
        Some(TransactWriteItemsError::TransactionCanceledException(c))
            if c.cancellation_reasons().iter().any(|r| {
                matches!(
                    r.code(),
                    Some("ConditionalCheckFailed") | Some("TransactionConflict")
                )
            }) =>
        {
            StoreError::Conflict
        }
        _ => store_unavailable("TransactWriteItems", err),
    }
}
