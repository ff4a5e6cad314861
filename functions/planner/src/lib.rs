//! The planner Lambda's handler: each record of the planning queue names a running
//! campaign to cut into fan-out batches.
//!
//! A run that nears the Lambda timeout stops at a batch boundary
//! ([`PlannerConfig::time_budget`]) and enqueues the campaign again, so the next
//! invocation resumes from the checkpoint; a record that fails is reported and
//! redelivered, and resumes the same way.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use jiff::Timestamp;
use otodoke_broadcast::planner::{plan, PlanOutcome, PlannerConfig, PlanningRequest};
use otodoke_broadcast::scheduler::request_planning;
use otodoke_broadcast::{BroadcastError, Ports};

/// Handles one SQS batch (records one after the other: planning is I/O bound on
/// one campaign at a time). Never fails as a whole.
pub async fn handle(ports: &Ports, config: PlannerConfig, event: SqsEvent) -> SqsBatchResponse {
    let mut failed = Vec::new();
    for record in &event.records {
        if let Some(id) = handle_record(ports, config, record).await {
            failed.push(id);
        }
    }
    let mut response = SqsBatchResponse::default();
    response.set_failures(failed);
    response
}

async fn handle_record(
    ports: &Ports,
    config: PlannerConfig,
    record: &SqsMessage,
) -> Option<String> {
    let id = record.message_id.clone()?;
    let result: Result<PlanOutcome, BroadcastError> = async {
        let request: PlanningRequest = serde_json::from_str(record.body.as_deref().unwrap_or(""))?;
        let outcome = plan(ports, &request.campaign_id, Timestamp::now(), config).await?;
        if let PlanOutcome::Yielded { .. } = outcome {
            request_planning(ports, &request.campaign_id).await?;
        }
        tracing::info!(campaign = %request.campaign_id, ?outcome, "planning run");
        Ok(outcome)
    }
    .await;
    match result {
        Ok(_) => None,
        Err(error) => {
            tracing::warn!(message_id = id, %error, "planning failed; will resume");
            Some(id)
        }
    }
}
