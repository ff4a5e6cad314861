//! The embedded rate limiter against the contract's rate-limit cases.

use otodoke_contract::cases;
use otodoke_embedded::EmbeddedRateLimiter;
use std::sync::Arc;

#[tokio::test]
async fn admits_the_allowance_then_names_the_next_window() {
    cases::rate_limiter_admits_the_allowance_then_names_the_next_window(Arc::new(
        EmbeddedRateLimiter::new(),
    ))
    .await;
}

#[tokio::test]
async fn counts_keys_apart() {
    cases::rate_limiter_counts_keys_apart(Arc::new(EmbeddedRateLimiter::new())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn is_atomic_under_concurrency() {
    cases::rate_limiter_is_atomic_under_concurrency(Arc::new(EmbeddedRateLimiter::new())).await;
}
