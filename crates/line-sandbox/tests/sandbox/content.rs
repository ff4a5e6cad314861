use crate::support::*;
use otodoke_line_sandbox::{generated_png, ChannelConfig, ContentKind, Sandbox};
use std::time::Duration;

const DAY: Duration = Duration::from_secs(24 * 3600);

fn content_path(event: &serde_json::Value) -> String {
    let id = event["message"]["id"].as_str().unwrap();
    format!("/v2/bot/message/{id}/content")
}

async fn raw_get(env: &Env, path: &str) -> (u16, Option<String>, Vec<u8>) {
    let res = env
        .http
        .get(env.url(path))
        .bearer_auth(env.channel.token())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, content_type, res.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn an_image_a_friend_sends_is_served_as_sent_until_two_weeks_pass() {
    let env = start().await;
    let friend = env.follower(1).await;
    let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
    let sent = env
        .sandbox
        .friend_sends_media(
            CHANNEL,
            &friend,
            ContentKind::Image,
            Some(("image/jpeg", &jpeg)),
        )
        .await
        .unwrap();
    assert_eq!(sent.event["message"]["type"], "image");
    assert_eq!(sent.event["message"]["contentProvider"]["type"], "line");
    let path = content_path(&sent.event);
    let (status, content_type, body) = raw_get(&env, &path).await;
    assert_eq!((status, content_type.as_deref()), (200, Some("image/jpeg")));
    assert_eq!(body, jpeg);

    env.sandbox
        .clock()
        .advance(14 * DAY - Duration::from_secs(1));
    assert_eq!(raw_get(&env, &path).await.0, 200, "still there just before");
    env.sandbox.clock().advance(Duration::from_secs(1));
    assert_eq!(raw_get(&env, &path).await.0, 404, "LINE deleted it");
}

#[tokio::test]
async fn a_file_expires_after_one_week_and_a_generated_image_is_a_png() {
    let env = start().await;
    let friend = env.follower(1).await;
    let file = env
        .sandbox
        .friend_sends_media(CHANNEL, &friend, ContentKind::File, None)
        .await
        .unwrap();
    let image = env
        .sandbox
        .friend_sends_media(CHANNEL, &friend, ContentKind::Image, None)
        .await
        .unwrap();
    assert!(file.event["message"]["fileName"].is_string());
    let (_, content_type, body) = raw_get(&env, &content_path(&image.event)).await;
    assert_eq!(content_type.as_deref(), Some("image/png"));
    let id = image.event["message"]["id"].as_str().unwrap();
    assert_eq!(
        body,
        generated_png(id),
        "the same id always gives the same image"
    );

    env.sandbox.clock().advance(7 * DAY);
    assert_eq!(raw_get(&env, &content_path(&file.event)).await.0, 404);
    assert_eq!(raw_get(&env, &content_path(&image.event)).await.0, 200);
}

#[tokio::test]
async fn a_video_answers_202_while_transcoding_then_its_bytes() {
    let env = start_with(|c| c, |b| b.content_transcoding(Duration::from_secs(30))).await;
    let friend = env.follower(1).await;
    let sent = env
        .sandbox
        .friend_sends_media(
            CHANNEL,
            &friend,
            ContentKind::Video,
            Some(("video/mp4", b"MP4")),
        )
        .await
        .unwrap();
    let path = content_path(&sent.event);
    let (status, _, body) = raw_get(&env, &path).await;
    assert_eq!((status, body.len()), (202, 0));
    env.sandbox.clock().advance(Duration::from_secs(30));
    let (status, content_type, body) = raw_get(&env, &path).await;
    assert_eq!(
        (status, content_type.as_deref(), body.as_slice()),
        (200, Some("video/mp4"), &b"MP4"[..])
    );
}

#[tokio::test]
async fn another_channels_token_cannot_download_the_content() {
    let receiver = Receiver::default();
    let url = receiver.start().await;
    let mine = ChannelConfig::new(CHANNEL).webhook_url(url.clone());
    let other = ChannelConfig::new("1650000002").webhook_url(url);
    let sandbox = Sandbox::builder()
        .channel(mine.clone())
        .channel(other.clone())
        .start()
        .await
        .unwrap();
    sandbox.friend_follows(CHANNEL, &user(1)).await.unwrap();
    let sent = sandbox
        .friend_sends_media(CHANNEL, &user(1), ContentKind::Image, None)
        .await
        .unwrap();
    let path = content_path(&sent.event);
    let http = reqwest::Client::new();
    let get = |token: String| {
        let req = http
            .get(format!("{}{path}", sandbox.base_url()))
            .bearer_auth(token);
        async move { req.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(get(mine.token().to_owned()).await, 200);
    assert_eq!(get(other.token().to_owned()).await, 404);
    assert_eq!(get("nonsense".to_owned()).await, 401);
}
