//! The responder Lambda's handler: one SQS batch from the events FIFO queue in, the
//! records that failed out (`ReportBatchItemFailures`).
//!
//! Each record is read on its own, so a poison message fails only itself. Records of
//! different FIFO message groups (different chats) are handled concurrently; records of
//! one group in their order, and once one of them fails, every later record of that
//! group in the batch is reported failed without being tried: answering a later
//! message before an earlier one would break the chat's order, and SQS redelivers the
//! failed ones in order.
//!
//! The batch's events share one [`Batch`]: a channel, its organization and the
//! answering store are read once per invocation, not once per event.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use futures::future::join_all;
use jiff::Timestamp;
use lambda_runtime::LambdaEvent;
use otodoke_ingest::EventEnvelope;
use otodoke_responder::{Batch, EventHandler, RespondError};
use std::collections::BTreeMap;

/// Handles a batch at the current time. Never fails as a whole: failures are per record.
pub async fn handle(handler: &EventHandler, event: LambdaEvent<SqsEvent>) -> SqsBatchResponse {
    handle_at(handler, event.payload, Timestamp::now).await
}

/// Handles `batch`, reading the clock with `now` before each record.
pub async fn handle_at(
    handler: &EventHandler,
    batch: SqsEvent,
    now: impl Fn() -> Timestamp + Copy,
) -> SqsBatchResponse {
    // Groups in order of first appearance; a record without a group (a standard
    // queue) is a group of its own.
    let mut groups: BTreeMap<String, Vec<(usize, &SqsMessage)>> = BTreeMap::new();
    for (i, record) in batch.records.iter().enumerate() {
        let group = record
            .attributes
            .get("MessageGroupId")
            .cloned()
            .unwrap_or_else(|| format!("\u{0}record-{i}"));
        groups.entry(group).or_default().push((i, record));
    }
    let shared = Batch::new();
    let failed_per_group = join_all(
        groups
            .into_values()
            .map(|records| handle_group(handler, &shared, records, now)),
    )
    .await;
    let mut failed: Vec<(usize, String)> = failed_per_group.into_iter().flatten().collect();
    failed.sort();
    let mut response = SqsBatchResponse::default();
    response.set_failures(failed.into_iter().map(|(_, id)| id));
    response
}

/// Handles one group's records in order; returns the failed ones (index, message id).
async fn handle_group(
    handler: &EventHandler,
    batch: &Batch,
    records: Vec<(usize, &SqsMessage)>,
    now: impl Fn() -> Timestamp,
) -> Vec<(usize, String)> {
    let mut failed = Vec::new();
    for (i, record) in records {
        let Some(id) = record.message_id.clone() else {
            // Without an id it cannot be reported; SQS will redeliver it anyway.
            tracing::error!(index = i, "record without a message id");
            continue;
        };
        if !failed.is_empty() {
            tracing::warn!(
                message_id = id,
                "not tried: an earlier record of its group failed"
            );
            failed.push((i, id));
            continue;
        }
        if let Err(error) = handle_record(handler, batch, record, now()).await {
            tracing::warn!(message_id = id, %error, "record failed");
            failed.push((i, id));
        }
    }
    failed
}

async fn handle_record(
    handler: &EventHandler,
    batch: &Batch,
    record: &SqsMessage,
    now: Timestamp,
) -> Result<(), RespondError> {
    let body = record.body.as_deref().unwrap_or_default();
    let envelope: EventEnvelope = serde_json::from_str(body).map_err(RespondError::Malformed)?;
    handler.handle_in(batch, &envelope, now).await.map(|_| ())
}
