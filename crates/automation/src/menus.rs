//! Keeping friends' rich menus where the rules say: one friend after a change
//! ([`Automator::follow_menu`]), or a whole channel after the rules or a menu changed
//! ([`Automator::relink_page`], one page of a [`RelinkJob`] at a time).

use crate::{AutomationFailure, Automator};
use futures::{StreamExt, TryStreamExt};
use jiff::Timestamp;
use otodoke_core::friend::{self, FollowState, Friend, FriendKey};
use otodoke_core::organization::{Channel, Store};
use otodoke_core::richmenu::{
    link_change, menu_for, MenuContext, MenuLink, MenuRules, RelinkJob, RelinkStatus,
};
use otodoke_core::{CampaignId, Cursor, PageRequest, RichMenuId, StoreError};
use otodoke_inbox::LineFailure;
use otodoke_line::LineError;
use std::collections::{BTreeMap, BTreeSet};

/// LINE's limit on user ids per bulk link or unlink call.
pub const BULK_LIMIT: usize = 500;
/// Friend saves in flight while a relink page records its links.
const RECORD_CONCURRENCY: usize = 16;

/// What following the rules did for one friend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relinked {
    Unchanged,
    Linked(RichMenuId),
    /// Back to the channel default.
    Unlinked,
    /// The menu the rules name is not published on LINE yet: nothing was linked.
    NotPublished(RichMenuId),
}

/// What the rules need besides the friend, read once per channel (or per page).
/// How many friends of a channel would get each menu under some rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MenuCounts {
    pub menus: BTreeMap<RichMenuId, u64>,
    /// Matched no rule, and there is no default.
    pub no_menu: u64,
    pub examined: u64,
    /// Whether every following friend was counted (else the first `at_most`).
    pub complete: bool,
}

struct RuleInputs {
    rules: MenuRules,
    stores: Vec<Store>,
    needs_sequences: bool,
}

impl Automator {
    async fn rule_inputs(&self, channel: &Channel) -> Result<RuleInputs, StoreError> {
        let rules = self.ports.menus.rules(&channel.org_id, &channel.id).await?;
        self.inputs_for(channel, rules).await
    }

    /// `rules` with what evaluating them needs: the organization's stores when a
    /// rule names stores, and whether enrolments must be read.
    async fn inputs_for(
        &self,
        channel: &Channel,
        rules: MenuRules,
    ) -> Result<RuleInputs, StoreError> {
        let needs_stores = rules
            .rules
            .iter()
            .any(|r| !r.segment.audience.stores.is_empty());
        let stores = if needs_stores {
            self.ports.orgs.stores(&channel.org_id).await?
        } else {
            Vec::new()
        };
        let needs_sequences = rules.rules.iter().any(|r| r.segment.in_sequence.is_some());
        Ok(RuleInputs {
            rules,
            stores,
            needs_sequences,
        })
    }

    /// What `friend` should see under the inputs' rules.
    async fn wanted(
        &self,
        inputs: &RuleInputs,
        channel: &Channel,
        friend: &Friend,
        now: Timestamp,
    ) -> Result<Option<RichMenuId>, StoreError> {
        let active: BTreeSet<CampaignId> = if inputs.needs_sequences {
            self.ports
                .enrolments
                .active(&friend.key, &channel.id)
                .await?
                .into_iter()
                .map(|e| e.campaign_id)
                .collect()
        } else {
            BTreeSet::new()
        };
        let cx = MenuContext {
            channel: &channel.id,
            now,
            active_sequences: &active,
            stores: &inputs.stores,
        };
        Ok(menu_for(&inputs.rules, friend, &cx))
    }

    async fn decide(
        &self,
        inputs: &RuleInputs,
        channel: &Channel,
        friend: &Friend,
        now: Timestamp,
    ) -> Result<MenuLink, StoreError> {
        let wanted = self.wanted(inputs, channel, friend, now).await?;
        Ok(link_change(
            &friend.menus,
            &channel.id,
            wanted.as_ref(),
            inputs.rules.default.as_ref(),
        ))
    }

    /// Counts who would get which menu under `rules` (not saved), over the channel's
    /// following friends, at most `at_most` of them. The console's "who would get
    /// which menu".
    pub async fn count_menus(
        &self,
        channel: &Channel,
        rules: &MenuRules,
        at_most: u64,
        now: Timestamp,
    ) -> Result<MenuCounts, StoreError> {
        let inputs = self.inputs_for(channel, rules.clone()).await?;
        let mut counts = MenuCounts {
            complete: true,
            ..MenuCounts::default()
        };
        let mut page = PageRequest::first(500);
        loop {
            let friends = self
                .ports
                .friends
                .by_channel(&channel.org_id, &channel.id, FollowState::Following, page)
                .await?;
            for friend in &friends.items {
                match self.wanted(&inputs, channel, friend, now).await? {
                    Some(menu) => *counts.menus.entry(menu).or_default() += 1,
                    None => counts.no_menu += 1,
                }
                counts.examined += 1;
            }
            match friends.next {
                Some(_) if counts.examined >= at_most => {
                    counts.complete = false;
                    return Ok(counts);
                }
                Some(next) => page = PageRequest::after(next, 500),
                None => return Ok(counts),
            }
        }
    }

    /// Re-evaluates `key`'s menu on `channel` and links it on LINE if it changed;
    /// call after anything that may change what the friend matches. Cheap when the
    /// channel has no rules, no default and the friend no menu (two reads).
    ///
    /// Cost: the friend and the rules (plus stores and enrolments when rules use
    /// them); when the menu changes, a menu read, one LINE call and a friend save.
    pub async fn follow_menu(
        &self,
        channel: &Channel,
        key: &FriendKey,
        now: Timestamp,
    ) -> Result<Relinked, AutomationFailure> {
        let Some(friend) = self.ports.friends.friend(key).await? else {
            return Ok(Relinked::Unchanged);
        };
        let inputs = self.rule_inputs(channel).await?;
        let change = self.decide(&inputs, channel, &friend, now).await?;
        let user = key.user_id.as_str();
        let relinked = match &change {
            MenuLink::Keep => return Ok(Relinked::Unchanged),
            MenuLink::Link(menu) => {
                let Some(line_id) = self.line_id(channel, menu).await? else {
                    tracing::warn!(%menu, "the rules name a menu that is not published");
                    return Ok(Relinked::NotPublished(menu.clone()));
                };
                self.menu_line
                    .link(channel, user, &line_id)
                    .await
                    .map_err(line_failure)?;
                Relinked::Linked(menu.clone())
            }
            MenuLink::Unlink => {
                self.menu_line
                    .unlink(channel, user)
                    .await
                    .map_err(line_failure)?;
                Relinked::Unlinked
            }
        };
        friend::edit(&*self.ports.friends, key, now, |f| {
            f.menus.record(&channel.id, &change)
        })
        .await?;
        Ok(relinked)
    }

    /// LINE's id of the current publication of `menu` (`None`: not published).
    async fn line_id(
        &self,
        channel: &Channel,
        menu: &RichMenuId,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .ports
            .menus
            .menu(&channel.org_id, menu)
            .await?
            .and_then(|m| m.published.map(|p| p.line_id)))
    }

    /// Re-links one page (`page_size` friends) of `job`'s channel through LINE's bulk
    /// endpoints, records each friend's new menu, and saves the job with its next
    /// cursor. A job whose rules version is no longer the channel's stops as
    /// superseded. Crash-safe: LINE is called before friends and the job are saved,
    /// so a page re-run after a crash links the same menus again (harmless) and
    /// counts them once.
    ///
    /// Cost: one friends page, `ceil(changed / 500)` LINE calls per menu, one save
    /// per changed friend, one job save.
    pub async fn relink_page(
        &self,
        channel: &Channel,
        job: RelinkJob,
        page_size: u32,
        now: Timestamp,
    ) -> Result<RelinkJob, AutomationFailure> {
        let mut job = job;
        if job.status != RelinkStatus::Running {
            return Ok(job);
        }
        let inputs = self.rule_inputs(channel).await?;
        if inputs.rules.version != job.rules_version {
            job.status = RelinkStatus::Superseded;
            job.updated_at = now;
            return Ok(self.ports.menus.save_relink_job(&job).await?);
        }
        let request = match job.cursor.clone() {
            Some(cursor) => PageRequest::after(Cursor(cursor), page_size),
            None => PageRequest::first(page_size),
        };
        let page = self
            .ports
            .friends
            .by_channel(
                &channel.org_id,
                &channel.id,
                FollowState::Following,
                request,
            )
            .await?;
        let mut links: BTreeMap<RichMenuId, Vec<&Friend>> = BTreeMap::new();
        let mut unlinks: Vec<&Friend> = Vec::new();
        for friend in &page.items {
            job.examined += 1;
            let refreshed = job
                .refresh
                .as_ref()
                .filter(|m| friend.menus.linked.get(&channel.id) == Some(*m));
            match self.decide(&inputs, channel, friend, now).await? {
                MenuLink::Keep if refreshed.is_some() => links
                    .entry(refreshed.expect("checked").clone())
                    .or_default()
                    .push(friend),
                MenuLink::Keep => job.unchanged += 1,
                MenuLink::Link(menu) => links.entry(menu).or_default().push(friend),
                MenuLink::Unlink => unlinks.push(friend),
            }
        }
        let mut changed: Vec<(Friend, MenuLink)> = Vec::new();
        for (menu, friends) in links {
            let Some(line_id) = self.line_id(channel, &menu).await? else {
                tracing::warn!(%menu, "the rules name a menu that is not published; its friends are skipped");
                job.failed += friends.len() as u64;
                continue;
            };
            for chunk in friends.chunks(BULK_LIMIT) {
                let users = user_ids(chunk);
                self.menu_line
                    .bulk_link(channel, &line_id, &users)
                    .await
                    .map_err(line_failure)?;
                job.linked += chunk.len() as u64;
                changed.extend(
                    chunk
                        .iter()
                        .map(|f| ((*f).clone(), MenuLink::Link(menu.clone()))),
                );
            }
        }
        for chunk in unlinks.chunks(BULK_LIMIT) {
            self.menu_line
                .bulk_unlink(channel, &user_ids(chunk))
                .await
                .map_err(line_failure)?;
            job.unlinked += chunk.len() as u64;
            changed.extend(chunk.iter().map(|f| ((*f).clone(), MenuLink::Unlink)));
        }
        // Recorded 16 at a time, each saved as read (one write) unless someone else
        // changed the friend meanwhile (then read again and re-applied).
        futures::stream::iter(changed)
            .map(|(read, change)| self.record_link(channel, read, change, now))
            .buffer_unordered(RECORD_CONCURRENCY)
            .try_collect::<Vec<()>>()
            .await?;
        job.cursor = page.next.map(|c| c.0);
        if job.cursor.is_none() {
            if let Some(old) = &job.retire_line_id {
                self.menu_line
                    .delete(channel, old)
                    .await
                    .map_err(line_failure)?;
            }
            job.status = RelinkStatus::Done;
        }
        job.updated_at = now;
        Ok(self.ports.menus.save_relink_job(&job).await?)
    }
}

impl Automator {
    async fn record_link(
        &self,
        channel: &Channel,
        read: Friend,
        change: MenuLink,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut updated = read.clone();
        updated.menus.record(&channel.id, &change);
        updated.updated_at = now;
        match self.ports.friends.save(&updated).await {
            Ok(_) => Ok(()),
            Err(StoreError::Conflict) => friend::edit(&*self.ports.friends, &read.key, now, |f| {
                f.menus.record(&channel.id, &change)
            })
            .await
            .map(drop),
            Err(e) => Err(e),
        }
    }
}

fn user_ids(friends: &[&Friend]) -> Vec<String> {
    friends
        .iter()
        .map(|f| f.key.user_id.as_str().to_owned())
        .collect()
}

/// A LINE failure while linking: everything is worth a retry of the whole step
/// (the step repeats safely), so it is reported as such with LINE's words.
pub(crate) fn line_failure(error: LineFailure) -> AutomationFailure {
    match error {
        LineFailure::Line(LineError::RateLimited { .. }) => {
            AutomationFailure::Line("rate limited (429); try again later".into())
        }
        other => AutomationFailure::Line(other.to_string()),
    }
}
