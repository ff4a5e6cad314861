//! Helpers the cases share: reading every page of a listing, draining a queue.

use otodoke_core::ports::{QueueReceiver, ReceivedMessage};
use otodoke_core::{Page, PageRequest, StoreError};
use std::future::Future;
use std::time::{Duration, Instant};

/// Reads a listing page by page (`limit` per page) until it has no next cursor and
/// returns every page. Panics if a page holds more than `limit` items, or after
/// 10,000 pages (a cursor that never ends).
pub async fn all_pages<T, F, Fut>(limit: u32, mut list: F) -> Vec<Vec<T>>
where
    F: FnMut(PageRequest) -> Fut,
    Fut: Future<Output = Result<Page<T>, StoreError>>,
{
    let mut pages = Vec::new();
    let mut request = PageRequest::first(limit);
    for _ in 0..10_000 {
        let page = list(request.clone()).await.expect("listing a page");
        assert!(
            page.items.len() <= limit as usize,
            "a page held {} items, over its limit of {limit}",
            page.items.len()
        );
        pages.push(page.items);
        match page.next {
            Some(cursor) => request = PageRequest::after(cursor, limit),
            None => return pages,
        }
    }
    panic!("the listing never ended: 10,000 pages");
}

/// Every item of a listing read `limit` at a time, in listing order.
pub async fn all_items<T, F, Fut>(limit: u32, list: F) -> Vec<T>
where
    F: FnMut(PageRequest) -> Fut,
    Fut: Future<Output = Result<Page<T>, StoreError>>,
{
    all_pages(limit, list).await.into_iter().flatten().collect()
}

/// Receives until `count` messages arrived (or `within` passed), acking none.
pub async fn receive_n(
    rx: &dyn QueueReceiver,
    count: usize,
    within: Duration,
) -> Vec<ReceivedMessage> {
    let deadline = Instant::now() + within;
    let mut got = Vec::new();
    while got.len() < count && Instant::now() < deadline {
        let want = (count - got.len()).min(10) as u32;
        let batch = rx
            .receive(want, Duration::from_secs(1))
            .await
            .expect("receiving");
        got.extend(batch);
    }
    got
}

/// Receives and acks until `count` messages arrived (or `within` passed).
pub async fn drain_n(rx: &dyn QueueReceiver, count: usize, within: Duration) -> Vec<String> {
    let deadline = Instant::now() + within;
    let mut bodies = Vec::new();
    while bodies.len() < count && Instant::now() < deadline {
        let batch = rx
            .receive(10, Duration::from_secs(1))
            .await
            .expect("receiving");
        for message in batch {
            rx.ack(&message.receipt).await.expect("acking");
            bodies.push(message.body);
        }
    }
    bodies
}

/// Asserts that nothing is delivered within one long-poll second.
pub async fn assert_empty(rx: &dyn QueueReceiver, why: &str) {
    let got = rx
        .receive(10, Duration::from_secs(1))
        .await
        .expect("receiving");
    let bodies: Vec<&str> = got.iter().map(|m| m.body.as_str()).collect();
    assert!(bodies.is_empty(), "{why}, but received {bodies:?}");
}
