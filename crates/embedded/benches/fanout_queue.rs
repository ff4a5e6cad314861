//! Writing 10,000 fan-out batches (a serialized `FanoutBatch` of 500 recipients each,
//! about 18 KB) through the embedded queue port, 10 messages per `send` as the
//! planner does with SQS batches.
//!
//! cargo bench -p otodoke-embedded --bench fanout_queue

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use otodoke_core::campaign::FanoutBatch;
use otodoke_core::ports::{QueueMessage, QueueSender};
use otodoke_core::{CampaignId, ChannelId, LineUserId};
use otodoke_embedded::{EmbeddedQueue, QueueConfig};

const BATCHES: u32 = 10_000;
const RECIPIENTS: u32 = 500;

fn batch(no: u32) -> FanoutBatch {
    FanoutBatch {
        campaign_id: CampaignId::new("autumn-sale").unwrap(),
        channel_id: ChannelId::new("1650000000").unwrap(),
        batch_no: no,
        recipients: (0..RECIPIENTS)
            .map(|i| LineUserId::parse(format!("U{:032x}", no * RECIPIENTS + i)).unwrap())
            .collect(),
    }
}

fn message(batch: &FanoutBatch) -> QueueMessage {
    QueueMessage {
        body: serde_json::to_string(batch).unwrap(),
        group_id: None,
        dedup_id: None,
    }
}

fn fanout_queue(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let batches: Vec<FanoutBatch> = (0..BATCHES).map(batch).collect();
    let messages: Vec<QueueMessage> = batches.iter().map(message).collect();

    let mut group = c.benchmark_group("write 10,000 fan-out batches of 500");
    group.throughput(Throughput::Elements(u64::from(BATCHES)));
    group.sample_size(10);
    group.bench_function("send (bodies serialized beforehand)", |b| {
        b.iter(|| {
            let queue = EmbeddedQueue::new(QueueConfig::standard());
            rt.block_on(async {
                for chunk in messages.chunks(10) {
                    queue.send(chunk).await.unwrap();
                }
            });
            assert_eq!(queue.depth().ready, BATCHES as usize);
        })
    });
    group.bench_function("serialize and send", |b| {
        b.iter(|| {
            let queue = EmbeddedQueue::new(QueueConfig::standard());
            rt.block_on(async {
                for chunk in batches.chunks(10) {
                    let chunk: Vec<QueueMessage> = chunk.iter().map(message).collect();
                    queue.send(&chunk).await.unwrap();
                }
            });
            assert_eq!(queue.depth().ready, BATCHES as usize);
        })
    });
    group.finish();
}

criterion_group!(benches, fanout_queue);
criterion_main!(benches);
