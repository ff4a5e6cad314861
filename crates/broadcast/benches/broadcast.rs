//! The broadcast pipeline at scale (a bench binary, not criterion: one run is ~10 s
//! of sending by construction).
//!
//! cargo bench -p otodoke-broadcast --bench broadcast            # all three runs
//! cargo bench -p otodoke-broadcast --bench broadcast -- plan    # planner only
//! cargo bench -p otodoke-broadcast --bench broadcast -- send    # 1M send, no faults
//! cargo bench -p otodoke-broadcast --bench broadcast -- faults  # 1M send with faults
//!
//! `BROADCAST_FRIENDS` (default 1,000,000) and `BROADCAST_SENDERS` (default 4
//! workers x 10 concurrent batches) change the scale.

use jiff::Timestamp;
use otodoke_broadcast::line::{LineMessenger, Messenger};
use otodoke_broadcast::planner::{plan, PlanOutcome, PlannerConfig};
use otodoke_broadcast::sender::{work, SenderConfig};
use otodoke_broadcast::Ports;
use otodoke_core::campaign::{Audience, Campaign, CampaignStatus, Progress, Schedule};
use otodoke_core::friend::{ChannelLink, FollowState, Friend, FriendKey};
use otodoke_core::organization::{Channel, LinkMode, Organization, Plan, SecretRef};
use otodoke_core::ports::{FriendStore, OrganizationStore};
use otodoke_core::{CampaignId, ChannelId, LineUserId, OrgId, ProviderId, StaffId};
use otodoke_embedded::{Embedded, EmbeddedQueue, EmbeddedRateLimiter, QueueConfig, StaticSecrets};
use otodoke_line_sandbox::{ChannelConfig, Endpoint, EndpointFaults, Faults, Sandbox};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CHANNEL: &str = "1650000000";

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Setup {
    embedded: Embedded,
    ports: Ports,
    users: Vec<String>,
    sandbox: Option<otodoke_line_sandbox::SandboxHandle>,
}

async fn setup(friends: u64, with_sandbox: bool) -> Setup {
    let sandbox_channel = ChannelConfig::new(CHANNEL);
    let token = sandbox_channel.token().to_owned();
    let (sandbox, users): (_, Vec<String>) = if with_sandbox {
        let sandbox = Sandbox::builder()
            .channel(sandbox_channel)
            .start()
            .await
            .unwrap();
        let bulk = sandbox.add_friends(CHANNEL, friends).unwrap();
        let users = bulk.user_ids().collect();
        (Some(sandbox), users)
    } else {
        (None, (0..friends).map(|n| format!("U{n:032x}")).collect())
    };
    let channel = Channel {
        id: ChannelId::new(CHANNEL).unwrap(),
        org_id: OrgId::new("acme").unwrap(),
        provider: ProviderId::new("provider-1").unwrap(),
        bot_user_id: format!("U{:032x}", 1),
        store_id: None,
        default_store: None,
        secret_ref: SecretRef("secret".into()),
        access_token_ref: SecretRef("token".into()),
        plan: Plan::Unlimited,
    };
    let fanout = QueueConfig::standard().with_visibility_timeout(Duration::from_secs(5));
    let embedded = Embedded::with_queues(QueueConfig::fifo(), fanout)
        .with_secrets(StaticSecrets::new().with("token", token));
    let t: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    embedded
        .orgs
        .put_organization(&Organization {
            id: channel.org_id.clone(),
            name: "Acme".into(),
            link_mode: LinkMode::SharedChannel,
            default_store: None,
            created_at: t,
            reply: Default::default(),
        })
        .await
        .unwrap();
    embedded.orgs.put_channel(&channel).await.unwrap();
    for user in &users {
        let key = FriendKey {
            org: channel.org_id.clone(),
            provider: channel.provider.clone(),
            user_id: LineUserId::parse(user.clone()).unwrap(),
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
    Setup {
        embedded,
        ports,
        users,
        sandbox,
    }
}

async fn campaign(ports: &Ports, id: &str) -> CampaignId {
    let t = Timestamp::now();
    let c = Campaign {
        id: CampaignId::new(id).unwrap(),
        org_id: OrgId::new("acme").unwrap(),
        channel_id: ChannelId::new(CHANNEL).unwrap(),
        name: id.into(),
        messages: vec![serde_json::json!({"type": "text", "text": "Winter sale!"})],
        sender: None,
        track_links: false,
        audience: Audience::default(),
        schedule: Schedule::Now,
        status: CampaignStatus::Running,
        progress: Progress::default(),
        created_by: StaffId::new("staff").unwrap(),
        created_at: t,
        updated_at: t,
        version: 0,
    };
    ports.campaigns.create(&c).await.unwrap();
    c.id
}

async fn bench_plan(friends: u64) {
    let s = setup(friends, false).await;
    let id = campaign(&s.ports, "plan").await;
    let started = Instant::now();
    let outcome = plan(&s.ports, &id, Timestamp::now(), PlannerConfig::default())
        .await
        .unwrap();
    let elapsed = started.elapsed();
    let PlanOutcome::Done { planned, batches } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(planned, friends);
    println!(
        "plan: {planned} recipients in {batches} batches in {:.2} s = {:.2} M recipients/s (queue holds {})",
        elapsed.as_secs_f64(),
        planned as f64 / elapsed.as_secs_f64() / 1e6,
        s.embedded.fanout.depth().ready
    );
}

async fn bench_send(friends: u64, faults: bool) {
    let s = setup(friends, true).await;
    let sandbox = s.sandbox.as_ref().unwrap();
    let id = campaign(&s.ports, "send").await;
    let planned = plan(&s.ports, &id, Timestamp::now(), PlannerConfig::default())
        .await
        .unwrap();
    if faults {
        sandbox.set_faults(Faults::seeded(42).on(
            Endpoint::Multicast,
            EndpointFaults {
                error_rate: 0.05,
                drop_rate: 0.02,
                ..EndpointFaults::default()
            },
        ));
    }
    let line: Arc<dyn Messenger> = Arc::new(LineMessenger::new(
        sandbox.base_url(),
        s.embedded.secrets.clone(),
    ));
    let config = SenderConfig {
        backoff: Duration::from_millis(20),
        claim_lease: jiff::SignedDuration::from_secs(4),
        ..SenderConfig::default()
    };
    let workers = env_or("BROADCAST_SENDERS", 4);
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..workers {
        let (ports, line, queue, stop) = (
            s.ports.clone(),
            line.clone(),
            s.embedded.fanout.clone(),
            stop.clone(),
        );
        tasks.push(tokio::spawn(async move {
            work(&ports, line.as_ref(), queue.as_ref(), &config, &stop).await
        }));
    }
    let mut killed = false;
    loop {
        let c = s.ports.campaigns.campaign(&id).await.unwrap().unwrap();
        if c.status == CampaignStatus::Completed {
            break;
        }
        if faults && !killed && started.elapsed() > Duration::from_secs(3) {
            // "Kill" one sender mid-run: its batches in flight are never acked
            // and come back after the visibility timeout.
            tasks.remove(0).abort();
            killed = true;
        }
        if started.elapsed() > Duration::from_secs(120) {
            panic!("not completed after 120 s: {:?}", c.progress);
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let elapsed = started.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let stats = sandbox.stats().endpoint(Endpoint::Multicast);
    let check = Instant::now();
    let mut not_once = 0u64;
    for u in &s.users {
        if sandbox.deliveries_to(u).len() != 1 {
            not_once += 1;
        }
    }
    let batches = match planned {
        PlanOutcome::Done { batches, .. } => batches,
        other => panic!("{other:?}"),
    };
    let accepted = stats.succeeded;
    println!(
        "send{}: {friends} recipients, {batches} batches, {workers} senders x 10: completed in {:.2} s",
        if faults { " with faults" } else { "" },
        elapsed.as_secs_f64()
    );
    println!(
        "  multicast requests {} (2xx {accepted}, 409 {}, 429 rate {}, injected 500 {}, dropped {}); \
         accepted rate {:.1} req/s = {:.1} % of 200; all requests {:.1} req/s",
        stats.requests,
        stats.conflicts,
        stats.rate_limited,
        stats.injected_errors,
        stats.dropped_connections,
        accepted as f64 / elapsed.as_secs_f64(),
        accepted as f64 / elapsed.as_secs_f64() / 2.0,
        stats.requests as f64 / elapsed.as_secs_f64(),
    );
    println!(
        "  429 share {:.3} %; deliveries {}; recipients not reached exactly once: {not_once} (checked in {:.1} s)",
        stats.rate_limited as f64 * 100.0 / stats.requests.max(1) as f64,
        sandbox.delivery_count(),
        check.elapsed().as_secs_f64()
    );
    assert_eq!(not_once, 0, "every recipient exactly once");
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let want = |name: &str| args.is_empty() || args.iter().any(|a| a == name);
    let friends = env_or("BROADCAST_FRIENDS", 1_000_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        if want("plan") {
            bench_plan(friends).await;
        }
        if want("send") {
            bench_send(friends, false).await;
        }
        if want("faults") {
            bench_send(friends, true).await;
        }
    });
}
