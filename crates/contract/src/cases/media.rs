//! `MediaStore`: bytes and content type round-trip, URLs are per key, and erasure
//! deletes exactly one friend's (or one organization's) prefix.
//!
//! These cases take the media store alone (it is not part of [`crate::Adapters`], so
//! that adding it did not break existing harnesses); call them from an adapter's tests.

use crate::builders::{friend_key, friend_key_in, org_id, store_key};
use jiff::SignedDuration;
use otodoke_core::media::{MediaKey, MediaPrefix};
use otodoke_core::ports::MediaStore;
use std::sync::Arc;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\nnot really a picture";

/// What is put is read back with its content type; an unknown key is `None`;
/// putting again replaces.
pub async fn media_put_then_get_returns_the_bytes_and_content_type_and_delete_removes_one_key(
    media: Arc<dyn MediaStore>,
) {
    let key = MediaKey::inbound(&friend_key(1), "m1");
    assert_eq!(media.get(&key).await.unwrap(), None, "nothing stored yet");
    media.put(&key, "image/png", PNG.to_vec()).await.unwrap();
    let got = media
        .get(&key)
        .await
        .unwrap()
        .expect("stored media reads back");
    assert_eq!(got.body, PNG);
    assert_eq!(got.content_type, "image/png");

    media
        .put(&key, "image/jpeg", vec![0xFF, 0xD8, 0xFF])
        .await
        .unwrap();
    let got = media.get(&key).await.unwrap().unwrap();
    assert_eq!(
        (got.content_type.as_str(), got.body.len()),
        ("image/jpeg", 3),
        "a second put replaces the first"
    );
    let preview = key.preview();
    assert_eq!(
        media.get(&preview).await.unwrap(),
        None,
        "a preview is its own object"
    );
    media.put(&preview, "image/jpeg", vec![1]).await.unwrap();
    media.delete(&key).await.unwrap();
    assert_eq!(media.get(&key).await.unwrap(), None, "deleted");
    assert!(
        media.get(&preview).await.unwrap().is_some(),
        "deleting one key leaves its preview"
    );
    media.delete(&key).await.unwrap();
}

/// URLs name their key unguessably: two keys give different URLs, and the same
/// key's URL carries more than the key (a signature).
pub async fn media_urls_are_http_and_differ_per_key(media: Arc<dyn MediaStore>) {
    let a = MediaKey::upload(&store_key("acme", "shibuya"), ulid::Ulid::from_parts(1, 1));
    let b = MediaKey::upload(&store_key("acme", "shibuya"), ulid::Ulid::from_parts(1, 2));
    media.put(&a, "image/png", PNG.to_vec()).await.unwrap();
    let ua = media.url(&a, SignedDuration::from_mins(10)).await.unwrap();
    let ub = media.url(&b, SignedDuration::from_mins(10)).await.unwrap();
    assert!(ua.starts_with("http"), "{ua}");
    assert_ne!(ua, ub);
    assert!(ua.contains('?'), "a URL is signed: {ua}");
}

/// Erasing a friend deletes their objects, previews included, and nothing of
/// another friend or another organization; erasing again finds nothing.
pub async fn media_delete_prefix_removes_one_friends_media_only(media: Arc<dyn MediaStore>) {
    let me = MediaKey::inbound(&friend_key(1), "m1");
    let my_preview = me.preview();
    let mine_too = MediaKey::inbound(&friend_key(1), "m2");
    let other_friend = MediaKey::inbound(&friend_key(2), "m3");
    let other_org = MediaKey::inbound(&friend_key_in("globex", 1), "m1");
    let upload = MediaKey::upload(&store_key("acme", "shibuya"), ulid::Ulid::from_parts(9, 9));
    for key in [
        &me,
        &my_preview,
        &mine_too,
        &other_friend,
        &other_org,
        &upload,
    ] {
        media.put(key, "image/png", PNG.to_vec()).await.unwrap();
    }
    let deleted = media
        .delete_prefix(&MediaPrefix::friend(&friend_key(1)))
        .await
        .unwrap();
    assert_eq!(deleted, 3, "the friend's two objects and one preview");
    for key in [&me, &my_preview, &mine_too] {
        assert_eq!(media.get(key).await.unwrap(), None, "{key} was erased");
    }
    for key in [&other_friend, &other_org, &upload] {
        assert!(media.get(key).await.unwrap().is_some(), "{key} is kept");
    }
    let again = media
        .delete_prefix(&MediaPrefix::friend(&friend_key(1)))
        .await
        .unwrap();
    assert_eq!(again, 0, "erasing twice finds nothing the second time");

    let org = media
        .delete_prefix(&MediaPrefix::organization(&org_id("acme")))
        .await
        .unwrap();
    assert_eq!(org, 2, "acme's other friend and its upload");
    assert!(media.get(&other_org).await.unwrap().is_some());
}
