//! LINE's numbers round trip: a campaign is sent under its aggregation unit,
//! the sandbox records it, friends view and tap, and the scheduler's fetch
//! stores LINE's statistics on the campaign.

use crate::rig::*;
use jiff::{SignedDuration, Timestamp};
use otodoke_broadcast::insight::fetch_due_stats;
use otodoke_contract::builders::{org_id, sample_campaign};
use otodoke_core::campaign::{Campaign, CampaignStatus};
use otodoke_core::insight::{aggregation_unit, StatsStatus};
use otodoke_line_sandbox::{Endpoint, EndpointFaults, Faults};
use std::time::Duration;

const URL: &str = "https://shop.example/autumn";

async fn sent_campaign(rig: &Rig, id: &'static str) -> Campaign {
    let mut c: Campaign = sample_campaign(ORG, id, CHANNEL);
    c.messages = vec![serde_json::json!({"type": "text", "text": format!("Autumn sale! {URL}")})];
    c.status = CampaignStatus::Running;
    rig.ports.campaigns.create(&c).await.unwrap();
    rig.plan_all(&c.id, 500).await;
    rig.run_senders(
        2,
        Duration::from_secs(20),
        status_is(id, CampaignStatus::Completed),
    )
    .await;
    rig.campaign(id).await
}

/// Moves LINE's clock (and the time handed to the fetch) two days on: LINE's
/// numbers for a day are there from the next one.
fn two_days_later(rig: &Rig) -> Timestamp {
    rig.sandbox.clock().advance(Duration::from_secs(2 * 86_400));
    Timestamp::now() + SignedDuration::from_hours(48)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaigns_opens_and_clicks_come_back_from_line_and_are_stored_on_it() {
    let rig = Rig::new(RigOptions {
        friends: 30,
        ..RigOptions::default()
    })
    .await;
    let campaign = sent_campaign(&rig, "c1").await;
    assert_eq!(campaign.progress.sent, 30);
    assert_eq!(campaign.progress.quota_used, 30);
    let unit = aggregation_unit(&org_id(ORG), &campaign.id, None);
    let multicasts = rig.sandbox.requests(Endpoint::Multicast);
    assert!(!multicasts.is_empty());

    for user in &rig.users[..24] {
        assert_eq!(
            rig.sandbox.friend_views_chat(CHANNEL, user.as_str()),
            Some(1)
        );
    }
    for user in &rig.users[..21] {
        assert_eq!(
            rig.sandbox.friend_taps(CHANNEL, user.as_str(), URL),
            Some(())
        );
    }
    // Same-day numbers are not LINE's yet: nothing is due before the next morning.
    let stats = rig
        .ports
        .campaign_stats
        .stats(&org_id(ORG), &campaign.id)
        .await
        .unwrap();
    assert_eq!(stats.len(), 1);
    assert_eq!(stats[0].unit, unit);
    assert_eq!(stats[0].status, StatsStatus::Pending);

    let later = two_days_later(&rig);
    let report = fetch_due_stats(&rig.ports, &*rig.line, later, 10)
        .await
        .unwrap();
    assert_eq!(report.fetched, 1, "{report:?}");
    let stats = rig
        .ports
        .campaign_stats
        .stats(&org_id(ORG), &campaign.id)
        .await
        .unwrap();
    let s = &stats[0];
    assert_eq!(s.status, StatsStatus::Ready);
    assert_eq!(s.unique_impressions, Some(24));
    assert_eq!(s.impressions, Some(24));
    assert_eq!(s.unique_clicks, Some(21));
    assert_eq!(s.clicks.len(), 1);
    assert_eq!(
        (s.clicks[0].clicks, s.clicks[0].unique_clicks),
        (Some(21), Some(21))
    );
    assert_eq!(s.open_rate(campaign.progress.sent), Some(24.0 / 30.0));
    assert!(s.fetched_at.is_some());
    assert!(
        s.next_fetch_at.is_some_and(|t| t > later),
        "asked again tomorrow"
    );
    assert!(
        fetch_due_stats(&rig.ports, &*rig.line, later, 10)
            .await
            .unwrap()
            .fetched
            == 0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_under_lines_minimum_stay_unknown_and_an_unavailable_line_is_asked_an_hour_later() {
    let rig = Rig::new(RigOptions {
        friends: 25,
        ..RigOptions::default()
    })
    .await;
    let campaign = sent_campaign(&rig, "c2").await;
    for user in &rig.users[..3] {
        rig.sandbox.friend_views_chat(CHANNEL, user.as_str());
    }
    let later = two_days_later(&rig);
    let mut faults = Faults::seeded(1);
    faults
        .endpoints
        .insert(Endpoint::InsightUnitStatistics, EndpointFaults::errors(1.0));
    rig.sandbox.set_faults(faults);
    let report = fetch_due_stats(&rig.ports, &*rig.line, later, 10)
        .await
        .unwrap();
    assert_eq!((report.fetched, report.deferred), (0, 1));
    let s = &rig
        .ports
        .campaign_stats
        .stats(&org_id(ORG), &campaign.id)
        .await
        .unwrap()[0];
    assert_eq!(s.status, StatsStatus::Pending);
    assert_eq!(s.next_fetch_at, Some(later + SignedDuration::from_hours(1)));

    rig.sandbox.set_faults(Faults::seeded(1));
    let report = fetch_due_stats(
        &rig.ports,
        &*rig.line,
        later + SignedDuration::from_hours(1),
        10,
    )
    .await
    .unwrap();
    assert_eq!(report.fetched, 1);
    let s = &rig
        .ports
        .campaign_stats
        .stats(&org_id(ORG), &campaign.id)
        .await
        .unwrap()[0];
    assert_eq!(s.status, StatsStatus::Ready);
    assert_eq!(s.unique_impressions, None, "3 viewers are under LINE's 20");
}
