//! The contract cases, one behaviour each. Every case takes a fresh [`Adapters`]
//! and panics, naming the broken behaviour, when the adapters misbehave.
//!
//! [`Adapters`]: crate::Adapters

mod automations;
mod campaign_stats;
mod campaigns;
mod conversations;
mod enrolments;
mod friends;
mod idempotency;
mod links;
mod media;
pub(crate) mod metrics;
mod organizations;
mod queues;
mod quota;
mod rate_limit;
mod richmenus;
mod tenancy;
mod threads;

pub use automations::*;
pub use campaign_stats::*;
pub use campaigns::*;
pub use conversations::*;
pub use enrolments::*;
pub use friends::*;
pub use idempotency::*;
pub use links::*;
pub use media::*;
pub use metrics::*;
pub use organizations::*;
pub use queues::*;
pub use quota::*;
pub use rate_limit::*;
pub use richmenus::*;
pub use tenancy::*;
pub use threads::*;
