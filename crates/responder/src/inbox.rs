//! What the staff inbox learns from an event: the customer's message as a
//! conversation entry, and how it changes the chat's thread.

use jiff::Timestamp;
use otodoke_autoreply::intents::Decline;
use otodoke_autoreply::{Decision, Outcome, SilentReason, Step};
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::friend::FriendKey;
use otodoke_core::organization::Store;
use otodoke_core::ChannelId;
use serde_json::Value;

/// The inbound entry of a message or postback event (`event` as LINE sent it), or
/// `None` for other events. Its id is the event's id, so recording a redelivered
/// event again keeps one entry.
pub fn inbound_entry(
    event: &Value,
    event_id: &str,
    friend: &FriendKey,
    channel: &ChannelId,
    store: Option<&Store>,
    at: Timestamp,
) -> Option<ConversationEntry> {
    let (text, line_message_id, payload) = match event.get("type")?.as_str()? {
        "message" => {
            let message = event.get("message")?;
            let kind = message
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("message");
            let text = match message.get("text").and_then(Value::as_str) {
                Some(text) => text.to_owned(),
                None => format!("[{kind}]"),
            };
            let id = message.get("id").and_then(Value::as_str).map(str::to_owned);
            (text, id, message.clone())
        }
        "postback" => {
            let data = event
                .pointer("/postback/data")
                .and_then(Value::as_str)
                .unwrap_or_default();
            (
                format!("[postback] {data}"),
                None,
                serde_json::json!({ "postback": data }),
            )
        }
        _ => return None,
    };
    Some(ConversationEntry {
        id: event_id.to_owned(),
        friend: friend.clone(),
        channel: channel.clone(),
        store_id: store.map(|s| s.id.clone()),
        at,
        direction: Direction::Inbound,
        line_message_id,
        text,
        payload,
        sender: Sender::Customer,
        hidden: false,
        expires_at: store.and_then(|s| s.retention_end(at)),
        delivery: None,
        declined_intent: false,
        media: None,
    })
}

/// LINE's token for showing 既読, carried on message events (`message.markAsReadToken`).
pub fn mark_as_read_token(event: &Value) -> Option<String> {
    event
        .pointer("/message/markAsReadToken")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// Whether the store's intents were asked and could not answer: not sure enough, or
/// two intents too close (small talk and stores without intents are not lessons).
pub fn declined_intent(decision: &Decision) -> bool {
    decision.trace.steps.iter().any(|step| {
        matches!(
            step,
            Step::Intent {
                declined: Some(Decline::BelowThreshold | Decline::TooClose),
                ..
            }
        )
    })
}

/// Whether the message goes to the teaching loop: an intent declined it and
/// nothing else answered it (the conversation entry's `declined_intent`, and the
/// reports' `declined_intents`).
pub fn declined_for_teaching(decision: &Decision) -> bool {
    declined_intent(decision) && needs_person(decision)
}

/// Whether the customer's message waits for a person: the bot could not answer it
/// (fallback, after hours, no answer), the customer asked for one, or a staff member
/// has the chat.
pub fn needs_person(decision: &Decision) -> bool {
    decision.notify_staff
        || decision.asks_for_person()
        || matches!(
            decision.outcome,
            Outcome::Silent {
                reason: SilentReason::HandedOff { .. }
            }
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_core::{LineUserId, OrgId, ProviderId};

    fn friend() -> FriendKey {
        FriendKey {
            org: OrgId::new("acme").unwrap(),
            provider: ProviderId::new("p").unwrap(),
            user_id: LineUserId::parse(format!("U{:032x}", 1)).unwrap(),
        }
    }

    #[test]
    fn a_text_image_and_postback_become_entries_and_other_events_do_not() {
        let channel = ChannelId::new("c").unwrap();
        let at = Timestamp::from_second(1_800_000_000).unwrap();
        let text = serde_json::json!({"type": "message", "message": {"type": "text", "id": "m1", "text": "こんにちは", "markAsReadToken": "r1"}});
        let entry = inbound_entry(&text, "e1", &friend(), &channel, None, at).unwrap();
        assert_eq!(
            (entry.id.as_str(), entry.text.as_str()),
            ("e1", "こんにちは")
        );
        assert_eq!(entry.line_message_id.as_deref(), Some("m1"));
        assert_eq!(mark_as_read_token(&text).as_deref(), Some("r1"));
        let image =
            serde_json::json!({"type": "message", "message": {"type": "image", "id": "m2"}});
        assert_eq!(
            inbound_entry(&image, "e2", &friend(), &channel, None, at)
                .unwrap()
                .text,
            "[image]"
        );
        let postback = serde_json::json!({"type": "postback", "postback": {"data": "menu=1"}});
        assert_eq!(
            inbound_entry(&postback, "e3", &friend(), &channel, None, at)
                .unwrap()
                .text,
            "[postback] menu=1"
        );
        let follow = serde_json::json!({"type": "follow"});
        assert!(inbound_entry(&follow, "e4", &friend(), &channel, None, at).is_none());
    }
}
