//! What the general vocabulary and the kana readings add to a cold start: in a fresh
//! process, the time to compile a store's intents (10 × 5 examples, the car repair
//! evaluation set) and recognise a first message, with both on or both off. Run each way in many
//! fresh processes (the data's pages are loaded on first touch):
//!
//! ```text
//! cargo build --release -p otodoke-autoreply --example vocabulary_cold_start
//! for i in $(seq 20); do target/release/examples/vocabulary_cold_start on; done
//! for i in $(seq 20); do target/release/examples/vocabulary_cold_start off; done
//! ```
//!
//! The store picks a kind of business (`automotive`); a second argument `no-trade`
//! drops it, to measure what its lexicon adds, and `no-common` leaves out the
//! common questions (see `otodoke_autoreply::common_questions`).

use std::time::Instant;

use otodoke_autoreply::intents::{IntentRecognizer, IntentSettings, NgramModel, NgramRecognizer};

fn main() {
    let start = Instant::now();
    let on = std::env::args().nth(1).as_deref() != Some("off");
    let mut settings: IntentSettings =
        serde_json::from_str(include_str!("../tests/eval/garage/store.json")).expect("a store");
    let variant = std::env::args().nth(2);
    // `… on no-trade`: as if the store had picked no kind of business.
    if variant.as_deref() == Some("no-trade") {
        settings.business_lexicons.clear();
    }
    let common_question_weight = if variant.as_deref() == Some("no-common") {
        0.0
    } else {
        NgramModel::default().common_question_weight
    };
    let model = if on {
        NgramModel {
            common_question_weight,
            ..NgramModel::default()
        }
    } else {
        NgramModel {
            word_class_weight: 0.0,
            embedding_share: 0.0,
            kana_readings: false,
            common_question_weight: 0.0,
            ..NgramModel::default()
        }
    };
    let recognizer = NgramRecognizer::with_model(&settings, model).expect("compiles");
    let compiled = start.elapsed();
    let recognition = recognizer.recognise("スタッドレスに履き替えたいんですけど予約いりますか");
    let first = start.elapsed();
    println!(
        "vocabulary and readings {}: compiled {:.3} ms, first recognition {:.3} ms ({:?})",
        if on { "on" } else { "off" },
        compiled.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        recognition.best.map(|b| b.intent)
    );
}
