//! The scheduler Lambda's handler, run every minute by EventBridge: start due
//! campaigns, send due step messages, and once a day (the first run after 04:00
//! JST) reconcile the quota counters with LINE's count.

use jiff::{tz::TimeZone, Timestamp};
use otodoke_broadcast::line::Messenger;
use otodoke_broadcast::scheduler::{reconcile_quota, send_due_steps, start_due, StepsReport};
use otodoke_broadcast::{BroadcastError, Ports};
use otodoke_core::ChannelId;
use serde::Serialize;

/// What one run did (returned to EventBridge, which ignores it, and logged).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RunReport {
    pub started: Vec<String>,
    pub steps_sent: u32,
    pub steps_deferred: u32,
    pub reconciled: Option<usize>,
}

/// Campaigns and enrolments handled per run at most (the next minute takes the rest).
pub const PER_RUN: u32 = 500;

/// Whether `now` is the daily reconciliation minute (04:00 JST, a quiet hour).
pub fn is_reconcile_minute(now: Timestamp) -> bool {
    let tokyo = TimeZone::get("Asia/Tokyo").expect("bundled tz database has Asia/Tokyo");
    let t = now.to_zoned(tokyo).time();
    t.hour() == 4 && t.minute() == 0
}

/// One scheduler run at `now`. `channels` are those to reconcile daily.
pub async fn handle(
    ports: &Ports,
    line: &dyn Messenger,
    channels: &[ChannelId],
    now: Timestamp,
) -> Result<RunReport, BroadcastError> {
    let started = start_due(ports, now, PER_RUN).await?;
    let StepsReport { sent, deferred, .. } = send_due_steps(ports, line, now, PER_RUN).await?;
    let reconciled = if is_reconcile_minute(now) {
        let failed = reconcile_quota(ports, line, channels, now).await?;
        Some(channels.len() - failed.len())
    } else {
        None
    };
    let report = RunReport {
        started: started.iter().map(ToString::to_string).collect(),
        steps_sent: sent,
        steps_deferred: deferred,
        reconciled,
    };
    tracing::info!(?report, "scheduler run");
    Ok(report)
}
