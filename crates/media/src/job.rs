//! The keeper's job: which message's content to keep, and its queue message.

use otodoke_core::conversation::{ConversationEntry, Direction};
use otodoke_core::friend::FriendKey;
use otodoke_core::ports::QueueMessage;
use otodoke_core::ChannelId;
use serde::{Deserialize, Serialize};

/// The message types whose content LINE serves on its content endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    Image,
    Video,
    Audio,
    File,
}

impl ContentKind {
    fn of(message_type: &str) -> Option<Self> {
        match message_type {
            "image" => Some(ContentKind::Image),
            "video" => Some(ContentKind::Video),
            "audio" => Some(ContentKind::Audio),
            "file" => Some(ContentKind::File),
            _ => None,
        }
    }
}

/// Keep the content of one inbound message. The friend key holds the organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaJob {
    pub channel: ChannelId,
    pub friend: FriendKey,
    /// The conversation entry to attach the kept copy to.
    pub entry_id: String,
    pub line_message_id: String,
    pub kind: ContentKind,
}

/// The job for `entry`, if its content is LINE's to download: an inbound image,
/// video, audio or file message. Images and videos a customer shares from an
/// external provider (`contentProvider.type: external`) are only URLs, so there is
/// nothing on LINE's content endpoint to keep.
pub fn job_for(entry: &ConversationEntry) -> Option<MediaJob> {
    if entry.direction != Direction::Inbound || entry.media.is_some() {
        return None;
    }
    let kind = ContentKind::of(entry.payload.get("type")?.as_str()?)?;
    let provider = entry
        .payload
        .pointer("/contentProvider/type")
        .and_then(|v| v.as_str());
    if provider.is_some_and(|p| p != "line") {
        return None;
    }
    Some(MediaJob {
        channel: entry.channel.clone(),
        friend: entry.friend.clone(),
        entry_id: entry.id.clone(),
        line_message_id: entry.line_message_id.clone()?,
        kind,
    })
}

/// The media queue's message for `job` (a standard queue: jobs of one chat need no
/// order, and a repeat is harmless because keeping is idempotent).
pub fn job_message(job: &MediaJob) -> QueueMessage {
    QueueMessage {
        body: serde_json::to_string(job).expect("a job serializes"),
        group_id: None,
        dedup_id: None,
    }
}

/// A queue message that is not a [`MediaJob`].
#[derive(Debug, thiserror::Error)]
#[error("not a media job: {0}")]
pub struct InvalidJob(#[from] serde_json::Error);

impl MediaJob {
    /// The job in a queue message's body.
    pub fn parse(body: &str) -> Result<Self, InvalidJob> {
        Ok(serde_json::from_str(body)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_core::conversation::Sender;
    use otodoke_core::{LineUserId, OrgId, ProviderId};
    use serde_json::json;

    fn entry(payload: serde_json::Value, direction: Direction) -> ConversationEntry {
        ConversationEntry {
            id: "01J00000000000000000000000".into(),
            friend: FriendKey {
                org: OrgId::new("acme").unwrap(),
                provider: ProviderId::new("p").unwrap(),
                user_id: LineUserId::parse(format!("U{:032x}", 1)).unwrap(),
            },
            channel: ChannelId::new("c1").unwrap(),
            store_id: None,
            at: jiff::Timestamp::UNIX_EPOCH,
            direction,
            line_message_id: Some("555".into()),
            text: "[image]".into(),
            payload,
            sender: Sender::Customer,
            hidden: false,
            expires_at: None,
            media: None,
            delivery: None,
            declined_intent: false,
        }
    }

    #[test]
    fn inbound_line_images_videos_audio_and_files_get_a_job_and_round_trip() {
        for (payload, kind) in [
            (
                json!({"type": "image", "id": "555", "contentProvider": {"type": "line"}}),
                ContentKind::Image,
            ),
            (
                json!({"type": "video", "id": "555", "contentProvider": {"type": "line"}}),
                ContentKind::Video,
            ),
            (
                json!({"type": "audio", "id": "555", "contentProvider": {"type": "line"}}),
                ContentKind::Audio,
            ),
            (
                json!({"type": "file", "id": "555", "fileName": "a.pdf"}),
                ContentKind::File,
            ),
        ] {
            let job = job_for(&entry(payload, Direction::Inbound)).expect("a job");
            assert_eq!(job.kind, kind);
            assert_eq!(job.line_message_id, "555");
            let message = job_message(&job);
            assert_eq!(MediaJob::parse(&message.body).unwrap(), job);
        }
    }

    #[test]
    fn text_outbound_external_and_already_kept_messages_get_no_job() {
        assert!(job_for(&entry(
            json!({"type": "text", "text": "hi"}),
            Direction::Inbound
        ))
        .is_none());
        let image = json!({"type": "image", "id": "555", "contentProvider": {"type": "line"}});
        assert!(job_for(&entry(image.clone(), Direction::Outbound)).is_none());
        let external = json!({"type": "image", "id": "555",
            "contentProvider": {"type": "external", "originalContentUrl": "https://x/y.jpg"}});
        assert!(job_for(&entry(external, Direction::Inbound)).is_none());
        assert!(MediaJob::parse("{}").is_err());
    }
}
