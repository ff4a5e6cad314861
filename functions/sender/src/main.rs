//! The sender Lambda: builds the adapters once, then answers each SQS batch with
//! [`otodoke_fn_sender::handle`].
//!
//! Settings: the DynamoDB tables (`otodoke_aws::TableNames::from_env`),
//! `OTODOKE_LINE_API_BASE_URL` (optional) and `OTODOKE_MULTICAST_RATE` (requests/s
//! per channel, default 200).
//!
//! Rate limit: every instance counts in the same DynamoDB windows
//! (`otodoke_aws::DynamoRateLimiter`, 50 ms windows), so all of them together stay
//! within the rate however many run, and one instance alone can use all of it.

use lambda_runtime::{service_fn, Error, LambdaEvent};
use otodoke_broadcast::line::LineMessenger;
use otodoke_broadcast::{Ports, SenderConfig};
use otodoke_core::rate::RateLimit;

#[tokio::main]
async fn main() -> Result<(), Error> {
    otodoke_aws::logging::init_lambda_logging();
    let (ports, line, config) = match build().await {
        Ok(built) => built,
        Err(message) => {
            tracing::error!(%message, "sender cannot start");
            return Err(message.into());
        }
    };
    let (ports, line, config) = (&ports, &line, &config);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<_>| async move {
        Ok::<_, Error>(otodoke_fn_sender::handle(ports, line, config, event.payload).await)
    }))
    .await
}

fn number_from_env(var: &str, default: u32) -> Result<u32, String> {
    match std::env::var(var) {
        Ok(v) => v
            .parse()
            .map_err(|_| format!("{var} must be a positive integer, not {v:?}")),
        Err(_) => Ok(default),
    }
}

async fn build() -> Result<(Ports, LineMessenger, SenderConfig), String> {
    let rate = number_from_env("OTODOKE_MULTICAST_RATE", 200)?;
    let base_url = std::env::var("OTODOKE_LINE_API_BASE_URL")
        .unwrap_or_else(|_| otodoke_line::client::DEFAULT_BASE_URL.to_owned());
    let otodoke_broadcast_aws::AwsBroadcast { ports, secrets } =
        otodoke_broadcast_aws::from_env().await?;
    let config = SenderConfig {
        rate: RateLimit::per_second(rate, 50),
        ..SenderConfig::default()
    };
    Ok((ports, LineMessenger::new(base_url, secrets), config))
}
