//! Telling staff that a customer is waiting for a person: a small JSON POST to the
//! store's `staff_notify_url` (a chat tool's incoming webhook, a pager). Best effort:
//! a failure is logged and never fails the event, because the customer's answer has
//! already been sent and a retry would send it twice.

use jiff::Timestamp;
use otodoke_core::outbound;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use serde::Serialize;
use std::net::SocketAddr;
use std::sync::Arc;
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
    /// Only tests and the local stack turn this off (receivers on loopback http).
    public_https_only: bool,
}

/// Resolves names with the system resolver and keeps only public addresses, so a
/// tenant's host name that points at this machine or a private network is never
/// connected to (the URL check alone cannot see where a name leads).
struct PublicAddressesOnly;

impl Resolve for PublicAddressesOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let host = format!("{}:0", name.as_str());
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host(host)
                .await?
                .filter(|a| outbound::is_public(a.ip()))
                .collect();
            if addrs.is_empty() {
                return Err("the host has no public address".into());
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

impl StaffNotifier {
    /// A notifier whose posts give up after `timeout` (2 s in production: the Lambda
    /// waits for it). It posts to public https URLs only, connects to public
    /// addresses only, and never follows a redirect.
    pub fn new(timeout: Duration) -> Self {
        Self {
            http: reqwest::Client::builder()
                .timeout(timeout)
                .redirect(reqwest::redirect::Policy::none())
                .dns_resolver(Arc::new(PublicAddressesOnly))
                .build()
                .expect("a plain HTTP client always builds"),
            public_https_only: true,
        }
    }

    /// A notifier that also posts to plain-http receivers on this machine: for tests
    /// and the local stack only. Redirects are still not followed.
    pub fn allowing_local_receivers(timeout: Duration) -> Self {
        Self {
            http: reqwest::Client::builder()
                .timeout(timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a plain HTTP client always builds"),
            public_https_only: false,
        }
    }

    /// POSTs `notice` to `url`; returns whether the receiver answered 2xx. Costs one
    /// HTTP round trip, at most the timeout. Never fails: problems are logged. A URL
    /// that is not public https is refused without a request (a store saved before
    /// the admin API checked it, or edited in storage directly).
    pub async fn notify(&self, url: &str, notice: &StaffNotice) -> bool {
        if self.public_https_only {
            if let Err(error) = outbound::check_url(url) {
                tracing::warn!(store = %notice.store, %error, "staff notification URL refused");
                return false;
            }
        }
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
