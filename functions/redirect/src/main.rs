//! The redirect Lambda: builds the link store, the menu jobs queue and the link key
//! once, then answers `GET /r/{proxy+}` with [`otodoke_fn_redirect::Redirector`].
//!
//! Settings: the designer table (`otodoke_aws::TableNames::from_env`),
//! `OTODOKE_QUEUE_MENU_JOBS_URL` and `OTODOKE_LINK_KEY_SECRET` (the Secrets Manager
//! secret holding the key of friend tokens).

use lambda_http::{service_fn, Body, Error, Request, Response};
use otodoke_aws::{secrets_client, sqs_queue_from_env, DynamoStores};
use otodoke_fn_redirect::Redirector;
use std::convert::Infallible;
use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), Error> {
    otodoke_aws::logging::init_lambda_logging();
    let sdk = otodoke_aws::config::load_sdk_config().await;
    let stores = DynamoStores::from_env(&sdk)?;
    let jobs = sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_MENU_JOBS_URL")?;
    let key = otodoke_aws::secrets::link_key_from_env(&secrets_client(&sdk)).await?;
    let redirector = Redirector {
        links: Arc::new(stores.links),
        key: Some(key),
        jobs: Arc::new(jobs),
    };
    let redirector = &redirector;
    lambda_http::run(service_fn(move |request: Request| async move {
        let ua = request
            .headers()
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok());
        let answer = redirector
            .respond(
                request.method(),
                request.uri().path(),
                ua,
                jiff::Timestamp::now(),
            )
            .await;
        Ok::<_, Infallible>(answer.map(Body::from) as Response<Body>)
    }))
    .await
}
