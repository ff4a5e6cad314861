//! An organization whose stores each have a channel of their own, under one LINE
//! provider: each channel answers as its own store, whichever store the person was
//! first assigned to by following another of the organization's channels.

use crate::support::*;
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_line_sandbox::NewFriend;
use otodoke_responder::Handled;

fn hours(answer: &str) -> ReplyConfig {
    ReplyConfig {
        rules: vec![Rule {
            id: "hours".into(),
            kind: MatchKind::Partial,
            keywords: vec!["営業時間".into()],
            answer: Answer::text(answer),
            ..Rule::default()
        }],
        greeting: Some(Answer::text("{store}へようこそ")),
        ..ReplyConfig::default()
    }
}

#[tokio::test]
async fn a_person_following_two_stores_channels_gets_each_stores_own_answer() {
    let world = Setup::new(store("shibuya", hours("渋谷店は10時から19時まで")))
        .store_with_own_channel(store("osaka", hours("大阪店は11時から21時まで")))
        .start()
        .await;
    // USER follows the shared channel first: assigned to shibuya, the default store.
    world.sandbox.friend_follows(CHANNEL, USER).await.unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();
    assert_eq!(
        world.friend(USER).await.unwrap().store_id,
        Some(store_id("shibuya"))
    );
    // Then osaka's own channel: its greeting is osaka's.
    world
        .sandbox
        .add_friend(
            STORE_CHANNEL,
            NewFriend {
                user_id: Some(USER.into()),
                display_name: Some("花子".into()),
                blocked: true,
                ..NewFriend::default()
            },
        )
        .unwrap();
    world
        .sandbox
        .friend_follows(STORE_CHANNEL, USER)
        .await
        .unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();
    let greeting = world.sandbox.messages_to_friend(STORE_CHANNEL, USER);
    assert_eq!(
        greeting.last().unwrap().message["text"],
        "osaka店へようこそ"
    );

    // On osaka's channel the question gets osaka's answer...
    world
        .sandbox
        .friend_sends_text(STORE_CHANNEL, USER, "営業時間は？")
        .await
        .unwrap();
    let handled = world.handle(&world.next_envelope().await).await.unwrap();
    assert_eq!(handled, Handled::Replied);
    let osaka = world.sandbox.messages_to_friend(STORE_CHANNEL, USER);
    assert_eq!(
        osaka.last().unwrap().message["text"],
        "大阪店は11時から21時まで"
    );
    // ...and on the shared channel, the store the person belongs to answers.
    world
        .handle(&world.says("営業時間は？").await)
        .await
        .unwrap();
    assert_eq!(
        world.texts_to(USER).last().map(String::as_str),
        Some("渋谷店は10時から19時まで")
    );
}
