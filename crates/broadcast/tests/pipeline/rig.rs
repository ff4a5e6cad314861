//! A test rig: the embedded adapters, the in-process LINE sandbox with the same
//! friends, and sender workers that consume the fan-out queue as Lambda would.

use futures::future::join_all;
use jiff::Timestamp;
use otodoke_broadcast::line::{LineMessenger, Messenger};
use otodoke_broadcast::planner::{plan, PlanOutcome, PlannerConfig};
use otodoke_broadcast::sender::{send_batch, BatchOutcome, SenderConfig};
use otodoke_broadcast::Ports;
use otodoke_contract::builders::{campaign_id, sample_campaign, sample_channel, sample_org};
use otodoke_core::campaign::{Campaign, CampaignStatus, FanoutBatch};
use otodoke_core::friend::{ChannelLink, FollowState, Friend, FriendKey};
use otodoke_core::organization::{Channel, Plan};
use otodoke_core::ports::{FriendStore, OrganizationStore, QueueReceiver};
use otodoke_core::{CampaignId, LineUserId, OrgId, ProviderId};
use otodoke_embedded::{Embedded, EmbeddedQueue, EmbeddedRateLimiter, QueueConfig, StaticSecrets};
use otodoke_line_sandbox::{ChannelConfig, Sandbox, SandboxHandle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub const ORG: &str = "acme";
pub const CHANNEL: &str = "1650000000";

pub struct Rig {
    pub sandbox: SandboxHandle,
    pub embedded: Embedded,
    pub ports: Ports,
    pub line: Arc<dyn Messenger>,
    pub channel: Channel,
    pub users: Vec<LineUserId>,
    pub sender: SenderConfig,
}

pub struct RigOptions {
    pub friends: u64,
    pub sandbox_plan: otodoke_line_sandbox::Plan,
    pub plan: Plan,
    pub fanout: QueueConfig,
}

impl Default for RigOptions {
    fn default() -> Self {
        Self {
            friends: 2_300,
            sandbox_plan: otodoke_line_sandbox::Plan::Unlimited,
            plan: Plan::Unlimited,
            fanout: QueueConfig::standard()
                .with_visibility_timeout(Duration::from_millis(1_500))
                .with_max_receive_count(5),
        }
    }
}

pub fn now() -> Timestamp {
    Timestamp::now()
}

impl Rig {
    pub async fn new(options: RigOptions) -> Rig {
        let sandbox_channel = ChannelConfig::new(CHANNEL).plan(options.sandbox_plan);
        let token = sandbox_channel.token().to_owned();
        let sandbox = Sandbox::builder()
            .channel(sandbox_channel)
            .start()
            .await
            .expect("sandbox starts");
        let bulk = sandbox.add_friends(CHANNEL, options.friends).unwrap();
        let mut channel = sample_channel(ORG, CHANNEL, 1);
        channel.plan = options.plan;
        let secrets = StaticSecrets::new().with(channel.access_token_ref.0.clone(), token);
        let embedded =
            Embedded::with_queues(QueueConfig::fifo(), options.fanout).with_secrets(secrets);
        embedded
            .orgs
            .put_organization(&sample_org(ORG))
            .await
            .unwrap();
        embedded.orgs.put_channel(&channel).await.unwrap();
        let t: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let mut users = Vec::with_capacity(options.friends as usize);
        for id in bulk.user_ids() {
            let user = LineUserId::parse(id).unwrap();
            let key = FriendKey {
                org: OrgId::new(ORG).unwrap(),
                provider: ProviderId::new("provider-1").unwrap(),
                user_id: user.clone(),
            };
            let mut f = Friend::new(key, t);
            f.channels.insert(
                channel.id.clone(),
                ChannelLink {
                    state: FollowState::Following,
                    followed_at: Some(t),
                    blocked_at: None,
                },
            );
            embedded.friends.save(&f).await.unwrap();
            users.push(user);
        }
        let ports = Ports {
            orgs: embedded.orgs.clone(),
            friends: embedded.friends.clone(),
            campaigns: embedded.campaigns.clone(),
            campaign_stats: embedded.campaign_stats.clone(),
            enrolments: embedded.enrolments.clone(),
            quota: embedded.quota.clone(),
            idempotency: embedded.idempotency.clone(),
            rate: Arc::new(EmbeddedRateLimiter::new()),
            fanout: embedded.fanout.clone(),
            planning: Arc::new(EmbeddedQueue::new(QueueConfig::standard())),
            after_sequence: Arc::new(EmbeddedQueue::new(QueueConfig::standard())),
            links: None,
        };
        let line: Arc<dyn Messenger> = Arc::new(LineMessenger::new(
            sandbox.base_url(),
            embedded.secrets.clone(),
        ));
        let sender = SenderConfig {
            backoff: Duration::from_millis(20),
            claim_lease: jiff::SignedDuration::from_millis(1_000),
            ..SenderConfig::default()
        };
        Rig {
            sandbox,
            embedded,
            ports,
            line,
            channel,
            users,
            sender,
        }
    }

    /// A running campaign `id` to everyone.
    pub async fn running_campaign(&self, id: &str) -> CampaignId {
        let mut c: Campaign = sample_campaign(ORG, id, CHANNEL);
        c.status = CampaignStatus::Running;
        self.ports.campaigns.create(&c).await.unwrap();
        c.id
    }

    pub async fn plan_all(&self, id: &CampaignId, batch_size: usize) -> PlanOutcome {
        plan(
            &self.ports,
            id,
            now(),
            PlannerConfig {
                batch_size,
                time_budget: None,
            },
        )
        .await
        .unwrap()
    }

    /// Cancels running campaign `id` as staff would.
    pub async fn cancel(&self, id: &CampaignId) {
        assert!(self
            .ports
            .campaigns
            .transition(
                id,
                CampaignStatus::Running,
                CampaignStatus::Cancelled,
                now()
            )
            .await
            .unwrap());
    }

    pub async fn campaign(&self, id: &str) -> Campaign {
        self.ports
            .campaigns
            .campaign(&campaign_id(id))
            .await
            .unwrap()
            .unwrap()
    }

    /// Receives one message and processes it; `None` if the queue had nothing.
    pub async fn process_one(&self) -> Option<BatchOutcome> {
        let got = self
            .embedded
            .fanout
            .receive(1, Duration::from_millis(50))
            .await
            .unwrap();
        let m = got.into_iter().next()?;
        let batch: FanoutBatch = serde_json::from_str(&m.body).unwrap();
        let outcome = send_batch(&self.ports, self.line.as_ref(), &batch, &self.sender)
            .await
            .unwrap();
        if outcome.ack() {
            self.embedded.fanout.ack(&m.receipt).await.unwrap();
        }
        Some(outcome)
    }

    /// Runs `workers` sender workers (each handling up to 10 messages at once, as a
    /// Lambda with batch size 10) until `done` holds or `timeout` passes.
    pub async fn run_senders(
        &self,
        workers: usize,
        timeout: Duration,
        done: impl Fn(&Rig) -> futures::future::BoxFuture<'_, bool>,
    ) {
        let stop = Arc::new(AtomicBool::new(false));
        let mut tasks = Vec::new();
        for _ in 0..workers {
            let ports = self.ports.clone();
            let line = self.line.clone();
            let queue = self.embedded.fanout.clone();
            let config = self.sender;
            let stop = stop.clone();
            tasks.push(tokio::spawn(async move {
                worker(ports, line, queue, config, stop).await
            }));
        }
        let deadline = tokio::time::Instant::now() + timeout;
        while tokio::time::Instant::now() < deadline && !done(self).await {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        stop.store(true, Ordering::SeqCst);
        for t in tasks {
            t.await.unwrap();
        }
    }

    /// How many times each user received something; every entry should be 1.
    pub fn delivery_counts(&self) -> Vec<usize> {
        self.users
            .iter()
            .map(|u| self.sandbox.deliveries_to(u.as_str()).len())
            .collect()
    }
}

/// A sender worker: receive up to 10, process them concurrently, ack per outcome.
pub async fn worker(
    ports: Ports,
    line: Arc<dyn Messenger>,
    queue: Arc<EmbeddedQueue>,
    config: SenderConfig,
    stop: Arc<AtomicBool>,
) {
    while !stop.load(Ordering::SeqCst) {
        let got = queue.receive(10, Duration::from_millis(50)).await.unwrap();
        join_all(got.into_iter().map(|m| {
            let (ports, line, queue) = (&ports, &line, &queue);
            async move {
                let batch: FanoutBatch = serde_json::from_str(&m.body).unwrap();
                match send_batch(ports, line.as_ref(), &batch, &config).await {
                    Ok(outcome) if outcome.ack() => queue.ack(&m.receipt).await.unwrap(),
                    Ok(_) => {}
                    Err(e) => eprintln!("batch {} left to the queue: {e}", batch.batch_no),
                }
            }
        }))
        .await;
    }
}

/// Whether campaign `id` has reached `status`.
pub fn status_is(
    id: &'static str,
    status: CampaignStatus,
) -> impl Fn(&Rig) -> futures::future::BoxFuture<'_, bool> {
    move |rig: &Rig| Box::pin(async move { rig.campaign(id).await.status == status })
}

#[allow(dead_code)]
pub async fn enqueue(rig: &Rig, batch: &FanoutBatch) {
    rig.ports
        .fanout
        .send(&[otodoke_core::ports::QueueMessage {
            body: serde_json::to_string(batch).unwrap(),
            group_id: None,
            dedup_id: None,
        }])
        .await
        .unwrap();
}
