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
