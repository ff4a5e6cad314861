use crate::support::*;
use serde_json::json;

#[tokio::test]
async fn every_answer_carries_a_fresh_request_id_even_errors() {
    let env = start().await;
    let ok = env.get("/v2/bot/info").await;
    let bad = env.post("/v2/bot/message/push", json!({})).await;
    let unauthorized = env
        .send(env.http.get(env.url("/v2/bot/message/quota")))
        .await;
    let ids = [ok.request_id(), bad.request_id(), unauthorized.request_id()];
    assert_eq!(
        (ok.status, bad.status, unauthorized.status),
        (200, 400, 401)
    );
    for id in &ids {
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{id} is a uuid");
    }
    assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2]);
}

#[tokio::test]
async fn an_unknown_path_is_a_line_shaped_404() {
    let env = start().await;
    let answer = env.get("/v2/bot/nothing/here").await;
    assert_eq!((answer.status, answer.message()), (404, "Not found"));
    assert!(answer.header("x-line-request-id").is_some());
}
