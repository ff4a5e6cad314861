//! Webhook ingest: what happens between LINE's POST and our 200.
//!
//! The order of steps is what makes a crash harmless. For each event:
//! 1. **claim** its `webhookEventId` with a short lease (a conditional put): a duplicate
//!    that was already handled is dropped here; one being handled right now makes the
//!    whole delivery fail so that LINE redelivers it later;
//! 2. **enqueue** it on the events queue (FIFO, grouped per channel and chat, deduplicated
//!    by the event id);
//! 3. **complete** the claim, which is what makes later deliveries duplicates.
//!
//! That is two DynamoDB writes per event (claim, complete) and one SQS request per
//! delivery. The customer's message is recorded in the conversation by the responder,
//! off this path (it is in the queue, so it cannot be lost: a failing event ends in
//! the dead-letter queue, from which it is redriven).
//!
//! A failure at any step abandons the claim and answers 5xx, so LINE redelivers and the
//! steps run again; step 2 is idempotent (the queue's dedup id is the event id), so
//! running it twice is harmless.
//! A crash (no chance to abandon) leaves the claim to expire after its lease, with the
//! same result. The "seen" mark is therefore written last, never before the event is safe.

mod channels;
mod envelope;
mod ingest;

pub use channels::{ChannelDirectory, ResolvedChannel};
pub use envelope::{EventEnvelope, EventView};
pub use ingest::{Ack, Ingest, IngestConfig, IngestError};
