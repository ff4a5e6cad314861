//! Measured figures for docs/performance.md, run against any adapter (ignored tests
//! in the adapters' crates call these).

use crate::builders::*;
use futures::stream::{self, StreamExt};
use otodoke_core::ports::ThreadStore;
use otodoke_core::thread::{
    list_filtered, record, ThreadChange, ThreadIndex, ThreadKey, ThreadStatus,
};
use otodoke_core::{LineUserId, PageRequest};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Percentiles of a set of durations.
fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
    (at(0.5), at(0.9), at(0.99))
}

async fn timed<F, Fut>(runs: usize, mut f: F) -> (Duration, Duration, Duration)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        f().await;
        samples.push(started.elapsed());
    }
    percentiles(samples)
}

/// Seeds `threads` threads into one store of `acme` (one in ten unread, one in
/// five resolved), `in_flight` saves at a time, then prints the inbox's reads:
/// the first page of the store, of its unread threads, a page 50 pages deep, the
/// "mine" listing (nothing assigned: the worst case of a filtered read), and a
/// change poll.
pub async fn inbox_listing(store: Arc<dyn ThreadStore>, threads: u32, in_flight: usize) {
    let org = org_id("acme");
    let shop = store_id("shibuya");
    let seeding = Instant::now();
    stream::iter(0..threads)
        .for_each_concurrent(in_flight, |n| {
            let store = store.clone();
            let shop = shop.clone();
            async move {
                let key = ThreadKey {
                    friend: otodoke_core::friend::FriendKey {
                        user_id: LineUserId::parse(format!("U{:032x}", u64::from(n) + 1)).unwrap(),
                        ..friend_key(0)
                    },
                    channel: channel_id("ch"),
                };
                let at = at(i64::from(n));
                let change = ThreadChange::Customer {
                    entry_id: format!("e{n}"),
                    at,
                    text: format!("予約の相談です {n}"),
                    answered: n % 10 != 0,
                    reply_token: None,
                    mark_as_read_token: None,
                };
                let thread = record(store.as_ref(), &key, Some(&shop), at, change)
                    .await
                    .unwrap();
                if n % 10 != 0 {
                    let mut read = thread;
                    read.apply(ThreadChange::Read {
                        at,
                        by: staff_id("aiko"),
                    });
                    if n % 5 == 0 {
                        read.apply(ThreadChange::SetStatus {
                            at,
                            by: staff_id("aiko"),
                            status: ThreadStatus::Resolved,
                        });
                    }
                    store.save(&read).await.unwrap();
                }
            }
        })
        .await;
    println!(
        "seeded {threads} threads in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
    let runs = 50;
    let page = |index: ThreadIndex| {
        let store = store.clone();
        async move {
            let page = store.list(&index, PageRequest::first(30)).await.unwrap();
            assert_eq!(page.items.len(), 30);
        }
    };
    let report = |what: &str, (p50, p90, p99): (Duration, Duration, Duration)| {
        println!(
            "{what:<44} p50 {:>7.2} ms  p90 {:>7.2} ms  p99 {:>7.2} ms",
            p50.as_secs_f64() * 1e3,
            p90.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3
        );
    };
    let store_index = ThreadIndex::Store(org.clone(), Some(shop.clone()));
    report(
        "first page of the store (30 threads)",
        timed(runs, || page(store_index.clone())).await,
    );
    report(
        "first page of its unread threads",
        timed(runs, || {
            page(ThreadIndex::Unread(org.clone(), Some(shop.clone())))
        })
        .await,
    );
    report(
        "first page of its resolved threads",
        timed(runs, || {
            page(ThreadIndex::Status(
                org.clone(),
                Some(shop.clone()),
                ThreadStatus::Resolved,
            ))
        })
        .await,
    );
    let mut deep = PageRequest::first(30);
    let depth = (threads / 30).saturating_sub(2).min(50);
    for _ in 0..depth {
        let next = store.list(&store_index, deep.clone()).await.unwrap().next;
        deep = PageRequest::after(next.unwrap(), 30);
    }
    report(
        &format!("page {} of the store (by cursor)", depth + 1),
        timed(runs, || {
            let store = store.clone();
            let deep = deep.clone();
            let index = store_index.clone();
            async move {
                store.list(&index, deep).await.unwrap();
            }
        })
        .await,
    );
    report(
        "'mine' with nothing assigned (examines 500)",
        timed(10, || {
            let store = store.clone();
            async move {
                let index = ThreadIndex::Org(org_id("acme"));
                list_filtered(store.as_ref(), &index, PageRequest::first(30), 500, |t| {
                    t.assignee.is_some()
                })
                .await
                .unwrap();
            }
        })
        .await,
    );
    let since = store.changes(&org, None, 500).await.unwrap().cursor;
    report(
        "a change poll (nothing changed)",
        timed(runs, || {
            let store = store.clone();
            let since = since.clone();
            let org = org.clone();
            async move {
                store.changes(&org, Some(&since), 500).await.unwrap();
            }
        })
        .await,
    );
}
