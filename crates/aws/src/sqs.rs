//! `QueueSender` and `QueueReceiver` on SQS, standard or FIFO.

use crate::error::queue_unavailable;
use async_trait::async_trait;
use aws_sdk_sqs::types::{
    BatchResultErrorEntry, MessageSystemAttributeName, QueueAttributeName,
    SendMessageBatchRequestEntry,
};
use aws_sdk_sqs::Client;
use otodoke_core::ports::{QueueMessage, QueueReceiver, QueueSender, ReceivedMessage};
use otodoke_core::QueueError;
use std::collections::HashMap;
use std::time::Duration;

/// SQS's limit on one message, and on one SendMessageBatch request: 256 KiB.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024;
/// SQS's limit on entries in one SendMessageBatch.
pub const MAX_BATCH_ENTRIES: usize = 10;
/// Attempts for entries that SQS reported failed inside a successful batch.
const ENTRY_ATTEMPTS: u32 = 4;
/// The FIFO group used when a message names none (SQS requires one).
const DEFAULT_GROUP: &str = "default";

/// One SQS queue, both sides. `fifo` must match the queue (its URL ends `.fifo`).
#[derive(Debug, Clone)]
pub struct SqsQueue {
    client: Client,
    url: String,
    fifo: bool,
}

impl SqsQueue {
    /// A queue by URL; FIFO when the URL ends in `.fifo`, as SQS requires.
    pub fn new(client: Client, url: impl Into<String>) -> Self {
        let url = url.into();
        let fifo = url.ends_with(".fifo");
        Self { client, url, fifo }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn is_fifo(&self) -> bool {
        self.fifo
    }

    fn entry(&self, index: usize, message: &QueueMessage) -> SendMessageBatchRequestEntry {
        let mut entry = SendMessageBatchRequestEntry::builder()
            .id(index.to_string())
            .message_body(&message.body);
        if self.fifo {
            entry = entry.message_group_id(message.group_id.as_deref().unwrap_or(DEFAULT_GROUP));
            // Without a dedup id of the caller's, one per message (fixed across our
            // own retries, so a retried entry is still deduplicated).
            let dedup = message
                .dedup_id
                .clone()
                .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
            entry = entry.message_deduplication_id(dedup);
        }
        entry.build().expect("id and body are set")
    }
}

/// Splits `sizes` into consecutive batches of at most 10 entries and 256 KiB.
pub fn batches(sizes: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, size) in sizes.iter().enumerate() {
        if i > start && (i - start == MAX_BATCH_ENTRIES || bytes + size > MAX_MESSAGE_BYTES) {
            out.push(start..i);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < sizes.len() {
        out.push(start..sizes.len());
    }
    out
}

/// Sorts the entries SQS reported failed into those worth retrying (SQS's fault,
/// and attempts are left) and those given up, with why; by position in the send.
/// Entries with an id that is not a position (never sent by us) are ignored.
pub fn triage(
    failed: &[BatchResultErrorEntry],
    last_attempt: bool,
) -> (Vec<usize>, Vec<(usize, String)>) {
    let mut retry = Vec::new();
    let mut given_up = Vec::new();
    for f in failed {
        let Ok(index) = f.id().parse::<usize>() else {
            continue;
        };
        if f.sender_fault() || last_attempt {
            given_up.push((
                index,
                format!("{}: {}", f.code(), f.message().unwrap_or_default()),
            ));
        } else {
            retry.push(index);
        }
    }
    (retry, given_up)
}

#[async_trait]
impl QueueSender for SqsQueue {
    /// One SendMessageBatch per 10 messages (or 256 KiB). Entries SQS reports failed
    /// are retried (up to 4 attempts, with backoff) unless SQS blames the sender;
    /// what still fails is reported as `Partial` with its positions in `messages`.
    /// A body over 256 KiB fails the whole call as `TooLarge` before anything is sent.
    async fn send(&self, messages: &[QueueMessage]) -> Result<(), QueueError> {
        if let Some(big) = messages.iter().find(|m| m.body.len() > MAX_MESSAGE_BYTES) {
            return Err(QueueError::TooLarge {
                bytes: big.body.len(),
                limit: MAX_MESSAGE_BYTES,
            });
        }
        let entries: Vec<SendMessageBatchRequestEntry> = messages
            .iter()
            .enumerate()
            .map(|(i, m)| self.entry(i, m))
            .collect();
        let sizes: Vec<usize> = messages.iter().map(|m| m.body.len()).collect();
        let mut failed: Vec<usize> = Vec::new();
        let mut reason = String::new();
        for range in batches(&sizes) {
            let mut pending: Vec<SendMessageBatchRequestEntry> = entries[range].to_vec();
            for attempt in 0..ENTRY_ATTEMPTS {
                let out = self
                    .client
                    .send_message_batch()
                    .queue_url(&self.url)
                    .set_entries(Some(pending.clone()))
                    .send()
                    .await
                    .map_err(|e| queue_unavailable("SendMessageBatch", e))?;
                let last = attempt + 1 == ENTRY_ATTEMPTS;
                let (retry_ids, given_up) = triage(out.failed(), last);
                for (index, why) in given_up {
                    tracing::warn!(index, reason = %why, "SQS refused a message");
                    reason = why;
                    failed.push(index);
                }
                let retry: Vec<SendMessageBatchRequestEntry> = retry_ids
                    .into_iter()
                    .filter_map(|i| entries.get(i).cloned())
                    .collect();
                if retry.is_empty() {
                    break;
                }
                pending = retry;
                tokio::time::sleep(Duration::from_millis(50 << attempt)).await;
            }
        }
        if failed.is_empty() {
            Ok(())
        } else {
            failed.sort_unstable();
            Err(QueueError::Partial { failed, reason })
        }
    }
}

#[async_trait]
impl QueueReceiver for SqsQueue {
    /// One ReceiveMessage (long poll up to `wait`, at most 20 s; at most 10 messages).
    async fn receive(&self, max: u32, wait: Duration) -> Result<Vec<ReceivedMessage>, QueueError> {
        let out = self
            .client
            .receive_message()
            .queue_url(&self.url)
            .max_number_of_messages(max.clamp(1, 10) as i32)
            .wait_time_seconds(wait.as_secs().min(20) as i32)
            .message_system_attribute_names(MessageSystemAttributeName::ApproximateReceiveCount)
            .send()
            .await
            .map_err(|e| queue_unavailable("ReceiveMessage", e))?;
        Ok(out
            .messages
            .unwrap_or_default()
            .into_iter()
            .filter_map(|m| {
                let receive_count = m
                    .attributes()
                    .and_then(|a| a.get(&MessageSystemAttributeName::ApproximateReceiveCount))
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1);
                Some(ReceivedMessage {
                    body: m.body?,
                    receipt: m.receipt_handle?,
                    receive_count,
                })
            })
            .collect())
    }

    /// One DeleteMessage.
    async fn ack(&self, receipt: &str) -> Result<(), QueueError> {
        self.client
            .delete_message()
            .queue_url(&self.url)
            .receipt_handle(receipt)
            .send()
            .await
            .map_err(|e| queue_unavailable("DeleteMessage", e))?;
        Ok(())
    }
}

/// A queue and its dead-letter queue, as [`create_queue`] made them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedQueue {
    pub url: String,
    pub dead_letter_url: String,
}

/// Creates `name` (FIFO when `fifo`; `.fifo` is appended) with a dead-letter queue
/// `name-dlq` that receives a message after `max_receive_count` receives, and the
/// given visibility timeout. For tests and local tooling; the SAM template declares
/// the deployed queues. Costs four SQS calls.
pub async fn create_queue(
    client: &Client,
    name: &str,
    fifo: bool,
    visibility_timeout: Duration,
    max_receive_count: u32,
) -> Result<CreatedQueue, QueueError> {
    let suffix = if fifo { ".fifo" } else { "" };
    let fifo_attributes = |mut a: HashMap<QueueAttributeName, String>| {
        if fifo {
            a.insert(QueueAttributeName::FifoQueue, "true".into());
        }
        a
    };
    let dlq = client
        .create_queue()
        .queue_name(format!("{name}-dlq{suffix}"))
        .set_attributes(Some(fifo_attributes(HashMap::new())))
        .send()
        .await
        .map_err(|e| queue_unavailable("CreateQueue", e))?;
    let dead_letter_url = dlq.queue_url.unwrap_or_default();
    let dlq_arn = client
        .get_queue_attributes()
        .queue_url(&dead_letter_url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .map_err(|e| queue_unavailable("GetQueueAttributes", e))?
        .attributes
        .and_then(|mut a| a.remove(&QueueAttributeName::QueueArn))
        .unwrap_or_default();
    let redrive = serde_json::json!({
        "deadLetterTargetArn": dlq_arn,
        "maxReceiveCount": max_receive_count,
    });
    let attributes = fifo_attributes(HashMap::from([
        (
            QueueAttributeName::VisibilityTimeout,
            visibility_timeout.as_secs().to_string(),
        ),
        (QueueAttributeName::RedrivePolicy, redrive.to_string()),
    ]));
    let queue = client
        .create_queue()
        .queue_name(format!("{name}{suffix}"))
        .set_attributes(Some(attributes))
        .send()
        .await
        .map_err(|e| queue_unavailable("CreateQueue", e))?;
    Ok(CreatedQueue {
        url: queue.queue_url.unwrap_or_default(),
        dead_letter_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_hold_at_most_ten_entries() {
        let ranges = batches(&[10; 25]);
        assert_eq!(ranges, vec![0..10, 10..20, 20..25]);
    }

    #[test]
    fn batches_hold_at_most_256_kib() {
        let big = 100 * 1024;
        // 100 + 100 KiB fit; 100 + 60 + 100 KiB (260) do not.
        let ranges = batches(&[big, big, big, 60 * 1024, big]);
        assert_eq!(ranges, vec![0..2, 2..4, 4..5]);
    }

    fn failure(id: &str, sender_fault: bool) -> BatchResultErrorEntry {
        BatchResultErrorEntry::builder()
            .id(id)
            .sender_fault(sender_fault)
            .code(if sender_fault {
                "InvalidMessageContents"
            } else {
                "InternalError"
            })
            .message("refused")
            .build()
            .unwrap()
    }

    #[test]
    fn sqs_side_failures_are_retried_and_sender_faults_are_given_up_at_once() {
        let (retry, given_up) = triage(&[failure("3", false), failure("7", true)], false);
        assert_eq!(retry, [3]);
        assert_eq!(
            given_up,
            [(7, "InvalidMessageContents: refused".to_string())]
        );
    }

    #[test]
    fn on_the_last_attempt_every_failure_is_given_up() {
        let (retry, given_up) = triage(&[failure("3", false), failure("x", false)], true);
        assert!(retry.is_empty());
        assert_eq!(given_up, [(3, "InternalError: refused".to_string())]);
    }

    #[test]
    fn no_messages_make_no_batches() {
        assert!(batches(&[]).is_empty());
    }
}
