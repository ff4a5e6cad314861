//! otodoke's domain model and the ports (traits) it needs. No AWS, no HTTP.
//!
//! The types here are what the product talks about — organizations and their stores,
//! LINE channels, friends (customers), quota, conversations, campaigns — and the
//! ports are what the product needs from storage and queues. Adapters live in
//! `otodoke-embedded` (in process) and `otodoke-aws` (DynamoDB, SQS); both must pass
//! the same contract tests.

pub mod audience;
pub mod automation;
pub mod campaign;
pub mod conversation;
pub mod demographic;
pub mod erasure;
pub mod error;
pub mod friend;
pub mod ids;
pub mod import;
pub mod inherit;
pub mod insight;
pub mod link;
pub mod media;
pub mod metrics;
pub mod organization;
pub mod outbound;
pub mod page;
pub mod ports;
pub mod quota;
pub mod rate;
pub mod richmenu;
pub mod sequence;
pub mod thread;

pub use error::{QueueError, StoreError};
pub use ids::*;
pub use page::{Cursor, Page, PageRequest};
