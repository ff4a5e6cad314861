//! The menus Lambda's handler: one SQS batch of relink requests in, the records to
//! deliver again out (`ReportBatchItemFailures`).
//!
//! Records run one after another: each may take most of the invocation's time, and
//! two jobs of one channel would only compete for its rate limit. A job not finished
//! within its share of the time is queued again (from its saved cursor) rather than
//! failed, so a large channel never lands in the dead-letter queue for its size.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use otodoke_automation::Automator;
use otodoke_core::ports::QueueSender;
use std::time::Duration;

/// How long one record may work before its job is queued again (the function's
/// timeout is 15 minutes; a batch holds at most a few records).
pub const RECORD_BUDGET: Duration = Duration::from_secs(240);

/// Handles a batch. Never fails as a whole: failures are per record.
pub async fn handle(
    automator: &Automator,
    requeue: &dyn QueueSender,
    batch: SqsEvent,
) -> SqsBatchResponse {
    let mut failed = Vec::new();
    for record in &batch.records {
        let id = record.message_id.clone().unwrap_or_default();
        let body = record.body.as_deref().unwrap_or_default();
        match automator
            .handle_menu_job(body, RECORD_BUDGET, requeue, jiff::Timestamp::now)
            .await
        {
            Ok(worked) => tracing::info!(message_id = id, ?worked, "relink request handled"),
            Err(error) => {
                tracing::warn!(message_id = id, %error, "relink request failed; delivered again later");
                failed.push(id);
            }
        }
    }
    let mut response = SqsBatchResponse::default();
    response.set_failures(failed);
    response
}
