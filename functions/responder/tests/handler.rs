//! The responder Lambda's batch handling, driven by an SQS event from a JSON fixture
//! over the embedded adapters. The events are standby follows: handling one records
//! the friend and never calls LINE, so what was handled shows in the friend store.

use aws_lambda_events::event::sqs::SqsEvent;
use jiff::Timestamp;
use lambda_runtime::{Context, LambdaEvent};
use otodoke_core::friend::FriendKey;
use otodoke_core::organization::{Channel, LinkMode, Organization, Plan, SecretRef};
use otodoke_core::ports::{FriendStore, OrganizationStore};
use otodoke_core::{ChannelId, LineUserId, OrgId, ProviderId};
use otodoke_embedded::{Embedded, StaticSecrets};
use otodoke_responder::{EventHandler, LineClients, Ports, ResponderOptions};

const FIXTURE: &str = include_str!("fixtures/sqs-events-batch.json");
const A1: &str = "U0000000000000000000000000000a000";
const A3: &str = "U0000000000000000000000000000a001";
const B1: &str = "U0000000000000000000000000000a002";
const B2: &str = "U0000000000000000000000000000a003";

async fn world() -> (Embedded, EventHandler) {
    let embedded = Embedded::new().with_secrets(StaticSecrets::new().with("token", "t"));
    let org = OrgId::new("acme").unwrap();
    embedded
        .orgs
        .put_organization(&Organization {
            id: org.clone(),
            name: "Acme".into(),
            link_mode: LinkMode::SharedChannel,
            default_store: None,
            created_at: Timestamp::UNIX_EPOCH,
            reply: Default::default(),
        })
        .await
        .unwrap();
    embedded
        .orgs
        .put_channel(&Channel {
            id: ChannelId::new("1000000001").unwrap(),
            org_id: org,
            provider: ProviderId::new("provider").unwrap(),
            bot_user_id: "U8e742f61d673b39c7fff3cecb7536ef0".into(),
            store_id: None,
            default_store: None,
            secret_ref: SecretRef("secret".into()),
            access_token_ref: SecretRef("token".into()),
            plan: Plan::Unlimited,
        })
        .await
        .unwrap();
    let ports = Ports {
        orgs: embedded.orgs.clone(),
        friends: embedded.friends.clone(),
        idempotency: embedded.idempotency.clone(),
        quota: embedded.quota.clone(),
        conversations: embedded.conversations.clone(),
        campaigns: embedded.campaigns.clone(),
        enrolments: embedded.enrolments.clone(),
        threads: embedded.threads.clone(),
        richmenus: embedded.richmenus.clone(),
        automations: embedded.automations.clone(),
        metrics: embedded.metrics.clone(),
        media_jobs: std::sync::Arc::new(otodoke_embedded::EmbeddedQueue::new(
            otodoke_embedded::QueueConfig::standard(),
        )),
        secrets: embedded.secrets.clone(),
    };
    // Nothing listens here: a call to LINE would fail the record.
    let line = LineClients::new("http://127.0.0.1:9", ports.secrets.clone());
    let handler = EventHandler::new(ports, line, ResponderOptions::default());
    (embedded, handler)
}

fn batch() -> LambdaEvent<SqsEvent> {
    LambdaEvent::new(serde_json::from_str(FIXTURE).unwrap(), Context::default())
}

async fn recorded(embedded: &Embedded, user: &str) -> bool {
    let key = FriendKey {
        org: OrgId::new("acme").unwrap(),
        provider: ProviderId::new("provider").unwrap(),
        user_id: LineUserId::parse(user).unwrap(),
    };
    embedded.friends.friend(&key).await.unwrap().is_some()
}

fn failed_ids(response: &aws_lambda_events::event::sqs::SqsBatchResponse) -> Vec<&str> {
    response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.as_str())
        .collect()
}

#[tokio::test]
async fn a_poison_record_fails_itself_and_every_later_record_of_its_group_only() {
    let (embedded, handler) = world().await;
    let response = otodoke_fn_responder::handle(&handler, batch()).await;

    // a-2 is not an envelope; a-3 comes after it in group A so it is not tried; c-1
    // names a channel that is not connected. Group B is untouched by all that.
    assert_eq!(failed_ids(&response), ["a-2", "c-1", "a-3"]);
    assert!(recorded(&embedded, A1).await);
    assert!(!recorded(&embedded, A3).await);
    assert!(recorded(&embedded, B1).await);
    assert!(recorded(&embedded, B2).await);
}

#[tokio::test]
async fn a_redelivered_batch_handles_only_what_failed_before() {
    let (embedded, handler) = world().await;
    otodoke_fn_responder::handle(&handler, batch()).await;
    // SQS redelivers the failed records (the handled ones answer "already done").
    let again = otodoke_fn_responder::handle(&handler, batch()).await;

    assert_eq!(failed_ids(&again), ["a-2", "c-1", "a-3"]);
    assert!(recorded(&embedded, B2).await);
}

#[tokio::test]
async fn the_response_serializes_as_lambda_expects() {
    let (_embedded, handler) = world().await;
    let response = otodoke_fn_responder::handle(&handler, batch()).await;
    let json = serde_json::to_value(&response).unwrap();

    assert_eq!(json["batchItemFailures"][0]["itemIdentifier"], "a-2");
}
