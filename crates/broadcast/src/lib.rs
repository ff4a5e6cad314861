//! The broadcast pipeline's domain logic: who a campaign reaches and what it would
//! cost ([`estimate`]), cutting the audience into fan-out batches with a resumable
//! checkpoint ([`planner`]), sending one batch exactly once under the channel's rate
//! limit and monthly quota ([`sender`]), and the minute-by-minute chores of the
//! scheduler ([`scheduler`]). A campaign targeted by LINE's own demographics is
//! sent as one narrowcast and followed to its end instead ([`narrowcast`]).
//!
//! Everything here talks to storage and queues through the ports of `otodoke-core`
//! and to LINE through [`line::Messenger`], so it runs the same over the embedded
//! adapters (tests, local stack) and over DynamoDB/SQS (the Lambdas).

pub mod audience;
pub mod audience_group;
pub mod error;
pub mod estimate;
pub mod insight;
pub mod line;
pub mod narrowcast;
pub mod outgoing;
pub mod planner;
pub mod ports;
pub mod retry_key;
pub mod scheduler;
pub mod sender;
pub mod testing;

pub use error::BroadcastError;
pub use estimate::{estimate, Estimate};
pub use planner::{plan, PlanOutcome, PlannerConfig, PlanningRequest};
pub use ports::Ports;
pub use sender::{send_batch, BatchOutcome, SenderConfig};
