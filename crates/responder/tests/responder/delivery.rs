use crate::support::*;
use jiff::SignedDuration;
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_core::organization::Plan;
use otodoke_core::ports::QuotaStore;
use otodoke_core::quota::{QuotaKey, QuotaMonth};
use otodoke_core::{OrgId, StoreKey};
use otodoke_embedded::EmbeddedIdempotency;
use otodoke_line::LineError;
use otodoke_line_sandbox::{Endpoint, EndpointFaults};
use otodoke_responder::{
    ExpiredReplyPolicy, Handled, Miss, Ports, RespondError, ResponderOptions, StoreOptions,
};
use std::sync::Arc;

fn config() -> ReplyConfig {
    ReplyConfig {
        rules: vec![Rule {
            id: "hours".into(),
            kind: MatchKind::Partial,
            keywords: vec!["営業時間".into()],
            answer: Answer::text("10時から19時まで営業しています"),
            ..Rule::default()
        }],
        ..ReplyConfig::default()
    }
}

fn pushing() -> ResponderOptions {
    ResponderOptions::default().with_store(
        StoreKey::new(OrgId::new("acme").unwrap(), store_id("shibuya")),
        StoreOptions {
            expired_reply: ExpiredReplyPolicy::Push,
            generative: None,
        },
    )
}

async fn quota_used(world: &World) -> u64 {
    let key = QuotaKey {
        channel: world.channel.id.clone(),
        month: QuotaMonth::containing(world.now()),
    };
    world.embedded.quota.counter(&key).await.unwrap().used
}

#[tokio::test]
async fn a_redelivered_envelope_is_answered_once() {
    let world = Setup::new(store("shibuya", config())).start().await;
    let envelope = world.says("営業時間は？").await;
    let first = world.handle(&envelope).await.unwrap();
    let again = world.handle(&envelope).await.unwrap();

    assert_eq!((first, again), (Handled::Replied, Handled::AlreadyDone));
    assert_eq!(world.sandbox.deliveries_to(USER).len(), 1);
    assert_eq!(world.requests(Endpoint::Reply), 1);
}

#[tokio::test]
async fn an_expired_reply_token_with_push_pushes_once_under_one_message_of_quota() {
    let world = Setup::new(store("shibuya", config()))
        .options(pushing())
        .plan(Plan::Light)
        .start()
        .await;
    let envelope = world.says("営業時間は？").await;
    world.advance(SignedDuration::from_secs(70)); // the token is doomed: not even tried
    let handled = world.handle(&envelope).await.unwrap();
    assert_eq!(handled, Handled::Pushed);
    assert_eq!(world.handle(&envelope).await.unwrap(), Handled::AlreadyDone);

    // The claim is lost (say, its mark expired) and the same event runs again: the
    // derived retry key makes LINE refuse a second push (409, accepted earlier).
    let forgetful = Ports {
        idempotency: Arc::new(EmbeddedIdempotency::new()),
        ..world.ports.clone()
    };
    let second_handler = handler_over(forgetful, &world.sandbox, pushing());
    let rerun = second_handler.handle(&envelope, world.now()).await.unwrap();

    assert_eq!(rerun, Handled::Pushed);
    assert_eq!(world.requests(Endpoint::Reply), 0);
    assert_eq!(world.sandbox.requests(Endpoint::Push).len(), 1);
    assert_eq!(world.texts_to(USER), ["10時から19時まで営業しています"]);
    assert_eq!(quota_used(&world).await, 1);
    assert_eq!(world.sandbox.quota_usage(CHANNEL), Some(1));
}

#[tokio::test]
async fn an_expired_reply_token_with_push_and_no_quota_left_is_a_miss() {
    let world = Setup::new(store("shibuya", config()))
        .options(pushing())
        .plan(Plan::Communication)
        .start()
        .await;
    let key = QuotaKey {
        channel: world.channel.id.clone(),
        month: QuotaMonth::containing(world.now()),
    };
    let otodoke_core::quota::ReserveOutcome::Granted(all) = world
        .embedded
        .quota
        .reserve(
            &key,
            200,
            Some(200),
            None,
            &otodoke_core::quota::Hold::new("test", world.now(), SignedDuration::from_mins(10)),
        )
        .await
        .unwrap()
    else {
        panic!("the whole month's quota should be free");
    };
    world.embedded.quota.settle(&all, 200).await.unwrap();
    let envelope = world.says("営業時間は？").await;
    world.advance(SignedDuration::from_secs(70));

    assert_eq!(
        world.handle(&envelope).await.unwrap(),
        Handled::Missed(Miss::QuotaRefused)
    );
    assert_eq!(world.requests(Endpoint::Push), 0);
}

#[tokio::test]
async fn a_used_reply_token_with_record_miss_sends_nothing() {
    // A generous window, so the reply is attempted and LINE refuses the token.
    let options = ResponderOptions {
        reply_window_ms: 10 * 60 * 1000,
        ..ResponderOptions::default()
    };
    let world = Setup::new(store("shibuya", config()))
        .options(options)
        .start()
        .await;
    let envelope = world.says("営業時間は？").await;
    world.advance(SignedDuration::from_secs(70));
    let handled = world.handle(&envelope).await.unwrap();

    assert_eq!(handled, Handled::Missed(Miss::ReplyTokenExpired));
    assert_eq!(
        world.sandbox.stats().endpoint(Endpoint::Reply).bad_requests,
        1
    );
    assert_eq!(world.requests(Endpoint::Push), 0);
    assert!(world.sandbox.deliveries_to(USER).is_empty());
    // Nothing was sent, so nothing outbound is recorded.
    assert_eq!(world.history(USER).await.len(), 1);
}

#[tokio::test]
async fn a_line_500_on_reply_fails_the_event_and_the_retry_answers_once() {
    let world = Setup::new(store("shibuya", config())).start().await;
    let envelope = world.says("営業時間は？").await;
    world
        .sandbox
        .set_endpoint_faults(Endpoint::Reply, EndpointFaults::errors(1.0));
    let failed = world.handle(&envelope).await;
    assert!(
        matches!(
            failed,
            Err(RespondError::Line(LineError::Server { status: 500, .. }))
        ),
        "{failed:?}"
    );

    world
        .sandbox
        .set_endpoint_faults(Endpoint::Reply, EndpointFaults::default());
    let retried = world.handle(&envelope).await.unwrap();

    assert_eq!(retried, Handled::Replied);
    assert_eq!(world.texts_to(USER), ["10時から19時まで営業しています"]);
    assert_eq!(world.history(USER).await.len(), 2);
}

#[tokio::test]
async fn a_customer_waiting_for_a_person_is_posted_to_the_staff_receiver() {
    let receiver = JsonReceiver::default();
    let url = receiver.start().await;
    let mut shibuya = store(
        "shibuya",
        ReplyConfig {
            fallback: Some(Answer::text("担当者から折り返します")),
            ..ReplyConfig::default()
        },
    );
    shibuya.staff_notify_url = Some(url);
    let world = Setup::new(shibuya).start().await;
    world
        .handle(&world.says("予約の変更をお願いしたいです").await)
        .await
        .unwrap();

    assert_eq!(world.texts_to(USER), ["担当者から折り返します"]);
    let notices = receiver.received();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0]["store"], "shibuya");
    assert_eq!(notices[0]["channel"], CHANNEL);
    assert_eq!(notices[0]["friend"], USER);
    assert_eq!(notices[0]["text"], "予約の変更をお願いしたいです");
    assert!(notices[0]["at"].is_string());
    assert_eq!(notices[0].as_object().unwrap().len(), 5);
}

#[tokio::test]
async fn an_unreachable_staff_receiver_does_not_fail_the_event() {
    let mut shibuya = store(
        "shibuya",
        ReplyConfig {
            fallback: Some(Answer::text("担当者から折り返します")),
            ..ReplyConfig::default()
        },
    );
    // Nothing listens on the discard port of loopback.
    shibuya.staff_notify_url = Some("http://127.0.0.1:9/".into());
    let world = Setup::new(shibuya).start().await;

    let handled = world.handle(&world.says("予約の変更").await).await.unwrap();
    assert_eq!(handled, Handled::Replied);
}

/// Loses the completion of `respond:` claims, as a responder killed (or timed out)
/// after LINE accepted its reply and before it recorded the event as handled.
struct CrashBeforeComplete(Arc<dyn otodoke_core::ports::IdempotencyStore>);

#[async_trait::async_trait]
impl otodoke_core::ports::IdempotencyStore for CrashBeforeComplete {
    async fn claim(
        &self,
        key: &str,
        now: jiff::Timestamp,
        lease: SignedDuration,
    ) -> Result<otodoke_core::ports::Claim, otodoke_core::StoreError> {
        self.0.claim(key, now, lease).await
    }
    async fn complete(
        &self,
        key: &str,
        now: jiff::Timestamp,
        keep_for: SignedDuration,
    ) -> Result<(), otodoke_core::StoreError> {
        if key.starts_with("respond:") {
            return Ok(());
        }
        self.0.complete(key, now, keep_for).await
    }
    async fn abandon(&self, key: &str) -> Result<(), otodoke_core::StoreError> {
        self.0.abandon(key).await
    }
}

#[tokio::test]
async fn a_retry_after_an_accepted_but_unrecorded_reply_never_pushes_it_again() {
    let world = Setup::new(store("shibuya", config()))
        .options(pushing())
        .plan(Plan::Light)
        .start()
        .await;
    let crashing = Ports {
        idempotency: Arc::new(CrashBeforeComplete(world.ports.idempotency.clone())),
        ..world.ports.clone()
    };
    let handler = handler_over(crashing, &world.sandbox, pushing());
    let envelope = world.says("営業時間は？").await;
    assert_eq!(
        handler.handle(&envelope, world.now()).await.unwrap(),
        Handled::Replied
    );
    // The queue redelivers after the claim's lease; the reply token is long gone.
    world.advance(SignedDuration::from_secs(120));
    let retry = handler.handle(&envelope, world.now()).await.unwrap();

    assert_eq!(retry, Handled::Missed(Miss::MaybeReplied));
    assert_eq!(world.sandbox.requests(Endpoint::Push).len(), 0);
    assert_eq!(world.texts_to(USER), ["10時から19時まで営業しています"]);
    assert_eq!(quota_used(&world).await, 0);
}
