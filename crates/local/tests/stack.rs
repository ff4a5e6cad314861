//! The local stack started in-process on ephemeral ports, driven through the
//! simulator's HTTP API as the simulator page drives it: a friend is created,
//! follows and writes; the answers are read from the sandbox's transcript.

use otodoke_core::friend::{FollowState, FriendKey};
use otodoke_core::ports::FriendStore;
use otodoke_core::{ChannelId, LineUserId, OrgId, ProviderId};
use otodoke_local::seed::{CHANNEL, ORG, PROVIDER};
use otodoke_local::{LocalConfig, RunningStack};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

/// A Friday, 12:00 in Tokyo: the demo store is open.
const FRIDAY_NOON: &str = "2026-11-20T03:00:00Z";

async fn start(state: Option<PathBuf>) -> RunningStack {
    let config = LocalConfig {
        start_at: Some(FRIDAY_NOON.parse().unwrap()),
        scheduler_every: Duration::from_millis(200),
        ..LocalConfig::ephemeral(state)
    };
    RunningStack::start(config).await.expect("the stack starts")
}

struct Driver<'a> {
    stack: &'a RunningStack,
    http: reqwest::Client,
}

impl<'a> Driver<'a> {
    fn new(stack: &'a RunningStack) -> Self {
        Self {
            stack,
            http: reqwest::Client::new(),
        }
    }

    fn api(&self, path: &str) -> String {
        format!("{}/simulator/api{path}", self.stack.urls().gateway)
    }

    async fn create_friend(&self, name: &str) -> String {
        let response = self
            .http
            .post(self.api("/friends"))
            .json(&json!({ "displayName": name }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let friend: Value = response.json().await.unwrap();
        friend["userId"].as_str().unwrap().to_owned()
    }

    async fn act(&self, user: &str, action: Value) {
        let response = self
            .http
            .post(self.api(&format!("/friends/{user}/actions")))
            .json(&action)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            body["status"], 200,
            "the gateway refused the webhook: {body}"
        );
    }

    async fn says(&self, user: &str, text: &str) {
        self.act(user, json!({ "type": "text", "text": text }))
            .await;
    }

    /// The bot's text bubbles to `user` once there are at least `count`.
    async fn bot_texts(&self, user: &str, count: usize) -> Vec<String> {
        for _ in 0..200 {
            let response = self
                .http
                .get(self.api(&format!("/friends/{user}/conversation")))
                .send()
                .await
                .unwrap();
            let entries: Vec<Value> = response.json().await.unwrap();
            let texts: Vec<String> = entries
                .iter()
                .filter(|e| e["from"] == "bot")
                .map(|e| {
                    e["message"]["text"]
                        .as_str()
                        .unwrap_or("[non-text]")
                        .to_owned()
                })
                .collect();
            if texts.len() >= count {
                return texts;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the bot did not send {count} bubbles to {user} within 5 s");
    }
}

#[tokio::test]
async fn a_friend_who_follows_is_greeted_by_name() {
    let stack = start(None).await;
    let driver = Driver::new(&stack);
    let user = driver.create_friend("花子").await;
    driver.act(&user, json!({ "type": "follow" })).await;
    let texts = driver.bot_texts(&user, 1).await;
    assert!(
        texts[0].starts_with("花子さん、カフェおとどけ 渋谷店の友だちに追加"),
        "{texts:?}"
    );
}

#[tokio::test]
async fn a_keyword_gets_its_rules_answer_with_quick_replies() {
    let stack = start(None).await;
    let driver = Driver::new(&stack);
    let user = driver.create_friend("太郎").await;
    driver.act(&user, json!({ "type": "follow" })).await;
    let greeting = driver.bot_texts(&user, 1).await.len();
    driver.says(&user, "営業時間").await;
    let texts = driver.bot_texts(&user, greeting + 1).await;
    assert_eq!(
        texts.last().unwrap(),
        "営業時間は10:00〜20:00です。定休日は毎週水曜日です。"
    );
    let messages = stack.sandbox().messages_to_friend(CHANNEL, &user);
    let labels: Vec<&str> = messages.last().unwrap().quick_reply.as_ref().unwrap()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["action"]["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["予約する", "メニュー"]);
}

#[tokio::test]
async fn a_question_in_other_words_gets_the_intents_answer() {
    let stack = start(None).await;
    let driver = Driver::new(&stack);
    let user = driver.create_friend("次郎").await;
    driver
        .says(&user, "車で行っても大丈夫？駐車場ありますか")
        .await;
    let texts = driver.bot_texts(&user, 1).await;
    assert_eq!(
        texts,
        ["専用駐車場はございません。お近くのコインパーキングをご利用ください。"]
    );
}

#[tokio::test]
async fn gibberish_gets_the_fallback() {
    let stack = start(None).await;
    let driver = Driver::new(&stack);
    let user = driver.create_friend("三郎").await;
    driver.says(&user, "ほげほげぴよぴよ").await;
    let texts = driver.bot_texts(&user, 1).await;
    assert!(texts[0].starts_with("申し訳ありません、うまくお答えできませんでした"));
}

#[tokio::test]
async fn a_restart_on_the_same_state_file_keeps_the_friend_and_the_conversation_going() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("local-state.json");
    let user = {
        let stack = start(Some(state.clone())).await;
        assert!(stack.seeded);
        let driver = Driver::new(&stack);
        let user = driver.create_friend("花子").await;
        driver.act(&user, json!({ "type": "follow" })).await;
        driver.bot_texts(&user, 1).await;
        stack.shutdown().await.unwrap();
        user
    };

    let stack = start(Some(state)).await;
    assert!(!stack.seeded, "the demo data is seeded on first start only");
    let key = FriendKey {
        org: OrgId::new(ORG).unwrap(),
        provider: ProviderId::new(PROVIDER).unwrap(),
        user_id: LineUserId::parse(user.as_str()).unwrap(),
    };
    let friend = stack.embedded().friends.friend(&key).await.unwrap();
    let friend = friend.expect("the friend survived the restart");
    assert_eq!(friend.display_name.as_deref(), Some("花子"));
    assert_eq!(
        friend.channels[&ChannelId::new(CHANNEL).unwrap()].state,
        FollowState::Following
    );

    let driver = Driver::new(&stack);
    let listed: Vec<Value> = driver
        .http
        .get(driver.api("/friends"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["state"], "following");
    driver.says(&user, "営業時間").await;
    let texts = driver.bot_texts(&user, 1).await;
    assert_eq!(
        texts,
        ["営業時間は10:00〜20:00です。定休日は毎週水曜日です。"]
    );
}

#[tokio::test]
async fn the_admin_api_is_served_with_the_dev_token_only() {
    let stack = start(None).await;
    let http = reqwest::Client::new();
    let url = format!("{}/channels", stack.urls().admin);
    let without = http.get(&url).send().await.unwrap();
    assert_eq!(without.status(), 401);
    let with = http
        .get(&url)
        .bearer_auth(stack.dev_token())
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), 200);
    let body = with.text().await.unwrap();
    assert!(body.contains(CHANNEL), "{body}");
}

#[tokio::test]
async fn a_forged_webhook_is_refused_without_detail() {
    let stack = start(None).await;
    let response = reqwest::Client::new()
        .post(&stack.urls().webhook)
        .header("x-line-signature", "Zm9yZ2Vk")
        .body(r#"{"destination":"U0","events":[]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.text().await.unwrap(),
        r#"{"message":"invalid signature"}"#
    );
}

#[tokio::test]
async fn a_campaign_sent_from_the_admin_api_reaches_the_following_friend_and_completes() {
    let stack = start(None).await;
    let driver = Driver::new(&stack);
    let follower = driver.create_friend("花子").await;
    driver.act(&follower, json!({ "type": "follow" })).await;
    driver.bot_texts(&follower, 1).await;
    let never_followed = driver.create_friend("未登録").await;

    let http = reqwest::Client::new();
    let admin = &stack.urls().admin;
    let created: Value = http
        .post(format!("{admin}/campaigns"))
        .bearer_auth(stack.dev_token())
        .json(&json!({
            "name": "週末クーポン", "channel_id": CHANNEL,
            "messages": [{"type": "text", "text": "週末限定クーポンです https://example.com/coupon"}],
            "sender": {"name": "店長 さくら"},
            "audience": {}, "schedule": {"kind": "now"}
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().expect("a campaign id").to_owned();
    let sent = http
        .post(format!("{admin}/campaigns/{id}/send-now"))
        .bearer_auth(stack.dev_token())
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);

    let mut campaign = Value::Null;
    for _ in 0..200 {
        campaign = http
            .get(format!("{admin}/campaigns/{id}"))
            .bearer_auth(stack.dev_token())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if campaign["status"] == "completed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(campaign["status"], "completed", "{campaign}");
    assert_eq!(campaign["progress"]["planned"], 1, "{campaign}");
    assert_eq!(campaign["progress"]["sent"], 1, "{campaign}");

    let texts = driver.bot_texts(&follower, 2).await;
    assert_eq!(
        texts.last().unwrap(),
        "週末限定クーポンです https://example.com/coupon"
    );
    assert!(stack
        .sandbox()
        .messages_to_friend(CHANNEL, &never_followed)
        .is_empty());

    // The simulator page tells the sandbox what the friend saw and tapped: LINE's
    // impressions and clicks of the campaign's aggregation unit.
    let post = |path: String, body: Value| {
        let http = http.clone();
        let url = driver.api(&path);
        async move { http.post(url).json(&body).send().await.unwrap() }
    };
    let viewed: Value = post(format!("/friends/{follower}/view"), json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert!(viewed["viewed"].as_u64().unwrap() >= 1, "{viewed}");
    let tap = json!({ "url": "https://example.com/coupon" });
    assert_eq!(
        post(format!("/friends/{follower}/tap"), tap).await.status(),
        200
    );
    let elsewhere = json!({ "url": "https://example.com/never-sent" });
    assert_eq!(
        post(format!("/friends/{follower}/tap"), elsewhere)
            .await
            .status(),
        404,
        "only a URL of a counted message is a click"
    );
}

#[tokio::test]
async fn a_platform_operator_creates_a_second_organization_with_the_admin_command() {
    let stack = start(None).await;
    let target = otodoke_admin::Target::Local {
        url: stack.urls().gateway.clone(),
        token: stack.dev_token().to_owned(),
    };
    let new = otodoke_fn_admin_api::bootstrap::NewOrganization {
        id: "second".into(),
        name: "二号社".into(),
        owner_email: "owner@second.example".into(),
        owner_name: "佐藤".into(),
    };
    let created = otodoke_admin::create(&target, &new, None).await.unwrap();
    assert_eq!(created.organization, "second");
    use otodoke_core::ports::OrganizationStore;
    let org = OrgId::new("second").unwrap();
    let stored = stack.embedded().orgs.organization(&org).await.unwrap();
    assert_eq!(stored.unwrap().name, "二号社");
    let owner = otodoke_core::StaffId::new(&created.owner_staff_id).unwrap();
    let owner = stack
        .embedded()
        .orgs
        .staff(&org, &owner)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(owner.role, otodoke_core::organization::Role::Owner);
    // The same id again, or a wrong token, is refused.
    let again = otodoke_admin::create(&target, &new, None).await;
    assert!(matches!(
        again,
        Err(otodoke_admin::AdminError::Local { status: 409, .. })
    ));
    let forged = otodoke_admin::Target::Local {
        url: stack.urls().gateway.clone(),
        token: "not-the-token".into(),
    };
    let refused = otodoke_admin::create(&forged, &new, None).await;
    assert!(matches!(
        refused,
        Err(otodoke_admin::AdminError::Local { status: 401, .. })
    ));
    stack.shutdown().await.unwrap();
}

#[tokio::test]
async fn an_image_a_simulator_friend_sends_is_kept_and_served_by_the_gateway_after_line_expired_it()
{
    use otodoke_core::ports::{ConversationStore, QueueSender};
    let stack = start(None).await;
    let driver = Driver::new(&stack);
    let user = driver.create_friend("写真さん").await;
    driver.act(&user, json!({"type": "follow"})).await;
    driver
        .act(&user, json!({"type": "media", "kind": "image"}))
        .await;
    let friend = FriendKey {
        org: OrgId::new(ORG).unwrap(),
        provider: ProviderId::new(PROVIDER).unwrap(),
        user_id: LineUserId::parse(&user).unwrap(),
    };
    let history = stack
        .embedded()
        .conversations
        .history(&friend, otodoke_core::PageRequest::first(20))
        .await
        .unwrap();
    let entry = history
        .items
        .iter()
        .find(|e| e.payload["type"] == "image")
        .expect("ingest recorded the image message");
    // The responder enqueues this job once wired; here the test does.
    let job = otodoke_media::job_for(entry).expect("an image gets a media job");
    stack
        .media_queue()
        .send(&[otodoke_media::job_message(&job)])
        .await
        .unwrap();
    let mut kept = None;
    for _ in 0..200 {
        let page = stack
            .embedded()
            .conversations
            .history(&friend, otodoke_core::PageRequest::first(20))
            .await
            .unwrap();
        kept = page
            .items
            .into_iter()
            .find(|e| e.id == entry.id)
            .and_then(|e| e.media);
        if kept.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let kept = kept.expect("the media worker kept the image within 5 s");
    assert_eq!(kept.content_type, "image/png");

    // Two weeks on, LINE has deleted its copy; the history still links ours.
    stack
        .sandbox()
        .clock()
        .advance(Duration::from_secs(15 * 24 * 3600));
    let http = reqwest::Client::new();
    let history: Value = http
        .get(format!(
            "{}/friends/{PROVIDER}/{user}/history",
            stack.urls().admin
        ))
        .bearer_auth(stack.dev_token())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let item = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == entry.id.as_str())
        .unwrap();
    let url = item["media_url"].as_str().unwrap();
    let served = http.get(url).send().await.unwrap();
    assert_eq!(served.status(), 200, "{url}");
    assert_eq!(served.headers()["content-type"], "image/png");
    let bytes = served.bytes().await.unwrap();
    assert_eq!(
        bytes.as_ref(),
        otodoke_line_sandbox::generated_png(entry.line_message_id.as_deref().unwrap())
    );
    let forged = http
        .get(url.replace("sig=", "sig=00"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403, "a tampered link is refused");
}

/// A rich menu set up through the LINE client against the stack's sandbox: a
/// postback area (left) and a richmenuswitch area (right) to a second menu aliased
/// `tab-b`; the first is the default. Returns (first, second) menu ids.
async fn rich_menus(stack: &RunningStack) -> (String, String) {
    use otodoke_line::{
        Action, ClientConfig, LineClient, RichMenu, RichMenuArea, RichMenuBounds, RichMenuSize,
    };
    let channel = &stack.sandbox().channels()[0];
    let client = LineClient::new(
        ClientConfig::new(channel.token()).with_base_url(stack.sandbox().base_url()),
    )
    .unwrap();
    let size = RichMenuSize {
        width: 2500,
        height: 843,
    };
    let half = |x, action| RichMenuArea {
        bounds: RichMenuBounds {
            x,
            y: 0,
            width: 1250,
            height: 843,
        },
        action,
    };
    let menu = |areas| RichMenu {
        size,
        selected: true,
        name: "tabs".into(),
        chat_bar_text: "メニュー".into(),
        areas,
    };
    let png = otodoke_line_sandbox::generated_rich_menu_png(2500, 843);
    let second = client.create_rich_menu(&menu(vec![])).await.unwrap().value;
    client
        .upload_rich_menu_image(&second.rich_menu_id, png.clone(), Some(size))
        .await
        .unwrap();
    client
        .create_rich_menu_alias("tab-b", &second.rich_menu_id)
        .await
        .unwrap();
    let postback = Action::Postback {
        label: Some("クーポン".into()),
        data: "menu=coupon".into(),
        display_text: Some("クーポンを見る".into()),
        input_option: None,
        fill_in_text: None,
    };
    let first = client
        .create_rich_menu(&menu(vec![
            half(0, postback),
            half(1250, Action::rich_menu_switch("B", "tab-b", "tab=b")),
        ]))
        .await
        .unwrap()
        .value;
    client
        .upload_rich_menu_image(&first.rich_menu_id, png, Some(size))
        .await
        .unwrap();
    client
        .set_default_rich_menu(&first.rich_menu_id)
        .await
        .unwrap();
    (first.rich_menu_id, second.rich_menu_id)
}

impl Driver<'_> {
    async fn tap(&self, user: &str, area: usize) -> Value {
        let response = self
            .http
            .post(self.api(&format!("/friends/{user}/richmenu/tap")))
            .json(&json!({ "area": area }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["kind"], "webhook", "{body}");
        assert_eq!(
            body["outcome"]["status"], 200,
            "the gateway took it: {body}"
        );
        body
    }

    async fn menu_of(&self, user: &str) -> Value {
        let response = self
            .http
            .get(self.api(&format!("/friends/{user}/richmenu")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }
}

/// The postback data the stack recorded in `user`'s history, once there.
async fn recorded_postback(stack: &RunningStack, user: &str, data: &str) {
    use otodoke_core::ports::ConversationStore;
    let friend = FriendKey {
        org: OrgId::new(ORG).unwrap(),
        provider: ProviderId::new(PROVIDER).unwrap(),
        user_id: LineUserId::parse(user).unwrap(),
    };
    for _ in 0..200 {
        let history = stack
            .embedded()
            .conversations
            .history(&friend, otodoke_core::PageRequest::first(50))
            .await
            .unwrap();
        if history.items.iter().any(|e| e.payload["postback"] == data) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("no postback {data:?} in the history within 5 s");
}

#[tokio::test]
async fn a_tap_on_a_rich_menu_postback_area_reaches_the_stack_as_a_postback_event() {
    let stack = start(None).await;
    let (first, _) = rich_menus(&stack).await;
    let driver = Driver::new(&stack);
    let user = driver.create_friend("メニューさん").await;
    driver.act(&user, json!({ "type": "follow" })).await;
    let menu = driver.menu_of(&user).await;
    assert_eq!(menu["richMenuId"], first.as_str());
    assert_eq!(menu["chatBarText"], "メニュー");
    let image = reqwest::get(format!(
        "{}{}",
        stack.urls().gateway,
        menu["imageUrl"].as_str().unwrap()
    ))
    .await
    .unwrap();
    assert_eq!(image.headers()["content-type"], "image/png");

    let tapped = driver.tap(&user, 0).await;
    assert_eq!(
        tapped["outcome"]["event"]["postback"],
        json!({"data": "menu=coupon"})
    );
    recorded_postback(&stack, &user, "menu=coupon").await;
}

#[tokio::test]
async fn a_richmenuswitch_tap_switches_the_friends_menu_and_sends_lines_postback() {
    let stack = start(None).await;
    let (_, second) = rich_menus(&stack).await;
    let driver = Driver::new(&stack);
    let user = driver.create_friend("タブさん").await;
    driver.act(&user, json!({ "type": "follow" })).await;

    let tapped = driver.tap(&user, 1).await;
    assert_eq!(
        tapped["outcome"]["event"]["postback"],
        json!({"data": "tab=b", "params": {"newRichMenuAliasId": "tab-b", "status": "SUCCESS"}})
    );
    assert_eq!(driver.menu_of(&user).await["richMenuId"], second.as_str());
    recorded_postback(&stack, &user, "tab=b").await;
}

#[tokio::test]
async fn a_tracked_link_redirects_through_the_gateway_and_counts_the_click() {
    use otodoke_core::link::{track, LinkSource, Tracking};
    use otodoke_core::ports::LinkStore;
    let stack = start(None).await;
    let org = OrgId::new(ORG).unwrap();
    let source = LinkSource::Automation {
        automation: otodoke_core::AutomationId::new("welcome").unwrap(),
    };
    let mut messages = vec![json!({"type": "text", "text": "sale: https://shop.example/sale"})];
    let tracking = Tracking {
        base: &stack.urls().gateway,
        org: &org,
        source: &source,
        friend: None,
        now: FRIDAY_NOON.parse().unwrap(),
    };
    let link = track(&mut messages, &tracking).remove(0);
    stack.embedded().links.register(&link).await.unwrap();
    let url = messages[0]["text"]
        .as_str()
        .unwrap()
        .strip_prefix("sale: ")
        .unwrap()
        .to_owned();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["location"], "https://shop.example/sale");
    let unknown = format!("{}/r/{ORG}/00000000000000000000", stack.urls().gateway);
    assert_eq!(http.get(&unknown).send().await.unwrap().status(), 404);
    let stats = stack
        .embedded()
        .links
        .link(&org, &link.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stats.clicks, 1);
}
