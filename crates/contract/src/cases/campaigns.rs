use crate::builders::*;
use crate::support::all_items;
use crate::Adapters;
use otodoke_core::campaign::{Campaign, CampaignStatus, PlannerCheckpoint, Progress, Schedule};
use otodoke_core::{Cursor, StoreError};
use std::collections::BTreeSet;

pub async fn a_created_campaign_reads_back_at_version_1(a: Adapters) {
    let campaign = sample_campaign("acme", "c-1", "ch-1");
    a.campaigns.create(&campaign).await.unwrap();
    let stored = a.campaigns.campaign(&campaign.id).await.unwrap().unwrap();
    assert_eq!(
        stored,
        Campaign {
            version: 1,
            ..campaign
        }
    );
    assert_eq!(
        a.campaigns.campaign(&campaign_id("c-9")).await.unwrap(),
        None
    );
}

pub async fn creating_an_existing_campaign_id_is_a_conflict(a: Adapters) {
    let campaign = sample_campaign("acme", "c-1", "ch-1");
    a.campaigns.create(&campaign).await.unwrap();
    let mut again = campaign.clone();
    again.name = "a different one".into();
    let result = a.campaigns.create(&again).await;
    assert!(matches!(result, Err(StoreError::Conflict)), "{result:?}");
    let stored = a.campaigns.campaign(&campaign.id).await.unwrap().unwrap();
    assert_eq!(stored.name, campaign.name);
}

pub async fn save_draft_checks_the_version_and_leaves_status_and_progress_alone(a: Adapters) {
    a.campaigns
        .create(&sample_campaign("acme", "c-1", "ch-1"))
        .await
        .unwrap();
    let v1 = a
        .campaigns
        .campaign(&campaign_id("c-1"))
        .await
        .unwrap()
        .unwrap();

    let mut edit = v1.clone();
    edit.name = "Winter sale".into();
    edit.schedule = Schedule::At { at: at(3_600) };
    edit.status = CampaignStatus::Running;
    edit.progress.sent = 99;
    edit.updated_at = at(10);
    let v2 = a.campaigns.save_draft(&edit).await.unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.name, "Winter sale");
    assert_eq!(v2.schedule, Schedule::At { at: at(3_600) });
    assert_eq!(v2.status, CampaignStatus::Draft, "save changed the status");
    assert_eq!(
        v2.progress,
        Progress::default(),
        "save changed the progress"
    );
    assert_eq!(
        a.campaigns.campaign(&v1.id).await.unwrap(),
        Some(v2.clone())
    );

    let mut stale = v1.clone();
    stale.name = "lost edit".into();
    let result = a.campaigns.save_draft(&stale).await;
    assert!(matches!(result, Err(StoreError::Conflict)), "{result:?}");
    assert_eq!(a.campaigns.campaign(&v1.id).await.unwrap(), Some(v2));
}

pub async fn campaigns_by_org_are_newest_first_and_paged(a: Adapters) {
    for i in 0..12 {
        let mut campaign = sample_campaign("acme", &format!("c-{i:02}"), "ch-1");
        campaign.created_at = at(60 * i64::from(i));
        a.campaigns.create(&campaign).await.unwrap();
    }
    a.campaigns
        .create(&sample_campaign("other", "x-1", "ch-9"))
        .await
        .unwrap();
    let acme = org_id("acme");
    let listed = all_items(5, |p| a.campaigns.by_org(&acme, p)).await;
    let ids: Vec<String> = listed.iter().map(|c| c.id.to_string()).collect();
    let expected: Vec<String> = (0..12).rev().map(|i| format!("c-{i:02}")).collect();
    assert_eq!(ids, expected);
}

pub async fn a_cursor_the_listing_never_handed_out_is_an_invalid_cursor(a: Adapters) {
    a.campaigns
        .create(&sample_campaign("acme", "c-1", "ch-1"))
        .await
        .unwrap();
    for bogus in ["not a cursor!", "", "#", "e30"] {
        let page = otodoke_core::PageRequest {
            cursor: Some(Cursor(bogus.into())),
            limit: 5,
        };
        let result = a.campaigns.by_org(&org_id("acme"), page).await;
        assert!(
            matches!(result, Err(StoreError::InvalidCursor(_))),
            "cursor {bogus:?}: {result:?}"
        );
    }
}

pub async fn transition_moves_only_from_the_expected_status(a: Adapters) {
    a.campaigns
        .create(&sample_campaign("acme", "c-1", "ch-1"))
        .await
        .unwrap();
    let id = campaign_id("c-1");
    use CampaignStatus::*;
    assert!(!a
        .campaigns
        .transition(&id, Scheduled, Running, at(1))
        .await
        .unwrap());
    assert!(a
        .campaigns
        .transition(&id, Draft, Scheduled, at(2))
        .await
        .unwrap());
    assert!(!a
        .campaigns
        .transition(&id, Draft, Scheduled, at(3))
        .await
        .unwrap());
    assert!(a
        .campaigns
        .transition(&id, Scheduled, Running, at(4))
        .await
        .unwrap());
    let stored = a.campaigns.campaign(&id).await.unwrap().unwrap();
    assert_eq!(stored.status, Running);
    assert!(!a
        .campaigns
        .transition(&campaign_id("c-9"), Draft, Scheduled, at(5))
        .await
        .unwrap());
}

pub async fn of_racing_transitions_from_one_status_exactly_one_wins(a: Adapters) {
    let mut campaign = sample_campaign("acme", "c-1", "ch-1");
    campaign.status = CampaignStatus::Scheduled;
    a.campaigns.create(&campaign).await.unwrap();
    let racers: Vec<_> = (0..8)
        .map(|i| {
            let campaigns = a.campaigns.clone();
            tokio::spawn(async move {
                campaigns
                    .transition(
                        &campaign_id("c-1"),
                        CampaignStatus::Scheduled,
                        CampaignStatus::Running,
                        at(i),
                    )
                    .await
            })
        })
        .collect();
    let mut winners = 0;
    for racer in racers {
        if racer.await.unwrap().unwrap() {
            winners += 1;
        }
    }
    assert_eq!(winners, 1);
}

pub async fn due_lists_scheduled_campaigns_whose_time_has_come(a: Adapters) {
    let make = |id: &str, status, schedule| {
        let mut c = sample_campaign("acme", id, "ch-1");
        c.status = status;
        c.schedule = schedule;
        c
    };
    use CampaignStatus::*;
    let all = [
        make("past", Scheduled, Schedule::At { at: at(100) }),
        make("exactly-now", Scheduled, Schedule::At { at: at(1_000) }),
        make("future", Scheduled, Schedule::At { at: at(1_001) }),
        make("draft", Draft, Schedule::At { at: at(100) }),
        make("running", Running, Schedule::At { at: at(100) }),
        make("now", Scheduled, Schedule::Now),
    ];
    for c in &all {
        a.campaigns.create(c).await.unwrap();
    }
    let due: BTreeSet<String> = a
        .campaigns
        .due(at(1_000), 10)
        .await
        .unwrap()
        .into_iter()
        .map(|id| id.to_string())
        .collect();
    assert_eq!(
        due,
        BTreeSet::from(["past".to_string(), "exactly-now".to_string()])
    );
    assert_eq!(a.campaigns.due(at(1_000), 1).await.unwrap().len(), 1);

    // Once started, a campaign is no longer due.
    assert!(a
        .campaigns
        .transition(&campaign_id("past"), Scheduled, Running, at(1_000))
        .await
        .unwrap());
    let due = a.campaigns.due(at(1_000), 10).await.unwrap();
    assert_eq!(due, vec![campaign_id("exactly-now")]);
}

pub async fn racing_progress_additions_sum_exactly(a: Adapters) {
    a.campaigns
        .create(&sample_campaign("acme", "c-1", "ch-1"))
        .await
        .unwrap();
    let tasks: Vec<_> = (0..32u64)
        .map(|i| {
            let campaigns = a.campaigns.clone();
            tokio::spawn(async move {
                let delta = Progress {
                    planned: 500,
                    sent: 490 + i % 3,
                    failed: 1,
                    skipped: i % 2,
                    quota_used: 490 + i % 3,
                };
                campaigns.add_progress(&campaign_id("c-1"), delta).await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let sent: u64 = (0..32u64).map(|i| 490 + i % 3).sum();
    let stored = a
        .campaigns
        .campaign(&campaign_id("c-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.progress,
        Progress {
            planned: 32 * 500,
            sent,
            failed: 32,
            skipped: 16,
            quota_used: sent,
        }
    );
}

pub async fn adding_progress_to_an_unknown_campaign_is_not_found(a: Adapters) {
    let result = a
        .campaigns
        .add_progress(
            &campaign_id("c-9"),
            Progress {
                sent: 1,
                ..Progress::default()
            },
        )
        .await;
    assert!(matches!(result, Err(StoreError::NotFound(_))), "{result:?}");
    assert_eq!(
        a.campaigns.campaign(&campaign_id("c-9")).await.unwrap(),
        None
    );
}

pub async fn a_checkpoint_starts_empty_and_advances_only_from_the_expected_batch(a: Adapters) {
    a.campaigns
        .create(&sample_campaign("acme", "c-1", "ch-1"))
        .await
        .unwrap();
    let id = campaign_id("c-1");
    assert_eq!(
        a.campaigns.checkpoint(&id).await.unwrap(),
        PlannerCheckpoint::default()
    );

    let first = PlannerCheckpoint {
        cursor: Some(Cursor("after-500".into())),
        next_batch: 1,
        done: false,
        narrowcast: None,
    };
    assert!(a
        .campaigns
        .advance_checkpoint(&id, 0, &first)
        .await
        .unwrap());
    // A planner that timed out and retries batch 0 loses.
    let retry = PlannerCheckpoint {
        cursor: Some(Cursor("elsewhere".into())),
        next_batch: 1,
        done: false,
        narrowcast: None,
    };
    assert!(!a
        .campaigns
        .advance_checkpoint(&id, 0, &retry)
        .await
        .unwrap());
    assert_eq!(a.campaigns.checkpoint(&id).await.unwrap(), first);

    let last = PlannerCheckpoint {
        cursor: None,
        next_batch: 2,
        done: true,
        narrowcast: None,
    };
    assert!(a.campaigns.advance_checkpoint(&id, 1, &last).await.unwrap());
    assert_eq!(a.campaigns.checkpoint(&id).await.unwrap(), last);

    // A narrowcast campaign's record of what LINE reported rides on the same item.
    let reported = PlannerCheckpoint {
        next_batch: 3,
        narrowcast: Some(otodoke_core::demographic::NarrowcastState {
            request_id: Some("req-1".into()),
            phase: Some("failed".into()),
            failed_description: Some("no target".into()),
            error_code: Some(2),
            ..Default::default()
        }),
        ..last.clone()
    };
    assert!(a
        .campaigns
        .advance_checkpoint(&id, 2, &reported)
        .await
        .unwrap());
    assert_eq!(a.campaigns.checkpoint(&id).await.unwrap(), reported);

    // So do its LINE audience group, the upload's position and the quota
    // reservation taken before sending.
    let now: jiff::Timestamp = "2026-11-30T05:00:00Z".parse().unwrap();
    let prepared = PlannerCheckpoint {
        next_batch: 4,
        narrowcast: Some(otodoke_core::demographic::NarrowcastState {
            audience_group_id: Some(1_000_000_000_042),
            audience_cursor: Some(Cursor("{\"planned\":0,\"exhausted\":false}".into())),
            audience_uploaded: 10_000,
            audience_complete: false,
            reservation: Some(
                otodoke_core::quota::Hold::new(
                    "narrowcast#c-1#0",
                    now,
                    jiff::SignedDuration::from_hours(24),
                )
                .reservation(
                    &otodoke_core::quota::QuotaKey {
                        channel: otodoke_core::ChannelId::new("ch-1").unwrap(),
                        month: otodoke_core::quota::QuotaMonth::containing(now),
                    },
                    None,
                    150,
                ),
            ),
            holds_released: 1,
            ..Default::default()
        }),
        ..reported.clone()
    };
    assert!(a
        .campaigns
        .advance_checkpoint(&id, 3, &prepared)
        .await
        .unwrap());
    assert_eq!(a.campaigns.checkpoint(&id).await.unwrap(), prepared);
}

/// Batches of a paused campaign wait in the store, in batch order, until unparked.
pub async fn parked_batches_wait_in_batch_order_until_unparked(a: Adapters) {
    use otodoke_core::campaign::FanoutBatch;
    let c = sample_campaign("acme", "c-1", "ch-1");
    a.campaigns.create(&c).await.unwrap();
    let batch = |n: u32, users: &[u32]| FanoutBatch {
        campaign_id: c.id.clone(),
        channel_id: c.channel_id.clone(),
        batch_no: n,
        recipients: users.iter().map(|u| user_id(*u)).collect(),
    };
    assert!(a.campaigns.parked(&c.id, 10).await.unwrap().is_empty());
    a.campaigns.park(&batch(12, &[3])).await.unwrap();
    a.campaigns.park(&batch(2, &[1, 2])).await.unwrap();
    // Parking a batch again (a redelivered copy) replaces it.
    a.campaigns.park(&batch(2, &[1, 2])).await.unwrap();
    let parked = a.campaigns.parked(&c.id, 10).await.unwrap();
    assert_eq!(parked, [batch(2, &[1, 2]), batch(12, &[3])]);
    assert_eq!(
        a.campaigns.parked(&c.id, 1).await.unwrap(),
        [batch(2, &[1, 2])]
    );
    a.campaigns.unpark(&c.id, 2).await.unwrap();
    a.campaigns.unpark(&c.id, 2).await.unwrap();
    assert_eq!(
        a.campaigns.parked(&c.id, 10).await.unwrap(),
        [batch(12, &[3])]
    );
    // The campaign itself is untouched.
    assert!(a.campaigns.campaign(&c.id).await.unwrap().is_some());
}

pub async fn only_a_draft_can_be_saved_or_deleted(a: Adapters) {
    for id in ["c-draft", "c-sent"] {
        a.campaigns
            .create(&sample_campaign("acme", id, "ch-1"))
            .await
            .unwrap();
    }
    let sent = campaign_id("c-sent");
    assert!(a
        .campaigns
        .transition(
            &sent,
            CampaignStatus::Draft,
            CampaignStatus::Scheduled,
            at(5)
        )
        .await
        .unwrap());
    let mut late_edit = a.campaigns.campaign(&sent).await.unwrap().unwrap();
    late_edit.name = "edited after scheduling".into();
    let result = a.campaigns.save_draft(&late_edit).await;
    assert!(matches!(result, Err(StoreError::Conflict)), "{result:?}");
    let result = a.campaigns.delete_draft(&sent).await;
    assert!(matches!(result, Err(StoreError::Conflict)), "{result:?}");
    assert!(a.campaigns.campaign(&sent).await.unwrap().is_some());

    let draft = campaign_id("c-draft");
    assert!(a.campaigns.delete_draft(&draft).await.unwrap());
    assert_eq!(a.campaigns.campaign(&draft).await.unwrap(), None);
    assert!(
        !a.campaigns.delete_draft(&draft).await.unwrap(),
        "gone already"
    );
    let acme = org_id("acme");
    let listed = all_items(5, |p| a.campaigns.by_org(&acme, p)).await;
    assert_eq!(listed.len(), 1, "the deleted draft left the listing");
}
