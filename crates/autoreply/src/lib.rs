//! The reply decision for an incoming customer message. Pure: no I/O.

use serde::{Deserialize, Serialize};

pub mod error;
pub mod fold;
pub mod hours;
pub mod intents;
pub mod lexicon;
pub mod message;
pub mod rules;

/// A store's whole auto-reply configuration (hours, rules, intents, messages).
/// `otodoke-core` embeds it in the store record and the storage adapters persist it
/// as one document, so it must stay `Serialize + Deserialize + Default + Clone`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReplyConfig {}
