//! The intent evaluation.
//!
//! - The first set, a café (tests/eval/faq_intents.json): 110 customer questions
//!   worded unlike the examples (tests/eval/questions.tsv), small talk that must be
//!   declined (tests/eval/small_talk.txt) and a held-out file (tests/eval/holdout.tsv).
//! - Seventeen stores of other kinds (tests/eval/<store>/): a hair salon, a gym, a
//!   dental clinic, a real-estate office, (written in a second round, before the
//!   recogniser's later changes) an izakaya and a nail and eyelash salon,
//!   (written in a third round, likewise) a pet grooming salon and a car repair
//!   and inspection shop, (written blind by someone who never saw the recogniser,
//!   in a fourth round) a dry cleaner, a hot-spring inn and a cram school, and (in
//!   a fifth round, likewise) a bodywork clinic, a cake shop and a photo studio,
//!   and (in a sixth round, blind to the recogniser and to the trade lexicons
//!   written at the same time) an English conversation school, a city hotel and an
//!   esthetic salon, each with 10 intents × 5 examples and the kind of business its
//!   owner would pick (store.json)
//!   and questions, hand-off requests and small talk split into a tuning part
//!   (tuning.tsv) and a held-out part (heldout.tsv). Held-out parts were written and
//!   committed before the recogniser was changed; only their figures are printed, so
//!   nobody tunes on their misses.
//!
//! `cargo test -p otodoke-autoreply --test intent_eval -- --nocapture` prints the
//! figures and every tuning miss; the `--ignored` sweep prints how they move with the
//! knobs.

mod stores;

use otodoke_autoreply::intents::{IntentRecognizer, IntentSettings, NgramModel, NgramRecognizer};

const FAQ: &str = include_str!("../eval/faq_intents.json");
const QUESTIONS: &str = include_str!("../eval/questions.tsv");
const SMALL_TALK: &str = include_str!("../eval/small_talk.txt");

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn questions() -> Vec<(&'static str, &'static str)> {
    lines(QUESTIONS)
        .map(|l| l.split_once('\t').expect("intent<TAB>question"))
        .collect()
}

fn settings() -> IntentSettings {
    serde_json::from_str(FAQ).expect("faq_intents.json is an IntentSettings")
}

struct Figures {
    correct: usize,
    questions: usize,
    declined_small_talk: usize,
    small_talk: usize,
    misses: Vec<String>,
}

impl Figures {
    fn accuracy(&self) -> f64 {
        self.correct as f64 / self.questions as f64
    }
    fn decline_rate(&self) -> f64 {
        self.declined_small_talk as f64 / self.small_talk as f64
    }
}

fn evaluate(settings: &IntentSettings, model: NgramModel) -> Figures {
    let recognizer = NgramRecognizer::with_model(settings, model).unwrap();
    let questions = questions();
    let mut misses = Vec::new();
    let mut correct = 0;
    for (expected, text) in &questions {
        let r = recognizer.recognise(text);
        match &r.best {
            Some(best) if best.intent == *expected => correct += 1,
            _ => misses.push(format!(
                "question {text:?}: expected {expected}, got {:?} ({:?}); top: {:?}",
                r.best.as_ref().map(|b| &b.intent),
                r.declined,
                &r.scores[..2]
            )),
        }
    }
    let small_talk: Vec<&str> = lines(SMALL_TALK).collect();
    let mut declined = 0;
    for text in &small_talk {
        let r = recognizer.recognise(text);
        match &r.best {
            None => declined += 1,
            Some(best) => misses.push(format!("small talk {text:?} answered as {best:?}")),
        }
    }
    Figures {
        correct,
        questions: questions.len(),
        declined_small_talk: declined,
        small_talk: small_talk.len(),
        misses,
    }
}

#[test]
fn the_eval_set_has_enough_questions_and_small_talk() {
    assert!(questions().len() >= 100);
    assert!(lines(SMALL_TALK).count() >= 20);
    assert_eq!(settings().intents.len(), 10);
}

#[test]
fn at_least_90_percent_of_questions_find_their_intent_and_90_percent_of_small_talk_is_declined() {
    let figures = evaluate(&settings(), NgramModel::default());
    for miss in &figures.misses {
        println!("miss: {miss}");
    }
    println!(
        "intent accuracy {}/{} = {:.1}%, small talk declined {}/{} = {:.1}%",
        figures.correct,
        figures.questions,
        100.0 * figures.accuracy(),
        figures.declined_small_talk,
        figures.small_talk,
        100.0 * figures.decline_rate()
    );
    assert!(
        figures.accuracy() >= 0.9,
        "accuracy {:.3}",
        figures.accuracy()
    );
    assert!(
        figures.decline_rate() >= 0.9,
        "declined {:.3}",
        figures.decline_rate()
    );
}

#[test]
#[ignore = "a parameter sweep for tuning; prints a table"]
fn sweep() {
    let base = settings();
    for concept_boost in [1.0, 2.0, 4.0, 6.0] {
        for unknown_weight in [0.25, 0.5, 1.0] {
            for example_share in [0.5, 0.7, 1.0] {
                for threshold in [0.2, 0.25, 0.3, 0.35, 0.4] {
                    for margin in [0.0, 0.04, 0.08] {
                        let settings = IntentSettings {
                            threshold,
                            margin,
                            ..base.clone()
                        };
                        let model = NgramModel {
                            unknown_weight,
                            concept_boost,
                            example_share,
                            ..NgramModel::default()
                        };
                        let f = evaluate(&settings, model);
                        println!(
                            "boost {concept_boost} unknown {unknown_weight} share {example_share} threshold {threshold} margin {margin}: accuracy {:.3} declined {:.3}",
                            f.accuracy(),
                            f.decline_rate()
                        );
                    }
                }
            }
        }
    }
}

const HOLDOUT: &str = include_str!("../eval/holdout.tsv");

/// Prints the held-out figures; asserts only a floor well below the main set's
/// so that a regression shows, without pretending the floor was tuned for.
#[test]
fn the_held_out_set_is_mostly_recognised_and_its_small_talk_mostly_declined() {
    let recognizer = NgramRecognizer::new(&settings()).unwrap();
    let (mut correct, mut questions, mut declined, mut small_talk) = (0, 0, 0, 0);
    for (expected, text) in lines(HOLDOUT).map(|l| l.split_once('\t').expect("label<TAB>text")) {
        let r = recognizer.recognise(text);
        let got = r.best.as_ref().map(|b| b.intent.as_str());
        if expected == "small_talk" {
            small_talk += 1;
            declined += usize::from(got.is_none());
        } else {
            questions += 1;
            correct += usize::from(got == Some(expected));
        }
        // Held-out misses are never printed: whoever tunes must not read them.
    }
    let accuracy = correct as f64 / questions as f64;
    let decline_rate = declined as f64 / small_talk as f64;
    println!(
        "held-out: intent accuracy {correct}/{questions} = {:.1}%, small talk declined {declined}/{small_talk} = {:.1}%",
        100.0 * accuracy,
        100.0 * decline_rate
    );
    assert!(accuracy >= 0.75 && decline_rate >= 0.75);
}
