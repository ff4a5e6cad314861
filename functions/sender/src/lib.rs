//! The sender Lambda's handler: one SQS batch of fan-out messages in, the records
//! to retry out (`ReportBatchItemFailures`).
//!
//! Records are handled concurrently, each parsed on its own: a malformed one fails
//! only itself (and reaches the DLQ after maxReceiveCount). A record is reported
//! failed when its batch must come back: another sender holds it, LINE kept
//! failing, or the campaign is paused (it then waits in the DLQ for the redrive).
//!
//! A record is either a fan-out batch (multicast) or a narrowcast order (a
//! campaign targeted by LINE's demographics, `otodoke_broadcast::narrowcast`),
//! told apart by their fields (`otodoke_broadcast::sender::handle_fanout`).

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use futures::future::join_all;
use otodoke_broadcast::line::Messenger;
use otodoke_broadcast::sender::handle_fanout;
use otodoke_broadcast::{BroadcastError, Ports, SenderConfig};

/// Handles one SQS batch. Never fails as a whole: failures are per record.
pub async fn handle(
    ports: &Ports,
    line: &dyn Messenger,
    config: &SenderConfig,
    event: SqsEvent,
) -> SqsBatchResponse {
    let failed = join_all(
        event
            .records
            .iter()
            .map(|record| handle_record(ports, line, config, record)),
    )
    .await;
    let mut response = SqsBatchResponse::default();
    response.set_failures(failed.into_iter().flatten());
    response
}

/// The record's message id when it must be retried.
async fn handle_record(
    ports: &Ports,
    line: &dyn Messenger,
    config: &SenderConfig,
    record: &SqsMessage,
) -> Option<String> {
    let id = record.message_id.clone()?;
    let result: Result<bool, BroadcastError> =
        async { handle_fanout(ports, line, record.body.as_deref().unwrap_or(""), config).await }
            .await;
    match result {
        Ok(true) => None,
        Ok(false) => Some(id),
        Err(error) => {
            tracing::warn!(message_id = id, %error, "batch failed");
            Some(id)
        }
    }
}
