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
        "/admin/channels/{channel_id}/richmenus/{menu_id}/image",
        "/admin/channels/{channel_id}/menu-rules/preview",
        "/admin/automations/{automation_id}/runs",
        "/admin/reports/daily",
        "/admin/reports/daily.csv",
        "/admin/reports/stores",
        "/admin/reports/stores.csv",
        "/admin/campaigns/{campaign_id}/report",
        "/admin/channels/{channel_id}/insight",
        "/admin/links",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    assert_eq!(
        paths.len(),
        68,
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

/// Where in `doc` an object schema says nothing of its fields: `type: object` (or
/// no type) with neither `properties` nor a typed `additionalProperties`, nor a
/// composition (`oneOf`, `allOf`, `$ref`), unless its description says the payload is
/// free-form.
fn bare_objects(at: &str, v: &serde_json::Value, found: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            let is_object_type = match map.get("type") {
                Some(serde_json::Value::String(t)) => t == "object",
                Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "object"),
                _ => false,
            };
            let typed_extra = map
                .get("additionalProperties")
                .is_some_and(|a| a.is_object());
            let described_free_form = map
                .get("description")
                .and_then(|d| d.as_str())
                .is_some_and(|d| d.contains("free-form"));
            if is_object_type
                && !map.contains_key("properties")
                && !typed_extra
                && !described_free_form
            {
                found.push(at.to_owned());
            }
            for (k, child) in map {
                bare_objects(&format!("{at}/{k}"), child, found);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                bare_objects(&format!("{at}/{i}"), child, found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_schema_in_the_openapi_document_names_its_fields() {
    let doc: serde_json::Value =
        serde_json::from_str(&otodoke_fn_admin_api::openapi::document_json()).unwrap();
    let mut found = Vec::new();
    bare_objects("#", &doc["paths"], &mut found);
    bare_objects("#/components", &doc["components"], &mut found);
    assert!(
        found.is_empty(),
        "object schemas without properties (type them, or say `free-form` in the \
         description when the payload truly is): {found:#?}"
    );
}

#[test]
fn the_bare_object_check_flags_an_untyped_body_and_passes_a_typed_one() {
    let mut found = Vec::new();
    bare_objects(
        "#",
        &serde_json::json!({"a": {"type": "object"}, "b": {"type": "object", "properties": {"x": {}}},
            "c": {"type": "object", "additionalProperties": {"type": "string"}},
            "d": {"type": "object", "description": "free-form LINE payload"}}),
        &mut found,
    );
    assert_eq!(found, vec!["#/a".to_owned()]);
}

#[test]
fn every_operation_lists_its_error_statuses_with_the_error_body() {
    let doc: serde_json::Value =
        serde_json::from_str(&otodoke_fn_admin_api::openapi::document_json()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let mut want = vec!["401", "429", "500"];
            if path.contains('{') {
                want.push("404");
            }
            if op.get("requestBody").is_some() {
                want.extend(["400", "413", "422"]);
            }
            for status in want {
                assert!(
                    responses.contains_key(status),
                    "{method} {path} does not list {status}"
                );
            }
            for (status, response) in responses {
                if status.starts_with(['4', '5']) {
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{method} {path} {status} is not an ErrorBody"
                    );
                }
            }
        }
    }
}
