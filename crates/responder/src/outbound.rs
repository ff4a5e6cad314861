//! An answer from the decision, as LINE message objects and as conversation entries.

use crate::error::RespondError;
use jiff::Timestamp;
use otodoke_autoreply::{QuickReply, ReplyMessage, Source};
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::friend::FriendKey;
use otodoke_core::organization::Store;
use otodoke_core::ChannelId;
use otodoke_line::{Action, Message};

/// The LINE message objects of an answer, quick replies attached to the last bubble
/// (where LINE shows them). Fails when a `raw` bubble is not a LINE message object.
pub fn line_messages(
    messages: &[ReplyMessage],
    quick_replies: &[QuickReply],
) -> Result<Vec<Message>, RespondError> {
    let mut out = messages
        .iter()
        .map(|m| {
            let json = match m {
                ReplyMessage::Raw { message } => message.clone(),
                other => serde_json::to_value(other).map_err(RespondError::InvalidAnswer)?,
            };
            serde_json::from_value::<Message>(json).map_err(RespondError::InvalidAnswer)
        })
        .collect::<Result<Vec<_>, _>>()?;
    if let (Some(last), false) = (out.last_mut(), quick_replies.is_empty()) {
        let actions = quick_replies
            .iter()
            .map(|q| Action::Message {
                label: Some(q.label.clone()),
                text: q.text.clone(),
            })
            .collect();
        last.quick_reply = Some(otodoke_line::QuickReply::new(actions));
    }
    Ok(out)
}

/// Who the conversation says sent an answer produced by `source`.
pub fn sender_of(source: &Source) -> Sender {
    match source {
        Source::Rule { id } => Sender::Rule(id.clone()),
        Source::Intent { name, .. } => Sender::Intent(name.clone()),
        Source::AfterHours => Sender::AfterHours,
        // A hand-off answer stands in for the fallback: the customer waits for a person.
        Source::Fallback | Source::Builtin { .. } => Sender::Fallback,
        Source::Greeting | Source::Unblock => Sender::Greeting,
    }
}

/// A plain-text rendering of a sent message for lists and CSV.
pub fn plain_text(message: &Message) -> String {
    let json = serde_json::to_value(message).unwrap_or_default();
    match json.get("text").and_then(|t| t.as_str()) {
        Some(text) => text.to_owned(),
        None => format!(
            "[{}]",
            json.get("type")
                .and_then(|t| t.as_str())
                .unwrap_or("message")
        ),
    }
}

/// Where an outbound entry goes and when it was sent.
pub struct EntryContext<'a> {
    /// The event that caused the answer: entry ids derive from it, so that recording
    /// the same answer twice (a retried event) keeps one copy.
    pub event_id: &'a str,
    pub friend: &'a FriendKey,
    pub channel: &'a ChannelId,
    pub store: Option<&'a Store>,
    pub at: Timestamp,
}

/// One outbound conversation entry per sent message, ids `<event id>.<n>` (they sort
/// right after the inbound entry, whose id is the event id).
pub fn entries(
    cx: &EntryContext<'_>,
    messages: &[Message],
    sender: &Sender,
) -> Vec<ConversationEntry> {
    let expires_at = cx.store.and_then(|s| s.retention_end(cx.at));
    messages
        .iter()
        .enumerate()
        .map(|(n, message)| ConversationEntry {
            id: format!("{}.{n}", cx.event_id),
            friend: cx.friend.clone(),
            channel: cx.channel.clone(),
            store_id: cx.store.map(|s| s.id.clone()),
            at: cx.at,
            direction: Direction::Outbound,
            line_message_id: None,
            text: plain_text(message),
            payload: serde_json::to_value(message).unwrap_or_default(),
            sender: sender.clone(),
            hidden: false,
            expires_at,
            delivery: None,
            declined_intent: false,
            media: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_replies_go_on_the_last_bubble_only() {
        let messages = vec![ReplyMessage::text("a"), ReplyMessage::text("b")];
        let quick = vec![QuickReply {
            label: "予約".into(),
            text: "予約したい".into(),
        }];
        let out = line_messages(&messages, &quick).unwrap();
        assert!(out[0].quick_reply.is_none());
        assert_eq!(out[1].quick_reply.as_ref().unwrap().items.len(), 1);
    }

    #[test]
    fn a_raw_bubble_passes_through_and_renders_by_its_type() {
        let raw = ReplyMessage::Raw {
            message: serde_json::json!({"type": "flex", "altText": "menu", "contents": {"type": "bubble"}}),
        };
        let out = line_messages(&[raw], &[]).unwrap();
        assert_eq!(plain_text(&out[0]), "[flex]");
    }

    #[test]
    fn a_raw_bubble_that_is_no_line_message_is_refused() {
        let raw = ReplyMessage::Raw {
            message: serde_json::json!({"type": "hologram"}),
        };
        assert!(matches!(
            line_messages(&[raw], &[]),
            Err(RespondError::InvalidAnswer(_))
        ));
    }
}
