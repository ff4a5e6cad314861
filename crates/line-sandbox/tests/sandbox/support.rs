//! Shared test harness: an in-process sandbox with one channel, a webhook receiver
//! that records what LINE posted, and a plain reqwest client.

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use otodoke_line_sandbox::{ChannelConfig, SandboxBuilder, SandboxHandle, REQUEST_ID_HEADER};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU16, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A received webhook: headers and the exact body bytes.
#[derive(Debug, Clone)]
pub struct Hook {
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Hook {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("webhook body is JSON")
    }
}

/// The bot's webhook endpoint, as far as tests need one.
#[derive(Debug, Clone, Default)]
pub struct Receiver {
    pub hooks: Arc<Mutex<Vec<Hook>>>,
    pub status: Arc<AtomicU16>,
    pub delay_ms: Arc<AtomicU64>,
}

impl Receiver {
    pub fn last(&self) -> Hook {
        self.hooks
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("a webhook arrived")
    }

    pub fn answer_after(&self, delay: std::time::Duration) {
        self.delay_ms
            .store(delay.as_millis() as u64, Ordering::SeqCst);
    }

    pub fn answer_with(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    /// Serves the receiver on an ephemeral port; returns its webhook URL.
    pub async fn start(&self) -> String {
        self.status.store(200, Ordering::SeqCst);
        let me = self.clone();
        let app = Router::new().route(
            "/webhook",
            post(move |headers: HeaderMap, body: Bytes| {
                let me = me.clone();
                async move {
                    me.hooks.lock().unwrap().push(Hook { headers, body });
                    let delay = me.delay_ms.load(Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
                    StatusCode::from_u16(me.status.load(Ordering::SeqCst)).unwrap()
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        format!("http://{addr}/webhook")
    }
}

/// One answer of the sandbox.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or_default()
    }

    pub fn request_id(&self) -> String {
        self.header(REQUEST_ID_HEADER)
            .expect("x-line-request-id is present")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    }

    /// The `property` of every detail.
    pub fn properties(&self) -> Vec<String> {
        self.body["details"]
            .as_array()
            .map(|d| {
                d.iter()
                    .map(|d| d["property"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub const CHANNEL: &str = "1650000001";

/// A sandbox, its channel, a webhook receiver and a client.
pub struct Env {
    pub sandbox: SandboxHandle,
    pub channel: ChannelConfig,
    pub receiver: Receiver,
    pub http: reqwest::Client,
}

/// A user id made from a number, so tests can name users `user(1)`, `user(2)`.
pub fn user(n: u32) -> String {
    format!("U{n:032x}")
}

pub fn text(t: &str) -> Value {
    json!({"type": "text", "text": t})
}

pub async fn start() -> Env {
    start_with(|c| c, |b| b).await
}

/// Starts with the channel and builder adjusted by the closures.
pub async fn start_with(
    channel: impl FnOnce(ChannelConfig) -> ChannelConfig,
    builder: impl FnOnce(SandboxBuilder) -> SandboxBuilder,
) -> Env {
    let receiver = Receiver::default();
    let url = receiver.start().await;
    let channel = channel(ChannelConfig::new(CHANNEL).webhook_url(url));
    let sandbox = builder(otodoke_line_sandbox::Sandbox::builder().channel(channel.clone()))
        .start()
        .await
        .expect("the sandbox starts");
    Env {
        sandbox,
        channel,
        receiver,
        http: reqwest::Client::new(),
    }
}

impl Env {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> Answer {
        let res = req.send().await.expect("the sandbox answers");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.unwrap();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    /// POSTs `body` to a Messaging API path with the channel's token.
    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(
            self.http
                .post(self.url(path))
                .bearer_auth(self.channel.token())
                .json(&body),
        )
        .await
    }

    /// POSTs with a retry key.
    pub async fn post_keyed(&self, path: &str, key: &str, body: Value) -> Answer {
        let req = self
            .http
            .post(self.url(path))
            .bearer_auth(self.channel.token())
            .header("X-Line-Retry-Key", key);
        self.send(req.json(&body)).await
    }

    /// GETs a Messaging API path with the channel's token.
    pub async fn get(&self, path: &str) -> Answer {
        self.send(
            self.http
                .get(self.url(path))
                .bearer_auth(self.channel.token()),
        )
        .await
    }

    /// A friend who follows (created through a follow webhook).
    pub async fn follower(&self, n: u32) -> String {
        let id = user(n);
        let outcome = self
            .sandbox
            .friend_follows(CHANNEL, &id)
            .await
            .expect("follow webhook delivered");
        assert_eq!(outcome.status, 200);
        id
    }

    pub async fn push(&self, to: &str, message: Value) -> Answer {
        self.post(
            "/v2/bot/message/push",
            json!({"to": to, "messages": [message]}),
        )
        .await
    }
}
