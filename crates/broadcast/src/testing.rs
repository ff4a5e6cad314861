//! A LINE double for tests of the pipeline and of the functions that drive it:
//! multicasts and pushes are accepted as LINE accepts them (a repeated retry key is
//! answered "already sent", and only the first is recorded), the month's
//! consumption is a fixed number whose reads are counted, and narrowcasts are
//! refused. Tests that need LINE's rules and limits use the LINE sandbox instead.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};

use async_trait::async_trait;
use otodoke_core::organization::Channel;
use otodoke_core::LineUserId;
use otodoke_line::client::insight::AggregationUnit;
use otodoke_line::client::NarrowcastProgress;
use parking_lot::Mutex;
use uuid::Uuid;

use crate::line::{Accepted, Messenger, NarrowcastTarget, SendFailure};

/// One push LINE took.
#[derive(Debug, Clone, PartialEq)]
pub struct Pushed {
    pub to: String,
    pub key: Uuid,
    pub messages: Vec<serde_json::Value>,
}

/// See the module documentation.
#[derive(Debug, Default)]
pub struct FakeLine {
    multicast_calls: AtomicU32,
    pushes: Mutex<Vec<Pushed>>,
    keys: Mutex<HashMap<Uuid, u32>>,
    consumption: u64,
    consumption_reads: AtomicU32,
}

impl FakeLine {
    /// A channel that has sent `consumption` messages this month.
    pub fn with_consumption(consumption: u64) -> Self {
        Self {
            consumption,
            ..Self::default()
        }
    }

    /// Multicast requests made, repeats included.
    pub fn multicast_calls(&self) -> u32 {
        self.multicast_calls.load(Ordering::SeqCst)
    }

    /// Pushes LINE took, in order, each retry key once.
    pub fn pushes(&self) -> Vec<Pushed> {
        self.pushes.lock().clone()
    }

    /// Reads of the month's consumption.
    pub fn consumption_reads(&self) -> u32 {
        self.consumption_reads.load(Ordering::SeqCst)
    }

    /// Whether nothing was sent at all.
    pub fn sent_nothing(&self) -> bool {
        self.multicast_calls() == 0 && self.keys.lock().is_empty()
    }

    /// Counts `key` and tells whether an earlier request used it.
    fn seen(&self, key: Uuid) -> bool {
        let mut keys = self.keys.lock();
        let count = keys.entry(key).or_default();
        *count += 1;
        *count > 1
    }
}

#[async_trait]
impl Messenger for FakeLine {
    async fn multicast(
        &self,
        _: &Channel,
        _: &[LineUserId],
        _: &[serde_json::Value],
        key: Uuid,
        _: Option<&AggregationUnit>,
    ) -> Result<Accepted, SendFailure> {
        self.multicast_calls.fetch_add(1, Ordering::SeqCst);
        Ok(Accepted {
            request_id: None,
            already: self.seen(key),
        })
    }

    async fn push(
        &self,
        _: &Channel,
        to: &LineUserId,
        messages: &[serde_json::Value],
        key: Uuid,
        _: Option<&AggregationUnit>,
    ) -> Result<Accepted, SendFailure> {
        let already = self.seen(key);
        if !already {
            self.pushes.lock().push(Pushed {
                to: to.to_string(),
                key,
                messages: messages.to_vec(),
            });
        }
        Ok(Accepted {
            request_id: None,
            already,
        })
    }

    async fn quota_consumption(&self, _: &Channel) -> Result<u64, SendFailure> {
        self.consumption_reads.fetch_add(1, Ordering::SeqCst);
        Ok(self.consumption)
    }

    async fn narrowcast(
        &self,
        _: &Channel,
        _: NarrowcastTarget<'_>,
        _: &[serde_json::Value],
        _: Uuid,
    ) -> Result<Accepted, SendFailure> {
        Err(SendFailure::Rejected("the fake does not narrowcast".into()))
    }

    async fn narrowcast_progress(
        &self,
        _: &Channel,
        _: &str,
    ) -> Result<NarrowcastProgress, SendFailure> {
        Err(SendFailure::Rejected("the fake does not narrowcast".into()))
    }
}
