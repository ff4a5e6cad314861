//! Automations and menus through the whole pipeline: a tap in the LINE app (the
//! sandbox) becomes a signed webhook, the ingest queues it, the responder handles it
//! and the automations act — one test per trigger and per kind of action.

use crate::support::*;
use otodoke_automation::MenuLine;
use otodoke_autoreply::ReplyConfig;
use otodoke_core::automation::{AutoAction, Automation, Trigger};
use otodoke_core::campaign::{Audience, Campaign, CampaignStatus, Progress, Schedule, Step};
use otodoke_core::ports::{AutomationStore, CampaignStore, EnrolmentStore, RichMenuStore};
use otodoke_core::richmenu::{
    Bounds, MenuAction, MenuArea, MenuRule, MenuRules, MenuSegment, MenuSize, Published, RichMenu,
};
use otodoke_core::{AutomationId, CampaignId, PageRequest, RichMenuId, StaffId};
use otodoke_inbox::LineChat;
use otodoke_line_sandbox::{generated_rich_menu_png, Endpoint};
use otodoke_responder::Handled;
use serde_json::json;

async fn automation(world: &World, id: &str, trigger: Trigger, actions: Vec<AutoAction>) {
    world
        .embedded
        .automations
        .save_automation(&Automation {
            org: world.channel.org_id.clone(),
            id: AutomationId::new(id).unwrap(),
            name: id.into(),
            enabled: true,
            channel: None,
            trigger,
            actions,
            updated_at: world.now(),
            version: 0,
        })
        .await
        .unwrap();
}

fn text(t: &str) -> AutoAction {
    AutoAction::Send {
        messages: vec![json!({"type": "text", "text": t})],
        track_links: false,
    }
}

fn tags(t: &[&str]) -> Vec<String> {
    t.iter().map(|s| s.to_string()).collect()
}

/// A menu of the world's channel with `areas` (over an 800×270 image), published to
/// the sandbox through the same adapter production uses.
async fn published(world: &World, id: &str, areas: Vec<MenuAction>) -> RichMenu {
    let width = 800 / areas.len().max(1) as u32;
    let mut menu = RichMenu {
        org: world.channel.org_id.clone(),
        channel: world.channel.id.clone(),
        id: RichMenuId::new(id).unwrap(),
        name: id.into(),
        chat_bar_text: "メニュー".into(),
        size: MenuSize {
            width: 800,
            height: 270,
        },
        selected: true,
        areas: areas
            .into_iter()
            .enumerate()
            .map(|(i, action)| MenuArea {
                bounds: Bounds {
                    x: i as u32 * width,
                    y: 0,
                    width,
                    height: 270,
                },
                action,
                label: None,
            })
            .collect(),
        image: None,
        published: None,
        updated_at: world.now(),
        version: 0,
    };
    let line = LineChat::new(world.sandbox.base_url(), world.ports.secrets.clone());
    let line_id = line
        .publish(
            &world.channel,
            &menu,
            &generated_rich_menu_png(800, 270),
            "image/png",
        )
        .await
        .unwrap();
    menu.published = Some(Published {
        line_id,
        version: 1,
        at: world.now(),
    });
    world.embedded.richmenus.save_menu(&menu).await.unwrap()
}

/// `menu` is the channel's default, on LINE and in the rules (with `rules` before it).
async fn default_menu(world: &World, menu: &RichMenu, rules: Vec<MenuRule>) {
    let line = LineChat::new(world.sandbox.base_url(), world.ports.secrets.clone());
    line.set_default(&world.channel, Some(&line_id(menu)))
        .await
        .unwrap();
    world
        .embedded
        .richmenus
        .save_rules(&MenuRules {
            rules,
            default: Some(menu.id.clone()),
            ..MenuRules::empty(world.channel.org_id.clone(), world.channel.id.clone())
        })
        .await
        .unwrap();
}

fn line_id(menu: &RichMenu) -> String {
    menu.published.as_ref().unwrap().line_id.clone()
}

fn shown(world: &World, user: &str) -> String {
    world.sandbox.rich_menu_shown_to(CHANNEL, user).unwrap()["richMenuId"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn running_sequence(world: &World, id: &str) {
    let now = world.now();
    world
        .embedded
        .campaigns
        .create(&Campaign {
            id: CampaignId::new(id).unwrap(),
            org_id: world.channel.org_id.clone(),
            channel_id: world.channel.id.clone(),
            name: id.into(),
            messages: vec![],
            sender: None,
            track_links: false,
            audience: Audience::default(),
            schedule: Schedule::Sequence {
                steps: vec![Step {
                    offset_days: 1,
                    at_local_time: None,
                    messages: vec![json!({"type": "text", "text": "step"})],
                }],
            },
            status: CampaignStatus::Running,
            progress: Progress::default(),
            created_by: StaffId::new("staff").unwrap(),
            created_at: now,
            updated_at: now,
            version: 0,
        })
        .await
        .unwrap();
}

/// The friend taps area `area` of their menu; the event is handled.
async fn tap(world: &World, area: usize) -> Handled {
    world
        .sandbox
        .tap_rich_menu(CHANNEL, USER, area)
        .await
        .unwrap();
    let envelope = world.next_envelope().await;
    world.handle(&envelope).await.unwrap()
}

async fn runs(world: &World) -> Vec<otodoke_core::automation::AutomationRun> {
    world
        .embedded
        .automations
        .runs_for_friend(&world.key(USER), PageRequest::first(50))
        .await
        .unwrap()
        .items
}

#[tokio::test]
async fn a_menu_tap_on_an_automation_tags_starts_a_sequence_and_replies_with_the_token() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    // The friend is known (they wrote before).
    let hello = world.says("こんにちは").await;
    world.handle(&hello).await.unwrap();
    running_sequence(&world, "welcome").await;
    automation(
        &world,
        "coupon",
        Trigger::Manual,
        vec![
            AutoAction::AddTags {
                tags: tags(&["coupon"]),
            },
            AutoAction::StartSequence {
                campaign: CampaignId::new("welcome").unwrap(),
            },
            text("クーポンをどうぞ"),
        ],
    )
    .await;
    let menu = published(
        &world,
        "main",
        vec![MenuAction::Automation {
            automation: AutomationId::new("coupon").unwrap(),
            display_text: Some("クーポン".into()),
        }],
    )
    .await;
    default_menu(&world, &menu, vec![]).await;

    assert_eq!(
        tap(&world, 0).await,
        Handled::Silent,
        "no keyword rule answers a menu tap"
    );
    let friend = world.friend(USER).await.unwrap();
    assert!(friend.tags.contains("coupon"));
    let active = world
        .embedded
        .enrolments
        .active(&world.key(USER), &world.channel.id)
        .await
        .unwrap();
    assert_eq!(active.len(), 1);
    assert_eq!(world.texts_to(USER), vec!["クーポンをどうぞ"]);
    assert_eq!(
        world.requests(Endpoint::Reply),
        1,
        "the tap's reply token, free"
    );
    assert_eq!(world.requests(Endpoint::Push), 0);
    let runs = runs(&world).await;
    assert_eq!(runs.len(), 1);
    assert_eq!(
        runs[0].outcome.as_ref().unwrap().effects,
        vec!["sequence welcome started", "sent as a reply"]
    );
}

#[tokio::test]
async fn a_tab_tap_switches_the_menu_through_its_alias_and_nothing_answers() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    world.says("こんにちは").await;
    let second = published(
        &world,
        "second",
        vec![MenuAction::Message {
            text: "戻る".into(),
        }],
    )
    .await;
    let first = published(
        &world,
        "first",
        vec![MenuAction::Tab {
            menu: second.id.clone(),
        }],
    )
    .await;
    default_menu(&world, &first, vec![]).await;
    assert_eq!(shown(&world, USER), line_id(&first));
    assert_eq!(tap(&world, 0).await, Handled::Silent);
    assert_eq!(
        shown(&world, USER),
        line_id(&second),
        "the tab switched on the phone"
    );
    assert!(world.texts_to(USER).is_empty());
    assert!(runs(&world).await.is_empty());
}

#[tokio::test]
async fn a_postback_trigger_and_a_keyword_trigger_fire_their_automations() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    automation(
        &world,
        "by-postback",
        Trigger::Postback {
            data: "action=reserve".into(),
        },
        vec![AutoAction::AddTags {
            tags: tags(&["reserving"]),
        }],
    )
    .await;
    automation(
        &world,
        "by-keyword",
        Trigger::Keyword {
            keywords: vec!["クーポン".into()],
            exact: false,
        },
        vec![text("クーポンはこちら")],
    )
    .await;
    world
        .sandbox
        .friend_presses_postback(CHANNEL, USER, "action=reserve")
        .await
        .unwrap();
    let envelope = world.next_envelope().await;
    world.handle(&envelope).await.unwrap();
    assert!(world.friend(USER).await.unwrap().tags.contains("reserving"));

    let envelope = world.says("ｸｰﾎﾟﾝありますか").await;
    world.handle(&envelope).await.unwrap();
    assert_eq!(world.texts_to(USER), vec!["クーポンはこちら"]);
    // A redelivery of the same event does nothing more.
    assert_eq!(world.handle(&envelope).await.unwrap(), Handled::AlreadyDone);
    assert_eq!(world.texts_to(USER).len(), 1);
    assert_eq!(runs(&world).await.len(), 2);
    // Reports: two runs; the keyword message was answered by its automation, not
    // left unanswered; the postback is not a message.
    let c = crate::reports::counts(&world).await;
    assert_eq!((c.automation_runs, c.answer_automation), (2, 1));
    assert_eq!((c.inbound, c.answer_none), (1, 0));
}

#[tokio::test]
async fn a_follow_fires_its_automation_and_the_new_friend_gets_the_rules_menu() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    let main = published(
        &world,
        "main",
        vec![MenuAction::Message { text: "a".into() }],
    )
    .await;
    let newcomer = published(
        &world,
        "newcomer",
        vec![MenuAction::Message { text: "b".into() }],
    )
    .await;
    default_menu(
        &world,
        &main,
        vec![MenuRule {
            name: "new".into(),
            segment: MenuSegment {
                audience: Audience {
                    tags_all: ["new".to_string()].into(),
                    ..Audience::default()
                },
                in_sequence: None,
            },
            menu: newcomer.id.clone(),
        }],
    )
    .await;
    automation(
        &world,
        "welcome",
        Trigger::Follow,
        vec![AutoAction::AddTags {
            tags: tags(&["new"]),
        }],
    )
    .await;
    world.sandbox.friend_follows(CHANNEL, USER).await.unwrap();
    let envelope = world.next_envelope().await;
    world.handle(&envelope).await.unwrap();
    assert!(world.friend(USER).await.unwrap().tags.contains("new"));
    assert_eq!(shown(&world, USER), line_id(&newcomer));
    let friend = world.friend(USER).await.unwrap();
    assert_eq!(
        friend.menus.linked.get(&world.channel.id),
        Some(&newcomer.id)
    );
}

#[tokio::test]
async fn an_automation_loop_stops_at_the_depth_limit_and_the_run_says_so() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    automation(
        &world,
        "start",
        Trigger::Keyword {
            keywords: vec!["loop".into()],
            exact: true,
        },
        vec![AutoAction::AddTags { tags: tags(&["a"]) }],
    )
    .await;
    automation(
        &world,
        "a-to-b",
        Trigger::TagAdded { tag: "a".into() },
        vec![
            AutoAction::RemoveTags { tags: tags(&["a"]) },
            AutoAction::AddTags { tags: tags(&["b"]) },
        ],
    )
    .await;
    automation(
        &world,
        "b-to-a",
        Trigger::TagAdded { tag: "b".into() },
        vec![
            AutoAction::RemoveTags { tags: tags(&["b"]) },
            AutoAction::AddTags { tags: tags(&["a"]) },
        ],
    )
    .await;
    let envelope = world.says("loop").await;
    world.handle(&envelope).await.unwrap();
    let runs = runs(&world).await;
    assert_eq!(runs.len(), 1);
    assert!(runs[0].plan.depth_limit_reached);
    assert_eq!(
        runs[0].plan.steps.len(),
        usize::from(otodoke_core::automation::MAX_DEPTH)
    );
}

#[tokio::test]
async fn actions_assign_hand_off_stop_a_sequence_and_switch_the_menu() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    world.says("こんにちは").await;
    running_sequence(&world, "drip").await;
    let main = published(
        &world,
        "main",
        vec![MenuAction::Message { text: "a".into() }],
    )
    .await;
    let special = published(
        &world,
        "special",
        vec![MenuAction::Message { text: "b".into() }],
    )
    .await;
    default_menu(&world, &main, vec![]).await;
    automation(
        &world,
        "start",
        Trigger::Keyword {
            keywords: vec!["start".into()],
            exact: true,
        },
        vec![AutoAction::StartSequence {
            campaign: CampaignId::new("drip").unwrap(),
        }],
    )
    .await;
    automation(
        &world,
        "vip",
        Trigger::Keyword {
            keywords: vec!["vip".into()],
            exact: true,
        },
        vec![
            AutoAction::SetAttribute {
                key: "rank".into(),
                value: Some("gold".into()),
            },
            AutoAction::AssignStaff {
                staff: Some(StaffId::new("aiko").unwrap()),
            },
            AutoAction::StopSequence {
                campaign: CampaignId::new("drip").unwrap(),
            },
            AutoAction::SwitchMenu {
                menu: Some(special.id.clone()),
            },
            AutoAction::HandOff { minutes: Some(30) },
        ],
    )
    .await;
    let envelope = world.says("start").await;
    world.handle(&envelope).await.unwrap();
    let envelope = world.says("vip").await;
    world.handle(&envelope).await.unwrap();
    let friend = world.friend(USER).await.unwrap();
    assert_eq!(
        friend.attributes.custom.get("rank").map(String::as_str),
        Some("gold")
    );
    assert_eq!(friend.assignee, Some(StaffId::new("aiko").unwrap()));
    assert!(friend
        .conversation
        .handoff_until
        .is_some_and(|u| u > world.now()));
    assert!(world
        .embedded
        .enrolments
        .active(&world.key(USER), &world.channel.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        shown(&world, USER),
        line_id(&special),
        "pinned over the default"
    );
}

#[tokio::test]
async fn an_unblock_fires_its_automation_and_a_message_after_the_answer_is_pushed() {
    let world = Setup::new(store(
        "shibuya",
        ReplyConfig {
            unblock_greeting: Some(otodoke_autoreply::Answer::text("おかえりなさい")),
            ..ReplyConfig::default()
        },
    ))
    .start()
    .await;
    automation(
        &world,
        "welcome-back",
        Trigger::Unblock,
        vec![
            AutoAction::AddTags {
                tags: tags(&["returned"]),
            },
            text("クーポンをどうぞ"),
        ],
    )
    .await;
    world.sandbox.friend_blocks(CHANNEL, USER).await.unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();
    world.sandbox.friend_unblocks(CHANNEL, USER).await.unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();
    assert!(world.friend(USER).await.unwrap().tags.contains("returned"));
    assert_eq!(
        world.texts_to(USER),
        vec!["おかえりなさい", "クーポンをどうぞ"]
    );
    assert_eq!(
        world.requests(Endpoint::Reply),
        1,
        "the greeting took the token"
    );
    assert_eq!(
        world.requests(Endpoint::Push),
        1,
        "so the automation pushed"
    );
}

#[tokio::test]
async fn a_tag_removed_trigger_assigns_a_store_and_notifies_staff() {
    let receiver = JsonReceiver::default();
    let url = receiver.start().await;
    let mut shibuya = store("shibuya", ReplyConfig::default());
    shibuya.staff_notify_url = Some(url);
    let world = Setup::new(shibuya).start().await;
    automation(
        &world,
        "tag",
        Trigger::Keyword {
            keywords: vec!["やめる".into()],
            exact: true,
        },
        vec![AutoAction::RemoveTags {
            tags: tags(&["member"]),
        }],
    )
    .await;
    automation(
        &world,
        "left",
        Trigger::TagRemoved {
            tag: "member".into(),
        },
        vec![
            AutoAction::AssignStore {
                store: Some(otodoke_core::StoreId::new("shibuya").unwrap()),
            },
            AutoAction::NotifyStaff {
                text: "会員をやめたいお客様です".into(),
            },
        ],
    )
    .await;
    let hello = world.says("こんにちは").await;
    world.handle(&hello).await.unwrap();
    let mut friend = world.friend(USER).await.unwrap();
    friend.tags.insert("member".into());
    friend.store_id = None;
    otodoke_core::ports::FriendStore::save(&*world.embedded.friends, &friend)
        .await
        .unwrap();
    let leave = world.says("やめる").await;
    world.handle(&leave).await.unwrap();
    let friend = world.friend(USER).await.unwrap();
    assert!(!friend.tags.contains("member"));
    assert_eq!(
        friend.store_id.as_ref().map(|s| s.as_str()),
        Some("shibuya")
    );
    // The store is notified of every unanswered message too; the automation's notice
    // is the one with its text.
    let notices = receiver.received();
    let ours: Vec<_> = notices
        .iter()
        .filter(|n| n["text"] == "会員をやめたいお客様です")
        .collect();
    assert_eq!(ours.len(), 1, "{notices:?}");
    assert_eq!(ours[0]["store"], "shibuya");
}
