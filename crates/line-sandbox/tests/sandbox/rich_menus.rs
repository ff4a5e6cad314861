//! Rich menus: LINE's rules on menus, images, links, bulk and batch operations,
//! aliases and rate limits, and what a friend sees and taps.

use crate::support::*;
use otodoke_line_sandbox::{generated_rich_menu_png, Endpoint, RichMenuTap};
use serde_json::{json, Value};

fn menu(areas: Value) -> Value {
    json!({
        "size": {"width": 2500, "height": 843}, "selected": false, "name": "tabs",
        "chatBarText": "メニュー", "areas": areas,
    })
}

fn half(x: u64, action: Value) -> Value {
    json!({"bounds": {"x": x, "y": 0, "width": 1250, "height": 843}, "action": action})
}

async fn upload(env: &Env, id: &str, bytes: Vec<u8>, content_type: &str) -> Answer {
    env.send(
        env.http
            .post(env.url(&format!("/v2/bot/richmenu/{id}/content")))
            .bearer_auth(env.channel.token())
            .header("content-type", content_type)
            .body(bytes),
    )
    .await
}

async fn delete(env: &Env, path: &str) -> Answer {
    env.send(
        env.http
            .delete(env.url(path))
            .bearer_auth(env.channel.token()),
    )
    .await
}

/// A menu with its image, ready to be the default or linked.
async fn ready_menu(env: &Env, areas: Value) -> String {
    let created = env.post("/v2/bot/richmenu", menu(areas)).await;
    assert_eq!(created.status, 200, "{:?}", created.body);
    let id = created.body["richMenuId"].as_str().unwrap().to_owned();
    let uploaded = upload(env, &id, generated_rich_menu_png(2500, 843), "image/png").await;
    assert_eq!(uploaded.status, 200, "{:?}", uploaded.body);
    id
}

#[tokio::test]
async fn a_menu_is_created_listed_read_and_its_image_downloaded() {
    let env = start().await;
    let id = ready_menu(
        &env,
        json!([half(0, json!({"type": "postback", "data": "a"}))]),
    )
    .await;
    assert!(id.starts_with("richmenu-"));
    let got = env.get(&format!("/v2/bot/richmenu/{id}")).await;
    assert_eq!(got.body["richMenuId"], id.as_str());
    assert_eq!(got.body["chatBarText"], "メニュー");
    let list = env.get("/v2/bot/richmenu/list").await;
    assert_eq!(list.body["richmenus"].as_array().unwrap().len(), 1);
    let image = env
        .http
        .get(env.url(&format!("/v2/bot/richmenu/{id}/content")))
        .bearer_auth(env.channel.token())
        .send()
        .await
        .unwrap();
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(
        image.bytes().await.unwrap().to_vec(),
        generated_rich_menu_png(2500, 843)
    );
    assert_eq!(env.get("/v2/bot/richmenu/richmenu-nope").await.status, 404);
}

#[tokio::test]
async fn a_menu_breaking_lines_rules_is_a_400_naming_each_property() {
    let env = start().await;
    let mut bad = menu(json!([half(1251, json!({"type": "camera", "label": "c"}))]));
    bad["size"]["height"] = json!(1800);
    bad["chatBarText"] = json!("x".repeat(15));
    let answer = env.post("/v2/bot/richmenu", bad.clone()).await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.properties(),
        ["size", "chatBarText", "areas[0].action.type"]
    );
    let validated = env.post("/v2/bot/richmenu/validate", bad).await;
    assert_eq!(validated.status, 400);
    let fine = env.post("/v2/bot/richmenu/validate", menu(json!([]))).await;
    assert_eq!(fine.status, 200);
    assert_eq!(
        env.get("/v2/bot/richmenu/list").await.body["richmenus"],
        json!([])
    );
}

#[tokio::test]
async fn an_image_is_a_jpeg_or_png_of_the_menus_size_uploaded_once() {
    let env = start().await;
    let id = env.post("/v2/bot/richmenu", menu(json!([]))).await.body["richMenuId"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong_size = upload(&env, &id, generated_rich_menu_png(2500, 1686), "image/png").await;
    assert_eq!(wrong_size.status, 400);
    let gif = upload(&env, &id, b"GIF89a\x01\x00".to_vec(), "image/gif").await;
    assert_eq!(gif.status, 400);
    let mismatched = upload(&env, &id, generated_rich_menu_png(2500, 843), "image/jpeg").await;
    assert_eq!(mismatched.status, 400, "the bytes are a PNG");
    let mut too_big = generated_rich_menu_png(2500, 843);
    too_big.resize(1024 * 1024 + 1, 0);
    assert_eq!(upload(&env, &id, too_big, "image/png").await.status, 400);
    let first = upload(&env, &id, generated_rich_menu_png(2500, 843), "image/png").await;
    assert_eq!(first.status, 200);
    let second = upload(&env, &id, generated_rich_menu_png(2500, 843), "image/png").await;
    assert_eq!(second.status, 400);
    assert_eq!(
        second.message(),
        "An image has already been uploaded to the richmenu"
    );
    let unknown = upload(
        &env,
        "richmenu-x",
        generated_rich_menu_png(2500, 843),
        "image/png",
    )
    .await;
    assert_eq!(unknown.status, 404);
}

#[tokio::test]
async fn a_menu_without_image_can_be_neither_default_nor_linked() {
    let env = start().await;
    let id = env.post("/v2/bot/richmenu", menu(json!([]))).await.body["richMenuId"]
        .as_str()
        .unwrap()
        .to_owned();
    let default = env
        .post(&format!("/v2/bot/user/all/richmenu/{id}"), json!({}))
        .await;
    assert_eq!(default.status, 400);
    let link = env
        .post(
            &format!("/v2/bot/user/{}/richmenu/{id}", user(1)),
            json!({}),
        )
        .await;
    assert_eq!(link.status, 400);
    assert_eq!(
        link.message(),
        "must upload richmenu image before applying it to user"
    );
    assert_eq!(env.get("/v2/bot/user/all/richmenu").await.status, 404);
}

#[tokio::test]
async fn a_linked_menu_wins_over_the_default_until_unlinked_or_deleted() {
    let env = start().await;
    let friend = env.follower(1).await;
    let a = ready_menu(&env, json!([])).await;
    let b = ready_menu(&env, json!([])).await;
    assert_eq!(
        env.post(&format!("/v2/bot/user/all/richmenu/{a}"), json!({}))
            .await
            .status,
        200
    );
    let shown = |env: &Env| {
        env.sandbox
            .rich_menu_shown_to(CHANNEL, &friend)
            .ok()
            .map(|m| m["richMenuId"].as_str().unwrap().to_owned())
    };
    assert_eq!(shown(&env).as_deref(), Some(a.as_str()));
    assert_eq!(
        env.get(&format!("/v2/bot/user/{friend}/richmenu"))
            .await
            .status,
        404
    );
    env.post(&format!("/v2/bot/user/{friend}/richmenu/{b}"), json!({}))
        .await;
    assert_eq!(
        env.get(&format!("/v2/bot/user/{friend}/richmenu"))
            .await
            .body["richMenuId"],
        b.as_str()
    );
    assert_eq!(shown(&env).as_deref(), Some(b.as_str()));
    assert_eq!(
        delete(&env, &format!("/v2/bot/user/{friend}/richmenu"))
            .await
            .status,
        200
    );
    assert_eq!(shown(&env).as_deref(), Some(a.as_str()));
    env.post(&format!("/v2/bot/user/{friend}/richmenu/{b}"), json!({}))
        .await;
    assert_eq!(
        delete(&env, &format!("/v2/bot/richmenu/{b}")).await.status,
        200
    );
    assert_eq!(shown(&env).as_deref(), Some(a.as_str()), "deleting unlinks");
    assert_eq!(
        delete(&env, &format!("/v2/bot/richmenu/{a}")).await.status,
        200
    );
    assert_eq!(
        env.get("/v2/bot/user/all/richmenu").await.status,
        404,
        "and clears the default"
    );
    assert!(shown(&env).is_none());
    assert_eq!(
        delete(&env, &format!("/v2/bot/richmenu/{a}")).await.status,
        404
    );
}

#[tokio::test]
async fn bulk_link_and_unlink_answer_202_and_apply() {
    let env = start().await;
    let id = ready_menu(&env, json!([])).await;
    let users = [user(1), user(2)];
    let linked = env
        .post(
            "/v2/bot/richmenu/bulk/link",
            json!({"richMenuId": id, "userIds": users}),
        )
        .await;
    assert_eq!(linked.status, 202);
    for u in &users {
        assert_eq!(
            env.get(&format!("/v2/bot/user/{u}/richmenu")).await.body["richMenuId"],
            id.as_str()
        );
    }
    let too_many: Vec<String> = (0..501).map(user).collect();
    let refused = env
        .post(
            "/v2/bot/richmenu/bulk/link",
            json!({"richMenuId": id, "userIds": too_many}),
        )
        .await;
    assert_eq!(
        (refused.status, refused.properties()),
        (400, vec!["userIds".to_owned()])
    );
    let unlinked = env
        .post(
            "/v2/bot/richmenu/bulk/unlink",
            json!({"userIds": [user(1)]}),
        )
        .await;
    assert_eq!(unlinked.status, 202);
    assert_eq!(
        env.get(&format!("/v2/bot/user/{}/richmenu", user(1)))
            .await
            .status,
        404
    );
    assert_eq!(
        env.get(&format!("/v2/bot/user/{}/richmenu", user(2)))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_batch_applies_and_its_progress_goes_from_ongoing_to_succeeded() {
    let env = start().await;
    let a = ready_menu(&env, json!([])).await;
    let b = ready_menu(&env, json!([])).await;
    env.post(&format!("/v2/bot/user/{}/richmenu/{a}", user(1)), json!({}))
        .await;
    let ops = json!({"operations": [{"type": "link", "from": a, "to": b}]});
    assert_eq!(
        env.post("/v2/bot/richmenu/validate/batch", ops.clone())
            .await
            .status,
        200
    );
    let bad = json!({"operations": [{"type": "unlink", "from": "richmenu-nope"}]});
    let refused = env.post("/v2/bot/richmenu/validate/batch", bad).await;
    assert_eq!(refused.properties(), ["operations[0].from"]);
    let started = env.post("/v2/bot/richmenu/batch", ops).await;
    assert_eq!(started.status, 202);
    assert_eq!(
        env.get(&format!("/v2/bot/user/{}/richmenu", user(1)))
            .await
            .body["richMenuId"],
        b.as_str()
    );
    let path = format!(
        "/v2/bot/richmenu/progress/batch?requestId={}",
        started.request_id()
    );
    let progress = env.get(&path).await;
    assert_eq!(progress.body["phase"], "ongoing");
    assert!(progress.body["acceptedTime"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    env.sandbox
        .clock()
        .advance(std::time::Duration::from_millis(200));
    let progress = env.get(&path).await;
    assert_eq!(progress.body["phase"], "succeeded");
    assert!(progress.body["completedTime"].is_string());
    assert_eq!(
        env.get("/v2/bot/richmenu/progress/batch?requestId=nope")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn the_batch_endpoint_allows_3_an_hour_and_create_100() {
    let env = start().await;
    let ops = json!({"operations": [{"type": "unlinkAll"}]});
    for _ in 0..3 {
        assert_eq!(
            env.post("/v2/bot/richmenu/batch", ops.clone()).await.status,
            202
        );
    }
    let fourth = env.post("/v2/bot/richmenu/batch", ops.clone()).await;
    assert_eq!(fourth.status, 429);
    env.sandbox
        .clock()
        .advance(std::time::Duration::from_secs(1200));
    assert_eq!(
        env.post("/v2/bot/richmenu/batch", ops).await.status,
        202,
        "one back after 20 minutes"
    );
    for _ in 0..100 {
        assert_eq!(
            env.post("/v2/bot/richmenu/validate", menu(json!([])))
                .await
                .status,
            200
        );
    }
    for _ in 0..100 {
        assert_eq!(
            env.post("/v2/bot/richmenu", menu(json!([]))).await.status,
            200
        );
    }
    assert_eq!(
        env.post("/v2/bot/richmenu", menu(json!([]))).await.status,
        429
    );
    let stats = env.sandbox.stats();
    assert_eq!(stats.endpoints[&Endpoint::RichMenuCreate].rate_limited, 1);
    assert_eq!(stats.endpoints[&Endpoint::RichMenuBatch].requests, 5);
}

#[tokio::test]
async fn aliases_are_unique_per_channel_and_name_menus_with_images() {
    let env = start().await;
    let a = ready_menu(&env, json!([])).await;
    let b = ready_menu(&env, json!([])).await;
    let create = |alias: &str, id: &str| json!({"richMenuAliasId": alias, "richMenuId": id});
    assert_eq!(
        env.post("/v2/bot/richmenu/alias", create("tab-a", &a))
            .await
            .status,
        200
    );
    let again = env
        .post("/v2/bot/richmenu/alias", create("tab-a", &b))
        .await;
    assert_eq!(
        (again.status, again.message()),
        (400, "conflict richmenu alias id")
    );
    let bad = env
        .post("/v2/bot/richmenu/alias", create("tab a", &b))
        .await;
    assert_eq!(bad.properties(), ["richMenuAliasId"]);
    assert_eq!(
        env.post("/v2/bot/richmenu/alias/tab-a", json!({"richMenuId": b}))
            .await
            .status,
        200
    );
    assert_eq!(
        env.get("/v2/bot/richmenu/alias/tab-a").await.body["richMenuId"],
        b.as_str()
    );
    assert_eq!(
        env.get("/v2/bot/richmenu/alias/list").await.body["aliases"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        delete(&env, "/v2/bot/richmenu/alias/tab-a").await.status,
        200
    );
    assert_eq!(env.get("/v2/bot/richmenu/alias/tab-a").await.status, 404);
    assert_eq!(
        delete(&env, "/v2/bot/richmenu/alias/tab-a").await.status,
        404
    );
}

#[tokio::test]
async fn a_tap_does_what_the_areas_action_says_as_the_line_app_does() {
    let env = start().await;
    let friend = env.follower(1).await;
    let b = ready_menu(&env, json!([])).await;
    let a = ready_menu(
        &env,
        json!([
            half(
                0,
                json!({"type": "postback", "data": "coupon=1", "displayText": "クーポン"})
            ),
            half(
                1250,
                json!({"type": "richmenuswitch", "richMenuAliasId": "tab-b", "data": "to=b"})
            ),
        ]),
    )
    .await;
    env.post(
        "/v2/bot/richmenu/alias",
        json!({"richMenuAliasId": "tab-b", "richMenuId": b}),
    )
    .await;
    env.post(&format!("/v2/bot/user/all/richmenu/{a}"), json!({}))
        .await;

    let tap = env
        .sandbox
        .tap_rich_menu(CHANNEL, &friend, 0)
        .await
        .unwrap();
    let RichMenuTap::Webhook { outcome } = tap else {
        panic!("{tap:?}")
    };
    assert_eq!(outcome.event["type"], "postback");
    assert_eq!(outcome.event["postback"], json!({"data": "coupon=1"}));
    let conversation = serde_json::to_value(env.sandbox.conversation(CHANNEL, &friend)).unwrap();
    assert_eq!(
        conversation.as_array().unwrap().last().unwrap()["event"]["displayText"],
        "クーポン"
    );

    let tap = env
        .sandbox
        .tap_rich_menu(CHANNEL, &friend, 1)
        .await
        .unwrap();
    let RichMenuTap::Webhook { outcome } = tap else {
        panic!("{tap:?}")
    };
    assert_eq!(
        outcome.event["postback"],
        json!({"data": "to=b", "params": {"newRichMenuAliasId": "tab-b", "status": "SUCCESS"}})
    );
    assert_eq!(
        env.receiver.last().json()["events"][0]["postback"]["params"]["status"],
        "SUCCESS"
    );
    let shown = env.sandbox.rich_menu_shown_to(CHANNEL, &friend).unwrap();
    assert_eq!(shown["richMenuId"], b.as_str());
    assert_eq!(
        env.get(&format!("/v2/bot/user/{friend}/richmenu"))
            .await
            .status,
        404,
        "a switch is no link"
    );
    assert!(
        env.sandbox
            .tap_rich_menu(CHANNEL, &friend, 0)
            .await
            .is_err(),
        "menu b has no areas"
    );
}
