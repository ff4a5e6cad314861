//! Rich menus, menu rules and relink jobs: version-checked saves, a channel's menus
//! oldest first, a channel's jobs newest first.

use crate::builders::*;
use crate::Adapters;
use otodoke_core::richmenu::{MenuRule, MenuRules, MenuSegment, RelinkStatus, RichMenu};
use otodoke_core::StoreError;

fn ids(menus: &[RichMenu]) -> Vec<&str> {
    menus.iter().map(|m| m.id.as_str()).collect()
}

fn is_conflict<T: std::fmt::Debug>(result: Result<T, StoreError>) -> bool {
    matches!(result, Err(StoreError::Conflict))
}

pub async fn menus_are_saved_at_version_1_and_listed_per_channel_oldest_first(a: Adapters) {
    let s = &a.richmenus;
    let org = org_id("acme");
    // Created out of id order: "zeta" first, then "alpha"; "other" on another channel.
    let zeta = s
        .save_menu(&sample_menu("acme", "ch-1", "zeta", 10))
        .await
        .unwrap();
    assert_eq!(zeta.version, 1);
    let alpha = s
        .save_menu(&sample_menu("acme", "ch-1", "alpha", 20))
        .await
        .unwrap();
    s.save_menu(&sample_menu("acme", "ch-2", "other", 5))
        .await
        .unwrap();
    assert_eq!(s.menu(&org, &menu_id("alpha")).await.unwrap(), Some(alpha));

    // An edit later than every creation keeps the menu's place.
    let mut edited = zeta.clone();
    edited.name = "トップ".into();
    edited.updated_at = at(100);
    let edited = s.save_menu(&edited).await.unwrap();
    assert_eq!(edited.version, 2);
    let listed = s.menus(&org, &channel_id("ch-1")).await.unwrap();
    assert_eq!(ids(&listed), vec!["zeta", "alpha"], "oldest first");
    assert_eq!(listed[0], edited);
    assert_eq!(
        ids(&s.menus(&org, &channel_id("ch-2")).await.unwrap()),
        vec!["other"]
    );
    assert!(s.menus(&org, &channel_id("ch-3")).await.unwrap().is_empty());
}

pub async fn a_stale_menu_save_is_a_conflict_and_a_menu_id_is_taken_once_per_organization(
    a: Adapters,
) {
    let s = &a.richmenus;
    let fresh = sample_menu("acme", "ch-1", "main", 10);
    let saved = s.save_menu(&fresh).await.unwrap();
    assert!(is_conflict(s.save_menu(&fresh).await), "version 0 again");
    let next = s.save_menu(&saved).await.unwrap();
    assert_eq!(next.version, 2);
    assert!(is_conflict(s.save_menu(&saved).await), "a stale version");
    assert!(
        is_conflict(s.save_menu(&sample_menu("acme", "ch-2", "main", 20)).await),
        "the same id on another channel of the organization"
    );
    let stored = s.menu(&org_id("acme"), &menu_id("main")).await.unwrap();
    assert_eq!(stored, Some(next));
}

pub async fn a_deleted_menu_is_gone_from_its_channels_list_and_can_be_created_again(a: Adapters) {
    let s = &a.richmenus;
    let org = org_id("acme");
    s.save_menu(&sample_menu("acme", "ch-1", "main", 10))
        .await
        .unwrap();
    s.save_menu(&sample_menu("acme", "ch-1", "sub", 20))
        .await
        .unwrap();
    assert!(s.delete_menu(&org, &menu_id("main")).await.unwrap());
    assert!(!s.delete_menu(&org, &menu_id("main")).await.unwrap());
    assert_eq!(s.menu(&org, &menu_id("main")).await.unwrap(), None);
    assert_eq!(
        ids(&s.menus(&org, &channel_id("ch-1")).await.unwrap()),
        vec!["sub"]
    );
    let again = s
        .save_menu(&sample_menu("acme", "ch-2", "main", 30))
        .await
        .unwrap();
    assert_eq!(
        again.version, 1,
        "a deleted id is free again, on any channel"
    );
}

pub async fn menu_rules_default_to_empty_and_save_with_versions(a: Adapters) {
    let s = &a.richmenus;
    let (org, ch) = (org_id("acme"), channel_id("ch-1"));
    let empty = s.rules(&org, &ch).await.unwrap();
    assert_eq!(empty, MenuRules::empty(org.clone(), ch.clone()));
    let mut rules = empty.clone();
    rules.rules.push(MenuRule {
        name: "VIP".into(),
        segment: MenuSegment::default(),
        menu: menu_id("vip"),
    });
    rules.default = Some(menu_id("main"));
    rules.updated_at = Some(at(10));
    let saved = s.save_rules(&rules).await.unwrap();
    assert_eq!(saved.version, 1);
    assert_eq!(s.rules(&org, &ch).await.unwrap(), saved);
    assert!(is_conflict(s.save_rules(&rules).await), "version 0 again");
    let mut next = saved.clone();
    next.default = None;
    assert_eq!(s.save_rules(&next).await.unwrap().version, 2);
    assert!(is_conflict(s.save_rules(&saved).await), "a stale version");
    assert_eq!(
        s.rules(&org, &channel_id("ch-2")).await.unwrap(),
        MenuRules::empty(org, channel_id("ch-2")),
        "each channel has its own rules"
    );
}

pub async fn relink_jobs_are_listed_newest_first_per_channel_and_version_checked(a: Adapters) {
    let s = &a.richmenus;
    let (org, ch) = (org_id("acme"), channel_id("ch-1"));
    let mut jobs = Vec::new();
    for secs in [10, 20, 30] {
        let job = sample_relink_job("acme", "ch-1", secs);
        jobs.push(s.save_relink_job(&job).await.unwrap());
    }
    s.save_relink_job(&sample_relink_job("acme", "ch-2", 40))
        .await
        .unwrap();
    let listed = s.relink_jobs(&org, &ch, 2).await.unwrap();
    assert_eq!(listed, vec![jobs[2].clone(), jobs[1].clone()]);
    assert_eq!(s.relink_jobs(&org, &ch, 10).await.unwrap().len(), 3);

    let mut progressed = jobs[0].clone();
    progressed.examined = 100;
    progressed.linked = 60;
    progressed.cursor = Some("page-2".into());
    progressed.status = RelinkStatus::Superseded;
    let progressed = s.save_relink_job(&progressed).await.unwrap();
    assert_eq!(progressed.version, 2);
    assert!(is_conflict(s.save_relink_job(&jobs[0]).await));
    assert_eq!(
        s.relink_job(&org, &jobs[0].id).await.unwrap(),
        Some(progressed)
    );
    assert_eq!(s.relink_job(&org, "01NOSUCHJOB").await.unwrap(), None);
}
