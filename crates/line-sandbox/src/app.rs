//! The running sandbox's shared context and the edge every request passes: request
//! ids, fault injection, statistics.

use crate::api_error::{ApiError, Refusal};
use crate::clock::SandboxClock;
use crate::config::{ChannelConfig, SandboxConfig};
use crate::endpoint::Endpoint;
use crate::faults::FaultDice;
use crate::rate_limit::TokenBucket;
use crate::records::Stats;
use crate::server::ConnectionKill;
use crate::state::World;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;
use uuid::Uuid;

/// Header every Messaging API answer carries.
pub const REQUEST_ID_HEADER: &str = "x-line-request-id";
/// Header of a 409: the request id the retry key was first accepted with.
pub const ACCEPTED_REQUEST_ID_HEADER: &str = "x-line-accepted-request-id";
/// Header carrying the retry key.
pub const RETRY_KEY_HEADER: &str = "x-line-retry-key";

/// The request id the edge chose for this request (also the `x-line-request-id`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RequestId(pub Uuid);

/// Everything handlers share. Built once at start-up.
#[derive(Debug)]
pub(crate) struct Shared {
    pub settings: SandboxConfig,
    pub clock: SandboxClock,
    pub channels: Vec<ChannelConfig>,
    /// Webhook URLs, changeable at runtime (the local stack may start after us).
    webhook_urls: RwLock<Vec<Option<String>>>,
    by_token: HashMap<String, u32>,
    by_channel_id: HashMap<String, u32>,
    /// `[channel][endpoint.index()]`
    buckets: Vec<Vec<TokenBucket>>,
    pub world: Mutex<World>,
    stats: Mutex<Stats>,
    pub faults: FaultDice,
    pub http: reqwest::Client,
    next_message_id: AtomicU64,
    contents: Mutex<crate::content::ContentShelf>,
    /// Rich menus per channel. Taken after the world lock when both are needed.
    rich_menus: Mutex<Vec<crate::richmenu::book::RichMenuBook>>,
}

impl Shared {
    pub fn new(settings: SandboxConfig, clock: SandboxClock) -> Self {
        let channels = settings.channels.clone();
        let mut by_token = HashMap::new();
        let mut by_channel_id = HashMap::new();
        for (i, c) in channels.iter().enumerate() {
            by_channel_id.insert(c.channel_id.clone(), i as u32);
            for t in &c.access_tokens {
                by_token.insert(t.clone(), i as u32);
            }
        }
        let buckets = channels
            .iter()
            .map(|_| {
                Endpoint::ALL
                    .iter()
                    .map(|&e| TokenBucket::new(settings.rate_limit(e), &clock))
                    .collect()
            })
            .collect();
        let world = World::new(
            channels.iter().map(|c| c.channel_id.clone()).collect(),
            channels.iter().map(|c| c.plan).collect(),
            settings.retry_key_ttl_ms as i64,
        );
        let channels_len = channels.len();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.webhook_timeout_ms))
            .user_agent("LineBotWebhook/2.0")
            .build()
            .unwrap_or_default();
        Self {
            webhook_urls: RwLock::new(channels.iter().map(|c| c.webhook_url.clone()).collect()),
            faults: FaultDice::new(settings.faults.clone()),
            settings,
            clock,
            channels,
            by_token,
            by_channel_id,
            buckets,
            world: Mutex::new(world),
            stats: Mutex::new(Stats::default()),
            http,
            next_message_id: AtomicU64::new(500_000_000_000_000_000),
            contents: Mutex::default(),
            rich_menus: Mutex::new(channels_len_books(channels_len)),
        }
    }

    pub fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().expect("world lock")
    }

    /// Message content friends sent, by message id.
    pub fn contents(&self) -> MutexGuard<'_, crate::content::ContentShelf> {
        self.contents.lock().expect("content lock")
    }

    /// Every channel's rich menus (index = channel).
    pub fn rich_menus(&self) -> MutexGuard<'_, Vec<crate::richmenu::book::RichMenuBook>> {
        self.rich_menus.lock().expect("rich menu lock")
    }

    pub fn stats(&self) -> Stats {
        self.stats.lock().expect("stats lock").clone()
    }

    pub fn count_webhook(&self) {
        self.stats.lock().expect("stats lock").webhooks_sent += 1;
    }

    /// Where `channel`'s webhooks go now.
    pub fn webhook_url(&self, channel: u32) -> Option<String> {
        self.webhook_urls.read().expect("webhook url lock")[channel as usize].clone()
    }

    /// Points `channel`'s webhooks at `url` (`None`: nowhere).
    pub fn set_webhook_url(&self, channel: u32, url: Option<String>) {
        self.webhook_urls.write().expect("webhook url lock")[channel as usize] = url;
    }

    /// The channel a bearer token belongs to.
    pub fn channel_by_token(&self, token: &str) -> Option<u32> {
        self.by_token.get(token).copied()
    }

    /// The channel with this channel id.
    pub fn channel_by_id(&self, channel_id: &str) -> Option<u32> {
        self.by_channel_id.get(channel_id).copied()
    }

    /// Takes a rate-limit token of `endpoint` for `channel`, or answers 429.
    pub fn take_token(&self, channel: u32, endpoint: Endpoint) -> Result<(), ApiError> {
        if self.buckets[channel as usize][endpoint.index()].try_take(&self.clock) {
            Ok(())
        } else {
            Err(ApiError::rate_limited())
        }
    }

    /// A fresh message id: 18 digits, like LINE's.
    pub fn message_id(&self) -> String {
        self.next_message_id
            .fetch_add(1, Ordering::Relaxed)
            .to_string()
    }

    /// Forgets traffic, statistics and rate-limit history; keeps channels, friends, faults.
    pub fn reset(&self) {
        self.world().reset_traffic();
        *self.stats.lock().expect("stats lock") = Stats::default();
        for channel in &self.buckets {
            for bucket in channel {
                bucket.refill(&self.clock);
            }
        }
    }

    fn record(
        &self,
        endpoint: Endpoint,
        status: StatusCode,
        refusal: Option<Refusal>,
        dropped: bool,
    ) {
        let mut stats = self.stats.lock().expect("stats lock");
        let s = stats.endpoints.entry(endpoint).or_default();
        s.requests += 1;
        if status.is_success() {
            s.succeeded += 1;
        }
        if dropped {
            s.dropped_connections += 1;
        }
        match refusal {
            Some(Refusal::Unauthorized) => s.unauthorized += 1,
            Some(Refusal::Forbidden) => s.forbidden += 1,
            Some(Refusal::BadRequest) => s.bad_requests += 1,
            Some(Refusal::RateLimited) => s.rate_limited += 1,
            Some(Refusal::MonthlyLimit) => s.monthly_limited += 1,
            Some(Refusal::Conflict) => s.conflicts += 1,
            Some(Refusal::NotFound) => s.not_found += 1,
            Some(Refusal::TooLarge) => s.too_large += 1,
            Some(Refusal::Injected) => s.injected_errors += 1,
            None => {}
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body())).into_response();
        if let Some(id) = self
            .accepted_request_id
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            response
                .headers_mut()
                .insert(ACCEPTED_REQUEST_ID_HEADER, id);
        }
        response.extensions_mut().insert(self.kind);
        response
    }
}

fn channels_len_books(n: usize) -> Vec<crate::richmenu::book::RichMenuBook> {
    (0..n).map(|_| Default::default()).collect()
}

/// The edge of every request: gives it a request id, applies the endpoint's faults,
/// counts the outcome, and stamps `x-line-request-id` on the answer.
pub(crate) async fn edge(
    State(shared): State<Arc<Shared>>,
    mut req: Request,
    next: Next,
) -> Response {
    let endpoint = Endpoint::from_request(req.method(), req.uri().path());
    let request_id = Uuid::new_v4();
    req.extensions_mut().insert(RequestId(request_id));
    let kill = req.extensions().get::<ConnectionKill>().cloned();

    let mut response = match endpoint {
        None => next.run(req).await,
        Some(endpoint) => {
            let fault = shared.faults.roll(endpoint);
            if !fault.latency.is_zero() {
                tokio::time::sleep(fault.latency).await;
            }
            let response = if fault.fail {
                ApiError::injected().into_response()
            } else {
                next.run(req).await
            };
            let refusal = response.extensions().get::<Refusal>().copied();
            let dropping = fault.drop_connection && kill.is_some();
            shared.record(endpoint, response.status(), refusal, dropping);
            if let (true, Some(kill)) = (dropping, kill) {
                // The work is done and recorded; the client must never hear about it.
                kill.kill();
                std::future::pending::<()>().await;
            }
            response
        }
    };
    if let Ok(value) = HeaderValue::from_str(&request_id.to_string()) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

/// The whole application: the Messaging API and the inspection API behind the edge.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .merge(crate::api::routes())
        .merge(crate::audience::routes())
        .merge(crate::insight::routes())
        .merge(crate::content::routes())
        .merge(crate::richmenu::routes())
        .merge(crate::inspect::routes())
        .fallback(|| async { ApiError::not_found() })
        .layer(axum::middleware::from_fn_with_state(shared.clone(), edge))
        .with_state(shared)
}
