use crate::support::*;
use otodoke_line_sandbox::NewFriend;

#[tokio::test]
async fn a_following_friend_has_a_profile() {
    let env = start().await;
    let friend = NewFriend {
        user_id: Some(user(5)),
        display_name: Some("Hanako".to_owned()),
        picture_url: Some("https://profile.example/h.png".to_owned()),
        status_message: Some("hi".to_owned()),
        language: Some("ja".to_owned()),
        blocked: false,
    };
    let id = env.sandbox.add_friend(CHANNEL, friend).unwrap();
    let answer = env.get(&format!("/v2/bot/profile/{id}")).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["displayName"], "Hanako");
    assert_eq!(answer.body["userId"], id);
    assert_eq!(answer.body["pictureUrl"], "https://profile.example/h.png");
    assert_eq!(answer.body["statusMessage"], "hi");
    assert_eq!(answer.body["language"], "ja");
}

#[tokio::test]
async fn blocked_and_unknown_users_have_no_profile() {
    let env = start().await;
    let blocker = env.follower(1).await;
    env.sandbox.friend_blocks(CHANNEL, &blocker).await.unwrap();
    for id in [blocker, user(42)] {
        let answer = env.get(&format!("/v2/bot/profile/{id}")).await;
        assert_eq!((answer.status, answer.message()), (404, "Not found"));
    }
}

#[tokio::test]
async fn bot_info_shows_the_channels_bot() {
    let env = start().await;
    let info = env.get("/v2/bot/info").await.body;
    assert_eq!(info["userId"], env.channel.bot_user_id);
    assert_eq!(info["chatMode"], "bot");
    assert!(info["basicId"].as_str().unwrap().starts_with('@'));
}

#[tokio::test]
async fn friends_can_be_created_through_the_inspection_api() {
    let env = start().await;
    let path = env.url(&format!("/sandbox/channels/{CHANNEL}/friends"));
    let created = env
        .send(
            env.http
                .post(path)
                .json(&serde_json::json!({"displayName": "Taro", "language": "en"})),
        )
        .await;
    assert_eq!(created.status, 201);
    let id = created.body["userId"].as_str().unwrap().to_owned();
    let profile = env.get(&format!("/v2/bot/profile/{id}")).await;
    assert_eq!(
        (
            profile.body["displayName"].clone(),
            profile.body["language"].clone()
        ),
        ("Taro".into(), "en".into())
    );

    let bulk = env.url(&format!("/sandbox/channels/{CHANNEL}/friends/bulk"));
    let many = env
        .send(
            env.http
                .post(bulk)
                .json(&serde_json::json!({"count": 3, "listIds": true})),
        )
        .await;
    let ids = many.body["userIds"].as_array().unwrap();
    assert_eq!(ids.len(), 3);
    assert_eq!(ids[0], many.body["firstUserId"]);
    assert_eq!(
        env.get(&format!("/v2/bot/profile/{}", ids[2].as_str().unwrap()))
            .await
            .status,
        200
    );
}
