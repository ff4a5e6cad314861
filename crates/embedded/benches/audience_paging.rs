//! Paging a 100,000-friend audience of one store through the embedded friend store,
//! at the page sizes the planner uses. One iteration reads the whole audience.
//!
//! cargo bench -p otodoke-embedded --bench audience_paging

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
        provider: ProviderId::new("provider-1").unwrap(),
        user_id: LineUserId::parse(format!("U{n:032x}")).unwrap(),
    };
    let mut f = Friend::new(key, OrgId::new("acme").unwrap(), t);
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
        let page = friends.by_store(store, request).await.unwrap();
        seen += page.items.len();
        match page.next {
            Some(cursor) => request = PageRequest::after(cursor, limit),
            None => return seen,
        }
    }
}

fn audience_paging(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let store = StoreId::new("shibuya").unwrap();
    let other = StoreId::new("shinjuku").unwrap();
    let friends = EmbeddedFriends::new();
    rt.block_on(async {
        for n in 0..AUDIENCE {
            friends.save(&friend(n, &store)).await.unwrap();
            // A second store of the same size, so the index is not just this audience.
            friends.save(&friend(AUDIENCE + n, &other)).await.unwrap();
        }
    });

    let mut group = c.benchmark_group("page a 100,000-friend store audience");
    group.throughput(Throughput::Elements(u64::from(AUDIENCE)));
    group.sample_size(20);
    for limit in [500u32, 1_000] {
        group.bench_with_input(BenchmarkId::new("page size", limit), &limit, |b, &limit| {
            b.iter(|| {
                let seen = rt.block_on(page_through(&friends, &store, limit));
                assert_eq!(seen, AUDIENCE as usize);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, audience_paging);
criterion_main!(benches);
