//! The keeper against the LINE sandbox (real HTTP, LINE's content rules and expiry)
//! and the embedded stores.

use jiff::Timestamp;
use otodoke_contract::builders::{friend_key, sample_channel, user_id};
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::ports::{ConversationStore, MediaStore, OrganizationStore};
use otodoke_core::PageRequest;
use otodoke_embedded::{
    EmbeddedConversations, EmbeddedMedia, EmbeddedOrganizations, StaticSecrets,
};
use otodoke_line_sandbox::{ChannelConfig, ContentKind as SandboxKind, Sandbox, SandboxHandle};
use otodoke_media::{job_for, Keeper, LineContent, MediaJob, Outcome};
use std::sync::Arc;
use std::time::Duration;

const CHANNEL: &str = "1650000001";
const DAY: Duration = Duration::from_secs(24 * 3600);

struct Rig {
    sandbox: SandboxHandle,
    conversations: Arc<EmbeddedConversations>,
    media: Arc<EmbeddedMedia>,
    keeper: Keeper,
}

async fn webhook_receiver() -> String {
    let app = axum::Router::new().fallback(|| async { "ok" });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

async fn rig(transcoding: Duration) -> Rig {
    let channel = ChannelConfig::new(CHANNEL).webhook_url(webhook_receiver().await);
    let token = channel.token().to_owned();
    let sandbox = Sandbox::builder()
        .channel(channel)
        .content_transcoding(transcoding)
        .start()
        .await
        .unwrap();
    let orgs = Arc::new(EmbeddedOrganizations::default());
    orgs.connect_channel(&sample_channel("acme", CHANNEL, 1))
        .await
        .unwrap();
    let secrets = Arc::new(StaticSecrets::new().with(format!("{CHANNEL}/token"), token));
    let conversations = Arc::new(EmbeddedConversations::new());
    let media = Arc::new(EmbeddedMedia::in_memory("http://127.0.0.1:1"));
    let content = Arc::new(LineContent::new(
        sandbox.base_url(),
        sandbox.base_url(),
        orgs,
        secrets,
    ));
    let keeper = Keeper::new(content, media.clone(), conversations.clone());
    Rig {
        sandbox,
        conversations,
        media,
        keeper,
    }
}

impl Rig {
    /// Friend 1 sends `kind`; the entry is recorded as ingest records it; returns
    /// the keeper's job for it.
    async fn customer_sends(&self, kind: SandboxKind, body: Option<(&str, &[u8])>) -> MediaJob {
        let user = user_id(1).to_string();
        self.sandbox.friend_follows(CHANNEL, &user).await.unwrap();
        let sent = self
            .sandbox
            .friend_sends_media(CHANNEL, &user, kind, body)
            .await
            .unwrap();
        let message = sent.event["message"].clone();
        let id = message["id"].as_str().unwrap().to_owned();
        let entry = ConversationEntry {
            id: ulid_for(&id),
            friend: friend_key(1),
            channel: otodoke_core::ChannelId::new(CHANNEL).unwrap(),
            store_id: None,
            at: Timestamp::now(),
            direction: Direction::Inbound,
            line_message_id: Some(id),
            text: format!("[{}]", kind.message_type()),
            payload: message,
            sender: Sender::Customer,
            hidden: false,
            expires_at: None,
            media: None,
            delivery: None,
            declined_intent: false,
        };
        self.conversations.append(&entry).await.unwrap();
        job_for(&entry).expect("an inbound media message gets a job")
    }

    async fn entry(&self) -> ConversationEntry {
        let page = self
            .conversations
            .history(&friend_key(1), PageRequest::first(10))
            .await
            .unwrap();
        page.items.into_iter().next().expect("the entry")
    }
}

fn ulid_for(message_id: &str) -> String {
    let n: u128 = message_id.parse().unwrap();
    ulid::Ulid::from_parts(1_700_000_000_000, n).to_string()
}

#[tokio::test]
async fn an_image_is_kept_with_a_preview_and_attached_to_its_entry() {
    let rig = rig(Duration::ZERO).await;
    let job = rig.customer_sends(SandboxKind::Image, None).await;
    let Outcome::Kept(kept) = rig.keeper.keep(&job).await.unwrap() else {
        panic!("the image is kept")
    };
    assert_eq!(kept.content_type, "image/png");
    let stored = rig.media.get(&kept.key).await.unwrap().unwrap();
    assert_eq!(
        stored.body,
        otodoke_line_sandbox::generated_png(&job.line_message_id)
    );
    assert_eq!(kept.bytes, stored.body.len() as u64);
    let preview = rig
        .media
        .get(kept.preview_key.as_ref().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(preview.content_type, "image/jpeg");
    assert_eq!(rig.entry().await.media, Some(kept));
}

#[tokio::test]
async fn a_video_still_transcoding_is_not_ready_then_kept_on_a_later_try() {
    let rig = rig(Duration::from_secs(60)).await;
    let job = rig
        .customer_sends(SandboxKind::Video, Some(("video/mp4", b"MP4DATA")))
        .await;
    assert_eq!(rig.keeper.keep(&job).await.unwrap(), Outcome::NotReady);
    assert_eq!(rig.entry().await.media, None, "nothing attached yet");
    rig.sandbox.clock().advance(Duration::from_secs(60));
    let Outcome::Kept(kept) = rig.keeper.keep(&job).await.unwrap() else {
        panic!("kept once LINE is done")
    };
    assert_eq!(
        (kept.content_type.as_str(), kept.bytes, kept.preview_key),
        ("video/mp4", 7, None)
    );
}

#[tokio::test]
async fn content_line_no_longer_has_is_lost_and_the_entry_keeps_no_media() {
    let rig = rig(Duration::ZERO).await;
    let job = rig.customer_sends(SandboxKind::File, None).await;
    rig.sandbox.clock().advance(7 * DAY);
    assert_eq!(rig.keeper.keep(&job).await.unwrap(), Outcome::Lost);
    assert_eq!(rig.entry().await.media, None);
}

#[tokio::test]
async fn a_redelivered_job_keeps_the_same_copy_once() {
    let rig = rig(Duration::ZERO).await;
    let job = rig
        .customer_sends(
            SandboxKind::Image,
            Some(("image/jpeg", &[0xFF, 0xD8, 0xFF, 0x00])),
        )
        .await;
    let first = rig.keeper.keep(&job).await.unwrap();
    let second = rig.keeper.keep(&job).await.unwrap();
    assert_eq!(first, second);
    let Outcome::Kept(kept) = first else {
        panic!("kept")
    };
    assert_eq!(
        kept.preview_key, None,
        "bytes that do not decode get no preview"
    );
    let erased = rig
        .media
        .delete_prefix(&otodoke_core::media::MediaPrefix::friend(&friend_key(1)))
        .await
        .unwrap();
    assert_eq!(erased, 1, "one object, however often the job ran");
}

#[tokio::test]
async fn an_image_sent_by_a_customer_is_still_in_the_history_after_the_sandbox_has_expired_its_content(
) {
    let rig = rig(Duration::ZERO).await;
    let job = rig.customer_sends(SandboxKind::Image, None).await;
    let Outcome::Kept(kept) = rig.keeper.keep(&job).await.unwrap() else {
        panic!("kept")
    };
    rig.sandbox.clock().advance(15 * DAY);
    let line_copy = reqwest_status(&rig, &job.line_message_id).await;
    assert_eq!(line_copy, 404, "LINE's copy is gone");
    let entry = rig.entry().await;
    assert_eq!(entry.media.as_ref(), Some(&kept));
    let ours = rig.media.get(&kept.key).await.unwrap().unwrap();
    assert_eq!(
        ours.body,
        otodoke_line_sandbox::generated_png(&job.line_message_id)
    );
    // A job run again now (a late redelivery) must not undo the kept copy.
    assert_eq!(rig.keeper.keep(&job).await.unwrap(), Outcome::Lost);
    assert_eq!(rig.entry().await.media, Some(kept));
}

#[tokio::test]
async fn content_of_an_entry_erased_meanwhile_is_not_kept() {
    let rig = rig(Duration::ZERO).await;
    let job = rig.customer_sends(SandboxKind::Image, None).await;
    rig.conversations.erase(&friend_key(1)).await.unwrap();
    assert_eq!(rig.keeper.keep(&job).await.unwrap(), Outcome::EntryGone);
    let left = rig
        .media
        .delete_prefix(&otodoke_core::media::MediaPrefix::friend(&friend_key(1)))
        .await
        .unwrap();
    assert_eq!(left, 0, "neither the copy nor its preview stays");
}

async fn reqwest_status(rig: &Rig, message_id: &str) -> u16 {
    let token = rig.sandbox.channels()[0].token().to_owned();
    let url = format!(
        "{}/v2/bot/message/{message_id}/content",
        rig.sandbox.base_url()
    );
    reqwest::Client::new()
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}
