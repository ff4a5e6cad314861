//! The orchestration: one queued event in, the right effects out, exactly once.
//!
//! Order of effects, and why: state that a retry can safely write again (friend
//! record, enrolments) is written before anything is sent; once an answer has been
//! sent, nothing after it (recording it, the after-hours cool-down, the staff
//! notification) can fail the event, because a retry would send the answer twice.

use crate::batch::Batch;
use crate::compiled::CompiledConfigs;
use crate::error::RespondError;
use crate::generative::{ChatCompletions, IntentOracle};
use crate::inbox;
use crate::line_clients::LineClients;
use crate::notify::{StaffNotice, StaffNotifier};
use crate::options::{ExpiredReplyPolicy, GenerativeSettings, ResponderOptions};
use crate::outbound::{entries, line_messages, sender_of, EntryContext};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use otodoke_autoreply::intents::Decline;
use otodoke_autoreply::{
    decide, greet, Chat, Content, Decision, Follow, FriendState, Incoming, Mode, Outcome,
    ReplyMessage, Responder, Source as ReplySource, StateUpdate, Step as DecisionStep,
};
use otodoke_core::campaign::{CampaignStatus, Schedule};
use otodoke_core::friend::{ChannelLink, FollowState, Friend, FriendKey};
use otodoke_core::metrics::Counter;
use otodoke_core::organization::{new_friend_store, Channel, Organization, Store};
use otodoke_core::ports::{
    AutomationStore, CampaignStore, Claim, ConversationStore, EnrolmentStore, FriendStore,
    IdempotencyStore, MetricsStore, OrganizationStore, QueueSender, QuotaStore, RichMenuStore,
    SecretSource, ThreadStore,
};
use otodoke_core::quota::{Hold, QuotaKey, QuotaMonth, ReserveOutcome};
use otodoke_core::richmenu::MenuPostback;
use otodoke_core::sequence::first_due;
use otodoke_core::sequence::{Enrolment, EnrolmentStatus};
use otodoke_core::thread::{self, Thread, ThreadChange, ThreadEvent, ThreadKey, ThreadLogEntry};
use otodoke_core::{ChannelId, LineUserId, OrgId, PageRequest, StoreError, StoreId, StoreKey};
use otodoke_ingest::EventEnvelope;
use otodoke_line::webhook::{Mention, Mode as LineMode};
use otodoke_line::{Event, EventKind, LineClient, LineError, Message, ReceivedMessage};
use otodoke_line::{SendOptions, Source as EventSource};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// The ports the responder works over. Build once per process.
#[derive(Clone)]
pub struct Ports {
    pub orgs: Arc<dyn OrganizationStore>,
    pub friends: Arc<dyn FriendStore>,
    pub idempotency: Arc<dyn IdempotencyStore>,
    pub quota: Arc<dyn QuotaStore>,
    pub conversations: Arc<dyn ConversationStore>,
    pub campaigns: Arc<dyn CampaignStore>,
    pub enrolments: Arc<dyn EnrolmentStore>,
    pub secrets: Arc<dyn SecretSource>,
    /// The staff inbox's threads.
    pub threads: Arc<dyn ThreadStore>,
    /// Rich menus, menu rules and relink jobs.
    pub richmenus: Arc<dyn RichMenuStore>,
    /// Automations and their runs.
    pub automations: Arc<dyn AutomationStore>,
    /// The report counters (each event's increments, once).
    pub metrics: Arc<dyn MetricsStore>,
    /// Where a customer's image, video, audio or file goes to be kept past LINE's
    /// limits (`otodoke_media::MediaJob`s for the media keeper).
    pub media_jobs: Arc<dyn QueueSender>,
}

/// Why an answer was not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// The reply token was used or expired and the store does not push instead.
    ReplyTokenExpired,
    /// Pushing instead was refused by our own quota counter (plan or store budget).
    QuotaRefused,
    /// Pushing instead was refused by LINE: the channel's monthly limit is reached.
    MonthlyLimitReached,
    /// An earlier attempt at this event sent a reply whose outcome it did not
    /// record (it crashed or timed out): LINE may have delivered it, so the
    /// push-instead policy does not push (it would repeat the answer).
    MaybeReplied,
}

/// The mark of a reply attempt under the push-instead policy.
struct ReplyMark {
    key: String,
    keep: SignedDuration,
}

/// What handling an event amounted to (for logs and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// This event was handled before (a redelivery): nothing was done.
    AlreadyDone,
    /// An event type the responder does not act on.
    Ignored,
    /// State was updated; nothing was to be sent (unfollow, unsend).
    Recorded,
    /// The decision was to send nothing (standby, hand-off, no answer, ...).
    Silent,
    /// The answer went out with the reply token (free).
    Replied,
    /// The answer was pushed (one message of quota).
    Pushed,
    /// The answer could not be sent.
    Missed(Miss),
}

/// Handles queued LINE events. Build once per process (it caches LINE clients,
/// compiled configurations and generative clients) and share it across events.
pub struct EventHandler {
    pub(crate) ports: Ports,
    line: LineClients,
    configs: CompiledConfigs,
    oracles: RwLock<HashMap<StoreKey, Arc<dyn IntentOracle>>>,
    pub(crate) notifier: StaffNotifier,
    pub(crate) options: ResponderOptions,
    /// Automations and menu rules; `None` runs none (tests of the answers alone).
    pub(crate) automator: Option<otodoke_automation::Automator>,
}

/// One event on its way through the handler.
pub(crate) struct Cx<'a> {
    /// The reads this event shares with the rest of its batch.
    pub(crate) batch: &'a Batch,
    pub(crate) envelope: &'a EventEnvelope,
    pub(crate) event: &'a Event,
    pub(crate) channel: Channel,
    /// The handler's clock (reply-token age, quota month, updated_at).
    pub(crate) now: Timestamp,
    /// When the event happened (LINE's `timestamp`).
    pub(crate) at: Timestamp,
    pub(crate) mode: Mode,
    /// What the event adds to the report counters ([`crate::count`]).
    pub(crate) tally: crate::count::Tally,
}

impl Cx<'_> {
    /// The friend behind the event, when LINE names a valid user.
    pub(crate) fn friend_key(&self) -> Option<FriendKey> {
        let user = self.event.source.as_ref()?.user_id()?;
        Some(FriendKey {
            org: self.channel.org_id.clone(),
            provider: self.channel.provider.clone(),
            user_id: LineUserId::parse(user).ok()?,
        })
    }

    /// The chat to push to: the group or room, else the user.
    fn chat_id(&self) -> Option<&str> {
        match self.event.source.as_ref()? {
            EventSource::User { user_id } => Some(user_id),
            EventSource::Group { group_id, .. } => Some(group_id),
            EventSource::Room { room_id, .. } => Some(room_id),
            EventSource::Unknown { .. } => None,
        }
    }

    pub(crate) fn event_id(&self) -> &str {
        &self.event.webhook_event_id
    }
}

impl EventHandler {
    /// A handler over `ports`, sending through `line`.
    pub fn new(ports: Ports, line: LineClients, options: ResponderOptions) -> Self {
        Self {
            ports,
            line,
            configs: CompiledConfigs::new(),
            oracles: RwLock::new(HashMap::new()),
            notifier: StaffNotifier::default(),
            options,
            automator: None,
        }
    }

    /// Runs the organization's automations and keeps friends' rich menus following
    /// the menu rules, after each event's answer.
    pub fn with_automator(mut self, automator: otodoke_automation::Automator) -> Self {
        self.automator = Some(automator);
        self
    }

    /// Uses `notifier` for staff notifications (default: 2 s timeout).
    pub fn with_notifier(mut self, notifier: StaffNotifier) -> Self {
        self.notifier = notifier;
        self
    }

    /// Uses `oracle` as `store`'s generative intent backend instead of building a
    /// chat-completions client from the store's settings (the settings must still be
    /// present: they say the store uses one).
    pub fn with_oracle(self, store: StoreKey, oracle: Arc<dyn IntentOracle>) -> Self {
        self.oracles.write().expect("oracles").insert(store, oracle);
        self
    }

    /// The compiled-configuration cache (to observe compilations).
    pub fn compiled(&self) -> &CompiledConfigs {
        &self.configs
    }

    /// Handles `envelope` once: claims it, acts, completes the claim. A redelivered
    /// envelope that was handled already answers [`Handled::AlreadyDone`] and does
    /// nothing. On an error the claim is abandoned, so that a retry (the queue
    /// redelivering the message) starts afresh.
    ///
    /// Cost: a claim and a complete, the reads and writes of the event type, and for
    /// answers one LINE call (two when a reply token has expired and the store pushes).
    pub async fn handle(
        &self,
        envelope: &EventEnvelope,
        now: Timestamp,
    ) -> Result<Handled, RespondError> {
        self.handle_in(&Batch::new(), envelope, now).await
    }

    /// As [`EventHandler::handle`], as one event of `batch`: the channel, its
    /// organization and the answering store are read once for all of the batch's
    /// events ([`Batch`]).
    pub async fn handle_in(
        &self,
        batch: &Batch,
        envelope: &EventEnvelope,
        now: Timestamp,
    ) -> Result<Handled, RespondError> {
        let event: Event =
            serde_json::from_str(envelope.event.get()).map_err(RespondError::Malformed)?;
        let key = format!("respond:{}:{}", envelope.channel_id, event.webhook_event_id);
        let lease = SignedDuration::from_secs(self.options.claim_lease_secs);
        match self.ports.idempotency.claim(&key, now, lease).await? {
            Claim::Claimed => {}
            Claim::AlreadyDone => {
                tracing::info!(key, "event already handled");
                return Ok(Handled::AlreadyDone);
            }
            Claim::InProgress => return Err(RespondError::InProgress(key)),
        }
        match self.act(batch, envelope, &event, now).await {
            Ok(handled) => {
                let keep = SignedDuration::from_secs(self.options.remember_secs);
                if let Err(error) = self.ports.idempotency.complete(&key, now, keep).await {
                    // Done is done: failing now would make the queue run it again.
                    tracing::warn!(key, %error, "could not mark the event as handled");
                }
                tracing::info!(
                    key,
                    event_type = event.kind.event_type(),
                    ?handled,
                    "event handled"
                );
                Ok(handled)
            }
            Err(error) => {
                if let Err(abandon) = self.ports.idempotency.abandon(&key).await {
                    tracing::warn!(key, error = %abandon, "could not abandon the claim; it expires with its lease");
                }
                Err(error)
            }
        }
    }

    async fn act(
        &self,
        batch: &Batch,
        envelope: &EventEnvelope,
        event: &Event,
        now: Timestamp,
    ) -> Result<Handled, RespondError> {
        let channel_id = ChannelId::new(envelope.channel_id.as_str())
            .map_err(|_| RespondError::UnknownChannel(envelope.channel_id.clone()))?;
        let channel = batch
            .channels
            .get(&channel_id, || self.ports.orgs.channel(&channel_id))
            .await?
            .ok_or_else(|| RespondError::UnknownChannel(envelope.channel_id.clone()))?;
        let cx = Cx {
            batch,
            envelope,
            event,
            channel,
            now,
            at: Timestamp::from_millisecond(event.timestamp).unwrap_or(now),
            mode: match event.mode {
                LineMode::Active => Mode::Active,
                // An unknown mode is treated as standby: never send on a guess.
                LineMode::Standby | LineMode::Unknown => Mode::Standby,
            },
            tally: Default::default(),
        };
        let handled = match &event.kind {
            EventKind::Follow(follow) => self.on_follow(&cx, follow.is_unblocked).await,
            EventKind::Unfollow => self.on_unfollow(&cx).await,
            EventKind::Message(message) => self.on_message(&cx, message).await,
            // A tap on one of otodoke's own menu areas is for the automations alone:
            // no keyword rule or fallback answers it.
            EventKind::Postback(postback) if MenuPostback::parse(&postback.data).is_some() => {
                Ok(Handled::Silent)
            }
            EventKind::Postback(postback) => {
                self.on_content(&cx, Content::Postback(&postback.data), false)
                    .await
            }
            EventKind::Unsend(unsend) => self.on_unsend(&cx, &unsend.message_id).await,
            other => {
                tracing::info!(
                    event_type = other.event_type(),
                    event = cx.event_id(),
                    "event type not acted on"
                );
                Ok(Handled::Ignored)
            }
        }?;
        self.automate(&cx, handled).await?;
        self.count(&cx).await;
        Ok(handled)
    }

    async fn on_follow(&self, cx: &Cx<'_>, unblocked: bool) -> Result<Handled, RespondError> {
        let Some(key) = cx.friend_key() else {
            tracing::warn!(event = cx.event_id(), "follow without a valid user id");
            return Ok(Handled::Ignored);
        };
        // Standby: LINE is not to be called at all, not even for the profile.
        let profile = match cx.mode {
            Mode::Active => self.profile(cx, key.user_id.as_str()).await?,
            Mode::Standby => None,
        };
        let org = self.organization(cx.batch, &cx.channel.org_id).await?;
        let assigned = new_friend_store(&cx.channel, &org);
        let channel_id = cx.channel.id.clone();
        let friend = self
            .update_friend(&key, true, cx.now, |friend| {
                if let Some(profile) = &profile {
                    friend.display_name = Some(profile.display_name.clone());
                    friend.picture_url = profile.picture_url.clone();
                }
                let link = friend
                    .channels
                    .entry(channel_id.clone())
                    .or_insert(ChannelLink::undated(FollowState::Following));
                link.state = FollowState::Following;
                link.followed_at = Some(cx.at);
                // A store set earlier (by staff, or a friend-add link's landing page) wins.
                if friend.store_id.is_none() {
                    friend.store_id = assigned.clone();
                }
            })
            .await?
            .expect("update_friend creates a missing friend when given an org");
        let answering = answering_store(&cx.channel, friend.store_id.as_ref());
        cx.tally.store(answering.as_ref());
        cx.tally.add(if unblocked {
            Counter::Unblocks
        } else {
            Counter::Follows
        });
        let store = self.store(cx.batch, &org.id, answering.as_ref()).await?;
        self.enrol(cx, &friend, store.as_ref()).await?;
        let responder = self.configs.responder(store.as_ref())?;
        let decision = greet(
            &responder,
            &Follow {
                mode: cx.mode,
                display_name: friend.display_name.as_deref(),
                unblocked,
            },
        );
        self.answer(cx, Some(&key), store.as_ref(), decision, None, None)
            .await
    }

    async fn on_unfollow(&self, cx: &Cx<'_>) -> Result<Handled, RespondError> {
        let Some(key) = cx.friend_key() else {
            return Ok(Handled::Ignored);
        };
        let channel_id = cx.channel.id.clone();
        let friend = self
            .update_friend(&key, true, cx.now, |friend| {
                let link = friend
                    .channels
                    .entry(channel_id.clone())
                    .or_insert(ChannelLink::undated(FollowState::Blocked));
                link.state = FollowState::Blocked;
                link.blocked_at = Some(cx.at);
            })
            .await?;
        let store = friend.and_then(|f| answering_store(&cx.channel, f.store_id.as_ref()));
        cx.tally.store(store.as_ref());
        cx.tally.add(Counter::Blocks);
        let stopped = self.ports.enrolments.stop_all(&key, &cx.channel.id).await?;
        tracing::info!(event = cx.event_id(), stopped, "friend blocked the account");
        Ok(Handled::Recorded)
    }

    async fn on_unsend(&self, cx: &Cx<'_>, message_id: &str) -> Result<Handled, RespondError> {
        let Some(key) = cx.friend_key() else {
            return Ok(Handled::Ignored);
        };
        let found = self.ports.conversations.hide(&key, message_id).await?;
        if !found {
            tracing::info!(event = cx.event_id(), "unsent message was not stored");
        }
        Ok(Handled::Recorded)
    }

    async fn on_message(
        &self,
        cx: &Cx<'_>,
        message: &ReceivedMessage,
    ) -> Result<Handled, RespondError> {
        match message {
            ReceivedMessage::Text(text) => {
                let (text, mentioned) = without_own_mentions(
                    &text.text,
                    text.mention.as_ref(),
                    &cx.envelope.destination,
                );
                self.on_content(cx, Content::Text(&text), mentioned).await
            }
            ReceivedMessage::Sticker(_) => self.on_content(cx, Content::Sticker, false).await,
            ReceivedMessage::Image(_)
            | ReceivedMessage::Video(_)
            | ReceivedMessage::Audio(_)
            | ReceivedMessage::File(_)
            | ReceivedMessage::Location(_) => self.on_content(cx, Content::Media, false).await,
            ReceivedMessage::Unknown { message_type, .. } => {
                tracing::info!(
                    message_type,
                    event = cx.event_id(),
                    "message type not acted on"
                );
                Ok(Handled::Ignored)
            }
        }
    }

    /// A message or postback: decide, send, record, notify.
    async fn on_content(
        &self,
        cx: &Cx<'_>,
        content: Content<'_>,
        mentioned: bool,
    ) -> Result<Handled, RespondError> {
        let chat = match cx.event.source {
            Some(EventSource::User { .. }) => Chat::User,
            Some(EventSource::Group { .. } | EventSource::Room { .. }) => Chat::Group { mentioned },
            Some(EventSource::Unknown { .. }) | None => return Ok(Handled::Ignored),
        };
        let key = cx.friend_key();
        let friend = match &key {
            Some(key) => match self.ports.friends.friend(key).await? {
                Some(friend) => Some(friend),
                // A 1:1 message from someone we never saw follow (they followed before
                // otodoke was connected): record them now. Group members are not
                // friends of the account, so they are not created.
                None if chat == Chat::User => {
                    let org = self.organization(cx.batch, &cx.channel.org_id).await?;
                    let assigned = new_friend_store(&cx.channel, &org);
                    let channel_id = cx.channel.id.clone();
                    // From the read just made (none): not read a second time.
                    otodoke_core::friend::edit_or_create_from(
                        &*self.ports.friends,
                        key,
                        None,
                        true,
                        cx.now,
                        |friend| {
                            friend
                                .channels
                                .entry(channel_id.clone())
                                .or_insert(ChannelLink::undated(FollowState::Following));
                            if friend.store_id.is_none() {
                                friend.store_id = assigned.clone();
                            }
                        },
                    )
                    .await?
                }
                None => None,
            },
            None => None,
        };
        let friend_store = friend.as_ref().and_then(|f| f.store_id.as_ref());
        let store_id = match answering_store(&cx.channel, friend_store) {
            Some(store) => Some(store),
            None => self.channel_store(cx.batch, &cx.channel).await?,
        };
        cx.tally.store(store_id.as_ref());
        if matches!(cx.event.kind, EventKind::Message(_)) {
            cx.tally.add(Counter::Inbound);
        }
        let store = self
            .store(cx.batch, &cx.channel.org_id, store_id.as_ref())
            .await?;
        let responder = self.configs.responder(store.as_ref())?;
        let state = friend
            .as_ref()
            .map(|f| FriendState {
                handoff_until: f.conversation.handoff_until,
                last_after_hours_reply: f.conversation.last_after_hours_reply,
                display_name: f.display_name.clone(),
            })
            .unwrap_or_default();
        let incoming = Incoming {
            at: cx.at,
            mode: cx.mode,
            chat,
            content,
        };
        let mut decision = decide(&responder, &incoming, &state);
        if let Content::Text(text) = content {
            decision = self
                .consult_oracle(cx, store.as_ref(), &responder, chat, text, decision)
                .await;
        }
        let customer_text = match content {
            Content::Text(text) => text.to_owned(),
            Content::Postback(data) => format!("[postback] {data}"),
            Content::Sticker => "[sticker]".to_owned(),
            Content::Media => "[media]".to_owned(),
        };
        if inbox::declined_for_teaching(&decision) {
            cx.tally.add(Counter::DeclinedIntents);
        }
        let thread = match &key {
            Some(key) => {
                self.record_customer(cx, key, chat, store.as_ref(), &decision)
                    .await?
            }
            None => None,
        };
        self.answer(
            cx,
            key.as_ref(),
            store.as_ref(),
            decision,
            Some(&customer_text),
            thread,
        )
        .await
    }

    /// Records the customer's message in the history and, for a 1:1 chat, in the
    /// staff inbox's thread; hands the chat to staff when the customer asked for a
    /// person. All of it before anything is sent, and all of it safe to repeat: the
    /// entry's id is the event's id and the thread counts an entry once.
    ///
    /// Returns the inbox thread as it was left (1:1 chats), for the answer's own
    /// thread update to start from.
    async fn record_customer(
        &self,
        cx: &Cx<'_>,
        key: &FriendKey,
        chat: Chat,
        store: Option<&Store>,
        decision: &Decision,
    ) -> Result<Option<Thread>, RespondError> {
        let event: serde_json::Value =
            serde_json::from_str(cx.envelope.event.get()).map_err(RespondError::Malformed)?;
        let Some(mut entry) =
            inbox::inbound_entry(&event, cx.event_id(), key, &cx.channel.id, store, cx.at)
        else {
            return Ok(None);
        };
        // Unless something else answered it (the generative backend, a rule).
        entry.declined_intent = inbox::declined_for_teaching(decision);
        self.ports.conversations.append(&entry).await?;
        if let Some(job) = otodoke_media::job_for(&entry) {
            // Before anything is sent, so that a failure retries the event (the
            // keeper's work is idempotent: a repeated job keeps one copy).
            self.ports
                .media_jobs
                .send(&[otodoke_media::job_message(&job)])
                .await
                .map_err(|e| RespondError::Store(StoreError::Unavailable(Box::new(e))))?;
        }
        if chat != Chat::User {
            return Ok(None);
        }
        let thread_key = ThreadKey {
            friend: key.clone(),
            channel: cx.channel.id.clone(),
        };
        let store_id = store.map(|s| s.id.clone());
        // A token nothing will use now is kept for a staff member answering soon.
        let unused_token = (!decision.replies() && cx.mode == Mode::Active)
            .then(|| cx.event.reply_token.clone())
            .flatten();
        let mut thread = thread::record(
            self.ports.threads.as_ref(),
            &thread_key,
            store_id.as_ref(),
            cx.now,
            ThreadChange::Customer {
                entry_id: entry.id.clone(),
                at: entry.at,
                text: entry.text.clone(),
                answered: !inbox::needs_person(decision),
                reply_token: unused_token,
                mark_as_read_token: inbox::mark_as_read_token(&event),
            },
        )
        .await?;
        // This message began a wait for a person (also when redelivered: the
        // event's counters are added once).
        if thread.waiting_since == Some(entry.at) {
            cx.tally.add(Counter::StaffWaits);
        }
        if decision.asks_for_person() {
            let window = store.map(|s| s.inbox.handoff_window()).unwrap_or_else(|| {
                otodoke_core::organization::InboxSettings::default().handoff_window()
            });
            let until = cx.now + window;
            self.update_friend(key, false, cx.now, |f| {
                f.conversation.handoff_until = Some(until);
            })
            .await?;
            thread = thread::record_after(
                self.ports.threads.as_ref(),
                Some(thread),
                &thread_key,
                store_id.as_ref(),
                cx.now,
                ThreadChange::Log(ThreadLogEntry {
                    at: cx.now,
                    by: None,
                    what: ThreadEvent::HandedOff { until },
                }),
            )
            .await?;
            tracing::info!(event = cx.event_id(), %until, "the customer asked for a person: handed off");
        }
        Ok(Some(thread))
    }

    /// Sends the decision's answer (if any), then records it, persists the state
    /// update and notifies staff; none of the latter fails the event. `thread`: the
    /// inbox thread as this event last left it, if it did.
    async fn answer(
        &self,
        cx: &Cx<'_>,
        friend: Option<&FriendKey>,
        store: Option<&Store>,
        decision: Decision,
        customer_text: Option<&str>,
        thread: Option<Thread>,
    ) -> Result<Handled, RespondError> {
        let handled = match &decision.outcome {
            Outcome::Silent { reason } => {
                tracing::info!(event = cx.event_id(), ?reason, "no answer");
                Handled::Silent
            }
            Outcome::Reply {
                messages,
                quick_replies,
                source,
            } => {
                let messages = line_messages(messages, quick_replies)?;
                let handled = self.deliver(cx, store, &messages).await?;
                match (handled, friend) {
                    (Handled::Replied | Handled::Pushed, Some(friend)) => {
                        self.after_sending(
                            cx,
                            friend,
                            store,
                            &decision.update,
                            &messages,
                            source,
                            thread,
                        )
                        .await;
                    }
                    (Handled::Missed(miss), _) => {
                        tracing::warn!(event = cx.event_id(), ?miss, source = ?source, "answer not sent");
                    }
                    _ => {}
                }
                handled
            }
        };
        match (&decision.outcome, handled) {
            (Outcome::Reply { source, .. }, Handled::Replied | Handled::Pushed) => {
                cx.tally.add(crate::count::answered_by(source));
            }
            _ if matches!(cx.event.kind, EventKind::Message(_)) => {
                cx.tally.add(Counter::AnswerNone)
            }
            _ => {}
        }
        if decision.notify_staff {
            self.notify_staff(cx, friend, store, customer_text.unwrap_or_default())
                .await;
        }
        Ok(handled)
    }

    /// Records the sent messages and persists the decision's state update. Best
    /// effort: the messages are out, so a failure here is logged, not returned.
    ///
    /// Its three writes (the friend's after-hours cool-down, the history entries, the
    /// inbox thread) are of different items and depend on nothing but what was sent,
    /// so they go concurrently. The thread's update starts from `thread` (as this
    /// event left it before sending): one read fewer unless someone saved it since.
    #[allow(clippy::too_many_arguments)]
    async fn after_sending(
        &self,
        cx: &Cx<'_>,
        friend: &FriendKey,
        store: Option<&Store>,
        update: &StateUpdate,
        messages: &[Message],
        source: &ReplySource,
        thread: Option<Thread>,
    ) {
        let cool_down = async {
            let Some(sent_at) = update.last_after_hours_reply else {
                return;
            };
            let saved = self
                .update_friend(friend, false, cx.now, |f| {
                    f.conversation.last_after_hours_reply = Some(sent_at);
                })
                .await;
            if let Err(error) = saved {
                tracing::warn!(event = cx.event_id(), %error, "could not persist the after-hours cool-down");
            }
        };
        let entry_cx = EntryContext {
            event_id: cx.event_id(),
            friend,
            channel: &cx.channel.id,
            store,
            at: cx.now,
        };
        let sent = entries(&entry_cx, messages, &sender_of(source));
        let history = async {
            for entry in &sent {
                if let Err(error) = self.ports.conversations.append(entry).await {
                    tracing::warn!(event = cx.event_id(), %error, "could not record a sent message");
                }
            }
        };
        let inbox = async {
            let one_to_one = matches!(cx.event.source, Some(EventSource::User { .. }));
            let (Some(last), true) = (sent.last(), one_to_one) else {
                return;
            };
            let key = ThreadKey {
                friend: friend.clone(),
                channel: cx.channel.id.clone(),
            };
            let change = ThreadChange::Bot {
                at: last.at,
                text: last.text.clone(),
                sender: last.sender.clone(),
            };
            let store_id = store.map(|s| s.id.clone());
            if let Err(error) = thread::record_after(
                self.ports.threads.as_ref(),
                thread,
                &key,
                store_id.as_ref(),
                cx.now,
                change,
            )
            .await
            {
                tracing::warn!(event = cx.event_id(), %error, "could not update the inbox thread");
            }
        };
        tokio::join!(cool_down, history, inbox);
    }

    /// Sends `messages` with the reply token, or per the store's policy when the token
    /// is gone. Never calls LINE for a standby event.
    async fn deliver(
        &self,
        cx: &Cx<'_>,
        store: Option<&Store>,
        messages: &[Message],
    ) -> Result<Handled, RespondError> {
        if cx.mode != Mode::Active {
            return Ok(Handled::Silent);
        }
        let client = self.line.client(&cx.channel).await?;
        let age_ms = cx.now.as_millisecond() - cx.envelope.received_at_ms;
        let token = cx
            .event
            .reply_token
            .as_deref()
            .filter(|_| age_ms <= self.options.reply_window_ms);
        let policy = self
            .options
            .for_store(store.map(Store::key).as_ref())
            .expired_reply;
        // Under the push policy a retry must know whether an earlier attempt sent a
        // reply LINE may have accepted (it crashed or timed out before completing):
        // a mark is claimed before every reply, and a retry that finds it pushes
        // nothing (LINE answers a used token like an expired one).
        let guard = (policy == ExpiredReplyPolicy::Push).then(|| ReplyMark {
            key: format!("reply:{}:{}", cx.channel.id, cx.event_id()),
            keep: SignedDuration::from_secs(self.options.remember_secs),
        });
        let mut replied_before = false;
        if let Some(mark) = &guard {
            replied_before = self
                .ports
                .idempotency
                .claim(&mark.key, cx.now, mark.keep)
                .await?
                != Claim::Claimed;
        }
        match token {
            Some(token) => match self
                .on_fresh_token(
                    cx,
                    &client,
                    |c| async move { c.reply(token, messages).await },
                )
                .await
            {
                Ok(response) => {
                    tracing::info!(event = cx.event_id(), request_id = ?response.request_id, "replied");
                    if let Some(mark) = &guard {
                        self.settle_mark(cx, mark, true).await;
                    }
                    return Ok(Handled::Replied);
                }
                Err(LineError::InvalidReplyToken { request_id }) => {
                    tracing::info!(
                        event = cx.event_id(),
                        ?request_id,
                        replied_before,
                        "reply token used or expired"
                    );
                }
                Err(error) => {
                    // LINE answered and refused: nothing was sent. Otherwise (a
                    // timeout, a 5xx) the mark stays: the reply may be out.
                    if let (Some(mark), false) = (&guard, error.is_retryable()) {
                        if !replied_before {
                            self.settle_mark(cx, mark, false).await;
                        }
                    }
                    return Err(self.line_error(cx, error));
                }
            },
            None => {
                tracing::info!(event = cx.event_id(), age_ms, "no usable reply token");
            }
        }
        if replied_before {
            tracing::warn!(
                event = cx.event_id(),
                "an earlier attempt sent a reply LINE may have accepted: not pushing"
            );
            return Ok(Handled::Missed(Miss::MaybeReplied));
        }
        if let Some(mark) = &guard {
            self.settle_mark(cx, mark, false).await;
        }
        match policy {
            ExpiredReplyPolicy::RecordMiss => Ok(Handled::Missed(Miss::ReplyTokenExpired)),
            ExpiredReplyPolicy::Push => self.push_instead(cx, store, &client, messages).await,
        }
    }

    /// Completes a reply mark (the reply went out) or gives it up (no reply went
    /// out). Best effort: a mark left claimed only makes a retry push nothing.
    async fn settle_mark(&self, cx: &Cx<'_>, mark: &ReplyMark, sent: bool) {
        let result = if sent {
            self.ports
                .idempotency
                .complete(&mark.key, cx.now, mark.keep)
                .await
        } else {
            self.ports.idempotency.abandon(&mark.key).await
        };
        if let Err(error) = result {
            tracing::warn!(event = cx.event_id(), %error, "could not settle the reply mark");
        }
    }

    /// Pushes `messages` to the event's chat under one message of quota, with a retry
    /// key derived from the event, so that a redelivered event never pushes twice.
    async fn push_instead(
        &self,
        cx: &Cx<'_>,
        store: Option<&Store>,
        client: &LineClient,
        messages: &[Message],
    ) -> Result<Handled, RespondError> {
        let Some(to) = cx.chat_id() else {
            return Ok(Handled::Missed(Miss::ReplyTokenExpired));
        };
        let key = QuotaKey {
            channel: cx.channel.id.clone(),
            month: QuotaMonth::containing(cx.now),
        };
        let store_key = store.map(Store::key);
        let budget = store
            .zip(store_key.as_ref())
            .and_then(|(s, key)| s.monthly_budget.map(|budget| (key, budget)));
        let reservation = match self
            .ports
            .quota
            .reserve(
                &key,
                1,
                cx.channel.plan.monthly_limit(),
                budget,
                &Hold::new(
                    format!("push#{}", cx.event_id()),
                    cx.now,
                    SignedDuration::from_mins(10),
                ),
            )
            .await?
        {
            ReserveOutcome::Granted(reservation) => reservation,
            ReserveOutcome::Refused { .. } => return Ok(Handled::Missed(Miss::QuotaRefused)),
        };
        let retry_key = push_retry_key(&cx.channel.id, cx.event_id());
        let pushed = self
            .on_fresh_token(cx, client, |c| async move {
                c.push(to, messages, SendOptions::with_retry_key(retry_key))
                    .await
            })
            .await;
        // An already-accepted key means an earlier attempt sent it: the reservation
        // shares that attempt's id, so settling as sent counts the push once
        // whether or not the earlier attempt lived to settle.
        let sent = u64::from(pushed.is_ok());
        if let Err(error) = self.ports.quota.settle(&reservation, sent).await {
            tracing::warn!(event = cx.event_id(), %error, "could not settle the push's quota reservation");
        }
        match pushed {
            Ok(response) => {
                tracing::info!(event = cx.event_id(), request_id = ?response.request_id, %retry_key, "pushed instead of replying");
                Ok(Handled::Pushed)
            }
            Err(LineError::MonthlyLimitReached { .. }) => {
                Ok(Handled::Missed(Miss::MonthlyLimitReached))
            }
            Err(error) => Err(self.line_error(cx, error)),
        }
    }

    /// Runs `call` with `client`; when LINE answers 401 (the access token may have
    /// been reissued), once more with a client whose token was read afresh. A 401
    /// means nothing was sent, so the repeat cannot send twice.
    async fn on_fresh_token<T, F, Fut>(
        &self,
        cx: &Cx<'_>,
        client: &LineClient,
        call: F,
    ) -> Result<T, LineError>
    where
        F: Fn(LineClient) -> Fut,
        Fut: std::future::Future<Output = Result<T, LineError>>,
    {
        let first = call(client.clone()).await;
        if !matches!(first, Err(LineError::Unauthorized { .. })) {
            return first;
        }
        match self.line.refreshed(&cx.channel).await {
            Ok(fresh) => {
                tracing::info!(
                    event = cx.event_id(),
                    "LINE refused the token; retrying once with it read afresh"
                );
                call(fresh).await
            }
            Err(error) => {
                tracing::warn!(event = cx.event_id(), %error, "could not read the access token afresh");
                first
            }
        }
    }

    fn line_error(&self, cx: &Cx<'_>, error: LineError) -> RespondError {
        if matches!(error, LineError::Unauthorized { .. }) {
            // The token may have been rotated: read it again next time.
            self.line.forget(&cx.channel.id);
        }
        tracing::warn!(event = cx.event_id(), request_id = ?error.request_id(), %error, "LINE call failed");
        RespondError::Line(error)
    }

    /// Asks the store's generative backend when the built-in recogniser declined and
    /// nothing else answered; keeps `decision` on any failure.
    async fn consult_oracle(
        &self,
        cx: &Cx<'_>,
        store: Option<&Store>,
        responder: &Responder,
        chat: Chat,
        text: &str,
        decision: Decision,
    ) -> Decision {
        let Some(store) = store else {
            return decision;
        };
        let Some(settings) = &self.options.for_store(Some(&store.key())).generative else {
            return decision;
        };
        let declined = decision.trace.steps.iter().any(|step| {
            // Small talk is declined on purpose: nothing for a model to answer.
            matches!(step, DecisionStep::Intent { declined: Some(d), .. }
                if !matches!(d, Decline::NoIntents | Decline::SmallTalk))
        });
        let answered = matches!(
            decision.source(),
            Some(ReplySource::Rule { .. } | ReplySource::Intent { .. } | ReplySource::AfterHours)
        );
        // Group chatter the account was not asked about is not worth a model call.
        let addressed = matches!(chat, Chat::User | Chat::Group { mentioned: true });
        if !declined || answered || !addressed || cx.mode != Mode::Active {
            return decision;
        }
        let Some(oracle) = self.oracle(store, settings).await else {
            return decision;
        };
        if chat == Chat::User {
            self.start_loading(cx, settings.timeout()).await;
        }
        let intents = &responder.config().intents.intents;
        let chosen = match oracle.choose(text, intents).await {
            Ok(chosen) => chosen,
            Err(error) => {
                tracing::warn!(event = cx.event_id(), %error, "generative backend failed; built-in decision stands");
                return decision;
            }
        };
        let Some(intent) = chosen.and_then(|name| {
            intents
                .iter()
                .find(|i| i.name == name && !i.answer.is_empty())
        }) else {
            return decision;
        };
        let store_name = &responder.config().store_name;
        let messages = intent
            .answer
            .messages
            .iter()
            .map(|m| match m {
                ReplyMessage::Text { text } => {
                    ReplyMessage::text(text.replace("{store}", store_name))
                }
                other => other.clone(),
            })
            .collect();
        Decision {
            outcome: Outcome::Reply {
                messages,
                quick_replies: intent.answer.quick_replies.clone(),
                source: ReplySource::Intent {
                    name: intent.name.clone(),
                    score: 1.0,
                },
            },
            notify_staff: false,
            update: StateUpdate::default(),
            trace: decision.trace,
        }
    }

    /// The store's generative backend, built on first use.
    async fn oracle(
        &self,
        store: &Store,
        settings: &GenerativeSettings,
    ) -> Option<Arc<dyn IntentOracle>> {
        if let Some(oracle) = self.oracles.read().expect("oracles").get(&store.key()) {
            return Some(oracle.clone());
        }
        let api_key = match self.ports.secrets.secret(&settings.api_key_ref).await {
            Ok(key) => key,
            Err(error) => {
                tracing::warn!(store = %store.id, %error, "generative backend key unavailable");
                return None;
            }
        };
        let oracle: Arc<dyn IntentOracle> = match ChatCompletions::new(
            &settings.base_url,
            settings.model.clone(),
            api_key,
            settings.timeout(),
        ) {
            Ok(client) => Arc::new(client),
            Err(error) => {
                tracing::warn!(store = %store.id, %error, "generative backend client could not be built");
                return None;
            }
        };
        self.oracles
            .write()
            .expect("oracles")
            .insert(store.key(), oracle.clone());
        Some(oracle)
    }

    /// Shows the loading animation for as long as the backend may take (1:1 chats
    /// only; LINE allows 5..=60 s in steps of 5). Best effort.
    async fn start_loading(&self, cx: &Cx<'_>, budget: Duration) {
        let Some(chat) = cx.chat_id() else { return };
        let seconds = budget.as_secs().div_ceil(5).clamp(1, 12) as u32 * 5;
        let started = match self.line.client(&cx.channel).await {
            Ok(client) => client.start_loading(chat, seconds).await.map(|_| ()),
            Err(error) => {
                tracing::warn!(event = cx.event_id(), %error, "no LINE client for the loading animation");
                return;
            }
        };
        if let Err(error) = started {
            tracing::warn!(event = cx.event_id(), %error, "loading animation not shown");
        }
    }

    async fn notify_staff(
        &self,
        cx: &Cx<'_>,
        friend: Option<&FriendKey>,
        store: Option<&Store>,
        text: &str,
    ) {
        let Some((store, url)) = store.and_then(|s| Some((s, s.staff_notify_url.as_deref()?)))
        else {
            tracing::info!(
                event = cx.event_id(),
                "a customer waits; no staff notification URL"
            );
            return;
        };
        let notice = StaffNotice {
            store: store.id.to_string(),
            channel: cx.channel.id.to_string(),
            friend: friend
                .map(|f| f.user_id.to_string())
                .or_else(|| cx.chat_id().map(str::to_owned))
                .unwrap_or_default(),
            text: text.to_owned(),
            at: cx.at,
        };
        self.notifier.notify(url, &notice).await;
    }

    /// The profile, or `None` when LINE has none for the user (404) or is unavailable:
    /// a greeting without a name beats no greeting.
    async fn profile(
        &self,
        cx: &Cx<'_>,
        user_id: &str,
    ) -> Result<Option<otodoke_line::Profile>, RespondError> {
        let client = self.line.client(&cx.channel).await?;
        match client.profile(user_id).await {
            Ok(response) => Ok(Some(response.value)),
            Err(LineError::NotFound { .. }) => Ok(None),
            Err(error) => {
                tracing::warn!(event = cx.event_id(), %error, "profile unavailable");
                Ok(None)
            }
        }
    }

    /// Enrols a new follower in the organization's running step sequences of this
    /// channel whose audience the friend is in (tags, attributes, stores: the same
    /// [`Audience::matches`](otodoke_core::campaign::Audience) a broadcast applies).
    async fn enrol(
        &self,
        cx: &Cx<'_>,
        friend: &Friend,
        store: Option<&Store>,
    ) -> Result<(), RespondError> {
        let tz = store
            .and_then(|s| TimeZone::get(&s.time_zone).ok())
            .unwrap_or_else(|| TimeZone::get("Asia/Tokyo").expect("bundled tz database"));
        let mut stores: Option<Vec<Store>> = None;
        let mut page = PageRequest::first(100);
        loop {
            let campaigns = self.ports.campaigns.by_org(friend.org(), page).await?;
            for campaign in &campaigns.items {
                let Schedule::Sequence { steps } = &campaign.schedule else {
                    continue;
                };
                let Some(first) = steps.first() else { continue };
                if campaign.channel_id != cx.channel.id
                    || campaign.status != CampaignStatus::Running
                {
                    continue;
                }
                if !campaign.audience.stores.is_empty() && stores.is_none() {
                    stores = Some(self.ports.orgs.stores(friend.org()).await?);
                }
                let subtree = campaign
                    .audience
                    .store_subtree(stores.as_deref().unwrap_or_default());
                if !campaign
                    .audience
                    .matches(friend, &cx.channel.id, cx.now, subtree.as_ref())
                {
                    tracing::debug!(campaign = %campaign.id, "follower outside the sequence's audience");
                    continue;
                }
                let enrolled = self
                    .ports
                    .enrolments
                    .enrol(&Enrolment {
                        campaign_id: campaign.id.clone(),
                        friend: friend.key.clone(),
                        channel: cx.channel.id.clone(),
                        next_step: 0,
                        due_at: first_due(cx.at, first, &tz),
                        status: EnrolmentStatus::Active,
                    })
                    .await?;
                tracing::info!(campaign = %campaign.id, enrolled, "step sequence enrolment");
            }
            match campaigns.next {
                Some(cursor) => page = PageRequest::after(cursor, 100),
                None => return Ok(()),
            }
        }
    }

    /// Loads (or, given `create`, creates) a friend, applies `edit` and saves it
    /// (`otodoke_core::friend::edit_or_create`). `Ok(None)`: no such friend and none
    /// to create.
    async fn update_friend(
        &self,
        key: &FriendKey,
        create: bool,
        now: Timestamp,
        edit: impl FnMut(&mut Friend),
    ) -> Result<Option<Friend>, StoreError> {
        otodoke_core::friend::edit_or_create(&*self.ports.friends, key, create, now, edit).await
    }

    async fn organization(&self, batch: &Batch, id: &OrgId) -> Result<Organization, RespondError> {
        batch
            .organizations
            .get(id, || self.ports.orgs.organization(id))
            .await?
            .ok_or_else(|| RespondError::UnknownOrganization(id.to_string()))
    }

    /// The store a channel's events go to when the friend has none: the channel's
    /// store, its default store, else the organization's default store.
    async fn channel_store(
        &self,
        batch: &Batch,
        channel: &Channel,
    ) -> Result<Option<StoreId>, RespondError> {
        if let Some(store) = channel.store_id.as_ref().or(channel.default_store.as_ref()) {
            return Ok(Some(store.clone()));
        }
        Ok(self
            .organization(batch, &channel.org_id)
            .await?
            .default_store)
    }

    /// The store `id` of `org` as it answers (its effective configuration), read
    /// once per batch.
    async fn store(
        &self,
        batch: &Batch,
        org: &OrgId,
        id: Option<&StoreId>,
    ) -> Result<Option<Store>, RespondError> {
        let Some(id) = id else { return Ok(None) };
        batch
            .stores
            .get(&StoreKey::new(org.clone(), id.clone()), || {
                self.read_store(org, id)
            })
            .await
    }

    async fn read_store(&self, org: &OrgId, id: &StoreId) -> Result<Option<Store>, RespondError> {
        let Some(mut store) = self.ports.orgs.store(org, id).await? else {
            tracing::warn!(store = %id, "assigned store does not exist; default answers apply");
            return Ok(None);
        };
        // A store that takes parts from a region or the organization answers with its
        // effective configuration: two more reads (the organization's stores and the
        // organization), only for such stores.
        if !store.inherits.is_empty() {
            let stores = self.ports.orgs.stores(org).await?;
            let organization = self.ports.orgs.organization(org).await?;
            store.reply =
                otodoke_core::inherit::effective(&store, &stores, organization.as_ref()).config;
            store.inherits.clear();
        }
        Ok(Some(store))
    }
}

/// The store whose settings answer an event on `channel` from a friend assigned to
/// `friend_store`. A store's own channel (one channel per store) always answers as
/// that store, whichever store the person was first assigned to by following another
/// of the organization's channels; a shared channel answers as the friend's store.
pub(crate) fn answering_store(
    channel: &Channel,
    friend_store: Option<&StoreId>,
) -> Option<StoreId> {
    channel.store_id.as_ref().or(friend_store).cloned()
}

/// The text without mentions of this bot (`bot_user_id`), and whether there was one.
/// LINE's mention positions count UTF-16 code units.
fn without_own_mentions(
    text: &str,
    mention: Option<&Mention>,
    bot_user_id: &str,
) -> (String, bool) {
    let spans: Vec<(usize, usize)> = mention
        .into_iter()
        .flat_map(|m| &m.mentionees)
        .filter(|m| m.is_self == Some(true) || m.user_id.as_deref() == Some(bot_user_id))
        .map(|m| (m.index as usize, (m.index + m.length) as usize))
        .collect();
    if spans.is_empty() {
        return (text.to_owned(), false);
    }
    let kept: Vec<u16> = text
        .encode_utf16()
        .enumerate()
        .filter(|(i, _)| !spans.iter().any(|(from, to)| (*from..*to).contains(i)))
        .map(|(_, unit)| unit)
        .collect();
    (String::from_utf16_lossy(&kept).trim().to_owned(), true)
}

/// The push's `X-Line-Retry-Key`: a hash of the channel and event id, formatted as a
/// UUID, so every attempt for one event carries the same key and LINE sends once.
pub fn push_retry_key(channel: &ChannelId, webhook_event_id: &str) -> uuid::Uuid {
    let digest = Sha256::new()
        .chain_update(b"otodoke:respond:push:")
        .chain_update(channel.as_str())
        .chain_update(b":")
        .chain_update(webhook_event_id)
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_push_retry_key_is_the_same_for_every_attempt_of_one_event_only() {
        let channel = ChannelId::new("1234").unwrap();
        let a = push_retry_key(&channel, "01HEVENT");
        assert_eq!(a, push_retry_key(&channel, "01HEVENT"));
        assert_ne!(a, push_retry_key(&channel, "01HOTHER"));
        assert_ne!(
            a,
            push_retry_key(&ChannelId::new("5678").unwrap(), "01HEVENT")
        );
    }

    #[test]
    fn a_mention_of_the_bot_is_cut_out_and_reported() {
        let mention: Mention = serde_json::from_value(serde_json::json!(
            {"mentionees": [{"index": 0, "length": 4, "type": "user", "isSelf": true}]}
        ))
        .unwrap();
        assert_eq!(
            without_own_mentions("@カフェ 営業時間は？", Some(&mention), "Ubot"),
            ("営業時間は？".to_owned(), true)
        );
    }

    #[test]
    fn a_mention_of_someone_else_is_kept_and_not_ours() {
        let mention: Mention = serde_json::from_value(serde_json::json!(
            {"mentionees": [{"index": 0, "length": 3, "type": "user", "userId": "Uother"}]}
        ))
        .unwrap();
        assert_eq!(
            without_own_mentions("@花子 営業時間は？", Some(&mention), "Ubot"),
            ("@花子 営業時間は？".to_owned(), false)
        );
    }
}
