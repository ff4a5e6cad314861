//! The one-process local stack: `cargo run -p otodoke-local` starts, with no AWS
//! account and no LINE channel,
//!
//! - the LINE sandbox playing a demo channel (Light plan) whose webhooks go to
//! - the local gateway: `/webhook/{channel}` (ingest over the embedded adapters),
//!   `/admin/...` (the admin API with a dev token), the LINE simulator page
//!   (`/simulator`) and the marketer page (`/marketer`);
//! - responder workers consuming the embedded events queue;
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
//! simulator page's API), [`consumers`] (queue workers), [`web`] (the pages).
//!
//! Not wired yet: the broadcast planner, sender and scheduler (`crates/broadcast`
//! has not landed); campaigns can be created and scheduled through the admin API,
//! but nothing sends them.

pub mod clock;
pub mod consumers;
pub mod gateway;
pub mod keys;
pub mod secrets;
pub mod seed;
pub mod simulator;
pub mod stack;
pub mod web;

pub use clock::StackClock;
pub use keys::{LocalKeys, SimFriend, SimState};
pub use stack::{LocalConfig, LocalError, RunningStack, Urls};
