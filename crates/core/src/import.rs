//! Importing a channel's existing friends: people who added the LINE Official Account
//! before otodoke was connected never sent a follow webhook, so without this they
//! would only appear once they write, and the first campaign would miss them.
//!
//! [`import_followers`] runs one budgeted slice: it pages LINE's follower ids from a
//! [`FollowerSource`] (LINE's `GET /v2/bot/followers/ids`, verified and premium
//! accounts only), fetches each follower's profile, creates or updates the friend,
//! and saves an [`ImportCheckpoint`] (LINE's `next` token and the counts) after
//! each page through the [`ImportStore`](crate::ports::ImportStore) port. A slice
//! that is killed mid-page resumes from the start of that page: the page is done
//! again, which changes nothing twice (friends are keyed, saves are version-checked)
//! and counts it once (the counts are saved with the page's checkpoint only).
//!
//! Requests are paced below LINE's per-channel limits ([`Pace`]): the followers list
//! at 2,000 a minute, profiles at 1,000 a second by default (LINE allows 2,000; half
//! is left to the responder, which reads profiles of the same channel on follows).
//!
//! Rules:
//! - A friend otodoke knows as **blocked** on this channel stays blocked: the import
//!   neither un-blocks them nor refreshes their profile (counted as
//!   `kept_blocked`). LINE's list says they follow now, so they unblocked; the
//!   follow webhook LINE sends for an unblock (`isUnblocked`) is what marks them
//!   following, with its time. Refusing here keeps a listing taken just before a
//!   block from overwriting the block that the webhook recorded after it.
//! - A friend already known keeps their store, tags and attributes; the display name
//!   and picture are refreshed from the profile, and a missing link to this channel
//!   is added as following (with no `followed_at`: LINE does not say when).
//! - A new friend is assigned to the channel's store, else the channel's default
//!   store, else the organization's default store, as a follow webhook would.
//! - A follower whose profile answers 404 (they blocked between the listing and the
//!   profile call) is not created (`no_profile`).

use crate::error::StoreError;
use crate::friend::{ChannelLink, FollowState, Friend, FriendKey};
use crate::ids::{ChannelId, LineUserId, OrgId, StoreId};
use crate::organization::{new_friend_store, Channel, Organization};
use crate::ports::{FriendStore, ImportStore};
use async_trait::async_trait;
use futures::stream::{self, StreamExt, TryStreamExt};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// The most user ids LINE returns in one followers page: what the import asks for.
pub const PAGE_LIMIT: u32 = 1_000;
/// How many times a friend's save is retried after a version conflict.
const SAVE_ATTEMPTS: u32 = 5;

/// One page of follower ids, as LINE lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowerPage {
    pub user_ids: Vec<String>,
    /// The token of the next page; `None` on the last one.
    pub next: Option<String>,
}

/// What the import keeps of a follower's profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowerProfile {
    pub display_name: String,
    pub picture_url: Option<String>,
}

/// Why the source could not answer.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// LINE does not offer the followers list to this account (403: neither
    /// verified nor premium), with LINE's reason.
    #[error("LINE does not offer the followers list for this account: {0}")]
    Unavailable(String),
    /// LINE could not be asked (outage, rate limit after retries, network, token).
    #[error("LINE could not be reached: {0}")]
    Unreachable(String),
}

/// Where followers come from: LINE's followers list and profiles for one channel.
/// The adapter over `otodoke_line::LineClient` lives with its caller, so that this
/// module sees no HTTP type.
#[async_trait]
pub trait FollowerSource: Send + Sync {
    /// Up to `limit` follower ids from `start` (`None`: the first page).
    async fn follower_ids(
        &self,
        start: Option<&str>,
        limit: u32,
    ) -> Result<FollowerPage, SourceError>;
    /// A follower's profile; `None` when LINE answers 404 (blocked, or gone).
    async fn profile(&self, user_id: &str) -> Result<Option<FollowerProfile>, SourceError>;
}

/// Where one channel's import stands. Saved after every page; `version` is the
/// optimistic-concurrency version (0: never saved), so two slices running at once
/// cannot both advance it (the second gets a conflict and stops).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCheckpoint {
    pub org: OrgId,
    pub channel: ChannelId,
    /// LINE's token of the next page to import; `None` before the first page (or
    /// after the last, when `done`).
    pub next: Option<String>,
    /// The last page was imported.
    pub done: bool,
    /// Pages imported in this pass.
    pub pages: u32,
    /// Follower ids processed in this pass (each once, whatever the outcome).
    pub imported: u64,
    /// Friends created.
    pub created: u64,
    /// Friends already known, refreshed.
    pub updated: u64,
    /// Friends known as blocked on this channel, left blocked.
    pub kept_blocked: u64,
    /// Followers whose profile answered 404 by the time it was asked for.
    pub no_profile: u64,
    pub started_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: u64,
}

impl ImportCheckpoint {
    /// A pass that has not imported anything yet.
    pub fn start(org: OrgId, channel: ChannelId, now: Timestamp) -> Self {
        Self {
            org,
            channel,
            next: None,
            done: false,
            pages: 0,
            imported: 0,
            created: 0,
            updated: 0,
            kept_blocked: 0,
            no_profile: 0,
            started_at: now,
            updated_at: now,
            version: 0,
        }
    }
}

/// How fast the import may call LINE (per channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// Followers-list requests a minute (LINE: 2,000).
    pub follower_pages_per_minute: u32,
    /// Profile requests a second (LINE: 2,000, shared with the responder).
    pub profiles_per_second: u32,
    /// Profile requests in flight at once.
    pub concurrency: usize,
    /// User ids asked for per followers page (1 to [`PAGE_LIMIT`]); a checkpoint is
    /// saved after each page.
    pub page_size: u32,
}

impl Default for Pace {
    fn default() -> Self {
        Self {
            follower_pages_per_minute: 2_000,
            profiles_per_second: 1_000,
            concurrency: 16,
            page_size: PAGE_LIMIT,
        }
    }
}

/// How much one slice may do: it starts no page once either is used up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportBudget {
    pub max_pages: u32,
    pub max_duration: Duration,
}

impl Default for ImportBudget {
    /// What fits one admin API request (API Gateway gives up after 30 s).
    fn default() -> Self {
        Self {
            max_pages: 50,
            max_duration: Duration::from_secs(20),
        }
    }
}

/// How a slice ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Every page is imported.
    Done,
    /// Pages remain: call again to continue from the checkpoint.
    InProgress,
    /// LINE does not offer the followers list to this account.
    Unavailable,
}

/// The result of one slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub status: ImportStatus,
    /// The checkpoint after the slice (the counts of the whole pass).
    pub checkpoint: ImportCheckpoint,
    /// Pages imported by this slice.
    pub pages_this_slice: u32,
    /// LINE's reason when `Unavailable`.
    pub reason: Option<String>,
}

/// Why a slice stopped with an error. Everything up to the last saved page is kept.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Source(SourceError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Spaces requests at least `interval` apart; shared by concurrent callers, each of
/// whom reserves the next slot and sleeps until it.
struct Pacer {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl Pacer {
    fn per(count: u32, period: Duration) -> Self {
        Self {
            interval: period / count.max(1),
            next: Mutex::new(None),
        }
    }

    async fn wait(&self) {
        let slot = {
            let mut next = self.next.lock().expect("pacer lock");
            let now = Instant::now();
            let slot = next.map_or(now, |at| at.max(now));
            *next = Some(slot + self.interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// What happened to one follower id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Imported {
    Created,
    Updated,
    KeptBlocked,
    NoProfile,
}

/// Everything one slice works with.
pub struct Import<'a> {
    pub channel: &'a Channel,
    pub org: &'a Organization,
    pub source: &'a dyn FollowerSource,
    pub friends: &'a dyn FriendStore,
    pub checkpoints: &'a dyn ImportStore,
    pub pace: Pace,
}

/// Runs one slice of `channel`'s follower import within `budget`, continuing from
/// the saved checkpoint (a finished pass starts over: the import is also how
/// profiles are refreshed on demand).
pub async fn import_followers(
    import: &Import<'_>,
    now: Timestamp,
    budget: ImportBudget,
) -> Result<ImportOutcome, ImportError> {
    let channel = import.channel;
    let started = Instant::now();
    let mut checkpoint = match import
        .checkpoints
        .import_checkpoint(&channel.org_id, &channel.id)
        .await?
    {
        Some(saved) if !saved.done => saved,
        Some(finished) => ImportCheckpoint {
            version: finished.version,
            ..ImportCheckpoint::start(channel.org_id.clone(), channel.id.clone(), now)
        },
        None => ImportCheckpoint::start(channel.org_id.clone(), channel.id.clone(), now),
    };
    let pages = Pacer::per(
        import.pace.follower_pages_per_minute,
        Duration::from_secs(60),
    );
    let profiles = Pacer::per(import.pace.profiles_per_second, Duration::from_secs(1));
    let store = new_friend_store(channel, import.org);
    let mut pages_this_slice = 0;
    while pages_this_slice < budget.max_pages && started.elapsed() < budget.max_duration {
        pages.wait().await;
        let page = match import
            .source
            .follower_ids(
                checkpoint.next.as_deref(),
                import.pace.page_size.clamp(1, PAGE_LIMIT),
            )
            .await
        {
            Ok(page) => page,
            Err(SourceError::Unavailable(reason)) => {
                return Ok(ImportOutcome {
                    status: ImportStatus::Unavailable,
                    checkpoint,
                    pages_this_slice,
                    reason: Some(reason),
                })
            }
            Err(error) => return Err(ImportError::Source(error)),
        };
        let outcomes: Vec<Imported> = stream::iter(page.user_ids.iter().cloned())
            .map(|user_id| import_one(import, &profiles, store.as_ref(), user_id, now))
            .buffer_unordered(import.pace.concurrency.max(1))
            .try_collect()
            .await?;
        let mut next = checkpoint.clone();
        for outcome in outcomes {
            next.imported += 1;
            match outcome {
                Imported::Created => next.created += 1,
                Imported::Updated => next.updated += 1,
                Imported::KeptBlocked => next.kept_blocked += 1,
                Imported::NoProfile => next.no_profile += 1,
            }
        }
        next.pages += 1;
        next.done = page.next.is_none();
        next.next = page.next;
        next.updated_at = now;
        checkpoint = import.checkpoints.save_import_checkpoint(&next).await?;
        pages_this_slice += 1;
        if checkpoint.done {
            break;
        }
    }
    Ok(ImportOutcome {
        status: if checkpoint.done {
            ImportStatus::Done
        } else {
            ImportStatus::InProgress
        },
        checkpoint,
        pages_this_slice,
        reason: None,
    })
}

/// Imports one follower id: skip a known block, fetch the profile, create or update
/// the friend (re-reading and re-applying on a version conflict).
async fn import_one(
    import: &Import<'_>,
    profiles: &Pacer,
    store: Option<&StoreId>,
    user_id: String,
    now: Timestamp,
) -> Result<Imported, ImportError> {
    let Ok(user) = LineUserId::parse(user_id.as_str()) else {
        // LINE lists valid ids only; a malformed one is skipped (counted as having
        // no profile), not fatal to the page.
        return Ok(Imported::NoProfile);
    };
    let channel = import.channel;
    let key = FriendKey {
        org: channel.org_id.clone(),
        provider: channel.provider.clone(),
        user_id: user,
    };
    let blocked = |friend: &Friend| {
        friend
            .channels
            .get(&channel.id)
            .is_some_and(|link| link.state == FollowState::Blocked)
    };
    let existing = import.friends.friend(&key).await?;
    if existing.as_ref().is_some_and(blocked) {
        return Ok(Imported::KeptBlocked);
    }
    profiles.wait().await;
    let Some(profile) = import
        .source
        .profile(&user_id)
        .await
        .map_err(ImportError::Source)?
    else {
        return Ok(Imported::NoProfile);
    };
    let mut current = existing;
    for attempt in 1..=SAVE_ATTEMPTS {
        let created = current.is_none();
        let mut friend = match current.take() {
            Some(friend) if blocked(&friend) => return Ok(Imported::KeptBlocked),
            Some(friend) => friend,
            None => Friend::new(key.clone(), now),
        };
        friend.display_name = Some(profile.display_name.clone());
        friend.picture_url = profile.picture_url.clone();
        friend
            .channels
            .entry(channel.id.clone())
            .or_insert(ChannelLink::undated(FollowState::Following));
        if friend.store_id.is_none() {
            friend.store_id = store.cloned();
        }
        friend.updated_at = now;
        match import.friends.save(&friend).await {
            Ok(_) if created => return Ok(Imported::Created),
            Ok(_) => return Ok(Imported::Updated),
            Err(StoreError::Conflict) if attempt < SAVE_ATTEMPTS => {
                current = import.friends.friend(&key).await?;
            }
            Err(error) => return Err(error.into()),
        }
    }
    Err(StoreError::Conflict.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ProviderId, StoreKey};
    use crate::organization::{LinkMode, Plan, SecretRef};
    use crate::page::{Page, PageRequest};
    use std::collections::{HashMap, VecDeque};

    /// Friends in a map, version-checked like every adapter; no listings.
    #[derive(Default)]
    struct Friends(Mutex<HashMap<FriendKey, Friend>>);

    #[async_trait]
    impl FriendStore for Friends {
        async fn friend(&self, key: &FriendKey) -> Result<Option<Friend>, StoreError> {
            Ok(self.0.lock().unwrap().get(key).cloned())
        }
        async fn save(&self, friend: &Friend) -> Result<Friend, StoreError> {
            let mut map = self.0.lock().unwrap();
            if map.get(&friend.key).map_or(0, |f| f.version) != friend.version {
                return Err(StoreError::Conflict);
            }
            let saved = Friend {
                version: friend.version + 1,
                ..friend.clone()
            };
            map.insert(friend.key.clone(), saved.clone());
            Ok(saved)
        }
        async fn delete(&self, _: &FriendKey) -> Result<bool, StoreError> {
            unimplemented!()
        }
        async fn by_store(&self, _: &StoreKey, _: PageRequest) -> Result<Page<Friend>, StoreError> {
            unimplemented!()
        }
        async fn by_channel(
            &self,
            _: &OrgId,
            _: &ChannelId,
            _: FollowState,
            _: PageRequest,
        ) -> Result<Page<Friend>, StoreError> {
            unimplemented!()
        }
        async fn by_tag(
            &self,
            _: &OrgId,
            _: &str,
            _: PageRequest,
        ) -> Result<Page<Friend>, StoreError> {
            unimplemented!()
        }
        async fn by_org(&self, _: &OrgId, _: PageRequest) -> Result<Page<Friend>, StoreError> {
            unimplemented!()
        }
    }

    #[derive(Default)]
    struct Checkpoints(Mutex<Option<ImportCheckpoint>>);

    #[async_trait]
    impl ImportStore for Checkpoints {
        async fn import_checkpoint(
            &self,
            _: &OrgId,
            _: &ChannelId,
        ) -> Result<Option<ImportCheckpoint>, StoreError> {
            Ok(self.0.lock().unwrap().clone())
        }
        async fn save_import_checkpoint(
            &self,
            checkpoint: &ImportCheckpoint,
        ) -> Result<ImportCheckpoint, StoreError> {
            let mut stored = self.0.lock().unwrap();
            if stored.as_ref().map_or(0, |c| c.version) != checkpoint.version {
                return Err(StoreError::Conflict);
            }
            let saved = ImportCheckpoint {
                version: checkpoint.version + 1,
                ..checkpoint.clone()
            };
            *stored = Some(saved.clone());
            Ok(saved)
        }
    }

    /// Scripted pages; profiles for every id but those listed as gone.
    struct Script {
        pages: Mutex<VecDeque<Result<FollowerPage, SourceError>>>,
        gone: Vec<String>,
        /// Run when a page is asked for (e.g. another slice saving meanwhile).
        on_page: Box<dyn Fn() + Send + Sync>,
    }

    #[async_trait]
    impl FollowerSource for Script {
        async fn follower_ids(&self, _: Option<&str>, _: u32) -> Result<FollowerPage, SourceError> {
            (self.on_page)();
            self.pages
                .lock()
                .unwrap()
                .pop_front()
                .expect("a scripted page")
        }
        async fn profile(&self, user_id: &str) -> Result<Option<FollowerProfile>, SourceError> {
            Ok(
                (!self.gone.iter().any(|g| g == user_id)).then(|| FollowerProfile {
                    display_name: format!("name of {user_id}"),
                    picture_url: None,
                }),
            )
        }
    }

    fn user(n: u32) -> String {
        format!("U{n:032x}")
    }

    fn page(ids: &[String], next: Option<&str>) -> Result<FollowerPage, SourceError> {
        Ok(FollowerPage {
            user_ids: ids.to_vec(),
            next: next.map(str::to_owned),
        })
    }

    fn org() -> Organization {
        Organization {
            id: OrgId::new("acme").unwrap(),
            name: "Acme".into(),
            link_mode: LinkMode::SharedChannel,
            default_store: Some(StoreId::new("hq").unwrap()),
            created_at: Timestamp::UNIX_EPOCH,
            reply: Default::default(),
        }
    }

    fn channel() -> Channel {
        Channel {
            id: ChannelId::new("2000000001").unwrap(),
            org_id: OrgId::new("acme").unwrap(),
            provider: ProviderId::new("p").unwrap(),
            bot_user_id: user(999),
            store_id: None,
            default_store: None,
            secret_ref: SecretRef("s".into()),
            access_token_ref: SecretRef("t".into()),
            plan: Plan::Unlimited,
        }
    }

    fn script(pages: Vec<Result<FollowerPage, SourceError>>, gone: &[String]) -> Script {
        Script {
            pages: Mutex::new(pages.into()),
            gone: gone.to_vec(),
            on_page: Box::new(|| {}),
        }
    }

    async fn run(
        source: &Script,
        friends: &Friends,
        checkpoints: &Checkpoints,
    ) -> Result<ImportOutcome, ImportError> {
        let (channel, org) = (channel(), org());
        let import = Import {
            channel: &channel,
            org: &org,
            source,
            friends,
            checkpoints,
            pace: Pace::default(),
        };
        import_followers(&import, Timestamp::UNIX_EPOCH, ImportBudget::default()).await
    }

    #[tokio::test]
    async fn a_follower_gone_before_the_profile_call_and_a_malformed_id_are_not_created() {
        let ids = [user(1), user(2), "not-a-user-id".to_owned()];
        let source = script(vec![page(&ids, None)], &[user(2)]);
        let (friends, checkpoints) = (Friends::default(), Checkpoints::default());
        let outcome = run(&source, &friends, &checkpoints).await.unwrap();
        assert_eq!(outcome.status, ImportStatus::Done);
        let c = &outcome.checkpoint;
        assert_eq!((c.imported, c.created, c.no_profile), (3, 1, 2));
        let stored = friends.0.lock().unwrap();
        assert_eq!(stored.len(), 1);
        let friend = stored.values().next().unwrap();
        assert_eq!(
            friend.store_id,
            Some(StoreId::new("hq").unwrap()),
            "the org's default"
        );
        assert!(friend.follows(&channel().id));
    }

    #[tokio::test]
    async fn a_source_outage_keeps_the_pages_saved_before_it() {
        let outage = Err(SourceError::Unreachable("503".into()));
        let source = script(vec![page(&[user(1)], Some("p2")), outage], &[]);
        let (friends, checkpoints) = (Friends::default(), Checkpoints::default());
        let error = run(&source, &friends, &checkpoints).await.unwrap_err();
        assert!(matches!(
            error,
            ImportError::Source(SourceError::Unreachable(_))
        ));
        let saved = checkpoints.0.lock().unwrap().clone().unwrap();
        assert_eq!(
            (saved.pages, saved.imported, saved.next.as_deref()),
            (1, 1, Some("p2"))
        );
    }

    #[tokio::test]
    async fn a_slice_racing_another_on_the_checkpoint_stops_with_a_conflict() {
        let checkpoints = std::sync::Arc::new(Checkpoints::default());
        let other = checkpoints.clone();
        let mut source = script(vec![page(&[user(1)], Some("p2"))], &[]);
        // Another slice saves the first checkpoint while this one reads its page.
        source.on_page = Box::new(move || {
            let start = ImportCheckpoint::start(
                OrgId::new("acme").unwrap(),
                channel().id,
                Timestamp::UNIX_EPOCH,
            );
            *other.0.lock().unwrap() = Some(ImportCheckpoint {
                version: 1,
                ..start
            });
        });
        let friends = Friends::default();
        let error = run(&source, &friends, &checkpoints).await.unwrap_err();
        assert!(matches!(error, ImportError::Store(StoreError::Conflict)));
    }

    #[tokio::test]
    async fn the_pacer_spaces_requests_by_the_rate() {
        let pacer = Pacer::per(100, Duration::from_secs(1));
        let started = Instant::now();
        for _ in 0..11 {
            pacer.wait().await;
        }
        // The first goes at once, then one every 10 ms.
        let elapsed = started.elapsed();
        assert!(elapsed >= Duration::from_millis(100), "{elapsed:?}");
        assert!(elapsed < Duration::from_millis(600), "{elapsed:?}");
    }
}
