//! The client against a scripted local server: each test queues the exact answers
//! LINE would give and checks what the client sent and concluded.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::*;
use crate::ValidationError;

/// One scripted answer.
pub(super) enum Step {
    Answer {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// Wait this long before answering 200: longer than the client's timeout.
    Hang(Duration),
}

pub(super) fn answer(status: u16, body: &str) -> Step {
    Step::Answer {
        status,
        headers: vec![("x-line-request-id", format!("req-{status}"))],
        body: body.to_owned(),
    }
}

/// What the client sent.
#[derive(Debug, Clone)]
pub(super) struct Recorded {
    pub(super) method: String,
    pub(super) path_and_query: String,
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
}

#[derive(Default)]
struct Script {
    steps: Mutex<VecDeque<Step>>,
    seen: Mutex<Vec<Recorded>>,
}

pub(super) struct FakeLine {
    script: Arc<Script>,
    base_url: String,
}

impl FakeLine {
    pub(super) async fn start(steps: Vec<Step>) -> Self {
        let script = Arc::new(Script {
            steps: Mutex::new(steps.into()),
            seen: Mutex::default(),
        });
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        FakeLine { script, base_url }
    }

    pub(super) fn client(&self) -> LineClient {
        let config = ClientConfig::new("test-token")
            .with_base_url(&self.base_url)
            .with_timeouts(Duration::from_secs(1), Duration::from_millis(300))
            .with_retry(RetryPolicy {
                max_attempts: 4,
                base_delay: Duration::from_millis(1),
                max_delay: Duration::from_millis(5),
            });
        LineClient::new(config).unwrap()
    }

    pub(super) fn base_url(&self) -> &str {
        &self.base_url
    }

    pub(super) fn seen(&self) -> Vec<Recorded> {
        self.script.seen.lock().unwrap().clone()
    }
}

async fn handle(State(script): State<Arc<Script>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    script.seen.lock().unwrap().push(Recorded {
        method: parts.method.to_string(),
        path_and_query: parts.uri.path_and_query().unwrap().to_string(),
        headers: parts.headers,
        body,
    });
    let step = script.steps.lock().unwrap().pop_front();
    match step.unwrap_or_else(|| answer(200, "{}")) {
        Step::Answer {
            status,
            headers,
            body,
        } => {
            let mut response = (StatusCode::from_u16(status).unwrap(), body).into_response();
            for (name, value) in headers {
                response.headers_mut().insert(name, value.parse().unwrap());
            }
            response
        }
        Step::Hang(duration) => {
            tokio::time::sleep(duration).await;
            (StatusCode::OK, "{}").into_response()
        }
    }
}

fn retry_key(recorded: &Recorded) -> Option<Uuid> {
    recorded
        .headers
        .get(RETRY_KEY_HEADER)
        .map(|value| value.to_str().unwrap().parse().unwrap())
}

fn hi() -> Vec<Message> {
    vec![Message::text("hi")]
}

#[tokio::test]
async fn push_sends_token_json_and_a_fresh_uuid_v4_retry_key() {
    let line = FakeLine::start(vec![answer(
        200,
        r#"{"sentMessages":[{"id":"m1","quoteToken":"q1"}]}"#,
    )])
    .await;
    let sent = line
        .client()
        .push("U1", &hi(), SendOptions::default())
        .await
        .unwrap();

    let seen = line.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path_and_query, "/v2/bot/message/push");
    assert_eq!(seen[0].headers["authorization"], "Bearer test-token");
    assert_eq!(seen[0].headers["content-type"], "application/json");
    let key = retry_key(&seen[0]).expect("push carries a retry key");
    assert_eq!(key.get_version_num(), 4);
    assert_eq!(sent.value.retry_key, Some(key));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&seen[0].body).unwrap(),
        json!({"to": "U1", "messages": [{"type": "text", "text": "hi"}]})
    );
    assert_eq!(sent.request_id.as_deref(), Some("req-200"));
    assert_eq!(sent.value.acceptance, Acceptance::Accepted);
    assert_eq!(
        sent.value.sent_messages[0].quote_token.as_deref(),
        Some("q1")
    );
}

#[tokio::test]
async fn every_quota_send_carries_the_callers_retry_key_when_given() {
    let line = FakeLine::start(vec![]).await;
    let client = line.client();
    let key = Uuid::new_v4();
    let options = || SendOptions::with_retry_key(key);
    client.push("U1", &hi(), options()).await.unwrap();
    client
        .multicast(&["U1", "U2"], &hi(), options())
        .await
        .unwrap();
    let narrowcast = Narrowcast {
        messages: hi(),
        ..Narrowcast::default()
    };
    client.narrowcast(&narrowcast, options()).await.unwrap();
    client.broadcast(&hi(), options()).await.unwrap();

    let seen = line.seen();
    let paths: Vec<_> = seen.iter().map(|r| r.path_and_query.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/v2/bot/message/push",
            "/v2/bot/message/multicast",
            "/v2/bot/message/narrowcast",
            "/v2/bot/message/broadcast"
        ]
    );
    assert!(seen.iter().all(|r| retry_key(r) == Some(key)));
}

#[tokio::test]
async fn sends_without_a_callers_key_each_get_a_different_one() {
    let line = FakeLine::start(vec![]).await;
    let client = line.client();
    client
        .broadcast(&hi(), SendOptions::default())
        .await
        .unwrap();
    client
        .broadcast(&hi(), SendOptions::default())
        .await
        .unwrap();
    let seen = line.seen();
    assert_ne!(retry_key(&seen[0]).unwrap(), retry_key(&seen[1]).unwrap());
}

#[tokio::test]
async fn reply_never_sends_a_retry_key() {
    let line = FakeLine::start(vec![]).await;
    let sent = line.client().reply("token-1", &hi()).await.unwrap();
    let seen = line.seen();
    assert_eq!(seen[0].path_and_query, "/v2/bot/message/reply");
    assert!(seen[0].headers.get(RETRY_KEY_HEADER).is_none());
    assert_eq!(sent.value.retry_key, None);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&seen[0].body).unwrap(),
        json!({"replyToken": "token-1", "messages": [{"type": "text", "text": "hi"}]})
    );
}

#[tokio::test]
async fn conflict_with_accepted_request_id_is_an_already_accepted_success() {
    let line = FakeLine::start(vec![Step::Answer {
        status: 409,
        headers: vec![
            ("x-line-request-id", "req-2".into()),
            ("x-line-accepted-request-id", "req-1".into()),
        ],
        body: r#"{"message":"The retry key is already accepted"}"#.into(),
    }])
    .await;
    let sent = line
        .client()
        .multicast(&["U1"], &hi(), SendOptions::default())
        .await
        .unwrap();
    assert!(sent.value.is_already_accepted());
    assert_eq!(
        sent.value.acceptance,
        Acceptance::AlreadyAccepted {
            accepted_request_id: "req-1".into()
        }
    );
    assert_eq!(sent.request_id.as_deref(), Some("req-2"));
    assert_eq!(line.seen().len(), 1);
}

#[tokio::test]
async fn conflict_without_accepted_request_id_is_an_error() {
    let line = FakeLine::start(vec![answer(409, r#"{"message":"Conflict"}"#)]).await;
    let error = line
        .client()
        .push("U1", &hi(), SendOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(error, LineError::BadRequest { status: 409, .. }));
}

#[tokio::test]
async fn server_errors_are_retried_with_the_same_key_and_the_same_body_bytes() {
    let line = FakeLine::start(vec![
        answer(500, "{}"),
        answer(503, "{}"),
        answer(200, "{}"),
    ])
    .await;
    let sent = line
        .client()
        .push(
            "U1",
            &[Message::text("hello 世界 😀")],
            SendOptions::default(),
        )
        .await
        .unwrap();
    let seen = line.seen();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|r| retry_key(r) == sent.value.retry_key));
    assert!(seen.iter().all(|r| r.body == seen[0].body));
    assert_eq!(sent.request_id.as_deref(), Some("req-200"));
}

#[tokio::test]
async fn retries_stop_after_max_attempts_with_the_last_error() {
    let line = FakeLine::start((0..10).map(|_| answer(500, "{}")).collect()).await;
    let error = line
        .client()
        .broadcast(&hi(), SendOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(error, LineError::Server { status: 500, .. }));
    assert_eq!(error.request_id(), Some("req-500"));
    assert_eq!(line.seen().len(), 4);
}

#[tokio::test]
async fn a_push_that_times_out_is_retried_with_the_same_key() {
    let line = FakeLine::start(vec![Step::Hang(Duration::from_secs(2)), answer(200, "{}")]).await;
    let sent = line
        .client()
        .push("U1", &hi(), SendOptions::default())
        .await
        .unwrap();
    let seen = line.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(retry_key(&seen[0]), sent.value.retry_key);
    assert_eq!(retry_key(&seen[1]), sent.value.retry_key);
    assert_eq!(seen[0].body, seen[1].body);
}

#[tokio::test]
async fn a_reply_that_times_out_is_not_retried() {
    let line = FakeLine::start(vec![Step::Hang(Duration::from_secs(2)), answer(200, "{}")]).await;
    let error = line.client().reply("token-1", &hi()).await.unwrap_err();
    assert!(matches!(error, LineError::Timeout));
    assert!(
        error.is_retryable(),
        "retryable in general, but not for a reply"
    );
    assert_eq!(line.seen().len(), 1);
}

#[tokio::test]
async fn a_reply_answered_500_is_not_retried() {
    let line = FakeLine::start(vec![answer(500, "{}"), answer(200, "{}")]).await;
    let error = line.client().reply("token-1", &hi()).await.unwrap_err();
    assert!(matches!(error, LineError::Server { status: 500, .. }));
    assert_eq!(line.seen().len(), 1);
}

#[tokio::test]
async fn a_used_reply_token_is_reported_as_such() {
    let line = FakeLine::start(vec![answer(400, r#"{"message":"Invalid reply token"}"#)]).await;
    let error = line.client().reply("token-1", &hi()).await.unwrap_err();
    assert!(matches!(error, LineError::InvalidReplyToken { .. }));
    assert_eq!(error.request_id(), Some("req-400"));
}

#[tokio::test]
async fn rate_limit_429_is_retried_after_backoff() {
    let line = FakeLine::start(vec![
        answer(429, &json!({"message": RATE_LIMIT_MESSAGE}).to_string()),
        answer(200, "{}"),
    ])
    .await;
    line.client()
        .multicast(&["U1"], &hi(), SendOptions::default())
        .await
        .unwrap();
    assert_eq!(line.seen().len(), 2);
}

#[tokio::test]
async fn monthly_limit_429_is_never_retried() {
    let line = FakeLine::start(vec![
        answer(429, &json!({"message": MONTHLY_LIMIT_MESSAGE}).to_string()),
        answer(200, "{}"),
    ])
    .await;
    let error = line
        .client()
        .multicast(&["U1"], &hi(), SendOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(error, LineError::MonthlyLimitReached { .. }));
    assert_eq!(line.seen().len(), 1);
}

#[tokio::test]
async fn other_4xx_are_not_retried_and_carry_lines_message_and_details() {
    let body = json!({"message": "The request body has 1 error(s)", "details": [{"message": "must be specified", "property": "to"}]});
    let line = FakeLine::start(vec![answer(400, &body.to_string()), answer(200, "{}")]).await;
    let error = line
        .client()
        .push("U1", &hi(), SendOptions::default())
        .await
        .unwrap_err();
    match &error {
        LineError::BadRequest {
            status,
            request_id,
            message,
            details,
        } => {
            assert_eq!(*status, 400);
            assert_eq!(request_id.as_deref(), Some("req-400"));
            assert_eq!(message, "The request body has 1 error(s)");
            assert_eq!(details[0].property.as_deref(), Some("to"));
        }
        other => panic!("expected BadRequest, got {other:?}"),
    }
    assert_eq!(line.seen().len(), 1);
}

#[tokio::test]
async fn invalid_requests_fail_before_anything_is_sent() {
    let line = FakeLine::start(vec![]).await;
    let client = line.client();
    let too_many: Vec<String> = (0..501).map(|i| format!("U{i}")).collect();
    let error = client
        .multicast(&too_many, &hi(), SendOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        LineError::Validation(ValidationError::RecipientCount { count: 501 })
    ));
    let none: [&str; 0] = [];
    assert!(matches!(
        client.multicast(&none, &hi(), SendOptions::default()).await,
        Err(LineError::Validation(ValidationError::RecipientCount {
            count: 0
        }))
    ));
    assert!(matches!(
        client.reply("t", &vec![Message::text("x"); 6]).await,
        Err(LineError::Validation(ValidationError::MessageCount {
            count: 6
        }))
    ));
    assert!(matches!(
        client.start_loading("U1", 7).await,
        Err(LineError::Validation(ValidationError::LoadingSeconds {
            seconds: 7
        }))
    ));
    assert!(line.seen().is_empty());
}

#[tokio::test]
async fn a_refused_connection_is_a_retryable_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = LineClient::new(
        ClientConfig::new("t")
            .with_base_url(base_url)
            .with_retry(RetryPolicy::never()),
    )
    .unwrap();
    let error = client
        .push("U1", &hi(), SendOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(error, LineError::Transport(_)), "{error:?}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn profile_is_decoded_and_a_blocked_user_is_not_found() {
    let line = FakeLine::start(vec![
        answer(
            200,
            r#"{"displayName":"Aiko","userId":"U1","pictureUrl":"https://p","language":"ja"}"#,
        ),
        answer(404, r#"{"message":"Not found"}"#),
    ])
    .await;
    let client = line.client();
    let profile = client.profile("U1").await.unwrap();
    assert_eq!(profile.value.display_name, "Aiko");
    assert_eq!(profile.value.language.as_deref(), Some("ja"));
    assert_eq!(profile.request_id.as_deref(), Some("req-200"));
    assert!(matches!(
        client.profile("U2").await,
        Err(LineError::NotFound { .. })
    ));
    let seen = line.seen();
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].path_and_query, "/v2/bot/profile/U1");
    assert_eq!(seen[1].path_and_query, "/v2/bot/profile/U2");
}

#[tokio::test]
async fn path_segments_are_escaped() {
    let line = FakeLine::start(vec![answer(404, "{}")]).await;
    let _ = line.client().profile("U1/../info?x").await;
    assert_eq!(
        line.seen()[0].path_and_query,
        "/v2/bot/profile/U1%2F..%2Finfo%3Fx"
    );
}

#[tokio::test]
async fn quota_bot_info_and_narrowcast_progress_are_decoded() {
    let line = FakeLine::start(vec![
        answer(200, r#"{"type":"limited","value":5000}"#),
        answer(200, r#"{"totalUsage":1234}"#),
        answer(
            200,
            r#"{"userId":"Ub","basicId":"@216ru","displayName":"Shop","chatMode":"bot","markAsReadMode":"auto"}"#,
        ),
        answer(200, r#"{"phase":"succeeded","successCount":10,"failureCount":0,"targetCount":10}"#),
    ])
    .await;
    let client = line.client();
    assert_eq!(
        client.quota().await.unwrap().value,
        Quota {
            kind: QuotaKind::Limited,
            value: Some(5000)
        }
    );
    assert_eq!(
        client.quota_consumption().await.unwrap().value.total_usage,
        1234
    );
    assert_eq!(client.bot_info().await.unwrap().value.user_id, "Ub");
    let progress = client.narrowcast_progress("req-abc").await.unwrap().value;
    assert_eq!(progress.phase, "succeeded");
    assert_eq!(progress.success_count, Some(10));
    let paths: Vec<_> = line.seen().into_iter().map(|r| r.path_and_query).collect();
    assert_eq!(
        paths,
        [
            "/v2/bot/message/quota",
            "/v2/bot/message/quota/consumption",
            "/v2/bot/info",
            "/v2/bot/message/progress/narrowcast?requestId=req-abc"
        ]
    );
}

#[tokio::test]
async fn start_loading_posts_chat_id_and_seconds() {
    let line = FakeLine::start(vec![answer(202, "{}")]).await;
    line.client().start_loading("U1", 20).await.unwrap();
    let seen = line.seen();
    assert_eq!(seen[0].path_and_query, "/v2/bot/chat/loading/start");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&seen[0].body).unwrap(),
        json!({"chatId": "U1", "loadingSeconds": 20})
    );
}

#[tokio::test]
async fn a_garbled_success_body_is_a_decode_error_with_the_request_id() {
    let line = FakeLine::start(vec![answer(200, "not json")]).await;
    let error = line.client().quota().await.unwrap_err();
    assert!(matches!(error, LineError::Decode { .. }));
    assert_eq!(error.request_id(), Some("req-200"));
}

#[test]
fn a_base_url_that_is_not_http_is_refused() {
    assert!(matches!(
        LineClient::new(ClientConfig::new("t").with_base_url("ftp://x")),
        Err(ClientBuildError::InvalidBaseUrl(_))
    ));
    assert!(matches!(
        LineClient::new(ClientConfig::new("t").with_base_url("not a url")),
        Err(ClientBuildError::InvalidBaseUrl(_))
    ));
}

#[tokio::test]
async fn followers_pages_carry_start_and_limit_and_decode_next() {
    let line = FakeLine::start(vec![
        answer(200, r#"{"userIds":["U1","U2"],"next":"tok+/="}"#),
        answer(200, r#"{"userIds":["U3"]}"#),
    ])
    .await;
    let client = line.client();
    let first = client.followers_ids(None, 1000).await.unwrap();
    assert_eq!(first.value.user_ids, ["U1", "U2"]);
    assert_eq!(first.value.next.as_deref(), Some("tok+/="));
    let last = client
        .followers_ids(first.value.next.as_deref(), 2)
        .await
        .unwrap();
    assert_eq!(last.value.user_ids, ["U3"]);
    assert_eq!(last.value.next, None);
    let seen = line.seen();
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].path_and_query, "/v2/bot/followers/ids?limit=1000");
    assert_eq!(
        seen[1].path_and_query,
        "/v2/bot/followers/ids?start=tok%2B%2F%3D&limit=2"
    );
}

#[tokio::test]
async fn followers_of_an_unverified_account_are_forbidden_and_not_retried() {
    let line = FakeLine::start(vec![answer(
        403,
        r#"{"message":"Access to this API is not available for your account"}"#,
    )])
    .await;
    match line.client().followers_ids(None, 300).await {
        Err(LineError::Forbidden {
            message,
            request_id,
        }) => {
            assert_eq!(
                message,
                "Access to this API is not available for your account"
            );
            assert_eq!(request_id.as_deref(), Some("req-403"));
        }
        other => panic!("expected Forbidden, got {other:?}"),
    }
    assert_eq!(line.seen().len(), 1);
}

#[tokio::test]
async fn a_followers_limit_outside_1_to_1000_is_refused_before_sending() {
    let line = FakeLine::start(vec![]).await;
    let client = line.client();
    for limit in [0, 1001] {
        assert!(matches!(
            client.followers_ids(None, limit).await,
            Err(LineError::Validation(
                ValidationError::FollowersLimit { .. }
            ))
        ));
    }
    assert!(line.seen().is_empty());
}

#[tokio::test]
async fn an_audience_group_is_created_from_user_ids_once_and_polled_until_ready() {
    let line = FakeLine::start(vec![
        answer(500, r#"{"message":"boom"}"#),
        answer(
            202,
            r#"{"audienceGroupId":1234567890123,"type":"UPLOAD","description":"c1"}"#,
        ),
        answer(
            200,
            r#"{"audienceGroup":{"audienceGroupId":1234567890123,"status":"READY","audienceCount":2},"jobs":[]}"#,
        ),
    ])
    .await;
    let client = line.client();
    let users = [
        "U4af4980629b6e1f2a4b7f8a2d3e6c5b1",
        "U0000000000000000000000000000abcd",
    ];
    // A 500 is not retried: creating twice would make two groups.
    assert!(client.create_audience_group("c1", &users).await.is_err());
    let created = client.create_audience_group("c1", &users).await.unwrap();
    assert_eq!(created.value.audience_group_id, 1234567890123);
    let status = client.audience_group(1234567890123).await.unwrap().value;
    assert_eq!(
        (status.status.as_str(), status.audience_count),
        ("READY", Some(2))
    );

    let seen = line.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[1].method, "POST");
    assert_eq!(seen[1].path_and_query, "/v2/bot/audienceGroup/upload");
    let body: serde_json::Value = serde_json::from_slice(&seen[1].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"description": "c1", "isIfaAudience": false,
            "audiences": [{"id": users[0]}, {"id": users[1]}]})
    );
    assert_eq!(
        seen[2].path_and_query,
        "/v2/bot/audienceGroup/1234567890123"
    );
}

#[tokio::test]
async fn ids_are_added_groups_listed_by_description_and_deleted_as_line_spells_them() {
    let line = FakeLine::start(vec![
        answer(202, "{}"),
        answer(
            200,
            r#"{"audienceGroups":[{"audienceGroupId":7,"description":"otodoke a c1","status":"IN_PROGRESS"}],"hasNextPage":false,"totalCount":1}"#,
        ),
        answer(200, "{}"),
    ])
    .await;
    let client = line.client();
    client
        .add_to_audience_group(7, &["U0000000000000000000000000000abcd"])
        .await
        .unwrap();
    let page = client
        .audience_groups("otodoke a c1", 1)
        .await
        .unwrap()
        .value;
    assert_eq!(page.audience_groups[0].audience_group_id, 7);
    assert_eq!(
        page.audience_groups[0].description.as_deref(),
        Some("otodoke a c1")
    );
    assert!(!page.has_next_page);
    client.delete_audience_group(7).await.unwrap();

    let seen = line.seen();
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path_and_query.as_str()),
        ("PUT", "/v2/bot/audienceGroup/upload")
    );
    let body: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"audienceGroupId": 7, "audiences": [{"id": "U0000000000000000000000000000abcd"}]})
    );
    assert_eq!(
        seen[1].path_and_query,
        "/v2/bot/audienceGroup/list?page=1&size=40&description=otodoke+a+c1&includesExternalPublicGroups=false&createRoute=MESSAGING_API"
    );
    assert_eq!(
        (seen[2].method.as_str(), seen[2].path_and_query.as_str()),
        ("DELETE", "/v2/bot/audienceGroup/7")
    );
}

#[tokio::test]
async fn content_is_read_from_the_data_host_with_its_content_type() {
    let data = FakeLine::start(vec![Step::Answer {
        status: 200,
        headers: vec![("content-type", "image/jpeg".to_owned())],
        body: "JPEGBYTES".to_owned(),
    }])
    .await;
    let api = FakeLine::start(vec![]).await;
    let client = LineClient::new(
        ClientConfig::new("test-token")
            .with_base_url(&api.base_url)
            .with_data_base_url(&data.base_url),
    )
    .unwrap();
    let got = client.content("325708").await.unwrap();
    assert_eq!(
        got.value,
        Content::Ready {
            content_type: "image/jpeg".into(),
            body: Bytes::from_static(b"JPEGBYTES"),
        }
    );
    let seen = data.seen();
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].path_and_query, "/v2/bot/message/325708/content");
    assert!(api.seen().is_empty(), "content never goes to the API host");
}

#[tokio::test]
async fn content_still_transcoding_is_not_ready_and_not_retried() {
    let line = FakeLine::start(vec![answer(202, "")]).await;
    let got = line.client().content("1").await.unwrap();
    assert_eq!(got.value, Content::NotReady);
    assert_eq!(line.seen().len(), 1, "a 202 is an answer, not a failure");
}

#[tokio::test]
async fn expired_content_is_not_found_and_a_5xx_is_retried() {
    let line = FakeLine::start(vec![answer(404, r#"{"message":"Not found"}"#)]).await;
    let err = line.client().content("1").await.unwrap_err();
    assert!(matches!(err, LineError::NotFound { .. }), "{err:?}");

    let line = FakeLine::start(vec![
        answer(500, r#"{"message":"oops"}"#),
        Step::Answer {
            status: 200,
            headers: vec![("content-type", "video/mp4".to_owned())],
            body: "MP4".to_owned(),
        },
    ])
    .await;
    let got = line.client().content("1").await.unwrap();
    assert!(
        matches!(got.value, Content::Ready { ref content_type, .. } if content_type == "video/mp4")
    );
    assert_eq!(line.seen().len(), 2);
}

#[tokio::test]
async fn multicast_and_push_carry_the_one_aggregation_unit() {
    let line = FakeLine::start(vec![answer(200, "{}"), answer(200, "{}")]).await;
    let unit = insight::AggregationUnit::new("c_0123abcd").unwrap();
    let options = SendOptions::with_retry_key(Uuid::new_v4()).in_unit(Some(unit.clone()));
    line.client()
        .multicast(&["U1"], &hi(), options.clone())
        .await
        .unwrap();
    line.client().push("U1", &hi(), options).await.unwrap();
    for seen in line.seen() {
        let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
        assert_eq!(body["customAggregationUnits"], json!(["c_0123abcd"]));
    }
    let plain = FakeLine::start(vec![answer(200, "{}")]).await;
    plain
        .client()
        .push("U1", &hi(), SendOptions::default())
        .await
        .unwrap();
    let body: serde_json::Value = serde_json::from_slice(&plain.seen()[0].body).unwrap();
    assert!(body.get("customAggregationUnits").is_none());
}

#[tokio::test]
async fn statistics_per_unit_asks_for_the_unit_and_jst_days() {
    let line = FakeLine::start(vec![answer(
        200,
        r#"{"overview":{"uniqueImpression":null},"messages":[],"clicks":[]}"#,
    )])
    .await;
    let unit = insight::AggregationUnit::new("c_1").unwrap();
    let stats = line
        .client()
        .statistics_per_unit(&unit, "20260301", "20260331")
        .await
        .unwrap();
    assert_eq!(stats.value.overview.unique_impression, None);
    assert_eq!(
        line.seen()[0].path_and_query,
        "/v2/bot/insight/message/event/aggregation?customAggregationUnit=c_1&from=20260301&to=20260331"
    );
    let bad = line
        .client()
        .statistics_per_unit(&unit, "2026-03-01", "20260331")
        .await;
    assert!(matches!(bad, Err(LineError::Validation(_))));
    assert_eq!(line.seen().len(), 1, "an invalid date is never sent");
}

#[tokio::test]
async fn insight_reads_are_retried_after_a_429() {
    let line = FakeLine::start(vec![
        answer(
            429,
            r#"{"message":"The API rate limit has been exceeded. Try again later."}"#,
        ),
        answer(200, r#"{"status":"unready"}"#),
    ])
    .await;
    let followers = line
        .client()
        .insight_followers(Some("20260301"))
        .await
        .unwrap();
    assert_eq!(followers.value.status, insight::InsightStatus::Unready);
    assert_eq!(line.seen().len(), 2);
    assert_eq!(
        line.seen()[1].path_and_query,
        "/v2/bot/insight/followers?date=20260301"
    );
}
