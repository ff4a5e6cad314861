//! `GET /admin/links`: a campaign's or an automation's tracked links with their
//! counts, for any role of the organization; exactly one of the two ids.

use crate::support::*;
use otodoke_core::automation::{AutoAction, Automation, Trigger};
use otodoke_core::link::{LinkSource, TrackedLink};
use otodoke_core::organization::Role;
use otodoke_core::ports::{AutomationStore, LinkStore};
use otodoke_core::{AutomationId, CampaignId, OrgId};
use serde_json::json;

async fn register(world: &World, url: &str, source: LinkSource) -> TrackedLink {
    let org = OrgId::new("acme").unwrap();
    let link = TrackedLink::new(&org, url, &source, now()).unwrap();
    world.embedded.links.register(&link).await.unwrap();
    link
}

#[tokio::test]
async fn a_viewer_sees_a_campaigns_links_per_step_with_clicks_and_friends() {
    let world = World::new().await;
    let campaign = CampaignId::new(C_SHIBUYA).unwrap();
    let own = register(
        &world,
        "https://shop.example/sale",
        LinkSource::Campaign {
            campaign: campaign.clone(),
        },
    )
    .await;
    let step = register(
        &world,
        "https://shop.example/day2",
        LinkSource::Step {
            campaign: campaign.clone(),
            step: 1,
        },
    )
    .await;
    let org = OrgId::new("acme").unwrap();
    let friend = key(U_SHIBUYA);
    let links = &world.embedded.links;
    links
        .record_click(&org, &own.id, None, now())
        .await
        .unwrap();
    for _ in 0..2 {
        links
            .record_click(&org, &step.id, Some(&friend), now())
            .await
            .unwrap();
    }
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(
        &app,
        "GET",
        &format!("/admin/links?campaign_id={C_SHIBUYA}"),
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let items = r.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{}", r.json);
    let by_url = |url: &str| items.iter().find(|i| i["url"] == url).unwrap().clone();
    let sale = by_url("https://shop.example/sale");
    assert_eq!(sale["link_id"], own.id.as_str());
    assert_eq!(sale["step"], json!(null));
    assert_eq!(
        (sale["clicks"].as_u64(), sale["friends"].as_u64()),
        (Some(1), Some(0))
    );
    let day2 = by_url("https://shop.example/day2");
    assert_eq!(day2["step"], 1);
    assert_eq!(
        (day2["clicks"].as_u64(), day2["friends"].as_u64()),
        (Some(2), Some(1))
    );
}

#[tokio::test]
async fn an_automations_links_are_listed_by_its_id() {
    let world = World::new().await;
    let org = OrgId::new("acme").unwrap();
    let id = AutomationId::new("welcome").unwrap();
    world
        .embedded
        .automations
        .save_automation(&Automation {
            org: org.clone(),
            id: id.clone(),
            name: "welcome".into(),
            enabled: true,
            channel: None,
            trigger: Trigger::Follow,
            actions: vec![AutoAction::AddTags {
                tags: vec!["new".into()],
            }],
            updated_at: now(),
            version: 0,
        })
        .await
        .unwrap();
    register(
        &world,
        "https://shop.example/coupon",
        LinkSource::Automation {
            automation: id.clone(),
        },
    )
    .await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(&app, "GET", "/admin/links?automation_id=welcome", None).await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["items"][0]["url"], "https://shop.example/coupon");
    assert_eq!(r.json["items"][0]["step"], json!(null));

    let stranger = world.app(caller("globex", Role::Owner, &[]));
    let r = call(&stranger, "GET", "/admin/links?automation_id=welcome", None).await;
    assert_eq!(
        r.status, 404,
        "another organization's automation: {}",
        r.json
    );
    let r = call(&app, "GET", "/admin/links?automation_id=nothing", None).await;
    assert_eq!(r.status, 404, "{}", r.json);
}

#[tokio::test]
async fn neither_or_both_ids_is_a_422_and_a_campaign_outside_the_callers_stores_is_a_404() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    for path in [
        "/admin/links".to_string(),
        format!("/admin/links?campaign_id={C_SHIBUYA}&automation_id=welcome"),
    ] {
        let r = call(&app, "GET", &path, None).await;
        assert_eq!(r.status, 422, "{path}: {}", r.json);
        assert_eq!(r.json["details"][0]["field"], "campaign_id", "{path}");
    }
    let shibuya = world.app(caller("acme", Role::Owner, &["shibuya"]));
    let r = call(
        &shibuya,
        "GET",
        &format!("/admin/links?campaign_id={C_OSAKA}"),
        None,
    )
    .await;
    assert_eq!(r.status, 404, "{}", r.json);
    let stranger = world.app(caller("globex", Role::Owner, &[]));
    let r = call(
        &stranger,
        "GET",
        &format!("/admin/links?campaign_id={C_SHIBUYA}"),
        None,
    )
    .await;
    assert_eq!(r.status, 404, "{}", r.json);
}

#[tokio::test]
async fn a_staff_edits_automation_tracks_links_under_the_configured_base_whatever_the_host() {
    let world = World::new().await;
    let org = OrgId::new("acme").unwrap();
    let id = AutomationId::new("vip-coupon").unwrap();
    world
        .embedded
        .automations
        .save_automation(&Automation {
            org: org.clone(),
            id: id.clone(),
            name: "vip coupon".into(),
            enabled: true,
            channel: None,
            trigger: Trigger::TagAdded { tag: "gold".into() },
            actions: vec![AutoAction::Send {
                messages: vec![json!({"type": "text", "text": "https://shop.example/coupon"})],
                track_links: true,
            }],
            updated_at: now(),
            version: 0,
        })
        .await
        .unwrap();
    let caller = caller("acme", Role::Operator, &[]);
    let tracking = |base: &str| otodoke_automation::LinkTracking {
        links: world.embedded.links.clone(),
        key: otodoke_core::link::LinkKey::new(vec![7u8; 32]).unwrap(),
        base: base.into(),
    };
    let tag = |state: otodoke_fn_admin_api::AppState, host: &'static str| async move {
        let app = otodoke_fn_admin_api::router(state);
        let req = axum::http::Request::builder()
            .method("POST")
            .uri(format!("/admin/friends/{PROVIDER}/{U_SHIBUYA}/tags"))
            .header("host", host)
            .header("authorization", format!("Bearer {TOKEN}"))
            .header("content-type", "application/json")
            .body(axum::body::Body::from(json!({"tag": "gold"}).to_string()))
            .unwrap();
        into_reply(tower::ServiceExt::oneshot(app, req).await.unwrap()).await
    };
    let listed = || async {
        world
            .embedded
            .links
            .links_of(&org, &otodoke_core::link::LinkOwner::Automation(id.clone()))
            .await
            .unwrap()
    };
    // No base configured: the URL goes out as written, whatever host was asked.
    let mut state = world.state(caller.clone());
    state.ports = state.ports.with_link_tracking(tracking(""));
    let r = tag(state, "abc123.execute-api.ap-northeast-1.amazonaws.com").await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert!(
        listed().await.is_empty(),
        "no link without a configured base"
    );

    let mut state = world.state(caller.clone());
    state.ports = state
        .ports
        .with_link_tracking(tracking("https://links.example.com"));
    let untagged = call(
        &world.app(caller.clone()),
        "DELETE",
        &format!("/admin/friends/{PROVIDER}/{U_SHIBUYA}/tags/gold"),
        None,
    )
    .await;
    assert!(untagged.status.is_success(), "{}", untagged.json);
    let r = tag(state, "evil.example").await;
    assert_eq!(r.status, 200, "{}", r.json);
    let links = listed().await;
    assert_eq!(links.len(), 1, "the tag automation's URL was tracked");
    assert_eq!(links[0].link.url, "https://shop.example/coupon");
}
