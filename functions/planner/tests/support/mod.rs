use otodoke_broadcast::Ports;
use otodoke_embedded::{Embedded, EmbeddedQueue, EmbeddedRateLimiter, QueueConfig};
use std::sync::Arc;

pub fn ports(embedded: &Embedded, planning: Arc<EmbeddedQueue>) -> Ports {
    Ports {
        orgs: embedded.orgs.clone(),
        friends: embedded.friends.clone(),
        campaigns: embedded.campaigns.clone(),
        campaign_stats: embedded.campaign_stats.clone(),
        enrolments: embedded.enrolments.clone(),
        quota: embedded.quota.clone(),
        idempotency: embedded.idempotency.clone(),
        rate: Arc::new(EmbeddedRateLimiter::new()),
        fanout: embedded.fanout.clone(),
        planning,
        after_sequence: Arc::new(otodoke_embedded::EmbeddedQueue::new(
            otodoke_embedded::QueueConfig::standard(),
        )),
        links: None,
    }
}

pub fn planning_queue() -> Arc<EmbeddedQueue> {
    Arc::new(EmbeddedQueue::new(QueueConfig::standard()))
}

pub fn sqs_event(bodies: &[(&str, &str)]) -> aws_lambda_events::event::sqs::SqsEvent {
    let records: Vec<serde_json::Value> = bodies
        .iter()
        .map(|(id, body)| serde_json::json!({"messageId": id, "body": body, "eventSource": "aws:sqs"}))
        .collect();
    serde_json::from_value(serde_json::json!({ "Records": records })).unwrap()
}
