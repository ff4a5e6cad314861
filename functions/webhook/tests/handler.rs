//! The webhook Lambda handler, driven by API Gateway HTTP API events built from a
//! JSON fixture, over the embedded adapters.

use base64::Engine;
use jiff::SignedDuration;
use otodoke_core::organization::{Channel, Plan, SecretRef};
use otodoke_core::ports::OrganizationStore;
use otodoke_core::{ChannelId, OrgId, ProviderId};
use otodoke_embedded::{Embedded, StaticSecrets};
use otodoke_ingest::{ChannelDirectory, Ingest, IngestConfig};
use otodoke_line::signature::sign;

const SECRET: &str = "8c570fa6dd201bb328f1c1eac23a96d8";
const FIXTURE: &str = include_str!("fixtures/apigw-http-webhook.json");

async fn ingest() -> (Embedded, Ingest) {
    ingest_with_secret_at("s").await
}

/// A channel whose secret is looked up at `secret_ref` (only "s" holds one).
async fn ingest_with_secret_at(secret_ref: &str) -> (Embedded, Ingest) {
    let embedded = Embedded::new().with_secrets(StaticSecrets::new().with("s", SECRET));
    embedded
        .orgs
        .put_channel(&Channel {
            id: ChannelId::new("1234").unwrap(),
            org_id: OrgId::new("acme").unwrap(),
            provider: ProviderId::new("prov").unwrap(),
            bot_user_id: "U8e742f61d673b39c7fff3cecb7536ef0".into(),
            store_id: None,
            default_store: None,
            secret_ref: SecretRef(secret_ref.into()),
            access_token_ref: SecretRef("t".into()),
            plan: Plan::Communication,
        })
        .await
        .unwrap();
    let ingest = Ingest::new(
        ChannelDirectory::new(
            embedded.orgs.clone(),
            embedded.secrets.clone(),
            SignedDuration::from_mins(5),
        ),
        embedded.idempotency.clone(),
        embedded.events.clone(),
        IngestConfig::default(),
    );
    (embedded, ingest)
}

/// The fixture with `body` in it (base64-encoded if asked) and `signature` in the header.
fn event(body: &str, signature: &str, base64: bool) -> lambda_http::Request {
    let mut json: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    json["headers"]["x-line-signature"] = signature.into();
    if base64 {
        json["body"] = base64::engine::general_purpose::STANDARD
            .encode(body)
            .into();
        json["isBase64Encoded"] = true.into();
    } else {
        json["body"] = body.into();
    }
    lambda_http::request::from_str(&json.to_string()).unwrap()
}

// Escapes and odd spacing on purpose: the signature covers these exact bytes. The
// event's timestamp is now (ingest refuses events older than its dedupe window).
static BODY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    BODY_TEMPLATE.replace("1700000000000", &now_ms.to_string())
});
const BODY_TEMPLATE: &str = "{\"destination\":\"U8e742f61d673b39c7fff3cecb7536ef0\",\n \"events\":[{\"type\":\"message\",\"mode\":\"active\",\"timestamp\":1700000000000,\"source\":{\"type\":\"user\",\"userId\":\"U4af4980629a0a2b8c3d4e5f60718293a\"},\"webhookEventId\":\"01HWEBHOOK\",\"deliveryContext\":{\"isRedelivery\":false},\"replyToken\":\"r\",\"message\":{\"id\":\"1\",\"type\":\"text\",\"quoteToken\":\"q\",\"text\":\"\\u55b6\\u696d\\u6642\\u9593\"}}]}";

#[tokio::test]
async fn a_signed_delivery_through_api_gateway_is_acknowledged_with_200() {
    let (embedded, ingest) = ingest().await;
    let response = otodoke_fn_webhook::handle(
        &ingest,
        event(&BODY, &sign(SECRET.as_bytes(), BODY.as_bytes()), false),
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(embedded.events.depth().ready, 1);
}

#[tokio::test]
async fn a_base64_encoded_body_is_verified_on_its_decoded_bytes() {
    let (embedded, ingest) = ingest().await;
    let response = otodoke_fn_webhook::handle(
        &ingest,
        event(&BODY, &sign(SECRET.as_bytes(), BODY.as_bytes()), true),
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(embedded.events.depth().ready, 1);
}

#[tokio::test]
async fn a_forged_signature_gets_401_and_a_body_that_reveals_nothing() {
    let (embedded, ingest) = ingest().await;
    let response = otodoke_fn_webhook::handle(
        &ingest,
        event(&BODY, &sign(b"guess", BODY.as_bytes()), false),
    )
    .await;
    assert_eq!(response.status(), 401);
    let body = std::str::from_utf8(response.body().as_ref())
        .unwrap()
        .to_owned();
    assert_eq!(body, r#"{"message":"invalid signature"}"#);
    assert_eq!(embedded.events.depth().ready, 0);
}

#[tokio::test]
async fn a_secret_store_outage_answers_500_so_that_line_redelivers() {
    let (embedded, ingest) = ingest_with_secret_at("unreachable").await;
    let response = otodoke_fn_webhook::handle(
        &ingest,
        event(&BODY, &sign(SECRET.as_bytes(), BODY.as_bytes()), false),
    )
    .await;
    assert_eq!(response.status(), 500);
    assert_eq!(embedded.events.depth().ready, 0);
}
