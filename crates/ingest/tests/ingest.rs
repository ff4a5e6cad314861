//! Ingest against the embedded adapters, with faults injected between the steps.

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::conversation::ConversationEntry;
use otodoke_core::friend::FriendKey;
use otodoke_core::organization::{Channel, Plan, SecretRef};
use otodoke_core::ports::{
    Claim, ConversationStore, IdempotencyStore, OrganizationStore, QueueMessage, QueueReceiver,
    QueueSender,
};
use otodoke_core::{
    ChannelId, LineUserId, OrgId, Page, PageRequest, ProviderId, QueueError, StoreError, StoreId,
};
use otodoke_embedded::{Embedded, StaticSecrets};
use otodoke_ingest::{Ack, ChannelDirectory, EventEnvelope, Ingest, IngestConfig, IngestError};
use otodoke_line::signature::sign;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

const SECRET: &str = "8c570fa6dd201bb328f1c1eac23a96d8";
const BOT: &str = "U8e742f61d673b39c7fff3cecb7536ef0";
const USER: &str = "U4af4980629a0a2b8c3d4e5f60718293a";

/// A switch that makes a wrapped port fail while it is on.
#[derive(Default)]
struct Fault(AtomicBool);

impl Fault {
    fn set(&self, on: bool) {
        self.0.store(on, Ordering::SeqCst)
    }
    fn check(&self) -> Result<(), StoreError> {
        if self.0.load(Ordering::SeqCst) {
            Err(StoreError::Unavailable("injected fault".into()))
        } else {
            Ok(())
        }
    }
}

/// Wraps the embedded idempotency store; `claim` and `complete` can be made to fail.
struct FlakySeen {
    inner: Arc<dyn IdempotencyStore>,
    claim: Fault,
    complete: Fault,
}

#[async_trait]
impl IdempotencyStore for FlakySeen {
    async fn claim(
        &self,
        key: &str,
        now: Timestamp,
        lease: SignedDuration,
    ) -> Result<Claim, StoreError> {
        self.claim.check()?;
        self.inner.claim(key, now, lease).await
    }
    async fn complete(
        &self,
        key: &str,
        now: Timestamp,
        keep_for: SignedDuration,
    ) -> Result<(), StoreError> {
        self.complete.check()?;
        self.inner.complete(key, now, keep_for).await
    }
    async fn abandon(&self, key: &str) -> Result<(), StoreError> {
        self.inner.abandon(key).await
    }
}

/// Wraps the embedded conversation store; `append` can be made to fail.
struct FlakyConversations {
    inner: Arc<dyn ConversationStore>,
    append: Fault,
}

#[async_trait]
impl ConversationStore for FlakyConversations {
    async fn append(&self, entry: &ConversationEntry) -> Result<(), StoreError> {
        self.append.check()?;
        self.inner.append(entry).await
    }
    async fn history(
        &self,
        friend: &FriendKey,
        page: PageRequest,
    ) -> Result<Page<ConversationEntry>, StoreError> {
        self.inner.history(friend, page).await
    }
    async fn by_store(
        &self,
        store: &otodoke_core::StoreKey,
        from: Timestamp,
        to: Timestamp,
        page: PageRequest,
    ) -> Result<Page<ConversationEntry>, StoreError> {
        self.inner.by_store(store, from, to, page).await
    }
    async fn hide(&self, friend: &FriendKey, line_message_id: &str) -> Result<bool, StoreError> {
        self.inner.hide(friend, line_message_id).await
    }
    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError> {
        self.inner.erase(friend).await
    }
    async fn attach_media(
        &self,
        friend: &FriendKey,
        entry_id: &str,
        media: &otodoke_core::media::MediaRef,
    ) -> Result<bool, StoreError> {
        self.inner.attach_media(friend, entry_id, media).await
    }
}

/// Wraps the embedded events queue; `send` can be made to fail.
struct FlakyQueue {
    inner: Arc<dyn QueueSender>,
    send: Fault,
}

#[async_trait]
impl QueueSender for FlakyQueue {
    async fn send(&self, messages: &[QueueMessage]) -> Result<(), QueueError> {
        if self.send.0.load(Ordering::SeqCst) {
            return Err(QueueError::Unavailable("injected fault".into()));
        }
        self.inner.send(messages).await
    }
}

struct Rig {
    embedded: Embedded,
    seen: Arc<FlakySeen>,
    conversations: Arc<FlakyConversations>,
    queue: Arc<FlakyQueue>,
    ingest: Ingest,
}

async fn rig() -> Rig {
    let embedded =
        Embedded::new().with_secrets(StaticSecrets::new().with("channels/1234/secret", SECRET));
    embedded
        .orgs
        .put_channel(&Channel {
            id: ChannelId::new("1234").unwrap(),
            org_id: OrgId::new("acme").unwrap(),
            provider: ProviderId::new("prov").unwrap(),
            bot_user_id: BOT.into(),
            store_id: Some(StoreId::new("shibuya").unwrap()),
            default_store: None,
            secret_ref: SecretRef("channels/1234/secret".into()),
            access_token_ref: SecretRef("channels/1234/token".into()),
            plan: Plan::Light,
        })
        .await
        .unwrap();
    let seen = Arc::new(FlakySeen {
        inner: embedded.idempotency.clone(),
        claim: Fault::default(),
        complete: Fault::default(),
    });
    let conversations = Arc::new(FlakyConversations {
        inner: embedded.conversations.clone(),
        append: Fault::default(),
    });
    let queue = Arc::new(FlakyQueue {
        inner: embedded.events.clone(),
        send: Fault::default(),
    });
    let ingest = Ingest::new(
        ChannelDirectory::new(
            embedded.orgs.clone(),
            embedded.secrets.clone(),
            SignedDuration::from_mins(5),
        ),
        embedded.friends.clone(),
        conversations.clone(),
        seen.clone(),
        queue.clone(),
        IngestConfig::default(),
    );
    Rig {
        embedded,
        seen,
        conversations,
        queue,
        ingest,
    }
}

fn text_event(id: &str, text: &str) -> String {
    format!(
        r#"{{"type":"message","mode":"active","timestamp":{at},"source":{{"type":"user","userId":"{USER}"}},"webhookEventId":"{id}","deliveryContext":{{"isRedelivery":false}},"replyToken":"rt-{id}","message":{{"id":"m-{id}","type":"text","quoteToken":"q","text":"{text}"}}}}"#,
        at = now().as_millisecond()
    )
}

fn body(events: &[String]) -> Vec<u8> {
    format!(
        r#"{{"destination":"{BOT}","events":[{}]}}"#,
        events.join(",")
    )
    .into_bytes()
}

fn now() -> Timestamp {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

impl Rig {
    async fn deliver(&self, body: &[u8], at: Timestamp) -> Result<Ack, IngestError> {
        let signature = sign(SECRET.as_bytes(), body);
        self.ingest
            .handle("1234", [("X-Line-Signature", signature.as_str())], body, at)
            .await
    }

    async fn queued(&self) -> Vec<EventEnvelope> {
        let mut out = Vec::new();
        loop {
            let batch = self
                .embedded
                .events
                .receive(10, Duration::ZERO)
                .await
                .unwrap();
            if batch.is_empty() {
                return out;
            }
            for m in batch {
                out.push(serde_json::from_str(&m.body).unwrap());
                self.embedded.events.ack(&m.receipt).await.unwrap();
            }
        }
    }

    async fn history(&self) -> Vec<ConversationEntry> {
        let friend = FriendKey {
            org: OrgId::new("acme").unwrap(),
            provider: ProviderId::new("prov").unwrap(),
            user_id: LineUserId::parse(USER).unwrap(),
        };
        self.conversations
            .history(&friend, PageRequest::first(100))
            .await
            .unwrap()
            .items
    }
}

#[tokio::test]
async fn a_signed_message_is_recorded_and_queued_in_the_chats_group() {
    let rig = rig().await;
    let ack = rig
        .deliver(&body(&[text_event("01HEVENT1", "営業時間は？")]), now())
        .await
        .unwrap();
    assert_eq!(
        ack,
        Ack {
            events: 1,
            duplicates: 0,
            queued: 1,
            stale: 0,
        }
    );

    let history = rig.history().await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].text, "営業時間は？");
    assert_eq!(history[0].line_message_id.as_deref(), Some("m-01HEVENT1"));
    assert_eq!(history[0].store_id, Some(StoreId::new("shibuya").unwrap()));

    let queued = rig.queued().await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].channel_id, "1234");
    assert_eq!(
        queued[0].event.get(),
        text_event("01HEVENT1", "営業時間は？")
    );
}

#[tokio::test]
async fn a_forged_signature_is_rejected_and_nothing_is_stored() {
    let rig = rig().await;
    let body = body(&[text_event("01HFORGED", "hi")]);
    let forged = sign(b"not the channel secret", &body);
    let err = rig
        .ingest
        .handle(
            "1234",
            [("x-line-signature", forged.as_str())],
            &body,
            now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), 401);
    let err = rig
        .ingest
        .handle("1234", [("content-type", "application/json")], &body, now())
        .await
        .unwrap_err();
    assert_eq!(err.status(), 401);
    assert!(rig.history().await.is_empty());
    assert!(rig.queued().await.is_empty());
    // The event was not even claimed: the genuine delivery goes through.
    assert_eq!(rig.deliver(&body, now()).await.unwrap().queued, 1);
}

#[tokio::test]
async fn an_oversized_body_is_refused_before_anything_else() {
    let rig = rig().await;
    let huge = vec![b' '; 1024 * 1024 + 1];
    let err = rig
        .ingest
        .handle("no-such-channel", [], &huge, now())
        .await
        .unwrap_err();
    assert_eq!(err.status(), 413);
}

#[tokio::test]
async fn malformed_json_with_a_valid_signature_is_a_400_and_stores_nothing() {
    let rig = rig().await;
    let err = rig
        .deliver(br#"{"destination":"U1","events":[{"type":"#, now())
        .await
        .unwrap_err();
    assert_eq!(err.status(), 400);
    assert!(rig.queued().await.is_empty());
}

#[tokio::test]
async fn lines_verify_button_with_no_events_is_accepted() {
    let rig = rig().await;
    let ack = rig.deliver(&body(&[]), now()).await.unwrap();
    assert_eq!(ack, Ack::default());
}

#[tokio::test]
async fn an_unknown_channel_is_a_404() {
    let rig = rig().await;
    let body = body(&[]);
    let err = rig
        .ingest
        .handle(
            "9999",
            [("x-line-signature", sign(SECRET.as_bytes(), &body).as_str())],
            &body,
            now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), 404);
}

#[tokio::test]
async fn a_redelivered_event_is_dropped_as_a_duplicate() {
    let rig = rig().await;
    let first = body(&[text_event("01HDUP", "hello")]);
    rig.deliver(&first, now()).await.unwrap();
    let redelivered = body(&[
        text_event("01HDUP", "hello").replace(r#""isRedelivery":false"#, r#""isRedelivery":true"#),
        text_event("01HNEW", "next"),
    ]);
    let ack = rig.deliver(&redelivered, now()).await.unwrap();
    assert_eq!(
        ack,
        Ack {
            events: 2,
            duplicates: 1,
            queued: 1,
            stale: 0,
        }
    );
    assert_eq!(rig.queued().await.len(), 2);
    assert_eq!(rig.history().await.len(), 2);
}

#[tokio::test]
async fn an_unknown_event_type_is_accepted_and_passed_on_verbatim() {
    let rig = rig().await;
    let unknown = format!(
        r#"{{"type":"somethingNew","mode":"active","timestamp":1795341600000,"source":{{"type":"user","userId":"{USER}"}},"webhookEventId":"01HUNKNOWN","deliveryContext":{{"isRedelivery":false}},"whatever":{{"x":[1,2]}}}}"#
    );
    let ack = rig
        .deliver(
            &body(&[text_event("01HKNOWN", "a"), unknown.clone()]),
            now(),
        )
        .await
        .unwrap();
    assert_eq!(ack.queued, 2);
    let queued = rig.queued().await;
    assert_eq!(queued[1].event.get(), unknown);
}

#[tokio::test]
async fn a_failed_claim_answers_5xx_and_the_retry_processes_once() {
    let rig = rig().await;
    let body = body(&[text_event("01HCLAIM", "x")]);
    rig.seen.claim.set(true);
    assert_eq!(rig.deliver(&body, now()).await.unwrap_err().status(), 500);
    rig.seen.claim.set(false);
    assert_eq!(rig.deliver(&body, now()).await.unwrap().queued, 1);
    assert_eq!(rig.queued().await.len(), 1);
    assert_eq!(rig.history().await.len(), 1);
}

#[tokio::test]
async fn a_failed_record_releases_the_claim_so_the_retry_processes_once() {
    let rig = rig().await;
    let body = body(&[text_event("01HREC", "x")]);
    rig.conversations.append.set(true);
    assert_eq!(rig.deliver(&body, now()).await.unwrap_err().status(), 500);
    assert!(rig.queued().await.is_empty());
    rig.conversations.append.set(false);
    // Retried at once (no lease wait): the failed attempt abandoned its claim.
    assert_eq!(rig.deliver(&body, now()).await.unwrap().queued, 1);
    assert_eq!(rig.queued().await.len(), 1);
    assert_eq!(rig.history().await.len(), 1);
}

#[tokio::test]
async fn a_failed_enqueue_answers_5xx_and_the_retry_neither_loses_nor_doubles() {
    let rig = rig().await;
    let body = body(&[text_event("01HENQ", "x")]);
    rig.queue.send.set(true);
    assert_eq!(rig.deliver(&body, now()).await.unwrap_err().status(), 500);
    rig.queue.send.set(false);
    assert_eq!(rig.deliver(&body, now()).await.unwrap().queued, 1);
    assert_eq!(rig.queued().await.len(), 1);
    // Recorded by both attempts, kept once.
    assert_eq!(rig.history().await.len(), 1);
}

#[tokio::test]
async fn a_crash_before_the_seen_mark_is_written_neither_loses_nor_doubles() {
    let rig = rig().await;
    let body = body(&[text_event("01HCRASH", "x")]);
    // The process dies after enqueueing, before completing the claim: the claim stays
    // in progress until its lease runs out.
    rig.seen.complete.set(true);
    assert_eq!(rig.deliver(&body, now()).await.unwrap().queued, 1);
    rig.seen.complete.set(false);
    // A redelivery inside the lease is told to come back later...
    let early = rig
        .deliver(&body, now() + SignedDuration::from_secs(5))
        .await
        .unwrap_err();
    assert_eq!(early.status(), 503);
    // ...and after it runs again: recorded once more (same id) and enqueued with the
    // same deduplication id, which the FIFO queue drops.
    let late = rig
        .deliver(&body, now() + SignedDuration::from_secs(40))
        .await
        .unwrap();
    assert_eq!(late.queued, 1);
    assert_eq!(rig.queued().await.len(), 1);
    assert_eq!(rig.history().await.len(), 1);
    // From now on it is a plain duplicate.
    assert_eq!(
        rig.deliver(&body, now() + SignedDuration::from_secs(50))
            .await
            .unwrap()
            .duplicates,
        1
    );
}

/// A secret store whose value can be rotated (as staff reissuing the channel secret
/// in the LINE console and storing the new one).
struct Rotatable(std::sync::Mutex<String>, std::sync::atomic::AtomicU32);

#[async_trait]
impl otodoke_core::ports::SecretSource for Rotatable {
    async fn secret(&self, _: &SecretRef) -> Result<String, StoreError> {
        self.1.fetch_add(1, Ordering::SeqCst);
        Ok(self.0.lock().unwrap().clone())
    }
}

#[tokio::test]
async fn a_rotated_channel_secret_is_accepted_on_the_next_delivery() {
    let rig = rig().await;
    let secrets = Arc::new(Rotatable(SECRET.to_owned().into(), 0.into()));
    let ingest = Ingest::new(
        ChannelDirectory::new(
            rig.embedded.orgs.clone(),
            secrets.clone(),
            SignedDuration::from_mins(5),
        ),
        rig.embedded.friends.clone(),
        rig.embedded.conversations.clone(),
        rig.embedded.idempotency.clone(),
        rig.embedded.events.clone(),
        IngestConfig::default(),
    );
    let deliver = |body: Vec<u8>, secret: &str, at: Timestamp| {
        let signature = sign(secret.as_bytes(), &body);
        let ingest = &ingest;
        async move {
            ingest
                .handle(
                    "1234",
                    [("X-Line-Signature", signature.as_str())],
                    &body,
                    at,
                )
                .await
        }
    };
    let first = body(&[text_event("01HBEFORE", "hi")]);
    deliver(first, SECRET, now()).await.unwrap();
    let rotated = "0123456789abcdef0123456789abcdef";
    *secrets.0.lock().unwrap() = rotated.to_owned();
    // A minute later, well inside the directory's 5-minute cache: the new secret's
    // signature fails against the cached one, which is read afresh once.
    let later = now() + SignedDuration::from_mins(1);
    let ack = deliver(body(&[text_event("01HAFTER", "hi")]), rotated, later)
        .await
        .unwrap();
    assert_eq!(ack.queued, 1);
    // A forgery is still refused, and refreshes at most once per interval.
    let reads = secrets.1.load(Ordering::SeqCst);
    for _ in 0..5 {
        let err = deliver(body(&[text_event("01HFORGE", "x")]), "forged", later)
            .await
            .unwrap_err();
        assert_eq!(err.status(), 401);
    }
    assert_eq!(
        secrets.1.load(Ordering::SeqCst),
        reads,
        "no read per forgery"
    );
}

#[tokio::test]
async fn a_replayed_body_older_than_the_dedupe_window_is_refused() {
    let rig = rig().await;
    let captured = body(&[text_event("01HCAPTURED", "hi")]);
    assert_eq!(rig.deliver(&captured, now()).await.unwrap().queued, 1);
    rig.queued().await;
    // Four days later the event id is forgotten (the window is three days), and an
    // attacker posts the captured, validly signed body again.
    let later = now() + SignedDuration::from_hours(96);
    let ack = rig.deliver(&captured, later).await.unwrap();
    assert_eq!((ack.stale, ack.queued), (1, 0));
    assert!(rig.queued().await.is_empty());
    assert_eq!(rig.history().await.len(), 1, "recorded once, not twice");
}
