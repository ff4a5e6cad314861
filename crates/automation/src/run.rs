//! One start (an event, a staff edit) through the automations: plan, record, edit,
//! re-link the menu, act, record the outcome (see the crate doc for why that order).

use crate::menus::Relinked;
use crate::{AutomationFailure, Automator};
use async_trait::async_trait;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use otodoke_core::automation::{plan, AutomationRun, Effect, Fired, RunOutcome};
use otodoke_core::campaign::{CampaignStatus, Schedule};
use otodoke_core::friend::{self, FriendKey};
use otodoke_core::organization::{Channel, Store};
use otodoke_core::sequence::{first_due, Enrolment, EnrolmentStatus};
use otodoke_core::CampaignId;
use otodoke_inbox::{push_counted, ChatError, Push};
use otodoke_line::Message;
use sha2::{Digest, Sha256};

/// Tells a store's staff something (the responder's staff notifier).
#[async_trait]
pub trait Notify: Send + Sync {
    /// Best effort: `false` when the store has nowhere to send it or it failed.
    async fn notify(
        &self,
        store: Option<&Store>,
        channel: &Channel,
        friend: &FriendKey,
        text: &str,
    ) -> bool;
}

/// What started a run.
pub struct Start<'a> {
    pub channel: &'a Channel,
    /// The store answering for the friend (budgets, time zone, hand-off window);
    /// `None`: read when a plan needs it (the channel's store, else the friend's).
    pub store: Option<&'a Store>,
    pub friend: &'a FriendKey,
    pub fired: Fired,
    /// The same for every delivery of the same start (e.g. the webhook event id).
    pub run_id: String,
    /// The event's reply token, if nothing has used it.
    pub reply_token: Option<&'a str>,
    pub now: Timestamp,
}

impl Automator {
    /// Runs what `start` fires. `None` when no automation fires (the usual case:
    /// two reads, the automations and the friend). A redelivered start carries out
    /// the recorded plan again (every step idempotent) unless it had finished.
    pub async fn run(&self, start: Start<'_>) -> Result<Option<AutomationRun>, AutomationFailure> {
        let org = &start.channel.org_id;
        let automations = self.ports.automations.automations(org).await?;
        if !automations.iter().any(|a| a.enabled) {
            return Ok(None);
        }
        let Some(friend) = self.ports.friends.friend(start.friend).await? else {
            return Ok(None);
        };
        let mut planned_on = friend.clone();
        let planned = plan(
            &automations,
            &start.channel.id,
            start.fired.clone(),
            &mut planned_on,
        );
        if planned.is_empty() {
            return Ok(None);
        }
        if planned.depth_limit_reached {
            tracing::warn!(
                run = start.run_id,
                "automations loop: stopped at the depth limit"
            );
        }
        let run = AutomationRun {
            org: org.clone(),
            id: start.run_id.clone(),
            friend: start.friend.clone(),
            channel: start.channel.id.clone(),
            at: start.now,
            fired: start.fired.clone(),
            plan: planned,
            outcome: None,
        };
        let mut run = self.ports.automations.begin_run(&run).await?;
        if run.outcome.is_some() {
            return Ok(Some(run));
        }
        // The answering store (budgets, time zone, hand-off window), read only now
        // that something is to be done.
        let resolved;
        let mut start = start;
        if start.store.is_none() {
            resolved = self
                .store_for(start.channel, planned_on.store_id.as_ref())
                .await?;
            start.store = resolved.as_ref();
        }
        self.apply_edits(&start, &run).await?;
        let mut outcome = RunOutcome::default();
        let mut reply_token = start.reply_token;
        for (n, effect) in run.plan.effects.iter().enumerate() {
            let done = self.effect(&start, n, effect, &mut reply_token).await?;
            outcome.effects.push(done);
        }
        // After the effects: a sequence started or stopped changes which rule matches.
        match self
            .follow_menu(start.channel, start.friend, start.now)
            .await
        {
            Ok(Relinked::Linked(menu)) => outcome.menu = Some(menu.to_string()),
            Ok(Relinked::Unlinked) => outcome.menu = Some("default".into()),
            Ok(_) => {}
            Err(AutomationFailure::Store(e)) => return Err(e.into()),
            // The run's effects went out; the next change re-links.
            Err(error) => tracing::warn!(%error, "could not re-link the friend's menu"),
        }
        run.outcome = Some(outcome);
        if let Err(error) = self.ports.automations.finish_run(&run).await {
            // Done is done: the outcome is a record, not a step to repeat.
            tracing::warn!(%error, run = run.id, "could not record the run's outcome");
        }
        tracing::info!(
            run = run.id,
            steps = run.plan.steps.len(),
            "automations ran"
        );
        Ok(Some(run))
    }

    /// The plan's friend edits and hand-offs, in one save (re-applied on a conflict).
    async fn apply_edits(
        &self,
        start: &Start<'_>,
        run: &AutomationRun,
    ) -> Result<(), AutomationFailure> {
        let handoff = run.plan.effects.iter().find_map(|e| match e {
            Effect::HandOff { minutes } => Some(*minutes),
            _ => None,
        });
        if run.plan.edits.is_empty() && handoff.is_none() {
            return Ok(());
        }
        let window = |minutes: Option<u32>| {
            let mut inbox = start.store.map(|s| s.inbox.clone()).unwrap_or_default();
            if let Some(m) = minutes {
                inbox.handoff_minutes = m;
            }
            inbox.handoff_window()
        };
        friend::edit(&*self.ports.friends, start.friend, start.now, |f| {
            for edit in &run.plan.edits {
                edit.apply(f);
            }
            if let Some(minutes) = handoff {
                f.conversation.handoff_until = Some(run.at + window(minutes));
            }
        })
        .await?;
        Ok(())
    }

    /// Carries out effect `n` of the run; returns the line its outcome records.
    async fn effect(
        &self,
        start: &Start<'_>,
        n: usize,
        effect: &Effect,
        reply_token: &mut Option<&str>,
    ) -> Result<String, AutomationFailure> {
        Ok(match effect {
            Effect::Send {
                automation,
                messages,
                track_links,
            } => {
                let messages = match (&self.links, track_links) {
                    (Some(links), true) => self.tracked(links, start, automation, messages).await?,
                    _ => messages.clone(),
                };
                self.send(start, n, &messages, reply_token).await?
            }
            Effect::StartSequence { campaign } => self.start_sequence(start, campaign).await?,
            Effect::StopSequence { campaign } => {
                match self.ports.enrolments.stop(campaign, start.friend).await? {
                    true => format!("sequence {campaign} stopped"),
                    false => format!("sequence {campaign} was not running"),
                }
            }
            Effect::HandOff { .. } => "handed to staff".into(),
            Effect::NotifyStaff { text, .. } => match &self.notify {
                Some(notify)
                    if notify
                        .notify(start.store, start.channel, start.friend, text)
                        .await =>
                {
                    "staff notified".into()
                }
                _ => "staff not notified: the store has no notification address".into(),
            },
        })
    }

    /// `messages` with their URLs rewritten for the run's friend, each link
    /// registered first (idempotent: the same link for every friend and repeat).
    async fn tracked(
        &self,
        links: &crate::LinkTracking,
        start: &Start<'_>,
        automation: &otodoke_core::AutomationId,
        messages: &[serde_json::Value],
    ) -> Result<Vec<serde_json::Value>, AutomationFailure> {
        let source = otodoke_core::link::LinkSource::Automation {
            automation: automation.clone(),
        };
        Ok(links
            .rewrite(
                &start.channel.org_id,
                &source,
                Some(start.friend),
                messages,
                start.now,
            )
            .await?)
    }

    async fn send(
        &self,
        start: &Start<'_>,
        n: usize,
        messages: &[serde_json::Value],
        reply_token: &mut Option<&str>,
    ) -> Result<String, AutomationFailure> {
        let messages: Vec<Message> = match messages
            .iter()
            .map(|m| serde_json::from_value(m.clone()))
            .collect()
        {
            Ok(messages) => messages,
            Err(error) => return Ok(format!("not sent: a message is not valid ({error})")),
        };
        if let Some(token) = reply_token.take() {
            match self.chat.reply(start.channel, token, &messages).await {
                Ok(()) => return Ok(RunOutcome::SENT_AS_REPLY.into()),
                // Used or expired: push instead (a failed reply sent nothing).
                Err(error) => tracing::info!(%error, "reply failed; pushing instead"),
            }
        }
        let retry_key = retry_key(&start.run_id, n);
        let pushed = push_counted(
            &*self.ports.quota,
            &*self.chat,
            Push {
                channel: start.channel,
                store: start.store,
                to: start.friend.user_id.as_str(),
                messages: &messages,
                retry_key,
                hold: format!("auto#{retry_key}"),
            },
            start.now,
        )
        .await;
        Ok(match pushed {
            Ok(_) => RunOutcome::PUSHED.into(),
            Err(ChatError::Store(e)) => return Err(e.into()),
            Err(ChatError::Unavailable(why)) => return Err(AutomationFailure::Line(why)),
            Err(refused) => format!("not sent: {refused}"),
        })
    }

    async fn start_sequence(
        &self,
        start: &Start<'_>,
        campaign_id: &CampaignId,
    ) -> Result<String, AutomationFailure> {
        let campaign = self.ports.campaigns.campaign(campaign_id).await?;
        let first = campaign.as_ref().and_then(|c| {
            let running = c.org_id == start.channel.org_id
                && c.channel_id == start.channel.id
                && c.status == CampaignStatus::Running;
            match &c.schedule {
                Schedule::Sequence { steps } if running => steps.first(),
                _ => None,
            }
        });
        let Some(first) = first else {
            return Ok(format!(
                "sequence {campaign_id} not started: not a running sequence of this channel"
            ));
        };
        let tz = start
            .store
            .and_then(|s| TimeZone::get(&s.time_zone).ok())
            .unwrap_or_else(|| TimeZone::get("Asia/Tokyo").expect("bundled tz database"));
        let enrolled = self
            .ports
            .enrolments
            .enrol(&Enrolment {
                campaign_id: campaign_id.clone(),
                friend: start.friend.clone(),
                channel: start.channel.id.clone(),
                next_step: 0,
                due_at: first_due(start.now, first, &tz),
                status: EnrolmentStatus::Active,
            })
            .await?;
        Ok(match enrolled {
            true => format!("sequence {campaign_id} started"),
            false => format!("sequence {campaign_id} already started"),
        })
    }
}

impl Automator {
    /// The store answering for a friend on `channel`: the channel's own store, else
    /// the friend's.
    async fn store_for(
        &self,
        channel: &Channel,
        friend_store: Option<&otodoke_core::StoreId>,
    ) -> Result<Option<Store>, otodoke_core::StoreError> {
        match channel.store_id.as_ref().or(friend_store) {
            Some(id) => self.ports.orgs.store(&channel.org_id, id).await,
            None => Ok(None),
        }
    }
}

/// LINE's retry key for effect `n` of run `run_id`: the same on every attempt.
fn retry_key(run_id: &str, n: usize) -> uuid::Uuid {
    let digest = Sha256::new()
        .chain_update(b"otodoke:automation:")
        .chain_update(run_id)
        .chain_update(b":")
        .chain_update(n.to_string())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

impl Automator {
    /// After staff (or an import) changed a friend from `before` to `after`: fires
    /// "tag added" / "tag removed" for each tag that changed, on every channel the
    /// friend follows, and re-links their menu there (a store, attribute or tag
    /// change may change which rule they match). `run_base` names the change (the
    /// same on a retried request, so a retry repeats the same runs).
    pub async fn after_edit(
        &self,
        before: &otodoke_core::friend::Friend,
        after: &otodoke_core::friend::Friend,
        run_base: &str,
        now: Timestamp,
    ) -> Result<Vec<AutomationRun>, AutomationFailure> {
        let added = after
            .tags
            .difference(&before.tags)
            .map(|t| Fired::TagAdded(t.clone()));
        let removed = before
            .tags
            .difference(&after.tags)
            .map(|t| Fired::TagRemoved(t.clone()));
        let fired: Vec<Fired> = added.chain(removed).collect();
        let mut runs = Vec::new();
        for (channel_id, link) in &after.channels {
            if link.state != otodoke_core::friend::FollowState::Following {
                continue;
            }
            let Some(channel) = self.ports.orgs.channel(channel_id).await? else {
                continue;
            };
            if channel.org_id != after.key.org {
                continue;
            }
            let mut relinked = false;
            for (n, fired) in fired.iter().enumerate() {
                let start = Start {
                    channel: &channel,
                    store: None,
                    friend: &after.key,
                    fired: fired.clone(),
                    run_id: format!("{run_base}:{channel_id}:{n}"),
                    reply_token: None,
                    now,
                };
                if let Some(run) = self.run(start).await? {
                    relinked = true;
                    runs.push(run);
                }
            }
            if !relinked {
                self.follow_menu(&channel, &after.key, now).await?;
            }
        }
        Ok(runs)
    }
}
