//! The Lambda path: an API Gateway HTTP API event with JWT claims in its request
//! context, through lambda_http, into the router. The claims identify; the staff
//! record of `sub` authorizes.

use super::support::*;
use otodoke_core::organization::{Role, Staff};
use otodoke_core::ports::OrganizationStore;
use otodoke_core::{OrgId, StaffId, StoreId};
use otodoke_fn_admin_api::{router, AppState, AuthMode};
use tower::ServiceExt;

const EVENT: &str = include_str!("../fixtures/apigw-v2-list-channels.json");
/// The fixture's `sub`.
const SUB: &str = "7d8f0c2e-staff-shibuya";

async fn through_lambda(world: &World, event: &str) -> Reply {
    let request = lambda_http::request::from_str(event).expect("a valid API Gateway v2 event");
    let app = router(AppState::new(world.ports(), AuthMode::LambdaJwt).with_clock(now));
    into_reply(app.oneshot(request).await.unwrap()).await
}

/// The fixture's staff member: an operator of kanto (and so of shibuya below it).
fn kanto_operator() -> Staff {
    Staff {
        id: StaffId::new(SUB).unwrap(),
        org_id: OrgId::new("acme").unwrap(),
        display_name: "渋谷 スタッフ".into(),
        role: Role::Operator,
        stores: vec![StoreId::new("kanto").unwrap()],
        sender_name: None,
        sender_icon_url: None,
        assigned_only: false,
        active: true,
        email: None,
    }
}

#[tokio::test]
async fn jwt_claims_identify_and_the_staff_record_scopes_the_caller() {
    let world = World::new().await;
    world
        .embedded
        .orgs
        .put_staff(&kanto_operator())
        .await
        .unwrap();
    let r = through_lambda(&world, EVENT).await;
    assert_eq!(r.status, 200, "{}", r.json);
    // The record's stores = kanto: the shared channel, not osaka's.
    let ids: Vec<&str> = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ch-acme"]);
    let event = EVENT.replace("/admin/channels", "/admin/stores/osaka");
    assert_eq!(through_lambda(&world, &event).await.status, 404);
}

#[tokio::test]
async fn role_and_store_claims_in_the_token_grant_nothing_the_record_does_not() {
    let world = World::new().await;
    world
        .embedded
        .orgs
        .put_staff(&kanto_operator())
        .await
        .unwrap();
    // The token claims an unrestricted owner; the record says kanto's operator.
    let event = EVENT
        .replace("\"operator\"", "\"owner\"")
        .replace("\"custom:stores\": \"kanto\"", "\"custom:stores\": \"\"")
        .replace("/admin/channels", "/admin/stores/osaka");
    assert_eq!(through_lambda(&world, &event).await.status, 404);
}

#[tokio::test]
async fn a_token_without_a_staff_record_or_of_a_deactivated_member_is_401() {
    let world = World::new().await;
    assert_eq!(through_lambda(&world, EVENT).await.status, 401);
    let mut gone = kanto_operator();
    gone.active = false;
    world.embedded.orgs.put_staff(&gone).await.unwrap();
    assert_eq!(through_lambda(&world, EVENT).await.status, 401);
}

#[tokio::test]
async fn a_lambda_request_without_authorizer_claims_is_401_even_with_a_bearer_header() {
    let world = World::new().await;
    world
        .embedded
        .orgs
        .put_staff(&kanto_operator())
        .await
        .unwrap();
    let mut event: serde_json::Value = serde_json::from_str(EVENT).unwrap();
    event["requestContext"]
        .as_object_mut()
        .unwrap()
        .remove("authorizer");
    event["headers"]["authorization"] = format!("Bearer {TOKEN}").into();
    let r = through_lambda(&world, &event.to_string()).await;
    assert_eq!(r.status, 401);
}
