//! The redirect's latency figure on DynamoDB and SQS (moto_server), ignored by
//! default: 1000 clicks of one tracked link by 500 friends (each a first click,
//! then a repeat), through `Redirector::respond` with the DynamoDB link store and
//! the SQS menu jobs queue, one after another; p50 and p99 printed.
//!
//! ```sh
//! OTODOKE_MOTO_SERVER=$(scripts/python-env)/bin/moto_server \
//!   cargo test --release -p otodoke-fn-redirect --test figure -- --ignored --nocapture
//! ```

use http::{Method, StatusCode};
use otodoke_aws::{
    create_queue, create_tables, dynamodb_client, sqs_client, DynamoLinks, SqsQueue, TableNames,
};
use otodoke_core::friend::FriendKey;
use otodoke_core::link::{LinkKey, LinkSource, TrackedLink};
use otodoke_core::ports::LinkStore;
use otodoke_core::{AutomationId, LineUserId, OrgId, ProviderId};
use otodoke_fn_redirect::Redirector;
use otodoke_moto::MotoServer;
use std::sync::Arc;
use std::time::{Duration, Instant};

const FRIENDS: u32 = 500;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a figure for issue #15, not a check"]
async fn redirect_latency_over_1000_clicks_on_moto() {
    let sdk = MotoServer::shared().sdk_config().await;
    let prefix = format!("fig{}-", uuid::Uuid::new_v4().simple());
    let names = TableNames::prefixed(&prefix);
    let client = dynamodb_client(&sdk);
    create_tables(&client, &names).await.unwrap();
    let sqs = sqs_client(&sdk);
    let queue = create_queue(
        &sqs,
        &format!("{prefix}jobs"),
        false,
        Duration::from_secs(30),
        5,
    )
    .await
    .unwrap();
    let links = Arc::new(DynamoLinks::new(client, &names.designer));
    let key = LinkKey::new(vec![9u8; 32]).unwrap();
    let org = OrgId::new("acme").unwrap();
    let source = LinkSource::Automation {
        automation: AutomationId::new("welcome").unwrap(),
    };
    let now = jiff::Timestamp::now();
    let link = TrackedLink::new(&org, "https://shop.example/sale", &source, now).unwrap();
    links.register(&link).await.unwrap();
    let redirector = Redirector {
        links: links.clone(),
        key: Some(key.clone()),
        jobs: Arc::new(SqsQueue::new(sqs, queue.url)),
    };
    let paths: Vec<String> = (0..FRIENDS)
        .map(|n| {
            let friend = FriendKey {
                org: org.clone(),
                provider: ProviderId::new("p1").unwrap(),
                user_id: LineUserId::parse(format!("U{n:032x}")).unwrap(),
            };
            format!(
                "/r/{org}/{}/{}",
                link.id,
                key.friend_token(&org, &link.id, &friend)
            )
        })
        .collect();
    let mut took = Vec::new();
    for round in 0..2 {
        for path in &paths {
            let started = Instant::now();
            let r = redirector
                .respond(
                    &Method::GET,
                    path,
                    Some("Mozilla/5.0"),
                    jiff::Timestamp::now(),
                )
                .await;
            took.push(started.elapsed());
            assert_eq!(r.status(), StatusCode::FOUND, "round {round}");
        }
    }
    let stats = links.link(&org, &link.id).await.unwrap().unwrap();
    assert_eq!(
        (stats.clicks, stats.friends),
        (2 * u64::from(FRIENDS), u64::from(FRIENDS))
    );
    took.sort();
    let pct = |p: usize| took[(took.len() * p / 100).min(took.len() - 1)];
    println!(
        "redirect on moto: {} clicks ({} friends, each twice): p50 {:?}, p99 {:?}, max {:?}",
        took.len(),
        FRIENDS,
        pct(50),
        pct(99),
        took.last().unwrap()
    );
}
