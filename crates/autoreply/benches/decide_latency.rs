//! Per-decision latency percentiles: times 100,000 decisions one by one with
//! `Instant` and prints p50/p90/p99/p99.9/max, for the 200-rule store (with and
//! without the built-in intents) and for the 5,000-rule matcher.
//!
//! `cargo bench -p otodoke-autoreply --bench decide_latency`

use std::hint::black_box;
use std::time::{Duration, Instant};

use otodoke_autoreply::fold::fold;
use otodoke_autoreply::rules::{CompiledRules, When};
use otodoke_autoreply::{decide, Chat, Content, FriendState, Incoming, Mode};

#[path = "fixture/mod.rs"]
mod fixture;

const RUNS: usize = 100_000;

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    println!(
        "{name}: n={} mean={:.2?} p50={:.2?} p90={:.2?} p99={:.2?} p99.9={:.2?} max={:.2?}",
        samples.len(),
        mean,
        at(0.50),
        at(0.90),
        at(0.99),
        at(0.999),
        samples[samples.len() - 1]
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: run briefly then.
    let runs = if std::env::args().any(|a| a == "--bench") {
        RUNS
    } else {
        1_000
    };
    let messages = fixture::messages();
    let at = fixture::open_time();
    let friend = FriendState::default();
    let time_decisions = |responder: &otodoke_autoreply::Responder| {
        let mut samples = Vec::with_capacity(runs);
        for i in 0..runs + 1_000 {
            let event = Incoming {
                at,
                mode: Mode::Active,
                chat: Chat::User,
                content: Content::Text(&messages[i % messages.len()]),
            };
            let start = Instant::now();
            black_box(decide(responder, black_box(&event), &friend));
            let elapsed = start.elapsed();
            if i >= 1_000 {
                samples.push(elapsed); // the first 1,000 warm caches up
            }
        }
        samples
    };
    let config = fixture::config(200);
    let responder = config.compile().unwrap();
    report(
        "decide (200 rules, 10x20 intents, mixed messages)",
        time_decisions(&responder),
    );
    // The same store with the built-in intents (hand-off, small talk, the common
    // questions' phrasings) switched off, in the same run, so their cost is
    // measured apart from the machine's load.
    let mut without = config.clone();
    without.intents.builtin_intents = false;
    report(
        "decide, built-in intents off",
        time_decisions(&without.compile().unwrap()),
    );

    let when = When {
        at,
        local: at
            .to_zoned(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap())
            .datetime(),
    };
    let rules = CompiledRules::new(&fixture::rules(5000)).unwrap();
    let folded: Vec<String> = messages.iter().map(|m| fold(m)).collect();
    let mut samples = Vec::with_capacity(runs);
    for i in 0..runs + 1_000 {
        let start = Instant::now();
        black_box(rules.best_for_text(black_box(&folded[i % folded.len()]), when));
        let elapsed = start.elapsed();
        if i >= 1_000 {
            samples.push(elapsed);
        }
    }
    report("rules::best_for_text (5,000 rules, folded)", samples);
}
