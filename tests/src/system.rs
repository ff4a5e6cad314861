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

/// The six functions of one stage.
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
    pub invocations: Arc<Mutex<Invocations>>,
    /// API Gateway's URL for LINE's webhook (`.../webhook/{channel}`).
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
    /// Builds every function of `stage` and starts API Gateway for the webhook,
    /// pointing the sandbox channel's webhook URL at it.
    pub async fn start(stage: Stage) -> System {
        let line_base = stage.sandbox.base_url();
        let invocations = Arc::new(Mutex::new(Invocations::default()));

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
            );
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
        let system = System {
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
            invocations: invocations.clone(),
            gateway_url: String::new(),
            stage,
        };
        let url = gateway(system.webhook.clone(), invocations).await;
        let channel = system.stage.channel.channel_id.clone();
        system
            .stage
            .sandbox
            .set_webhook_url(&channel, Some(format!("{url}/webhook/{channel}")))
            .expect("the sandbox knows its channel");
        System {
            gateway_url: url,
            ..system
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

    /// Puts a planning request for campaign `id` on the planning queue, as the admin
    /// API's send-now and the scheduler do.
    pub async fn request_planning(&self, id: &str) {
        self.stage
            .admin
            .sqs
            .send_message()
            .queue_url(&self.stage.planning.url)
            .message_body(json!({ "campaign_id": id }).to_string())
            .send()
            .await
            .expect("enqueue a planning request");
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

/// API Gateway (HTTP API, payload 2.0) for `POST /webhook/{channel}`: each request
/// becomes the event Lambda would get, handled by the webhook function's `handle`.
async fn gateway(ingest: Arc<Ingest>, invocations: Arc<Mutex<Invocations>>) -> String {
    use axum::body::Bytes;
    use axum::extract::{Path, State};
    use axum::http::HeaderMap;
    type Shared = (Arc<Ingest>, Arc<Mutex<Invocations>>);
    async fn post(
        State((ingest, invocations)): State<Shared>,
        Path(channel): Path<String>,
        headers: HeaderMap,
        body: Bytes,
    ) -> (axum::http::StatusCode, String) {
        let headers: serde_json::Map<String, Value> = headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), Value::from(v.to_str().ok()?))))
            .collect();
        let path = format!("/webhook/{channel}");
        let event = json!({
            "version": "2.0",
            "routeKey": "POST /webhook/{channel}",
            "rawPath": path,
            "rawQueryString": "",
            "headers": headers,
            "requestContext": {
                "accountId": crate::iam::ACCOUNT,
                "apiId": "systemtest",
                "domainName": "systemtest.execute-api.ap-northeast-1.amazonaws.com",
                "domainPrefix": "systemtest",
                "http": {"method": "POST", "path": path, "protocol": "HTTP/1.1",
                         "sourceIp": "203.0.113.10", "userAgent": "LineBotWebhook/2.0"},
                "requestId": uuid::Uuid::new_v4().simple().to_string(),
                "routeKey": "POST /webhook/{channel}",
                "stage": "$default",
                "time": "29/Nov/2026:13:00:00 +0000",
                "timeEpoch": jiff::Timestamp::now().as_millisecond(),
            },
            "pathParameters": {"channel": channel},
            "isBase64Encoded": false,
            "body": String::from_utf8_lossy(&body),
        });
        let request =
            lambda_http::request::from_str(&event.to_string()).expect("an API Gateway event");
        let started = Instant::now();
        let response = otodoke_fn_webhook::handle(&ingest, request).await;
        record(&invocations, "webhook", started.elapsed());
        let status = response.status();
        let body = match response.into_body() {
            lambda_http::Body::Text(text) => text,
            lambda_http::Body::Binary(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            _ => String::new(),
        };
        (status, body)
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route("/webhook/{channel}", axum::routing::post(post))
        .with_state((ingest, invocations));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}
