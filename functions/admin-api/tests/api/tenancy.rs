//! Setting up a company as it would be: staff lifecycle, store settings, channels
//! that prove whose they are, safe exports and outbound URLs, lost-update
//! protection, and erasing a customer on request.

use super::support::*;
use otodoke_core::automation::{AutomationRun, Fired, RunPlan};
use otodoke_core::conversation::Direction;
use otodoke_core::organization::{LinkMode, Role};
use otodoke_core::ports::{
    AutomationStore, ConversationStore, FriendStore, LinkStore, OrganizationStore,
};
use otodoke_core::{OrgId, PageRequest, StaffId};
use serde_json::json;

#[tokio::test]
async fn a_deactivated_member_is_refused_on_their_next_request_and_a_demotion_applies_at_once() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let member = caller("acme", Role::Admin, &["shibuya"]);
    let member_id = member.staff.to_string();
    // The member is served by another instance, whose cached record expires within
    // its TTL (5 s in production; 0 here, so the test needs no sleep).
    let as_member = otodoke_fn_admin_api::router(
        world
            .state(member)
            .with_staff_cache_ttl(std::time::Duration::ZERO),
    );
    assert_eq!(
        call(&as_member, "GET", "/admin/stores/shibuya", None)
            .await
            .status,
        200
    );

    // Demoted to viewer: a write it could make a moment ago is now refused.
    let demote = json!({"display_name": "元管理者", "role": "viewer", "stores": ["shibuya"]});
    let r = call(
        &admin,
        "PUT",
        &format!("/admin/staff/{member_id}"),
        Some(demote),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let rules = json!({"rules": []});
    let r = call(
        &as_member,
        "PUT",
        "/admin/stores/shibuya/rules",
        Some(rules),
    )
    .await;
    assert_eq!(
        r.status, 403,
        "the record's new role applies on the next request"
    );

    let r = call(
        &admin,
        "POST",
        &format!("/admin/staff/{member_id}/deactivate"),
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["active"], false);
    assert_eq!(
        call(&as_member, "GET", "/admin/stores/shibuya", None)
            .await
            .status,
        401
    );

    let r = call(
        &admin,
        "POST",
        &format!("/admin/staff/{member_id}/activate"),
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        call(&as_member, "GET", "/admin/stores/shibuya", None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn nobody_deactivates_themselves_or_someone_above_their_role() {
    let world = World::new().await;
    let admin = caller("acme", Role::Admin, &[]);
    let admin_id = admin.staff.to_string();
    let as_admin = world.app(admin);
    let owner = caller("acme", Role::Owner, &[]);
    let owner_id = owner.staff.to_string();
    let _owner_app = world.app(owner);
    let r = call(
        &as_admin,
        "POST",
        &format!("/admin/staff/{admin_id}/deactivate"),
        None,
    )
    .await;
    assert_eq!(r.status, 422);
    let r = call(
        &as_admin,
        "POST",
        &format!("/admin/staff/{owner_id}/deactivate"),
        None,
    )
    .await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn nobody_changes_their_own_role_or_stores_but_their_name_is_theirs() {
    let world = World::new().await;
    let owner = caller("acme", Role::Owner, &[]);
    let owner_id = owner.staff.to_string();
    let app = world.app(owner);
    let path = format!("/admin/staff/{owner_id}");
    let demote = json!({"display_name": "山田", "role": "operator", "stores": []});
    let r = call(&app, "PUT", &path, Some(demote)).await;
    assert_eq!(r.status, 422, "{}", r.json);
    assert_eq!(r.json["details"][0]["field"], "role");
    let narrow = json!({"display_name": "山田", "role": "owner", "stores": ["shibuya"]});
    let r = call(&app, "PUT", &path, Some(narrow)).await;
    assert_eq!(r.json["details"][0]["field"], "stores", "{}", r.json);
    let r = call(&app, "GET", "/admin/me", None).await;
    assert_eq!(
        r.json["staff"]["role"], "owner",
        "nothing changed: {}",
        r.json
    );
    let rename =
        json!({"display_name": "山田", "role": "owner", "stores": [], "sender_name": "店長"});
    let r = call(&app, "PUT", &path, Some(rename)).await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["display_name"], "山田");
}

#[tokio::test]
async fn an_invited_member_gets_an_account_id_and_a_record_never_above_the_inviter() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let invite = json!({
        "email": "sato@example.com", "display_name": "佐藤", "role": "operator",
        "stores": ["shibuya"], "assigned_only": true
    });
    let r = call(&admin, "POST", "/admin/staff", Some(invite)).await;
    assert_eq!(r.status, 201, "{}", r.json);
    assert_eq!(r.json["email"], "sato@example.com");
    assert_eq!(r.json["assigned_only"], true);
    let id = StaffId::new(r.json["id"].as_str().unwrap()).unwrap();
    let stored = world
        .embedded
        .orgs
        .staff(&OrgId::new("acme").unwrap(), &id)
        .await
        .unwrap()
        .expect("the record is written");
    assert!(stored.active && stored.assigned_only);

    let above = json!({"email": "boss@example.com", "display_name": "社長", "role": "owner"});
    assert_eq!(
        call(&admin, "POST", "/admin/staff", Some(above))
            .await
            .status,
        403
    );
    let bad = json!({"email": "not-an-address", "display_name": "x", "role": "viewer"});
    let r = call(&admin, "POST", "/admin/staff", Some(bad)).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json["details"][0]["field"], "email");
}

#[tokio::test]
async fn every_store_setting_is_changed_through_the_api_and_read_back() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let before = call(&admin, "GET", "/admin/stores/shibuya", None).await;
    let version = before.json["version"].as_u64().unwrap();
    let change = json!({
        "version": version,
        "name": "渋谷2号店",
        "parent": null,
        "time_zone": "Asia/Tokyo",
        "retention_days": 90,
        "staff_notify_url": "https://hooks.example.com/otodoke",
        "monthly_budget": 1000,
        "greeting": {"messages": [{"type": "text", "text": "{name}さん、ようこそ"}]},
        "unblock_greeting": {"messages": [{"type": "text", "text": "おかえりなさい"}]},
        "fallback": {"messages": [{"type": "text", "text": "担当者からご連絡します"}]},
        "groups": "respond",
        "default_name": "お客"
    });
    let r = call(&admin, "PATCH", "/admin/stores/shibuya", Some(change)).await;
    assert_eq!(r.status, 200, "{}", r.json);
    let got = call(&admin, "GET", "/admin/stores/shibuya", None)
        .await
        .json;
    assert_eq!(got["name"], "渋谷2号店");
    assert_eq!(got["parent"], serde_json::Value::Null);
    assert_eq!(got["retention_days"], 90);
    assert_eq!(got["staff_notify_url"], "https://hooks.example.com/otodoke");
    assert_eq!(got["monthly_budget"], 1000);
    assert_eq!(
        got["greeting"]["messages"][0]["text"],
        "{name}さん、ようこそ"
    );
    assert_eq!(
        got["unblock_greeting"]["messages"][0]["text"],
        "おかえりなさい"
    );
    assert_eq!(
        got["fallback"]["messages"][0]["text"],
        "担当者からご連絡します"
    );
    assert_eq!(got["groups"], "respond");
    assert_eq!(got["default_name"], "お客");
    assert_eq!(got["version"], version + 1);

    // `null` clears a setting; leaving a field out keeps it.
    let clear = json!({"retention_days": null, "greeting": null});
    let got = call(&admin, "PATCH", "/admin/stores/shibuya", Some(clear))
        .await
        .json;
    assert_eq!(got["retention_days"], serde_json::Value::Null);
    assert_eq!(got["greeting"], serde_json::Value::Null);
    assert_eq!(got["monthly_budget"], 1000);
}

#[tokio::test]
async fn a_write_based_on_a_stale_version_is_a_409_and_changes_nothing() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let read = call(&admin, "GET", "/admin/stores/shibuya/rules", None)
        .await
        .json;
    let version = read["version"].as_u64().unwrap();
    // Another admin saves hours in between.
    let hours = json!({"hours": null, "after_hours": {"answer": null, "cool_down_minutes": 30}});
    let r = call(&admin, "PUT", "/admin/stores/shibuya/hours", Some(hours)).await;
    assert_eq!(r.status, 200);
    let stale = json!({"rules": [], "version": version});
    let r = call(&admin, "PUT", "/admin/stores/shibuya/rules", Some(stale)).await;
    assert_eq!(r.status, 409, "{}", r.json);
    let rules = call(&admin, "GET", "/admin/stores/shibuya/rules", None)
        .await
        .json;
    assert_eq!(
        rules["rules"].as_array().unwrap().len(),
        1,
        "the rules are as they were"
    );
    let stale_store = json!({"name": "x", "version": version});
    let r = call(&admin, "PATCH", "/admin/stores/shibuya", Some(stale_store)).await;
    assert_eq!(r.status, 409);
}

#[tokio::test]
async fn a_store_is_deleted_only_once_nothing_depends_on_it() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    // kanto has shibuya below it; shibuya has a friend; osaka has a channel.
    for store in ["kanto", "shibuya", "osaka"] {
        let r = call(&admin, "DELETE", &format!("/admin/stores/{store}"), None).await;
        assert_eq!(r.status, 409, "{store}: {}", r.json);
    }
    let new = json!({"id": "nagoya", "name": "名古屋", "parent": "kanto"});
    assert_eq!(
        call(&admin, "POST", "/admin/stores", Some(new))
            .await
            .status,
        201
    );
    assert_eq!(
        call(&admin, "DELETE", "/admin/stores/nagoya", None)
            .await
            .status,
        204
    );
    assert_eq!(
        call(&admin, "GET", "/admin/stores/nagoya", None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_notification_url_must_be_public_https() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    for url in [
        "http://hooks.example.com/x",
        "https://127.0.0.1/x",
        "https://169.254.169.254/latest/meta-data",
        "https://10.1.2.3/x",
        "https://localhost/x",
    ] {
        let r = call(
            &admin,
            "PATCH",
            "/admin/stores/shibuya",
            Some(json!({"staff_notify_url": url})),
        )
        .await;
        assert_eq!(r.status, 422, "{url}");
        assert_eq!(r.json["details"][0]["field"], "staff_notify_url");
    }
}

#[tokio::test]
async fn the_csv_export_never_hands_excel_a_live_formula() {
    let world = World::new().await;
    let org = OrgId::new("acme").unwrap();
    let mut friend = world
        .embedded
        .friends
        .friend(&key(U_SHIBUYA))
        .await
        .unwrap()
        .unwrap();
    friend.display_name = Some("=HYPERLINK(\"https://evil.example\",\"click\")".into());
    world.embedded.friends.save(&friend).await.unwrap();
    let message = entry(
        "01Z",
        U_SHIBUYA,
        "shibuya",
        "2026-11-20T03:00:00Z",
        Direction::Inbound,
        "=HYPERLINK(\"https://evil.example\",\"今すぐ\")",
    );
    world.embedded.conversations.append(&message).await.unwrap();
    let _ = org;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(
        &app,
        "GET",
        "/admin/stores/shibuya/conversations.csv?from=2026-11-01&to=2026-11-30",
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    let csv = String::from_utf8(r.bytes).unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\""),
        "{csv}"
    );
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"今すぐ\"\")\""),
        "{csv}"
    );
    for line in csv.lines() {
        for cell in line.split("\",\"") {
            let cell = cell.trim_start_matches('\u{feff}').trim_start_matches('"');
            assert!(!cell.starts_with('='), "a live formula in {line}");
        }
    }
}

#[tokio::test]
async fn a_channel_is_connected_only_with_a_token_that_proves_it() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let connect = |id: &str, token: &str, bot: Option<&str>| {
        let mut body = json!({
            "id": id, "provider": PROVIDER, "plan": {"kind": "light"},
            "channel_secret": "s", "access_token": token
        });
        if let Some(bot) = bot {
            body["bot_user_id"] = bot.into();
        }
        body
    };
    // A token LINE does not know.
    let r = call(
        &admin,
        "POST",
        "/admin/channels",
        Some(connect("2000000002", "forged", None)),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.json);
    assert_eq!(r.json["details"][0]["field"], "access_token");
    // A bot user id other than the token's.
    let wrong_bot = Some("U2000000000000000000000000000000f");
    let r = call(
        &admin,
        "POST",
        "/admin/channels",
        Some(connect("2000000002", "other-token", wrong_bot)),
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json["details"][0]["field"], "bot_user_id");
    // The token decides the identity.
    let r = call(
        &admin,
        "POST",
        "/admin/channels",
        Some(connect("2000000002", "other-token", None)),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.json);
    assert_eq!(r.json["bot_user_id"], "U2000000000000000000000000000000e");

    // Another organization cannot take the same channel id, nor the same bot under
    // another id, and is not told whose it is.
    let globex = world.app(caller("globex", Role::Owner, &[]));
    for body in [
        connect("2000000002", "other-token", None),
        connect("2999999999", "other-token", None),
    ] {
        let r = call(&globex, "POST", "/admin/channels", Some(body)).await;
        assert_eq!(r.status, 409, "{}", r.json);
        assert!(!String::from_utf8_lossy(&r.bytes).contains("acme"));
    }
}

#[tokio::test]
async fn a_channel_per_store_organization_connects_each_channel_to_a_store() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let r = call(
        &admin,
        "PATCH",
        "/admin/organizations/acme",
        Some(json!({"link_mode": "channel_per_store"})),
    )
    .await;
    assert_eq!(r.status, 200);
    let body = json!({
        "id": "2000000001", "provider": PROVIDER, "plan": {"kind": "light"},
        "channel_secret": "s", "access_token": "very-secret-token"
    });
    let r = call(&admin, "POST", "/admin/channels", Some(body.clone())).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json["details"][0]["field"], "store_id");
    let mut with_store = body;
    with_store["store_id"] = "shibuya".into();
    let r = call(&admin, "POST", "/admin/channels", Some(with_store)).await;
    assert_eq!(r.status, 201, "{}", r.json);
    let _ = LinkMode::ChannelPerStore;
}

#[tokio::test]
async fn erasing_a_customer_removes_them_everywhere_and_says_how_much() {
    let world = World::new().await;
    let operator = world.app(caller("acme", Role::Operator, &[]));
    let path = format!("/admin/friends/{PROVIDER}/{U_SHIBUYA}");
    assert_eq!(call(&operator, "DELETE", &path, None).await.status, 403);
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let run = AutomationRun {
        org: OrgId::new("acme").unwrap(),
        id: "ev-1".into(),
        friend: key(U_SHIBUYA),
        channel: otodoke_core::ChannelId::new("2000000001").unwrap(),
        at: "2026-11-02T00:00:00Z".parse().unwrap(),
        fired: Fired::Follow,
        plan: RunPlan::default(),
        outcome: None,
    };
    world.embedded.automations.begin_run(&run).await.unwrap();
    let org = OrgId::new("acme").unwrap();
    let source = otodoke_core::link::LinkSource::Campaign {
        campaign: otodoke_core::CampaignId::new(C_SHIBUYA).unwrap(),
    };
    let link = otodoke_core::link::TrackedLink::new(&org, "https://shop.example/", &source, now())
        .unwrap();
    let links = &world.embedded.links;
    links.register(&link).await.unwrap();
    links
        .record_click(&org, &link.id, Some(&key(U_SHIBUYA)), now())
        .await
        .unwrap();
    let r = call(&admin, "DELETE", &path, None).await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(
        r.json,
        json!({"friend": true, "messages": 2, "enrolments": 0, "threads": 0, "media": 0, "automation_runs": 1, "link_clicks": 1})
    );
    assert_eq!(call(&admin, "GET", &path, None).await.status, 404);
    let clicks = links
        .clicks(&org, &link.id, PageRequest::first(10))
        .await
        .unwrap();
    assert!(clicks.items.is_empty(), "who clicked goes; the totals stay");
    let runs = world
        .embedded
        .automations
        .runs_for_friend(&key(U_SHIBUYA), PageRequest::first(10))
        .await
        .unwrap();
    assert!(
        runs.items.is_empty(),
        "the customer's automation runs go too"
    );
    let history = world
        .embedded
        .conversations
        .history(&key(U_SHIBUYA), PageRequest::first(10))
        .await
        .unwrap();
    assert!(history.items.is_empty());
    let csv = call(
        &admin,
        "GET",
        "/admin/stores/shibuya/conversations.csv?from=2026-11-01&to=2026-11-30",
        None,
    )
    .await;
    assert!(!String::from_utf8_lossy(&csv.bytes).contains(U_SHIBUYA));
    // A second request finds nothing to erase.
    assert_eq!(call(&admin, "DELETE", &path, None).await.status, 404);
}

fn rules_answering(answer: &str) -> serde_json::Value {
    json!({"rules": [{"id": "hours", "kind": "partial", "keywords": ["営業時間"],
        "answer": {"messages": [{"type": "text", "text": answer}]}}]})
}

async fn preview_text(app: &axum::Router, store: &str, text: &str) -> serde_json::Value {
    let body = json!({"message": {"type": "text", "text": text}, "at": "2026-11-20T03:00:00Z"});
    let r = call(
        app,
        "POST",
        &format!("/admin/stores/{store}/preview"),
        Some(body),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    r.json
}

#[tokio::test]
async fn a_rule_set_on_a_region_answers_below_it_and_a_store_overrides_it() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let kanto_rules = rules_answering("関東の店舗は10時から20時まで");
    let r = call(
        &admin,
        "PUT",
        "/admin/stores/kanto/rules",
        Some(kanto_rules),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    for id in ["ueno", "ebisu"] {
        let new = json!({"id": id, "name": id, "parent": "kanto"});
        assert_eq!(
            call(&admin, "POST", "/admin/stores", Some(new))
                .await
                .status,
            201
        );
    }
    let own = rules_answering("恵比寿店は24時間営業です");
    assert_eq!(
        call(&admin, "PUT", "/admin/stores/ebisu/rules", Some(own))
            .await
            .status,
        200
    );

    let ueno = preview_text(&admin, "ueno", "営業時間を教えて").await;
    assert!(
        ueno.to_string().contains("関東の店舗は10時から20時まで"),
        "{ueno}"
    );
    let ebisu = preview_text(&admin, "ebisu", "営業時間を教えて").await;
    assert!(
        ebisu.to_string().contains("恵比寿店は24時間営業です"),
        "{ebisu}"
    );
    assert!(!ebisu.to_string().contains("関東の店舗"), "{ebisu}");

    let sources = call(&admin, "GET", "/admin/stores/ueno/reply", None)
        .await
        .json;
    assert_eq!(
        sources["sources"]["rules"],
        json!({"kind": "ancestor", "id": "kanto"})
    );
    let sources = call(&admin, "GET", "/admin/stores/ebisu/reply", None)
        .await
        .json;
    assert_eq!(
        sources["sources"]["rules"],
        json!({"kind": "store", "id": "ebisu"})
    );
    assert!(!sources["inherits"]
        .as_array()
        .unwrap()
        .contains(&json!("rules")));
}

#[tokio::test]
async fn the_organizations_defaults_reach_every_store_that_owns_nothing_above_it() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let defaults = json!({"config": {"greeting": {"messages": [{"type": "text", "text": "全店共通のごあいさつ"}]}}});
    let r = call(
        &admin,
        "PUT",
        "/admin/organizations/acme/reply",
        Some(defaults),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let new = json!({"id": "nagoya", "name": "名古屋"});
    assert_eq!(
        call(&admin, "POST", "/admin/stores", Some(new))
            .await
            .status,
        201
    );
    let got = call(&admin, "GET", "/admin/stores/nagoya/reply", None)
        .await
        .json;
    assert_eq!(got["sources"]["greeting"], json!({"kind": "organization"}));
    assert_eq!(
        got["config"]["greeting"]["messages"][0]["text"],
        "全店共通のごあいさつ"
    );
    // Setting the store's own greeting makes it the store's.
    let own = json!({"greeting": {"messages": [{"type": "text", "text": "名古屋店へようこそ"}]}});
    assert_eq!(
        call(&admin, "PATCH", "/admin/stores/nagoya", Some(own))
            .await
            .status,
        200
    );
    let got = call(&admin, "GET", "/admin/stores/nagoya/reply", None)
        .await
        .json;
    assert_eq!(
        got["sources"]["greeting"],
        json!({"kind": "store", "id": "nagoya"})
    );
    // Only an unrestricted admin changes the organization's defaults.
    let scoped = world.app(caller("acme", Role::Admin, &["kanto"]));
    let r = call(
        &scoped,
        "PUT",
        "/admin/organizations/acme/reply",
        Some(json!({"config": {}})),
    )
    .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn me_says_who_the_caller_is_and_what_their_record_allows() {
    let world = World::new().await;
    let viewer = world.app(caller("acme", Role::Viewer, &["kanto"]));
    let me = call(&viewer, "GET", "/admin/me", None).await;
    assert_eq!(me.status, 200, "{}", me.json);
    assert_eq!(me.json["organization"], "acme");
    assert_eq!(me.json["staff"]["role"], "viewer");
    assert_eq!(me.json["staff"]["stores"], json!(["kanto"]));
    assert_eq!(me.json["can"]["read"], true);
    assert_eq!(me.json["can"]["operate"], false);
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let me = call(&admin, "GET", "/admin/me", None).await.json;
    assert_eq!(me["can"]["administer"], true);
    assert_eq!(me["can"]["own"], false);
}
