//! The decision explained in full, for a marketer testing a configuration at a
//! chosen time: unlike [`decide`], which stops at the first
//! step that decides, the preview evaluates every stage (hand-off, hours, every
//! matching rule, intent scores) and then shows the decision itself. Serialises to
//! JSON for the admin API.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::config::Responder;
use crate::decide::{decide, Content, Decision, FriendState, Incoming};
use crate::fold::fold;
use crate::hours::OpenState;
use crate::intents::{BuiltinIntent, Decline, IntentScore, LearnedQuestion};
use crate::rules::{Ineligible, KeywordHit, MatchKind, When};

/// How many intent scores the preview lists.
const TOP_INTENTS: usize = 3;

/// Everything the decision looked at, and the decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Preview {
    /// The folded text the matchers saw (absent for non-text events).
    pub folded_text: Option<String>,
    pub handoff: HandOffPreview,
    /// `None` when the store has no business hours (always open).
    pub hours: Option<OpenState>,
    /// `Some` while the after-hours cool-down runs for this friend.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub after_hours_cool_down_until: Option<Timestamp>,
    pub rules: RulesPreview,
    pub intents: IntentsPreview,
    pub decision: Decision,
}

/// The hand-off state at the previewed time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandOffPreview {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub until: Option<Timestamp>,
    /// Whether staff has the conversation now (the auto-reply stays silent).
    pub active: bool,
}

/// One keyword of one rule that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleCandidate {
    pub id: String,
    /// Position of the rule in the configuration (ties go to the lower).
    pub position: usize,
    pub kind: MatchKind,
    pub keyword: String,
    pub priority: i32,
    /// Why this rule could not answer, if it could not.
    pub ineligible: Option<Ineligible>,
}

/// The keyword-rule stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RulesPreview {
    /// Every matching keyword, winner first, then in the order they would win.
    pub candidates: Vec<RuleCandidate>,
    pub winner: Option<String>,
    /// A sentence on why the winner won.
    pub why: Option<String>,
}

/// The intent stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntentsPreview {
    /// The best scores, best first.
    pub top: Vec<IntentScore>,
    pub best: Option<IntentScore>,
    /// A built-in intent recognised instead of the store's (e.g. hand-off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin: Option<BuiltinIntent>,
    pub declined: Option<Decline>,
    pub threshold: f32,
    pub margin: f32,
    /// The common questions the store's intents also answer in customers' other
    /// words (each matched to one intent when the configuration was compiled), so
    /// that an answer no example explains is explained.
    pub learned: Vec<LearnedQuestion>,
}

/// Explains the decision for `event` with `friend`'s state. Costs a little more
/// than [`decide`] (every stage runs and strings are copied); meant for the admin
/// API, not the hot path.
pub fn preview(responder: &Responder, event: &Incoming<'_>, friend: &FriendState) -> Preview {
    let config = &responder.config;
    let when = When {
        at: event.at,
        local: event.at.to_zoned(responder.tz.clone()).datetime(),
    };
    let folded_text = match event.content {
        Content::Text(text) => Some(fold(text)),
        _ => None,
    };

    let mut hits = Vec::new();
    match event.content {
        Content::Text(_) => responder
            .rules
            .for_each_text_hit(folded_text.as_deref().unwrap_or(""), |h| hits.push(h)),
        Content::Postback(data) => responder
            .rules
            .for_each_postback_hit(data, |h| hits.push(h)),
        Content::Sticker | Content::Media => {}
    }
    let rules = rules_preview(responder, when, hits);

    let intents = match event.content {
        Content::Text(text) => {
            let recognition = responder.recognizer.recognise(text);
            IntentsPreview {
                top: recognition.scores.into_iter().take(TOP_INTENTS).collect(),
                best: recognition.best,
                builtin: recognition.builtin,
                declined: recognition.declined,
                threshold: config.intents.threshold,
                margin: config.intents.margin,
                learned: responder.recognizer.learned(),
            }
        }
        _ => IntentsPreview {
            top: Vec::new(),
            best: None,
            builtin: None,
            declined: None,
            threshold: config.intents.threshold,
            margin: config.intents.margin,
            learned: responder.recognizer.learned(),
        },
    };

    let cool_down_until = friend.last_after_hours_reply.and_then(|last| {
        let minutes = i64::from(config.after_hours.cool_down_minutes);
        last.saturating_add(jiff::SignedDuration::from_mins(minutes))
            .ok()
            .filter(|until| event.at < *until)
    });

    Preview {
        folded_text,
        handoff: HandOffPreview {
            until: friend.handoff_until,
            active: friend.handoff_until.is_some_and(|until| until > event.at),
        },
        hours: config
            .hours
            .as_ref()
            .map(|hours| hours.is_open(event.at, &responder.tz)),
        after_hours_cool_down_until: cool_down_until,
        rules,
        intents,
        decision: decide(responder, event, friend),
    }
}

fn rules_preview(responder: &Responder, when: When, mut hits: Vec<KeywordHit>) -> RulesPreview {
    let compiled = &responder.rules;
    // Eligible first, then in winning order; one line per rule, with the keyword
    // that would make it win.
    hits.sort_by_key(|h| {
        (
            compiled.ineligible(h.rule, when).is_some(),
            std::cmp::Reverse(compiled.rules()[h.rule].priority),
            h.rule,
            h.keyword,
        )
    });
    let mut seen = std::collections::HashSet::new();
    hits.retain(|h| seen.insert(h.rule));

    let candidates: Vec<RuleCandidate> = hits
        .iter()
        .map(|h| {
            let rule = &compiled.rules()[h.rule];
            RuleCandidate {
                id: rule.id.clone(),
                position: h.rule,
                kind: rule.kind,
                keyword: rule.keywords[h.keyword].clone(),
                priority: rule.priority,
                ineligible: compiled.ineligible(h.rule, when),
            }
        })
        .collect();
    let eligible: Vec<&RuleCandidate> = candidates
        .iter()
        .filter(|c| c.ineligible.is_none())
        .collect();
    let (winner, why) = match eligible.as_slice() {
        [] => (None, None),
        [only] => (
            Some(only.id.clone()),
            Some(format!(
                "the only eligible matching rule ({} matched in all)",
                candidates.len()
            )),
        ),
        [first, second, ..] if first.priority > second.priority => (
            Some(first.id.clone()),
            Some(format!(
                "highest priority: {} against {} for {:?}",
                first.priority, second.priority, second.id
            )),
        ),
        [first, second, ..] => (
            Some(first.id.clone()),
            Some(format!(
                "priority {} ties with {:?}; listed earlier (position {} before {})",
                first.priority, second.id, first.position, second.position
            )),
        ),
    };
    RulesPreview {
        candidates,
        winner,
        why,
    }
}
