//! The one error type of the responder. Every variant means "this attempt failed and a
//! redelivery may succeed" (storage or LINE outages, a claim held elsewhere) or "this
//! event can never be handled" (a malformed envelope, a broken configuration); the
//! Lambda reports both as a failed record, and the queue's redrive policy moves the
//! second kind to the dead-letter queue after a few attempts.

use otodoke_autoreply::ConfigError;
use otodoke_core::StoreError;
use otodoke_line::{ClientBuildError, LineError};

/// Why an event could not be handled (this time).
#[derive(Debug, thiserror::Error)]
pub enum RespondError {
    /// The queued event is not a LINE event this crate can read.
    #[error("the queued event could not be read: {0}")]
    Malformed(#[source] serde_json::Error),
    /// Another invocation holds the claim on this event right now.
    #[error("event {0} is being handled by another invocation")]
    InProgress(String),
    /// The envelope names a channel that is not (or no longer) connected.
    #[error("channel {0} is not connected")]
    UnknownChannel(String),
    /// The channel's organization record is missing.
    #[error("organization {0} does not exist")]
    UnknownOrganization(String),
    /// A storage port failed.
    #[error("storage failed: {0}")]
    Store(#[from] StoreError),
    /// LINE refused a call or could not be reached.
    #[error("LINE call failed: {0}")]
    Line(#[from] LineError),
    /// The LINE client for a channel could not be built (bad base URL, TLS).
    #[error("no LINE client for channel {channel}: {source}")]
    Client {
        channel: String,
        #[source]
        source: ClientBuildError,
    },
    /// A store's reply configuration does not compile.
    #[error("the reply configuration of store {store} is invalid: {source}")]
    Config {
        store: String,
        #[source]
        source: ConfigError,
    },
    /// A configured answer is not a valid LINE message object.
    #[error("a configured answer is not a LINE message: {0}")]
    InvalidAnswer(#[source] serde_json::Error),
    /// An automation or a menu link could not reach LINE (retry later).
    #[error("automations: {0}")]
    Automation(String),
}
