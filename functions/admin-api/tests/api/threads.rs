//! The staff inbox through the router: who sees which threads, filters, the change
//! cursor, and what staff do in a thread.

use crate::support::*;
use otodoke_core::organization::Role;
use otodoke_core::ports::ThreadStore;
use otodoke_core::thread::{record, ThreadChange, ThreadKey};
use otodoke_core::{ChannelId, StoreId};
use serde_json::{json, Value};

/// The customers of shibuya (on ch-acme) and osaka (on ch-osaka) each wrote.
async fn with_threads() -> World {
    let world = World::new().await;
    for (user, channel, store, text) in [
        (U_SHIBUYA, "ch-acme", "shibuya", "カットの予約をしたい"),
        (U_OSAKA, "ch-osaka", "osaka", "駐車場はありますか"),
    ] {
        record(
            world.embedded.threads.as_ref(),
            &ThreadKey {
                friend: key(user),
                channel: ChannelId::new(channel).unwrap(),
            },
            Some(&StoreId::new(store).unwrap()),
            now(),
            ThreadChange::Customer {
                entry_id: format!("e-{user}"),
                at: now(),
                text: text.into(),
                answered: false,
                reply_token: None,
                mark_as_read_token: None,
            },
        )
        .await
        .unwrap();
    }
    world
}

fn users(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["customer"]["user_id"].as_str().unwrap().to_owned())
        .collect()
}

fn thread_path(channel: &str, user: &str, rest: &str) -> String {
    format!("/admin/threads/{channel}/{user}{rest}")
}

#[tokio::test]
async fn staff_of_one_store_see_only_that_stores_threads_and_an_owner_sees_all() {
    let world = with_threads().await;
    let owner = world.app(caller("acme", Role::Owner, &[]));
    let r = call(&owner, "GET", "/admin/threads", None).await;
    assert_eq!(r.status, 200, "{}", r.json);
    let mut all = users(&r.json);
    all.sort();
    assert_eq!(all, [U_SHIBUYA, U_OSAKA]);
    let first = &r.json["items"][0];
    assert_eq!(first["unread"], 1);
    assert_eq!(first["status"], "open");
    assert_eq!(first["awaiting_staff"], true);
    assert!(first["customer"]["display_name"].is_string());

    let shibuya_staff = world.app(caller("acme", Role::Operator, &["shibuya"]));
    let r = call(&shibuya_staff, "GET", "/admin/threads", None).await;
    assert_eq!(users(&r.json), [U_SHIBUYA]);
    let r = call(&shibuya_staff, "GET", "/admin/threads?store=osaka", None).await;
    assert_eq!(r.status, 404);
    let r = call(
        &shibuya_staff,
        "GET",
        &thread_path("ch-osaka", U_OSAKA, ""),
        None,
    )
    .await;
    assert_eq!(r.status, 404);

    let globex = world.app(caller("globex", Role::Owner, &[]));
    let r = call(&globex, "GET", "/admin/threads", None).await;
    assert!(users(&r.json).is_empty());
}

#[tokio::test]
async fn assigned_only_staff_see_and_answer_only_the_customers_assigned_to_them() {
    let world = with_threads().await;
    let owner = caller("acme", Role::Owner, &[]);
    let mut mine = caller("acme", Role::Operator, &[]);
    mine.assigned_only = true;
    let mine_app = world.app(mine.clone());
    let r = call(&mine_app, "GET", "/admin/threads", None).await;
    assert!(users(&r.json).is_empty(), "{}", r.json);

    let owner_app = world.app(owner);
    let r = call(
        &owner_app,
        "PUT",
        &thread_path("ch-acme", U_SHIBUYA, "/assignee"),
        Some(json!({"staff_id": mine.staff.as_str()})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["assignee"], mine.staff.as_str());
    assert_eq!(r.json["log"][0]["kind"], "assigned");

    let r = call(&mine_app, "GET", "/admin/threads", None).await;
    assert_eq!(users(&r.json), [U_SHIBUYA]);
    let r = call(&mine_app, "GET", "/admin/threads?assignee=me", None).await;
    assert_eq!(users(&r.json), [U_SHIBUYA]);
    let r = call(&owner_app, "GET", "/admin/threads?assignee=none", None).await;
    assert_eq!(users(&r.json), [U_OSAKA]);
    let r = call(
        &mine_app,
        "GET",
        &thread_path("ch-osaka", U_OSAKA, ""),
        None,
    )
    .await;
    assert_eq!(r.status, 404, "not assigned to them");
    let r = call(
        &mine_app,
        "PUT",
        &thread_path("ch-acme", U_SHIBUYA, "/assignee"),
        Some(json!({"staff_id": null})),
    )
    .await;
    assert_eq!(r.status, 403, "they cannot give their customers away");
}

#[tokio::test]
async fn filters_by_status_unread_tag_and_text() {
    let world = with_threads().await;
    let owner = world.app(caller("acme", Role::Owner, &[]));
    let r = call(
        &owner,
        "PUT",
        &thread_path("ch-osaka", U_OSAKA, "/status"),
        Some(json!({"status": "resolved"})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let r = call(
        &owner,
        "POST",
        &thread_path("ch-acme", U_SHIBUYA, "/read"),
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["thread"]["unread"], 0);
    assert_eq!(r.json["shown_to_customer"], false);

    let list = |q: &str| {
        let owner = owner.clone();
        let q = q.to_owned();
        async move {
            users(
                &call(&owner, "GET", &format!("/admin/threads?{q}"), None)
                    .await
                    .json,
            )
        }
    };
    assert_eq!(list("status=resolved").await, [U_OSAKA]);
    assert_eq!(list("store=osaka&status=open").await, Vec::<String>::new());
    assert_eq!(
        list("store=shibuya&unread=true").await,
        Vec::<String>::new()
    );
    assert_eq!(list("store=osaka&unread=true").await, [U_OSAKA]);
    assert_eq!(
        list("q=営業時間").await,
        [U_SHIBUYA],
        "recent messages are searched"
    );
    assert_eq!(list("q=nothing-like-this").await, Vec::<String>::new());
    let r = call(&owner, "GET", "/admin/threads?status=lost", None).await;
    assert_eq!(r.status, 422);
    let r = call(&owner, "GET", "/admin/threads?cursor=bogus", None).await;
    assert_eq!(r.status, 422, "{}", r.json);
}

#[tokio::test]
async fn the_change_cursor_returns_what_changed_since_the_last_poll() {
    let world = with_threads().await;
    let owner = world.app(caller("acme", Role::Owner, &[]));
    let first = call(&owner, "GET", "/admin/threads/changes", None).await;
    assert_eq!(first.status, 200, "{}", first.json);
    assert!(first.json["threads"].as_array().unwrap().is_empty());
    let cursor = first.json["cursor"].as_str().unwrap().to_owned();
    let r = call(
        &owner,
        "POST",
        &thread_path("ch-acme", U_SHIBUYA, "/handoff"),
        Some(json!({})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert!(r.json["handoff"]["until"].is_string());
    let next = call(
        &owner,
        "GET",
        &format!("/admin/threads/changes?since={cursor}"),
        None,
    )
    .await;
    let changed: Vec<&str> = next.json["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["customer"]["user_id"].as_str().unwrap())
        .collect();
    assert!(changed.contains(&U_SHIBUYA), "{}", next.json);
    let r = call(
        &owner,
        "GET",
        "/admin/threads/changes?since=yesterday",
        None,
    )
    .await;
    assert_eq!(r.status, 422);

    let r = call(
        &owner,
        "DELETE",
        &thread_path("ch-acme", U_SHIBUYA, "/handoff"),
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(r.json["handoff"].is_null());
    assert_eq!(
        r.json["log"].as_array().unwrap().last().unwrap()["kind"],
        "returned_to_bot"
    );
}

#[tokio::test]
async fn sending_needs_an_idempotency_key_one_kind_of_message_and_an_operator() {
    let world = with_threads().await;
    let path = thread_path("ch-acme", U_SHIBUYA, "/messages");
    let owner = world.app(caller("acme", Role::Owner, &[]));
    let r = call(&owner, "POST", &path, Some(json!({"text": "こんにちは"}))).await;
    assert_eq!(r.status, 400, "{}", r.json);
    let viewer = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(&viewer, "POST", &path, Some(json!({"text": "こんにちは"}))).await;
    assert_eq!(r.status, 403);

    let with_key = |body: Value| {
        let owner = owner.clone();
        let path = path.clone();
        async move {
            let req = axum::http::Request::builder()
                .method("POST")
                .uri(&path)
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("content-type", "application/json")
                .header("idempotency-key", "k-1")
                .body(axum::body::Body::from(body.to_string()))
                .unwrap();
            use tower::ServiceExt;
            into_reply(owner.oneshot(req).await.unwrap()).await
        }
    };
    let r = with_key(json!({"text": "a", "sticker": {"package_id": "1", "sticker_id": "2"}})).await;
    assert_eq!(r.status, 422, "{}", r.json);
    let r = with_key(json!({"canned_reply_id": "missing"})).await;
    assert_eq!(r.status, 422, "{}", r.json);
    // The channel's access token is not in this world's secrets: LINE cannot be
    // called, the client is told to retry, and nothing is recorded as sent.
    let r = with_key(json!({"text": "こんにちは"})).await;
    assert_eq!(r.status, 502, "{}", r.json);
    let thread = world
        .embedded
        .threads
        .thread(&ThreadKey {
            friend: key(U_SHIBUYA),
            channel: ChannelId::new("ch-acme").unwrap(),
        })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(thread.status, otodoke_core::thread::ThreadStatus::Open);
}

#[tokio::test]
async fn a_stores_inbox_settings_round_trip_with_their_version_and_are_checked() {
    let world = World::new().await;
    let admin = world.app(caller("acme", Role::Admin, &[]));
    let r = call(&admin, "GET", "/admin/stores/shibuya/inbox", None).await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["handoff_minutes"], 30, "the default window");
    let version = r.json["version"].clone();
    let body = json!({
        "handoff_minutes": 60, "mark_read_on_line": true, "version": version,
        "canned_replies": [{"id": "thanks", "title": "お礼", "text": "{name}様、ありがとうございます"}]
    });
    let r = call(
        &admin,
        "PUT",
        "/admin/stores/shibuya/inbox",
        Some(body.clone()),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["canned_replies"][0]["id"], "thanks");
    let r = call(&admin, "PUT", "/admin/stores/shibuya/inbox", Some(body)).await;
    assert_eq!(r.status, 409, "a stale version");
    let version = call(&admin, "GET", "/admin/stores/shibuya/inbox", None)
        .await
        .json["version"]
        .clone();
    for bad in [
        json!({"handoff_minutes": 0, "mark_read_on_line": false, "canned_replies": [], "version": version}),
        json!({"handoff_minutes": 30, "mark_read_on_line": false, "version": version,
            "canned_replies": [{"id": "a", "title": "t", "text": "x"}, {"id": "a", "title": "t", "text": "y"}]}),
    ] {
        let r = call(&admin, "PUT", "/admin/stores/shibuya/inbox", Some(bad)).await;
        assert_eq!(r.status, 422, "{}", r.json);
    }
    let operator = world.app(caller("acme", Role::Operator, &[]));
    let r = call(&operator, "GET", "/admin/stores/shibuya/inbox", None).await;
    assert_eq!(r.status, 200, "staff read the canned replies");
    let r = call(
        &operator,
        "PUT",
        "/admin/stores/shibuya/inbox",
        Some(json!({"handoff_minutes": 5, "mark_read_on_line": false, "canned_replies": [], "version": version})),
    )
    .await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn staff_keep_notes_on_a_customer_that_a_viewer_reads_but_cannot_write() {
    let world = World::new().await;
    let path = format!("/admin/friends/{PROVIDER}/{U_SHIBUYA}/notes");
    let operator = world.app(caller("acme", Role::Operator, &[]));
    let r = call(
        &operator,
        "POST",
        &path,
        Some(json!({"text": "カラーはアッシュ系が好み"})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let id = r.json["items"][0]["id"].as_str().unwrap().to_owned();
    let r = call(&operator, "POST", &path, Some(json!({"text": "   "}))).await;
    assert_eq!(r.status, 422);
    let viewer = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(&viewer, "GET", &path, None).await;
    assert_eq!(r.json["items"][0]["text"], "カラーはアッシュ系が好み");
    assert_eq!(
        call(&viewer, "POST", &path, Some(json!({"text": "x"})))
            .await
            .status,
        403
    );
    let r = call(&operator, "DELETE", &format!("{path}/{id}"), None).await;
    assert!(r.json["items"].as_array().unwrap().is_empty());
    assert_eq!(
        call(&operator, "DELETE", &format!("{path}/{id}"), None)
            .await
            .status,
        404
    );
    let osaka_staff = world.app(caller("acme", Role::Operator, &["osaka"]));
    assert_eq!(call(&osaka_staff, "GET", &path, None).await.status, 404);
}

#[tokio::test]
async fn unanswered_messages_are_listed_once_newest_first_with_the_intents_they_resemble() {
    let world = World::new().await;
    use otodoke_core::ports::ConversationStore;
    for (id, at, text) in [
        (
            "01U1",
            "2026-11-19T01:00:00Z",
            "車はどこに停めればいいですか",
        ),
        ("01U2", "2026-11-19T02:00:00Z", "ペットは大丈夫ですか"),
        (
            "01U3",
            "2026-11-19T03:00:00Z",
            "車はどこに停めればいいですか",
        ),
    ] {
        let mut e = entry(
            id,
            U_SHIBUYA,
            "shibuya",
            at,
            otodoke_core::conversation::Direction::Inbound,
            text,
        );
        e.declined_intent = true;
        world.embedded.conversations.append(&e).await.unwrap();
    }
    let viewer = world.app(caller("acme", Role::Viewer, &["shibuya"]));
    let r = call(
        &viewer,
        "GET",
        "/admin/stores/shibuya/intents/unanswered",
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let texts: Vec<&str> = r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        ["車はどこに停めればいいですか", "ペットは大丈夫ですか"]
    );
    assert_eq!(r.json["items"][0]["suggestions"][0]["intent"], "parking");
    let r = call(
        &viewer,
        "GET",
        "/admin/stores/shibuya/intents/unanswered?days=0",
        None,
    )
    .await;
    assert_eq!(r.status, 422);
    let r = call(
        &viewer,
        "GET",
        "/admin/stores/osaka/intents/unanswered",
        None,
    )
    .await;
    assert_eq!(r.status, 404);
}
