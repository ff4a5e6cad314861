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

#[test]
fn every_request_body_is_required_and_image_uploads_are_raw_jpeg_or_png() {
    let doc = document();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if let Some(body) = op.get("requestBody") {
                assert_eq!(body["required"], true, "{method} {path}");
            }
        }
    }
    for (path, method) in [
        ("/admin/stores/{store_id}/media", "post"),
        (
            "/admin/channels/{channel_id}/richmenus/{menu_id}/image",
            "put",
        ),
    ] {
        let content = doc["paths"][path][method]["requestBody"]["content"]
            .as_object()
            .unwrap();
        let types: Vec<&str> = content.keys().map(String::as_str).collect();
        assert_eq!(types, ["image/jpeg", "image/png"], "{method} {path}");
        // Raw bytes: no JSON schema (an array of integers would be a JSON body).
        assert!(
            content.values().all(|media| media.get("schema").is_none()),
            "{method} {path}"
        );
    }
}

fn document() -> serde_json::Value {
    serde_json::from_str(&otodoke_fn_admin_api::openapi::document_json()).unwrap()
}

/// A query parameter's schema of an operation.
fn param<'a>(
    doc: &'a serde_json::Value,
    path: &str,
    method: &str,
    name: &str,
) -> &'a serde_json::Value {
    doc["paths"][path][method]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{method} {path} has no parameter {name}"))
}

/// The bounds the document states are written as literals in `#[schema(..)]`
/// attributes (utoipa takes no constants there); this pins each to the domain's
/// constant, so a rule changed in one place fails here until the document says so.
#[test]
fn the_documents_bounds_are_the_domains_constants() {
    use otodoke_core::richmenu::limits;
    let doc = document();
    let schema = |name: &str| doc["components"]["schemas"][name].clone();
    let n = |v: &serde_json::Value| v.as_u64().unwrap_or_else(|| panic!("not a number: {v}"));
    let limit = param(&doc, "/admin/campaigns", "get", "limit");
    assert_eq!(
        n(&limit["schema"]["maximum"]),
        u64::from(otodoke_fn_admin_api::routes::MAX_PAGE)
    );
    let note = schema("AddNote");
    assert_eq!(
        n(&note["properties"]["text"]["maxLength"]),
        otodoke_core::friend::Note::MAX_CHARS as u64
    );
    let size = schema("MenuSize");
    assert_eq!(
        n(&size["properties"]["width"]["minimum"]),
        u64::from(limits::MIN_WIDTH)
    );
    assert_eq!(
        n(&size["properties"]["width"]["maximum"]),
        u64::from(limits::MAX_WIDTH)
    );
    assert_eq!(
        n(&size["properties"]["height"]["minimum"]),
        u64::from(limits::MIN_HEIGHT)
    );
    let menu = schema("RichMenuInput");
    assert_eq!(
        n(&menu["properties"]["name"]["maxLength"]),
        limits::MAX_NAME as u64
    );
    assert_eq!(
        n(&menu["properties"]["chat_bar_text"]["maxLength"]),
        limits::MAX_CHAT_BAR_TEXT as u64
    );
    assert_eq!(
        n(&menu["properties"]["areas"]["maxItems"]),
        limits::MAX_AREAS as u64
    );
    assert_eq!(
        n(&schema("AutomationInput")["properties"]["actions"]["maxItems"]),
        otodoke_core::automation::MAX_ACTIONS as u64
    );
    let answer = schema("Answer");
    assert_eq!(
        n(&answer["properties"]["messages"]["maxItems"]),
        otodoke_autoreply::message::MAX_MESSAGES as u64
    );
    assert_eq!(
        n(&answer["properties"]["quick_replies"]["maxItems"]),
        otodoke_autoreply::message::MAX_QUICK_REPLIES as u64
    );
    let inbox = schema("InboxSettingsView");
    use otodoke_core::organization::InboxSettings;
    assert_eq!(
        n(&inbox["properties"]["handoff_minutes"]["maximum"]),
        u64::from(InboxSettings::MAX_HANDOFF_MINUTES)
    );
    assert_eq!(
        n(&inbox["properties"]["canned_replies"]["maxItems"]),
        InboxSettings::MAX_CANNED_REPLIES as u64
    );
    assert_eq!(
        n(&schema("HandoffBody")["properties"]["minutes"]["maximum"]),
        u64::from(InboxSettings::MAX_HANDOFF_MINUTES)
    );
    for bound in ["open", "close"] {
        assert_eq!(
            schema("Interval")["properties"][bound]["pattern"],
            otodoke_autoreply::hours::TIME_PATTERN
        );
    }
    for month in ["from_month", "to_month"] {
        assert_eq!(
            param(&doc, "/admin/reports/stores", "get", month)["schema"]["pattern"],
            otodoke_core::metrics::MONTH_PATTERN
        );
    }
}

/// Every integer schema with a lower bound of 0 or more (a Rust unsigned integer,
/// or a bounded count) states its largest value too, so that neither the
/// document nor the server takes a number the other refuses.
#[test]
fn every_non_negative_integer_in_the_document_states_its_largest_value() {
    fn walk(at: &str, v: &serde_json::Value, found: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                let integer = match &map.get("type") {
                    Some(serde_json::Value::String(t)) => t == "integer",
                    Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "integer"),
                    _ => false,
                };
                if integer && map.contains_key("minimum") && !map.contains_key("maximum") {
                    found.push(at.to_owned());
                }
                for (k, v) in map {
                    walk(&format!("{at}/{k}"), v, found);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(&format!("{at}/{i}"), v, found);
                }
            }
            _ => {}
        }
    }
    let doc = document();
    let mut found = Vec::new();
    walk("", &doc["components"], &mut found);
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            walk(
                &format!("{method} {path}/parameters"),
                &op["parameters"],
                &mut found,
            );
            walk(
                &format!("{method} {path}/json"),
                &op["requestBody"]["content"]["application/json"],
                &mut found,
            );
        }
    }
    assert!(found.is_empty(), "no maximum: {found:#?}");
    let cool_down = &doc["components"]["schemas"]["AfterHours"]["properties"]["cool_down_minutes"];
    assert_eq!(cool_down["maximum"], u32::MAX, "a u32 reads up to u32::MAX");
    assert_eq!(
        cool_down["format"], "int64",
        "not an int32 with a larger maximum"
    );
    let budget = &doc["components"]["schemas"]["UpdateStore"]["properties"]["monthly_budget"];
    assert_eq!(
        budget["maximum"],
        i64::MAX,
        "a u64 is read up to int64's bound, which the API enforces"
    );
    assert_eq!(budget["format"], "int64");
}

#[test]
fn import_followers_documents_max_pages_as_an_optional_query_parameter_of_1_to_50() {
    let doc = document();
    let max_pages = param(
        &doc,
        "/admin/channels/{channel_id}/import-followers",
        "post",
        "max_pages",
    );
    assert_eq!(max_pages["in"], "query");
    assert_eq!(max_pages["required"], false);
    assert_eq!(max_pages["schema"]["minimum"], 1);
    assert_eq!(max_pages["schema"]["maximum"], 50);
}

#[test]
fn each_variant_of_a_closed_request_enum_refuses_unknown_fields_in_the_document() {
    let doc = document();
    for variant in doc["components"]["schemas"]["PreviewMessage"]["oneOf"]
        .as_array()
        .unwrap()
    {
        assert_eq!(variant["additionalProperties"], false, "{variant}");
    }
}
