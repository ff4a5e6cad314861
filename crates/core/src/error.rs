//! The errors a port can answer. A failed condition is usually an *answer*
//! (a duplicate, a version conflict), which ports return as values where they can;
//! `StoreError` is what remains.

/// What went wrong in a storage port.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The item changed since it was read (optimistic concurrency): re-read and retry.
    #[error("the item was changed by someone else; re-read and retry")]
    Conflict,
    /// The item would exceed the store's item size limit (DynamoDB: 400 KB).
    #[error("the item is {bytes} bytes, over the {limit}-byte limit")]
    TooLarge { bytes: usize, limit: usize },
    /// A referenced item does not exist (for updates of something that must exist).
    #[error("{0} not found")]
    NotFound(String),
    /// The stored item could not be decoded (schema drift, corruption).
    #[error("stored item could not be decoded: {0}")]
    Corrupt(String),
    /// A page cursor this listing never handed out (tampered with, or taken from
    /// another listing): the caller's mistake, not a fault of the store.
    #[error("invalid page cursor: {0}")]
    InvalidCursor(String),
    /// The backing service failed or was unreachable after the SDK's own retries.
    #[error("storage unavailable: {0}")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// What went wrong in a queue port.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// Some entries of a batch were refused and retrying did not help; their
    /// positions in the batch given to `send` are listed.
    #[error("{} message(s) could not be enqueued", failed.len())]
    Partial { failed: Vec<usize>, reason: String },
    /// A message body over the queue's size limit (SQS: 256 KiB).
    #[error("the message is {bytes} bytes, over the {limit}-byte limit")]
    TooLarge { bytes: usize, limit: usize },
    /// The backing service failed or was unreachable.
    #[error("queue unavailable: {0}")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
}
