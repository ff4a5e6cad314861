//! Which URLs otodoke may call on a tenant's behalf (a store's staff notification
//! webhook): https only, never this machine, a private network or a link-local
//! address (the cloud's metadata service). A tenant types these URLs, so an
//! unchecked one would let them make otodoke's functions reach internal services,
//! or send customers' messages over plain HTTP.
//!
//! [`check_url`] judges the URL as written; a name that resolves to a refused
//! address is caught when it is resolved ([`is_public`] on every address), and
//! redirects are never followed, so neither can route around the check.

use std::net::IpAddr;
use url::{Host, Url};

/// Why an outbound URL is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutboundUrlError {
    #[error("not a URL")]
    Malformed,
    #[error("must be an https URL")]
    NotHttps,
    #[error("must not carry a user name or password")]
    Credentials,
    #[error("must not name this machine, a private network or a link-local address")]
    NotPublic,
}

/// Checks a URL otodoke will POST to: https, a host, no credentials, and not a
/// loopback, private, link-local or otherwise non-public address or `localhost`.
pub fn check_url(raw: &str) -> Result<Url, OutboundUrlError> {
    let url = Url::parse(raw).map_err(|_| OutboundUrlError::Malformed)?;
    if url.scheme() != "https" {
        return Err(OutboundUrlError::NotHttps);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(OutboundUrlError::Credentials);
    }
    match url.host() {
        None => Err(OutboundUrlError::Malformed),
        Some(Host::Ipv4(ip)) if !is_public(IpAddr::V4(ip)) => Err(OutboundUrlError::NotPublic),
        Some(Host::Ipv6(ip)) if !is_public(IpAddr::V6(ip)) => Err(OutboundUrlError::NotPublic),
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            if name == "localhost" || name.ends_with(".localhost") || name.ends_with(".internal") {
                Err(OutboundUrlError::NotPublic)
            } else {
                Ok(url)
            }
        }
        Some(_) => Ok(url),
    }
}

/// Whether `ip` is an address on the public internet: not loopback, private
/// (RFC 1918, unique local), link-local, shared (CGNAT), unspecified, broadcast,
/// documentation, benchmarking or multicast; IPv4-mapped IPv6 is judged as IPv4.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_urls_on_public_hosts_are_accepted() {
        for ok in [
            "https://hooks.example.com/otodoke?token=x",
            "https://203.0.114.7/hook",
            "https://[2606:4700::1111]/hook",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn plain_http_internal_addresses_and_credentials_are_refused() {
        let cases = [
            ("http://hooks.example.com/", OutboundUrlError::NotHttps),
            ("ftp://hooks.example.com/", OutboundUrlError::NotHttps),
            ("https://localhost/", OutboundUrlError::NotPublic),
            ("https://127.0.0.1/", OutboundUrlError::NotPublic),
            ("https://10.0.0.5/", OutboundUrlError::NotPublic),
            ("https://172.16.3.4/", OutboundUrlError::NotPublic),
            ("https://192.168.1.1/", OutboundUrlError::NotPublic),
            (
                "https://169.254.169.254/latest/meta-data",
                OutboundUrlError::NotPublic,
            ),
            ("https://100.64.0.1/", OutboundUrlError::NotPublic),
            ("https://[::1]/", OutboundUrlError::NotPublic),
            ("https://[fd00::1]/", OutboundUrlError::NotPublic),
            ("https://[fe80::1]/", OutboundUrlError::NotPublic),
            ("https://[::ffff:127.0.0.1]/", OutboundUrlError::NotPublic),
            ("https://0.0.0.0/", OutboundUrlError::NotPublic),
            (
                "https://metadata.google.internal/",
                OutboundUrlError::NotPublic,
            ),
            (
                "https://user:pw@hooks.example.com/",
                OutboundUrlError::Credentials,
            ),
            ("not a url", OutboundUrlError::Malformed),
        ];
        for (url, expected) in cases {
            assert_eq!(check_url(url).err(), Some(expected), "{url}");
        }
    }
}
