//! Starting a sandbox in-process and driving it from Rust: the builder and the handle.

use crate::app::{router, Shared};
use crate::clock::SandboxClock;
use crate::config::{ChannelConfig, RateLimit, SandboxConfig};
use crate::endpoint::Endpoint;
use crate::faults::{EndpointFaults, Faults};
use crate::friends::{FriendProfile, NewFriend, UserKey};
use crate::records::{ChatEntry, Delivery, FriendMessage, RequestRecord, Stats};
use crate::validate::is_user_id;
use crate::webhook::{ActionError, FriendAction, WebhookOutcome};
use rand::Rng;
use serde::Serialize;
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Entry point: `Sandbox::builder().channel(..).start().await`.
#[derive(Debug)]
pub struct Sandbox;

impl Sandbox {
    /// A builder with LINE's default limits and timings and no channels.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder {
            config: SandboxConfig::default(),
            clock: None,
        }
    }
}

/// Why a sandbox did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("channel `{channel_id}`: {problem}")]
    InvalidChannel {
        channel_id: String,
        problem: &'static str,
    },
}

/// Collects the configuration; [`SandboxBuilder::start`] binds and serves.
#[derive(Debug, Clone)]
pub struct SandboxBuilder {
    config: SandboxConfig,
    clock: Option<SandboxClock>,
}

impl SandboxBuilder {
    /// Replaces the whole configuration (e.g. one read from a file).
    pub fn config(mut self, config: SandboxConfig) -> Self {
        self.config = config;
        self
    }

    /// Adds a channel.
    pub fn channel(mut self, channel: ChannelConfig) -> Self {
        self.config.channels.push(channel);
        self
    }

    /// Listens on `addr` instead of `127.0.0.1:0`.
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.config.listen = addr;
        self
    }

    /// Overrides LINE's rate limit of one endpoint.
    pub fn rate_limit(mut self, endpoint: Endpoint, limit: RateLimit) -> Self {
        self.config.rate_limits.insert(endpoint, limit);
        self
    }

    /// How long reply tokens stay valid (default 60 s).
    pub fn reply_token_ttl(mut self, ttl: Duration) -> Self {
        self.config.reply_token_ttl_ms = ttl.as_millis() as u64;
        self
    }

    /// How long content stays downloadable: images and videos (default 14 days),
    /// audio and files (default 7 days).
    pub fn content_ttl(mut self, media: Duration, files: Duration) -> Self {
        self.config.content_media_ttl_ms = media.as_millis() as u64;
        self.config.content_file_ttl_ms = files.as_millis() as u64;
        self
    }

    /// How long a video or audio answers 202 before its content is ready (default 0).
    pub fn content_transcoding(mut self, time: Duration) -> Self {
        self.config.content_transcoding_ms = time.as_millis() as u64;
        self
    }

    /// How long a narrowcast spends in `waiting` and in `sending` (default 200 ms).
    pub fn narrowcast_phase(mut self, phase: Duration) -> Self {
        self.config.narrowcast_phase_ms = phase.as_millis() as u64;
        self
    }

    /// How long an audience group stays `IN_PROGRESS` after an upload (default 200 ms).
    pub fn audience_ready(mut self, after: Duration) -> Self {
        self.config.audience_ready_ms = after.as_millis() as u64;
        self
    }

    /// The fewest friends a demographic narrowcast must match (default 50); fewer
    /// and it fails with LINE's error code 2.
    pub fn narrowcast_min_recipients(mut self, min: u64) -> Self {
        self.config.narrowcast_min_recipients = min;
        self
    }

    /// Insight counts under `min` answer `null` (LINE's docs: 20, the default);
    /// 0 shows every count, for a demo with a handful of friends.
    pub fn insight_min_count(mut self, min: u64) -> Self {
        self.config.insight_min_count = min;
        self
    }

    /// Makes each progress poll move a narrowcast one phase on instead.
    pub fn narrowcast_advance_on_poll(mut self, per_poll: bool) -> Self {
        self.config.narrowcast_advance_on_poll = per_poll;
        self
    }

    /// Faults active from the start.
    pub fn faults(mut self, faults: Faults) -> Self {
        self.config.faults = faults;
        self
    }

    /// Uses `clock` (keep a clone to advance it); default: a fresh wall clock.
    pub fn clock(mut self, clock: SandboxClock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Checks the channels, binds the listener and starts serving on the current
    /// Tokio runtime. Fails on a bind error or an inconsistent channel list.
    pub async fn start(self) -> Result<SandboxHandle, StartError> {
        check_channels(&self.config.channels)?;
        let addr = self.config.listen;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| StartError::Bind { addr, source })?;
        let shared = Arc::new(Shared::new(self.config, self.clock.unwrap_or_default()));
        let (shutdown, watcher) = watch::channel(false);
        tokio::spawn(crate::server::serve(
            listener,
            router(shared.clone()),
            watcher,
        ));
        Ok(SandboxHandle {
            shared,
            addr,
            shutdown,
        })
    }
}

fn check_channels(channels: &[ChannelConfig]) -> Result<(), StartError> {
    let mut ids = HashSet::new();
    let mut tokens = HashSet::new();
    for c in channels {
        let invalid = |problem| StartError::InvalidChannel {
            channel_id: c.channel_id.clone(),
            problem,
        };
        if !ids.insert(c.channel_id.as_str()) {
            return Err(invalid("the channel id is used twice"));
        }
        if !is_user_id(&c.bot_user_id) {
            return Err(invalid(
                "bot_user_id must be U followed by 32 lowercase hex digits",
            ));
        }
        if c.access_tokens.is_empty() {
            return Err(invalid("at least one access token is needed"));
        }
        if !c.access_tokens.iter().all(|t| tokens.insert(t.as_str())) {
            return Err(invalid("an access token is shared with another channel"));
        }
    }
    Ok(())
}

/// Friends created by [`SandboxHandle::add_friends`]: consecutive user ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BulkFriends {
    #[serde(skip)]
    first: u128,
    /// How many friends were created.
    pub count: u64,
}

impl BulkFriends {
    /// The `i`-th created user id (`i < count`).
    pub fn user_id(&self, i: u64) -> String {
        UserKey::from_u128(self.first + u128::from(i)).to_id()
    }

    /// Every created user id, in order. Allocates one string per id as it goes.
    pub fn user_ids(&self) -> impl Iterator<Item = String> + '_ {
        (0..self.count).map(|i| self.user_id(i))
    }
}

impl Shared {
    pub(crate) fn add_friend(
        &self,
        channel_id: &str,
        new: NewFriend,
    ) -> Result<String, ActionError> {
        let channel = self
            .channel_by_id(channel_id)
            .ok_or_else(|| ActionError::UnknownChannel(channel_id.to_owned()))?;
        let key = match &new.user_id {
            Some(id) => UserKey::parse(id).ok_or_else(|| ActionError::InvalidUserId(id.clone()))?,
            None => UserKey::from_u128(rand::rng().random::<u128>()),
        };
        let profile = FriendProfile {
            display_name: new
                .display_name
                .unwrap_or_else(|| "Sandbox Friend".to_owned()),
            picture_url: new.picture_url,
            status_message: new.status_message,
            language: new.language,
        };
        self.world().books[channel as usize].upsert(key, Some(profile), !new.blocked);
        Ok(key.to_id())
    }

    pub(crate) fn add_friends(
        &self,
        channel_id: &str,
        count: u64,
    ) -> Result<BulkFriends, ActionError> {
        let channel = self
            .channel_by_id(channel_id)
            .ok_or_else(|| ActionError::UnknownChannel(channel_id.to_owned()))?;
        let mut world = self.world();
        let book = &mut world.books[channel as usize];
        // 0xb0 marks bulk ids; the channel keeps them distinct across channels.
        let first = (0xb0u128 << 120) | (u128::from(channel) << 64) | u128::from(book.bulk_next);
        book.bulk_next += count;
        book.reserve(count as usize);
        for i in 0..count {
            book.upsert(UserKey::from_u128(first + u128::from(i)), None, true);
        }
        Ok(BulkFriends { first, count })
    }

    pub(crate) fn messages_to_friend(&self, channel_id: &str, user_id: &str) -> Vec<FriendMessage> {
        let deliveries = self.world().deliveries_to(user_id);
        deliveries
            .iter()
            .filter(|d| d.channel_id == channel_id)
            .flat_map(FriendMessage::split)
            .collect()
    }
}

/// A running sandbox. Dropping it stops the server.
#[derive(Debug)]
pub struct SandboxHandle {
    shared: Arc<Shared>,
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

impl SandboxHandle {
    /// `http://127.0.0.1:<port>`: give this to the client as LINE's base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the sandbox listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The sandbox clock; `advance` it to expire tokens and keys.
    pub fn clock(&self) -> &SandboxClock {
        &self.shared.clock
    }

    /// The channels as configured at start (webhook URLs may change since: see
    /// [`Self::webhook_url`]).
    pub fn channels(&self) -> &[ChannelConfig] {
        &self.shared.channels
    }

    /// Where `channel_id`'s webhooks go now.
    pub fn webhook_url(&self, channel_id: &str) -> Option<String> {
        self.shared
            .webhook_url(self.shared.channel_by_id(channel_id)?)
    }

    /// Points `channel_id`'s webhooks at `url` (`None`: nowhere), e.g. once the
    /// local stack's webhook function is listening.
    pub fn set_webhook_url(
        &self,
        channel_id: &str,
        url: Option<String>,
    ) -> Result<(), ActionError> {
        let channel = self
            .shared
            .channel_by_id(channel_id)
            .ok_or_else(|| ActionError::UnknownChannel(channel_id.to_owned()))?;
        self.shared.set_webhook_url(channel, url);
        Ok(())
    }

    /// Request counters per endpoint (including 429s, 409s, injected faults).
    pub fn stats(&self) -> Stats {
        self.shared.stats()
    }

    /// The active faults.
    pub fn faults(&self) -> Faults {
        self.shared.faults.get()
    }

    /// Replaces all faults and re-seeds the fault RNG.
    pub fn set_faults(&self, faults: Faults) {
        self.shared.faults.set(faults);
    }

    /// Sets the faults of one endpoint, keeping the others (re-seeds the RNG).
    pub fn set_endpoint_faults(&self, endpoint: Endpoint, faults: EndpointFaults) {
        self.shared.faults.set(self.faults().on(endpoint, faults));
    }

    /// What this sandbox's LINE estimates of `user_id` (gender, age, area, app,
    /// days as a friend), which a narrowcast's demographic filter is evaluated
    /// over; `None` for a string that is not a user id.
    pub fn demographics_of(&self, user_id: &str) -> Option<crate::Demographics> {
        crate::friends::UserKey::parse(user_id).map(crate::Demographics::of)
    }

    /// Every send `user_id` received (all channels), in acceptance order.
    pub fn deliveries_to(&self, user_id: &str) -> Vec<Delivery> {
        self.shared.world().deliveries_to(user_id)
    }

    /// The bubbles the bot of `channel_id` sent to `user_id`, with sender and quick replies.
    pub fn messages_to_friend(&self, channel_id: &str, user_id: &str) -> Vec<FriendMessage> {
        self.shared.messages_to_friend(channel_id, user_id)
    }

    /// The chat between `channel_id`'s bot and `user_id`, both sides, in order
    /// (for the LINE simulator page). Empty for an unknown channel or user.
    pub fn conversation(&self, channel_id: &str, user_id: &str) -> Vec<ChatEntry> {
        match self.shared.channel_by_id(channel_id) {
            Some(channel) => self.shared.world().conversation(channel, user_id),
            None => Vec::new(),
        }
    }

    /// One accepted request by its `x-line-request-id`.
    pub fn request(&self, request_id: &str) -> Option<RequestRecord> {
        self.shared.world().request(request_id)
    }

    /// Every accepted request of `endpoint`, in order.
    pub fn requests(&self, endpoint: Endpoint) -> Vec<RequestRecord> {
        self.shared.world().requests(endpoint)
    }

    /// `user_id` opens the chat of `channel_id`'s bot: each message they got
    /// under an aggregation unit counts as viewed (LINE's impressions). Returns
    /// how many sends were viewed; `None` for an unknown channel or friend.
    pub fn friend_views_chat(&self, channel_id: &str, user_id: &str) -> Option<usize> {
        self.shared.friend_views_chat(channel_id, user_id)
    }

    /// `user_id` taps `url` in the latest message under a unit that holds it
    /// (LINE's clicks); `None` when no such message reached them.
    pub fn friend_taps(&self, channel_id: &str, user_id: &str, url: &str) -> Option<()> {
        self.shared.friend_taps(channel_id, user_id, url)
    }

    /// Friend-deliveries recorded in total (one per recipient per request).
    pub fn delivery_count(&self) -> u64 {
        self.shared.world().delivery_count()
    }

    /// Messages counted this JST month for `channel_id` (`None`: unknown channel).
    pub fn quota_usage(&self, channel_id: &str) -> Option<u64> {
        let channel = self.shared.channel_by_id(channel_id)?;
        Some(
            self.shared
                .world()
                .usage(channel, self.shared.clock.now_epoch_ms()),
        )
    }

    /// Forgets traffic (requests, deliveries, keys, tokens, usage, stats, rate-limit
    /// history). Channels, friends and faults stay.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// Creates (or updates) a friend without sending a webhook; returns the user id.
    pub fn add_friend(&self, channel_id: &str, friend: NewFriend) -> Result<String, ActionError> {
        self.shared.add_friend(channel_id, friend)
    }

    /// Creates `count` following friends with generated profiles, for benchmarks.
    /// About 100 bytes per friend.
    pub fn add_friends(&self, channel_id: &str, count: u64) -> Result<BulkFriends, ActionError> {
        self.shared.add_friends(channel_id, count)
    }

    /// Performs `action` and POSTs its webhook; returns the receiver's answer.
    pub async fn act(
        &self,
        channel_id: &str,
        user_id: &str,
        action: FriendAction,
    ) -> Result<WebhookOutcome, ActionError> {
        self.shared.act(channel_id, user_id, action).await
    }

    /// `user_id` follows the account (a friend is created if unknown).
    pub async fn friend_follows(
        &self,
        channel_id: &str,
        user_id: &str,
    ) -> Result<WebhookOutcome, ActionError> {
        self.act(channel_id, user_id, FriendAction::Follow).await
    }

    /// `user_id` blocks the account.
    pub async fn friend_blocks(
        &self,
        channel_id: &str,
        user_id: &str,
    ) -> Result<WebhookOutcome, ActionError> {
        self.act(channel_id, user_id, FriendAction::Block).await
    }

    /// `user_id` unblocks the account.
    pub async fn friend_unblocks(
        &self,
        channel_id: &str,
        user_id: &str,
    ) -> Result<WebhookOutcome, ActionError> {
        self.act(channel_id, user_id, FriendAction::Unblock).await
    }

    /// `user_id` sends `text`.
    pub async fn friend_sends_text(
        &self,
        channel_id: &str,
        user_id: &str,
        text: &str,
    ) -> Result<WebhookOutcome, ActionError> {
        self.act(
            channel_id,
            user_id,
            FriendAction::Text {
                text: text.to_owned(),
            },
        )
        .await
    }

    /// `user_id` presses a postback action carrying `data`.
    pub async fn friend_presses_postback(
        &self,
        channel_id: &str,
        user_id: &str,
        data: &str,
    ) -> Result<WebhookOutcome, ActionError> {
        self.act(
            channel_id,
            user_id,
            FriendAction::Postback {
                data: data.to_owned(),
                display_text: None,
            },
        )
        .await
    }

    /// `user_id` sends a sticker.
    pub async fn friend_sends_sticker(
        &self,
        channel_id: &str,
        user_id: &str,
        package_id: &str,
        sticker_id: &str,
    ) -> Result<WebhookOutcome, ActionError> {
        let action = FriendAction::Sticker {
            package_id: package_id.to_owned(),
            sticker_id: sticker_id.to_owned(),
        };
        self.act(channel_id, user_id, action).await
    }

    /// `user_id` sends an image, video, audio or file of `body` (`None`: a generated
    /// PNG for an image, placeholder bytes otherwise), served on the content endpoint
    /// until it expires.
    pub async fn friend_sends_media(
        &self,
        channel_id: &str,
        user_id: &str,
        kind: crate::content::ContentKind,
        body: Option<(&str, &[u8])>,
    ) -> Result<WebhookOutcome, ActionError> {
        use base64::Engine;
        let action = FriendAction::Media {
            kind,
            content_type: body.map(|(t, _)| t.to_owned()),
            data_base64: body.map(|(_, b)| base64::engine::general_purpose::STANDARD.encode(b)),
            file_name: None,
        };
        self.act(channel_id, user_id, action).await
    }

    /// The rich menu `user_id` sees now on `channel_id` (the one a switch put on
    /// screen, else the linked one, else the default), as LINE's menu object.
    pub fn rich_menu_shown_to(
        &self,
        channel_id: &str,
        user_id: &str,
    ) -> Result<serde_json::Value, ActionError> {
        self.shared.rich_menu_shown_to(channel_id, user_id)
    }

    /// A rich menu's uploaded image, `(content type, bytes)`.
    pub fn rich_menu_image(
        &self,
        channel_id: &str,
        rich_menu_id: &str,
    ) -> Option<(String, bytes::Bytes)> {
        self.shared.rich_menu_image(channel_id, rich_menu_id)
    }

    /// `user_id` taps area `area` (0-based, in the menu's order) of the rich menu
    /// they see, and the LINE app does what the area's action says.
    pub async fn tap_rich_menu(
        &self,
        channel_id: &str,
        user_id: &str,
        area: usize,
    ) -> Result<crate::RichMenuTap, ActionError> {
        self.shared.tap_rich_menu(channel_id, user_id, area).await
    }

    /// Sends an earlier event again with `deliveryContext.isRedelivery: true`.
    pub async fn redeliver(
        &self,
        channel_id: &str,
        webhook_event_id: &str,
    ) -> Result<WebhookOutcome, ActionError> {
        self.shared.redeliver(channel_id, webhook_event_id).await
    }

    /// Sends the console's "Verify" webhook (no events); returns the receiver's status.
    pub async fn verify_webhook(&self, channel_id: &str) -> Result<u16, ActionError> {
        self.shared.verify_webhook(channel_id).await
    }

    /// Stops serving. Also happens on drop.
    pub fn shutdown(self) {}
}
