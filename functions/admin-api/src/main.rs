//! The admin API Lambda: builds its adapters once, then serves the router.

use lambda_http::Error;
use otodoke_aws::{secrets_client, sqs_queue_from_env, DynamoStores};
use otodoke_fn_admin_api::{router, AppState, AuthMode, Ports, SecretsManagerWriter};
use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), Error> {
    otodoke_aws::logging::init_lambda_logging();
    let sdk = otodoke_aws::config::load_sdk_config().await;
    // A missing setting stops start-up here, with the variable's name in the error.
    let stores = DynamoStores::from_env(&sdk)?;
    let planning = sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_PLANNING_URL")?;
    let secret_prefix = std::env::var("OTODOKE_SECRET_PREFIX")
        .map_err(|_| "OTODOKE_SECRET_PREFIX is not set (e.g. otodoke/prod/channels/)")?;
    let ports = Ports {
        orgs: Arc::new(stores.organizations),
        friends: Arc::new(stores.friends),
        conversations: Arc::new(stores.conversations),
        campaigns: Arc::new(stores.campaigns),
        quota: Arc::new(stores.quota),
        secrets: Arc::new(SecretsManagerWriter::new(
            secrets_client(&sdk),
            secret_prefix,
        )),
        planning: Arc::new(planning),
    };
    // The HTTP API's JWT authorizer has checked the token before the Lambda runs.
    lambda_http::run(router(AppState::new(ports, AuthMode::LambdaJwt))).await
}
