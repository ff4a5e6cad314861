//! The sender handler over the embedded adapters.

mod support;

use otodoke_broadcast::testing::FakeLine;
use otodoke_broadcast::SenderConfig;
use otodoke_contract::builders::{sample_campaign, sample_channel, sample_org, user_id};
use otodoke_core::campaign::{CampaignStatus, FanoutBatch};
use otodoke_core::ports::{CampaignStore, OrganizationStore};
use otodoke_embedded::Embedded;

#[tokio::test]
async fn a_malformed_record_fails_alone_and_a_sent_batch_is_acked_once() {
    let embedded = Embedded::new();
    let ports = support::ports(&embedded, support::planning_queue());
    embedded
        .orgs
        .put_organization(&sample_org("o"))
        .await
        .unwrap();
    embedded
        .orgs
        .put_channel(&sample_channel("o", "ch-1", 1))
        .await
        .unwrap();
    let mut campaign = sample_campaign("o", "c1", "ch-1");
    campaign.status = CampaignStatus::Running;
    embedded.campaigns.create(&campaign).await.unwrap();
    let batch = serde_json::to_string(&FanoutBatch {
        campaign_id: campaign.id.clone(),
        channel_id: campaign.channel_id.clone(),
        batch_no: 0,
        recipients: vec![user_id(1), user_id(2)],
    })
    .unwrap();
    let line = FakeLine::default();
    let config = SenderConfig::default();
    let event = support::sqs_event(&[("m1", "{not json"), ("m2", &batch), ("m3", &batch)]);
    let response = otodoke_fn_sender::handle(&ports, &line, &config, event).await;
    let failed: Vec<String> = response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.clone())
        .collect();
    // m2 and m3 race for one claim: one sends, the other is done or in progress
    // (retried later); m1 is poison.
    assert!(failed.contains(&"m1".to_owned()));
    assert!(!failed.contains(&"m2".to_owned()) || !failed.contains(&"m3".to_owned()));
    assert_eq!(line.multicast_calls(), 1);
    let c = embedded
        .campaigns
        .campaign(&campaign.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.progress.sent, 2);
}

#[tokio::test]
async fn a_narrowcast_order_is_told_from_a_batch_and_lines_refusal_is_recorded() {
    let embedded = Embedded::new();
    let ports = support::ports(&embedded, support::planning_queue());
    embedded
        .orgs
        .put_organization(&sample_org("o"))
        .await
        .unwrap();
    embedded
        .orgs
        .put_channel(&sample_channel("o", "ch-1", 1))
        .await
        .unwrap();
    let mut campaign = sample_campaign("o", "c1", "ch-1");
    campaign.status = CampaignStatus::Running;
    campaign.audience.line_demographics = Some(otodoke_core::demographic::LineDemographics {
        genders: [otodoke_core::demographic::LineGender::Male].into(),
        ..Default::default()
    });
    embedded.campaigns.create(&campaign).await.unwrap();
    let order = serde_json::json!({ "narrowcast": campaign.id }).to_string();
    let line = FakeLine::default();
    let event = support::sqs_event(&[("m1", &order)]);
    let response = otodoke_fn_sender::handle(&ports, &line, &SenderConfig::default(), event).await;
    assert!(
        response.batch_item_failures.is_empty(),
        "a refusal is final: acked"
    );
    assert_eq!(line.multicast_calls(), 0, "not sent as batches");
    let c = embedded
        .campaigns
        .campaign(&campaign.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status, CampaignStatus::Completed);
    let state = embedded
        .campaigns
        .checkpoint(&campaign.id)
        .await
        .unwrap()
        .narrowcast
        .unwrap();
    assert_eq!(state.phase.as_deref(), Some("failed"));
    assert!(state
        .failed_description
        .unwrap()
        .contains("the fake does not narrowcast"));
}

/// The first number after `key: ` in the template's `resource` block.
fn template_seconds(resource: &str, key: &str) -> i64 {
    let template = include_str!("../../../infra/template.yaml");
    let start = template
        .find(&format!("\n  {resource}:\n"))
        .unwrap_or_else(|| panic!("{resource} in the template"));
    let block = &template[start..];
    let at = block
        .find(&format!(" {key}: "))
        .unwrap_or_else(|| panic!("{key} of {resource}"));
    block[at + key.len() + 3..]
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{key} of {resource} is a number"))
}

#[test]
fn the_claim_lease_outlasts_the_senders_timeout_and_fits_the_visibility_timeout() {
    let config = SenderConfig::default();
    let timeout = template_seconds("SenderFunction", "Timeout");
    let visibility = template_seconds("FanoutQueue", "VisibilityTimeout");
    let lease = config.claim_lease.as_secs();
    assert!(
        lease >= timeout,
        "a {lease} s lease lapses while a {timeout} s invocation may still send the batch"
    );
    assert!(
        lease <= visibility,
        "lease {lease} s > visibility {visibility} s"
    );
    assert!(config.reservation_hold.as_secs() >= lease);
}
