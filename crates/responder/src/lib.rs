//! The responder: answers one queued LINE event (an [`EventEnvelope`] from the events
//! queue) exactly once.
//!
//! [`EventHandler::handle`] claims `respond:<channel>:<webhookEventId>` in the
//! idempotency store, acts on the event, and completes the claim; on an error it
//! abandons the claim and returns the error, so that the queue redelivers the event
//! and the next attempt starts afresh. Per event type:
//!
//! - `follow`: profile, friend record (channel link, store assignment), step-sequence
//!   enrolments, then the greeting (or unblock greeting);
//! - `unfollow`: the channel link becomes blocked and enrolments stop;
//! - `message` and `postback`: the customer's message is recorded in the history and
//!   (1:1 chats) the staff inbox's thread ([`inbox`]); a customer asking for a person
//!   hands the chat to staff; the store's compiled rules decide ([`otodoke_autoreply`]),
//!   optionally helped by a generative intent backend ([`generative`]), the answer is
//!   sent with the reply token (or pushed, or recorded as missed, see
//!   [`ExpiredReplyPolicy`]), recorded in the conversation, and staff are notified
//!   when a customer waits for a person;
//! - `unsend`: the stored message is hidden;
//! - anything else: logged and completed.
//!
//! Modules, one idea each: [`options`] (per-store settings), [`line_clients`] (one LINE
//! client per channel), [`compiled`] (compiled reply configurations per store),
//! [`generative`] (the chat-completions intent backend), [`notify`] (the staff
//! webhook), [`outbound`] (answers as LINE messages and conversation entries),
//! [`batch`] (the reads a batch's events share), [`inbox`] (what the staff inbox records), [`count`] (what an event adds to the
//! report counters), [`handler`] (the orchestration).
//!
//! [`EventEnvelope`]: otodoke_ingest::EventEnvelope

pub mod automate;
pub mod batch;
pub mod compiled;
pub mod count;
pub mod error;
pub mod generative;
pub mod handler;
pub mod inbox;
pub mod line_clients;
pub mod notify;
pub mod options;
pub mod outbound;

pub use batch::Batch;
pub use compiled::CompiledConfigs;
pub use error::RespondError;
pub use generative::{ChatCompletions, IntentOracle, OracleError};
pub use handler::{EventHandler, Handled, Miss, Ports};
pub use line_clients::LineClients;
pub use notify::{StaffNotice, StaffNotifier};
pub use options::{ExpiredReplyPolicy, GenerativeSettings, ResponderOptions, StoreOptions};
