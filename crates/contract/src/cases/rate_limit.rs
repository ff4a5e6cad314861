//! `RateLimiter`: windows admit their allowance and no more, across callers.
//!
//! These cases take the limiter alone (it is not part of [`crate::Adapters`] yet, so
//! that adding it did not break existing harnesses); call them from an adapter's tests.

use jiff::Timestamp;
use otodoke_core::ports::RateLimiter;
use otodoke_core::rate::{Admission, RateLimit};
use std::sync::Arc;

fn at(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap()
}

/// A window admits `allowance` requests, then points at the next window's start.
pub async fn rate_limiter_admits_the_allowance_then_names_the_next_window(
    limiter: Arc<dyn RateLimiter>,
) {
    let limit = RateLimit::per_second(200, 50);
    let key = "contract#multicast";
    for i in 0..10 {
        let got = limiter.acquire(key, limit, at(1_000 + i)).await.unwrap();
        assert_eq!(got, Admission::Granted, "request {i} of a fresh window");
    }
    let refused = limiter.acquire(key, limit, at(1_020)).await.unwrap();
    assert_eq!(
        refused,
        Admission::RetryAt(at(1_050)),
        "the 11th request of a 10-request window must wait for the next window"
    );
    let next = limiter.acquire(key, limit, at(1_050)).await.unwrap();
    assert_eq!(next, Admission::Granted, "the next window starts empty");
}

/// Keys are counted apart: one channel's traffic never slows another's.
pub async fn rate_limiter_counts_keys_apart(limiter: Arc<dyn RateLimiter>) {
    let limit = RateLimit::per_second(20, 50);
    assert_eq!(limit.allowance, 1);
    assert_eq!(
        limiter.acquire("a", limit, at(0)).await.unwrap(),
        Admission::Granted
    );
    assert_eq!(
        limiter.acquire("b", limit, at(0)).await.unwrap(),
        Admission::Granted,
        "key b has its own window"
    );
    assert!(matches!(
        limiter.acquire("a", limit, at(1)).await.unwrap(),
        Admission::RetryAt(_)
    ));
}

/// Many concurrent callers together get exactly the allowance of one window.
pub async fn rate_limiter_is_atomic_under_concurrency(limiter: Arc<dyn RateLimiter>) {
    let limit = RateLimit::per_second(1_000, 100);
    let tasks: Vec<_> = (0..250)
        .map(|_| {
            let limiter = limiter.clone();
            tokio::spawn(async move { limiter.acquire("busy", limit, at(5_000)).await })
        })
        .collect();
    let mut granted = 0;
    for task in tasks {
        if task.await.unwrap().unwrap() == Admission::Granted {
            granted += 1;
        }
    }
    assert_eq!(granted, 100, "exactly one window's allowance is granted");
}
