use crate::support::*;
use jiff::civil::Time;
use jiff::SignedDuration;
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_core::campaign::{Audience, Campaign, CampaignStatus, Progress, Schedule, Step};
use otodoke_core::friend::{FollowState, Friend};
use otodoke_core::ports::{CampaignStore, EnrolmentStore, FriendStore, OrganizationStore};
use otodoke_core::{CampaignId, StaffId};
use otodoke_responder::Handled;

fn greeting_config() -> ReplyConfig {
    ReplyConfig {
        greeting: Some(Answer::text("{name}さん、{store}へようこそ")),
        unblock_greeting: Some(Answer::text("{name}さん、おかえりなさい")),
        ..ReplyConfig::default()
    }
}

async fn running_sequence(world: &World, id: &str, step: Step) {
    running_sequence_for(world, id, step, Audience::default()).await
}

async fn running_sequence_for(world: &World, id: &str, step: Step, audience: Audience) {
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
            audience,
            schedule: Schedule::Sequence { steps: vec![step] },
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

fn step(offset_days: u32, at: Option<Time>) -> Step {
    Step {
        offset_days,
        at_local_time: at,
        messages: vec![serde_json::json!({"type": "text", "text": "step"})],
    }
}

#[tokio::test]
async fn a_follow_is_greeted_with_the_profile_name_and_the_friend_is_recorded() {
    let world = Setup::new(store("shibuya", greeting_config()))
        .start()
        .await;
    world
        .sandbox
        .friend_follows(CHANNEL, OTHER_USER)
        .await
        .unwrap();
    let handled = world.handle(&world.next_envelope().await).await.unwrap();

    assert_eq!(handled, Handled::Replied);
    // The sandbox names friends it creates on follow "Sandbox Friend".
    assert_eq!(
        world.texts_to(OTHER_USER),
        ["Sandbox Friendさん、shibuya店へようこそ"]
    );
    let friend = world.friend(OTHER_USER).await.unwrap();
    assert_eq!(friend.display_name.as_deref(), Some("Sandbox Friend"));
    assert!(friend.follows(&world.channel.id));
    assert!(friend.channels[&world.channel.id].followed_at.is_some());
    assert_eq!(friend.store_id, Some(store_id("shibuya")));
    let history = world.history(OTHER_USER).await;
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].sender,
        otodoke_core::conversation::Sender::Greeting
    );
}

#[tokio::test]
async fn an_unblock_is_greeted_with_the_unblock_message() {
    let world = Setup::new(store("shibuya", greeting_config()))
        .start()
        .await;
    world.sandbox.friend_blocks(CHANNEL, USER).await.unwrap();
    assert_eq!(
        world.handle(&world.next_envelope().await).await.unwrap(),
        Handled::Recorded
    );
    world.sandbox.friend_unblocks(CHANNEL, USER).await.unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();

    assert_eq!(world.texts_to(USER), ["花子さん、おかえりなさい"]);
    assert!(world.friend(USER).await.unwrap().follows(&world.channel.id));
}

#[tokio::test]
async fn an_unfollow_marks_the_friend_blocked_and_stops_their_enrolments() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    running_sequence(&world, "welcome", step(0, None)).await;
    world.sandbox.friend_follows(CHANNEL, USER).await.unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();
    let later = world.now() + SignedDuration::from_hours(1);
    assert_eq!(
        world
            .embedded
            .enrolments
            .due(later, 10)
            .await
            .unwrap()
            .len(),
        1
    );

    world.sandbox.friend_blocks(CHANNEL, USER).await.unwrap();
    let handled = world.handle(&world.next_envelope().await).await.unwrap();

    assert_eq!(handled, Handled::Recorded);
    let friend = world.friend(USER).await.unwrap();
    let link = &friend.channels[&world.channel.id];
    assert_eq!(link.state, FollowState::Blocked);
    assert!(link.blocked_at.is_some());
    assert!(world
        .embedded
        .enrolments
        .due(later, 10)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_tag_filtered_sequence_enrols_only_followers_with_the_tag() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    let vip = Audience {
        tags_all: ["VIP".to_owned()].into(),
        ..Audience::default()
    };
    running_sequence_for(&world, "vip-welcome", step(0, None), vip).await;
    // The first was tagged VIP by staff before following; the second is a stranger.
    let users = [
        "U00000000000000000000000000000001",
        "U00000000000000000000000000000002",
    ];
    let mut tagged = Friend::new(world.key(users[0]), world.now());
    tagged.tags.insert("VIP".into());
    world.embedded.friends.save(&tagged).await.unwrap();
    for user in users {
        world.sandbox.friend_follows(CHANNEL, user).await.unwrap();
        world.handle(&world.next_envelope().await).await.unwrap();
    }

    let later = world.now() + SignedDuration::from_hours(1);
    let enrolled: Vec<String> = world
        .embedded
        .enrolments
        .due(later, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.friend.user_id.to_string())
        .collect();
    assert_eq!(enrolled, [users[0]], "only the VIP follower is enrolled");
}

#[tokio::test]
async fn a_new_friend_keeps_its_own_store_else_the_channels_else_the_defaults() {
    let world = Setup::new(store("shibuya", ReplyConfig::default()))
        .start()
        .await;
    let users = [
        "U00000000000000000000000000000001",
        "U00000000000000000000000000000002",
        "U00000000000000000000000000000003",
        "U00000000000000000000000000000004",
    ];
    // 1: staff assigned the friend to osaka before the follow.
    let mut preassigned = Friend::new(world.key(users[0]), world.now());
    preassigned.store_id = Some(store_id("osaka"));
    world.embedded.friends.save(&preassigned).await.unwrap();
    // 2: the channel's store; 3: the channel's default store; 4: the organization's.
    let mut channel = world.channel.clone();
    let mut assigned = Vec::new();
    for (i, user) in users.iter().enumerate() {
        match i {
            1 => channel.store_id = Some(store_id("kyoto")),
            2 => {
                channel.store_id = None;
                channel.default_store = Some(store_id("nagoya"));
            }
            3 => channel.default_store = None,
            _ => {}
        }
        world.embedded.orgs.put_channel(&channel).await.unwrap();
        world.sandbox.friend_follows(CHANNEL, user).await.unwrap();
        world.handle(&world.next_envelope().await).await.unwrap();
        assigned.push(
            world
                .friend(user)
                .await
                .unwrap()
                .store_id
                .unwrap()
                .to_string(),
        );
    }
    assert_eq!(assigned, ["osaka", "kyoto", "nagoya", "shibuya"]);
}

#[tokio::test]
async fn the_first_step_is_due_at_its_local_time_in_the_stores_zone() {
    let mut new_york = store("manhattan", ReplyConfig::default());
    new_york.time_zone = "America/New_York".into();
    // 2026-11-20 07:00 in New York.
    let world = Setup::new(new_york)
        .at("2026-11-20T12:00:00Z")
        .start()
        .await;
    running_sequence(&world, "day-one", step(1, Some(Time::constant(9, 0, 0, 0)))).await;
    world.sandbox.friend_follows(CHANNEL, USER).await.unwrap();
    world.handle(&world.next_envelope().await).await.unwrap();

    let enrolments = world
        .embedded
        .enrolments
        .due(at("2026-12-31T00:00:00Z"), 10)
        .await
        .unwrap();
    assert_eq!(enrolments.len(), 1);
    assert_eq!(enrolments[0].next_step, 0);
    // The next day at 09:00 New York time (EST, UTC-5).
    assert_eq!(enrolments[0].due_at, at("2026-11-21T14:00:00Z"));
}

#[tokio::test]
async fn a_standby_follow_records_the_friend_without_calling_line() {
    let world = Setup::new(store("shibuya", greeting_config()))
        .start()
        .await;
    world
        .sandbox
        .friend_follows(CHANNEL, OTHER_USER)
        .await
        .unwrap();
    let envelope = edited(&world.next_envelope().await, |event| {
        event["mode"] = "standby".into();
        event.as_object_mut().unwrap().remove("replyToken");
    });
    let handled = world.handle(&envelope).await.unwrap();

    assert_eq!(handled, Handled::Silent);
    assert_eq!(world.all_requests(), 0);
    assert!(world
        .friend(OTHER_USER)
        .await
        .unwrap()
        .follows(&world.channel.id));
}
