//! Mean cost of one reply decision (criterion). For percentiles see
//! `benches/decide_latency.rs`.
//!
//! `cargo bench -p otodoke-autoreply --bench decide`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use otodoke_autoreply::fold::fold;
use otodoke_autoreply::intents::{IntentRecognizer, NgramRecognizer};
use otodoke_autoreply::rules::{CompiledRules, When};
use otodoke_autoreply::{decide, Chat, Content, FriendState, Incoming, Mode};

#[path = "fixture/mod.rs"]
mod fixture;

fn bench(c: &mut Criterion) {
    let responder = fixture::config(200).compile().unwrap();
    let messages = fixture::messages();
    let at = fixture::open_time();
    let friend = FriendState::default();

    c.bench_function("decide/200 rules + 10x20 intents, mixed messages", |b| {
        let mut i = 0;
        b.iter(|| {
            let text = &messages[i % messages.len()];
            i += 1;
            let event = Incoming {
                at,
                mode: Mode::Active,
                chat: Chat::User,
                content: Content::Text(text),
            };
            black_box(decide(&responder, black_box(&event), &friend))
        })
    });

    let recognizer = NgramRecognizer::new(&fixture::intents()).unwrap();
    c.bench_function("intents/recognise 10x20, mixed messages", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            black_box(recognizer.recognise(black_box(&messages[i % messages.len()])))
        })
    });

    let when = When {
        at,
        local: at
            .to_zoned(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap())
            .datetime(),
    };
    for n in [200, 5000] {
        let rules = CompiledRules::new(&fixture::rules(n)).unwrap();
        let folded: Vec<String> = messages.iter().map(|m| fold(m)).collect();
        c.bench_function(
            &format!("rules/best_for_text {n} rules, folded messages"),
            |b| {
                let mut i = 0;
                b.iter(|| {
                    i += 1;
                    black_box(rules.best_for_text(black_box(&folded[i % folded.len()]), when))
                })
            },
        );
    }

    c.bench_function("rules/compile 5000 rules", |b| {
        let rules = fixture::rules(5000);
        b.iter(|| black_box(CompiledRules::new(black_box(&rules)).unwrap()))
    });

    c.bench_function("config/compile 200 rules + 10x20 intents", |b| {
        let config = fixture::config(200);
        b.iter(|| black_box(config.compile().unwrap()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
