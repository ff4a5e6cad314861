//! A local Lambda Runtime API: what `lambda_runtime` talks to inside Lambda, served on
//! loopback so a function binary can be started, fed events and timed on this machine.
//!
//! Implemented (the routes `lambda_runtime` 1.x uses, API version `2018-06-01`):
//!
//! | route | answer |
//! |---|---|
//! | `GET /2018-06-01/runtime/invocation/next` | waits for an event; 200 with the payload and the `Lambda-Runtime-Aws-Request-Id`, `-Deadline-Ms`, `-Invoked-Function-Arn`, `-Trace-Id` headers |
//! | `POST /2018-06-01/runtime/invocation/{id}/response` | 202; completes the invocation with the body |
//! | `POST /2018-06-01/runtime/invocation/{id}/error` | 202; completes it as a function error |
//! | `POST /2018-06-01/runtime/init/error` | 202; fails every queued invocation with the init error |
//!
//! Not implemented: response streaming, SnapStart's `restore` routes, the Extensions
//! and Telemetry APIs. One emulator serves one function process (one "sandbox").

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, oneshot};

/// Lambda's largest synchronous payload (6 MB), with room for the error envelope.
const MAX_BODY_BYTES: usize = 7 * 1024 * 1024;

/// Why an invocation produced no outcome.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// The loopback listener could not be bound.
    #[error("cannot bind the runtime API on loopback: {0}")]
    Bind(#[source] std::io::Error),
    /// The function did not answer within the given time.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// The emulator was dropped while the invocation waited.
    #[error("the runtime API stopped before the invocation completed")]
    Stopped,
}

/// How an invocation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The function's response body (`POST .../response`).
    Response(Bytes),
    /// The function reported an error (`POST .../error`): the
    /// `Lambda-Runtime-Function-Error-Type` header, if any, and the JSON body.
    FunctionError {
        error_type: Option<String>,
        body: Bytes,
    },
    /// Initialisation failed (`POST .../init/error`) before this event was taken.
    InitError(Bytes),
}

impl Outcome {
    /// The response body, or `None` for an error of either kind.
    pub fn response(&self) -> Option<&Bytes> {
        match self {
            Outcome::Response(body) => Some(body),
            _ => None,
        }
    }
}

/// A completed invocation.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// The `Lambda-Runtime-Aws-Request-Id` it was delivered with.
    pub request_id: String,
    /// What the function answered.
    pub outcome: Outcome,
    /// When the answer arrived at the emulator (before any waiter woke up).
    pub completed_at: Instant,
}

/// An event handed to the emulator whose answer has not been awaited yet.
#[derive(Debug)]
pub struct PendingInvocation {
    request_id: String,
    answer: oneshot::Receiver<(Outcome, Instant)>,
}

impl PendingInvocation {
    /// The request id the event will be delivered with.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// Waits for the function's answer, at most `timeout`.
    pub async fn wait(self, timeout: Duration) -> Result<Invocation, EmulatorError> {
        match tokio::time::timeout(timeout, self.answer).await {
            Err(_) => Err(EmulatorError::Timeout(timeout)),
            Ok(Err(_)) => Err(EmulatorError::Stopped),
            Ok(Ok((outcome, completed_at))) => Ok(Invocation {
                request_id: self.request_id,
                outcome,
                completed_at,
            }),
        }
    }
}

struct Queued {
    request_id: String,
    payload: Bytes,
    answer: oneshot::Sender<(Outcome, Instant)>,
}

struct Shared {
    queue: mpsc::UnboundedSender<Queued>,
    next: tokio::sync::Mutex<mpsc::UnboundedReceiver<Queued>>,
    in_flight: Mutex<HashMap<String, oneshot::Sender<(Outcome, Instant)>>>,
    first_poll: OnceLock<Instant>,
    function_arn: String,
    timeout: Duration,
}

/// The runtime API of one function, on `127.0.0.1` at a port the OS picks.
///
/// The server runs on the current Tokio runtime and stops when this is dropped.
pub struct RuntimeApi {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for RuntimeApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuntimeApi")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl RuntimeApi {
    /// Starts serving for the function `function_name`, whose invocations get a
    /// deadline `timeout` after they are delivered. Costs one loopback bind.
    pub async fn start(function_name: &str, timeout: Duration) -> Result<Self, EmulatorError> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(EmulatorError::Bind)?;
        let addr = listener.local_addr().map_err(EmulatorError::Bind)?;
        let (queue, next) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            queue,
            next: tokio::sync::Mutex::new(next),
            in_flight: Mutex::new(HashMap::new()),
            first_poll: OnceLock::new(),
            function_arn: format!(
                "arn:aws:lambda:ap-northeast-1:123456789012:function:{function_name}"
            ),
            timeout,
        });
        let app = Router::new()
            .route("/2018-06-01/runtime/invocation/next", get(next_event))
            .route(
                "/2018-06-01/runtime/invocation/{id}/response",
                post(invocation_response),
            )
            .route(
                "/2018-06-01/runtime/invocation/{id}/error",
                post(invocation_error),
            )
            .route("/2018-06-01/runtime/init/error", post(init_error))
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .with_state(shared.clone());
        let server = tokio::spawn(async move {
            // Serving ends only with an accept error, which loopback does not produce.
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            addr,
            shared,
            server,
        })
    }

    /// `127.0.0.1:<port>`: the value for `AWS_LAMBDA_RUNTIME_API`.
    pub fn host_port(&self) -> String {
        self.addr.to_string()
    }

    /// Queues `payload` for the next `GET .../next`; the function may not be running
    /// yet (queue the first event before starting it, as Lambda does on a cold start).
    pub fn submit(&self, payload: impl Into<Bytes>) -> PendingInvocation {
        let request_id = uuid::Uuid::new_v4().to_string();
        let (answer, receiver) = oneshot::channel();
        let queued = Queued {
            request_id: request_id.clone(),
            payload: payload.into(),
            answer,
        };
        // The receiver lives in `shared`, which outlives this call.
        let _ = self.shared.queue.send(queued);
        PendingInvocation {
            request_id,
            answer: receiver,
        }
    }

    /// Delivers `payload` and waits for the answer, at most `timeout`.
    pub async fn invoke(
        &self,
        payload: impl Into<Bytes>,
        timeout: Duration,
    ) -> Result<Invocation, EmulatorError> {
        self.submit(payload).wait(timeout).await
    }

    /// When the function first asked for an event (its initialisation was done), if
    /// it has.
    pub fn first_poll(&self) -> Option<Instant> {
        self.shared.first_poll.get().copied()
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn millis_since_epoch(at: SystemTime) -> u128 {
    at.duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
}

/// A well-formed X-Ray trace header; nothing reads it locally.
fn trace_id() -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let epoch = millis_since_epoch(SystemTime::now()) / 1000;
    format!(
        "Root=1-{epoch:08x}-{};Parent={};Sampled=0",
        &id[..24],
        &id[16..32]
    )
}

async fn next_event(State(shared): State<Arc<Shared>>) -> Response {
    let _ = shared.first_poll.set(Instant::now());
    // One function process polls one request at a time; the lock only guards
    // against a second poller stealing half of the events.
    let queued = shared.next.lock().await.recv().await;
    let Some(queued) = queued else {
        return StatusCode::GONE.into_response();
    };
    let deadline = millis_since_epoch(SystemTime::now() + shared.timeout);
    let mut headers = HeaderMap::new();
    let mut set = |name: &'static str, value: String| {
        if let Ok(value) = HeaderValue::try_from(value) {
            headers.insert(name, value);
        }
    };
    set("lambda-runtime-aws-request-id", queued.request_id.clone());
    set("lambda-runtime-deadline-ms", deadline.to_string());
    set(
        "lambda-runtime-invoked-function-arn",
        shared.function_arn.clone(),
    );
    set("lambda-runtime-trace-id", trace_id());
    set("content-type", "application/json".to_owned());
    shared
        .in_flight
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(queued.request_id, queued.answer);
    (StatusCode::OK, headers, queued.payload).into_response()
}

fn complete(shared: &Shared, id: &str, outcome: Outcome) -> StatusCode {
    let at = Instant::now();
    let waiter = shared
        .in_flight
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(id);
    match waiter {
        Some(waiter) => {
            // The caller may have given up waiting; the answer is still accepted.
            let _ = waiter.send((outcome, at));
            StatusCode::ACCEPTED
        }
        // Lambda answers an unknown or already answered request id with 400.
        None => StatusCode::BAD_REQUEST,
    }
}

async fn invocation_response(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> StatusCode {
    complete(&shared, &id, Outcome::Response(body))
}

async fn invocation_error(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let error_type = headers
        .get("lambda-runtime-function-error-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    complete(&shared, &id, Outcome::FunctionError { error_type, body })
}

async fn init_error(State(shared): State<Arc<Shared>>, body: Bytes) -> StatusCode {
    let mut next = shared.next.lock().await;
    let at = Instant::now();
    while let Ok(queued) = next.try_recv() {
        let _ = queued.answer.send((Outcome::InitError(body.clone()), at));
    }
    StatusCode::ACCEPTED
}
