//! The decision for one incoming event: reply with what, or stay silent and why.
//!
//! Order of evaluation for a message (the first step that decides wins):
//! 1. `mode: standby` → silent. In a group or room, the [`GroupPolicy`] decides
//!    whether the message is considered at all.
//! 2. A staff member has taken over (`handoff_until` in the future) → silent.
//! 3. Closed (business hours) and an after-hours answer is configured → the
//!    after-hours reply, at most once per friend per cool-down. While the cool-down
//!    runs, the message goes on to the steps below, so a keyword still answers; if
//!    nothing answers, the account stays silent (the customer was already told when
//!    the store opens) and staff is notified.
//! 4. Keyword rules (postbacks only match postback rules and skip step 3: a button
//!    tap expects its own answer at any hour).
//! 5. Intents. A customer asking for a person (the built-in
//!    [`BuiltinIntent::HumanHandoff`]) gets the store's hand-off answer, or the
//!    fallback when it has none, and staff is notified; small talk is declined.
//! 6. The fallback, if configured; staff is notified that a customer is waiting.
//!
//! Stickers are acknowledged only by the after-hours reply: they are reactions,
//! not questions. Images, files and other media skip rules and intents and go to
//! the fallback, because a person must look at them.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::config::{GroupPolicy, Responder};
use crate::fold::fold;
use crate::hours::OpenState;
use crate::intents::{BuiltinIntent, Decline, IntentScore};
use crate::message::{Answer, QuickReply, ReplyMessage};
use crate::rules::{KeywordHit, MatchKind, When};

/// Whether the account may answer the event (LINE's `mode`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Active,
    /// Another channel (e.g. a chat tool) is primary: never send anything.
    Standby,
}

/// Where the event happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Chat {
    /// A 1:1 chat with a friend.
    #[default]
    User,
    /// A group chat or multi-person room. `mentioned`: the message mentions this
    /// account (the caller strips that mention from the text before deciding).
    Group { mentioned: bool },
}

/// What the customer sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content<'a> {
    Text(&'a str),
    /// A postback's `data`.
    Postback(&'a str),
    Sticker,
    /// Image, video, audio, file or location.
    Media,
}

/// One incoming event, reduced to what the decision needs.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    /// When the event happened (the webhook's `timestamp`).
    pub at: Timestamp,
    pub mode: Mode,
    pub chat: Chat,
    pub content: Content<'a>,
}

/// What the decision needs to know about the friend (or group) from earlier events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FriendState {
    /// A staff member answers by hand until then.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub handoff_until: Option<Timestamp>,
    /// When the after-hours reply was last sent to this friend.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_after_hours_reply: Option<Timestamp>,
    /// The friend's LINE display name, for `{name}` in answers (the store's
    /// `default_name` when unknown).
    pub display_name: Option<String>,
}

/// Changes the caller must persist into [`FriendState`] if it sends the reply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StateUpdate {
    /// Set `last_after_hours_reply` to this.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_after_hours_reply: Option<Timestamp>,
}

/// What produced a reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    Rule {
        id: String,
    },
    Intent {
        name: String,
        score: f32,
    },
    /// A built-in intent every store has (see [`crate::builtin`]).
    Builtin {
        intent: BuiltinIntent,
    },
    AfterHours,
    Fallback,
    Greeting,
    Unblock,
}

/// Why nothing is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SilentReason {
    /// The event came in standby mode.
    Standby,
    /// Group policy `ignore`.
    GroupIgnored,
    /// Group policy `mention_only` and the account was not mentioned.
    NotMentioned,
    /// A staff member has the conversation.
    HandedOff {
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
        until: Timestamp,
    },
    /// Closed, the after-hours reply was sent recently, and nothing else answered.
    AfterHoursCoolDown {
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
        last_sent: Timestamp,
    },
    /// Nothing answered and no fallback applies.
    NoAnswer,
    /// A sticker: a reaction, not a question.
    Sticker,
    /// No postback rule has this data.
    UnknownPostback,
    /// A follow event and no greeting is configured.
    NoGreeting,
}

/// The outcome of a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Reply {
        messages: Vec<ReplyMessage>,
        /// Attach to the last message.
        quick_replies: Vec<QuickReply>,
        source: Source,
    },
    Silent {
        reason: SilentReason,
    },
}

/// One step the decision took, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = TraceStep))]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    Standby,
    Group {
        policy: GroupPolicy,
        mentioned: bool,
    },
    HandOff {
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
        until: Timestamp,
        active: bool,
    },
    Hours {
        open: bool,
        #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
        next_open: Option<Timestamp>,
    },
    AfterHoursCoolDown {
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
        last_sent: Timestamp,
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
        until: Timestamp,
    },
    Rule {
        id: String,
        kind: MatchKind,
        keyword: String,
        priority: i32,
    },
    NoRule,
    Intent {
        best: Option<IntentScore>,
        /// A built-in intent, when one was recognised instead of the store's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        builtin: Option<BuiltinIntent>,
        declined: Option<Decline>,
    },
    Fallback {
        configured: bool,
    },
}

/// The steps of a decision, for logs and support.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Trace {
    pub steps: Vec<Step>,
}

/// The decision for one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub outcome: Outcome,
    /// Tell staff a customer is waiting for a person. True when a customer who
    /// addressed the account asked for a person ([`Decision::asks_for_person`]) or
    /// got no real answer: the fallback, the after-hours
    /// reply, silence during the after-hours cool-down, or silence because no
    /// fallback is configured. False for rule and intent answers, greetings,
    /// stickers, standby, hand-off (staff already has the chat) and group chatter.
    pub notify_staff: bool,
    pub update: StateUpdate,
    pub trace: Trace,
}

impl Decision {
    /// Whether the decision sends something.
    pub fn replies(&self) -> bool {
        matches!(self.outcome, Outcome::Reply { .. })
    }

    /// Whether the customer asked for a person ([`BuiltinIntent::HumanHandoff`]),
    /// so that the caller can hand the chat over to staff (e.g. set
    /// `handoff_until`), whatever was answered.
    pub fn asks_for_person(&self) -> bool {
        self.trace.steps.iter().any(|step| {
            matches!(
                step,
                Step::Intent {
                    builtin: Some(BuiltinIntent::HumanHandoff),
                    ..
                }
            )
        })
    }

    /// What produced the reply, if any.
    pub fn source(&self) -> Option<&Source> {
        match &self.outcome {
            Outcome::Reply { source, .. } => Some(source),
            Outcome::Silent { .. } => None,
        }
    }
}

/// A follow event.
#[derive(Debug, Clone, Copy)]
pub struct Follow<'a> {
    pub mode: Mode,
    /// From the profile API; `None` when unavailable.
    pub display_name: Option<&'a str>,
    /// `follow.isUnblocked`.
    pub unblocked: bool,
}

/// Decides the reply to a message or postback. Pure and infallible; costs a few
/// microseconds (one fold, one automaton pass, one intent scoring).
pub fn decide(responder: &Responder, event: &Incoming<'_>, friend: &FriendState) -> Decision {
    Decider {
        responder,
        event,
        friend,
        trace: Trace::default(),
    }
    .run()
}

/// Decides the reply to a follow event: the unblock greeting when the friend
/// unblocked and one is configured, else the greeting, with `{name}` and `{store}`
/// filled in. Business hours and hand-off do not apply to greetings.
pub fn greet(responder: &Responder, follow: &Follow<'_>) -> Decision {
    let config = &responder.config;
    let mut trace = Trace::default();
    if follow.mode == Mode::Standby {
        trace.steps.push(Step::Standby);
        return silent(SilentReason::Standby, false, trace);
    }
    let chosen = match (follow.unblocked, &config.unblock_greeting, &config.greeting) {
        (true, Some(unblock), _) if !unblock.is_empty() => Some((unblock, Source::Unblock)),
        (_, _, Some(greeting)) if !greeting.is_empty() => Some((greeting, Source::Greeting)),
        _ => None,
    };
    match chosen {
        Some((answer, source)) => {
            let name = follow
                .display_name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or(&config.default_name);
            let answer = answer.filled(&[("name", name), ("store", &config.store_name)]);
            reply(answer, source, false, StateUpdate::default(), trace)
        }
        None => silent(SilentReason::NoGreeting, false, trace),
    }
}

struct Decider<'a> {
    responder: &'a Responder,
    event: &'a Incoming<'a>,
    friend: &'a FriendState,
    trace: Trace,
}

impl Decider<'_> {
    /// What every answer to a message may name: `{name}` (the friend's display
    /// name, else the store's default name) and `{store}`, plus `extra`.
    fn values<'v>(&'v self, extra: &[(&'v str, &'v str)]) -> Vec<(&'v str, &'v str)> {
        let config = &self.responder.config;
        let name = self
            .friend
            .display_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(&config.default_name);
        let mut values = vec![("name", name), ("store", config.store_name.as_str())];
        values.extend_from_slice(extra);
        values
    }

    fn run(mut self) -> Decision {
        let config = &self.responder.config;
        let event = self.event;
        if event.mode == Mode::Standby {
            self.trace.steps.push(Step::Standby);
            return silent(SilentReason::Standby, false, self.trace);
        }

        // In a group, a postback is a member tapping our button: addressed to us.
        let addressed = match event.chat {
            Chat::User => true,
            Chat::Group { mentioned } => {
                let mentioned = mentioned || matches!(event.content, Content::Postback(_));
                self.trace.steps.push(Step::Group {
                    policy: config.groups,
                    mentioned,
                });
                match config.groups {
                    GroupPolicy::Ignore => {
                        return silent(SilentReason::GroupIgnored, false, self.trace)
                    }
                    GroupPolicy::MentionOnly if !mentioned => {
                        return silent(SilentReason::NotMentioned, false, self.trace)
                    }
                    _ => mentioned,
                }
            }
        };

        if let Some(until) = self.friend.handoff_until {
            let active = until > event.at;
            self.trace.steps.push(Step::HandOff { until, active });
            if active {
                return silent(SilentReason::HandedOff { until }, false, self.trace);
            }
        }

        if let Content::Postback(data) = event.content {
            let when = self.when();
            return match self.responder.rules.best_for_postback(data, when) {
                Some(hit) => self.rule_reply(hit),
                None => {
                    self.trace.steps.push(Step::NoRule);
                    silent(SilentReason::UnknownPostback, false, self.trace)
                }
            };
        }

        // A person should see anything we do not answer, except a sticker.
        let waiting = addressed && event.content != Content::Sticker;
        let mut cool_down_since = None;
        if addressed {
            if let Some(state) = self.closed_with_after_hours_answer() {
                match self.cool_down_blocking() {
                    None => return self.after_hours_reply(&state),
                    Some(last_sent) => cool_down_since = Some(last_sent),
                }
            }
        }

        match event.content {
            Content::Text(text) => {
                let folded = fold(text);
                if let Some(hit) = self.responder.rules.best_for_text(&folded, self.when()) {
                    return self.rule_reply(hit);
                }
                self.trace.steps.push(Step::NoRule);
                if let Some(decision) = self.intent_reply(text, &folded) {
                    return decision;
                }
            }
            Content::Sticker => {
                return silent(SilentReason::Sticker, false, self.trace);
            }
            Content::Media | Content::Postback(_) => {}
        }

        if let Some(last_sent) = cool_down_since {
            return silent(
                SilentReason::AfterHoursCoolDown { last_sent },
                waiting,
                self.trace,
            );
        }
        let fallback = config
            .fallback
            .as_ref()
            .filter(|a| addressed && !a.is_empty());
        self.trace.steps.push(Step::Fallback {
            configured: fallback.is_some(),
        });
        match fallback {
            Some(answer) => reply(
                answer.filled(&self.values(&[])),
                Source::Fallback,
                true,
                StateUpdate::default(),
                self.trace,
            ),
            None => silent(SilentReason::NoAnswer, waiting, self.trace),
        }
    }

    fn when(&self) -> When {
        When {
            at: self.event.at,
            local: self.event.at.to_zoned(self.responder.tz.clone()).datetime(),
        }
    }

    /// The hours evaluation when the store is closed and has an after-hours answer.
    fn closed_with_after_hours_answer(&mut self) -> Option<OpenState> {
        let config = &self.responder.config;
        let hours = config.hours.as_ref()?;
        config
            .after_hours
            .answer
            .as_ref()
            .filter(|a| !a.is_empty())?;
        let state = hours.is_open(self.event.at, &self.responder.tz);
        self.trace.steps.push(Step::Hours {
            open: state.open,
            next_open: state.next_open,
        });
        (!state.open).then_some(state)
    }

    /// When the after-hours reply was last sent, if that is within the cool-down.
    fn cool_down_blocking(&mut self) -> Option<Timestamp> {
        let last_sent = self.friend.last_after_hours_reply?;
        let minutes = i64::from(self.responder.config.after_hours.cool_down_minutes);
        let until = last_sent
            .saturating_add(SignedDuration::from_mins(minutes))
            .ok()?;
        if self.event.at < until {
            self.trace
                .steps
                .push(Step::AfterHoursCoolDown { last_sent, until });
            Some(last_sent)
        } else {
            None
        }
    }

    fn after_hours_reply(self, state: &OpenState) -> Decision {
        let config = &self.responder.config;
        let Some(answer) = config.after_hours.answer.as_ref() else {
            return silent(SilentReason::NoAnswer, false, self.trace);
        };
        let next_open = state
            .next_open_local
            .map(|next| {
                if next.date() == state.local_time.date() {
                    format!("{:02}:{:02}", next.hour(), next.minute())
                } else {
                    format!(
                        "{}/{}({}) {:02}:{:02}",
                        next.month(),
                        next.day(),
                        weekday_ja(next.weekday()),
                        next.hour(),
                        next.minute()
                    )
                }
            })
            .unwrap_or_default();
        let answer = answer.filled(&self.values(&[("next_open", &next_open)]));
        let waiting = self.event.content != Content::Sticker;
        let update = StateUpdate {
            last_after_hours_reply: Some(self.event.at),
        };
        reply(answer, Source::AfterHours, waiting, update, self.trace)
    }

    fn rule_reply(mut self, hit: KeywordHit) -> Decision {
        let rule = &self.responder.rules.rules()[hit.rule];
        self.trace.steps.push(Step::Rule {
            id: rule.id.clone(),
            kind: rule.kind,
            keyword: rule.keywords[hit.keyword].clone(),
            priority: rule.priority,
        });
        let answer = rule.answer.filled(&self.values(&[]));
        reply(
            answer,
            Source::Rule {
                id: rule.id.clone(),
            },
            false,
            StateUpdate::default(),
            self.trace,
        )
    }

    fn intent_reply(&mut self, text: &str, folded: &str) -> Option<Decision> {
        let recognition = self.responder.recognizer.recognise_folded(text, folded);
        self.trace.steps.push(Step::Intent {
            best: recognition.best.clone(),
            builtin: recognition.builtin,
            declined: recognition.declined,
        });
        if let Some(intent) = recognition.builtin {
            return Some(self.builtin_reply(intent));
        }
        let best = recognition.best?;
        let config = &self.responder.config;
        let intent = config
            .intents
            .intents
            .iter()
            .find(|i| i.name == best.intent && !i.answer.is_empty())?;
        let answer = intent.answer.filled(&self.values(&[]));
        Some(reply(
            answer,
            Source::Intent {
                name: best.intent,
                score: best.score,
            },
            false,
            StateUpdate::default(),
            std::mem::take(&mut self.trace),
        ))
    }
}

impl Decider<'_> {
    /// A built-in intent's answer. Asking for a person always tells staff; the
    /// answer is the store's hand-off answer, else its fallback, else silence.
    fn builtin_reply(&mut self, intent: BuiltinIntent) -> Decision {
        let config = &self.responder.config;
        let trace = std::mem::take(&mut self.trace);
        match intent {
            BuiltinIntent::HumanHandoff => {
                let answer = [&config.intents.handoff_answer, &config.fallback]
                    .into_iter()
                    .flatten()
                    .find(|a| !a.is_empty());
                match answer {
                    Some(answer) => reply(
                        answer.filled(&self.values(&[])),
                        Source::Builtin { intent },
                        true,
                        StateUpdate::default(),
                        trace,
                    ),
                    None => silent(SilentReason::NoAnswer, true, trace),
                }
            }
        }
    }
}

fn reply(
    answer: Answer,
    source: Source,
    notify_staff: bool,
    update: StateUpdate,
    trace: Trace,
) -> Decision {
    Decision {
        outcome: Outcome::Reply {
            messages: answer.messages,
            quick_replies: answer.quick_replies,
            source,
        },
        notify_staff,
        update,
        trace,
    }
}

fn silent(reason: SilentReason, notify_staff: bool, trace: Trace) -> Decision {
    Decision {
        outcome: Outcome::Silent { reason },
        notify_staff,
        update: StateUpdate::default(),
        trace,
    }
}

fn weekday_ja(day: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday::*;
    match day {
        Monday => "月",
        Tuesday => "火",
        Wednesday => "水",
        Thursday => "木",
        Friday => "金",
        Saturday => "土",
        Sunday => "日",
    }
}
