//! The decision order, one branch per test, through the public API.

use jiff::{civil::date, tz::TimeZone, SignedDuration, Timestamp};
use otodoke_autoreply::hours::{BusinessHours, Interval, Weekly};
use otodoke_autoreply::intents::{Intent, IntentSettings};
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{
    decide, greet, preview, AfterHours, Answer, Chat, Content, Decision, Follow, FriendState,
    GroupPolicy, Incoming, Mode, Outcome, ReplyConfig, ReplyMessage, Responder, SilentReason,
    Source, Step,
};
use otodoke_autoreply::{BuiltinIntent, Decline};

fn jst(h: i8, mi: i8) -> Timestamp {
    // 2026-11-20 is a Friday.
    date(2026, 11, 20)
        .at(h, mi, 0, 0)
        .to_zoned(TimeZone::get("Asia/Tokyo").unwrap())
        .unwrap()
        .timestamp()
}

fn rule(id: &str, kind: MatchKind, keyword: &str, priority: i32) -> Rule {
    Rule {
        id: id.into(),
        kind,
        priority,
        keywords: vec![keyword.into()],
        answer: Answer::text(format!("answer of {id}")),
        ..Default::default()
    }
}

fn config() -> ReplyConfig {
    ReplyConfig {
        store_name: "カフェおとどけ".into(),
        hours: Some(BusinessHours {
            weekly: Weekly::every_day(vec![Interval::new((10, 0), (20, 0))]),
            ..Default::default()
        }),
        after_hours: AfterHours {
            answer: Some(Answer::text(
                "本日の営業は終了しました。{next_open}から営業します。",
            )),
            cool_down_minutes: 60,
        },
        rules: vec![
            rule("hours", MatchKind::Exact, "営業時間", 0),
            rule("coupon-a", MatchKind::Partial, "クーポン", 5),
            rule("coupon-b", MatchKind::Partial, "クーポン", 5),
            rule("coupon-vip", MatchKind::Partial, "vipクーポン", 9),
            rule("menu-button", MatchKind::Postback, "action=menu", 0),
        ],
        intents: IntentSettings {
            intents: vec![
                Intent {
                    name: "parking".into(),
                    examples: vec!["駐車場はありますか".into(), "車で行けますか".into()],
                    answer: Answer::text("駐車場は3台分あります"),
                },
                Intent {
                    name: "payment".into(),
                    examples: vec!["カードは使えますか".into(), "支払い方法は？".into()],
                    answer: Answer::text("現金とカードが使えます"),
                },
                Intent {
                    name: "kids".into(),
                    examples: vec!["子供連れでも大丈夫ですか".into()],
                    answer: Answer::text("お子様連れ歓迎です"),
                },
            ],
            ..Default::default()
        },
        fallback: Some(Answer::text("担当者から折り返します")),
        greeting: Some(Answer::text(
            "{name}さん、{store}です。友だち追加ありがとう！",
        )),
        unblock_greeting: Some(Answer::text("{name}さん、おかえりなさい")),
        ..Default::default()
    }
}

fn responder() -> Responder {
    config().compile().unwrap()
}

fn text(at: Timestamp, text: &str) -> Incoming<'_> {
    Incoming {
        at,
        mode: Mode::Active,
        chat: Chat::User,
        content: Content::Text(text),
    }
}

fn source(decision: &Decision) -> Option<Source> {
    decision.source().cloned()
}

fn silent_reason(decision: &Decision) -> Option<SilentReason> {
    match &decision.outcome {
        Outcome::Silent { reason } => Some(reason.clone()),
        Outcome::Reply { .. } => None,
    }
}

fn first_text(decision: &Decision) -> String {
    match &decision.outcome {
        Outcome::Reply { messages, .. } => match &messages[0] {
            ReplyMessage::Text { text } => text.clone(),
            other => panic!("not text: {other:?}"),
        },
        Outcome::Silent { reason } => panic!("silent: {reason:?}"),
    }
}

const NOBODY: FriendState = FriendState {
    handoff_until: None,
    last_after_hours_reply: None,
    display_name: None,
};

#[test]
fn a_standby_event_is_never_answered() {
    let event = Incoming {
        mode: Mode::Standby,
        ..text(jst(12, 0), "営業時間")
    };
    let decision = decide(&responder(), &event, &NOBODY);
    assert_eq!(silent_reason(&decision), Some(SilentReason::Standby));
    assert!(!decision.notify_staff);
}

#[test]
fn in_a_group_mention_only_answers_only_when_mentioned() {
    let r = responder();
    let unmentioned = Incoming {
        chat: Chat::Group { mentioned: false },
        ..text(jst(12, 0), "営業時間")
    };
    assert_eq!(
        silent_reason(&decide(&r, &unmentioned, &NOBODY)),
        Some(SilentReason::NotMentioned)
    );
    let mentioned = Incoming {
        chat: Chat::Group { mentioned: true },
        ..unmentioned
    };
    assert_eq!(
        source(&decide(&r, &mentioned, &NOBODY)),
        Some(Source::Rule { id: "hours".into() })
    );
}

#[test]
fn in_a_group_ignore_never_answers() {
    let mut config = config();
    config.groups = GroupPolicy::Ignore;
    let event = Incoming {
        chat: Chat::Group { mentioned: true },
        ..text(jst(12, 0), "営業時間")
    };
    assert_eq!(
        silent_reason(&decide(&config.compile().unwrap(), &event, &NOBODY)),
        Some(SilentReason::GroupIgnored)
    );
}

#[test]
fn in_a_group_respond_answers_keywords_but_not_chatter_with_the_fallback() {
    let mut config = config();
    config.groups = GroupPolicy::Respond;
    let r = config.compile().unwrap();
    let keyword = Incoming {
        chat: Chat::Group { mentioned: false },
        ..text(jst(12, 0), "営業時間")
    };
    assert!(decide(&r, &keyword, &NOBODY).replies());
    let chatter = Incoming {
        content: Content::Text("今日どこ行く？"),
        ..keyword
    };
    let decision = decide(&r, &chatter, &NOBODY);
    assert_eq!(silent_reason(&decision), Some(SilentReason::NoAnswer));
    assert!(!decision.notify_staff);
    let night_chatter = Incoming {
        at: jst(23, 0),
        ..chatter
    };
    assert!(
        !decide(&r, &night_chatter, &NOBODY).replies(),
        "no after-hours reply to chatter"
    );
}

#[test]
fn a_handed_off_chat_stays_silent_until_just_before_expiry() {
    let at = jst(12, 0);
    let friend = FriendState {
        handoff_until: Some(at + SignedDuration::from_secs(1)),
        ..NOBODY
    };
    let decision = decide(&responder(), &text(at, "営業時間"), &friend);
    assert!(matches!(
        silent_reason(&decision),
        Some(SilentReason::HandedOff { .. })
    ));
    assert!(!decision.notify_staff);
}

#[test]
fn a_hand_off_ending_at_the_event_time_has_expired() {
    let at = jst(12, 0);
    for until in [at, at - SignedDuration::from_secs(1)] {
        let friend = FriendState {
            handoff_until: Some(until),
            ..NOBODY
        };
        let decision = decide(&responder(), &text(at, "営業時間"), &friend);
        assert_eq!(source(&decision), Some(Source::Rule { id: "hours".into() }));
    }
}

#[test]
fn after_hours_the_first_message_gets_the_after_hours_reply_with_the_next_opening() {
    let at = jst(22, 0);
    let decision = decide(&responder(), &text(at, "営業時間"), &NOBODY);
    assert_eq!(source(&decision), Some(Source::AfterHours));
    assert_eq!(
        first_text(&decision),
        "本日の営業は終了しました。11/21(土) 10:00から営業します。"
    );
    assert_eq!(decision.update.last_after_hours_reply, Some(at));
    assert!(decision.notify_staff);
}

#[test]
fn before_opening_the_next_opening_is_today_and_shown_as_a_time() {
    let decision = decide(&responder(), &text(jst(8, 30), "こんにちは"), &NOBODY);
    assert_eq!(
        first_text(&decision),
        "本日の営業は終了しました。10:00から営業します。"
    );
}

#[test]
fn during_the_cool_down_a_keyword_still_answers() {
    let at = jst(22, 30);
    let friend = FriendState {
        last_after_hours_reply: Some(jst(22, 0)),
        ..NOBODY
    };
    let decision = decide(&responder(), &text(at, "営業時間"), &friend);
    assert_eq!(source(&decision), Some(Source::Rule { id: "hours".into() }));
    assert_eq!(decision.update.last_after_hours_reply, None);
}

#[test]
fn during_the_cool_down_an_intent_still_answers() {
    let friend = FriendState {
        last_after_hours_reply: Some(jst(22, 0)),
        ..NOBODY
    };
    let decision = decide(&responder(), &text(jst(22, 30), "ﾊﾟｰｷﾝｸﾞある？"), &friend);
    assert!(matches!(source(&decision), Some(Source::Intent { name, .. }) if name == "parking"));
}

#[test]
fn during_the_cool_down_an_unanswered_message_is_silent_and_staff_is_told() {
    let friend = FriendState {
        last_after_hours_reply: Some(jst(22, 0)),
        ..NOBODY
    };
    let decision = decide(&responder(), &text(jst(22, 59), "明日の件ですが"), &friend);
    assert_eq!(
        silent_reason(&decision),
        Some(SilentReason::AfterHoursCoolDown {
            last_sent: jst(22, 0)
        })
    );
    assert!(decision.notify_staff);
}

#[test]
fn once_the_cool_down_has_passed_the_after_hours_reply_is_sent_again() {
    let friend = FriendState {
        last_after_hours_reply: Some(jst(22, 0)),
        ..NOBODY
    };
    let decision = decide(&responder(), &text(jst(23, 0), "営業時間"), &friend);
    assert_eq!(source(&decision), Some(Source::AfterHours));
}

#[test]
fn without_business_hours_the_store_is_always_open() {
    let mut config = config();
    config.hours = None;
    let decision = decide(
        &config.compile().unwrap(),
        &text(jst(3, 0), "営業時間"),
        &NOBODY,
    );
    assert_eq!(source(&decision), Some(Source::Rule { id: "hours".into() }));
}

#[test]
fn the_highest_priority_matching_rule_answers() {
    let decision = decide(
        &responder(),
        &text(jst(12, 0), "VIPクーポンください"),
        &NOBODY,
    );
    assert_eq!(
        source(&decision),
        Some(Source::Rule {
            id: "coupon-vip".into()
        })
    );
    assert_eq!(first_text(&decision), "answer of coupon-vip");
    assert!(!decision.notify_staff);
}

#[test]
fn among_equal_priorities_the_first_listed_rule_answers() {
    let decision = decide(&responder(), &text(jst(12, 0), "ｸｰﾎﾟﾝある？"), &NOBODY);
    assert_eq!(
        source(&decision),
        Some(Source::Rule {
            id: "coupon-a".into()
        })
    );
}

#[test]
fn a_question_no_rule_matches_is_answered_by_its_intent() {
    let decision = decide(
        &responder(),
        &text(jst(12, 0), "クレカ払いできますか"),
        &NOBODY,
    );
    assert!(
        matches!(source(&decision), Some(Source::Intent { ref name, score }) if name == "payment" && score > 0.3),
        "{decision:?}"
    );
    assert_eq!(first_text(&decision), "現金とカードが使えます");
}

#[test]
fn an_unrecognised_message_gets_the_fallback_and_staff_is_told() {
    let decision = decide(&responder(), &text(jst(12, 0), "昨日はありがとう"), &NOBODY);
    assert_eq!(source(&decision), Some(Source::Fallback));
    assert!(decision.notify_staff);
}

#[test]
fn without_a_fallback_an_unrecognised_message_is_silent_and_staff_is_told() {
    let mut config = config();
    config.fallback = None;
    let decision = decide(
        &config.compile().unwrap(),
        &text(jst(12, 0), "昨日はありがとう"),
        &NOBODY,
    );
    assert_eq!(silent_reason(&decision), Some(SilentReason::NoAnswer));
    assert!(decision.notify_staff);
}

#[test]
fn asking_for_a_person_gets_the_hand_off_answer_and_staff_is_told() {
    let mut config = config();
    config.intents.handoff_answer = Some(Answer::text("スタッフにおつなぎします"));
    let decision = decide(
        &config.compile().unwrap(),
        &text(jst(12, 0), "スタッフさんと直接話したいです"),
        &NOBODY,
    );
    assert_eq!(
        source(&decision),
        Some(Source::Builtin {
            intent: BuiltinIntent::HumanHandoff
        })
    );
    assert_eq!(first_text(&decision), "スタッフにおつなぎします");
    assert!(decision.notify_staff && decision.asks_for_person());
}

#[test]
fn asking_for_a_person_without_a_hand_off_answer_gets_the_fallback() {
    let decision = decide(
        &responder(),
        &text(jst(12, 0), "駐車場のことで担当者に代わってください"),
        &NOBODY,
    );
    assert_eq!(first_text(&decision), "担当者から折り返します");
    assert!(decision.notify_staff && decision.asks_for_person());
}

#[test]
fn asking_for_a_person_with_nothing_to_answer_is_silent_and_staff_is_told() {
    let mut config = config();
    config.fallback = None;
    let decision = decide(
        &config.compile().unwrap(),
        &text(jst(12, 0), "人と話したいです"),
        &NOBODY,
    );
    assert_eq!(silent_reason(&decision), Some(SilentReason::NoAnswer));
    assert!(decision.notify_staff && decision.asks_for_person());
}

#[test]
fn a_greeting_is_declined_as_small_talk_and_never_answered_as_an_intent() {
    let decision = decide(
        &responder(),
        &text(jst(12, 0), "よろしくお願いします"),
        &NOBODY,
    );
    assert!(decision.trace.steps.iter().any(|s| matches!(
        s,
        Step::Intent {
            declined: Some(Decline::SmallTalk),
            ..
        }
    )));
    assert!(!matches!(source(&decision), Some(Source::Intent { .. })));
    assert!(!decision.asks_for_person());
}

#[test]
fn a_sticker_is_not_answered_during_opening_hours() {
    let event = Incoming {
        content: Content::Sticker,
        ..text(jst(12, 0), "")
    };
    let decision = decide(&responder(), &event, &NOBODY);
    assert_eq!(silent_reason(&decision), Some(SilentReason::Sticker));
    assert!(!decision.notify_staff);
}

#[test]
fn an_image_goes_to_the_fallback_so_a_person_looks_at_it() {
    let event = Incoming {
        content: Content::Media,
        ..text(jst(12, 0), "")
    };
    let decision = decide(&responder(), &event, &NOBODY);
    assert_eq!(source(&decision), Some(Source::Fallback));
    assert!(decision.notify_staff);
}

#[test]
fn a_postback_is_answered_by_its_rule_even_after_hours() {
    let event = Incoming {
        content: Content::Postback("action=menu"),
        ..text(jst(23, 0), "")
    };
    let decision = decide(&responder(), &event, &NOBODY);
    assert_eq!(
        source(&decision),
        Some(Source::Rule {
            id: "menu-button".into()
        })
    );
}

#[test]
fn an_unknown_postback_is_silent() {
    let event = Incoming {
        content: Content::Postback("action=unknown"),
        ..text(jst(12, 0), "")
    };
    assert_eq!(
        silent_reason(&decide(&responder(), &event, &NOBODY)),
        Some(SilentReason::UnknownPostback)
    );
}

#[test]
fn the_trace_records_each_step_taken() {
    let decision = decide(&responder(), &text(jst(12, 0), "昨日はありがとう"), &NOBODY);
    let steps = serde_json::to_value(&decision.trace).unwrap();
    let names: Vec<&str> = steps["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["hours", "no_rule", "intent", "fallback"]);
}

#[test]
fn a_greeting_fills_in_the_name_and_the_store() {
    let follow = Follow {
        mode: Mode::Active,
        display_name: Some("花子"),
        unblocked: false,
    };
    let decision = greet(&responder(), &follow);
    assert_eq!(source(&decision), Some(Source::Greeting));
    assert_eq!(
        first_text(&decision),
        "花子さん、カフェおとどけです。友だち追加ありがとう！"
    );
}

#[test]
fn a_greeting_without_a_display_name_uses_the_default_name() {
    let follow = Follow {
        mode: Mode::Active,
        display_name: None,
        unblocked: false,
    };
    assert!(first_text(&greet(&responder(), &follow)).starts_with("お客様さん"));
}

#[test]
fn an_unblock_gets_the_unblock_greeting_or_else_the_greeting() {
    let follow = Follow {
        mode: Mode::Active,
        display_name: Some("太郎"),
        unblocked: true,
    };
    assert_eq!(
        first_text(&greet(&responder(), &follow)),
        "太郎さん、おかえりなさい"
    );
    let mut config = config();
    config.unblock_greeting = None;
    assert_eq!(
        source(&greet(&config.compile().unwrap(), &follow)),
        Some(Source::Greeting)
    );
}

#[test]
fn a_follow_in_standby_or_without_a_greeting_is_silent() {
    let standby = Follow {
        mode: Mode::Standby,
        display_name: None,
        unblocked: false,
    };
    assert_eq!(
        silent_reason(&greet(&responder(), &standby)),
        Some(SilentReason::Standby)
    );
    let mut config = config();
    config.greeting = None;
    let active = Follow {
        mode: Mode::Active,
        ..standby
    };
    assert_eq!(
        silent_reason(&greet(&config.compile().unwrap(), &active)),
        Some(SilentReason::NoGreeting)
    );
}

#[test]
fn the_preview_lists_every_matching_rule_and_why_the_winner_won() {
    let p = preview(&responder(), &text(jst(12, 0), "VIPクーポン"), &NOBODY);
    let ids: Vec<&str> = p.rules.candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["coupon-vip", "coupon-a", "coupon-b"]);
    assert_eq!(p.rules.winner.as_deref(), Some("coupon-vip"));
    assert!(p
        .rules
        .why
        .unwrap()
        .contains("highest priority: 9 against 5"));
    assert_eq!(p.folded_text.as_deref(), Some("vipくーぽん"));
}

#[test]
fn the_preview_names_the_common_questions_the_intents_learned() {
    let p = preview(
        &responder(),
        &text(jst(12, 0), "領収書もらえますか"),
        &NOBODY,
    );
    let learned: Vec<(&str, &str)> = p
        .intents
        .learned
        .iter()
        .map(|l| (l.question.as_str(), l.intent.as_str()))
        .collect();
    assert!(learned.contains(&("payment", "payment")), "{learned:?}");
    assert!(learned.contains(&("parking", "parking")), "{learned:?}");
    // Each learned question names an intent of the store, and no intent learns
    // the same question twice.
    for (question, intent) in &learned {
        assert!(
            ["parking", "payment", "kids"].contains(intent),
            "{question}"
        );
        assert_eq!(learned.iter().filter(|l| l.0 == *question).count(), 1);
    }
    // A receipt is in no example of the store's: the payment question explains it.
    assert_eq!(p.intents.best.as_ref().unwrap().intent, "payment");
}

#[test]
fn the_preview_explains_a_tie_by_rule_order() {
    let p = preview(&responder(), &text(jst(12, 0), "クーポン"), &NOBODY);
    assert_eq!(p.rules.winner.as_deref(), Some("coupon-a"));
    assert!(p.rules.why.unwrap().contains("listed earlier"));
}

#[test]
fn the_preview_evaluates_every_stage_even_when_hand_off_decides() {
    let at = jst(22, 0);
    let friend = FriendState {
        handoff_until: Some(at + SignedDuration::from_hours(1)),
        ..NOBODY
    };
    let p = preview(&responder(), &text(at, "駐車場ありますか"), &friend);
    assert!(p.handoff.active);
    assert!(!p.hours.as_ref().unwrap().open);
    assert_eq!(p.intents.top.len(), 3);
    assert_eq!(p.intents.best.as_ref().unwrap().intent, "parking");
    assert!(matches!(
        p.decision.outcome,
        Outcome::Silent {
            reason: SilentReason::HandedOff { .. }
        }
    ));
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["decision"]["outcome"]["outcome"], "silent");
    assert_eq!(json["hours"]["open"], false);
}

#[test]
fn the_preview_marks_rules_that_matched_but_could_not_answer() {
    let mut config = config();
    config.rules[3].enabled = false;
    let p = preview(
        &config.compile().unwrap(),
        &text(jst(12, 0), "VIPクーポン"),
        &NOBODY,
    );
    let vip = p
        .rules
        .candidates
        .iter()
        .find(|c| c.id == "coupon-vip")
        .unwrap();
    assert!(vip.ineligible.is_some());
    assert_eq!(p.rules.winner.as_deref(), Some("coupon-a"));
}

#[test]
fn name_in_an_after_hours_or_rule_answer_is_the_friends_name_else_the_default() {
    let mut config = config();
    config.after_hours.answer = Some(Answer::text("{name}さん、{next_open}から営業します"));
    config.rules[0].answer = Answer::text("{name}さん、{store}は10時からです");
    let responder = config.compile().unwrap();
    let hanako = FriendState {
        display_name: Some("花子".into()),
        ..NOBODY
    };
    let night = decide(&responder, &text(jst(22, 0), "営業時間"), &hanako);
    let night_text = first_text(&night);
    assert!(night_text.starts_with("花子さん、"), "{night_text}");
    assert!(!night_text.contains('{'), "{night_text}");
    let day = decide(&responder, &text(jst(12, 0), "営業時間"), &hanako);
    assert_eq!(first_text(&day), "花子さん、カフェおとどけは10時からです");
    let unknown = decide(&responder, &text(jst(12, 0), "営業時間"), &NOBODY);
    assert!(!first_text(&unknown).contains("{name}"));
}
