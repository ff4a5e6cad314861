//! What schemathesis' stricter checks found (scripts/api-conformance): requests the
//! document calls valid must be taken, and ones it calls invalid refused.

use super::support::*;
use otodoke_core::organization::Role;
use serde_json::json;

#[tokio::test]
async fn a_listing_limit_outside_its_documented_range_is_refused_not_clamped() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Owner, &[]));
    for (path, max) in [
        ("/admin/campaigns", 200u64),
        ("/admin/stores/shibuya/friends", 200),
        ("/admin/threads", 100),
    ] {
        for limit in [0, max + 1, 2_147_483_648] {
            let r = call(&app, "GET", &format!("{path}?limit={limit}"), None).await;
            assert_eq!(r.status, 422, "{path} limit={limit}: {}", r.json);
            assert_eq!(r.json["details"][0]["field"], "limit", "{path}");
        }
        for limit in [1, max] {
            let r = call(&app, "GET", &format!("{path}?limit={limit}"), None).await;
            assert_eq!(r.status, 200, "{path} limit={limit}: {}", r.json);
        }
    }
}

#[tokio::test]
async fn an_integral_number_written_as_a_float_is_taken_as_the_integer() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Owner, &[]));
    let r = call(
        &app,
        "POST",
        &format!("/admin/threads/ch-acme/{U_SHIBUYA}/handoff"),
        Some(json!({"minutes": 30.0})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let r = call(
        &app,
        "POST",
        &format!("/admin/threads/ch-acme/{U_SHIBUYA}/handoff"),
        Some(json!({"minutes": 30.5})),
    )
    .await;
    assert_eq!(r.status, 422, "a fraction is no integer: {}", r.json);
    assert_eq!(r.json["details"][0]["field"], "minutes");
}

fn preview(message: serde_json::Value) -> serde_json::Value {
    json!({"message": message, "at": "2026-11-22T03:00:00Z"})
}

#[tokio::test]
async fn a_preview_friend_that_is_not_an_object_is_refused() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let mut body = preview(json!({"type": "media"}));
    body["friend"] = json!([null, null]);
    let r = call(&app, "POST", "/admin/stores/shibuya/preview", Some(body)).await;
    assert_eq!(r.status, 422, "{}", r.json);
    assert_eq!(r.json["details"][0]["field"], "friend");
    let mut body = preview(json!({"type": "media"}));
    body["friend"] = json!({"display_name": "花子"});
    let r = call(&app, "POST", "/admin/stores/shibuya/preview", Some(body)).await;
    assert_eq!(r.status, 200, "{}", r.json);
}

#[tokio::test]
async fn an_unknown_field_of_a_preview_message_is_refused_whatever_its_type() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    for message in [
        json!({"type": "media", "extra": 42}),
        json!({"type": "sticker", "extra": 42}),
        json!({"type": "text", "text": "こんにちは", "extra": 42}),
    ] {
        let r = call(
            &app,
            "POST",
            "/admin/stores/shibuya/preview",
            Some(preview(message.clone())),
        )
        .await;
        assert_eq!(r.status, 422, "{message}: {}", r.json);
        assert_eq!(r.json["details"][0]["field"], "message.extra", "{message}");
    }
    for message in [json!({"type": "media"}), json!({"type": "sticker"})] {
        let r = call(
            &app,
            "POST",
            "/admin/stores/shibuya/preview",
            Some(preview(message.clone())),
        )
        .await;
        assert_eq!(r.status, 200, "{message}: {}", r.json);
    }
}
