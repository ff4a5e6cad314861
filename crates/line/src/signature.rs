//! Webhook signatures: `x-line-signature` is base64(HMAC-SHA256(channel secret, raw body)).
//!
//! Verification must run on the exact bytes received, before any parsing: re-serialising
//! a body changes `\uXXXX` escapes, whitespace and key order, and with them the MAC.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header LINE puts the signature in. Header names may arrive in any case.
pub const SIGNATURE_HEADER: &str = "x-line-signature";

type HmacSha256 = Hmac<Sha256>;

/// Why a webhook signature was not accepted. None of these says anything about the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the x-line-signature header is missing")]
    Missing,
    #[error("the x-line-signature header is not valid base64 of a 32-byte MAC")]
    Malformed,
    #[error("the signature does not match the body")]
    Mismatch,
}

/// A channel secret with its HMAC key schedule done once. Signing or verifying with it
/// costs only the hashing of the body: a warm webhook Lambda keeps one per channel
/// instead of redoing the key setup (two SHA-256 blocks) for every delivery.
#[derive(Clone)]
pub struct SigningKey {
    mac: HmacSha256,
}

impl SigningKey {
    pub fn new(channel_secret: &[u8]) -> Self {
        Self {
            mac: HmacSha256::new_from_slice(channel_secret).expect("HMAC takes keys of any length"),
        }
    }

    /// The signature LINE would send for `body`.
    pub fn sign(&self, body: &[u8]) -> String {
        let mut mac = self.mac.clone();
        mac.update(body);
        BASE64.encode(mac.finalize().into_bytes())
    }

    /// Checks `signature` (the header's value) against `body` in constant time.
    pub fn verify(&self, body: &[u8], signature: &str) -> Result<(), SignatureError> {
        let mut expected = [0u8; 32];
        match BASE64.decode_slice(signature.trim().as_bytes(), &mut expected) {
            Ok(32) => {}
            _ => return Err(SignatureError::Malformed),
        }
        let mut mac = self.mac.clone();
        mac.update(body);
        // `verify_slice` compares in constant time.
        mac.verify_slice(&expected)
            .map_err(|_| SignatureError::Mismatch)
    }

    /// Finds the signature among `headers` (name, value) pairs, matching the name
    /// case-insensitively, and verifies it. Works with any header representation.
    pub fn verify_headers<'a, I>(&self, body: &[u8], headers: I) -> Result<(), SignatureError>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let value = headers
            .into_iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(SIGNATURE_HEADER))
            .map(|(_, value)| value)
            .ok_or(SignatureError::Missing)?;
        self.verify(body, value)
    }
}

impl std::fmt::Debug for SigningKey {
    // The key state is as good as the secret: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(..)")
    }
}

/// Computes the signature LINE would send for `body` under `channel_secret`.
/// Used by the sandbox to sign the webhooks it sends, and by tests.
pub fn sign(channel_secret: &[u8], body: &[u8]) -> String {
    SigningKey::new(channel_secret).sign(body)
}

/// Checks `signature` (the header's value) against `body` in constant time.
pub fn verify(channel_secret: &[u8], body: &[u8], signature: &str) -> Result<(), SignatureError> {
    SigningKey::new(channel_secret).verify(body, signature)
}

/// Finds the signature among `headers` (name, value) pairs, matching the name
/// case-insensitively, and verifies it. Works with any header representation.
pub fn verify_headers<'a, I>(
    channel_secret: &[u8],
    body: &[u8],
    headers: I,
) -> Result<(), SignatureError>
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    SigningKey::new(channel_secret).verify_headers(body, headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"8c570fa6dd201bb328f1c1eac23a96d8";
    const BODY: &[u8] = br#"{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}"#;
    const SIGNATURE: &str = "GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=";

    #[test]
    fn a_prepared_key_signs_and_verifies_like_the_secret_itself() {
        let key = SigningKey::new(SECRET);
        assert_eq!(key.sign(BODY), SIGNATURE);
        assert_eq!(key.verify(BODY, SIGNATURE), Ok(()));
        assert_eq!(key.verify(b"{}", SIGNATURE), Err(SignatureError::Mismatch));
        assert_eq!(format!("{key:?}"), "SigningKey(..)");
    }

    #[test]
    fn lines_published_vector_verifies() {
        assert_eq!(sign(SECRET, BODY), SIGNATURE);
        assert_eq!(verify(SECRET, BODY, SIGNATURE), Ok(()));
    }

    #[test]
    fn header_name_is_matched_in_any_case() {
        for name in ["x-line-signature", "X-Line-Signature", "X-LINE-SIGNATURE"] {
            assert_eq!(
                verify_headers(
                    SECRET,
                    BODY,
                    [("content-type", "application/json"), (name, SIGNATURE)]
                ),
                Ok(())
            );
        }
    }

    #[test]
    fn missing_header_is_told_apart_from_a_wrong_one() {
        assert_eq!(
            verify_headers(SECRET, BODY, [("content-type", "application/json")]),
            Err(SignatureError::Missing)
        );
        assert_eq!(
            verify(SECRET, BODY, "not base64!"),
            Err(SignatureError::Malformed)
        );
        assert_eq!(verify(SECRET, BODY, "AAAA"), Err(SignatureError::Malformed));
        assert_eq!(
            verify(b"another secret", BODY, SIGNATURE),
            Err(SignatureError::Mismatch)
        );
    }
}
