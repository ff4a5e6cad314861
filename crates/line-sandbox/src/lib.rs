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
//!
//! # Order of checks on a send
//! fault (latency, injected 500) → bearer token (401) → rate limit (429) → body size
//! (413) and JSON (400) → `X-Line-Retry-Key` (400 on reply or if not a hyphenated
//! UUID) → body rules (400 with `details`) → retry key already accepted (409) →
//! monthly quota (429) → delivery and record → (fault: drop the connection).
//! Everything from the 409 check to the record happens under one lock.
//!
//! # Choices where LINE documents nothing precise
//! - Rate limits are token buckets holding one period's worth (200 for multicast),
//!   refilled continuously: a client pacing at the documented rate is never refused.
//! - A body over 2 MB answers 413 (LINE's documented status for it), not 400.
//! - Pushes and multicasts to well-formed ids that are not following friends are
//!   accepted (200), delivered to nobody and not counted.
//! - Each friend has the demographics LINE would estimate ([`Demographics`], fixed
//!   by the user id; about 5 % unknown per attribute). A narrowcast's
//!   `filter.demographic` is validated as LINE documents it (kinds, buckets, area
//!   codes, ranges, operators; 400 with `details`) and selects the following
//!   friends it matches; `limit.max` keeps the first ones. A filter matching fewer
//!   than [`SandboxConfig::narrowcast_min_recipients`] (50) fails in progress with
//!   error code 2 and delivers nothing. Audience `recipient`s name uploaded audience
//!   groups (`audience` module: create, add, get, list, delete with LINE's
//!   validation; IN_PROGRESS then READY), combined by `operator` and / or / not,
//!   and intersected with the demographic filter. `limit.upToRemainingQuota`
//!   sends to at most what the month has left instead of refusing.
//! - A narrowcast is counted against the quota when accepted, once per friend it
//!   delivers to; its 60 requests/hour bucket answers 429 beyond that.
//! - The plan `Standard { max_messages: None }` has no cap; `GET quota` then answers
//!   `{"type":"none"}`. [`Plan::Unlimited`] is the default, for benchmarks.
//! - Reset forgets traffic but keeps channels, friends and faults.
//! - `GET /v2/bot/followers/ids` lists following friends in creation order; its
//!   `next` token is the position to go on from, so a friend who blocks between two
//!   pages shifts nothing. `ChannelConfig::followers_api: false` plays an account
//!   that is neither verified nor premium (403). Rate: 2,000 requests a minute.
//!
//! # Inspection API (JSON, no authentication)
//! | route | what |
//! |---|---|
//! | `GET /sandbox/stats` | counters per endpoint, webhooks sent, deliveries |
//! | `GET /sandbox/channels` | channels without secrets or tokens |
//! | `GET /sandbox/requests?endpoint=push` | accepted requests of one endpoint |
//! | `GET /sandbox/requests/{requestId}` | one accepted request |
//! | `GET /sandbox/users/{userId}/deliveries` | what a user received, in order |
//! | `GET`/`PUT /sandbox/faults` | the active [`Faults`] |
//! | `POST /sandbox/reset` | forget traffic |
//! | `POST /sandbox/clock/advance` `{"ms"}` | move the sandbox clock |
//! | `PUT /sandbox/channels/{id}/webhook` `{"url"}` | change the webhook URL |
//! | `POST /sandbox/channels/{id}/webhook/verify` | the console's empty "Verify" webhook |
//! | `POST /sandbox/channels/{id}/friends` | create a friend ([`NewFriend`]) |
//! | `POST /sandbox/channels/{id}/friends/bulk` `{"count","listIds"?}` | create many |
//! | `POST /sandbox/channels/{id}/friends/{userId}/actions` | a [`FriendAction`] → webhook |
//! | `POST /sandbox/channels/{id}/events/{eventId}/redeliver` | redeliver an event |
//! | `GET /sandbox/channels/{id}/friends/{userId}/messages` | the bot's bubbles to a friend |
//! | `GET /sandbox/channels/{id}/friends/{userId}/conversation` | both sides, in order |
//! | `GET /sandbox/channels/{id}/friends/{userId}/richmenu` | the rich menu the friend sees |
//! | `POST /sandbox/channels/{id}/friends/{userId}/richmenu/tap` `{"area"}` | a tap ([`RichMenuTap`]) |
//! | `GET /sandbox/channels/{id}/richmenus/{richMenuId}/image` | a rich menu's image |
//! | `POST /sandbox/channels/{id}/friends/{userId}/view` | the friend opens the chat (LINE's impressions) |
//! | `POST /sandbox/channels/{id}/friends/{userId}/tap` `{"url"}` | the friend taps a URL (LINE's clicks) |
//!
//! # LINE's numbers
//! Aggregation units on push and multicast, statistics per unit, followers,
//! demographics and the units used this month, from the sandbox's own traffic:
//! see the `insight` module and docs/line-insight.md.
//!
//! # Rich menus
//! Every rich-menu endpoint of the Messaging API, with LINE's rules: see the
//! `richmenu` module (sizes, image format and size, one upload per menu, no default
//! or link without an image, 1,000 menus, 20 areas, unique aliases, 404s, bulk and
//! batch 202s, batch progress, rate limits). Menus survive a reset, like friends.

mod api;
mod api_error;
mod app;
mod audience;
mod clock;
mod config;
mod content;
mod demographic;
mod endpoint;
mod faults;
mod friends;
mod handle;
mod insight;
mod inspect;
mod quota;
mod rate_limit;
mod records;
mod richmenu;
mod server;
mod state;
mod validate;
mod webhook;

pub use api::MAX_BODY_BYTES;
pub use api_error::ErrorDetail;
pub use app::{ACCEPTED_REQUEST_ID_HEADER, REQUEST_ID_HEADER, RETRY_KEY_HEADER};
pub use clock::SandboxClock;
pub use config::{ChannelConfig, Plan, RateLimit, SandboxConfig};
pub use content::{generated_png, generated_rich_menu_png, ContentKind};
pub use demographic::Demographics;
pub use endpoint::{Endpoint, UnknownEndpoint};
pub use faults::{EndpointFaults, Faults};
pub use friends::{FriendProfile, NewFriend};
pub use handle::{BulkFriends, Sandbox, SandboxBuilder, SandboxHandle, StartError};
pub use records::{ChatEntry, Delivery, EndpointStats, FriendMessage, RequestRecord, Stats};
pub use richmenu::RichMenuTap;
pub use validate::{is_chat_id, is_user_id, MESSAGE_TYPES};
pub use webhook::{ActionError, FriendAction, WebhookOutcome};
