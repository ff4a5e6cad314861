//! Compiled reply configurations per store, so that a warm Lambda compiles a store's
//! rules once, not once per message.
//!
//! An entry is keyed by the store and a fingerprint of the configuration it was
//! compiled from; an edited configuration has another fingerprint and is compiled
//! again on its next use. The fingerprint costs one serialization of the configuration
//! and a hash (microseconds), compiling costs milliseconds for thousands of rules.

use crate::error::RespondError;
use otodoke_autoreply::{ReplyConfig, Responder};
use otodoke_core::organization::Store;
use otodoke_core::StoreId;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

/// A cache of compiled [`Responder`]s.
#[derive(Default)]
pub struct CompiledConfigs {
    by_store: RwLock<HashMap<StoreId, (Fingerprint, Arc<Responder>)>>,
    no_store: OnceLock<Arc<Responder>>,
    compilations: AtomicU64,
}

type Fingerprint = [u8; 32];

impl CompiledConfigs {
    pub fn new() -> Self {
        Self::default()
    }

    /// The compiled configuration of `store`, or of the default configuration when the
    /// event has no store. The store record's time zone and name are authoritative:
    /// they replace the configuration's own. Fails when the configuration does not
    /// compile (unknown time zone, invalid rule).
    pub fn responder(&self, store: Option<&Store>) -> Result<Arc<Responder>, RespondError> {
        let Some(store) = store else {
            return self.default_responder();
        };
        let fingerprint = fingerprint(store);
        if let Some((seen, responder)) = self.by_store.read().expect("cache").get(&store.id) {
            if *seen == fingerprint {
                return Ok(responder.clone());
            }
        }
        let responder = Arc::new(self.compile(&effective_config(store), store.id.as_str())?);
        self.by_store
            .write()
            .expect("cache")
            .insert(store.id.clone(), (fingerprint, responder.clone()));
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

/// A hash of everything [`effective_config`] reads, streamed into the hasher without
/// building the serialized configuration in memory.
fn fingerprint(store: &Store) -> Fingerprint {
    let mut hasher = Sha256::new();
    serde_json::to_writer(&mut hasher, &(&store.reply, &store.time_zone, &store.name))
        .expect("a reply configuration always serializes");
    hasher.finalize().into()
}
