//! The broadcast pipeline's ports on AWS, for the planner, sender and scheduler
//! Lambdas: one place that reads the tables and queues from the environment.

use otodoke_aws::{sqs_queue_from_env, DynamoStores, SecretsManagerSource};
use otodoke_broadcast::Ports;
use std::sync::Arc;

/// What a broadcast Lambda needs from AWS, built once in its `main`.
pub struct AwsBroadcast {
    pub ports: Ports,
    /// Channel access tokens, for the functions that call LINE.
    pub secrets: Arc<SecretsManagerSource>,
}

/// Builds the ports from `OTODOKE_TABLE_*` and the planning, fan-out and menu jobs
/// queue URLs.
/// The rate limiter is DynamoDB's (counters in the idempotency table), shared by
/// every sender instance. Fails naming the first missing setting.
pub async fn from_env() -> Result<AwsBroadcast, String> {
    let sdk = otodoke_aws::config::load_sdk_config().await;
    let stores = DynamoStores::from_env(&sdk).map_err(|e| e.to_string())?;
    let planning =
        sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_PLANNING_URL").map_err(|e| e.to_string())?;
    let fanout = sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_FANOUT_URL").map_err(|e| e.to_string())?;
    let menu_jobs =
        sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_MENU_JOBS_URL").map_err(|e| e.to_string())?;
    // Campaigns and steps with `track_links` rewrite their URLs when the link key
    // and the redirect's base are set (the sender's and the scheduler's
    // `OTODOKE_LINK_KEY_SECRET` / `OTODOKE_LINK_BASE_URL`); otherwise, warned once,
    // their URLs go out as written. The planner has neither and needs none (and
    // is not warned about it).
    let links = match std::env::var_os("OTODOKE_LINK_KEY_SECRET") {
        Some(_) => {
            otodoke_aws::secrets::link_tracking_from_env(&otodoke_aws::secrets_client(&sdk)).await
        }
        None => None,
    }
    .map(|(key, base)| otodoke_broadcast::ports::LinkTracking {
        links: Arc::new(stores.links),
        key,
        base,
    });
    let ports = Ports {
        orgs: Arc::new(stores.organizations),
        friends: Arc::new(stores.friends),
        campaigns: Arc::new(stores.campaigns),
        campaign_stats: Arc::new(stores.campaign_stats),
        enrolments: Arc::new(stores.enrolments),
        quota: Arc::new(stores.quota),
        idempotency: Arc::new(stores.idempotency),
        rate: Arc::new(stores.rate),
        fanout: Arc::new(fanout),
        planning: Arc::new(planning),
        after_sequence: Arc::new(menu_jobs),
        links,
    };
    let secrets = Arc::new(SecretsManagerSource::new(otodoke_aws::secrets_client(&sdk)));
    Ok(AwsBroadcast { ports, secrets })
}
