//! Rich menus, menu rules and automations through the admin API, against the LINE
//! sandbox: a menu made, imaged and published; rules that re-link friends (the job
//! worked as the menus Lambda works it); a staff tag that fires an automation and
//! switches the friend's menu; who may change what.

use crate::support::*;
use axum::body::Body;
use axum::http::Request;
use otodoke_core::friend::{ChannelLink, FollowState, Friend};
use otodoke_core::organization::Role;
use otodoke_core::ports::{FriendStore, QueueReceiver};
use otodoke_core::ChannelId;
use otodoke_embedded::{EmbeddedMedia, EmbeddedQueue, QueueConfig};
use otodoke_fn_admin_api::{router, AppState, Caller, Ports};
use otodoke_line_sandbox::{NewFriend, Sandbox, SandboxHandle};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

const CHANNEL: &str = "2200000001";
const VIP: &str = "U2200000000000000000000000000000a";
const PLAIN: &str = "U2200000000000000000000000000000b";

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, height, image::Rgb([30, 120, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

struct Rig {
    world: World,
    line: SandboxHandle,
    media: Arc<EmbeddedMedia>,
    menu_jobs: Arc<EmbeddedQueue>,
}

impl Rig {
    async fn new() -> Self {
        let line = Sandbox::builder()
            .channel(line_channel(
                CHANNEL,
                "U2200000000000000000000000000000f",
                "menu-secret",
                "menu-token",
            ))
            .start()
            .await
            .unwrap();
        let rig = Self {
            world: World::new().await,
            line,
            media: Arc::new(EmbeddedMedia::in_memory("http://127.0.0.1:9")),
            menu_jobs: Arc::new(EmbeddedQueue::new(QueueConfig::standard())),
        };
        let admin = rig.app(caller("acme", Role::Admin, &[]));
        let body = json!({
            "id": CHANNEL, "provider": PROVIDER, "plan": {"kind": "light"},
            "default_store": "shibuya", "channel_secret": "s", "access_token": "menu-token"
        });
        let r = call(&admin, "POST", "/admin/channels", Some(body)).await;
        assert_eq!(r.status, 201, "{}", r.json);
        for user in [VIP, PLAIN] {
            rig.line
                .add_friend(
                    CHANNEL,
                    NewFriend {
                        user_id: Some(user.into()),
                        ..NewFriend::default()
                    },
                )
                .unwrap();
            let mut friend = Friend::new(key(user), now());
            friend.store_id = Some(otodoke_core::StoreId::new("shibuya").unwrap());
            friend.channels.insert(
                ChannelId::new(CHANNEL).unwrap(),
                ChannelLink {
                    state: FollowState::Following,
                    followed_at: Some(now()),
                    blocked_at: None,
                },
            );
            if user == VIP {
                friend.tags.insert("vip".into());
            }
            rig.world.embedded.friends.save(&friend).await.unwrap();
        }
        rig
    }

    fn state(&self, caller: Caller) -> AppState {
        futures::executor::block_on(otodoke_core::ports::OrganizationStore::put_staff(
            &*self.world.embedded.orgs,
            &staff_record(&caller),
        ))
        .unwrap();
        let ports = Ports::embedded(
            &self.world.embedded,
            self.world.secrets.clone(),
            self.world.planning.clone(),
            &self.line.base_url(),
        )
        .with_media(self.media.clone())
        .with_menu_jobs(self.menu_jobs.clone());
        AppState::new(ports, dev_auth(&caller)).with_clock(now)
    }

    fn app(&self, caller: Caller) -> axum::Router {
        router(self.state(caller))
    }

    fn admin(&self) -> axum::Router {
        self.app(caller("acme", Role::Admin, &[]))
    }

    async fn upload(&self, menu: &str, content_type: &str, body: Vec<u8>) -> Reply {
        let req = Request::builder()
            .method("PUT")
            .uri(format!("/admin/channels/{CHANNEL}/richmenus/{menu}/image"))
            .header("authorization", format!("Bearer {TOKEN}"))
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap();
        into_reply(self.admin().oneshot(req).await.unwrap()).await
    }

    /// A published 800×270 menu named `name`; returns its id.
    async fn published_menu(&self, name: &str) -> String {
        let body = json!({
            "name": name, "chat_bar_text": "メニュー", "size": {"width": 800, "height": 270},
            "areas": [{"bounds": {"x": 0, "y": 0, "width": 400, "height": 270},
                       "action": {"type": "message", "text": format!("{name}!")}}]
        });
        let r = call(
            &self.admin(),
            "POST",
            &format!("/admin/channels/{CHANNEL}/richmenus"),
            Some(body),
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.json);
        let id = r.json["id"].as_str().unwrap().to_owned();
        let r = self.upload(&id, "image/png", png(800, 270)).await;
        assert_eq!(r.status, 200, "{}", r.json);
        let r = call(
            &self.admin(),
            "POST",
            &format!("/admin/channels/{CHANNEL}/richmenus/{id}/publish"),
            None,
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.json);
        assert_eq!(r.json["is_published"], true);
        id
    }

    /// Works every queued relink request as the menus Lambda would.
    async fn work_relinks(&self) {
        let automator = self.state(caller("acme", Role::Admin, &[])).automator();
        loop {
            let received = self.menu_jobs.receive(1, Duration::ZERO).await.unwrap();
            let Some(message) = received.into_iter().next() else {
                return;
            };
            automator
                .handle_menu_job(
                    &message.body,
                    Duration::from_secs(30),
                    &*self.menu_jobs,
                    now,
                )
                .await
                .unwrap();
            self.menu_jobs.ack(&message.receipt).await.unwrap();
        }
    }

    fn shown(&self, user: &str) -> String {
        self.line.rich_menu_shown_to(CHANNEL, user).unwrap()["richMenuId"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn menu(&self, id: &str) -> Value {
        call(
            &self.admin(),
            "GET",
            &format!("/admin/channels/{CHANNEL}/richmenus/{id}"),
            None,
        )
        .await
        .json
    }
}

fn rules(vip_menu: &str, default: &str, version: u64) -> Value {
    json!({
        "rules": [{"name": "VIP", "segment": {"audience": {"tags_all": ["vip"]}}, "menu": vip_menu}],
        "default": default, "version": version
    })
}

#[tokio::test]
async fn a_menu_image_must_be_a_png_or_jpeg_of_the_menus_size() {
    let rig = Rig::new().await;
    let body = json!({
        "name": "main", "chat_bar_text": "メニュー", "size": {"width": 800, "height": 270},
        "areas": []
    });
    let r = call(
        &rig.admin(),
        "POST",
        &format!("/admin/channels/{CHANNEL}/richmenus"),
        Some(body),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.json);
    let id = r.json["id"].as_str().unwrap().to_owned();
    assert_eq!(
        rig.upload(&id, "image/png", png(800, 271)).await.status,
        422
    );
    assert_eq!(
        rig.upload(&id, "image/gif", b"GIF89a".to_vec())
            .await
            .status,
        415
    );
    let publish = format!("/admin/channels/{CHANNEL}/richmenus/{id}/publish");
    let r = call(&rig.admin(), "POST", &publish, None).await;
    assert_eq!(r.status, 409, "no image yet: {}", r.json);
    let r = rig.upload(&id, "image/png", png(800, 270)).await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert!(r.json["image_url"].as_str().is_some());
}

#[tokio::test]
async fn a_menu_outside_lines_rules_is_refused_with_the_reason() {
    let rig = Rig::new().await;
    for (body, why) in [
        (
            json!({"name": "x", "chat_bar_text": "m", "size": {"width": 800, "height": 800}, "areas": []}),
            "too tall",
        ),
        (
            json!({"name": "x", "chat_bar_text": "m", "size": {"width": 800, "height": 270},
                   "areas": [{"bounds": {"x": 700, "y": 0, "width": 200, "height": 10},
                              "action": {"type": "message", "text": "a"}}]}),
            "area outside",
        ),
        (
            json!({"name": "x", "chat_bar_text": "m", "size": {"width": 800, "height": 270},
                   "areas": [{"bounds": {"x": 0, "y": 0, "width": 10, "height": 10},
                              "action": {"type": "tab", "menu": "nowhere"}}]}),
            "tab to a menu that is not the channel's",
        ),
    ] {
        let r = call(
            &rig.admin(),
            "POST",
            &format!("/admin/channels/{CHANNEL}/richmenus"),
            Some(body),
        )
        .await;
        assert_eq!(r.status, 422, "{why}: {}", r.json);
    }
}

#[tokio::test]
async fn saved_rules_set_lines_default_and_the_relink_job_gives_each_friend_their_menu() {
    let rig = Rig::new().await;
    let main = rig.published_menu("main").await;
    let vip = rig.published_menu("vip").await;
    let path = format!("/admin/channels/{CHANNEL}/menu-rules");

    let preview = call(
        &rig.admin(),
        "POST",
        &format!("{path}/preview"),
        Some(rules(&vip, &main, 0)),
    )
    .await;
    assert_eq!(preview.status, 200, "{}", preview.json);
    assert_eq!(preview.json["menus"][&vip], 1);
    assert_eq!(preview.json["menus"][&main], 1);

    let r = call(&rig.admin(), "PUT", &path, Some(rules(&vip, &main, 0))).await;
    assert_eq!(r.status, 202, "{}", r.json);
    assert_eq!(r.json["relink"]["status"], "running");
    let job = r.json["relink"]["id"].as_str().unwrap().to_owned();
    rig.work_relinks().await;

    let main_line = rig.menu(&main).await["published"]["line_id"].clone();
    let vip_line = rig.menu(&vip).await["published"]["line_id"].clone();
    assert_eq!(json!(rig.shown(PLAIN)), main_line, "the default");
    assert_eq!(json!(rig.shown(VIP)), vip_line);
    let r = call(
        &rig.admin(),
        "GET",
        &format!("/admin/channels/{CHANNEL}/relink-jobs/{job}"),
        None,
    )
    .await;
    assert_eq!(r.json["status"], "done", "{}", r.json);
    assert_eq!(r.json["linked"], 1);
    assert_eq!(r.json["examined"], 2);

    // A stale version is a conflict; the rules' menus cannot be deleted.
    let r = call(&rig.admin(), "PUT", &path, Some(rules(&vip, &main, 0))).await;
    assert_eq!(r.status, 409, "{}", r.json);
    let r = call(
        &rig.admin(),
        "DELETE",
        &format!("/admin/channels/{CHANNEL}/richmenus/{vip}"),
        None,
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.json);
}

#[tokio::test]
async fn rules_naming_an_unpublished_menu_are_refused() {
    let rig = Rig::new().await;
    let main = rig.published_menu("main").await;
    let body = json!({
        "name": "draft", "chat_bar_text": "メニュー", "size": {"width": 800, "height": 270}, "areas": []
    });
    let r = call(
        &rig.admin(),
        "POST",
        &format!("/admin/channels/{CHANNEL}/richmenus"),
        Some(body),
    )
    .await;
    let draft = r.json["id"].as_str().unwrap().to_owned();
    let r = call(
        &rig.admin(),
        "PUT",
        &format!("/admin/channels/{CHANNEL}/menu-rules"),
        Some(rules(&draft, &main, 0)),
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.json);
    assert!(r.json["message"].as_str().unwrap().contains("publish"));
}

#[tokio::test]
async fn a_tag_added_by_staff_runs_its_automation_and_switches_the_menu() {
    let rig = Rig::new().await;
    let main = rig.published_menu("main").await;
    let gold = rig.published_menu("gold").await;
    let body = json!({
        "rules": [{"name": "Gold", "segment": {"audience": {"tags_all": ["gold"]}}, "menu": gold}],
        "default": main, "version": 0
    });
    let r = call(
        &rig.admin(),
        "PUT",
        &format!("/admin/channels/{CHANNEL}/menu-rules"),
        Some(body),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.json);
    rig.work_relinks().await;
    let automation = json!({
        "name": "購入者をゴールドに", "trigger": {"type": "tag_added", "tag": "purchased"},
        "actions": [{"type": "add_tags", "tags": ["gold"]}]
    });
    let r = call(&rig.admin(), "POST", "/admin/automations", Some(automation)).await;
    assert_eq!(r.status, 201, "{}", r.json);
    let automation_id = r.json["id"].as_str().unwrap().to_owned();

    let operator = rig.app(caller("acme", Role::Operator, &[]));
    let r = call(
        &operator,
        "POST",
        &format!("/admin/friends/{PROVIDER}/{PLAIN}/tags"),
        Some(json!({"tag": "purchased"})),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let tags: Vec<&str> = r.json["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(
        tags,
        vec!["gold", "purchased"],
        "the answer shows the automation's tag"
    );
    let gold_line = rig.menu(&gold).await["published"]["line_id"].clone();
    assert_eq!(json!(rig.shown(PLAIN)), gold_line, "the gold rule's menu");

    let runs = call(
        &operator,
        "GET",
        &format!("/admin/friends/{PROVIDER}/{PLAIN}/automation-runs"),
        None,
    )
    .await;
    assert_eq!(runs.status, 200);
    let run = &runs.json["items"][0];
    assert_eq!(
        run["fired"],
        json!({"type": "tag_added", "value": "purchased"})
    );
    assert_eq!(run["plan"]["steps"][0]["automation"], json!(automation_id));
    assert!(run["outcome"]["menu"].as_str().is_some(), "{run}");
    let per_automation = call(
        &rig.admin(),
        "GET",
        &format!("/admin/automations/{automation_id}/runs"),
        None,
    )
    .await;
    assert_eq!(per_automation.json["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn automations_are_changed_by_admins_of_the_whole_organization_only() {
    let rig = Rig::new().await;
    let body = json!({
        "name": "ようこそ", "trigger": {"type": "follow"},
        "actions": [{"type": "add_tags", "tags": ["new"]}]
    });
    for (who, status) in [
        (caller("acme", Role::Operator, &[]), 403),
        (caller("acme", Role::Admin, &["shibuya"]), 403),
        (caller("acme", Role::Admin, &[]), 201),
    ] {
        let r = call(
            &rig.app(who),
            "POST",
            "/admin/automations",
            Some(body.clone()),
        )
        .await;
        assert_eq!(r.status, status, "{}", r.json);
    }
    let viewer = rig.app(caller("acme", Role::Viewer, &["shibuya"]));
    let r = call(&viewer, "GET", "/admin/automations", None).await;
    assert_eq!(r.json["items"].as_array().unwrap().len(), 1);
    let r = call(&viewer, "GET", "/admin/automations/x/runs", None).await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn an_automation_naming_what_does_not_exist_or_a_bad_message_is_refused() {
    let rig = Rig::new().await;
    for (actions, why) in [
        (
            json!([{"type": "start_sequence", "campaign": "nope"}]),
            "unknown sequence",
        ),
        (
            json!([{"type": "run", "automation": "nope"}]),
            "unknown automation",
        ),
        (
            json!([{"type": "switch_menu", "menu": "nope"}]),
            "unknown menu",
        ),
        (
            json!([{"type": "send", "messages": [{"type": "text", "text": ""}]}]),
            "empty text",
        ),
        (json!([]), "no actions"),
    ] {
        let body = json!({"name": "x", "trigger": {"type": "follow"}, "actions": actions});
        let r = call(&rig.admin(), "POST", "/admin/automations", Some(body)).await;
        assert_eq!(r.status, 422, "{why}: {}", r.json);
    }
}
