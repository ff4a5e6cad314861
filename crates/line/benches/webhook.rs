//! Verify + parse of signed webhook bodies (1 and 10 events), the work the webhook
//! function does per delivery. The same fixture bytes feed the Python SDK baseline in
//! `benches/python/bench_webhook.py`; `benches/python/run.sh` runs both.
//!
//! Two groups: `webhook` in wall-clock time (criterion's default) and `webhook_cpu` in
//! the bench thread's CPU time, which is throughput per core and is not inflated when
//! other processes share the core (the dev machine has 2 cores and is shared).

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use otodoke_line::signature;
use otodoke_line::webhook::{parse_body, parse_webhook_with};

/// Shared with the Python script.
const SECRET: &[u8] = b"8c570fa6dd201bb328f1c1eac23a96d8";

const BODIES: [(&str, &[u8]); 2] = [
    ("1_event", include_bytes!("fixtures/webhook_1_event.json")),
    (
        "10_events",
        include_bytes!("fixtures/webhook_10_events.json"),
    ),
];

fn bench_bodies<M: Measurement>(group: &mut BenchmarkGroup<'_, M>, with_parts: bool) {
    for (name, body) in BODIES {
        let signature = signature::sign(SECRET, body);
        let events = parse_body(body).expect("fixture parses").events.len() as u64;
        group.throughput(Throughput::Elements(events));
        // The key is prepared once, as the webhook function keeps it per channel (and
        // as the Python side builds its `WebhookParser(secret)` once).
        let key = signature::SigningKey::new(SECRET);
        group.bench_function(format!("verify_and_parse/{name}"), |b| {
            b.iter(|| {
                parse_webhook_with(&key, black_box(body), Some(black_box(&signature))).unwrap()
            })
        });
        if with_parts {
            group.bench_function(format!("parse_only/{name}"), |b| {
                b.iter(|| parse_body(black_box(body)).unwrap())
            });
            group.bench_function(format!("verify_only/{name}"), |b| {
                b.iter(|| key.verify(black_box(body), black_box(&signature)).unwrap())
            });
        }
    }
}

fn wall_time(c: &mut Criterion) {
    let mut group = c.benchmark_group("webhook");
    bench_bodies(&mut group, true);
    // References for the 10-event body: a scan that builds nothing (the floor of any
    // serde_json parse) and a generic `serde_json::Value` tree.
    let (_, body) = BODIES[1];
    group.throughput(Throughput::Elements(10));
    group.bench_function("reference_scan_only/10_events", |b| {
        b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).unwrap())
    });
    group.bench_function("reference_value/10_events", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap())
    });
    group.finish();
}

fn cpu_time(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("webhook_cpu");
    bench_bodies(&mut group, false);
    group.finish();
}

/// CPU time consumed by the calling thread (`CLOCK_THREAD_CPUTIME_ID`).
struct ThreadCpuTime;

fn thread_cpu_now() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "CLOCK_THREAD_CPUTIME_ID is available on Linux");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_now()
    }
    fn end(&self, start: Duration) -> Duration {
        thread_cpu_now() - start
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Values are nanoseconds, as with wall time, so its formatter fits.
        static WALL_TIME: WallTime = WallTime;
        WALL_TIME.formatter()
    }
}

criterion_group!(wall, wall_time);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = cpu_time
}
criterion_main!(wall, cpu);
