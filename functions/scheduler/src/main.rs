//! The scheduler Lambda: builds the adapters once, then runs
//! [`otodoke_fn_scheduler::handle`] on each EventBridge scheduled event.
//!
//! Settings: the DynamoDB tables, `OTODOKE_QUEUE_PLANNING_URL`,
//! `OTODOKE_QUEUE_FANOUT_URL` and `OTODOKE_LINE_API_BASE_URL` (optional). The
//! channels to reconcile daily come from the store.

use lambda_runtime::{service_fn, Error, LambdaEvent};
use otodoke_broadcast::line::LineMessenger;
use otodoke_broadcast::Ports;

#[tokio::main]
async fn main() -> Result<(), Error> {
    otodoke_aws::logging::init_lambda_logging();
    let (ports, line) = match build().await {
        Ok(built) => built,
        Err(message) => {
            tracing::error!(%message, "scheduler cannot start");
            return Err(message.into());
        }
    };
    let (ports, line) = (&ports, &line);
    lambda_runtime::run(service_fn(
        // The schedules' input (`{"task": ...}` or an EventBridge event) does not
        // matter: every run does what is due at its own time.
        move |_: LambdaEvent<serde_json::Value>| async move {
            otodoke_fn_scheduler::handle(ports, line, jiff::Timestamp::now())
                .await
                .map_err(Error::from)
        },
    ))
    .await
}

async fn build() -> Result<(Ports, LineMessenger), String> {
    let base_url = std::env::var("OTODOKE_LINE_API_BASE_URL")
        .unwrap_or_else(|_| otodoke_line::client::DEFAULT_BASE_URL.to_owned());
    let otodoke_broadcast_aws::AwsBroadcast { ports, secrets } =
        otodoke_broadcast_aws::from_env().await?;
    Ok((ports, LineMessenger::new(base_url, secrets)))
}
