//! The relink job's queue message and its worker loop: a job is worked page by page
//! until it is done or the invocation's time is nearly up; then the job is queued
//! again (from its saved cursor). A crash in between loses at most one page's
//! counting, never a link: the queue redelivers the message and the job resumes.

use crate::{AutomationFailure, Automator};
use jiff::Timestamp;
use otodoke_core::automation::Fired;
use otodoke_core::ports::QueueMessage;
use otodoke_core::richmenu::{MenuJob, RelinkJob, RelinkStatus};
use otodoke_core::{ChannelId, OrgId};
use std::time::{Duration, Instant};

/// Friends per page: one friends query, and at most a few bulk calls.
pub const RELINK_PAGE: u32 = 500;

/// Which relink job to work (a [`MenuJob::Relink`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelinkRequest {
    pub org: OrgId,
    pub channel: ChannelId,
    pub job: String,
}

/// The queue message for `job`.
pub fn relink_message(job: &RelinkJob) -> Vec<QueueMessage> {
    vec![MenuJob::Relink {
        org: job.org.clone(),
        channel: job.channel.clone(),
        job: job.id.clone(),
    }
    .message()]
}

/// How working a job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Worked {
    /// Done, superseded, or not found (nothing more to do).
    Finished(Option<RelinkJob>),
    /// Time ran out: queue the request again to go on.
    Continue(RelinkJob),
}

impl Automator {
    /// Works `request`'s job for at most `budget`, page by page; `now` is read per
    /// page. The channel must be the organization's (another tenant's ids find
    /// nothing).
    pub async fn work_relink(
        &self,
        request: &RelinkRequest,
        budget: Duration,
        now: impl Fn() -> Timestamp,
    ) -> Result<Worked, AutomationFailure> {
        let started = Instant::now();
        let Some(mut job) = self
            .ports
            .menus
            .relink_job(&request.org, &request.job)
            .await?
            .filter(|j| j.channel == request.channel)
        else {
            tracing::warn!(job = request.job, "relink job not found; dropped");
            return Ok(Worked::Finished(None));
        };
        let Some(channel) = self
            .ports
            .orgs
            .channel(&request.channel)
            .await?
            .filter(|c| c.org_id == request.org)
        else {
            tracing::warn!(job = request.job, "relink job's channel is gone; dropped");
            return Ok(Worked::Finished(None));
        };
        loop {
            if job.status != RelinkStatus::Running {
                return Ok(Worked::Finished(Some(job)));
            }
            if started.elapsed() >= budget {
                return Ok(Worked::Continue(job));
            }
            job = self.relink_page(&channel, job, RELINK_PAGE, now()).await?;
            tracing::info!(
                job = job.id,
                examined = job.examined,
                linked = job.linked,
                unlinked = job.unlinked,
                "relink page done"
            );
        }
    }
}

impl Automator {
    /// Runs the `link_clicked` automations naming `url` for `friend`, on every
    /// channel of theirs they follow. Each run is keyed by link, channel and friend
    /// (the run's partition), so a repeated job, or a second first-click report,
    /// carries out the recorded plan again and nothing twice.
    pub async fn link_clicked(
        &self,
        friend: &otodoke_core::friend::FriendKey,
        link: &otodoke_core::LinkId,
        url: &str,
        now: Timestamp,
    ) -> Result<Vec<otodoke_core::automation::AutomationRun>, AutomationFailure> {
        let Some(record) = self.ports.friends.friend(friend).await? else {
            return Ok(Vec::new());
        };
        let mut runs = Vec::new();
        for (channel_id, followed) in &record.channels {
            if followed.state != otodoke_core::friend::FollowState::Following {
                continue;
            }
            let Some(channel) = self
                .ports
                .orgs
                .channel(channel_id)
                .await?
                .filter(|c| c.org_id == friend.org)
            else {
                continue;
            };
            let start = crate::Start {
                channel: &channel,
                store: None,
                friend,
                fired: Fired::LinkClicked(url.to_owned()),
                run_id: format!("link:{link}:{channel_id}"),
                reply_token: None,
                now,
            };
            runs.extend(self.run(start).await?);
        }
        Ok(runs)
    }
}

/// Why a menu jobs queue message must come back (reported failed, left unacked).
#[derive(Debug, thiserror::Error)]
pub enum RelinkRetry {
    #[error("not a relink request: {0}")]
    Malformed(#[from] serde_json::Error),
    #[error(transparent)]
    Failed(#[from] AutomationFailure),
    #[error("could not queue the job's next part: {0}")]
    Requeue(#[from] otodoke_core::QueueError),
}

impl Automator {
    /// Handles one menu jobs queue message (the menus Lambda and the local stack's
    /// worker both call this): works a relink job for `budget`, queueing it again on
    /// `requeue` when time ran out; or runs a finished sequence's automations and
    /// re-links the friend's menu. An error means "deliver this message again"; a
    /// relink resumes from its saved cursor, and a finished sequence's run is keyed
    /// by campaign and friend, so a repeat does nothing twice.
    pub async fn handle_menu_job(
        &self,
        body: &str,
        budget: Duration,
        requeue: &dyn otodoke_core::ports::QueueSender,
        now: impl Fn() -> Timestamp,
    ) -> Result<Worked, RelinkRetry> {
        match MenuJob::parse(body)? {
            MenuJob::Relink { org, channel, job } => {
                let request = RelinkRequest { org, channel, job };
                let worked = self.work_relink(&request, budget, now).await?;
                if let Worked::Continue(job) = &worked {
                    requeue.send(&relink_message(job)).await?;
                }
                Ok(worked)
            }
            MenuJob::SequenceFinished {
                friend,
                channel,
                campaign,
            } => {
                let Some(channel) = self
                    .ports
                    .orgs
                    .channel(&channel)
                    .await
                    .map_err(AutomationFailure::from)?
                    .filter(|c| c.org_id == friend.org)
                else {
                    return Ok(Worked::Finished(None));
                };
                let start = crate::Start {
                    channel: &channel,
                    store: None,
                    friend: &friend,
                    fired: Fired::SequenceFinished(campaign.clone()),
                    run_id: format!("seq:{campaign}"),
                    reply_token: None,
                    now: now(),
                };
                if self.run(start).await?.is_none() {
                    self.follow_menu(&channel, &friend, now()).await?;
                }
                Ok(Worked::Finished(None))
            }
            MenuJob::LinkClicked { friend, link, url } => {
                self.link_clicked(&friend, &link, &url, now()).await?;
                Ok(Worked::Finished(None))
            }
        }
    }
}
