//! Erasing a customer on request (Japan's Act on the Protection of Personal
//! Information gives customers that right): their friend record and every index
//! entry, their conversation history and their step-sequence enrolments, in every
//! store that holds them. The report says how much went, and holds no personal data,
//! so it can be kept as the record that the erasure happened.
//!
//! Idempotency claims are not touched: they are keyed by LINE's event ids and hold
//! no personal data, and they expire on their own within days.

use crate::error::StoreError;
use crate::friend::FriendKey;
use crate::ports::{ConversationStore, EnrolmentStore, FriendStore};
use serde::Serialize;

/// What an erasure removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErasureReport {
    /// Whether there was a friend record.
    pub friend: bool,
    pub messages: u64,
    pub enrolments: u32,
}

/// Erases `key`'s data. History and enrolments go first and the friend record last,
/// so that a failure part-way leaves the friend findable and the erasure can simply
/// be asked for again; every step is idempotent.
pub async fn erase_friend(
    friends: &dyn FriendStore,
    conversations: &dyn ConversationStore,
    enrolments: &dyn EnrolmentStore,
    key: &FriendKey,
) -> Result<ErasureReport, StoreError> {
    let messages = conversations.erase(key).await?;
    let enrolments = enrolments.erase(key).await?;
    let friend = friends.delete(key).await?;
    Ok(ErasureReport {
        friend,
        messages,
        enrolments,
    })
}
