//! Campaigns targeted by LINE's own demographics: created with a typed filter
//! (alone or with otodoke's own filters, whose friends go to LINE as an audience
//! group), refused with a 422 naming the field when LINE could not send it,
//! estimated with LINE deciding the reach, and shown with LINE's report of the
//! narrowcast.

use crate::support::*;
use otodoke_core::campaign::PlannerCheckpoint;
use otodoke_core::demographic::NarrowcastState;
use otodoke_core::organization::Role;
use otodoke_core::ports::CampaignStore;
use serde_json::{json, Value};

fn campaign(extra: Value) -> Value {
    let mut body = json!({
        "name": "20-30代女性限定セール", "channel_id": "ch-acme",
        "messages": [{"type": "text", "text": "セール開催中"}],
        "schedule": {"kind": "now"}
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

fn fields(r: &Reply) -> Vec<String> {
    r.json["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_campaign_with_lines_demographic_filter_is_created_and_estimated_as_lines_to_decide() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let created = call(
        &app,
        "POST",
        "/admin/campaigns",
        Some(campaign(json!({"line_demographics": {
            "genders": ["female"], "age_from": "age_20", "age_below": "age_40",
            "areas": ["jp_13", "jp_14"], "app_types": ["ios"], "friends_for_at_least": "day_30"
        }}))),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.json);
    assert_eq!(
        created.json["audience"]["line_demographics"]["areas"],
        json!(["jp_13", "jp_14"])
    );
    let id = created.json["id"].as_str().unwrap().to_owned();

    let estimate = call(
        &app,
        "POST",
        &format!("/admin/campaigns/{id}/estimate"),
        None,
    )
    .await;
    assert_eq!(estimate.status, 200, "{}", estimate.json);
    let note = estimate.json["line_estimate"].as_str().unwrap();
    assert!(
        note.starts_with("LINE's demographic estimate decides the reach"),
        "{note}"
    );
    assert!(note.contains(&format!("at most {} friends", estimate.json["audience"])));

    // LINE's report of the narrowcast, as the sender records it, shows on the campaign.
    let cid = otodoke_core::CampaignId::new(id.clone()).unwrap();
    let reported = PlannerCheckpoint {
        next_batch: 2,
        done: true,
        narrowcast: Some(NarrowcastState {
            request_id: Some("req-1".into()),
            phase: Some("failed".into()),
            failed_description: Some("not enough recipients".into()),
            error_code: Some(2),
            ..NarrowcastState::default()
        }),
        ..PlannerCheckpoint::default()
    };
    assert!(world
        .embedded
        .campaigns
        .advance_checkpoint(&cid, 0, &reported)
        .await
        .unwrap());
    let shown = call(&app, "GET", &format!("/admin/campaigns/{id}"), None).await;
    assert_eq!(shown.json["narrowcast"]["phase"], "failed");
    assert_eq!(shown.json["narrowcast"]["error_code"], 2);
    assert_eq!(
        shown.json["status"], "draft",
        "the record's own fields stay at the top"
    );
}

#[tokio::test]
async fn own_filters_with_lines_demographics_are_accepted_and_estimated_as_the_segment_line_narrows(
) {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let created = call(
        &app,
        "POST",
        "/admin/campaigns",
        Some(campaign(json!({
            "line_demographics": {"genders": ["female"]},
            "audience": {"tags_any": ["vip"]}
        }))),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.json);
    assert_eq!(created.json["audience"]["tags_any"], json!(["vip"]));
    let id = created.json["id"].as_str().unwrap().to_owned();
    let estimate = call(
        &app,
        "POST",
        &format!("/admin/campaigns/{id}/estimate"),
        None,
    )
    .await;
    assert_eq!(estimate.status, 200, "{}", estimate.json);
    let note = estimate.json["line_estimate"].as_str().unwrap();
    assert!(note.contains("audience group"), "{note}");
    assert!(
        note.contains(&format!("at most {} friends", estimate.json["audience"])),
        "{note}"
    );
    // Another organization finds nothing of it.
    let globex = world.app(caller("globex", Role::Owner, &[]));
    for (method, path) in [
        ("GET", format!("/admin/campaigns/{id}")),
        ("POST", format!("/admin/campaigns/{id}/estimate")),
    ] {
        assert_eq!(
            call(&globex, method, &path, None).await.status,
            404,
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_filter_line_could_not_send_is_a_422_naming_the_field_and_nothing_is_created() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let cases = [
        (json!({"line_demographics": {}}), "line_demographics"),
        (
            json!({"line_demographics": {"age_from": "age_40", "age_below": "age_20"}}),
            "line_demographics.age_from",
        ),
        (
            json!({"line_demographics": {"friends_for_at_least": "day_90", "friends_for_less_than": "day_7"}}),
            "line_demographics.friends_for_at_least",
        ),
        (
            json!({"line_demographics": {"genders": ["female"]},
                   "schedule": {"kind": "sequence", "steps": [{"offset_days": 0, "at_local_time": null,
                     "messages": [{"type": "text", "text": "ようこそ"}]}]}}),
            "schedule",
        ),
        (
            json!({"audience": {"line_demographics": {"genders": ["female"]}}}),
            "audience.line_demographics",
        ),
    ];
    for (extra, field) in cases {
        let r = call(
            &app,
            "POST",
            "/admin/campaigns",
            Some(campaign(extra.clone())),
        )
        .await;
        assert_eq!(r.status, 422, "{extra}: {}", r.json);
        assert_eq!(fields(&r), [field], "{extra}");
    }
    // Values outside LINE's lists do not parse at all: the body is refused whole.
    for bad in [
        json!({"areas": ["jp_48"]}),
        json!({"age_from": "age_18"}),
        json!({"genders": ["other"]}),
        json!({"height": "tall"}),
    ] {
        let r = call(
            &app,
            "POST",
            "/admin/campaigns",
            Some(campaign(json!({ "line_demographics": bad }))),
        )
        .await;
        assert!(
            r.status == 400 || r.status == 422,
            "{bad}: {} {}",
            r.status,
            r.json
        );
    }
    let listed = call(&app, "GET", "/admin/campaigns", None).await;
    let names: Vec<&str> = listed.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(
        !names.contains(&"20-30代女性限定セール"),
        "nothing was created"
    );
}
