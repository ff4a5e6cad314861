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
async fn a_narrowcast_delivers_to_followers_and_counts_them() {
    let env = start().await;
    let friend = env.follower(1).await;
    let answer = env.post(NARROWCAST, json!({"messages": [text("x")], "recipient": {"type": "audience", "audienceGroupId": 1}})).await;
    assert_eq!(answer.status, 202);
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 1);
    assert_eq!(env.sandbox.quota_usage(CHANNEL), Some(1));
}
