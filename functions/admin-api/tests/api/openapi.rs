//! The OpenAPI document: served, and checked in as docs/openapi.json.

use super::support::*;
use otodoke_core::organization::Role;

const CHECKED_IN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");

#[test]
fn the_checked_in_openapi_document_is_current() {
    let generated = otodoke_fn_admin_api::openapi::document_json();
    if std::env::var_os("OTODOKE_BLESS").is_some() {
        std::fs::write(CHECKED_IN, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(CHECKED_IN).unwrap_or_default();
    assert!(
        checked_in == generated,
        "docs/openapi.json differs from the document generated from the code; regenerate it with\n  \
         OTODOKE_BLESS=1 cargo test -p otodoke-fn-admin-api --test api openapi\nand commit it"
    );
}

#[test]
fn the_openapi_document_lists_every_routed_path() {
    let doc: serde_json::Value =
        serde_json::from_str(&otodoke_fn_admin_api::openapi::document_json()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/admin/organizations/{org_id}",
        "/admin/stores/{store_id}/preview",
        "/admin/stores/{store_id}/conversations.csv",
        "/admin/campaigns/{campaign_id}/send-now",
        "/admin/channels/{channel_id}/quota",
        "/admin/channels/{channel_id}/import-followers",
        "/admin/friends/{provider}/{user_id}/history",
        "/admin/stores/{store_id}/media",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    assert_eq!(
        paths.len(),
        49,
        "one entry per routed path (all but /admin/openapi.json)"
    );
}

#[tokio::test]
async fn the_openapi_document_is_served() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(&app, "GET", "/admin/openapi.json", None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json["info"]["title"], "otodoke admin API");
}
