//! Verify + parse of a bench fixture, `calls` times: a target for
//! `valgrind --tool=callgrind`, whose instruction counts do not depend on what else
//! runs on the machine (`benches/callgrind.sh` runs it and prints instructions per call).
//!
//! Usage: `webhook_instructions <1_event|10_events|parse:1_event|...> <calls>`. Run by
//! `cargo bench` without arguments, it does nothing.

use std::hint::black_box;

use otodoke_line::signature;
use otodoke_line::webhook::{parse_body, parse_webhook_with};

/// Shared with the criterion bench and the Python script.
const SECRET: &[u8] = b"8c570fa6dd201bb328f1c1eac23a96d8";

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let [what, calls] = args.as_slice() else {
        eprintln!("usage: webhook_instructions <[parse:]1_event|10_events> <calls>");
        return;
    };
    let calls: u64 = calls.parse().expect("calls is a number");
    let (parse_only, name) = match what.strip_prefix("parse:") {
        Some(name) => (true, name),
        None => (false, what.as_str()),
    };
    let body: &[u8] = match name {
        "1_event" => include_bytes!("fixtures/webhook_1_event.json"),
        "10_events" => include_bytes!("fixtures/webhook_10_events.json"),
        other => panic!("unknown body {other}"),
    };
    let key = signature::SigningKey::new(SECRET);
    let signature = key.sign(body);
    for _ in 0..calls {
        if parse_only {
            black_box(parse_body(black_box(body)).unwrap());
        } else {
            black_box(
                parse_webhook_with(&key, black_box(body), Some(black_box(&signature))).unwrap(),
            );
        }
    }
}
