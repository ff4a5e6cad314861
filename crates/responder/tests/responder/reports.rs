//! What each event adds to the report counters, and that a redelivered event
//! counts once.

use crate::support::*;
use jiff::SignedDuration;
use otodoke_autoreply::intents::{Intent, IntentSettings};
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_core::metrics::{sum, Counts, Day, MetricsFilter, Slice, StoreMonth};
use otodoke_core::ports::MetricsStore;
use otodoke_core::OrgId;
use otodoke_responder::{Handled, Ports};

/// The organization's counts per month, store and channel around the world's day.
async fn rows(world: &World) -> Vec<StoreMonth> {
    let (from, to) = (
        Day::of(world.now() - SignedDuration::from_hours(48)),
        Day::of(world.now()).next().next(),
    );
    world
        .embedded
        .metrics
        .store_months(
            &OrgId::new("acme").unwrap(),
            from.month(),
            to.month(),
            &MetricsFilter::default(),
        )
        .await
        .unwrap()
}

/// The organization's counts around the world's day, all rows added.
pub(crate) async fn counts(world: &World) -> Counts {
    sum(rows(world).await.iter().map(|r| &r.counts))
}

fn config() -> ReplyConfig {
    ReplyConfig {
        greeting: Some(Answer::text("ようこそ")),
        rules: vec![Rule {
            id: "hours".into(),
            kind: MatchKind::Partial,
            keywords: vec!["営業時間".into()],
            answer: Answer::text("10時から19時まで"),
            ..Rule::default()
        }],
        intents: IntentSettings {
            intents: vec![Intent {
                name: "parking".into(),
                examples: vec!["駐車場はありますか".into()],
                answer: Answer::text("提携駐車場がございます"),
            }],
            ..IntentSettings::default()
        },
        ..ReplyConfig::default()
    }
}

#[tokio::test]
async fn a_follow_counts_a_follow_and_its_greeting_for_the_friends_store() {
    let world = Setup::new(store("shibuya", config())).start().await;
    world
        .sandbox
        .friend_follows(CHANNEL, OTHER_USER)
        .await
        .unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();

    let rows = rows(&world).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].store, Some(store_id("shibuya")));
    assert_eq!(rows[0].channel.as_str(), CHANNEL);
    assert_eq!(rows[0].month, Day::of(world.now()).month());
    let today = Day::of(world.now());
    let series = world
        .embedded
        .metrics
        .series(&OrgId::new("acme").unwrap(), today, today, &Slice::All)
        .await
        .unwrap();
    assert_eq!(series.len(), 1, "counted on the day of the follow");
    assert_eq!(series[0].counts, rows[0].counts);
    let c = rows[0].counts;
    assert_eq!((c.follows, c.answer_greeting, c.net_friends()), (1, 1, 1));
    assert_eq!((c.inbound, c.answer_none), (0, 0), "a follow is no message");
}

#[tokio::test]
async fn a_block_then_an_unblock_count_one_each_and_net_to_zero() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    world.sandbox.friend_blocks(CHANNEL, USER).await.unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();
    world.sandbox.friend_unblocks(CHANNEL, USER).await.unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();

    let c = counts(&world).await;
    assert_eq!((c.blocks, c.unblocks, c.follows), (1, 1, 0));
    assert_eq!(c.net_friends(), 0);
    assert_eq!(
        c.answer_greeting, 0,
        "no greeting is configured, none counted"
    );
}

#[tokio::test]
async fn messages_count_as_inbound_and_by_what_answered_them() {
    let mut config = config();
    config.fallback = Some(Answer::text("担当者から折り返します"));
    let world = Setup::new(store("shibuya", config)).start().await;
    for text in [
        "営業時間は？",
        "駐車場はありますか",
        "ペットと一緒に入れますか",
    ] {
        let handled = world.handle(&world.says(text).await).await.unwrap();
        assert_eq!(handled, Handled::Replied, "{text}");
    }

    let c = counts(&world).await;
    assert_eq!(c.inbound, 3);
    assert_eq!(
        (c.answer_rule, c.answer_intent, c.answer_fallback),
        (1, 1, 1)
    );
    assert_eq!(c.answer_none, 0);
    assert_eq!(
        c.declined_intents, 1,
        "the question the intents declined goes to the teaching loop"
    );
}

#[tokio::test]
async fn a_message_nothing_answers_counts_as_unanswered() {
    let world = Setup::new(store("shibuya", config())).start().await;
    let handled = world
        .handle(&world.says("ペットと一緒に入れますか").await)
        .await
        .unwrap();
    assert_eq!(handled, Handled::Silent);

    let c = counts(&world).await;
    assert_eq!((c.inbound, c.answer_none), (1, 1));
    assert_eq!(c.answer_fallback + c.answer_rule + c.answer_intent, 0);
}

#[tokio::test]
async fn a_redelivered_event_is_counted_once() {
    let world = Setup::new(store("shibuya", config())).start().await;
    let envelope = world.says("営業時間は？").await;
    world.handle(&envelope).await.unwrap();
    assert_eq!(world.handle(&envelope).await.unwrap(), Handled::AlreadyDone);
    // The handled mark is lost (it expired, or completing it failed): the event
    // runs again (its answer is LINE's to refuse), and it still counts once.
    let forgetful = Ports {
        idempotency: std::sync::Arc::new(otodoke_embedded::EmbeddedIdempotency::new()),
        ..world.ports.clone()
    };
    let rerun = handler_over(forgetful, &world.sandbox, Default::default());
    rerun.handle(&envelope, world.now()).await.unwrap();

    let c = counts(&world).await;
    assert_eq!((c.inbound, c.answer_rule), (1, 1));
}
