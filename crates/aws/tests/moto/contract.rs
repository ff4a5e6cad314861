//! The adapter contract suite against the DynamoDB and SQS adapters, talking to a
//! real AWS-API server (moto) on loopback. Each test gets its own tables (a random
//! name prefix) and its own queues.

use crate::fresh_tables;
use otodoke_aws::{create_queue, sqs_client, DynamoStores, SqsQueue};
use otodoke_contract::{Adapters, Harness};
use otodoke_moto::MotoServer;
use std::sync::Arc;
use std::time::Duration;

const VISIBILITY_TIMEOUT: Duration = Duration::from_secs(1);

struct Moto;

#[async_trait::async_trait]
impl Harness for Moto {
    async fn fresh(&self) -> Adapters {
        let sdk = MotoServer::shared().sdk_config().await;
        let (dynamodb, names) = fresh_tables(&sdk).await;
        let prefix = names.friends.trim_end_matches("friends").to_string();
        let stores = DynamoStores::new(dynamodb, &names);

        let sqs = sqs_client(&sdk);
        let standard = create_queue(&sqs, &format!("{prefix}q"), false, VISIBILITY_TIMEOUT, 5)
            .await
            .expect("creating the standard queue on moto");
        let fifo = create_queue(&sqs, &format!("{prefix}f"), true, VISIBILITY_TIMEOUT, 5)
            .await
            .expect("creating the FIFO queue on moto");
        let queue = Arc::new(SqsQueue::new(sqs.clone(), standard.url));
        let fifo = Arc::new(SqsQueue::new(sqs, fifo.url));

        let orgs = Arc::new(stores.organizations);
        Adapters {
            orgs: orgs.clone(),
            imports: orgs,
            friends: Arc::new(stores.friends),
            idempotency: Arc::new(stores.idempotency),
            quota: Arc::new(stores.quota),
            conversations: Arc::new(stores.conversations),
            campaigns: Arc::new(stores.campaigns),
            enrolments: Arc::new(stores.enrolments),
            threads: Arc::new(stores.threads),
            richmenus: Arc::new(stores.richmenus),
            automations: Arc::new(stores.automations),
            metrics: Arc::new(stores.metrics),
            links: Arc::new(stores.links),
            campaign_stats: Arc::new(stores.campaign_stats),
            queue: queue.clone(),
            queue_rx: queue,
            fifo: fifo.clone(),
            fifo_rx: fifo,
            visibility_timeout: VISIBILITY_TIMEOUT,
        }
    }
}

otodoke_contract::contract_tests!(Moto);
