//! The staff side of a chat, end to end over the sandbox: a customer writes, the
//! thread waits unread, a staff member answers under their own name, the bot stays
//! silent for the hand-off window and answers again once the chat is returned.

use crate::support::*;
use jiff::SignedDuration;
use otodoke_autoreply::hours::{BusinessHours, Interval, Weekly};
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_core::conversation::{Delivery, Sender};
use otodoke_core::organization::{Role, Staff, Store};
use otodoke_core::ports::ThreadStore;
use otodoke_core::thread::{Thread, ThreadEvent, ThreadKey, ThreadStatus};
use otodoke_core::{ChannelId, OrgId, StaffId};
use otodoke_inbox::{ChatError, ChatRef, LineChat, Outgoing, Sent, StaffChat};
use otodoke_line_sandbox::{ChatEntry, Endpoint};
use otodoke_responder::Handled;
use std::sync::Arc;

fn hours_rule() -> Rule {
    Rule {
        id: "hours".into(),
        kind: MatchKind::Partial,
        keywords: vec!["営業時間".into()],
        answer: Answer::text("10時から19時まで営業しています"),
        ..Rule::default()
    }
}

fn salon() -> Store {
    store(
        "shibuya",
        ReplyConfig {
            rules: vec![hours_rule()],
            ..ReplyConfig::default()
        },
    )
}

fn aiko() -> Staff {
    Staff {
        id: StaffId::new("aiko").unwrap(),
        org_id: OrgId::new("acme").unwrap(),
        display_name: "佐藤 愛子".into(),
        role: Role::Operator,
        stores: vec![],
        sender_name: Some("愛子 (スタイリスト)".into()),
        sender_icon_url: Some("https://example.com/aiko.png".into()),
        assigned_only: false,
        active: true,
        email: None,
    }
}

fn staff_chat(world: &World) -> StaffChat {
    StaffChat {
        threads: world.embedded.threads.clone(),
        conversations: world.embedded.conversations.clone(),
        friends: world.embedded.friends.clone(),
        quota: world.embedded.quota.clone(),
        idempotency: world.embedded.idempotency.clone(),
        line: Arc::new(LineChat::new(
            world.sandbox.base_url(),
            world.embedded.secrets.clone(),
        )),
        metrics: world.embedded.metrics.clone(),
    }
}

fn thread_key(world: &World) -> ThreadKey {
    ThreadKey {
        friend: world.key(USER),
        channel: ChannelId::new(CHANNEL).unwrap(),
    }
}

async fn thread(world: &World) -> Thread {
    world
        .embedded
        .threads
        .thread(&thread_key(world))
        .await
        .unwrap()
        .expect("the chat has a thread")
}

/// The customer writes `text` and the responder handles it.
async fn customer_writes(world: &World, text: &str) -> Handled {
    let envelope = world.says(text).await;
    world.handle(&envelope).await.unwrap()
}

/// Sends `outgoing` as `staff` with `key`, as the admin API would.
async fn send(
    world: &World,
    staff: &Staff,
    outgoing: Outgoing,
    key: &str,
) -> Result<Sent, ChatError> {
    send_for(world, &salon(), staff, outgoing, key).await
}

/// Sends as `send` does, for a chat of `store`.
async fn send_for(
    world: &World,
    store: &Store,
    staff: &Staff,
    outgoing: Outgoing,
    key: &str,
) -> Result<Sent, ChatError> {
    let friend = world.friend(USER).await.unwrap();
    let store = store.clone();
    let chat = ChatRef {
        channel: &world.channel,
        store: Some(&store),
        friend: &friend,
    };
    staff_chat(world)
        .send(chat, staff, &outgoing, key, world.now())
        .await
}

#[tokio::test]
async fn a_customer_message_nothing_answers_opens_an_unread_thread_that_awaits_staff() {
    let world = Setup::new(salon()).start().await;
    assert_eq!(
        customer_writes(&world, "カラーの予約をしたいです").await,
        Handled::Silent
    );
    let thread = thread(&world).await;
    assert_eq!(thread.status, ThreadStatus::Open);
    assert_eq!(thread.unread, 1);
    assert!(thread.awaiting_staff);
    assert!(
        thread.reply_token.is_some(),
        "the unused reply token is kept"
    );
    assert_eq!(
        thread.last.as_ref().map(|l| (l.text.as_str(), &l.sender)),
        Some(("カラーの予約をしたいです", &Sender::Customer))
    );
    assert_eq!(
        world.history(USER).await.len(),
        1,
        "recorded by the responder"
    );
}

#[tokio::test]
async fn a_staff_reply_uses_the_held_reply_token_and_shows_the_staff_members_name_and_icon() {
    let world = Setup::new(salon()).start().await;
    customer_writes(&world, "カラーの予約をしたいです").await;
    let sent = send(
        &world,
        &aiko(),
        Outgoing::Text("明日の15時はいかがですか".into()),
        "k-1",
    )
    .await
    .unwrap();
    let Sent::Now(entry) = sent else {
        panic!("sent now")
    };
    assert_eq!(entry.delivery, Some(Delivery::Replied));
    assert_eq!(entry.sender, Sender::Staff(StaffId::new("aiko").unwrap()));
    assert_eq!(
        (
            world.requests(Endpoint::Reply),
            world.requests(Endpoint::Push)
        ),
        (1, 0)
    );
    let seen = world.sandbox.messages_to_friend(CHANNEL, USER);
    let sender = seen.last().unwrap().sender.clone().unwrap();
    assert_eq!(sender["name"], "愛子 (スタイリスト)");
    assert_eq!(sender["iconUrl"], "https://example.com/aiko.png");
    let thread = thread(&world).await;
    assert_eq!((thread.status, thread.unread), (ThreadStatus::Waiting, 0));
    assert!(!thread.awaiting_staff);
    assert!(thread.reply_token.is_none(), "a reply token is used once");
}

#[tokio::test]
async fn once_the_reply_token_is_stale_a_staff_message_is_pushed_under_quota_and_a_double_submit_sends_once(
) {
    let world = Setup::new(salon()).start().await;
    customer_writes(&world, "カラーの予約をしたいです").await;
    world.advance(SignedDuration::from_mins(5));
    let text = || Outgoing::Text("お待たせしました".into());
    let first = send(&world, &aiko(), text(), "double-click").await.unwrap();
    assert!(matches!(first, Sent::Now(ref e) if e.delivery == Some(Delivery::Pushed)));
    assert_eq!(
        send(&world, &aiko(), text(), "double-click").await.unwrap(),
        Sent::Before
    );
    assert_eq!(
        (
            world.requests(Endpoint::Reply),
            world.requests(Endpoint::Push)
        ),
        (0, 1)
    );
    assert_eq!(world.sandbox.quota_usage(CHANNEL), Some(1));
    let staff_entries = world
        .history(USER)
        .await
        .into_iter()
        .filter(|e| matches!(e.sender, Sender::Staff(_)))
        .count();
    assert_eq!(staff_entries, 1);
    let counted = crate::reports::counts(&world).await;
    assert_eq!(counted.answer_staff, 1, "a double submit counts once");
    assert_eq!(counted.inbound, 1);
}

#[tokio::test]
async fn the_bot_stays_silent_for_the_hand_off_window_and_answers_again_once_returned() {
    let world = Setup::new(salon()).start().await;
    customer_writes(&world, "こんにちは").await;
    send(
        &world,
        &aiko(),
        Outgoing::Text("こんにちは、愛子です".into()),
        "k",
    )
    .await
    .unwrap();
    let friend = world.friend(USER).await.unwrap();
    assert_eq!(
        friend.conversation.handoff_by,
        Some(StaffId::new("aiko").unwrap())
    );

    assert_eq!(
        customer_writes(&world, "営業時間は？").await,
        Handled::Silent
    );
    assert!(
        thread(&world).await.awaiting_staff,
        "staff owe the answer now"
    );

    let store = salon();
    let chat = ChatRef {
        channel: &world.channel,
        store: Some(&store),
        friend: &friend,
    };
    let returned = staff_chat(&world)
        .return_to_bot(chat, &aiko().id, world.now())
        .await
        .unwrap();
    assert_eq!(
        returned.log.last().unwrap().what,
        ThreadEvent::ReturnedToBot
    );
    assert_eq!(
        customer_writes(&world, "営業時間は？").await,
        Handled::Replied
    );
    assert_eq!(
        world.texts_to(USER).last().unwrap(),
        "10時から19時まで営業しています"
    );
}

#[tokio::test]
async fn the_window_ends_on_its_own_after_the_staff_members_last_message() {
    let world = Setup::new(salon()).start().await;
    customer_writes(&world, "こんにちは").await;
    send(&world, &aiko(), Outgoing::Text("はい".into()), "k")
        .await
        .unwrap();
    world.advance(SignedDuration::from_mins(31));
    assert_eq!(
        customer_writes(&world, "営業時間は？").await,
        Handled::Replied
    );
}

#[tokio::test]
async fn a_customer_asking_for_a_person_is_handed_off_and_the_thread_awaits_staff() {
    let world = Setup::new(salon()).start().await;
    customer_writes(&world, "人と話したいです").await;
    let friend = world.friend(USER).await.unwrap();
    let until = friend.conversation.handoff_until.expect("handed off");
    let window = until.duration_since(world.now());
    assert!(
        window > SignedDuration::from_mins(29) && window <= SignedDuration::from_mins(30),
        "the store's default window of 30 minutes: {window}"
    );
    let thread = thread(&world).await;
    assert!(thread.awaiting_staff);
    assert!(matches!(
        thread.log.last().unwrap(),
        otodoke_core::thread::ThreadLogEntry {
            by: None,
            what: ThreadEvent::HandedOff { .. },
            ..
        }
    ));
    assert_eq!(
        customer_writes(&world, "営業時間は？").await,
        Handled::Silent
    );
}

#[tokio::test]
async fn reading_the_thread_shows_the_customer_kidoku_only_when_the_store_asks_for_it() {
    let mut store = salon();
    store.inbox.mark_read_on_line = true;
    let world = Setup::new(store.clone()).start().await;
    customer_writes(&world, "予約したいです").await;
    let read_marks = |world: &World| -> Vec<bool> {
        world
            .sandbox
            .conversation(CHANNEL, USER)
            .into_iter()
            .filter_map(|e| match e {
                ChatEntry::Friend { read, .. } => Some(read),
                ChatEntry::Bot(_) => None,
            })
            .collect()
    };
    assert_eq!(read_marks(&world), [false]);
    let friend = world.friend(USER).await.unwrap();
    let chat = ChatRef {
        channel: &world.channel,
        store: Some(&store),
        friend: &friend,
    };
    let (thread, shown) = staff_chat(&world)
        .mark_read(chat, &aiko().id, world.now())
        .await
        .unwrap();
    assert!(shown);
    assert_eq!(thread.unread, 0);
    assert_eq!(read_marks(&world), [true]);

    // A store that leaves 既読 to LINE's own setting: nothing is called.
    let plain = salon();
    let chat = ChatRef {
        store: Some(&plain),
        ..chat
    };
    let (_, shown) = staff_chat(&world)
        .mark_read(chat, &aiko().id, world.now())
        .await
        .unwrap();
    assert!(!shown);
    assert_eq!(world.requests(Endpoint::MarkAsRead), 1);
}

#[tokio::test]
async fn a_customer_who_blocked_the_account_is_not_messaged_and_staff_are_told_why() {
    let world = Setup::new(salon()).start().await;
    customer_writes(&world, "こんにちは").await;
    world.sandbox.friend_blocks(CHANNEL, USER).await.unwrap();
    let envelope = world.next_envelope().await;
    world.handle(&envelope).await.unwrap();
    let error = send(&world, &aiko(), Outgoing::Text("こんにちは".into()), "k")
        .await
        .unwrap_err();
    assert!(matches!(error, ChatError::NotFollowing), "{error}");
    assert_eq!(world.requests(Endpoint::Push), 0);
}

#[tokio::test]
async fn a_push_refused_for_quota_is_recorded_as_failed_and_not_as_sent() {
    let mut store = salon();
    store.monthly_budget = Some(0);
    let world = Setup::new(store.clone()).start().await;
    customer_writes(&world, "こんにちは").await;
    world.advance(SignedDuration::from_mins(5));
    let friend = world.friend(USER).await.unwrap();
    let chat = ChatRef {
        channel: &world.channel,
        store: Some(&store),
        friend: &friend,
    };
    let error = staff_chat(&world)
        .send(
            chat,
            &aiko(),
            &Outgoing::Text("お待たせしました".into()),
            "k",
            world.now(),
        )
        .await
        .unwrap_err();
    assert!(matches!(error, ChatError::QuotaExhausted), "{error}");
    let staff: Vec<_> = world
        .history(USER)
        .await
        .into_iter()
        .filter(|e| matches!(e.sender, Sender::Staff(_)))
        .collect();
    assert_eq!(staff.len(), 1);
    assert!(matches!(staff[0].delivery, Some(Delivery::Failed { .. })));
    assert_eq!(world.requests(Endpoint::Push), 0);
    assert_eq!(
        thread(&world).await.status,
        ThreadStatus::Open,
        "not answered"
    );
}

#[tokio::test]
async fn a_first_reply_is_timed_from_the_wait_and_counted_once_on_the_day_it_began() {
    let world = Setup::new(salon()).start().await;
    customer_writes(&world, "カラーの予約をしたいです").await;
    customer_writes(&world, "まだですか？").await;
    world.advance(SignedDuration::from_mins(4));
    let reply = || Outgoing::Text("お待たせしました".into());
    send(&world, &aiko(), reply(), "k-1").await.unwrap();
    send(&world, &aiko(), reply(), "k-2").await.unwrap();
    let counted = crate::reports::counts(&world).await;
    assert_eq!(
        counted.staff_waits, 1,
        "the second message is the same wait"
    );
    assert_eq!(
        counted.staff_first_replies, 1,
        "the second reply is not a first"
    );
    assert_eq!(counted.first_reply_in5m, 1);
    assert_eq!(counted.staff_wait_open_seconds, 240);
    assert_eq!(counted.answer_staff, 2);
    let times = counted.response_times();
    assert_eq!((times.unanswered, times.mean_seconds), (0, Some(240)));
}

#[tokio::test]
async fn a_wait_overnight_counts_only_the_stores_business_hours() {
    // Friday 12:00 in Tokyo; the store closes at 12:01 and opens at 10:00.
    let mut store = salon();
    store.reply.hours = Some(BusinessHours {
        weekly: Weekly::every_day(vec![Interval::new((10, 0), (12, 1))]),
        ..BusinessHours::default()
    });
    store.reply.time_zone = "Asia/Tokyo".into();
    let world = Setup::new(store.clone()).start().await;
    customer_writes(&world, "明日の予約をしたいです").await;
    world.advance(SignedDuration::from_mins(22 * 60 + 4)); // Saturday 10:04
    send_for(&world, &store, &aiko(), Outgoing::Text("はい".into()), "k")
        .await
        .unwrap();
    let counted = crate::reports::counts(&world).await;
    assert_eq!(
        counted.staff_wait_open_seconds,
        5 * 60,
        "12:00–12:01 and 10:00–10:04"
    );
    assert_eq!(counted.first_reply_in5m, 1);
}

#[tokio::test]
async fn resolving_a_waiting_thread_without_a_reply_counts_it_closed_not_unanswered() {
    let world = Setup::new(salon()).start().await;
    customer_writes(&world, "カラーの予約をしたいです").await;
    customer_writes(&world, "やっぱり大丈夫です").await;
    let before = crate::reports::counts(&world).await.response_times();
    assert_eq!((before.waits, before.unanswered), (1, 1));
    let friend = world.friend(USER).await.unwrap();
    let store = salon();
    let chat = ChatRef {
        channel: &world.channel,
        store: Some(&store),
        friend: &friend,
    };
    let (chats, staff) = (staff_chat(&world), aiko().id);
    for _ in 0..2 {
        chats
            .set_status(chat, &staff, ThreadStatus::Resolved, world.now())
            .await
            .unwrap();
    }
    let after = crate::reports::counts(&world).await.response_times();
    assert_eq!(
        (after.waits, after.answered, after.closed, after.unanswered),
        (1, 0, 1, 0)
    );
}

#[tokio::test]
async fn an_answered_message_leaves_one_thread_save_per_change_and_a_stale_copy_loses_nobodys_change(
) {
    use otodoke_core::thread::{record, record_after, ThreadChange};
    let world = Setup::new(salon()).start().await;
    assert_eq!(
        customer_writes(&world, "営業時間は？").await,
        Handled::Replied
    );
    // The customer's message, then the bot's answer (from the copy the first left).
    let answered = thread(&world).await;
    assert_eq!(answered.version, 2);
    assert_eq!(answered.unread, 1);
    assert_eq!(
        answered.last.as_ref().map(|l| l.text.as_str()),
        Some("10時から19時まで営業しています")
    );
    assert_eq!(
        answered.last.as_ref().map(|l| &l.sender),
        Some(&Sender::Rule("hours".into()))
    );

    // A staff member reads the thread after that copy was taken.
    let threads = world.embedded.threads.as_ref();
    let staff = StaffId::new("aiko").unwrap();
    let read = ThreadChange::Read {
        at: world.now(),
        by: staff.clone(),
    };
    let key = thread_key(&world);
    record(threads, &key, None, world.now(), read)
        .await
        .unwrap();
    // A change applied to the stale copy is applied to the stored thread instead.
    let bot = |text: &str| ThreadChange::Bot {
        at: world.now(),
        text: text.into(),
        sender: Sender::Fallback,
    };
    let saved = record_after(
        threads,
        Some(answered.clone()),
        &key,
        None,
        world.now(),
        bot("またのお越しを"),
    )
    .await
    .unwrap();
    assert_eq!(saved.version, 4);
    assert_eq!((saved.unread, saved.read_by.as_ref()), (0, Some(&staff)));
    assert_eq!(saved, thread(&world).await);
    // From the current copy, the change is saved on it.
    let again = record_after(
        threads,
        Some(saved),
        &key,
        None,
        world.now(),
        bot("お待ちしております"),
    )
    .await
    .unwrap();
    assert_eq!(again.version, 5);
    assert_eq!(again, thread(&world).await);
    assert_eq!(
        again.last.as_ref().map(|l| l.text.as_str()),
        Some("お待ちしております")
    );
}
