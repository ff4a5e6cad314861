//! A store's auto-reply configuration as stored, and its compiled form.

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::error::ConfigError;
use crate::hours::BusinessHours;
use crate::intents::{IntentRecognizer, IntentSettings, NgramRecognizer};
use crate::message::Answer;
use crate::rules::{CompiledRules, Rule};

/// A store's whole auto-reply configuration (hours, rules, intents, messages).
/// `otodoke-core` embeds it in the store record and the storage adapters persist it
/// as one document, so it must stay `Serialize + Deserialize + Default + Clone`;
/// every field has a default, so documents written before a field existed still load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ReplyConfig {
    /// Fills `{store}` in messages.
    pub store_name: String,
    /// IANA time zone of the store, for hours and rule schedules.
    pub time_zone: String,
    /// `None`: always open, no after-hours reply.
    pub hours: Option<BusinessHours>,
    pub after_hours: AfterHours,
    pub rules: Vec<Rule>,
    pub intents: IntentSettings,
    /// Sent when nothing else answers a customer in a 1:1 chat (staff is notified).
    pub fallback: Option<Answer>,
    /// Sent on a new follow. `{name}` is the friend's display name.
    pub greeting: Option<Answer>,
    /// Sent when a friend unblocks the account; when unset, `greeting` is sent.
    pub unblock_greeting: Option<Answer>,
    /// How to behave in group chats and rooms.
    pub groups: GroupPolicy,
    /// Fills `{name}` when the display name is unknown.
    pub default_name: String,
}

impl Default for ReplyConfig {
    fn default() -> Self {
        Self {
            store_name: String::new(),
            time_zone: "Asia/Tokyo".to_owned(),
            hours: None,
            after_hours: AfterHours::default(),
            rules: Vec::new(),
            intents: IntentSettings::default(),
            fallback: None,
            greeting: None,
            unblock_greeting: None,
            groups: GroupPolicy::default(),
            default_name: "お客様".to_owned(),
        }
    }
}

/// The reply outside business hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AfterHours {
    /// `{next_open}` becomes the next opening (`10:00` today, else `11/23(月) 10:00`).
    /// `None`: no after-hours reply; messages go on to rules and intents.
    pub answer: Option<Answer>,
    /// A friend gets the after-hours reply at most once per this many minutes.
    pub cool_down_minutes: u32,
}

impl Default for AfterHours {
    fn default() -> Self {
        Self {
            answer: None,
            cool_down_minutes: 60,
        }
    }
}

/// How the account behaves in group chats and rooms, where most messages are
/// members talking to each other.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupPolicy {
    /// Keyword rules and intents answer any member's message. The after-hours reply
    /// and the fallback are only sent when the account is mentioned, so that chatter
    /// is not answered with "we will get back to you".
    Respond,
    /// Only messages that mention the account are considered, and then exactly as
    /// in a 1:1 chat.
    #[default]
    MentionOnly,
    /// Never reply in groups and rooms.
    Ignore,
}

/// A configuration compiled for deciding: time zone resolved, rules compiled into
/// one matcher, intent model built. Build once per configuration version (a few
/// milliseconds for 5,000 rules) and reuse for every event of the store.
#[derive(Debug)]
pub struct Responder {
    pub(crate) config: ReplyConfig,
    pub(crate) tz: TimeZone,
    pub(crate) rules: CompiledRules,
    pub(crate) recognizer: Box<dyn IntentRecognizer>,
}

impl ReplyConfig {
    /// Compiles the configuration. Fails when the time zone is unknown, a rule is
    /// invalid (see [`CompiledRules::new`]), two intents share a name, or an answer
    /// exceeds LINE's limits (see [`Answer::check_limits`]).
    pub fn compile(&self) -> Result<Responder, ConfigError> {
        self.check_answers()?;
        self.intents.check_ranges()?;
        let tz = TimeZone::get(&self.time_zone).map_err(|source| ConfigError::UnknownTimeZone {
            name: self.time_zone.clone(),
            source,
        })?;
        Ok(Responder {
            tz,
            rules: CompiledRules::new(&self.rules)?,
            recognizer: Box::new(NgramRecognizer::new(&self.intents)?),
            config: self.clone(),
        })
    }
}

impl ReplyConfig {
    /// Adds `text` as an example of intent `intent`: the "teach it" button next to
    /// a message nobody answered. See [`IntentSettings::add_example`].
    pub fn add_intent_example(&mut self, intent: &str, text: &str) -> Result<(), ConfigError> {
        self.intents.add_example(intent, text)
    }

    fn check_answers(&self) -> Result<(), ConfigError> {
        let singles = [
            ("after-hours answer", &self.after_hours.answer),
            ("fallback", &self.fallback),
            ("greeting", &self.greeting),
            ("unblock greeting", &self.unblock_greeting),
        ];
        for (owner, answer) in singles {
            if let Some(answer) = answer {
                answer.check_limits(|| owner.to_owned())?;
            }
        }
        for rule in &self.rules {
            rule.answer.check_limits(|| format!("rule {:?}", rule.id))?;
        }
        for intent in &self.intents.intents {
            intent
                .answer
                .check_limits(|| format!("intent {:?}", intent.name))?;
        }
        Ok(())
    }
}

impl Responder {
    /// Replaces the built-in intent recogniser (e.g. by a generative backend). Its
    /// intent names must be those of the configuration; other names are ignored.
    pub fn with_recognizer(mut self, recognizer: Box<dyn IntentRecognizer>) -> Self {
        self.recognizer = recognizer;
        self
    }

    /// The configuration this responder was compiled from.
    pub fn config(&self) -> &ReplyConfig {
        &self.config
    }

    /// The store's time zone.
    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_document_loads_with_defaults() {
        let config: ReplyConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(config, ReplyConfig::default());
        assert_eq!(config.time_zone, "Asia/Tokyo");
        assert_eq!(config.after_hours.cool_down_minutes, 60);
        assert_eq!(config.groups, GroupPolicy::MentionOnly);
    }

    #[test]
    fn an_intent_threshold_or_margin_outside_0_to_1_is_refused_at_compile() {
        for (threshold, margin) in [
            (-0.1, 0.04),
            (1.5, 0.04),
            (0.3, f32::NEG_INFINITY),
            (f32::NAN, 0.04),
        ] {
            let mut config = ReplyConfig::default();
            config.intents.threshold = threshold;
            config.intents.margin = margin;
            assert!(
                matches!(config.compile(), Err(ConfigError::OutOfRange { .. })),
                "threshold {threshold}, margin {margin}"
            );
        }
        let mut edge = ReplyConfig::default();
        edge.intents.threshold = 1.0;
        edge.intents.margin = 0.0;
        assert!(edge.compile().is_ok());
    }

    #[test]
    fn a_config_round_trips_through_json() {
        let config = ReplyConfig {
            store_name: "カフェ".into(),
            fallback: Some(Answer::text("担当者から折り返します")),
            groups: GroupPolicy::Respond,
            ..Default::default()
        };
        let json = serde_json::to_string(&config).unwrap();
        assert_eq!(serde_json::from_str::<ReplyConfig>(&json).unwrap(), config);
    }

    #[test]
    fn a_responder_can_be_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Responder>();
    }

    #[test]
    fn an_answer_beyond_line_limits_is_refused_naming_its_owner() {
        let config = ReplyConfig {
            rules: vec![Rule {
                id: "r1".into(),
                keywords: vec!["x".into()],
                answer: Answer {
                    messages: vec![crate::ReplyMessage::text("x"); 6],
                    quick_replies: Vec::new(),
                },
                ..Default::default()
            }],
            ..Default::default()
        };
        let err = config.compile().unwrap_err();
        assert_eq!(
            err.to_string(),
            "rule \"r1\": the answer holds 6 messages; LINE sends at most 5"
        );
    }

    #[test]
    fn an_unknown_time_zone_is_refused() {
        let config = ReplyConfig {
            time_zone: "Mars/Olympus".into(),
            ..Default::default()
        };
        assert!(matches!(
            config.compile(),
            Err(ConfigError::UnknownTimeZone { .. })
        ));
    }
}
