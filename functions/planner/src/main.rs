//! The planner Lambda: builds the adapters once, then answers each SQS batch with
//! [`otodoke_fn_planner::handle`].
//!
//! Settings: the DynamoDB tables (`otodoke_aws::TableNames::from_env`),
//! `OTODOKE_QUEUE_PLANNING_URL`, `OTODOKE_QUEUE_FANOUT_URL`, and optionally
//! `OTODOKE_PLANNER_BUDGET_SECS` (a cap on each run's planning time). Each run stops
//! and re-enqueues before the invocation's deadline whatever the function's timeout
//! ([`otodoke_fn_planner::budget_within`]).

use lambda_runtime::{service_fn, Error, LambdaEvent};
use otodoke_broadcast::planner::PlannerConfig;
use otodoke_broadcast::Ports;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[tokio::main]
async fn main() -> Result<(), Error> {
    otodoke_aws::logging::init_lambda_logging();
    let (ports, config) = match build().await {
        Ok(built) => built,
        Err(message) => {
            tracing::error!(%message, "planner cannot start");
            return Err(message.into());
        }
    };
    let ports = &ports;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<_>| async move {
        let deadline = deadline_of(event.context.deadline);
        Ok::<_, Error>(
            otodoke_fn_planner::handle_until(ports, config, event.payload, deadline).await,
        )
    }))
    .await
}

/// The invocation's deadline (milliseconds since the epoch) on this process's clock.
fn deadline_of(deadline_ms: u64) -> Instant {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    Instant::now() + Duration::from_millis(deadline_ms.saturating_sub(now_ms))
}

async fn build() -> Result<(Ports, PlannerConfig), String> {
    let budget = match std::env::var("OTODOKE_PLANNER_BUDGET_SECS") {
        Ok(v) => Some(Duration::from_secs(v.parse::<u64>().map_err(|_| {
            format!("OTODOKE_PLANNER_BUDGET_SECS must be seconds, not {v:?}")
        })?)),
        Err(_) => None,
    };
    let ports = otodoke_broadcast_aws::from_env().await?.ports;
    let config = PlannerConfig {
        time_budget: budget,
        ..PlannerConfig::default()
    };
    Ok((ports, config))
}
