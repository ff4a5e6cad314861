use super::*;
use crate::friend::FriendKey;
use crate::ids::{LineUserId, ProviderId};

fn channel() -> ChannelId {
    ChannelId::new("1650000000").unwrap()
}

fn now() -> Timestamp {
    "2026-11-29T03:00:00Z".parse().unwrap()
}

fn friend() -> Friend {
    let key = FriendKey {
        org: OrgId::new("acme").unwrap(),
        provider: ProviderId::new("p1").unwrap(),
        user_id: LineUserId::parse(format!("U{:032x}", 1)).unwrap(),
    };
    Friend::new(key, now())
}

fn auto(id: &str, trigger: Trigger, actions: Vec<AutoAction>) -> Automation {
    Automation {
        org: OrgId::new("acme").unwrap(),
        id: AutomationId::new(id).unwrap(),
        name: id.into(),
        enabled: true,
        channel: None,
        trigger,
        actions,
        updated_at: now(),
        version: 1,
    }
}

fn tag_added(tag: &str) -> Trigger {
    Trigger::TagAdded { tag: tag.into() }
}

fn add(tags: &[&str]) -> AutoAction {
    AutoAction::AddTags {
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

fn remove(tags: &[&str]) -> AutoAction {
    AutoAction::RemoveTags {
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

#[test]
fn a_keyword_trigger_matches_folded_text_and_exact_ones_only_the_whole_message() {
    let contains = Trigger::Keyword {
        keywords: vec!["クーポン".into()],
        exact: false,
    };
    let exact = Trigger::Keyword {
        keywords: vec!["予約".into()],
        exact: true,
    };
    assert!(contains.fires_on(&Fired::Text("ｸｰﾎﾟﾝください".into())));
    assert!(!contains.fires_on(&Fired::Text("こんにちは".into())));
    assert!(exact.fires_on(&Fired::Text(" 予約 ".into())));
    assert!(!exact.fires_on(&Fired::Text("予約したい".into())));
    assert!(!exact.fires_on(&Fired::Postback("予約".into())));
}

#[test]
fn a_postback_tags_the_friend_and_starts_a_sequence() {
    let autos = vec![auto(
        "coupon",
        Trigger::Postback {
            data: "coupon".into(),
        },
        vec![
            add(&["coupon"]),
            AutoAction::StartSequence {
                campaign: CampaignId::new("welcome").unwrap(),
            },
        ],
    )];
    let mut f = friend();
    let plan = plan(&autos, &channel(), Fired::Postback("coupon".into()), &mut f);
    assert!(f.tags.contains("coupon"));
    assert_eq!(
        plan.edits,
        vec![FriendEdit::AddTag {
            tag: "coupon".into()
        }]
    );
    assert_eq!(
        plan.effects,
        vec![Effect::StartSequence {
            campaign: CampaignId::new("welcome").unwrap()
        }]
    );
    assert!(!plan.depth_limit_reached);
}

#[test]
fn a_tag_added_by_an_action_fires_the_tag_trigger_one_level_deeper() {
    let autos = vec![
        auto("follow", Trigger::Follow, vec![add(&["new"])]),
        auto(
            "welcome-new",
            tag_added("new"),
            vec![AutoAction::NotifyStaff {
                text: "新しいお友だち".into(),
            }],
        ),
    ];
    let mut f = friend();
    let plan = plan(&autos, &channel(), Fired::Follow, &mut f);
    let depths: Vec<(String, u8)> = plan
        .steps
        .iter()
        .map(|s| (s.automation.to_string(), s.depth))
        .collect();
    assert_eq!(
        depths,
        vec![("follow".into(), 1), ("welcome-new".into(), 2)]
    );
    assert_eq!(plan.effects.len(), 1);
}

#[test]
fn a_tag_already_there_fires_nothing_so_a_mutual_add_ends_by_itself() {
    let autos = vec![
        auto("a-adds-b", tag_added("a"), vec![add(&["b"])]),
        auto("b-adds-a", tag_added("b"), vec![add(&["a"])]),
    ];
    let mut f = friend();
    f.tags.insert("a".into());
    let plan = plan(&autos, &channel(), Fired::TagAdded("a".into()), &mut f);
    assert_eq!(plan.steps.len(), 2);
    assert!(!plan.depth_limit_reached);
}

#[test]
fn an_automation_loop_stops_at_the_depth_limit_and_says_so() {
    // Tag A swaps itself for B, and B for A: every level changes the friend.
    let autos = vec![
        auto("a-to-b", tag_added("a"), vec![remove(&["a"]), add(&["b"])]),
        auto("b-to-a", tag_added("b"), vec![remove(&["b"]), add(&["a"])]),
    ];
    let mut f = friend();
    f.tags.insert("a".into());
    let plan = plan(&autos, &channel(), Fired::TagAdded("a".into()), &mut f);
    assert!(plan.depth_limit_reached);
    assert_eq!(plan.steps.len(), usize::from(MAX_DEPTH));
    assert_eq!(plan.steps.last().unwrap().depth, MAX_DEPTH);
}

#[test]
fn a_run_action_and_a_direct_fire_run_the_named_automation_only() {
    let autos = vec![
        auto(
            "menu-tap",
            Trigger::Manual,
            vec![AutoAction::Run {
                automation: AutomationId::new("shared").unwrap(),
            }],
        ),
        auto("shared", Trigger::Manual, vec![add(&["tapped"])]),
        auto("other", Trigger::Manual, vec![add(&["never"])]),
    ];
    let mut f = friend();
    let id = AutomationId::new("menu-tap").unwrap();
    let plan = plan(&autos, &channel(), Fired::Direct(id), &mut f);
    assert_eq!(plan.steps.len(), 2);
    assert!(f.tags.contains("tapped") && !f.tags.contains("never"));
}

#[test]
fn disabled_automations_and_other_channels_do_not_run() {
    let mut off = auto("off", Trigger::Follow, vec![add(&["x"])]);
    off.enabled = false;
    let mut elsewhere = auto("elsewhere", Trigger::Follow, vec![add(&["y"])]);
    elsewhere.channel = Some(ChannelId::new("999").unwrap());
    let mut f = friend();
    assert!(plan(&[off, elsewhere], &channel(), Fired::Follow, &mut f).is_empty());
}

#[test]
fn applying_recorded_edits_twice_changes_nothing_the_second_time() {
    let edits = [
        FriendEdit::AddTag { tag: "a".into() },
        FriendEdit::SetAttribute {
            key: "rank".into(),
            value: Some("gold".into()),
        },
        FriendEdit::AssignStore {
            store: Some(StoreId::new("shibuya").unwrap()),
        },
        FriendEdit::PinMenu {
            channel: channel(),
            menu: Some(RichMenuId::new("m").unwrap()),
        },
        FriendEdit::RemoveTag { tag: "b".into() },
    ];
    let mut f = friend();
    f.tags.insert("b".into());
    assert!(edits.iter().all(|e| e.apply(&mut f)));
    let once = f.clone();
    assert!(edits.iter().all(|e| !e.apply(&mut f)));
    assert_eq!(f, once);
}

#[test]
fn automations_are_checked_before_they_are_saved() {
    let ok = auto("ok", Trigger::Follow, vec![add(&["a"])]);
    assert_eq!(ok.check(), Ok(()));
    let no_actions = auto("x", Trigger::Follow, vec![]);
    assert_eq!(no_actions.check(), Err(AutomationError::Actions));
    let reserved = auto(
        "x",
        Trigger::Postback {
            data: "otodoke:a:y".into(),
        },
        vec![add(&["a"])],
    );
    assert_eq!(reserved.check(), Err(AutomationError::PostbackData));
    let empty_keywords = auto(
        "x",
        Trigger::Keyword {
            keywords: vec![" ".into()],
            exact: false,
        },
        vec![add(&["a"])],
    );
    assert_eq!(empty_keywords.check(), Err(AutomationError::Keywords));
    let no_messages = auto(
        "x",
        Trigger::Follow,
        vec![AutoAction::Send {
            messages: vec![],
            track_links: false,
        }],
    );
    assert_eq!(no_messages.check(), Err(AutomationError::Messages));
}
