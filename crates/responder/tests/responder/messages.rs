use crate::support::*;
use jiff::civil::date;
use jiff::SignedDuration;
use otodoke_autoreply::hours::{BusinessHours, Interval, Weekly};
use otodoke_autoreply::intents::{Intent, IntentSettings};
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{AfterHours, Answer, GroupPolicy, ReplyConfig};
use otodoke_core::conversation::{Direction, Sender};
use otodoke_core::ports::FriendStore;
use otodoke_line_sandbox::Endpoint;
use otodoke_responder::{Batch, EventHandler, Handled};

fn hours_rule() -> Rule {
    Rule {
        id: "hours".into(),
        kind: MatchKind::Partial,
        keywords: vec!["営業時間".into()],
        answer: Answer::text("10時から19時まで営業しています"),
        ..Rule::default()
    }
}

fn with_rules(rules: Vec<Rule>) -> ReplyConfig {
    ReplyConfig {
        rules,
        ..ReplyConfig::default()
    }
}

/// Open 10:00-19:00 every day (or `intervals`), with an after-hours answer.
fn after_hours_config(intervals: Vec<Interval>) -> ReplyConfig {
    ReplyConfig {
        hours: Some(BusinessHours {
            weekly: Weekly::every_day(intervals),
            ..BusinessHours::default()
        }),
        after_hours: AfterHours {
            answer: Some(Answer::text("営業時間外です。{next_open}に開店します")),
            cool_down_minutes: 60,
        },
        rules: vec![hours_rule()],
        ..ReplyConfig::default()
    }
}

#[tokio::test]
async fn a_friends_message_travels_from_line_through_ingest_and_the_queue_to_a_reply() {
    let world = Setup::new(store("shibuya", with_rules(vec![hours_rule()])))
        .start()
        .await;
    let envelope = world.says("営業時間を教えて").await;
    let handled = world.handle(&envelope).await.unwrap();

    assert_eq!(handled, Handled::Replied);
    assert_eq!(world.texts_to(USER), ["10時から19時まで営業しています"]);
    let history = world.history(USER).await;
    let directions: Vec<_> = history.iter().map(|e| e.direction).collect();
    assert_eq!(directions, [Direction::Inbound, Direction::Outbound]);
}

#[tokio::test]
async fn a_keyword_reply_is_recorded_with_its_rule() {
    let world = Setup::new(store("shibuya", with_rules(vec![hours_rule()])))
        .start()
        .await;
    world
        .handle(&world.says("営業時間は？").await)
        .await
        .unwrap();

    let outbound = world.history(USER).await.pop().unwrap();
    assert_eq!(outbound.direction, Direction::Outbound);
    assert_eq!(outbound.sender, Sender::Rule("hours".into()));
    assert_eq!(outbound.text, "10時から19時まで営業しています");
    assert_eq!(outbound.store_id, Some(store_id("shibuya")));
}

#[tokio::test]
async fn a_recognised_intent_is_answered_and_recorded_with_its_name() {
    let config = ReplyConfig {
        intents: IntentSettings {
            intents: vec![
                Intent {
                    name: "parking".into(),
                    examples: vec![
                        "駐車場はありますか".into(),
                        "車で行っても大丈夫ですか".into(),
                    ],
                    answer: Answer::text("提携駐車場がございます"),
                },
                Intent {
                    name: "payment".into(),
                    examples: vec!["カードは使えますか".into(), "支払い方法を教えて".into()],
                    answer: Answer::text("各種カードがご利用いただけます"),
                },
            ],
            ..IntentSettings::default()
        },
        ..ReplyConfig::default()
    };
    let world = Setup::new(store("shibuya", config)).start().await;
    world
        .handle(&world.says("駐車場はありますか").await)
        .await
        .unwrap();

    assert_eq!(world.texts_to(USER), ["提携駐車場がございます"]);
    let outbound = world.history(USER).await.pop().unwrap();
    assert_eq!(outbound.sender, Sender::Intent("parking".into()));
}

#[tokio::test]
async fn a_message_the_intents_cannot_answer_is_kept_for_the_teaching_loop_and_answered_ones_are_not(
) {
    let config = ReplyConfig {
        intents: IntentSettings {
            intents: vec![Intent {
                name: "parking".into(),
                examples: vec!["駐車場はありますか".into()],
                answer: Answer::text("提携駐車場がございます"),
            }],
            ..IntentSettings::default()
        },
        ..ReplyConfig::default()
    };
    let world = Setup::new(store("shibuya", config)).start().await;
    for text in [
        "駐車場はありますか",
        "ペットと一緒に入れますか",
        "ありがとうございます",
    ] {
        world.handle(&world.says(text).await).await.unwrap();
    }
    let declined: Vec<(String, bool)> = world
        .history(USER)
        .await
        .into_iter()
        .filter(|e| e.direction == Direction::Inbound)
        .map(|e| (e.text, e.declined_intent))
        .collect();
    assert_eq!(
        declined,
        [
            ("駐車場はありますか".to_owned(), false),
            ("ペットと一緒に入れますか".to_owned(), true),
            ("ありがとうございます".to_owned(), false),
        ],
        "small talk is no lesson"
    );
}

#[tokio::test]
async fn after_hours_the_reply_is_sent_once_then_cools_down() {
    // Friday 21:00 in Tokyo: closed.
    let world = Setup::new(store(
        "shibuya",
        after_hours_config(vec![Interval::new((10, 0), (19, 0))]),
    ))
    .at("2026-11-20T12:00:00Z")
    .start()
    .await;
    let first = world.handle(&world.says("こんばんは").await).await.unwrap();
    let second = world.handle(&world.says("まだですか").await).await.unwrap();

    assert_eq!((first, second), (Handled::Replied, Handled::Silent));
    assert_eq!(
        world.texts_to(USER),
        ["営業時間外です。11/21(土) 10:00に開店します"]
    );
    let friend = world.friend(USER).await.unwrap();
    assert!(friend.conversation.last_after_hours_reply.is_some());
    assert_eq!(
        world.history(USER).await.last().unwrap().sender,
        Sender::Customer
    );
}

#[tokio::test]
async fn hours_crossing_midnight_are_open_after_midnight_and_closed_after_closing() {
    // Open 18:00-02:00; Saturday 01:00 in Tokyo is inside Friday's interval.
    let world = Setup::new(store(
        "izakaya",
        after_hours_config(vec![Interval::new((18, 0), (2, 0))]),
    ))
    .at("2026-11-20T16:00:00Z")
    .start()
    .await;
    world
        .handle(&world.says("営業時間は？").await)
        .await
        .unwrap();
    world.advance(SignedDuration::from_hours(2)); // 03:00: closed
    world
        .handle(&world.says("営業時間は？").await)
        .await
        .unwrap();

    assert_eq!(
        world.texts_to(USER),
        [
            "10時から19時まで営業しています",
            "営業時間外です。18:00に開店します"
        ]
    );
}

#[tokio::test]
async fn a_holiday_is_closed_all_day() {
    let mut config = after_hours_config(vec![Interval::new((10, 0), (19, 0))]);
    config.hours.as_mut().unwrap().holidays = vec![date(2026, 11, 23)];
    // Monday 2026-11-23 12:00 in Tokyo, a holiday.
    let world = Setup::new(store("shibuya", config))
        .at("2026-11-23T03:00:00Z")
        .start()
        .await;
    world
        .handle(&world.says("営業時間は？").await)
        .await
        .unwrap();

    assert_eq!(
        world.texts_to(USER),
        ["営業時間外です。11/24(火) 10:00に開店します"]
    );
}

#[tokio::test]
async fn a_hand_off_silences_the_bot_until_it_expires() {
    let world = Setup::new(store("shibuya", with_rules(vec![hours_rule()])))
        .start()
        .await;
    let mut friend = otodoke_core::friend::Friend::new(world.key(USER), world.now());
    friend.conversation.handoff_until = Some(world.now() + SignedDuration::from_mins(30));
    world.embedded.friends.save(&friend).await.unwrap();

    let during = world
        .handle(&world.says("営業時間は？").await)
        .await
        .unwrap();
    assert_eq!(during, Handled::Silent);
    assert_eq!(world.requests(Endpoint::Reply), 0);

    world.advance(SignedDuration::from_mins(31));
    let after = world
        .handle(&world.says("営業時間は？").await)
        .await
        .unwrap();
    assert_eq!(after, Handled::Replied);
    assert_eq!(world.texts_to(USER), ["10時から19時まで営業しています"]);
}

#[tokio::test]
async fn a_standby_message_never_calls_line() {
    let config = ReplyConfig {
        fallback: Some(Answer::text("担当者から折り返します")),
        ..with_rules(vec![hours_rule()])
    };
    let world = Setup::new(store("shibuya", config)).start().await;
    let envelope = edited(&world.says("営業時間は？").await, |event| {
        event["mode"] = "standby".into();
        event.as_object_mut().unwrap().remove("replyToken");
    });
    let handled = world.handle(&envelope).await.unwrap();

    assert_eq!(handled, Handled::Silent);
    assert_eq!(world.all_requests(), 0);
}

#[tokio::test]
async fn in_a_group_only_a_mention_of_the_account_is_answered() {
    let config = ReplyConfig {
        groups: GroupPolicy::MentionOnly,
        ..with_rules(vec![hours_rule()])
    };
    let world = Setup::new(store("shibuya", config)).start().await;
    let in_group = |event: &mut serde_json::Value| {
        event["source"] = serde_json::json!({
            "type": "group", "groupId": "C4af4980629b6e1f2a4b7f8a2d3e6c5b1", "userId": USER
        });
    };
    let chatter = edited(&world.says("営業時間って何時だっけ").await, in_group);
    assert_eq!(world.handle(&chatter).await.unwrap(), Handled::Silent);

    let mention = edited(&world.says("@ボット 営業時間は？").await, |event| {
        in_group(event);
        event["message"]["mention"] = serde_json::json!({"mentionees": [
            {"index": 0, "length": 4, "type": "user", "isSelf": true}
        ]});
    });
    assert_eq!(world.handle(&mention).await.unwrap(), Handled::Replied);
    assert_eq!(world.texts_to(USER), ["10時から19時まで営業しています"]);
}

#[tokio::test]
async fn a_postback_is_answered_by_its_postback_rule() {
    let coupon = Rule {
        id: "coupon".into(),
        kind: MatchKind::Postback,
        keywords: vec!["action=coupon".into()],
        answer: Answer::text("今月のクーポンです"),
        ..Rule::default()
    };
    let world = Setup::new(store("shibuya", with_rules(vec![coupon])))
        .start()
        .await;
    world
        .sandbox
        .friend_presses_postback(CHANNEL, USER, "action=coupon")
        .await
        .unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();

    assert_eq!(world.texts_to(USER), ["今月のクーポンです"]);
    let outbound = world.history(USER).await.pop().unwrap();
    assert_eq!(outbound.sender, Sender::Rule("coupon".into()));
}

#[tokio::test]
async fn an_unsend_hides_the_stored_message() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    let said = world.says("間違えて送りました").await;
    world.handle(&said).await.unwrap();
    let message_id = world.history(USER).await[0]
        .line_message_id
        .clone()
        .unwrap();

    let unsend = edited(&said, |event| {
        let object = event.as_object_mut().unwrap();
        object.remove("message");
        object.remove("replyToken");
        event["type"] = "unsend".into();
        event["webhookEventId"] = "01UNSENDEVENT0000000000000".into();
        event["unsend"] = serde_json::json!({"messageId": message_id});
    });
    assert_eq!(world.handle(&unsend).await.unwrap(), Handled::Recorded);
    assert!(world.history(USER).await[0].hidden);
}

#[tokio::test]
async fn a_warm_handler_compiles_a_stores_rules_once_per_configuration() {
    let world = Setup::new(store("shibuya", with_rules(vec![hours_rule()])))
        .start()
        .await;
    world
        .handle(&world.says("営業時間は？").await)
        .await
        .unwrap();
    world
        .handle(&world.says("営業時間は？").await)
        .await
        .unwrap();
    assert_eq!(world.handler.compiled().compilations(), 1);

    let mut edited_rule = hours_rule();
    edited_rule.answer = Answer::text("本日は20時までです");
    world
        .save_store(&store("shibuya", with_rules(vec![edited_rule])))
        .await;
    world
        .handle(&world.says("営業時間は？").await)
        .await
        .unwrap();

    assert_eq!(world.handler.compiled().compilations(), 2);
    assert_eq!(world.texts_to(USER).last().unwrap(), "本日は20時までです");
}

#[tokio::test]
async fn a_batch_reads_its_store_once_and_an_edit_applies_from_the_next_batch() {
    let world = Setup::new(store("shibuya", with_rules(vec![hours_rule()])))
        .start()
        .await;
    let batch = Batch::new();
    let first = world.says("営業時間は？").await;
    world
        .handler
        .handle_in(&batch, &first, world.now())
        .await
        .unwrap();
    let mut edited_rule = hours_rule();
    edited_rule.answer = Answer::text("本日は20時までです");
    world
        .save_store(&store("shibuya", with_rules(vec![edited_rule])))
        .await;

    // The rest of the batch answers as the store was read for it (the edit was
    // made after the batch began: it is the next batch's)...
    let second = world.says("営業時間は？").await;
    let handled = world.handler.handle_in(&batch, &second, world.now()).await;
    assert_eq!(handled.unwrap(), Handled::Replied);
    assert_eq!(
        world.texts_to(USER).last().unwrap(),
        "10時から19時まで営業しています"
    );
    // ...and the next batch reads the edit.
    let third = world.says("営業時間は？").await;
    world
        .handler
        .handle_in(&Batch::new(), &third, world.now())
        .await
        .unwrap();
    assert_eq!(world.texts_to(USER).last().unwrap(), "本日は20時までです");
    assert_eq!(world.handler.compiled().compilations(), 2);
}

#[allow(dead_code)]
fn _handler_is_shareable(handler: EventHandler) -> impl Send + Sync {
    handler
}

#[tokio::test]
async fn a_message_from_someone_never_seen_creates_them_once_and_a_stale_copy_loses_no_edit() {
    use otodoke_core::friend::edit_or_create_from;
    let world = Setup::new(store("shibuya", with_rules(vec![hours_rule()])))
        .start()
        .await;
    assert!(world.friend(USER).await.is_none());
    let handled = world.handle(&world.says("営業時間は？").await).await;
    assert_eq!(handled.unwrap(), Handled::Replied);
    let created = world.friend(USER).await.expect("created by the message");
    assert_eq!(created.version, 1);
    assert_eq!(created.store_id, Some(store_id("shibuya")));
    assert!(created.channels.contains_key(&world.channel.id));

    // Someone else edits the friend after a copy was read (or after "none" was).
    let friends = world.embedded.friends.as_ref();
    let key = world.key(USER);
    let tagged = otodoke_core::friend::edit(friends, &key, world.now(), |f| {
        f.tags.insert("vip".into());
    })
    .await
    .unwrap();
    for stale in [None, Some(created.clone())] {
        let saved = edit_or_create_from(friends, &key, stale, true, world.now(), |f| {
            f.display_name = Some("花子".into());
        })
        .await
        .unwrap()
        .unwrap();
        // Saved over the stored friend, read afresh: the tag stays.
        assert!(saved.tags.contains("vip"));
        assert_eq!(saved.display_name.as_deref(), Some("花子"));
        assert_eq!(world.friend(USER).await.unwrap(), saved);
    }
    assert_eq!(
        world.friend(USER).await.unwrap().version,
        tagged.version + 2
    );
    // A copy of someone else is not taken for this friend.
    let mut other = created;
    other.key = world.key(OTHER_USER);
    let saved = edit_or_create_from(friends, &key, Some(other), false, world.now(), |_| {})
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.key, key);
    assert!(saved.tags.contains("vip"));
}
