//! The reply decision for an incoming customer message. Pure: no I/O.
//!
//! A responder loads a store's [`ReplyConfig`], compiles it once into a
//! [`Responder`], and for each event calls [`decide()`] (messages, postbacks) or
//! [`greet`] (follows) with the friend's [`FriendState`]. The [`Decision`] says what
//! to send (or why not), whether staff should be told a customer is waiting, which
//! friend-state fields to persist, and the steps that led there. [`preview()`]
//! explains the same decision in full for a marketer testing rules.
//!
//! ```
//! use otodoke_autoreply::{decide, Chat, Content, FriendState, Incoming, Mode, ReplyConfig, Source};
//!
//! let config: ReplyConfig = serde_json::from_str(r#"{
//!     "store_name": "カフェおとどけ",
//!     "time_zone": "Asia/Tokyo",
//!     "hours": {"weekly": {"friday": [{"open": "10:00", "close": "20:00"}]}},
//!     "after_hours": {"answer": {"messages": [{"type": "text", "text": "{next_open}に開店します"}]}},
//!     "rules": [{"id": "coupon", "kind": "partial", "keywords": ["クーポン"],
//!                "answer": {"messages": [{"type": "text", "text": "今月のクーポンです"}]}}],
//!     "intents": {"intents": [{"name": "parking", "examples": ["駐車場はありますか"],
//!                 "answer": {"messages": [{"type": "text", "text": "3台分あります"}]}}]},
//!     "fallback": {"messages": [{"type": "text", "text": "担当者から折り返します"}]}
//! }"#).unwrap();
//! let responder = config.compile().unwrap();
//!
//! let event = Incoming {
//!     at: "2026-11-20T03:00:00Z".parse().unwrap(), // Friday 12:00 in Tokyo
//!     mode: Mode::Active,
//!     chat: Chat::User,
//!     content: Content::Text("ｸｰﾎﾟﾝください"),
//! };
//! let decision = decide(&responder, &event, &FriendState::default());
//! assert_eq!(decision.source(), Some(&Source::Rule { id: "coupon".into() }));
//! ```
//!
//! Modules, one idea each: [`fold`] (text normalisation), [`hours`] (business
//! hours), [`rules`] (keyword rules), the AI-style responder ([`intents`], with
//! [`lexicon`], [`spelling`], [`business`] lexicons, the general [`vocabulary`],
//! the kana [`readings`] of a store's words, the [`builtin`] intents every store
//! has and the [`common_questions`] every store is asked), [`teach`] (declined
//! messages and what they resemble), [`decide`](mod@decide) and
//! [`preview`](mod@preview).

pub mod builtin;
pub mod business;
pub mod common_questions;
pub mod config;
pub mod decide;
pub mod error;
pub mod fold;
pub mod hours;
pub mod intents;
pub mod lexicon;
pub mod message;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod preview;
pub mod readings;
pub mod rules;
pub mod spelling;
pub mod teach;
pub mod vocabulary;

pub use config::{AfterHours, GroupPolicy, ReplyConfig, Responder};
pub use decide::{
    decide, greet, Chat, Content, Decision, Follow, FriendState, Incoming, Mode, Outcome,
    SilentReason, Source, StateUpdate, Step, Trace,
};
pub use error::ConfigError;
pub use intents::{BuiltinIntent, Decline};
pub use message::{Answer, QuickReply, ReplyMessage};
pub use preview::{preview, Preview};
