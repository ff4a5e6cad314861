//! The LINE side of webhooks: a friend does something, the sandbox updates its world,
//! builds the event LINE would send, signs it with the channel secret and POSTs it to
//! the channel's webhook URL, then reports what the receiver answered.

use crate::app::Shared;
use crate::friends::{FriendProfile, UserKey};
use crate::state::{ReplyToken, SentEvent};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

/// Something a friend does in the LINE app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum FriendAction {
    /// Adds the account as a friend (creates the friend if unknown). If the friend
    /// had blocked the account, this is an unblock (`follow.isUnblocked: true`).
    Follow,
    /// Blocks the account: an `unfollow` event, and no more deliveries.
    Block,
    /// Unblocks the account: a `follow` event with `isUnblocked: true`.
    Unblock,
    /// Sends a text message.
    Text { text: String },
    /// Presses a postback action. `display_text`, when the action has one, shows
    /// in the chat as the friend's own words (LINE sends no message event for it;
    /// the transcript keeps it as the entry's top-level `displayText`).
    #[serde(rename_all = "camelCase")]
    Postback {
        data: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        display_text: Option<String>,
    },
    /// Taps a `richmenuswitch` area: the LINE app switches the friend's rich menu
    /// to the alias's menu, then sends a postback with `data` and
    /// `params: {newRichMenuAliasId, status}` (`SUCCESS`,
    /// `RICHMENU_ALIAS_ID_NOTFOUND` or `RICHMENU_NOTFOUND`).
    #[serde(rename_all = "camelCase")]
    RichMenuSwitch {
        rich_menu_alias_id: String,
        data: String,
    },
    /// Sends a sticker.
    #[serde(rename_all = "camelCase")]
    Sticker {
        package_id: String,
        sticker_id: String,
    },
    /// Sends an image, video, audio or file. The sandbox keeps `data_base64` (or, when
    /// absent, a generated PNG for an image and a few placeholder bytes otherwise)
    /// and serves it on the content endpoint until it expires.
    #[serde(rename_all = "camelCase")]
    Media {
        kind: crate::content::ContentKind,
        #[serde(default)]
        content_type: Option<String>,
        #[serde(default)]
        data_base64: Option<String>,
        /// A file message's name (`file` only).
        #[serde(default)]
        file_name: Option<String>,
    },
}

/// What happened when the sandbox delivered a webhook.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookOutcome {
    /// The receiver's HTTP status.
    pub status: u16,
    /// The receiver's body (truncated to 4 KiB).
    pub body: String,
    /// The event's `webhookEventId`.
    pub webhook_event_id: String,
    /// The reply token the sandbox issued, for replyable events.
    pub reply_token: Option<String>,
    /// The event as sent.
    pub event: Value,
    /// How long the receiver took to answer. LINE counts anything over 2 seconds
    /// as a failed delivery, whatever the status.
    pub elapsed_ms: u64,
}

/// Why a friend action or redelivery could not be carried out.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("no channel with id `{0}`")]
    UnknownChannel(String),
    #[error("`{0}` is not a LINE user id (U + 32 lowercase hex)")]
    InvalidUserId(String),
    #[error("`{0}` is not a friend of this channel")]
    UnknownFriend(String),
    #[error("`{0}` has blocked this channel; follow or unblock first")]
    NotFollowing(String),
    #[error("channel `{0}` has no webhook URL")]
    NoWebhookUrl(String),
    #[error("no webhook event `{0}` was sent on this channel")]
    UnknownEvent(String),
    #[error("the media data is not base64")]
    InvalidMedia,
    #[error("`{0}` sees no rich menu")]
    NoRichMenu(String),
    #[error("the rich menu has no area {0}")]
    NoSuchArea(usize),
    #[error("a `{0}` action cannot be tapped here")]
    UnsupportedAction(String),
    #[error("the webhook could not be delivered: {0}")]
    Delivery(#[source] reqwest::Error),
}

impl Shared {
    /// Applies `action` for `user_id` on `channel_id` and POSTs the resulting webhook.
    /// Costs one HTTP round trip to the webhook receiver.
    pub(crate) async fn act(
        &self,
        channel_id: &str,
        user_id: &str,
        action: FriendAction,
    ) -> Result<WebhookOutcome, ActionError> {
        let channel = self
            .channel_by_id(channel_id)
            .ok_or_else(|| ActionError::UnknownChannel(channel_id.to_owned()))?;
        let key = UserKey::parse(user_id)
            .ok_or_else(|| ActionError::InvalidUserId(user_id.to_owned()))?;
        if self.webhook_url(channel).is_none() {
            return Err(ActionError::NoWebhookUrl(channel_id.to_owned()));
        }
        let now_ms = self.clock.now_epoch_ms();
        let event = {
            let mut world = self.world();
            let book = &mut world.books[channel as usize];
            let was_following = book.get(key).map(|f| f.following);
            let (friend, body) = match &action {
                FriendAction::Follow | FriendAction::Unblock => {
                    let is_unblocked = was_following == Some(false);
                    if matches!(action, FriendAction::Unblock) && was_following.is_none() {
                        return Err(ActionError::UnknownFriend(user_id.to_owned()));
                    }
                    let profile = was_following.is_none().then(|| FriendProfile {
                        display_name: "Sandbox Friend".to_owned(),
                        language: Some("ja".to_owned()),
                        ..FriendProfile::default()
                    });
                    let i = book.upsert(key, profile, true);
                    (
                        i,
                        json!({"type": "follow", "follow": {"isUnblocked": is_unblocked}}),
                    )
                }
                FriendAction::Block => {
                    let friend = book
                        .get_mut(key)
                        .ok_or_else(|| ActionError::UnknownFriend(user_id.to_owned()))?;
                    friend.following = false;
                    (
                        book.find(key).unwrap_or_default(),
                        json!({"type": "unfollow"}),
                    )
                }
                FriendAction::Text { text } => {
                    let i = following(book.find(key), was_following, user_id)?;
                    let message = json!({
                        "id": self.message_id(), "type": "text",
                        "quoteToken": format!("q{}", Uuid::new_v4().simple()), "text": text,
                    });
                    (i, json!({"type": "message", "message": message}))
                }
                FriendAction::Postback { data, .. } => {
                    let i = following(book.find(key), was_following, user_id)?;
                    (i, json!({"type": "postback", "postback": {"data": data}}))
                }
                FriendAction::RichMenuSwitch {
                    rich_menu_alias_id,
                    data,
                } => {
                    let i = following(book.find(key), was_following, user_id)?;
                    // World lock, then rich-menu lock: the one order used.
                    let status = self.rich_menus()[channel as usize]
                        .switch(user_id, rich_menu_alias_id)
                        .as_str();
                    let params =
                        json!({"newRichMenuAliasId": rich_menu_alias_id, "status": status});
                    (
                        i,
                        json!({"type": "postback", "postback": {"data": data, "params": params}}),
                    )
                }
                FriendAction::Sticker {
                    package_id,
                    sticker_id,
                } => {
                    let i = following(book.find(key), was_following, user_id)?;
                    let message = json!({
                        "id": self.message_id(), "type": "sticker",
                        "quoteToken": format!("q{}", Uuid::new_v4().simple()),
                        "packageId": package_id, "stickerId": sticker_id,
                        "stickerResourceType": "STATIC", "keywords": [],
                    });
                    (i, json!({"type": "message", "message": message}))
                }
                FriendAction::Media {
                    kind,
                    content_type,
                    data_base64,
                    file_name,
                } => {
                    let i = following(book.find(key), was_following, user_id)?;
                    let id = self.message_id();
                    let body = match data_base64 {
                        Some(data) => {
                            use base64::Engine;
                            base64::engine::general_purpose::STANDARD
                                .decode(data)
                                .map_err(|_| ActionError::InvalidMedia)?
                        }
                        None if *kind == crate::content::ContentKind::Image => {
                            crate::content::generated_png(&id)
                        }
                        None => format!("sandbox {} {id}", kind.message_type()).into_bytes(),
                    };
                    let mut message = json!({"id": id, "type": kind.message_type()});
                    match kind {
                        crate::content::ContentKind::Image => {
                            message["contentProvider"] = json!({"type": "line"});
                            message["quoteToken"] = json!(format!("q{}", Uuid::new_v4().simple()));
                        }
                        crate::content::ContentKind::Video => {
                            message["contentProvider"] = json!({"type": "line"});
                            message["duration"] = json!(1_000);
                            message["quoteToken"] = json!(format!("q{}", Uuid::new_v4().simple()));
                        }
                        crate::content::ContentKind::Audio => {
                            message["contentProvider"] = json!({"type": "line"});
                            message["duration"] = json!(1_000);
                        }
                        crate::content::ContentKind::File => {
                            message["fileName"] =
                                json!(file_name.clone().unwrap_or_else(|| format!("{id}.bin")));
                            message["fileSize"] = json!(body.len());
                        }
                    }
                    self.contents().keep(
                        id,
                        crate::content::StoredContent {
                            channel,
                            kind: *kind,
                            content_type: content_type
                                .clone()
                                .unwrap_or_else(|| kind.default_content_type().to_owned()),
                            body: body.into(),
                            sent_at_ms: now_ms,
                        },
                    );
                    (i, json!({"type": "message", "message": message}))
                }
            };
            let mut event = body;
            let event_id = ulid::Ulid::new().to_string();
            event["mode"] = json!("active");
            event["timestamp"] = json!(now_ms);
            event["source"] = json!({"type": "user", "userId": user_id});
            event["webhookEventId"] = json!(event_id);
            event["deliveryContext"] = json!({"isRedelivery": false});
            if event["type"] == "message" {
                let token = format!("r{}", Uuid::new_v4().simple());
                world
                    .read_tokens
                    .insert(token.clone(), (channel, key, now_ms));
                event["message"]["markAsReadToken"] = json!(token);
            }
            if !matches!(action, FriendAction::Block) {
                let token = Uuid::new_v4().simple().to_string();
                world.reply_tokens.insert(
                    token.clone(),
                    ReplyToken {
                        channel,
                        friend,
                        expires_at_ms: now_ms + self.settings.reply_token_ttl_ms as i64,
                        used: false,
                    },
                );
                event["replyToken"] = json!(token);
            }
            let mut noted = event.clone();
            if let FriendAction::Postback {
                display_text: Some(text),
                ..
            } = &action
            {
                noted["displayText"] = json!(text);
            }
            world.note_friend_event(channel, key, now_ms, noted);
            world.events.insert(
                event_id,
                SentEvent {
                    channel,
                    event: event.clone(),
                },
            );
            event
        };
        self.post_events(channel, event).await
    }

    /// Sends `webhook_event_id` again: same id, same reply token, `isRedelivery: true`.
    pub(crate) async fn redeliver(
        &self,
        channel_id: &str,
        webhook_event_id: &str,
    ) -> Result<WebhookOutcome, ActionError> {
        let channel = self
            .channel_by_id(channel_id)
            .ok_or_else(|| ActionError::UnknownChannel(channel_id.to_owned()))?;
        let mut event = self
            .world()
            .events
            .get(webhook_event_id)
            .filter(|e| e.channel == channel)
            .map(|e| e.event.clone())
            .ok_or_else(|| ActionError::UnknownEvent(webhook_event_id.to_owned()))?;
        event["deliveryContext"] = json!({"isRedelivery": true});
        self.post_events(channel, event).await
    }

    /// POSTs `{"destination", "events": []}` as the console's "Verify" button does.
    pub(crate) async fn verify_webhook(&self, channel_id: &str) -> Result<u16, ActionError> {
        let channel = self
            .channel_by_id(channel_id)
            .ok_or_else(|| ActionError::UnknownChannel(channel_id.to_owned()))?;
        let body =
            json!({"destination": self.channels[channel as usize].bot_user_id, "events": []});
        self.post(channel, &body).await.map(|(status, _)| status)
    }

    async fn post_events(&self, channel: u32, event: Value) -> Result<WebhookOutcome, ActionError> {
        let body = json!({"destination": self.channels[channel as usize].bot_user_id, "events": [event.clone()]});
        let started = std::time::Instant::now();
        let (status, answer) = self.post(channel, &body).await?;
        Ok(WebhookOutcome {
            elapsed_ms: started.elapsed().as_millis() as u64,
            status,
            body: answer,
            webhook_event_id: event["webhookEventId"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            reply_token: event
                .get("replyToken")
                .and_then(Value::as_str)
                .map(str::to_owned),
            event,
        })
    }

    async fn post(&self, channel: u32, body: &Value) -> Result<(u16, String), ActionError> {
        let config = &self.channels[channel as usize];
        let url = self
            .webhook_url(channel)
            .ok_or_else(|| ActionError::NoWebhookUrl(config.channel_id.clone()))?;
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        let signature = otodoke_line::signature::sign(config.channel_secret.as_bytes(), &bytes);
        self.count_webhook();
        let response = self
            .http
            .post(&url)
            .header(
                http::header::CONTENT_TYPE,
                "application/json; charset=utf-8",
            )
            .header(otodoke_line::signature::SIGNATURE_HEADER, signature)
            .body(bytes)
            .send()
            .await
            .map_err(ActionError::Delivery)?;
        let status = response.status().as_u16();
        let mut text = response.text().await.unwrap_or_default();
        if text.len() > 4096 {
            let mut cut = 4096;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        Ok((status, text))
    }
}

/// The friend's index if they exist and follow; blocked users cannot talk to the bot.
fn following(
    index: Option<u32>,
    was_following: Option<bool>,
    user_id: &str,
) -> Result<u32, ActionError> {
    match (index, was_following) {
        (Some(i), Some(true)) => Ok(i),
        (Some(_), _) => Err(ActionError::NotFollowing(user_id.to_owned())),
        (None, _) => Err(ActionError::UnknownFriend(user_id.to_owned())),
    }
}
