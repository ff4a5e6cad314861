//! An in-process queue with SQS's observable behaviour: visibility timeout,
//! receive counts and a dead-letter queue, and for FIFO queues ordering per message
//! group (a group's next message waits while one is in flight) and a deduplication
//! window.

use crate::limits::check_message_size;
use async_trait::async_trait;
use otodoke_core::ports::{QueueMessage, QueueReceiver, QueueSender, ReceivedMessage};
use otodoke_core::QueueError;
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::time::Duration;
use tokio::sync::Notify;
use tokio::time::Instant;

/// SQS's longest long poll.
const MAX_WAIT: Duration = Duration::from_secs(20);

/// Standard (at-least-once, unordered in SQS; in order here) or FIFO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueKind {
    Standard,
    Fifo,
}

/// How a queue behaves. Defaults follow SQS's and the SAM template's settings.
#[derive(Debug, Clone)]
pub struct QueueConfig {
    pub kind: QueueKind,
    /// How long a received message stays invisible unless acked.
    pub visibility_timeout: Duration,
    /// After this many receives without an ack, a message moves to the dead letters.
    pub max_receive_count: u32,
    /// FIFO only: a repeated `dedup_id` within this window is dropped (SQS: 5 minutes).
    pub dedup_window: Duration,
}

impl QueueConfig {
    /// A standard queue: 30 s visibility timeout, 5 receives before dead-lettering.
    pub fn standard() -> Self {
        Self {
            kind: QueueKind::Standard,
            visibility_timeout: Duration::from_secs(30),
            max_receive_count: 5,
            dedup_window: Duration::from_secs(300),
        }
    }

    /// A FIFO queue, otherwise as [`QueueConfig::standard`].
    pub fn fifo() -> Self {
        Self {
            kind: QueueKind::Fifo,
            ..Self::standard()
        }
    }

    /// The same configuration with another visibility timeout.
    pub fn with_visibility_timeout(mut self, timeout: Duration) -> Self {
        self.visibility_timeout = timeout;
        self
    }

    /// The same configuration with another max receive count (at least 1).
    pub fn with_max_receive_count(mut self, count: u32) -> Self {
        self.max_receive_count = count.max(1);
        self
    }
}

/// A message that was received `receive_count` times without being acked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadLetter {
    pub body: String,
    pub group_id: Option<String>,
    pub receive_count: u32,
}

/// A queue's messages, for persistence: waiting and in-flight ones (in flight
/// ones come back as waiting, as after a visibility timeout), in send order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QueueSnapshot {
    pub messages: Vec<StoredMessage>,
    pub dead: Vec<DeadLetter>,
}

/// One persisted message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredMessage {
    pub body: String,
    pub group_id: Option<String>,
    pub receive_count: u32,
}

/// How many messages wait, are in flight, and are dead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueDepth {
    pub ready: usize,
    pub in_flight: usize,
    pub dead: usize,
}

/// An in-process queue implementing both [`QueueSender`] and [`QueueReceiver`].
///
/// Costs: a send is O(log n) per message; a receive is O(log n) per message
/// returned on a standard queue, and on a FIFO queue also skips the waiting
/// messages of groups in flight. Waiting receivers are woken by sends and acks.
pub struct EmbeddedQueue {
    config: QueueConfig,
    state: Mutex<State>,
    wake: Notify,
}

struct Message {
    body: String,
    group: Option<String>,
    receive_count: u32,
}

struct InFlight {
    seq: u64,
    message: Message,
    until: Instant,
}

#[derive(Default)]
struct State {
    next_seq: u64,
    /// Waiting messages in send order.
    ready: BTreeMap<u64, Message>,
    /// By receipt.
    in_flight: HashMap<String, InFlight>,
    /// When each in-flight receipt becomes visible again.
    expiries: BTreeSet<(Instant, String)>,
    groups_in_flight: HashMap<String, usize>,
    dedup_seen: HashMap<String, Instant>,
    dedup_order: VecDeque<(Instant, String)>,
    dead: Vec<DeadLetter>,
}

impl State {
    fn leave_flight(&mut self, receipt: &str) -> Option<InFlight> {
        let flight = self.in_flight.remove(receipt)?;
        self.expiries.remove(&(flight.until, receipt.to_owned()));
        if let Some(group) = &flight.message.group {
            if let Some(n) = self.groups_in_flight.get_mut(group) {
                *n -= 1;
                if *n == 0 {
                    self.groups_in_flight.remove(group);
                }
            }
        }
        Some(flight)
    }

    /// Returns messages whose visibility timeout ran out to the queue, or to the
    /// dead letters once they were received `max_receive_count` times.
    fn expire(&mut self, now: Instant, max_receive_count: u32) {
        while let Some((until, receipt)) = self.expiries.first().cloned() {
            if until > now {
                break;
            }
            if let Some(flight) = self.leave_flight(&receipt) {
                if flight.message.receive_count >= max_receive_count {
                    tracing::warn!(
                        receive_count = flight.message.receive_count,
                        "embedded queue: message moved to the dead letters"
                    );
                    self.dead.push(DeadLetter {
                        body: flight.message.body,
                        group_id: flight.message.group,
                        receive_count: flight.message.receive_count,
                    });
                } else {
                    self.ready.insert(flight.seq, flight.message);
                }
            }
        }
    }

    /// True when `dedup_id` was seen within the window (and records it otherwise).
    fn is_repeat(&mut self, dedup_id: &str, now: Instant, window: Duration) -> bool {
        while let Some((at, id)) = self.dedup_order.front() {
            if now.duration_since(*at) < window {
                break;
            }
            if self.dedup_seen.get(id) == Some(at) {
                self.dedup_seen.remove(id);
            }
            self.dedup_order.pop_front();
        }
        if self.dedup_seen.contains_key(dedup_id) {
            return true;
        }
        self.dedup_seen.insert(dedup_id.to_owned(), now);
        self.dedup_order.push_back((now, dedup_id.to_owned()));
        false
    }
}

impl EmbeddedQueue {
    /// An empty queue configured by `config`.
    pub fn new(config: QueueConfig) -> Self {
        Self {
            config,
            state: Mutex::new(State::default()),
            wake: Notify::new(),
        }
    }

    /// How this queue was configured.
    pub fn config(&self) -> &QueueConfig {
        &self.config
    }

    /// A copy of every message (waiting, in flight, dead). The deduplication
    /// window is not kept. Cost: clones every body.
    pub fn snapshot(&self) -> QueueSnapshot {
        let state = self.state.lock();
        let mut messages: Vec<(u64, &Message)> =
            state.ready.iter().map(|(seq, m)| (*seq, m)).collect();
        messages.extend(state.in_flight.values().map(|f| (f.seq, &f.message)));
        messages.sort_by_key(|(seq, _)| *seq);
        QueueSnapshot {
            messages: messages
                .into_iter()
                .map(|(_, m)| StoredMessage {
                    body: m.body.clone(),
                    group_id: m.group.clone(),
                    receive_count: m.receive_count,
                })
                .collect(),
            dead: state.dead.clone(),
        }
    }

    /// A queue configured by `config` holding `snapshot`'s messages, all waiting.
    pub fn from_snapshot(config: QueueConfig, snapshot: QueueSnapshot) -> Self {
        let queue = Self::new(config);
        {
            let mut state = queue.state.lock();
            for (seq, m) in snapshot.messages.into_iter().enumerate() {
                state.ready.insert(
                    seq as u64,
                    Message {
                        body: m.body,
                        group: m.group_id,
                        receive_count: m.receive_count,
                    },
                );
            }
            state.next_seq = state.ready.len() as u64;
            state.dead = snapshot.dead;
        }
        queue
    }

    /// Messages that were received too often without an ack, oldest first.
    pub fn dead_letters(&self) -> Vec<DeadLetter> {
        self.state.lock().dead.clone()
    }

    /// How many messages wait, are in flight, and are dead, right now.
    pub fn depth(&self) -> QueueDepth {
        let mut state = self.state.lock();
        state.expire(Instant::now(), self.config.max_receive_count);
        QueueDepth {
            ready: state.ready.len(),
            in_flight: state.in_flight.len(),
            dead: state.dead.len(),
        }
    }

    /// Takes up to `max` deliverable messages now, without waiting.
    fn take(&self, max: usize) -> Vec<ReceivedMessage> {
        let now = Instant::now();
        let mut state = self.state.lock();
        state.expire(now, self.config.max_receive_count);
        let fifo = self.config.kind == QueueKind::Fifo;
        let picked: Vec<u64> = state
            .ready
            .iter()
            .filter(|(_, m)| {
                !(fifo
                    && m.group
                        .as_ref()
                        .is_some_and(|g| state.groups_in_flight.contains_key(g)))
            })
            .take(max)
            .map(|(seq, _)| *seq)
            .collect();
        let until = now + self.config.visibility_timeout;
        let mut received = Vec::with_capacity(picked.len());
        for seq in picked {
            let Some(mut message) = state.ready.remove(&seq) else {
                continue;
            };
            message.receive_count += 1;
            let receipt = format!("{seq}.{}", message.receive_count);
            received.push(ReceivedMessage {
                body: message.body.clone(),
                receipt: receipt.clone(),
                receive_count: message.receive_count,
            });
            if let Some(group) = &message.group {
                *state.groups_in_flight.entry(group.clone()).or_default() += 1;
            }
            state.expiries.insert((until, receipt.clone()));
            state.in_flight.insert(
                receipt,
                InFlight {
                    seq,
                    message,
                    until,
                },
            );
        }
        received
    }

    /// When the earliest in-flight message becomes visible again.
    fn next_expiry(&self) -> Option<Instant> {
        self.state.lock().expiries.first().map(|(at, _)| *at)
    }
}

#[async_trait]
impl QueueSender for EmbeddedQueue {
    /// All or nothing: a message over 256 KiB, or a FIFO message without a group,
    /// refuses the whole call before anything is enqueued.
    async fn send(&self, messages: &[QueueMessage]) -> Result<(), QueueError> {
        for message in messages {
            check_message_size(&message.body)?;
        }
        if self.config.kind == QueueKind::Fifo {
            let failed: Vec<usize> = messages
                .iter()
                .enumerate()
                .filter(|(_, m)| m.group_id.is_none())
                .map(|(i, _)| i)
                .collect();
            if !failed.is_empty() {
                return Err(QueueError::Partial {
                    failed,
                    reason: "a FIFO message needs a group_id".into(),
                });
            }
        }
        let now = Instant::now();
        {
            let mut state = self.state.lock();
            for message in messages {
                let fifo = self.config.kind == QueueKind::Fifo;
                if let (true, Some(dedup_id)) = (fifo, &message.dedup_id) {
                    if state.is_repeat(dedup_id, now, self.config.dedup_window) {
                        continue;
                    }
                }
                let seq = state.next_seq;
                state.next_seq += 1;
                state.ready.insert(
                    seq,
                    Message {
                        body: message.body.clone(),
                        group: if fifo { message.group_id.clone() } else { None },
                        receive_count: 0,
                    },
                );
            }
        }
        self.wake.notify_waiters();
        Ok(())
    }
}

#[async_trait]
impl QueueReceiver for EmbeddedQueue {
    /// Returns up to `max` (at most 10, as SQS) messages, waiting up to `wait`
    /// (at most 20 s, as SQS long polling) for the first one.
    async fn receive(&self, max: u32, wait: Duration) -> Result<Vec<ReceivedMessage>, QueueError> {
        let max = max.clamp(1, 10) as usize;
        let deadline = Instant::now() + wait.min(MAX_WAIT);
        loop {
            // Registered before looking, so a send in between is not missed.
            let woken = self.wake.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            let got = self.take(max);
            if !got.is_empty() || Instant::now() >= deadline {
                return Ok(got);
            }
            let wake_at = self.next_expiry().map_or(deadline, |at| at.min(deadline));
            let _ = tokio::time::timeout_at(wake_at, woken).await;
        }
    }

    /// Deletes the message. An unknown or stale receipt is ignored, as SQS does for
    /// a message that is already gone.
    async fn ack(&self, receipt: &str) -> Result<(), QueueError> {
        let released = self.state.lock().leave_flight(receipt).is_some();
        if released && self.config.kind == QueueKind::Fifo {
            // The group's next message may be deliverable now.
            self.wake.notify_waiters();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(body: &str, group: Option<&str>) -> QueueMessage {
        QueueMessage {
            body: body.into(),
            group_id: group.map(Into::into),
            dedup_id: None,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_message_received_max_receive_count_times_moves_to_the_dead_letters() {
        let queue = EmbeddedQueue::new(
            QueueConfig::standard()
                .with_visibility_timeout(Duration::from_secs(10))
                .with_max_receive_count(3),
        );
        queue.send(&[msg("poison", None)]).await.unwrap();
        for expected in 1..=3 {
            let got = queue.receive(10, Duration::from_secs(20)).await.unwrap();
            assert_eq!(got[0].receive_count, expected);
        }
        let after = queue.receive(10, Duration::from_secs(20)).await.unwrap();
        assert!(after.is_empty());
        assert_eq!(
            queue.dead_letters(),
            vec![DeadLetter {
                body: "poison".into(),
                group_id: None,
                receive_count: 3
            }]
        );
        assert_eq!(
            queue.depth(),
            QueueDepth {
                ready: 0,
                in_flight: 0,
                dead: 1
            }
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_fifo_dedup_window_lets_a_repeat_through_after_five_minutes() {
        let queue = EmbeddedQueue::new(QueueConfig::fifo());
        let m = QueueMessage {
            dedup_id: Some("evt".into()),
            ..msg("a", Some("g"))
        };
        queue.send(std::slice::from_ref(&m)).await.unwrap();
        tokio::time::advance(Duration::from_secs(299)).await;
        queue.send(std::slice::from_ref(&m)).await.unwrap();
        assert_eq!(queue.depth().ready, 1);
        tokio::time::advance(Duration::from_secs(2)).await;
        queue.send(&[m]).await.unwrap();
        assert_eq!(queue.depth().ready, 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_waiting_receiver_is_woken_by_a_send() {
        let queue = std::sync::Arc::new(EmbeddedQueue::new(QueueConfig::standard()));
        let waiter = {
            let queue = queue.clone();
            tokio::spawn(async move { queue.receive(10, Duration::from_secs(20)).await })
        };
        tokio::time::sleep(Duration::from_secs(1)).await;
        queue.send(&[msg("late", None)]).await.unwrap();
        let got = waiter.await.unwrap().unwrap();
        assert_eq!(got[0].body, "late");
    }

    #[tokio::test]
    async fn a_fifo_message_without_a_group_is_refused() {
        let queue = EmbeddedQueue::new(QueueConfig::fifo());
        let result = queue.send(&[msg("a", Some("g")), msg("b", None)]).await;
        assert!(matches!(result, Err(QueueError::Partial { failed, .. }) if failed == [1]));
        assert_eq!(queue.depth().ready, 0);
    }
}
