use crate::support::*;
use otodoke_line_sandbox::{Endpoint, RateLimit};
use serde_json::json;
use std::time::Duration;

const MULTICAST: &str = "/v2/bot/message/multicast";

#[tokio::test]
async fn over_the_rate_limit_answers_429_with_lines_message_and_counts_it() {
    let env = start_with(
        |c| c,
        |b| b.rate_limit(Endpoint::Multicast, RateLimit::per_hour(5)),
    )
    .await;
    let body = json!({"to": [user(1)], "messages": [text("x")]});
    for _ in 0..5 {
        assert_eq!(env.post(MULTICAST, body.clone()).await.status, 200);
    }
    let refused = env.post(MULTICAST, body.clone()).await;
    assert_eq!(refused.status, 429);
    assert_eq!(
        refused.message(),
        "The API rate limit has been exceeded. Try again later."
    );
    let stats = env.sandbox.stats().endpoint(Endpoint::Multicast);
    assert_eq!(
        (stats.requests, stats.succeeded, stats.rate_limited),
        (6, 5, 1)
    );
}

#[tokio::test]
async fn the_bucket_refills_at_the_configured_rate() {
    let env = start_with(
        |c| c,
        |b| b.rate_limit(Endpoint::Broadcast, RateLimit::per_hour(60)),
    )
    .await;
    let body = json!({"messages": [text("x")]});
    for _ in 0..60 {
        assert_eq!(
            env.post("/v2/bot/message/broadcast", body.clone())
                .await
                .status,
            200
        );
    }
    assert_eq!(
        env.post("/v2/bot/message/broadcast", body.clone())
            .await
            .status,
        429
    );
    env.sandbox.clock().advance(Duration::from_secs(60));
    assert_eq!(
        env.post("/v2/bot/message/broadcast", body.clone())
            .await
            .status,
        200
    );
    assert_eq!(
        env.post("/v2/bot/message/broadcast", body).await.status,
        429
    );
}

#[tokio::test]
async fn limits_are_per_endpoint() {
    let env = start_with(
        |c| c,
        |b| b.rate_limit(Endpoint::Multicast, RateLimit::per_hour(1)),
    )
    .await;
    let body = json!({"to": [user(1)], "messages": [text("x")]});
    assert_eq!(env.post(MULTICAST, body.clone()).await.status, 200);
    assert_eq!(env.post(MULTICAST, body).await.status, 429);
    assert_eq!(env.push(&user(1), text("x")).await.status, 200);
}

#[tokio::test]
async fn lines_documented_limits_are_the_defaults() {
    assert_eq!(
        RateLimit::line_default(Endpoint::Multicast),
        RateLimit::per_second(200)
    );
    assert_eq!(
        RateLimit::line_default(Endpoint::Narrowcast),
        RateLimit::per_hour(60)
    );
    assert_eq!(
        RateLimit::line_default(Endpoint::Broadcast),
        RateLimit::per_hour(60)
    );
    assert_eq!(
        RateLimit::line_default(Endpoint::Loading),
        RateLimit::per_second(100)
    );
    assert_eq!(
        RateLimit::line_default(Endpoint::Push),
        RateLimit::per_second(2_000)
    );
}

#[tokio::test]
async fn concurrent_callers_get_exactly_the_buckets_capacity() {
    let env = start_with(
        |c| c,
        |b| b.rate_limit(Endpoint::Multicast, RateLimit::per_hour(50)),
    )
    .await;
    let body = json!({"to": [user(1)], "messages": [text("x")]});
    let answers =
        futures::future::join_all((0..80).map(|_| env.post(MULTICAST, body.clone()))).await;
    assert_eq!(answers.iter().filter(|a| a.status == 200).count(), 50);
    assert_eq!(answers.iter().filter(|a| a.status == 429).count(), 30);
}
