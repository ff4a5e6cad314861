//! The `RateLimiter` contract cases against `DynamoRateLimiter` on moto.

use crate::fresh_tables;
use otodoke_aws::DynamoRateLimiter;
use otodoke_contract::cases;
use otodoke_moto::MotoServer;
use std::sync::Arc;

async fn limiter() -> Arc<DynamoRateLimiter> {
    let sdk = MotoServer::shared().sdk_config().await;
    let (client, names) = fresh_tables(&sdk).await;
    Arc::new(DynamoRateLimiter::new(client, names.idempotency))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn rate_limiter_admits_the_allowance_then_names_the_next_window() {
    cases::rate_limiter_admits_the_allowance_then_names_the_next_window(limiter().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn rate_limiter_counts_keys_apart() {
    cases::rate_limiter_counts_keys_apart(limiter().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn rate_limiter_is_atomic_under_concurrency() {
    cases::rate_limiter_is_atomic_under_concurrency(limiter().await).await;
}

/// Instances lease several slots per round trip; four instances (four sender
/// processes) with 60 callers each never get more than one window's allowance
/// between them, whatever the lease size. Slots are lost only when an instance
/// leased more than its callers used: at most `lease − 1` per instance, and never
/// below one instance's whole demand. A lease never outlives its window.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn leasing_instances_never_grant_more_than_the_allowance() {
    use jiff::Timestamp;
    use otodoke_core::ports::RateLimiter;
    use otodoke_core::rate::{Admission, RateLimit};
    let sdk = MotoServer::shared().sdk_config().await;
    let (client, names) = fresh_tables(&sdk).await;
    let limit = RateLimit::per_second(1_000, 100);
    let at = |ms| Timestamp::from_millisecond(ms).unwrap();
    for lease in [1, 7, 100] {
        let key = format!("lease{lease}");
        let instances: Vec<Arc<DynamoRateLimiter>> = (0..4)
            .map(|_| {
                Arc::new(
                    DynamoRateLimiter::new(client.clone(), &names.idempotency).with_lease(lease),
                )
            })
            .collect();
        let tasks: Vec<_> = (0..240)
            .map(|i| {
                let (limiter, key) = (instances[i % 4].clone(), key.clone());
                tokio::spawn(async move { limiter.acquire(&key, limit, at(5_000)).await })
            })
            .collect();
        let mut granted = 0;
        for task in tasks {
            if task.await.unwrap().unwrap() == Admission::Granted {
                granted += 1;
            }
        }
        assert!(
            granted <= 100,
            "lease {lease}: {granted} granted, above the allowance"
        );
        let floor = 100u32.saturating_sub(4 * (lease - 1)).max(60);
        assert!(granted >= floor, "lease {lease}: only {granted} granted");
        // Slots an instance still holds are for window 50 only.
        let next = instances[0].acquire(&key, limit, at(5_100)).await.unwrap();
        assert_eq!(
            next,
            Admission::Granted,
            "lease {lease}: the next window is fresh"
        );
    }
}
