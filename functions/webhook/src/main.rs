//! The webhook Lambda: builds its adapters once, then serves LINE's deliveries.

use jiff::SignedDuration;
use lambda_http::{service_fn, Error};
use otodoke_aws::{secrets_client, sqs_queue_from_env, DynamoStores, SecretsManagerSource};
use otodoke_ingest::{ChannelDirectory, Ingest, IngestConfig};
use std::convert::Infallible;
use std::sync::Arc;

/// How long a warm Lambda trusts a cached channel record and secret.
const CHANNEL_CACHE: SignedDuration = SignedDuration::from_mins(5);

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::tracing::init_default_subscriber();
    let sdk = otodoke_aws::config::load_sdk_config().await;
    // A missing setting stops start-up here, with the variable's name in the error.
    let stores = DynamoStores::from_env(&sdk)?;
    let events = sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_EVENTS_URL")?;
    let secrets = SecretsManagerSource::new(secrets_client(&sdk));
    let ingest = Ingest::new(
        ChannelDirectory::new(
            Arc::new(stores.organizations),
            Arc::new(secrets),
            CHANNEL_CACHE,
        ),
        Arc::new(stores.idempotency),
        Arc::new(events),
        IngestConfig::default(),
    );
    let ingest = &ingest;
    lambda_http::run(service_fn(move |request| async move {
        Ok::<_, Infallible>(otodoke_fn_webhook::handle(ingest, request).await)
    }))
    .await
}
