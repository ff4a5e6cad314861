use crate::support::*;
use otodoke_line_sandbox::{Endpoint, Plan, SandboxClock};
use serde_json::json;
use std::time::Duration;

const MULTICAST: &str = "/v2/bot/message/multicast";

fn ids(bulk: &otodoke_line_sandbox::BulkFriends, range: std::ops::Range<u64>) -> Vec<String> {
    range.map(|i| bulk.user_id(i)).collect()
}

#[tokio::test]
async fn the_plan_decides_what_quota_reports() {
    for (plan, expected) in [
        (
            Plan::Communication,
            json!({"type": "limited", "value": 200}),
        ),
        (Plan::Light, json!({"type": "limited", "value": 5000})),
        (
            Plan::Standard {
                max_messages: Some(40_000),
            },
            json!({"type": "limited", "value": 40000}),
        ),
        (
            Plan::Standard { max_messages: None },
            json!({"type": "none"}),
        ),
        (Plan::Unlimited, json!({"type": "none"})),
    ] {
        let env = start_with(|c| c.plan(plan), |b| b).await;
        assert_eq!(
            env.get("/v2/bot/message/quota").await.body,
            expected,
            "{plan:?}"
        );
    }
}

#[tokio::test]
async fn usage_counts_each_recipient_and_a_send_past_the_limit_delivers_nothing() {
    let env = start_with(|c| c.plan(Plan::Communication), |b| b).await;
    let bulk = env.sandbox.add_friends(CHANNEL, 250).unwrap();
    let first = env
        .post(
            MULTICAST,
            json!({"to": ids(&bulk, 0..150), "messages": [text("a"), text("b")]}),
        )
        .await;
    assert_eq!(first.status, 200);
    assert_eq!(
        env.get("/v2/bot/message/quota/consumption").await.body,
        json!({"totalUsage": 150})
    );

    let over = env
        .post(
            MULTICAST,
            json!({"to": ids(&bulk, 150..201), "messages": [text("c")]}),
        )
        .await;
    assert_eq!(
        (over.status, over.message()),
        (429, "You have reached your monthly limit.")
    );
    assert!(env.sandbox.deliveries_to(&bulk.user_id(150)).is_empty());
    assert_eq!(
        env.sandbox
            .stats()
            .endpoint(Endpoint::Multicast)
            .monthly_limited,
        1
    );

    let exactly = env
        .post(
            MULTICAST,
            json!({"to": ids(&bulk, 150..200), "messages": [text("c")]}),
        )
        .await;
    assert_eq!(exactly.status, 200);
    assert_eq!(env.sandbox.quota_usage(CHANNEL), Some(200));
}

#[tokio::test]
async fn blocked_and_unknown_recipients_are_neither_counted_nor_delivered() {
    let env = start().await;
    let a = env.follower(1).await;
    let b = env.follower(2).await;
    env.sandbox.friend_blocks(CHANNEL, &b).await.unwrap();
    let stranger = user(99);
    let answer = env
        .post(
            MULTICAST,
            json!({"to": [a, b, stranger], "messages": [text("x")]}),
        )
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(env.sandbox.quota_usage(CHANNEL), Some(1));
    assert!(env.sandbox.deliveries_to(&b).is_empty());
    assert!(env.sandbox.deliveries_to(&stranger).is_empty());
}

#[tokio::test]
async fn a_broadcast_counts_followers_who_have_not_blocked() {
    let env = start().await;
    env.sandbox.add_friends(CHANNEL, 10).unwrap();
    let blocker = env.follower(1).await;
    env.sandbox.friend_blocks(CHANNEL, &blocker).await.unwrap();
    assert_eq!(
        env.post(
            "/v2/bot/message/broadcast",
            json!({"messages": [text("all")]})
        )
        .await
        .status,
        200
    );
    assert_eq!(env.sandbox.quota_usage(CHANNEL), Some(10));
}

#[tokio::test]
async fn replies_are_free() {
    let env = start_with(|c| c.plan(Plan::Communication), |b| b).await;
    let friend = env.follower(1).await;
    let token = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hi")
        .await
        .unwrap()
        .reply_token
        .unwrap();
    let reply = env
        .post(
            "/v2/bot/message/reply",
            json!({"replyToken": token, "messages": [text("x")]}),
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(env.sandbox.quota_usage(CHANNEL), Some(0));
}

#[tokio::test]
async fn usage_starts_over_when_the_jst_month_turns() {
    // 14:59 UTC on 31 January is 23:59 JST: one minute before February in Japan.
    let clock = SandboxClock::starting_at_ms(1_769_871_540_000);
    let env = start_with(|c| c.plan(Plan::Communication), |b| b.clock(clock.clone())).await;
    let bulk = env.sandbox.add_friends(CHANNEL, 200).unwrap();
    assert_eq!(
        env.post(
            MULTICAST,
            json!({"to": ids(&bulk, 0..200), "messages": [text("x")]})
        )
        .await
        .status,
        200
    );
    assert_eq!(env.push(&bulk.user_id(0), text("more")).await.status, 429);
    clock.advance(Duration::from_secs(120));
    assert_eq!(
        env.get("/v2/bot/message/quota/consumption").await.body["totalUsage"],
        0
    );
    assert_eq!(env.push(&bulk.user_id(0), text("more")).await.status, 200);
}
