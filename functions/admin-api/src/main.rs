//! The admin API Lambda: builds its adapters once, then serves the router.

use lambda_http::Error;
use otodoke_aws::{secrets_client, sqs_queue_from_env, DynamoStores, SecretsManagerSource};
use otodoke_fn_admin_api::aws::AwsParts;
use otodoke_fn_admin_api::{
    router, AppState, AuthMode, CognitoDirectory, NoDirectory, Ports, SecretsManagerWriter,
    StaffDirectory,
};
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
    // LINE's API, or the sandbox in a test stack (the template's LineApiBaseUrl).
    let line_base_url = std::env::var("OTODOKE_LINE_API_BASE_URL")
        .unwrap_or_else(|_| otodoke_line::client::DEFAULT_BASE_URL.to_owned());
    // The stack's own Cognito pool invites staff; with an external OIDC issuer the
    // variable is empty and staff records are made for that issuer's subjects.
    let directory: Arc<dyn StaffDirectory> = match std::env::var("OTODOKE_USER_POOL_ID") {
        Ok(pool) if !pool.is_empty() => Arc::new(CognitoDirectory::new(
            aws_sdk_cognitoidentityprovider::Client::new(&sdk),
            pool,
        )),
        _ => Arc::new(NoDirectory),
    };
    // The follower import, the staff chat and rich menus read the channel's access
    // token (GetSecretValue under the same prefix the function writes).
    let tokens = Arc::new(SecretsManagerSource::new(secrets_client(&sdk)));
    // Automations fired by staff edits send tracked links when the key and the
    // redirect's base are set (OTODOKE_LINK_BASE_URL, the stack's LinkBaseUrl:
    // configured, never learned from a request's Host); otherwise, warned once,
    // their URLs as written.
    let link_tracking = otodoke_aws::secrets::link_tracking_from_env(&secrets_client(&sdk)).await;
    let ports = Ports::aws(AwsParts {
        stores,
        line_base_url,
        tokens,
        secrets: Arc::new(SecretsManagerWriter::new(
            secrets_client(&sdk),
            secret_prefix,
        )),
        directory,
        planning: Arc::new(planning),
        menu_jobs: Arc::new(sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_MENU_JOBS_URL")?),
        media: Arc::new(otodoke_aws::S3Media::from_env(&sdk)?),
        link_tracking,
    });
    // The HTTP API's JWT authorizer has checked the token before the Lambda runs.
    lambda_http::run(router(AppState::new(ports, AuthMode::LambdaJwt))).await
}
