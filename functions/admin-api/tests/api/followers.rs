//! Importing a channel's existing friends from LINE's followers list: 1,000
//! followers from the sandbox at LINE's pace, a killed import resumed, the 403 of an
//! account that may not list its followers.

use crate::support::*;
use otodoke_core::friend::{ChannelLink, FollowState, Friend};
use otodoke_core::import::Pace;
use otodoke_core::organization::Role;
use otodoke_core::ports::{FriendStore, ImportStore, OrganizationStore};
use otodoke_core::{ChannelId, OrgId, PageRequest, StoreId};
use otodoke_fn_admin_api::{router, AppState, Caller, Ports};
use otodoke_line_sandbox::{Endpoint, NewFriend, Sandbox, SandboxHandle};
use serde_json::json;
use std::time::{Duration, Instant};

const OPEN: &str = "2100000001";
const CLOSED: &str = "2100000002";

async fn line() -> SandboxHandle {
    Sandbox::builder()
        .channel(line_channel(
            OPEN,
            "U2100000000000000000000000000000a",
            "open-secret",
            "open-token",
        ))
        .channel(
            line_channel(
                CLOSED,
                "U2100000000000000000000000000000b",
                "closed-secret",
                "closed-token",
            )
            .followers_api(false),
        )
        .start()
        .await
        .unwrap()
}

/// The admin API as `caller`, talking to `line`, importing `page_size` ids a page.
fn app(world: &World, line: &SandboxHandle, caller: &Caller, page_size: u32) -> axum::Router {
    futures::executor::block_on(world.embedded.orgs.put_staff(&staff_record(caller))).unwrap();
    let ports = Ports::embedded(
        &world.embedded,
        world.secrets.clone(),
        world.planning.clone(),
        &line.base_url(),
    );
    let mut state = AppState::new(ports, dev_auth(caller)).with_clock(now);
    state.import_pace = Pace {
        page_size,
        ..Pace::default()
    };
    router(state)
}

async fn connect(app: &axum::Router, id: &str, token: &str) {
    let body = json!({
        "id": id, "provider": PROVIDER, "plan": {"kind": "light"}, "default_store": "shibuya",
        "channel_secret": "s", "access_token": token
    });
    let r = call(app, "POST", "/admin/channels", Some(body)).await;
    assert_eq!(r.status, 201, "{}", r.json);
}

fn path(channel: &str) -> String {
    format!("/admin/channels/{channel}/import-followers")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_followers_are_imported_at_lines_pace_and_a_killed_import_resumes() {
    let world = World::new().await;
    let line = line().await;
    let admin_caller = caller("acme", Role::Admin, &[]);
    let admin = app(&world, &line, &admin_caller, 100);
    connect(&admin, OPEN, "open-token").await;
    let org = OrgId::new("acme").unwrap();
    let channel = ChannelId::new(OPEN).unwrap();

    // 1,000 followers on LINE: 998 otodoke never saw, one it knows as following
    // (assigned to osaka, renamed since), one it knows as blocked.
    let bulk = line.add_friends(OPEN, 998).unwrap();
    let known = |n: u32, state: FollowState| {
        let mut friend = Friend::new(key(&format!("U21{n:030x}")), now());
        friend.display_name = Some("old name".into());
        friend.store_id = Some(StoreId::new("osaka").unwrap());
        friend.channels.insert(
            channel.clone(),
            ChannelLink {
                state,
                followed_at: None,
                blocked_at: None,
            },
        );
        friend
    };
    let (following, blocked) = (
        known(1, FollowState::Following),
        known(2, FollowState::Blocked),
    );
    for friend in [&following, &blocked] {
        world.embedded.friends.save(friend).await.unwrap();
        let new = NewFriend {
            user_id: Some(friend.key.user_id.to_string()),
            display_name: Some("新しい名前".into()),
            ..NewFriend::default()
        };
        line.add_friend(OPEN, new).unwrap();
    }

    // A first call limited to 3 pages.
    let r = call(&admin, "POST", &format!("{}?max_pages=3", path(OPEN)), None).await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["status"], "in_progress");
    assert_eq!(
        (r.json["imported"].as_u64(), r.json["pages"].as_u64()),
        (Some(300), Some(3))
    );
    assert!(r.json["next"].is_string());

    // A second call killed in the middle of its first page (the request future is
    // dropped, as when a Lambda times out): nothing of that page is counted.
    let killed = tokio::time::timeout(
        Duration::from_millis(40),
        call(&admin, "POST", &path(OPEN), None),
    )
    .await;
    assert!(killed.is_err(), "the slice was still running when killed");
    let saved = world
        .embedded
        .orgs
        .import_checkpoint(&org, &channel)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (saved.pages, saved.imported),
        (3, 300),
        "resumes from page 4"
    );

    // The next call finishes from the checkpoint, at LINE's pace.
    let profiles_before = line.stats().endpoint(Endpoint::Profile).succeeded;
    let started = Instant::now();
    let r = call(&admin, "POST", &path(OPEN), None).await;
    let elapsed = started.elapsed();
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["status"], "done", "{}", r.json);
    assert_eq!(r.json["imported"], 1_000, "every follower once: {}", r.json);
    assert_eq!(r.json["pages"], 10);
    assert_eq!(r.json["kept_blocked"], 1);
    assert_eq!(r.json["no_profile"], 0);
    let (created, updated) = (
        r.json["created"].as_u64().unwrap(),
        r.json["updated"].as_u64().unwrap(),
    );
    assert_eq!(created + updated, 999);
    assert!(created <= 998 && updated >= 1, "{}", r.json);
    assert!(r.json.get("next").is_none_or(|n| n.is_null()));

    // Paced: profiles at most 1,000 a second, and LINE never said 429.
    let profiles = line.stats().endpoint(Endpoint::Profile).succeeded - profiles_before;
    assert!(profiles >= 699, "{profiles} profiles in the last call");
    let rate = profiles as f64 / elapsed.as_secs_f64();
    eprintln!(
        "follower import: {profiles} profiles + {} pages in {elapsed:?} = {rate:.0} profiles/s",
        r.json["pages_this_call"]
    );
    assert!(
        rate <= 1_050.0,
        "{rate:.0} profiles/s is faster than the pace"
    );
    for endpoint in [Endpoint::Profile, Endpoint::Followers] {
        assert_eq!(
            line.stats().endpoint(endpoint).rate_limited,
            0,
            "{endpoint}"
        );
    }

    // Every follower is a friend exactly once, following this channel.
    let listed = world
        .embedded
        .friends
        .by_channel(
            &org,
            &channel,
            FollowState::Following,
            PageRequest::first(2_000),
        )
        .await
        .unwrap();
    let mut ids: Vec<String> = listed
        .items
        .iter()
        .map(|f| f.key.user_id.to_string())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 999);
    for id in bulk.user_ids() {
        assert!(ids.binary_search(&id).is_ok(), "{id} was not imported");
    }
    let new = listed
        .items
        .iter()
        .find(|f| f.key.user_id.as_str() == bulk.user_id(0))
        .unwrap();
    assert_eq!(new.store_id, Some(StoreId::new("shibuya").unwrap()));
    assert!(new
        .display_name
        .as_deref()
        .is_some_and(|n| n.starts_with("Friend ")));
    let refreshed = world
        .embedded
        .friends
        .friend(&following.key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(refreshed.display_name.as_deref(), Some("新しい名前"));
    assert_eq!(
        refreshed.store_id,
        Some(StoreId::new("osaka").unwrap()),
        "store kept"
    );
    let still_blocked = world
        .embedded
        .friends
        .friend(&blocked.key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still_blocked.channels[&channel].state, FollowState::Blocked);
    assert_eq!(still_blocked.display_name.as_deref(), Some("old name"));

    // After `done`, a call starts a new pass that creates nothing.
    let r = call(&admin, "POST", &path(OPEN), None).await;
    assert_eq!(r.json["status"], "done", "{}", r.json);
    assert_eq!(
        (r.json["imported"].as_u64(), r.json["created"].as_u64()),
        (Some(1_000), Some(0))
    );
    assert_eq!(r.json["updated"], 999);
}

#[tokio::test]
async fn an_account_that_may_not_list_followers_answers_unavailable_with_lines_reason() {
    let world = World::new().await;
    let line = line().await;
    let admin = app(&world, &line, &caller("acme", Role::Admin, &[]), 1_000);
    connect(&admin, CLOSED, "closed-token").await;
    line.add_friends(CLOSED, 5).unwrap();
    let r = call(&admin, "POST", &path(CLOSED), None).await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["status"], "unavailable");
    assert_eq!(r.json["imported"], 0);
    let message = r.json["message"].as_str().unwrap();
    assert!(
        message.contains("Access to this API is not available for your account"),
        "{message}"
    );
    let org = OrgId::new("acme").unwrap();
    let listed = world
        .embedded
        .friends
        .by_channel(
            &org,
            &ChannelId::new(CLOSED).unwrap(),
            FollowState::Following,
            PageRequest::first(10),
        )
        .await
        .unwrap();
    assert!(listed.items.is_empty());
}

#[tokio::test]
async fn only_admins_of_all_stores_import_and_max_pages_is_checked() {
    let world = World::new().await;
    let line = line().await;
    let admin = app(&world, &line, &caller("acme", Role::Admin, &[]), 1_000);
    connect(&admin, OPEN, "open-token").await;
    let operator = app(&world, &line, &caller("acme", Role::Operator, &[]), 1_000);
    assert_eq!(call(&operator, "POST", &path(OPEN), None).await.status, 403);
    let r = call(&admin, "POST", &format!("{}?max_pages=0", path(OPEN)), None).await;
    assert_eq!(r.status, 422, "{}", r.json);
    assert_eq!(r.json["details"][0]["field"], "max_pages");
    let other = app(&world, &line, &caller("globex", Role::Owner, &[]), 1_000);
    assert_eq!(call(&other, "POST", &path(OPEN), None).await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channels_insight_shows_lines_follower_counts_and_demographics() {
    let world = World::new().await;
    let line = line().await;
    let admin_caller = caller("acme", Role::Admin, &[]);
    let admin = app(&world, &line, &admin_caller, 100);
    connect(&admin, OPEN, "open-token").await;
    line.add_friends(OPEN, 40).unwrap();

    let r = call(
        &admin,
        "GET",
        &format!("/admin/channels/{OPEN}/insight"),
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    // LINE counts yesterday's followers: the sandbox's are all from today.
    assert_eq!(r.json["status"], "ready");
    assert_eq!(r.json["followers"], 40);
    assert_eq!(r.json["blocks"], 0);
    assert_eq!(r.json["demographics_available"], true);
    let total: f64 = r.json["app_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["percentage"].as_f64().unwrap())
        .sum();
    assert!((total - 100.0).abs() < 0.2, "{total}");
    // LINE computes them once a day: a reload is answered from what was read.
    let again = call(
        &admin,
        "GET",
        &format!("/admin/channels/{OPEN}/insight"),
        None,
    )
    .await;
    assert_eq!(again.json, r.json);
    for endpoint in [Endpoint::InsightFollowers, Endpoint::InsightDemographic] {
        assert_eq!(line.stats().endpoint(endpoint).succeeded, 1, "{endpoint:?}");
    }

    let stranger = app(&world, &line, &caller("beta", Role::Owner, &[]), 100);
    let r = call(
        &stranger,
        "GET",
        &format!("/admin/channels/{OPEN}/insight"),
        None,
    )
    .await;
    assert_eq!(r.status, 404);
}
