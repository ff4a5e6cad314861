//! The inbox figure of docs/performance.md on DynamoDB (moto_server), ignored by
//! default (seeding 100,000 threads into moto takes minutes):
//!
//! ```sh
//! OTODOKE_MOTO_SERVER=$(scripts/python-env)/bin/moto_server OTODOKE_INBOX_THREADS=100000 \
//!   cargo test --release -p otodoke-aws --test inbox_figure -- --ignored --nocapture
//! ```

use otodoke_aws::{create_tables, dynamodb_client, DynamoThreads, TableNames};
use otodoke_moto::MotoServer;
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a figure for docs/performance.md, not a check"]
async fn inbox_listing_on_moto() {
    let threads: u32 = std::env::var("OTODOKE_INBOX_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let sdk = MotoServer::shared().sdk_config().await;
    let names = TableNames::prefixed(&format!("fig{}-", uuid::Uuid::new_v4().simple()));
    let client = dynamodb_client(&sdk);
    create_tables(&client, &names).await.unwrap();
    let store = Arc::new(DynamoThreads::new(client, &names.threads));
    otodoke_contract::figures::inbox_listing(store, threads, 16).await;
}
