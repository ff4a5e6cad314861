//! Streaming a campaign's audience page by page from the cheapest index, with a
//! position that can be saved and resumed.
//!
//! Without store filters the scan reads `by_channel(channel, Following)`; with
//! them it reads `by_store` for each store of the targeted subtrees in id order.
//! Either way it never holds more than one page.

use jiff::Timestamp;
use otodoke_core::campaign::{Audience, Campaign};
use otodoke_core::friend::{FollowState, Friend};
use otodoke_core::organization::subtree;
use otodoke_core::ports::{FriendStore, OrganizationStore};
use otodoke_core::{ChannelId, Cursor, OrgId, PageRequest, StoreError, StoreId, StoreKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ops::Bound;

/// Where a scan stands, plus how many recipients were planned before it: the
/// planner saves this (as JSON) in its checkpoint's cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanPosition {
    /// Recipients written in batches before this position.
    pub planned: u64,
    /// The store being read (store-subtree scans only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<StoreId>,
    /// The adapter's cursor inside the current index; `None` at its start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Cursor>,
    /// Nothing is left to read.
    #[serde(default)]
    pub exhausted: bool,
}

impl ScanPosition {
    /// The position as stored in a `PlannerCheckpoint`.
    pub fn to_cursor(&self) -> Cursor {
        Cursor(serde_json::to_string(self).expect("a position always serializes"))
    }

    /// A position read back from a checkpoint; `None` (no checkpoint yet) is the start.
    pub fn from_cursor(cursor: Option<&Cursor>) -> Result<Self, StoreError> {
        match cursor {
            None => Ok(Self::default()),
            Some(c) => serde_json::from_str(&c.0)
                .map_err(|e| StoreError::Corrupt(format!("planner checkpoint: {e}"))),
        }
    }
}

/// A campaign's audience: the filter and the index to read it from.
pub struct AudienceScan {
    audience: Audience,
    org: OrgId,
    channel: ChannelId,
    jst_year: i16,
    /// `None`: the whole channel; otherwise the stores of the targeted subtrees.
    stores: Option<BTreeSet<StoreId>>,
}

/// One page of a scan: the matching friends and the position after the page.
pub struct ScanPage {
    pub matched: Vec<Friend>,
    /// Friends read (matching or not).
    pub read: usize,
    pub next: ScanPosition,
}

impl AudienceScan {
    /// The scan of `campaign`'s audience at `now`. Reads the organization's stores
    /// when the audience names some (organizations have tens of stores).
    pub async fn new(
        campaign: &Campaign,
        orgs: &dyn OrganizationStore,
        now: Timestamp,
    ) -> Result<Self, StoreError> {
        let stores = if campaign.audience.stores.is_empty() {
            None
        } else {
            let all = orgs.stores(&campaign.org_id).await?;
            let mut set = BTreeSet::new();
            for root in &campaign.audience.stores {
                set.extend(subtree(&all, root));
            }
            Some(set)
        };
        Ok(Self {
            audience: campaign.audience.clone(),
            org: campaign.org_id.clone(),
            channel: campaign.channel_id.clone(),
            jst_year: otodoke_core::audience::jst_year(now),
            stores,
        })
    }

    /// Whether `friend` is in the audience.
    pub fn matches(&self, friend: &Friend) -> bool {
        self.audience
            .matches_in_year(friend, &self.channel, self.jst_year, self.stores.as_ref())
    }

    /// Reads the page after `at` (at most `limit` friends) and filters it. Returns
    /// a page with `next.exhausted` once the audience is read to the end.
    pub async fn page(
        &self,
        friends: &dyn FriendStore,
        at: &ScanPosition,
        limit: u32,
    ) -> Result<ScanPage, StoreError> {
        let mut next = at.clone();
        if at.exhausted {
            return Ok(ScanPage {
                matched: Vec::new(),
                read: 0,
                next,
            });
        }
        let request = |after: &Option<Cursor>| PageRequest {
            cursor: after.clone(),
            limit,
        };
        let page = match &self.stores {
            None => {
                friends
                    .by_channel(
                        &self.org,
                        &self.channel,
                        FollowState::Following,
                        request(&at.after),
                    )
                    .await?
            }
            Some(stores) => {
                // The current store, or the first one at or after the saved one (a
                // store deleted meanwhile is skipped).
                let current = match &at.store {
                    None => stores.iter().next().cloned(),
                    Some(s) if stores.contains(s) => Some(s.clone()),
                    Some(s) => stores
                        .range((Bound::Excluded(s.clone()), Bound::Unbounded))
                        .next()
                        .cloned(),
                };
                let Some(store) = current else {
                    next.exhausted = true;
                    next.after = None;
                    return Ok(ScanPage {
                        matched: Vec::new(),
                        read: 0,
                        next,
                    });
                };
                let after = if at.store.as_ref() == Some(&store) {
                    &at.after
                } else {
                    &None
                };
                let key = StoreKey::new(self.org.clone(), store.clone());
                let page = friends.by_store(&key, request(after)).await?;
                next.store = Some(store);
                page
            }
        };
        let read = page.items.len();
        next.after = page.next.clone();
        if page.next.is_none() {
            match (&self.stores, &next.store) {
                (Some(stores), Some(store)) => {
                    match stores
                        .range((Bound::Excluded(store.clone()), Bound::Unbounded))
                        .next()
                    {
                        Some(following) => next.store = Some(following.clone()),
                        None => next.exhausted = true,
                    }
                }
                _ => next.exhausted = true,
            }
        }
        let matched = page.items.into_iter().filter(|f| self.matches(f)).collect();
        Ok(ScanPage {
            matched,
            read,
            next,
        })
    }
}
