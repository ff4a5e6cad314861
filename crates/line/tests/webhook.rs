//! The webhook model against fixtures written from LINE's documented event shapes:
//! each is signed as LINE would sign it, then verified and parsed.

use std::path::PathBuf;

use otodoke_line::signature::{self, SignatureError};
use otodoke_line::webhook::*;

const SECRET: &[u8] = b"8c570fa6dd201bb328f1c1eac23a96d8";
const USER: &str = "U4af4980629a4b1b4ab7c3c2d13e6a5a3";

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/webhook/{name}.json"))
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// Signs and parses a fixture, as the webhook function would receive it.
fn parse(name: &str) -> WebhookBody {
    let body = fixture(name);
    let signature = signature::sign(SECRET, &body);
    parse_webhook(SECRET, &body, Some(&signature)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn only_event(name: &str) -> Event {
    let mut body = parse(name);
    assert_eq!(body.events.len(), 1, "fixture {name}");
    body.events.remove(0)
}

#[test]
fn common_fields_of_an_event_are_parsed() {
    let body = parse("follow");
    assert_eq!(body.destination, "U8e742f61d673b39c7fff3cecb7536ef0");
    let event = &body.events[0];
    assert_eq!(event.mode, Mode::Active);
    assert_eq!(event.timestamp, 1462629479859);
    assert_eq!(
        event.source,
        Some(Source::User {
            user_id: USER.into()
        })
    );
    assert_eq!(event.webhook_event_id, "01FZ74A0TDDPYRVKNK77XKC3ZR");
    assert!(!event.is_redelivery());
    assert_eq!(
        event.reply_token.as_deref(),
        Some("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA")
    );
}

#[test]
fn text_message_keeps_emojis_mentions_and_group_source() {
    let event = only_event("message_text");
    assert_eq!(
        event.source,
        Some(Source::Group {
            group_id: "Ca56f94637c90d5f1da03ae3bd2a86cb6".into(),
            user_id: Some(USER.into())
        })
    );
    let EventKind::Message(ReceivedMessage::Text(text)) = event.kind else {
        panic!("expected a text message, got {:?}", event.kind)
    };
    assert_eq!(text.id, "444573844083572737");
    assert_eq!(text.text, "@All @example Good Morning!! (love)");
    assert_eq!(text.quote_token.as_deref(), Some("q3Plxr4AgKd..."));
    assert_eq!(text.emojis[0].product_id, "5ac1bfd5040ab15980c9b435");
    assert_eq!(text.emojis[0].length, 6);
    let mentionees = &text.mention.unwrap().mentionees;
    assert_eq!(mentionees[0].kind, "all");
    assert_eq!(mentionees[1].user_id.as_deref(), Some(USER));
    assert_eq!(mentionees[1].is_self, Some(false));
}

#[test]
fn text_message_names_the_message_it_quotes() {
    let EventKind::Message(ReceivedMessage::Text(text)) = only_event("message_text_quoting").kind
    else {
        panic!("expected a text message")
    };
    assert_eq!(
        text.quoted_message_id.as_deref(),
        Some("468789532432007169")
    );
}

#[test]
fn image_message_has_provider_and_image_set() {
    let EventKind::Message(ReceivedMessage::Image(image)) = only_event("message_image").kind else {
        panic!("expected an image message")
    };
    assert_eq!(image.content_provider.kind, "line");
    let set = image.image_set.unwrap();
    assert_eq!((set.index, set.total), (Some(1), Some(2)));
}

#[test]
fn video_message_has_duration_and_external_urls() {
    let EventKind::Message(ReceivedMessage::Video(video)) = only_event("message_video").kind else {
        panic!("expected a video message")
    };
    assert_eq!(video.duration, Some(60000));
    assert_eq!(video.content_provider.kind, "external");
    assert_eq!(
        video.content_provider.original_content_url.as_deref(),
        Some("https://example.com/original.mp4")
    );
}

#[test]
fn audio_file_and_location_messages_are_parsed() {
    let EventKind::Message(ReceivedMessage::Audio(audio)) = only_event("message_audio").kind else {
        panic!("expected an audio message")
    };
    assert_eq!(audio.duration, Some(60000));

    let EventKind::Message(ReceivedMessage::File(file)) = only_event("message_file").kind else {
        panic!("expected a file message")
    };
    assert_eq!(
        (file.file_name.as_str(), file.file_size),
        ("file.txt", 2138)
    );

    let EventKind::Message(ReceivedMessage::Location(location)) =
        only_event("message_location").kind
    else {
        panic!("expected a location message")
    };
    assert_eq!(location.title.as_deref(), Some("my location"));
    assert_eq!(
        (location.latitude, location.longitude),
        (35.67966, 139.73669)
    );
}

#[test]
fn sticker_message_has_resource_type_keywords_and_text() {
    let EventKind::Message(ReceivedMessage::Sticker(sticker)) = only_event("message_sticker").kind
    else {
        panic!("expected a sticker message")
    };
    assert_eq!(
        (sticker.package_id.as_str(), sticker.sticker_id.as_str()),
        ("446", "1988")
    );
    assert_eq!(sticker.sticker_resource_type, "ANIMATION");
    assert_eq!(sticker.keywords, ["klein", "clap", "cheers"]);
    assert_eq!(
        sticker.text.as_deref(),
        Some("Let's hang out this weekend!")
    );
}

#[test]
fn message_edited_carries_the_edited_text() {
    let EventKind::MessageEdited(ReceivedMessage::Text(text)) = only_event("message_edited").kind
    else {
        panic!("expected an edited text message")
    };
    assert_eq!(text.text, "Good Morning!! (edited)");
}

#[test]
fn follow_tells_a_new_friend_from_an_unblock() {
    assert_eq!(
        only_event("follow").kind,
        EventKind::Follow(Follow {
            is_unblocked: false
        })
    );
    assert_eq!(
        only_event("follow_unblocked").kind,
        EventKind::Follow(Follow { is_unblocked: true })
    );
}

#[test]
fn unfollow_and_leave_have_no_reply_token() {
    let unfollow = only_event("unfollow");
    assert_eq!(unfollow.kind, EventKind::Unfollow);
    assert_eq!(unfollow.reply_token, None);
    let leave = only_event("leave");
    assert_eq!(leave.kind, EventKind::Leave);
    assert_eq!(leave.reply_token, None);
    assert_eq!(
        leave.source,
        Some(Source::Room {
            room_id: "Ra8dbf4673c4c812cd491258042226c99".into(),
            user_id: None
        })
    );
}

#[test]
fn join_comes_from_a_group_without_a_user() {
    let join = only_event("join");
    assert_eq!(join.kind, EventKind::Join);
    assert_eq!(join.source.as_ref().and_then(Source::user_id), None);
}

#[test]
fn member_joined_and_left_list_the_members() {
    let EventKind::MemberJoined(joined) = only_event("member_joined").kind else {
        panic!("expected memberJoined")
    };
    assert_eq!(joined.members.len(), 2);
    assert_eq!(
        joined.members[0],
        Source::User {
            user_id: USER.into()
        }
    );
    let EventKind::MemberLeft(left) = only_event("member_left").kind else {
        panic!("expected memberLeft")
    };
    assert_eq!(
        left.members,
        [Source::User {
            user_id: USER.into()
        }]
    );
}

#[test]
fn postback_carries_data_and_picker_or_rich_menu_params() {
    let EventKind::Postback(postback) = only_event("postback").kind else {
        panic!("expected postback")
    };
    assert_eq!(postback.data, "storeId=12345");
    assert_eq!(
        postback.params.unwrap().datetime.as_deref(),
        Some("2017-12-25T01:00")
    );

    let EventKind::Postback(switch) = only_event("postback_richmenu_switch").kind else {
        panic!("expected postback")
    };
    let params = switch.params.unwrap();
    assert_eq!(
        params.new_rich_menu_alias_id.as_deref(),
        Some("richmenu-alias-b")
    );
    assert_eq!(params.status.as_deref(), Some("SUCCESS"));
}

#[test]
fn beacon_account_link_unsend_video_and_membership_payloads_are_parsed() {
    assert_eq!(
        only_event("beacon").kind,
        EventKind::Beacon(Beacon {
            hwid: "d41d8cd98f".into(),
            kind: "enter".into(),
            dm: Some("1234567890abcdef".into())
        })
    );
    assert_eq!(
        only_event("account_link").kind,
        EventKind::AccountLink(AccountLink {
            result: "ok".into(),
            nonce: "xxxxxxxxxxxxxxx".into()
        })
    );
    assert_eq!(
        only_event("unsend").kind,
        EventKind::Unsend(Unsend {
            message_id: "325708".into()
        })
    );
    assert_eq!(
        only_event("video_play_complete").kind,
        EventKind::VideoPlayComplete(VideoPlayComplete {
            tracking_id: "track-id".into()
        })
    );
    assert_eq!(
        only_event("membership").kind,
        EventKind::Membership(Membership {
            kind: "joined".into(),
            membership_id: 3189
        })
    );
}

#[test]
fn standby_event_has_standby_mode_and_no_reply_token() {
    let event = only_event("standby");
    assert_eq!(event.mode, Mode::Standby);
    assert_eq!(event.reply_token, None);
}

#[test]
fn redelivered_event_is_flagged_and_keeps_its_id() {
    let event = only_event("redelivered");
    assert!(event.is_redelivery());
    assert_eq!(event.webhook_event_id, "01FZ74A0TDDPYRVKNK77XKC3ZR");
    assert!(event.reply_token.is_some());
}

#[test]
fn unknown_event_among_known_ones_parses_and_keeps_its_raw_json() {
    let body = parse("unknown_event");
    let types: Vec<_> = body.events.iter().map(|e| e.kind.event_type()).collect();
    assert_eq!(types, ["message", "chatCoupon", "follow"]);
    let unknown = &body.events[1];
    assert_eq!(unknown.webhook_event_id, "01B");
    let EventKind::Unknown { event_type, raw } = &unknown.kind else {
        panic!("expected Unknown")
    };
    assert_eq!(event_type, "chatCoupon");
    let value: serde_json::Value = raw.parse().unwrap();
    assert_eq!(value["coupon"]["couponId"], "C1");
    // Kept verbatim: the text is a slice of the signed body.
    let body_text = String::from_utf8(fixture("unknown_event")).unwrap();
    assert!(body_text.contains(raw.as_str()));
}

#[test]
fn unknown_message_types_parse_even_when_their_fields_clash_with_known_ones() {
    let body = parse("unknown_message");
    let kinds: Vec<_> = body
        .events
        .iter()
        .map(|event| match &event.kind {
            EventKind::Message(ReceivedMessage::Unknown { message_type, raw }) => {
                assert!(raw.as_str().contains("\"id\""));
                message_type.as_str()
            }
            other => panic!("expected an unknown message, got {other:?}"),
        })
        .collect();
    // "hologram" has `duration: "forever"`, a string where video's is a number.
    assert_eq!(kinds, ["hologram", "smell"]);
}

#[test]
fn unknown_mode_and_source_type_do_not_fail() {
    let event = only_event("unknown_mode_and_source");
    assert_eq!(event.mode, Mode::Unknown);
    assert_eq!(
        event.source,
        Some(Source::Unknown {
            source_type: "square".into(),
            user_id: Some(USER.into())
        })
    );
}

#[test]
fn every_fixture_survives_a_serialize_parse_round_trip() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/webhook");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let parsed = parse(&name);
        let written = serde_json::to_vec(&parsed).unwrap();
        assert_eq!(parse_body(&written).unwrap(), parsed, "fixture {name}");
        // The serde path (used to store and queue events) agrees with the fast path.
        assert_eq!(
            serde_json::from_slice::<WebhookBody>(&written).unwrap(),
            parsed,
            "fixture {name}"
        );
        count += 1;
    }
    assert!(count >= 28, "only {count} fixtures found");
}

#[test]
fn escaped_unicode_in_a_signed_body_verifies_on_the_raw_bytes_and_decodes() {
    // LINE may send non-ASCII text escaped; re-serialising would change the bytes.
    let body = br#"{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[{"type":"message","message":{"type":"text","id":"1","quoteToken":"q","text":"\u3053\u3093\u306b\u3061\u306f \ud83d\ude00 \"quoted\""},"webhookEventId":"01E","deliveryContext":{"isRedelivery":false},"timestamp":1,"source":{"type":"user","userId":"U1"},"replyToken":"r","mode":"active"}]}"#;
    let signature = signature::sign(SECRET, body);
    let parsed = parse_webhook(SECRET, body, Some(&signature)).unwrap();
    let EventKind::Message(ReceivedMessage::Text(text)) = &parsed.events[0].kind else {
        panic!("expected text")
    };
    assert_eq!(text.text, "こんにちは 😀 \"quoted\"");
    // The same content re-serialised is other bytes, and the signature no longer fits.
    let reserialised = serde_json::to_vec(&parsed).unwrap();
    assert!(matches!(
        parse_webhook(SECRET, &reserialised, Some(&signature)),
        Err(WebhookError::Signature(SignatureError::Mismatch))
    ));
}

#[test]
fn pretty_printed_signed_json_verifies_and_parses() {
    // Fixtures are pretty-printed with non-ASCII as UTF-8; check a compact copy too.
    let pretty = fixture("message_text");
    assert!(pretty.contains(&b'\n'));
    let compact =
        serde_json::to_vec(&serde_json::from_slice::<serde_json::Value>(&pretty).unwrap()).unwrap();
    for body in [pretty, compact] {
        let signature = signature::sign(SECRET, &body);
        assert_eq!(
            parse_webhook(SECRET, &body, Some(&signature))
                .unwrap()
                .events
                .len(),
            1
        );
    }
}

#[test]
fn empty_events_from_the_verify_button_parse() {
    let body = br#"{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}"#;
    let parsed = parse_webhook(
        SECRET,
        body,
        Some("GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs="),
    )
    .unwrap();
    assert!(parsed.events.is_empty());
}

#[test]
fn bad_signature_is_told_apart_from_malformed_json() {
    let body = fixture("follow");
    let good = signature::sign(SECRET, &body);
    assert!(matches!(
        parse_webhook(SECRET, &body, None),
        Err(WebhookError::Signature(SignatureError::Missing))
    ));
    assert!(matches!(
        parse_webhook(b"other secret", &body, Some(&good)),
        Err(WebhookError::Signature(SignatureError::Mismatch))
    ));
    // A body that is not even JSON is refused on its signature first.
    assert!(matches!(
        parse_webhook(SECRET, b"{not json", Some(&good)),
        Err(WebhookError::Signature(SignatureError::Mismatch))
    ));
    let garbage = b"{not json";
    assert!(matches!(
        parse_webhook(SECRET, garbage, Some(&signature::sign(SECRET, garbage))),
        Err(WebhookError::Malformed(_))
    ));
}

#[test]
fn a_known_event_missing_its_payload_is_malformed() {
    let body = br#"{"destination":"U1","events":[{"type":"postback","mode":"active","timestamp":1,"webhookEventId":"01","deliveryContext":{"isRedelivery":false}}]}"#;
    let error = parse_webhook(SECRET, body, Some(&signature::sign(SECRET, body))).unwrap_err();
    assert!(matches!(error, WebhookError::Malformed(_)));
    assert!(error.to_string().contains("postback"), "{error}");
}

#[test]
fn a_known_message_missing_a_required_field_is_malformed() {
    let body = br#"{"destination":"U1","events":[{"type":"message","message":{"type":"text","id":"1"},"mode":"active","timestamp":1,"webhookEventId":"01","deliveryContext":{"isRedelivery":false}}]}"#;
    let error = parse_body(body).unwrap_err();
    assert!(error.to_string().contains("text"), "{error}");
}
