//! The staff inbox: one thread per friend and channel (LINEチャット).
//!
//! A thread is the inbox's summary of a 1:1 chat: its last message, how many of the
//! customer's messages no staff member has read, its status, who it is assigned to,
//! and a short log of what staff did with it. The messages themselves stay in the
//! conversation history; a thread only points at the newest one.
//!
//! Every change goes through [`Thread::apply`], the one place the inbox's rules live
//! (a customer message reopens, a staff reply waits on the customer, ...). Storage
//! saves the result under an optimistic version check, so a change is read, applied
//! and written again on conflict ([`record`]).

use crate::conversation::Sender;
use crate::error::StoreError;
use crate::friend::FriendKey;
use crate::ids::{ChannelId, OrgId, StaffId, StoreId};
use crate::page::{Cursor, Page, PageRequest};
use crate::ports::ThreadStore;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// A thread: a friend's chat on one channel.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ThreadKey {
    pub friend: FriendKey,
    pub channel: ChannelId,
}

impl ThreadKey {
    pub fn org(&self) -> &OrgId {
        &self.friend.org
    }
}

/// Where a thread stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreadStatus {
    /// The customer wrote and no staff member has answered since.
    Open,
    /// A staff member answered; the next move is the customer's.
    Waiting,
    /// Staff closed it; the customer's next message reopens it.
    Resolved,
}

impl ThreadStatus {
    pub const ALL: [ThreadStatus; 3] = [Self::Open, Self::Waiting, Self::Resolved];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Waiting => "waiting",
            Self::Resolved => "resolved",
        }
    }
}

/// The newest message of a thread, as the inbox lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastMessage {
    pub at: Timestamp,
    /// The plain-text rendering (`[image]` for an image, ...), cut to [`PREVIEW_CHARS`].
    pub text: String,
    pub sender: Sender,
}

/// How much of a message the inbox keeps for its list.
pub const PREVIEW_CHARS: usize = 120;

/// A reply token LINE gave with a customer message that nothing answered: a staff
/// member answering soon can use it (replies are free), once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldReplyToken {
    pub token: String,
    pub received_at: Timestamp,
}

impl HeldReplyToken {
    /// LINE accepts a reply token for about a minute (it does not promise the exact
    /// figure); staff get 50 s of it, so that a reply never races the expiry.
    pub const USABLE_FOR: SignedDuration = SignedDuration::from_secs(50);

    pub fn usable_at(&self, now: Timestamp) -> bool {
        now.duration_since(self.received_at) < Self::USABLE_FOR
    }
}

/// What staff did with a thread, kept on it (newest last, at most [`LOG_LIMIT`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadLogEntry {
    pub at: Timestamp,
    /// Who did it; `None` for otodoke itself (a customer asking for a person).
    pub by: Option<StaffId>,
    pub what: ThreadEvent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ThreadEvent {
    Assigned { to: Option<StaffId> },
    Status { status: ThreadStatus },
    HandedOff { until: Timestamp },
    ReturnedToBot,
}

/// How a customer's wait for a person ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitEnd {
    /// When the wait began.
    pub since: Timestamp,
    /// When it ended.
    pub at: Timestamp,
    /// Whether a staff message ended it (else the thread was resolved unanswered).
    pub answered: bool,
}

/// How many log entries a thread keeps.
pub const LOG_LIMIT: usize = 50;

/// The inbox's record of one chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub key: ThreadKey,
    /// The store the friend belongs to (the inbox lists threads per store).
    pub store_id: Option<StoreId>,
    pub status: ThreadStatus,
    /// Mirrors the friend's assignee (個別ID), so the inbox can list "mine".
    pub assignee: Option<StaffId>,
    /// When anything last happened in it: the inbox's order and the change cursor.
    pub activity_at: Timestamp,
    /// When the thread was last saved (by otodoke's clock, not LINE's): what the
    /// change cursor follows, so a late event's old timestamp is still seen.
    pub changed_at: Timestamp,
    pub last: Option<LastMessage>,
    /// Customer messages since a staff member last read or answered the thread.
    pub unread: u32,
    /// The id of the newest customer message counted in `unread`: a redelivered
    /// message is not counted twice.
    pub last_customer_entry: Option<String>,
    /// Who read the thread last, and when.
    pub read_by: Option<StaffId>,
    pub read_at: Option<Timestamp>,
    /// A customer message is waiting for a person: nothing but a person can answer
    /// it (the bot fell back, answered after hours, was silent, or the customer asked
    /// for a person). Cleared when staff answer.
    pub awaiting_staff: bool,
    /// When the customer began waiting for a person (the message that set
    /// `awaiting_staff`): the start of the wait a first reply is timed from.
    #[serde(default)]
    pub waiting_since: Option<Timestamp>,
    /// How the last wait ended (set by the change that ended it), for the reports'
    /// first-reply counters.
    #[serde(default)]
    pub wait_ended: Option<WaitEnd>,
    #[serde(default)]
    pub reply_token: Option<HeldReplyToken>,
    /// LINE's token for showing 既読 to the customer (the newest message's).
    #[serde(default)]
    pub mark_as_read_token: Option<String>,
    #[serde(default)]
    pub log: Vec<ThreadLogEntry>,
    /// Optimistic-concurrency version (0: never saved).
    pub version: u64,
}

/// One change to a thread.
#[derive(Debug, Clone, PartialEq)]
pub enum ThreadChange {
    /// A customer wrote. `answered` says whether the bot answered it with something
    /// that needs no person (a rule, an intent); `reply_token` is kept when nothing
    /// was sent with it.
    Customer {
        entry_id: String,
        at: Timestamp,
        text: String,
        answered: bool,
        reply_token: Option<String>,
        mark_as_read_token: Option<String>,
    },
    /// The bot answered (the customer message was recorded before).
    Bot {
        at: Timestamp,
        text: String,
        sender: Sender,
    },
    /// A staff member's message went out (a reply counts as reading the thread).
    Staff {
        at: Timestamp,
        text: String,
        staff: StaffId,
    },
    /// A campaign or step message went out to the friend.
    Campaign {
        at: Timestamp,
        text: String,
        sender: Sender,
    },
    Read {
        at: Timestamp,
        by: StaffId,
    },
    SetStatus {
        at: Timestamp,
        by: StaffId,
        status: ThreadStatus,
    },
    Assign {
        at: Timestamp,
        by: Option<StaffId>,
        to: Option<StaffId>,
    },
    Log(ThreadLogEntry),
    /// The held reply token was used (or found expired): forget it.
    ReplyTokenUsed,
}

impl Thread {
    /// A thread never saved: created by its first change.
    pub fn new(key: ThreadKey, store_id: Option<StoreId>, now: Timestamp) -> Self {
        Self {
            key,
            store_id,
            status: ThreadStatus::Open,
            assignee: None,
            activity_at: now,
            changed_at: now,
            last: None,
            unread: 0,
            last_customer_entry: None,
            read_by: None,
            read_at: None,
            awaiting_staff: false,
            waiting_since: None,
            wait_ended: None,
            reply_token: None,
            mark_as_read_token: None,
            log: Vec::new(),
            version: 0,
        }
    }

    /// Applies `change`; returns whether anything changed (a redelivered customer
    /// message changes nothing).
    pub fn apply(&mut self, change: ThreadChange) -> bool {
        match change {
            ThreadChange::Customer {
                entry_id,
                at,
                text,
                answered,
                reply_token,
                mark_as_read_token,
            } => {
                if self.last_customer_entry.as_deref() == Some(entry_id.as_str()) {
                    return false;
                }
                self.last_customer_entry = Some(entry_id);
                self.unread = self.unread.saturating_add(1);
                self.status = ThreadStatus::Open;
                if !self.awaiting_staff && !answered {
                    self.waiting_since = Some(at);
                }
                self.awaiting_staff = self.awaiting_staff || !answered;
                self.reply_token = reply_token.map(|token| HeldReplyToken {
                    token,
                    received_at: at,
                });
                if mark_as_read_token.is_some() {
                    self.mark_as_read_token = mark_as_read_token;
                }
                self.set_last(at, text, Sender::Customer);
            }
            ThreadChange::Bot { at, text, sender }
            | ThreadChange::Campaign { at, text, sender } => {
                self.set_last(at, text, sender);
            }
            ThreadChange::Staff { at, text, staff } => {
                self.end_wait(at, true);
                self.status = ThreadStatus::Waiting;
                self.awaiting_staff = false;
                self.unread = 0;
                self.read_by = Some(staff.clone());
                self.read_at = Some(at);
                self.set_last(at, text, Sender::Staff(staff));
            }
            ThreadChange::Read { at, by } => {
                self.unread = 0;
                self.read_by = Some(by);
                self.read_at = Some(at);
                self.touch(at);
            }
            ThreadChange::SetStatus { at, by, status } => {
                if self.status == status {
                    return false;
                }
                self.status = status;
                if status == ThreadStatus::Resolved {
                    self.awaiting_staff = false;
                    self.end_wait(at, false);
                }
                self.push_log(ThreadLogEntry {
                    at,
                    by: Some(by),
                    what: ThreadEvent::Status { status },
                });
            }
            ThreadChange::Assign { at, by, to } => {
                if self.assignee == to {
                    return false;
                }
                self.assignee = to.clone();
                self.push_log(ThreadLogEntry {
                    at,
                    by,
                    what: ThreadEvent::Assigned { to },
                });
            }
            ThreadChange::Log(entry) => self.push_log(entry),
            ThreadChange::ReplyTokenUsed => {
                if self.reply_token.take().is_none() {
                    return false;
                }
            }
        }
        true
    }

    /// Ends the customer's wait, if one is running: the first reply, or a close.
    fn end_wait(&mut self, at: Timestamp, answered: bool) {
        if let Some(since) = self.waiting_since.take() {
            self.wait_ended = Some(WaitEnd {
                since,
                at,
                answered,
            });
        }
    }

    fn set_last(&mut self, at: Timestamp, text: String, sender: Sender) {
        let text = preview(&text);
        self.last = Some(LastMessage { at, text, sender });
        self.touch(at);
    }

    fn push_log(&mut self, entry: ThreadLogEntry) {
        let at = entry.at;
        self.log.push(entry);
        if self.log.len() > LOG_LIMIT {
            let over = self.log.len() - LOG_LIMIT;
            self.log.drain(..over);
        }
        self.touch(at);
    }

    /// Moves the thread's activity forward (never back: events may arrive late).
    fn touch(&mut self, at: Timestamp) {
        self.activity_at = self.activity_at.max(at);
    }

    /// The listings this thread appears in: the one definition both storage
    /// adapters index by.
    pub fn indexes(&self) -> Vec<ThreadIndex> {
        let org = self.key.org().clone();
        let store = self.store_id.clone();
        let mut indexes = vec![
            ThreadIndex::Org(org.clone()),
            ThreadIndex::Store(org.clone(), store.clone()),
            ThreadIndex::Assignee(org.clone(), self.assignee.clone()),
            ThreadIndex::Status(org.clone(), store.clone(), self.status),
        ];
        if self.unread > 0 {
            indexes.push(ThreadIndex::Unread(org, store));
        }
        indexes
    }

    /// The held reply token if a reply may still use it at `now`.
    pub fn usable_reply_token(&self, now: Timestamp) -> Option<&str> {
        self.reply_token
            .as_ref()
            .filter(|t| t.usable_at(now))
            .map(|t| t.token.as_str())
    }
}

/// `text` cut to [`PREVIEW_CHARS`] characters (not bytes: Japanese is 3 bytes a char).
pub fn preview(text: &str) -> String {
    match text.char_indices().nth(PREVIEW_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// How many times [`record`] retries on a version conflict.
const RECORD_ATTEMPTS: u32 = 5;

/// Applies `change` to `key`'s thread (creating it in `store` if new) and saves it,
/// retrying on a concurrent save. Returns the saved thread, or the current one when
/// the change changed nothing.
pub async fn record(
    threads: &dyn ThreadStore,
    key: &ThreadKey,
    store: Option<&StoreId>,
    now: Timestamp,
    change: ThreadChange,
) -> Result<Thread, StoreError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut thread = match threads.thread(key).await? {
            Some(thread) => thread,
            None => Thread::new(key.clone(), store.cloned(), now),
        };
        if thread.store_id.is_none() {
            thread.store_id = store.cloned();
        }
        if !thread.apply(change.clone()) && thread.version > 0 {
            return Ok(thread);
        }
        thread.changed_at = thread.changed_at.max(now);
        match threads.save(&thread).await {
            Ok(saved) => return Ok(saved),
            Err(StoreError::Conflict) if attempt < RECORD_ATTEMPTS => continue,
            Err(error) => return Err(error),
        }
    }
}

/// As [`record`], starting from `last`: the thread as this caller last saved or
/// read it (what [`record`] returned), which saves the read when nobody has saved
/// the thread since. A stale copy fails the save's version check and the change
/// is applied to the thread read afresh, as [`record`] does; so is a change that
/// changes nothing on `last` (whether it is a repeat is for the stored thread to
/// say). Without `last`, exactly [`record`].
pub async fn record_after(
    threads: &dyn ThreadStore,
    last: Option<Thread>,
    key: &ThreadKey,
    store: Option<&StoreId>,
    now: Timestamp,
    change: ThreadChange,
) -> Result<Thread, StoreError> {
    if let Some(mut thread) = last.filter(|t| t.key == *key && t.version > 0) {
        if thread.store_id.is_none() {
            thread.store_id = store.cloned();
        }
        if thread.apply(change.clone()) {
            thread.changed_at = thread.changed_at.max(now);
            match threads.save(&thread).await {
                Ok(saved) => return Ok(saved),
                Err(StoreError::Conflict) => {}
                Err(error) => return Err(error),
            }
        }
    }
    record(threads, key, store, now, change).await
}

/// Which index a thread listing reads. Every listing is one of these, newest
/// activity first; everything else an inbox filters by is checked on the page read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ThreadIndex {
    /// All of an organization's threads.
    Org(OrgId),
    /// A store's threads (`None`: friends of no store).
    Store(OrgId, Option<StoreId>),
    /// Threads assigned to one staff member (`None`: unassigned), across stores.
    Assignee(OrgId, Option<StaffId>),
    /// A store's threads in one status.
    Status(OrgId, Option<StoreId>, ThreadStatus),
    /// A store's threads with unread customer messages.
    Unread(OrgId, Option<StoreId>),
}

/// How far back a change poll looks before its cursor: an index read is eventually
/// consistent and two writers' clocks differ a little, so a thread saved just
/// before the cursor may show up late. Polls repeat these seconds' changes (the
/// client keeps the highest `version` of each thread) rather than miss one.
pub const CHANGES_OVERLAP: SignedDuration = SignedDuration::from_secs(5);

/// A position in an organization's thread saves: what changed after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    pub threads: Vec<Thread>,
    /// Hand back to read what changes next (also when nothing changed).
    pub cursor: Cursor,
}

/// A change cursor is a time: the newest save a poll has seen (milliseconds).
pub fn changes_cursor(at: Timestamp) -> Cursor {
    Cursor(at.as_millisecond().to_string())
}

/// The time in a change cursor; `Corrupt` for anything [`changes_cursor`] did not make.
pub fn changes_position(cursor: &Cursor) -> Result<Timestamp, StoreError> {
    cursor
        .0
        .parse::<i64>()
        .ok()
        .and_then(|ms| Timestamp::from_millisecond(ms).ok())
        .ok_or_else(|| StoreError::Corrupt(format!("invalid change cursor {:?}", cursor.0)))
}

/// Reads a listing page by page until `limit` threads pass `keep` or `examine`
/// threads were looked at, so a narrow filter over a wide index stays bounded: the
/// caller gets fewer threads and a cursor to go on.
pub async fn list_filtered(
    threads: &dyn ThreadStore,
    index: &ThreadIndex,
    page: PageRequest,
    examine: u32,
    mut keep: impl FnMut(&Thread) -> bool,
) -> Result<Page<Thread>, StoreError> {
    let limit = page.limit.max(1);
    let mut cursor = page.cursor;
    let mut examined = 0;
    let mut items = Vec::new();
    loop {
        let batch = threads.list(index, PageRequest { cursor, limit }).await?;
        for thread in batch.items {
            examined += 1;
            if keep(&thread) {
                items.push(thread);
            }
        }
        cursor = batch.next;
        if items.len() as u32 >= limit || examined >= examine || cursor.is_none() {
            return Ok(Page {
                items,
                next: cursor,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{LineUserId, ProviderId};

    fn key() -> ThreadKey {
        ThreadKey {
            friend: FriendKey {
                org: OrgId::new("acme").unwrap(),
                provider: ProviderId::new("p").unwrap(),
                user_id: LineUserId::parse(format!("U{:032x}", 1)).unwrap(),
            },
            channel: ChannelId::new("c").unwrap(),
        }
    }

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + secs).unwrap()
    }

    fn customer(id: &str, secs: i64, answered: bool) -> ThreadChange {
        ThreadChange::Customer {
            entry_id: id.into(),
            at: at(secs),
            text: "予約できますか".into(),
            answered,
            reply_token: (!answered).then(|| "tok".into()),
            mark_as_read_token: Some("read".into()),
        }
    }

    #[test]
    fn a_redelivered_customer_message_is_counted_once() {
        let mut thread = Thread::new(key(), None, at(0));
        assert!(thread.apply(customer("e1", 1, true)));
        assert!(!thread.apply(customer("e1", 1, true)));
        assert!(thread.apply(customer("e2", 2, true)));
        assert_eq!(thread.unread, 2);
    }

    #[test]
    fn a_customer_message_reopens_a_resolved_thread_and_a_staff_reply_waits_on_the_customer() {
        let staff = StaffId::new("aiko").unwrap();
        let mut thread = Thread::new(key(), None, at(0));
        thread.apply(ThreadChange::SetStatus {
            at: at(1),
            by: staff.clone(),
            status: ThreadStatus::Resolved,
        });
        thread.apply(customer("e1", 2, false));
        assert_eq!(thread.status, ThreadStatus::Open);
        assert!(thread.awaiting_staff);
        assert_eq!(thread.usable_reply_token(at(30)), Some("tok"));
        assert_eq!(thread.usable_reply_token(at(60)), None);
        thread.apply(ThreadChange::Staff {
            at: at(3),
            text: "はい".into(),
            staff: staff.clone(),
        });
        assert_eq!(thread.status, ThreadStatus::Waiting);
        assert_eq!((thread.unread, thread.awaiting_staff), (0, false));
        assert_eq!(thread.last.unwrap().sender, Sender::Staff(staff));
    }

    #[test]
    fn a_wait_runs_from_the_first_unanswered_message_to_the_first_staff_reply() {
        let staff = StaffId::new("aiko").unwrap();
        let mut thread = Thread::new(key(), None, at(0));
        thread.apply(customer("e1", 1, true));
        assert_eq!(thread.waiting_since, None, "the bot answered: nobody waits");
        thread.apply(customer("e2", 5, false));
        thread.apply(customer("e3", 9, false));
        assert_eq!(
            thread.waiting_since,
            Some(at(5)),
            "a second message does not restart it"
        );
        thread.apply(ThreadChange::Staff {
            at: at(70),
            text: "お待たせしました".into(),
            staff: staff.clone(),
        });
        let ended = thread.wait_ended.unwrap();
        assert_eq!(
            (ended.since, ended.at, ended.answered),
            (at(5), at(70), true)
        );
        assert_eq!(thread.waiting_since, None);
        thread.apply(ThreadChange::Staff {
            at: at(80),
            text: "ほかに何か".into(),
            staff: staff.clone(),
        });
        assert_eq!(
            thread.wait_ended.unwrap().at,
            at(70),
            "a second reply is not a first"
        );
        thread.apply(customer("e4", 100, false));
        thread.apply(ThreadChange::SetStatus {
            at: at(200),
            by: staff,
            status: ThreadStatus::Resolved,
        });
        let closed = thread.wait_ended.unwrap();
        assert_eq!((closed.since, closed.answered), (at(100), false));
    }

    #[test]
    fn assignment_changes_are_logged_and_the_log_is_bounded() {
        let mut thread = Thread::new(key(), None, at(0));
        for i in 0..(LOG_LIMIT as i64 + 10) {
            let to = StaffId::new(format!("s{i}")).unwrap();
            assert!(thread.apply(ThreadChange::Assign {
                at: at(i),
                by: None,
                to: Some(to),
            }));
        }
        assert_eq!(thread.log.len(), LOG_LIMIT);
        assert_eq!(
            thread.log.last().unwrap().what,
            ThreadEvent::Assigned {
                to: Some(StaffId::new(format!("s{}", LOG_LIMIT + 9)).unwrap())
            }
        );
        let same = thread.assignee.clone();
        assert!(!thread.apply(ThreadChange::Assign {
            at: at(999),
            by: None,
            to: same,
        }));
    }

    #[test]
    fn previews_cut_by_characters_not_bytes() {
        let long = "あ".repeat(PREVIEW_CHARS + 5);
        let cut = preview(&long);
        assert_eq!(cut.chars().count(), PREVIEW_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(preview("短い"), "短い");
    }

    #[test]
    fn activity_never_moves_back_for_a_late_event() {
        let mut thread = Thread::new(key(), None, at(0));
        thread.apply(customer("e2", 10, true));
        thread.apply(ThreadChange::Bot {
            at: at(5),
            text: "late".into(),
            sender: Sender::Fallback,
        });
        assert_eq!(thread.activity_at, at(10));
    }
}
