use crate::support::*;
use otodoke_line_sandbox::{Endpoint, EndpointFaults, Faults};
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test]
async fn an_injected_500_does_nothing() {
    let env = start().await;
    let friend = env.follower(1).await;
    env.sandbox
        .set_endpoint_faults(Endpoint::Push, EndpointFaults::errors(1.0));
    let answer = env.push(&friend, text("x")).await;
    assert_eq!(answer.status, 500);
    assert!(answer.header("x-line-request-id").is_some());
    assert!(env.sandbox.deliveries_to(&friend).is_empty());
    assert_eq!(
        env.sandbox.stats().endpoint(Endpoint::Push).injected_errors,
        1
    );
}

#[tokio::test]
async fn faults_apply_only_to_their_endpoint() {
    let env = start().await;
    env.sandbox
        .set_endpoint_faults(Endpoint::Multicast, EndpointFaults::errors(1.0));
    assert_eq!(env.push(&user(1), text("x")).await.status, 200);
    let multicast = env
        .post(
            "/v2/bot/message/multicast",
            json!({"to": [user(1)], "messages": [text("x")]}),
        )
        .await;
    assert_eq!(multicast.status, 500);
}

#[tokio::test]
async fn the_same_seed_injects_the_same_errors() {
    async fn statuses(seed: u64) -> Vec<u16> {
        let faults = Faults::seeded(seed).on(Endpoint::Push, EndpointFaults::errors(0.5));
        let env = start_with(|c| c, |b| b.faults(faults)).await;
        let mut out = Vec::new();
        for _ in 0..32 {
            out.push(env.push(&user(1), text("x")).await.status);
        }
        out
    }
    let (a, b, c) = (statuses(7).await, statuses(7).await, statuses(8).await);
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert!(a.contains(&500) && a.contains(&200));
}

#[tokio::test]
async fn latency_delays_the_answer() {
    let env = start().await;
    env.sandbox.set_endpoint_faults(
        Endpoint::BotInfo,
        EndpointFaults::latency(Duration::from_millis(150)),
    );
    let started = Instant::now();
    assert_eq!(env.get("/v2/bot/info").await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn a_dropped_connection_still_delivers_and_the_client_gets_no_answer() {
    let env = start().await;
    let friend = env.follower(1).await;
    env.sandbox
        .set_endpoint_faults(Endpoint::Push, EndpointFaults::drops(1.0));
    let result = env
        .http
        .post(env.url("/v2/bot/message/push"))
        .bearer_auth(env.channel.token())
        .json(&json!({"to": friend, "messages": [text("lost answer")]}))
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    let error = result.expect_err("no response arrives");
    assert!(
        !error.is_timeout(),
        "the connection is closed, not left hanging: {error}"
    );
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 1);
    assert_eq!(
        env.sandbox
            .stats()
            .endpoint(Endpoint::Push)
            .dropped_connections,
        1
    );
}

#[tokio::test]
async fn a_retry_after_a_dropped_connection_is_answered_409_without_a_second_delivery() {
    let env = start().await;
    let friend = env.follower(1).await;
    env.sandbox
        .set_endpoint_faults(Endpoint::Push, EndpointFaults::drops(1.0));
    let key = uuid::Uuid::new_v4().to_string();
    let body = json!({"to": friend, "messages": [text("x")]});
    let req = env
        .http
        .post(env.url("/v2/bot/message/push"))
        .bearer_auth(env.channel.token());
    assert!(req
        .header("X-Line-Retry-Key", &key)
        .json(&body)
        .send()
        .await
        .is_err());
    env.sandbox.set_faults(Faults::default());
    let retry = env.post_keyed("/v2/bot/message/push", &key, body).await;
    assert_eq!(retry.status, 409);
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 1);
}

#[tokio::test]
async fn faults_can_be_set_through_the_inspection_api() {
    let env = start().await;
    let faults = json!({"seed": 1, "endpoints": {"push": {"error_rate": 1.0}}});
    let set = env
        .send(env.http.put(env.url("/sandbox/faults")).json(&faults))
        .await;
    assert_eq!(set.status, 200);
    assert_eq!(env.push(&user(1), text("x")).await.status, 500);
    assert_eq!(
        env.sandbox.faults().endpoints[&Endpoint::Push].error_rate,
        1.0
    );
}
