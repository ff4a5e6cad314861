//! `LinkStore`: registration is idempotent, a friend counts once per link and every
//! click in the total, an unregistered link counts nothing, and links are listed by
//! their campaign or automation, never across organizations.

use crate::builders::*;
use crate::Adapters;
use otodoke_core::link::{Clicked, LinkOwner, LinkSource, TrackedLink};
use otodoke_core::{AutomationId, LinkId, PageRequest, StoreError};

fn link(org: &str, url: &str, source: &LinkSource, secs: i64) -> TrackedLink {
    TrackedLink::new(&org_id(org), url, source, at(secs)).expect("a valid URL")
}

fn automation(id: &str) -> LinkSource {
    LinkSource::Automation {
        automation: AutomationId::new(id).unwrap(),
    }
}

pub async fn registering_a_link_twice_keeps_one_with_its_counts(a: Adapters) {
    let l = link("acme", "https://shop.example/a", &automation("a1"), 0);
    a.links.register(&l).await.unwrap();
    a.links
        .record_click(&l.org, &l.id, Some(&friend_key(1)), at(1))
        .await
        .unwrap();
    // Registered again (the next push of the same message), later.
    let again = TrackedLink {
        created_at: at(5),
        ..l.clone()
    };
    a.links.register(&again).await.unwrap();
    let stats = a
        .links
        .link(&l.org, &l.id)
        .await
        .unwrap()
        .expect("registered");
    assert_eq!(stats.link, l, "the first registration is kept");
    assert_eq!((stats.clicks, stats.friends), (1, 1), "its counts are kept");
    let listed = a.links.links_of(&l.org, &l.source.owner()).await.unwrap();
    assert_eq!(listed.len(), 1, "listed once");
}

pub async fn a_friend_is_counted_once_per_link_and_every_click_in_the_total(a: Adapters) {
    let l = link("acme", "https://shop.example/a", &automation("a1"), 0);
    let other = link("acme", "https://shop.example/b", &automation("a1"), 0);
    a.links.register(&l).await.unwrap();
    a.links.register(&other).await.unwrap();
    let (alice, bob) = (friend_key(1), friend_key(2));
    let click = |f: Option<&otodoke_core::friend::FriendKey>, id: &LinkId, s| {
        let links = a.links.clone();
        let (org, id, f) = (l.org.clone(), id.clone(), f.cloned());
        async move { links.record_click(&org, &id, f.as_ref(), at(s)).await }
    };
    assert_eq!(
        click(Some(&alice), &l.id, 1).await.unwrap(),
        Clicked::FirstForFriend
    );
    assert_eq!(
        click(Some(&alice), &l.id, 2).await.unwrap(),
        Clicked::Counted
    );
    assert_eq!(
        click(Some(&bob), &l.id, 3).await.unwrap(),
        Clicked::FirstForFriend
    );
    assert_eq!(click(None, &l.id, 4).await.unwrap(), Clicked::Counted);
    // Alice's first click of another link is a first again.
    assert_eq!(
        click(Some(&alice), &other.id, 5).await.unwrap(),
        Clicked::FirstForFriend
    );
    let stats = a.links.link(&l.org, &l.id).await.unwrap().unwrap();
    assert_eq!((stats.clicks, stats.friends), (4, 2));
    let clicks = a
        .links
        .clicks(&l.org, &l.id, PageRequest::first(10))
        .await
        .unwrap();
    let who: Vec<_> = clicks
        .items
        .iter()
        .map(|c| (c.friend.clone(), c.at))
        .collect();
    assert_eq!(who, [(alice, at(1)), (bob, at(3))], "first clicks are kept");
}

pub async fn a_click_of_an_unregistered_link_is_not_found_and_counts_nothing(a: Adapters) {
    let l = link("acme", "https://shop.example/a", &automation("a1"), 0);
    for friend in [Some(friend_key(1)), None] {
        let got = a
            .links
            .record_click(&l.org, &l.id, friend.as_ref(), at(1))
            .await;
        assert!(matches!(got, Err(StoreError::NotFound(_))), "{got:?}");
    }
    assert!(a.links.link(&l.org, &l.id).await.unwrap().is_none());
    let clicks = a
        .links
        .clicks(&l.org, &l.id, PageRequest::first(10))
        .await
        .unwrap();
    assert!(clicks.items.is_empty(), "no click mark was left behind");
}

pub async fn a_campaigns_links_include_its_steps_and_an_automations_its_own(a: Adapters) {
    let c1 = campaign_id("01JCAMPAIGN1");
    let c2 = campaign_id("01JCAMPAIGN2");
    let campaign = LinkSource::Campaign {
        campaign: c1.clone(),
    };
    let step = LinkSource::Step {
        campaign: c1.clone(),
        step: 2,
    };
    let other = LinkSource::Campaign { campaign: c2 };
    let first = link("acme", "https://shop.example/a", &campaign, 1);
    let second = link("acme", "https://shop.example/a", &step, 2);
    let elsewhere = link("acme", "https://shop.example/a", &other, 3);
    let auto = link("acme", "https://shop.example/a", &automation("a1"), 4);
    for l in [&second, &elsewhere, &first, &auto] {
        a.links.register(l).await.unwrap();
    }
    assert_ne!(
        first.id, second.id,
        "the same URL in a step is another link"
    );
    let org = org_id("acme");
    let of_c1 = a
        .links
        .links_of(&org, &LinkOwner::Campaign(c1))
        .await
        .unwrap();
    let ids: Vec<_> = of_c1.iter().map(|s| s.link.id.clone()).collect();
    assert_eq!(ids, [first.id, second.id], "oldest first, steps included");
    let of_auto = a
        .links
        .links_of(
            &org,
            &LinkOwner::Automation(AutomationId::new("a1").unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(of_auto.len(), 1);
    assert_eq!(of_auto[0].link, auto);
}

pub async fn a_links_clicks_are_paged_in_a_stable_order(a: Adapters) {
    let l = link("acme", "https://shop.example/a", &automation("a1"), 0);
    a.links.register(&l).await.unwrap();
    for n in 0..7 {
        a.links
            .record_click(&l.org, &l.id, Some(&friend_key(n)), at(i64::from(n)))
            .await
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut page = PageRequest::first(3);
    loop {
        let got = a.links.clicks(&l.org, &l.id, page).await.unwrap();
        seen.extend(got.items.into_iter().map(|c| c.friend));
        match got.next {
            Some(next) => page = PageRequest::after(next, 3),
            None => break,
        }
    }
    let mut expected: Vec<_> = (0..7).map(friend_key).collect();
    expected.sort_by_key(|k| k.encode());
    assert_eq!(seen, expected, "each click once, in friend order");
}

pub async fn links_and_clicks_of_two_organizations_never_mix(a: Adapters) {
    let source = automation("a1");
    let acme = link("acme", "https://shop.example/a", &source, 0);
    let beta = link("beta", "https://shop.example/a", &source, 0);
    assert_ne!(acme.id, beta.id, "ids differ per organization");
    a.links.register(&acme).await.unwrap();
    // Beta asks for acme's link id: nothing there, and nothing counted.
    let (beta_org, acme_org) = (org_id("beta"), org_id("acme"));
    assert!(a.links.link(&beta_org, &acme.id).await.unwrap().is_none());
    let got = a
        .links
        .record_click(&beta_org, &acme.id, Some(&friend_key_in("beta", 1)), at(1))
        .await;
    assert!(matches!(got, Err(StoreError::NotFound(_))), "{got:?}");
    // A friend of beta clicking acme's link is no friend of acme: counted, not credited.
    let got = a
        .links
        .record_click(&acme_org, &acme.id, Some(&friend_key_in("beta", 1)), at(2))
        .await
        .unwrap();
    assert_eq!(got, Clicked::Counted);
    let stats = a.links.link(&acme_org, &acme.id).await.unwrap().unwrap();
    assert_eq!((stats.clicks, stats.friends), (1, 0));
    assert!(a
        .links
        .clicks(&beta_org, &acme.id, PageRequest::first(10))
        .await
        .unwrap()
        .items
        .is_empty());
    assert!(a
        .links
        .links_of(&beta_org, &source.owner())
        .await
        .unwrap()
        .is_empty());
}

pub async fn erasing_a_friend_removes_their_clicks_and_keeps_the_totals(a: Adapters) {
    let l = link("acme", "https://shop.example/a", &automation("a1"), 0);
    let m = link("acme", "https://shop.example/b", &automation("a1"), 0);
    let beta = link("beta", "https://shop.example/a", &automation("a1"), 0);
    for x in [&l, &m, &beta] {
        a.links.register(x).await.unwrap();
    }
    let (alice, bob) = (friend_key(1), friend_key(2));
    // Alice of beta has the same LINE user id: another organization's friend.
    let beta_alice = friend_key_in("beta", 1);
    for (x, f) in [(&l, &alice), (&m, &alice), (&l, &bob), (&beta, &beta_alice)] {
        a.links
            .record_click(&x.org, &x.id, Some(f), at(1))
            .await
            .unwrap();
    }
    assert_eq!(a.links.erase(&alice).await.unwrap(), 2);
    let who = |x: &TrackedLink| {
        let links = a.links.clone();
        let (org, id) = (x.org.clone(), x.id.clone());
        async move {
            links
                .clicks(&org, &id, PageRequest::first(10))
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|c| c.friend)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(who(&l).await, [bob], "only alice's click went");
    assert!(who(&m).await.is_empty());
    assert_eq!(who(&beta).await, [beta_alice], "beta's friend is untouched");
    let stats = a.links.link(&l.org, &l.id).await.unwrap().unwrap();
    assert_eq!((stats.clicks, stats.friends), (2, 2), "totals name nobody");
    assert_eq!(
        a.links.erase(&alice).await.unwrap(),
        0,
        "a repeat finds nothing"
    );
    // Clicking again after erasure counts as a first click again.
    assert_eq!(
        a.links
            .record_click(&l.org, &l.id, Some(&alice), at(2))
            .await
            .unwrap(),
        Clicked::FirstForFriend
    );
}
