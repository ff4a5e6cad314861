//! Latency of one webhook delivery through ingest, in process, over the embedded
//! adapters: verify, parse, claim, record, enqueue, complete. Prints percentiles.
//!
//! Run: `cargo bench -p otodoke-ingest --bench ingest_latency`

use jiff::{SignedDuration, Timestamp};
use otodoke_core::organization::{Channel, Plan, SecretRef};
use otodoke_core::ports::OrganizationStore;
use otodoke_core::{ChannelId, OrgId, ProviderId, StoreId};
use otodoke_embedded::{Embedded, StaticSecrets};
use otodoke_ingest::{ChannelDirectory, Ingest, IngestConfig};
use otodoke_line::signature::sign;
use std::time::{Duration, Instant};

const SECRET: &str = "8c570fa6dd201bb328f1c1eac23a96d8";
const WARMUP: usize = 5_000;
const SAMPLES: usize = 100_000;

fn body(events: usize, seq: usize) -> Vec<u8> {
    // Now: ingest refuses events older than its dedupe window.
    let now_ms = Timestamp::now().as_millisecond();
    let events: Vec<String> = (0..events)
        .map(|i| {
            format!(
                r#"{{"type":"message","mode":"active","timestamp":{now_ms},"source":{{"type":"user","userId":"U4af4980629a0a2b8c3d4e5f6071{:04x}"}},"webhookEventId":"01HBENCH{seq:010}{i:02}","deliveryContext":{{"isRedelivery":false}},"replyToken":"0f3779fba3b349968c5d07db31eab56f","message":{{"id":"444573844083572737","type":"text","quoteToken":"q3Plxr4AgKd...","text":"営業時間を教えてください"}}}}"#,
                seq % 0xffff
            )
        })
        .collect();
    format!(
        r#"{{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[{}]}}"#,
        events.join(",")
    )
    .into_bytes()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        for events in [1usize, 10] {
            let embedded = Embedded::new().with_secrets(StaticSecrets::new().with("s", SECRET));
            embedded
                .orgs
                .put_channel(&Channel {
                    id: ChannelId::new("1234").unwrap(),
                    org_id: OrgId::new("acme").unwrap(),
                    provider: ProviderId::new("prov").unwrap(),
                    bot_user_id: "U8e742f61d673b39c7fff3cecb7536ef0".into(),
                    store_id: Some(StoreId::new("shibuya").unwrap()),
                    default_store: None,
                    secret_ref: SecretRef("s".into()),
                    access_token_ref: SecretRef("t".into()),
                    plan: Plan::Unlimited,
                })
                .await
                .unwrap();
            let ingest = Ingest::new(
                ChannelDirectory::new(embedded.orgs.clone(), embedded.secrets.clone(), SignedDuration::from_hours(1)),
                embedded.idempotency.clone(),
                embedded.events.clone(),
                IngestConfig::default(),
            );
            let samples = if events == 1 { SAMPLES } else { SAMPLES / 10 };
            // Bodies and signatures are made before timing: LINE makes them, not us.
            let deliveries: Vec<(Vec<u8>, String)> = (0..WARMUP + samples)
                .map(|seq| {
                    let body = body(events, seq);
                    let signature = sign(SECRET.as_bytes(), &body);
                    (body, signature)
                })
                .collect();
            let now = Timestamp::now();
            let mut timings = Vec::with_capacity(samples);
            for (i, (body, signature)) in deliveries.iter().enumerate() {
                let start = Instant::now();
                let ack = ingest.handle("1234", [("x-line-signature", signature.as_str())], body, now).await.unwrap();
                let took = start.elapsed();
                assert_eq!(ack.queued, events);
                if i >= WARMUP {
                    timings.push(took);
                }
            }
            timings.sort();
            println!(
                "ingest, {events:>2}-event webhook, embedded adapters, {} deliveries: p50 {:.1} µs  p99 {:.1} µs  p99.9 {:.1} µs  max {:.1} µs",
                timings.len(),
                percentile(&timings, 0.50).as_secs_f64() * 1e6,
                percentile(&timings, 0.99).as_secs_f64() * 1e6,
                percentile(&timings, 0.999).as_secs_f64() * 1e6,
                timings.last().unwrap().as_secs_f64() * 1e6,
            );
        }
    });
}
