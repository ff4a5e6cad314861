//! The planner Lambda: builds the adapters once, then answers each SQS batch with
//! [`otodoke_fn_planner::handle`].
//!
//! Settings: the DynamoDB tables (`otodoke_aws::TableNames::from_env`),
//! `OTODOKE_QUEUE_PLANNING_URL`, `OTODOKE_QUEUE_FANOUT_URL`, and
//! `OTODOKE_PLANNER_BUDGET_SECS` (default 600: stop and re-enqueue well before a
//! 900 s Lambda timeout).

use lambda_runtime::{service_fn, Error, LambdaEvent};
use otodoke_broadcast::planner::PlannerConfig;
use otodoke_broadcast::Ports;
use std::time::Duration;

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
        Ok::<_, Error>(otodoke_fn_planner::handle(ports, config, event.payload).await)
    }))
    .await
}

async fn build() -> Result<(Ports, PlannerConfig), String> {
    let budget = match std::env::var("OTODOKE_PLANNER_BUDGET_SECS") {
        Ok(v) => v
            .parse::<u64>()
            .map_err(|_| format!("OTODOKE_PLANNER_BUDGET_SECS must be seconds, not {v:?}"))?,
        Err(_) => 600,
    };
    let ports = otodoke_broadcast_aws::from_env().await?.ports;
    let config = PlannerConfig {
        time_budget: Some(Duration::from_secs(budget)),
        ..PlannerConfig::default()
    };
    Ok((ports, config))
}
