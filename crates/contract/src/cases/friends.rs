use crate::builders::*;
use crate::support::all_items;
use crate::Adapters;
use futures::{stream, StreamExt, TryStreamExt};
use otodoke_core::friend::{FollowState, Friend, FriendKey};
use otodoke_core::ports::FriendStore;
use otodoke_core::StoreError;
use std::collections::BTreeSet;

async fn save_all(friends: &dyn FriendStore, all: Vec<Friend>) {
    stream::iter(all)
        .map(|f| async move { friends.save(&f).await })
        .buffer_unordered(16)
        .try_collect::<Vec<_>>()
        .await
        .expect("saving friends");
}

fn keys(friends: &[Friend]) -> Vec<FriendKey> {
    friends.iter().map(|f| f.key.clone()).collect()
}

fn key_set(ns: impl IntoIterator<Item = u32>) -> BTreeSet<FriendKey> {
    ns.into_iter().map(friend_key).collect()
}

fn as_set(keys: Vec<FriendKey>) -> BTreeSet<FriendKey> {
    let len = keys.len();
    let set: BTreeSet<FriendKey> = keys.into_iter().collect();
    assert_eq!(set.len(), len, "a listing returned a friend twice");
    set
}

pub async fn a_new_friend_is_saved_at_version_1_and_read_back(a: Adapters) {
    let friend = tagged(
        following(in_store(sample_friend(1, "acme"), "shibuya"), "ch-1"),
        "vip",
    );
    let saved = a.friends.save(&friend).await.unwrap();
    assert_eq!(saved.version, 1);
    assert_eq!(
        Friend {
            version: 0,
            ..saved.clone()
        },
        friend
    );
    assert_eq!(a.friends.friend(&friend.key).await.unwrap(), Some(saved));
    assert_eq!(a.friends.friend(&friend_key(2)).await.unwrap(), None);
}

pub async fn saving_a_stale_version_is_a_conflict(a: Adapters) {
    let v1 = a.friends.save(&sample_friend(1, "acme")).await.unwrap();
    let again_new = a.friends.save(&sample_friend(1, "acme")).await;
    assert!(
        matches!(again_new, Err(StoreError::Conflict)),
        "{again_new:?}"
    );

    let mut edit = v1.clone();
    edit.display_name = Some("Hanako".into());
    let v2 = a.friends.save(&edit).await.unwrap();
    assert_eq!(v2.version, 2);

    let mut stale = v1.clone();
    stale.display_name = Some("Taro".into());
    let lost = a.friends.save(&stale).await;
    assert!(matches!(lost, Err(StoreError::Conflict)), "{lost:?}");
    assert_eq!(a.friends.friend(&v1.key).await.unwrap(), Some(v2));
}

pub async fn saving_a_friend_that_was_never_stored_needs_version_0(a: Adapters) {
    let mut ghost = sample_friend(1, "acme");
    ghost.version = 3;
    let result = a.friends.save(&ghost).await;
    assert!(matches!(result, Err(StoreError::Conflict)), "{result:?}");
    assert_eq!(a.friends.friend(&ghost.key).await.unwrap(), None);
}

pub async fn a_2500_friend_store_audience_paged_by_100_returns_each_friend_once_in_a_stable_order(
    a: Adapters,
) {
    let mut all: Vec<Friend> = (0..2_500)
        .map(|n| in_store(sample_friend(n, "acme"), "shibuya"))
        .collect();
    // Neighbours that must not leak in: another store, no store.
    all.extend((2_500..2_550).map(|n| in_store(sample_friend(n, "acme"), "shinjuku")));
    all.extend((2_550..2_560).map(|n| sample_friend(n, "acme")));
    save_all(a.friends.as_ref(), all).await;

    let store = store_key("acme", "shibuya");
    let first = all_items(100, |page| a.friends.by_store(&store, page)).await;
    assert!(first.iter().all(|f| f.store_key().as_ref() == Some(&store)));
    let first = keys(&first);
    assert_eq!(as_set(first.clone()), key_set(0..2_500));

    let second = keys(&all_items(100, |page| a.friends.by_store(&store, page)).await);
    assert_eq!(
        first, second,
        "two readings of one audience differ in order"
    );
}

pub async fn by_channel_lists_only_friends_in_the_asked_follow_state(a: Adapters) {
    let acme_org = org_id("acme");
    let all = vec![
        following(sample_friend(1, "acme"), "ch-1"),
        following(following(sample_friend(2, "acme"), "ch-1"), "ch-2"),
        blocking(sample_friend(3, "acme"), "ch-1"),
        following(blocking(sample_friend(4, "acme"), "ch-1"), "ch-2"),
        following(sample_friend(5, "acme"), "ch-2"),
        sample_friend(6, "acme"),
    ];
    save_all(a.friends.as_ref(), all).await;
    let ch1 = channel_id("ch-1");
    let listing = |state| {
        let friends = a.friends.clone();
        let (ch1, org) = (ch1.clone(), acme_org.clone());
        async move { keys(&all_items(2, |p| friends.by_channel(&org, &ch1, state, p)).await) }
    };
    assert_eq!(
        as_set(listing(FollowState::Following).await),
        key_set([1, 2])
    );
    assert_eq!(as_set(listing(FollowState::Blocked).await), key_set([3, 4]));
    let ch2 = channel_id("ch-2");
    let on_ch2 = all_items(2, |p| {
        a.friends
            .by_channel(&acme_org, &ch2, FollowState::Following, p)
    })
    .await;
    assert_eq!(as_set(keys(&on_ch2)), key_set([2, 4, 5]));
}

pub async fn by_tag_lists_the_organizations_friends_with_that_tag(a: Adapters) {
    let all = vec![
        tagged(sample_friend(1, "acme"), "vip"),
        tagged(tagged(sample_friend(2, "acme"), "vip"), "new"),
        tagged(sample_friend(3, "acme"), "new"),
        tagged(sample_friend(4, "other"), "vip"),
        sample_friend(5, "acme"),
    ];
    save_all(a.friends.as_ref(), all).await;
    let acme = org_id("acme");
    let vip = all_items(1, |p| a.friends.by_tag(&acme, "vip", p)).await;
    assert_eq!(as_set(keys(&vip)), key_set([1, 2]));
    let new = all_items(10, |p| a.friends.by_tag(&acme, "new", p)).await;
    assert_eq!(as_set(keys(&new)), key_set([2, 3]));
    let none = all_items(10, |p| a.friends.by_tag(&acme, "gold", p)).await;
    assert!(none.is_empty());
}

pub async fn by_org_lists_every_friend_of_the_organization_and_no_other(a: Adapters) {
    let mut all: Vec<Friend> = (0..30).map(|n| sample_friend(n, "acme")).collect();
    all.extend((30..40).map(|n| sample_friend(n, "other")));
    save_all(a.friends.as_ref(), all).await;
    let acme = org_id("acme");
    let listed = all_items(7, |p| a.friends.by_org(&acme, p)).await;
    assert_eq!(as_set(keys(&listed)), key_set(0..30));
    let again = all_items(7, |p| a.friends.by_org(&acme, p)).await;
    assert_eq!(keys(&listed), keys(&again), "two readings differ in order");
}

pub async fn moving_a_friend_to_another_store_moves_it_between_store_listings(a: Adapters) {
    save_all(
        a.friends.as_ref(),
        (0..5)
            .map(|n| in_store(sample_friend(n, "acme"), "shibuya"))
            .collect(),
    )
    .await;
    let mut moved = a.friends.friend(&friend_key(2)).await.unwrap().unwrap();
    moved.store_id = Some(store_id("shinjuku"));
    a.friends.save(&moved).await.unwrap();

    let (shibuya, shinjuku) = (store_key("acme", "shibuya"), store_key("acme", "shinjuku"));
    let old = all_items(2, |p| a.friends.by_store(&shibuya, p)).await;
    assert_eq!(as_set(keys(&old)), key_set([0, 1, 3, 4]));
    let new = all_items(2, |p| a.friends.by_store(&shinjuku, p)).await;
    assert_eq!(keys(&new), vec![friend_key(2)]);
    assert_eq!(new[0].version, 2);
}

pub async fn blocking_a_friend_moves_it_from_the_following_to_the_blocked_listing(a: Adapters) {
    let acme_org = org_id("acme");
    save_all(
        a.friends.as_ref(),
        (0..4)
            .map(|n| following(sample_friend(n, "acme"), "ch-1"))
            .collect(),
    )
    .await;
    let friend = a.friends.friend(&friend_key(1)).await.unwrap().unwrap();
    a.friends.save(&blocking(friend, "ch-1")).await.unwrap();

    let ch1 = channel_id("ch-1");
    let following_now = all_items(10, |p| {
        a.friends
            .by_channel(&acme_org, &ch1, FollowState::Following, p)
    })
    .await;
    assert_eq!(as_set(keys(&following_now)), key_set([0, 2, 3]));
    let blocked = all_items(10, |p| {
        a.friends
            .by_channel(&acme_org, &ch1, FollowState::Blocked, p)
    })
    .await;
    assert_eq!(keys(&blocked), vec![friend_key(1)]);
}

pub async fn untagging_a_friend_removes_it_from_the_tag_listing(a: Adapters) {
    save_all(
        a.friends.as_ref(),
        (0..4)
            .map(|n| tagged(sample_friend(n, "acme"), "vip"))
            .collect(),
    )
    .await;
    let mut friend = a.friends.friend(&friend_key(3)).await.unwrap().unwrap();
    friend.tags.remove("vip");
    friend.tags.insert("lapsed".into());
    a.friends.save(&friend).await.unwrap();

    let acme = org_id("acme");
    let vip = all_items(10, |p| a.friends.by_tag(&acme, "vip", p)).await;
    assert_eq!(as_set(keys(&vip)), key_set([0, 1, 2]));
    let lapsed = all_items(10, |p| a.friends.by_tag(&acme, "lapsed", p)).await;
    assert_eq!(keys(&lapsed), vec![friend_key(3)]);
}

pub async fn a_friend_over_400_kb_is_refused_as_too_large(a: Adapters) {
    let mut huge = sample_friend(1, "acme");
    for i in 0..500 {
        huge.attributes
            .custom
            .insert(format!("note-{i:03}"), "x".repeat(1_000));
    }
    let result = a.friends.save(&huge).await;
    assert!(
        matches!(result, Err(StoreError::TooLarge { bytes, limit }) if bytes > limit),
        "{result:?}"
    );
    assert_eq!(a.friends.friend(&huge.key).await.unwrap(), None);
}

/// The planner pages an audience for minutes while friends change: a cursor must
/// stay valid when the friend it ended on leaves the listing.
pub async fn a_listing_resumes_after_its_cursor_even_when_that_friend_left(a: Adapters) {
    save_all(
        a.friends.as_ref(),
        (0..10)
            .map(|n| in_store(sample_friend(n, "acme"), "shibuya"))
            .collect(),
    )
    .await;
    let store = store_key("acme", "shibuya");
    let first = a
        .friends
        .by_store(&store, otodoke_core::PageRequest::first(4))
        .await
        .unwrap();
    assert_eq!(first.items.len(), 4);
    let cursor = first.next.clone().expect("more pages after 4 of 10");

    let mut last = first.items[3].clone();
    last.store_id = Some(store_id("shinjuku"));
    a.friends.save(&last).await.unwrap();

    let rest = all_items(4, |p| {
        let p = if p.cursor.is_none() {
            otodoke_core::PageRequest::after(cursor.clone(), 4)
        } else {
            p
        };
        a.friends.by_store(&store, p)
    })
    .await;
    let mut seen = keys(&first.items);
    seen.extend(keys(&rest));
    assert_eq!(as_set(seen), key_set(0..10));
}
