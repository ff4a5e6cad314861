//! The staff inbox: threads (one per customer and channel), what changed since a
//! cursor, and what staff do in a thread (send as themselves, read, assign, set its
//! status, take it over from the bot or give it back). The rules live in
//! `otodoke_inbox` and `otodoke_core::thread`; these routes check access and map.

use super::access;
use crate::auth::{Caller, Scope};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use jiff::{SignedDuration, Timestamp};
use otodoke_core::conversation::{Delivery, Sender};
use otodoke_core::friend::{Friend, FriendKey};
use otodoke_core::organization::{Channel, Role, Store};
use otodoke_core::thread::{
    list_filtered, Thread, ThreadEvent, ThreadIndex, ThreadKey, ThreadStatus,
};
use otodoke_core::{Cursor, LineUserId, PageRequest, StaffId, StoreId};
use otodoke_inbox::{ChatError, ChatRef, Outgoing, Sent, StaffChat};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::{IntoParams, ToSchema};

/// Where a thread stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusView {
    /// The customer wrote and no staff member has answered since.
    Open,
    /// A staff member answered; the next move is the customer's.
    Waiting,
    /// Closed by staff; the customer's next message reopens it.
    Resolved,
}

impl From<ThreadStatus> for StatusView {
    fn from(s: ThreadStatus) -> Self {
        match s {
            ThreadStatus::Open => Self::Open,
            ThreadStatus::Waiting => Self::Waiting,
            ThreadStatus::Resolved => Self::Resolved,
        }
    }
}

impl From<StatusView> for ThreadStatus {
    fn from(s: StatusView) -> Self {
        match s {
            StatusView::Open => Self::Open,
            StatusView::Waiting => Self::Waiting,
            StatusView::Resolved => Self::Resolved,
        }
    }
}

/// Who wrote a message.
#[derive(Debug, Serialize, ToSchema)]
pub struct SenderView {
    /// `customer`, `greeting`, `rule`, `intent`, `after_hours`, `fallback`, `staff`
    /// or `campaign`.
    pub kind: String,
    /// The rule, intent, staff member or campaign, for those kinds.
    pub id: Option<String>,
}

impl From<&Sender> for SenderView {
    fn from(sender: &Sender) -> Self {
        let (kind, id) = match sender {
            Sender::Customer => ("customer", None),
            Sender::Greeting => ("greeting", None),
            Sender::Rule(id) => ("rule", Some(id.clone())),
            Sender::Intent(id) => ("intent", Some(id.clone())),
            Sender::AfterHours => ("after_hours", None),
            Sender::Fallback => ("fallback", None),
            Sender::Staff(id) => ("staff", Some(id.to_string())),
            Sender::Campaign(id) => ("campaign", Some(id.to_string())),
        };
        Self {
            kind: kind.into(),
            id,
        }
    }
}

/// The newest message of a thread.
#[derive(Debug, Serialize, ToSchema)]
pub struct LastMessageView {
    /// RFC 3339.
    pub at: String,
    /// Plain text (`[image]` for an image, ...), at most 120 characters.
    pub text: String,
    pub sender: SenderView,
}

/// The customer a thread is with.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerView {
    pub provider: String,
    pub user_id: String,
    pub display_name: Option<String>,
    pub picture_url: Option<String>,
    pub tags: Vec<String>,
}

/// A staff member has the chat: the bot stays silent until `until`.
#[derive(Debug, Serialize, ToSchema)]
pub struct HandoffView {
    /// RFC 3339.
    pub until: String,
    /// Who took it; absent when the customer asked for a person and nobody took it yet.
    pub by: Option<String>,
}

/// One thing staff (or otodoke) did with a thread.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadLogView {
    /// RFC 3339.
    pub at: String,
    pub by: Option<String>,
    /// `assigned`, `status`, `handed_off` or `returned_to_bot`.
    pub kind: String,
    /// For `assigned`: the new assignee (absent: unassigned).
    pub to: Option<String>,
    /// For `status`.
    pub status: Option<StatusView>,
    /// For `handed_off`: until when (RFC 3339).
    pub until: Option<String>,
}

/// A thread as the inbox shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadView {
    pub channel_id: String,
    pub store_id: Option<String>,
    pub customer: CustomerView,
    pub status: StatusView,
    pub assignee: Option<String>,
    /// RFC 3339: the inbox's order.
    pub activity_at: String,
    pub last: Option<LastMessageView>,
    /// Customer messages no staff member has read.
    pub unread: u32,
    /// A customer message waits for a person (the bot could not answer it).
    pub awaiting_staff: bool,
    /// A reply now is free (the customer's reply token is still usable).
    pub reply_window_open: bool,
    pub read_by: Option<String>,
    pub read_at: Option<String>,
    pub handoff: Option<HandoffView>,
    pub log: Vec<ThreadLogView>,
    /// Grows with every change: keep the highest seen per thread when polling.
    pub version: u64,
}

fn rfc3339(at: Timestamp) -> String {
    at.to_string()
}

fn view(thread: Thread, friend: Option<&Friend>, now: Timestamp) -> ThreadView {
    let handoff = friend.and_then(|f| {
        let until = f.conversation.handoff_until.filter(|u| *u > now)?;
        Some(HandoffView {
            until: rfc3339(until),
            by: f.conversation.handoff_by.as_ref().map(ToString::to_string),
        })
    });
    ThreadView {
        channel_id: thread.key.channel.to_string(),
        store_id: thread.store_id.as_ref().map(ToString::to_string),
        customer: CustomerView {
            provider: thread.key.friend.provider.to_string(),
            user_id: thread.key.friend.user_id.to_string(),
            display_name: friend.and_then(|f| f.display_name.clone()),
            picture_url: friend.and_then(|f| f.picture_url.clone()),
            tags: friend
                .map(|f| f.tags.iter().cloned().collect())
                .unwrap_or_default(),
        },
        status: thread.status.into(),
        assignee: thread.assignee.as_ref().map(ToString::to_string),
        activity_at: rfc3339(thread.activity_at),
        reply_window_open: thread.usable_reply_token(now).is_some(),
        last: thread.last.as_ref().map(|l| LastMessageView {
            at: rfc3339(l.at),
            text: l.text.clone(),
            sender: (&l.sender).into(),
        }),
        unread: thread.unread,
        awaiting_staff: thread.awaiting_staff,
        read_by: thread.read_by.as_ref().map(ToString::to_string),
        read_at: thread.read_at.map(rfc3339),
        handoff,
        log: thread
            .log
            .iter()
            .map(|entry| {
                let mut log = ThreadLogView {
                    at: rfc3339(entry.at),
                    by: entry.by.as_ref().map(ToString::to_string),
                    kind: String::new(),
                    to: None,
                    status: None,
                    until: None,
                };
                match &entry.what {
                    ThreadEvent::Assigned { to } => {
                        log.kind = "assigned".into();
                        log.to = to.as_ref().map(ToString::to_string);
                    }
                    ThreadEvent::Status { status } => {
                        log.kind = "status".into();
                        log.status = Some((*status).into());
                    }
                    ThreadEvent::HandedOff { until } => {
                        log.kind = "handed_off".into();
                        log.until = Some(rfc3339(*until));
                    }
                    ThreadEvent::ReturnedToBot => log.kind = "returned_to_bot".into(),
                }
                log
            })
            .collect(),
        version: thread.version,
    }
}

/// The threads' views with their customers (read concurrently, one per thread).
async fn views(state: &AppState, threads: Vec<Thread>) -> ApiResult<Vec<ThreadView>> {
    let now = state.now();
    let friends = futures::future::join_all(
        threads
            .iter()
            .map(|t| state.ports.friends.friend(&t.key.friend)),
    )
    .await;
    threads
        .into_iter()
        .zip(friends)
        .map(|(thread, friend)| Ok(view(thread, friend?.as_ref(), now)))
        .collect()
}

/// A page of threads, newest activity first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadPage {
    pub items: Vec<ThreadView>,
    /// Pass as `cursor` for more; absent when there is no more. A page may hold
    /// fewer than `limit` threads and still have a cursor (narrow filters).
    pub next_cursor: Option<String>,
}

/// Filters of the inbox. Combine freely; one of them picks the index read.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ThreadQuery {
    /// Only this store's threads.
    pub store: Option<String>,
    pub status: Option<StatusView>,
    /// Only threads with unread customer messages.
    pub unread: Option<bool>,
    /// `me`, `none` (unassigned) or a staff id.
    #[param(min_length = 1, max_length = 128, pattern = "^[^#]+$")]
    pub assignee: Option<String>,
    /// Only customers with this tag.
    pub tag: Option<String>,
    /// Text search over the last 14 days of messages (and customers' names).
    pub q: Option<String>,
    pub cursor: Option<String>,
    /// 1..=100, default 30.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// How many threads one listing call looks at at most (narrow filters over a wide
/// index answer with fewer threads and a cursor rather than read on and on).
const EXAMINE: u32 = 500;
/// How far back text search reads, and how many messages it reads at most.
const SEARCH_DAYS: i64 = 14;
const SEARCH_MESSAGES: usize = 2_000;

/// Who a thread listing is for: the caller's scope and assignment visibility.
struct Visible<'a> {
    caller: &'a Caller,
    scope: Scope,
}

impl Visible<'_> {
    fn sees(&self, thread: &Thread) -> bool {
        self.scope.sees(thread.store_id.as_ref())
            && self.caller.sees_assignee(thread.assignee.as_ref())
    }
}

fn assignee_filter(caller: &Caller, raw: Option<&str>) -> ApiResult<Option<Option<StaffId>>> {
    let Some(raw) = raw else { return Ok(None) };
    Ok(Some(match raw {
        "me" => Some(caller.staff.clone()),
        "none" => None,
        id => Some(StaffId::new(id).map_err(|_| ApiError::invalid("assignee", "not a staff id"))?),
    }))
}

/// The inbox: threads of the caller's stores (or one store), newest activity first,
/// filtered by status, unread, assignee, tag and text.
///
/// One index is read (assignee, else unread, status or store, else the whole
/// organization), other filters are checked on what it returns. Staff who see
/// assigned customers only get their own threads. Cost: one query per 30 threads
/// examined (at most 500 per call), plus one friend read per thread returned.
#[utoipa::path(get, path = "/admin/threads", tag = "inbox",
    params(ThreadQuery),
    responses((status = 200, body = ThreadPage), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn list_threads(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ThreadQuery>,
) -> ApiResult<Json<ThreadPage>> {
    let (stores, scope) = access::scope(&state, &caller).await?;
    let store: Option<StoreId> = match &query.store {
        Some(id) => Some(access::store(&state, &caller, id).await?.0.id),
        None => None,
    };
    let assignee = assignee_filter(&caller, query.assignee.as_deref())?;
    let limit = super::page_limit(query.limit, 30, 100)?;
    let visible = Visible {
        caller: &caller,
        scope,
    };
    let status: Option<ThreadStatus> = query.status.map(Into::into);
    let unread = query.unread.unwrap_or(false);
    let keep = |t: &Thread| {
        visible.sees(t)
            && store
                .as_ref()
                .is_none_or(|s| t.store_id.as_ref() == Some(s))
            && status.is_none_or(|s| t.status == s)
            && (!unread || t.unread > 0)
            && assignee.as_ref().is_none_or(|a| &t.assignee == a)
    };

    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let searched: Vec<StoreId> = match &store {
            Some(s) => vec![s.clone()],
            None => stores
                .iter()
                .filter(|s| visible.scope.contains(&s.id))
                .map(|s| s.id.clone())
                .collect(),
        };
        let found = search(&state, &caller, &searched, q, limit).await?;
        let threads: Vec<Thread> = found.into_iter().filter(|t| keep(t)).collect();
        let mut items = views(&state, threads).await?;
        items.retain(|v| has_tag(v, query.tag.as_deref()));
        return Ok(Json(ThreadPage {
            items,
            next_cursor: None,
        }));
    }

    let org = caller.org.clone();
    let index = match (&assignee, &store) {
        (Some(a), _) => ThreadIndex::Assignee(org, a.clone()),
        (None, _) if caller.assigned_only => ThreadIndex::Assignee(org, Some(caller.staff.clone())),
        (None, Some(s)) if unread => ThreadIndex::Unread(org, Some(s.clone())),
        (None, Some(s)) => match status {
            Some(status) => ThreadIndex::Status(org, Some(s.clone()), status),
            None => ThreadIndex::Store(org, Some(s.clone())),
        },
        (None, None) => ThreadIndex::Org(org),
    };
    let page = PageRequest {
        cursor: query.cursor.clone().filter(|c| !c.is_empty()).map(Cursor),
        limit,
    };
    let page = list_filtered(state.ports.threads.as_ref(), &index, page, EXAMINE, keep)
        .await
        .map_err(cursor_error)?;
    let mut items = views(&state, page.items).await?;
    items.retain(|v| has_tag(v, query.tag.as_deref()));
    Ok(Json(ThreadPage {
        items,
        next_cursor: page.next.map(|c| c.0),
    }))
}

fn has_tag(view: &ThreadView, tag: Option<&str>) -> bool {
    tag.is_none_or(|tag| view.customer.tags.iter().any(|t| t == tag))
}

/// A cursor the client tampered with is the client's fault.
fn cursor_error(error: otodoke_core::StoreError) -> ApiError {
    match error {
        otodoke_core::StoreError::Corrupt(why) if why.contains("cursor") => {
            ApiError::invalid("cursor", "not a cursor this listing gave")
        }
        other => other.into(),
    }
}

/// Threads whose recent messages (or customer's name) contain `q`, newest first.
async fn search(
    state: &AppState,
    caller: &Caller,
    stores: &[StoreId],
    q: &str,
    limit: u32,
) -> ApiResult<Vec<Thread>> {
    let needle = q.to_lowercase();
    let now = state.now();
    let from = now - SignedDuration::from_hours(24 * SEARCH_DAYS);
    let mut hits: Vec<(Timestamp, ThreadKey)> = Vec::new();
    let mut read = 0;
    'stores: for store in stores {
        let key = otodoke_core::StoreKey::new(caller.org.clone(), store.clone());
        let mut page = PageRequest::first(200);
        loop {
            let entries = state
                .ports
                .conversations
                .by_store(&key, from, now, page)
                .await?;
            for entry in entries.items {
                read += 1;
                if !entry.hidden && entry.text.to_lowercase().contains(&needle) {
                    hits.push((
                        entry.at,
                        ThreadKey {
                            friend: entry.friend,
                            channel: entry.channel,
                        },
                    ));
                }
            }
            if read >= SEARCH_MESSAGES {
                break 'stores;
            }
            match entries.next {
                Some(next) => page = PageRequest::after(next, 200),
                None => break,
            }
        }
    }
    hits.sort_by_key(|hit| std::cmp::Reverse(hit.0));
    let mut seen = BTreeSet::new();
    let mut threads = Vec::new();
    for (_, key) in hits {
        if threads.len() as u32 >= limit {
            break;
        }
        if seen.insert(key.clone()) {
            if let Some(thread) = state.ports.threads.thread(&key).await? {
                threads.push(thread);
            }
        }
    }
    Ok(threads)
}

/// Threads changed since a cursor.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadChanges {
    /// Oldest change first; a thread may repeat from the previous poll (keep the
    /// highest `version`).
    pub threads: Vec<ThreadView>,
    /// Pass as `since` next time.
    pub cursor: String,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ChangesQuery {
    /// The `cursor` of the previous poll; absent on the first, which answers no
    /// threads and the cursor to start from.
    pub since: Option<String>,
}

/// What changed in the caller's threads since the last poll: one query per poll
/// (the console polls every second or two).
#[utoipa::path(get, path = "/admin/threads/changes", tag = "inbox",
    params(ChangesQuery),
    responses((status = 200, body = ThreadChanges), (status = 422, body = ErrorBody)))]
pub async fn changes(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ChangesQuery>,
) -> ApiResult<Json<ThreadChanges>> {
    let since = query.since.filter(|s| !s.is_empty()).map(Cursor);
    if let Some(since) = &since {
        otodoke_core::thread::changes_position(since)
            .map_err(|_| ApiError::invalid("since", "not a cursor this route gave"))?;
    }
    let (_, scope) = access::scope(&state, &caller).await?;
    let changes = state
        .ports
        .threads
        .changes(&caller.org, since.as_ref(), 500)
        .await?;
    let visible = Visible {
        caller: &caller,
        scope,
    };
    let threads = changes
        .threads
        .into_iter()
        .filter(|t| visible.sees(t))
        .collect();
    Ok(Json(ThreadChanges {
        threads: views(&state, threads).await?,
        cursor: changes.cursor.0,
    }))
}

/// A thread's chat as the caller may see it: the channel, the customer and their store.
struct Loaded {
    channel: Channel,
    friend: Friend,
    store: Option<Store>,
}

impl Loaded {
    fn chat(&self) -> ChatRef<'_> {
        ChatRef {
            channel: &self.channel,
            store: self.store.as_ref(),
            friend: &self.friend,
        }
    }
}

async fn load(state: &AppState, caller: &Caller, channel: &str, user: &str) -> ApiResult<Loaded> {
    let (channel, scope) = access::channel(state, caller, channel).await?;
    let key = FriendKey {
        org: caller.org.clone(),
        provider: channel.provider.clone(),
        user_id: LineUserId::parse(user).map_err(|_| ApiError::NotFound)?,
    };
    let friend = state
        .ports
        .friends
        .friend(&key)
        .await?
        .filter(|f| scope.sees(f.store_id.as_ref()) && caller.sees_assignee(f.assignee.as_ref()))
        .ok_or(ApiError::NotFound)?;
    let store_id = channel.store_id.clone().or_else(|| friend.store_id.clone());
    let store = match &store_id {
        Some(id) => state.ports.orgs.store(&caller.org, id).await?,
        None => None,
    };
    Ok(Loaded {
        channel,
        friend,
        store,
    })
}

fn staff_chat(state: &AppState) -> StaffChat {
    StaffChat {
        threads: state.ports.threads.clone(),
        conversations: state.ports.conversations.clone(),
        friends: state.ports.friends.clone(),
        quota: state.ports.quota.clone(),
        idempotency: state.ports.idempotency.clone(),
        line: state.ports.chat_line.clone(),
        metrics: state.ports.metrics.clone(),
    }
}

impl From<ChatError> for ApiError {
    fn from(error: ChatError) -> Self {
        match error {
            ChatError::Invalid(why) => ApiError::invalid("message", why),
            ChatError::InProgress => ApiError::Conflict(error.to_string()),
            ChatError::NotFollowing => ApiError::Conflict(error.to_string()),
            ChatError::QuotaExhausted | ChatError::MonthlyLimitReached => {
                ApiError::QuotaExhausted(error.to_string())
            }
            ChatError::Rejected(why) => ApiError::invalid("message", why),
            ChatError::Unavailable(why) => ApiError::Upstream(why),
            ChatError::Store(e) => e.into(),
        }
    }
}

async fn thread_view(state: &AppState, loaded: &Loaded, thread: Thread) -> ThreadView {
    // The friend may have changed (hand-off, assignee) in this request: read it again.
    let friend = state
        .ports
        .friends
        .friend(&loaded.friend.key)
        .await
        .ok()
        .flatten();
    view(
        thread,
        friend.as_ref().or(Some(&loaded.friend)),
        state.now(),
    )
}

/// One thread.
#[utoipa::path(get, path = "/admin/threads/{channel_id}/{user_id}", tag = "inbox",
    params(("channel_id" = String, Path), ("user_id" = String, Path)),
    responses((status = 200, body = ThreadView), (status = 404, body = ErrorBody)))]
pub async fn get_thread(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel, user)): Path<(String, String)>,
) -> ApiResult<Json<ThreadView>> {
    let loaded = load(&state, &caller, &channel, &user).await?;
    let key = loaded.chat().thread_key();
    let thread = state
        .ports
        .threads
        .thread(&key)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(view(thread, Some(&loaded.friend), state.now())))
}

/// An image LINE fetches: HTTPS URLs of the original and a preview.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImageBody {
    pub original_url: String,
    pub preview_url: String,
}

/// A LINE sticker.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StickerBody {
    pub package_id: String,
    pub sticker_id: String,
}

/// What to send: exactly one of `text`, `image`, `sticker`, `canned_reply_id`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendBody {
    pub text: Option<String>,
    pub image: Option<ImageBody>,
    pub sticker: Option<StickerBody>,
    /// A canned reply (定型文) of the customer's store; `{name}` and `{store}` are
    /// filled in.
    pub canned_reply_id: Option<String>,
}

/// How a staff message went out.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryView {
    /// With the customer's reply token (free).
    Replied,
    /// Pushed (one message of the monthly quota).
    Pushed,
}

/// A staff message that went out.
#[derive(Debug, Serialize, ToSchema)]
pub struct SentMessage {
    /// The history entry's id (absent for a repeat of an idempotency key).
    pub entry_id: Option<String>,
    pub text: Option<String>,
    pub delivery: Option<DeliveryView>,
    /// This idempotency key was sent before: nothing was sent again.
    pub duplicate: bool,
}

/// Sends a message to the customer as the caller, with their sender name and icon.
///
/// Needs an `Idempotency-Key` header (1–128 letters, digits, `-`, `_`, `.`): the same
/// key sends once, however often it is posted. Replies with the customer's reply
/// token while it is usable (free), else pushes under one message of quota. The bot
/// stays silent for the store's hand-off window after it. 409: the customer blocked
/// the account, or the key is being sent right now; 429: no quota left; 422: LINE
/// would refuse the message; 502: LINE could not be reached (retry with the same key).
#[utoipa::path(post, path = "/admin/threads/{channel_id}/{user_id}/messages", tag = "inbox",
    params(("channel_id" = String, Path), ("user_id" = String, Path),
        ("Idempotency-Key" = String, Header, description = "Sends once per key")),
    request_body = SendBody,
    responses((status = 201, body = SentMessage), (status = 200, body = SentMessage),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn send_message(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel, user)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SendBody>,
) -> ApiResult<(StatusCode, Json<SentMessage>)> {
    // Another organization's chat is a 404 before anything else is said about it.
    let loaded = load(&state, &caller, &channel, &user).await?;
    caller.require(Role::Operator)?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| ApiError::Malformed("the Idempotency-Key header is required".into()))?
        .to_owned();
    let outgoing = outgoing(&body, &loaded)?;
    let staff = state
        .ports
        .orgs
        .staff(&caller.org, &caller.staff)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let sent = staff_chat(&state)
        .send(loaded.chat(), &staff, &outgoing, &key, state.now())
        .await?;
    Ok(match sent {
        Sent::Now(entry) => (
            StatusCode::CREATED,
            Json(SentMessage {
                entry_id: Some(entry.id.clone()),
                text: Some(entry.text.clone()),
                delivery: match entry.delivery {
                    Some(Delivery::Replied) => Some(DeliveryView::Replied),
                    _ => Some(DeliveryView::Pushed),
                },
                duplicate: false,
            }),
        ),
        Sent::Before => (
            StatusCode::OK,
            Json(SentMessage {
                entry_id: None,
                text: None,
                delivery: None,
                duplicate: true,
            }),
        ),
    })
}

fn outgoing(body: &SendBody, loaded: &Loaded) -> ApiResult<Outgoing> {
    let given = [
        body.text.is_some(),
        body.image.is_some(),
        body.sticker.is_some(),
        body.canned_reply_id.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(ApiError::invalid(
            "body",
            "give exactly one of text, image, sticker, canned_reply_id",
        ));
    }
    if let Some(text) = &body.text {
        return Ok(Outgoing::Text(text.clone()));
    }
    if let Some(image) = &body.image {
        return Ok(Outgoing::Image {
            original_url: image.original_url.clone(),
            preview_url: image.preview_url.clone(),
        });
    }
    if let Some(sticker) = &body.sticker {
        return Ok(Outgoing::Sticker {
            package_id: sticker.package_id.clone(),
            sticker_id: sticker.sticker_id.clone(),
        });
    }
    let id = body.canned_reply_id.as_deref().unwrap_or_default();
    let store = loaded.store.as_ref();
    let canned = store.and_then(|s| s.inbox.canned(id)).ok_or_else(|| {
        ApiError::invalid("canned_reply_id", "no such canned reply in this store")
    })?;
    Ok(Outgoing::Text(canned.render(
        loaded.friend.display_name.as_deref(),
        store.map_or("", |s| s.name.as_str()),
    )))
}

/// Whether LINE showed the customer 既読.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReadResult {
    pub thread: ThreadView,
    /// LINE showed the customer 既読 (the store asks for it and LINE accepted).
    pub shown_to_customer: bool,
}

/// Marks the thread read by the caller (and, when the store asks for it, shows the
/// customer 既読 through LINE).
#[utoipa::path(post, path = "/admin/threads/{channel_id}/{user_id}/read", tag = "inbox",
    params(("channel_id" = String, Path), ("user_id" = String, Path)),
    responses((status = 200, body = ReadResult), (status = 404, body = ErrorBody)))]
pub async fn mark_read(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel, user)): Path<(String, String)>,
) -> ApiResult<Json<ReadResult>> {
    let loaded = load(&state, &caller, &channel, &user).await?;
    let (thread, shown) = staff_chat(&state)
        .mark_read(loaded.chat(), &caller.staff, state.now())
        .await?;
    Ok(Json(ReadResult {
        thread: thread_view(&state, &loaded, thread).await,
        shown_to_customer: shown,
    }))
}

/// Who the customer is assigned to (個別ID).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignBody {
    /// A staff member of the organization; `null` unassigns.
    pub staff_id: Option<String>,
}

/// Assigns the customer (all their threads) to a staff member, or unassigns them.
/// The change is logged on the thread.
#[utoipa::path(put, path = "/admin/threads/{channel_id}/{user_id}/assignee", tag = "inbox",
    params(("channel_id" = String, Path), ("user_id" = String, Path)),
    request_body = AssignBody,
    responses((status = 200, body = ThreadView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn assign(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel, user)): Path<(String, String)>,
    ApiJson(body): ApiJson<AssignBody>,
) -> ApiResult<Json<ThreadView>> {
    let loaded = load(&state, &caller, &channel, &user).await?;
    caller.require(Role::Operator)?;
    // Staff who see their own customers only cannot hand them to someone else.
    if caller.assigned_only {
        return Err(ApiError::Forbidden);
    }
    let to = match &body.staff_id {
        Some(id) => {
            let id = StaffId::new(id.as_str())
                .map_err(|_| ApiError::invalid("staff_id", "no such staff member"))?;
            state
                .ports
                .orgs
                .staff(&caller.org, &id)
                .await?
                .filter(|s| s.active)
                .ok_or_else(|| ApiError::invalid("staff_id", "no such active staff member"))?;
            Some(id)
        }
        None => None,
    };
    let thread = staff_chat(&state)
        .assign(loaded.chat(), &caller.staff, to, state.now())
        .await?;
    Ok(Json(thread_view(&state, &loaded, thread).await))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    pub status: StatusView,
}

/// Sets the thread's status (e.g. resolved); the customer's next message reopens it.
#[utoipa::path(put, path = "/admin/threads/{channel_id}/{user_id}/status", tag = "inbox",
    params(("channel_id" = String, Path), ("user_id" = String, Path)),
    request_body = StatusBody,
    responses((status = 200, body = ThreadView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel, user)): Path<(String, String)>,
    ApiJson(body): ApiJson<StatusBody>,
) -> ApiResult<Json<ThreadView>> {
    let loaded = load(&state, &caller, &channel, &user).await?;
    caller.require(Role::Operator)?;
    let thread = staff_chat(&state)
        .set_status(
            loaded.chat(),
            &caller.staff,
            body.status.into(),
            state.now(),
        )
        .await?;
    Ok(Json(thread_view(&state, &loaded, thread).await))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoffBody {
    /// How long the bot stays silent (1..=1440 minutes,
    /// `InboxSettings::MAX_HANDOFF_MINUTES`); the store's window if absent.
    #[schema(minimum = 1, maximum = 1440)]
    pub minutes: Option<u32>,
}

/// Takes the chat over from the bot: it stays silent until the window ends (or the
/// chat is returned). Sending a message does this too.
#[utoipa::path(post, path = "/admin/threads/{channel_id}/{user_id}/handoff", tag = "inbox",
    params(("channel_id" = String, Path), ("user_id" = String, Path)),
    request_body = HandoffBody,
    responses((status = 200, body = ThreadView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn take_over(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel, user)): Path<(String, String)>,
    ApiJson(body): ApiJson<HandoffBody>,
) -> ApiResult<Json<ThreadView>> {
    let loaded = load(&state, &caller, &channel, &user).await?;
    caller.require(Role::Operator)?;
    let thread = staff_chat(&state)
        .take_over(loaded.chat(), &caller.staff, body.minutes, state.now())
        .await?;
    Ok(Json(thread_view(&state, &loaded, thread).await))
}

/// Returns the chat to the bot at once.
#[utoipa::path(delete, path = "/admin/threads/{channel_id}/{user_id}/handoff", tag = "inbox",
    params(("channel_id" = String, Path), ("user_id" = String, Path)),
    responses((status = 200, body = ThreadView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn return_to_bot(
    State(state): State<AppState>,
    caller: Caller,
    Path((channel, user)): Path<(String, String)>,
) -> ApiResult<Json<ThreadView>> {
    let loaded = load(&state, &caller, &channel, &user).await?;
    caller.require(Role::Operator)?;
    let thread = staff_chat(&state)
        .return_to_bot(loaded.chat(), &caller.staff, state.now())
        .await?;
    Ok(Json(thread_view(&state, &loaded, thread).await))
}
