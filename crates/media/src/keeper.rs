//! The keeper: one job in, the content kept and attached, or a defined outcome.

use crate::job::{ContentKind, MediaJob};
use crate::preview::preview_jpeg;
use async_trait::async_trait;
use otodoke_core::media::{MediaKey, MediaRef, MAX_KEPT_BYTES};
use otodoke_core::ports::{ConversationStore, MediaStore};
use otodoke_core::{ChannelId, StoreError};
use std::sync::Arc;

/// What LINE's content endpoint gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    Ready {
        content_type: String,
        body: Vec<u8>,
    },
    /// Still transcoding (202).
    NotReady,
}

/// Why the content could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// LINE has no such content any more (404): expired, or the id is unknown.
    #[error("LINE no longer has the content")]
    Gone,
    /// Anything that may pass: LINE's 5xx or 429 after the client's retries, a
    /// timeout, an unreadable access token, an unknown channel.
    #[error("content could not be fetched: {0}")]
    Unavailable(String),
}

/// Where content comes from: LINE's data host ([`crate::LineContent`]).
#[async_trait]
pub trait ContentSource: Send + Sync {
    async fn content(
        &self,
        channel: &ChannelId,
        line_message_id: &str,
    ) -> Result<Fetched, FetchError>;
}

/// What keeping one job came to. Every outcome but an error means "done with this
/// job" (ack it), except `NotReady`, which asks for a later retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored and attached to the entry.
    Kept(MediaRef),
    /// LINE is still transcoding: try again later.
    NotReady,
    /// LINE no longer has the content; the entry keeps LINE's payload only.
    Lost,
    /// Over [`MAX_KEPT_BYTES`]: not kept.
    TooLarge { bytes: usize },
    /// Stored, but the entry is gone (erased or expired meanwhile); the copy was
    /// deleted again so that nothing is kept that no history refers to.
    EntryGone,
}

/// Why a job must be retried.
#[derive(Debug, thiserror::Error)]
pub enum KeepError {
    #[error(transparent)]
    Fetch(FetchError),
    #[error("storage failed: {0}")]
    Store(#[from] StoreError),
}

/// Fetches, stores and attaches message content.
pub struct Keeper {
    content: Arc<dyn ContentSource>,
    media: Arc<dyn MediaStore>,
    conversations: Arc<dyn ConversationStore>,
}

impl Keeper {
    pub fn new(
        content: Arc<dyn ContentSource>,
        media: Arc<dyn MediaStore>,
        conversations: Arc<dyn ConversationStore>,
    ) -> Self {
        Self {
            content,
            media,
            conversations,
        }
    }

    /// Keeps `job`'s content. Idempotent: a redelivered job writes the same objects
    /// under the same keys and attaches the same reference.
    pub async fn keep(&self, job: &MediaJob) -> Result<Outcome, KeepError> {
        let fetched = match self
            .content
            .content(&job.channel, &job.line_message_id)
            .await
        {
            Ok(fetched) => fetched,
            Err(FetchError::Gone) => {
                tracing::warn!(
                    org = %job.friend.org,
                    channel = %job.channel,
                    entry = %job.entry_id,
                    "message content lost: LINE no longer has it"
                );
                return Ok(Outcome::Lost);
            }
            Err(e) => return Err(KeepError::Fetch(e)),
        };
        let (content_type, body) = match fetched {
            Fetched::NotReady => return Ok(Outcome::NotReady),
            Fetched::Ready { content_type, body } => (content_type, body),
        };
        if body.len() > MAX_KEPT_BYTES {
            tracing::warn!(org = %job.friend.org, entry = %job.entry_id, bytes = body.len(),
                "message content too large to keep");
            return Ok(Outcome::TooLarge { bytes: body.len() });
        }
        let key = MediaKey::inbound(&job.friend, &job.line_message_id);
        // A preview for images only; an image LINE served that does not decode is
        // still kept, without one.
        let preview = match job.kind {
            ContentKind::Image => preview_jpeg(&body).ok(),
            _ => None,
        };
        let bytes = body.len() as u64;
        self.media.put(&key, &content_type, body).await?;
        let preview_key = match preview {
            Some(preview) => {
                let preview_key = key.preview();
                self.media.put(&preview_key, "image/jpeg", preview).await?;
                Some(preview_key)
            }
            None => None,
        };
        let reference = MediaRef {
            key,
            content_type,
            bytes,
            preview_key,
        };
        let attached = self
            .conversations
            .attach_media(&job.friend, &job.entry_id, &reference)
            .await?;
        if !attached {
            // Erased (or expired) while we fetched: keep nothing of the customer's.
            self.media.delete(&reference.key).await?;
            if let Some(preview) = &reference.preview_key {
                self.media.delete(preview).await?;
            }
            return Ok(Outcome::EntryGone);
        }
        Ok(Outcome::Kept(reference))
    }
}
