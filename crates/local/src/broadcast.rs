//! The broadcast pipeline as tasks: the scheduler's tick (start due campaigns,
//! send due step messages), the planner on the planning queue, and senders on the
//! fan-out queue — what EventBridge and the SQS triggers run in AWS.
//!
//! Each worker acks a message only when the pipeline says so, so a failure leaves
//! the message to come back after the queue's visibility timeout, as with SQS.

use crate::clock::StackClock;
use otodoke_broadcast::line::Messenger;
use otodoke_broadcast::planner::{plan, PlanOutcome, PlannerConfig, PlanningRequest};
use otodoke_broadcast::scheduler::{request_planning, send_due_steps, start_due};
use otodoke_broadcast::sender::{handle_fanout, SenderConfig};
use otodoke_broadcast::BroadcastError;
use otodoke_broadcast::Ports;
use otodoke_core::ports::{QueueReceiver, ReceivedMessage};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How long one receive waits for a message (SQS's long poll).
const LONG_POLL: Duration = Duration::from_secs(20);
/// How many due campaigns or step messages one tick takes on.
const PER_TICK: u32 = 100;

/// The pipeline's queues and how often the scheduler ticks.
pub struct Pipeline {
    pub ports: Ports,
    pub line: Arc<dyn Messenger>,
    pub planning: Arc<dyn QueueReceiver>,
    pub fanout: Arc<dyn QueueReceiver>,
    pub clock: StackClock,
    pub tick: Duration,
    pub senders: usize,
}

impl Pipeline {
    /// Starts the scheduler tick, one planner and `senders` sender workers; abort
    /// the handles to stop.
    pub fn spawn(self) -> Vec<JoinHandle<()>> {
        let me = Arc::new(self);
        let mut tasks = vec![
            tokio::spawn(me.clone().tick_forever()),
            tokio::spawn(me.clone().plan_forever()),
        ];
        for worker in 0..me.senders.max(1) {
            tasks.push(tokio::spawn(me.clone().send_forever(worker)));
        }
        tasks
    }

    async fn tick_forever(self: Arc<Self>) {
        let mut ticks = tokio::time::interval(self.tick);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let now = self.clock.now();
            match start_due(&self.ports, now, PER_TICK).await {
                Ok(started) if !started.is_empty() => {
                    tracing::info!(started = started.len(), "scheduler started campaigns")
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "scheduler: starting due campaigns failed"),
            }
            if let Err(error) = send_due_steps(&self.ports, &*self.line, now, PER_TICK).await {
                tracing::warn!(%error, "scheduler: sending due steps failed");
            }
            let fetched = otodoke_broadcast::insight::fetch_due_stats(
                &self.ports,
                &*self.line,
                now,
                otodoke_broadcast::insight::FETCHES_PER_RUN,
            )
            .await;
            if let Err(error) = fetched {
                tracing::warn!(%error, "scheduler: fetching LINE's statistics failed");
            }
        }
    }

    async fn plan_forever(self: Arc<Self>) {
        // Yield now and then, as the Lambda must before its timeout, so that one
        // huge campaign does not hold the planner from others.
        let config = PlannerConfig {
            time_budget: Some(Duration::from_secs(10)),
            ..PlannerConfig::default()
        };
        loop {
            let Some(message) = receive_one(&*self.planning, "planning").await else {
                continue;
            };
            let Ok(request) = serde_json::from_str::<PlanningRequest>(&message.body) else {
                tracing::error!("planning queue message is not a planning request");
                continue;
            };
            let id = &request.campaign_id;
            match plan(&self.ports, id, self.clock.now(), config).await {
                Ok(outcome) => {
                    if let PlanOutcome::Yielded { .. } = outcome {
                        if let Err(error) = request_planning(&self.ports, id).await {
                            tracing::warn!(campaign = %id, %error, "could not requeue planning");
                            continue;
                        }
                    }
                    tracing::info!(campaign = %id, ?outcome, "planner ran");
                    ack(&*self.planning, &message).await;
                }
                Err(error) => tracing::warn!(campaign = %id, %error, "planning failed; retried"),
            }
        }
    }

    async fn send_forever(self: Arc<Self>, worker: usize) {
        let config = SenderConfig::default();
        loop {
            let Some(message) = receive_one(&*self.fanout, "fan-out").await else {
                continue;
            };
            // A batch to multicast, or a narrowcast campaign to send and follow.
            match handle_fanout(&self.ports, &*self.line, &message.body, &config).await {
                Ok(true) => ack(&*self.fanout, &message).await,
                Ok(false) => {}
                Err(BroadcastError::Malformed(error)) => {
                    tracing::error!(worker, %error, "fan-out queue message is neither a batch nor a narrowcast order");
                }
                Err(error) => tracing::warn!(worker, %error, "fan-out message failed; retried"),
            }
        }
    }
}

async fn receive_one(queue: &dyn QueueReceiver, name: &str) -> Option<ReceivedMessage> {
    match queue.receive(1, LONG_POLL).await {
        Ok(mut received) => received.pop(),
        Err(error) => {
            tracing::error!(queue = name, %error, "receive failed");
            tokio::time::sleep(Duration::from_secs(1)).await;
            None
        }
    }
}

async fn ack(queue: &dyn QueueReceiver, message: &ReceivedMessage) {
    if let Err(error) = queue.ack(&message.receipt).await {
        tracing::warn!(%error, "could not ack a handled message");
    }
}

/// Asks for every `running` campaign of `org` to be planned again. The planning
/// queue lives in memory only, so after a restart this is what carries a campaign
/// on: the planner resumes from the saved checkpoint (or, when planning was done,
/// only checks for completion). Returns how many were requeued.
///
/// Cost: reads the organization's campaigns, 100 per page.
pub async fn requeue_running(
    ports: &Ports,
    org: &otodoke_core::OrgId,
) -> Result<usize, otodoke_broadcast::BroadcastError> {
    let mut requeued = 0;
    let mut page = otodoke_core::PageRequest::first(100);
    loop {
        let campaigns = ports.campaigns.by_org(org, page).await?;
        for campaign in &campaigns.items {
            if campaign.status == otodoke_core::campaign::CampaignStatus::Running {
                request_planning(ports, &campaign.id).await?;
                requeued += 1;
            }
        }
        match campaigns.next {
            Some(cursor) => page = otodoke_core::PageRequest::after(cursor, 100),
            None => return Ok(requeued),
        }
    }
}
