//! The teaching loop: messages the recogniser declined are kept per store, and for
//! each one the intents it most resembles are suggested, so that one click in the
//! console turns it into an example ([`crate::ReplyConfig::add_intent_example`]).
//!
//! Only messages worth teaching are kept: those declined because no intent was
//! close enough or two were too close. Small talk, hand-off requests and stores
//! without intents teach nothing. [`Unanswered`] is plain data (serde), bounded and
//! deduplicated by folded text, so a store record or a table can hold it as is.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::config::Responder;
use crate::decide::{Decision, Step};
use crate::fold::fold;
use crate::intents::Decline;

/// How many distinct messages a store keeps; the oldest go first.
pub const CAPACITY: usize = 200;

/// Suggestions scoring below this resemble their intent too little to show.
pub const MIN_SUGGESTION_SCORE: f32 = 0.05;

/// Why the decision declined `decision`'s message, when that is worth teaching.
pub fn teachable(decision: &Decision) -> Option<Decline> {
    decision.trace.steps.iter().find_map(|step| match step {
        Step::Intent {
            declined: Some(d @ (Decline::BelowThreshold | Decline::TooClose)),
            ..
        } => Some(*d),
        _ => None,
    })
}

/// One declined message, as often as customers sent it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnansweredMessage {
    /// The message as the customer first wrote it.
    pub text: String,
    /// How many times a message folding to the same text was declined.
    pub count: u32,
    pub last_at: Timestamp,
}

/// A store's declined messages, most recent first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Unanswered {
    pub messages: Vec<UnansweredMessage>,
}

impl Unanswered {
    /// Records a declined message: a repeat (same folded text) counts up and moves
    /// to the front; beyond [`CAPACITY`] the least recent is dropped. Blank text is
    /// ignored.
    pub fn record(&mut self, text: &str, at: Timestamp) {
        let folded = fold(text);
        if folded.is_empty() {
            return;
        }
        let entry = match self.position(&folded) {
            Some(i) => {
                let mut entry = self.messages.remove(i);
                entry.count += 1;
                entry.last_at = entry.last_at.max(at);
                entry
            }
            None => UnansweredMessage {
                text: text.trim().to_owned(),
                count: 1,
                last_at: at,
            },
        };
        self.messages.insert(0, entry);
        self.messages.truncate(CAPACITY);
    }

    /// Forgets a message (it was taught, or dismissed). Returns whether it was kept.
    pub fn remove(&mut self, text: &str) -> bool {
        match self.position(&fold(text)) {
            Some(i) => {
                self.messages.remove(i);
                true
            }
            None => false,
        }
    }

    fn position(&self, folded: &str) -> Option<usize> {
        self.messages.iter().position(|m| fold(&m.text) == folded)
    }
}

/// An intent a message resembles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub intent: String,
    /// The recogniser's similarity, 0..=1.
    pub score: f32,
}

/// A declined message with the intents it resembles, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Teachable {
    #[serde(flatten)]
    pub message: UnansweredMessage,
    pub suggestions: Vec<Suggestion>,
}

/// The (at most `limit`) intents `text` most resembles, best first, each scoring at
/// least [`MIN_SUGGESTION_SCORE`]. Costs one recognition (microseconds).
pub fn suggest(responder: &Responder, text: &str, limit: usize) -> Vec<Suggestion> {
    responder
        .recognizer
        .recognise(text)
        .scores
        .into_iter()
        .filter(|s| s.score >= MIN_SUGGESTION_SCORE)
        .take(limit)
        .map(|s| Suggestion {
            intent: s.intent,
            score: s.score,
        })
        .collect()
}

/// Every kept message with its suggestions, most often declined first (then most
/// recent): the console's "teach me" list.
pub fn teachables(responder: &Responder, unanswered: &Unanswered, limit: usize) -> Vec<Teachable> {
    let mut out: Vec<Teachable> = unanswered
        .messages
        .iter()
        .map(|m| Teachable {
            message: m.clone(),
            suggestions: suggest(responder, &m.text, limit),
        })
        .collect();
    // Stable: equal counts keep their most-recent-first order.
    out.sort_by_key(|t| std::cmp::Reverse(t.message.count));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{decide, Chat, Content, FriendState, Incoming, Mode};
    use crate::intents::{Intent, IntentSettings};
    use crate::message::Answer;
    use crate::ReplyConfig;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).unwrap()
    }

    fn responder() -> Responder {
        let intent = |name: &str, examples: &[&str]| Intent {
            name: name.into(),
            examples: examples.iter().map(|e| e.to_string()).collect(),
            answer: Answer::text(name),
        };
        ReplyConfig {
            intents: IntentSettings {
                intents: vec![
                    intent("parking", &["駐車場はありますか", "車で行けますか"]),
                    intent("booking", &["予約したいです", "空いていますか"]),
                    intent("price", &["料金はいくらですか"]),
                ],
                ..Default::default()
            },
            fallback: Some(Answer::text("担当者から折り返します")),
            ..Default::default()
        }
        .compile()
        .unwrap()
    }

    fn decision(text: &str) -> Decision {
        let event = Incoming {
            at: at(0),
            mode: Mode::Active,
            chat: Chat::User,
            content: Content::Text(text),
        };
        decide(&responder(), &event, &FriendState::default())
    }

    #[test]
    fn only_messages_declined_for_want_of_an_intent_are_worth_teaching() {
        assert_eq!(
            teachable(&decision("領収書は出してもらえますか")),
            Some(Decline::BelowThreshold)
        );
        assert_eq!(teachable(&decision("駐車場はありますか")), None);
        assert_eq!(teachable(&decision("ありがとうございました")), None);
        assert_eq!(teachable(&decision("スタッフさんと話したいです")), None);
    }

    #[test]
    fn a_declined_message_is_suggested_the_intents_it_resembles_best_first() {
        let suggestions = suggest(&responder(), "車とめるとこある？", 2);
        assert_eq!(suggestions[0].intent, "parking");
        assert!(suggestions.len() <= 2);
        assert!(suggestions.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(suggestions.iter().all(|s| s.score >= MIN_SUGGESTION_SCORE));
    }

    #[test]
    fn a_repeated_message_counts_up_and_comes_first_in_the_teaching_list() {
        let mut unanswered = Unanswered::default();
        unanswered.record("車とめるとこある？", at(1));
        unanswered.record("今日って空きある？", at(2));
        unanswered.record("車とめるとこある?", at(3));
        assert_eq!(unanswered.messages.len(), 2);
        assert_eq!(unanswered.messages[0].count, 2);
        assert_eq!(unanswered.messages[0].last_at, at(3));

        let list = teachables(&responder(), &unanswered, 3);
        assert_eq!(list[0].message.text, "車とめるとこある？");
        assert_eq!(list[0].suggestions[0].intent, "parking");
        assert_eq!(list[1].suggestions[0].intent, "booking");
    }

    #[test]
    fn the_list_is_bounded_and_a_taught_message_can_be_removed() {
        let mut unanswered = Unanswered::default();
        for i in 0..(CAPACITY as i64 + 5) {
            unanswered.record(&format!("質問{i}"), at(i));
        }
        assert_eq!(unanswered.messages.len(), CAPACITY);
        assert_eq!(unanswered.messages[0].text, format!("質問{}", CAPACITY + 4));
        assert!(unanswered.remove("質問204"));
        assert!(!unanswered.remove("質問204"));
        unanswered.record("   ", at(0));
        assert_eq!(unanswered.messages.len(), CAPACITY - 1);
    }

    #[test]
    fn the_list_round_trips_through_json() {
        let mut unanswered = Unanswered::default();
        unanswered.record("車とめるとこある？", at(1));
        let json = serde_json::to_string(&unanswered).unwrap();
        assert_eq!(
            serde_json::from_str::<Unanswered>(&json).unwrap(),
            unanswered
        );
    }
}
