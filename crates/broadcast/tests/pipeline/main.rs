//! The pipeline end to end over the embedded adapters and the in-process LINE
//! sandbox (LINE's real limits): planner -> fan-out queue -> senders -> LINE.

mod insight;
mod links;
mod narrowcast;
mod rig;

use otodoke_broadcast::planner::{plan, PlanOutcome, PlannerConfig};
use otodoke_broadcast::retry_key;
use otodoke_broadcast::sender::{send_batch, BatchOutcome};
use otodoke_contract::builders::campaign_id;
use otodoke_core::campaign::{CampaignStatus, FanoutBatch};
use otodoke_core::ports::{QueueMessage, QueueReceiver, QueueSender};
use otodoke_core::quota::{QuotaKey, QuotaMonth};
use otodoke_core::QueueError;
use otodoke_embedded::QueueConfig;
use otodoke_line_sandbox::{Endpoint, EndpointFaults, Faults};
use rig::*;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_campaign_reaches_every_recipient_exactly_once_and_completes() {
    let rig = Rig::new(RigOptions::default()).await;
    let id = rig.running_campaign("c1").await;
    let outcome = rig.plan_all(&id, 500).await;
    assert_eq!(
        outcome,
        PlanOutcome::Done {
            planned: 2_300,
            batches: 5
        }
    );
    rig.run_senders(
        4,
        Duration::from_secs(30),
        status_is("c1", CampaignStatus::Completed),
    )
    .await;
    let c = rig.campaign("c1").await;
    assert_eq!(c.status, CampaignStatus::Completed);
    assert_eq!((c.progress.planned, c.progress.sent), (2_300, 2_300));
    assert!(rig.delivery_counts().iter().all(|&n| n == 1));
    assert_eq!(rig.sandbox.delivery_count(), 2_300);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redelivered_batch_is_never_sent_twice() {
    let rig = Rig::new(RigOptions {
        friends: 600,
        ..RigOptions::default()
    })
    .await;
    let id = rig.running_campaign("c1").await;
    rig.plan_all(&id, 500).await;
    let first = rig.process_one().await.unwrap();
    assert!(matches!(
        first,
        BatchOutcome::Sent {
            recipients: 500,
            already: false
        }
    ));
    // SQS delivers the same message again: the done mark drops it.
    let batch = FanoutBatch {
        campaign_id: id.clone(),
        channel_id: rig.channel.id.clone(),
        batch_no: 0,
        recipients: rig.users[..500].to_vec(),
    };
    let again = send_batch(&rig.ports, rig.line.as_ref(), &batch, &rig.sender)
        .await
        .unwrap();
    assert_eq!(again, BatchOutcome::AlreadyDone);
    // Even with the mark gone (expired), LINE's retry key makes it a 409.
    let mut forgetful = rig.ports.clone();
    forgetful.idempotency = Arc::new(otodoke_embedded::EmbeddedIdempotency::default());
    let third = send_batch(&forgetful, rig.line.as_ref(), &batch, &rig.sender)
        .await
        .unwrap();
    assert!(matches!(third, BatchOutcome::Sent { already: true, .. }));
    assert!(rig.delivery_counts()[..500].iter().all(|&n| n == 1));
    assert_eq!(rig.sandbox.delivery_count(), 500);
    // The 409 is counted once: the copy's reservation is the first attempt's (same
    // id), already settled.
    let counter = rig.ports.quota.counter(&quota_key()).await.unwrap();
    assert_eq!(
        (counter.used, counter.reserved),
        (500, 0),
        "409 counted once"
    );
}

/// A fan-out queue that "crashes" the planner right after its `crash_at`-th send
/// went through (the batch is written, the checkpoint is not).
struct CrashAfterWrite {
    inner: Arc<dyn QueueSender>,
    sends: AtomicU32,
    crash_at: u32,
}

#[async_trait::async_trait]
impl QueueSender for CrashAfterWrite {
    async fn send(&self, messages: &[QueueMessage]) -> Result<(), QueueError> {
        self.inner.send(messages).await?;
        if self.sends.fetch_add(1, Ordering::SeqCst) + 1 == self.crash_at {
            return Err(QueueError::Unavailable("planner killed".into()));
        }
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planner_resumed_after_a_timeout_or_crash_duplicates_no_recipient() {
    let rig = Rig::new(RigOptions::default()).await;
    let id = rig.running_campaign("c1").await;
    // A run out of time after its first batch.
    let yielded = plan(
        &rig.ports,
        &id,
        now(),
        PlannerConfig {
            batch_size: 500,
            time_budget: Some(Duration::ZERO),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        yielded,
        PlanOutcome::Yielded {
            planned_so_far: 500
        }
    );
    // A run that dies between writing batch 2 and its checkpoint.
    let mut crashing = rig.ports.clone();
    crashing.fanout = Arc::new(CrashAfterWrite {
        inner: rig.ports.fanout.clone(),
        sends: AtomicU32::new(0),
        crash_at: 2,
    });
    assert!(plan(&crashing, &id, now(), PlannerConfig::default())
        .await
        .is_err());
    // The last run finishes.
    let done = rig.plan_all(&id, 500).await;
    assert_eq!(
        done,
        PlanOutcome::Done {
            planned: 2_300,
            batches: 5
        }
    );
    // The queue holds batch 2 twice, identically; every other batch once.
    let mut bodies = Vec::new();
    loop {
        let got = rig
            .embedded
            .fanout
            .receive(10, Duration::from_millis(10))
            .await
            .unwrap();
        if got.is_empty() {
            break;
        }
        for m in got {
            bodies.push(m.body.clone());
            rig.embedded.fanout.ack(&m.receipt).await.unwrap();
        }
    }
    let batches: Vec<FanoutBatch> = bodies
        .iter()
        .map(|b| serde_json::from_str(b).unwrap())
        .collect();
    let numbers: Vec<u32> = batches.iter().map(|b| b.batch_no).collect();
    assert_eq!(numbers, [0, 1, 2, 2, 3, 4]);
    assert_eq!(batches[2], batches[3]);
    let mut everyone: Vec<_> = batches
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 3)
        .flat_map(|(_, b)| b.recipients.clone())
        .collect();
    everyone.sort();
    let mut expected = rig.users.clone();
    expected.sort();
    assert_eq!(everyone, expected, "each recipient in exactly one batch");
    assert_eq!(rig.campaign("c1").await.progress.planned, 2_300);
    // Sending both copies of batch 2 delivers it once.
    for b in [&batches[2], &batches[3]] {
        enqueue(&rig, b).await;
    }
    rig.run_senders(2, Duration::from_secs(10), |rig: &Rig| {
        Box::pin(async move {
            rig.embedded.fanout.depth().ready + rig.embedded.fanout.depth().in_flight == 0
        })
    })
    .await;
    assert_eq!(rig.sandbox.delivery_count(), 500);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_campaign_sends_no_further_batch() {
    let rig = Rig::new(RigOptions::default()).await;
    let id = rig.running_campaign("c1").await;
    rig.plan_all(&id, 500).await;
    assert!(matches!(
        rig.process_one().await,
        Some(BatchOutcome::Sent { .. })
    ));
    rig.cancel(&id).await;
    while let Some(outcome) = rig.process_one().await {
        assert!(
            matches!(outcome, BatchOutcome::Skipped { .. }),
            "{outcome:?}"
        );
    }
    let c = rig.campaign("c1").await;
    assert_eq!((c.progress.sent, c.progress.skipped), (500, 1_800));
    assert_eq!(rig.sandbox.delivery_count(), 500);
}

/// A rig on the Standard plan (30,000, no extra messages) with 29,000 used this
/// month already (e.g. from the Manager).
async fn with_1000_left(options: RigOptions) -> Rig {
    let rig = Rig::new(RigOptions {
        plan: otodoke_core::organization::Plan::Standard { extra_cap: Some(0) },
        ..options
    })
    .await;
    rig.ports
        .quota
        .reconcile(&quota_key(), 29_000)
        .await
        .unwrap();
    rig
}

fn quota_key() -> QuotaKey {
    QuotaKey {
        channel: otodoke_core::ChannelId::new(CHANNEL).unwrap(),
        month: QuotaMonth::containing(now()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_monthly_limit_pauses_the_campaign_and_releases_the_reservation() {
    // Our counter knows no limit; LINE (the sandbox) stops at 1,000.
    let rig = Rig::new(RigOptions {
        sandbox_plan: otodoke_line_sandbox::Plan::Standard {
            max_messages: Some(1_000),
        },
        ..RigOptions::default()
    })
    .await;
    let id = rig.running_campaign("c1").await;
    rig.plan_all(&id, 500).await;
    let mut outcomes = Vec::new();
    for _ in 0..3 {
        outcomes.push(rig.process_one().await.unwrap());
    }
    assert!(matches!(outcomes[0], BatchOutcome::Sent { .. }));
    assert!(matches!(outcomes[1], BatchOutcome::Sent { .. }));
    assert_eq!(outcomes[2], BatchOutcome::Paused);
    let c = rig.campaign("c1").await;
    assert_eq!(c.status, CampaignStatus::Paused);
    assert_eq!(c.progress.sent, 1_000);
    let counter = rig.ports.quota.counter(&quota_key()).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (1_000, 0));
    // The paused batch is parked with the campaign (acked, so it never reaches the
    // dead-letter queue and its 14-day retention); the other two still wait.
    let depth = rig.embedded.fanout.depth();
    assert_eq!(depth.ready + depth.in_flight, 2);
    let parked = rig.ports.campaigns.parked(&id, 10).await.unwrap();
    assert_eq!(parked.iter().map(|b| b.batch_no).collect::<Vec<_>>(), [2]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_campaign_resumes_after_its_batches_dlq_lifetime_would_have_ended() {
    // Two batches of 500 fit in the 1,000 left, three do not.
    let rig = with_1000_left(RigOptions::default()).await;
    let id = rig.running_campaign("c1").await;
    rig.plan_all(&id, 500).await;
    let mut outcomes = Vec::new();
    while let Some(outcome) = rig.process_one().await {
        outcomes.push(outcome);
    }
    assert_eq!(outcomes.len(), 5);
    assert_eq!(rig.campaign("c1").await.status, CampaignStatus::Paused);
    // Nothing waits in a queue, where a dead-letter queue would drop it after 14 days:
    // the three unsent batches are parked with the campaign, however long it waits.
    let depth = rig.embedded.fanout.depth();
    assert_eq!(depth.ready + depth.in_flight, 0);
    assert!(rig.embedded.fanout.dead_letters().is_empty());
    assert_eq!(rig.ports.campaigns.parked(&id, 10).await.unwrap().len(), 3);

    // Weeks later the store upgrades its plan and an operator resumes: the admin
    // API's resume moves Paused -> Running and asks for planning, which requeues.
    let mut channel = rig.channel.clone();
    channel.plan = otodoke_core::organization::Plan::Unlimited;
    rig.ports.orgs.put_channel(&channel).await.unwrap();
    rig.ports
        .campaigns
        .transition(&id, CampaignStatus::Paused, CampaignStatus::Running, now())
        .await
        .unwrap();
    rig.plan_all(&id, 500).await;
    assert!(rig
        .ports
        .campaigns
        .parked(&id, 10)
        .await
        .unwrap()
        .is_empty());
    while rig.process_one().await.is_some() {}
    let c = rig.campaign("c1").await;
    assert_eq!(c.status, CampaignStatus::Completed);
    assert_eq!(c.progress.sent, 2_300);
    assert!(rig.delivery_counts().iter().all(|&n| n == 1));
    assert_eq!(rig.sandbox.delivery_count(), 2_300);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_campaigns_racing_for_the_last_1000_messages_send_at_most_1000() {
    let rig = with_1000_left(RigOptions {
        friends: 800,
        fanout: QueueConfig::standard()
            .with_visibility_timeout(Duration::from_millis(300))
            .with_max_receive_count(2),
        ..RigOptions::default()
    })
    .await;
    let ids = ["a", "b", "c"];
    for id in ids {
        let cid = rig.running_campaign(id).await;
        rig.plan_all(&cid, 100).await;
    }
    rig.run_senders(3, Duration::from_secs(20), |rig: &Rig| {
        Box::pin(async move {
            let d = rig.embedded.fanout.depth();
            d.ready + d.in_flight == 0
        })
    })
    .await;
    let mut sent = 0;
    for id in ids {
        let c = rig.campaign(id).await;
        sent += c.progress.sent;
        assert!(
            matches!(c.status, CampaignStatus::Completed | CampaignStatus::Paused),
            "{id}: {:?}",
            c.status
        );
    }
    assert!(sent <= 1_000, "sent {sent}");
    assert_eq!(rig.sandbox.delivery_count(), sent);
    assert!(rig.delivery_counts().iter().all(|&n| n <= 3));
    // Whatever was not sent is parked with its paused campaign, none in a DLQ.
    assert!(rig.embedded.fanout.dead_letters().is_empty());
    let mut parked = 0;
    for id in ids {
        for batch in rig
            .ports
            .campaigns
            .parked(&campaign_id(id), 100)
            .await
            .unwrap()
        {
            parked += batch.recipients.len() as u64;
        }
    }
    assert_eq!(sent + parked, 2_400, "nothing lost");
    let counter = rig.ports.quota.counter(&quota_key()).await.unwrap();
    assert_eq!(counter.reserved, 0);
    assert!(counter.used <= 30_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_500s_dropped_connections_and_a_killed_sender_every_recipient_gets_it_once() {
    let rig = Rig::new(RigOptions::default()).await;
    rig.sandbox.set_faults(Faults::seeded(7).on(
        Endpoint::Multicast,
        EndpointFaults {
            error_rate: 0.05,
            drop_rate: 0.02,
            ..EndpointFaults::default()
        },
    ));
    let id = rig.running_campaign("c1").await;
    rig.plan_all(&id, 100).await;
    // A sender takes a batch, gets it accepted by LINE, and dies before recording
    // anything or acking: the message comes back after the visibility timeout.
    let got = rig
        .embedded
        .fanout
        .receive(1, Duration::from_millis(50))
        .await
        .unwrap();
    let batch: FanoutBatch = serde_json::from_str(&got[0].body).unwrap();
    rig.ports
        .idempotency
        .claim("fanout#c1#0", now(), rig.sender.claim_lease)
        .await
        .unwrap();
    rig.sandbox.set_faults(Faults::seeded(7));
    let c = rig.campaign("c1").await;
    rig.line
        .multicast(
            &rig.channel,
            &batch.recipients,
            &c.messages,
            retry_key::for_batch(&id, 0),
            None,
        )
        .await
        .unwrap();
    rig.sandbox.set_faults(Faults::seeded(8).on(
        Endpoint::Multicast,
        EndpointFaults {
            error_rate: 0.05,
            drop_rate: 0.02,
            ..EndpointFaults::default()
        },
    ));
    rig.run_senders(
        4,
        Duration::from_secs(30),
        status_is("c1", CampaignStatus::Completed),
    )
    .await;
    let c = rig.campaign("c1").await;
    assert_eq!(c.status, CampaignStatus::Completed);
    assert!(rig.delivery_counts().iter().all(|&n| n == 1));
    assert_eq!(rig.sandbox.delivery_count(), 2_300);
    let stats = rig.sandbox.stats().endpoint(Endpoint::Multicast);
    assert!(
        stats.injected_errors + stats.dropped_connections > 0,
        "faults were injected"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_concurrent_senders_stay_under_the_channels_multicast_rate() {
    let rig = Rig::new(RigOptions {
        friends: 3_000,
        ..RigOptions::default()
    })
    .await;
    let id = rig.running_campaign("c1").await;
    rig.plan_all(&id, 10).await; // 300 requests: 1.5 s at 200/s
    let started = std::time::Instant::now();
    rig.run_senders(
        8,
        Duration::from_secs(30),
        status_is("c1", CampaignStatus::Completed),
    )
    .await;
    let elapsed = started.elapsed();
    let stats = rig.sandbox.stats().endpoint(Endpoint::Multicast);
    assert_eq!(stats.succeeded, 300);
    assert!(
        stats.rate_limited * 100 < stats.requests,
        "{} of {} requests were rate-limited",
        stats.rate_limited,
        stats.requests
    );
    // 300 requests at <= 200/s (plus one window of slack) take at least ~1.4 s.
    assert!(elapsed >= Duration::from_millis(1_400), "{elapsed:?}");
    assert!(rig.delivery_counts().iter().all(|&n| n == 1));
}
