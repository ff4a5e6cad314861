//! Per-store settings the responder needs that neither `Store` nor `ReplyConfig`
//! carries (yet): what to do when the reply token has expired, and the optional
//! generative intent backend. Read once at start-up (the Lambda takes them from the
//! `OTODOKE_RESPONDER_OPTIONS` JSON), so changing them needs a redeploy; they belong in
//! the store record once the admin API can edit them.

use otodoke_core::organization::SecretRef;
use otodoke_core::StoreId;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::Duration;

/// What to do with an answer whose reply token is used or expired.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiredReplyPolicy {
    /// Send nothing; log the miss. Free, and the default: pushing costs quota.
    #[default]
    RecordMiss,
    /// Push the answer instead, reserving one message of the channel's monthly quota
    /// first; a refused reservation is recorded as a miss.
    Push,
}

/// An OpenAI-compatible chat-completions endpoint that picks one of a store's intents
/// when the built-in recogniser declines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerativeSettings {
    /// E.g. `https://api.openai.com/v1`; `/chat/completions` is appended.
    pub base_url: String,
    pub model: String,
    /// Where the API key lives (never the key itself).
    pub api_key_ref: SecretRef,
    /// The whole call's budget; on timeout the built-in decision stands.
    #[serde(default = "default_generative_timeout_ms")]
    pub timeout_ms: u64,
}

fn default_generative_timeout_ms() -> u64 {
    5_000
}

impl GenerativeSettings {
    /// The call's time budget.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }
}

/// One store's responder settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoreOptions {
    pub expired_reply: ExpiredReplyPolicy,
    pub generative: Option<GenerativeSettings>,
}

/// The responder's settings: per-store options with a default, and timings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResponderOptions {
    /// For stores not listed in `stores` (and events with no store).
    pub defaults: StoreOptions,
    pub stores: HashMap<StoreId, StoreOptions>,
    /// A reply token older than this (since the webhook arrived) is not even tried:
    /// LINE keeps them about a minute, and a doomed attempt only costs a round trip.
    pub reply_window_ms: i64,
    /// How long a claim on an event holds before another invocation may take it over.
    /// Longer than one event takes (LINE calls, the generative backend).
    pub claim_lease_secs: i64,
    /// How long a handled event id is remembered (longer than SQS keeps a message).
    pub remember_secs: i64,
}

impl Default for ResponderOptions {
    fn default() -> Self {
        Self {
            defaults: StoreOptions::default(),
            stores: HashMap::new(),
            reply_window_ms: 50_000,
            claim_lease_secs: 60,
            remember_secs: 5 * 24 * 3600,
        }
    }
}

impl ResponderOptions {
    /// The options of `store` (the defaults when it has none or is `None`).
    pub fn for_store(&self, store: Option<&StoreId>) -> &StoreOptions {
        store
            .and_then(|s| self.stores.get(s))
            .unwrap_or(&self.defaults)
    }

    /// Sets `store`'s options.
    pub fn with_store(mut self, store: StoreId, options: StoreOptions) -> Self {
        self.stores.insert(store, options);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_load_from_json_with_defaults_for_what_is_missing() {
        let json = r#"{"stores":{"shibuya":{"expired_reply":"push",
            "generative":{"base_url":"http://x/v1","model":"m","api_key_ref":"k"}}}}"#;
        let options: ResponderOptions = serde_json::from_str(json).unwrap();
        let shibuya = options.for_store(Some(&StoreId::new("shibuya").unwrap()));
        assert_eq!(shibuya.expired_reply, ExpiredReplyPolicy::Push);
        assert_eq!(shibuya.generative.as_ref().unwrap().timeout_ms, 5_000);
        let other = options.for_store(Some(&StoreId::new("osaka").unwrap()));
        assert_eq!(other.expired_reply, ExpiredReplyPolicy::RecordMiss);
        assert_eq!(options.reply_window_ms, 50_000);
    }
}
