//! The HTTPS client every AWS SDK client here uses: rustls with its trust roots
//! compiled into the binary, so a cold start reads no certificate files.
//!
//! The SDK's default client loads the system trust store when it is configured: it
//! opens `/etc/ssl/certs/ca-certificates.crt` and every file in `/etc/ssl/certs`
//! and parses each certificate, 6–7 ms of a 10 ms init (`docs/perf/cold-start.md`).
//! AWS's service endpoints all chain to the Amazon Trust Services roots (Amazon Root
//! CA 1–4, and Starfield Services Root CA G2 which cross-signs them), so those five
//! are the trust store: parsed from memory in microseconds. Certificates are verified
//! exactly as before (rustls/webpki, with the SDK's cipher suites); only the set of
//! trusted roots is smaller.
//!
//! `OTODOKE_AWS_TRUST=system` restores the system trust store, for a network whose
//! proxy re-signs TLS with its own root, and to measure the difference.

use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode, TlsContext, TrustStore};
use aws_smithy_http_client::Builder;
use aws_smithy_runtime_api::client::http::SharedHttpClient;

/// The PEM bundle of the Amazon Trust Services roots (from Mozilla's CA list).
pub const AMAZON_TRUST_SERVICES_ROOTS: &str = include_str!("amazon-trust-services-roots.pem");

/// The environment variable choosing the trust store: `system`, or unset for the
/// compiled-in roots.
pub const TRUST_ENV: &str = "OTODOKE_AWS_TRUST";

/// Which roots the AWS clients trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// The Amazon Trust Services roots compiled into the binary (the default).
    CompiledIn,
    /// The operating system's store, read at start-up (the SDK's default).
    System,
}

impl Trust {
    /// From [`TRUST_ENV`]: `system` means [`Trust::System`], anything else the default.
    pub fn from_env() -> Self {
        match std::env::var(TRUST_ENV).as_deref() {
            Ok("system") => Trust::System,
            _ => Trust::CompiledIn,
        }
    }
}

/// The rustls HTTPS client (aws-lc crypto, as the SDK's default) trusting `trust`.
pub fn https_client(trust: Trust) -> SharedHttpClient {
    let store = match trust {
        Trust::CompiledIn => TrustStore::empty()
            .with_native_roots(false)
            .with_pem_certificate(AMAZON_TRUST_SERVICES_ROOTS),
        Trust::System => TrustStore::default(),
    };
    let context = TlsContext::builder()
        .with_trust_store(store)
        .build()
        .expect("a trust store without extra server names always builds");
    Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc))
        .tls_context(context)
        .build_https()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundle_holds_the_five_amazon_trust_services_roots() {
        let names: Vec<&str> = AMAZON_TRUST_SERVICES_ROOTS
            .lines()
            .filter_map(|line| line.strip_prefix("# "))
            .collect();
        assert_eq!(names.len(), 5, "{names:?}");
        assert_eq!(
            AMAZON_TRUST_SERVICES_ROOTS
                .matches("-----BEGIN CERTIFICATE-----")
                .count(),
            5
        );
        for root in ["Amazon_Root_CA_1", "Amazon_Root_CA_4", "Starfield_Services"] {
            assert!(names.iter().any(|n| n.starts_with(root)), "{root}");
        }
    }
}
