//! `otodoke_line::LineClient` against the sandbox: the client's delivery semantics
//! end to end, over real HTTP, with LINE's refusals and faults.

#[allow(dead_code)]
#[path = "sandbox/support.rs"]
mod support;

use otodoke_line::{
    Acceptance, ClientConfig, LineClient, LineError, Message, RetryPolicy, SendOptions,
};
use otodoke_line_sandbox::{Endpoint, EndpointFaults, Faults, Plan, RateLimit};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Duration;
use support::*;

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 10,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(100),
    }
}

fn client(env: &Env) -> LineClient {
    client_with_token(env, env.channel.token())
}

fn client_with_token(env: &Env, token: &str) -> LineClient {
    let config = ClientConfig::new(token)
        .with_base_url(env.sandbox.base_url())
        .with_retry(fast_retries());
    LineClient::new(config).expect("client builds")
}

/// A seed whose fault RNG says "fault" on the first request and "no fault" on the
/// second, for a fault with probability 1/2 (the sandbox draws one number per request).
fn seed_faulting_first_attempt_only() -> u64 {
    (0..10_000u64)
        .find(|&seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            rng.random::<f64>() < 0.5 && rng.random::<f64>() >= 0.5
        })
        .expect("such seeds are common")
}

#[tokio::test]
async fn sends_carry_a_retry_key_and_replies_do_not() {
    let env = start().await;
    let friend = env.follower(1).await;
    let line = client(&env);
    let pushed = line
        .push(&friend, &[Message::text("push")], SendOptions::default())
        .await
        .unwrap();
    let record = env
        .sandbox
        .request(pushed.request_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(
        record.retry_key,
        pushed.value.retry_key.map(|k| k.to_string())
    );
    assert!(record.retry_key.is_some());

    let token = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hi")
        .await
        .unwrap()
        .reply_token
        .unwrap();
    let replied = line
        .reply(&token, &[Message::text("reply")])
        .await
        .expect("the sandbox refuses keyed replies");
    let record = env
        .sandbox
        .request(replied.request_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(record.retry_key, None);
}

#[tokio::test]
async fn a_409_for_a_known_retry_key_is_a_success_without_a_second_delivery() {
    let env = start().await;
    let friend = env.follower(1).await;
    let line = client(&env);
    let options = SendOptions::with_retry_key(uuid::Uuid::new_v4());
    let first = line
        .push(&friend, &[Message::text("once")], options.clone())
        .await
        .unwrap();
    let second = line
        .push(&friend, &[Message::text("once")], options)
        .await
        .unwrap();
    assert_eq!(first.value.acceptance, Acceptance::Accepted);
    assert_eq!(
        second.value.acceptance,
        Acceptance::AlreadyAccepted {
            accepted_request_id: first.request_id.clone().unwrap()
        }
    );
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 1);
}

#[tokio::test]
async fn a_rate_limit_429_is_retried_until_accepted() {
    let limit = RateLimit {
        requests: 1,
        per_ms: 100,
        burst: None,
    };
    let env = start_with(|c| c, |b| b.rate_limit(Endpoint::Multicast, limit)).await;
    let friend = env.follower(1).await;
    let line = client(&env);
    for text in ["a", "b"] {
        line.multicast(&[&friend], &[Message::text(text)], SendOptions::default())
            .await
            .unwrap();
    }
    let stats = env.sandbox.stats().endpoint(Endpoint::Multicast);
    assert!(
        stats.rate_limited >= 1,
        "the second send met the limit: {stats:?}"
    );
    assert_eq!(stats.succeeded, 2);
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 2);
}

#[tokio::test]
async fn a_monthly_limit_429_is_reported_and_never_retried() {
    let env = start_with(|c| c.plan(Plan::Communication), |b| b).await;
    let bulk = env.sandbox.add_friends(CHANNEL, 201).unwrap();
    let line = client(&env);
    let first_200: Vec<String> = (0..200).map(|i| bulk.user_id(i)).collect();
    line.multicast(&first_200, &[Message::text("x")], SendOptions::default())
        .await
        .unwrap();
    let over = line
        .push(
            &bulk.user_id(200),
            &[Message::text("x")],
            SendOptions::default(),
        )
        .await;
    assert!(
        matches!(over, Err(LineError::MonthlyLimitReached { .. })),
        "{over:?}"
    );
    assert_eq!(env.sandbox.stats().endpoint(Endpoint::Push).requests, 1);
}

#[tokio::test]
async fn a_5xx_is_retried_with_the_same_key_and_delivers_once() {
    let faults = Faults::seeded(seed_faulting_first_attempt_only())
        .on(Endpoint::Push, EndpointFaults::errors(0.5));
    let env = start_with(|c| c, |b| b.faults(faults)).await;
    let friend = env.follower(1).await;
    let sent = client(&env)
        .push(&friend, &[Message::text("x")], SendOptions::default())
        .await
        .unwrap();
    let stats = env.sandbox.stats().endpoint(Endpoint::Push);
    assert_eq!((stats.injected_errors, stats.succeeded), (1, 1));
    let records = env.sandbox.requests(Endpoint::Push);
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0].retry_key,
        sent.value.retry_key.map(|k| k.to_string())
    );
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 1);
}

#[tokio::test]
async fn a_dropped_connection_then_the_clients_retry_delivers_exactly_once() {
    let faults = Faults::seeded(seed_faulting_first_attempt_only())
        .on(Endpoint::Push, EndpointFaults::drops(0.5));
    let env = start_with(|c| c, |b| b.faults(faults)).await;
    let friend = env.follower(1).await;
    let sent = client(&env)
        .push(
            &friend,
            &[Message::text("exactly once")],
            SendOptions::default(),
        )
        .await
        .unwrap();
    assert!(
        sent.value.is_already_accepted(),
        "the retry met the first attempt's key: {sent:?}"
    );
    let stats = env.sandbox.stats().endpoint(Endpoint::Push);
    assert_eq!((stats.dropped_connections, stats.conflicts), (1, 1));
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 1);
}

#[tokio::test]
async fn an_expired_reply_token_is_invalid_reply_token_and_not_retried() {
    let env = start().await;
    let friend = env.follower(1).await;
    let token = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hi")
        .await
        .unwrap()
        .reply_token
        .unwrap();
    env.sandbox.clock().advance(Duration::from_secs(61));
    let late = client(&env).reply(&token, &[Message::text("late")]).await;
    assert!(
        matches!(late, Err(LineError::InvalidReplyToken { .. })),
        "{late:?}"
    );
    assert_eq!(env.sandbox.stats().endpoint(Endpoint::Reply).requests, 1);
}

#[tokio::test]
async fn a_wrong_token_is_unauthorized_and_not_retried() {
    let env = start().await;
    let answer = client_with_token(&env, "wrong")
        .push(&user(1), &[Message::text("x")], SendOptions::default())
        .await;
    assert!(
        matches!(answer, Err(LineError::Unauthorized { .. })),
        "{answer:?}"
    );
    assert_eq!(env.sandbox.stats().endpoint(Endpoint::Push).requests, 1);
}

#[tokio::test]
async fn the_rich_menu_client_and_the_sandbox_agree_on_every_step() {
    use otodoke_line::{
        Action, RichMenu, RichMenuArea, RichMenuBatchOperation, RichMenuBounds, RichMenuSize,
    };
    let env = start().await;
    let client = client(&env);
    let menu = RichMenu {
        size: RichMenuSize {
            width: 2500,
            height: 843,
        },
        selected: true,
        name: "tabs".into(),
        chat_bar_text: "メニュー".into(),
        areas: vec![RichMenuArea {
            bounds: RichMenuBounds {
                x: 0,
                y: 0,
                width: 2500,
                height: 843,
            },
            action: Action::rich_menu_switch("b", "tab-b", "to=b"),
        }],
    };
    client.validate_rich_menu(&menu).await.unwrap();
    let id = client
        .create_rich_menu(&menu)
        .await
        .unwrap()
        .value
        .rich_menu_id;
    let png = otodoke_line_sandbox::generated_rich_menu_png(2500, 843);
    let early = client.set_default_rich_menu(&id).await.unwrap_err();
    assert_eq!(
        early.rejection().map(|(m, _)| m),
        Some("must upload richmenu image before applying it to user")
    );
    client
        .upload_rich_menu_image(&id, png.clone(), Some(menu.size))
        .await
        .unwrap();
    let twice = client
        .upload_rich_menu_image(&id, png.clone(), None)
        .await
        .unwrap_err();
    assert!(twice.rejection().is_some(), "{twice:?}");
    assert_eq!(
        client
            .download_rich_menu_image(&id)
            .await
            .unwrap()
            .value
            .body,
        png
    );
    assert_eq!(client.rich_menu(&id).await.unwrap().value.menu, menu);
    client.set_default_rich_menu(&id).await.unwrap();
    assert_eq!(
        client.default_rich_menu().await.unwrap().value.rich_menu_id,
        id
    );
    let friend = user(7);
    client.bulk_link_rich_menu(&id, &[&friend]).await.unwrap();
    assert_eq!(
        client
            .user_rich_menu(&friend)
            .await
            .unwrap()
            .value
            .rich_menu_id,
        id
    );
    client.create_rich_menu_alias("tab-b", &id).await.unwrap();
    assert_eq!(client.rich_menu_aliases().await.unwrap().value.len(), 1);
    let batch = client
        .rich_menu_batch(&[RichMenuBatchOperation::UnlinkAll], None)
        .await
        .unwrap();
    let progress = client
        .rich_menu_batch_progress(batch.request_id.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(
        progress.value.phase,
        otodoke_line::RichMenuBatchPhase::Ongoing
    );
    assert!(matches!(
        client.user_rich_menu(&friend).await.unwrap_err(),
        LineError::NotFound { .. }
    ));
    client.delete_rich_menu(&id).await.unwrap();
    assert!(client.rich_menus().await.unwrap().value.is_empty());
}
