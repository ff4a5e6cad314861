//! The world the functions run against: moto_server (DynamoDB, SQS, Secrets Manager),
//! the LINE sandbox, and what each function needs seeded in them.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use futures::{StreamExt, TryStreamExt};
use otodoke_autoreply::config::ReplyConfig;
use otodoke_autoreply::message::Answer;
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_aws::{DynamoStores, TableNames};
use otodoke_contract::builders::{
    following, sample_campaign, sample_channel, sample_friend, sample_org, sample_staff,
    sample_store, store_id,
};
use otodoke_core::campaign::CampaignStatus;
use otodoke_core::organization::{Plan, Role};
use otodoke_core::ports::{CampaignStore, FriendStore, OrganizationStore};
use otodoke_line_sandbox::{ChannelConfig, Sandbox, SandboxHandle};
use otodoke_moto::MotoServer;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The organization whose channel receives webhooks and runs the load campaign.
pub const ORG: &str = "probe";
/// Its store (the auto-reply rules live there).
pub const STORE: &str = "shop";
/// Its channel (a sandbox channel with the same id).
pub const CHANNEL: &str = "1000000001";
/// A small organization for the planner and sender cold starts: a campaign to
/// 20 friends, so that the first event's time is start-up, not a big plan.
const COLD_ORG: &str = "probe-cold";
const COLD_CHANNEL: &str = "1000000002";
const COLD_FRIENDS: u32 = 20;
/// The campaign the planner load plans and the sender load sends.
pub const LOAD_CAMPAIGN: &str = "load-1";
/// Table names: `probe-organizations`, ...
const TABLE_PREFIX: &str = "probe-";
/// The owner whose claims the probe's admin API requests carry.
pub const PROBE_STAFF: &str = "staff-probe";
/// Where the admin API writes channel secrets.
const SECRET_PREFIX: &str = "otodoke/probe/channels/";

/// A webhook delivery as LINE sent it: the exact body bytes and their signature.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub body: Bytes,
    pub signature: String,
}

type Captured = Arc<Mutex<Vec<Delivery>>>;

/// Everything started and seeded; dropped at the end of the probe.
pub struct World {
    pub moto: MotoServer,
    pub sandbox: SandboxHandle,
    pub sqs: aws_sdk_sqs::Client,
    pub events_url: String,
    pub planning_url: String,
    pub fanout_url: String,
    /// Queues the functions are given but the probe's loads do not drive.
    media_url: String,
    menu_jobs_url: String,
    captured: Captured,
}

impl World {
    /// Starts moto_server and the sandbox, creates the tables, queues and secrets,
    /// and seeds two organizations: [`ORG`] with `friends` following friends and a
    /// running campaign to all of them, and a small one with ten running campaigns
    /// (`cold-0`..) to 20 friends each.
    pub async fn start(friends: u32) -> Result<World, String> {
        let moto = MotoServer::start().map_err(|e| e.to_string())?;
        let sdk = moto.sdk_config().await;
        let names = TableNames::prefixed(TABLE_PREFIX);
        otodoke_aws::create_tables(&otodoke_aws::dynamodb_client(&sdk), &names)
            .await
            .map_err(|e| format!("create tables: {e}"))?;
        let sqs = otodoke_aws::sqs_client(&sdk);
        let queue = |name: &'static str, fifo: bool| {
            let sqs = sqs.clone();
            async move {
                otodoke_aws::create_queue(&sqs, name, fifo, Duration::from_secs(900), 5)
                    .await
                    .map(|q| q.url)
                    .map_err(|e| format!("create queue {name}: {e}"))
            }
        };
        let events_url = queue("probe-events", true).await?;
        let planning_url = queue("probe-planning", false).await?;
        let fanout_url = queue("probe-fanout", false).await?;
        let media_url = queue("probe-media", false).await?;
        let menu_jobs_url = queue("probe-menu-jobs", false).await?;

        let captured: Captured = Arc::default();
        let capture_url = serve_capture(captured.clone()).await?;
        let load_channel = ChannelConfig::new(CHANNEL).webhook_url(capture_url);
        let cold_channel = ChannelConfig::new(COLD_CHANNEL);
        let sandbox = Sandbox::builder()
            .channel(load_channel.clone())
            .channel(cold_channel.clone())
            // The probe holds deliveries for minutes before the responder sees them.
            .reply_token_ttl(Duration::from_secs(3_600))
            .start()
            .await
            .map_err(|e| format!("start the LINE sandbox: {e}"))?;

        let secrets = otodoke_aws::secrets_client(&sdk);
        for channel in [&load_channel, &cold_channel] {
            for (suffix, value) in [
                ("secret", &channel.channel_secret),
                ("token", &channel.access_tokens[0]),
            ] {
                secrets
                    .create_secret()
                    .name(format!("{}/{suffix}", channel.channel_id))
                    .secret_string(value)
                    .send()
                    .await
                    .map_err(|e| format!("create secret: {e:?}"))?;
            }
        }

        let stores = DynamoStores::new(otodoke_aws::dynamodb_client(&sdk), &names);
        seed_org(&stores, ORG, &load_channel, 0, friends).await?;
        seed_org(&stores, COLD_ORG, &cold_channel, 1_000_000, COLD_FRIENDS).await?;
        let mut load = sample_campaign(ORG, LOAD_CAMPAIGN, CHANNEL);
        load.status = CampaignStatus::Running;
        stores
            .campaigns
            .create(&load)
            .await
            .map_err(|e| e.to_string())?;
        for n in 0..10 {
            let mut cold = sample_campaign(COLD_ORG, &cold_campaign(n), COLD_CHANNEL);
            cold.status = CampaignStatus::Running;
            stores
                .campaigns
                .create(&cold)
                .await
                .map_err(|e| e.to_string())?;
        }
        Ok(World {
            moto,
            sandbox,
            sqs,
            events_url,
            planning_url,
            fanout_url,
            media_url,
            menu_jobs_url,
            captured,
        })
    }

    /// The settings every function gets, as the SAM template sets them, pointed at
    /// moto and the sandbox.
    pub fn function_env(&self) -> Vec<(String, String)> {
        let endpoint = self.moto.endpoint_url();
        [
            ("AWS_REGION", otodoke_moto::REGION),
            ("AWS_DEFAULT_REGION", otodoke_moto::REGION),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
            ("AWS_SESSION_TOKEN", "testing"),
            ("AWS_ENDPOINT_URL", endpoint.as_str()),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("OTODOKE_TABLE_PREFIX", TABLE_PREFIX),
            ("OTODOKE_QUEUE_EVENTS_URL", self.events_url.as_str()),
            ("OTODOKE_QUEUE_PLANNING_URL", self.planning_url.as_str()),
            ("OTODOKE_QUEUE_FANOUT_URL", self.fanout_url.as_str()),
            ("OTODOKE_QUEUE_MEDIA_URL", self.media_url.as_str()),
            ("OTODOKE_QUEUE_MENU_JOBS_URL", self.menu_jobs_url.as_str()),
            // Read at start-up only; no load stores media.
            ("OTODOKE_MEDIA_BUCKET", "probe-media"),
            (
                "OTODOKE_LINE_API_BASE_URL",
                self.sandbox.base_url().as_str(),
            ),
            ("OTODOKE_SECRET_PREFIX", SECRET_PREFIX),
            ("OTODOKE_RECONCILE_CHANNELS", CHANNEL),
            // The probe holds deliveries for minutes before the responder runs (the
            // sandbox's reply tokens live an hour); with the default 50 s window the
            // responder would rightly skip the reply, and the load would not call LINE.
            (
                "OTODOKE_RESPONDER_OPTIONS",
                r#"{"reply_window_ms":3600000}"#,
            ),
            ("RUST_LOG", "info"),
            // The template's `LoggingConfig: {LogFormat: JSON}` makes Lambda set this.
            ("AWS_LAMBDA_LOG_FORMAT", "JSON"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    /// `count` friends of [`CHANNEL`] each send one text in the sandbox; returns the
    /// signed deliveries LINE made (half ask for the hours, which a rule answers;
    /// half say something the fallback answers).
    pub async fn webhook_deliveries(&self, count: u64) -> Result<Vec<Delivery>, String> {
        let friends = self
            .sandbox
            .add_friends(CHANNEL, count)
            .map_err(|e| e.to_string())?;
        for (n, user) in friends.user_ids().enumerate() {
            let text = if n % 2 == 0 {
                "What are your opening hours?"
            } else {
                "Do you have the autumn menu yet?"
            };
            let outcome = self
                .sandbox
                .friend_sends_text(CHANNEL, &user, text)
                .await
                .map_err(|e| e.to_string())?;
            if outcome.status != 200 {
                return Err(format!("the capture answered {}", outcome.status));
            }
        }
        let mut captured = self.captured.lock().unwrap_or_else(|p| p.into_inner());
        Ok(std::mem::take(&mut *captured))
    }

    /// How many replies the sandbox has accepted so far.
    pub fn replies_accepted(&self) -> u64 {
        let stats = serde_json::to_value(self.sandbox.stats()).unwrap_or_default();
        stats["endpoints"]["reply"]["succeeded"]
            .as_u64()
            .unwrap_or(0)
    }

    /// Receives every message now visible in `queue_url` (they stay invisible for
    /// the queue's 15 minutes: the probe plays the event source mapping).
    pub async fn drain(&self, queue_url: &str) -> Result<Vec<aws_sdk_sqs::types::Message>, String> {
        let mut all = Vec::new();
        let mut empty_polls = 0;
        while empty_polls < 2 {
            let out = self
                .sqs
                .receive_message()
                .queue_url(queue_url)
                .max_number_of_messages(10)
                .message_system_attribute_names(aws_sdk_sqs::types::MessageSystemAttributeName::All)
                .send()
                .await
                .map_err(|e| format!("receive: {e:?}"))?;
            let messages = out.messages.unwrap_or_default();
            if messages.is_empty() {
                empty_polls += 1;
            } else {
                empty_polls = 0;
                all.extend(messages);
            }
        }
        Ok(all)
    }
}

/// The id of cold-start campaign `n`.
pub fn cold_campaign(n: usize) -> String {
    format!("cold-{n}")
}

/// An organization with a store that answers texts (a keyword rule and a
/// fallback), `channel` as its channel, and `count` following friends numbered
/// from `first`.
async fn seed_org(
    stores: &DynamoStores,
    org: &str,
    channel: &ChannelConfig,
    first: u32,
    count: u32,
) -> Result<(), String> {
    let orgs = &stores.organizations;
    orgs.put_organization(&sample_org(org))
        .await
        .map_err(|e| e.to_string())?;
    // The admin API answers staff it has a record of (the probe's requests carry
    // this id as the token's subject).
    let mut owner = sample_staff(org, PROBE_STAFF);
    owner.role = Role::Owner;
    orgs.put_staff(&owner).await.map_err(|e| e.to_string())?;
    let mut store = sample_store(org, STORE);
    store.reply = ReplyConfig {
        store_name: "Probe Cafe".into(),
        time_zone: "Asia/Tokyo".into(),
        rules: vec![Rule {
            id: "hours".into(),
            kind: MatchKind::Partial,
            keywords: vec!["hours".into()],
            answer: Answer::text("We are open 10:00-20:00, every day."),
            ..Rule::default()
        }],
        fallback: Some(Answer::text(
            "Thank you! A member of staff will answer soon.",
        )),
        ..ReplyConfig::default()
    };
    orgs.save_store(&store).await.map_err(|e| e.to_string())?;
    let mut record = sample_channel(org, &channel.channel_id, 0);
    record.bot_user_id = channel.bot_user_id.clone();
    record.store_id = Some(store_id(STORE));
    record.default_store = Some(store_id(STORE));
    record.plan = Plan::Unlimited;
    orgs.put_channel(&record).await.map_err(|e| e.to_string())?;
    let channel_id = channel.channel_id.as_str();
    futures::stream::iter(first..first + count)
        .map(|n| async move {
            stores
                .friends
                .save(&following(sample_friend(n, org), channel_id))
                .await
                .map_err(|e| e.to_string())
        })
        .buffer_unordered(8)
        .try_collect::<Vec<_>>()
        .await?;
    Ok(())
}

/// A loopback endpoint standing in for API Gateway as the sandbox's webhook URL: it
/// keeps each delivery's bytes and signature for the probe to replay to the webhook
/// function, and answers 200.
async fn serve_capture(captured: Captured) -> Result<String, String> {
    async fn capture(
        State(captured): State<Captured>,
        headers: HeaderMap,
        body: Bytes,
    ) -> &'static str {
        let signature = headers
            .get("x-line-signature")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        captured
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Delivery { body, signature });
        "{}"
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| format!("bind the webhook capture: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let app = axum::Router::new()
        .route("/webhook", post(capture))
        .with_state(captured);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(format!("http://{addr}/webhook"))
}
