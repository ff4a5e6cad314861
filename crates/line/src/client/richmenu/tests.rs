//! The rich-menu methods against the scripted server of the client's tests: the
//! paths, hosts, bodies and content types LINE documents, what is checked before
//! sending, and which calls are retried.

use serde_json::{json, Value};

use super::*;
use crate::client::tests::{answer, FakeLine};
use crate::client::{ErrorDetail, LineError};

fn menu() -> RichMenu {
    RichMenu {
        size: RichMenuSize {
            width: 2500,
            height: 843,
        },
        selected: false,
        name: "tabs".into(),
        chat_bar_text: "メニュー".into(),
        areas: vec![
            RichMenuArea {
                bounds: RichMenuBounds {
                    x: 0,
                    y: 0,
                    width: 1250,
                    height: 843,
                },
                action: Action::postback("coupon", "menu=coupon"),
            },
            RichMenuArea {
                bounds: RichMenuBounds {
                    x: 1250,
                    y: 0,
                    width: 1250,
                    height: 843,
                },
                action: Action::rich_menu_switch("tab b", "tab-b", "switched=b"),
            },
        ],
    }
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&width.to_be_bytes());
    png.extend_from_slice(&height.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png
}

fn body(recorded: &crate::client::tests::Recorded) -> Value {
    serde_json::from_slice(&recorded.body).unwrap()
}

#[test]
fn a_menu_serializes_with_lines_field_names_and_round_trips() {
    let value = serde_json::to_value(menu()).unwrap();
    assert_eq!(
        value,
        json!({
            "size": {"width": 2500, "height": 843},
            "selected": false,
            "name": "tabs",
            "chatBarText": "メニュー",
            "areas": [
                {"bounds": {"x": 0, "y": 0, "width": 1250, "height": 843},
                 "action": {"type": "postback", "label": "coupon", "data": "menu=coupon"}},
                {"bounds": {"x": 1250, "y": 0, "width": 1250, "height": 843},
                 "action": {"type": "richmenuswitch", "label": "tab b",
                            "richMenuAliasId": "tab-b", "data": "switched=b"}},
            ],
        })
    );
    let mut response = value.clone();
    response["richMenuId"] = json!("richmenu-1");
    let parsed: RichMenuResponse = serde_json::from_value(response).unwrap();
    assert_eq!(parsed.rich_menu_id, "richmenu-1");
    assert_eq!(parsed.menu, menu());
}

#[test]
fn batch_operations_and_progress_use_lines_tags() {
    let ops = [
        RichMenuBatchOperation::Link {
            from: "a".into(),
            to: "b".into(),
        },
        RichMenuBatchOperation::Unlink { from: "a".into() },
        RichMenuBatchOperation::UnlinkAll,
    ];
    assert_eq!(
        serde_json::to_value(ops).unwrap(),
        json!([
            {"type": "link", "from": "a", "to": "b"},
            {"type": "unlink", "from": "a"},
            {"type": "unlinkAll"},
        ])
    );
    let progress: RichMenuBatchProgress = serde_json::from_value(json!({
        "phase": "succeeded",
        "acceptedTime": "2023-06-08T10:15:30.121Z",
        "completedTime": "2023-06-08T10:15:31.000Z",
    }))
    .unwrap();
    assert_eq!(progress.phase, RichMenuBatchPhase::Succeeded);
    assert!(progress.completed_time.is_some());
}

#[test]
fn the_menu_check_covers_size_texts_areas_and_switch_aliases() {
    assert_eq!(check_rich_menu(&menu()), Ok(()));
    let mut m = menu();
    m.size.height = 2000;
    assert!(matches!(
        check_rich_menu(&m),
        Err(RichMenuRule::AspectRatio { .. })
    ));
    let mut m = menu();
    m.chat_bar_text = "x".repeat(15);
    assert!(matches!(
        check_rich_menu(&m),
        Err(RichMenuRule::ChatBarTextLength { .. })
    ));
    let mut m = menu();
    m.areas[1].bounds.x = 1251;
    assert_eq!(
        check_rich_menu(&m),
        Err(RichMenuRule::AreaBounds { index: 1 })
    );
    let mut m = menu();
    m.areas = vec![m.areas[0].clone(); 21];
    assert_eq!(
        check_rich_menu(&m),
        Err(RichMenuRule::AreaCount { count: 21 })
    );
    let mut m = menu();
    m.areas[1].action = Action::rich_menu_switch("b", "tab b", "d");
    assert!(matches!(
        check_rich_menu(&m),
        Err(RichMenuRule::AliasId { .. })
    ));
}

#[tokio::test]
async fn create_posts_the_menu_once_and_returns_its_id() {
    let line = FakeLine::start(vec![answer(503, ""), answer(200, "{}")]).await;
    let error = line.client().create_rich_menu(&menu()).await.unwrap_err();
    assert!(matches!(error, LineError::Server { status: 503, .. }));
    let seen = line.seen();
    assert_eq!(seen.len(), 1, "creating is never retried");
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path_and_query, "/v2/bot/richmenu");
    assert_eq!(seen[0].headers["content-type"], "application/json");
    assert_eq!(body(&seen[0])["chatBarText"], "メニュー");

    let line = FakeLine::start(vec![answer(200, r#"{"richMenuId":"richmenu-9"}"#)]).await;
    let created = line.client().create_rich_menu(&menu()).await.unwrap();
    assert_eq!(created.value.rich_menu_id, "richmenu-9");
    assert_eq!(created.request_id.as_deref(), Some("req-200"));
}

#[tokio::test]
async fn a_menu_breaking_lines_rules_is_refused_before_any_request() {
    let line = FakeLine::start(vec![]).await;
    let mut m = menu();
    m.size.width = 700;
    let error = line.client().create_rich_menu(&m).await.unwrap_err();
    assert!(matches!(
        error,
        LineError::Validation(ValidationError::RichMenu(RichMenuRule::Size { .. }))
    ));
    let users: Vec<String> = (0..501).map(|i| format!("U{i:032x}")).collect();
    let error = line
        .client()
        .bulk_link_rich_menu("richmenu-1", &users)
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        LineError::Validation(ValidationError::RichMenu(RichMenuRule::BulkUserCount {
            count: 501
        }))
    ));
    let error = line
        .client()
        .create_rich_menu_alias("タブ", "richmenu-1")
        .await
        .unwrap_err();
    assert!(matches!(error, LineError::Validation(_)));
    assert!(line.seen().is_empty());
}

#[tokio::test]
async fn lines_400_keeps_its_message_and_details_for_the_caller() {
    let line = FakeLine::start(vec![answer(
        400,
        r#"{"message":"The request body has 1 error(s)","details":[{"message":"must be specified","property":"areas[0].action"}]}"#,
    )])
    .await;
    let error = line.client().validate_rich_menu(&menu()).await.unwrap_err();
    let (message, details) = error.rejection().expect("a 400 from LINE");
    assert_eq!(message, "The request body has 1 error(s)");
    assert_eq!(
        details,
        [ErrorDetail {
            message: Some("must be specified".into()),
            property: Some("areas[0].action".into()),
        }]
    );
    assert_eq!(line.seen()[0].path_and_query, "/v2/bot/richmenu/validate");
}

#[tokio::test]
async fn the_image_goes_to_the_data_host_with_its_own_content_type_once() {
    let api = FakeLine::start(vec![]).await;
    let data = FakeLine::start(vec![answer(500, ""), answer(200, "{}")]).await;
    let config = crate::client::ClientConfig::new("test-token")
        .with_base_url(api.base_url())
        .with_data_base_url(data.base_url());
    let client = LineClient::new(config).unwrap();
    let error = client
        .upload_rich_menu_image("richmenu-1", png(2500, 843), Some(menu().size))
        .await
        .unwrap_err();
    assert!(matches!(error, LineError::Server { status: 500, .. }));
    let seen = data.seen();
    assert_eq!(seen.len(), 1, "an upload is never retried");
    assert_eq!(
        seen[0].path_and_query,
        "/v2/bot/richmenu/richmenu-1/content"
    );
    assert_eq!(seen[0].headers["content-type"], "image/png");
    assert_eq!(&seen[0].body[..], &png(2500, 843)[..]);
    assert!(api.seen().is_empty());

    let error = client
        .upload_rich_menu_image("richmenu-1", png(2500, 1686), Some(menu().size))
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        LineError::Validation(ValidationError::RichMenu(
            RichMenuRule::ImageDimensions { .. }
        ))
    ));
    let error = client
        .upload_rich_menu_image("richmenu-1", b"GIF89a".to_vec(), None)
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        LineError::Validation(ValidationError::RichMenu(RichMenuRule::ImageFormat))
    ));
}

#[tokio::test]
async fn the_image_is_downloaded_from_the_data_host() {
    let data = FakeLine::start(vec![crate::client::tests::Step::Answer {
        status: 200,
        headers: vec![("content-type", "image/png".into())],
        body: "png-bytes".into(),
    }])
    .await;
    let config = crate::client::ClientConfig::new("t").with_base_url(data.base_url());
    let image = LineClient::new(config)
        .unwrap()
        .download_rich_menu_image("richmenu-1")
        .await
        .unwrap();
    assert_eq!(image.value.content_type, "image/png");
    assert_eq!(&image.value.body[..], b"png-bytes");
    assert_eq!(data.seen()[0].method, "GET");
}

#[tokio::test]
async fn every_method_uses_lines_path_and_method() {
    let line = FakeLine::start(vec![
        answer(200, &json!({"richMenuId": "r", "size": {"width": 2500, "height": 843}, "selected": false, "name": "n", "chatBarText": "c", "areas": []}).to_string()),
        answer(200, r#"{"richmenus":[]}"#),
        answer(200, "{}"),
        answer(200, "{}"),
        answer(200, r#"{"richMenuId":"r"}"#),
        answer(200, "{}"),
        answer(200, "{}"),
        answer(200, "{}"),
        answer(200, r#"{"richMenuId":"r"}"#),
        answer(202, "{}"),
        answer(202, "{}"),
        answer(202, "{}"),
        answer(200, r#"{"phase":"ongoing","acceptedTime":"2023-07-04T10:15:30.121Z"}"#),
        answer(200, "{}"),
        answer(200, "{}"),
        answer(200, "{}"),
        answer(200, "{}"),
        answer(200, r#"{"richMenuAliasId":"tab-a","richMenuId":"r"}"#),
        answer(200, r#"{"aliases":[{"richMenuAliasId":"tab-a","richMenuId":"r"}]}"#),
    ])
    .await;
    let c = line.client();
    let user = "U4af4980629b6e1f2a4b7f8a2d3e6c5b1";
    assert_eq!(c.rich_menu("r").await.unwrap().value.rich_menu_id, "r");
    assert!(c.rich_menus().await.unwrap().value.is_empty());
    c.delete_rich_menu("r").await.unwrap();
    c.set_default_rich_menu("r").await.unwrap();
    assert_eq!(c.default_rich_menu().await.unwrap().value.rich_menu_id, "r");
    c.cancel_default_rich_menu().await.unwrap();
    c.link_rich_menu(user, "r").await.unwrap();
    c.unlink_rich_menu(user).await.unwrap();
    assert_eq!(
        c.user_rich_menu(user).await.unwrap().value.rich_menu_id,
        "r"
    );
    c.bulk_link_rich_menu("r", &[user]).await.unwrap();
    c.bulk_unlink_rich_menus(&[user]).await.unwrap();
    let ops = [RichMenuBatchOperation::Unlink { from: "r".into() }];
    c.rich_menu_batch(&ops, Some("resume-1")).await.unwrap();
    let progress = c.rich_menu_batch_progress("req-9").await.unwrap();
    assert_eq!(progress.value.phase, RichMenuBatchPhase::Ongoing);
    c.validate_rich_menu_batch(&ops, None).await.unwrap();
    c.create_rich_menu_alias("tab-a", "r").await.unwrap();
    c.update_rich_menu_alias("tab-a", "r2").await.unwrap();
    c.delete_rich_menu_alias("tab-a").await.unwrap();
    assert_eq!(
        c.rich_menu_alias("tab-a").await.unwrap().value.rich_menu_id,
        "r"
    );
    assert_eq!(c.rich_menu_aliases().await.unwrap().value.len(), 1);

    let seen: Vec<(String, String)> = line
        .seen()
        .into_iter()
        .map(|r| (r.method, r.path_and_query))
        .collect();
    let expected = [
        ("GET", "/v2/bot/richmenu/r"),
        ("GET", "/v2/bot/richmenu/list"),
        ("DELETE", "/v2/bot/richmenu/r"),
        ("POST", "/v2/bot/user/all/richmenu/r"),
        ("GET", "/v2/bot/user/all/richmenu"),
        ("DELETE", "/v2/bot/user/all/richmenu"),
        ("POST", &format!("/v2/bot/user/{user}/richmenu/r")),
        ("DELETE", &format!("/v2/bot/user/{user}/richmenu")),
        ("GET", &format!("/v2/bot/user/{user}/richmenu")),
        ("POST", "/v2/bot/richmenu/bulk/link"),
        ("POST", "/v2/bot/richmenu/bulk/unlink"),
        ("POST", "/v2/bot/richmenu/batch"),
        ("GET", "/v2/bot/richmenu/progress/batch?requestId=req-9"),
        ("POST", "/v2/bot/richmenu/validate/batch"),
        ("POST", "/v2/bot/richmenu/alias"),
        ("POST", "/v2/bot/richmenu/alias/tab-a"),
        ("DELETE", "/v2/bot/richmenu/alias/tab-a"),
        ("GET", "/v2/bot/richmenu/alias/tab-a"),
        ("GET", "/v2/bot/richmenu/alias/list"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(seen, expected);

    let bodies = line.seen();
    assert_eq!(
        body(&bodies[9]),
        json!({"richMenuId": "r", "userIds": [user]})
    );
    assert_eq!(body(&bodies[10]), json!({"userIds": [user]}));
    assert_eq!(
        body(&bodies[11]),
        json!({"operations": [{"type": "unlink", "from": "r"}], "resumeRequestKey": "resume-1"})
    );
    assert_eq!(
        body(&bodies[14]),
        json!({"richMenuAliasId": "tab-a", "richMenuId": "r"})
    );
    assert_eq!(body(&bodies[15]), json!({"richMenuId": "r2"}));
}

#[tokio::test]
async fn links_and_reads_are_retried_but_a_batch_is_not() {
    let line = FakeLine::start(vec![answer(500, ""), answer(200, "{}")]).await;
    line.client()
        .link_rich_menu("U4af4980629b6e1f2a4b7f8a2d3e6c5b1", "r")
        .await
        .unwrap();
    assert_eq!(line.seen().len(), 2);

    let line = FakeLine::start(vec![answer(429, "{}"), answer(202, "{}")]).await;
    let ops = [RichMenuBatchOperation::UnlinkAll];
    let error = line.client().rich_menu_batch(&ops, None).await.unwrap_err();
    assert!(matches!(error, LineError::RateLimited { .. }));
    assert_eq!(line.seen().len(), 1);
}
