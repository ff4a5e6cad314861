//! The media function's batch handling against the LINE sandbox and embedded stores.

use aws_lambda_events::event::sqs::{SqsEvent, SqsMessage};
use otodoke_contract::builders::{friend_key, sample_channel, user_id};
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::ports::{ConversationStore, OrganizationStore};
use otodoke_core::{ChannelId, PageRequest};
use otodoke_embedded::{
    EmbeddedConversations, EmbeddedMedia, EmbeddedOrganizations, StaticSecrets,
};
use otodoke_line_sandbox::{ChannelConfig, ContentKind, Sandbox};
use otodoke_media::{job_for, job_message, Keeper, LineContent};
use std::sync::Arc;

const CHANNEL: &str = "1650000001";

fn record(id: &str, body: String) -> SqsMessage {
    let mut m = SqsMessage::default();
    m.message_id = Some(id.to_owned());
    m.body = Some(body);
    m
}

#[tokio::test]
async fn a_kept_job_is_acked_and_malformed_or_failing_jobs_are_retried() {
    let app = axum::Router::new().fallback(|| async { "ok" });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let channel = ChannelConfig::new(CHANNEL).webhook_url(hook);
    let token = channel.token().to_owned();
    let sandbox = Sandbox::builder().channel(channel).start().await.unwrap();
    let orgs = Arc::new(EmbeddedOrganizations::default());
    orgs.connect_channel(&sample_channel("acme", CHANNEL, 1))
        .await
        .unwrap();
    let secrets = Arc::new(StaticSecrets::new().with(format!("{CHANNEL}/token"), token));
    let conversations = Arc::new(EmbeddedConversations::new());
    let keeper = Keeper::new(
        Arc::new(LineContent::new(
            sandbox.base_url(),
            sandbox.base_url(),
            orgs,
            secrets,
        )),
        Arc::new(EmbeddedMedia::in_memory("http://127.0.0.1:1")),
        conversations.clone(),
    );

    let user = user_id(1).to_string();
    sandbox.friend_follows(CHANNEL, &user).await.unwrap();
    let sent = sandbox
        .friend_sends_media(CHANNEL, &user, ContentKind::Image, None)
        .await
        .unwrap();
    let message = sent.event["message"].clone();
    let entry = ConversationEntry {
        id: "01J00000000000000000000001".into(),
        friend: friend_key(1),
        channel: ChannelId::new(CHANNEL).unwrap(),
        store_id: None,
        at: jiff::Timestamp::now(),
        direction: Direction::Inbound,
        line_message_id: message["id"].as_str().map(str::to_owned),
        text: "[image]".into(),
        payload: message,
        sender: Sender::Customer,
        hidden: false,
        expires_at: None,
        media: None,
        delivery: None,
        declined_intent: false,
    };
    conversations.append(&entry).await.unwrap();
    let job = job_for(&entry).unwrap();
    let mut unknown_channel = job.clone();
    unknown_channel.channel = ChannelId::new("999").unwrap();

    let mut batch = SqsEvent::default();
    batch.records = vec![
        record("kept", job_message(&job).body),
        record("malformed", "{\"not\":\"a job\"}".into()),
        record("unknown-channel", job_message(&unknown_channel).body),
    ];
    let response = otodoke_fn_media::handle(&keeper, batch).await;
    let failed: Vec<_> = response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.as_str())
        .collect();
    assert_eq!(failed, ["malformed", "unknown-channel"]);
    let history = conversations
        .history(&friend_key(1), PageRequest::first(1))
        .await
        .unwrap();
    assert!(history.items[0].media.is_some(), "the image was kept");
}
