//! The planner Lambda's handler: each record of the planning queue names a running
//! campaign to cut into fan-out batches.
//!
//! A run that nears the Lambda timeout stops at a batch boundary and enqueues the
//! campaign again, so the next invocation resumes from the checkpoint; a record that
//! fails is reported and redelivered, and resumes the same way. The time budget is
//! the invocation's remaining time (its deadline) less a margin
//! ([`budget_within`]), capped by [`PlannerConfig::time_budget`] when one is set.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use jiff::Timestamp;
use otodoke_broadcast::planner::{plan, PlanOutcome, PlannerConfig, PlanningRequest};
use otodoke_broadcast::scheduler::request_planning;
use otodoke_broadcast::{BroadcastError, Ports};
use std::time::{Duration, Instant};

/// Time kept back from an invocation's remaining time for finishing the batch in
/// hand (one audience page, one queue send, one checkpoint) and re-enqueueing:
/// a tenth of the remaining time, at least this.
pub const MIN_MARGIN: Duration = Duration::from_secs(15);

/// The planning budget of a run with `remaining` time before the Lambda deadline:
/// `remaining` less max(10 %, [`MIN_MARGIN`]), and no more than `configured`.
pub fn budget_within(remaining: Duration, configured: Option<Duration>) -> Duration {
    let margin = (remaining / 10).max(MIN_MARGIN);
    let budget = remaining.saturating_sub(margin);
    configured.map_or(budget, |c| c.min(budget))
}

/// As [`handle`], with the invocation's deadline (Lambda's `Context::deadline`):
/// every record's planning stops in time to re-enqueue its campaign before it.
pub async fn handle_until(
    ports: &Ports,
    config: PlannerConfig,
    event: SqsEvent,
    deadline: Instant,
) -> SqsBatchResponse {
    run(ports, event, || {
        let remaining = deadline.saturating_duration_since(Instant::now());
        PlannerConfig {
            time_budget: Some(budget_within(remaining, config.time_budget)),
            ..config
        }
    })
    .await
}

/// Handles one SQS batch (records one after the other: planning is I/O bound on
/// one campaign at a time). Never fails as a whole.
pub async fn handle(ports: &Ports, config: PlannerConfig, event: SqsEvent) -> SqsBatchResponse {
    run(ports, event, || config).await
}

/// Plans each record in turn with the configuration `config_for` gives at its start.
async fn run(
    ports: &Ports,
    event: SqsEvent,
    config_for: impl Fn() -> PlannerConfig,
) -> SqsBatchResponse {
    let mut failed = Vec::new();
    for record in &event.records {
        if let Some(id) = handle_record(ports, config_for(), record).await {
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
