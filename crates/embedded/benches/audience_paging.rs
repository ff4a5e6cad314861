//! Paging a 100,000-friend audience of one store through the embedded friend store,
//! at the page sizes the planner uses. One iteration reads the whole audience.
//!
//! cargo bench -p otodoke-embedded --bench audience_paging
//!
//! A second group pages a 1,000,000-friend store (the planner's target scale).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jiff::Timestamp;
use otodoke_core::friend::{ChannelLink, FollowState, Friend, FriendKey};
use otodoke_core::ports::FriendStore;
use otodoke_core::{ChannelId, LineUserId, OrgId, PageRequest, ProviderId, StoreId};
use otodoke_embedded::EmbeddedFriends;

const AUDIENCE: u32 = 100_000;

fn friend(n: u32, store: &StoreId) -> Friend {
    let t: Timestamp = "2026-11-01T00:00:00Z".parse().unwrap();
    let key = FriendKey {
        org: OrgId::new("acme").unwrap(),
        provider: ProviderId::new("provider-1").unwrap(),
        user_id: LineUserId::parse(format!("U{n:032x}")).unwrap(),
    };
    let mut f = Friend::new(key, t);
    f.display_name = Some(format!("friend {n}"));
    f.store_id = Some(store.clone());
    f.channels.insert(
        ChannelId::new("1650000000").unwrap(),
        ChannelLink {
            state: FollowState::Following,
            followed_at: Some(t),
            blocked_at: None,
        },
    );
    f.tags
        .insert(if n % 3 == 0 { "vip" } else { "regular" }.into());
    f
}

async fn page_through(friends: &EmbeddedFriends, store: &StoreId, limit: u32) -> usize {
    let mut seen = 0;
    let mut request = PageRequest::first(limit);
    loop {
        let key = otodoke_core::StoreKey::new(OrgId::new("acme").unwrap(), store.clone());
        let page = friends.by_store(&key, request).await.unwrap();
        seen += page.items.len();
        match page.next {
            Some(cursor) => request = PageRequest::after(cursor, limit),
            None => return seen,
        }
    }
}

/// A store of `size` friends beside a neighbouring store of `neighbours` friends
/// (so that the index holds more than this audience).
fn friends_in_store(rt: &tokio::runtime::Runtime, size: u32, neighbours: u32) -> EmbeddedFriends {
    let store = StoreId::new("shibuya").unwrap();
    let other = StoreId::new("shinjuku").unwrap();
    let friends = EmbeddedFriends::new();
    rt.block_on(async {
        for n in 0..size {
            friends.save(&friend(n, &store)).await.unwrap();
        }
        for n in 0..neighbours {
            friends.save(&friend(size + n, &other)).await.unwrap();
        }
    });
    friends
}

fn bench_audience(c: &mut Criterion, size: u32, neighbours: u32, samples: usize) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let friends = friends_in_store(&rt, size, neighbours);
    let store = StoreId::new("shibuya").unwrap();
    let mut group = c.benchmark_group(format!("page a {size}-friend store audience"));
    group.throughput(Throughput::Elements(u64::from(size)));
    group.sample_size(samples);
    for limit in [500u32, 1_000] {
        group.bench_with_input(BenchmarkId::new("page size", limit), &limit, |b, &limit| {
            b.iter(|| {
                let seen = rt.block_on(page_through(&friends, &store, limit));
                assert_eq!(seen, size as usize);
            })
        });
    }
    group.finish();
}

fn audience_paging(c: &mut Criterion) {
    bench_audience(c, AUDIENCE, AUDIENCE, 20);
}

/// The scale a later issue must plan in under 5 s.
fn million_audience_paging(c: &mut Criterion) {
    bench_audience(c, 1_000_000, 0, 10);
}

criterion_group!(benches, audience_paging, million_audience_paging);
criterion_main!(benches);
