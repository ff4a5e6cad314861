//! Per-store settings the responder needs that neither `Store` nor `ReplyConfig`
//! carries (yet): what to do when the reply token has expired, and the optional
//! generative intent backend. Read once at start-up (the Lambda takes them from the
//! `OTODOKE_RESPONDER_OPTIONS` JSON), so changing them needs a redeploy; they belong in
//! the store record once the admin API can edit them.

use otodoke_core::organization::SecretRef;
use otodoke_core::StoreKey;
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
    /// Per store, named with its organization (store ids are unique only inside
    /// one); in JSON a list of `{"org": …, "store": …, <options>}`.
    #[serde(with = "store_list")]
    pub stores: HashMap<StoreKey, StoreOptions>,
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
    pub fn for_store(&self, store: Option<&StoreKey>) -> &StoreOptions {
        store
            .and_then(|s| self.stores.get(s))
            .unwrap_or(&self.defaults)
    }

    /// Sets `store`'s options.
    pub fn with_store(mut self, store: StoreKey, options: StoreOptions) -> Self {
        self.stores.insert(store, options);
        self
    }
}

/// `stores` as a JSON list of entries, since a JSON object's keys are strings.
mod store_list {
    use super::StoreOptions;
    use otodoke_core::{OrgId, StoreId, StoreKey};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::HashMap;

    #[derive(Serialize, Deserialize)]
    struct Entry {
        org: OrgId,
        store: StoreId,
        #[serde(flatten)]
        options: StoreOptions,
    }

    pub fn serialize<S: Serializer>(
        stores: &HashMap<StoreKey, StoreOptions>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut entries: Vec<Entry> = stores
            .iter()
            .map(|(key, options)| Entry {
                org: key.org.clone(),
                store: key.store.clone(),
                options: options.clone(),
            })
            .collect();
        entries.sort_by(|a, b| (&a.org, &a.store).cmp(&(&b.org, &b.store)));
        entries.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<HashMap<StoreKey, StoreOptions>, D::Error> {
        let entries = Vec::<Entry>::deserialize(deserializer)?;
        Ok(entries
            .into_iter()
            .map(|e| (StoreKey::new(e.org, e.store), e.options))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_load_from_json_with_defaults_for_what_is_missing() {
        let json = r#"{"stores":[{"org":"acme","store":"shibuya","expired_reply":"push",
            "generative":{"base_url":"http://x/v1","model":"m","api_key_ref":"k"}}]}"#;
        let options: ResponderOptions = serde_json::from_str(json).unwrap();
        let key = |org: &str, store: &str| {
            StoreKey::new(
                otodoke_core::OrgId::new(org).unwrap(),
                otodoke_core::StoreId::new(store).unwrap(),
            )
        };
        let shibuya = options.for_store(Some(&key("acme", "shibuya")));
        assert_eq!(shibuya.expired_reply, ExpiredReplyPolicy::Push);
        assert_eq!(shibuya.generative.as_ref().unwrap().timeout_ms, 5_000);
        let other = options.for_store(Some(&key("acme", "osaka")));
        assert_eq!(other.expired_reply, ExpiredReplyPolicy::RecordMiss);
        // Another organization's `shibuya` does not get acme's options.
        let theirs = options.for_store(Some(&key("beta", "shibuya")));
        assert_eq!(theirs.expired_reply, ExpiredReplyPolicy::RecordMiss);
        let round_trip: ResponderOptions =
            serde_json::from_str(&serde_json::to_string(&options).unwrap()).unwrap();
        assert_eq!(round_trip, options);
        assert_eq!(options.reply_window_ms, 50_000);
    }
}
