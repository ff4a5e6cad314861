//! The scheduler Lambda's handler, run every minute by EventBridge: start due
//! campaigns, send due step messages, and once a day (the first run after 04:00
//! JST, whichever minute that is) reconcile every channel's quota counter with
//! LINE's count; and fetch LINE's statistics for the campaign units due.

use jiff::{tz::TimeZone, SignedDuration, Timestamp};
use otodoke_broadcast::insight::{fetch_due_stats, FetchReport, FETCHES_PER_RUN};
use otodoke_broadcast::line::Messenger;
use otodoke_broadcast::scheduler::{reconcile_quota, send_due_steps, start_due, StepsReport};
use otodoke_broadcast::{BroadcastError, Ports};
use otodoke_core::ports::Claim;
use serde::Serialize;

/// What one run did (returned to EventBridge, which ignores it, and logged).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RunReport {
    pub started: Vec<String>,
    pub steps_sent: u32,
    pub steps_deferred: u32,
    pub reconciled: Option<usize>,
    /// LINE's statistics fetched for sent campaigns (see
    /// `otodoke_broadcast::insight`).
    pub stats: FetchReport,
}

/// Campaigns and enrolments handled per run at most (the next minute takes the rest).
pub const PER_RUN: u32 = 500;

/// The JST day whose reconcile is due at `now`: today's from 04:00 JST (a quiet
/// hour) on, `None` before 04:00 (yesterday's was due then and is done, or is
/// skipped: a missed day is caught up by the next one, the counts being monthly).
pub fn reconcile_day(now: Timestamp) -> Option<jiff::civil::Date> {
    let tokyo = TimeZone::get("Asia/Tokyo").expect("bundled tz database has Asia/Tokyo");
    let zoned = now.to_zoned(tokyo);
    (zoned.time().hour() >= 4).then(|| zoned.date())
}

/// How long one reconcile may hold the day's mark before another run may take over.
const RECONCILE_LEASE: SignedDuration = SignedDuration::from_mins(10);

/// Reconciles once per JST day, on the first run after 04:00 JST: the day's mark
/// `reconcile#<date>` in the idempotency store is claimed first (concurrent or later
/// runs find it in progress or done), completed after, and given up on a failure
/// so that the next minute tries again. Returns the channels reconciled, or `None`
/// when nothing was due.
pub async fn reconcile_once_a_day(
    ports: &Ports,
    line: &dyn Messenger,
    now: Timestamp,
) -> Result<Option<usize>, BroadcastError> {
    let Some(day) = reconcile_day(now) else {
        return Ok(None);
    };
    let key = format!("reconcile#{day}");
    if ports.idempotency.claim(&key, now, RECONCILE_LEASE).await? != Claim::Claimed {
        return Ok(None);
    }
    match reconcile_quota(ports, line, now).await {
        Ok(report) => {
            ports
                .idempotency
                .complete(&key, now, SignedDuration::from_hours(72))
                .await?;
            Ok(Some(report.reconciled))
        }
        Err(e) => {
            let _ = ports.idempotency.abandon(&key).await;
            Err(e)
        }
    }
}

/// One scheduler run at `now`.
pub async fn handle(
    ports: &Ports,
    line: &dyn Messenger,
    now: Timestamp,
) -> Result<RunReport, BroadcastError> {
    let started = start_due(ports, now, PER_RUN).await?;
    let StepsReport { sent, deferred, .. } = send_due_steps(ports, line, now, PER_RUN).await?;
    let reconciled = reconcile_once_a_day(ports, line, now).await?;
    // Statistics are a report, not a delivery: a failure here is logged and
    // the units stay due for the next run.
    let stats = fetch_due_stats(ports, line, now, FETCHES_PER_RUN)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "fetching LINE's statistics failed");
            FetchReport::default()
        });
    let report = RunReport {
        started: started.iter().map(ToString::to_string).collect(),
        steps_sent: sent,
        steps_deferred: deferred,
        reconciled,
        stats,
    };
    tracing::info!(?report, "scheduler run");
    Ok(report)
}
