//! Compiled reply configurations per store, so that a warm Lambda compiles a store's
//! rules once, not once per message.
//!
//! An entry keeps the store's configuration as it was compiled; a store whose
//! configuration (or time zone, or name) has changed since is compiled again on its
//! next use. The check is a deep equality comparison, in the order of 0.1 ms for
//! 5,000 rules, against tens of milliseconds to compile them (see
//! `docs/perf/responder.md`); it is proportionate, since the store record it compares
//! was just read whole from storage anyway.

use crate::error::RespondError;
use otodoke_autoreply::{ReplyConfig, Responder};
use otodoke_core::organization::Store;
use otodoke_core::StoreKey;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

/// A cache of compiled [`Responder`]s.
#[derive(Default)]
pub struct CompiledConfigs {
    by_store: RwLock<HashMap<StoreKey, Entry>>,
    no_store: OnceLock<Arc<Responder>>,
    compilations: AtomicU64,
}

/// A compiled configuration and what it was compiled from.
struct Entry {
    reply: ReplyConfig,
    time_zone: String,
    name: String,
    responder: Arc<Responder>,
}

impl Entry {
    fn compiled_from(&self, store: &Store) -> bool {
        self.time_zone == store.time_zone && self.name == store.name && self.reply == store.reply
    }
}

impl CompiledConfigs {
    pub fn new() -> Self {
        Self::default()
    }

    /// The compiled configuration of `store`, or of the default configuration when the
    /// event has no store. The store record's time zone is authoritative (it replaces
    /// the configuration's own), and its name fills `{store}` when the configuration
    /// names none. Fails when the configuration does not compile (unknown time zone,
    /// invalid rule).
    pub fn responder(&self, store: Option<&Store>) -> Result<Arc<Responder>, RespondError> {
        let Some(store) = store else {
            return self.default_responder();
        };
        let key = store.key();
        if let Some(entry) = self.by_store.read().expect("cache").get(&key) {
            if entry.compiled_from(store) {
                return Ok(entry.responder.clone());
            }
        }
        let responder = Arc::new(self.compile(&effective_config(store), store.id.as_str())?);
        self.by_store.write().expect("cache").insert(
            key,
            Entry {
                reply: store.reply.clone(),
                time_zone: store.time_zone.clone(),
                name: store.name.clone(),
                responder: responder.clone(),
            },
        );
        Ok(responder)
    }

    /// How many configurations were compiled so far (for tests and metrics).
    pub fn compilations(&self) -> u64 {
        self.compilations.load(Ordering::Relaxed)
    }

    fn default_responder(&self) -> Result<Arc<Responder>, RespondError> {
        if let Some(responder) = self.no_store.get() {
            return Ok(responder.clone());
        }
        let responder = Arc::new(self.compile(&ReplyConfig::default(), "-")?);
        Ok(self.no_store.get_or_init(|| responder).clone())
    }

    fn compile(&self, config: &ReplyConfig, store: &str) -> Result<Responder, RespondError> {
        self.compilations.fetch_add(1, Ordering::Relaxed);
        config.compile().map_err(|source| RespondError::Config {
            store: store.to_owned(),
            source,
        })
    }
}

/// The store's configuration with the store record's time zone, and its name where
/// the configuration names no store.
fn effective_config(store: &Store) -> ReplyConfig {
    let mut config = store.reply.clone();
    config.time_zone = store.time_zone.clone();
    if config.store_name.is_empty() {
        config.store_name = store.name.clone();
    }
    config
}
