//! The scheduler handler over the embedded adapters.

mod support;

use async_trait::async_trait;
use jiff::Timestamp;
use otodoke_broadcast::line::{Accepted, Messenger, SendFailure};
use otodoke_contract::builders::{sample_campaign, sample_channel, sample_org};
use otodoke_core::campaign::{CampaignStatus, Schedule};
use otodoke_core::organization::Channel;
use otodoke_core::ports::{CampaignStore, OrganizationStore};
use otodoke_core::LineUserId;
use otodoke_embedded::Embedded;

/// LINE is not called when no step is due and it is not reconciliation time.
struct Silent;

#[async_trait]
impl Messenger for Silent {
    async fn multicast(
        &self,
        _: &Channel,
        _: &[LineUserId],
        _: &[serde_json::Value],
        _: uuid::Uuid,
    ) -> Result<Accepted, SendFailure> {
        panic!("no multicast expected")
    }
    async fn push(
        &self,
        _: &Channel,
        _: &LineUserId,
        _: &[serde_json::Value],
        _: uuid::Uuid,
    ) -> Result<Accepted, SendFailure> {
        panic!("no push expected")
    }
    async fn quota_consumption(&self, _: &Channel) -> Result<u64, SendFailure> {
        panic!("no reconciliation expected")
    }
}

#[tokio::test]
async fn a_due_campaign_is_started_once_by_two_runs() {
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
    let now: Timestamp = "2026-11-22T03:00:00Z".parse().unwrap();
    let mut c = sample_campaign("o", "c1", "ch-1");
    c.status = CampaignStatus::Scheduled;
    c.schedule = Schedule::At {
        at: "2026-11-22T02:59:00Z".parse().unwrap(),
    };
    embedded.campaigns.create(&c).await.unwrap();
    let (a, b) = tokio::join!(
        otodoke_fn_scheduler::handle(&ports, &Silent, &[], now),
        otodoke_fn_scheduler::handle(&ports, &Silent, &[], now)
    );
    let started = a.unwrap().started.len() + b.unwrap().started.len();
    assert_eq!(started, 1);
    assert_eq!(planning.depth().ready, 1);
    let stored = embedded.campaigns.campaign(&c.id).await.unwrap().unwrap();
    assert_eq!(stored.status, CampaignStatus::Running);
}

#[test]
fn quota_is_reconciled_at_four_in_the_morning_jst_only() {
    assert!(otodoke_fn_scheduler::is_reconcile_minute(
        "2026-11-21T19:00:30Z".parse().unwrap()
    ));
    assert!(!otodoke_fn_scheduler::is_reconcile_minute(
        "2026-11-21T19:01:00Z".parse().unwrap()
    ));
}
