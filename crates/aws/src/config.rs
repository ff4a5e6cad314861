//! Where the adapters' tables and queues are: names and URLs from configuration,
//! and the SDK retry policy every client gets.

use aws_config::retry::RetryConfig;
use std::time::Duration;

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A setting is missing; the message names the variable to set.
    #[error("missing setting {0}: set it, or set OTODOKE_TABLE_PREFIX for table names")]
    Missing(String),
}

/// The DynamoDB table names. Each deployment (and each test) has its own set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableNames {
    /// Organizations, stores, channels, staff (single table).
    pub organizations: String,
    /// Friends and their audience memberships.
    pub friends: String,
    /// Idempotency marks (TTL).
    pub idempotency: String,
    /// Monthly quota counters per channel and per store.
    pub quota: String,
    /// Conversation history (TTL from the store's retention).
    pub conversations: String,
    /// Campaigns and their planner checkpoints.
    pub campaigns: String,
    /// Step-sequence enrolments.
    pub enrolments: String,
    /// The staff inbox's threads (one per friend and channel).
    pub threads: String,
    /// Rich menus, menu rules, relink jobs, automations and their runs.
    pub designer: String,
    /// The report counters (per organization, channel, store and JST day) and the
    /// dedupe marks of applied increments (TTL).
    pub metrics: String,
}

impl TableNames {
    /// The table suffixes, in the order of the fields.
    pub const SUFFIXES: [&'static str; 10] = [
        "organizations",
        "friends",
        "idempotency",
        "quota",
        "conversations",
        "campaigns",
        "enrolments",
        "threads",
        "designer",
        "metrics",
    ];

    /// `<prefix>organizations`, `<prefix>friends`, ...: one set per deployment stage
    /// (`otodoke-prod-`) or per test (a random prefix).
    pub fn prefixed(prefix: &str) -> Self {
        let n = |suffix: &str| format!("{prefix}{suffix}");
        Self {
            organizations: n("organizations"),
            friends: n("friends"),
            idempotency: n("idempotency"),
            quota: n("quota"),
            conversations: n("conversations"),
            campaigns: n("campaigns"),
            enrolments: n("enrolments"),
            threads: n("threads"),
            designer: n("designer"),
            metrics: n("metrics"),
        }
    }

    /// From the environment, as the SAM template sets it: each table from
    /// `OTODOKE_TABLE_<NAME>` (e.g. `OTODOKE_TABLE_FRIENDS`), else
    /// `OTODOKE_TABLE_PREFIX` + the suffix. Fails naming the first missing table.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// As [`TableNames::from_env`], reading settings through `get`.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let prefix = get("OTODOKE_TABLE_PREFIX");
        let one = |suffix: &str| {
            let var = format!("OTODOKE_TABLE_{}", suffix.to_ascii_uppercase());
            get(&var)
                .filter(|v| !v.is_empty())
                .or_else(|| prefix.as_ref().map(|p| format!("{p}{suffix}")))
                .ok_or(ConfigError::Missing(var))
        };
        Ok(Self {
            organizations: one("organizations")?,
            friends: one("friends")?,
            idempotency: one("idempotency")?,
            quota: one("quota")?,
            conversations: one("conversations")?,
            campaigns: one("campaigns")?,
            enrolments: one("enrolments")?,
            threads: one("threads")?,
            designer: one("designer")?,
            metrics: one("metrics")?,
        })
    }

    /// All names, in the order of [`TableNames::SUFFIXES`].
    pub fn all(&self) -> [&str; 10] {
        [
            &self.organizations,
            &self.friends,
            &self.idempotency,
            &self.quota,
            &self.conversations,
            &self.campaigns,
            &self.enrolments,
            &self.threads,
            &self.designer,
            &self.metrics,
        ]
    }
}

/// A queue URL from the environment variable `var`.
pub fn queue_url_from_env(var: &str) -> Result<String, ConfigError> {
    std::env::var(var)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ConfigError::Missing(var.to_string()))
}

/// The retry policy of every client built here: the SDK's standard mode (exponential
/// backoff with jitter, throttling and transient errors retried, a client-side retry
/// token bucket) with 5 attempts. Conditional-check failures are never retried: they
/// are answers.
pub fn retry_config() -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(5)
        .with_initial_backoff(Duration::from_millis(50))
        .with_max_backoff(Duration::from_secs(5))
}

/// Loads the SDK configuration for the Lambdas: the default chain (region and
/// credentials from the Lambda environment) with [`retry_config`], over the HTTPS
/// client with compiled-in trust roots ([`crate::tls`]: no certificate files read
/// at start-up).
pub async fn load_sdk_config() -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .http_client(crate::tls::https_client(crate::tls::Trust::from_env()))
        .retry_config(retry_config())
        .load()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_prefix_names_every_table() {
        let names = TableNames::prefixed("t1-");
        assert_eq!(names.friends, "t1-friends");
        assert!(names.all().iter().all(|n| n.starts_with("t1-")));
    }

    #[test]
    fn explicit_table_variables_win_over_the_prefix() {
        let env: HashMap<&str, &str> = [
            ("OTODOKE_TABLE_PREFIX", "stage-"),
            ("OTODOKE_TABLE_FRIENDS", "legacy-friends"),
        ]
        .into();
        let names = TableNames::from_lookup(|k| env.get(k).map(|v| v.to_string())).unwrap();
        assert_eq!(names.friends, "legacy-friends");
        assert_eq!(names.quota, "stage-quota");
    }

    #[test]
    fn a_missing_table_is_named_in_the_error() {
        let err = TableNames::from_lookup(|_| None).unwrap_err();
        assert!(
            err.to_string().contains("OTODOKE_TABLE_ORGANIZATIONS"),
            "{err}"
        );
    }
}
