//! The Lambda path: an API Gateway HTTP API event with JWT claims in its request
//! context, through lambda_http, into the router.

use super::support::*;
use otodoke_fn_admin_api::{router, AppState, AuthMode};
use tower::ServiceExt;

const EVENT: &str = include_str!("../fixtures/apigw-v2-list-channels.json");

async fn through_lambda(world: &World, event: &str) -> Reply {
    let request = lambda_http::request::from_str(event).expect("a valid API Gateway v2 event");
    let app = router(AppState::new(world.ports(), AuthMode::LambdaJwt).with_clock(now));
    into_reply(app.oneshot(request).await.unwrap()).await
}

#[tokio::test]
async fn jwt_claims_in_the_request_context_make_the_caller() {
    let world = World::new().await;
    let r = through_lambda(&world, EVENT).await;
    assert_eq!(r.status, 200, "{}", r.json);
    // custom:stores = kanto: the shared channel, not osaka's.
    let ids: Vec<&str> = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ch-acme"]);
}

#[tokio::test]
async fn the_claims_scope_a_lambda_caller_to_their_stores() {
    let world = World::new().await;
    let event = EVENT.replace("/admin/channels", "/admin/stores/osaka");
    let r = through_lambda(&world, &event).await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn a_lambda_request_without_authorizer_claims_is_401_even_with_a_bearer_header() {
    let world = World::new().await;
    let mut event: serde_json::Value = serde_json::from_str(EVENT).unwrap();
    event["requestContext"]
        .as_object_mut()
        .unwrap()
        .remove("authorizer");
    event["headers"]["authorization"] = format!("Bearer {TOKEN}").into();
    let r = through_lambda(&world, &event.to_string()).await;
    assert_eq!(r.status, 401);
}
