use super::*;
use crate::friend::{ChannelLink, FollowState, FriendKey};
use crate::ids::{LineUserId, ProviderId};

fn channel() -> ChannelId {
    ChannelId::new("1650000000").unwrap()
}

fn now() -> Timestamp {
    "2026-11-29T03:00:00Z".parse().unwrap()
}

fn menu_id(s: &str) -> RichMenuId {
    RichMenuId::new(s).unwrap()
}

fn friend(tags: &[&str]) -> Friend {
    let key = FriendKey {
        org: OrgId::new("acme").unwrap(),
        provider: ProviderId::new("p1").unwrap(),
        user_id: LineUserId::parse(format!("U{:032x}", 1)).unwrap(),
    };
    let mut f = Friend::new(key, now());
    f.channels.insert(
        channel(),
        ChannelLink {
            state: FollowState::Following,
            followed_at: Some(now()),
            blocked_at: None,
        },
    );
    f.tags = tags.iter().map(|t| t.to_string()).collect();
    f
}

fn menu(id: &str) -> RichMenu {
    RichMenu {
        org: OrgId::new("acme").unwrap(),
        channel: channel(),
        id: menu_id(id),
        name: "Main".into(),
        chat_bar_text: "メニュー".into(),
        size: MenuSize {
            width: 2500,
            height: 843,
        },
        selected: false,
        areas: vec![MenuArea {
            bounds: Bounds {
                x: 0,
                y: 0,
                width: 1250,
                height: 843,
            },
            action: MenuAction::Message {
                text: "予約".into(),
            },
            label: None,
        }],
        image: None,
        published: None,
        updated_at: now(),
        version: 0,
    }
}

fn rules(rules: Vec<(&[&str], &str)>, default: Option<&str>) -> MenuRules {
    MenuRules {
        rules: rules
            .into_iter()
            .map(|(tags, m)| MenuRule {
                name: m.into(),
                segment: MenuSegment {
                    audience: Audience {
                        tags_all: tags.iter().map(|t| t.to_string()).collect(),
                        ..Audience::default()
                    },
                    in_sequence: None,
                },
                menu: menu_id(m),
            })
            .collect(),
        default: default.map(menu_id),
        ..MenuRules::empty(OrgId::new("acme").unwrap(), channel())
    }
}

fn cx<'a>(ch: &'a ChannelId, seqs: &'a BTreeSet<CampaignId>) -> MenuContext<'a> {
    MenuContext {
        channel: ch,
        now: now(),
        active_sequences: seqs,
        stores: &[],
    }
}

#[test]
fn the_first_matching_rule_wins_and_the_default_catches_the_rest() {
    let r = rules(
        vec![(&["vip"], "gold"), (&["member"], "member")],
        Some("main"),
    );
    let ch = channel();
    let none = BTreeSet::new();
    assert_eq!(
        menu_for(&r, &friend(&["vip", "member"]), &cx(&ch, &none)),
        Some(menu_id("gold"))
    );
    assert_eq!(
        menu_for(&r, &friend(&["member"]), &cx(&ch, &none)),
        Some(menu_id("member"))
    );
    assert_eq!(
        menu_for(&r, &friend(&[]), &cx(&ch, &none)),
        Some(menu_id("main"))
    );
}

#[test]
fn a_blocked_friend_gets_no_menu_and_a_pinned_menu_beats_the_rules() {
    let r = rules(vec![(&["vip"], "gold")], Some("main"));
    let ch = channel();
    let none = BTreeSet::new();
    let mut blocked = friend(&["vip"]);
    blocked.channels.get_mut(&ch).unwrap().state = FollowState::Blocked;
    assert_eq!(menu_for(&r, &blocked, &cx(&ch, &none)), None);

    let mut pinned = friend(&["vip"]);
    pinned.menus.pinned.insert(ch.clone(), menu_id("campaign"));
    assert_eq!(
        menu_for(&r, &pinned, &cx(&ch, &none)),
        Some(menu_id("campaign"))
    );
}

#[test]
fn a_sequence_rule_needs_an_active_enrolment_in_that_sequence() {
    let mut r = rules(vec![(&[], "onboarding")], Some("main"));
    r.rules[0].segment.in_sequence = Some(CampaignId::new("welcome").unwrap());
    let ch = channel();
    let none = BTreeSet::new();
    let active: BTreeSet<CampaignId> = [CampaignId::new("welcome").unwrap()].into();
    assert_eq!(
        menu_for(&r, &friend(&[]), &cx(&ch, &none)),
        Some(menu_id("main"))
    );
    assert_eq!(
        menu_for(&r, &friend(&[]), &cx(&ch, &active)),
        Some(menu_id("onboarding"))
    );
}

#[test]
fn friends_who_should_see_the_default_are_unlinked_not_linked_to_it() {
    let ch = channel();
    let mut m = FriendMenus::default();
    let main = menu_id("main");
    let gold = menu_id("gold");
    assert_eq!(
        link_change(&m, &ch, Some(&main), Some(&main)),
        MenuLink::Keep
    );
    assert_eq!(
        link_change(&m, &ch, Some(&gold), Some(&main)),
        MenuLink::Link(gold.clone())
    );
    m.record(&ch, &MenuLink::Link(gold.clone()));
    assert_eq!(
        link_change(&m, &ch, Some(&gold), Some(&main)),
        MenuLink::Keep
    );
    assert_eq!(
        link_change(&m, &ch, Some(&main), Some(&main)),
        MenuLink::Unlink
    );
    assert_eq!(link_change(&m, &ch, None, Some(&main)), MenuLink::Unlink);
    m.record(&ch, &MenuLink::Unlink);
    assert!(m.linked.is_empty());
}

#[test]
fn menus_are_checked_against_lines_shape_rules() {
    assert_eq!(menu("m").check(), Ok(()));
    let mut tall = menu("m");
    tall.size = MenuSize {
        width: 800,
        height: 800,
    };
    assert_eq!(tall.check(), Err(MenuError::Size));
    let mut outside = menu("m");
    outside.areas[0].bounds.x = 1300;
    assert_eq!(outside.check(), Err(MenuError::AreaOutside(0)));
    let mut many = menu("m");
    many.areas = vec![many.areas[0].clone(); 21];
    assert_eq!(many.check(), Err(MenuError::TooManyAreas));
    let mut bar = menu("m");
    bar.chat_bar_text = "とても長いチャットバーのテキストです".into();
    assert_eq!(bar.check(), Err(MenuError::ChatBarText));
    let mut reserved = menu("m");
    reserved.areas[0].action = MenuAction::Postback {
        data: "otodoke:a:x".into(),
        display_text: None,
    };
    assert!(matches!(reserved.check(), Err(MenuError::Action(0, _))));
    let mut itself = menu("m");
    itself.areas[0].action = MenuAction::Tab { menu: menu_id("m") };
    assert_eq!(itself.check(), Err(MenuError::TabToItself(0)));
}

#[test]
fn otodoke_postback_data_round_trips_and_foreign_data_is_not_ours() {
    let a = MenuPostback::Automation(AutomationId::new("auto-1").unwrap());
    let t = MenuPostback::Tab(menu_id("m-2"));
    assert_eq!(MenuPostback::parse(&a.encode()), Some(a));
    assert_eq!(MenuPostback::parse(&t.encode()), Some(t));
    assert_eq!(MenuPostback::parse("action=buy&item=1"), None);
    assert_eq!(MenuPostback::parse("otodoke:zzz"), None);
}

#[test]
fn aliases_are_lines_shape_and_stable_per_menu() {
    let long = menu_id(&"x".repeat(100));
    for id in [
        menu_id("01JDV0Q8M5XKZ8Y1S4T2N3P6RA"),
        long,
        menu_id("a b/c"),
    ] {
        let alias = alias_id(&id);
        assert!((1..=32).contains(&alias.len()), "{alias}");
        assert!(alias
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        assert_eq!(alias, alias_id(&id));
    }
}

#[test]
fn rules_naming_an_unknown_menu_or_lines_demographics_are_refused() {
    let known: BTreeSet<RichMenuId> = [menu_id("main")].into();
    assert_eq!(rules(vec![], Some("main")).check(&known), Ok(()));
    assert_eq!(
        rules(vec![(&["a"], "gone")], Some("main")).check(&known),
        Err(RulesError::UnknownMenu(menu_id("gone")))
    );
}
