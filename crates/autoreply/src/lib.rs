//! The reply decision for an incoming customer message. Pure: no I/O.
//!
//! A responder loads a store's [`ReplyConfig`], compiles it once into a
//! [`Responder`], and for each event calls [`decide()`] (messages, postbacks) or
//! [`greet`] (follows) with the friend's [`FriendState`]. The [`Decision`] says what
//! to send (or why not), whether staff should be told a customer is waiting, which
//! friend-state fields to persist, and the steps that led there. [`preview()`]
//! explains the same decision in full for a marketer testing rules.
//!
//! Modules, one idea each: [`fold`] (text normalisation), [`hours`] (business
//! hours), [`rules`] (keyword rules), [`lexicon`] and [`intents`] (the AI-style
//! responder), [`decide`](mod@decide) and [`preview`](mod@preview).

pub mod config;
pub mod decide;
pub mod error;
pub mod fold;
pub mod hours;
pub mod intents;
pub mod lexicon;
pub mod message;
pub mod preview;
pub mod rules;

pub use config::{AfterHours, GroupPolicy, ReplyConfig, Responder};
pub use decide::{
    decide, greet, Chat, Content, Decision, Follow, FriendState, Incoming, Mode, Outcome,
    SilentReason, Source, StateUpdate, Step, Trace,
};
pub use error::ConfigError;
pub use message::{Answer, QuickReply, ReplyMessage};
pub use preview::{preview, Preview};
