//! The media Lambda's handler: one SQS batch of [`MediaJob`]s in, the records to
//! retry out (`ReportBatchItemFailures`).
//!
//! Records are independent (no order matters), so a batch runs concurrently. A job
//! is retried (reported failed, so SQS delivers it again after the visibility
//! timeout) when LINE is still transcoding it or when LINE or storage failed; after
//! the queue's max receives it goes to the dead-letter queue. A body that is not a
//! job fails too, and so ends in the dead-letter queue where it can be looked at.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use futures::future::join_all;
use otodoke_media::{Keeper, MediaJob, Outcome};

/// Handles a batch. Never fails as a whole: failures are per record.
pub async fn handle(keeper: &Keeper, batch: SqsEvent) -> SqsBatchResponse {
    let results = join_all(batch.records.iter().map(|r| handle_record(keeper, r))).await;
    let mut response = SqsBatchResponse::default();
    response.set_failures(
        batch
            .records
            .iter()
            .zip(results)
            .filter(|(_, retry)| *retry)
            .filter_map(|(record, _)| record.message_id.clone()),
    );
    response
}

/// Whether the record must be delivered again.
async fn handle_record(keeper: &Keeper, record: &SqsMessage) -> bool {
    let id = record.message_id.as_deref().unwrap_or_default();
    let job = match MediaJob::parse(record.body.as_deref().unwrap_or_default()) {
        Ok(job) => job,
        Err(error) => {
            tracing::error!(message_id = id, %error, "not a media job");
            return true;
        }
    };
    match keeper.keep(&job).await {
        Ok(Outcome::NotReady) => {
            tracing::info!(message_id = id, entry = %job.entry_id, "LINE is still preparing the content; retrying later");
            true
        }
        Ok(outcome) => {
            tracing::info!(message_id = id, org = %job.friend.org, entry = %job.entry_id,
                outcome = outcome_name(&outcome), "media job done");
            false
        }
        Err(error) => {
            tracing::warn!(message_id = id, entry = %job.entry_id, %error, "media job failed; retrying later");
            true
        }
    }
}

fn outcome_name(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Kept(_) => "kept",
        Outcome::NotReady => "not_ready",
        Outcome::Lost => "lost",
        Outcome::TooLarge { .. } => "too_large",
        Outcome::EntryGone => "entry_gone",
    }
}
