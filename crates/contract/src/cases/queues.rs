use crate::support::{assert_empty, drain_n, receive_n};
use crate::Adapters;
use otodoke_core::ports::QueueMessage;
use otodoke_core::QueueError;
use std::collections::BTreeSet;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(15);

fn plain(body: &str) -> QueueMessage {
    QueueMessage {
        body: body.into(),
        group_id: None,
        dedup_id: None,
    }
}

fn grouped(body: &str, group: &str) -> QueueMessage {
    QueueMessage {
        body: body.into(),
        group_id: Some(group.into()),
        dedup_id: Some(body.into()),
    }
}

pub async fn a_sent_message_is_received_and_gone_after_ack(a: Adapters) {
    a.queue.send(&[plain("hello")]).await.unwrap();
    let got = receive_n(a.queue_rx.as_ref(), 1, PATIENCE).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].body, "hello");
    assert_eq!(got[0].receive_count, 1);
    a.queue_rx.ack(&got[0].receipt).await.unwrap();
    tokio::time::sleep(a.visibility_timeout + Duration::from_millis(500)).await;
    assert_empty(a.queue_rx.as_ref(), "an acked message never comes back").await;
}

pub async fn more_than_ten_messages_in_one_send_all_arrive(a: Adapters) {
    let messages: Vec<QueueMessage> = (0..25).map(|i| plain(&format!("m{i:02}"))).collect();
    a.queue.send(&messages).await.unwrap();
    let bodies = drain_n(a.queue_rx.as_ref(), 25, PATIENCE).await;
    let expected: BTreeSet<String> = messages.into_iter().map(|m| m.body).collect();
    assert_eq!(bodies.len(), 25, "{bodies:?}");
    assert_eq!(bodies.into_iter().collect::<BTreeSet<_>>(), expected);
}

pub async fn an_unacked_message_comes_back_after_the_visibility_timeout(a: Adapters) {
    a.queue.send(&[plain("retry me")]).await.unwrap();
    let first = receive_n(a.queue_rx.as_ref(), 1, PATIENCE).await;
    assert_eq!(first.len(), 1);
    // Received and not acked: invisible at first.
    let hidden = a.queue_rx.receive(10, Duration::ZERO).await.unwrap();
    assert!(
        hidden.is_empty(),
        "an in-flight message was delivered twice: {hidden:?}"
    );

    tokio::time::sleep(a.visibility_timeout + Duration::from_millis(200)).await;
    let again = receive_n(a.queue_rx.as_ref(), 1, PATIENCE).await;
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].body, "retry me");
    assert_eq!(again[0].receive_count, 2);
    a.queue_rx.ack(&again[0].receipt).await.unwrap();
}

pub async fn fifo_keeps_order_within_a_group(a: Adapters) {
    let mut messages = Vec::new();
    for i in 0..6 {
        messages.push(grouped(&format!("alice-{i}"), "alice"));
        messages.push(grouped(&format!("bob-{i}"), "bob"));
    }
    a.fifo.send(&messages).await.unwrap();
    let bodies = drain_n(a.fifo_rx.as_ref(), 12, PATIENCE).await;
    assert_eq!(bodies.len(), 12, "{bodies:?}");
    for user in ["alice", "bob"] {
        let theirs: Vec<&String> = bodies.iter().filter(|b| b.starts_with(user)).collect();
        let expected: Vec<String> = (0..6).map(|i| format!("{user}-{i}")).collect();
        assert_eq!(
            theirs,
            expected.iter().collect::<Vec<_>>(),
            "{user}'s order"
        );
    }
}

pub async fn fifo_holds_a_groups_next_message_while_one_is_in_flight(a: Adapters) {
    a.fifo
        .send(&[
            grouped("alice-1", "alice"),
            grouped("alice-2", "alice"),
            grouped("bob-1", "bob"),
        ])
        .await
        .unwrap();
    let first = a.fifo_rx.receive(1, Duration::from_secs(1)).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].body, "alice-1");

    let meanwhile = receive_n(a.fifo_rx.as_ref(), 1, PATIENCE).await;
    let bodies: Vec<&str> = meanwhile.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["bob-1"],
        "alice-2 must wait while alice-1 is in flight"
    );
    a.fifo_rx.ack(&meanwhile[0].receipt).await.unwrap();

    a.fifo_rx.ack(&first[0].receipt).await.unwrap();
    let next = drain_n(a.fifo_rx.as_ref(), 1, PATIENCE).await;
    assert_eq!(next, ["alice-2"]);
}

pub async fn fifo_drops_a_repeat_with_the_same_dedup_id(a: Adapters) {
    let event = QueueMessage {
        body: "webhook event 01J...".into(),
        group_id: Some("alice".into()),
        dedup_id: Some("evt-1".into()),
    };
    a.fifo.send(std::slice::from_ref(&event)).await.unwrap();
    a.fifo.send(std::slice::from_ref(&event)).await.unwrap();
    let other = QueueMessage {
        dedup_id: Some("evt-2".into()),
        body: "second".into(),
        ..event.clone()
    };
    a.fifo.send(&[other]).await.unwrap();
    let bodies = drain_n(a.fifo_rx.as_ref(), 2, PATIENCE).await;
    assert_eq!(bodies, [event.body.clone(), "second".to_string()]);
    assert_empty(a.fifo_rx.as_ref(), "a repeated dedup id is dropped").await;
}

pub async fn a_message_over_256_kib_is_refused_as_too_large(a: Adapters) {
    let huge = plain(&"x".repeat(300 * 1024));
    let result = a.queue.send(&[huge]).await;
    assert!(
        matches!(result, Err(QueueError::TooLarge { bytes, limit }) if bytes > limit),
        "{result:?}"
    );
    let huge_fifo = grouped(&"y".repeat(300 * 1024), "alice");
    let result = a.fifo.send(&[huge_fifo]).await;
    assert!(
        matches!(result, Err(QueueError::TooLarge { .. })),
        "{result:?}"
    );
    // A body just under the limit goes through.
    a.queue
        .send(&[plain(&"z".repeat(250 * 1024))])
        .await
        .unwrap();
    assert_eq!(drain_n(a.queue_rx.as_ref(), 1, PATIENCE).await.len(), 1);
}
