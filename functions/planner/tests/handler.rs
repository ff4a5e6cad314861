//! The planner handler over the embedded adapters.

mod support;

use otodoke_broadcast::planner::PlannerConfig;
use otodoke_contract::builders::{
    following, sample_campaign, sample_channel, sample_friend, sample_org,
};
use otodoke_core::campaign::CampaignStatus;
use otodoke_core::ports::{CampaignStore, FriendStore, OrganizationStore};
use otodoke_embedded::Embedded;
use std::time::Duration;

/// Organization `o`, channel `ch-1` with 1,200 followers, running campaign `c1`.
async fn running_campaign_to_1200() -> (
    Embedded,
    std::sync::Arc<otodoke_embedded::EmbeddedQueue>,
    otodoke_broadcast::Ports,
    otodoke_core::campaign::Campaign,
) {
    let embedded = Embedded::new();
    let planning = support::planning_queue();
    let ports = support::ports(&embedded, planning.clone());
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
    for n in 0..1_200 {
        embedded
            .friends
            .save(&following(sample_friend(n, "o"), "ch-1"))
            .await
            .unwrap();
    }
    let mut campaign = sample_campaign("o", "c1", "ch-1");
    campaign.status = CampaignStatus::Running;
    embedded.campaigns.create(&campaign).await.unwrap();
    (embedded, planning, ports, campaign)
}

#[tokio::test]
async fn a_planning_request_writes_the_batches_and_a_yielded_run_requeues_itself() {
    let (embedded, planning, ports, campaign) = running_campaign_to_1200().await;
    let body = r#"{"campaign_id":"c1"}"#;
    // A zero budget stops after the first batch and asks for another run.
    let hurried = PlannerConfig {
        time_budget: Some(Duration::ZERO),
        ..PlannerConfig::default()
    };
    let response = otodoke_fn_planner::handle(
        &ports,
        hurried,
        support::sqs_event(&[("m1", body), ("m2", "?")]),
    )
    .await;
    let failed: Vec<_> = response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.as_str())
        .collect();
    assert_eq!(failed, ["m2"]);
    assert_eq!(embedded.fanout.depth().ready, 1);
    assert_eq!(planning.depth().ready, 1, "the campaign was enqueued again");
    let response = otodoke_fn_planner::handle(
        &ports,
        PlannerConfig::default(),
        support::sqs_event(&[("m3", body)]),
    )
    .await;
    assert!(response.batch_item_failures.is_empty());
    assert_eq!(embedded.fanout.depth().ready, 3);
    let c = embedded
        .campaigns
        .campaign(&campaign.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.progress.planned, 1_200);
}

#[test]
fn the_budget_leaves_a_margin_before_the_invocations_deadline() {
    use otodoke_fn_planner::budget_within;
    // The template's 300 s timeout: 270 s of planning, whatever the old default said.
    assert_eq!(
        budget_within(Duration::from_secs(300), None),
        Duration::from_secs(270)
    );
    assert_eq!(
        budget_within(Duration::from_secs(300), Some(Duration::from_secs(600))),
        Duration::from_secs(270),
        "a configured budget longer than the invocation is capped by it"
    );
    assert_eq!(
        budget_within(Duration::from_secs(300), Some(Duration::from_secs(60))),
        Duration::from_secs(60)
    );
    assert_eq!(budget_within(Duration::from_secs(10), None), Duration::ZERO);
}

#[tokio::test]
async fn a_run_near_its_deadline_yields_and_requeues_itself() {
    let (embedded, planning, ports, _) = running_campaign_to_1200().await;
    // 5 s left in the invocation (less than the margin), no configured budget.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let response = otodoke_fn_planner::handle_until(
        &ports,
        PlannerConfig::default(),
        support::sqs_event(&[("m1", r#"{"campaign_id":"c1"}"#)]),
        deadline,
    )
    .await;
    assert!(response.batch_item_failures.is_empty());
    assert_eq!(
        embedded.fanout.depth().ready,
        1,
        "one batch, then it yielded"
    );
    assert_eq!(planning.depth().ready, 1, "the campaign was enqueued again");
}
