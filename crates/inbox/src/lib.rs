//! What staff do in a 1:1 chat (LINEチャット): answer as themselves, take the chat
//! over from the bot and give it back, assign it, read it.
//!
//! A staff member's message goes out with the customer's reply token while the
//! thread holds one that nothing used (free), otherwise by push under one message of
//! quota reserved first, with a retry key derived from the client's idempotency key:
//! a double click, a retried request or a crashed attempt sends once. Only what LINE
//! accepted is recorded as sent; a refusal is recorded as a failed attempt and
//! answered as a [`ChatError`], so staff see why.
//!
//! Sending takes the chat over from the bot for the store's hand-off window
//! (`InboxSettings::handoff_minutes`), counted from the staff member's last message.

mod line;

pub use line::{ChatLine, LineChat, LineFailure};

use jiff::{SignedDuration, Timestamp};
use otodoke_core::conversation::{ConversationEntry, Delivery, Direction, Sender};
use otodoke_core::friend::{Friend, FriendKey};
use otodoke_core::metrics::{self, increments, Counter, Increment, MetricKey};
use otodoke_core::organization::{Channel, InboxSettings, Staff, Store};
use otodoke_core::ports::{
    Claim, ConversationStore, FriendStore, IdempotencyStore, MetricsStore, QuotaStore, ThreadStore,
};
use otodoke_core::quota::{Hold, QuotaKey, QuotaMonth, ReserveOutcome};
use otodoke_core::thread::{
    self, Thread, ThreadChange, ThreadEvent, ThreadKey, ThreadLogEntry, ThreadStatus, WaitEnd,
};
use otodoke_core::{StaffId, StoreError};
use otodoke_line::{LineError, Message, Sender as LineSender};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Why a staff action did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ChatError {
    /// The request is not valid (an empty text, a bad idempotency key, a message LINE
    /// would refuse); the message says what.
    #[error("{0}")]
    Invalid(String),
    /// The same idempotency key is being sent right now (a double click).
    #[error("this message is being sent already")]
    InProgress,
    /// The customer blocked the account or never followed this channel.
    #[error("the customer does not follow this account (blocked it, or never added it)")]
    NotFollowing,
    /// No reply token was usable and otodoke's quota (plan or store budget) has no
    /// room for a push.
    #[error("no message quota left this month for this channel or store")]
    QuotaExhausted,
    /// LINE says the channel's monthly message limit is reached.
    #[error("LINE says this account's monthly message limit is reached")]
    MonthlyLimitReached,
    /// LINE refused the message (not retryable); LINE's words.
    #[error("LINE refused the message: {0}")]
    Rejected(String),
    /// LINE or storage could not be reached; the same request may be retried with the
    /// same idempotency key (it will not send twice).
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a staff member sends.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    Text(String),
    /// HTTPS URLs LINE fetches (the original and a preview).
    Image {
        original_url: String,
        preview_url: String,
    },
    Sticker {
        package_id: String,
        sticker_id: String,
    },
}

/// The chat a staff action is about.
#[derive(Debug, Clone, Copy)]
pub struct ChatRef<'a> {
    pub channel: &'a Channel,
    pub store: Option<&'a Store>,
    pub friend: &'a Friend,
}

impl ChatRef<'_> {
    pub fn thread_key(&self) -> ThreadKey {
        ThreadKey {
            friend: self.friend.key.clone(),
            channel: self.channel.id.clone(),
        }
    }

    fn inbox(&self) -> InboxSettings {
        self.store.map(|s| s.inbox.clone()).unwrap_or_default()
    }
}

/// What a send amounted to.
#[derive(Debug, Clone, PartialEq)]
pub enum Sent {
    /// Sent now; the recorded entry (its `delivery` says how).
    Now(Box<ConversationEntry>),
    /// This idempotency key was sent before: nothing was sent again.
    Before,
}

/// How long a send's claim holds before another attempt with the same key may
/// take over (a crashed attempt): longer than a send with LINE's retries takes.
const SEND_LEASE: SignedDuration = SignedDuration::from_secs(60);
/// How long a sent key is remembered: LINE's retry keys hold for 24 hours.
const SENT_KEPT: SignedDuration = SignedDuration::from_hours(24);
/// Idempotency keys are the client's: bounded and plain, so they fit in a key.
const MAX_IDEMPOTENCY_KEY: usize = 128;

/// The staff side of the chat, over the ports it needs.
#[derive(Clone)]
pub struct StaffChat {
    pub threads: Arc<dyn ThreadStore>,
    pub conversations: Arc<dyn ConversationStore>,
    pub friends: Arc<dyn FriendStore>,
    pub quota: Arc<dyn QuotaStore>,
    pub idempotency: Arc<dyn IdempotencyStore>,
    pub line: Arc<dyn ChatLine>,
    /// The report counters (a sent staff message is an `answer_staff`).
    pub metrics: Arc<dyn MetricsStore>,
}

/// LINE's `sender` for a staff member: their sender name (else display name), cut
/// to LINE's 20 characters, and their icon.
pub fn sender_of(staff: &Staff) -> LineSender {
    let name = staff
        .sender_name
        .clone()
        .unwrap_or_else(|| staff.display_name.clone());
    let name: String = name.chars().take(20).collect();
    let sender = LineSender::new(name);
    match &staff.sender_icon_url {
        Some(url) => sender.with_icon_url(url.clone()),
        None => sender,
    }
}

/// The message object of `outgoing`, from `staff`, checked against LINE's rules.
pub fn message_of(outgoing: &Outgoing, staff: &Staff) -> Result<Message, ChatError> {
    let message = match outgoing {
        Outgoing::Text(text) if text.trim().is_empty() => {
            return Err(ChatError::Invalid("the text is empty".into()))
        }
        Outgoing::Text(text) => Message::text(text.clone()),
        Outgoing::Image {
            original_url,
            preview_url,
        } => Message::image(original_url.clone(), preview_url.clone()),
        Outgoing::Sticker {
            package_id,
            sticker_id,
        } => Message::sticker(package_id.clone(), sticker_id.clone()),
    }
    .with_sender(sender_of(staff));
    message
        .validate()
        .map_err(|e| ChatError::Invalid(e.to_string()))?;
    Ok(message)
}

/// The text the history and the inbox show for `outgoing`.
pub fn plain_text(outgoing: &Outgoing) -> String {
    match outgoing {
        Outgoing::Text(text) => text.clone(),
        Outgoing::Image { .. } => "[image]".into(),
        Outgoing::Sticker { .. } => "[sticker]".into(),
    }
}

/// The push's `X-Line-Retry-Key` for a client's idempotency key: the same for every
/// attempt of one message, different for every chat and key.
pub fn retry_key(chat: &ThreadKey, idempotency_key: &str) -> uuid::Uuid {
    let digest = Sha256::new()
        .chain_update(b"otodoke:staff-send:")
        .chain_update(chat.friend.encode())
        .chain_update(b":")
        .chain_update(chat.channel.as_str())
        .chain_update(b":")
        .chain_update(idempotency_key)
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

fn check_idempotency_key(key: &str) -> Result<(), ChatError> {
    let plain = key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY || !plain {
        return Err(ChatError::Invalid(format!(
            "Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY} letters, digits, '-', '_' or '.'"
        )));
    }
    Ok(())
}

impl StaffChat {
    /// Sends `outgoing` to the chat as `staff`, once per `idempotency_key`.
    ///
    /// Cost: a claim and its completion, a thread read (and a save when a reply
    /// token is taken), one LINE call (two when the token turns out used), for a
    /// push a quota reservation and its settlement, then the entry, the thread and
    /// the friend's hand-off.
    pub async fn send(
        &self,
        chat: ChatRef<'_>,
        staff: &Staff,
        outgoing: &Outgoing,
        idempotency_key: &str,
        now: Timestamp,
    ) -> Result<Sent, ChatError> {
        check_idempotency_key(idempotency_key)?;
        let message = message_of(outgoing, staff)?;
        if !chat.friend.follows(&chat.channel.id) {
            return Err(ChatError::NotFollowing);
        }
        let key = chat.thread_key();
        let claim = format!(
            "staff-send:{}:{}:{idempotency_key}",
            key.friend.encode(),
            key.channel
        );
        match self.idempotency.claim(&claim, now, SEND_LEASE).await? {
            Claim::Claimed => {}
            Claim::AlreadyDone => return Ok(Sent::Before),
            Claim::InProgress => return Err(ChatError::InProgress),
        }
        let delivered = self
            .deliver(chat, &key, &message, idempotency_key, now)
            .await;
        let delivery = match delivered {
            Ok(delivery) => delivery,
            Err(error) => {
                if let Err(e) = self.idempotency.abandon(&claim).await {
                    tracing::warn!(error = %e, "could not abandon the send's claim; it expires with its lease");
                }
                if let Some(reason) = recorded_failure(&error) {
                    let failed = entry(
                        chat,
                        staff,
                        outgoing,
                        &message,
                        now,
                        Delivery::Failed { reason },
                    );
                    if let Err(e) = self.conversations.append(&failed).await {
                        tracing::warn!(error = %e, "could not record the failed attempt");
                    }
                }
                return Err(error);
            }
        };
        // Sent: nothing below may fail the request, or a retry would look like a
        // new message (it would not send again, but staff would be told it failed).
        let sent = entry(chat, staff, outgoing, &message, now, delivery);
        if let Err(error) = self.conversations.append(&sent).await {
            tracing::warn!(%error, "could not record a sent staff message");
        }
        let change = ThreadChange::Staff {
            at: now,
            text: sent.text.clone(),
            staff: staff.id.clone(),
        };
        // The wait this message answered, if it is the first reply since one began.
        let answered = match self.record(chat, change, now).await {
            Ok(thread) => thread.wait_ended.filter(|w| w.answered && w.at == now),
            Err(error) => {
                tracing::warn!(%error, "could not update the inbox thread");
                None
            }
        };
        let until = now + chat.inbox().handoff_window();
        if let Err(error) = self
            .edit_friend(&chat.friend.key, now, |f| {
                f.conversation.handoff_until = Some(until);
                f.conversation.handoff_by = Some(staff.id.clone());
            })
            .await
        {
            tracing::warn!(%error, "could not extend the hand-off");
        }
        self.count(chat, idempotency_key, answered, now).await;
        if let Err(error) = self.idempotency.complete(&claim, now, SENT_KEPT).await {
            tracing::warn!(%error, "could not mark the message as sent");
        }
        Ok(Sent::Now(Box::new(sent)))
    }

    /// Counts the sent message for reports, once per thread and idempotency key
    /// (`staff:<thread>:<key>`: a retried request whose claim was lost counts once),
    /// and, when it was the first reply to a wait, the reply's time in business hours
    /// on the day the wait began. One `MetricsStore::add`; a failure is logged (the
    /// message is out).
    async fn count(
        &self,
        chat: ChatRef<'_>,
        idempotency_key: &str,
        answered: Option<WaitEnd>,
        now: Timestamp,
    ) {
        let mut incs = increments(&metric_key(chat, now), &[Counter::AnswerStaff]);
        if let Some(wait) = answered {
            let open = match chat.store {
                Some(store) => store.open_between(wait.since, wait.at),
                None => wait.at.duration_since(wait.since),
            };
            let key = metric_key(chat, wait.since);
            let seconds = u64::try_from(open.as_secs()).unwrap_or(0);
            incs.extend(
                metrics::first_reply(seconds)
                    .into_iter()
                    .map(|(counter, by)| Increment {
                        key: key.clone(),
                        counter,
                        by,
                    }),
            );
        }
        let thread = chat.thread_key();
        let dedupe = format!(
            "staff:{}:{}:{idempotency_key}",
            thread.friend.encode(),
            thread.channel
        );
        if let Err(error) = self.metrics.add(&incs, &dedupe).await {
            tracing::warn!(%error, "could not count the staff message for reports");
        }
    }

    /// Counts a wait closed with no staff message, on the day it began, once per
    /// wait (`close:<thread>:<since>`).
    async fn count_closed(&self, chat: ChatRef<'_>, wait: WaitEnd) {
        let thread = chat.thread_key();
        let dedupe = format!(
            "close:{}:{}:{}",
            thread.friend.encode(),
            thread.channel,
            wait.since.as_millisecond()
        );
        let incs = increments(&metric_key(chat, wait.since), &[Counter::StaffWaitsClosed]);
        if let Err(error) = self.metrics.add(&incs, &dedupe).await {
            tracing::warn!(%error, "could not count the closed wait for reports");
        }
    }

    /// Sends with the held reply token if one is usable, else by push.
    async fn deliver(
        &self,
        chat: ChatRef<'_>,
        key: &ThreadKey,
        message: &Message,
        idempotency_key: &str,
        now: Timestamp,
    ) -> Result<Delivery, ChatError> {
        if let Some(token) = self.take_reply_token(key, now).await? {
            match self
                .line
                .reply(chat.channel, &token, std::slice::from_ref(message))
                .await
            {
                Ok(()) => return Ok(Delivery::Replied),
                // Used or expired after all: push instead (a reply that failed this
                // way sent nothing).
                Err(LineFailure::Line(LineError::InvalidReplyToken { .. })) => {}
                Err(error) => return Err(line_failure(error)),
            }
        }
        self.push(chat, key, message, idempotency_key, now).await
    }

    /// Takes the thread's held reply token if it is still usable: the thread is saved
    /// without it first, so two staff members answering at once use it once.
    async fn take_reply_token(
        &self,
        key: &ThreadKey,
        now: Timestamp,
    ) -> Result<Option<String>, ChatError> {
        for _ in 0..3 {
            let Some(mut thread) = self.threads.thread(key).await? else {
                return Ok(None);
            };
            let Some(token) = thread.usable_reply_token(now).map(str::to_owned) else {
                return Ok(None);
            };
            thread.apply(ThreadChange::ReplyTokenUsed);
            match self.threads.save(&thread).await {
                Ok(_) => return Ok(Some(token)),
                Err(StoreError::Conflict) => continue,
                Err(error) => return Err(error.into()),
            }
        }
        Ok(None)
    }

    async fn push(
        &self,
        chat: ChatRef<'_>,
        key: &ThreadKey,
        message: &Message,
        idempotency_key: &str,
        now: Timestamp,
    ) -> Result<Delivery, ChatError> {
        let retry_key = retry_key(key, idempotency_key);
        push_counted(
            &*self.quota,
            &*self.line,
            Push {
                channel: chat.channel,
                store: chat.store,
                to: key.friend.user_id.as_str(),
                messages: std::slice::from_ref(message),
                retry_key,
                hold: format!("staff#{retry_key}"),
            },
            now,
        )
        .await
    }

    /// Takes the chat over from the bot for `minutes` (else the store's window).
    pub async fn take_over(
        &self,
        chat: ChatRef<'_>,
        staff: &StaffId,
        minutes: Option<u32>,
        now: Timestamp,
    ) -> Result<Thread, ChatError> {
        let mut inbox = chat.inbox();
        if let Some(minutes) = minutes {
            if minutes == 0 || minutes > InboxSettings::MAX_HANDOFF_MINUTES {
                return Err(ChatError::Invalid(format!(
                    "minutes must be 1 to {}",
                    InboxSettings::MAX_HANDOFF_MINUTES
                )));
            }
            inbox.handoff_minutes = minutes;
        }
        let until = now + inbox.handoff_window();
        self.edit_friend(&chat.friend.key, now, |f| {
            f.conversation.handoff_until = Some(until);
            f.conversation.handoff_by = Some(staff.clone());
        })
        .await?;
        let entry = ThreadLogEntry {
            at: now,
            by: Some(staff.clone()),
            what: ThreadEvent::HandedOff { until },
        };
        Ok(self.record(chat, ThreadChange::Log(entry), now).await?)
    }

    /// Gives the chat back to the bot at once.
    pub async fn return_to_bot(
        &self,
        chat: ChatRef<'_>,
        staff: &StaffId,
        now: Timestamp,
    ) -> Result<Thread, ChatError> {
        self.edit_friend(&chat.friend.key, now, |f| {
            f.conversation.handoff_until = None;
            f.conversation.handoff_by = None;
        })
        .await?;
        let entry = ThreadLogEntry {
            at: now,
            by: Some(staff.clone()),
            what: ThreadEvent::ReturnedToBot,
        };
        Ok(self.record(chat, ThreadChange::Log(entry), now).await?)
    }

    /// Assigns the customer to `to` (個別ID; `None` unassigns): on the friend, and on
    /// each of their threads that exists, where the change is logged.
    pub async fn assign(
        &self,
        chat: ChatRef<'_>,
        by: &StaffId,
        to: Option<StaffId>,
        now: Timestamp,
    ) -> Result<Thread, ChatError> {
        let friend = self
            .edit_friend(&chat.friend.key, now, |f| f.assignee = to.clone())
            .await?;
        for channel in friend.channels.keys().filter(|c| **c != chat.channel.id) {
            let other = ThreadKey {
                friend: friend.key.clone(),
                channel: channel.clone(),
            };
            if self.threads.thread(&other).await?.is_some() {
                let change = ThreadChange::Assign {
                    at: now,
                    by: Some(by.clone()),
                    to: to.clone(),
                };
                thread::record(self.threads.as_ref(), &other, None, now, change).await?;
            }
        }
        let change = ThreadChange::Assign {
            at: now,
            by: Some(by.clone()),
            to,
        };
        Ok(self.record(chat, change, now).await?)
    }

    /// Marks the thread read by `staff`; when the store asks for it, LINE shows the
    /// customer 既読 too (best effort: returns whether LINE did).
    pub async fn mark_read(
        &self,
        chat: ChatRef<'_>,
        staff: &StaffId,
        now: Timestamp,
    ) -> Result<(Thread, bool), ChatError> {
        let change = ThreadChange::Read {
            at: now,
            by: staff.clone(),
        };
        let thread = self.record(chat, change, now).await?;
        let mut shown = false;
        if chat.inbox().mark_read_on_line {
            if let Some(token) = &thread.mark_as_read_token {
                match self.line.mark_as_read(chat.channel, token).await {
                    Ok(()) => shown = true,
                    Err(error) => {
                        tracing::warn!(%error, "LINE did not mark the chat read")
                    }
                }
            }
        }
        Ok((thread, shown))
    }

    pub async fn set_status(
        &self,
        chat: ChatRef<'_>,
        staff: &StaffId,
        status: ThreadStatus,
        now: Timestamp,
    ) -> Result<Thread, ChatError> {
        let change = ThreadChange::SetStatus {
            at: now,
            by: staff.clone(),
            status,
        };
        let thread = self.record(chat, change, now).await?;
        if let Some(wait) = thread.wait_ended.filter(|w| !w.answered && w.at == now) {
            self.count_closed(chat, wait).await;
        }
        Ok(thread)
    }

    async fn record(
        &self,
        chat: ChatRef<'_>,
        change: ThreadChange,
        now: Timestamp,
    ) -> Result<Thread, StoreError> {
        let store = chat.store.map(|s| s.id.clone());
        thread::record(
            self.threads.as_ref(),
            &chat.thread_key(),
            store.as_ref(),
            now,
            change,
        )
        .await
    }

    async fn edit_friend(
        &self,
        key: &FriendKey,
        now: Timestamp,
        edit: impl FnMut(&mut Friend),
    ) -> Result<Friend, StoreError> {
        otodoke_core::friend::edit(&*self.friends, key, now, edit).await
    }
}

/// The report row of `chat` on the JST day of `at`: the answering store is the
/// channel's, else the customer's (as the inbox loads it).
fn metric_key(chat: ChatRef<'_>, at: Timestamp) -> MetricKey {
    let store = chat
        .channel
        .store_id
        .as_ref()
        .or(chat.friend.store_id.as_ref());
    MetricKey::at(
        chat.channel.org_id.clone(),
        chat.channel.id.clone(),
        store.cloned(),
        at,
    )
}

/// The conversation entry of a staff message.
fn entry(
    chat: ChatRef<'_>,
    staff: &Staff,
    outgoing: &Outgoing,
    message: &Message,
    now: Timestamp,
    delivery: Delivery,
) -> ConversationEntry {
    let millis = u64::try_from(now.as_millisecond()).unwrap_or_default();
    ConversationEntry {
        // A ULID of the send's time: sorts into the history where it happened.
        id: ulid::Ulid::from_parts(millis, rand_bits()).to_string(),
        friend: chat.friend.key.clone(),
        channel: chat.channel.id.clone(),
        store_id: chat.store.map(|s| s.id.clone()),
        at: now,
        direction: Direction::Outbound,
        line_message_id: None,
        text: plain_text(outgoing),
        payload: serde_json::to_value(message).unwrap_or_default(),
        sender: Sender::Staff(staff.id.clone()),
        hidden: false,
        expires_at: chat.store.and_then(|s| s.retention_end(now)),
        delivery: Some(delivery),
        declined_intent: false,
        media: None,
    }
}

fn rand_bits() -> u128 {
    u128::from_le_bytes(*uuid::Uuid::new_v4().as_bytes()) >> 48
}

/// A LINE failure as staff should hear it.
/// A push that counts against the channel's quota (and the store's budget).
pub struct Push<'a> {
    pub channel: &'a Channel,
    pub store: Option<&'a Store>,
    /// A LINE user id.
    pub to: &'a str,
    pub messages: &'a [Message],
    /// LINE's `X-Line-Retry-Key`: the same for every attempt of one send.
    pub retry_key: uuid::Uuid,
    /// The quota hold's id: the same for every attempt of one send.
    pub hold: String,
}

/// Pushes under one message of quota reserved first (a message counts once per
/// recipient however many bubbles it has) and settled after: refused with
/// [`ChatError::QuotaExhausted`] when the plan or the store's budget has no room.
pub async fn push_counted(
    quota: &dyn QuotaStore,
    line: &dyn ChatLine,
    push: Push<'_>,
    now: Timestamp,
) -> Result<Delivery, ChatError> {
    let quota_key = QuotaKey {
        channel: push.channel.id.clone(),
        month: QuotaMonth::containing(now),
    };
    let store_key = push.store.map(Store::key);
    let budget = push
        .store
        .zip(store_key.as_ref())
        .and_then(|(s, k)| s.monthly_budget.map(|b| (k, b)));
    let hold = Hold::new(push.hold, now, SignedDuration::from_mins(10));
    let reservation = match quota
        .reserve(
            &quota_key,
            1,
            push.channel.plan.monthly_limit(),
            budget,
            &hold,
        )
        .await?
    {
        ReserveOutcome::Granted(reservation) => reservation,
        ReserveOutcome::Refused { .. } => return Err(ChatError::QuotaExhausted),
    };
    let pushed = line
        .push(push.channel, push.to, push.messages, push.retry_key)
        .await;
    if let Err(error) = quota.settle(&reservation, u64::from(pushed.is_ok())).await {
        tracing::warn!(%error, "could not settle the push's quota reservation");
    }
    pushed.map(|()| Delivery::Pushed).map_err(line_failure)
}

/// The chat error a LINE failure is.
pub fn line_failure(error: LineFailure) -> ChatError {
    let error = match error {
        LineFailure::Line(error) => error,
        LineFailure::Setup(why) => return ChatError::Unavailable(why),
    };
    match error {
        LineError::MonthlyLimitReached { .. } => ChatError::MonthlyLimitReached,
        error if error.is_retryable() => ChatError::Unavailable(format!("LINE: {error}")),
        LineError::Unauthorized { .. } => {
            ChatError::Unavailable("LINE refused the channel's access token".into())
        }
        error => ChatError::Rejected(error.to_string()),
    }
}

/// The reason recorded in the history for a failure that is an answer (not an
/// outage): staff see the attempt and why it did not go out.
fn recorded_failure(error: &ChatError) -> Option<String> {
    match error {
        ChatError::QuotaExhausted | ChatError::MonthlyLimitReached | ChatError::Rejected(_) => {
            Some(error.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
