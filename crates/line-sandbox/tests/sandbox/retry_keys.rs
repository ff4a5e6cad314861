use crate::support::*;
use otodoke_line_sandbox::{ChannelConfig, Sandbox, ACCEPTED_REQUEST_ID_HEADER};
use serde_json::json;
use std::time::Duration;

const PUSH: &str = "/v2/bot/message/push";

#[tokio::test]
async fn a_retry_key_must_be_a_uuid() {
    let env = start().await;
    let friend = env.follower(1).await;
    let answer = env
        .post_keyed(
            PUSH,
            "not-a-uuid",
            json!({"to": friend, "messages": [text("x")]}),
        )
        .await;
    assert_eq!(answer.status, 400);
    assert!(answer.message().contains("X-Line-Retry-Key"));
    assert!(env.sandbox.deliveries_to(&friend).is_empty());
}

#[tokio::test]
async fn a_repeated_retry_key_answers_409_with_the_first_request_id_and_sends_nothing() {
    let env = start().await;
    let friend = env.follower(1).await;
    let key = uuid::Uuid::new_v4().to_string();
    let body = json!({"to": friend, "messages": [text("once")]});
    let first = env.post_keyed(PUSH, &key, body.clone()).await;
    let again = env.post_keyed(PUSH, &key, body).await;
    assert_eq!((first.status, again.status), (200, 409));
    assert_eq!(again.message(), "The retry key is already accepted");
    assert_eq!(
        again.header(ACCEPTED_REQUEST_ID_HEADER),
        Some(first.request_id())
    );
    assert_ne!(again.request_id(), first.request_id());
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 1);
}

#[tokio::test]
async fn multicast_and_broadcast_keys_are_idempotent_too() {
    let env = start().await;
    let friend = env.follower(1).await;
    let key = uuid::Uuid::new_v4().to_string();
    let multicast = json!({"to": [friend], "messages": [text("m")]});
    assert_eq!(
        env.post_keyed("/v2/bot/message/multicast", &key, multicast.clone())
            .await
            .status,
        200
    );
    assert_eq!(
        env.post_keyed("/v2/bot/message/multicast", &key, multicast)
            .await
            .status,
        409
    );
    let key = uuid::Uuid::new_v4().to_string();
    let broadcast = json!({"messages": [text("b")]});
    assert_eq!(
        env.post_keyed("/v2/bot/message/broadcast", &key, broadcast.clone())
            .await
            .status,
        200
    );
    assert_eq!(
        env.post_keyed("/v2/bot/message/broadcast", &key, broadcast)
            .await
            .status,
        409
    );
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 2);
}

#[tokio::test]
async fn a_retry_key_sends_again_after_24_hours() {
    let env = start().await;
    let friend = env.follower(1).await;
    let key = uuid::Uuid::new_v4().to_string();
    let body = json!({"to": friend, "messages": [text("daily")]});
    assert_eq!(env.post_keyed(PUSH, &key, body.clone()).await.status, 200);
    env.sandbox.clock().advance(Duration::from_secs(23 * 3600));
    assert_eq!(env.post_keyed(PUSH, &key, body.clone()).await.status, 409);
    env.sandbox.clock().advance(Duration::from_secs(3600));
    assert_eq!(env.post_keyed(PUSH, &key, body).await.status, 200);
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 2);
}

#[tokio::test]
async fn a_refused_first_attempt_does_not_consume_the_key() {
    let env = start().await;
    let friend = env.follower(1).await;
    let key = uuid::Uuid::new_v4().to_string();
    assert_eq!(
        env.post_keyed(PUSH, &key, json!({"to": friend, "messages": []}))
            .await
            .status,
        400
    );
    assert_eq!(
        env.post_keyed(PUSH, &key, json!({"to": friend, "messages": [text("x")]}))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn retry_keys_are_per_channel() {
    let a = ChannelConfig::new("a");
    let b = ChannelConfig::new("b");
    let sandbox = Sandbox::builder()
        .channel(a.clone())
        .channel(b.clone())
        .start()
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let key = uuid::Uuid::new_v4().to_string();
    for channel in [&a, &b] {
        let status = http
            .post(format!("{}{PUSH}", sandbox.base_url()))
            .bearer_auth(channel.token())
            .header("X-Line-Retry-Key", &key)
            .json(&json!({"to": user(1), "messages": [text("x")]}))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, 200);
    }
}

#[tokio::test]
async fn concurrent_requests_with_one_key_deliver_once() {
    let env = start().await;
    let friend = env.follower(1).await;
    let key = uuid::Uuid::new_v4().to_string();
    let body = json!({"to": friend, "messages": [text("race")]});
    let attempts = (0..8).map(|_| env.post_keyed(PUSH, &key, body.clone()));
    let statuses: Vec<u16> = futures::future::join_all(attempts)
        .await
        .into_iter()
        .map(|a| a.status)
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1);
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 7);
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 1);
}
