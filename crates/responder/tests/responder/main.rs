//! The responder over real parts: the embedded adapters, the real ingest behind a local
//! webhook receiver, and the in-process LINE sandbox.

mod support;

mod automations;
mod delivery;
mod follow;
mod generative;
mod messages;
mod reports;
mod staff_chat;
mod stores;
