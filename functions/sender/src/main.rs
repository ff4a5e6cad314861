//! The sender Lambda: builds the adapters once, then answers each SQS batch with
//! [`otodoke_fn_sender::handle`].
//!
//! Settings: the DynamoDB tables (`otodoke_aws::TableNames::from_env`),
//! `OTODOKE_LINE_API_BASE_URL` (optional), `OTODOKE_MULTICAST_RATE` (requests/s per
//! channel, default 200) and `OTODOKE_SENDER_MAX_CONCURRENCY` (the event source
//! mapping's MaximumConcurrency, default 10).
//!
//! Rate limit: until a DynamoDB `RateLimiter` exists, each instance admits
//! `rate / max_concurrency` requests per second in its own fixed windows, so all
//! instances together stay within `rate`. (The pipeline's tests and bench use one
//! shared limiter instead.)

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
    let concurrency = number_from_env("OTODOKE_SENDER_MAX_CONCURRENCY", 10)?.max(1);
    let base_url = std::env::var("OTODOKE_LINE_API_BASE_URL")
        .unwrap_or_else(|_| otodoke_line::client::DEFAULT_BASE_URL.to_owned());
    let otodoke_broadcast_aws::AwsBroadcast { ports, secrets } =
        otodoke_broadcast_aws::from_env().await?;
    // One request per window of ceil(1000 / share) ms never passes this
    // instance's share, and bursts at most one request at a window's edge.
    let share = (rate / concurrency).max(1);
    let config = SenderConfig {
        rate: RateLimit {
            allowance: 1,
            window_ms: 1_000u32.div_ceil(share),
        },
        ..SenderConfig::default()
    };
    Ok((ports, LineMessenger::new(base_url, secrets), config))
}
