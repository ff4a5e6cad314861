//! The admin API over the embedded adapters, called through the router.

mod support;

#[path = "api/campaign_report.rs"]
mod campaign_report;
#[path = "api/conformance.rs"]
mod conformance;
#[path = "api/followers.rs"]
mod followers;
#[path = "api/internal.rs"]
mod internal;
#[path = "api/lambda.rs"]
mod lambda;
#[path = "api/line_targeting.rs"]
mod line_targeting;
#[path = "api/links.rs"]
mod links;
#[path = "api/matrix.rs"]
mod matrix;
#[path = "api/media.rs"]
mod media;
#[path = "api/openapi.rs"]
mod openapi;
#[path = "api/reports.rs"]
mod reports;
#[path = "api/richmenus.rs"]
mod richmenus;
#[path = "api/tenancy.rs"]
mod tenancy;
#[path = "api/threads.rs"]
mod threads;

use otodoke_core::organization::Role;
use serde_json::{json, Value};
use support::*;

fn friend_path(user: &str) -> String {
    format!("/admin/friends/{PROVIDER}/{user}")
}

/// Every route that names a resource, with a request that the resource's own
/// unrestricted owner may make, aimed at osaka (store B) or its friend, channel,
/// campaign.
fn routes_on_osaka() -> Vec<(&'static str, String, Option<Value>)> {
    let f = friend_path(U_OSAKA);
    let c = format!("/admin/campaigns/{C_OSAKA}");
    vec![
        ("GET", "/admin/stores/osaka".into(), None),
        ("GET", "/admin/stores/osaka/hours".into(), None),
        (
            "PUT",
            "/admin/stores/osaka/hours".into(),
            Some(json!({"hours": null, "after_hours": {"answer": null, "cool_down_minutes": 60}})),
        ),
        ("GET", "/admin/stores/osaka/holidays".into(), None),
        (
            "PUT",
            "/admin/stores/osaka/holidays".into(),
            Some(json!({"holidays": ["2026-12-31"]})),
        ),
        ("GET", "/admin/stores/osaka/rules".into(), None),
        (
            "PUT",
            "/admin/stores/osaka/rules".into(),
            Some(json!({"rules": []})),
        ),
        ("GET", "/admin/stores/osaka/intents".into(), None),
        (
            "POST",
            "/admin/stores/osaka/intents/parking/examples".into(),
            Some(json!({"text": "車で行けますか"})),
        ),
        (
            "PUT",
            "/admin/stores/osaka/intents".into(),
            Some(json!({"intents": {"intents": []}})),
        ),
        (
            "POST",
            "/admin/stores/osaka/preview".into(),
            Some(json!({"message": {"type": "text", "text": "営業時間"}})),
        ),
        ("GET", "/admin/stores/osaka/friends".into(), None),
        (
            "GET",
            "/admin/stores/osaka/conversations.csv?from=2026-11-01&to=2026-11-30".into(),
            None,
        ),
        ("GET", "/admin/channels/ch-osaka".into(), None),
        (
            "PATCH",
            "/admin/channels/ch-osaka".into(),
            Some(json!({"plan": {"kind": "light"}})),
        ),
        ("GET", "/admin/channels/ch-osaka/quota".into(), None),
        ("GET", f.clone(), None),
        ("POST", format!("{f}/tags"), Some(json!({"tag": "new"}))),
        ("DELETE", format!("{f}/tags/vip"), None),
        (
            "PUT",
            format!("{f}/attributes"),
            Some(json!({"prefecture": "大阪府"})),
        ),
        (
            "PUT",
            format!("{f}/store"),
            Some(json!({"store_id": "osaka"})),
        ),
        ("GET", format!("{f}/history"), None),
        ("GET", c.clone(), None),
        ("POST", format!("{c}/estimate"), None),
        ("POST", format!("{c}/pause"), None),
        ("POST", format!("{c}/resume"), None),
        ("POST", format!("{c}/send-now"), None),
        ("POST", format!("{c}/schedule"), None),
        ("POST", format!("{c}/cancel"), None),
        (
            "PUT",
            c.clone(),
            Some(json!({
                "name": "x", "channel_id": "ch-osaka",
                "messages": [{"type": "text", "text": "hi"}], "schedule": {"kind": "now"}
            })),
        ),
        ("POST", format!("{c}/duplicate"), None),
        ("DELETE", c.clone(), None),
    ]
}

#[tokio::test]
async fn staff_of_store_a_get_404_on_every_route_for_store_b() {
    let world = World::new().await;
    // An owner so that the role never is the reason: only the store scope is.
    let shibuya_staff = world.app(caller("acme", Role::Owner, &["shibuya"]));
    for (method, path, body) in routes_on_osaka() {
        let r = call(&shibuya_staff, method, &path, body).await;
        assert_eq!(
            r.status, 404,
            "{method} {path} answered {}: {}",
            r.status, r.json
        );
        assert_eq!(r.json["message"], "not found", "{method} {path}");
    }
}

#[tokio::test]
async fn a_caller_of_org_x_gets_404_on_every_route_for_org_y() {
    let world = World::new().await;
    let globex_owner = world.app(caller("globex", Role::Owner, &[]));
    let mut routes = routes_on_osaka();
    routes.push(("GET", "/admin/organizations/acme".into(), None));
    routes.push((
        "PATCH",
        "/admin/organizations/acme".into(),
        Some(json!({"name": "x"})),
    ));
    for (method, path, body) in routes {
        let r = call(&globex_owner, method, &path, body).await;
        assert_eq!(
            r.status, 404,
            "{method} {path} answered {}: {}",
            r.status, r.json
        );
    }
}

#[tokio::test]
async fn the_cross_boundary_routes_do_answer_their_own_organizations_owner() {
    // Guards the two tests above against passing because every route 404s.
    let world = World::new().await;
    let acme_owner = world.app(caller("acme", Role::Owner, &[]));
    for (method, path, body) in routes_on_osaka() {
        let r = call(&acme_owner, method, &path, body).await;
        assert_ne!(r.status, 404, "{method} {path}: {}", r.json);
        assert!(r.status != 500, "{method} {path}: {}", r.json);
    }
}

#[tokio::test]
async fn listings_leave_out_what_is_outside_the_callers_stores() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &["kanto"]));
    let campaigns = call(&app, "GET", "/admin/campaigns", None).await;
    let ids: Vec<&str> = campaigns.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [C_SHIBUYA]);
    let channels = call(&app, "GET", "/admin/channels", None).await;
    let ids: Vec<&str> = channels
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ch-acme"], "the shared channel only, not osaka's own");
}

#[tokio::test]
async fn the_organization_shows_the_store_tree_within_the_callers_scope() {
    let world = World::new().await;
    let all = call(
        &world.app(caller("acme", Role::Viewer, &[])),
        "GET",
        "/admin/organizations/acme",
        None,
    )
    .await;
    assert_eq!(all.status, 200);
    assert_eq!(all.json["stores"][0]["id"], "kanto");
    assert_eq!(all.json["stores"][0]["children"][0]["id"], "shibuya");
    assert_eq!(all.json["stores"][1]["id"], "osaka");
    let scoped = call(
        &world.app(caller("acme", Role::Viewer, &["shibuya"])),
        "GET",
        "/admin/organizations/acme",
        None,
    )
    .await;
    let roots: Vec<&str> = scoped.json["stores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(roots, ["shibuya"]);
}

#[tokio::test]
async fn an_admin_creates_a_store_under_a_parent() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Admin, &[]));
    let r = call(
        &app,
        "POST",
        "/admin/stores",
        Some(json!({"id": "ebisu", "name": "恵比寿店", "parent": "kanto"})),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.json);
    assert_eq!(r.json["parent"], "kanto");
    let again = call(
        &app,
        "POST",
        "/admin/stores",
        Some(json!({"id": "ebisu", "name": "x", "parent": "kanto"})),
    )
    .await;
    assert_eq!(again.status, 409);
}

#[tokio::test]
async fn a_viewer_reads_but_cannot_write() {
    let world = World::new().await;
    let viewer = world.app(caller("acme", Role::Viewer, &[]));
    assert_eq!(
        call(&viewer, "GET", &friend_path(U_SHIBUYA), None)
            .await
            .status,
        200
    );
    assert_eq!(
        call(&viewer, "GET", "/admin/stores/shibuya/rules", None)
            .await
            .status,
        200
    );
    let writes = [
        (
            "PUT",
            "/admin/stores/shibuya/rules".to_string(),
            json!({"rules": []}),
        ),
        (
            "POST",
            format!("{}/tags", friend_path(U_SHIBUYA)),
            json!({"tag": "x"}),
        ),
        (
            "POST",
            format!("/admin/campaigns/{C_SHIBUYA}/cancel"),
            json!(null),
        ),
        (
            "POST",
            "/admin/campaigns".to_string(),
            json!({"name": "n", "channel_id": "ch-acme", "messages": [{"type": "text", "text": "hi"}], "schedule": {"kind": "now"}}),
        ),
    ];
    for (method, path, body) in writes {
        let body = (!body.is_null()).then_some(body);
        let r = call(&viewer, method, &path, body).await;
        assert_eq!(r.status, 403, "{method} {path}: {}", r.json);
    }
}

#[tokio::test]
async fn an_operator_may_tag_but_not_configure_rules_or_channels() {
    let world = World::new().await;
    let operator = world.app(caller("acme", Role::Operator, &[]));
    let r = call(
        &operator,
        "POST",
        &format!("{}/tags", friend_path(U_SHIBUYA)),
        Some(json!({"tag": "常連"})),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        call(
            &operator,
            "PUT",
            "/admin/stores/shibuya/rules",
            Some(json!({"rules": []}))
        )
        .await
        .status,
        403
    );
    assert_eq!(
        call(
            &operator,
            "PATCH",
            "/admin/channels/ch-acme",
            Some(json!({"plan": {"kind": "light"}}))
        )
        .await
        .status,
        403
    );
}

#[tokio::test]
async fn requests_without_the_dev_token_are_401() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Owner, &[]));
    let req = axum::http::Request::builder()
        .uri("/admin/channels")
        .header("authorization", "Bearer wrong")
        .body(axum::body::Body::empty())
        .unwrap();
    let r = into_reply(tower::ServiceExt::oneshot(app, req).await.unwrap()).await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn an_unknown_field_is_a_422_naming_it() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let r = call(
        &app,
        "POST",
        &format!("{}/tags", friend_path(U_SHIBUYA)),
        Some(json!({"tag": "x", "colour": "red"})),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.json);
    let detail = &r.json["details"][0];
    assert_eq!(detail["field"], "colour");
    assert!(
        detail["message"].as_str().unwrap().contains("colour"),
        "{detail}"
    );
}

#[tokio::test]
async fn a_bad_value_is_a_422_naming_the_field() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let r = call(
        &app,
        "PUT",
        &format!("{}/attributes", friend_path(U_SHIBUYA)),
        Some(json!({"gender": "robot"})),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.json);
    assert_eq!(r.json["details"][0]["field"], "gender");
    let r = call(
        &app,
        "PUT",
        &format!("{}/attributes", friend_path(U_SHIBUYA)),
        Some(json!({"birth_year": 1800})),
    )
    .await;
    assert_eq!(r.json["details"][0]["field"], "birth_year");
}

#[tokio::test]
async fn malformed_json_is_a_400() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let r = call_raw(
        &app,
        "POST",
        &format!("{}/tags", friend_path(U_SHIBUYA)),
        Some("{\"tag\": "),
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.json);
    let r = call_raw(
        &app,
        "POST",
        &format!("{}/tags", friend_path(U_SHIBUYA)),
        Some("{\"tag\": \"a\"} trailing"),
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.json);
}

#[tokio::test]
async fn a_cursor_no_listing_handed_out_is_a_422_on_cursor_not_a_500() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    for path in [
        "/admin/campaigns?cursor=p%F3%8A%80%8Bc",
        "/admin/stores/shibuya/friends?cursor=%C3%B0%3C3%3B",
    ] {
        let r = call(&app, "GET", path, None).await;
        assert_eq!(r.status, 422, "{path}: {}", r.json);
        assert_eq!(r.json["details"][0]["field"], "cursor", "{path}");
    }
}

#[tokio::test]
async fn a_body_over_one_mib_is_a_413_with_the_error_body() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let big = format!("{{\"tag\": \"{}\"}}", "a".repeat(1024 * 1024));
    let r = call_raw(
        &app,
        "POST",
        &format!("{}/tags", friend_path(U_SHIBUYA)),
        Some(&big),
    )
    .await;
    assert_eq!(r.status, 413, "{}", r.json);
    assert!(r.json["message"].as_str().is_some(), "{}", r.json);
}

#[tokio::test]
async fn a_campaign_message_over_lines_limit_is_a_422_naming_the_message() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let long = "あ".repeat(5_001);
    let r = call(
        &app,
        "POST",
        "/admin/campaigns",
        Some(json!({
            "name": "冬のセール", "channel_id": "ch-acme",
            "messages": [{"type": "text", "text": "ok"}, {"type": "text", "text": long}],
            "schedule": {"kind": "now"}
        })),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.json);
    assert_eq!(r.json["details"][0]["field"], "messages[1].text");
    let six = vec![json!({"type": "text", "text": "x"}); 6];
    let r = call(
        &app,
        "POST",
        "/admin/campaigns",
        Some(json!({
            "name": "n", "channel_id": "ch-acme", "messages": six, "schedule": {"kind": "now"},
            "sender": {"name": "LINE公式"}
        })),
    )
    .await;
    let fields: Vec<&str> = r.json["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["messages"]);
}

#[tokio::test]
async fn a_store_scoped_operator_cannot_target_other_stores_or_the_whole_organization() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &["shibuya"]));
    let base = json!({"name": "n", "channel_id": "ch-acme", "messages": [{"type": "text", "text": "x"}], "schedule": {"kind": "now"}});
    let mut other = base.clone();
    other["audience"] = json!({"stores": ["osaka"]});
    let r = call(&app, "POST", "/admin/campaigns", Some(other)).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json["details"][0]["field"], "audience.stores");
    let r = call(&app, "POST", "/admin/campaigns", Some(base.clone())).await;
    assert_eq!(r.json["details"][0]["field"], "audience.stores");
    let mut own = base;
    own["audience"] = json!({"stores": ["shibuya"], "tags_any": ["vip"]});
    assert_eq!(
        call(&app, "POST", "/admin/campaigns", Some(own))
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn a_campaign_goes_through_its_lifecycle() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let created = call(
        &app,
        "POST",
        "/admin/campaigns",
        Some(json!({
            "name": "冬のセール", "channel_id": "ch-acme",
            "messages": [{"type": "text", "text": "セール開催中"}],
            "sender": {"name": "店長", "icon_url": "https://example.com/i.png"},
            "audience": {"tags_all": ["vip"], "age_min": 20, "age_max": 39},
            "schedule": {"kind": "at", "at": "2026-12-01T01:00:00Z"}
        })),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.json);
    assert_eq!(created.json["status"], "draft");
    let id = created.json["id"].as_str().unwrap().to_owned();
    let path = format!("/admin/campaigns/{id}");

    let got = call(&app, "GET", &path, None).await;
    assert_eq!(
        got.json["progress"],
        json!({"planned": 0, "sent": 0, "failed": 0, "skipped": 0, "quota_used": 0})
    );
    let scheduled = call(&app, "POST", &format!("{path}/schedule"), None).await;
    assert_eq!(scheduled.json["status"], "scheduled", "{}", scheduled.json);
    assert_eq!(
        call(&app, "POST", &format!("{path}/pause"), None)
            .await
            .status,
        409,
        "only a running campaign pauses"
    );

    // The scheduler starts it.
    use otodoke_core::campaign::CampaignStatus::*;
    use otodoke_core::ports::CampaignStore;
    let cid = otodoke_core::CampaignId::new(&id).unwrap();
    assert!(world
        .embedded
        .campaigns
        .transition(&cid, Scheduled, Running, now())
        .await
        .unwrap());
    assert_eq!(
        call(&app, "POST", &format!("{path}/pause"), None)
            .await
            .json["status"],
        "paused"
    );
    let resumed = call(&app, "POST", &format!("{path}/resume"), None).await;
    assert_eq!(resumed.json["status"], "running");
    assert_eq!(
        planning_requests(&world).await,
        [id.as_str()],
        "the planner is asked to continue"
    );
    assert_eq!(
        call(&app, "POST", &format!("{path}/cancel"), None)
            .await
            .json["status"],
        "cancelled"
    );
    assert_eq!(
        call(&app, "POST", &format!("{path}/cancel"), None)
            .await
            .status,
        409
    );
}

#[tokio::test]
async fn a_draft_is_edited_with_the_create_rules_and_a_stale_version_is_refused() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let path = format!("/admin/campaigns/{C_SHIBUYA}");
    let read = call(&app, "GET", &path, None).await;
    let version = read.json["version"].as_u64().unwrap();
    let body = |text: &str| {
        json!({
            "name": "春のセール", "channel_id": "ch-acme",
            "messages": [{"type": "text", "text": text}],
            "audience": {"tags_any": ["vip", "new"]},
            "schedule": {"kind": "now"}
        })
    };
    let edited = call(
        &app,
        "PUT",
        &format!("{path}?version={version}"),
        Some(body("春のセール開催中")),
    )
    .await;
    assert_eq!(edited.status, 200, "{}", edited.json);
    assert_eq!(edited.json["name"], "春のセール");
    assert_eq!(edited.json["messages"][0]["text"], "春のセール開催中");
    assert_eq!(edited.json["status"], "draft");
    assert_eq!(edited.json["version"], version + 1);

    let stale = call(
        &app,
        "PUT",
        &format!("{path}?version={version}"),
        Some(body("古い画面からの編集")),
    )
    .await;
    assert_eq!(stale.status, 409, "{}", stale.json);
    let invalid = call(&app, "PUT", &path, Some(body(""))).await;
    assert_eq!(invalid.status, 422, "{}", invalid.json);
    assert_eq!(invalid.json["details"][0]["field"], "messages[0].text");
    assert_eq!(
        call(&app, "GET", &path, None).await.json["messages"][0]["text"],
        "春のセール開催中",
        "neither the stale nor the invalid edit was saved"
    );
}

#[tokio::test]
async fn only_a_draft_is_edited_or_deleted_and_any_campaign_is_duplicated_as_a_new_draft() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let path = format!("/admin/campaigns/{C_SHIBUYA}");
    let sent = call(&app, "POST", &format!("{path}/send-now"), None).await;
    assert_eq!(sent.json["status"], "running");
    let body = json!({
        "name": "x", "channel_id": "ch-acme",
        "messages": [{"type": "text", "text": "hi"}], "schedule": {"kind": "now"}
    });
    let edit = call(&app, "PUT", &path, Some(body)).await;
    assert_eq!(edit.status, 409, "{}", edit.json);
    assert_eq!(call(&app, "DELETE", &path, None).await.status, 409);

    let copy = call(&app, "POST", &format!("{path}/duplicate"), None).await;
    assert_eq!(copy.status, 201, "{}", copy.json);
    let original = call(&app, "GET", &path, None).await.json;
    assert_ne!(copy.json["id"], original["id"]);
    assert_eq!(copy.json["status"], "draft");
    assert_eq!(copy.json["messages"], original["messages"]);
    assert_eq!(copy.json["audience"], original["audience"]);
    assert_eq!(
        copy.json["name"],
        format!("{} (コピー)", original["name"].as_str().unwrap())
    );
    assert_eq!(
        copy.json["progress"],
        json!({"planned": 0, "sent": 0, "failed": 0, "skipped": 0, "quota_used": 0})
    );

    let copy_path = format!("/admin/campaigns/{}", copy.json["id"].as_str().unwrap());
    let deleted = call(&app, "DELETE", &copy_path, None).await;
    assert_eq!(deleted.status, 204);
    assert_eq!(call(&app, "GET", &copy_path, None).await.status, 404);
    assert_eq!(call(&app, "DELETE", &copy_path, None).await.status, 404);
    let viewer = world.app(caller("acme", Role::Viewer, &[]));
    assert_eq!(
        call(&viewer, "POST", &format!("{path}/duplicate"), None)
            .await
            .status,
        403,
        "a viewer drafts nothing"
    );
}

#[tokio::test]
async fn send_now_starts_a_draft_and_asks_the_planner_for_it() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let path = format!("/admin/campaigns/{C_SHIBUYA}/send-now");
    let r = call(&app, "POST", &path, None).await;
    assert_eq!(r.json["status"], "running", "{}", r.json);
    assert_eq!(planning_requests(&world).await, [C_SHIBUYA]);
    let again = call(&app, "POST", &path, None).await;
    assert_eq!(again.status, 409, "started once only");
    assert!(planning_requests(&world).await.is_empty());
}

#[tokio::test]
async fn send_now_puts_the_campaign_back_to_draft_when_the_planner_cannot_be_asked() {
    let world = World::new().await;
    struct Refusing;
    #[async_trait::async_trait]
    impl otodoke_core::ports::QueueSender for Refusing {
        async fn send(
            &self,
            _: &[otodoke_core::ports::QueueMessage],
        ) -> Result<(), otodoke_core::QueueError> {
            Err(otodoke_core::QueueError::Unavailable("sqs down".into()))
        }
    }
    let mut ports = world.ports();
    ports.planning = std::sync::Arc::new(Refusing);
    let state = world.state(caller("acme", Role::Operator, &[]));
    let app = otodoke_fn_admin_api::router(otodoke_fn_admin_api::AppState { ports, ..state });
    let path = format!("/admin/campaigns/{C_SHIBUYA}");
    let r = call(&app, "POST", &format!("{path}/send-now"), None).await;
    assert_eq!(r.status, 500);
    assert_eq!(call(&app, "GET", &path, None).await.json["status"], "draft");
}

#[tokio::test]
async fn friends_are_listed_by_tag_and_found_by_name() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let by_tag = call(&app, "GET", "/admin/stores/shibuya/friends?tag=vip", None).await;
    let users: Vec<&str> = by_tag.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"]["user_id"].as_str().unwrap())
        .collect();
    assert_eq!(users, [U_SHIBUYA], "osaka's vip is not shibuya's");
    let found = call(
        &app,
        "GET",
        "/admin/stores/shibuya/friends?q=%E8%8A%B1%E5%AD%90",
        None,
    )
    .await; // 花子
    assert_eq!(found.json["items"].as_array().unwrap().len(), 1);
    let none = call(&app, "GET", "/admin/stores/shibuya/friends?q=nobody", None).await;
    assert!(none.json["items"].as_array().unwrap().is_empty());
    let bad = call(
        &app,
        "GET",
        "/admin/stores/shibuya/friends?limit=many",
        None,
    )
    .await;
    assert_eq!(bad.status, 422);
}

#[tokio::test]
async fn an_operator_tags_untags_sets_attributes_and_assigns_a_store() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let f = friend_path(U_SHIBUYA);
    let r = call(
        &app,
        "POST",
        &format!("{f}/tags"),
        Some(json!({"tag": "常連"})),
    )
    .await;
    assert_eq!(r.json["tags"], json!(["vip", "常連"]));
    let r = call(&app, "DELETE", &format!("{f}/tags/vip"), None).await;
    assert_eq!(r.json["tags"], json!(["常連"]));
    let r = call(&app, "PUT", &format!("{f}/attributes"), Some(json!({"gender": "female", "birth_year": 1990, "prefecture": "東京都", "custom": {"会員番号": "123"}}))).await;
    assert_eq!(r.json["attributes"]["prefecture"], "東京都");
    let r = call(
        &app,
        "PUT",
        &format!("{f}/store"),
        Some(json!({"store_id": "osaka"})),
    )
    .await;
    assert_eq!(r.json["store_id"], "osaka");
    let r = call(
        &app,
        "PUT",
        &format!("{f}/store"),
        Some(json!({"store_id": "g-main"})),
    )
    .await;
    assert_eq!(
        r.status, 422,
        "another organization's store is no such store"
    );
}

#[tokio::test]
async fn history_is_newest_first_without_unsent_messages() {
    let world = World::new().await;
    use otodoke_core::ports::ConversationStore;
    let mut hidden = entry(
        "01D",
        U_SHIBUYA,
        "shibuya",
        "2026-11-20T03:00:00Z",
        otodoke_core::conversation::Direction::Inbound,
        "消したい",
    );
    hidden.hidden = true;
    world.embedded.conversations.append(&hidden).await.unwrap();
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(
        &app,
        "GET",
        &format!("{}/history", friend_path(U_SHIBUYA)),
        None,
    )
    .await;
    let ids: Vec<&str> = r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["01B", "01A"]);
}

#[tokio::test]
async fn the_csv_export_opens_in_japanese_excel() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(
        &app,
        "GET",
        "/admin/stores/shibuya/conversations.csv?from=2026-11-20&to=2026-11-20",
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        r.bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 byte-order mark first"
    );
    let text = String::from_utf8(r.bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        lines.len(),
        3,
        "header and two rows, CRLF-separated: {text:?}"
    );
    assert!(!text.replace("\r\n", "").contains('\n'));
    assert_eq!(
        lines[1],
        format!("\"2026-11-20T10:00:00+09:00\",\"受信\",\"{U_SHIBUYA}\",\"山田花子\",\"customer\",\"営業時間は?\",\"\"")
    );
    assert!(lines[2].contains("\"rule:hours\""));
}

#[tokio::test]
async fn the_csv_export_refuses_a_reversed_range() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(
        &app,
        "GET",
        "/admin/stores/shibuya/conversations.csv?from=2026-11-20&to=2026-11-01",
        None,
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json["details"][0]["field"], "to");
}

#[tokio::test]
async fn the_preview_explains_the_decision_with_its_trace() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(
        &app,
        "POST",
        "/admin/stores/shibuya/preview",
        Some(json!({
            "message": {"type": "text", "text": "営業時間を教えて"},
            "at": "2026-11-22T03:00:00Z"
        })),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["rules"]["winner"], "hours");
    assert_eq!(r.json["decision"]["outcome"]["outcome"], "reply");
    assert_eq!(
        r.json["decision"]["outcome"]["source"],
        json!({"kind": "rule", "id": "hours"})
    );
    let steps: Vec<&str> = r.json["decision"]["trace"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert!(steps.contains(&"rule"), "{steps:?}");
}

#[tokio::test]
async fn an_unanswered_message_becomes_an_intent_example_in_one_call() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Admin, &[]));
    let r = call(
        &app,
        "POST",
        "/admin/stores/shibuya/intents/parking/examples",
        Some(json!({"text": "車で行っても大丈夫?"})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(
        r.json["intents"]["intents"][0]["examples"][1],
        "車で行っても大丈夫?"
    );
    let again = call(
        &app,
        "POST",
        "/admin/stores/shibuya/intents/parking/examples",
        Some(json!({"text": "車で行っても大丈夫?"})),
    )
    .await;
    assert_eq!(again.status, 422, "a duplicate example");
    let unknown = call(
        &app,
        "POST",
        "/admin/stores/shibuya/intents/nope/examples",
        Some(json!({"text": "x"})),
    )
    .await;
    assert_eq!(unknown.status, 404);
}

#[tokio::test]
async fn an_invalid_rule_set_is_refused_and_not_saved() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Admin, &[]));
    let r = call(
        &app,
        "PUT",
        "/admin/stores/shibuya/rules",
        Some(json!({"rules": [{"id": "r", "keywords": []}]})),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.json);
    assert_eq!(r.json["details"][0]["field"], "rules");
    let kept = call(&app, "GET", "/admin/stores/shibuya/rules", None).await;
    assert_eq!(kept.json["rules"][0]["id"], "hours");
}

#[tokio::test]
async fn hours_and_holidays_round_trip() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Admin, &[]));
    let hours = json!({
        "hours": {"weekly": {"monday": [{"open": "10:00", "close": "20:00"}]}},
        "after_hours": {"answer": {"messages": [{"type": "text", "text": "{next_open}に開店します"}]}, "cool_down_minutes": 30}
    });
    let r = call(&app, "PUT", "/admin/stores/shibuya/hours", Some(hours)).await;
    assert_eq!(r.status, 200, "{}", r.json);
    let r = call(
        &app,
        "PUT",
        "/admin/stores/shibuya/holidays",
        Some(json!({"holidays": ["2026-12-31", "2027-01-01"]})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let got = call(&app, "GET", "/admin/stores/shibuya/hours", None).await;
    assert_eq!(
        got.json["hours"]["holidays"],
        json!(["2026-12-31", "2027-01-01"])
    );
    assert_eq!(got.json["after_hours"]["cool_down_minutes"], 30);
}

#[tokio::test]
async fn a_channel_is_connected_with_its_secrets_stored_by_reference_and_never_returned() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Admin, &[]));
    let r = call(&app, "POST", "/admin/channels", Some(json!({
        "id": "2000000001", "provider": PROVIDER, "bot_user_id": "U2000000000000000000000000000000f",
        "store_id": "shibuya", "plan": {"kind": "standard", "extra_cap": 1000},
        "channel_secret": "very-secret-value", "access_token": "very-secret-token"
    }))).await;
    assert_eq!(r.status, 201, "{}", r.json);
    assert_eq!(r.json["monthly_limit"], 31_000);
    let listed = call(&app, "GET", "/admin/channels", None).await;
    for body in [&r.bytes, &listed.bytes] {
        let text = String::from_utf8_lossy(body);
        assert!(!text.contains("very-secret"), "{text}");
        assert!(!text.contains("ref"), "{text}");
    }
    use otodoke_core::ports::OrganizationStore;
    let stored = world
        .embedded
        .orgs
        .channel(&otodoke_core::ChannelId::new("2000000001").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        world.secrets.get(&stored.secret_ref).as_deref(),
        Some("very-secret-value")
    );
    assert_eq!(
        world.secrets.get(&stored.access_token_ref).as_deref(),
        Some("very-secret-token")
    );
    let dup = call(
        &app,
        "POST",
        "/admin/channels",
        Some(json!({
            "id": "2000000001", "provider": PROVIDER,
            "plan": {"kind": "light"}, "channel_secret": "s", "access_token": "very-secret-token"
        })),
    )
    .await;
    assert_eq!(dup.status, 409);
}

#[tokio::test]
async fn a_credential_that_cannot_be_what_line_issued_is_a_422_not_a_502() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Admin, &[]));
    for (secret, token, field) in [
        ("s", "tok\u{1f}en", "access_token"),
        ("s", "two words", "access_token"),
        ("", "very-secret-token", "channel_secret"),
    ] {
        let r = call(
            &app,
            "POST",
            "/admin/channels",
            Some(json!({
                "id": "2000000001", "provider": PROVIDER, "plan": {"kind": "light"},
                "channel_secret": secret, "access_token": token
            })),
        )
        .await;
        assert_eq!(r.status, 422, "{token:?}: {}", r.json);
        assert_eq!(r.json["details"][0]["field"], field);
    }
}

#[tokio::test]
async fn quota_status_is_this_jst_months_counter_against_the_plan() {
    let world = World::new().await;
    use otodoke_core::ports::QuotaStore;
    use otodoke_core::quota::{QuotaKey, QuotaMonth, ReserveOutcome};
    let key = QuotaKey {
        channel: otodoke_core::ChannelId::new("ch-acme").unwrap(),
        month: QuotaMonth::containing(now()),
    };
    let ReserveOutcome::Granted(reservation) = world
        .embedded
        .quota
        .reserve(
            &key,
            300,
            Some(5_000),
            None,
            &otodoke_core::quota::Hold::new("a", now(), jiff::SignedDuration::from_mins(10)),
        )
        .await
        .unwrap()
    else {
        panic!()
    };
    world
        .embedded
        .quota
        .settle(&reservation, 250)
        .await
        .unwrap();
    let app = world.app(caller("acme", Role::Viewer, &["shibuya"]));
    let r = call(&app, "GET", "/admin/channels/ch-acme/quota", None).await;
    assert_eq!(
        r.json,
        json!({"channel_id": "ch-acme", "month": "2026-11", "limit": 5000, "used": 250, "reserved": 0, "available": 4750})
    );
}

#[tokio::test]
async fn unknown_paths_answer_404_with_the_error_body() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Owner, &[]));
    let r = call(&app, "GET", "/admin/nothing-here", None).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json["message"], "not found");
}

#[tokio::test]
async fn an_admin_sets_staff_but_never_above_their_own_role() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let body = json!({"display_name": "佐藤", "role": "operator", "stores": ["shibuya"], "sender_name": "佐藤(渋谷店)"});
    let r = call(&admin, "PUT", "/admin/staff/sato", Some(body)).await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["stores"], json!(["shibuya"]));
    let owner = json!({"display_name": "x", "role": "owner"});
    assert_eq!(
        call(&admin, "PUT", "/admin/staff/x", Some(owner))
            .await
            .status,
        403
    );
    let bad = json!({"display_name": "x", "role": "viewer", "sender_name": "LINE担当"});
    let r = call(&admin, "PUT", "/admin/staff/x", Some(bad)).await;
    assert_eq!(r.json["details"][0]["field"], "sender_name");
    let listed = call(
        &world.app(caller("acme", Role::Viewer, &["kanto"])),
        "GET",
        "/admin/staff",
        None,
    )
    .await;
    let ids = |r: &Reply| -> Vec<String> {
        r.json
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let listed = ids(&listed);
    assert!(
        listed.contains(&"sato".to_owned()),
        "shibuya's staff is inside kanto"
    );
    assert!(
        listed.iter().all(|id| id != "staff-acme-Admin-"),
        "an unrestricted admin is outside a kanto viewer's scope"
    );
    let other_org = call(
        &world.app(caller("globex", Role::Owner, &[])),
        "GET",
        "/admin/staff",
        None,
    )
    .await;
    assert_eq!(ids(&other_org), ["staff-globex-Owner-"]);
}

#[tokio::test]
async fn the_estimate_counts_the_audience_against_the_quota_left() {
    let world = World::new().await;
    use otodoke_core::ports::QuotaStore;
    use otodoke_core::quota::{QuotaKey, QuotaMonth, ReserveOutcome};
    let key = QuotaKey {
        channel: otodoke_core::ChannelId::new("ch-acme").unwrap(),
        month: QuotaMonth::containing(now()),
    };
    let ReserveOutcome::Granted(r) = world
        .embedded
        .quota
        .reserve(
            &key,
            4_999,
            Some(5_000),
            None,
            &otodoke_core::quota::Hold::new("b", now(), jiff::SignedDuration::from_mins(10)),
        )
        .await
        .unwrap()
    else {
        panic!("the reservation fits")
    };
    world.embedded.quota.settle(&r, 4_999).await.unwrap();
    let app = world.app(caller("acme", Role::Viewer, &["shibuya"]));
    let r = call(
        &app,
        "POST",
        &format!("/admin/campaigns/{C_SHIBUYA}/estimate"),
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(
        r.json,
        json!({"audience": 1, "quota_needed": 1, "quota_limit": 5000, "quota_used": 4999, "quota_left": 1, "fits": true})
    );
}

#[tokio::test]
async fn a_campaigns_link_tracking_is_saved_edited_and_kept_by_its_duplicate() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let body = |track: Option<bool>| {
        let mut b = json!({
            "name": "秋のセール", "channel_id": "ch-acme",
            "messages": [{"type": "text", "text": "https://shop.example/sale"}],
            "schedule": {"kind": "now"}
        });
        if let Some(track) = track {
            b["track_links"] = json!(track);
        }
        b
    };
    let plain = call(&app, "POST", "/admin/campaigns", Some(body(None))).await;
    assert_eq!(plain.status, 201, "{}", plain.json);
    assert_eq!(plain.json["track_links"], false, "off unless asked for");
    let tracked = call(&app, "POST", "/admin/campaigns", Some(body(Some(true)))).await;
    assert_eq!(tracked.json["track_links"], true);
    let path = format!("/admin/campaigns/{}", tracked.json["id"].as_str().unwrap());
    let copy = call(&app, "POST", &format!("{path}/duplicate"), None).await;
    assert_eq!(copy.json["track_links"], true, "{}", copy.json);
    let edited = call(&app, "PUT", &path, Some(body(Some(false)))).await;
    assert_eq!(edited.status, 200, "{}", edited.json);
    assert_eq!(edited.json["track_links"], false);
}
