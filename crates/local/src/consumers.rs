//! The queue consumers Lambda's event source mappings run in AWS, here as tasks:
//! workers taking events off the embedded events queue into the responder.
//!
//! A worker receives one message at a time and acks it only when the responder
//! handled it; a failed event stays unacked and comes back after the queue's
//! visibility timeout, as with SQS. The FIFO queue hands out a chat's next event
//! only once the previous one is acked, so several workers keep each chat in order.

use crate::clock::StackClock;
use otodoke_core::ports::QueueReceiver;
use otodoke_ingest::EventEnvelope;
use otodoke_responder::EventHandler;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How long one receive waits for a message (SQS's long poll).
const LONG_POLL: Duration = Duration::from_secs(20);

/// Starts `workers` tasks feeding `queue` to `handler`; abort the handles to stop.
pub fn spawn_responders(
    workers: usize,
    queue: Arc<dyn QueueReceiver>,
    handler: Arc<EventHandler>,
    clock: StackClock,
) -> Vec<JoinHandle<()>> {
    (0..workers.max(1))
        .map(|worker| {
            let queue = queue.clone();
            let handler = handler.clone();
            let clock = clock.clone();
            tokio::spawn(async move { respond_forever(worker, &*queue, &handler, &clock).await })
        })
        .collect()
}

async fn respond_forever(
    worker: usize,
    queue: &dyn QueueReceiver,
    handler: &EventHandler,
    clock: &StackClock,
) {
    loop {
        let received = match queue.receive(1, LONG_POLL).await {
            Ok(received) => received,
            Err(error) => {
                tracing::error!(worker, %error, "events queue receive failed");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        for message in received {
            let envelope: EventEnvelope = match serde_json::from_str(&message.body) {
                Ok(envelope) => envelope,
                Err(error) => {
                    // A poison message: leave it to the dead-letter queue.
                    tracing::error!(worker, %error, "events queue message is not an envelope");
                    continue;
                }
            };
            match handler.handle(&envelope, clock.now()).await {
                Ok(handled) => {
                    tracing::debug!(worker, ?handled, "event handled");
                    if let Err(error) = queue.ack(&message.receipt).await {
                        tracing::warn!(worker, %error, "could not ack a handled event");
                    }
                }
                Err(error) => tracing::warn!(
                    worker,
                    %error,
                    receive_count = message.receive_count,
                    "event failed; it comes back after the visibility timeout"
                ),
            }
        }
    }
}

/// Starts `workers` tasks keeping the media of the jobs on `queue` (what the media
/// Lambda does in AWS); abort the handles to stop. A job LINE is still transcoding,
/// or that failed, stays unacked and comes back after the queue's visibility timeout.
pub fn spawn_media_keepers(
    workers: usize,
    queue: Arc<dyn QueueReceiver>,
    keeper: Arc<otodoke_media::Keeper>,
) -> Vec<JoinHandle<()>> {
    (0..workers.max(1))
        .map(|worker| {
            let queue = queue.clone();
            let keeper = keeper.clone();
            tokio::spawn(async move { keep_forever(worker, &*queue, &keeper).await })
        })
        .collect()
}

async fn keep_forever(worker: usize, queue: &dyn QueueReceiver, keeper: &otodoke_media::Keeper) {
    use otodoke_media::{MediaJob, Outcome};
    loop {
        let received = match queue.receive(1, LONG_POLL).await {
            Ok(received) => received,
            Err(error) => {
                tracing::error!(worker, %error, "media queue receive failed");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        for message in received {
            let job = match MediaJob::parse(&message.body) {
                Ok(job) => job,
                Err(error) => {
                    tracing::error!(worker, %error, "media queue message is not a job");
                    continue;
                }
            };
            match keeper.keep(&job).await {
                Ok(Outcome::NotReady) => {
                    tracing::debug!(worker, entry = %job.entry_id, "content not ready; retried later")
                }
                Ok(outcome) => {
                    tracing::debug!(worker, ?outcome, "media job done");
                    if let Err(error) = queue.ack(&message.receipt).await {
                        tracing::warn!(worker, %error, "could not ack a media job");
                    }
                }
                Err(error) => tracing::warn!(worker, %error, "media job failed; retried later"),
            }
        }
    }
}

/// Starts the task re-linking friends' rich menus for the relink requests on
/// `queue` (what the menus Lambda does in AWS); abort the handle to stop. A request
/// that failed stays unacked and comes back after the queue's visibility timeout.
pub fn spawn_menu_worker(
    queue: Arc<otodoke_embedded::EmbeddedQueue>,
    automator: otodoke_automation::Automator,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let received = match queue.receive(1, LONG_POLL).await {
                Ok(received) => received,
                Err(error) => {
                    tracing::error!(%error, "menu jobs queue receive failed");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            for message in received {
                match automator
                    .handle_menu_job(
                        &message.body,
                        Duration::from_secs(60),
                        &*queue,
                        jiff::Timestamp::now,
                    )
                    .await
                {
                    Ok(worked) => {
                        tracing::debug!(?worked, "menu job handled");
                        if let Err(error) = queue.ack(&message.receipt).await {
                            tracing::warn!(%error, "could not ack a relink request");
                        }
                    }
                    Err(error) => tracing::warn!(%error, "menu job failed; retried later"),
                }
            }
        }
    })
}
