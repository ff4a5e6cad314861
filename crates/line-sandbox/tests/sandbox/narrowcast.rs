use crate::support::*;
use serde_json::json;
use std::time::Duration;

const NARROWCAST: &str = "/v2/bot/message/narrowcast";

fn progress_path(id: &str) -> String {
    format!("/v2/bot/message/progress/narrowcast?requestId={id}")
}

#[tokio::test]
async fn a_narrowcast_is_accepted_with_202_and_moves_waiting_sending_succeeded() {
    let env = start_with(|c| c, |b| b.narrowcast_phase(Duration::from_secs(10))).await;
    env.sandbox.add_friends(CHANNEL, 3).unwrap();
    let accepted = env
        .post(NARROWCAST, json!({"messages": [text("sale")]}))
        .await;
    assert_eq!(accepted.status, 202);
    let id = accepted.request_id();

    let waiting = env.get(&progress_path(&id)).await.body;
    assert_eq!(waiting["phase"], "waiting");
    assert!(waiting["acceptedTime"].as_str().unwrap().ends_with('Z'));
    assert!(waiting.get("successCount").is_none());

    env.sandbox.clock().advance(Duration::from_secs(10));
    assert_eq!(env.get(&progress_path(&id)).await.body["phase"], "sending");

    env.sandbox.clock().advance(Duration::from_secs(10));
    let done = env.get(&progress_path(&id)).await.body;
    assert_eq!(done["phase"], "succeeded");
    assert_eq!(
        (done["successCount"].as_u64(), done["targetCount"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(done["failureCount"], 0);
    assert!(done["completedTime"].is_string());
}

#[tokio::test]
async fn progress_can_advance_one_phase_per_poll() {
    let env = start_with(|c| c, |b| b.narrowcast_advance_on_poll(true)).await;
    let id = env
        .post(NARROWCAST, json!({"messages": [text("x")]}))
        .await
        .request_id();
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push(
            env.get(&progress_path(&id)).await.body["phase"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(seen, ["waiting", "sending", "succeeded", "succeeded"]);
}

#[tokio::test]
async fn progress_of_an_unknown_request_is_404_and_a_missing_id_is_400() {
    let env = start().await;
    let unknown = env
        .get(&progress_path(&uuid::Uuid::new_v4().to_string()))
        .await;
    let missing = env.get("/v2/bot/message/progress/narrowcast").await;
    assert_eq!((unknown.status, missing.status), (404, 400));
}

#[tokio::test]
async fn a_narrowcast_to_an_audience_group_delivers_to_its_followers_and_counts_them() {
    let env = start_with(|c| c, |b| b.audience_ready(Duration::ZERO)).await;
    let friend = env.follower(1).await;
    env.follower(2).await;
    let group = env
        .post(
            "/v2/bot/audienceGroup/upload",
            json!({"description": "one", "audiences": [{"id": friend}]}),
        )
        .await
        .body["audienceGroupId"]
        .clone();
    let answer = env.post(NARROWCAST, json!({"messages": [text("x")], "recipient": {"type": "audience", "audienceGroupId": group}})).await;
    assert_eq!(answer.status, 202);
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 1);
    assert_eq!(env.sandbox.quota_usage(CHANNEL), Some(1));
}

/// Women aged 20 to 39 among 400 bulk friends, as the sandbox estimates them.
fn women_in_their_twenties_and_thirties() -> serde_json::Value {
    json!({"demographic": {"type": "operator", "and": [
        {"type": "gender", "oneOf": ["female"]},
        {"type": "age", "gte": "age_20", "lt": "age_40"}
    ]}})
}

#[tokio::test]
async fn a_demographic_narrowcast_reaches_exactly_the_matching_followers_and_counts_them() {
    let env = start_with(|c| c, |b| b.narrowcast_advance_on_poll(true)).await;
    let bulk = env.sandbox.add_friends(CHANNEL, 400).unwrap();
    let ids: Vec<String> = (0..400).map(|i| bulk.user_id(i)).collect();
    let matching: Vec<&String> = ids
        .iter()
        .filter(|id| {
            let d = env.sandbox.demographics_of(id).unwrap();
            d.gender == Some("female") && d.age.is_some_and(|a| (20..40).contains(&a))
        })
        .collect();
    assert!(
        (50..200).contains(&matching.len()),
        "{} match",
        matching.len()
    );

    let answer = env
        .post(
            NARROWCAST,
            json!({"messages": [text("sale")], "filter": women_in_their_twenties_and_thirties()}),
        )
        .await;
    assert_eq!(answer.status, 202);
    let reached: Vec<&String> = ids
        .iter()
        .filter(|id| !env.sandbox.deliveries_to(id).is_empty())
        .collect();
    assert_eq!(reached, matching);
    assert_eq!(
        env.sandbox.quota_usage(CHANNEL),
        Some(matching.len() as u64),
        "counted once per delivered friend"
    );
    // The simulator's chat view shows it to those it reached.
    let chat = env.sandbox.conversation(CHANNEL, matching[0]);
    assert!(
        matches!(chat.last(), Some(otodoke_line_sandbox::ChatEntry::Bot(m))
            if m.endpoint == otodoke_line_sandbox::Endpoint::Narrowcast && m.message["text"] == "sale"),
        "{chat:?}"
    );
    let id = answer.request_id();
    env.get(&progress_path(&id)).await;
    env.get(&progress_path(&id)).await;
    let done = env.get(&progress_path(&id)).await.body;
    assert_eq!(done["phase"], "succeeded");
    assert_eq!(done["targetCount"], matching.len() as u64);
    assert_eq!(done["successCount"], matching.len() as u64);
}

#[tokio::test]
async fn a_bad_demographic_filter_is_400_with_details_and_sends_nothing() {
    let env = start().await;
    env.sandbox.add_friends(CHANNEL, 60).unwrap();
    let answer = env
        .post(
            NARROWCAST,
            json!({"messages": [text("x")], "filter": {"demographic": {"type": "operator", "and": [
                {"type": "age", "gte": "age_40", "lt": "age_20"},
                {"type": "area", "oneOf": ["jp_48"]}
            ]}}}),
        )
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.properties(),
        [
            "filter.demographic.and[0].lt",
            "filter.demographic.and[1].oneOf[0]"
        ]
    );
    assert_eq!(env.sandbox.quota_usage(CHANNEL), Some(0));
    assert_eq!(env.sandbox.delivery_count(), 0);
}

#[tokio::test]
async fn a_filter_matching_too_few_friends_fails_with_code_2_and_costs_nothing() {
    let env = start_with(|c| c, |b| b.narrowcast_advance_on_poll(true)).await;
    env.sandbox.add_friends(CHANNEL, 40).unwrap();
    let answer = env
        .post(
            NARROWCAST,
            json!({"messages": [text("x")], "filter": {"demographic": {"type": "appType", "oneOf": ["ios", "android"]}}}),
        )
        .await;
    assert_eq!(answer.status, 202, "LINE accepts it and fails it later");
    let id = answer.request_id();
    env.get(&progress_path(&id)).await;
    env.get(&progress_path(&id)).await;
    let failed = env.get(&progress_path(&id)).await.body;
    assert_eq!(failed["phase"], "failed");
    assert_eq!(failed["errorCode"], 2);
    assert_eq!(failed["targetCount"], 40);
    assert_eq!(env.sandbox.delivery_count(), 0);
    assert_eq!(env.sandbox.quota_usage(CHANNEL), Some(0));
}

#[tokio::test]
async fn the_sixty_first_narrowcast_within_an_hour_is_429() {
    let env = start().await;
    for i in 0..60 {
        let answer = env.post(NARROWCAST, json!({"messages": [text("x")]})).await;
        assert_eq!(answer.status, 202, "narrowcast {i}");
    }
    let refused = env.post(NARROWCAST, json!({"messages": [text("x")]})).await;
    assert_eq!(refused.status, 429);
    assert_eq!(
        refused.message(),
        "The API rate limit has been exceeded. Try again later."
    );
    env.sandbox.clock().advance(Duration::from_secs(60));
    let later = env.post(NARROWCAST, json!({"messages": [text("x")]})).await;
    assert_eq!(later.status, 202, "one request a minute comes back");
}
