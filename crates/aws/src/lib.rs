//! DynamoDB and SQS adapters for the ports in `otodoke-core`, and Secrets Manager
//! for channel secrets.
//!
//! The schema (tables, keys, indexes, TTL) is in [`schema`] and explained in
//! `docs/data-model.md`. Every adapter answers a failed condition with a value
//! (`Conflict`, `false`, `Refused`) and keeps `Unavailable` for outages, which the
//! SDK has already retried under [`config::retry_config`].
//!
//! A Lambda builds everything once in `main`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let sdk = otodoke_aws::config::load_sdk_config().await;
//! let stores = otodoke_aws::DynamoStores::from_env(&sdk)?;
//! let events = otodoke_aws::sqs_queue_from_env(&sdk, "OTODOKE_QUEUE_EVENTS_URL")?;
//! # Ok(()) }
//! ```

pub mod automations;
mod batch;
pub mod campaign_stats;
pub mod campaigns;
pub mod config;
pub mod conversations;
pub mod cursor;
pub mod designer;
pub mod enrolments;
mod error;
pub mod friends;
pub mod idempotency;
pub mod item;
pub mod keys;
pub mod links;
pub mod logging;
#[cfg(test)]
mod mapping_tests;
pub mod media;
pub mod metrics;
pub mod organizations;
mod query;
pub mod quota;
pub mod rate_limit;
pub mod richmenus;
pub mod schema;
pub mod secrets;
pub mod sqs;
pub mod threads;
pub mod tls;
mod transact;
mod versioned;

pub use automations::DynamoAutomations;
pub use campaign_stats::DynamoCampaignStats;
pub use campaigns::DynamoCampaigns;
pub use config::{ConfigError, TableNames};
pub use conversations::DynamoConversations;
pub use enrolments::DynamoEnrolments;
pub use friends::DynamoFriends;
pub use idempotency::DynamoIdempotency;
pub use links::DynamoLinks;
pub use media::S3Media;
pub use metrics::DynamoMetrics;
pub use organizations::DynamoOrganizations;
pub use quota::DynamoQuota;
pub use rate_limit::DynamoRateLimiter;
pub use richmenus::DynamoRichMenus;
pub use schema::create_tables;
pub use secrets::{SecretsManagerSource, DEFAULT_SECRET_TTL};
pub use sqs::{create_queue, CreatedQueue, SqsQueue};
pub use threads::DynamoThreads;

use aws_config::SdkConfig;

/// A DynamoDB client with [`config::retry_config`].
pub fn dynamodb_client(sdk: &SdkConfig) -> aws_sdk_dynamodb::Client {
    let config = aws_sdk_dynamodb::config::Builder::from(sdk)
        .retry_config(config::retry_config())
        .build();
    aws_sdk_dynamodb::Client::from_conf(config)
}

/// An SQS client with [`config::retry_config`].
pub fn sqs_client(sdk: &SdkConfig) -> aws_sdk_sqs::Client {
    let config = aws_sdk_sqs::config::Builder::from(sdk)
        .retry_config(config::retry_config())
        .build();
    aws_sdk_sqs::Client::from_conf(config)
}

/// An S3 client with [`config::retry_config`]. An explicit endpoint (moto on
/// loopback, a local S3) gets path-style addressing, since `<bucket>.127.0.0.1` does
/// not resolve; AWS itself gets virtual-hosted style.
pub fn s3_client(sdk: &SdkConfig) -> aws_sdk_s3::Client {
    let config = aws_sdk_s3::config::Builder::from(sdk)
        .retry_config(config::retry_config())
        .force_path_style(sdk.endpoint_url().is_some())
        .build();
    aws_sdk_s3::Client::from_conf(config)
}

/// A Secrets Manager client with [`config::retry_config`].
pub fn secrets_client(sdk: &SdkConfig) -> aws_sdk_secretsmanager::Client {
    let config = aws_sdk_secretsmanager::config::Builder::from(sdk)
        .retry_config(config::retry_config())
        .build();
    aws_sdk_secretsmanager::Client::from_conf(config)
}

/// The queue whose URL is in the environment variable `var`.
pub fn sqs_queue_from_env(sdk: &SdkConfig, var: &str) -> Result<SqsQueue, ConfigError> {
    Ok(SqsQueue::new(
        sqs_client(sdk),
        config::queue_url_from_env(var)?,
    ))
}

/// Every DynamoDB store, sharing one client (clients are cheap to clone and pool
/// their connections).
#[derive(Debug, Clone)]
pub struct DynamoStores {
    pub organizations: DynamoOrganizations,
    pub friends: DynamoFriends,
    pub idempotency: DynamoIdempotency,
    pub quota: DynamoQuota,
    pub conversations: DynamoConversations,
    pub campaigns: DynamoCampaigns,
    /// LINE's campaign statistics and step counters (in the campaigns table).
    pub campaign_stats: DynamoCampaignStats,
    pub enrolments: DynamoEnrolments,
    pub threads: DynamoThreads,
    /// Rich menus, menu rules and relink jobs (the designer table).
    pub richmenus: DynamoRichMenus,
    /// Automations and their runs (the designer table).
    pub automations: DynamoAutomations,
    /// The shared rate limiter, counting in the idempotency table.
    pub rate: DynamoRateLimiter,
    /// The report counters (the metrics table).
    pub metrics: DynamoMetrics,
    /// Tracked links and their clicks (the designer table).
    pub links: DynamoLinks,
}

impl DynamoStores {
    /// The stores on `names`' tables.
    pub fn new(client: aws_sdk_dynamodb::Client, names: &TableNames) -> Self {
        Self {
            organizations: DynamoOrganizations::new(client.clone(), &names.organizations),
            friends: DynamoFriends::new(client.clone(), &names.friends),
            idempotency: DynamoIdempotency::new(client.clone(), &names.idempotency),
            quota: DynamoQuota::new(client.clone(), &names.quota),
            conversations: DynamoConversations::new(client.clone(), &names.conversations),
            campaigns: DynamoCampaigns::new(client.clone(), &names.campaigns),
            campaign_stats: DynamoCampaignStats::new(client.clone(), &names.campaigns),
            enrolments: DynamoEnrolments::new(client.clone(), &names.enrolments),
            threads: DynamoThreads::new(client.clone(), &names.threads),
            richmenus: DynamoRichMenus::new(client.clone(), &names.designer),
            automations: DynamoAutomations::new(client.clone(), &names.designer),
            metrics: DynamoMetrics::new(client.clone(), &names.metrics),
            links: DynamoLinks::new(client.clone(), &names.designer),
            rate: DynamoRateLimiter::new(client, &names.idempotency),
        }
    }

    /// The stores on the tables named in the environment ([`TableNames::from_env`]).
    pub fn from_env(sdk: &SdkConfig) -> Result<Self, ConfigError> {
        Ok(Self::new(dynamodb_client(sdk), &TableNames::from_env()?))
    }
}
