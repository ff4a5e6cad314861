use serde_json::json;

use super::*;

#[test]
fn text_with_emojis_sender_and_quick_reply_serializes_with_lines_field_names() {
    let message = Message::text_with_emojis(
        "$ welcome",
        vec![Emoji {
            index: 0,
            product_id: "5ac1bfd5040ab15980c9b435".into(),
            emoji_id: "001".into(),
        }],
    )
    .with_sender(Sender::new("Aiko").with_icon_url("https://example.com/a.png"))
    .with_quick_reply(QuickReply::new(vec![Action::message("Menu", "menu")]));

    assert_eq!(
        serde_json::to_value(&message).unwrap(),
        json!({
            "type": "text",
            "text": "$ welcome",
            "emojis": [{"index": 0, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"}],
            "quickReply": {"items": [{"type": "action", "action": {"type": "message", "label": "Menu", "text": "menu"}}]},
            "sender": {"name": "Aiko", "iconUrl": "https://example.com/a.png"}
        })
    );
}

#[test]
fn every_message_type_serializes_with_its_type_tag_and_round_trips() {
    let messages = vec![
        (
            Message::sticker("446", "1988"),
            json!({"type": "sticker", "packageId": "446", "stickerId": "1988"}),
        ),
        (
            Message::image("https://e.com/o.jpg", "https://e.com/p.jpg"),
            json!({"type": "image", "originalContentUrl": "https://e.com/o.jpg", "previewImageUrl": "https://e.com/p.jpg"}),
        ),
        (
            Message::video("https://e.com/v.mp4", "https://e.com/p.jpg"),
            json!({"type": "video", "originalContentUrl": "https://e.com/v.mp4", "previewImageUrl": "https://e.com/p.jpg"}),
        ),
        (
            Message::audio("https://e.com/a.m4a", 60000),
            json!({"type": "audio", "originalContentUrl": "https://e.com/a.m4a", "duration": 60000}),
        ),
        (
            Message::location("Shop", "1-1 Shibuya", 35.65, 139.7),
            json!({"type": "location", "title": "Shop", "address": "1-1 Shibuya", "latitude": 35.65, "longitude": 139.7}),
        ),
        (
            Message::flex(
                "Menu",
                json!({"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": []}}),
            ),
            json!({"type": "flex", "altText": "Menu", "contents": {"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": []}}}),
        ),
    ];
    for (message, expected) in messages {
        assert_eq!(serde_json::to_value(&message).unwrap(), expected);
        let back: Message = serde_json::from_value(expected).unwrap();
        assert_eq!(back, message);
    }
}

#[test]
fn templates_and_actions_serialize_as_line_documents_them() {
    let buttons = Message::template(
        "Choose",
        Template::buttons(
            "Which day?",
            vec![
                Action::postback("Mon", "day=mon"),
                Action::uri("Site", "https://example.com"),
                Action::datetime_picker("Pick", "pick", DatetimePickerMode::Datetime),
            ],
        ),
    );
    assert_eq!(
        serde_json::to_value(&buttons).unwrap(),
        json!({"type": "template", "altText": "Choose", "template": {"type": "buttons", "text": "Which day?", "actions": [
            {"type": "postback", "label": "Mon", "data": "day=mon"},
            {"type": "uri", "label": "Site", "uri": "https://example.com"},
            {"type": "datetimepicker", "label": "Pick", "data": "pick", "mode": "datetime"}
        ]}})
    );

    let confirm = Template::confirm(
        "Sure?",
        Action::message("Yes", "yes"),
        Action::message("No", "no"),
    );
    assert_eq!(
        serde_json::to_value(&confirm).unwrap(),
        json!({"type": "confirm", "text": "Sure?", "actions": [
            {"type": "message", "label": "Yes", "text": "yes"}, {"type": "message", "label": "No", "text": "no"}]})
    );

    let carousel = Template::carousel(vec![CarouselColumn::new(
        "A",
        vec![Action::postback("a", "a")],
    )]);
    assert_eq!(
        serde_json::to_value(&carousel).unwrap(),
        json!({"type": "carousel", "columns": [{"text": "A", "actions": [{"type": "postback", "label": "a", "data": "a"}]}]})
    );
}

#[test]
fn quick_reply_item_deserializes_from_lines_shape() {
    let item: QuickReplyItem = serde_json::from_value(json!({
        "type": "action", "imageUrl": "https://e.com/i.png", "action": {"type": "cameraRoll", "label": "Photo"}
    }))
    .unwrap();
    assert_eq!(item.image_url.as_deref(), Some("https://e.com/i.png"));
    assert_eq!(
        item.action,
        Action::CameraRoll {
            label: "Photo".into()
        }
    );
}

#[test]
fn request_must_hold_one_to_five_messages() {
    assert_eq!(
        validate_messages(&[]),
        Err(ValidationError::MessageCount { count: 0 })
    );
    let five = vec![Message::text("hi"); 5];
    assert_eq!(validate_messages(&five), Ok(()));
    let six = vec![Message::text("hi"); 6];
    assert_eq!(
        validate_messages(&six),
        Err(ValidationError::MessageCount { count: 6 })
    );
}

#[test]
fn text_limit_is_5000_utf16_units() {
    assert_eq!(Message::text("a".repeat(5000)).validate(), Ok(()));
    assert_eq!(
        Message::text("a".repeat(5001)).validate(),
        Err(ValidationError::TextTooLong {
            index: 0,
            length: 5001
        })
    );
    // Japanese text is one unit per character: 5,000 of them pass although 15,000 bytes.
    assert_eq!(Message::text("あ".repeat(5000)).validate(), Ok(()));
    // An astral-plane emoji is two UTF-16 units.
    assert_eq!(
        Message::text("😀".repeat(2501)).validate(),
        Err(ValidationError::TextTooLong {
            index: 0,
            length: 5002
        })
    );
    assert_eq!(
        Message::text("").validate(),
        Err(ValidationError::EmptyText { index: 0 })
    );
}

#[test]
fn offending_message_is_named_by_its_index() {
    let messages = vec![Message::text("ok"), Message::text("a".repeat(5001))];
    assert_eq!(
        validate_messages(&messages),
        Err(ValidationError::TextTooLong {
            index: 1,
            length: 5001
        })
    );
}

#[test]
fn sender_name_is_at_most_20_units_and_never_says_line() {
    let named = |name: &str| Message::text("hi").with_sender(Sender::new(name));
    assert_eq!(named(&"a".repeat(20)).validate(), Ok(()));
    assert_eq!(
        named(&"a".repeat(21)).validate(),
        Err(ValidationError::SenderNameTooLong {
            index: 0,
            length: 21
        })
    );
    assert_eq!(
        named("LINE staff").validate(),
        Err(ValidationError::SenderNameContainsLine { index: 0 })
    );
    assert_eq!(named("Caroline").validate(), Ok(()));
}

#[test]
fn sender_icon_must_be_https() {
    let with_icon =
        |url: &str| Message::text("hi").with_sender(Sender::new("Aiko").with_icon_url(url));
    assert_eq!(with_icon("https://e.com/a.png").validate(), Ok(()));
    assert_eq!(with_icon("HTTPS://e.com/a.png").validate(), Ok(()));
    assert_eq!(
        with_icon("http://e.com/a.png").validate(),
        Err(ValidationError::SenderIconNotHttps { index: 0 })
    );
}

#[test]
fn alt_text_of_template_and_flex_is_at_most_400_units() {
    let template = |alt: String| {
        Message::template(alt, Template::buttons("t", vec![Action::message("a", "a")]))
    };
    assert_eq!(template("a".repeat(400)).validate(), Ok(()));
    assert_eq!(
        template("a".repeat(401)).validate(),
        Err(ValidationError::AltTextTooLong {
            index: 0,
            length: 401
        })
    );
    assert_eq!(
        Message::flex("a".repeat(401), json!({})).validate(),
        Err(ValidationError::AltTextTooLong {
            index: 0,
            length: 401
        })
    );
}

#[test]
fn quick_reply_holds_at_most_13_items() {
    let with_items = |n: usize| {
        Message::text("hi").with_quick_reply(QuickReply::new(vec![Action::message("a", "a"); n]))
    };
    assert_eq!(with_items(13).validate(), Ok(()));
    assert_eq!(
        with_items(14).validate(),
        Err(ValidationError::TooManyQuickReplyItems {
            index: 0,
            count: 14
        })
    );
}

#[test]
fn loading_seconds_are_5_to_60_in_steps_of_5() {
    for ok in [5, 10, 55, 60] {
        assert_eq!(validate::loading_seconds(ok), Ok(()));
    }
    for bad in [0, 4, 7, 65] {
        assert_eq!(
            validate::loading_seconds(bad),
            Err(ValidationError::LoadingSeconds { seconds: bad })
        );
    }
}

#[test]
fn multicast_takes_1_to_500_recipients() {
    assert_eq!(validate::multicast_recipients(1), Ok(()));
    assert_eq!(validate::multicast_recipients(500), Ok(()));
    assert_eq!(
        validate::multicast_recipients(0),
        Err(ValidationError::RecipientCount { count: 0 })
    );
    assert_eq!(
        validate::multicast_recipients(501),
        Err(ValidationError::RecipientCount { count: 501 })
    );
}
