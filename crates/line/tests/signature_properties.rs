//! Properties of webhook signatures over arbitrary bodies.

use otodoke_line::signature::{sign, verify, SignatureError};
use proptest::prelude::*;

proptest! {
    #[test]
    fn flipping_any_byte_of_a_signed_body_fails_verification(
        secret in proptest::collection::vec(any::<u8>(), 1..64),
        body in proptest::collection::vec(any::<u8>(), 1..2048),
        position in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let signature = sign(&secret, &body);
        prop_assert_eq!(verify(&secret, &body, &signature), Ok(()));
        let mut tampered = body.clone();
        tampered[position.index(body.len())] ^= flip;
        prop_assert_eq!(verify(&secret, &tampered, &signature), Err(SignatureError::Mismatch));
    }

    #[test]
    fn a_signature_under_another_secret_fails_verification(
        secret in proptest::collection::vec(any::<u8>(), 1..64),
        other in proptest::collection::vec(any::<u8>(), 1..64),
        body in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        // HMAC pads keys shorter than a block with zeros, so `k` and `k ++ [0]` are the
        // same key; such pairs are not "another secret".
        let trimmed = |k: &[u8]| k.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        prop_assume!(secret[..trimmed(&secret)] != other[..trimmed(&other)]);
        prop_assert_eq!(verify(&other, &body, &sign(&secret, &body)), Err(SignatureError::Mismatch));
    }
}
