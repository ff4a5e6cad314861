//! The scheduler handler over the embedded adapters.

mod support;

use jiff::Timestamp;
use otodoke_broadcast::testing::FakeLine;
use otodoke_contract::builders::{sample_campaign, sample_channel, sample_org};
use otodoke_core::campaign::{CampaignStatus, Schedule};
use otodoke_core::ports::{CampaignStore, OrganizationStore};
use otodoke_embedded::Embedded;

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
    // 03:00 JST: before the daily reconcile, so LINE is not called.
    let now: Timestamp = "2026-11-21T18:00:00Z".parse().unwrap();
    let mut c = sample_campaign("o", "c1", "ch-1");
    c.status = CampaignStatus::Scheduled;
    c.schedule = Schedule::At {
        at: "2026-11-21T17:59:00Z".parse().unwrap(),
    };
    embedded.campaigns.create(&c).await.unwrap();
    let line = FakeLine::with_consumption(42);
    let (a, b) = tokio::join!(
        otodoke_fn_scheduler::handle(&ports, &line, now),
        otodoke_fn_scheduler::handle(&ports, &line, now)
    );
    assert_eq!(line.consumption_reads(), 0, "not reconciliation time");
    assert!(
        line.sent_nothing(),
        "starting a campaign queues it; the sender sends"
    );
    let started = a.unwrap().started.len() + b.unwrap().started.len();
    assert_eq!(started, 1);
    assert_eq!(planning.depth().ready, 1);
    let stored = embedded.campaigns.campaign(&c.id).await.unwrap().unwrap();
    assert_eq!(stored.status, CampaignStatus::Running);
}

#[tokio::test]
async fn the_store_channels_are_reconciled_once_per_jst_day_on_the_first_run_after_four() {
    use otodoke_core::ports::QuotaStore;
    let embedded = Embedded::new();
    let ports = support::ports(&embedded, support::planning_queue());
    for (org, channel, bot) in [("o", "ch-1", 1), ("p", "ch-2", 2)] {
        embedded
            .orgs
            .put_organization(&sample_org(org))
            .await
            .unwrap();
        embedded
            .orgs
            .put_channel(&sample_channel(org, channel, bot))
            .await
            .unwrap();
    }
    let line = FakeLine::with_consumption(42);
    let run = |at: &str| {
        let now: Timestamp = at.parse().unwrap();
        let (ports, line) = (&ports, &line);
        async move {
            otodoke_fn_scheduler::handle(ports, line, now)
                .await
                .unwrap()
        }
    };
    // 03:59 JST: not yet. 04:07 JST (no run landed at 04:00): both channels, from
    // the store. Later runs that day: nothing. The next day after 04:00: again.
    assert_eq!(run("2026-11-21T18:59:00Z").await.reconciled, None);
    assert_eq!(run("2026-11-21T19:07:00Z").await.reconciled, Some(2));
    assert_eq!(run("2026-11-21T19:08:00Z").await.reconciled, None);
    assert_eq!(run("2026-11-22T14:00:00Z").await.reconciled, None);
    assert_eq!(run("2026-11-22T19:01:00Z").await.reconciled, Some(2));
    assert_eq!(line.consumption_reads(), 4);
    assert!(line.sent_nothing());
    let counter = embedded
        .quota
        .counter(&otodoke_core::quota::QuotaKey {
            channel: otodoke_core::ChannelId::new("ch-2").unwrap(),
            month: otodoke_core::quota::QuotaMonth::containing(
                "2026-11-22T19:01:00Z".parse().unwrap(),
            ),
        })
        .await
        .unwrap();
    assert_eq!(counter.used, 42);
}
