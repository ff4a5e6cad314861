//! Load figures for the sandbox itself: memory for a million friends and a
//! million-recipient broadcast, the rate limiter's precision against a client pacing
//! at LINE's multicast limit, and raw multicast throughput with the limit lifted.
//!
//! `cargo bench -p otodoke-line-sandbox --bench sandbox_load` (release profile).
//! Prints one line per figure; see docs/perf/line-sandbox.md.

use otodoke_line_sandbox::{ChannelConfig, Endpoint, RateLimit, Sandbox};
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

#[tokio::main]
async fn main() {
    memory_for_a_million().await;
    paced_multicast(200, Duration::from_secs(10)).await;
    multicast_throughput(4_000, 64).await;
}

async fn memory_for_a_million() {
    let channel = ChannelConfig::new("bench");
    let sandbox = Sandbox::builder()
        .channel(channel.clone())
        .start()
        .await
        .unwrap();
    let before = rss_mib();
    let started = Instant::now();
    sandbox.add_friends("bench", 1_000_000).unwrap();
    let friends_time = started.elapsed();
    let with_friends = rss_mib();
    let http = reqwest::Client::new();
    let started = Instant::now();
    let status = http
        .post(format!("{}/v2/bot/message/broadcast", sandbox.base_url()))
        .bearer_auth(channel.token())
        .json(&json!({"messages": [{"type": "text", "text": "hello everyone"}]}))
        .send()
        .await
        .unwrap()
        .status();
    let broadcast_time = started.elapsed();
    assert_eq!(status, 200);
    assert_eq!(sandbox.delivery_count(), 1_000_000);
    let after = rss_mib();
    println!(
        "friends: 1,000,000 created in {:.0} ms, +{:.0} MiB RSS ({:.0} B/friend)",
        friends_time.as_secs_f64() * 1e3,
        with_friends - before,
        (with_friends - before) * 1024.0 * 1024.0 / 1e6
    );
    println!(
        "broadcast to 1,000,000: {:.0} ms, +{:.0} MiB RSS ({:.1} B/recipient); total RSS {:.0} MiB",
        broadcast_time.as_secs_f64() * 1e3,
        after - with_friends,
        (after - with_friends) * 1024.0 * 1024.0 / 1e6,
        after
    );
}

/// A client that starts one 500-recipient multicast every 1/rate s, as the sender
/// would: how many were accepted, how many got 429.
async fn paced_multicast(rate: u32, duration: Duration) {
    let channel = ChannelConfig::new("paced");
    let sandbox = Sandbox::builder()
        .channel(channel.clone())
        .start()
        .await
        .unwrap();
    let bulk = sandbox.add_friends("paced", 500).unwrap();
    let body = Arc::new(
        json!({"to": bulk.user_ids().collect::<Vec<_>>(), "messages": [{"type": "text", "text": "x"}]}),
    );
    let http = reqwest::Client::new();
    let url = format!("{}/v2/bot/message/multicast", sandbox.base_url());
    let mut ticker = tokio::time::interval(Duration::from_secs_f64(1.0 / f64::from(rate)));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let total = (f64::from(rate) * duration.as_secs_f64()) as usize;
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(total);
    for _ in 0..total {
        ticker.tick().await;
        let (http, url, body, token) = (
            http.clone(),
            url.clone(),
            body.clone(),
            channel.token().to_owned(),
        );
        tasks.push(tokio::spawn(async move {
            http.post(url)
                .bearer_auth(token)
                .json(&*body)
                .send()
                .await
                .map(|r| r.status().as_u16())
        }));
    }
    let mut ok = 0usize;
    let mut limited = 0usize;
    for t in tasks {
        match t.await.unwrap() {
            Ok(200) => ok += 1,
            Ok(429) => limited += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let stats = sandbox.stats().endpoint(Endpoint::Multicast);
    println!(
        "paced multicast at {rate}/s for {:.1} s: {ok} accepted ({:.1}/s = {:.1}% of the limit), {limited} x 429 ({:.2}%); sandbox counted {} requests",
        elapsed,
        ok as f64 / elapsed,
        100.0 * ok as f64 / elapsed / f64::from(rate),
        100.0 * limited as f64 / total as f64,
        stats.requests
    );
}

/// Multicasts of 500 recipients as fast as `concurrency` clients can send them.
async fn multicast_throughput(requests: usize, concurrency: usize) {
    let channel = ChannelConfig::new("fast");
    let sandbox = Sandbox::builder()
        .channel(channel.clone())
        .rate_limit(Endpoint::Multicast, RateLimit::per_second(1_000_000))
        .start()
        .await
        .unwrap();
    let bulk = sandbox.add_friends("fast", 500).unwrap();
    let body = Arc::new(
        json!({"to": bulk.user_ids().collect::<Vec<_>>(), "messages": [{"type": "text", "text": "x"}]}),
    );
    let http = reqwest::Client::new();
    let url = format!("{}/v2/bot/message/multicast", sandbox.base_url());
    let started = Instant::now();
    let per_worker = requests / concurrency;
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (http, url, body, token) = (
                http.clone(),
                url.clone(),
                body.clone(),
                channel.token().to_owned(),
            );
            tokio::spawn(async move {
                for _ in 0..per_worker {
                    let status = http
                        .post(&url)
                        .bearer_auth(&token)
                        .json(&*body)
                        .send()
                        .await
                        .unwrap()
                        .status();
                    assert_eq!(status, 200);
                }
            })
        })
        .collect();
    for w in workers {
        w.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let done = per_worker * concurrency;
    println!(
        "multicast throughput: {done} x 500 recipients in {elapsed:.2} s = {:.0} req/s ({:.0} recipients/s), {concurrency} concurrent clients",
        done as f64 / elapsed,
        done as f64 * 500.0 / elapsed
    );
}
