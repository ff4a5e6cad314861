use crate::support::*;
use otodoke_line_sandbox::Endpoint;
use serde_json::json;

#[tokio::test]
async fn deliveries_are_kept_per_user_in_order_per_request_and_per_endpoint() {
    let env = start().await;
    let a = env.follower(1).await;
    let b = env.follower(2).await;
    let push = env.push(&a, text("first")).await;
    let multicast = env
        .post(
            "/v2/bot/message/multicast",
            json!({"to": [a, b], "messages": [text("second")]}),
        )
        .await;
    let got: Vec<_> = env
        .sandbox
        .deliveries_to(&a)
        .iter()
        .map(|d| d.messages[0]["text"].clone())
        .collect();
    assert_eq!(got, [json!("first"), json!("second")]);
    assert_eq!(env.sandbox.deliveries_to(&b).len(), 1);

    let record = env
        .sandbox
        .request(&multicast.request_id())
        .expect("recorded by request id");
    assert_eq!(
        (record.endpoint, record.recipient_count),
        (Endpoint::Multicast, 2)
    );
    assert_eq!(
        env.sandbox.requests(Endpoint::Push)[0].request_id,
        push.request_id()
    );
    assert_eq!(env.sandbox.delivery_count(), 3);
}

#[tokio::test]
async fn the_inspection_api_shows_what_the_handle_shows() {
    let env = start().await;
    let a = env.follower(1).await;
    let push = env.push(&a, text("hello")).await;
    let deliveries = env
        .send(
            env.http
                .get(env.url(&format!("/sandbox/users/{a}/deliveries"))),
        )
        .await;
    assert_eq!(
        deliveries.body,
        serde_json::to_value(env.sandbox.deliveries_to(&a)).unwrap()
    );
    let request = env
        .send(
            env.http
                .get(env.url(&format!("/sandbox/requests/{}", push.request_id()))),
        )
        .await;
    assert_eq!(request.body["recipientCount"], 1);
    let by_endpoint = env
        .send(env.http.get(env.url("/sandbox/requests?endpoint=push")))
        .await;
    assert_eq!(by_endpoint.body.as_array().unwrap().len(), 1);
    let stats = env.send(env.http.get(env.url("/sandbox/stats"))).await;
    assert_eq!(stats.body["endpoints"]["push"]["succeeded"], 1);
    assert_eq!(stats.body["deliveries"], 1);
}

#[tokio::test]
async fn reset_forgets_traffic_but_keeps_friends() {
    let env = start().await;
    let a = env.follower(1).await;
    env.push(&a, text("x")).await;
    let reset = env.send(env.http.post(env.url("/sandbox/reset"))).await;
    assert_eq!(reset.status, 204);
    assert!(env.sandbox.deliveries_to(&a).is_empty());
    assert_eq!(env.sandbox.stats().endpoint(Endpoint::Push).requests, 0);
    assert_eq!(env.get(&format!("/v2/bot/profile/{a}")).await.status, 200);
}

#[tokio::test]
async fn the_secrets_never_appear_in_the_channel_listing() {
    let env = start().await;
    let listing = env
        .send(env.http.get(env.url("/sandbox/channels")))
        .await
        .body
        .to_string();
    assert!(listing.contains(&env.channel.bot_user_id));
    assert!(!listing.contains(&env.channel.channel_secret));
    assert!(!listing.contains(env.channel.token()));
}

#[tokio::test]
async fn a_large_broadcast_stores_the_body_once_and_reaches_every_follower() {
    let env = start().await;
    let bulk = env.sandbox.add_friends(CHANNEL, 20_000).unwrap();
    let answer = env
        .post(
            "/v2/bot/message/broadcast",
            json!({"messages": [text("everyone")]}),
        )
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(env.sandbox.delivery_count(), 20_000);
    assert_eq!(
        env.sandbox.deliveries_to(&bulk.user_id(19_999))[0].messages[0]["text"],
        "everyone"
    );
    let created = env
        .send(
            env.http
                .post(env.url(&format!("/sandbox/channels/{CHANNEL}/friends/bulk")))
                .json(&json!({"count": 2})),
        )
        .await;
    assert_eq!(
        (created.status, created.body["count"].as_u64()),
        (201, Some(2))
    );
}
