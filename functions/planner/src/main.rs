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
use std::sync::Arc;
use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .without_time()
        .init();
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
    let sdk = aws_config::load_from_env().await;
    let stores = otodoke_aws::DynamoStores::from_env(&sdk).map_err(|e| e.to_string())?;
    let planning = otodoke_aws::sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_PLANNING_URL")
        .map_err(|e| e.to_string())?;
    let fanout = otodoke_aws::sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_FANOUT_URL")
        .map_err(|e| e.to_string())?;
    let ports = Ports {
        orgs: Arc::new(stores.organizations),
        friends: Arc::new(stores.friends),
        campaigns: Arc::new(stores.campaigns),
        enrolments: Arc::new(stores.enrolments),
        quota: Arc::new(stores.quota),
        idempotency: Arc::new(stores.idempotency),
        // The planner never sends to LINE.
        rate: Arc::new(otodoke_embedded::EmbeddedRateLimiter::new()),
        fanout: Arc::new(fanout),
        planning: Arc::new(planning),
    };
    let config = PlannerConfig {
        time_budget: Some(Duration::from_secs(budget)),
        ..PlannerConfig::default()
    };
    Ok((ports, config))
}
