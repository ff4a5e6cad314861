//! What an event adds to the report counters ([`otodoke_core::metrics`]).
//!
//! The handlers note what happened on the event's [`Tally`] as they go (a follow,
//! a message, what answered it, an automation's run); once the event has been acted
//! on, [`EventHandler::count`] adds it all in one call under the dedupe key
//! `ev:<channel>:<webhookEventId>`, so that a redelivered event counts once. Counting
//! is a report's bookkeeping: a failure is logged and never fails the event (its
//! answer may already be out).

use crate::handler::{Cx, EventHandler};
use otodoke_autoreply::Source;
use otodoke_core::metrics::{increments, Counter, MetricKey};
use otodoke_core::StoreId;
use std::sync::Mutex;

/// The counters one event adds to, and the store they count for.
#[derive(Debug, Default)]
pub(crate) struct Tally(Mutex<Noted>);

#[derive(Debug, Default, Clone)]
struct Noted {
    store: Option<StoreId>,
    counters: Vec<Counter>,
}

impl Tally {
    /// Counts `counter` once more.
    pub(crate) fn add(&self, counter: Counter) {
        self.0.lock().expect("tally").counters.push(counter);
    }

    /// The store the event counts for (`None`: friends of no store).
    pub(crate) fn store(&self, store: Option<&StoreId>) {
        self.0.lock().expect("tally").store = store.cloned();
    }

    /// The counters noted, with an unanswered message no longer counted as such
    /// when an automation answered it.
    fn counters(&self) -> (Option<StoreId>, Vec<Counter>) {
        let noted = self.0.lock().expect("tally").clone();
        let mut counters = noted.counters;
        if counters.contains(&Counter::AnswerAutomation) {
            counters.retain(|c| *c != Counter::AnswerNone);
        }
        (noted.store, counters)
    }
}

/// The counter of an answer sent from `source`.
pub(crate) fn answered_by(source: &Source) -> Counter {
    match source {
        Source::Rule { .. } => Counter::AnswerRule,
        Source::Intent { .. } => Counter::AnswerIntent,
        Source::Builtin { .. } => Counter::AnswerBuiltin,
        Source::AfterHours => Counter::AnswerAfterHours,
        Source::Fallback => Counter::AnswerFallback,
        Source::Greeting | Source::Unblock => Counter::AnswerGreeting,
    }
}

/// The dedupe key of an event's increments.
pub fn event_dedupe(channel: &str, webhook_event_id: &str) -> String {
    format!("ev:{channel}:{webhook_event_id}")
}

impl EventHandler {
    /// Adds what `cx`'s tally noted, once per event. One `MetricsStore::add`
    /// (nothing when nothing was noted); failures are logged.
    pub(crate) async fn count(&self, cx: &Cx<'_>) {
        let (store, counters) = cx.tally.counters();
        if counters.is_empty() {
            return;
        }
        let key = MetricKey::at(
            cx.channel.org_id.clone(),
            cx.channel.id.clone(),
            store,
            cx.at,
        );
        let dedupe = event_dedupe(cx.channel.id.as_str(), cx.event_id());
        match self
            .ports
            .metrics
            .add(&increments(&key, &counters), &dedupe)
            .await
        {
            Ok(true) => {}
            Ok(false) => tracing::info!(dedupe, "event already counted"),
            Err(error) => {
                tracing::warn!(dedupe, %error, "could not count the event for reports")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_automations_answer_replaces_the_unanswered_count() {
        let tally = Tally::default();
        tally.add(Counter::Inbound);
        tally.add(Counter::AnswerNone);
        tally.add(Counter::AutomationRuns);
        tally.add(Counter::AnswerAutomation);
        let (_, counters) = tally.counters();
        assert_eq!(
            counters,
            [
                Counter::Inbound,
                Counter::AutomationRuns,
                Counter::AnswerAutomation
            ]
        );
    }

    #[test]
    fn greetings_on_follow_and_unblock_count_as_greetings() {
        assert_eq!(answered_by(&Source::Greeting), Counter::AnswerGreeting);
        assert_eq!(answered_by(&Source::Unblock), Counter::AnswerGreeting);
        assert_eq!(
            answered_by(&Source::Rule { id: "r".into() }),
            Counter::AnswerRule
        );
    }
}
