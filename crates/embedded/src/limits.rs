//! The service limits the embedded adapters enforce so that they fail where
//! DynamoDB and SQS would.

use otodoke_core::{QueueError, StoreError};
use serde::Serialize;

/// DynamoDB's item size limit: 400 KB.
pub const MAX_ITEM_BYTES: usize = 400 * 1024;

/// SQS's message size limit: 256 KiB.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024;

/// Refuses `item` when its JSON form is over [`MAX_ITEM_BYTES`].
///
/// JSON is close to DynamoDB's own measure (attribute names plus values), so an
/// item refused here would be refused there. Cost: one serialization of the item.
pub fn check_item_size<T: Serialize>(item: &T) -> Result<(), StoreError> {
    let bytes = serde_json::to_vec(item)
        .map_err(|e| StoreError::Corrupt(format!("item cannot be serialized: {e}")))?
        .len();
    if bytes > MAX_ITEM_BYTES {
        return Err(StoreError::TooLarge {
            bytes,
            limit: MAX_ITEM_BYTES,
        });
    }
    Ok(())
}

/// Refuses a message body over [`MAX_MESSAGE_BYTES`].
pub fn check_message_size(body: &str) -> Result<(), QueueError> {
    if body.len() > MAX_MESSAGE_BYTES {
        return Err(QueueError::TooLarge {
            bytes: body.len(),
            limit: MAX_MESSAGE_BYTES,
        });
    }
    Ok(())
}
