//! A campaign's messages as they go to LINE: with the campaign's sender (a staff
//! member's name and icon) on every message that does not name its own.

use otodoke_core::campaign::SenderIdentity;
use serde_json::{json, Value};

/// `messages` with `sender` set on each message object that has none. Cost: one copy
/// of the messages (at most 5), once per batch.
pub fn with_sender(messages: &[Value], sender: Option<&SenderIdentity>) -> Vec<Value> {
    let Some(sender) = sender else {
        return messages.to_vec();
    };
    let mut identity = json!({ "name": sender.name });
    if let Some(icon) = &sender.icon_url {
        identity["iconUrl"] = json!(icon);
    }
    messages
        .iter()
        .map(|message| {
            let mut message = message.clone();
            if let Some(object) = message.as_object_mut() {
                object.entry("sender").or_insert_with(|| identity.clone());
            }
            message
        })
        .collect()
}

/// `messages` of `campaign` written in `source`, with their URLs rewritten to
/// tracked links ([`otodoke_core::link::LinkTracking::rewrite`], the one rule
/// automations use too) when the campaign asks for it and the deployment tracks
/// links; as they are otherwise. `friend`: the one recipient (`None`: link-level
/// URLs, for a send to many). Cost: one conditional write per distinct URL.
pub async fn tracked(
    ports: &crate::Ports,
    campaign: &otodoke_core::campaign::Campaign,
    source: &otodoke_core::link::LinkSource,
    friend: Option<&otodoke_core::friend::FriendKey>,
    messages: Vec<Value>,
    now: jiff::Timestamp,
) -> Result<Vec<Value>, crate::BroadcastError> {
    match (&ports.links, campaign.track_links) {
        (Some(links), true) => Ok(links
            .rewrite(&campaign.org_id, source, friend, &messages, now)
            .await?),
        _ => Ok(messages),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_campaign_sender_goes_on_every_message_that_names_none() {
        let messages = [
            json!({"type": "text", "text": "a"}),
            json!({"type": "text", "text": "b", "sender": {"name": "本部"}}),
        ];
        let sender = SenderIdentity {
            name: "店長 さくら".into(),
            icon_url: Some("https://example.com/s.png".into()),
        };
        let out = with_sender(&messages, Some(&sender));
        assert_eq!(
            out[0]["sender"],
            json!({"name": "店長 さくら", "iconUrl": "https://example.com/s.png"})
        );
        assert_eq!(out[1]["sender"], json!({"name": "本部"}));
    }

    #[test]
    fn without_a_campaign_sender_the_messages_are_unchanged() {
        let messages = [json!({"type": "text", "text": "a"})];
        assert_eq!(with_sender(&messages, None), messages);
    }
}
