//! Telling staff that a customer is waiting for a person: a small JSON POST to the
//! store's `staff_notify_url` (a chat tool's incoming webhook, a pager). Best effort:
//! a failure is logged and never fails the event, because the customer's answer has
//! already been sent and a retry would send it twice.

use jiff::Timestamp;
use serde::Serialize;
use std::time::Duration;

/// What staff are told. No secrets, no tokens: ids and the customer's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaffNotice {
    pub store: String,
    pub channel: String,
    /// The customer's LINE user id (or the group's, when the sender is unknown).
    pub friend: String,
    pub text: String,
    pub at: Timestamp,
}

/// Posts [`StaffNotice`]s.
#[derive(Debug, Clone)]
pub struct StaffNotifier {
    http: reqwest::Client,
}

impl StaffNotifier {
    /// A notifier whose posts give up after `timeout` (2 s in production: the Lambda
    /// waits for it).
    pub fn new(timeout: Duration) -> Self {
        Self {
            http: reqwest::Client::builder()
                .timeout(timeout)
                .build()
                .expect("a plain HTTP client always builds"),
        }
    }

    /// POSTs `notice` to `url`; returns whether the receiver answered 2xx. Costs one
    /// HTTP round trip, at most the timeout. Never fails: problems are logged.
    pub async fn notify(&self, url: &str, notice: &StaffNotice) -> bool {
        match self.http.post(url).json(notice).send().await {
            Ok(response) if response.status().is_success() => true,
            Ok(response) => {
                tracing::warn!(store = %notice.store, status = response.status().as_u16(), "staff notification refused");
                false
            }
            Err(error) => {
                // The URL often carries the receiver's own token: keep it out of logs.
                let error = error.without_url();
                tracing::warn!(store = %notice.store, %error, "staff notification failed");
                false
            }
        }
    }
}

impl Default for StaffNotifier {
    fn default() -> Self {
        Self::new(Duration::from_secs(2))
    }
}
