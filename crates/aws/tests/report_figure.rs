//! The report figure of issue #15 on DynamoDB (moto_server), ignored by default:
//! a year of daily counters for a 50-store organization (one channel per store,
//! 18,250 rows) read for the daily report, which must answer in under 200 ms.
//! The rows are seeded with BatchWriteItem (moto copies a table for every
//! transaction, so seeding through `add` takes minutes); what is measured is the
//! port's `daily` and the report's sums.
//!
//! ```sh
//! OTODOKE_MOTO_SERVER=$(scripts/python-env)/bin/moto_server \
//!   cargo test --release -p otodoke-aws --test report_figure -- --ignored --nocapture
//! ```

use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
use futures::StreamExt;
use otodoke_aws::metrics::row_item;
use otodoke_aws::{create_tables, dynamodb_client, DynamoMetrics, TableNames};
use otodoke_core::metrics::{by_day, by_store, Counter, Counts, Day, MetricKey, MetricsFilter};
use otodoke_core::ports::MetricsStore;
use otodoke_core::{ChannelId, OrgId, StoreId};
use otodoke_moto::MotoServer;
use std::sync::Arc;
use std::time::{Duration, Instant};

const STORES: u32 = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a figure for issue #15, not a check"]
async fn a_year_of_a_50_store_organization_is_read_for_the_report_in_under_200_ms() {
    let sdk = MotoServer::shared().sdk_config().await;
    let names = TableNames::prefixed(&format!("fig{}-", uuid::Uuid::new_v4().simple()));
    let client = dynamodb_client(&sdk);
    create_tables(&client, &names).await.unwrap();
    let metrics = Arc::new(DynamoMetrics::new(client.clone(), &names.metrics));
    let org = OrgId::new("acme").unwrap();
    let first = Day::parse("2026-01-01").unwrap();
    let mut days = vec![first];
    while days.len() < 365 {
        days.push(days.last().unwrap().next());
    }
    let last = *days.last().unwrap();

    // BatchWriteItem, 25 rows a call: moto copies a table for every transaction,
    // so seeding through `add` would take minutes; `row_item` is what `add` writes.
    let seeding = Instant::now();
    let mut items = Vec::new();
    for &day in &days {
        for s in 0..STORES {
            let key = MetricKey {
                org: org.clone(),
                day,
                channel: ChannelId::new(format!("ch-{s}")).unwrap(),
                store: Some(StoreId::new(format!("store-{s}")).unwrap()),
            };
            let mut counts = Counts::default();
            for counter in [Counter::Follows, Counter::Inbound, Counter::AnswerRule] {
                counts.add(counter, 1 + u64::from(s % 3));
            }
            items.push(row_item(&key, &counts));
        }
    }
    let batches: Vec<Vec<_>> = items.chunks(25).map(<[_]>::to_vec).collect();
    futures::stream::iter(batches)
        .for_each_concurrent(4, |batch| {
            let client = client.clone();
            let table = names.metrics.clone();
            async move {
                let writes = batch
                    .into_iter()
                    .map(|item| {
                        let put = PutRequest::builder().set_item(Some(item)).build().unwrap();
                        WriteRequest::builder().put_request(put).build()
                    })
                    .collect();
                let out = client
                    .batch_write_item()
                    .request_items(table, writes)
                    .send()
                    .await
                    .unwrap();
                assert!(out.unprocessed_items().is_none_or(|u| u.is_empty()));
            }
        })
        .await;
    println!(
        "seeded {} rows in {:?}",
        days.len() as u32 * STORES,
        seeding.elapsed()
    );

    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let rows = metrics
            .daily(&org, first, last, &MetricsFilter::default())
            .await
            .unwrap();
        let (per_day, per_store) = (by_day(&rows), by_store(&rows));
        times.push(started.elapsed());
        assert_eq!(rows.len(), 365 * STORES as usize);
        assert_eq!((per_day.len(), per_store.len()), (365, STORES as usize));
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "report of a year x {STORES} stores ({} rows): median {median:?}, min {:?}, max {:?}",
        365 * STORES,
        times[0],
        times[times.len() - 1]
    );
    // A figure for docs/performance.md, not a timed assertion: the target (under
    // 200 ms) is compared there.
}
