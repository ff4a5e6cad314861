//! What the compiled-configuration cache saves: a cache hit (fingerprint of the
//! store's configuration + map lookup) against compiling the configuration, for
//! stores with 200 and 5,000 keyword rules.
//!
//! `cargo bench -p otodoke-responder --bench compiled`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_core::organization::Store;
use otodoke_core::{OrgId, StoreId};
use otodoke_responder::CompiledConfigs;

fn store(rules: usize) -> Store {
    let rules = (0..rules)
        .map(|i| Rule {
            id: format!("rule-{i}"),
            kind: if i % 2 == 0 {
                MatchKind::Partial
            } else {
                MatchKind::Exact
            },
            keywords: vec![format!("キーワード{i}"), format!("keyword {i}")],
            answer: Answer::text(format!("ルール{i}の答えです。{{store}}より")),
            ..Rule::default()
        })
        .collect();
    Store {
        id: StoreId::new("shibuya").unwrap(),
        org_id: OrgId::new("acme").unwrap(),
        parent: None,
        name: "渋谷店".into(),
        time_zone: "Asia/Tokyo".into(),
        retention_days: None,
        staff_notify_url: None,
        monthly_budget: None,
        reply: ReplyConfig {
            rules,
            ..ReplyConfig::default()
        },
        version: 0,
        inherits: Default::default(),
        inbox: Default::default(),
    }
}

fn bench(c: &mut Criterion) {
    for n in [200, 5_000] {
        let store = store(n);
        let cache = CompiledConfigs::new();
        cache.responder(Some(&store)).unwrap();
        c.bench_function(&format!("compiled/cache hit, {n} rules"), |b| {
            b.iter(|| black_box(cache.responder(black_box(Some(&store))).unwrap()))
        });
        c.bench_function(&format!("compiled/compile, {n} rules"), |b| {
            b.iter(|| black_box(black_box(&store.reply).compile().unwrap()))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
