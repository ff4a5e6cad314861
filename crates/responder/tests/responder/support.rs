//! The test world: an in-process LINE sandbox whose webhooks go to the real ingest
//! (over the embedded adapters) through a local HTTP receiver, the events queue, and
//! the responder under test reading from it.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use jiff::{SignedDuration, Timestamp};
use otodoke_autoreply::ReplyConfig;
use otodoke_core::conversation::ConversationEntry;
use otodoke_core::friend::{Friend, FriendKey};
use otodoke_core::organization::{Channel, LinkMode, Organization, Plan, SecretRef, Store};
use otodoke_core::ports::{ConversationStore, FriendStore, OrganizationStore, QueueReceiver};
use otodoke_core::{ChannelId, LineUserId, OrgId, PageRequest, ProviderId, StoreId};
use otodoke_embedded::{Embedded, StaticSecrets};
use otodoke_ingest::{ChannelDirectory, EventEnvelope, Ingest, IngestConfig};
use otodoke_line::RetryPolicy;
use otodoke_line_sandbox::{
    ChannelConfig, Endpoint, NewFriend, Sandbox, SandboxClock, SandboxHandle,
};
use otodoke_responder::{
    EventHandler, Handled, LineClients, Ports, RespondError, ResponderOptions, StaffNotifier,
};
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const CHANNEL: &str = "1000000001";
/// The second store's own channel, under the same LINE provider (see
/// [`Setup::store_with_own_channel`]).
pub const STORE_CHANNEL: &str = "1000000002";
pub const USER: &str = "U4af4980629b6e1f2a4b7f8a2d3e6c5b1";
pub const OTHER_USER: &str = "U0000000000000000000000000000abcd";

pub fn store_id(id: &str) -> StoreId {
    StoreId::new(id).unwrap()
}

pub fn at(rfc3339: &str) -> Timestamp {
    rfc3339.parse().unwrap()
}

/// A store named `id` in Tokyo with `reply` as its configuration.
pub fn store(id: &str, reply: ReplyConfig) -> Store {
    Store {
        id: store_id(id),
        org_id: OrgId::new("acme").unwrap(),
        parent: None,
        name: format!("{id}店"),
        time_zone: "Asia/Tokyo".into(),
        retention_days: None,
        staff_notify_url: None,
        monthly_budget: None,
        reply,
        version: 0,
        inherits: Default::default(),
        inbox: Default::default(),
    }
}

pub struct World {
    pub sandbox: SandboxHandle,
    pub clock: SandboxClock,
    pub embedded: Embedded,
    pub handler: EventHandler,
    pub channel: Channel,
    pub ports: Ports,
}

/// How a world starts.
pub struct Setup {
    pub start: Timestamp,
    /// Saved as the organization's default store.
    pub store: Store,
    pub options: ResponderOptions,
    pub plan: Plan,
    /// A second store with a channel of its own ([`STORE_CHANNEL`]).
    pub own_channel_store: Option<Store>,
}

impl Setup {
    pub fn new(store: Store) -> Self {
        Self {
            start: at("2026-11-20T03:00:00Z"), // Friday 12:00 in Tokyo
            store,
            options: ResponderOptions::default(),
            plan: Plan::Unlimited,
            own_channel_store: None,
        }
    }

    /// Adds `store` with a channel of its own, [`STORE_CHANNEL`], under the same
    /// provider as [`CHANNEL`] (the organization's shared channel).
    pub fn store_with_own_channel(mut self, store: Store) -> Self {
        self.own_channel_store = Some(store);
        self
    }

    pub fn at(mut self, start: &str) -> Self {
        self.start = at(start);
        self
    }

    pub fn options(mut self, options: ResponderOptions) -> Self {
        self.options = options;
        self
    }

    pub fn plan(mut self, plan: Plan) -> Self {
        self.plan = plan;
        self
    }

    pub async fn start(self) -> World {
        World::start(self).await
    }
}

impl World {
    pub async fn start(setup: Setup) -> World {
        let clock = SandboxClock::starting_at_ms(setup.start.as_millisecond());
        let config = ChannelConfig::new(CHANNEL);
        let store_config = ChannelConfig::new(STORE_CHANNEL);
        let sandbox = Sandbox::builder()
            .channel(config.clone())
            .channel(store_config.clone())
            .clock(clock.clone())
            .start()
            .await
            .unwrap();
        let embedded = Embedded::new().with_secrets(
            StaticSecrets::new()
                .with("channel-secret", config.channel_secret.clone())
                .with("channel-token", config.token())
                .with("store-channel-secret", store_config.channel_secret.clone())
                .with("store-channel-token", store_config.token())
                .with("llm-key", "test-key"),
        );
        let org = Organization {
            id: OrgId::new("acme").unwrap(),
            name: "Acme".into(),
            link_mode: LinkMode::SharedChannel,
            default_store: Some(setup.store.id.clone()),
            created_at: setup.start,
            reply: Default::default(),
        };
        let channel = Channel {
            id: ChannelId::new(CHANNEL).unwrap(),
            org_id: org.id.clone(),
            provider: ProviderId::new("provider").unwrap(),
            bot_user_id: config.bot_user_id.clone(),
            store_id: None,
            default_store: None,
            secret_ref: SecretRef("channel-secret".into()),
            access_token_ref: SecretRef("channel-token".into()),
            plan: setup.plan,
        };
        embedded.orgs.put_organization(&org).await.unwrap();
        embedded.orgs.save_store(&setup.store).await.unwrap();
        embedded.orgs.put_channel(&channel).await.unwrap();

        if let Some(store) = &setup.own_channel_store {
            embedded.orgs.save_store(store).await.unwrap();
            let own = Channel {
                id: ChannelId::new(STORE_CHANNEL).unwrap(),
                bot_user_id: store_config.bot_user_id.clone(),
                store_id: Some(store.id.clone()),
                secret_ref: SecretRef("store-channel-secret".into()),
                access_token_ref: SecretRef("store-channel-token".into()),
                ..channel.clone()
            };
            embedded.orgs.put_channel(&own).await.unwrap();
        }

        let url = serve_ingest(&embedded, clock.clone()).await;
        sandbox
            .set_webhook_url(CHANNEL, Some(format!("{url}{CHANNEL}")))
            .unwrap();
        sandbox
            .set_webhook_url(STORE_CHANNEL, Some(format!("{url}{STORE_CHANNEL}")))
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
        let handler = handler_over(ports.clone(), &sandbox, setup.options);
        sandbox
            .add_friend(
                CHANNEL,
                NewFriend {
                    user_id: Some(USER.into()),
                    display_name: Some("花子".into()),
                    ..NewFriend::default()
                },
            )
            .unwrap();
        World {
            sandbox,
            clock,
            embedded,
            handler,
            channel,
            ports,
        }
    }

    pub fn now(&self) -> Timestamp {
        Timestamp::from_millisecond(self.clock.now_epoch_ms()).unwrap()
    }

    pub fn advance(&self, by: SignedDuration) {
        self.clock.advance(by.unsigned_abs());
    }

    /// `USER` (a friend in the sandbox from the start) writes `text`; returns the queued envelope.
    pub async fn says(&self, text: &str) -> EventEnvelope {
        self.says_as(USER, text).await
    }

    /// `user` (a friend in the sandbox already) writes `text`.
    pub async fn says_as(&self, user: &str, text: &str) -> EventEnvelope {
        let outcome = self
            .sandbox
            .friend_sends_text(CHANNEL, user, text)
            .await
            .unwrap();
        assert_eq!(outcome.status, 200, "ingest refused: {}", outcome.body);
        self.next_envelope().await
    }

    /// The next event on the events queue (acknowledged, as the Lambda would).
    pub async fn next_envelope(&self) -> EventEnvelope {
        let mut received = self
            .embedded
            .events
            .receive(1, Duration::ZERO)
            .await
            .unwrap();
        let message = received.pop().expect("an event was queued");
        self.embedded.events.ack(&message.receipt).await.unwrap();
        serde_json::from_str(&message.body).unwrap()
    }

    pub async fn handle(&self, envelope: &EventEnvelope) -> Result<Handled, RespondError> {
        self.handler.handle(envelope, self.now()).await
    }

    /// The text bubbles the bot sent `user`, in order.
    pub fn texts_to(&self, user: &str) -> Vec<String> {
        self.sandbox
            .messages_to_friend(CHANNEL, user)
            .iter()
            .map(|m| {
                m.message["text"]
                    .as_str()
                    .unwrap_or("[non-text]")
                    .to_owned()
            })
            .collect()
    }

    /// Requests LINE received on `endpoint`.
    pub fn requests(&self, endpoint: Endpoint) -> u64 {
        self.sandbox.stats().endpoint(endpoint).requests
    }

    /// Requests LINE received on any endpoint.
    pub fn all_requests(&self) -> u64 {
        Endpoint::ALL.iter().map(|e| self.requests(*e)).sum()
    }

    pub fn key(&self, user: &str) -> FriendKey {
        FriendKey {
            org: self.channel.org_id.clone(),
            provider: self.channel.provider.clone(),
            user_id: LineUserId::parse(user).unwrap(),
        }
    }

    pub async fn friend(&self, user: &str) -> Option<Friend> {
        self.embedded.friends.friend(&self.key(user)).await.unwrap()
    }

    /// `user`'s conversation, oldest first.
    pub async fn history(&self, user: &str) -> Vec<ConversationEntry> {
        let mut page = self
            .embedded
            .conversations
            .history(&self.key(user), PageRequest::first(100))
            .await
            .unwrap()
            .items;
        page.reverse();
        page
    }

    /// Saves `store` over whatever version is stored (an admin's edit).
    pub async fn save_store(&self, store: &Store) {
        use otodoke_core::ports::OrganizationStore;
        let orgs = &self.embedded.orgs;
        let mut store = store.clone();
        store.version = orgs
            .store(&store.org_id, &store.id)
            .await
            .unwrap()
            .map_or(0, |s| s.version);
        orgs.save_store(&store).await.unwrap();
    }
}

/// A handler over `ports` talking to `sandbox`, retrying pushes quickly.
pub fn handler_over(
    ports: Ports,
    sandbox: &SandboxHandle,
    options: ResponderOptions,
) -> EventHandler {
    let line =
        LineClients::new(sandbox.base_url(), ports.secrets.clone()).with_retry(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
        });
    let notifier = StaffNotifier::allowing_local_receivers(Duration::from_secs(2));
    let automator =
        otodoke_responder::automate::automator_for(&ports, &sandbox.base_url(), notifier.clone());
    EventHandler::new(ports, line, options)
        .with_notifier(notifier)
        .with_automator(automator)
}

/// The webhook receiver: LINE's POSTs go through the real ingest into the embedded
/// events queue, timed by the sandbox clock.
async fn serve_ingest(embedded: &Embedded, clock: SandboxClock) -> String {
    let ingest = Arc::new(Ingest::new(
        ChannelDirectory::new(
            embedded.orgs.clone(),
            embedded.secrets.clone(),
            SignedDuration::from_mins(5),
        ),
        embedded.idempotency.clone(),
        embedded.events.clone(),
        IngestConfig::default(),
    ));
    let app = Router::new()
        .route(
            "/webhook/{channel}",
            post(
                |State((ingest, clock)): State<(Arc<Ingest>, SandboxClock)>,
                 Path(channel): Path<String>,
                 headers: HeaderMap,
                 body: Bytes| async move {
                    let headers = headers
                        .iter()
                        .filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?)));
                    let now = Timestamp::from_millisecond(clock.now_epoch_ms()).unwrap();
                    match ingest.handle(&channel, headers, &body, now).await {
                        Ok(_) => StatusCode::OK,
                        Err(e) => StatusCode::from_u16(e.status()).unwrap(),
                    }
                },
            ),
        )
        .with_state((ingest, clock));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/webhook/")
}

/// A local HTTP receiver that records JSON bodies POSTed to it.
#[derive(Clone, Default)]
pub struct JsonReceiver {
    pub bodies: Arc<Mutex<Vec<Value>>>,
}

impl JsonReceiver {
    pub async fn start(&self) -> String {
        let me = self.clone();
        let app = Router::new().route(
            "/",
            post(move |body: Bytes| {
                let me = me.clone();
                async move {
                    me.bodies
                        .lock()
                        .unwrap()
                        .push(serde_json::from_slice(&body).unwrap());
                    StatusCode::OK
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        format!("http://{addr}/")
    }

    pub fn received(&self) -> Vec<Value> {
        self.bodies.lock().unwrap().clone()
    }
}

/// `envelope` with its event edited by `edit` (to make group, standby or unsend events
/// the sandbox does not produce).
pub fn edited(envelope: &EventEnvelope, edit: impl FnOnce(&mut Value)) -> EventEnvelope {
    let mut event: Value = serde_json::from_str(envelope.event.get()).unwrap();
    edit(&mut event);
    EventEnvelope {
        event: serde_json::value::to_raw_value(&event).unwrap(),
        ..envelope.clone()
    }
}
