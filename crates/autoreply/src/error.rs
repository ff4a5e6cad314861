//! Every way a store's configuration can be refused. Decisions themselves never
//! fail: a compiled configuration always yields a decision.

/// A configuration that cannot be compiled or edited, with enough context for the
/// admin API to point the marketer at the faulty rule or intent.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("unknown time zone {name:?}")]
    UnknownTimeZone {
        name: String,
        #[source]
        source: jiff::Error,
    },
    #[error("rule {rule_id:?} appears more than once")]
    DuplicateRuleId { rule_id: String },
    #[error("rule {rule_id:?} has no keywords")]
    NoKeywords { rule_id: String },
    #[error("rule {rule_id:?}: keyword #{index} is empty once folded")]
    EmptyKeyword { rule_id: String, index: usize },
    #[error("rule {rule_id:?}: invalid regular expression {pattern:?}")]
    InvalidRegex {
        rule_id: String,
        pattern: String,
        #[source]
        source: Box<regex::Error>,
    },
    #[error("the keyword matcher could not be built")]
    Matcher(#[from] aho_corasick::BuildError),
    #[error("the regular expressions together are too large")]
    RegexSet(#[source] Box<regex::Error>),
    #[error("the intents' {setting} must be a number from 0 to 1, not {value}")]
    OutOfRange { setting: &'static str, value: f32 },
    #[error("intent {name:?} appears more than once")]
    DuplicateIntent { name: String },
    #[error("no intent named {name:?}")]
    UnknownIntent { name: String },
    #[error("intent {name:?} already has this example")]
    DuplicateExample { name: String },
    #[error("the example is empty once folded")]
    EmptyExample,
    #[error("{owner}: the answer holds {count} messages; LINE sends at most {max}")]
    TooManyMessages {
        owner: String,
        count: usize,
        max: usize,
    },
    #[error("{owner}: the answer has {count} quick replies; LINE shows at most {max}")]
    TooManyQuickReplies {
        owner: String,
        count: usize,
        max: usize,
    },
    #[error("{owner}: a text message has {count} characters; LINE accepts at most {max}")]
    TextTooLong {
        owner: String,
        count: usize,
        max: usize,
    },
}
