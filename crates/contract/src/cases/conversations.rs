use crate::builders::*;
use crate::support::{all_items, all_pages};
use crate::Adapters;
use otodoke_core::conversation::ConversationEntry;

fn ids(entries: &[ConversationEntry]) -> Vec<String> {
    entries.iter().map(|e| e.id.clone()).collect()
}

pub async fn appending_the_same_entry_id_twice_keeps_one(a: Adapters) {
    let entry = sample_entry(1, "shibuya", at(60), 1);
    a.conversations.append(&entry).await.unwrap();
    a.conversations.append(&entry).await.unwrap();
    let me = friend_key(1);
    let history = all_items(10, |p| a.conversations.history(&me, p)).await;
    assert_eq!(history, vec![entry]);
}

pub async fn history_is_newest_first_and_paged(a: Adapters) {
    let mine: Vec<_> = (0..25)
        .map(|i| sample_entry(1, "shibuya", at(60 * i64::from(i)), i))
        .collect();
    for entry in &mine {
        a.conversations.append(entry).await.unwrap();
    }
    for i in 0..5 {
        let theirs = sample_entry(2, "shibuya", at(30 + 60 * i64::from(i)), 100 + i);
        a.conversations.append(&theirs).await.unwrap();
    }
    let me = friend_key(1);
    let pages = all_pages(10, |p| a.conversations.history(&me, p)).await;
    let history: Vec<ConversationEntry> = pages.into_iter().flatten().collect();
    let newest_first: Vec<String> = ids(&mine).into_iter().rev().collect();
    assert_eq!(ids(&history), newest_first);
    assert_eq!(history[0], mine[24]);

    let first = a
        .conversations
        .history(&friend_key(1), otodoke_core::PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(ids(&first.items), newest_first[..10].to_vec());
    assert!(first.next.is_some());
}

pub async fn by_store_lists_a_date_range_oldest_first_and_paged(a: Adapters) {
    let mut expected = Vec::new();
    for i in 0..30u32 {
        // Three friends interleaved, one minute apart.
        let entry = sample_entry(i % 3, "shibuya", at(60 * i64::from(i)), i);
        a.conversations.append(&entry).await.unwrap();
        if (10..20).contains(&i) {
            expected.push(entry.id.clone());
        }
        let elsewhere = sample_entry(7, "shinjuku", at(60 * i64::from(i)), 1_000 + i);
        a.conversations.append(&elsewhere).await.unwrap();
    }
    let store = store_key("acme", "shibuya");
    // from is inclusive (entry 10 is at 600 s), to exclusive (entry 20 is at 1200 s).
    let listed = all_items(4, |p| {
        a.conversations.by_store(&store, at(600), at(1_200), p)
    })
    .await;
    assert!(listed
        .iter()
        .all(|e| e.store_id.as_ref() == Some(&store.store)));
    assert_eq!(ids(&listed), expected);
    let none = all_items(4, |p| {
        a.conversations.by_store(&store, at(5_000), at(6_000), p)
    })
    .await;
    assert!(none.is_empty());
}

pub async fn hide_marks_the_message_with_that_line_message_id_hidden(a: Adapters) {
    for i in 1..=3 {
        a.conversations
            .append(&sample_entry(1, "shibuya", at(60 * i64::from(i)), i))
            .await
            .unwrap();
    }
    assert!(a.conversations.hide(&friend_key(1), "m2").await.unwrap());
    assert!(!a.conversations.hide(&friend_key(1), "m9").await.unwrap());
    // Another friend's history has no such message.
    assert!(!a.conversations.hide(&friend_key(2), "m1").await.unwrap());

    let me = friend_key(1);
    let history = all_items(10, |p| a.conversations.history(&me, p)).await;
    let hidden: Vec<(Option<String>, bool)> = history
        .iter()
        .map(|e| (e.line_message_id.clone(), e.hidden))
        .collect();
    assert_eq!(
        hidden,
        vec![
            (Some("m3".into()), false),
            (Some("m2".into()), true),
            (Some("m1".into()), false)
        ]
    );
}

pub async fn attaching_media_to_an_entry_is_read_back_in_history_and_the_store_listing(
    a: Adapters,
) {
    use otodoke_core::media::{MediaKey, MediaRef};
    let entry = sample_entry(1, "shibuya", at(60), 1);
    a.conversations.append(&entry).await.unwrap();
    let key = MediaKey::inbound(&entry.friend, "m1");
    let media = MediaRef {
        preview_key: Some(key.preview()),
        key,
        content_type: "image/jpeg".into(),
        bytes: 1234,
    };
    let me = friend_key(1);
    assert!(a
        .conversations
        .attach_media(&me, &entry.id, &media)
        .await
        .unwrap());
    // A redelivered keeper job attaches the same reference again.
    assert!(a
        .conversations
        .attach_media(&me, &entry.id, &media)
        .await
        .unwrap());
    let history = all_items(10, |p| a.conversations.history(&me, p)).await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].media.as_ref(), Some(&media));
    assert_eq!(
        history[0].text, entry.text,
        "the rest of the entry is unchanged"
    );
    let store = store_key("acme", "shibuya");
    let listed = all_items(10, |p| a.conversations.by_store(&store, at(0), at(120), p)).await;
    assert_eq!(listed[0].media.as_ref(), Some(&media));

    let unknown = entry_id(at(61), 99);
    assert!(
        !a.conversations
            .attach_media(&me, &unknown, &media)
            .await
            .unwrap(),
        "no entry, nothing attached"
    );
    assert!(
        !a.conversations
            .attach_media(&friend_key(2), &entry.id, &media)
            .await
            .unwrap(),
        "another friend's history holds no such entry"
    );
}
