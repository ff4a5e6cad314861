//! The signature check on arbitrary secrets, bodies and header values: it never
//! panics, accepts exactly base64 of the body's HMAC-SHA256 (surrounding whitespace
//! allowed), accepts what `sign` makes, and refuses any single flipped bit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otodoke_line::signature::{self, SignatureError, SigningKey};

fuzz_target!(|data: &[u8]| {
    // Layout: [secret length][secret][header length][header value][body...]
    let Some((&secret_len, rest)) = data.split_first() else {
        return;
    };
    let (secret, rest) = rest.split_at(usize::from(secret_len).min(rest.len()));
    let Some((&header_len, rest)) = rest.split_first() else {
        return;
    };
    let (header, body) = rest.split_at(usize::from(header_len).min(rest.len()));
    let header = String::from_utf8_lossy(header);

    let key = SigningKey::new(secret);
    let good = key.sign(body);
    assert_eq!(good, signature::sign(secret, body));
    assert_eq!(key.verify(body, &good), Ok(()));
    assert_eq!(key.verify(body, &format!(" {good}\t")), Ok(()));
    assert_eq!(
        key.verify_headers(body, [("X-Line-Signature", good.as_str())]),
        Ok(())
    );
    assert_eq!(
        key.verify_headers(body, [("x-line-signatur", good.as_str())]),
        Err(SignatureError::Missing)
    );

    // An arbitrary header value: accepted exactly when it is the right MAC.
    let verdict = key.verify(body, &header);
    let accepted_by_comparison = header.trim() == good;
    assert_eq!(
        verdict.is_ok(),
        accepted_by_comparison,
        "{header:?} vs {good:?}: {verdict:?}"
    );

    // Flip one bit of the body or the MAC: refused.
    if !body.is_empty() {
        let mut flipped = body.to_vec();
        let at = usize::from(secret_len) % flipped.len();
        flipped[at] ^= 1 << (header_len % 8);
        assert_eq!(key.verify(&flipped, &good), Err(SignatureError::Mismatch));
    }
});
