//! The ports: what the domain needs from storage, queues and secrets.
//!
//! Every adapter (embedded, DynamoDB/SQS) implements these with the same observable
//! behaviour, pinned down by the contract tests. Conditional writes answer with values
//! (`bool`, `Claim`, `ReserveOutcome`) where the condition failing is a normal outcome.

use crate::automation::{Automation, AutomationRun};
use crate::campaign::{Campaign, CampaignStatus, FanoutBatch, PlannerCheckpoint, Progress};
use crate::conversation::ConversationEntry;
use crate::error::{QueueError, StoreError};
use crate::friend::{FollowState, Friend, FriendKey};
use crate::ids::{
    AutomationId, CampaignId, ChannelId, LinkId, OrgId, RichMenuId, StaffId, StoreId, StoreKey,
};
use crate::import::ImportCheckpoint;
use crate::link::{Clicked, LinkClick, LinkOwner, LinkStats, TrackedLink};
use crate::media::{MediaKey, MediaPrefix, MediaRef, StoredMedia};
use crate::metrics::{Day, DayCounts, Increment, MetricsFilter, Slice, StoreMonth};
use crate::organization::{Channel, Organization, SecretRef, Staff, Store};
use crate::page::{Page, PageRequest};
use crate::quota::{Hold, QuotaCounter, QuotaKey, QuotaMonth, Reservation, ReserveOutcome};
use crate::richmenu::{MenuRules, RelinkJob, RichMenu};
use crate::sequence::Enrolment;
use crate::thread::{Changes, Thread, ThreadIndex, ThreadKey};
use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};

/// Organizations, stores, channels and staff. Small, read-mostly data.
#[async_trait]
pub trait OrganizationStore: Send + Sync {
    async fn put_organization(&self, org: &Organization) -> Result<(), StoreError>;
    async fn organization(&self, id: &OrgId) -> Result<Option<Organization>, StoreError>;
    /// Saves `store` if its `version` is the stored one (0 = must not exist yet) and
    /// returns it with the version bumped; `StoreError::Conflict` otherwise.
    async fn save_store(&self, store: &Store) -> Result<Store, StoreError>;
    async fn store(&self, org: &OrgId, id: &StoreId) -> Result<Option<Store>, StoreError>;
    /// Removes a store; `false` if there was none.
    async fn delete_store(&self, org: &OrgId, id: &StoreId) -> Result<bool, StoreError>;
    /// All stores of an organization (organizations have tens, not thousands).
    async fn stores(&self, org: &OrgId) -> Result<Vec<Store>, StoreError>;
    /// Connects a channel for the first time: `StoreError::Conflict` when its channel
    /// id or its bot user id (`destination`) is already connected, to this
    /// organization or another, so a channel cannot be squatted or connected twice.
    async fn connect_channel(&self, channel: &Channel) -> Result<(), StoreError>;
    /// Updates a connected channel's settings (plan, stores, secret references). Its
    /// id, organization and bot user id never change.
    async fn put_channel(&self, channel: &Channel) -> Result<(), StoreError>;
    async fn channel(&self, id: &ChannelId) -> Result<Option<Channel>, StoreError>;
    /// The channel whose bot user id is a webhook's `destination`. O(1): an index, not a scan.
    async fn channel_by_destination(
        &self,
        bot_user_id: &str,
    ) -> Result<Option<Channel>, StoreError>;
    async fn channels(&self, org: &OrgId) -> Result<Vec<Channel>, StoreError>;
    /// Every channel of every organization, by id (the daily quota reconcile; a
    /// deployment has tens to thousands). Reads the channel index only.
    async fn all_channels(&self) -> Result<Vec<Channel>, StoreError>;
    async fn put_staff(&self, staff: &Staff) -> Result<(), StoreError>;
    async fn staff(&self, org: &OrgId, id: &StaffId) -> Result<Option<Staff>, StoreError>;
    async fn staff_list(&self, org: &OrgId) -> Result<Vec<Staff>, StoreError>;
}

/// Friends, with the audience queries campaigns need, none of which scans the table.
#[async_trait]
pub trait FriendStore: Send + Sync {
    async fn friend(&self, key: &FriendKey) -> Result<Option<Friend>, StoreError>;
    /// Saves `friend` if its `version` is the stored one (0 = must not exist yet) and
    /// returns it with the version bumped; `StoreError::Conflict` otherwise.
    async fn save(&self, friend: &Friend) -> Result<Friend, StoreError>;
    /// Removes a friend and every index entry of theirs; `false` if there was none.
    async fn delete(&self, key: &FriendKey) -> Result<bool, StoreError>;
    /// Friends assigned to a store, in a stable order.
    async fn by_store(
        &self,
        store: &StoreKey,
        page: PageRequest,
    ) -> Result<Page<Friend>, StoreError>;
    /// An organization's friends of a channel in a follow state, in a stable order.
    async fn by_channel(
        &self,
        org: &OrgId,
        channel: &ChannelId,
        state: FollowState,
        page: PageRequest,
    ) -> Result<Page<Friend>, StoreError>;
    /// Friends of an organization with a tag, in a stable order.
    async fn by_tag(
        &self,
        org: &OrgId,
        tag: &str,
        page: PageRequest,
    ) -> Result<Page<Friend>, StoreError>;
    /// All friends of an organization, in a stable order.
    async fn by_org(&self, org: &OrgId, page: PageRequest) -> Result<Page<Friend>, StoreError>;
}

/// Where each channel's follower import stands (see [`crate::import`]).
#[async_trait]
pub trait ImportStore: Send + Sync {
    /// The checkpoint of `channel`'s import in `org`, if one was ever saved.
    async fn import_checkpoint(
        &self,
        org: &OrgId,
        channel: &ChannelId,
    ) -> Result<Option<ImportCheckpoint>, StoreError>;
    /// Saves `checkpoint` if its `version` is the stored one (0 = must not exist
    /// yet) and returns it with the version bumped; `StoreError::Conflict` otherwise.
    async fn save_import_checkpoint(
        &self,
        checkpoint: &ImportCheckpoint,
    ) -> Result<ImportCheckpoint, StoreError>;
}

/// The answer to claiming an idempotency key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// First time seen (or an earlier claim's lease ran out): go ahead, then `complete`.
    Claimed,
    /// Already processed: drop it.
    AlreadyDone,
    /// Someone else is processing it now (their lease has not run out).
    InProgress,
}

/// "First time seen" marks (webhook event ids, fan-out batches) that expire.
#[async_trait]
pub trait IdempotencyStore: Send + Sync {
    /// Claims `key` for `lease` (conditional put).
    async fn claim(
        &self,
        key: &str,
        now: Timestamp,
        lease: SignedDuration,
    ) -> Result<Claim, StoreError>;
    /// Marks `key` done; the mark is kept for `keep_for` (then expires by TTL).
    async fn complete(
        &self,
        key: &str,
        now: Timestamp,
        keep_for: SignedDuration,
    ) -> Result<(), StoreError>;
    /// Gives up a claim after a failure, so that a retry can claim it at once.
    async fn abandon(&self, key: &str) -> Result<(), StoreError>;
}

/// Monthly quota counters per channel, with optional per-store budgets.
#[async_trait]
pub trait QuotaStore: Send + Sync {
    /// The channel's counter for the month (zeroes if none yet).
    async fn counter(&self, key: &QuotaKey) -> Result<QuotaCounter, StoreError>;
    /// A store's budget counter inside a shared channel (zeroes if none yet).
    async fn store_counter(
        &self,
        key: &QuotaKey,
        store: &StoreKey,
    ) -> Result<QuotaCounter, StoreError>;
    /// Atomically reserves `count` messages if `used + reserved + count <= limit` on the
    /// channel counter (`limit` from the channel's plan; `None` = unlimited) and, when
    /// `store` is given, on that store's budget counter too. All or nothing.
    ///
    /// The reservation is `hold.id`'s until `hold.until`. If that id already holds an
    /// open reservation on `key`, or settled one, that reservation is returned and
    /// nothing more is reserved. When there is not enough room, reservations expired
    /// at `hold.now` are released first ([`QuotaStore::release_expired`]).
    async fn reserve(
        &self,
        key: &QuotaKey,
        count: u64,
        limit: Option<u64>,
        store: Option<(&StoreKey, u64)>,
        hold: &Hold,
    ) -> Result<ReserveOutcome, StoreError>;
    /// Records `sent` of the reservation as used and releases the rest (`sent = 0`
    /// releases it all). Idempotent per reservation id: a repeat does nothing. A
    /// reservation that expired and was released before its settle only adds `sent`
    /// to `used`. Never drives a counter negative.
    async fn settle(&self, reservation: &Reservation, sent: u64) -> Result<(), StoreError>;
    /// Returns to the pool every reservation on `key` that expired at `now` without
    /// being settled; returns how many messages were released.
    async fn release_expired(&self, key: &QuotaKey, now: Timestamp) -> Result<u64, StoreError>;
    /// Raises `used` to LINE's own count when that is higher.
    async fn reconcile(
        &self,
        key: &QuotaKey,
        used_by_line: u64,
    ) -> Result<QuotaCounter, StoreError>;
}

/// Conversation history.
#[async_trait]
pub trait ConversationStore: Send + Sync {
    /// Appends an entry; appending the same `id` twice keeps one.
    async fn append(&self, entry: &ConversationEntry) -> Result<(), StoreError>;
    /// A friend's history, newest first.
    async fn history(
        &self,
        friend: &FriendKey,
        page: PageRequest,
    ) -> Result<Page<ConversationEntry>, StoreError>;
    /// A store's entries with `from <= at < to`, oldest first (CSV export).
    async fn by_store(
        &self,
        store: &StoreKey,
        from: Timestamp,
        to: Timestamp,
        page: PageRequest,
    ) -> Result<Page<ConversationEntry>, StoreError>;
    /// Hides the inbound message LINE knows as `line_message_id` (an `unsend` event).
    /// Returns whether a message was found.
    async fn hide(&self, friend: &FriendKey, line_message_id: &str) -> Result<bool, StoreError>;
    /// Removes a friend's whole history (a customer's erasure request); returns how
    /// many entries were removed.
    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError>;
    /// Records otodoke's kept copy of entry `entry_id`'s content. Returns whether
    /// the entry exists; attaching again replaces the reference (a redelivered
    /// keeper job writes the same one).
    async fn attach_media(
        &self,
        friend: &FriendKey,
        entry_id: &str,
        media: &MediaRef,
    ) -> Result<bool, StoreError>;
}

/// Media bytes (kept customer content, staff uploads): a folder locally, S3 in AWS.
/// Objects are private; [`MediaStore::url`] hands out a link that expires.
#[async_trait]
pub trait MediaStore: Send + Sync {
    /// Stores `body` under `key` (replacing what was there).
    async fn put(
        &self,
        key: &MediaKey,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<(), StoreError>;
    /// The media under `key`, if any.
    async fn get(&self, key: &MediaKey) -> Result<Option<StoredMedia>, StoreError>;
    /// An HTTPS (locally: HTTP) URL that LINE and a browser can GET for `valid_for`,
    /// and that cannot be guessed from the key. Does not check that the media exists.
    async fn url(&self, key: &MediaKey, valid_for: SignedDuration) -> Result<String, StoreError>;
    /// Deletes the media under `key`; deleting what is not there does nothing.
    async fn delete(&self, key: &MediaKey) -> Result<(), StoreError>;
    /// Deletes every object under `prefix` (erasure); returns how many.
    async fn delete_prefix(&self, prefix: &MediaPrefix) -> Result<u64, StoreError>;
}

/// The staff inbox's threads (see [`crate::thread`]).
#[async_trait]
pub trait ThreadStore: Send + Sync {
    async fn thread(&self, key: &ThreadKey) -> Result<Option<Thread>, StoreError>;
    /// Saves with the optimistic version check (as `FriendStore::save`): `Conflict`
    /// when the stored version is not `thread.version`; returns the saved thread.
    async fn save(&self, thread: &Thread) -> Result<Thread, StoreError>;
    /// One index's threads, newest activity first.
    async fn list(
        &self,
        index: &ThreadIndex,
        page: PageRequest,
    ) -> Result<Page<Thread>, StoreError>;
    /// The organization's threads whose activity is after `since` (a cursor an
    /// earlier call returned; `None`: start from now, returning nothing), oldest
    /// first, at most `limit`: one query per poll.
    async fn changes(
        &self,
        org: &OrgId,
        since: Option<&crate::page::Cursor>,
        limit: u32,
    ) -> Result<Changes, StoreError>;
    /// Removes a friend's threads (erasure); returns how many.
    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError>;
}

/// Rich menus, each channel's menu rules, and the jobs that re-link friends after
/// the rules change (see [`crate::richmenu`]). Everything is found by organization
/// first: a menu id alone finds nothing.
#[async_trait]
pub trait RichMenuStore: Send + Sync {
    async fn menu(&self, org: &OrgId, id: &RichMenuId) -> Result<Option<RichMenu>, StoreError>;
    /// A channel's menus, oldest first (at most 1000, LINE's limit per channel).
    async fn menus(&self, org: &OrgId, channel: &ChannelId) -> Result<Vec<RichMenu>, StoreError>;
    /// Saves with the optimistic version check: `Conflict` when the stored version
    /// is not `menu.version` (0: must not exist); returns the saved menu.
    async fn save_menu(&self, menu: &RichMenu) -> Result<RichMenu, StoreError>;
    /// Removes a menu; whether it existed.
    async fn delete_menu(&self, org: &OrgId, id: &RichMenuId) -> Result<bool, StoreError>;
    /// The channel's rules ([`MenuRules::empty`] when never saved).
    async fn rules(&self, org: &OrgId, channel: &ChannelId) -> Result<MenuRules, StoreError>;
    /// Saves with the optimistic version check (0: never saved).
    async fn save_rules(&self, rules: &MenuRules) -> Result<MenuRules, StoreError>;
    async fn relink_job(&self, org: &OrgId, id: &str) -> Result<Option<RelinkJob>, StoreError>;
    /// A channel's relink jobs, newest first.
    async fn relink_jobs(
        &self,
        org: &OrgId,
        channel: &ChannelId,
        limit: u32,
    ) -> Result<Vec<RelinkJob>, StoreError>;
    /// Saves with the optimistic version check (0: must not exist).
    async fn save_relink_job(&self, job: &RelinkJob) -> Result<RelinkJob, StoreError>;
}

/// Automations and the record of their runs (see [`crate::automation`]).
#[async_trait]
pub trait AutomationStore: Send + Sync {
    async fn automation(
        &self,
        org: &OrgId,
        id: &AutomationId,
    ) -> Result<Option<Automation>, StoreError>;
    /// The organization's automations, in the order they were created.
    async fn automations(&self, org: &OrgId) -> Result<Vec<Automation>, StoreError>;
    /// Saves with the optimistic version check (0: must not exist).
    async fn save_automation(&self, automation: &Automation) -> Result<Automation, StoreError>;
    async fn delete_automation(&self, org: &OrgId, id: &AutomationId) -> Result<bool, StoreError>;
    /// Records a run unless one with its id exists; returns the stored run (the
    /// existing one when the event was seen before: its plan is what to carry out).
    async fn begin_run(&self, run: &AutomationRun) -> Result<AutomationRun, StoreError>;
    /// Records the run's outcome (overwrites the stored run's `outcome`).
    async fn finish_run(&self, run: &AutomationRun) -> Result<(), StoreError>;
    /// A friend's runs, newest first (their timeline).
    async fn runs_for_friend(
        &self,
        friend: &FriendKey,
        page: PageRequest,
    ) -> Result<Page<AutomationRun>, StoreError>;
    /// The runs an automation took part in, newest first.
    async fn runs_for_automation(
        &self,
        org: &OrgId,
        id: &AutomationId,
        page: PageRequest,
    ) -> Result<Page<AutomationRun>, StoreError>;
    /// Removes a friend's runs (erasure); returns how many.
    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError>;
}

/// Tracked links and their clicks (see [`crate::link`]). Everything is found by
/// organization first: a link id alone finds nothing.
#[async_trait]
pub trait LinkStore: Send + Sync {
    /// Registers `link` unless its id is registered (the id derives from the
    /// organization, URL and source, so a repeat changes nothing, its counts
    /// included).
    async fn register(&self, link: &TrackedLink) -> Result<(), StoreError>;
    /// The link with its counts.
    async fn link(&self, org: &OrgId, id: &LinkId) -> Result<Option<LinkStats>, StoreError>;
    /// Counts a click of a registered link: always one more `clicks`; with a
    /// friend, that friend's first click of the link is kept and counted in
    /// `friends` ([`Clicked::FirstForFriend`]), a repeat is not. `NotFound` when
    /// the link is not registered.
    async fn record_click(
        &self,
        org: &OrgId,
        id: &LinkId,
        friend: Option<&FriendKey>,
        at: Timestamp,
    ) -> Result<Clicked, StoreError>;
    /// The friends who clicked a link (their first click), in a stable order.
    async fn clicks(
        &self,
        org: &OrgId,
        id: &LinkId,
        page: PageRequest,
    ) -> Result<Page<LinkClick>, StoreError>;
    /// The links of a campaign (its steps included) or an automation, with their
    /// counts, oldest first.
    async fn links_of(&self, org: &OrgId, owner: &LinkOwner) -> Result<Vec<LinkStats>, StoreError>;
    /// Removes every kept click of `friend` (erasure), in every link of their
    /// organization; returns how many. The links' counts stay: totals name nobody.
    async fn erase(&self, friend: &FriendKey) -> Result<u64, StoreError>;
}

/// The report counters (see [`crate::metrics`]): atomic increments, each batch of
/// them applied at most once.
#[async_trait]
pub trait MetricsStore: Send + Sync {
    /// Adds every increment atomically (to its row and to the row's roll-ups: the
    /// organization's day, the channel's day, the store's month), unless a call
    /// with the same `dedupe` key (of the same organization) was applied before:
    /// then nothing changes and the answer is `false`. A redelivered event therefore counts once. The increments
    /// of one call belong to one organization (the first increment's, under which
    /// the dedupe mark is kept) and touch at most
    /// [`MAX_ROWS_PER_ADD`](crate::metrics::MAX_ROWS_PER_ADD) rows (more:
    /// `TooLarge`, counted in rows); an empty list applies nothing and answers `false`.
    /// Dedupe marks are kept for [`METRICS_DEDUPE_DAYS`] days.
    async fn add(&self, increments: &[Increment], dedupe: &str) -> Result<bool, StoreError>;
    /// The organization's daily series of `slice` for the days `from..=to`: one
    /// entry per day that has counts, oldest first (none when `from > to`). What a
    /// report reads is what it shows: the organization's or a channel's day
    /// totals are roll-ups kept by `add` (a day is one small row), a list of stores
    /// reads those stores' own rows and sums them per day.
    async fn series(
        &self,
        org: &OrgId,
        from: Day,
        to: Day,
        slice: &Slice,
    ) -> Result<Vec<DayCounts>, StoreError>;
    /// The organization's counts per JST month, store (or none) and channel for
    /// the months `from..=to` that `filter` asks for, ordered by month, store
    /// (none first) and channel (none when `from > to`): roll-ups kept by `add`,
    /// one row per month, store and channel.
    async fn store_months(
        &self,
        org: &OrgId,
        from: QuotaMonth,
        to: QuotaMonth,
        filter: &MetricsFilter,
    ) -> Result<Vec<StoreMonth>, StoreError>;
}

/// How long a [`MetricsStore::add`] dedupe mark is kept: longer than anything is
/// redelivered (SQS keeps a message at most 14 days).
pub const METRICS_DEDUPE_DAYS: i64 = 30;

/// Campaigns, their status, progress and planner checkpoint.
#[async_trait]
pub trait CampaignStore: Send + Sync {
    /// Creates a campaign; `Conflict` if the id exists.
    async fn create(&self, campaign: &Campaign) -> Result<(), StoreError>;
    async fn campaign(&self, id: &CampaignId) -> Result<Option<Campaign>, StoreError>;
    /// An organization's campaigns, newest first.
    async fn by_org(&self, org: &OrgId, page: PageRequest) -> Result<Page<Campaign>, StoreError>;
    /// Saves a draft's edits with the optimistic version check (as
    /// `FriendStore::save`): `Conflict` when the version is stale or the campaign is
    /// no longer a draft (scheduled or started meanwhile: its content is what is
    /// being sent). Status and progress are not changed: use `transition` /
    /// `add_progress`.
    async fn save_draft(&self, campaign: &Campaign) -> Result<Campaign, StoreError>;
    /// Deletes a draft with its checkpoint: `false` when there is no such campaign,
    /// `Conflict` when it is not a draft (a scheduled or sent campaign is history).
    async fn delete_draft(&self, id: &CampaignId) -> Result<bool, StoreError>;
    /// Moves the status from `from` to `to` if it is `from` now; `false` otherwise.
    /// This is how two schedulers never start one campaign twice.
    async fn transition(
        &self,
        id: &CampaignId,
        from: CampaignStatus,
        to: CampaignStatus,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Scheduled campaigns whose time has come (`Schedule::At` with `at <= now`).
    async fn due(&self, now: Timestamp, limit: u32) -> Result<Vec<CampaignId>, StoreError>;
    /// Adds `delta` to the progress counters atomically.
    async fn add_progress(&self, id: &CampaignId, delta: Progress) -> Result<(), StoreError>;
    async fn checkpoint(&self, id: &CampaignId) -> Result<PlannerCheckpoint, StoreError>;
    /// Replaces the checkpoint if its `next_batch` is still `expected_next_batch`.
    async fn advance_checkpoint(
        &self,
        id: &CampaignId,
        expected_next_batch: u32,
        next: &PlannerCheckpoint,
    ) -> Result<bool, StoreError>;
    /// Keeps a fan-out batch of a paused campaign in the store until the campaign
    /// resumes (not in a queue, whose dead-letter queue drops messages after 14
    /// days). Parking a batch number again replaces it. The campaign must exist.
    async fn park(&self, batch: &FanoutBatch) -> Result<(), StoreError>;
    /// Up to `limit` parked batches of campaign `id`, lowest batch number first.
    async fn parked(&self, id: &CampaignId, limit: u32) -> Result<Vec<FanoutBatch>, StoreError>;
    /// Removes a parked batch (once it is back in the fan-out queue); removing one
    /// that is not there does nothing.
    async fn unpark(&self, id: &CampaignId, batch_no: u32) -> Result<(), StoreError>;
}

/// Step-sequence enrolments.
#[async_trait]
pub trait EnrolmentStore: Send + Sync {
    /// Enrols a friend; `false` if already enrolled in that campaign.
    async fn enrol(&self, enrolment: &Enrolment) -> Result<bool, StoreError>;
    /// Active enrolments due at `now`, oldest due first.
    async fn due(&self, now: Timestamp, limit: u32) -> Result<Vec<Enrolment>, StoreError>;
    /// Moves an enrolment from step `from_step` to `next` (step, due) or completes it
    /// (`None`); `false` if it was not at `from_step` (someone else advanced it).
    async fn advance(
        &self,
        campaign: &CampaignId,
        friend: &FriendKey,
        from_step: u32,
        next: Option<(u32, Timestamp)>,
    ) -> Result<bool, StoreError>;
    /// A friend's active enrolments on a channel (what menu rules on "in a step
    /// sequence" look at).
    async fn active(
        &self,
        friend: &FriendKey,
        channel: &ChannelId,
    ) -> Result<Vec<Enrolment>, StoreError>;
    /// Stops one active enrolment (an automation's "stop sequence"); `false` if it
    /// was not active.
    async fn stop(&self, campaign: &CampaignId, friend: &FriendKey) -> Result<bool, StoreError>;
    /// Stops a friend's active enrolments on a channel (they blocked); returns how many.
    async fn stop_all(&self, friend: &FriendKey, channel: &ChannelId) -> Result<u32, StoreError> {
        let mut stopped = 0;
        for enrolment in self.active(friend, channel).await? {
            if self.stop(&enrolment.campaign_id, friend).await? {
                stopped += 1;
            }
        }
        Ok(stopped)
    }
    /// Removes every enrolment of a friend, whatever its state (erasure); returns how many.
    async fn erase(&self, friend: &FriendKey) -> Result<u32, StoreError>;
}

/// Channel secrets and access tokens, by reference.
#[async_trait]
pub trait SecretSource: Send + Sync {
    /// The secret's value; a caching source may answer from its cache (for at most
    /// its time to live).
    async fn secret(&self, reference: &SecretRef) -> Result<String, StoreError>;
    /// The secret read afresh from where it is kept, replacing any cached value.
    /// Call it once when the cached value was refused (LINE answered 401, or a
    /// webhook signature did not verify): the secret may have been rotated.
    /// Sources without a cache answer as [`SecretSource::secret`].
    async fn refresh(&self, reference: &SecretRef) -> Result<String, StoreError> {
        self.secret(reference).await
    }
}

/// A message to enqueue. FIFO queues use `group_id` for ordering and `dedup_id` to
/// drop a repeat within the queue's deduplication window; standard queues ignore both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueMessage {
    pub body: String,
    pub group_id: Option<String>,
    pub dedup_id: Option<String>,
}

/// Sending side of a queue.
#[async_trait]
pub trait QueueSender: Send + Sync {
    /// Enqueues all of `messages` (any number; adapters batch as their service needs)
    /// or reports which could not be enqueued.
    async fn send(&self, messages: &[QueueMessage]) -> Result<(), QueueError>;
}

/// A message taken from a queue; it comes back after the visibility timeout unless acked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMessage {
    pub body: String,
    pub receipt: String,
    /// How many times this message has been received, this time included.
    pub receive_count: u32,
}

/// Receiving side of a queue (in AWS, Lambda's event source mapping does this; the
/// local stack and tests use it directly).
#[async_trait]
pub trait QueueReceiver: Send + Sync {
    async fn receive(
        &self,
        max: u32,
        wait: std::time::Duration,
    ) -> Result<Vec<ReceivedMessage>, QueueError>;
    async fn ack(&self, receipt: &str) -> Result<(), QueueError>;
}

/// Counts requests against a shared [`RateLimit`](crate::rate::RateLimit), so that
/// any number of workers together stay under it (one key per channel and endpoint).
#[async_trait]
pub trait RateLimiter: Send + Sync {
    /// Counts one request for `key` in the window holding `now` if that window still
    /// has room (an atomic conditional increment), and answers
    /// [`Admission::RetryAt`](crate::rate::Admission::RetryAt) with the next window's
    /// start otherwise, counting nothing. Windows expire on their own.
    async fn acquire(
        &self,
        key: &str,
        limit: crate::rate::RateLimit,
        now: Timestamp,
    ) -> Result<crate::rate::Admission, StoreError>;
}

/// LINE's statistics per campaign (and per step of a sequence), and the
/// sequences' per-step counters. Keys name the organization.
#[async_trait]
pub trait CampaignStatsStore: Send + Sync {
    /// Records that a unit was sent under, unless already recorded (then nothing
    /// changes: the first send's day stays). Answers whether it was new.
    async fn watch(&self, stats: &crate::insight::CampaignStats) -> Result<bool, StoreError>;
    /// Replaces the record (after a fetch).
    async fn save_stats(&self, stats: &crate::insight::CampaignStats) -> Result<(), StoreError>;
    /// The campaign's records (the campaign's, then its steps' in order).
    async fn stats(
        &self,
        org: &OrgId,
        campaign: &CampaignId,
    ) -> Result<Vec<crate::insight::CampaignStats>, StoreError>;
    /// Records of every organization whose `next_fetch_at <= now`, soonest first.
    async fn due_stats(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<crate::insight::CampaignStats>, StoreError>;
    /// Adds `delta` to one step's counters atomically.
    async fn add_step_progress(
        &self,
        org: &OrgId,
        campaign: &CampaignId,
        step: u32,
        delta: Progress,
    ) -> Result<(), StoreError>;
    /// Every step's counters, by step.
    async fn step_progress(
        &self,
        org: &OrgId,
        campaign: &CampaignId,
    ) -> Result<Vec<crate::insight::StepProgress>, StoreError>;
}
