//! The scheduler Lambda: builds the adapters once, then runs
//! [`otodoke_fn_scheduler::handle`] on each EventBridge scheduled event.
//!
//! Settings: the DynamoDB tables, `OTODOKE_QUEUE_PLANNING_URL`,
//! `OTODOKE_QUEUE_FANOUT_URL`, `OTODOKE_LINE_API_BASE_URL` (optional) and
//! `OTODOKE_RECONCILE_CHANNELS` (comma-separated channel ids to reconcile daily:
//! the storage ports cannot list every channel yet).

use lambda_runtime::{service_fn, Error, LambdaEvent};
use otodoke_broadcast::line::LineMessenger;
use otodoke_broadcast::Ports;
use otodoke_core::ChannelId;

#[tokio::main]
async fn main() -> Result<(), Error> {
    otodoke_aws::logging::init_lambda_logging();
    let (ports, line, channels) = match build().await {
        Ok(built) => built,
        Err(message) => {
            tracing::error!(%message, "scheduler cannot start");
            return Err(message.into());
        }
    };
    let (ports, line, channels) = (&ports, &line, &channels);
    lambda_runtime::run(service_fn(
        // The schedules' input (`{"task": ...}` or an EventBridge event) does not
        // matter: every run does what is due at its own time.
        move |_: LambdaEvent<serde_json::Value>| async move {
            otodoke_fn_scheduler::handle(ports, line, channels, jiff::Timestamp::now())
                .await
                .map_err(Error::from)
        },
    ))
    .await
}

async fn build() -> Result<(Ports, LineMessenger, Vec<ChannelId>), String> {
    let channels = std::env::var("OTODOKE_RECONCILE_CHANNELS")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| ChannelId::new(s).map_err(|e| format!("OTODOKE_RECONCILE_CHANNELS: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let base_url = std::env::var("OTODOKE_LINE_API_BASE_URL")
        .unwrap_or_else(|_| otodoke_line::client::DEFAULT_BASE_URL.to_owned());
    let otodoke_broadcast_aws::AwsBroadcast { ports, secrets } =
        otodoke_broadcast_aws::from_env().await?;
    Ok((ports, LineMessenger::new(base_url, secrets), channels))
}
