//! The Lambda events each function receives in AWS, built as AWS sends them, and
//! the checks that an answer is a success.

use crate::world::Delivery;
use otodoke_lambda_probe::Outcome;
use serde_json::{json, Value};

const ACCOUNT: &str = "123456789012";
const REGION: &str = "ap-northeast-1";

/// An API Gateway HTTP API (payload 2.0) request, as the stack's API sends it.
fn http_api_request(
    method: &str,
    route_key: &str,
    path: &str,
    path_parameters: Value,
    headers: Value,
    body: Option<&str>,
    authorizer: Option<Value>,
) -> Value {
    let mut context = json!({
        "accountId": ACCOUNT,
        "apiId": "probe12345",
        "domainName": "probe12345.execute-api.ap-northeast-1.amazonaws.com",
        "domainPrefix": "probe12345",
        "http": {
            "method": method,
            "path": path,
            "protocol": "HTTP/1.1",
            "sourceIp": "203.0.113.10",
            "userAgent": headers["user-agent"].clone(),
        },
        "requestId": uuid::Uuid::new_v4().simple().to_string(),
        "routeKey": route_key,
        "stage": "$default",
        "time": "22/Nov/2026:13:00:00 +0000",
        "timeEpoch": jiff::Timestamp::now().as_millisecond(),
    });
    if let Some(authorizer) = authorizer {
        context["authorizer"] = authorizer;
    }
    let mut event = json!({
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": path,
        "rawQueryString": "",
        "headers": headers,
        "requestContext": context,
        "pathParameters": path_parameters,
        "isBase64Encoded": false,
    });
    if let Some(body) = body {
        event["body"] = body.into();
    }
    event
}

/// LINE's delivery to `/webhook/{channel}`, body and signature as LINE sent them.
pub fn webhook(channel: &str, delivery: &Delivery) -> Vec<u8> {
    let body = std::str::from_utf8(&delivery.body).expect("LINE sends UTF-8 JSON");
    let path = format!("/webhook/{channel}");
    let event = http_api_request(
        "POST",
        "POST /webhook/{channel}",
        &path,
        json!({ "channel": channel }),
        json!({
            "content-type": "application/json; charset=utf-8",
            "user-agent": "LineBotWebhook/2.0",
            "x-line-signature": delivery.signature,
        }),
        Some(body),
        None,
    );
    event.to_string().into_bytes()
}

/// A GET of the admin API by an owner of `org`, with the claims the HTTP API's JWT
/// authorizer puts in the request context.
pub fn admin_get(org: &str, path: &str) -> Vec<u8> {
    let proxy = path.trim_start_matches("/admin/");
    let event = http_api_request(
        "GET",
        "ANY /admin/{proxy+}",
        path,
        json!({ "proxy": proxy }),
        json!({
            "authorization": "Bearer eyJraWQiOiJwcm9iZSJ9.eyJzdWIiOiJwcm9iZSJ9.c2lnbmF0dXJl",
            "content-type": "application/json",
            "user-agent": "probe/1.0",
        }),
        None,
        Some(json!({
            "jwt": {
                "claims": {
                    "sub": crate::world::PROBE_STAFF,
                    "custom:org": org,
                    "custom:role": "owner",
                    "token_use": "id",
                },
                "scopes": null,
            }
        })),
    );
    event.to_string().into_bytes()
}

/// An SQS event of the given messages, as the event source mapping builds it.
pub fn sqs(queue_arn_name: &str, messages: &[aws_sdk_sqs::types::Message]) -> Vec<u8> {
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
                "eventSourceARN": format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{queue_arn_name}"),
                "awsRegion": REGION,
            })
        })
        .collect();
    json!({ "Records": records }).to_string().into_bytes()
}

/// A planning request for `campaign`, as the admin API or scheduler enqueues it.
pub fn planning(campaign: &str) -> Vec<u8> {
    let body = json!({ "campaign_id": campaign }).to_string();
    let record = json!({
        "messageId": uuid::Uuid::new_v4().to_string(),
        "receiptHandle": "probe",
        "body": body,
        "attributes": {
            "ApproximateReceiveCount": "1",
            "SentTimestamp": jiff::Timestamp::now().as_millisecond().to_string(),
        },
        "messageAttributes": {},
        "md5OfBody": "",
        "eventSource": "aws:sqs",
        "eventSourceARN": format!("arn:aws:sqs:{REGION}:{ACCOUNT}:probe-planning"),
        "awsRegion": REGION,
    });
    json!({ "Records": [record] }).to_string().into_bytes()
}

/// EventBridge's scheduled event (the minute schedule).
pub fn scheduled() -> Vec<u8> {
    json!({
        "version": "0",
        "id": uuid::Uuid::new_v4().to_string(),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": jiff::Timestamp::now().to_string(),
        "region": REGION,
        "resources": [format!("arn:aws:events:{REGION}:{ACCOUNT}:rule/otodoke-probe-minute")],
        "detail": {},
    })
    .to_string()
    .into_bytes()
}

/// The hello-world's event.
pub fn hello() -> Vec<u8> {
    br#"{"hello":"world"}"#.to_vec()
}

/// What a successful answer looks like for each kind of function.
#[derive(Debug, Clone, Copy)]
pub enum Success {
    /// An API Gateway response with status 200.
    Http200,
    /// An `SqsBatchResponse` with no `batchItemFailures`.
    NoBatchFailures,
    /// Any response (not an error).
    Responded,
}

impl Success {
    /// `Ok` when `outcome` is a success of this kind, else what it was.
    pub fn check(self, outcome: &Outcome) -> Result<(), String> {
        let body = match outcome {
            Outcome::Response(body) => body,
            other => return Err(format!("{other:?}")),
        };
        let json = || serde_json::from_slice::<Value>(body).unwrap_or(Value::Null);
        let ok = match self {
            Success::Responded => true,
            Success::Http200 => json()["statusCode"] == 200,
            Success::NoBatchFailures => json()["batchItemFailures"]
                .as_array()
                .is_none_or(Vec::is_empty),
        };
        if ok {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(body).chars().take(500).collect())
        }
    }
}
