use crate::builders::*;
use crate::support::all_items;
use crate::Adapters;
use otodoke_core::thread::{
    record, Thread, ThreadChange, ThreadIndex, ThreadKey, ThreadStatus, CHANGES_OVERLAP,
};
use otodoke_core::StoreError;

fn thread_key(org: &str, n: u32, channel: &str) -> ThreadKey {
    ThreadKey {
        friend: friend_key_in(org, n),
        channel: channel_id(channel),
    }
}

fn customer(id: &str, secs: i64) -> ThreadChange {
    ThreadChange::Customer {
        entry_id: id.into(),
        at: at(secs),
        text: format!("message {id}"),
        answered: false,
        reply_token: None,
        mark_as_read_token: None,
    }
}

/// Friend `n` of `org` wrote at `secs` in store `store`.
async fn wrote(a: &Adapters, org: &str, n: u32, store: &str, secs: i64) -> Thread {
    record(
        a.threads.as_ref(),
        &thread_key(org, n, "ch"),
        Some(&store_id(store)),
        at(secs),
        customer(&format!("e{n}-{secs}"), secs),
    )
    .await
    .unwrap()
}

fn users(threads: &[Thread]) -> Vec<u32> {
    threads
        .iter()
        .map(|t| {
            (0..100)
                .find(|n| user_id(*n) == t.key.friend.user_id)
                .expect("a builders' user")
        })
        .collect()
}

async fn listing(a: &Adapters, index: ThreadIndex) -> Vec<u32> {
    users(&all_items(2, |p| a.threads.list(&index, p)).await)
}

pub async fn a_thread_is_saved_at_version_1_and_a_stale_save_is_a_conflict(a: Adapters) {
    let key = thread_key("acme", 1, "ch");
    let fresh = Thread::new(key.clone(), Some(store_id("shibuya")), at(0));
    let saved = a.threads.save(&fresh).await.unwrap();
    assert_eq!(saved.version, 1);
    assert_eq!(a.threads.thread(&key).await.unwrap(), Some(saved.clone()));
    assert!(matches!(
        a.threads.save(&fresh).await,
        Err(StoreError::Conflict)
    ));
    let mut next = saved.clone();
    next.apply(customer("e1", 5));
    assert_eq!(a.threads.save(&next).await.unwrap().version, 2);
    assert!(matches!(
        a.threads.save(&saved).await,
        Err(StoreError::Conflict)
    ));
}

pub async fn thread_listings_are_newest_activity_first_and_follow_status_assignee_and_unread(
    a: Adapters,
) {
    for n in 1..=5 {
        wrote(&a, "acme", n, "shibuya", i64::from(n) * 10).await;
    }
    wrote(&a, "acme", 6, "ginza", 60).await;
    let org = org_id("acme");
    let shibuya = Some(store_id("shibuya"));
    assert_eq!(
        listing(&a, ThreadIndex::Store(org.clone(), shibuya.clone())).await,
        vec![5, 4, 3, 2, 1]
    );
    assert_eq!(
        listing(&a, ThreadIndex::Org(org.clone())).await,
        vec![6, 5, 4, 3, 2, 1]
    );

    // Friend 2 is read and answered by staff; friend 3 assigned; friend 4 resolved.
    let aiko = staff_id("aiko");
    let (k2, k3, k4) = (
        thread_key("acme", 2, "ch"),
        thread_key("acme", 3, "ch"),
        thread_key("acme", 4, "ch"),
    );
    let change = |key, c| record(a.threads.as_ref(), key, None, at(100), c);
    change(
        &k2,
        ThreadChange::Staff {
            at: at(100),
            text: "はい".into(),
            staff: aiko.clone(),
        },
    )
    .await
    .unwrap();
    change(
        &k3,
        ThreadChange::Assign {
            at: at(90),
            by: Some(aiko.clone()),
            to: Some(aiko.clone()),
        },
    )
    .await
    .unwrap();
    change(
        &k4,
        ThreadChange::SetStatus {
            at: at(95),
            by: aiko.clone(),
            status: ThreadStatus::Resolved,
        },
    )
    .await
    .unwrap();

    assert_eq!(
        listing(&a, ThreadIndex::Store(org.clone(), shibuya.clone())).await,
        vec![2, 4, 3, 5, 1],
        "activity reorders the store listing"
    );
    assert_eq!(
        listing(&a, ThreadIndex::Unread(org.clone(), shibuya.clone())).await,
        vec![4, 3, 5, 1],
        "a staff reply reads the thread"
    );
    assert_eq!(
        listing(
            &a,
            ThreadIndex::Status(org.clone(), shibuya.clone(), ThreadStatus::Waiting)
        )
        .await,
        vec![2]
    );
    assert_eq!(
        listing(
            &a,
            ThreadIndex::Status(org.clone(), shibuya.clone(), ThreadStatus::Open)
        )
        .await,
        vec![3, 5, 1]
    );
    assert_eq!(
        listing(&a, ThreadIndex::Assignee(org.clone(), Some(aiko))).await,
        vec![3]
    );
    assert_eq!(
        listing(&a, ThreadIndex::Assignee(org.clone(), None)).await,
        vec![2, 4, 6, 5, 1]
    );
    assert_eq!(
        listing(&a, ThreadIndex::Store(org, None)).await,
        Vec::<u32>::new()
    );
}

pub async fn thread_listings_of_two_organizations_never_mix(a: Adapters) {
    wrote(&a, "alpha", 1, "shibuya", 10).await;
    wrote(&a, "beta", 1, "shibuya", 20).await;
    wrote(&a, "beta", 2, "shibuya", 30).await;
    let alpha = org_id("alpha");
    for index in [
        ThreadIndex::Org(alpha.clone()),
        ThreadIndex::Store(alpha.clone(), Some(store_id("shibuya"))),
        ThreadIndex::Assignee(alpha.clone(), None),
        ThreadIndex::Status(alpha.clone(), Some(store_id("shibuya")), ThreadStatus::Open),
        ThreadIndex::Unread(alpha.clone(), Some(store_id("shibuya"))),
    ] {
        let threads = all_items(10, |p| a.threads.list(&index, p)).await;
        assert_eq!(users(&threads), vec![1], "{index:?}");
        assert!(threads.iter().all(|t| t.key.org() == &alpha), "{index:?}");
    }
    let changes = a
        .threads
        .changes(
            &alpha,
            Some(&otodoke_core::thread::changes_cursor(at(0))),
            100,
        )
        .await
        .unwrap();
    assert_eq!(users(&changes.threads), vec![1]);
}

pub async fn thread_changes_return_what_was_saved_after_the_cursor(a: Adapters) {
    let org = org_id("acme");
    let start = a.threads.changes(&org, None, 100).await.unwrap();
    assert!(start.threads.is_empty());
    wrote(&a, "acme", 1, "shibuya", 10).await;
    // Saved long after the first: outside the overlap of a cursor taken in between.
    let later = 10 + CHANGES_OVERLAP.as_secs() * 4;
    let first = a
        .threads
        .changes(&org, Some(&start.cursor), 100)
        .await
        .unwrap();
    assert_eq!(users(&first.threads), vec![1]);
    wrote(&a, "acme", 2, "shibuya", later).await;
    let second = a
        .threads
        .changes(&org, Some(&first.cursor), 100)
        .await
        .unwrap();
    assert!(users(&second.threads).contains(&2));
    assert!(second.cursor != first.cursor);
    let third = a
        .threads
        .changes(&org, Some(&second.cursor), 100)
        .await
        .unwrap();
    assert_eq!(
        users(&third.threads),
        vec![2],
        "only what changed after the cursor, less the overlap"
    );
    // A save stamped a little before the cursor (another writer's clock) is seen.
    wrote(&a, "acme", 3, "shibuya", later - 1).await;
    let late = a
        .threads
        .changes(&org, Some(&second.cursor), 100)
        .await
        .unwrap();
    assert!(users(&late.threads).contains(&3));
}

pub async fn erasing_a_friends_threads_removes_them_from_every_listing(a: Adapters) {
    wrote(&a, "acme", 1, "shibuya", 10).await;
    record(
        a.threads.as_ref(),
        &thread_key("acme", 1, "other"),
        Some(&store_id("shibuya")),
        at(20),
        customer("x", 20),
    )
    .await
    .unwrap();
    wrote(&a, "acme", 2, "shibuya", 30).await;
    wrote(&a, "beta", 1, "shibuya", 40).await;
    assert_eq!(a.threads.erase(&friend_key_in("acme", 1)).await.unwrap(), 2);
    let org = org_id("acme");
    assert_eq!(listing(&a, ThreadIndex::Org(org.clone())).await, vec![2]);
    assert_eq!(
        listing(&a, ThreadIndex::Unread(org, Some(store_id("shibuya")))).await,
        vec![2]
    );
    assert!(a
        .threads
        .thread(&thread_key("beta", 1, "ch"))
        .await
        .unwrap()
        .is_some());
}
