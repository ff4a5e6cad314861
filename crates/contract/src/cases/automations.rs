//! Automations and their runs: creation order, the run recorded once per start,
//! a friend's timeline and an automation's runs newest first, erasure.

use crate::builders::*;
use crate::support::{all_items, all_pages};
use crate::Adapters;
use otodoke_core::automation::{Automation, AutomationRun, RunOutcome};
use otodoke_core::StoreError;

fn names(automations: &[Automation]) -> Vec<&str> {
    automations.iter().map(|a| a.id.as_str()).collect()
}

fn run_ids(runs: &[AutomationRun]) -> Vec<&str> {
    runs.iter().map(|r| r.id.as_str()).collect()
}

async fn runs_of(a: &Adapters, org: &str, automation: &str) -> Vec<AutomationRun> {
    let (org, id) = (org_id(org), automation_id(automation));
    all_items(2, |p| a.automations.runs_for_automation(&org, &id, p)).await
}

async fn timeline(a: &Adapters, org: &str, n: u32) -> Vec<AutomationRun> {
    let friend = friend_key_in(org, n);
    all_items(2, |p| a.automations.runs_for_friend(&friend, p)).await
}

pub async fn automations_are_listed_in_creation_order_and_version_checked(a: Adapters) {
    let s = &a.automations;
    let org = org_id("acme");
    let zeta = s
        .save_automation(&sample_automation("acme", "zeta", 10))
        .await
        .unwrap();
    assert_eq!(zeta.version, 1);
    s.save_automation(&sample_automation("acme", "alpha", 20))
        .await
        .unwrap();
    s.save_automation(&sample_automation("acme", "mid", 30))
        .await
        .unwrap();
    let mut edited = zeta.clone();
    edited.enabled = false;
    edited.updated_at = at(100);
    let edited = s.save_automation(&edited).await.unwrap();
    assert_eq!(edited.version, 2);
    assert!(matches!(
        s.save_automation(&zeta).await,
        Err(StoreError::Conflict)
    ));
    assert!(matches!(
        s.save_automation(&sample_automation("acme", "alpha", 40))
            .await,
        Err(StoreError::Conflict)
    ));
    let listed = s.automations(&org).await.unwrap();
    assert_eq!(names(&listed), vec!["zeta", "alpha", "mid"]);
    assert_eq!(listed[0], edited);
    assert_eq!(
        s.automation(&org, &automation_id("zeta")).await.unwrap(),
        Some(edited)
    );

    assert!(s
        .delete_automation(&org, &automation_id("alpha"))
        .await
        .unwrap());
    assert!(!s
        .delete_automation(&org, &automation_id("alpha"))
        .await
        .unwrap());
    assert_eq!(
        s.automation(&org, &automation_id("alpha")).await.unwrap(),
        None
    );
    assert_eq!(
        names(&s.automations(&org).await.unwrap()),
        vec!["zeta", "mid"]
    );
}

pub async fn beginning_a_run_twice_returns_the_first_run_and_finish_records_the_outcome(
    a: Adapters,
) {
    let s = &a.automations;
    let first = sample_run("acme", 1, "ev-1", 10, &["welcome"]);
    assert_eq!(s.begin_run(&first).await.unwrap(), first);
    let replanned = sample_run("acme", 1, "ev-1", 10, &["welcome", "vip"]);
    assert_eq!(
        s.begin_run(&replanned).await.unwrap(),
        first,
        "a redelivered event carries out the recorded plan"
    );

    let mut finished = first.clone();
    finished.outcome = Some(RunOutcome {
        effects: vec!["sent as a reply".into()],
        menu: Some("vip".into()),
    });
    s.finish_run(&finished).await.unwrap();
    assert_eq!(timeline(&a, "acme", 1).await, vec![finished.clone()]);
    assert_eq!(s.begin_run(&replanned).await.unwrap(), finished);
    assert!(
        runs_of(&a, "acme", "vip").await.is_empty(),
        "the replanned automation never ran"
    );
}

pub async fn runs_for_a_friend_are_newest_first_and_paged(a: Adapters) {
    let s = &a.automations;
    for (i, secs) in [30, 10, 50, 20, 40].into_iter().enumerate() {
        let run = sample_run("acme", 1, &format!("ev-{i}"), secs, &["welcome"]);
        s.begin_run(&run).await.unwrap();
    }
    s.begin_run(&sample_run("acme", 2, "ev-9", 25, &["welcome"]))
        .await
        .unwrap();
    let friend = friend_key_in("acme", 1);
    let pages = all_pages(2, |p| s.runs_for_friend(&friend, p)).await;
    let runs: Vec<AutomationRun> = pages.into_iter().flatten().collect();
    assert_eq!(run_ids(&runs), vec!["ev-2", "ev-4", "ev-0", "ev-3", "ev-1"]);
}

pub async fn runs_for_an_automation_list_each_run_once_newest_first(a: Adapters) {
    let s = &a.automations;
    // ev-1 chains welcome → vip → welcome (a loop shows the same automation twice).
    s.begin_run(&sample_run(
        "acme",
        1,
        "ev-1",
        10,
        &["welcome", "vip", "welcome"],
    ))
    .await
    .unwrap();
    s.begin_run(&sample_run("acme", 2, "ev-2", 20, &["vip"]))
        .await
        .unwrap();
    s.begin_run(&sample_run("acme", 3, "ev-3", 30, &["other"]))
        .await
        .unwrap();
    assert_eq!(run_ids(&runs_of(&a, "acme", "welcome").await), vec!["ev-1"]);
    assert_eq!(
        run_ids(&runs_of(&a, "acme", "vip").await),
        vec!["ev-2", "ev-1"]
    );
    assert!(runs_of(&a, "acme", "unknown").await.is_empty());
}

pub async fn erasing_a_friends_runs_removes_them_from_every_listing_and_no_one_elses(a: Adapters) {
    let s = &a.automations;
    for (n, id, secs) in [(1, "ev-1", 10), (1, "ev-2", 20), (2, "ev-3", 30)] {
        s.begin_run(&sample_run("acme", n, id, secs, &["welcome", "vip"]))
            .await
            .unwrap();
    }
    assert_eq!(s.erase(&friend_key_in("acme", 1)).await.unwrap(), 2);
    assert!(timeline(&a, "acme", 1).await.is_empty());
    assert_eq!(run_ids(&timeline(&a, "acme", 2).await), vec!["ev-3"]);
    assert_eq!(run_ids(&runs_of(&a, "acme", "welcome").await), vec!["ev-3"]);
    assert_eq!(run_ids(&runs_of(&a, "acme", "vip").await), vec!["ev-3"]);
    assert_eq!(s.erase(&friend_key_in("acme", 1)).await.unwrap(), 0);
}
