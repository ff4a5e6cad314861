//! The one-process local stack: `cargo run -p otodoke-local` starts, with no AWS
//! account and no LINE channel,
//!
//! - the LINE sandbox playing a demo channel (Light plan) whose webhooks go to
//! - the local gateway: `/webhook/{channel}` (ingest over the embedded adapters),
//!   `/admin/...` (the admin API with a dev token), the LINE simulator page
//!   (`/simulator`) and the marketer page (`/marketer`);
//! - responder workers consuming the embedded events queue, and the broadcast
//!   pipeline: a scheduler tick, a planner on the planning queue and senders on the
//!   fan-out queue;
//! - a demo organization, store, rules and intents, seeded on first start and kept
//!   with everything else in `.otodoke/local-state.json` across restarts.
//!
//! ```no_run
//! # async fn demo() -> Result<(), otodoke_local::LocalError> {
//! use otodoke_local::{LocalConfig, RunningStack};
//! let stack = RunningStack::start(LocalConfig::ephemeral(None)).await?;
//! println!("open {}", stack.urls().simulator);
//! # Ok(()) }
//! ```
//!
//! Modules, one idea each: [`stack`] (start and stop), [`seed`] (the demo data),
//! [`keys`] (credentials and simulator friends kept beside the state file),
//! [`secrets`] (one secret source for ingest, responder and admin API), [`clock`]
//! (one clock for every part), [`gateway`] (the HTTP routes), [`simulator`] (the
//! simulator page's API), [`consumers`] (the responder workers), [`broadcast`]
//! (scheduler, planner and senders), [`web`] (the pages), [`console`] (the built
//! web console and its sign-in config).

pub mod broadcast;
pub mod clock;
pub mod console;
pub mod consumers;
pub mod gateway;
pub mod keys;
pub mod media;
pub mod platform;
pub mod secrets;
pub mod seed;
pub mod simulator;
pub mod stack;
pub mod web;

pub use clock::StackClock;
pub use keys::{LocalKeys, SimFriend, SimState};
pub use stack::{LocalConfig, LocalError, RunningStack, Urls};
