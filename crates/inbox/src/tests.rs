use super::*;
use otodoke_core::organization::Role;
use otodoke_core::{ChannelId, LineUserId, OrgId, ProviderId};

fn staff(sender_name: Option<&str>) -> Staff {
    Staff {
        id: StaffId::new("aiko").unwrap(),
        org_id: OrgId::new("acme").unwrap(),
        display_name: "佐藤 愛子 (渋谷店 トップスタイリスト)".into(),
        role: Role::Operator,
        stores: vec![],
        sender_name: sender_name.map(str::to_owned),
        sender_icon_url: None,
        assigned_only: false,
        active: true,
        email: None,
    }
}

fn chat(n: u32, channel: &str) -> ThreadKey {
    ThreadKey {
        friend: FriendKey {
            org: OrgId::new("acme").unwrap(),
            provider: ProviderId::new("p").unwrap(),
            user_id: LineUserId::parse(format!("U{n:032x}")).unwrap(),
        },
        channel: ChannelId::new(channel).unwrap(),
    }
}

#[test]
fn the_sender_is_the_sender_name_else_the_display_name_cut_to_lines_20_characters() {
    assert_eq!(
        sender_of(&staff(Some("愛子"))).name.as_deref(),
        Some("愛子")
    );
    let long = sender_of(&staff(None)).name.unwrap();
    assert_eq!(long.chars().count(), 20);
    assert!(message_of(&Outgoing::Text("こんにちは".into()), &staff(None)).is_ok());
}

#[test]
fn an_empty_text_or_a_sender_line_refuses_is_invalid_before_anything_is_sent() {
    assert!(matches!(
        message_of(&Outgoing::Text("  ".into()), &staff(None)),
        Err(ChatError::Invalid(_))
    ));
    assert!(matches!(
        message_of(&Outgoing::Text("hi".into()), &staff(Some("LINE公式"))),
        Err(ChatError::Invalid(_))
    ));
    assert!(matches!(
        message_of(
            &Outgoing::Image {
                original_url: "http://example.com/a.jpg".into(),
                preview_url: "https://example.com/p.jpg".into()
            },
            &staff(None)
        ),
        Err(ChatError::Invalid(_))
    ));
}

#[test]
fn retry_keys_are_stable_per_chat_and_idempotency_key_only() {
    let a = retry_key(&chat(1, "c"), "k1");
    assert_eq!(a, retry_key(&chat(1, "c"), "k1"));
    assert_ne!(a, retry_key(&chat(1, "c"), "k2"));
    assert_ne!(a, retry_key(&chat(2, "c"), "k1"));
    assert_ne!(a, retry_key(&chat(1, "d"), "k1"));
}

#[test]
fn idempotency_keys_are_short_and_plain() {
    assert!(check_idempotency_key("0b1c-2d_3.e").is_ok());
    for bad in ["", "a b", "a#b", &"k".repeat(129)] {
        assert!(check_idempotency_key(bad).is_err(), "{bad:?}");
    }
}
