//! The webhook Lambda's HTTP edge: turns an API Gateway request into a call to
//! [`otodoke_ingest::Ingest`] and its answer into a status. All decisions live in ingest;
//! this only maps, and it is the one place where ingest errors become HTTP.

use lambda_http::{Body, Request, RequestExt, Response};
use otodoke_ingest::{Ingest, IngestError};

/// The `alert` field of the log line of a delivery refused for its signature (401):
/// `infra/template.yaml`'s `WebhookSignatureRejectedFilter` counts lines holding it.
pub const SIGNATURE_ALERT: &str = "webhook_signature_rejected";

/// Handles one webhook delivery. Never fails: every outcome is a status LINE can act on.
pub async fn handle(ingest: &Ingest, request: Request) -> Response<Body> {
    let channel = channel_from(&request);
    let headers = request
        .headers()
        .iter()
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)));
    let outcome = ingest
        .handle(
            &channel,
            headers,
            request.body().as_ref(),
            jiff::Timestamp::now(),
        )
        .await;
    match outcome {
        Ok(ack) => {
            tracing::info!(
                channel,
                events = ack.events,
                duplicates = ack.duplicates,
                queued = ack.queued,
                "webhook accepted"
            );
            respond(200, "{}")
        }
        Err(error) => {
            // The reason is logged; the body is never logged, and the response says
            // no more than the status does. A refused signature carries a fixed
            // `alert` the template's metric filter counts: a wrong or rotated channel
            // secret otherwise fails silently (the handler itself never fails).
            if matches!(error, IngestError::Signature(_)) {
                tracing::warn!(
                    alert = SIGNATURE_ALERT,
                    channel,
                    status = error.status(),
                    reason = %error,
                    "webhook refused"
                );
            } else {
                tracing::warn!(channel, status = error.status(), reason = %error, "webhook refused");
            }
            respond(error.status(), public_message(&error))
        }
    }
}

/// The channel id from the route `/webhook/{channel}`: API Gateway's path parameter,
/// or the last path segment when the request did not come through a route template.
fn channel_from(request: &Request) -> String {
    if let Some(channel) = request
        .path_parameters_ref()
        .and_then(|p| p.first("channel"))
    {
        return channel.to_owned();
    }
    request
        .uri()
        .path()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn public_message(error: &IngestError) -> &'static str {
    match error {
        IngestError::TooLarge(_) => r#"{"message":"request body too large"}"#,
        IngestError::UnknownChannel => r#"{"message":"unknown channel"}"#,
        IngestError::Signature(_) => r#"{"message":"invalid signature"}"#,
        IngestError::Malformed(_) => r#"{"message":"malformed webhook body"}"#,
        IngestError::InProgress(_) | IngestError::Unavailable(_) => {
            r#"{"message":"temporarily unavailable, retry later"}"#
        }
    }
}

fn respond(status: u16, body: &'static str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("a static response is always valid")
}
