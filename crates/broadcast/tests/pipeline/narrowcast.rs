//! Campaigns targeted by LINE's demographics: one narrowcast each, followed to its
//! end, against the sandbox's narrowcast (its filtering, 60/hour bucket, progress).

use crate::rig::*;
use otodoke_broadcast::line::NarrowcastTarget;
use otodoke_broadcast::narrowcast::{
    run_order, NarrowcastConfig, NarrowcastOrder, NarrowcastOutcome,
};
use otodoke_broadcast::planner::PlanOutcome;
use otodoke_broadcast::retry_key;
use otodoke_core::campaign::{Campaign, CampaignStatus};
use otodoke_core::demographic::{AgeBucket, LineDemographics, LineGender};
use otodoke_core::ports::QueueReceiver;
use otodoke_core::quota::{QuotaKey, QuotaMonth};
use otodoke_core::CampaignId;
use otodoke_line_sandbox::Endpoint;
use std::time::Duration;

fn women_20_to_39() -> LineDemographics {
    LineDemographics {
        genders: [LineGender::Female].into(),
        age_from: Some(AgeBucket::Age20),
        age_below: Some(AgeBucket::Age40),
        ..LineDemographics::default()
    }
}

/// A run with no time to follow LINE: it does one step and puts the order back.
fn no_time() -> NarrowcastConfig {
    NarrowcastConfig {
        follow_for: Duration::ZERO,
        ..quick()
    }
}

fn quick() -> NarrowcastConfig {
    NarrowcastConfig {
        poll_every: Duration::from_millis(50),
        follow_for: Duration::from_secs(5),
        max_wait: Duration::from_millis(100),
        ..NarrowcastConfig::default()
    }
}

async fn running_narrowcast(rig: &Rig, id: &str, filter: LineDemographics) -> CampaignId {
    let mut c: Campaign = otodoke_contract::builders::sample_campaign(ORG, id, CHANNEL);
    c.status = CampaignStatus::Running;
    c.audience.line_demographics = Some(filter);
    rig.ports.campaigns.create(&c).await.unwrap();
    c.id
}

/// The planner's order for `id`, taken from the fan-out queue.
async fn take_order(rig: &Rig) -> NarrowcastOrder {
    let got = rig
        .embedded
        .fanout
        .receive(10, Duration::from_millis(50))
        .await
        .unwrap();
    assert_eq!(got.len(), 1, "one order, no batches");
    rig.embedded.fanout.ack(&got[0].receipt).await.unwrap();
    serde_json::from_str(&got[0].body).unwrap()
}

/// The rig's users the sandbox's LINE counts as women aged 20 to 39.
fn matching(rig: &Rig) -> Vec<String> {
    rig.users
        .iter()
        .map(|u| u.as_str().to_owned())
        .filter(|u| {
            let d = rig.sandbox.demographics_of(u).unwrap();
            d.gender == Some("female") && d.age.is_some_and(|a| (20..40).contains(&a))
        })
        .collect()
}

async fn quota_used(rig: &Rig) -> u64 {
    rig.ports
        .quota
        .counter(&QuotaKey {
            channel: rig.channel.id.clone(),
            month: QuotaMonth::containing(now()),
        })
        .await
        .unwrap()
        .used
}

fn options(friends: u64) -> RigOptions {
    RigOptions {
        friends,
        ..RigOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demographic_campaign_is_one_narrowcast_followed_until_line_reports_it_done() {
    let rig = Rig::new(options(400)).await;
    let id = running_narrowcast(&rig, "n1", women_20_to_39()).await;
    assert_eq!(
        rig.plan_all(&id, 500).await,
        PlanOutcome::Done {
            planned: 0,
            batches: 1
        }
    );
    let order = take_order(&rig).await;
    let outcome = run_order(&rig.ports, rig.line.as_ref(), &order, &quick())
        .await
        .unwrap();

    let expected = matching(&rig);
    let NarrowcastOutcome::Finished(state) = outcome else {
        panic!("not finished: {outcome:?}");
    };
    assert_eq!(state.phase.as_deref(), Some("succeeded"));
    assert_eq!(state.success_count, Some(expected.len() as u64));
    let sent = rig.sandbox.requests(Endpoint::Narrowcast);
    assert_eq!(sent.len(), 1, "one narrowcast for the campaign");
    assert_eq!(sent[0].recipient_count, expected.len() as u64);
    for user in &rig.users {
        let got = rig.sandbox.deliveries_to(user.as_str()).len();
        assert_eq!(
            got,
            usize::from(expected.contains(&user.as_str().to_owned())),
            "{user}"
        );
    }
    let c = rig.campaign("n1").await;
    assert_eq!(c.status, CampaignStatus::Completed);
    assert_eq!(
        (c.progress.planned, c.progress.sent, c.progress.failed),
        (expected.len() as u64, expected.len() as u64, 0)
    );
    assert_eq!(quota_used(&rig).await, expected.len() as u64);
    let recorded = rig
        .ports
        .campaigns
        .checkpoint(&id)
        .await
        .unwrap()
        .narrowcast
        .unwrap();
    assert_eq!(recorded, state, "LINE's answer is kept with the campaign");

    // A redelivered copy of the order sends nothing more.
    let again = run_order(&rig.ports, rig.line.as_ref(), &order, &quick())
        .await
        .unwrap();
    assert_eq!(again, NarrowcastOutcome::AlreadyDone);
    assert_eq!(rig.sandbox.requests(Endpoint::Narrowcast).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sender_that_died_after_line_accepted_is_retried_and_line_sends_once() {
    let rig = Rig::new(options(400)).await;
    let id = running_narrowcast(&rig, "n2", women_20_to_39()).await;
    // The first sender's narrowcast reached LINE; it died before writing anything.
    let first = rig
        .line
        .narrowcast(
            &rig.channel,
            NarrowcastTarget {
                filter: &women_20_to_39(),
                audience_group: None,
                max: None,
            },
            &rig.campaign("n2").await.messages,
            retry_key::for_narrowcast(&id),
        )
        .await
        .unwrap();
    let order = NarrowcastOrder {
        narrowcast: id.clone(),
    };
    let outcome = run_order(&rig.ports, rig.line.as_ref(), &order, &quick())
        .await
        .unwrap();
    let NarrowcastOutcome::Finished(state) = outcome else {
        panic!("not finished: {outcome:?}");
    };
    assert_eq!(
        state.request_id, first.request_id,
        "the retry followed the first request"
    );
    assert_eq!(rig.sandbox.requests(Endpoint::Narrowcast).len(), 1);
    let counts = rig.delivery_counts();
    assert!(counts.iter().all(|&n| n <= 1), "nobody received it twice");
    assert_eq!(counts.iter().sum::<usize>(), matching(&rig).len());
    assert_eq!(rig.campaign("n2").await.status, CampaignStatus::Completed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_narrowcast_within_the_minute_waits_in_the_queue_instead_of_meeting_a_429() {
    // The limit is a fixed one-minute window of the wall clock: two orders that
    // straddle a minute's end are rightly both sent, so start well inside one.
    let into_minute = jiff::Timestamp::now().as_millisecond().rem_euclid(60_000);
    if into_minute > 40_000 {
        let wait = u64::try_from(60_100 - into_minute).unwrap_or(0);
        tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
    }
    let rig = Rig::new(options(400)).await;
    let a = running_narrowcast(&rig, "n3", women_20_to_39()).await;
    let b = running_narrowcast(&rig, "n4", women_20_to_39()).await;
    let run = |id: &CampaignId| {
        let order = NarrowcastOrder {
            narrowcast: id.clone(),
        };
        let (ports, line) = (rig.ports.clone(), rig.line.clone());
        async move {
            run_order(&ports, line.as_ref(), &order, &quick())
                .await
                .unwrap()
        }
    };
    assert!(matches!(run(&a).await, NarrowcastOutcome::Finished(_)));
    let second = run(&b).await;
    assert!(
        matches!(&second, NarrowcastOutcome::Retry { reason } if reason.contains("narrowcast limit")),
        "{second:?}"
    );
    assert!(!second.ack(), "the order stays in the queue");
    assert_eq!(rig.sandbox.requests(Endpoint::Narrowcast).len(), 1);
    assert_eq!(
        rig.sandbox
            .stats()
            .endpoint(Endpoint::Narrowcast)
            .rate_limited,
        0
    );
    assert_eq!(rig.campaign("n4").await.status, CampaignStatus::Running);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_that_ends_before_line_does_puts_the_order_back_and_the_next_finishes() {
    let rig = Rig::new(options(400)).await;
    let id = running_narrowcast(&rig, "n5", women_20_to_39()).await;
    let order = NarrowcastOrder {
        narrowcast: id.clone(),
    };
    let first = run_order(&rig.ports, rig.line.as_ref(), &order, &no_time())
        .await
        .unwrap();
    assert!(
        matches!(first, NarrowcastOutcome::Following { .. }),
        "{first:?}"
    );
    assert!(first.ack());
    let back = take_order(&rig).await;
    assert_eq!(back, order);
    let state = rig
        .ports
        .campaigns
        .checkpoint(&id)
        .await
        .unwrap()
        .narrowcast
        .unwrap();
    assert_eq!(state.phase.as_deref(), Some("waiting"));
    tokio::time::sleep(Duration::from_millis(450)).await;
    let next = run_order(&rig.ports, rig.line.as_ref(), &back, &quick())
        .await
        .unwrap();
    assert!(matches!(next, NarrowcastOutcome::Finished(_)), "{next:?}");
    assert_eq!(
        rig.sandbox.requests(Endpoint::Narrowcast).len(),
        1,
        "followed, not resent"
    );
    assert_eq!(rig.campaign("n5").await.status, CampaignStatus::Completed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_narrowcast_line_fails_is_recorded_on_the_campaign_and_costs_no_quota() {
    // 40 friends: fewer than LINE's minimum for a demographic narrowcast.
    let rig = Rig::new(options(40)).await;
    let everyone_on_a_phone = LineDemographics {
        app_types: [
            otodoke_core::demographic::AppType::Ios,
            otodoke_core::demographic::AppType::Android,
        ]
        .into(),
        ..LineDemographics::default()
    };
    let id = running_narrowcast(&rig, "n6", everyone_on_a_phone).await;
    let order = NarrowcastOrder {
        narrowcast: id.clone(),
    };
    let outcome = run_order(&rig.ports, rig.line.as_ref(), &order, &quick())
        .await
        .unwrap();
    let NarrowcastOutcome::Finished(state) = outcome else {
        panic!("not finished: {outcome:?}");
    };
    assert_eq!(state.phase.as_deref(), Some("failed"));
    assert_eq!(state.error_code, Some(2));
    assert_eq!(
        state.failed_description.as_deref(),
        Some("not enough recipients")
    );
    let c = rig.campaign("n6").await;
    assert_eq!(c.status, CampaignStatus::Completed);
    assert_eq!((c.progress.planned, c.progress.sent), (40, 0));
    assert_eq!(quota_used(&rig).await, 0);
    assert_eq!(
        rig.ports
            .campaigns
            .checkpoint(&id)
            .await
            .unwrap()
            .narrowcast,
        Some(state)
    );
}

/// 2xx answers of a manage-audience endpoint.
fn calls(rig: &Rig, endpoint: Endpoint) -> u64 {
    rig.sandbox.stats().endpoint(endpoint).succeeded
}

fn women() -> LineDemographics {
    LineDemographics {
        genders: [LineGender::Female].into(),
        ..LineDemographics::default()
    }
}

/// Tags every other rig friend `vip` and returns them.
async fn tag_every_other(rig: &Rig) -> Vec<String> {
    use otodoke_core::friend::FriendKey;
    use otodoke_core::{OrgId, ProviderId};
    let mut vips = Vec::new();
    for user in rig.users.iter().step_by(2) {
        let key = FriendKey {
            org: OrgId::new(ORG).unwrap(),
            provider: ProviderId::new("provider-1").unwrap(),
            user_id: user.clone(),
        };
        let mut f = rig.ports.friends.friend(&key).await.unwrap().unwrap();
        f.tags.insert("vip".into());
        rig.ports.friends.save(&f).await.unwrap();
        vips.push(user.as_str().to_owned());
    }
    vips
}

/// The rig's users the sandbox's LINE counts as women.
fn women_of(rig: &Rig) -> Vec<String> {
    rig.users
        .iter()
        .map(|u| u.as_str().to_owned())
        .filter(|u| rig.sandbox.demographics_of(u).unwrap().gender == Some("female"))
        .collect()
}

async fn running_segment_narrowcast(rig: &Rig, id: &str, filter: LineDemographics) -> CampaignId {
    let mut c: Campaign = otodoke_contract::builders::sample_campaign(ORG, id, CHANNEL);
    c.status = CampaignStatus::Running;
    c.audience.tags_any = ["vip".to_owned()].into();
    c.audience.line_demographics = Some(filter);
    rig.ports.campaigns.create(&c).await.unwrap();
    c.id
}

fn everyone_on_a_phone() -> LineDemographics {
    LineDemographics {
        app_types: [
            otodoke_core::demographic::AppType::Ios,
            otodoke_core::demographic::AppType::Android,
        ]
        .into(),
        ..LineDemographics::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_segment_and_demographics_narrowcast_to_an_audience_group_reaching_friends_in_both() {
    let rig = Rig::new(options(400)).await;
    let vips = tag_every_other(&rig).await;
    let id = running_segment_narrowcast(&rig, "s1", women()).await;
    let order = NarrowcastOrder {
        narrowcast: id.clone(),
    };
    let outcome = run_order(&rig.ports, rig.line.as_ref(), &order, &quick())
        .await
        .unwrap();
    let NarrowcastOutcome::Finished(state) = outcome else {
        panic!("not finished: {outcome:?}");
    };
    let expected: Vec<String> = women_of(&rig)
        .into_iter()
        .filter(|u| vips.contains(u))
        .collect();
    assert!(expected.len() >= 50, "{} in both", expected.len());
    assert_eq!(state.phase.as_deref(), Some("succeeded"));
    assert_eq!(state.success_count, Some(expected.len() as u64));
    assert_eq!(state.audience_uploaded, vips.len() as u64);
    assert!(state.audience_complete);
    for user in &rig.users {
        let got = rig.sandbox.deliveries_to(user.as_str()).len();
        assert_eq!(
            got,
            usize::from(expected.contains(&user.as_str().to_owned())),
            "{user}"
        );
    }
    assert_eq!(calls(&rig, Endpoint::AudienceCreate), 1);
    assert_eq!(rig.sandbox.requests(Endpoint::Narrowcast).len(), 1);
    // The group served its one send and is gone.
    let group = state.audience_group_id.unwrap();
    assert_eq!(rig.line.audience(&rig.channel, group).await.unwrap(), None);
    assert_eq!(calls(&rig, Endpoint::AudienceDelete), 1);
    assert_eq!(rig.campaign("s1").await.status, CampaignStatus::Completed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_a_dead_run_created_but_never_recorded_is_adopted_and_filled_not_created_twice() {
    let rig = Rig::new(options(400)).await;
    let vips = tag_every_other(&rig).await;
    let id = running_segment_narrowcast(&rig, "s2", women()).await;
    let campaign = rig.campaign("s2").await;
    // The dead run created the group with part of the segment, then died.
    let name = otodoke_broadcast::audience_group::description(&campaign);
    let first: Vec<&str> = vips.iter().take(10).map(String::as_str).collect();
    let orphan = rig
        .line
        .create_audience(&rig.channel, &name, &first)
        .await
        .unwrap();
    let order = NarrowcastOrder {
        narrowcast: id.clone(),
    };
    let outcome = run_order(&rig.ports, rig.line.as_ref(), &order, &quick())
        .await
        .unwrap();
    let NarrowcastOutcome::Finished(state) = outcome else {
        panic!("not finished: {outcome:?}");
    };
    assert_eq!(state.audience_group_id, Some(orphan), "adopted");
    assert_eq!(
        calls(&rig, Endpoint::AudienceCreate),
        1,
        "only the dead run's"
    );
    let expected = women_of(&rig)
        .into_iter()
        .filter(|u| vips.contains(u))
        .count();
    assert_eq!(
        state.success_count,
        Some(expected as u64),
        "the whole segment"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_cancelled_while_its_audience_group_is_prepared_deletes_the_group() {
    let rig = Rig::new(options(400)).await;
    tag_every_other(&rig).await;
    let id = running_segment_narrowcast(&rig, "s4", women()).await;
    let order = NarrowcastOrder {
        narrowcast: id.clone(),
    };
    let first = run_order(&rig.ports, rig.line.as_ref(), &order, &no_time())
        .await
        .unwrap();
    assert!(
        matches!(first, NarrowcastOutcome::Preparing { .. }),
        "{first:?}"
    );
    let back = take_order(&rig).await;
    let group = rig
        .ports
        .campaigns
        .checkpoint(&id)
        .await
        .unwrap()
        .narrowcast
        .unwrap()
        .audience_group_id
        .expect("the group was created");
    rig.cancel(&id).await;
    let outcome = run_order(&rig.ports, rig.line.as_ref(), &back, &quick())
        .await
        .unwrap();
    assert!(
        matches!(
            outcome,
            NarrowcastOutcome::NotRunning(CampaignStatus::Cancelled)
        ),
        "{outcome:?}"
    );
    assert_eq!(rig.line.audience(&rig.channel, group).await.unwrap(), None);
    assert_eq!(calls(&rig, Endpoint::AudienceDelete), 1);
    assert_eq!(rig.sandbox.requests(Endpoint::Narrowcast).len(), 0);
    let state = rig
        .ports
        .campaigns
        .checkpoint(&id)
        .await
        .unwrap()
        .narrowcast
        .unwrap();
    assert_eq!(state.audience_group_id, None, "forgotten once deleted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_segment_over_ten_thousand_is_uploaded_in_chunks_resumed_across_runs() {
    let rig = Rig::new(options(10_200)).await;
    let mut vips = tag_every_other(&rig).await;
    // Everyone is a vip: the segment is 10,200 ids, two uploads.
    for user in rig.users.iter().skip(1).step_by(2) {
        let key = otodoke_core::friend::FriendKey {
            org: otodoke_core::OrgId::new(ORG).unwrap(),
            provider: otodoke_core::ProviderId::new("provider-1").unwrap(),
            user_id: user.clone(),
        };
        let mut f = rig.ports.friends.friend(&key).await.unwrap().unwrap();
        f.tags.insert("vip".into());
        rig.ports.friends.save(&f).await.unwrap();
        vips.push(user.as_str().to_owned());
    }
    let id = running_segment_narrowcast(&rig, "s3", everyone_on_a_phone()).await;
    let order = NarrowcastOrder {
        narrowcast: id.clone(),
    };
    // A run with no time to spare uploads the first chunk and puts the order back.
    let first = run_order(&rig.ports, rig.line.as_ref(), &order, &no_time())
        .await
        .unwrap();
    assert!(
        matches!(first, NarrowcastOutcome::Preparing { .. }),
        "{first:?}"
    );
    assert!(first.ack());
    let back = take_order(&rig).await;
    let state = rig
        .ports
        .campaigns
        .checkpoint(&id)
        .await
        .unwrap()
        .narrowcast
        .unwrap();
    assert_eq!(state.audience_uploaded, 10_000);
    assert!(!state.audience_complete);
    let outcome = run_order(&rig.ports, rig.line.as_ref(), &back, &quick())
        .await
        .unwrap();
    let NarrowcastOutcome::Finished(state) = outcome else {
        panic!("not finished: {outcome:?}");
    };
    assert_eq!(state.audience_uploaded, 10_200);
    assert_eq!(calls(&rig, Endpoint::AudienceCreate), 1);
    assert_eq!(calls(&rig, Endpoint::AudienceAdd), 1);
    let reached = rig.delivery_counts().iter().filter(|&&n| n == 1).count() as u64;
    assert_eq!(state.success_count, Some(reached));
    assert!(reached > 9_000, "{reached}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_narrowcast_whose_reach_exceeds_the_quota_left_sends_only_what_was_reserved_and_settles_once(
) {
    let rig = Rig::new(RigOptions {
        friends: 400,
        sandbox_plan: otodoke_line_sandbox::Plan::Communication,
        plan: otodoke_core::organization::Plan::Communication,
        ..RigOptions::default()
    })
    .await;
    let key = QuotaKey {
        channel: rig.channel.id.clone(),
        month: QuotaMonth::containing(now()),
    };
    // Another send holds 50 of the 200.
    let other = otodoke_core::quota::Hold::new("other", now(), jiff::SignedDuration::from_hours(1));
    rig.ports
        .quota
        .reserve(&key, 50, Some(200), None, &other)
        .await
        .unwrap();
    // About 380 of the 400 friends match: far more than the 150 left.
    let id = running_narrowcast(&rig, "q1", everyone_on_a_phone()).await;
    let order = NarrowcastOrder {
        narrowcast: id.clone(),
    };
    let outcome = run_order(&rig.ports, rig.line.as_ref(), &order, &quick())
        .await
        .unwrap();
    let NarrowcastOutcome::Finished(state) = outcome else {
        panic!("not finished: {outcome:?}");
    };
    let reservation = state.reservation.clone().expect("reserved before sending");
    assert_eq!(
        reservation.count, 150,
        "all that was left, reserved up front"
    );
    assert_eq!(state.success_count, Some(150), "LINE sent up to the cap");
    let sent = rig.sandbox.requests(Endpoint::Narrowcast);
    assert_eq!(sent[0].recipient_count, 150);
    let counter = rig.ports.quota.counter(&key).await.unwrap();
    assert_eq!(
        (counter.used, counter.reserved),
        (150, 50),
        "never past 200"
    );
    // Settling again (a rerun after a crash) counts nothing more.
    rig.ports.quota.settle(&reservation, 150).await.unwrap();
    let again = rig.ports.quota.counter(&key).await.unwrap();
    assert_eq!(again, counter);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_narrowcast_with_no_quota_left_pauses_without_asking_line() {
    let rig = Rig::new(RigOptions {
        friends: 100,
        sandbox_plan: otodoke_line_sandbox::Plan::Communication,
        plan: otodoke_core::organization::Plan::Communication,
        ..RigOptions::default()
    })
    .await;
    let key = QuotaKey {
        channel: rig.channel.id.clone(),
        month: QuotaMonth::containing(now()),
    };
    let other = otodoke_core::quota::Hold::new("other", now(), jiff::SignedDuration::from_hours(1));
    rig.ports
        .quota
        .reserve(&key, 200, Some(200), None, &other)
        .await
        .unwrap();
    let id = running_narrowcast(&rig, "q2", everyone_on_a_phone()).await;
    let order = NarrowcastOrder { narrowcast: id };
    let outcome = run_order(&rig.ports, rig.line.as_ref(), &order, &quick())
        .await
        .unwrap();
    assert_eq!(outcome, NarrowcastOutcome::Paused);
    assert!(rig.sandbox.requests(Endpoint::Narrowcast).is_empty());
    assert_eq!(rig.campaign("q2").await.status, CampaignStatus::Paused);
}
