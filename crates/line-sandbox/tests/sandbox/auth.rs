use crate::support::*;
use otodoke_line_sandbox::{ChannelConfig, Sandbox};
use serde_json::json;

#[tokio::test]
async fn a_missing_bearer_token_is_refused_with_401_in_lines_shape() {
    let env = start().await;
    let answer = env.send(env.http.get(env.url("/v2/bot/info"))).await;
    assert_eq!(answer.status, 401);
    assert!(answer
        .message()
        .starts_with("Authorization header required"));
}

#[tokio::test]
async fn an_unknown_token_is_refused_with_401_and_nothing_is_sent() {
    let env = start().await;
    let friend = env.follower(1).await;
    let req = env
        .http
        .post(env.url("/v2/bot/message/push"))
        .bearer_auth("not-a-token");
    let answer = env
        .send(req.json(&json!({"to": friend, "messages": [text("hi")]})))
        .await;
    assert_eq!(answer.status, 401);
    assert!(answer.message().contains("invalid token"));
    assert!(env.sandbox.deliveries_to(&friend).is_empty());
}

#[tokio::test]
async fn the_token_decides_which_channel_answers() {
    let a = ChannelConfig::new("1000000001");
    let b = ChannelConfig::new("1000000002");
    let sandbox = Sandbox::builder()
        .channel(a.clone())
        .channel(b.clone())
        .start()
        .await
        .unwrap();
    let http = reqwest::Client::new();
    for channel in [&a, &b] {
        let info: serde_json::Value = http
            .get(format!("{}/v2/bot/info", sandbox.base_url()))
            .bearer_auth(channel.token())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(info["userId"], channel.bot_user_id);
    }
}

#[tokio::test]
async fn a_channel_with_a_malformed_bot_user_id_does_not_start() {
    let mut channel = ChannelConfig::new("1");
    channel.bot_user_id = "Ubad".to_owned();
    assert!(Sandbox::builder().channel(channel).start().await.is_err());
}
