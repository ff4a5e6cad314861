use crate::support::*;
use serde_json::json;
use std::time::Duration;

const REPLY: &str = "/v2/bot/message/reply";

#[tokio::test]
async fn a_reply_token_from_a_webhook_delivers_once_and_only_once() {
    let env = start().await;
    let friend = env.follower(1).await;
    let outcome = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hello")
        .await
        .unwrap();
    let token = outcome.reply_token.expect("a message event is replyable");
    let first = env
        .post(
            REPLY,
            json!({"replyToken": token, "messages": [text("hi!")]}),
        )
        .await;
    let second = env
        .post(
            REPLY,
            json!({"replyToken": token, "messages": [text("again")]}),
        )
        .await;
    assert_eq!(first.status, 200);
    assert!(first.body["sentMessages"][0]["id"].is_string());
    assert_eq!(
        (second.status, second.message()),
        (400, "Invalid reply token")
    );
    let got = env.sandbox.deliveries_to(&friend);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].messages[0]["text"], "hi!");
}

#[tokio::test]
async fn a_reply_token_expires_after_the_configured_time() {
    let env = start_with(|c| c, |b| b.reply_token_ttl(Duration::from_secs(30))).await;
    let friend = env.follower(1).await;
    let token = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hi")
        .await
        .unwrap()
        .reply_token
        .unwrap();
    env.sandbox.clock().advance(Duration::from_secs(31));
    let late = env
        .post(
            REPLY,
            json!({"replyToken": token, "messages": [text("late")]}),
        )
        .await;
    assert_eq!((late.status, late.message()), (400, "Invalid reply token"));
    assert!(env.sandbox.deliveries_to(&friend).is_empty());
}

#[tokio::test]
async fn a_token_the_sandbox_never_issued_is_invalid() {
    let env = start().await;
    let answer = env
        .post(
            REPLY,
            json!({"replyToken": "nope", "messages": [text("x")]}),
        )
        .await;
    assert_eq!(
        (answer.status, answer.message()),
        (400, "Invalid reply token")
    );
}

#[tokio::test]
async fn a_reply_with_a_retry_key_is_refused_and_keeps_the_token() {
    let env = start().await;
    let friend = env.follower(1).await;
    let token = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hi")
        .await
        .unwrap()
        .reply_token
        .unwrap();
    let key = uuid::Uuid::new_v4().to_string();
    let keyed = env
        .post_keyed(
            REPLY,
            &key,
            json!({"replyToken": token, "messages": [text("x")]}),
        )
        .await;
    assert_eq!(keyed.status, 400);
    assert!(keyed.message().contains("retry key"));
    let plain = env
        .post(REPLY, json!({"replyToken": token, "messages": [text("x")]}))
        .await;
    assert_eq!(plain.status, 200);
}

#[tokio::test]
async fn a_reply_token_belongs_to_the_channel_that_issued_it() {
    let env = start().await;
    let friend = env.follower(1).await;
    let token = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hi")
        .await
        .unwrap()
        .reply_token
        .unwrap();
    let other = otodoke_line_sandbox::ChannelConfig::new("other");
    let sandbox2 = otodoke_line_sandbox::Sandbox::builder()
        .channel(other.clone())
        .start()
        .await
        .unwrap();
    // Same token string, another sandbox and channel: not valid there.
    let res = env
        .http
        .post(format!("{}{REPLY}", sandbox2.base_url()))
        .bearer_auth(other.token())
        .json(&json!({"replyToken": token, "messages": [text("x")]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn advancing_the_clock_through_the_inspection_api_expires_tokens() {
    let env = start().await;
    let friend = env.follower(1).await;
    let token = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hi")
        .await
        .unwrap()
        .reply_token
        .unwrap();
    let advanced = env
        .send(
            env.http
                .post(env.url("/sandbox/clock/advance"))
                .json(&json!({"ms": 61_000})),
        )
        .await;
    assert_eq!(advanced.status, 200);
    let late = env
        .post(
            REPLY,
            json!({"replyToken": token, "messages": [text("late")]}),
        )
        .await;
    assert_eq!(late.message(), "Invalid reply token");
}
