//! The inbox figure of docs/performance.md on the embedded adapter (ignored):
//!
//! ```sh
//! cargo test --release -p otodoke-embedded --test inbox_figure -- --ignored --nocapture
//! ```

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a figure for docs/performance.md, not a check"]
async fn inbox_listing_with_100_000_threads_in_one_store() {
    let embedded = otodoke_embedded::Embedded::new();
    otodoke_contract::figures::inbox_listing(embedded.threads.clone(), 100_000, 8).await;
}
