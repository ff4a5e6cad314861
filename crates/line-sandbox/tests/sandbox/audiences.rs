//! Audience groups of uploaded user ids and narrowcasts to them.

use crate::support::*;
use otodoke_line_sandbox::ChannelConfig;
use serde_json::{json, Value};
use std::time::Duration;

const UPLOAD: &str = "/v2/bot/audienceGroup/upload";
const NARROWCAST: &str = "/v2/bot/message/narrowcast";

fn ids(users: &[String]) -> Value {
    Value::Array(users.iter().map(|u| json!({ "id": u })).collect())
}

impl Env {
    async fn put(&self, path: &str, body: Value) -> Answer {
        self.send(
            self.http
                .put(self.url(path))
                .bearer_auth(self.channel.token())
                .json(&body),
        )
        .await
    }

    async fn delete(&self, path: &str) -> Answer {
        self.send(
            self.http
                .delete(self.url(path))
                .bearer_auth(self.channel.token()),
        )
        .await
    }

    async fn create_group(&self, description: &str, users: &[String]) -> i64 {
        let created = self
            .post(
                UPLOAD,
                json!({"description": description, "isIfaAudience": false, "audiences": ids(users)}),
            )
            .await;
        assert_eq!(created.status, 202, "{:?}", created.body);
        created.body["audienceGroupId"].as_i64().unwrap()
    }
}

fn slow_groups(
) -> impl FnOnce(otodoke_line_sandbox::SandboxBuilder) -> otodoke_line_sandbox::SandboxBuilder {
    |b| b.audience_ready(Duration::from_secs(10))
}

#[tokio::test]
async fn a_group_is_in_progress_after_each_upload_then_ready_and_holds_each_user_once() {
    let env = start_with(|c| c, slow_groups()).await;
    let id = env.create_group("spring sale", &[user(1), user(2)]).await;
    let status = |a: &Answer| {
        a.body["audienceGroup"]["status"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let got = env.get(&format!("/v2/bot/audienceGroup/{id}")).await;
    assert_eq!((got.status, status(&got).as_str()), (200, "IN_PROGRESS"));
    env.sandbox.clock().advance(Duration::from_secs(10));
    let got = env.get(&format!("/v2/bot/audienceGroup/{id}")).await;
    assert_eq!(status(&got), "READY");
    assert_eq!(got.body["audienceGroup"]["audienceCount"], 2);

    let added = env
        .put(
            UPLOAD,
            json!({"audienceGroupId": id, "audiences": ids(&[user(2), user(3)])}),
        )
        .await;
    assert_eq!(added.status, 202);
    let got = env.get(&format!("/v2/bot/audienceGroup/{id}")).await;
    assert_eq!(status(&got), "IN_PROGRESS");
    env.sandbox.clock().advance(Duration::from_secs(10));
    let got = env.get(&format!("/v2/bot/audienceGroup/{id}")).await;
    assert_eq!(
        got.body["audienceGroup"]["audienceCount"], 3,
        "user 2 is held once"
    );
}

#[tokio::test]
async fn uploads_follow_lines_rules_on_description_size_and_id_format() {
    let env = start().await;
    let too_long = "x".repeat(121);
    let ten_thousand_and_one: Vec<String> = (0..10_001).map(user).collect();
    for body in [
        json!({"description": too_long, "audiences": []}),
        json!({"audiences": ids(&[user(1)])}),
        json!({"description": "a\nb", "audiences": []}),
        json!({"description": "ok", "audiences": ids(&ten_thousand_and_one)}),
        json!({"description": "ok", "audiences": [{"id": "not-a-user"}]}),
    ] {
        let answer = env.post(UPLOAD, body.clone()).await;
        assert_eq!(answer.status, 400, "{body:.80}");
    }
    let refused = env
        .post(
            UPLOAD,
            json!({"description": "ok", "audiences": [{"id": "U123"}]}),
        )
        .await;
    assert!(refused
        .body
        .to_string()
        .contains("INVALID_AUDIENCE_ID_FORMAT"));
    let ten_thousand: Vec<String> = (0..10_000).map(user).collect();
    assert!(env.create_group(&"x".repeat(120), &ten_thousand).await > 0);
    assert_eq!(
        env.put(UPLOAD, json!({"audienceGroupId": 1, "audiences": []}))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn unknown_and_other_channels_groups_are_404_and_listing_matches_the_description() {
    let other = ChannelConfig::new("1650000002");
    let env = start_with(|c| c, {
        let other = other.clone();
        move |b| b.channel(other)
    })
    .await;
    let mine = env.create_group("otodoke org-a c1", &[user(1)]).await;
    // Another channel's group of the same name.
    let theirs = env
        .send(
            env.http
                .post(env.url(UPLOAD))
                .bearer_auth(other.token())
                .json(&json!({"description": "otodoke org-a c1", "audiences": []})),
        )
        .await;
    let theirs = theirs.body["audienceGroupId"].as_i64().unwrap();
    assert_eq!(
        env.get(&format!("/v2/bot/audienceGroup/{theirs}"))
            .await
            .status,
        404
    );
    assert_eq!(env.get("/v2/bot/audienceGroup/42").await.status, 404);
    assert_eq!(
        env.delete(&format!("/v2/bot/audienceGroup/{theirs}"))
            .await
            .status,
        404
    );

    env.create_group("something else", &[user(2)]).await;
    let listed = env
        .get("/v2/bot/audienceGroup/list?page=1&description=OTODOKE%20org-a")
        .await;
    assert_eq!(listed.status, 200);
    let groups = listed.body["audienceGroups"].as_array().unwrap();
    assert_eq!(
        groups.len(),
        1,
        "partial, case-insensitive, this channel's only"
    );
    assert_eq!(groups[0]["audienceGroupId"], mine);
    assert_eq!(
        env.get("/v2/bot/audienceGroup/list?page=0").await.status,
        400
    );

    assert_eq!(
        env.delete(&format!("/v2/bot/audienceGroup/{mine}"))
            .await
            .status,
        200
    );
    assert_eq!(
        env.get(&format!("/v2/bot/audienceGroup/{mine}"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_narrowcast_to_a_group_and_a_filter_reaches_the_followers_in_both() {
    let env = start_with(|c| c, slow_groups()).await;
    let bulk = env.sandbox.add_friends(CHANNEL, 400).unwrap();
    let everyone: Vec<String> = (0..400).map(|i| bulk.user_id(i)).collect();
    let half: Vec<String> = everyone.iter().step_by(2).cloned().collect();
    let group = env.create_group("half", &half).await;
    let body = json!({
        "messages": [text("sale")],
        "recipient": {"type": "operator", "and": [{"type": "audience", "audienceGroupId": group}]},
        "filter": {"demographic": {"type": "gender", "oneOf": ["female"]}},
    });
    let early = env.post(NARROWCAST, body.clone()).await;
    assert_eq!(early.status, 400, "the group is not READY yet");
    env.sandbox.clock().advance(Duration::from_secs(10));
    assert_eq!(env.post(NARROWCAST, body).await.status, 202);
    let expected: Vec<&String> = half
        .iter()
        .filter(|u| env.sandbox.demographics_of(u).unwrap().gender == Some("female"))
        .collect();
    let reached: Vec<&String> = everyone
        .iter()
        .filter(|u| !env.sandbox.deliveries_to(u).is_empty())
        .collect();
    assert_eq!(reached, expected);

    let unknown =
        json!({"messages": [text("x")], "recipient": {"type": "audience", "audienceGroupId": 7}});
    assert_eq!(env.post(NARROWCAST, unknown).await.status, 400);
}

#[tokio::test]
async fn up_to_remaining_quota_sends_to_what_the_month_has_left_instead_of_refusing() {
    let env = start_with(|c| c.plan(otodoke_line_sandbox::Plan::Communication), |b| b).await;
    env.sandbox.add_friends(CHANNEL, 300).unwrap();
    let refused = env.post(NARROWCAST, json!({"messages": [text("x")]})).await;
    assert_eq!(refused.status, 429, "300 friends do not fit in 200");
    let capped = env
        .post(
            NARROWCAST,
            json!({"messages": [text("x")], "limit": {"upToRemainingQuota": true}}),
        )
        .await;
    assert_eq!(capped.status, 202);
    assert_eq!(env.sandbox.quota_usage(CHANNEL), Some(200));
}
