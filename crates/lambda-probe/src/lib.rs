//! Measuring the Lambda functions on this machine: a local Lambda Runtime API
//! ([`runtime_api`]) that starts, feeds and times a function binary, and the memory
//! figures of a process ([`proc_status`]).
//!
//! The `lambda-probe` binary uses both to measure every function's cold start and
//! peak memory under load; `hello-lambda` is the hello-world it is compared with.
//! See `docs/perf/cold-start.md`.

pub mod proc_status;
pub mod runtime_api;

pub use proc_status::{memory_of, Memory};
pub use runtime_api::{EmulatorError, Invocation, Outcome, PendingInvocation, RuntimeApi};
