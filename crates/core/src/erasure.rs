//! Erasing a customer on request (Japan's Act on the Protection of Personal
//! Information gives customers that right): their friend record and every index
//! entry, their conversation history, staff-inbox threads, step-sequence enrolments
//! automation runs and the tracked-link clicks kept with their name, in every
//! store that holds them. The report says how much went, and holds no personal data,
//! so it can be kept as the record that the erasure happened. The customer's kept
//! media (images, videos, files they sent) goes with their history.
//!
//! Idempotency claims are not touched: they are keyed by LINE's event ids and hold
//! no personal data, and they expire on their own within days.

use crate::error::StoreError;
use crate::friend::FriendKey;
use crate::media::MediaPrefix;
use crate::ports::{
    AutomationStore, ConversationStore, EnrolmentStore, FriendStore, LinkStore, MediaStore,
    ThreadStore,
};
use serde::Serialize;

/// What an erasure removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErasureReport {
    /// Whether there was a friend record.
    pub friend: bool,
    pub messages: u64,
    pub enrolments: u32,
    /// Staff-inbox threads.
    pub threads: u64,
    /// Kept media objects (originals and previews).
    pub media: u64,
    /// Records of the automations the customer's actions ran (their timeline).
    pub automation_runs: u64,
    /// Their kept clicks of tracked links (the links' totals stay: they name nobody).
    pub link_clicks: u64,
}

/// Every store a customer's data is kept in.
pub struct ErasureStores<'a> {
    pub friends: &'a dyn FriendStore,
    pub conversations: &'a dyn ConversationStore,
    pub enrolments: &'a dyn EnrolmentStore,
    pub threads: &'a dyn ThreadStore,
    pub automations: &'a dyn AutomationStore,
    pub links: &'a dyn LinkStore,
    pub media: &'a dyn MediaStore,
}

/// Erases `key`'s data. History and enrolments go first and the friend record last,
/// so that a failure part-way leaves the friend findable and the erasure can simply
/// be asked for again; every step is idempotent.
pub async fn erase_friend(
    stores: ErasureStores<'_>,
    key: &FriendKey,
) -> Result<ErasureReport, StoreError> {
    let ErasureStores {
        friends,
        conversations,
        enrolments,
        threads,
        automations,
        links,
        media,
    } = stores;
    // Media before the history that refers to it: a failure in between leaves
    // references to deleted objects, never objects nothing refers to.
    let media = media.delete_prefix(&MediaPrefix::friend(key)).await?;
    let messages = conversations.erase(key).await?;
    let enrolments = enrolments.erase(key).await?;
    let threads = threads.erase(key).await?;
    let automation_runs = automations.erase(key).await?;
    let link_clicks = links.erase(key).await?;
    let friend = friends.delete(key).await?;
    Ok(ErasureReport {
        friend,
        messages,
        enrolments,
        threads,
        media,
        automation_runs,
        link_clicks,
    })
}
