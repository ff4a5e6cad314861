//! Webhook verify + parse, differential: whenever the fast path answers, the careful
//! path (the specification) must accept the same body and mean the same by it; and
//! `parse_webhook` on a correctly signed body must answer exactly what `parse_body`
//! answers, and refuse the body under any other signature.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otodoke_line::signature;
use otodoke_line::webhook::{self, parse_body_both_ways};

const SECRET: &[u8] = b"8c570fa6dd201bb328f1c1eac23a96d8";

fuzz_target!(|body: &[u8]| {
    let (fast, careful) = parse_body_both_ways(body);
    if let Some(fast) = &fast {
        match &careful {
            Ok(careful) => assert_eq!(fast, careful, "the fast path disagrees"),
            Err(e) => panic!("the fast path accepted a body the careful path refuses: {e}"),
        }
    }

    let key = signature::SigningKey::new(SECRET);
    let good = key.sign(body);
    let verified = webhook::parse_webhook_with(&key, body, Some(&good));
    match (&verified, &careful) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(webhook::WebhookError::Malformed(_)), Err(_)) => {}
        (got, want) => panic!("verified parse {got:?} but careful parse {want:?}"),
    }
    // Any other signature is refused before the body is looked at.
    let wrong = signature::sign(b"another channel's secret", body);
    assert!(matches!(
        webhook::parse_webhook_with(&key, body, Some(&wrong)),
        Err(webhook::WebhookError::Signature(_))
    ));
});
