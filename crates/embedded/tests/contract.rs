//! The whole adapter contract suite, run against the embedded adapters.

use otodoke_contract::{Adapters, Harness};
use otodoke_embedded::{Embedded, QueueConfig};
use std::time::Duration;

/// Fresh in-memory adapters per test; queues with a 1 s visibility timeout.
struct EmbeddedHarness;

const VISIBILITY: Duration = Duration::from_secs(1);

#[async_trait::async_trait]
impl Harness for EmbeddedHarness {
    async fn fresh(&self) -> Adapters {
        let e = Embedded::with_queues(
            QueueConfig::fifo().with_visibility_timeout(VISIBILITY),
            QueueConfig::standard().with_visibility_timeout(VISIBILITY),
        );
        Adapters {
            imports: e.orgs.clone(),
            orgs: e.orgs,
            friends: e.friends,
            idempotency: e.idempotency,
            quota: e.quota,
            conversations: e.conversations,
            campaigns: e.campaigns,
            enrolments: e.enrolments,
            threads: e.threads,
            queue: e.fanout.clone(),
            queue_rx: e.fanout,
            fifo: e.events.clone(),
            fifo_rx: e.events,
            visibility_timeout: VISIBILITY,
        }
    }
}

otodoke_contract::contract_tests!(EmbeddedHarness);
