use crate::builders::*;
use crate::Adapters;
use jiff::SignedDuration;
use otodoke_core::quota::{Hold, Reservation, ReserveOutcome};
use std::sync::atomic::{AtomicU64, Ordering};

/// A hold under a new id, taken at `t0()` for ten minutes.
fn fresh() -> Hold {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    held(&format!("send-{}", NEXT.fetch_add(1, Ordering::Relaxed)))
}

/// A hold under `id`, taken at `t0()` for ten minutes.
fn held(id: &str) -> Hold {
    Hold::new(id, t0(), SignedDuration::from_mins(10))
}

fn granted(outcome: ReserveOutcome) -> Reservation {
    match outcome {
        ReserveOutcome::Granted(reservation) => reservation,
        refused => panic!("expected a grant, got {refused:?}"),
    }
}

pub async fn a_reservation_within_the_limit_is_granted_and_counted(a: Adapters) {
    let key = quota_key("ch-1");
    let zero = a.quota.counter(&key).await.unwrap();
    assert_eq!((zero.used, zero.reserved), (0, 0));

    let hold = held("batch-1");
    let r = granted(
        a.quota
            .reserve(&key, 300, Some(1_000), None, &hold)
            .await
            .unwrap(),
    );
    assert_eq!(
        r,
        Reservation {
            key: key.clone(),
            store: None,
            count: 300,
            id: "batch-1".into(),
            expires_at: hold.until,
        }
    );
    granted(
        a.quota
            .reserve(&key, 700, Some(1_000), None, &fresh())
            .await
            .unwrap(),
    );
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (0, 1_000));
    // Other channels and months are other counters.
    let other = a.quota.counter(&quota_key("ch-2")).await.unwrap();
    assert_eq!((other.used, other.reserved), (0, 0));
}

pub async fn a_reservation_over_the_limit_is_refused_and_reserves_nothing(a: Adapters) {
    let key = quota_key("ch-1");
    granted(
        a.quota
            .reserve(&key, 950, Some(1_000), None, &fresh())
            .await
            .unwrap(),
    );
    let outcome = a
        .quota
        .reserve(&key, 51, Some(1_000), None, &fresh())
        .await
        .unwrap();
    assert_eq!(outcome, ReserveOutcome::Refused { available: 50 });
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (0, 950));
}

pub async fn settling_counts_what_was_sent_and_frees_the_rest(a: Adapters) {
    let key = quota_key("ch-1");
    let r = granted(
        a.quota
            .reserve(&key, 500, Some(1_000), None, &fresh())
            .await
            .unwrap(),
    );
    a.quota.settle(&r, 480).await.unwrap();
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (480, 0));
    // What was freed can be reserved again; what was used cannot.
    let outcome = a
        .quota
        .reserve(&key, 521, Some(1_000), None, &fresh())
        .await
        .unwrap();
    assert_eq!(outcome, ReserveOutcome::Refused { available: 520 });
    granted(
        a.quota
            .reserve(&key, 520, Some(1_000), None, &fresh())
            .await
            .unwrap(),
    );
}

pub async fn settling_with_zero_sent_releases_the_whole_reservation(a: Adapters) {
    let key = quota_key("ch-1");
    let kept = granted(
        a.quota
            .reserve(&key, 100, Some(1_000), None, &fresh())
            .await
            .unwrap(),
    );
    let released = granted(
        a.quota
            .reserve(&key, 400, Some(1_000), None, &fresh())
            .await
            .unwrap(),
    );
    a.quota.settle(&released, 0).await.unwrap();
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (0, kept.count));
}

pub async fn settling_twice_never_drives_a_counter_negative(a: Adapters) {
    let key = quota_key("ch-1");
    let r = granted(
        a.quota
            .reserve(&key, 10, Some(1_000), None, &fresh())
            .await
            .unwrap(),
    );
    a.quota.settle(&r, 4).await.unwrap();
    // A retried settle (the sender timed out after settling) must not underflow
    // `reserved` nor count the send twice.
    a.quota.settle(&r, 4).await.unwrap();
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (4, 0));
}

pub async fn a_store_budget_refuses_even_when_the_channel_has_room(a: Adapters) {
    let key = quota_key("ch-1");
    let shibuya = store_key("acme", "shibuya");
    let r = granted(
        a.quota
            .reserve(&key, 80, Some(1_000), Some((&shibuya, 100)), &fresh())
            .await
            .unwrap(),
    );
    assert_eq!(r.store, Some(shibuya.clone()));
    let outcome = a
        .quota
        .reserve(&key, 30, Some(1_000), Some((&shibuya, 100)), &fresh())
        .await
        .unwrap();
    assert_eq!(outcome, ReserveOutcome::Refused { available: 20 });
    // All or nothing: the channel counter did not move either.
    let channel = a.quota.counter(&key).await.unwrap();
    assert_eq!((channel.used, channel.reserved), (0, 80));
    let store = a.quota.store_counter(&key, &shibuya).await.unwrap();
    assert_eq!((store.used, store.reserved), (0, 80));
    // Another store's budget is its own.
    let shinjuku = store_key("acme", "shinjuku");
    granted(
        a.quota
            .reserve(&key, 30, Some(1_000), Some((&shinjuku, 100)), &fresh())
            .await
            .unwrap(),
    );
}

pub async fn a_full_channel_refuses_even_when_the_store_budget_has_room(a: Adapters) {
    let key = quota_key("ch-1");
    let shibuya = store_key("acme", "shibuya");
    granted(
        a.quota
            .reserve(&key, 190, Some(200), None, &fresh())
            .await
            .unwrap(),
    );
    let outcome = a
        .quota
        .reserve(&key, 20, Some(200), Some((&shibuya, 1_000)), &fresh())
        .await
        .unwrap();
    assert_eq!(outcome, ReserveOutcome::Refused { available: 10 });
    let store = a.quota.store_counter(&key, &shibuya).await.unwrap();
    assert_eq!((store.used, store.reserved), (0, 0));
    let channel = a.quota.counter(&key).await.unwrap();
    assert_eq!((channel.used, channel.reserved), (0, 190));

    // Settling a reservation with a store settles both counters.
    let r = granted(
        a.quota
            .reserve(&key, 10, Some(200), Some((&shibuya, 1_000)), &fresh())
            .await
            .unwrap(),
    );
    a.quota.settle(&r, 7).await.unwrap();
    let store = a.quota.store_counter(&key, &shibuya).await.unwrap();
    assert_eq!((store.used, store.reserved), (7, 0));
    let channel = a.quota.counter(&key).await.unwrap();
    assert_eq!((channel.used, channel.reserved), (7, 190));
}

pub async fn reconcile_raises_used_to_lines_count_only_when_higher(a: Adapters) {
    let key = quota_key("ch-1");
    let r = granted(
        a.quota
            .reserve(&key, 100, Some(1_000), None, &fresh())
            .await
            .unwrap(),
    );
    a.quota.settle(&r, 100).await.unwrap();
    let raised = a.quota.reconcile(&key, 250).await.unwrap();
    assert_eq!((raised.used, raised.reserved), (250, 0));
    let kept = a.quota.reconcile(&key, 120).await.unwrap();
    assert_eq!((kept.used, kept.reserved), (250, 0));
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!(counter.used, 250);
    // Messages sent from the Manager block further reservations.
    let outcome = a
        .quota
        .reserve(&key, 751, Some(1_000), None, &fresh())
        .await
        .unwrap();
    assert_eq!(outcome, ReserveOutcome::Refused { available: 750 });
    // Reconciling a counter that does not exist yet creates it.
    let fresh = a.quota.reconcile(&quota_key("ch-2"), 42).await.unwrap();
    assert_eq!((fresh.used, fresh.reserved), (42, 0));
}

pub async fn an_unlimited_channel_grants_any_reservation(a: Adapters) {
    let key = quota_key("ch-1");
    for _ in 0..3 {
        granted(
            a.quota
                .reserve(&key, 1_000_000, None, None, &fresh())
                .await
                .unwrap(),
        );
    }
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (0, 3_000_000));
}

/// 32 senders race for 50 messages each on a channel with 1,000 left.
pub async fn racing_reservations_never_pass_the_limit_and_settle_to_a_balance(a: Adapters) {
    let key = quota_key("ch-1");
    let tasks: Vec<_> = (0..32)
        .map(|_| {
            let quota = a.quota.clone();
            let key = key.clone();
            tokio::spawn(async move { quota.reserve(&key, 50, Some(1_000), None, &fresh()).await })
        })
        .collect();
    let mut grants = Vec::new();
    for task in tasks {
        if let ReserveOutcome::Granted(r) = task.await.unwrap().unwrap() {
            grants.push(r);
        }
    }
    let granted_total: u64 = grants.iter().map(|r| r.count).sum();
    // Demand exceeds the limit, so a correct store grants exactly the limit: never
    // more (overspending), never less (a spurious refusal under contention).
    assert_eq!(granted_total, 1_000);
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (0, 1_000));

    let settles: Vec<_> = grants
        .into_iter()
        .map(|r| {
            let quota = a.quota.clone();
            tokio::spawn(async move { quota.settle(&r, 40).await })
        })
        .collect();
    for task in settles {
        task.await.unwrap().unwrap();
    }
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (20 * 40, 0));
}

/// 32 senders race for 25 messages each on a store budget of 500 in a roomy channel.
pub async fn racing_reservations_never_pass_a_store_budget(a: Adapters) {
    let key = quota_key("ch-1");
    let tasks: Vec<_> = (0..32)
        .map(|_| {
            let quota = a.quota.clone();
            let key = key.clone();
            tokio::spawn(async move {
                let store = store_key("acme", "shibuya");
                quota
                    .reserve(&key, 25, Some(100_000), Some((&store, 500)), &fresh())
                    .await
            })
        })
        .collect();
    let mut granted_total = 0;
    for task in tasks {
        if let ReserveOutcome::Granted(r) = task.await.unwrap().unwrap() {
            granted_total += r.count;
        }
    }
    assert_eq!(granted_total, 500);
    let store = a
        .quota
        .store_counter(&key, &store_key("acme", "shibuya"))
        .await
        .unwrap();
    assert_eq!((store.used, store.reserved), (0, 500));
    let channel = a.quota.counter(&key).await.unwrap();
    assert_eq!((channel.used, channel.reserved), (0, 500));
}

/// Two reservations open; settling one twice must not consume the other's.
pub async fn settling_one_reservation_twice_leaves_another_open_one_alone(a: Adapters) {
    let key = quota_key("ch-1");
    let first = granted(
        a.quota
            .reserve(&key, 10, Some(1_000), None, &held("a"))
            .await
            .unwrap(),
    );
    granted(
        a.quota
            .reserve(&key, 20, Some(1_000), None, &held("b"))
            .await
            .unwrap(),
    );
    a.quota.settle(&first, 4).await.unwrap();
    a.quota.settle(&first, 4).await.unwrap();
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!(
        (counter.used, counter.reserved),
        (4, 20),
        "the repeated settle changes nothing; b's 20 stay reserved"
    );
}

/// A retried send reserves under the same id: it gets the open reservation (or,
/// once settled, nothing more) and its settle after LINE's 409 counts nothing again.
pub async fn a_retried_send_under_the_same_id_is_reserved_and_counted_once(a: Adapters) {
    let key = quota_key("ch-1");
    let first = granted(
        a.quota
            .reserve(&key, 50, Some(1_000), None, &held("fanout#c#0"))
            .await
            .unwrap(),
    );
    // The retry before the first attempt settled: the same reservation.
    let again = granted(
        a.quota
            .reserve(&key, 50, Some(1_000), None, &held("fanout#c#0"))
            .await
            .unwrap(),
    );
    assert_eq!(again.count, first.count);
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (0, 50));
    a.quota.settle(&first, 50).await.unwrap();
    // The retry after the first attempt settled (its sender died before marking the
    // batch done): LINE answers 409 and the copy settles as sent: counted once.
    let late = granted(
        a.quota
            .reserve(&key, 50, Some(1_000), None, &held("fanout#c#0"))
            .await
            .unwrap(),
    );
    a.quota.settle(&late, 50).await.unwrap();
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (50, 0));
}

/// A sender killed between reserve and settle: its reservation returns to the pool
/// once expired, and a settle arriving after that counts only what was sent.
pub async fn an_unsettled_reservation_returns_to_the_pool_once_expired(a: Adapters) {
    let key = quota_key("ch-1");
    let killed = granted(
        a.quota
            .reserve(&key, 900, Some(1_000), None, &held("killed"))
            .await
            .unwrap(),
    );
    let before = Hold::new(
        "next",
        t0() + SignedDuration::from_mins(5),
        SignedDuration::from_mins(10),
    );
    let outcome = a
        .quota
        .reserve(&key, 500, Some(1_000), None, &before)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        ReserveOutcome::Refused { available: 100 },
        "not expired yet"
    );
    let after = Hold::new(
        "next",
        t0() + SignedDuration::from_mins(11),
        SignedDuration::from_mins(10),
    );
    granted(
        a.quota
            .reserve(&key, 500, Some(1_000), None, &after)
            .await
            .unwrap(),
    );
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (0, 500));
    // The killed sender's send did happen after all; its late settle counts it, once.
    a.quota.settle(&killed, 900).await.unwrap();
    a.quota.settle(&killed, 900).await.unwrap();
    let counter = a.quota.counter(&key).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (900, 500));
    // Nothing left to release.
    let released = a
        .quota
        .release_expired(&key, t0() + SignedDuration::from_mins(12))
        .await
        .unwrap();
    assert_eq!(released, 0);
}

/// Expiry releases the store budget too.
pub async fn release_expired_frees_the_channel_and_the_store_budget(a: Adapters) {
    let key = quota_key("ch-1");
    let shibuya = store_key("acme", "shibuya");
    granted(
        a.quota
            .reserve(&key, 80, Some(1_000), Some((&shibuya, 100)), &held("x"))
            .await
            .unwrap(),
    );
    granted(
        a.quota
            .reserve(
                &key,
                10,
                Some(1_000),
                Some((&shibuya, 100)),
                &Hold::new("y", t0(), SignedDuration::from_hours(1)),
            )
            .await
            .unwrap(),
    );
    let released = a
        .quota
        .release_expired(&key, t0() + SignedDuration::from_mins(10))
        .await
        .unwrap();
    assert_eq!(
        released, 80,
        "x expired at exactly 10 minutes; y holds an hour"
    );
    let channel = a.quota.counter(&key).await.unwrap();
    assert_eq!((channel.used, channel.reserved), (0, 10));
    let store = a.quota.store_counter(&key, &shibuya).await.unwrap();
    assert_eq!((store.used, store.reserved), (0, 10));
}
