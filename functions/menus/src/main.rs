//! The menus Lambda: builds the automator once from the environment, then works each
//! SQS batch of relink requests with [`otodoke_fn_menus::handle`].
//!
//! Settings: the DynamoDB tables (`otodoke_aws::TableNames::from_env`),
//! `OTODOKE_QUEUE_MENU_JOBS_URL` (its own queue, to go on with a long job) and
//! `OTODOKE_LINE_API_BASE_URL` (optional, default LINE's production API),
//! `OTODOKE_LINK_KEY_SECRET` and `OTODOKE_LINK_BASE_URL` (tracked links; optional).

use lambda_runtime::{service_fn, Error, LambdaEvent};
use otodoke_automation::{Automator, AutomatorPorts};
use otodoke_aws::SqsQueue;
use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), Error> {
    otodoke_aws::logging::init_lambda_logging();
    let (automator, requeue) = match build().await {
        Ok(built) => built,
        Err(message) => {
            tracing::error!(%message, "menus function cannot start");
            return Err(message.into());
        }
    };
    let (automator, requeue) = (&automator, &requeue);
    lambda_runtime::run(service_fn(
        move |event: LambdaEvent<aws_lambda_events::event::sqs::SqsEvent>| async move {
            Ok::<_, Error>(otodoke_fn_menus::handle(automator, requeue, event.payload).await)
        },
    ))
    .await
}

async fn build() -> Result<(Automator, SqsQueue), String> {
    let base_url = std::env::var("OTODOKE_LINE_API_BASE_URL")
        .unwrap_or_else(|_| otodoke_line::client::DEFAULT_BASE_URL.to_owned());
    let sdk = otodoke_aws::config::load_sdk_config().await;
    let stores = otodoke_aws::DynamoStores::from_env(&sdk).map_err(|e| e.to_string())?;
    let requeue = otodoke_aws::sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_MENU_JOBS_URL")
        .map_err(|e| e.to_string())?;
    let secrets = Arc::new(otodoke_aws::SecretsManagerSource::new(
        otodoke_aws::secrets_client(&sdk),
    ));
    let line = Arc::new(otodoke_inbox::LineChat::new(base_url, secrets));
    let ports = AutomatorPorts {
        friends: Arc::new(stores.friends),
        automations: Arc::new(stores.automations),
        menus: Arc::new(stores.richmenus),
        enrolments: Arc::new(stores.enrolments),
        campaigns: Arc::new(stores.campaigns),
        orgs: Arc::new(stores.organizations),
        quota: Arc::new(stores.quota),
    };
    let automator = Automator::new(ports, line.clone(), line);
    // A relink's automations send tracked links when the key and the redirect's
    // base are set; otherwise (warned once) their URLs as written.
    let automator = match otodoke_aws::secrets::link_tracking_from_env(
        &otodoke_aws::secrets_client(&sdk),
    )
    .await
    {
        Some((key, base)) => automator.with_links(otodoke_automation::LinkTracking {
            links: Arc::new(stores.links),
            key,
            base,
        }),
        None => automator,
    };
    Ok((automator, requeue))
}
