//! The figure of docs/performance.md: 1, 4 and 10 sender tasks (instances, each
//! with 10 requests in flight as a sender invocation has) multicasting to the LINE
//! sandbox (LINE's 200 requests/s token bucket per channel), each request admitted
//! by the DynamoDB rate limiter on moto. Ignored by default (it runs 3 x 10 s):
//!
//! ```sh
//! OTODOKE_MOTO_SERVER=$(scripts/python-env)/bin/moto_server \
//!   cargo test -p otodoke-broadcast-aws --test limiter_figure -- --ignored --nocapture
//! ```

use jiff::Timestamp;
use otodoke_aws::{create_tables, dynamodb_client, DynamoRateLimiter, TableNames};
use otodoke_broadcast::line::{LineMessenger, Messenger, SendFailure};
use otodoke_broadcast::sender::rate_key;
use otodoke_contract::builders::sample_channel;
use otodoke_core::ports::RateLimiter;
use otodoke_core::rate::{Admission, RateLimit};
use otodoke_core::LineUserId;
use otodoke_embedded::StaticSecrets;
use otodoke_line_sandbox::{ChannelConfig, Sandbox};
use otodoke_moto::MotoServer;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CHANNEL: &str = "1650000000";
const RUN: Duration = Duration::from_secs(10);
/// Records one sender invocation handles concurrently (SenderBatchSize).
const IN_FLIGHT: usize = 10;

#[derive(Default)]
struct Counts {
    accepted: AtomicU64,
    rate_limited: AtomicU64,
    other: AtomicU64,
}

/// As the sender's admission: take a slot in the current window, or sleep until
/// the next window starts (with up to 2 ms of jitter) and ask again.
async fn admit(limiter: &dyn RateLimiter, key: &str, limit: RateLimit) {
    loop {
        match limiter.acquire(key, limit, Timestamp::now()).await.unwrap() {
            Admission::Granted => return,
            Admission::RetryAt(at) => {
                let wait = at.duration_since(Timestamp::now());
                let jitter =
                    Duration::from_micros(u64::from(uuid::Uuid::new_v4().as_u128() as u16 % 2_000));
                tokio::time::sleep(Duration::try_from(wait).unwrap_or_default() + jitter).await;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "a 30 s measurement: run it for docs/performance.md"]
async fn senders_through_the_dynamodb_limiter_stay_within_lines_multicast_rate() {
    let sdk = MotoServer::shared().sdk_config().await;
    let client = dynamodb_client(&sdk);
    let names = TableNames::prefixed(&format!("fig{}-", uuid::Uuid::new_v4().simple()));
    create_tables(&client, &names).await.unwrap();
    // Slots per round trip; `OTODOKE_LIMITER_LEASE=1` measures one write per request.
    let lease: u32 = std::env::var("OTODOKE_LIMITER_LEASE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(otodoke_aws::rate_limit::DEFAULT_LEASE);

    let config = ChannelConfig::new(CHANNEL);
    let sandbox = Sandbox::builder()
        .channel(config.clone())
        .start()
        .await
        .unwrap();
    let friends = sandbox.add_friends(CHANNEL, 1).unwrap();
    let to = vec![LineUserId::parse(friends.user_id(0)).unwrap()];
    let channel = sample_channel("o", CHANNEL, 1);
    let secrets = StaticSecrets::new().with(channel.access_token_ref.0.clone(), config.token());
    let line: Arc<dyn Messenger> =
        Arc::new(LineMessenger::new(sandbox.base_url(), Arc::new(secrets)));
    let messages = vec![serde_json::json!({"type": "text", "text": "figure"})];
    let limit = RateLimit::per_second(200, 50);

    println!("lease: {lease} slots per round trip");
    println!("| sender tasks | accepted/s | % of 200/s | 429s | other failures |");
    println!("|---|---|---|---|---|");
    for tasks in [1usize, 4, 10] {
        // A fresh limiter key per run (LINE's bucket refills between runs).
        let key = format!("{}#run{tasks}", rate_key(&channel.id));
        let counts = Arc::new(Counts::default());
        // A task is one sender instance, with its own limiter (its own leases) and
        // its own SDK client: it handles its SQS batch of 10 records at once
        // (functions/sender), so 10 requests are in flight per task.
        let limiters: Vec<Arc<dyn RateLimiter>> = (0..tasks)
            .map(|_| {
                Arc::new(
                    DynamoRateLimiter::new(dynamodb_client(&sdk), &names.idempotency)
                        .with_lease(lease),
                ) as Arc<dyn RateLimiter>
            })
            .collect();
        let started = Instant::now();
        let workers: Vec<_> = (0..tasks * IN_FLIGHT)
            .map(|i| {
                let limiter = limiters[i % tasks].clone();
                let (line, counts) = (line.clone(), counts.clone());
                let (channel, to, messages, key) =
                    (channel.clone(), to.clone(), messages.clone(), key.clone());
                tokio::spawn(async move {
                    while started.elapsed() < RUN {
                        admit(limiter.as_ref(), &key, limit).await;
                        match line
                            .multicast(&channel, &to, &messages, uuid::Uuid::new_v4(), None)
                            .await
                        {
                            Ok(_) => counts.accepted.fetch_add(1, Ordering::Relaxed),
                            Err(SendFailure::RateLimited) => {
                                counts.rate_limited.fetch_add(1, Ordering::Relaxed)
                            }
                            Err(_) => counts.other.fetch_add(1, Ordering::Relaxed),
                        };
                    }
                })
            })
            .collect();
        for w in workers {
            w.await.unwrap();
        }
        let elapsed = started.elapsed().as_secs_f64();
        let accepted = counts.accepted.load(Ordering::Relaxed);
        let per_second = accepted as f64 / elapsed;
        let limited = counts.rate_limited.load(Ordering::Relaxed);
        println!(
            "| {tasks} | {per_second:.1} | {:.1} % | {limited} | {} |",
            per_second / 2.0,
            counts.other.load(Ordering::Relaxed)
        );
        assert_eq!(limited, 0, "{tasks} tasks: LINE answered 429");
        assert!(per_second <= 200.0 * 1.02, "{tasks} tasks: {per_second}/s");
    }
}
