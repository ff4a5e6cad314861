//! A local LINE platform: the Messaging API endpoints under LINE's rules (tokens,
//! validation, reply tokens, retry keys, rate limits, monthly quota, faults) and the
//! LINE side of webhooks (friends who follow, block and write).
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use otodoke_line_sandbox::{ChannelConfig, Sandbox};
//! let channel = ChannelConfig::new("1234567890").webhook_url("http://127.0.0.1:3000/webhook");
//! let sandbox = Sandbox::builder().channel(channel.clone()).start().await?;
//! let user = "U4af4980629b6e1f2a4b7f8a2d3e6c5b1";
//! let outcome = sandbox.friend_sends_text("1234567890", user, "hello").await?;
//! // ... the bot replies through sandbox.base_url() with outcome.reply_token ...
//! let received = sandbox.deliveries_to(user);
//! # Ok(()) }
//! ```
//!
//! The sandbox deliberately shares no message types with `otodoke-line`'s client: it
//! validates raw JSON, so it cannot inherit the client's assumptions.

mod api;
mod api_error;
mod app;
mod clock;
mod config;
mod endpoint;
mod faults;
mod friends;
mod handle;
mod inspect;
mod quota;
mod rate_limit;
mod records;
mod server;
mod state;
mod validate;
mod webhook;

pub use api::MAX_BODY_BYTES;
pub use api_error::ErrorDetail;
pub use app::{ACCEPTED_REQUEST_ID_HEADER, REQUEST_ID_HEADER, RETRY_KEY_HEADER};
pub use clock::SandboxClock;
pub use config::{ChannelConfig, Plan, RateLimit, SandboxConfig};
pub use endpoint::{Endpoint, UnknownEndpoint};
pub use faults::{EndpointFaults, Faults};
pub use friends::{FriendProfile, NewFriend};
pub use handle::{BulkFriends, Sandbox, SandboxBuilder, SandboxHandle, StartError};
pub use records::{Delivery, EndpointStats, FriendMessage, RequestRecord, Stats};
pub use validate::{is_chat_id, is_user_id, MESSAGE_TYPES};
pub use webhook::{ActionError, FriendAction, WebhookOutcome};
