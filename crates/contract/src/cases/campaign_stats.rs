//! `CampaignStatsStore`: LINE's statistics per campaign unit, the due list of
//! fetches, and the per-step counters.

use crate::builders::{campaign_id, channel_id, org_id};
use crate::Adapters;
use jiff::Timestamp;
use otodoke_core::campaign::Progress;
use otodoke_core::insight::{CampaignStats, StatsStatus, UrlClicks};

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn watched(org: &str, campaign: &str, step: Option<u32>) -> CampaignStats {
    CampaignStats::watch(
        org_id(org),
        campaign_id(campaign),
        step,
        channel_id("ch-1"),
        at("2026-03-01T03:00:00Z"),
    )
}

pub async fn a_watched_unit_is_recorded_once_and_saved_numbers_read_back(a: Adapters) {
    let s = &a.campaign_stats;
    let first = watched("acme", "c-1", None);
    assert!(
        s.watch(&first).await.unwrap(),
        "the first send records the unit"
    );
    let mut later = first.clone();
    later.first_sent_on = "2026-03-05".parse().unwrap();
    assert!(
        !s.watch(&later).await.unwrap(),
        "a later send changes nothing"
    );
    assert!(s.watch(&watched("acme", "c-1", Some(1))).await.unwrap());
    assert!(s.watch(&watched("acme", "c-1", Some(0))).await.unwrap());

    let mut fetched = first.clone();
    fetched.unique_impressions = Some(40);
    fetched.clicks = vec![UrlClicks {
        url: "https://example.com/".into(),
        clicks: Some(35),
        unique_clicks: None,
    }];
    fetched.schedule_next(StatsStatus::Ready, at("2026-03-01T21:00:00Z"));
    s.save_stats(&fetched).await.unwrap();

    let all = s.stats(&org_id("acme"), &campaign_id("c-1")).await.unwrap();
    let steps: Vec<_> = all.iter().map(|x| x.step).collect();
    assert_eq!(
        steps,
        vec![None, Some(0), Some(1)],
        "campaign first, then steps in order"
    );
    assert_eq!(all[0], fetched);
    assert_eq!(all[0].first_sent_on, first.first_sent_on);
}

pub async fn due_stats_lists_records_to_fetch_soonest_first_and_drops_finished_ones(a: Adapters) {
    let s = &a.campaign_stats;
    let one = watched("acme", "c-1", None);
    let mut two = watched("beta", "c-2", None);
    two.next_fetch_at = Some(at("2026-03-01T20:00:00Z"));
    s.watch(&one).await.unwrap();
    s.watch(&two).await.unwrap();
    let first_due = one.next_fetch_at.unwrap();
    assert!(s
        .due_stats(at("2026-03-01T19:00:00Z"), 10)
        .await
        .unwrap()
        .is_empty());
    let due = s.due_stats(first_due, 10).await.unwrap();
    let campaigns: Vec<_> = due
        .iter()
        .map(|x| x.campaign_id.as_str().to_owned())
        .collect();
    assert_eq!(
        campaigns,
        vec!["c-2", "c-1"],
        "every organization's, soonest first"
    );
    assert_eq!(s.due_stats(first_due, 1).await.unwrap().len(), 1);

    let mut done = one.clone();
    done.schedule_next(StatsStatus::OutOfService, first_due);
    s.save_stats(&done).await.unwrap();
    let due = s.due_stats(first_due, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].campaign_id, campaign_id("c-2"));
}

pub async fn step_counters_add_up_per_step_and_stay_in_their_organization(a: Adapters) {
    let s = &a.campaign_stats;
    let sent = Progress {
        sent: 1,
        quota_used: 1,
        ..Progress::default()
    };
    let tasks: Vec<_> = (0..10)
        .map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                s.add_step_progress(&org_id("acme"), &campaign_id("c-1"), i % 2, sent)
                    .await
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    s.add_step_progress(
        &org_id("acme"),
        &campaign_id("c-1"),
        1,
        Progress {
            failed: 1,
            ..Progress::default()
        },
    )
    .await
    .unwrap();
    let steps = s
        .step_progress(&org_id("acme"), &campaign_id("c-1"))
        .await
        .unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!((steps[0].step, steps[0].progress.sent), (0, 5));
    assert_eq!(steps[1].progress.quota_used, 5);
    assert_eq!(steps[1].progress.failed, 1);
    assert!(s
        .step_progress(&org_id("beta"), &campaign_id("c-1"))
        .await
        .unwrap()
        .is_empty());
}

pub async fn another_organizations_campaign_id_finds_no_statistics(a: Adapters) {
    let s = &a.campaign_stats;
    s.watch(&watched("acme", "c-1", None)).await.unwrap();
    assert!(s
        .stats(&org_id("beta"), &campaign_id("c-1"))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        s.stats(&org_id("acme"), &campaign_id("c-1"))
            .await
            .unwrap()
            .len(),
        1
    );
}
