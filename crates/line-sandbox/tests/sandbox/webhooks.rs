use crate::support::*;
use serde_json::json;

fn event(env: &Env) -> serde_json::Value {
    env.receiver.last().json()["events"][0].clone()
}

#[tokio::test]
async fn a_follow_is_posted_signed_with_the_channel_secret() {
    let env = start().await;
    let friend = env.follower(1).await;
    let hook = env.receiver.last();
    let signature = hook.headers["x-line-signature"].to_str().unwrap();
    otodoke_line::signature::verify(env.channel.channel_secret.as_bytes(), &hook.body, signature)
        .expect("the signature matches the exact body");
    let body = hook.json();
    assert_eq!(body["destination"], env.channel.bot_user_id);
    let e = &body["events"][0];
    assert_eq!(e["type"], "follow");
    assert_eq!(e["follow"]["isUnblocked"], false);
    assert_eq!(e["mode"], "active");
    assert_eq!(e["source"], json!({"type": "user", "userId": friend}));
    assert_eq!(e["deliveryContext"]["isRedelivery"], false);
    assert_eq!(e["webhookEventId"].as_str().unwrap().len(), 26, "a ULID");
    assert!(e["timestamp"].as_i64().unwrap() > 1_600_000_000_000);
    assert!(e["replyToken"].is_string());
}

#[tokio::test]
async fn a_block_sends_unfollow_without_a_reply_token_and_stops_deliveries() {
    let env = start().await;
    let friend = env.follower(1).await;
    let outcome = env.sandbox.friend_blocks(CHANNEL, &friend).await.unwrap();
    assert_eq!(outcome.reply_token, None);
    let e = event(&env);
    assert_eq!(e["type"], "unfollow");
    assert!(e.get("replyToken").is_none());
    env.push(&friend, text("anyone?")).await;
    assert!(env.sandbox.deliveries_to(&friend).is_empty());
}

#[tokio::test]
async fn an_unblock_is_a_follow_with_is_unblocked() {
    let env = start().await;
    let friend = env.follower(1).await;
    env.sandbox.friend_blocks(CHANNEL, &friend).await.unwrap();
    env.sandbox.friend_unblocks(CHANNEL, &friend).await.unwrap();
    let e = event(&env);
    assert_eq!(
        (e["type"].clone(), e["follow"]["isUnblocked"].clone()),
        (json!("follow"), json!(true))
    );
    assert_eq!(env.push(&friend, text("welcome back")).await.status, 200);
    assert_eq!(env.sandbox.deliveries_to(&friend).len(), 1);
}

#[tokio::test]
async fn text_postback_and_sticker_events_have_lines_shape() {
    let env = start().await;
    let friend = env.follower(1).await;
    env.sandbox
        .friend_sends_text(CHANNEL, &friend, "こんにちは")
        .await
        .unwrap();
    let e = event(&env);
    assert_eq!(
        (e["type"].clone(), e["message"]["type"].clone()),
        (json!("message"), json!("text"))
    );
    assert_eq!(e["message"]["text"], "こんにちは");
    assert!(e["message"]["id"].is_string() && e["message"]["quoteToken"].is_string());

    env.sandbox
        .friend_presses_postback(CHANNEL, &friend, "action=buy&item=1")
        .await
        .unwrap();
    assert_eq!(event(&env)["postback"]["data"], "action=buy&item=1");

    env.sandbox
        .friend_sends_sticker(CHANNEL, &friend, "446", "1988")
        .await
        .unwrap();
    let e = event(&env);
    assert_eq!(e["message"]["type"], "sticker");
    assert_eq!(
        (
            e["message"]["packageId"].clone(),
            e["message"]["stickerId"].clone()
        ),
        (json!("446"), json!("1988"))
    );
    assert!(e["replyToken"].is_string());
}

#[tokio::test]
async fn a_redelivery_has_the_same_id_and_token_and_is_marked() {
    let env = start().await;
    let friend = env.follower(1).await;
    let first = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hi")
        .await
        .unwrap();
    let again = env
        .sandbox
        .redeliver(CHANNEL, &first.webhook_event_id)
        .await
        .unwrap();
    let e = event(&env);
    assert_eq!(e["webhookEventId"], first.webhook_event_id);
    assert_eq!(e["deliveryContext"]["isRedelivery"], true);
    assert_eq!(again.reply_token, first.reply_token);
    assert_eq!(e["message"]["text"], "hi");
}

#[tokio::test]
async fn the_action_reports_what_the_receiver_answered() {
    let env = start().await;
    let friend = env.follower(1).await;
    env.receiver.answer_with(500);
    let outcome = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hi")
        .await
        .unwrap();
    assert_eq!(outcome.status, 500);
}

#[tokio::test]
async fn a_blocked_friend_cannot_write_to_the_bot() {
    let env = start().await;
    let friend = env.follower(1).await;
    env.sandbox.friend_blocks(CHANNEL, &friend).await.unwrap();
    assert!(env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "hi")
        .await
        .is_err());
}

#[tokio::test]
async fn actions_work_through_the_inspection_api() {
    let env = start().await;
    let friend = user(3);
    let path = format!("/sandbox/channels/{CHANNEL}/friends/{friend}/actions");
    let follow = env
        .send(
            env.http
                .post(env.url(&path))
                .json(&json!({"type": "follow"})),
        )
        .await;
    assert_eq!(
        (follow.status, follow.body["status"].as_u64()),
        (200, Some(200))
    );
    let said = env
        .send(
            env.http
                .post(env.url(&path))
                .json(&json!({"type": "text", "text": "yo"})),
        )
        .await;
    assert!(said.body["replyToken"].is_string());
    assert_eq!(event(&env)["message"]["text"], "yo");
    let verify = env
        .send(
            env.http
                .post(env.url(&format!("/sandbox/channels/{CHANNEL}/webhook/verify"))),
        )
        .await;
    assert_eq!(verify.body["status"], 200);
    assert_eq!(env.receiver.last().json()["events"], json!([]));
}

#[tokio::test]
async fn what_the_bot_sent_a_friend_is_visible_with_sender_and_quick_replies() {
    let env = start().await;
    let friend = env.follower(1).await;
    let message = json!({
        "type": "text", "text": "Pick one",
        "sender": {"name": "Tanaka", "iconUrl": "https://example.com/t.png"},
        "quickReply": {"items": [{"type": "action", "action": {"type": "message", "label": "A", "text": "A"}}]},
    });
    assert_eq!(env.push(&friend, message).await.status, 200);
    let seen = env.sandbox.messages_to_friend(CHANNEL, &friend);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].sender.as_ref().unwrap()["name"], "Tanaka");
    assert_eq!(
        seen[0].quick_reply.as_ref().unwrap()["items"][0]["action"]["label"],
        "A"
    );
    let page = env
        .send(env.http.get(env.url(&format!(
            "/sandbox/channels/{CHANNEL}/friends/{friend}/messages"
        ))))
        .await;
    assert_eq!(page.body[0]["message"]["text"], "Pick one");
}

#[tokio::test]
async fn the_webhook_url_can_be_changed_while_running() {
    let env = start().await;
    env.sandbox.set_webhook_url(CHANNEL, None).unwrap();
    assert!(env.sandbox.friend_follows(CHANNEL, &user(1)).await.is_err());
    let path = env.url(&format!("/sandbox/channels/{CHANNEL}/webhook"));
    let receiver = Receiver::default();
    let hook_url = receiver.start().await;
    let set = env
        .send(env.http.put(path).json(&json!({ "url": hook_url })))
        .await;
    assert_eq!(set.status, 204);
    assert_eq!(env.sandbox.webhook_url(CHANNEL), Some(hook_url));
    env.sandbox.friend_follows(CHANNEL, &user(1)).await.unwrap();
    assert_eq!(receiver.last().json()["events"][0]["type"], "follow");
}

#[tokio::test]
async fn the_conversation_interleaves_what_the_friend_did_and_what_the_bot_said() {
    let env = start().await;
    let friend = env.follower(1).await;
    env.push(&friend, text("Welcome!")).await;
    let token = env
        .sandbox
        .friend_sends_text(CHANNEL, &friend, "menu?")
        .await
        .unwrap()
        .reply_token
        .unwrap();
    env.post(
        "/v2/bot/message/reply",
        json!({"replyToken": token, "messages": [text("A"), text("B")]}),
    )
    .await;
    let lines: Vec<String> = env
        .sandbox
        .conversation(CHANNEL, &friend)
        .iter()
        .map(|entry| match entry {
            otodoke_line_sandbox::ChatEntry::Friend { event, .. } => {
                format!(
                    "friend:{}",
                    event["message"]["text"]
                        .as_str()
                        .unwrap_or(event["type"].as_str().unwrap())
                )
            }
            otodoke_line_sandbox::ChatEntry::Bot(m) => {
                format!("bot:{}", m.message["text"].as_str().unwrap())
            }
        })
        .collect();
    assert_eq!(
        lines,
        [
            "friend:follow",
            "bot:Welcome!",
            "friend:menu?",
            "bot:A",
            "bot:B"
        ]
    );
    let path = env.url(&format!(
        "/sandbox/channels/{CHANNEL}/friends/{friend}/conversation"
    ));
    let page = env.send(env.http.get(path)).await.body;
    assert_eq!(
        (page[0]["from"].clone(), page[1]["from"].clone()),
        (json!("friend"), json!("bot"))
    );
}

#[tokio::test]
async fn the_outcome_says_how_long_the_receiver_took() {
    let env = start().await;
    env.receiver
        .answer_after(std::time::Duration::from_millis(120));
    let outcome = env.sandbox.friend_follows(CHANNEL, &user(1)).await.unwrap();
    assert!(outcome.elapsed_ms >= 120, "{}", outcome.elapsed_ms);
}
