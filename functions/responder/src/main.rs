//! The responder Lambda: builds the adapters once from the environment, then answers
//! each SQS batch with [`otodoke_fn_responder::handle`].
//!
//! Settings: the DynamoDB tables (`otodoke_aws::TableNames::from_env`),
//! `OTODOKE_LINE_API_BASE_URL` (optional, default LINE's production API),
//! `OTODOKE_LINK_KEY_SECRET` and `OTODOKE_LINK_BASE_URL` (tracked links; optional), and
//! `OTODOKE_RESPONDER_OPTIONS` (optional JSON, see `otodoke_responder::ResponderOptions`).

use lambda_runtime::{service_fn, Error, LambdaEvent};
use otodoke_responder::{EventHandler, LineClients, Ports, ResponderOptions, StaffNotifier};
use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), Error> {
    otodoke_aws::logging::init_lambda_logging();
    let handler = match build().await {
        Ok(handler) => handler,
        Err(message) => {
            tracing::error!(%message, "responder cannot start");
            return Err(message.into());
        }
    };
    let handler = &handler;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<_>| async move {
        Ok::<_, Error>(otodoke_fn_responder::handle(handler, event).await)
    }))
    .await
}

/// Everything built once per cold start; a missing or invalid setting is an error
/// naming it.
async fn build() -> Result<EventHandler, String> {
    let options: ResponderOptions = match std::env::var("OTODOKE_RESPONDER_OPTIONS") {
        Ok(json) if !json.trim().is_empty() => serde_json::from_str(&json)
            .map_err(|e| format!("OTODOKE_RESPONDER_OPTIONS is not valid options JSON: {e}"))?,
        _ => ResponderOptions::default(),
    };
    let base_url = std::env::var("OTODOKE_LINE_API_BASE_URL")
        .unwrap_or_else(|_| otodoke_line::client::DEFAULT_BASE_URL.to_owned());
    // The project's SDK configuration: retry policy and compiled-in trust roots.
    let sdk = otodoke_aws::config::load_sdk_config().await;
    let stores = otodoke_aws::DynamoStores::from_env(&sdk).map_err(|e| e.to_string())?;
    let secrets = Arc::new(otodoke_aws::SecretsManagerSource::new(
        otodoke_aws::secrets_client(&sdk),
    ));
    let ports = Ports {
        orgs: Arc::new(stores.organizations),
        friends: Arc::new(stores.friends),
        idempotency: Arc::new(stores.idempotency),
        quota: Arc::new(stores.quota),
        conversations: Arc::new(stores.conversations),
        campaigns: Arc::new(stores.campaigns),
        enrolments: Arc::new(stores.enrolments),
        secrets: secrets.clone(),
        threads: Arc::new(stores.threads),
        richmenus: Arc::new(stores.richmenus),
        automations: Arc::new(stores.automations),
        metrics: Arc::new(stores.metrics),
        media_jobs: Arc::new(
            otodoke_aws::sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_MEDIA_URL")
                .map_err(|e| e.to_string())?,
        ),
    };
    let automator =
        otodoke_responder::automate::automator_for(&ports, &base_url, StaffNotifier::default());
    // `send` actions with `track_links` rewrite URLs to the redirect when the key
    // and its base are set; otherwise (warned once) they send URLs as written.
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
    let line = LineClients::new(base_url, secrets);
    Ok(EventHandler::new(ports, line, options).with_automator(automator))
}
