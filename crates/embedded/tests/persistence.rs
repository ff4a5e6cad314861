//! The embedded adapters survive a restart through their snapshot file.

use otodoke_contract::builders::*;
use otodoke_core::campaign::{PlannerCheckpoint, Progress};
use otodoke_core::friend::FollowState;
use otodoke_core::ports::*;
use otodoke_core::quota::ReserveOutcome;
use otodoke_core::{Cursor, PageRequest};
use otodoke_embedded::{Embedded, PersistError};
use std::time::Duration;

#[tokio::test]
async fn everything_written_before_a_flush_is_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("otodoke.json");
    {
        let e = Embedded::open(&path).unwrap();
        e.orgs.put_organization(&sample_org("acme")).await.unwrap();
        e.orgs
            .put_channel(&sample_channel("acme", "ch-1", 1))
            .await
            .unwrap();
        for n in 0..3 {
            let friend = following(in_store(sample_friend(n, "acme"), "shibuya"), "ch-1");
            e.friends.save(&tagged(friend, "vip")).await.unwrap();
        }
        e.idempotency
            .claim("evt-1", at(0), jiff::SignedDuration::from_secs(60))
            .await
            .unwrap();
        e.idempotency
            .complete("evt-1", at(1), jiff::SignedDuration::from_hours(24))
            .await
            .unwrap();
        let reserved = e
            .quota
            .reserve(
                &quota_key("ch-1"),
                40,
                Some(200),
                None,
                &otodoke_core::quota::Hold::new("r-1", at(1), jiff::SignedDuration::from_mins(10)),
            )
            .await
            .unwrap();
        let ReserveOutcome::Granted(r) = reserved else {
            panic!("{reserved:?}")
        };
        e.quota.settle(&r, 30).await.unwrap();
        e.conversations
            .append(&sample_entry(1, "shibuya", at(5), 1))
            .await
            .unwrap();
        e.campaigns
            .create(&sample_campaign("acme", "c-1", "ch-1"))
            .await
            .unwrap();
        let progress = Progress {
            planned: 3,
            ..Progress::default()
        };
        e.campaigns
            .add_progress(&campaign_id("c-1"), progress)
            .await
            .unwrap();
        let checkpoint = PlannerCheckpoint {
            cursor: Some(Cursor("x".into())),
            next_batch: 1,
            done: false,
            narrowcast: None,
        };
        e.campaigns
            .advance_checkpoint(&campaign_id("c-1"), 0, &checkpoint)
            .await
            .unwrap();
        e.enrolments
            .enrol(&sample_enrolment("seq-1", 1, "ch-1", at(10)))
            .await
            .unwrap();
        let message = QueueMessage {
            body: "batch 0".into(),
            group_id: None,
            dedup_id: None,
        };
        e.fanout.send(&[message]).await.unwrap();
        e.flush().unwrap();
    }

    let e = Embedded::open(&path).unwrap();
    assert!(e
        .orgs
        .organization(&org_id("acme"))
        .await
        .unwrap()
        .is_some());
    let channel = e
        .orgs
        .channel_by_destination(&bot_user_id(1))
        .await
        .unwrap();
    assert_eq!(channel.map(|c| c.id), Some(channel_id("ch-1")));
    let friend = e.friends.friend(&friend_key(2)).await.unwrap().unwrap();
    assert_eq!(
        friend.version, 1,
        "versions survive, so stale saves still conflict"
    );
    let page = e
        .friends
        .by_store(&store_key("acme", "shibuya"), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(page.items.len(), 3);
    let page = e
        .friends
        .by_channel(
            &org_id("acme"),
            &channel_id("ch-1"),
            FollowState::Following,
            PageRequest::first(10),
        )
        .await
        .unwrap();
    assert_eq!(page.items.len(), 3);
    let claim = e
        .idempotency
        .claim("evt-1", at(2), jiff::SignedDuration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(claim, Claim::AlreadyDone);
    let counter = e.quota.counter(&quota_key("ch-1")).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (30, 0));
    let history = e
        .conversations
        .history(&friend_key(1), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(history.items.len(), 1);
    let campaign = e
        .campaigns
        .campaign(&campaign_id("c-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(campaign.progress.planned, 3);
    assert_eq!(
        e.campaigns
            .checkpoint(&campaign_id("c-1"))
            .await
            .unwrap()
            .next_batch,
        1
    );
    assert_eq!(e.enrolments.due(at(10), 10).await.unwrap().len(), 1);
    let got = e.fanout.receive(10, Duration::ZERO).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].body, "batch 0");
}

#[test]
fn opening_a_missing_file_starts_empty_and_flush_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.json");
    let e = Embedded::open(&path).unwrap();
    assert!(e.friends.is_empty());
    e.flush().unwrap();
    assert!(path.exists());
    assert!(Embedded::open(&path).unwrap().friends.is_empty());
}

#[test]
fn a_file_that_is_not_a_snapshot_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, b"{\"format\": 1, \"friends\": 7}").unwrap();
    assert!(matches!(
        Embedded::open(&path),
        Err(PersistError::Decode { .. })
    ));
    std::fs::write(&path, b"{\"format\": 99}").unwrap();
    assert!(matches!(
        Embedded::open(&path),
        Err(PersistError::Format { found: 99, .. })
    ));
}

#[tokio::test(start_paused = true)]
async fn autoflush_writes_the_file_periodically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("auto.json");
    let e = Embedded::open(&path).unwrap();
    e.friends.save(&sample_friend(1, "acme")).await.unwrap();
    let task = e.spawn_autoflush(Duration::from_secs(5));
    for _ in 0..100 {
        if path.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    task.abort();
    assert_eq!(Embedded::open(&path).unwrap().friends.len(), 1);
}

#[tokio::test]
async fn campaign_statistics_and_step_counters_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("otodoke.json");
    let stats = otodoke_core::insight::CampaignStats::watch(
        org_id("acme"),
        campaign_id("c-1"),
        None,
        channel_id("ch-1"),
        at(0),
    );
    let sent = Progress {
        sent: 7,
        quota_used: 7,
        ..Progress::default()
    };
    {
        let e = Embedded::open(&path).unwrap();
        assert!(e.campaign_stats.watch(&stats).await.unwrap());
        e.campaign_stats
            .add_step_progress(&org_id("acme"), &campaign_id("c-1"), 2, sent)
            .await
            .unwrap();
        e.flush().unwrap();
    }

    let e = Embedded::open(&path).unwrap();
    let kept = e
        .campaign_stats
        .stats(&org_id("acme"), &campaign_id("c-1"))
        .await
        .unwrap();
    assert_eq!(kept, vec![stats.clone()]);
    let due_at = stats.next_fetch_at.expect("a watched unit is due");
    let due = e.campaign_stats.due_stats(due_at, 10).await.unwrap();
    assert_eq!(due.len(), 1, "still to be fetched after the restart");
    let steps = e
        .campaign_stats
        .step_progress(&org_id("acme"), &campaign_id("c-1"))
        .await
        .unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!((steps[0].step, steps[0].progress), (2, sent));
}
