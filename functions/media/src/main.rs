//! The media Lambda: builds the keeper once from the environment, then keeps each
//! SQS batch's content with [`otodoke_fn_media::handle`].
//!
//! Settings: the DynamoDB tables (`otodoke_aws::TableNames::from_env`),
//! `OTODOKE_MEDIA_BUCKET`, `OTODOKE_LINE_API_BASE_URL` (optional, default LINE's
//! production API) and `OTODOKE_LINE_DATA_BASE_URL` (optional; default LINE's data
//! host, or the API base URL when only that is set, as for the sandbox).

use lambda_runtime::{service_fn, Error, LambdaEvent};
use otodoke_media::{Keeper, LineContent};
use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), Error> {
    otodoke_aws::logging::init_lambda_logging();
    let keeper = match build().await {
        Ok(keeper) => keeper,
        Err(message) => {
            tracing::error!(%message, "media function cannot start");
            return Err(message.into());
        }
    };
    let keeper = &keeper;
    lambda_runtime::run(service_fn(
        move |event: LambdaEvent<aws_lambda_events::event::sqs::SqsEvent>| async move {
            Ok::<_, Error>(otodoke_fn_media::handle(keeper, event.payload).await)
        },
    ))
    .await
}

async fn build() -> Result<Keeper, String> {
    let api = std::env::var("OTODOKE_LINE_API_BASE_URL")
        .ok()
        .filter(|v| !v.is_empty());
    let data = std::env::var("OTODOKE_LINE_DATA_BASE_URL")
        .ok()
        .filter(|v| !v.is_empty());
    let (api, data) = match (api, data) {
        (api, Some(data)) => (
            api.unwrap_or_else(|| otodoke_line::client::DEFAULT_BASE_URL.into()),
            data,
        ),
        // A custom API address is the sandbox's, which serves content too.
        (Some(api), None) if api != otodoke_line::client::DEFAULT_BASE_URL => (api.clone(), api),
        _ => (
            otodoke_line::client::DEFAULT_BASE_URL.into(),
            otodoke_line::client::DEFAULT_DATA_BASE_URL.into(),
        ),
    };
    let sdk = otodoke_aws::config::load_sdk_config().await;
    let stores = otodoke_aws::DynamoStores::from_env(&sdk).map_err(|e| e.to_string())?;
    let media = otodoke_aws::S3Media::from_env(&sdk).map_err(|e| e.to_string())?;
    let secrets = Arc::new(otodoke_aws::SecretsManagerSource::new(
        otodoke_aws::secrets_client(&sdk),
    ));
    let content = LineContent::new(api, data, Arc::new(stores.organizations), secrets);
    Ok(Keeper::new(
        Arc::new(content),
        Arc::new(media),
        Arc::new(stores.conversations),
    ))
}
