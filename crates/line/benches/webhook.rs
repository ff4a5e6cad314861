//! Verify + parse of signed webhook bodies (1 and 10 events), the work the webhook
//! function does per delivery. The same fixture bytes feed the Python SDK baseline in
//! `benches/python/bench_webhook.py`; `benches/python/run.sh` runs both.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use otodoke_line::signature;
use otodoke_line::webhook::{parse_body, parse_webhook};

/// Shared with the Python script.
const SECRET: &[u8] = b"8c570fa6dd201bb328f1c1eac23a96d8";

const BODIES: [(&str, &[u8]); 2] = [
    ("1_event", include_bytes!("fixtures/webhook_1_event.json")),
    (
        "10_events",
        include_bytes!("fixtures/webhook_10_events.json"),
    ),
];

fn verify_and_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("webhook");
    for (name, body) in BODIES {
        let signature = signature::sign(SECRET, body);
        let events = parse_body(body).expect("fixture parses").events.len() as u64;
        group.throughput(Throughput::Elements(events));
        group.bench_function(format!("verify_and_parse/{name}"), |b| {
            b.iter(|| parse_webhook(SECRET, black_box(body), Some(black_box(&signature))).unwrap())
        });
        group.bench_function(format!("parse_only/{name}"), |b| {
            b.iter(|| parse_body(black_box(body)).unwrap())
        });
        group.bench_function(format!("verify_only/{name}"), |b| {
            b.iter(|| signature::verify(SECRET, black_box(body), black_box(&signature)).unwrap())
        });
    }
    // References for the 10-event body: a scan that builds nothing (the floor of any
    // serde_json parse) and a generic `serde_json::Value` tree.
    let (_, body) = BODIES[1];
    group.bench_function("reference_scan_only/10_events", |b| {
        b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).unwrap())
    });
    group.bench_function("reference_value/10_events", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, verify_and_parse);
criterion_main!(benches);
