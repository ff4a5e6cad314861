//! The functions' own handlers (`functions/*/src/lib.rs`), built over one stage's
//! clients as each `main` builds them, with API Gateway in front of the webhook and a
//! driver playing the SQS event source mappings.

use crate::world::{Queue, Stage};
use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use aws_sdk_sqs::types::{DeleteMessageBatchRequestEntry, MessageSystemAttributeName};
use jiff::SignedDuration;
use otodoke_broadcast::line::LineMessenger;
use otodoke_broadcast::planner::PlannerConfig;
use otodoke_broadcast::{Ports as BroadcastPorts, SenderConfig};
use otodoke_core::rate::RateLimit;
use otodoke_embedded::EmbeddedRateLimiter;
use otodoke_ingest::{ChannelDirectory, Ingest, IngestConfig};
use otodoke_responder::{EventHandler, LineClients, Ports as ResponderPorts, ResponderOptions};
use parking_lot::Mutex;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Lambda invocations per function, and their summed handler time.
#[derive(Debug, Clone, Default)]
pub struct Invocations {
    pub per_function: BTreeMap<String, (u64, Duration)>,
}

/// How the webhook's channel cache behaves in the tests: as in `functions/webhook`.
pub const CHANNEL_CACHE: SignedDuration = SignedDuration::from_mins(5);

/// The functions of one stage.
pub struct System {
    pub stage: Stage,
    pub webhook: Arc<Ingest>,
    pub responder: EventHandler,
    pub planner: BroadcastPorts,
    pub planner_config: PlannerConfig,
    pub sender: BroadcastPorts,
    pub sender_line: LineMessenger,
    pub sender_config: SenderConfig,
    pub scheduler: BroadcastPorts,
    pub scheduler_line: LineMessenger,
    /// functions/menus: relink jobs and finished sequences.
    pub menus: otodoke_automation::Automator,
    /// functions/admin-api: its router, as `lambda_http::run` serves it.
    pub admin: axum::Router,
    /// functions/redirect.
    pub redirect: Arc<otodoke_fn_redirect::Redirector>,
    /// functions/media: keeps customers' content in the media bucket.
    pub media: otodoke_media::Keeper,
    /// The HTTP API's JWT authorizer: the tokens it accepts and their claims.
    pub authorizer: Authorizer,
    pub invocations: Arc<Mutex<Invocations>>,
    /// API Gateway's URL: LINE's webhook (`/webhook/{channel}`), the admin API
    /// (`/admin/...`, behind the JWT authorizer) and the redirect (`/r/...`).
    pub gateway_url: String,
}

fn broadcast_ports(stage: &Stage, function: &str) -> BroadcastPorts {
    let clients = stage.clients(function);
    let stores = clients.stores(&stage.names);
    BroadcastPorts {
        orgs: Arc::new(stores.organizations),
        friends: Arc::new(stores.friends),
        campaigns: Arc::new(stores.campaigns),
        campaign_stats: Arc::new(stores.campaign_stats),
        enrolments: Arc::new(stores.enrolments),
        quota: Arc::new(stores.quota),
        idempotency: Arc::new(stores.idempotency),
        rate: Arc::new(EmbeddedRateLimiter::new()),
        fanout: Arc::new(clients.queue(&stage.fanout.url)),
        planning: Arc::new(clients.queue(&stage.planning.url)),
        after_sequence: Arc::new(clients.queue(&stage.menu_jobs.url)),
        links: None,
    }
}

impl System {
    /// Builds every function of `stage` as its `main` builds it and starts API
    /// Gateway in front of the webhook, the admin API and the redirect, pointing
    /// the sandbox channel's webhook URL at it.
    pub async fn start(stage: Stage) -> System {
        let line_base = stage.sandbox.base_url();
        let invocations = Arc::new(Mutex::new(Invocations::default()));
        // API Gateway's address first: it is the redirect's public base, which the
        // functions that send tracked links are given (OTODOKE_LINK_BASE_URL).
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        let gateway_url = format!("http://{}", listener.local_addr().unwrap());
        // otodoke_aws::secrets::link_tracking_from_env, as `function` reads it.
        let link_tracking = |function: &'static str| {
            let clients = stage.clients(function).clone();
            let (secret, base, names) = (
                stage.link_key_secret.clone(),
                gateway_url.clone(),
                stage.names.clone(),
            );
            async move {
                let (key, base) = otodoke_aws::secrets::link_tracking(
                    &clients.secrets,
                    Some(&secret),
                    Some(&base),
                )
                .await
                .unwrap_or_else(|e| panic!("{function} reads the link key: {e}"));
                otodoke_automation::LinkTracking {
                    links: Arc::new(clients.stores(&names).links),
                    key,
                    base,
                }
            }
        };

        // functions/webhook/src/main.rs
        let webhook = {
            let clients = stage.clients("webhook");
            let stores = clients.stores(&stage.names);
            Arc::new(Ingest::new(
                ChannelDirectory::new(
                    Arc::new(stores.organizations),
                    Arc::new(clients.secret_source()),
                    CHANNEL_CACHE,
                ),
                Arc::new(stores.idempotency),
                Arc::new(clients.queue(&stage.events.url)),
                IngestConfig::default(),
            ))
        };
        // functions/responder/src/main.rs
        let responder = {
            let clients = stage.clients("responder");
            let stores = clients.stores(&stage.names);
            let secrets = Arc::new(clients.secret_source());
            let ports = ResponderPorts {
                orgs: Arc::new(stores.organizations),
                friends: Arc::new(stores.friends),
                idempotency: Arc::new(stores.idempotency),
                quota: Arc::new(stores.quota),
                conversations: Arc::new(stores.conversations),
                campaigns: Arc::new(stores.campaigns),
                enrolments: Arc::new(stores.enrolments),
                secrets: secrets.clone(),
                threads: Arc::new(stores.threads),
                richmenus: Arc::new(stores.richmenus),
                automations: Arc::new(stores.automations),
                metrics: Arc::new(stores.metrics),
                media_jobs: Arc::new(clients.queue(&stage.media.url)),
            };
            let automator = otodoke_responder::automate::automator_for(
                &ports,
                &line_base,
                otodoke_responder::StaffNotifier::default(),
            )
            .with_links(link_tracking("responder").await);
            EventHandler::new(
                ports,
                LineClients::new(line_base.clone(), secrets),
                ResponderOptions::default(),
            )
            .with_automator(automator)
        };
        // functions/menus/src/main.rs
        let menus = {
            let clients = stage.clients("menus");
            let stores = clients.stores(&stage.names);
            let line = Arc::new(otodoke_inbox::LineChat::new(
                line_base.clone(),
                Arc::new(clients.secret_source()),
            ));
            otodoke_automation::Automator::new(
                otodoke_automation::AutomatorPorts {
                    friends: Arc::new(stores.friends),
                    automations: Arc::new(stores.automations),
                    menus: Arc::new(stores.richmenus),
                    enrolments: Arc::new(stores.enrolments),
                    campaigns: Arc::new(stores.campaigns),
                    orgs: Arc::new(stores.organizations),
                    quota: Arc::new(stores.quota),
                },
                line.clone(),
                line,
            )
            .with_links(link_tracking("menus").await)
        };
        let admin = admin_api(&stage, &line_base, link_tracking("admin-api").await).await;
        // functions/redirect/src/main.rs
        let redirect = {
            let clients = stage.clients("redirect");
            let tracking = link_tracking("redirect").await;
            Arc::new(otodoke_fn_redirect::Redirector {
                links: Arc::new(clients.stores(&stage.names).links),
                key: Some(tracking.key),
                jobs: Arc::new(clients.queue(&stage.menu_jobs.url)),
            })
        };
        // functions/media/src/main.rs: the sandbox serves content on its API address.
        let media = {
            let clients = stage.clients("media");
            let stores = clients.stores(&stage.names);
            let content = otodoke_media::LineContent::new(
                line_base.clone(),
                line_base.clone(),
                Arc::new(stores.organizations),
                Arc::new(clients.secret_source()),
            );
            otodoke_media::Keeper::new(
                Arc::new(content),
                Arc::new(otodoke_aws::S3Media::new(
                    clients.s3.clone(),
                    stage.media_bucket.clone(),
                )),
                Arc::new(stores.conversations),
            )
        };
        let messenger = |function: &str| {
            LineMessenger::new(
                line_base.clone(),
                Arc::new(stage.clients(function).secret_source()),
            )
        };
        // functions/sender/src/main.rs, with its defaults (rate 200/s, concurrency 10).
        let share = 200u32 / 10;
        let sender_config = SenderConfig {
            rate: RateLimit {
                allowance: 1,
                window_ms: 1_000u32.div_ceil(share),
            },
            ..SenderConfig::default()
        };
        let authorizer = Authorizer::default();
        serve_gateway(
            listener,
            Gateway {
                ingest: webhook.clone(),
                admin: admin.clone(),
                redirect: redirect.clone(),
                authorizer: authorizer.clone(),
                invocations: invocations.clone(),
            },
        );
        let channel = stage.channel.channel_id.clone();
        stage
            .sandbox
            .set_webhook_url(&channel, Some(format!("{gateway_url}/webhook/{channel}")))
            .expect("the sandbox knows its channel");
        System {
            webhook,
            responder,
            planner: broadcast_ports(&stage, "planner"),
            planner_config: PlannerConfig {
                time_budget: Some(Duration::from_secs(600)),
                ..PlannerConfig::default()
            },
            sender: broadcast_ports(&stage, "sender"),
            sender_line: messenger("sender"),
            sender_config,
            scheduler: broadcast_ports(&stage, "scheduler"),
            scheduler_line: messenger("scheduler"),
            menus,
            admin,
            redirect,
            media,
            authorizer,
            invocations,
            gateway_url,
            stage,
        }
    }

    /// Records one invocation of `function` that took `took`.
    pub fn invoked(&self, function: &str, took: Duration) {
        record(&self.invocations, function, took);
    }

    /// Plays the event source mapping of `queue` for `function` until the queue is
    /// empty (nothing visible, nothing in flight): receive up to `batch_size` with
    /// the function's credentials, invoke, delete what did not fail, and let the
    /// failures come back after `visibility` (SQS moves a message to the DLQ after
    /// the queue's maxReceiveCount receives).
    pub async fn drain<F, Fut>(
        &self,
        function: &'static str,
        queue: &Queue,
        batch_size: i32,
        visibility: Duration,
        mut handler: F,
    ) -> DrainReport
    where
        F: FnMut(SqsEvent) -> Fut,
        Fut: Future<Output = SqsBatchResponse>,
    {
        let sqs = &self.stage.clients(function).sqs;
        let mut report = DrainReport::default();
        let deadline = Instant::now() + Duration::from_secs(240);
        loop {
            assert!(
                Instant::now() < deadline,
                "{function}: the queue never drained"
            );
            let received = sqs
                .receive_message()
                .queue_url(&queue.url)
                .max_number_of_messages(batch_size)
                .visibility_timeout(visibility.as_secs().max(1) as i32)
                .message_system_attribute_names(MessageSystemAttributeName::All)
                .send()
                .await
                .expect("receive (the function's role)");
            let messages = received.messages.unwrap_or_default();
            if messages.is_empty() {
                if self.in_flight(queue).await == 0 {
                    return report;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
                continue;
            }
            let event = sqs_event(&queue.arn, &messages);
            let started = Instant::now();
            let response = handler(event).await;
            self.invoked(function, started.elapsed());
            report.batches += 1;
            let failed: HashSet<String> = response
                .batch_item_failures
                .iter()
                .map(|f| f.item_identifier.clone())
                .collect();
            report.failed += failed.len() as u64;
            let done: Vec<DeleteMessageBatchRequestEntry> = messages
                .iter()
                .filter(|m| !failed.contains(m.message_id().unwrap_or_default()))
                .enumerate()
                .map(|(i, m)| {
                    DeleteMessageBatchRequestEntry::builder()
                        .id(i.to_string())
                        .receipt_handle(m.receipt_handle().unwrap_or_default())
                        .build()
                        .unwrap()
                })
                .collect();
            report.handled += done.len() as u64;
            if !done.is_empty() {
                let deleted = sqs
                    .delete_message_batch()
                    .queue_url(&queue.url)
                    .set_entries(Some(done))
                    .send()
                    .await
                    .expect("delete (the function's role)");
                assert!(deleted.failed.is_empty(), "{:?}", deleted.failed);
            }
        }
    }

    /// Messages received but neither deleted nor visible again yet.
    async fn in_flight(&self, queue: &Queue) -> u64 {
        use aws_sdk_sqs::types::QueueAttributeName as A;
        let got = self
            .stage
            .admin
            .sqs
            .get_queue_attributes()
            .queue_url(&queue.url)
            .attribute_names(A::ApproximateNumberOfMessagesNotVisible)
            .attribute_names(A::ApproximateNumberOfMessages)
            .send()
            .await
            .expect("queue attributes");
        let attributes = got.attributes.unwrap_or_default();
        [
            A::ApproximateNumberOfMessagesNotVisible,
            A::ApproximateNumberOfMessages,
        ]
        .iter()
        .map(|a| {
            attributes
                .get(a)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        })
        .sum()
    }

    /// Bodies of the messages in `queue`'s dead-letter queue (received by the admin).
    pub async fn dead_letters(&self, queue: &Queue) -> Vec<String> {
        let got = self
            .stage
            .admin
            .sqs
            .receive_message()
            .queue_url(&queue.dead_letter_url)
            .max_number_of_messages(10)
            .send()
            .await
            .expect("receive from the DLQ");
        got.messages
            .unwrap_or_default()
            .into_iter()
            .filter_map(|m| m.body)
            .collect()
    }

    /// The responder's event source mapping (template: batch size 10).
    pub async fn run_responder(&self) -> DrainReport {
        let queue = self.stage.events.clone();
        self.drain("responder", &queue, 10, Duration::from_secs(1), |event| {
            otodoke_fn_responder::handle(
                &self.responder,
                lambda_runtime::LambdaEvent::new(event, lambda_runtime::Context::default()),
            )
        })
        .await
    }

    /// The media function's event source mapping (template: batch size 10).
    pub async fn run_media(&self) -> DrainReport {
        let queue = self.stage.media.clone();
        self.drain("media", &queue, 10, Duration::from_secs(1), |event| {
            otodoke_fn_media::handle(&self.media, event)
        })
        .await
    }

    /// The menus function's event source mapping (template: batch size 1).
    pub async fn run_menus(&self) -> DrainReport {
        let queue = self.stage.menu_jobs.clone();
        let requeue = self.stage.clients("menus").queue(&queue.url);
        self.drain("menus", &queue, 1, Duration::from_secs(1), |event| {
            otodoke_fn_menus::handle(&self.menus, &requeue, event)
        })
        .await
    }

    /// The planner's event source mapping (template: batch size 1).
    pub async fn run_planner(&self) -> DrainReport {
        let queue = self.stage.planning.clone();
        let config = self.planner_config;
        self.drain("planner", &queue, 1, Duration::from_secs(1), |event| {
            otodoke_fn_planner::handle(&self.planner, config, event)
        })
        .await
    }

    /// The sender's event source mapping (template: SenderBatchSize, default 1).
    pub async fn run_sender(&self, batch_size: i32) -> DrainReport {
        let queue = self.stage.fanout.clone();
        self.drain(
            "sender",
            &queue,
            batch_size,
            Duration::from_secs(1),
            |event| {
                otodoke_fn_sender::handle(
                    &self.sender,
                    &self.sender_line,
                    &self.sender_config,
                    event,
                )
            },
        )
        .await
    }

    /// One scheduler run at `now` (EventBridge's tick).
    pub async fn run_scheduler(&self, now: jiff::Timestamp) -> otodoke_fn_scheduler::RunReport {
        let started = Instant::now();
        let report = otodoke_fn_scheduler::handle(&self.scheduler, &self.scheduler_line, now)
            .await
            .expect("scheduler run");
        self.invoked("scheduler", started.elapsed());
        report
    }
}

/// What one drain did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DrainReport {
    pub batches: u64,
    pub handled: u64,
    pub failed: u64,
}

fn record(invocations: &Mutex<Invocations>, function: &str, took: Duration) {
    let mut all = invocations.lock();
    let entry = all.per_function.entry(function.to_owned()).or_default();
    entry.0 += 1;
    entry.1 += took;
}

/// The SQS event the event source mapping builds from `messages`.
pub fn sqs_event(queue_arn: &str, messages: &[aws_sdk_sqs::types::Message]) -> SqsEvent {
    let records: Vec<Value> = messages
        .iter()
        .map(|m| {
            let attributes: serde_json::Map<String, Value> = m
                .attributes()
                .map(|a| {
                    a.iter()
                        .map(|(k, v)| (k.as_str().to_owned(), Value::from(v.as_str())))
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "messageId": m.message_id(),
                "receiptHandle": m.receipt_handle(),
                "body": m.body(),
                "attributes": attributes,
                "messageAttributes": {},
                "md5OfBody": m.md5_of_body(),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": crate::iam::REGION,
            })
        })
        .collect();
    serde_json::from_value(json!({ "Records": records })).expect("an SQS event")
}

/// The admin API as functions/admin-api/src/main.rs builds it (`Ports::aws`), over
/// `stage`'s admin-api clients. As in AWS: the link key read from the template's
/// `LinkKeySecret` and the redirect's base from `OTODOKE_LINK_BASE_URL` (the stack's
/// `LinkBaseUrl`); staff invited into the stage's Cognito pool
/// (`OTODOKE_USER_POOL_ID`).
async fn admin_api(
    stage: &Stage,
    line_base: &str,
    link_tracking: otodoke_automation::LinkTracking,
) -> axum::Router {
    use otodoke_fn_admin_api::aws::AwsParts;
    use otodoke_fn_admin_api::{
        router, AppState, AuthMode, CognitoDirectory, Ports, SecretsManagerWriter,
    };
    let clients = stage.clients("admin-api");
    let ports = Ports::aws(AwsParts {
        stores: clients.stores(&stage.names),
        line_base_url: line_base.to_owned(),
        tokens: Arc::new(clients.secret_source()),
        secrets: Arc::new(SecretsManagerWriter::new(
            clients.secrets.clone(),
            stage.secret_prefix.clone(),
        )),
        directory: Arc::new(CognitoDirectory::new(
            clients.cognito.clone(),
            stage.user_pool_id.clone(),
        )),
        planning: Arc::new(clients.queue(&stage.planning.url)),
        menu_jobs: Arc::new(clients.queue(&stage.menu_jobs.url)),
        media: Arc::new(ServableMedia {
            inner: otodoke_aws::S3Media::new(clients.s3.clone(), stage.media_bucket.clone()),
            s3: clients.s3.clone(),
            bucket: stage.media_bucket.clone(),
        }),
        link_tracking: Some((link_tracking.key, link_tracking.base)),
    });
    // The HTTP API's JWT authorizer checks the token before the Lambda runs.
    router(AppState::new(ports, AuthMode::LambdaJwt))
}

/// The admin API's `S3Media`, but for one call moto cannot serve under IAM
/// enforcement: `delete_prefix` (a customer's erasure) lists a prefix with `/` in
/// it, whose signature moto then fails for any user, and deletes with
/// DeleteObjects, which moto refuses object by object although `s3:DeleteObject`
/// on the bucket's objects allows it. Here it lists the bucket without a prefix
/// and deletes each object: the same IAM actions on the same resources
/// (`s3:ListBucket` on the bucket, `s3:DeleteObject` per object), judged by moto
/// and the Observer alike.
pub struct ServableMedia {
    inner: otodoke_aws::S3Media,
    s3: aws_sdk_s3::Client,
    bucket: String,
}

#[async_trait::async_trait]
impl otodoke_core::ports::MediaStore for ServableMedia {
    async fn put(
        &self,
        key: &otodoke_core::media::MediaKey,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<(), otodoke_core::StoreError> {
        self.inner.put(key, content_type, body).await
    }

    async fn get(
        &self,
        key: &otodoke_core::media::MediaKey,
    ) -> Result<Option<otodoke_core::media::StoredMedia>, otodoke_core::StoreError> {
        self.inner.get(key).await
    }

    async fn url(
        &self,
        key: &otodoke_core::media::MediaKey,
        valid_for: SignedDuration,
    ) -> Result<String, otodoke_core::StoreError> {
        self.inner.url(key, valid_for).await
    }

    async fn delete(
        &self,
        key: &otodoke_core::media::MediaKey,
    ) -> Result<(), otodoke_core::StoreError> {
        self.inner.delete(key).await
    }

    async fn delete_prefix(
        &self,
        prefix: &otodoke_core::media::MediaPrefix,
    ) -> Result<u64, otodoke_core::StoreError> {
        let unavailable = |e: String| otodoke_core::StoreError::Unavailable(e.into());
        let mut keys = Vec::new();
        let mut token = None;
        loop {
            let page = self
                .s3
                .list_objects_v2()
                .bucket(&self.bucket)
                .set_continuation_token(token.take())
                .send()
                .await
                .map_err(|e| unavailable(format!("ListObjectsV2: {e:?}")))?;
            keys.extend(
                page.contents()
                    .iter()
                    .filter_map(|o| o.key())
                    .filter(|k| k.starts_with(prefix.as_str()))
                    .map(str::to_owned),
            );
            match page.next_continuation_token() {
                Some(next) if page.is_truncated() == Some(true) => token = Some(next.to_owned()),
                _ => break,
            }
        }
        for key in &keys {
            self.s3
                .delete_object()
                .bucket(&self.bucket)
                .key(key)
                .send()
                .await
                .map_err(|e| unavailable(format!("DeleteObject: {e:?}")))?;
        }
        Ok(keys.len() as u64)
    }
}

/// The HTTP API's JWT authorizer (`AdminJwt`): which bearer tokens verify, and the
/// claims each carries (what API Gateway passes in `requestContext.authorizer.jwt`).
/// A token stands for a Cognito ID token the test signed in for; the signature
/// check itself is API Gateway's and not the system's.
#[derive(Clone, Default)]
pub struct Authorizer {
    tokens: Arc<Mutex<BTreeMap<String, serde_json::Map<String, Value>>>>,
}

impl Authorizer {
    /// A token for staff `sub` of `org`, with the claims of a Cognito ID token
    /// (every value a string, as API Gateway passes them).
    pub fn issue(&self, org: &str, sub: &str, email: &str) -> String {
        let token = format!("test-jwt-{}", uuid::Uuid::new_v4().simple());
        let now = jiff::Timestamp::now().as_second();
        let claims = json!({
            "sub": sub,
            "custom:org": org,
            "email": email,
            "email_verified": "true",
            "token_use": "id",
            "aud": "systemtestclient",
            "iss": format!("https://cognito-idp.{}.amazonaws.com/{}_systemtest", crate::iam::REGION, crate::iam::REGION),
            "auth_time": now.to_string(),
            "iat": now.to_string(),
            "exp": (now + 3600).to_string(),
        });
        let Value::Object(claims) = claims else {
            unreachable!()
        };
        self.tokens.lock().insert(token.clone(), claims);
        token
    }

    /// The claims of `authorization` (the header; API Gateway accepts the token
    /// with or without `Bearer `), `None` when it does not verify.
    fn verify(&self, authorization: Option<&str>) -> Option<serde_json::Map<String, Value>> {
        let value = authorization?;
        let token = value.strip_prefix("Bearer ").unwrap_or(value);
        self.tokens.lock().get(token).cloned()
    }
}

/// What API Gateway routes to.
#[derive(Clone)]
struct Gateway {
    ingest: Arc<Ingest>,
    admin: axum::Router,
    redirect: Arc<otodoke_fn_redirect::Redirector>,
    authorizer: Authorizer,
    invocations: Arc<Mutex<Invocations>>,
}

/// The payload 2.0 event of one request on route `route_key`.
fn http_api_event(
    route_key: &str,
    method: &axum::http::Method,
    uri: &axum::http::Uri,
    headers: &axum::http::HeaderMap,
    path_parameters: Value,
    authorizer: Option<serde_json::Map<String, Value>>,
    body: &[u8],
) -> lambda_http::Request {
    // API Gateway joins repeated headers with commas and lower-cases names.
    let mut joined: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in headers {
        let Ok(v) = v.to_str() else { continue };
        joined
            .entry(k.as_str().to_owned())
            .and_modify(|e| {
                e.push(',');
                e.push_str(v);
            })
            .or_insert_with(|| v.to_owned());
    }
    let user_agent = joined.get("user-agent").cloned().unwrap_or_default();
    // A body that is not text (an image upload) comes base64-encoded, as API
    // Gateway passes binary payloads.
    let (body, is_base64) = match std::str::from_utf8(body) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => {
            use base64::Engine;
            (base64::engine::general_purpose::STANDARD.encode(body), true)
        }
    };
    let mut context = json!({
        "accountId": crate::iam::ACCOUNT,
        "apiId": "systemtest",
        "domainName": "systemtest.execute-api.ap-northeast-1.amazonaws.com",
        "domainPrefix": "systemtest",
        "http": {"method": method.as_str(), "path": uri.path(), "protocol": "HTTP/1.1",
                 "sourceIp": "203.0.113.10", "userAgent": user_agent},
        "requestId": uuid::Uuid::new_v4().simple().to_string(),
        "routeKey": route_key,
        "stage": "$default",
        "time": "29/Nov/2026:13:00:00 +0000",
        "timeEpoch": jiff::Timestamp::now().as_millisecond(),
    });
    if let Some(claims) = authorizer {
        context["authorizer"] = json!({"jwt": {"claims": claims, "scopes": null}});
    }
    let event = json!({
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": uri.path(),
        "rawQueryString": uri.query().unwrap_or_default(),
        "headers": joined,
        "requestContext": context,
        "pathParameters": path_parameters,
        "isBase64Encoded": is_base64,
        "body": body,
    });
    lambda_http::request::from_str(&event.to_string()).expect("an API Gateway event")
}

/// A Lambda response as API Gateway gives it back to the caller.
fn to_http(response: http::Response<lambda_http::Body>) -> axum::response::Response {
    let (parts, body) = response.into_parts();
    let bytes = match body {
        lambda_http::Body::Text(text) => text.into_bytes(),
        lambda_http::Body::Binary(bytes) => bytes,
        _ => Vec::new(),
    };
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// API Gateway (HTTP API, payload 2.0) as the template routes it: `POST
/// /webhook/{channel}` to the webhook function (no authorizer), `ANY
/// /admin/{proxy+}` to the admin API behind the JWT authorizer (no verified token:
/// 401 without invoking the function, as API Gateway answers), `GET /r/{proxy+}` to
/// the redirect. Each request becomes the event Lambda would get, handled by the
/// function's own handler.
fn serve_gateway(listener: tokio::net::TcpListener, gateway: Gateway) {
    use axum::body::Bytes;
    use axum::extract::{Path, State};
    use axum::http::{HeaderMap, Method, StatusCode, Uri};
    use axum::response::{IntoResponse, Response};
    async fn webhook(
        State(g): State<Gateway>,
        Path(channel): Path<String>,
        method: Method,
        uri: Uri,
        headers: HeaderMap,
        body: Bytes,
    ) -> Response {
        let request = http_api_event(
            "POST /webhook/{channel}",
            &method,
            &uri,
            &headers,
            json!({ "channel": channel }),
            None,
            &body,
        );
        let started = Instant::now();
        let response = otodoke_fn_webhook::handle(&g.ingest, request).await;
        record(&g.invocations, "webhook", started.elapsed());
        to_http(response)
    }
    async fn admin(
        State(g): State<Gateway>,
        Path(proxy): Path<String>,
        method: Method,
        uri: Uri,
        headers: HeaderMap,
        body: Bytes,
    ) -> Response {
        let authorization = headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        let Some(claims) = g.authorizer.verify(authorization) else {
            return (
                StatusCode::UNAUTHORIZED,
                [(http::header::CONTENT_TYPE, "application/json")],
                r#"{"message":"Unauthorized"}"#,
            )
                .into_response();
        };
        let request = http_api_event(
            "ANY /admin/{proxy+}",
            &method,
            &uri,
            &headers,
            json!({ "proxy": proxy }),
            Some(claims),
            &body,
        );
        let started = Instant::now();
        let response = tower::ServiceExt::oneshot(g.admin.clone(), request)
            .await
            .expect("the router is infallible");
        record(&g.invocations, "admin-api", started.elapsed());
        response
    }
    async fn redirect(
        State(g): State<Gateway>,
        Path(proxy): Path<String>,
        method: Method,
        uri: Uri,
        headers: HeaderMap,
    ) -> Response {
        let request = http_api_event(
            "GET /r/{proxy+}",
            &method,
            &uri,
            &headers,
            json!({ "proxy": proxy }),
            None,
            b"",
        );
        // functions/redirect/src/main.rs's service_fn.
        let started = Instant::now();
        let ua = request
            .headers()
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok());
        let answer = g
            .redirect
            .respond(
                request.method(),
                request.uri().path(),
                ua,
                jiff::Timestamp::now(),
            )
            .await;
        record(&g.invocations, "redirect", started.elapsed());
        to_http(answer.map(lambda_http::Body::from))
    }
    let app = axum::Router::new()
        .route("/webhook/{channel}", axum::routing::post(webhook))
        .route("/admin/{*proxy}", axum::routing::any(admin))
        .route("/r/{*proxy}", axum::routing::get(redirect))
        .with_state(gateway);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
}
