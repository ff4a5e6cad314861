//! Two organizations with the same store ids, under the same LINE provider, with the
//! same LINE users: every key and index keeps them apart, and erasing one
//! organization's customer leaves the other's untouched.

use crate::builders::*;
use crate::support::all_items;
use crate::Adapters;
use otodoke_core::friend::FollowState;
use otodoke_core::quota::{Hold, ReserveOutcome};
use otodoke_core::PageRequest;

/// A quota hold under `id`, taken at `t0()` for ten minutes.
fn hold(id: &str) -> Hold {
    Hold::new(id, t0(), jiff::SignedDuration::from_mins(10))
}

/// Friend `n` of `org` in store `shibuya`, following `ch-1`, tagged `vip`.
async fn seed(a: &Adapters, org: &str, n: u32) {
    let friend = tagged(
        following(in_store(sample_friend(n, org), "shibuya"), "ch-1"),
        "vip",
    );
    a.friends.save(&friend).await.unwrap();
}

pub async fn the_same_store_id_and_line_user_in_two_organizations_are_separate_friends(
    a: Adapters,
) {
    let acme_shibuya = store_key("acme", "shibuya");
    let beta_shibuya = store_key("beta", "shibuya");
    let acme_org = org_id("acme");
    let ch1 = channel_id("ch-1");
    seed(&a, "acme", 1).await;
    seed(&a, "beta", 1).await;
    seed(&a, "beta", 2).await;

    let acme_friend = a.friends.friend(&friend_key_in("acme", 1)).await.unwrap();
    let beta_friend = a.friends.friend(&friend_key_in("beta", 1)).await.unwrap();
    let (acme_friend, beta_friend) = (acme_friend.unwrap(), beta_friend.unwrap());
    assert_eq!(acme_friend.key.user_id, beta_friend.key.user_id);
    assert_ne!(acme_friend.key, beta_friend.key);

    let acme_store = all_items(10, |p| a.friends.by_store(&acme_shibuya, p)).await;
    assert_eq!(
        acme_store.iter().map(|f| f.key.clone()).collect::<Vec<_>>(),
        vec![friend_key_in("acme", 1)],
        "acme's shibuya lists only acme's friends"
    );
    let beta_store = all_items(10, |p| a.friends.by_store(&beta_shibuya, p)).await;
    assert_eq!(beta_store.len(), 2);
    let acme_channel = all_items(10, |p| {
        a.friends
            .by_channel(&acme_org, &ch1, FollowState::Following, p)
    })
    .await;
    assert_eq!(acme_channel.len(), 1);
    let acme_tag = all_items(10, |p| a.friends.by_tag(&acme_org, "vip", p)).await;
    assert_eq!(acme_tag.len(), 1);
    let acme_all = all_items(10, |p| a.friends.by_org(&acme_org, p)).await;
    assert_eq!(acme_all.len(), 1);
}

pub async fn histories_and_store_exports_of_two_organizations_never_mix(a: Adapters) {
    let acme_shibuya = store_key("acme", "shibuya");
    let mut acme = sample_entry(1, "shibuya", at(10), 1);
    acme.friend = friend_key_in("acme", 1);
    let mut beta = sample_entry(1, "shibuya", at(20), 2);
    beta.friend = friend_key_in("beta", 1);
    a.conversations.append(&acme).await.unwrap();
    a.conversations.append(&beta).await.unwrap();

    let history = a
        .conversations
        .history(&friend_key_in("acme", 1), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(history.items, vec![acme.clone()]);
    let export = all_items(10, |p| {
        a.conversations.by_store(&acme_shibuya, at(0), at(100), p)
    })
    .await;
    assert_eq!(export, vec![acme]);
    // `unsend` of beta's message id in acme's history finds nothing.
    assert!(!a
        .conversations
        .hide(&friend_key_in("acme", 1), "m2")
        .await
        .unwrap());
}

pub async fn store_budgets_of_two_organizations_with_the_same_store_id_are_separate(a: Adapters) {
    let key = quota_key("ch-1");
    let acme = store_key("acme", "shibuya");
    let beta = store_key("beta", "shibuya");
    let granted = a
        .quota
        .reserve(
            &key,
            100,
            Some(10_000),
            Some((&acme, 100)),
            &hold("acme-send"),
        )
        .await
        .unwrap();
    assert!(matches!(granted, ReserveOutcome::Granted(_)));
    // acme's budget is used up; beta's shibuya still has all of its own.
    let beta_grant = a
        .quota
        .reserve(
            &key,
            100,
            Some(10_000),
            Some((&beta, 100)),
            &hold("beta-send"),
        )
        .await
        .unwrap();
    assert!(matches!(beta_grant, ReserveOutcome::Granted(_)));
    let acme_counter = a.quota.store_counter(&key, &acme).await.unwrap();
    let beta_counter = a.quota.store_counter(&key, &beta).await.unwrap();
    assert_eq!((acme_counter.reserved, beta_counter.reserved), (100, 100));
}

pub async fn erasing_a_customer_removes_their_friend_history_and_enrolments_only(a: Adapters) {
    let acme_shibuya = store_key("acme", "shibuya");
    let acme_org = org_id("acme");
    seed(&a, "acme", 1).await;
    seed(&a, "beta", 1).await;
    let mut acme_entry = sample_entry(1, "shibuya", at(10), 1);
    acme_entry.friend = friend_key_in("acme", 1);
    let mut beta_entry = sample_entry(1, "shibuya", at(20), 2);
    beta_entry.friend = friend_key_in("beta", 1);
    a.conversations.append(&acme_entry).await.unwrap();
    a.conversations.append(&beta_entry).await.unwrap();
    let mut acme_enrolment = sample_enrolment("seq-1", 1, "ch-1", at(5));
    acme_enrolment.friend = friend_key_in("acme", 1);
    let mut beta_enrolment = sample_enrolment("seq-2", 1, "ch-1", at(5));
    beta_enrolment.friend = friend_key_in("beta", 1);
    a.enrolments.enrol(&acme_enrolment).await.unwrap();
    a.enrolments.enrol(&beta_enrolment).await.unwrap();

    let acme = friend_key_in("acme", 1);
    assert!(a.friends.delete(&acme).await.unwrap());
    assert_eq!(a.conversations.erase(&acme).await.unwrap(), 1);
    assert_eq!(a.enrolments.erase(&acme).await.unwrap(), 1);

    assert_eq!(a.friends.friend(&acme).await.unwrap(), None);
    for listing in [
        all_items(10, |p| a.friends.by_store(&acme_shibuya, p)).await,
        all_items(10, |p| a.friends.by_tag(&acme_org, "vip", p)).await,
        all_items(10, |p| a.friends.by_org(&acme_org, p)).await,
    ] {
        assert!(listing.is_empty(), "an erased friend is in no listing");
    }
    let history = a
        .conversations
        .history(&acme, PageRequest::first(10))
        .await
        .unwrap();
    assert!(history.items.is_empty());
    let export = all_items(10, |p| {
        a.conversations.by_store(&acme_shibuya, at(0), at(100), p)
    })
    .await;
    assert!(export.is_empty());
    let due = a.enrolments.due(at(10), 10).await.unwrap();
    assert_eq!(due, vec![beta_enrolment], "only beta's enrolment is left");

    // beta's customer, the same LINE user, is untouched.
    let beta = friend_key_in("beta", 1);
    assert!(a.friends.friend(&beta).await.unwrap().is_some());
    let beta_history = a
        .conversations
        .history(&beta, PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(beta_history.items, vec![beta_entry]);
    // Erasing again finds nothing.
    assert!(!a.friends.delete(&acme).await.unwrap());
    assert_eq!(a.conversations.erase(&acme).await.unwrap(), 0);
}

pub async fn a_deactivated_staff_record_reads_back_deactivated(a: Adapters) {
    let acme_org = org_id("acme");
    let mut staff = sample_staff("acme", "ken");
    staff.assigned_only = true;
    a.orgs.put_staff(&staff).await.unwrap();
    staff.active = false;
    a.orgs.put_staff(&staff).await.unwrap();
    let stored = a
        .orgs
        .staff(&acme_org, &staff_id("ken"))
        .await
        .unwrap()
        .unwrap();
    assert!(!stored.active);
    assert!(stored.assigned_only);
    // The same staff id in another organization is nobody.
    assert_eq!(
        a.orgs
            .staff(&org_id("beta"), &staff_id("ken"))
            .await
            .unwrap(),
        None
    );
}

/// The same menu id, channel, automation id, relink job id and run id in two
/// organizations (a shared LINE channel id is impossible in practice, but the keys
/// must not rely on it).
pub async fn menus_rules_automations_and_runs_of_two_organizations_never_mix(a: Adapters) {
    let (acme, beta) = (org_id("acme"), org_id("beta"));
    let ch = channel_id("ch-1");
    let m = &a.richmenus;
    let acme_menu = m
        .save_menu(&sample_menu("acme", "ch-1", "main", 10))
        .await
        .unwrap();
    let beta_menu = m
        .save_menu(&sample_menu("beta", "ch-1", "main", 20))
        .await
        .unwrap();
    assert_eq!(beta_menu.version, 1, "beta's menu is new, not acme's");
    assert_eq!(m.menus(&acme, &ch).await.unwrap(), vec![acme_menu.clone()]);
    assert!(m.delete_menu(&beta, &menu_id("main")).await.unwrap());
    assert_eq!(
        m.menu(&acme, &menu_id("main")).await.unwrap(),
        Some(acme_menu)
    );

    let mut rules = m.rules(&acme, &ch).await.unwrap();
    rules.default = Some(menu_id("main"));
    m.save_rules(&rules).await.unwrap();
    assert_eq!(m.rules(&beta, &ch).await.unwrap().default, None);

    let acme_job = m
        .save_relink_job(&sample_relink_job("acme", "ch-1", 30))
        .await
        .unwrap();
    let beta_job = sample_relink_job("beta", "ch-1", 30);
    assert_eq!(acme_job.id, beta_job.id);
    assert_eq!(m.relink_job(&beta, &beta_job.id).await.unwrap(), None);
    m.save_relink_job(&beta_job).await.unwrap();
    assert_eq!(m.relink_jobs(&acme, &ch, 10).await.unwrap(), vec![acme_job]);

    let s = &a.automations;
    let welcome = automation_id("welcome");
    let acme_auto = s
        .save_automation(&sample_automation("acme", "welcome", 10))
        .await
        .unwrap();
    assert_eq!(s.automation(&beta, &welcome).await.unwrap(), None);
    s.save_automation(&sample_automation("beta", "welcome", 20))
        .await
        .unwrap();
    assert_eq!(s.automations(&acme).await.unwrap(), vec![acme_auto]);

    let acme_run = sample_run("acme", 1, "ev-1", 10, &["welcome"]);
    let beta_run = sample_run("beta", 1, "ev-1", 20, &["welcome"]);
    assert_eq!(s.begin_run(&acme_run).await.unwrap(), acme_run);
    assert_eq!(
        s.begin_run(&beta_run).await.unwrap(),
        beta_run,
        "the same run id in another organization is another run"
    );
    let acme_runs = all_items(10, |p| s.runs_for_automation(&acme, &welcome, p)).await;
    assert_eq!(acme_runs, vec![acme_run]);
    assert_eq!(s.erase(&friend_key_in("acme", 1)).await.unwrap(), 1);
    let beta_friend = friend_key_in("beta", 1);
    let beta_timeline = all_items(10, |p| s.runs_for_friend(&beta_friend, p)).await;
    assert_eq!(beta_timeline, vec![beta_run.clone()]);
    let beta_runs = all_items(10, |p| s.runs_for_automation(&beta, &welcome, p)).await;
    assert_eq!(beta_runs, vec![beta_run]);
}

pub async fn metrics_of_two_organizations_with_the_same_channel_and_store_never_mix(a: Adapters) {
    use crate::cases::metrics::{day, metric_key, month};
    use otodoke_core::metrics::{increments, Counter, MetricsFilter, Slice};
    let acme = metric_key("acme", "ch-1", Some("shibuya"), "2026-01-01");
    let beta = metric_key("beta", "ch-1", Some("shibuya"), "2026-01-01");
    a.metrics
        .add(&increments(&acme, &[Counter::Follows]), "ev:ch-1:1")
        .await
        .unwrap();
    // The same dedupe key in another organization is another event's.
    assert!(a
        .metrics
        .add(
            &increments(&beta, &[Counter::Blocks, Counter::Blocks]),
            "ev:ch-1:1"
        )
        .await
        .unwrap());
    assert!(!a
        .metrics
        .add(&increments(&beta, &[Counter::Blocks]), "ev:ch-1:1")
        .await
        .unwrap());
    let read = |org: &str| {
        let m = a.metrics.clone();
        let org = org_id(org);
        async move {
            let jan1 = day("2026-01-01");
            let mut series = Vec::new();
            for slice in [
                Slice::All,
                Slice::Channel(channel_id("ch-1")),
                Slice::Stores {
                    stores: vec![store_id("shibuya")],
                    channel: None,
                },
            ] {
                series.extend(m.series(&org, jan1, jan1, &slice).await.unwrap());
            }
            let jan = month("2026-01");
            let months = m
                .store_months(&org, jan, jan, &MetricsFilter::default())
                .await
                .unwrap();
            (series, months)
        }
    };
    let ((acme_days, acme_months), (beta_days, beta_months)) =
        (read("acme").await, read("beta").await);
    assert_eq!(acme_days.len(), 3, "one day in each slice");
    assert!(acme_days
        .iter()
        .all(|d| (d.counts.follows, d.counts.blocks) == (1, 0)));
    assert_eq!(beta_days.len(), 3);
    assert!(beta_days
        .iter()
        .all(|d| (d.counts.follows, d.counts.blocks) == (0, 2)));
    assert_eq!(acme_months.len(), 1);
    assert_eq!(
        (acme_months[0].counts.follows, acme_months[0].counts.blocks),
        (1, 0)
    );
    assert_eq!(beta_months.len(), 1);
    assert_eq!(beta_months[0].counts.blocks, 2);
    let (gamma_days, gamma_months) = read("gamma").await;
    assert!(gamma_days.is_empty() && gamma_months.is_empty());
}
