use crate::support::*;
use axum::routing::post;
use axum::{Json, Router};
use otodoke_autoreply::intents::{Intent, IntentSettings};
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_core::conversation::Sender;
use otodoke_core::organization::SecretRef;
use otodoke_core::{OrgId, StoreKey};
use otodoke_line_sandbox::Endpoint;
use otodoke_responder::{GenerativeSettings, Handled, ResponderOptions, StoreOptions};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A local stand-in for a chat-completions API that always picks `answer`, after
/// `delay`, and keeps the requests it got.
async fn completions(answer: &'static str, delay: Duration) -> (String, Arc<Mutex<Vec<Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let app = Router::new().route(
        "/v1/chat/completions",
        post(move |Json(request): Json<Value>| {
            let log = log.clone();
            async move {
                log.lock().unwrap().push(request);
                tokio::time::sleep(delay).await;
                Json(json!({
                    "id": "chatcmpl-1", "object": "chat.completion",
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": answer}}]
                }))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/v1"), seen)
}

fn config() -> ReplyConfig {
    ReplyConfig {
        intents: IntentSettings {
            intents: vec![
                Intent {
                    name: "parking".into(),
                    examples: vec!["駐車場はありますか".into()],
                    answer: Answer::text("提携駐車場がございます"),
                },
                Intent {
                    name: "payment".into(),
                    examples: vec!["カードは使えますか".into()],
                    answer: Answer::text("各種カードがご利用いただけます"),
                },
            ],
            ..IntentSettings::default()
        },
        fallback: Some(Answer::text("担当者から折り返します")),
        ..ReplyConfig::default()
    }
}

fn with_backend(base_url: String, timeout_ms: u64) -> ResponderOptions {
    ResponderOptions::default().with_store(
        StoreKey::new(OrgId::new("acme").unwrap(), store_id("shibuya")),
        StoreOptions {
            generative: Some(GenerativeSettings {
                base_url,
                model: "small-model".into(),
                api_key_ref: SecretRef("llm-key".into()),
                timeout_ms,
            }),
            ..StoreOptions::default()
        },
    )
}

#[tokio::test]
async fn the_generative_backend_picks_an_intent_when_the_built_in_recogniser_declines() {
    let (url, requests) = completions("parking", Duration::ZERO).await;
    let world = Setup::new(store("shibuya", config()))
        .options(with_backend(url, 5_000))
        .start()
        .await;
    let handled = world
        .handle(&world.says("例のあれ、どうなってますか").await)
        .await
        .unwrap();

    assert_eq!(handled, Handled::Replied);
    assert_eq!(world.texts_to(USER), ["提携駐車場がございます"]);
    assert_eq!(
        world.history(USER).await.pop().unwrap().sender,
        Sender::Intent("parking".into())
    );
    // The loading animation ran while the backend thought.
    assert_eq!(world.requests(Endpoint::Loading), 1);
    let requests = requests.lock().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["model"], "small-model");
    let prompt = requests[0]["messages"][1]["content"].as_str().unwrap();
    assert!(prompt.contains("parking: 提携駐車場がございます"));
    assert!(prompt.contains("例のあれ、どうなってますか"));
}

#[tokio::test]
async fn a_slow_generative_backend_falls_back_to_the_built_in_decision() {
    let (url, _) = completions("parking", Duration::from_secs(3)).await;
    let world = Setup::new(store("shibuya", config()))
        .options(with_backend(url, 300))
        .start()
        .await;
    let handled = world
        .handle(&world.says("例のあれ、どうなってますか").await)
        .await
        .unwrap();

    assert_eq!(handled, Handled::Replied);
    assert_eq!(world.texts_to(USER), ["担当者から折り返します"]);
    assert_eq!(
        world.history(USER).await.pop().unwrap().sender,
        Sender::Fallback
    );
}

#[tokio::test]
async fn the_generative_backend_is_not_asked_when_a_built_in_intent_answers() {
    let (url, requests) = completions("payment", Duration::ZERO).await;
    let world = Setup::new(store("shibuya", config()))
        .options(with_backend(url, 5_000))
        .start()
        .await;
    world
        .handle(&world.says("駐車場はありますか").await)
        .await
        .unwrap();

    assert_eq!(world.texts_to(USER), ["提携駐車場がございます"]);
    assert!(requests.lock().unwrap().is_empty());
    assert_eq!(world.requests(Endpoint::Loading), 0);
}
