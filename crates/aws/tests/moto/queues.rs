//! SQS behaviour beyond the contract: batching by size, FIFO defaults, the
//! dead-letter queue.

use otodoke_aws::{create_queue, sqs_client, SqsQueue};
use otodoke_core::ports::{QueueMessage, QueueReceiver, QueueSender};
use otodoke_moto::MotoServer;
use std::time::Duration;

fn message(body: String) -> QueueMessage {
    QueueMessage {
        body,
        group_id: None,
        dedup_id: None,
    }
}

async fn drain(queue: &SqsQueue, want: usize) -> Vec<String> {
    let mut bodies = Vec::new();
    for _ in 0..20 {
        if bodies.len() >= want {
            break;
        }
        for m in queue.receive(10, Duration::from_secs(1)).await.unwrap() {
            queue.ack(&m.receipt).await.unwrap();
            bodies.push(m.body);
        }
    }
    bodies
}

#[tokio::test]
async fn messages_whose_total_passes_256_kib_are_split_across_batches_and_all_arrive() {
    let sdk = MotoServer::shared().sdk_config().await;
    let sqs = sqs_client(&sdk);
    let name = format!("t{}-big", uuid::Uuid::new_v4().simple());
    let created = create_queue(&sqs, &name, false, Duration::from_secs(5), 5)
        .await
        .unwrap();
    let queue = SqsQueue::new(sqs, created.url);
    // Five bodies of 100 KiB: one SendMessageBatch of all five would be refused.
    let bodies: Vec<String> = (0..5)
        .map(|i| format!("{i}{}", "x".repeat(100 * 1024)))
        .collect();
    queue
        .send(&bodies.iter().cloned().map(message).collect::<Vec<_>>())
        .await
        .unwrap();
    let mut got = drain(&queue, 5).await;
    got.sort();
    assert_eq!(got, bodies);
}

#[tokio::test]
async fn a_fifo_message_without_group_or_dedup_id_is_still_accepted() {
    let sdk = MotoServer::shared().sdk_config().await;
    let sqs = sqs_client(&sdk);
    let name = format!("t{}-plain", uuid::Uuid::new_v4().simple());
    let created = create_queue(&sqs, &name, true, Duration::from_secs(5), 5)
        .await
        .unwrap();
    assert!(created.url.ends_with(".fifo"));
    let queue = SqsQueue::new(sqs, created.url);
    assert!(queue.is_fifo());
    queue
        .send(&[message("a".into()), message("b".into())])
        .await
        .unwrap();
    assert_eq!(drain(&queue, 2).await, ["a", "b"]);
}

#[tokio::test]
async fn a_message_received_too_often_moves_to_the_dead_letter_queue() {
    let sdk = MotoServer::shared().sdk_config().await;
    let sqs = sqs_client(&sdk);
    let name = format!("t{}-poison", uuid::Uuid::new_v4().simple());
    let created = create_queue(&sqs, &name, false, Duration::from_secs(1), 2)
        .await
        .unwrap();
    let queue = SqsQueue::new(sqs.clone(), created.url);
    let dead = SqsQueue::new(sqs, created.dead_letter_url);
    queue.send(&[message("poison".into())]).await.unwrap();
    let mut receives = 0;
    for _ in 0..10 {
        let got = queue.receive(1, Duration::from_secs(1)).await.unwrap();
        receives += got.len();
        if receives >= 2 && got.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1_100)).await;
    }
    assert_eq!(
        receives, 2,
        "received {receives} times with maxReceiveCount 2"
    );
    assert_eq!(drain(&dead, 1).await, ["poison"]);
}
