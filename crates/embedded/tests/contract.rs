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
            richmenus: e.richmenus,
            automations: e.automations,
            metrics: e.metrics,
            links: e.links,
            campaign_stats: e.campaign_stats,
            queue: e.fanout.clone(),
            queue_rx: e.fanout,
            fifo: e.events.clone(),
            fifo_rx: e.events,
            visibility_timeout: VISIBILITY,
        }
    }
}

otodoke_contract::contract_tests!(EmbeddedHarness);

mod media {
    use otodoke_contract::cases;
    use otodoke_embedded::EmbeddedMedia;
    use std::sync::Arc;

    fn stores() -> (
        Vec<Arc<dyn otodoke_core::ports::MediaStore>>,
        tempfile::TempDir,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let folder = EmbeddedMedia::in_folder(dir.path().join("media"), "http://127.0.0.1:1");
        (
            vec![
                Arc::new(EmbeddedMedia::in_memory("http://127.0.0.1:1")),
                Arc::new(folder),
            ],
            dir,
        )
    }

    #[tokio::test]
    async fn put_then_get_returns_the_bytes_and_content_type() {
        let (stores, _dir) = stores();
        for media in stores {
            cases::media_put_then_get_returns_the_bytes_and_content_type_and_delete_removes_one_key(media).await;
        }
    }

    #[tokio::test]
    async fn urls_are_http_and_differ_per_key() {
        let (stores, _dir) = stores();
        for media in stores {
            cases::media_urls_are_http_and_differ_per_key(media).await;
        }
    }

    #[tokio::test]
    async fn delete_prefix_removes_one_friends_media_only() {
        let (stores, _dir) = stores();
        for media in stores {
            cases::media_delete_prefix_removes_one_friends_media_only(media).await;
        }
    }
}
