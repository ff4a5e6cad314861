use crate::support::*;
use serde_json::{json, Value};

const PUSH: &str = "/v2/bot/message/push";

#[tokio::test]
async fn a_send_needs_one_to_five_messages() {
    let env = start().await;
    let to = user(1);
    let none = env.post(PUSH, json!({"to": to, "messages": []})).await;
    let six = env
        .post(PUSH, json!({"to": to, "messages": vec![text("x"); 6]}))
        .await;
    let five = env
        .post(PUSH, json!({"to": to, "messages": vec![text("x"); 5]}))
        .await;
    assert_eq!((none.status, six.status, five.status), (400, 400, 200));
    assert_eq!(none.properties(), ["messages"]);
    assert_eq!(
        six.body["details"][0]["message"],
        "Size must be between 1 and 5"
    );
    assert!(six.message().starts_with("The request body has 1 error(s)"));
}

#[tokio::test]
async fn an_unknown_message_type_is_refused_naming_the_property() {
    let env = start().await;
    let answer = env.push(&user(1), json!({"type": "hologram"})).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.properties(), ["messages[0].type"]);
}

#[tokio::test]
async fn text_must_have_one_to_5000_characters() {
    let env = start().await;
    let empty = env.push(&user(1), text("")).await;
    let long = env.push(&user(1), text(&"a".repeat(5001))).await;
    let max = env.push(&user(1), text(&"字".repeat(5000))).await;
    assert_eq!((empty.status, long.status, max.status), (400, 400, 200));
    assert_eq!(long.properties(), ["messages[0].text"]);
}

#[tokio::test]
async fn a_sender_name_is_at_most_20_characters_and_never_mentions_line() {
    let env = start().await;
    let with = |name: &str| json!({"type": "text", "text": "hi", "sender": {"name": name}});
    let long = env.push(&user(1), with(&"n".repeat(21))).await;
    let line = env.push(&user(1), with("Line Support")).await;
    let fine = env.push(&user(1), with("Tanaka @ Shibuya")).await;
    assert_eq!((long.status, line.status, fine.status), (400, 400, 200));
    assert_eq!(line.properties(), ["messages[0].sender.name"]);
}

#[tokio::test]
async fn multicast_takes_one_to_500_valid_user_ids() {
    let env = start().await;
    let ids = |n: u32| (0..n).map(user).collect::<Vec<_>>();
    let path = "/v2/bot/message/multicast";
    let empty = env
        .post(path, json!({"to": ids(0), "messages": [text("x")]}))
        .await;
    let too_many = env
        .post(path, json!({"to": ids(501), "messages": [text("x")]}))
        .await;
    let full = env
        .post(path, json!({"to": ids(500), "messages": [text("x")]}))
        .await;
    let bad_id = env
        .post(
            path,
            json!({"to": [user(1), "C0123"], "messages": [text("x")]}),
        )
        .await;
    assert_eq!(
        (empty.status, too_many.status, full.status, bad_id.status),
        (400, 400, 200, 400)
    );
    assert_eq!(bad_id.properties(), ["to[1]"]);
}

#[tokio::test]
async fn push_accepts_user_group_and_room_ids_only() {
    let env = start().await;
    let group = format!("C{:032x}", 7);
    let ok = env
        .post(PUSH, json!({"to": group, "messages": [text("x")]}))
        .await;
    let bad = env
        .post(PUSH, json!({"to": "someone", "messages": [text("x")]}))
        .await;
    let missing = env.post(PUSH, json!({"messages": [text("x")]})).await;
    assert_eq!((ok.status, bad.status, missing.status), (200, 400, 400));
    assert_eq!(bad.properties(), ["to"]);
}

#[tokio::test]
async fn a_body_over_2_mb_is_refused_with_413() {
    let env = start().await;
    let padding = "a".repeat(2 * 1024 * 1024);
    let answer = env
        .post(
            PUSH,
            json!({"to": user(1), "messages": [text("x")], "pad": padding}),
        )
        .await;
    assert_eq!(answer.status, 413);
    assert_eq!(answer.message(), "Request entity too large");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_refused_with_400() {
    let env = start().await;
    let req = env
        .http
        .post(env.url(PUSH))
        .bearer_auth(env.channel.token())
        .body("{not json");
    assert_eq!(env.send(req).await.status, 400);
}

#[tokio::test]
async fn loading_seconds_are_5_to_60_in_steps_of_5() {
    let env = start().await;
    let path = "/v2/bot/chat/loading/start";
    let answer = |s: Value| env.post(path, json!({"chatId": user(1), "loadingSeconds": s}));
    assert_eq!(answer(json!(5)).await.status, 202);
    assert_eq!(answer(json!(60)).await.status, 202);
    assert_eq!(answer(json!(7)).await.status, 400);
    assert_eq!(answer(json!(65)).await.status, 400);
    let group = env
        .post(path, json!({"chatId": format!("C{:032x}", 1)}))
        .await;
    assert_eq!(group.properties(), ["chatId"]);
}

#[tokio::test]
async fn quick_replies_hold_at_most_13_items() {
    let env = start().await;
    let item = json!({"type": "action", "action": {"type": "message", "label": "a", "text": "a"}});
    let with = |n: usize| json!({"type": "text", "text": "hi", "quickReply": {"items": vec![item.clone(); n]}});
    assert_eq!(env.push(&user(1), with(13)).await.status, 200);
    assert_eq!(
        env.push(&user(1), with(14)).await.properties(),
        ["messages[0].quickReply.items"]
    );
}
